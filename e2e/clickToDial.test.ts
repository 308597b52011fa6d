/**
 * Click-to-dial: a phone field on the Lead page → Open CTI onClickToDial → the adapter → the
 * softphone receives `start_call` with the E.164 number; the call it then places is logged on the
 * Lead it was dialled from.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JOE_LEAD_ID } from '../workbench/platform/org/sampleData';
import { DIAL_FROM, PARTNER_CONFIG } from '../workbench/softphone/constants';
import {
    acceptCall,
    endCall,
    openWithSoftphone,
    recordPath,
    screenshot,
    TEST_TIMEOUT_MS,
    today,
    useWorkbench,
    waitForLog,
    waitForTasks
} from './harness';

void describe('Click-to-dial', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
    const e2e = useWorkbench();

    void it(
        'sends start_call with the E.164 number, and logs the call on the Lead it was dialled from',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { page, softphone } = await openWithSoftphone(e2e, recordPath('Lead', JOE_LEAD_ID));

            // Phone fields become click-to-dial links once the adapter enabled click-to-dial.
            const mobile = page.locator('a.wb-phone[data-number="(503) 555-1212"][data-dialable="true"]');
            await mobile.click();

            const startCall = await waitForLog(softphone, 'event', 'start_call');
            assert.deepEqual(startCall.payload, {
                ...PARTNER_CONFIG,
                dialTo: '+15035551212',
                dialFrom: DIAL_FROM,
                participantType: 'Traveler'
            });
            // The softphone dials at once and tells Salesforce; the page stays on the record it was dialled from.
            const initiated = await waitForLog(softphone, 'sent', 'outboundCallInitiated');
            const { conversationId, dialledTo } = initiated.payload as { conversationId: string; dialledTo: string };
            assert.equal(dialledTo, '+15035551212');
            await waitForLog(softphone, 'ack', 'outboundCallInitiated');
            await screenshot(page, 'click-to-dial');
            assert.equal(new URL(page.url()).pathname, `/lightning/r/Lead/${JOE_LEAD_ID}/view`);

            await acceptCall(softphone);
            await softphone.locator('[data-id="disposition"]').selectOption('Callback requested');
            const ended = await endCall(softphone, conversationId);
            assert.equal(ended.callType, 'outbound');

            const [task] = await waitForTasks(e2e, 1);
            await page.waitForTimeout(500);
            assert.equal(e2e.workbench.org.allTasks().length, 1);
            assert.ok(task);
            assert.deepEqual(
                {
                    Subject: task.Subject,
                    Status: task.Status,
                    TaskSubtype: task.TaskSubtype,
                    CallType: task.CallType,
                    CallDurationInSeconds: task.CallDurationInSeconds,
                    CallDisposition: task.CallDisposition,
                    CallObject: task.CallObject,
                    ActivityDate: task.ActivityDate,
                    WhoId: task.WhoId
                },
                {
                    Subject: 'Outbound call to +15035551212',
                    Status: 'Completed',
                    TaskSubtype: 'Call',
                    CallType: 'Outbound',
                    CallDurationInSeconds: ended.duration,
                    CallDisposition: 'Callback requested',
                    CallObject: conversationId,
                    ActivityDate: today(),
                    WhoId: JOE_LEAD_ID
                }
            );
            await page.locator(`li.wb-task[data-task-id="${task.Id}"]`).waitFor();
        }
    );
});
