/**
 * The adapter under the org faults the workbench models (workbench/platform/org/faults.ts): saveLog
 * answers lost, late or never sent, lasting errors, the Task lookup failing too, storage full; and
 * Open CTI's own SOFTPHONE_CONTAINER_ERROR while the softphone container starts.
 * Exactly one Task per call, found by CallObject through the REST query resource stand-in
 * (workbench/platform/org/restQuery.ts).
 */
import { createInProcessWorkbench } from '../../../../workbench/platform/opencti/inProcess';
import { JOE_LEAD_ID } from '../../../../workbench/platform/org/sampleData';
import {
    callCenterSettings,
    channelEvents,
    FakeLocks,
    MemoryStorage,
    PARTNER_ID,
    settle,
    snapshotForA11y,
    waitReady,
    useAdapterPages
} from './harness';
import type { Started, Vendor } from './harness';
import { SAVE_LOG_TIMEOUT_MS } from '../openCtiCrm';
import { CREATE_SETTLE_MS } from '../../core/index';

const CONVERSATION = 'conv-fault-1';
const JOE_MOBILE = '+15035551212';

const { page, ready } = useAdapterPages();

async function answeredCall(vendor: Vendor, conversationId = CONVERSATION): Promise<void> {
    vendor.bridge.incomingCall({ partnerId: PARTNER_ID, conversationId, callerANI: JOE_MOBILE });
    await settle();
    vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId });
    vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId, duration: 12 });
    await settle();
}

function tasksOf(s: Started, conversationId = CONVERSATION): Record<string, unknown>[] {
    return s.wb.org.allTasks().filter((task) => task.CallObject === conversationId);
}

describe('c-softphone-adapter under org faults', () => {
    it('a save whose answer is lost: found by CallObject after the timeout, not created again', async () => {
        const s = await ready();
        s.wb.faults.saveLogLostAnswers = 1;
        await answeredCall(s.vendor);
        expect(tasksOf(s)).toHaveLength(1);
        await settle(SAVE_LOG_TIMEOUT_MS + 60_000);
        expect(tasksOf(s)).toHaveLength(1);
        expect(tasksOf(s)[0]).toMatchObject({ WhoId: JOE_LEAD_ID, CallDurationInSeconds: 12 });
        expect(s.root.querySelector('.sfa-logs')?.textContent).toBe('');
    });

    it('the popped record is deleted (or merged away) during the call: the call is logged once, without it', async () => {
        const s = await ready();
        s.vendor.bridge.incomingCall({ partnerId: PARTNER_ID, conversationId: CONVERSATION, callerANI: JOE_MOBILE });
        await settle();
        s.vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId: CONVERSATION });
        await settle();
        // The org answers a save naming it INVALID_CROSS_REFERENCE_KEY from now on.
        expect(s.wb.org.delete(JOE_LEAD_ID)).toBe(true);
        s.vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, duration: 12 });
        await settle(10_000);
        expect(tasksOf(s)).toHaveLength(1);
        expect(tasksOf(s)[0]).toMatchObject({ CallDurationInSeconds: 12 });
        expect(tasksOf(s)[0]?.WhoId).toBeUndefined();
    });

    it('a save whose answer is lost, and a flow reassigns the Task meanwhile: still found (by its creator), not created again', async () => {
        const s = await ready();
        s.wb.faults.saveLogLostAnswers = 1;
        await answeredCall(s.vendor);
        expect(tasksOf(s)).toHaveLength(1);
        // An assignment rule or flow gives the new Task to a supervisor.
        const [task] = tasksOf(s);
        if (task) task.OwnerId = '005000000000777AAA';
        await settle(SAVE_LOG_TIMEOUT_MS + 60_000);
        expect(tasksOf(s)).toHaveLength(1);
    });

    it('a reload while the save is in flight: the restored log finds its Task', async () => {
        const locks = new FakeLocks();
        const first = await ready({ locks });
        first.wb.faults.saveLogLostAnswers = 1;
        await answeredCall(first.vendor);
        first.adapter.dispose();
        first.root.remove();
        first.wb.reloadAdapter();
        const second = page({ wb: first.wb, locks });
        await waitReady(second.adapter);
        await settle(5_000);
        expect(tasksOf(second)).toHaveLength(1);
    });

    it('a late answer is still one Task', async () => {
        const s = await ready();
        s.wb.faults.saveLogSlowAnswers = 1;
        s.wb.faults.saveLogSlowMs = 5_000;
        await answeredCall(s.vendor);
        await settle(10_000);
        expect(tasksOf(s)).toHaveLength(1);
    });

    it('a save that never answers nor writes: created once, after the lookup still finds nothing once the save could have committed', async () => {
        const s = await ready();
        s.wb.faults.saveLogNoAnswers = 1;
        await answeredCall(s.vendor);
        expect(tasksOf(s)).toHaveLength(0);
        await settle(SAVE_LOG_TIMEOUT_MS + 10_000);
        // Still waiting: a save with no answer may yet commit (CREATE_SETTLE_MS after it was sent).
        expect(tasksOf(s)).toHaveLength(0);
        expect(s.root.querySelector('.sfa-logs')?.textContent).toContain('1 not saved yet');
        await settle(CREATE_SETTLE_MS);
        expect(tasksOf(s)).toHaveLength(1);
        expect(s.root.querySelector('.sfa-logs')?.textContent).toBe('');
    });

    it('a save that commits after the adapter stopped waiting: adopted, not created again', async () => {
        const s = await ready();
        s.wb.faults.saveLogLateCommits = 1;
        s.wb.faults.saveLogLateCommitMs = SAVE_LOG_TIMEOUT_MS + 5_000;
        await answeredCall(s.vendor);
        await settle(SAVE_LOG_TIMEOUT_MS + 2_500); // timed out, looked up, found nothing yet
        expect(tasksOf(s)).toHaveLength(0);
        await settle(CREATE_SETTLE_MS + 60_000);
        expect(tasksOf(s)).toHaveLength(1);
        expect(tasksOf(s)[0]).toMatchObject({ WhoId: JOE_LEAD_ID, CallDurationInSeconds: 12 });
        expect(s.root.querySelector('.sfa-logs')?.textContent).toBe('');
    });

    it('the lookup failing too keeps the log pending, never created blind, and says what to do', async () => {
        const s = await ready();
        s.wb.faults.saveLogLostAnswers = 1;
        await answeredCall(s.vendor);
        // The session expires: saves and lookups fail until the agent logs in again.
        s.wb.faults.saveLogLastingError = 'session';
        await settle(SAVE_LOG_TIMEOUT_MS + 30_000);
        const banner = s.root.querySelector('.sfa-logs');
        expect(banner?.textContent).toContain('Call logs not saved: 1.');
        expect(banner?.textContent).toContain('INVALID_SESSION_ID');
        expect(banner?.querySelector('.sfa-logs__advice')?.textContent).toContain('Your Salesforce session expired');
        snapshotForA11y(s.root);
        expect(tasksOf(s)).toHaveLength(1);
        s.wb.faults.saveLogLastingError = '';
        await settle(10 * 60_000);
        expect(tasksOf(s)).toHaveLength(1);
        expect(s.root.querySelector('.sfa-logs')?.textContent).toBe('');
    });

    it.each([
        ['validation', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'A validation rule refused'],
        ['access', 'INSUFFICIENT_ACCESS_OR_READONLY', 'Softphone_Bridge_User']
    ] as const)('a lasting %s error is shown at once with what to do', async (kind, code, advice) => {
        const s = await ready();
        s.wb.faults.saveLogLastingError = kind;
        await answeredCall(s.vendor);
        const banner = s.root.querySelector('.sfa-logs');
        expect(banner?.textContent).toContain(code);
        expect(banner?.querySelector('.sfa-logs__advice')?.textContent).toContain(advice);
        snapshotForA11y(s.root);
        s.wb.faults.saveLogLastingError = '';
        banner?.querySelector('button')?.click();
        await settle();
        expect(tasksOf(s)).toHaveLength(1);
    });

    it('storage full: the agent is told, the log is still written when the org answers', async () => {
        const local = new MemoryStorage();
        const s = await ready({ localStorage: local });
        s.wb.faults.saveLogFailures = 2;
        // From now on storage takes nothing bigger than a few characters (the quota is used up).
        jest.spyOn(local, 'setItem').mockImplementation((key, value) => {
            if (String(value).length > 10) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        });
        await answeredCall(s.vendor);
        const alert = s.root.querySelector('.sfa-logs__storage');
        expect(alert?.textContent).toContain('Browser storage is full: 1 call logs');
        expect(alert?.getAttribute('role')).toBe('alert');
        snapshotForA11y(s.root);
        await settle(10_000);
        expect(tasksOf(s)).toHaveLength(1);
        expect(s.root.querySelector('.sfa-logs__storage')).toBeNull();
    });

    it('late notes after 60 more calls change only the notes of the right Task', async () => {
        const s = await ready();
        await answeredCall(s.vendor, 'conv-first');
        const [first] = tasksOf(s, 'conv-first');
        for (let i = 0; i < 60; i++) {
            s.vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: `conv-${i}`, duration: 1 });
            if (i % 20 === 0) await settle();
        }
        await settle();
        s.vendor.bridge.callNotesSubmitted({ partnerId: PARTNER_ID, conversationId: 'conv-first', notes: 'Late' });
        await settle();
        expect(tasksOf(s, 'conv-first')).toEqual([{ ...first, Description: 'Late' }]);
    }, 30_000);
});

describe('c-softphone-adapter while the softphone container starts', () => {
    /** A workbench whose adapter frame's first `calls` Open CTI calls get SOFTPHONE_CONTAINER_ERROR. */
    function containerStartingAfter(calls: number) {
        const wb = createInProcessWorkbench({ settings: callCenterSettings() });
        wb.faults.openCtiContainerStartupCalls = calls;
        wb.reloadAdapter();
        return wb;
    }

    it('asks again until the container answers: settings read, commands heard, the call popped and logged once, click-to-dial on', async () => {
        const wb = containerStartingAfter(3);
        const s = await ready({ wb });
        const refused = wb.opencti.calls.length;
        expect(refused).toBeGreaterThan(3);
        expect(s.root.querySelector('iframe')).not.toBeNull();
        expect(s.root.querySelector('.sfa-settings')?.textContent).toBe('');

        wb.bus.publish('SoftphoneBridge__c', { version: 1, kind: 'command', id: 'c-state', type: 'requestState' });
        await settle();
        expect(channelEvents(wb, 'snapshot')).not.toEqual([]);

        await answeredCall(s.vendor);
        expect(wb.lightning.currentPath()).toContain(JOE_LEAD_ID);
        expect(tasksOf(s)).toEqual([expect.objectContaining({ WhoId: JOE_LEAD_ID, CallDurationInSeconds: 12 })]);
        expect(
            wb.host.clickToDial({
                number: JOE_MOBILE,
                recordId: JOE_LEAD_ID,
                recordName: 'Joe Customer',
                objectType: 'Lead'
            })
        ).toBe(true);
        await settle();
        expect(s.vendor.events.some(([type]) => type === 'start_call')).toBe(true);
    });

    it('every call that answers through a callback is asked again: subscribe, getAppViewInfo, getCallCenterSettings', async () => {
        const wb = containerStartingAfter(3);
        const s = await ready({ wb });
        const asked = (method: string) => wb.opencti.calls.filter((call) => call.method === method).length;
        // The first three calls with a callback, in the order the adapter makes them, are each asked twice.
        expect([asked('subscribe'), asked('getAppViewInfo'), asked('getCallCenterSettings')]).toEqual([2, 2, 2]);
        expect(s.root.querySelector('.sfa-settings')?.textContent).toBe('');
    });

    it('a container that never answers: the admin is told why, nothing throws', async () => {
        const wb = containerStartingAfter(50);
        const s = page({ wb });
        await waitReady(s.adapter);
        const shown = s.root.querySelector('.sfa-settings')?.textContent ?? '';
        expect(shown).toContain(
            'Call center: Salesforce did not give the call center settings (getCallCenterSettings: SOFTPHONE_CONTAINER_ERROR: Unable to execute sendPostMessage'
        );
        expect(shown).toContain('Reload the page');
        // Only the real problem: not every item reported missing, nor an address to set.
        expect(shown).not.toContain('Softphone URL');
        expect(shown).not.toContain('until its address is set');
    });
});
