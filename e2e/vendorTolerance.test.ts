/**
 * What real vendors send (issue: a tolerant vendor contract): more than the seed 002 contract, in
 * the browser, through the real wrapper library in the vendor frame. An unknown field, a numeric
 * caller ANI, a numeric-string duration and values outside the contract's lists still pop the
 * caller's record and log one Task; what was tolerated is warned about in the vendor's console,
 * once per field name, and nothing unknown is written to Salesforce.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConsoleMessage } from 'playwright-core';
import { JOE_LEAD_ID } from '../workbench/platform/org/sampleData';
import { PARTNER_CONFIG } from '../workbench/softphone/constants';
import { openWithSoftphone, TEST_TIMEOUT_MS, useWorkbench, waitForRecordPage, waitForTasks } from './harness';

type Send = (type: string, payload: Record<string, unknown>) => { ok: boolean; warnings?: unknown[] };

void describe('Vendor tolerance', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
    const e2e = useWorkbench();

    void it(
        'pops and logs a call whose messages carry more than the contract, warning the vendor once per field',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { page, softphone } = await openWithSoftphone(e2e);
            const vendorWarnings: string[] = [];
            page.on('console', (message: ConsoleMessage) => {
                if (message.type() === 'warning' && message.text().startsWith('[StreemSoftphoneBridge]'))
                    vendorWarnings.push(message.text());
            });
            const conversationId = `vendor-extra-${Date.now()}`;
            const ids = { partnerId: PARTNER_CONFIG.partnerId, conversationId };
            const send = (type: string, payload: Record<string, unknown>): Promise<ReturnType<Send>> =>
                softphone.evaluate(
                    ({ type, payload }) => {
                        const bridge = (window as unknown as { StreemSoftphoneBridge: Record<string, unknown> })
                            .StreemSoftphoneBridge;
                        return (bridge[type] as (p: unknown) => ReturnType<Send>)(payload);
                    },
                    { type, payload }
                );

            // A number where text is expected, and a field the contract does not have.
            const ringing = await send('incomingCall', { ...ids, callerANI: 15035551212, queueName: 'Premium Line' });
            assert.equal(ringing.ok, true);
            await waitForRecordPage(page, 'Lead', JOE_LEAD_ID);

            const accepted = await send('callAccepted', {
                ...ids,
                queueName: 'Premium Line',
                recordingStatus: 'PAUSED'
            });
            assert.equal(accepted.ok, true);
            const ended = await send('callEnded', {
                ...ids,
                duration: '95',
                callType: 'transfer',
                queueName: 'Premium Line'
            });
            assert.equal(ended.ok, true);

            const [task] = await waitForTasks(e2e, 1);
            assert.ok(task);
            assert.equal(task.CallObject, conversationId);
            assert.equal(task.WhoId, JOE_LEAD_ID);
            assert.equal(task.CallDurationInSeconds, 95);
            assert.equal(task.CallType, 'Inbound');
            assert.ok(!JSON.stringify(task).includes('Premium Line'), 'an unknown field must never reach Salesforce');

            await page.waitForTimeout(300);
            const about = (field: string): string[] => vendorWarnings.filter((w) => w.includes(`.${field} `));
            assert.equal(about('queueName').length, 1, `queueName warnings: ${JSON.stringify(vendorWarnings)}`);
            for (const field of ['callerANI', 'recordingStatus', 'duration', 'callType'])
                assert.equal(about(field).length, 1, `${field} warnings: ${JSON.stringify(vendorWarnings)}`);
        }
    );
});
