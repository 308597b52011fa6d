/**
 * Inbound calls end to end: the reference softphone (vendor side, through the wrapper library) →
 * the adapter page (Open CTI) → Lightning (screen pop, Task, the softphoneBridge component).
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { PARTNER_CONFIG } from '../workbench/softphone/constants';
import {
    JOE_LEAD_ID,
    SHARED_CONTACT_ID,
    SHARED_LEAD_ID,
    SHARED_NUMBER,
    UNKNOWN_NUMBER
} from '../workbench/platform/org/sampleData';
import {
    acceptCall,
    adapterFrame,
    appPath,
    endCall,
    fillWrapUp,
    HOME,
    JOE_E164,
    openPage,
    openSoftphone,
    openWithSoftphone,
    recordPath,
    ringIncoming,
    screenshot,
    softphoneLog,
    TEST_TIMEOUT_MS,
    today,
    useWorkbench,
    waitForLog,
    waitForRecordPage,
    waitForTasks,
    waitUntil
} from './harness';

const DISPOSITIONS = ['Resolved', 'Follow-up needed', 'Callback requested', 'No answer', 'Wrong number'];

void describe('Inbound call', { timeout: TEST_TIMEOUT_MS * 4 }, () => {
    const e2e = useWorkbench();

    void it(
        'pops the matching Lead; ended with disposition and notes it becomes one Task with the right fields on the Lead',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { page, softphone, startUp } = await openWithSoftphone(e2e);

            // On load(callback) Salesforce sends the dispositions, the partner config, and asks for presence.
            assert.deepEqual(startUp.disposition.payload, DISPOSITIONS);
            assert.deepEqual(startUp.partnerConfig.payload, { ...PARTNER_CONFIG });

            const conversationId = await ringIncoming(softphone, JOE_E164);
            await waitForRecordPage(page, 'Lead', JOE_LEAD_ID);
            await page.getByRole('heading', { name: 'Joe Customer', level: 1 }).waitFor();
            await screenshot(page, 'incoming-call-popped');

            await acceptCall(softphone);
            // Let the call last at least a second so the duration is not trivially 0.
            await page.waitForTimeout(1_100);
            const notes = 'Wants to move the visit to Friday.\nSend a Streem invite next time.';
            await fillWrapUp(softphone, 'Resolved', notes);
            const ended = await endCall(softphone, conversationId);
            assert.ok(typeof ended.duration === 'number' && ended.duration >= 1, `duration ${String(ended.duration)}`);
            await screenshot(page, 'call-wrap-up');
            await softphone.locator('[data-id="submit-notes"]').click();
            await waitForLog(softphone, 'sent', 'callNotesSubmitted');

            const [task] = await waitForTasks(e2e, 1);
            // Give a late duplicate save the chance to show up before asserting "exactly one".
            await page.waitForTimeout(500);
            const tasks = e2e.workbench.org.allTasks();
            assert.equal(tasks.length, 1, `expected one Task, got ${JSON.stringify(tasks)}`);
            assert.ok(task);
            const expected = {
                Subject: `Inbound call from ${JOE_E164}`,
                Status: 'Completed',
                TaskSubtype: 'Call',
                CallType: 'Inbound',
                CallDurationInSeconds: ended.duration,
                CallDisposition: 'Resolved',
                CallObject: conversationId,
                Description: notes,
                ActivityDate: today(),
                WhoId: JOE_LEAD_ID
            };
            const actual = Object.fromEntries(Object.keys(expected).map((k) => [k, task[k]]));
            assert.deepEqual(actual, expected);
            assert.equal(task.WhatId ?? undefined, undefined);

            // The Task shows in the Lead's Activity timeline.
            const item = page.locator(`li.wb-task[data-task-id="${task.Id}"]`);
            await item.waitFor();
            const text = (await item.textContent()) ?? '';
            assert.match(text, new RegExp(`Inbound call from \\${JOE_E164}`));
            assert.match(text, /Resolved/);
            assert.match(text, /Wants to move the visit to Friday\./);
            // Minimise the softphone so the record page shows, scrolled to its Activity timeline.
            await page.locator('[data-id="softphone-item"]').click();
            await page.locator('[data-id="softphone-item"][aria-expanded="false"]').waitFor();
            await item.scrollIntoViewIfNeeded();
            await screenshot(page, 'task-on-lead');
        }
    );

    void it(
        'shows the live call and its wrap-up in the softphoneBridge component on the Lead page',
        { timeout: TEST_TIMEOUT_MS },
        async (t: TestContext) => {
            const page = await openPage(e2e, recordPath('Lead', JOE_LEAD_ID));
            await page.getByRole('heading', { name: 'Joe Customer', level: 1 }).waitFor();
            if ((await page.locator('c-softphone-bridge').count()) === 0) {
                t.skip('c-softphone-bridge is not on the Lead page yet');
                return;
            }
            const bridge = page.locator('c-softphone-bridge');
            const softphone = await openSoftphone(page, e2e);
            const conversationId = await ringIncoming(softphone, JOE_E164);
            await softphone.locator('[data-id="accept"]').click();

            // The live call: connected, the caller's number, the Lead it is about.
            await bridge.locator('[data-id="call"][data-state="connected"]').waitFor();
            assert.match((await bridge.locator('[data-id="caller-number"]').textContent()) ?? '', /555-1212|5551212/);
            assert.match((await bridge.locator('[data-id="call-record"]').textContent()) ?? '', /Joe Customer/);
            await screenshot(page, 'softphone-bridge-live-call');
            // The softphone is signed in (it answered get_presence) and on a call: no "not signed in" notice.
            await waitUntil(
                'no "signed out" notice during a live call',
                async () => (await bridge.locator('[data-id="signed-out"]').count()) === 0,
                3_000
            );

            await fillWrapUp(softphone, 'Follow-up needed', 'Call back on Monday.');
            await endCall(softphone, conversationId);
            // The wrap-up: the call ended, with the disposition and notes the softphone sent.
            await bridge
                .locator('[data-id="call"][data-state="ended"], [data-id="call"][data-state="wrappedUp"]')
                .first()
                .waitFor();
            await bridge.locator('[data-id="wrap-up"]').waitFor();
            const field = async (id: string): Promise<unknown> =>
                bridge.locator(`[data-id="${id}"]`).evaluate((el) => (el as HTMLElement & { value?: unknown }).value);
            await waitUntil('the notes in the wrap-up', async () => (await field('notes')) === 'Call back on Monday.');
            // The agent sees the disposition in the combobox (not just a property set on it).
            const shown = bridge.locator('[data-id="disposition"] [role="combobox"]');
            await waitUntil('the disposition shown in the wrap-up', async () =>
                ((await shown.first().textContent({ timeout: 1_000 })) ?? '').includes('Follow-up needed')
            );
            await screenshot(page, 'softphone-bridge-wrap-up');
        }
    );

    void it(
        'several matches: search results by default, nothing when set to none, a choice in the panel when set to ask',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            let { page, softphone } = await openWithSoftphone(e2e);
            // (415) 555-0199 is Ada Shared's (Lead) and Sam Shared's (Contact) number.
            await ringIncoming(softphone, '+14155550199');
            await page.waitForURL((url) => url.pathname === '/lightning/search');
            const term = new URL(page.url()).searchParams.get('term') ?? '';
            assert.match(term.replace(/\D/g, ''), /4155550199$/, `search term "${term}"`);
            // The search page lists both records: the agent picks; nothing was opened for them.
            await page.locator(`li.wb-result a[href*="${SHARED_LEAD_ID}"]`).waitFor();
            await page.locator(`li.wb-result a[href*="${SHARED_CONTACT_ID}"]`).waitFor();
            await screenshot(page, 'several-matches-search');

            // The admin sets "When Several Records Match" to none: the next call pops nothing.
            e2e.workbench.callCenterOverrides['/screenPop/multipleMatches'] = 'none';
            // A new browser session: the first call is still ringing in the old one.
            await page.context().close();
            ({ page, softphone } = await openWithSoftphone(e2e));
            await ringIncoming(softphone, SHARED_NUMBER);
            await waitForLog(softphone, 'ack', 'incomingCall');
            await page.waitForTimeout(1_000);
            assert.equal(appPath(page), HOME);

            // "ask": the softphone panel lists the matches; the agent's choice opens the record.
            e2e.workbench.callCenterOverrides['/screenPop/multipleMatches'] = 'ask';
            await page.context().close();
            ({ page, softphone } = await openWithSoftphone(e2e));
            await ringIncoming(softphone, '+14155550199');
            const adapter = adapterFrame(page, e2e);
            assert.ok(adapter, 'the adapter frame');
            const ada = adapter.locator(`button.sfa-choice__option[data-record-id="${SHARED_LEAD_ID}"]`);
            await ada.waitFor();
            await adapter.locator(`button.sfa-choice__option[data-record-id="${SHARED_CONTACT_ID}"]`).waitFor();
            assert.equal(appPath(page), HOME, 'nothing opens before the agent chooses');
            await screenshot(page, 'several-matches-ask');
            await ada.click();
            await waitForRecordPage(page, 'Lead', SHARED_LEAD_ID);
        }
    );

    void it(
        'no match: pops nothing by default, or a new Lead form with the number when set to newLead',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            let { page, softphone } = await openWithSoftphone(e2e);
            await ringIncoming(softphone, '+12125550000');
            await waitForLog(softphone, 'ack', 'incomingCall');
            await page.waitForTimeout(1_000);
            assert.equal(appPath(page), HOME, `no match (${UNKNOWN_NUMBER}) with noMatch=none must not navigate`);

            e2e.workbench.callCenterOverrides['/screenPop/noMatch'] = 'newLead';
            // A new browser session: the first call is still ringing in the old one.
            await page.context().close();
            ({ page, softphone } = await openWithSoftphone(e2e));
            await ringIncoming(softphone, '+12125550000');
            await page.waitForURL((url) => url.pathname === '/lightning/o/Lead/new');
            const defaults = new URL(page.url()).searchParams.get('defaultFieldValues') ?? '';
            assert.match(defaults.replace(/\D/g, ''), /2125550000/, `defaultFieldValues ${defaults}`);
            await screenshot(page, 'no-match-new-lead');
            // Nothing was logged for a call that is still ringing.
            assert.equal(e2e.workbench.org.allTasks().length, 0);
            assert.ok((await softphoneLog(softphone)).every((e) => e.kind !== 'error'));
        }
    );
});
