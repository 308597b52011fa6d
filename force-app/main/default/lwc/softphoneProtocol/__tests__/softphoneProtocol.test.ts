import {
    CHANNEL_PROTOCOL_VERSION,
    COMMAND_SPECS,
    EVENT_SPECS,
    MAX_CHANNEL_MESSAGE_CHARS,
    createCommand,
    createEvent,
    errorFor,
    readCommandId,
    validateChannelMessage
} from 'c/softphoneProtocol';
import type {
    ChannelCommandPayload,
    ChannelCommandType,
    ChannelEventPayload,
    ChannelEventType
} from 'c/softphoneProtocol';
import type { FieldSpec } from 'c/softphoneSchema';
import { invalidVariants } from '../../softphoneSchema/__tests__/variants';

const CONTACT = { recordId: '003000000000001AAA', objectType: 'Contact', name: 'Ada Lovelace' };
const CALL = {
    conversationId: 'conv-1',
    direction: 'inbound',
    state: 'connected',
    outcome: 'answered',
    phoneNumber: '+18005550100',
    startedAt: 1_700_000_000_000,
    connectedAt: 1_700_000_005_000,
    details: { language: 'en_US', recordingStatus: 'ON' },
    matches: [CONTACT],
    record: CONTACT
} as const;
const HEARTBEAT = { adapterId: 'a1', softphoneConnected: true, intervalMs: 15_000, sentAt: 1_700_000_000_000 };
const CONFIG = {
    dispositions: ['Resolved'],
    presenceOptions: [{ softphoneId: 'avail-guid', label: 'Available' }],
    clickToDialReady: true
};
const LOG = { conversationId: 'conv-1', status: 'saved', taskId: '00T000000000001AAA', attempts: 0 } as const;

const VALID_EVENTS: { [T in ChannelEventType]: ChannelEventPayload<T> } = {
    heartbeat: HEARTBEAT,
    presenceChanged: { softphoneId: 'avail-guid', label: 'Available', changedAt: 1_700_000_000_000 },
    callStateChanged: { ...CALL, matches: [CONTACT], details: { ...CALL.details } },
    configAnnounced: CONFIG,
    logStatus: LOG,
    error: { code: 'INVALID_PHONE_NUMBER', message: 'Not a number', audience: 'agent', commandId: 'c-1' },
    snapshot: { heartbeat: HEARTBEAT, config: CONFIG, calls: [], logs: [LOG] },
    agentSession: {
        status: 'loggedIn',
        campaign: 'Inbound Sales',
        extension: 'sip-1001',
        dialMode: 'manual',
        availability: 'Ready',
        changedAt: 1_700_000_000_000
    },
    dispositionTree: { groups: [{ label: 'Contacted', codes: ['Sale', 'Callback'] }] },
    callTimeline: {
        conversationId: 'conv-1',
        entries: [{ at: 1_700_000_000_000, kind: 'transfer', text: 'Transfer to agent queue request sent' }]
    }
};

const VALID_COMMANDS: { [T in ChannelCommandType]: ChannelCommandPayload<T> } = {
    setPresence: { softphoneId: 'avail-guid' },
    dial: { number: '+1 800 555 0100', record: CONTACT },
    saveWrapUp: { conversationId: 'conv-1', disposition: 'Resolved', notes: 'Called back' },
    choosePopTarget: { conversationId: 'conv-1', record: CONTACT },
    requestState: undefined,
    retryLogs: undefined,
    confirmForceLogin: undefined,
    signOut: undefined,
    disposeAndDial: { conversationId: 'conv-1', disposition: 'Sale', number: '+18005550100' }
};

const event = (type: string, payload: unknown): unknown => ({ version: 1, kind: 'event', type, payload });
const command = (type: string, payload: unknown): unknown => ({
    version: 1,
    kind: 'command',
    id: 'cmd-1',
    type,
    payload
});

describe('c-softphone-protocol', () => {
    describe.each(Object.keys(EVENT_SPECS) as ChannelEventType[])('event %s', (type) => {
        const spec: FieldSpec = EVENT_SPECS[type].payload;

        it('accepts a valid message', () => {
            const result = validateChannelMessage(event(type, VALID_EVENTS[type]));
            expect(result).toEqual({
                ok: true,
                value: { version: 1, kind: 'event', type, payload: VALID_EVENTS[type] }
            });
        });

        if (spec.kind === 'object') {
            it.each(invalidVariants(spec, VALID_EVENTS[type] as Record<string, unknown>, 'payload'))(
                'rejects $name',
                ({ payload, code, field }) => {
                    expect(validateChannelMessage(event(type, payload))).toMatchObject({
                        ok: false,
                        error: { code, field }
                    });
                }
            );
        }
    });

    describe.each(Object.keys(COMMAND_SPECS) as ChannelCommandType[])('command %s', (type) => {
        const spec: FieldSpec = COMMAND_SPECS[type].payload;

        it('accepts a valid message', () => {
            const result = validateChannelMessage(command(type, VALID_COMMANDS[type]));
            expect(result).toMatchObject({ ok: true, value: { kind: 'command', id: 'cmd-1', type } });
        });

        if (spec.kind === 'object') {
            it.each(invalidVariants(spec, VALID_COMMANDS[type] as Record<string, unknown>, 'payload'))(
                'rejects $name',
                ({ payload, code, field }) => {
                    expect(validateChannelMessage(command(type, payload))).toMatchObject({
                        ok: false,
                        error: { code, field }
                    });
                }
            );
        } else {
            it('rejects a payload where none is expected', () => {
                expect(validateChannelMessage(command(type, { x: 1 }))).toMatchObject({
                    ok: false,
                    error: { code: 'INVALID_VALUE' }
                });
            });
        }
    });

    it.each([
        ['a non-object', 'hello', 'NOT_AN_OBJECT'],
        ['a missing version', { kind: 'event', type: 'heartbeat', payload: HEARTBEAT }, 'WRONG_TYPE'],
        [
            'a newer version',
            { version: 2, kind: 'event', type: 'heartbeat', payload: HEARTBEAT },
            'UNSUPPORTED_VERSION'
        ],
        ['an unknown kind', { version: 1, kind: 'shout', type: 'heartbeat' }, 'INVALID_VALUE'],
        ['an unknown event type', event('explode', {}), 'UNKNOWN_TYPE'],
        ['an unknown command type', command('explode', {}), 'UNKNOWN_TYPE'],
        ['a command without id', { version: 1, kind: 'command', type: 'requestState' }, 'MISSING_FIELD'],
        [
            'an event with an id',
            { version: 1, kind: 'event', id: 'x', type: 'heartbeat', payload: HEARTBEAT },
            'UNKNOWN_FIELD'
        ],
        [
            'an extra envelope field',
            { version: 1, kind: 'command', id: 'c', type: 'requestState', extra: true },
            'UNKNOWN_FIELD'
        ],
        [
            'an oversize message',
            command('saveWrapUp', { conversationId: 'c', notes: 'x'.repeat(MAX_CHANNEL_MESSAGE_CHARS) }),
            'TOO_LARGE'
        ],
        [
            'a too long record id',
            command('choosePopTarget', { conversationId: 'c', record: { recordId: '003x' } }),
            'INVALID_VALUE'
        ]
    ])('rejects %s', (_name, raw, code) => {
        expect(validateChannelMessage(raw)).toMatchObject({ ok: false, error: { code } });
    });

    it('carries the recording status the softphone reported, even one outside ON/OFF', () => {
        const paused = { ...CALL, matches: [CONTACT], details: { recordingStatus: 'PAUSED' } };
        expect(createEvent('callStateChanged', paused)).toMatchObject({
            ok: true,
            value: { payload: { details: { recordingStatus: 'PAUSED' } } }
        });
    });

    it.each([
        ['a huge sparse array', { list: new Array(1e8) }, 'TOO_LARGE'],
        [
            'a cyclic payload',
            (() => {
                const c: Record<string, unknown> = {};
                c.c = c;
                return c;
            })(),
            'TOO_DEEP'
        ]
    ])('bounds %s before reading any field, without serializing it', (_name, payload, code) => {
        const stringify = jest.spyOn(JSON, 'stringify');
        expect(validateChannelMessage(command('saveWrapUp', payload))).toMatchObject({ ok: false, error: { code } });
        expect(stringify).not.toHaveBeenCalled();
        stringify.mockRestore();
    });

    it('explains a version mismatch to the admin', () => {
        const result = validateChannelMessage({ version: 2, kind: 'event', type: 'heartbeat', payload: HEARTBEAT });
        expect(!result.ok && result.error.message).toContain('same release');
    });

    it('builds only valid events and commands', () => {
        expect(createEvent('heartbeat', HEARTBEAT)).toEqual({
            ok: true,
            value: { version: CHANNEL_PROTOCOL_VERSION, kind: 'event', type: 'heartbeat', payload: HEARTBEAT }
        });
        expect(createEvent('logStatus', { ...LOG, taskId: 'not-an-id' })).toMatchObject({
            ok: false,
            error: { code: 'INVALID_VALUE' }
        });
        expect(createCommand('requestState', undefined, 'cmd-9')).toMatchObject({ ok: true, value: { id: 'cmd-9' } });
    });

    it('keeps messages JSON-safe (what LMS delivers)', () => {
        const built = createEvent('callStateChanged', VALID_EVENTS.callStateChanged);
        expect(built.ok && JSON.parse(JSON.stringify(built.value))).toEqual(built.ok && built.value);
    });

    it('reads a command id from a rejected message and builds an error view', () => {
        expect(readCommandId({ id: 'cmd-7', type: 'nope' })).toBe('cmd-7');
        expect(readCommandId({ id: 7 })).toBeUndefined();
        const view = errorFor({ code: 'UNKNOWN_TYPE', message: 'Unknown', field: 'type' }, 'developer', 'cmd-7');
        expect(view).toEqual({
            code: 'UNKNOWN_TYPE',
            message: 'Unknown',
            field: 'type',
            audience: 'developer',
            commandId: 'cmd-7'
        });
        expect(createEvent('error', view).ok).toBe(true);
    });
});
