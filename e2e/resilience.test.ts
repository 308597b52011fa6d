/**
 * The never-lose call log: saveLog fails (workbench fault), the agent reloads Salesforce in the
 * middle of the wrap-up, saveLog works again. Exactly one Task exists at the end, with the notes.
 * And Open CTI's softphone container starting after the adapter: its first calls refused.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACME_ACCOUNT_ID, JOE_LEAD_ID } from '../workbench/platform/org/sampleData';
import {
    acceptCall,
    endCall,
    fillWrapUp,
    JOE_E164,
    openSoftphone,
    openWithSoftphone,
    recordPath,
    ringIncoming,
    screenshot,
    STEP_TIMEOUT_MS,
    TEST_TIMEOUT_MS,
    useWorkbench,
    waitForLog,
    waitForRecordPage,
    waitUntil
} from './harness';

void describe('Call log resilience', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
    const e2e = useWorkbench();

    void it(
        'saveLog failing, then succeeding, with a reload mid-wrap-up: exactly one Task, notes intact',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { workbench } = e2e;
            // Retry quickly (the admin's setting; default 2 s, doubling).
            workbench.callCenterOverrides['/callLogging/logRetryDelayMs'] = '500';
            const opened = await openWithSoftphone(e2e, recordPath('Lead', JOE_LEAD_ID));
            const { page } = opened;
            let { softphone } = opened;
            const conversationId = await ringIncoming(softphone, JOE_E164);
            await acceptCall(softphone);

            // Every save fails from now on (UNABLE_TO_LOCK_ROW).
            const FAILURES = 1_000;
            workbench.faults.saveLogFailures = FAILURES;
            const firstNotes = 'Customer confirmed the new date.';
            await fillWrapUp(softphone, 'Resolved', firstNotes);
            const ended = await endCall(softphone, conversationId);
            await waitUntil('a failed saveLog attempt', () => workbench.faults.saveLogFailures < FAILURES);
            assert.equal(workbench.org.allTasks().length, 0);
            await screenshot(page, 'save-log-failing');

            // The agent reloads Salesforce mid-wrap-up; saves still fail right after the reload.
            await page.reload();
            await page.getByRole('heading', { name: 'Joe Customer', level: 1 }).waitFor();
            softphone = await openSoftphone(page, e2e);
            await waitForLog(softphone, 'info', 'restored');
            assert.equal(await softphone.locator('[data-id="notes"]').inputValue(), firstNotes);

            // saveLog works again: the pending log is written once, with the notes from before the reload.
            workbench.faults.saveLogFailures = 0;
            const [task] = await waitUntil(
                'the Task after recovery',
                () => {
                    const tasks = workbench.org.allTasks();
                    return tasks.length ? tasks : undefined;
                },
                STEP_TIMEOUT_MS * 2
            );
            assert.ok(task);
            assert.equal(task.CallObject, conversationId);
            assert.equal(task.Description, firstNotes);
            assert.equal(task.CallDisposition, 'Resolved');
            assert.equal(task.CallDurationInSeconds, ended.duration);
            assert.equal(task.WhoId, JOE_LEAD_ID);

            // Wrap-up continues after the reload: the final notes update the same Task.
            const finalNotes = `${firstNotes} Sent the Streem invite.`;
            await softphone.locator('[data-id="notes"]').fill(finalNotes);
            await softphone.locator('[data-id="submit-notes"]').click();
            await waitForLog(softphone, 'ack', 'callNotesSubmitted');
            await waitUntil('the notes on the Task', () => workbench.org.allTasks()[0]?.Description === finalNotes);
            await page.waitForTimeout(1_000);
            const tasks = workbench.org.allTasks();
            assert.equal(tasks.length, 1, `exactly one Task, got ${JSON.stringify(tasks)}`);
            assert.equal(tasks[0]?.Description, finalNotes);
            assert.equal(tasks[0]?.CallDisposition, 'Resolved');
            const item = page.locator(`li.wb-task[data-task-id="${String(tasks[0]?.Id)}"]`);
            await item.waitFor();
            await waitUntil('the final notes on the record page', async () =>
                ((await item.textContent()) ?? '').includes('Sent the Streem invite.')
            );
        }
    );

    void it(
        "the softphone container not initialized for the adapter's first calls: asked again, the call popped and logged once",
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { workbench } = e2e;
            // The host answers SOFTPHONE_CONTAINER_ERROR to the first Open CTI calls of each adapter load.
            workbench.faults.openCtiContainerStartupCalls = 3;
            const { page, softphone } = await openWithSoftphone(e2e, recordPath('Account', ACME_ACCOUNT_ID));
            const conversationId = await ringIncoming(softphone, JOE_E164);
            await waitForRecordPage(page, 'Lead', JOE_LEAD_ID);
            await page.getByRole('heading', { name: 'Joe Customer', level: 1 }).waitFor({ timeout: STEP_TIMEOUT_MS });
            await acceptCall(softphone);
            await endCall(softphone, conversationId);
            const task = await waitUntil('the Task', () =>
                workbench.org.allTasks().find((t) => t.CallObject === conversationId)
            );
            assert.equal(task.WhoId, JOE_LEAD_ID);
            await page.waitForTimeout(1_000);
            assert.equal(workbench.org.allTasks().length, 1);
        }
    );
});
