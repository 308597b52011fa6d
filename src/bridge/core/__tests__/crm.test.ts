import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ChannelEvent, RecordRef } from 'c/softphoneProtocol';
import { CALL_STORE_KEY, LEGACY_CALL_STORE_KEY, WRAP_UP_WINDOW_MS, createBridge } from '../crm';
import { LEGACY_LOG_STORE_KEY, LOG_STORE_KEY } from '../logQueue';
import type { Bridge, BridgeDeps, BridgeSettings, CrmActions, ScreenPopRequest } from '../crm';
import type { CallLog } from '../callLog';
import { SOFTPHONE_CALL_TYPES } from '../contract';
import type { WrapperEvent } from '../contract';
import { createEnvelope, readFromAdapter, readFromSoftphone } from '../validate';
import type { Envelope } from '../validate';
import { MemoryStore } from './memoryStore';

type PayloadOf<T extends ChannelEvent['type']> = Extract<ChannelEvent, { type: T }>['payload'];

const T0 = Date.UTC(2026, 10, 21, 15, 0, 0);
const PARTNER = { partnerId: 'partner-guid', businessSegmentId: 'segment-guid', channelOriginId: 'origin-guid' };
const CONTACT: RecordRef = { recordId: '003000000000001AAA', objectType: 'Contact', name: 'Ada Lovelace' };
const ACCOUNT: RecordRef = { recordId: '001000000000001AAA', objectType: 'Account', name: 'Acme' };
const CASE: RecordRef = { recordId: '500000000000001AAA', objectType: 'Case' };

/**
 * In-memory CrmActions: records every action; Tasks live in a map. Follows the Open CTI
 * semantics the adapter implements (saveLog returns the new Task Id; screenPop resolves
 * the matched records).
 */
class FakeCrm implements CrmActions {
    readonly tasks = new Map<string, CallLog>();
    readonly events: ChannelEvent[] = [];
    readonly pops: ScreenPopRequest[] = [];
    readonly opened: RecordRef[] = [];
    panelShown = 0;
    matches: RecordRef[] = [];
    popError: Error | undefined;

    showPanel(): void {
        this.panelShown += 1;
    }
    screenPop(request: ScreenPopRequest): Promise<RecordRef[]> {
        this.pops.push(request);
        return this.popError ? Promise.reject(this.popError) : Promise.resolve(this.matches);
    }
    openRecord(record: RecordRef): Promise<void> {
        this.opened.push(record);
        return Promise.resolve();
    }
    saveLog = jest.fn((log: CallLog): Promise<string> => {
        const id = `00T00000000000${this.tasks.size + 1}AAA`.slice(-18).padStart(18, '0');
        this.tasks.set(id, { ...log });
        return Promise.resolve(id);
    });
    updateLog = jest.fn((taskId: string, patch: Partial<CallLog>): Promise<void> => {
        const task = this.tasks.get(taskId);
        if (!task) return Promise.reject(new Error(`No Task ${taskId}`));
        this.tasks.set(taskId, { ...task, ...patch });
        return Promise.resolve();
    });
    publish(event: ChannelEvent): void {
        this.events.push(JSON.parse(JSON.stringify(event)) as ChannelEvent);
    }
    eventsOf<T extends ChannelEvent['type']>(type: T): PayloadOf<T>[] {
        return this.events
            .filter((e): e is Extract<ChannelEvent, { type: T }> => e.type === type)
            .map((e) => e.payload as PayloadOf<T>);
    }
    onlyTask(): CallLog {
        expect(this.tasks.size).toBe(1);
        return [...this.tasks.values()][0] as CallLog;
    }
}

const SETTINGS: BridgeSettings = {
    ...PARTNER,
    dialFrom: '+18449401117',
    participantType: 'Agent',
    dispositions: ['Resolved', 'Callback'],
    presenceOptions: [
        { softphoneId: 'avail-guid', label: 'Available' },
        { softphoneId: 'break-guid', label: 'Break' }
    ],
    logMissedCalls: false
};

function normalizeUs(raw: string): string | null {
    const parsed = parsePhoneNumberFromString(raw, 'US');
    return parsed?.isValid() ? parsed.number : null;
}

describe('bridge', () => {
    let crm: FakeCrm;
    let sent: WrapperEvent[];
    let store: MemoryStore;
    let bridges: Bridge[];
    let nextMessageId: number;

    function makeBridge(overrides: Partial<BridgeDeps> = {}): Bridge {
        const bridge = createBridge({
            crm,
            softphone: { send: (event) => sent.push(event) },
            settings: SETTINGS,
            store,
            scheduler: {
                setTimeout: (callback, ms) => setTimeout(callback, ms),
                clearTimeout: (handle) => clearTimeout(handle as number)
            },
            clock: () => Date.now(),
            normalizePhone: normalizeUs,
            adapterId: 'adapter-1',
            ...overrides
        });
        bridges.push(bridge);
        bridge.start();
        return bridge;
    }

    /** Posts what the wrapper would post; returns the adapter's reply. */
    function fromSoftphone(bridge: Bridge, type: string, payload?: unknown): Envelope | null {
        const kind = type === 'load' ? 'hello' : 'call';
        return bridge.receiveFromSoftphone(createEnvelope(kind, type, `w-${++nextMessageId}`, payload));
    }

    /** One whole inbound call from the softphone: ring, answer, hang up. */
    function takeCall(
        bridge: Bridge,
        call: { conversationId?: string; callerANI?: string; duration?: number } = {}
    ): void {
        const { conversationId = 'conv-1', callerANI, duration } = call;
        fromSoftphone(bridge, 'incomingCall', { partnerId: 'p', conversationId, ...(callerANI ? { callerANI } : {}) });
        fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId });
        fromSoftphone(bridge, 'callEnded', {
            partnerId: 'p',
            conversationId,
            ...(duration === undefined ? {} : { duration })
        });
    }

    function command(bridge: Bridge, type: string, payload?: unknown, id = 'cmd-1'): void {
        bridge.receiveChannelMessage({ version: 1, kind: 'command', id, type, payload });
    }

    const flush = async (): Promise<void> => {
        await jest.advanceTimersByTimeAsync(0);
    };

    beforeEach(() => {
        jest.useFakeTimers({ now: T0 });
        crm = new FakeCrm();
        sent = [];
        store = new MemoryStore();
        bridges = [];
        nextMessageId = 0;
    });

    afterEach(() => {
        bridges.forEach((bridge) => bridge.dispose());
        jest.useRealTimers();
    });

    it('announces itself on start and keeps a heartbeat', async () => {
        makeBridge();
        expect(crm.events.map((e) => e.type)).toEqual(['heartbeat', 'configAnnounced']);
        expect(crm.eventsOf('configAnnounced')[0]).toEqual({
            dispositions: SETTINGS.dispositions,
            presenceOptions: SETTINGS.presenceOptions,
            clickToDialReady: true
        });
        await jest.advanceTimersByTimeAsync(30_000);
        expect(crm.eventsOf('heartbeat')).toHaveLength(3);
        expect(crm.eventsOf('heartbeat')[2]).toEqual({
            adapterId: 'adapter-1',
            softphoneConnected: false,
            intervalMs: 15_000,
            sentAt: T0 + 30_000
        });
    });

    it('configures the softphone when it loads', () => {
        const bridge = makeBridge();
        const reply = fromSoftphone(bridge, 'load', { wrapperVersion: '1.0.0' });
        expect(reply).toMatchObject({ kind: 'ack', type: 'load', replyTo: 'w-1' });
        expect(sent).toEqual([
            { type: 'disposition', payload: ['Resolved', 'Callback'] },
            { type: 'partner_config', payload: PARTNER },
            { type: 'get_presence', payload: undefined }
        ]);
        expect(crm.eventsOf('heartbeat').at(-1)?.softphoneConnected).toBe(true);
    });

    it('sends an empty disposition list when the admin set none (dispositionCodes=none)', () => {
        const bridge = makeBridge({ settings: { ...SETTINGS, dispositions: [] } });
        fromSoftphone(bridge, 'load', { wrapperVersion: '1.0.0' });
        expect(sent[0]).toEqual({ type: 'disposition', payload: [] });
        expect(crm.eventsOf('error')).toEqual([]);
    });

    it('ignores postMessage traffic that is not ours and answers malformed messages without acting', () => {
        const bridge = makeBridge();
        const before = crm.events.length;
        expect(bridge.receiveFromSoftphone({ source: 'react-devtools' })).toBeNull();
        const reply = fromSoftphone(bridge, 'callEnded', { partnerId: 'p' });
        expect(reply).toMatchObject({
            kind: 'error',
            type: 'callEnded',
            replyTo: 'w-1',
            payload: { code: 'MISSING_FIELD', field: 'callEnded.conversationId' }
        });
        expect(crm.events.length).toBe(before);
        expect(crm.saveLog).not.toHaveBeenCalled();
    });

    it('pops, logs and wraps up an inbound call on one Task', async () => {
        crm.matches = [CONTACT];
        const bridge = makeBridge();
        expect(
            fromSoftphone(bridge, 'incomingCall', {
                partnerId: 'p',
                conversationId: 'conv-1',
                callerANI: '+18005550100'
            })
        ).toMatchObject({ kind: 'ack' });
        await flush();
        expect(crm.panelShown).toBe(1);
        expect(crm.pops).toEqual([{ conversationId: 'conv-1', direction: 'inbound', phoneNumber: '+18005550100' }]);
        expect(crm.eventsOf('callStateChanged').at(-1)).toMatchObject({
            state: 'ringing',
            record: CONTACT,
            matches: [CONTACT]
        });

        jest.advanceTimersByTime(3000);
        fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId: 'conv-1', recordingStatus: 'ON' });
        jest.advanceTimersByTime(90_000);
        fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'conv-1', duration: 90 });
        fromSoftphone(bridge, 'callNotesSubmitted', {
            partnerId: 'p',
            conversationId: 'conv-1',
            disposition: 'Resolved',
            notes: 'Rebooked.'
        });
        await flush();

        expect(crm.saveLog).toHaveBeenCalledTimes(1);
        expect(crm.onlyTask()).toEqual({
            Subject: 'Inbound call from +18005550100',
            Status: 'Completed',
            TaskSubtype: 'Call',
            CallType: 'Inbound',
            CallObject: 'conv-1',
            ActivityDate: '2026-11-21',
            CallDurationInSeconds: 90,
            CallDisposition: 'Resolved',
            Description: 'Rebooked.',
            WhoId: CONTACT.recordId
        });
        expect(crm.eventsOf('callStateChanged').at(-1)).toMatchObject({ state: 'wrappedUp', outcome: 'answered' });
        expect(crm.eventsOf('logStatus').at(-1)).toMatchObject({ conversationId: 'conv-1', status: 'saved' });
    });

    it('lets the agent choose among several matches and logs against the choice', async () => {
        crm.matches = [CONTACT, ACCOUNT];
        // A missed call: logged because missed-call logs are on.
        const bridge = makeBridge({ settings: { ...SETTINGS, logMissedCalls: true } });
        fromSoftphone(bridge, 'incomingCall', { partnerId: 'p', conversationId: 'conv-1', callerANI: '+18005550100' });
        await flush();
        expect(crm.eventsOf('callStateChanged').at(-1)).toMatchObject({ matches: [CONTACT, ACCOUNT] });
        expect(crm.eventsOf('callStateChanged').at(-1)?.record).toBeUndefined();

        fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'conv-1', duration: 0 });
        await flush();
        command(bridge, 'choosePopTarget', { conversationId: 'conv-1', record: ACCOUNT });
        await flush();
        expect(crm.opened).toEqual([ACCOUNT]);
        expect(crm.onlyTask()).toMatchObject({ WhatId: ACCOUNT.recordId, Subject: 'Missed call from +18005550100' });
        expect(crm.saveLog).toHaveBeenCalledTimes(1);
    });

    it('logs a rejected call only when missed-call logs are on', async () => {
        const quiet = makeBridge();
        fromSoftphone(quiet, 'incomingCall', { partnerId: 'p', conversationId: 'conv-1' });
        fromSoftphone(quiet, 'callRejected', { partnerId: 'p', conversationId: 'conv-1', reason: 'passive' });
        await flush();
        expect(crm.saveLog).not.toHaveBeenCalled();

        const logging = makeBridge({ settings: { ...SETTINGS, logMissedCalls: true }, store: new MemoryStore() });
        fromSoftphone(logging, 'incomingCall', { partnerId: 'p', conversationId: 'conv-2', callerANI: '+18005550100' });
        fromSoftphone(logging, 'callRejected', { partnerId: 'p', conversationId: 'conv-2', reason: 'passive' });
        await flush();
        expect(crm.onlyTask()).toMatchObject({ Subject: 'Rejected call from +18005550100', CallObject: 'conv-2' });
    });

    it('a call that rang out and is offered again under the same id, then answered, is logged as answered, once', async () => {
        for (const logMissedCalls of [false, true]) {
            crm.tasks.clear();
            const bridge = makeBridge({ settings: { ...SETTINGS, logMissedCalls }, store: new MemoryStore() });
            const ids = { partnerId: 'p', conversationId: `re-${String(logMissedCalls)}` };
            fromSoftphone(bridge, 'incomingCall', { ...ids, callerANI: '+18005550100' });
            fromSoftphone(bridge, 'callRejected', { ...ids, reason: 'passive' });
            await flush();
            fromSoftphone(bridge, 'incomingCall', { ...ids, callerANI: '+18005550100' });
            fromSoftphone(bridge, 'callAccepted', ids);
            fromSoftphone(bridge, 'callEnded', { ...ids, duration: 120 });
            await flush();
            expect(crm.onlyTask()).toMatchObject({
                CallObject: ids.conversationId,
                CallDurationInSeconds: 120,
                Subject: 'Inbound call from +18005550100'
            });
        }
    });

    it('never drops a callEnded for an unknown conversation', async () => {
        const bridge = makeBridge();
        fromSoftphone(bridge, 'callEnded', {
            partnerId: 'p',
            conversationId: 'ghost',
            duration: 12,
            callType: 'outbound',
            notes: 'n'
        });
        await flush();
        expect(crm.onlyTask()).toMatchObject({
            CallObject: 'ghost',
            CallType: 'Outbound',
            CallDurationInSeconds: 12,
            Description: 'n',
            Subject: 'Outbound call'
        });
    });

    it('reports a failed screen pop to the agent and still logs the call', async () => {
        crm.popError = new Error('No softphone layout');
        const bridge = makeBridge();
        fromSoftphone(bridge, 'incomingCall', { partnerId: 'p', conversationId: 'conv-1' });
        await flush();
        expect(crm.eventsOf('error').at(-1)).toMatchObject({
            code: 'CRM_ACTION_FAILED',
            audience: 'agent',
            conversationId: 'conv-1'
        });
        fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId: 'conv-1' });
        fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'conv-1' });
        await flush();
        expect(crm.tasks.size).toBe(1);
    });

    describe('click-to-dial', () => {
        it('sends start_call with an E.164 number and logs the outbound call against the clicked record', async () => {
            const bridge = makeBridge();
            fromSoftphone(bridge, 'load');
            sent.length = 0;
            const result = bridge.clickToDial({ number: '(888) 397-3342', record: CASE });
            expect(result).toEqual({
                ok: true,
                value: { ...PARTNER, dialTo: '+18883973342', dialFrom: '+18449401117', participantType: 'Agent' }
            });
            expect(sent).toEqual([{ type: 'start_call', payload: result.ok && result.value }]);

            fromSoftphone(bridge, 'outboundCallInitiated', {
                partnerId: 'p',
                conversationId: 'out-1',
                dialledTo: '8883973342'
            });
            await flush();
            expect(crm.pops).toEqual([]); // the agent is already on the record
            expect(crm.eventsOf('callStateChanged').at(-1)).toMatchObject({
                direction: 'outbound',
                state: 'dialing',
                record: CASE
            });

            fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId: 'out-1' });
            fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'out-1', duration: 33 });
            await flush();
            expect(crm.onlyTask()).toMatchObject({
                CallType: 'Outbound',
                WhatId: CASE.recordId,
                Subject: 'Outbound call to 8883973342',
                CallDurationInSeconds: 33
            });
        });

        it('a dialled number that is no phone number (an extension) is another call: the click is not claimed by it', async () => {
            const bridge = makeBridge();
            fromSoftphone(bridge, 'load');
            expect(bridge.clickToDial({ number: '(888) 397-3342', record: CASE }).ok).toBe(true);
            // The softphone never acted on start_call; the agent dials an extension from its keypad.
            fromSoftphone(bridge, 'outboundCallInitiated', {
                partnerId: 'p',
                conversationId: 'ext-1',
                dialledTo: '2001'
            });
            fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId: 'ext-1' });
            fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'ext-1', duration: 5 });
            await flush();
            expect(crm.onlyTask()).not.toHaveProperty('WhatId');
            expect(crm.onlyTask()).not.toHaveProperty('WhoId');
        });

        it.each([
            ['without the number', {}],
            // Taken for inbound at first: the pop searches the number and finds one Contact.
            ['with the number, which the guessed pop finds as a Contact', { callerANI: '+18883973342' }]
        ])(
            'an accept %s before outboundCallInitiated: the call is outbound, on the clicked record only',
            async (_, ani) => {
                const bridge = makeBridge();
                fromSoftphone(bridge, 'load');
                expect(bridge.clickToDial({ number: '(888) 397-3342', record: CASE }).ok).toBe(true);
                crm.matches = [CONTACT];
                fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId: 'out-early', ...ani });
                await flush();
                fromSoftphone(bridge, 'outboundCallInitiated', {
                    partnerId: 'p',
                    conversationId: 'out-early',
                    dialledTo: '+18883973342'
                });
                fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'out-early', duration: 9 });
                await flush();
                const task = crm.onlyTask();
                expect(task).toMatchObject({ CallType: 'Outbound', WhatId: CASE.recordId, CallDurationInSeconds: 9 });
                expect(task).not.toHaveProperty('WhoId');
            }
        );

        it('keeps working after the first call', async () => {
            const bridge = makeBridge();
            fromSoftphone(bridge, 'load');
            expect(bridge.clickToDial({ number: '+1 888 397 3342', record: CASE }).ok).toBe(true);
            fromSoftphone(bridge, 'outboundCallInitiated', {
                partnerId: 'p',
                conversationId: 'out-1',
                dialledTo: '+18883973342'
            });
            expect(bridge.clickToDial({ number: '+1 800 555 0100', record: CONTACT }).ok).toBe(true);
            fromSoftphone(bridge, 'outboundCallInitiated', {
                partnerId: 'p',
                conversationId: 'out-2',
                dialledTo: '+18005550100'
            });
            await flush();
            const views = crm.eventsOf('callStateChanged');
            expect(views.find((v) => v.conversationId === 'out-2' && v.record)?.record).toEqual(CONTACT);
        });

        it('pops dialpad calls that no click started', async () => {
            crm.matches = [CONTACT];
            const bridge = makeBridge();
            fromSoftphone(bridge, 'outboundCallInitiated', {
                partnerId: 'p',
                conversationId: 'out-1',
                dialledTo: '+18005550100'
            });
            await flush();
            expect(crm.pops).toEqual([{ conversationId: 'out-1', direction: 'outbound', phoneNumber: '+18005550100' }]);
            expect(crm.panelShown).toBe(0);
        });

        it.each([
            ['before the softphone loads', SETTINGS, '+18883973342', false, 'NOT_CONNECTED'],
            ['with a number that is not one', SETTINGS, 'call me', true, 'INVALID_PHONE_NUMBER'],
            [
                'without partner settings',
                { ...SETTINGS, channelOriginId: undefined },
                '+18883973342',
                true,
                'NOT_CONFIGURED'
            ],
            [
                'with an invalid dialFrom setting',
                { ...SETTINGS, dialFrom: '555-0100' },
                '+18883973342',
                true,
                'NOT_CONFIGURED'
            ]
        ])('refuses %s', (_name, settings, number, loaded, code) => {
            const bridge = makeBridge({ settings });
            if (loaded) fromSoftphone(bridge, 'load');
            sent.length = 0;
            expect(bridge.clickToDial({ number })).toMatchObject({ ok: false, error: { code } });
            expect(sent).toEqual([]);
        });

        it('answers a bad dial command with an error event for the agent or the admin', () => {
            const bridge = makeBridge({ settings: { ...SETTINGS, partnerId: undefined } });
            fromSoftphone(bridge, 'load');
            command(bridge, 'dial', { number: '+18883973342' }, 'cmd-7');
            expect(crm.eventsOf('error').at(-1)).toMatchObject({
                code: 'NOT_CONFIGURED',
                audience: 'admin',
                commandId: 'cmd-7'
            });
            expect(crm.eventsOf('configAnnounced').at(-1)?.clickToDialReady).toBe(false);
        });
    });

    describe('commands from the component', () => {
        it('relays presence both ways', () => {
            const bridge = makeBridge();
            command(bridge, 'setPresence', { softphoneId: 'break-guid' });
            expect(crm.eventsOf('error').at(-1)).toMatchObject({ code: 'NOT_CONNECTED', audience: 'agent' });

            fromSoftphone(bridge, 'load');
            fromSoftphone(bridge, 'statusChanged', { softphoneId: 'avail-guid' });
            expect(crm.eventsOf('presenceChanged').at(-1)).toEqual({
                softphoneId: 'avail-guid',
                label: 'Available',
                changedAt: T0
            });
            command(bridge, 'setPresence', { softphoneId: 'break-guid' });
            expect(sent.at(-1)).toEqual({ type: 'update_presence', payload: { softphoneId: 'break-guid' } });
        });

        it('publishes presence only when it changes, not when the softphone repeats it', () => {
            const bridge = makeBridge();
            fromSoftphone(bridge, 'load');
            fromSoftphone(bridge, 'statusChanged', { softphoneId: 'avail-guid' });
            fromSoftphone(bridge, 'statusChanged', { softphoneId: 'avail-guid' });
            expect(crm.eventsOf('presenceChanged')).toHaveLength(1);
            fromSoftphone(bridge, 'statusChanged', { softphoneId: 'break-guid' });
            expect(crm.eventsOf('presenceChanged').map((p) => p.softphoneId)).toEqual(['avail-guid', 'break-guid']);
        });

        it('saves a wrap-up entered in Salesforce on the call Task', async () => {
            const bridge = makeBridge();
            takeCall(bridge, { duration: 5 });
            await flush();
            command(bridge, 'saveWrapUp', {
                conversationId: 'conv-1',
                disposition: 'Callback',
                notes: 'Call back Monday'
            });
            await flush();
            expect(crm.onlyTask()).toMatchObject({ CallDisposition: 'Callback', Description: 'Call back Monday' });
            expect(crm.updateLog).toHaveBeenCalledTimes(1);
        });

        it('answers requestState with a snapshot', () => {
            const bridge = makeBridge();
            fromSoftphone(bridge, 'load');
            fromSoftphone(bridge, 'incomingCall', { partnerId: 'p', conversationId: 'conv-1' });
            fromSoftphone(bridge, 'statusChanged', { softphoneId: 'avail-guid' });
            command(bridge, 'requestState');
            const snapshot = crm.eventsOf('snapshot').at(-1);
            expect(snapshot).toMatchObject({
                heartbeat: { softphoneConnected: true },
                config: { clickToDialReady: true },
                presence: { softphoneId: 'avail-guid' },
                calls: [{ conversationId: 'conv-1', state: 'ringing' }],
                logs: []
            });
        });

        it('retries failed logs on request', async () => {
            crm.saveLog.mockRejectedValueOnce(new Error('offline'));
            const bridge = makeBridge();
            fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'conv-1' });
            await flush();
            expect(crm.eventsOf('logStatus').at(-1)).toMatchObject({
                status: 'pending',
                attempts: 1,
                error: 'offline'
            });
            command(bridge, 'retryLogs');
            await flush();
            expect(crm.eventsOf('logStatus').at(-1)).toMatchObject({ status: 'saved' });
        });

        it('rejects malformed commands with a developer error and ignores events on the channel', () => {
            const bridge = makeBridge();
            const before = crm.events.length;
            bridge.receiveChannelMessage({ version: 1, kind: 'event', type: 'heartbeat', payload: { nonsense: true } });
            bridge.receiveChannelMessage({
                version: 1,
                kind: 'event',
                type: 'presenceChanged',
                payload: { softphoneId: 'x', changedAt: 1 }
            });
            expect(crm.events.length).toBe(before);
            command(bridge, 'dial', { phone: '+18883973342' }, 'cmd-3');
            expect(crm.eventsOf('error').at(-1)).toMatchObject({
                code: 'UNKNOWN_FIELD',
                audience: 'developer',
                commandId: 'cmd-3'
            });
            command(bridge, 'choosePopTarget', { conversationId: 'nope', record: CONTACT }, 'cmd-4');
            expect(crm.eventsOf('error').at(-1)).toMatchObject({ code: 'UNKNOWN_CONVERSATION', commandId: 'cmd-4' });
        });
    });

    it('continues a call across an adapter reload', async () => {
        const before = makeBridge();
        fromSoftphone(before, 'incomingCall', { partnerId: 'p', conversationId: 'conv-1', callerANI: '+18005550100' });
        fromSoftphone(before, 'callAccepted', { partnerId: 'p', conversationId: 'conv-1' });
        before.dispose();

        jest.advanceTimersByTime(45_000);
        const after = makeBridge();
        fromSoftphone(after, 'callEnded', { partnerId: 'p', conversationId: 'conv-1' });
        await flush();
        expect(crm.onlyTask()).toMatchObject({ Subject: 'Inbound call from +18005550100', CallDurationInSeconds: 45 });
    });

    describe('hostile input from the softphone frame', () => {
        const raw = (kind: string, type: string, payload?: unknown, id = 'w-raw'): Record<string, unknown> => ({
            ...createEnvelope('call', 'x', id),
            kind,
            type,
            ...(payload === undefined ? {} : { payload })
        });

        it.each(SOFTPHONE_CALL_TYPES)('answers a %s call without payload with a structured error', (type) => {
            const warnings: string[] = [];
            const bridge = makeBridge({ onWarning: (m) => warnings.push(m) });
            const before = crm.events.length;
            let reply: Envelope | null = null;
            expect(() => (reply = bridge.receiveFromSoftphone(raw('call', type)))).not.toThrow();
            expect(reply).toMatchObject({
                kind: 'error',
                type,
                replyTo: 'w-raw',
                payload: { code: 'MISSING_FIELD', field: type }
            });
            expect(crm.events.length).toBe(before);
            expect(crm.pops).toEqual([]);
        });

        it('answers a request with an error, but never an error or an ack, however malformed', () => {
            const bridge = makeBridge();
            const asked = bridge.receiveFromSoftphone(raw('call', '', { conversationId: 'c' }));
            expect(asked).toMatchObject({ kind: 'error', type: 'unknown', replyTo: 'w-raw' });
            // The reply is itself well formed, so the wrapper reads it and does not answer back.
            expect(readFromAdapter(asked).ok).toBe(true);
            for (const message of [
                raw('error', '', { code: 'MISSING_FIELD', message: 'message.type is required' }),
                raw('error', 'callEnded', { code: 'X' }),
                raw('error', 'callEnded', 'not an object'),
                raw('ack', ''),
                raw('ack', 'callEnded', { unexpected: true }),
                raw(7 as never, 'callEnded'),
                { ...raw('error', 'callEnded'), id: '' }
            ]) {
                expect(bridge.receiveFromSoftphone(message)).toBeNull();
            }
        });

        it('acts on a message validated once by the caller (answerSoftphone)', async () => {
            const bridge = makeBridge();
            const message = createEnvelope('call', 'incomingCall', 'w-1', {
                conversationId: 'c-1',
                callerANI: '+18005550100'
            });
            const read = readFromSoftphone(message);
            expect(bridge.answerSoftphone(read, message)).toMatchObject({ kind: 'ack', replyTo: 'w-1' });
            await flush();
            expect(crm.pops).toHaveLength(1);
        });
    });

    describe('a vendor repeating itself', () => {
        it('reports an ignored call once per call, kind and reason', () => {
            const warnings: string[] = [];
            const bridge = makeBridge({ onWarning: (m) => warnings.push(m) });
            const send = (conversationId: string): void => {
                bridge.receiveFromSoftphone(
                    createEnvelope('call', 'incomingCall', `w-${Math.random()}`, {
                        conversationId,
                        callerANI: '+18005550100'
                    })
                );
            };
            send('c-1');
            bridge.receiveFromSoftphone(createEnvelope('call', 'callAccepted', 'w-a', { conversationId: 'c-1' }));
            for (let i = 0; i < 3; i++) send('c-1');
            send('c-2');
            bridge.receiveFromSoftphone(createEnvelope('call', 'callAccepted', 'w-b', { conversationId: 'c-2' }));
            send('c-2');
            const ignored = warnings.filter((w) => w.includes('ignored'));
            expect(ignored).toEqual([
                expect.stringContaining('incomingCall for c-1 ignored'),
                expect.stringContaining('incomingCall for c-2 ignored')
            ]);
        });
    });

    describe('what real vendors send (seed 002, liberal reading)', () => {
        it('pops and logs a call despite an unknown field, a numeric ANI, a numeric-string duration and unknown values', async () => {
            crm.matches = [CONTACT];
            const warnings: string[] = [];
            const bridge = makeBridge({ onWarning: (m) => warnings.push(m) });
            expect(
                fromSoftphone(bridge, 'incomingCall', {
                    partnerId: 'p',
                    conversationId: 'conv-1',
                    callerANI: 18005550100
                })
            ).toMatchObject({ kind: 'ack' });
            await flush();
            expect(crm.pops).toEqual([{ conversationId: 'conv-1', direction: 'inbound', phoneNumber: '18005550100' }]);
            expect(
                fromSoftphone(bridge, 'callAccepted', {
                    partnerId: 'p',
                    conversationId: 'conv-1',
                    queueName: 'Premium Support',
                    recordingStatus: 'PAUSED'
                })
            ).toMatchObject({ kind: 'ack' });
            expect(crm.eventsOf('callStateChanged').at(-1)).toMatchObject({
                state: 'connected',
                details: { recordingStatus: 'PAUSED' }
            });
            expect(
                fromSoftphone(bridge, 'callEnded', {
                    partnerId: 'p',
                    conversationId: 'conv-1',
                    duration: '95',
                    callType: 'transfer',
                    queueName: 'Premium Support'
                })
            ).toMatchObject({ kind: 'ack' });
            await flush();
            const task = crm.onlyTask();
            expect(task).toMatchObject({
                CallObject: 'conv-1',
                CallType: 'Inbound',
                CallDurationInSeconds: 95,
                WhoId: CONTACT.recordId
            });
            // Unknown fields never reach Salesforce.
            expect(JSON.stringify(task)).not.toContain('Premium Support');
            // The adapter never reads an unknown field (the wrapper warns the vendor about it); it warns
            // once per field name about what it converted or dropped.
            expect(warnings.filter((w) => w.includes('queueName'))).toEqual([]);
            expect(warnings.filter((w) => w.includes('callEnded.callType'))).toHaveLength(1);
            expect(warnings.filter((w) => w.includes('callEnded.duration'))).toHaveLength(1);
        });

        it('logs a missed call whose rejection reason is not in the contract', async () => {
            const bridge = makeBridge({ settings: { ...SETTINGS, logMissedCalls: true } });
            fromSoftphone(bridge, 'incomingCall', {
                partnerId: 'p',
                conversationId: 'conv-2',
                callerANI: '+18005550100'
            });
            expect(
                fromSoftphone(bridge, 'callRejected', { partnerId: 'p', conversationId: 'conv-2', reason: 'timeout' })
            ).toMatchObject({ kind: 'ack' });
            await flush();
            expect(crm.onlyTask()).toMatchObject({
                CallObject: 'conv-2',
                Subject: expect.stringContaining('call from +18005550100') as unknown
            });
        });

        it('still refuses a call it cannot use: no conversationId', () => {
            const bridge = makeBridge();
            expect(
                fromSoftphone(bridge, 'callEnded', { partnerId: 'p', duration: '95', queueName: 'x' })
            ).toMatchObject({
                kind: 'error',
                payload: { code: 'MISSING_FIELD', field: 'callEnded.conversationId' }
            });
        });
    });
    describe('missed calls', () => {
        const ring = (bridge: Bridge, id: string): void => {
            fromSoftphone(bridge, 'incomingCall', { partnerId: 'p', conversationId: id, callerANI: '+18005550100' });
        };
        const sequences: [string, (bridge: Bridge, id: string) => void][] = [
            ['ring → ended', (b, id) => fromSoftphone(b, 'callEnded', { partnerId: 'p', conversationId: id })],
            [
                'ring → rejected → ended',
                (b, id) => {
                    fromSoftphone(b, 'callRejected', { partnerId: 'p', conversationId: id, reason: 'active' });
                    fromSoftphone(b, 'callEnded', { partnerId: 'p', conversationId: id, duration: 0 });
                }
            ],
            [
                'ring → rejected',
                (b, id) => fromSoftphone(b, 'callRejected', { partnerId: 'p', conversationId: id, reason: 'passive' })
            ]
        ];

        it.each(sequences)('logs no Task for %s when missed-call logs are off', async (_name, finish) => {
            const bridge = makeBridge({ settings: { ...SETTINGS, logMissedCalls: false } });
            ring(bridge, 'conv-1');
            finish(bridge, 'conv-1');
            await flush();
            await jest.advanceTimersByTimeAsync(60_000);
            expect(crm.saveLog).not.toHaveBeenCalled();
            expect(crm.tasks.size).toBe(0);
        });

        it.each(sequences)(
            'logs no Task for %s when missed-call logs are off and the softphone repeats its end after a reload',
            async (_name, finish) => {
                const first = makeBridge({ settings: { ...SETTINGS, logMissedCalls: false } });
                ring(first, 'conv-1');
                finish(first, 'conv-1');
                await flush();
                first.dispose();
                await jest.advanceTimersByTimeAsync(10 * 60_000);
                // A softphone replaying its last events to the new page: the bridge still knows the call.
                const second = makeBridge({ settings: { ...SETTINGS, logMissedCalls: false } });
                finish(second, 'conv-1');
                fromSoftphone(second, 'callEnded', { partnerId: 'p', conversationId: 'conv-1', duration: 0 });
                await flush();
                await jest.advanceTimersByTimeAsync(60_000);
                expect(crm.saveLog).not.toHaveBeenCalled();
                // Forgotten once the wrap-up window has passed, as a saved call's record is.
                await jest.advanceTimersByTimeAsync(WRAP_UP_WINDOW_MS);
                ring(second, 'conv-2');
                await flush();
                expect(store.getItem(`${CALL_STORE_KEY}.ended.conv-1`)).toBeNull();
            }
        );

        it.each(sequences)('logs exactly one Task for %s when missed-call logs are on', async (_name, finish) => {
            const bridge = makeBridge({ settings: { ...SETTINGS, logMissedCalls: true } });
            ring(bridge, 'conv-1');
            finish(bridge, 'conv-1');
            await flush();
            await jest.advanceTimersByTimeAsync(60_000);
            expect(crm.onlyTask()).toMatchObject({ CallObject: 'conv-1' });
            expect(crm.saveLog).toHaveBeenCalledTimes(1);
        });
    });

    describe('the right record, or none', () => {
        it('never re-links a call that has its record, during or after the call', async () => {
            crm.matches = [CONTACT];
            const bridge = makeBridge();
            fromSoftphone(bridge, 'incomingCall', {
                partnerId: 'p',
                conversationId: 'conv-1',
                callerANI: '+18005550100'
            });
            fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId: 'conv-1' });
            await flush();
            command(bridge, 'choosePopTarget', { conversationId: 'conv-1', record: ACCOUNT });
            fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'conv-1' });
            await flush();
            command(bridge, 'choosePopTarget', { conversationId: 'conv-1', record: CASE }, 'cmd-2');
            await flush();
            expect(crm.onlyTask()).toMatchObject({ WhoId: CONTACT.recordId });
            expect(crm.onlyTask().WhatId).toBeUndefined();
            expect(crm.updateLog).not.toHaveBeenCalled();
        });

        it('pops a call restored while ringing or connected again, and links its own record', async () => {
            const before = makeBridge();
            fromSoftphone(before, 'incomingCall', {
                partnerId: 'p',
                conversationId: 'conv-1',
                callerANI: '+18005550100'
            });
            fromSoftphone(before, 'incomingCall', {
                partnerId: 'p',
                conversationId: 'conv-2',
                callerANI: '+18005550101'
            });
            fromSoftphone(before, 'callAccepted', { partnerId: 'p', conversationId: 'conv-2' });
            before.dispose(); // reloaded before the pops answered
            crm.pops.length = 0;
            crm.matches = [CONTACT];
            const after = makeBridge();
            await flush();
            expect(crm.pops.map((pop) => pop.conversationId).sort()).toEqual(['conv-1', 'conv-2']);
            fromSoftphone(after, 'callAccepted', { partnerId: 'p', conversationId: 'conv-1' });
            fromSoftphone(after, 'callEnded', { partnerId: 'p', conversationId: 'conv-1' });
            await flush();
            expect([...crm.tasks.values()][0]).toMatchObject({ CallObject: 'conv-1', WhoId: CONTACT.recordId });
        });

        it('searches again, without opening anything, for a finished call whose pop a reload cut short', async () => {
            let answerPop: (records: RecordRef[]) => void = () => undefined;
            crm.screenPop = (request) => {
                crm.pops.push(request);
                return new Promise((resolve) => (answerPop = resolve));
            };
            const before = makeBridge();
            takeCall(before, { callerANI: '+18005550100', duration: 4 });
            await flush();
            before.dispose(); // the page reloads before the pop answers
            crm.pops.length = 0;
            makeBridge();
            expect(crm.pops).toEqual([
                { conversationId: 'conv-1', direction: 'inbound', phoneNumber: '+18005550100', searchOnly: true }
            ]);
            answerPop([CONTACT]);
            await flush();
            expect(crm.onlyTask()).toMatchObject({ WhoId: CONTACT.recordId });
            expect(crm.panelShown).toBe(1); // only for the ringing call, not again
        });
    });

    describe('late notes', () => {
        async function answeredCall(bridge: Bridge, id: string): Promise<void> {
            fromSoftphone(bridge, 'incomingCall', { partnerId: 'p', conversationId: id, callerANI: '+18005550100' });
            fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId: id });
            fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: id, duration: 30 });
            await flush();
        }

        it.each([55, 210])('update only the notes of the right Task after %i more calls', async (more) => {
            crm.matches = [CONTACT];
            const bridge = makeBridge();
            await answeredCall(bridge, 'conv-first');
            const [firstId, first] = [...crm.tasks.entries()][0] as [string, CallLog];
            crm.matches = [];
            for (let i = 0; i < more; i++) await answeredCall(bridge, `conv-${i}`);
            crm.updateLog.mockClear();
            fromSoftphone(bridge, 'callNotesSubmitted', {
                partnerId: 'p',
                conversationId: 'conv-first',
                notes: 'Late notes',
                disposition: 'Resolved'
            });
            await flush();
            expect(crm.tasks.size).toBe(more + 1);
            expect(crm.updateLog).toHaveBeenCalledTimes(1);
            expect(crm.updateLog).toHaveBeenCalledWith(firstId, {
                Description: 'Late notes',
                CallDisposition: 'Resolved'
            });
            expect(crm.tasks.get(firstId)).toEqual({
                ...first,
                Description: 'Late notes',
                CallDisposition: 'Resolved'
            });

            // A second late event for that call patches again: it never rewrites the Task from guesses.
            fromSoftphone(bridge, 'callNotesSubmitted', {
                partnerId: 'p',
                conversationId: 'conv-first',
                notes: 'Later still'
            });
            await flush();
            expect(crm.tasks.get(firstId)).toEqual({
                ...first,
                Description: 'Later still',
                CallDisposition: 'Resolved'
            });
        });
    });

    describe('a call first heard of through late events', () => {
        it('its Task is corrected to the type a later callEnded names, Subject included', async () => {
            const bridge = makeBridge();
            fromSoftphone(bridge, 'callNotesSubmitted', { partnerId: 'p', conversationId: 'conv-late', notes: 'n' });
            await flush();
            const [taskId, created] = [...crm.tasks.entries()][0] as [string, CallLog];
            expect(created).toMatchObject({ CallType: 'Inbound', Subject: 'Inbound call' });
            fromSoftphone(bridge, 'callEnded', {
                partnerId: 'p',
                conversationId: 'conv-late',
                callType: 'outbound',
                duration: 20
            });
            await flush();
            expect(crm.tasks.size).toBe(1);
            expect(crm.tasks.get(taskId)).toMatchObject({
                CallType: 'Outbound',
                Subject: 'Outbound call',
                CallDurationInSeconds: 20,
                Description: 'n'
            });
        });
    });

    describe('storage over a shift', () => {
        /** A store that counts what each setItem writes (key and value characters). */
        class CountingStore extends MemoryStore {
            written = 0;
            override setItem(key: string, value: string): void {
                this.written += key.length + value.length;
                super.setItem(key, value);
            }
        }

        it('writes as much for call 1,000 of a shift as for call 1 (flat cost per call event)', async () => {
            const counting = new CountingStore();
            const bridge = makeBridge({ store: counting });
            crm.matches = [CONTACT];
            const perCall: number[] = [];
            for (let i = 1; i <= 1_000; i++) {
                const conversationId = `shift-${String(i).padStart(4, '0')}`;
                const before = counting.written;
                fromSoftphone(bridge, 'incomingCall', { partnerId: 'p', conversationId, callerANI: '+18005550100' });
                await flush();
                fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId });
                fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId, duration: 42 });
                // Every other call is wrapped up; the rest stay in storage through their wrap-up window.
                if (i % 2 === 0)
                    command(bridge, 'saveWrapUp', { conversationId, disposition: 'Resolved', notes: 'Done' });
                await flush();
                perCall.push(counting.written - before);
                jest.advanceTimersByTime(30_000); // a call every half minute: 1,000 in a shift
            }
            expect(crm.tasks.size).toBe(1_000);
            const average = (from: number, to: number): number =>
                perCall.slice(from, to).reduce((sum, n) => sum + n, 0) / (to - from);
            const early = average(0, 10);
            const late = average(990, 1_000);
            // The same events cost the same characters, whatever the shift has logged before them.
            expect(late).toBeLessThanOrEqual(early * 1.05 + 16);
            expect(Math.max(...perCall.slice(990))).toBeLessThanOrEqual(Math.max(...perCall.slice(0, 10)) + 16);
            // Everything a reload needs is still there: the calls in their wrap-up window, every saved log's Task.
            expect(counting.valuesUnder(`${LOG_STORE_KEY}.`).length).toBeGreaterThanOrEqual(1_000);
            expect(counting.valuesUnder(CALL_STORE_KEY).length).toBeGreaterThan(0);
        }, 60_000);

        it('restores finished calls from their own keys after a reload: wrap-up notes update the same Task', async () => {
            const first = makeBridge();
            takeCall(first, { callerANI: '+18005550100', duration: 3 });
            fromSoftphone(first, 'incomingCall', {
                partnerId: 'p',
                conversationId: 'conv-2',
                callerANI: '+18005550101'
            });
            await flush();
            expect(store.getItem(CALL_STORE_KEY)).toContain('conv-2');
            expect(store.getItem(CALL_STORE_KEY)).not.toContain('conv-1');
            expect(store.getItem(`${CALL_STORE_KEY}.ended.conv-1`)).toContain('+18005550100');
            first.dispose();

            const second = makeBridge();
            command(second, 'requestState');
            expect(
                crm
                    .eventsOf('snapshot')
                    .at(-1)
                    ?.calls.map((c) => c.conversationId)
            ).toEqual(['conv-2', 'conv-1']);
            command(second, 'saveWrapUp', { conversationId: 'conv-1', notes: 'After the reload' });
            await flush();
            expect(crm.saveLog).toHaveBeenCalledTimes(1);
            expect(crm.onlyTask()).toMatchObject({ CallObject: 'conv-1', Description: 'After the reload' });
            expect(store.getItem(`${CALL_STORE_KEY}.ended.conv-1`)).toBeNull();
        });

        it('upgrades the one-key stores of the previous version once, losing no call and no pending log', async () => {
            const live = {
                conversationId: 'old-live',
                direction: 'inbound',
                state: 'connected',
                details: {},
                startedAt: T0 - 60_000,
                connectedAt: T0 - 50_000,
                phoneNumber: '+18005550100',
                matches: [],
                updatedAt: T0 - 50_000
            };
            const ended = { ...live, conversationId: 'old-ended', state: 'ended', endedAt: T0 - 1_000, searched: true };
            store.setItem(LEGACY_CALL_STORE_KEY, JSON.stringify({ version: 1, calls: [live, ended] }));
            const pendingLog: CallLog = {
                Subject: 'Inbound call from +18005550100',
                Status: 'Completed',
                TaskSubtype: 'Call',
                CallType: 'Inbound',
                CallObject: 'old-ended',
                ActivityDate: '2026-11-21',
                CallDurationInSeconds: 49
            };
            store.setItem(
                LEGACY_LOG_STORE_KEY,
                JSON.stringify({
                    version: 2,
                    entries: [
                        {
                            conversationId: 'old-ended',
                            desired: pendingLog,
                            saved: {},
                            createInDoubt: false,
                            attempts: 1,
                            updatedAt: T0 - 1_000
                        }
                    ]
                })
            );
            crm.matches = [CONTACT];
            const bridge = makeBridge();
            await flush();
            // The pending log is written once; the live call popped again and is stored in its new place.
            expect(crm.saveLog).toHaveBeenCalledTimes(1);
            expect(crm.onlyTask()).toMatchObject({ CallObject: 'old-ended', CallDurationInSeconds: 49 });
            expect(store.getItem(LEGACY_CALL_STORE_KEY)).toBeNull();
            expect(store.getItem(LEGACY_LOG_STORE_KEY)).toBeNull();
            expect(store.getItem(CALL_STORE_KEY)).toContain('old-live');
            expect(store.getItem(`${LOG_STORE_KEY}.old-ended`)).toContain('00T');
            // The live call goes on as before: its end is logged once, against the record its pop found.
            fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'old-live', duration: 60 });
            await flush();
            expect(crm.saveLog).toHaveBeenCalledTimes(2);
            expect([...crm.tasks.values()].find((t) => t.CallObject === 'old-live')).toMatchObject({
                WhoId: CONTACT.recordId
            });
        });
    });

    describe('customer data in storage', () => {
        it('keeps a call in storage only until its log is final', async () => {
            const bridge = makeBridge();
            fromSoftphone(bridge, 'incomingCall', {
                partnerId: 'p',
                conversationId: 'conv-1',
                callerANI: '+18005550100'
            });
            fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId: 'conv-1' });
            const stored = (): string => store.valuesUnder(CALL_STORE_KEY).join('');
            expect(stored()).toContain('+18005550100');
            fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'conv-1', duration: 3 });
            await flush();
            // Saved, but the agent may still add notes: kept for the wrap-up.
            expect(stored()).toContain('conv-1');
            command(bridge, 'saveWrapUp', { conversationId: 'conv-1', notes: 'Secret', disposition: 'Resolved' });
            await flush();
            expect(crm.onlyTask()).toMatchObject({ Description: 'Secret' });
            expect(stored()).not.toContain('conv-1');
            expect([...store.data.values()].join('')).not.toContain('Secret');
            expect([...store.data.values()].join('')).not.toContain('+18005550100');
        });

        it('lets a finished call without notes go after the wrap-up window', async () => {
            const bridge = makeBridge();
            takeCall(bridge, { callerANI: '+18005550100', duration: 3 });
            await flush();
            jest.advanceTimersByTime(WRAP_UP_WINDOW_MS + 1);
            fromSoftphone(bridge, 'incomingCall', { partnerId: 'p', conversationId: 'conv-2' });
            expect(store.valuesUnder(CALL_STORE_KEY).join('')).not.toContain('conv-1');
        });
    });

    describe('what a vendor protocol adds to the Task (amendLog, refreshLog)', () => {
        /** A vendor line list added below the notes, as the Ameyo toolbar's timeline is. */
        function amendingBridge(lines: string[]): Bridge {
            return makeBridge({
                amendLog: (_conversationId, log) =>
                    lines.length === 0 || (log.Subject === undefined && log.Description === undefined)
                        ? {}
                        : { Description: [log.Description ?? '', ...lines].join('\n').trim() }
            });
        }

        /** A connected call whose notes were saved mid-call: its Task is written before the end. */
        async function withNotes(bridge: Bridge): Promise<void> {
            fromSoftphone(bridge, 'incomingCall', {
                partnerId: 'p',
                conversationId: 'conv-1',
                callerANI: '+15035551212'
            });
            fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId: 'conv-1' });
            command(bridge, 'saveWrapUp', { conversationId: 'conv-1', notes: 'Checked the order' });
            await flush();
        }

        it('patches only the amended field on the one Task, once per change, and every later write keeps it', async () => {
            const lines: string[] = [];
            const bridge = amendingBridge(lines);
            await withNotes(bridge);
            expect(crm.saveLog).toHaveBeenCalledTimes(1);
            lines.push('transfer 1');
            expect(bridge.refreshLog('conv-1')).toBe(true);
            await flush();
            expect(crm.updateLog.mock.calls).toEqual([
                [expect.any(String), { Description: 'Checked the order\ntransfer 1' }]
            ]);
            // Nothing new: no write.
            bridge.refreshLog('conv-1');
            await flush();
            expect(crm.updateLog).toHaveBeenCalledTimes(1);
            // The end and the disposition come later, with the same notes: the line stays, on the one Task.
            fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'conv-1', duration: 30 });
            command(bridge, 'saveWrapUp', {
                conversationId: 'conv-1',
                disposition: 'Resolved',
                notes: 'Checked the order'
            });
            await flush();
            expect(crm.onlyTask()).toMatchObject({
                Description: 'Checked the order\ntransfer 1',
                CallDisposition: 'Resolved',
                CallDurationInSeconds: 30
            });
            expect(crm.saveLog).toHaveBeenCalledTimes(1);
            expect(crm.updateLog.mock.calls.filter(([, patch]) => 'Description' in patch)).toHaveLength(1);
        });

        it('a change while the create is in flight goes to the same Task after it', async () => {
            const lines: string[] = [];
            const bridge = amendingBridge(lines);
            fromSoftphone(bridge, 'incomingCall', { partnerId: 'p', conversationId: 'conv-1' });
            fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId: 'conv-1' });
            command(bridge, 'saveWrapUp', { conversationId: 'conv-1', notes: 'Hello' });
            lines.push('conference 1');
            expect(bridge.refreshLog('conv-1')).toBe(true);
            await flush();
            expect(crm.saveLog).toHaveBeenCalledTimes(1);
            expect(crm.onlyTask().Description).toBe('Hello\nconference 1');
        });

        it('an update whose answer is lost is written again to the same Task, never a second one', async () => {
            const lines: string[] = [];
            const bridge = amendingBridge(lines);
            await withNotes(bridge);
            crm.updateLog.mockImplementationOnce((taskId, patch) => {
                const task = crm.tasks.get(taskId);
                if (task) crm.tasks.set(taskId, { ...task, ...patch });
                return Promise.reject(new Error('saveLog did not answer in time'));
            });
            lines.push('transfer 1');
            bridge.refreshLog('conv-1');
            await flush();
            await jest.advanceTimersByTimeAsync(5_000);
            expect(crm.updateLog).toHaveBeenCalledTimes(2);
            expect(crm.onlyTask().Description).toBe('Checked the order\ntransfer 1');
            expect(crm.saveLog).toHaveBeenCalledTimes(1);
        });

        it('writes nothing for an unknown call, or one with no Task yet (its first write carries the amendment)', async () => {
            const lines = ['transfer 1'];
            const bridge = amendingBridge(lines);
            expect(bridge.refreshLog('nobody')).toBe(false);
            fromSoftphone(bridge, 'incomingCall', { partnerId: 'p', conversationId: 'conv-1' });
            fromSoftphone(bridge, 'callAccepted', { partnerId: 'p', conversationId: 'conv-1' });
            expect(bridge.refreshLog('conv-1')).toBe(false);
            await flush();
            expect(crm.saveLog).not.toHaveBeenCalled();
            fromSoftphone(bridge, 'callEnded', { partnerId: 'p', conversationId: 'conv-1', duration: 5 });
            await flush();
            expect(crm.onlyTask().Description).toBe('transfer 1');
        });

        it('a finished call whose queue entry is gone: its Task is found by CallObject and patched, not created again', async () => {
            const lines: string[] = [];
            const findLog = jest.fn((callObject: string) =>
                Promise.resolve([...crm.tasks].find(([, task]) => task.CallObject === callObject)?.[0] ?? null)
            );
            Object.assign(crm, { findLog });
            const first = amendingBridge(lines);
            takeCall(first, { duration: 5 });
            await flush();
            first.dispose();
            // A reload whose storage kept the call (in wrap-up) but lost the saved log entry.
            store.removeItem(`${LOG_STORE_KEY}.conv-1`);
            const second = amendingBridge(lines);
            lines.push('transfer 1');
            expect(second.refreshLog('conv-1')).toBe(true);
            await flush();
            expect(findLog).toHaveBeenCalledWith('conv-1');
            expect(crm.saveLog).toHaveBeenCalledTimes(1);
            expect(crm.onlyTask().Description).toBe('transfer 1');
        });

        it('late notes for a call whose saved log entry storage dropped: its Task is found and updated, not created again', async () => {
            const findLog = jest.fn((callObject: string) =>
                Promise.resolve([...crm.tasks].find(([, task]) => task.CallObject === callObject)?.[0] ?? null)
            );
            Object.assign(crm, { findLog });
            const first = makeBridge();
            takeCall(first, { conversationId: 'conv-9', callerANI: '+18005550100', duration: 5 });
            await flush();
            first.dispose();
            // Storage made room for other logs: the saved entry went, the call (in wrap-up) stayed.
            store.removeItem(`${LOG_STORE_KEY}.conv-9`);
            const second = makeBridge();
            fromSoftphone(second, 'callNotesSubmitted', {
                partnerId: 'p',
                conversationId: 'conv-9',
                notes: 'Late notes',
                disposition: 'Resolved'
            });
            await flush();
            expect(findLog).toHaveBeenCalledWith('conv-9');
            expect(crm.saveLog).toHaveBeenCalledTimes(1);
            expect(crm.onlyTask()).toMatchObject({ Description: 'Late notes', CallDisposition: 'Resolved' });
        });

        it('an amendLog that throws is reported and the log is written without it', async () => {
            const warnings: string[] = [];
            const bridge = makeBridge({
                amendLog: () => {
                    throw new Error('boom');
                },
                onWarning: (message) => warnings.push(message)
            });
            await withNotes(bridge);
            expect(crm.onlyTask()).toMatchObject({ CallObject: 'conv-1', Description: 'Checked the order' });
            expect(warnings).toContain('amendLog failed: boom');
        });
    });
});
