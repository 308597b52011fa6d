/**
 * The Open CTI adapter against the workbench's one Open CTI fake (workbench/platform/opencti/host.ts
 * through inProcess.ts; callback shapes `{ success, returnValue, errors }` per the Open CTI developer
 * guide, sforce-api-cti-<method>-lex) and the real vendor wrapper library.
 */
import { createEnvelope } from '../../core/index';
import {
    ACME_ACCOUNT_ID,
    JOE_LEAD_ID,
    SHARED_CONTACT_ID,
    SHARED_LEAD_ID
} from '../../../../workbench/platform/org/sampleData';
import type { AdapterHandle } from '../adapter';
import {
    BUSINESS_SEGMENT_ID,
    callCenterSettings,
    CHANNEL_ORIGIN_ID,
    channelEvents,
    connectVendor,
    DIAL_FROM,
    FakeLocks,
    MemoryStorage,
    PARTNER_ID,
    quiet,
    settle,
    SOFTPHONE_ORIGIN,
    waitReady,
    snapshotForA11y,
    useAdapterPages
} from './harness';
import type { Started, Vendor } from './harness';

const CONVERSATION = 'conv-0001';
const JOE_MOBILE = '+15035551212';
const SHARED = '+14155550199';
const UNKNOWN = '+12125550000';

const { page, ready } = useAdapterPages();

function today(): string {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function inboundCall(vendor: Vendor, ani: string, conversationId = CONVERSATION): Promise<void> {
    vendor.bridge.incomingCall({ partnerId: PARTNER_ID, conversationId, callerANI: ani });
    await settle();
}

describe('c-softphone-adapter start-up', () => {
    it('registers the Open CTI listeners synchronously, before anything asynchronous', () => {
        const { wb } = page();
        // Nothing has run yet (fake timers): the calls made are the ones startAdapter made synchronously.
        const first = wb.opencti.calls.map((c) => c.method);
        expect(first.slice(0, 3)).toEqual(['onClickToDial', 'onNavigationChange', 'subscribe']);
        expect(first).toContain('getCallCenterSettings');
        expect(first).not.toContain('notifyInitializationComplete');
    });

    it('hosts the softphone from the settings, enables click-to-dial and reports initialization complete', async () => {
        const { wb, adapter, root } = await ready();
        const iframe = root.querySelector('iframe');
        expect(iframe).not.toBeNull();
        expect(iframe?.getAttribute('allow')).toBe('microphone; autoplay');
        expect(iframe?.title).toBe('Softphone');
        const src = new URL(iframe?.getAttribute('src') ?? '');
        expect(src.origin + src.pathname).toBe(`${SOFTPHONE_ORIGIN}/agent`);
        expect(src.searchParams.get('crmOrigin')).toBe(window.location.origin);
        expect(wb.host.isInitialized()).toBe(true);
        expect(wb.host.isClickToDialEnabled()).toBe(true);
        expect(adapter.bridge()).not.toBeNull();
        snapshotForA11y(root);
    });

    it('without partner ids (the shipped defaults) turns click-to-dial off as opencti.js accepts, and still reports initialization complete', async () => {
        // opencti.js throws for disableClickToDial({}) (an empty argument object); the workbench's
        // sforce.opencti checks arguments the same way, so that call would abort start-up here.
        const { wb, root } = await ready({
            settings: callCenterSettings({
                '/vendorSoftphone/partnerId': 'not set',
                '/vendorSoftphone/businessSegmentId': 'not set',
                '/vendorSoftphone/channelOriginId': 'not set'
            })
        });
        expect(wb.opencti.calls.map((c) => c.method)).toEqual(
            expect.arrayContaining(['disableClickToDial', 'notifyInitializationComplete'])
        );
        expect(wb.host.isInitialized()).toBe(true);
        expect(wb.host.isClickToDialEnabled()).toBe(false);
        expect(root.querySelector('.sfa-fatal')?.childElementCount).toBe(0);
    });

    it('sends dispositions, partner_config and get_presence on load, and answers presence', async () => {
        const { wb, vendor } = await ready({
            settings: callCenterSettings({ '/callLogging/dispositionCodes': 'Resolved;Callback requested' })
        });
        expect(vendor.events).toEqual([
            ['disposition', ['Resolved', 'Callback requested']],
            [
                'partner_config',
                { partnerId: PARTNER_ID, businessSegmentId: BUSINESS_SEGMENT_ID, channelOriginId: CHANNEL_ORIGIN_ID }
            ],
            ['get_presence', undefined]
        ]);
        vendor.bridge.statusChanged({ softphoneId: 'aaaaaaaa-0000-4000-8000-000000000002' });
        await settle();
        const presence = channelEvents(wb, 'presenceChanged').pop();
        expect(presence?.payload).toMatchObject({
            softphoneId: 'aaaaaaaa-0000-4000-8000-000000000002',
            label: 'Break'
        });
        // update_presence from the softphoneBridge component (a validated LMS command).
        wb.bus.publish('SoftphoneBridge__c', {
            version: 1,
            kind: 'command',
            id: 'cmd-1',
            type: 'setPresence',
            payload: { softphoneId: 'aaaaaaaa-0000-4000-8000-000000000001' }
        });
        await settle();
        expect(vendor.events).toContainEqual([
            'update_presence',
            { softphoneId: 'aaaaaaaa-0000-4000-8000-000000000001' }
        ]);
    });
});

describe('c-softphone-adapter screen pops', () => {
    it('pops the one matching record and shows the panel', async () => {
        const { wb, vendor } = await ready();
        await inboundCall(vendor, JOE_MOBILE);
        expect(wb.host.pops).toEqual([`/lightning/r/Lead/${JOE_LEAD_ID}/view`]);
        expect(wb.host.panel.visible).toBe(true);
        const searched = wb.opencti.calls.find((c) => c.method === 'searchAndScreenPop');
        expect(searched?.args).toMatchObject({ searchParams: JOE_MOBILE, callType: 'inbound', deferred: true });
    });

    it('several matches, multipleMatches=ask: nothing pops, the agent chooses in the panel', async () => {
        const { wb, vendor, root } = await ready();
        await inboundCall(vendor, SHARED);
        expect(wb.host.pops).toEqual([]);
        const options = [...root.querySelectorAll<HTMLButtonElement>('.sfa-choice__option')];
        expect(options.map((b) => b.dataset.recordId).sort()).toEqual([SHARED_CONTACT_ID, SHARED_LEAD_ID].sort());
        expect(root.querySelector('#sfa-choice-title')?.textContent).toBe(`Several records match ${SHARED}`);
        snapshotForA11y(root);
        options.find((b) => b.dataset.recordId === SHARED_CONTACT_ID)?.click();
        await settle();
        expect(wb.host.pops).toEqual([`/lightning/r/Contact/${SHARED_CONTACT_ID}/view`]);
        expect(root.querySelector('.sfa-choice__option')).toBeNull();
        vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId: CONVERSATION, callerANI: SHARED });
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, duration: 10 });
        await settle();
        expect(wb.org.allTasks()).toHaveLength(1);
        expect(wb.org.allTasks()[0]).toMatchObject({ WhoId: SHARED_CONTACT_ID });
    });

    it('several matches, multipleMatches=search: opens search for the number', async () => {
        const { wb, vendor, root } = await ready({
            settings: callCenterSettings({ '/screenPop/multipleMatches': 'search' })
        });
        await inboundCall(vendor, SHARED);
        expect(wb.host.pops).toEqual([`/lightning/search?term=${encodeURIComponent(SHARED)}`]);
        expect(root.querySelector('.sfa-choice__option')).toBeNull();
    });

    it('several matches, multipleMatches=none: opens nothing', async () => {
        const { wb, vendor } = await ready({ settings: callCenterSettings({ '/screenPop/multipleMatches': 'none' }) });
        await inboundCall(vendor, SHARED);
        expect(wb.host.pops).toEqual([]);
    });

    it.each([
        [
            'newLead',
            `/lightning/o/Lead/new?defaultFieldValues=${encodeURIComponent(JSON.stringify({ Phone: UNKNOWN }))}`
        ],
        [
            'newContact',
            `/lightning/o/Contact/new?defaultFieldValues=${encodeURIComponent(JSON.stringify({ Phone: UNKNOWN }))}`
        ],
        ['search', `/lightning/search?term=${encodeURIComponent(UNKNOWN)}`]
    ])('no match, noMatch=%s', async (noMatch, expected) => {
        const { wb, vendor } = await ready({ settings: callCenterSettings({ '/screenPop/noMatch': noMatch }) });
        await inboundCall(vendor, UNKNOWN);
        expect(wb.host.pops).toEqual([expected]);
    });

    it('no match, noMatch=none: opens nothing', async () => {
        const { wb, vendor } = await ready();
        await inboundCall(vendor, UNKNOWN);
        expect(wb.host.pops).toEqual([]);
    });

    it('a call with no match is logged without Who/What, whatever the agent opens during or after it', async () => {
        const { wb, vendor } = await ready();
        wb.lightning.open(`/lightning/r/Account/${ACME_ACCOUNT_ID}/view`);
        await settle();
        await inboundCall(vendor, UNKNOWN);
        vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId: CONVERSATION });
        await settle();
        wb.lightning.open(`/lightning/r/Lead/${JOE_LEAD_ID}/view`);
        await settle();
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, duration: 5 });
        await settle();
        wb.lightning.open(`/lightning/r/Account/${ACME_ACCOUNT_ID}/view`);
        await settle(5_000);
        const [task] = wb.org.allTasks();
        expect(wb.org.allTasks()).toHaveLength(1);
        expect(task?.WhoId).toBeUndefined();
        expect(task?.WhatId).toBeUndefined();
    });

    it('a call with no match is logged against the Lead the agent created from its pop', async () => {
        const { wb, vendor } = await ready({ settings: callCenterSettings({ '/screenPop/noMatch': 'newLead' }) });
        await inboundCall(vendor, UNKNOWN);
        vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId: CONVERSATION });
        await settle();
        expect(wb.lightning.currentPath()).toMatch(/^\/lightning\/o\/Lead\/new/);
        // Saving the New Lead form opens the new record (here a sample Lead stands for it).
        wb.lightning.open(`/lightning/r/Lead/${JOE_LEAD_ID}/view`);
        await settle();
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, duration: 5 });
        await settle();
        expect(wb.org.allTasks()).toEqual([expect.objectContaining({ WhoId: JOE_LEAD_ID })]);
    });

    it('a finished call is never linked from navigation, even to one of its matches', async () => {
        const { wb, vendor } = await ready();
        await inboundCall(vendor, SHARED);
        vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId: CONVERSATION, callerANI: SHARED });
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, duration: 10 });
        await settle();
        wb.lightning.open(`/lightning/r/Contact/${SHARED_CONTACT_ID}/view`);
        await settle(5_000);
        expect(wb.org.allTasks()).toHaveLength(1);
        expect(wb.org.allTasks()[0]?.WhoId).toBeUndefined();
    });

    it('a live call with several matches takes the match the agent opens', async () => {
        const { wb, vendor } = await ready();
        await inboundCall(vendor, SHARED);
        vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId: CONVERSATION, callerANI: SHARED });
        await settle();
        wb.lightning.open(`/lightning/r/Contact/${SHARED_CONTACT_ID}/view`);
        await settle();
        wb.lightning.open(`/lightning/r/Lead/${SHARED_LEAD_ID}/view`);
        await settle();
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, duration: 10 });
        await settle();
        expect(wb.org.allTasks()).toEqual([expect.objectContaining({ WhoId: SHARED_CONTACT_ID })]);
    });
});

describe('c-softphone-adapter call logging', () => {
    it('writes one Task with the documented fields when the call ends, and refreshes the view', async () => {
        const { wb, vendor } = await ready();
        await inboundCall(vendor, JOE_MOBILE);
        vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId: CONVERSATION, callerANI: JOE_MOBILE });
        await settle(30_000);
        const refreshesBefore = wb.lightning.refreshCount();
        vendor.bridge.callEnded({
            partnerId: PARTNER_ID,
            conversationId: CONVERSATION,
            duration: 95,
            disposition: 'Resolved',
            notes: 'Changed the booking date.',
            callType: 'inbound'
        });
        await settle();
        const tasks = wb.org.allTasks();
        expect(tasks).toHaveLength(1);
        const { Id, CreatedDate, CreatedById, OwnerId, Priority, ...fields } = tasks[0] ?? { Id: '' };
        expect(Id).toMatch(/^00T/);
        expect(CreatedDate).toEqual(expect.any(String));
        expect(OwnerId).toEqual(expect.any(String));
        expect(CreatedById).toBe(OwnerId);
        expect(Priority).toBe('Normal');
        expect(fields).toEqual({
            Subject: `Inbound call from ${JOE_MOBILE}`,
            Status: 'Completed',
            TaskSubtype: 'Call',
            CallType: 'Inbound',
            CallDurationInSeconds: 95,
            CallDisposition: 'Resolved',
            CallObject: CONVERSATION,
            Description: 'Changed the booking date.',
            ActivityDate: today(),
            WhoId: JOE_LEAD_ID
        });
        expect(wb.lightning.refreshCount()).toBeGreaterThan(refreshesBefore);
        const saved = channelEvents(wb, 'logStatus').pop();
        expect(saved?.payload).toMatchObject({ conversationId: CONVERSATION, status: 'saved', taskId: Id });
    });

    it.each([
        ['America/Los_Angeles', '2026-12-01'],
        ['Pacific/Kiritimati', '2026-12-02']
    ])("dates the Task in the agent's Salesforce time zone (%s), not the browser's", async (timeZone, activityDate) => {
        jest.setSystemTime(Date.UTC(2026, 11, 2, 3, 0)); // 19:00 on 1 December in California, 17:00 on the 2nd on Kiritimati
        const { wb, vendor } = await ready({ timeZone });
        const ids = { partnerId: PARTNER_ID, conversationId: 'conv-zone' };
        vendor.bridge.incomingCall({ ...ids, callerANI: JOE_MOBILE });
        vendor.bridge.callAccepted(ids);
        vendor.bridge.callEnded({ ...ids, duration: 5 });
        await settle();
        expect(wb.org.allTasks()).toEqual([
            expect.objectContaining({ CallObject: 'conv-zone', ActivityDate: activityDate })
        ]);
    });

    it('a withheld caller (anonymous) is not searched for: no pop, the call logged without Who/What', async () => {
        const { wb, vendor } = await ready();
        const ids = { partnerId: PARTNER_ID, conversationId: 'conv-anon' };
        vendor.bridge.incomingCall({ ...ids, callerANI: 'anonymous' });
        vendor.bridge.callAccepted(ids);
        vendor.bridge.callEnded({ ...ids, duration: 7 });
        await settle();
        expect(wb.opencti.calls.filter((call) => call.method === 'searchAndScreenPop')).toEqual([]);
        const [task] = wb.org.allTasks();
        expect(task).toMatchObject({ CallObject: 'conv-anon', CallDurationInSeconds: 7 });
        expect(task).not.toHaveProperty('WhoId');
        expect(task).not.toHaveProperty('WhatId');
    });

    it('a conversation id as long as CallObject holds (255) is logged as given, once', async () => {
        const { wb, vendor } = await ready();
        const conversationId = `${CONVERSATION}-${'7'.repeat(255 - CONVERSATION.length - 1)}`;
        vendor.bridge.incomingCall({ partnerId: PARTNER_ID, conversationId, callerANI: JOE_MOBILE });
        vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId, callerANI: JOE_MOBILE });
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId, duration: 5, callType: 'inbound' });
        await settle();
        expect(wb.org.allTasks()).toEqual([
            expect.objectContaining({ CallObject: conversationId, WhoId: JOE_LEAD_ID })
        ]);
        expect(channelEvents(wb, 'logStatus').pop()?.payload).toMatchObject({ conversationId, status: 'saved' });
    });
    it('uses the call center subject template when one is set', async () => {
        const { wb, vendor } = await ready({
            settings: callCenterSettings({ '/callLogging/taskSubject': '{callType} call {number} ({outcome})' })
        });
        await inboundCall(vendor, JOE_MOBILE);
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION });
        await settle();
        expect(wb.org.allTasks()[0]?.Subject).toBe(`Inbound call ${JOE_MOBILE} (missed)`);
    });

    it('callNotesSubmitted updates the same Task', async () => {
        const { wb, vendor } = await ready();
        await inboundCall(vendor, JOE_MOBILE);
        vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId: CONVERSATION });
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, duration: 40 });
        await settle();
        expect(wb.org.allTasks()).toHaveLength(1);
        vendor.bridge.callNotesSubmitted({
            partnerId: PARTNER_ID,
            conversationId: CONVERSATION,
            disposition: 'Callback requested',
            notes: 'Call back tomorrow.'
        });
        await settle();
        const tasks = wb.org.allTasks();
        expect(tasks).toHaveLength(1);
        expect(tasks[0]).toMatchObject({
            CallDisposition: 'Callback requested',
            Description: 'Call back tomorrow.',
            CallDurationInSeconds: 40,
            WhoId: JOE_LEAD_ID
        });
    });

    it('notes that arrive before the first save finished still end up on that one Task', async () => {
        const { wb, vendor } = await ready({ latencyMs: 200 });
        await inboundCall(vendor, JOE_MOBILE);
        await settle(1_000);
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, duration: 12 });
        // 250 ms later the org has created the Task, but saveLog's answer (200 ms each way) is not back yet.
        await settle(250);
        expect(wb.org.allTasks()).toHaveLength(1);
        expect(channelEvents(wb, 'logStatus').pop()?.payload).toMatchObject({ status: 'pending' });
        vendor.bridge.callNotesSubmitted({
            partnerId: PARTNER_ID,
            conversationId: CONVERSATION,
            notes: 'Early notes.'
        });
        await settle(2_000);
        const tasks = wb.org.allTasks();
        expect(tasks).toHaveLength(1);
        expect(tasks[0]).toMatchObject({
            Description: 'Early notes.',
            CallDurationInSeconds: 12,
            CallObject: CONVERSATION
        });
    });

    it('logs a rejected call only when logMissedCalls is on', async () => {
        const off = await ready({ settings: callCenterSettings({ '/callLogging/logMissedCalls': 'false' }) });
        await inboundCall(off.vendor, JOE_MOBILE);
        off.vendor.bridge.callRejected({ partnerId: PARTNER_ID, conversationId: CONVERSATION, reason: 'passive' });
        await settle();
        expect(off.wb.org.allTasks()).toHaveLength(0);
        off.adapter.dispose();

        const on = await ready();
        await inboundCall(on.vendor, JOE_MOBILE, 'conv-missed');
        on.vendor.bridge.callRejected({ partnerId: PARTNER_ID, conversationId: 'conv-missed', reason: 'active' });
        await settle();
        expect(on.wb.org.allTasks()).toEqual([
            expect.objectContaining({
                Subject: `Rejected call from ${JOE_MOBILE}`,
                CallObject: 'conv-missed',
                WhoId: JOE_LEAD_ID
            })
        ]);
    });

    it('saveLog failing, then succeeding: a banner while pending or failed, retries with back-off, exactly one Task', async () => {
        const { wb, vendor, root } = await ready();
        wb.faults.saveLogFailures = 3;
        await inboundCall(vendor, JOE_MOBILE);
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, duration: 20 });
        await settle();
        // First attempt failed: pending, retry after 1 s.
        expect(root.querySelector('.sfa-logs')?.textContent).toContain('Saving call logs: 1 not saved yet.');
        snapshotForA11y(root);
        await settle(1_000);
        // Second failure: failedAfterAttempts is 2, so the banner says failed and offers a retry.
        const banner = root.querySelector('.sfa-logs');
        expect(banner?.textContent).toContain('Call logs not saved: 1.');
        expect(banner?.textContent).toContain('UNABLE_TO_LOCK_ROW');
        expect(banner?.querySelector('button')?.textContent).toBe('Retry now');
        snapshotForA11y(root);
        expect(wb.org.allTasks()).toHaveLength(0);
        // Back-off: the next attempt is 2 s later; "Retry now" does not wait.
        banner?.querySelector('button')?.click();
        await settle();
        expect(wb.faults.saveLogFailures).toBe(0);
        await settle(2_000);
        await settle(60_000);
        expect(wb.org.allTasks()).toHaveLength(1);
        expect(root.querySelector('.sfa-logs')?.textContent).toBe('');
    });

    it('a pending log survives a reload and is flushed after it (one Task)', async () => {
        const locks = new FakeLocks();
        const first = await ready({ locks });
        first.wb.faults.saveLogFailures = 1_000;
        await inboundCall(first.vendor, JOE_MOBILE);
        first.vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, duration: 33 });
        await settle();
        expect(first.wb.org.allTasks()).toHaveLength(0);
        // The log's own key (one per log), in this tab's namespace.
        const storedKeys = Object.keys(window.localStorage).filter((k) => k.startsWith('streemSoftphone.callLogs.v3.'));
        expect(storedKeys).toHaveLength(1);
        expect(storedKeys[0]).toMatch(new RegExp(`^streemSoftphone\\.callLogs\\.v3\\.${CONVERSATION}@`));
        // The page reloads: the old one goes away, the org recovers, a new adapter frame starts in the same tab.
        first.adapter.dispose();
        first.root.remove();
        first.wb.faults.saveLogFailures = 0;
        first.wb.reloadAdapter();
        const second = page({ wb: first.wb, locks });
        await waitReady(second.adapter);
        expect(second.adapter.tab()?.tabId).toBe(first.adapter.tab()?.tabId);
        const tasks = second.wb.org.allTasks();
        expect(tasks).toHaveLength(1);
        expect(tasks[0]).toMatchObject({ CallObject: CONVERSATION, CallDurationInSeconds: 33, WhoId: JOE_LEAD_ID });
    });

    it("after a package upgrade mid-shift, the previous version's stored calls and pending log carry on (one Task)", async () => {
        // What the previous version left in this tab: every log in one key, every call in another.
        window.sessionStorage.setItem('streemSoftphone.tabId', 'oldtab');
        const log = {
            Subject: 'Inbound call from +15035551212',
            Status: 'Completed',
            TaskSubtype: 'Call',
            CallType: 'Inbound',
            CallObject: 'old-conv',
            ActivityDate: '2026-11-21',
            CallDurationInSeconds: 12,
            WhoId: JOE_LEAD_ID
        };
        window.localStorage.setItem(
            'streemSoftphone.callLogs.v1@oldtab',
            JSON.stringify({
                version: 2,
                entries: [
                    {
                        conversationId: 'old-conv',
                        desired: log,
                        saved: {},
                        createInDoubt: true,
                        attempts: 2,
                        updatedAt: Date.now()
                    }
                ]
            })
        );
        const ended = {
            conversationId: 'old-conv',
            direction: 'inbound',
            state: 'ended',
            details: {},
            phoneNumber: JOE_MOBILE,
            startedAt: Date.now() - 20_000,
            endedAt: Date.now() - 5_000,
            matches: [{ recordId: JOE_LEAD_ID, objectType: 'Lead' }],
            record: { recordId: JOE_LEAD_ID, objectType: 'Lead' },
            searched: true,
            updatedAt: Date.now() - 5_000
        };
        window.localStorage.setItem('streemSoftphone.calls.v1@oldtab', JSON.stringify({ version: 1, calls: [ended] }));

        const { wb, adapter } = await ready({ locks: new FakeLocks() });
        await settle(2_000);
        expect(adapter.tab()?.tabId).toBe('oldtab');
        // In doubt: looked up by CallObject, none found, created once.
        expect(wb.org.allTasks()).toEqual([expect.objectContaining({ CallObject: 'old-conv', WhoId: JOE_LEAD_ID })]);
        expect(window.localStorage.getItem('streemSoftphone.callLogs.v1@oldtab')).toBeNull();
        expect(window.localStorage.getItem('streemSoftphone.calls.v1@oldtab')).toBeNull();
        expect(window.localStorage.getItem('streemSoftphone.calls.v2.ended.old-conv@oldtab')).toContain(JOE_MOBILE);
        // The agent's wrap-up for that call updates the same Task.
        adapter.bridge()?.receiveChannelMessage({
            version: 1,
            kind: 'command',
            id: 'cmd-upgrade',
            type: 'saveWrapUp',
            payload: { conversationId: 'old-conv', notes: 'After the upgrade' }
        });
        await settle(2_000);
        expect(wb.org.allTasks()).toEqual([
            expect.objectContaining({ CallObject: 'old-conv', Description: 'After the upgrade' })
        ]);
    });

    it("a tab reloading mid-call while another tab starts keeps its call: the other does not take it as a closed tab's", async () => {
        const locks = new FakeLocks();
        const local = new MemoryStorage();
        const session = new MemoryStorage();
        const first = await ready({ locks, localStorage: local, sessionStorage: session });
        await inboundCall(first.vendor, JOE_MOBILE);
        const tabId = first.adapter.tab()?.tabId;
        first.adapter.dispose(); // the reload's pagehide
        first.root.remove();
        await jest.advanceTimersByTimeAsync(200); // the new page loads
        // The reloaded page waits seconds for its settings (the softphone container is starting)…
        first.wb.faults.openCtiContainerStartupCalls = 3;
        first.wb.reloadAdapter();
        const reloaded = page({ wb: first.wb, locks, localStorage: local, sessionStorage: session });
        // …while another Lightning tab of the same browser starts its adapter.
        const other = page({ locks, localStorage: local, sessionStorage: new MemoryStorage() });
        await waitReady(other.adapter);
        await waitReady(reloaded.adapter);
        expect(other.adapter.tab()?.adoptedFrom).toEqual([]);
        expect(reloaded.adapter.tab()?.tabId).toBe(tabId);
        expect(
            reloaded.adapter
                .bridge()
                ?.snapshot()
                .calls.map((call) => call.conversationId)
        ).toEqual([CONVERSATION]);
    });

    it('a log left by a closed tab is flushed by another tab, once', async () => {
        const locks = new FakeLocks();
        const local = new MemoryStorage();
        const first = await ready({ locks, localStorage: local, sessionStorage: new MemoryStorage() });
        first.wb.faults.saveLogFailures = 1_000;
        await inboundCall(first.vendor, JOE_MOBILE);
        first.vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, duration: 7 });
        await settle();
        first.adapter.dispose(); // the tab closes
        first.root.remove();
        first.wb.faults.saveLogFailures = 0;
        first.wb.reloadAdapter();
        const other = page({ wb: first.wb, locks, localStorage: local, sessionStorage: new MemoryStorage() });
        await waitReady(other.adapter);
        expect(other.adapter.tab()?.adoptedFrom).toEqual([first.adapter.tab()?.tabId]);
        expect(other.wb.org.allTasks()).toHaveLength(1);
    });
});

describe('c-softphone-adapter click-to-dial', () => {
    it('sends start_call with E.164 dialTo, dialFrom and partner ids; the clicked Lead becomes WhoId', async () => {
        const { wb, vendor } = await ready();
        expect(
            wb.host.clickToDial({
                number: '(503) 555-1212',
                recordId: JOE_LEAD_ID,
                recordName: 'Joe Customer',
                objectType: 'Lead'
            })
        ).toBe(true);
        await settle();
        expect(vendor.events.filter(([type]) => type === 'start_call')).toEqual([
            [
                'start_call',
                {
                    partnerId: PARTNER_ID,
                    businessSegmentId: BUSINESS_SEGMENT_ID,
                    channelOriginId: CHANNEL_ORIGIN_ID,
                    dialTo: JOE_MOBILE,
                    dialFrom: DIAL_FROM,
                    participantType: 'Traveler'
                }
            ]
        ]);
        vendor.bridge.outboundCallInitiated({
            partnerId: PARTNER_ID,
            conversationId: 'conv-out',
            dialledTo: JOE_MOBILE
        });
        vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId: 'conv-out' });
        await settle(61_000);
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: 'conv-out' });
        await settle();
        expect(wb.org.allTasks()).toEqual([
            expect.objectContaining({
                CallType: 'Outbound',
                Subject: `Outbound call to ${JOE_MOBILE}`,
                CallDurationInSeconds: 61,
                WhoId: JOE_LEAD_ID,
                CallObject: 'conv-out'
            })
        ]);
        // No screen pop for a click-to-dial call: the agent is on the record.
        expect(wb.host.pops).toEqual([]);
    });

    it('an Account clicked becomes WhatId, and click-to-dial keeps working after the first call', async () => {
        const { wb, vendor } = await ready();
        const enables = (): number => wb.opencti.calls.filter((c) => c.method === 'enableClickToDial').length;
        const before = enables();
        wb.host.clickToDial({
            number: '+44 20 7946 0958',
            recordId: ACME_ACCOUNT_ID,
            recordName: 'Acme',
            objectType: 'Account'
        });
        await settle();
        vendor.bridge.outboundCallInitiated({
            partnerId: PARTNER_ID,
            conversationId: 'conv-a',
            dialledTo: '+442079460958'
        });
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: 'conv-a' });
        await settle();
        expect(wb.org.allTasks()[0]).toMatchObject({ WhatId: ACME_ACCOUNT_ID, CallType: 'Outbound' });
        expect(wb.org.allTasks()[0]?.WhoId).toBeUndefined();
        expect(enables()).toBeGreaterThan(before);
        expect(wb.host.clickToDial({ number: '(503) 555-1212', recordId: JOE_LEAD_ID, objectType: 'Lead' })).toBe(true);
        await settle();
        expect(vendor.events.filter(([type]) => type === 'start_call')).toHaveLength(2);
    });

    it('an invalid number is not sent; the agent sees why', async () => {
        const { wb, vendor, root } = await ready();
        wb.host.clickToDial({ number: '12', recordId: JOE_LEAD_ID, objectType: 'Lead' });
        await settle();
        expect(vendor.events.filter(([type]) => type === 'start_call')).toHaveLength(0);
        expect(root.querySelector('.sfa-notice')?.textContent).toContain('Could not call 12');
        snapshotForA11y(root);
        expect(channelEvents(wb, 'error').pop()?.payload).toMatchObject({
            code: 'INVALID_PHONE_NUMBER',
            audience: 'agent'
        });
    });
});

describe('c-softphone-adapter early events', () => {
    it('softphone calls and channel commands during a slow start-up are replayed in order: the call gets its Task', async () => {
        const locks = new FakeLocks();
        locks.grantDelayMs = 20_000; // storage (the last step before the bridge starts) takes 20 s
        const { wb, adapter } = page({ locks });
        await settle();
        // The softphone iframe exists already (mounted as soon as settings arrived); the bridge does not.
        expect(adapter.view.iframe).not.toBeNull();
        expect(adapter.bridge()).toBeNull();
        const vendor = connectVendor(adapter);
        vendor.bridge.incomingCall({ partnerId: PARTNER_ID, conversationId: CONVERSATION, callerANI: JOE_MOBILE });
        vendor.bridge.callAccepted({ partnerId: PARTNER_ID, conversationId: CONVERSATION });
        wb.bus.publish('SoftphoneBridge__c', { version: 1, kind: 'command', id: 'early-1', type: 'requestState' });
        await settle(5_000);
        vendor.bridge.callEnded({ partnerId: PARTNER_ID, conversationId: CONVERSATION, disposition: 'Resolved' });
        await settle(5_000);
        expect(wb.org.allTasks()).toHaveLength(0);
        await waitReady(adapter);
        expect(adapter.bridge()).not.toBeNull();
        expect(wb.org.allTasks()).toEqual([
            expect.objectContaining({
                CallObject: CONVERSATION,
                CallDisposition: 'Resolved',
                WhoId: JOE_LEAD_ID,
                CallType: 'Inbound'
            })
        ]);
        expect(vendor.events.map(([type]) => type)).toContain('partner_config');
        expect(channelEvents(wb, 'snapshot')).toHaveLength(1);
    }, 30_000);
});

describe('c-softphone-adapter message trust', () => {
    async function setup(): Promise<Started & { vendor: Vendor }> {
        return ready();
    }

    it('ignores messages from a foreign origin, from another frame, and non-bridge messages', async () => {
        const { wb, vendor } = await setup();
        const other = document.createElement('iframe');
        document.body.append(other);
        const call = createEnvelope('call', 'incomingCall', 'forged-1', {
            partnerId: PARTNER_ID,
            conversationId: 'forged',
            callerANI: JOE_MOBILE
        });
        const postsBefore = vendor.posts.length;
        vendor.postRaw(call, { origin: 'https://evil.example.com' });
        vendor.postRaw(call, { source: other.contentWindow });
        vendor.postRaw(call, { source: null });
        vendor.postRaw({ hello: 'not ours' });
        await settle();
        expect(vendor.posts.length).toBe(postsBefore);
        expect(wb.host.pops).toEqual([]);
        expect(channelEvents(wb, 'callStateChanged')).toHaveLength(0);
        // The same message from the softphone frame at its origin is accepted.
        vendor.postRaw(call);
        await settle();
        expect(channelEvents(wb, 'callStateChanged')[0]?.payload).toMatchObject({
            conversationId: 'forged',
            state: 'ringing'
        });
    });

    it('answers a malformed bridge message with an error envelope and changes nothing', async () => {
        const { wb, vendor } = await setup();
        const postsBefore = vendor.posts.length;
        vendor.postRaw(createEnvelope('call', 'callEnded', 'bad-1', { partnerId: PARTNER_ID, duration: -5 }));
        vendor.postRaw(createEnvelope('call', 'callTeleported', 'bad-2', {}));
        await settle();
        const replies = vendor.posts.slice(postsBefore);
        expect(replies).toHaveLength(2);
        for (const reply of replies) expect(reply.targetOrigin).toBe(SOFTPHONE_ORIGIN);
        expect(replies.map((r) => r.data)).toEqual([
            expect.objectContaining({
                kind: 'error',
                replyTo: 'bad-1',
                payload: expect.objectContaining({ code: 'MISSING_FIELD' })
            }),
            expect.objectContaining({
                kind: 'error',
                replyTo: 'bad-2',
                payload: expect.objectContaining({ code: 'UNKNOWN_TYPE' })
            })
        ]);
        expect(wb.org.allTasks()).toHaveLength(0);
        expect(channelEvents(wb, 'callStateChanged')).toHaveLength(0);
    });

    it('answers a call without payload with a structured error, and no handler throws', async () => {
        const { wb, vendor } = await setup();
        const errors = jest.spyOn(quiet, 'error');
        const postsBefore = vendor.posts.length;
        vendor.postRaw(createEnvelope('call', 'callEnded', 'no-payload'));
        vendor.postRaw(createEnvelope('call', 'incomingCall', 'null-payload', null));
        await settle();
        expect(vendor.posts.slice(postsBefore).map((r) => r.data)).toEqual([
            expect.objectContaining({
                kind: 'error',
                replyTo: 'no-payload',
                payload: expect.objectContaining({ code: 'MISSING_FIELD' })
            }),
            expect.objectContaining({
                kind: 'error',
                replyTo: 'null-payload',
                payload: expect.objectContaining({ code: 'MISSING_FIELD' })
            })
        ]);
        // The adapter's guard logs a handler exception as "could not be handled": none happened.
        expect(errors.mock.calls.flat().join('\n')).not.toContain('could not be handled');
        expect(wb.org.allTasks()).toHaveLength(0);
    });

    it('validates each message once: a payload field is read once', async () => {
        const { vendor } = await setup();
        let reads = 0;
        const payload = { partnerId: PARTNER_ID, conversationId: 'counted' } as Record<string, unknown>;
        Object.defineProperty(payload, 'callerANI', {
            enumerable: true,
            get() {
                reads += 1;
                return JOE_MOBILE;
            }
        });
        vendor.postRaw(createEnvelope('call', 'incomingCall', 'counted-1', payload));
        await settle();
        expect(vendor.posts.at(-1)?.data).toMatchObject({ kind: 'ack', replyTo: 'counted-1' });
        expect(reads).toBe(1);
    });

    it('contains hostile shapes: what the contract names is refused in constant time, the rest is never read', async () => {
        const { wb, vendor } = await setup();
        const stringify = jest.spyOn(JSON, 'stringify');
        let deep: unknown = 'leaf';
        for (let i = 0; i < 1_000; i++) deep = { deep };
        const cyclic: Record<string, unknown> = { partnerId: PARTNER_ID, conversationId: 'hostile-cyclic' };
        cyclic.self = cyclic;
        const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
        const refused: [string, unknown, string][] = [
            ['sparse-id', { conversationId: new Array(1e8) }, 'WRONG_TYPE'],
            ['long-id', { conversationId: 'x'.repeat(5_000_000) }, 'TOO_LONG'],
            ['map-payload', new Map([['conversationId', 'c']]), 'NOT_AN_OBJECT'],
            ['buffer-payload', new ArrayBuffer(1_000_000), 'NOT_AN_OBJECT']
        ];
        const ignored: [string, unknown][] = [
            ['sparse', { partnerId: PARTNER_ID, conversationId: 'hostile-sparse', list: new Array(1e8) }],
            ['deep', { partnerId: PARTNER_ID, conversationId: 'hostile-deep', deep }],
            ['cyclic', cyclic],
            ['wide', { ...wide, partnerId: PARTNER_ID, conversationId: 'hostile-wide' }],
            ['map', { partnerId: PARTNER_ID, conversationId: 'hostile-map', map: new Map([[1, 1]]) }]
        ];
        const postsBefore = vendor.posts.length;
        for (const [id, shape] of refused) vendor.postRaw(createEnvelope('call', 'callEnded', id, shape));
        for (const [id, shape] of ignored) vendor.postRaw(createEnvelope('call', 'callEnded', id, shape));
        await settle();
        const replies = vendor.posts
            .slice(postsBefore)
            .map((r) => r.data as { kind: string; replyTo: string; payload?: { code: string } });
        expect(replies.map((r) => [r.replyTo, r.kind, r.payload?.code])).toEqual([
            ...refused.map(([id, , code]) => [id, 'error', code]),
            ...ignored.map(([id]) => [id, 'ack', undefined])
        ]);
        // Nothing of a message was serialized to measure it (the replies themselves are small).
        const hostile = [...refused, ...ignored].map(([, shape]) => shape);
        expect(stringify.mock.calls.filter(([value]) => hostile.includes(value))).toEqual([]);
        await settle();
        // The accepted calls carry only contract fields: no junk reaches a Task.
        const tasks = wb.org.allTasks();
        expect(tasks.map((t) => t.CallObject).sort()).toEqual(ignored.map(([id]) => `hostile-${id}`).sort());
        expect(JSON.stringify(tasks)).not.toMatch(/k49999|leaf/);
    });

    it('answers `type: ""` once; the wrapper does not answer the error (no reply storm)', async () => {
        const { vendor } = await setup();
        const postsBefore = vendor.posts.length;
        vendor.postRaw({ ...createEnvelope('call', 'x', 'blank-type', { conversationId: 'c' }), type: '' });
        for (let i = 0; i < 5; i++) await settle(10);
        expect(vendor.posts.slice(postsBefore).map((r) => r.data)).toEqual([
            expect.objectContaining({ kind: 'error', type: 'unknown', replyTo: 'blank-type' })
        ]);
    });

    it('posts to the softphone only at its origin, never "*"', async () => {
        const { vendor } = await setup();
        expect(vendor.posts.length).toBeGreaterThan(0);
        expect(new Set(vendor.posts.map((p) => p.targetOrigin))).toEqual(new Set([SOFTPHONE_ORIGIN]));
    });
});

describe('c-softphone-adapter channel commands', () => {
    it('rejects invalid commands with an error event naming the command; answers valid ones', async () => {
        const { wb } = await ready();
        wb.bus.publish('SoftphoneBridge__c', { version: 1, kind: 'command', id: 'c-bad', type: 'dial', payload: {} });
        wb.bus.publish('SoftphoneBridge__c', { version: 1, kind: 'command', id: 'c-state', type: 'requestState' });
        await settle();
        expect(channelEvents(wb, 'error').pop()?.payload).toMatchObject({
            commandId: 'c-bad',
            code: 'MISSING_FIELD',
            audience: 'developer'
        });
        const snapshot = channelEvents(wb, 'snapshot').pop()?.payload as { config?: { clickToDialReady?: boolean } };
        expect(snapshot?.config?.clickToDialReady).toBe(true);
    });

    it('a dial command from the component starts a call with the record as Who/What', async () => {
        const { wb, vendor } = await ready();
        wb.bus.publish('SoftphoneBridge__c', {
            version: 1,
            kind: 'command',
            id: 'c-dial',
            type: 'dial',
            payload: { number: '415.555.0199', record: { recordId: SHARED_CONTACT_ID, objectType: 'Contact' } }
        });
        await settle();
        expect(vendor.events.filter(([type]) => type === 'start_call').pop()?.[1]).toMatchObject({ dialTo: SHARED });
    });
});

describe('c-softphone-adapter settings problems', () => {
    it('keeps the softphone off and lists each issue with its item and an example while the URL is the placeholder', async () => {
        const { wb, adapter, root } = page({
            settings: callCenterSettings({
                '/vendorSoftphone/softphoneUrl': 'https://softphone.example.com',
                '/vendorSoftphone/partnerId': 'not-a-guid'
            })
        });
        await waitReady(adapter);
        expect(root.querySelector('iframe')).toBeNull();
        const box = root.querySelector('.sfa-settings');
        expect(box?.textContent).toContain('The softphone stays off until its address is set.');
        const items = [...(box?.querySelectorAll('li') ?? [])].map((li) => li.textContent ?? '');
        expect(items.some((t) => t.startsWith('Vendor Softphone > ') && t.includes('placeholder'))).toBe(true);
        expect(items.some((t) => /Partner/i.test(t) && t.includes('Example:'))).toBe(true);
        // Still initialized (the panel says what to fix), click-to-dial off (no partner ids).
        expect(wb.host.isInitialized()).toBe(true);
        expect(wb.host.isClickToDialEnabled()).toBe(false);
        snapshotForA11y(root);
    });

    it('without Open CTI (page opened outside the utility) says so', async () => {
        const root = document.createElement('div');
        document.body.append(root);
        const { startAdapter } = await import('../adapter');
        const { DEFAULT_LABELS } = await import('../adapterConfig');
        const adapter: AdapterHandle = startAdapter({
            window,
            document,
            root,
            opencti: undefined,
            labels: DEFAULT_LABELS,
            console: { warn: jest.fn(), error: jest.fn() }
        });
        await adapter.ready;
        expect(root.querySelector('[role="alert"]')?.textContent).toContain('Open CTI could not start');
        snapshotForA11y(root);
        adapter.dispose();
    });
});
