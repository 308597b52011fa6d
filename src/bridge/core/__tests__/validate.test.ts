import type { FieldSpec, ObjectField } from 'c/softphoneSchema';
import { invalidVariants } from '../../../../force-app/main/default/lwc/softphoneSchema/__tests__/variants';
import type { InvalidVariant } from '../../../../force-app/main/default/lwc/softphoneSchema/__tests__/variants';
import {
    CALL_ID_MAX_LENGTH,
    SOFTPHONE_CALLS,
    SOFTPHONE_CALL_TYPES,
    WRAPPER_EVENTS,
    WRAPPER_EVENT_TYPES
} from '../contract';
import { CALL_ID_MAX_LENGTH as PROTOCOL_CALL_ID_MAX_LENGTH } from 'c/softphoneProtocol';
import type { SoftphoneCallInput, SoftphoneCallType, WrapperEventPayload, WrapperEventType } from '../contract';
import {
    ENVELOPE_PROTOCOL,
    MAX_ENVELOPE_CHARS,
    createEnvelope,
    createErrorReply,
    createIdGenerator,
    isBridgeMessage,
    parseEnvelope,
    ignoredArguments,
    payloadFromArguments,
    readFromAdapter,
    readFromSoftphone,
    validateSoftphoneCall,
    validateWrapperEvent
} from '../validate';

const IDS = {
    partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
    conversationId: 'c0ffee00-0000-4000-8000-000000000001'
};

/** One valid payload per softphone call, with every field the seed lists. */
const VALID_CALLS: { [T in SoftphoneCallType]: SoftphoneCallInput<T> } = {
    incomingCall: { ...IDS, callerANI: '+18883973342', language: 'fr_CA' },
    callAccepted: {
        ...IDS,
        callerANI: '+18883973342',
        language: 'en_US',
        ivrExitPath: 'booking-change',
        channelName: 'Voice',
        reservationStartDate: '2026-12-24',
        specialEvent: 'none',
        escalationType: 'tier2',
        recordingStatus: 'ON'
    },
    callRejected: { ...IDS, reason: 'passive' },
    callEnded: { ...IDS, duration: 125.4, disposition: 'Resolved', notes: 'Changed the date.', callType: 'inbound' },
    callNotesSubmitted: { ...IDS, disposition: 'Resolved', notes: 'Changed the date.' },
    outboundCallInitiated: { ...IDS, dialledTo: '+18449401117' },
    statusChanged: { softphoneId: 'd6afeaa7-39be-4935-981f-2670215fd887' }
};

const PARTNER = {
    partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
    businessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
    channelOriginId: '57053e21-0440-4689-a27a-513d7dceebde'
};

/** The seed's sample payloads for each callback event. */
const VALID_EVENTS: { [T in WrapperEventType]: WrapperEventPayload<T> } = {
    disposition: ['code1', 'code2'],
    partner_config: PARTNER,
    get_presence: undefined,
    update_presence: { softphoneId: 'd6afeaa7-39be-4935-981f-2670215fd887' },
    start_call: {
        ...PARTNER,
        dialTo: '+18883973342',
        dialFrom: '+18449401117',
        participantType: 'Traveler/Supplier/Agent'
    }
};

describe('softphone contract validation', () => {
    describe.each(SOFTPHONE_CALL_TYPES)('%s', (type) => {
        it('accepts the seed fields, with nothing to warn about', () => {
            const result = validateSoftphoneCall(type, VALID_CALLS[type]);
            expect(result).toEqual({ ok: true, value: { call: { type, payload: VALID_CALLS[type] }, warnings: [] } });
        });

        const spec = SOFTPHONE_CALLS[type].payload as ObjectField;
        const variants = invalidVariants(spec, VALID_CALLS[type], type);
        // A required field that is absent or cannot be used as is (an id is never cut) makes the call unusable.
        const unusable = (v: InvalidVariant): boolean =>
            spec.fields[v.field.slice(type.length + 1)]?.required === true &&
            (v.code === 'MISSING_FIELD' || v.code === 'TOO_LONG');

        it.each(variants.filter(unusable))('refuses $name', ({ payload, code, field }) => {
            const result = validateSoftphoneCall(type, payload);
            expect(result).toMatchObject({ ok: false, error: { code, field } });
        });

        // Liberal reading: anything else is converted, kept or left out, and the vendor is told which field.
        it.each(variants.filter((v) => !unusable(v)))('tolerates $name, with a warning', ({ payload, field }) => {
            const result = validateSoftphoneCall(type, payload);
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            expect(result.value.warnings.map((w) => w.field)).toContain(field);
            expect(result.value.call.payload).not.toHaveProperty('surprise');
        });

        it('refuses a payload that is not an object, or none at all', () => {
            expect(validateSoftphoneCall(type, ['x'])).toMatchObject({ ok: false, error: { code: 'NOT_AN_OBJECT' } });
            expect(validateSoftphoneCall(type, undefined)).toMatchObject({
                ok: false,
                error: { code: 'MISSING_FIELD', field: type }
            });
        });
    });

    describe.each(WRAPPER_EVENT_TYPES)('callback event %s', (type) => {
        const spec: FieldSpec = WRAPPER_EVENTS[type].payload;

        it("accepts the seed's sample", () => {
            expect(validateWrapperEvent(type, VALID_EVENTS[type])).toEqual({
                ok: true,
                value: { type, payload: VALID_EVENTS[type] }
            });
        });

        if (spec.kind === 'object') {
            it.each(invalidVariants(spec, VALID_EVENTS[type] as Record<string, unknown>, type))(
                'rejects $name',
                ({ payload, code, field }) => {
                    expect(validateWrapperEvent(type, payload)).toMatchObject({ ok: false, error: { code, field } });
                }
            );
        }
    });

    it('fills the seed default language and matches enumerations case-insensitively', () => {
        expect(validateSoftphoneCall('incomingCall', IDS)).toEqual({
            ok: true,
            value: { call: { type: 'incomingCall', payload: { ...IDS, language: 'en_US' } }, warnings: [] }
        });
        const ended = validateSoftphoneCall('callEnded', { ...IDS, callType: 'Outbound' });
        expect(ended.ok && ended.value.call.payload).toEqual({ ...IDS, callType: 'outbound' });
    });

    it.each([
        ['an unknown call', () => validateSoftphoneCall('callTransferred', IDS), 'UNKNOWN_TYPE'],
        ['an unknown event', () => validateWrapperEvent('reboot', {}), 'UNKNOWN_TYPE'],
        ['a call without conversationId', () => validateSoftphoneCall('callEnded', { duration: 3 }), 'MISSING_FIELD'],
        [
            'a call whose conversationId is an object',
            () => validateSoftphoneCall('callEnded', { conversationId: { id: 1 } }),
            'WRONG_TYPE'
        ],
        [
            'a non-E.164 dialTo',
            () => validateWrapperEvent('start_call', { ...PARTNER, dialTo: '(888) 397-3342' }),
            'INVALID_VALUE'
        ],
        ['an empty disposition code', () => validateWrapperEvent('disposition', ['ok', 7]), 'WRONG_TYPE'],
        ['a payload for get_presence', () => validateWrapperEvent('get_presence', { now: true }), 'INVALID_VALUE'],
        [
            'a payload whose contract fields are themselves oversize',
            () => validateSoftphoneCall('callEnded', { ...IDS, duration: new Array(1e8) }),
            'TOO_LARGE'
        ],
        [
            'an unknown field in a callback event',
            () => validateWrapperEvent('update_presence', { softphoneId: 'x', status: 'away' }),
            'UNKNOWN_FIELD'
        ]
    ])('rejects %s', (_name, run, code) => {
        expect(run()).toMatchObject({ ok: false, error: { code } });
    });

    it('reads a call over the size limits by its contract fields, never losing it for what it would ignore', () => {
        let deep: Record<string, unknown> = {};
        for (let i = 0; i < 20; i++) deep = { deep };
        const transcript = Array.from({ length: 2_100 }, (_, i) => ({ at: i, text: 'hello' }));
        for (const extra of [{ transcript }, { raw: deep }, { blob: 'y'.repeat(MAX_ENVELOPE_CHARS) }]) {
            const result = validateSoftphoneCall('callEnded', { ...IDS, duration: 61, ...extra });
            expect(result).toMatchObject({
                ok: true,
                value: { call: { type: 'callEnded', payload: { ...IDS, duration: 61 } } }
            });
            expect(result.ok && result.value.warnings[0]).toMatchObject({
                code: 'IGNORED_FIELD',
                field: 'callEnded.payload'
            });
        }
        const notes = validateSoftphoneCall('callNotesSubmitted', { ...IDS, notes: 'n'.repeat(120_000) });
        expect(notes.ok && (notes.value.call.payload as { notes: string }).notes).toHaveLength(32_000);
        expect(notes.ok && notes.value.warnings.map((w) => w.code)).toEqual(['IGNORED_FIELD', 'TRUNCATED']);
    });

    it('reads durations written as a clock, with a unit or a decimal comma, as seconds', () => {
        for (const [written, seconds] of [
            ['00:01:05', 65],
            ['1:05', 65],
            ['65s', 65],
            ['65 sec', 65],
            ['65,5', 65.5]
        ] as const) {
            const read = validateSoftphoneCall('callEnded', { ...IDS, duration: written });
            expect(read.ok && read.value.call.payload).toMatchObject({ duration: seconds });
        }
        const bad = validateSoftphoneCall('callEnded', { ...IDS, duration: '1:75' });
        expect(bad.ok && bad.value.call.payload).not.toHaveProperty('duration');
    });

    it('reads the number of a SIP or tel address, however long the address', () => {
        const sip = validateSoftphoneCall('incomingCall', {
            ...IDS,
            callerANI: 'sip:+15035551212@pbx-eu-west-1.contact-center.example.com;user=phone'
        });
        expect(sip.ok && sip.value.call.payload).toMatchObject({ callerANI: '+15035551212' });
        expect(sip.ok && sip.value.warnings).toEqual([
            expect.objectContaining({ code: 'CONVERTED', field: 'incomingCall.callerANI' })
        ]);
        const tel = validateSoftphoneCall('outboundCallInitiated', { ...IDS, dialledTo: 'tel:+1-503-555-1212' });
        expect(tel.ok && tel.value.call.payload).toMatchObject({ dialledTo: '+1-503-555-1212' });
    });

    it('reads vendor words for a direction, thousands in a duration, and never cuts notes inside a character', () => {
        const ended = (payload: Record<string, unknown>) => {
            const result = validateSoftphoneCall('callEnded', { ...IDS, ...payload });
            return result.ok ? result.value.call.payload : undefined;
        };
        for (const [given, read] of [
            ['outbound-dial', 'outbound'],
            ['OUTBOUND_CALL', 'outbound'],
            ['Outgoing', 'outbound'],
            ['incoming', 'inbound'],
            ['in', 'inbound']
        ]) {
            expect(ended({ callType: given })).toMatchObject({ callType: read });
        }
        expect(ended({ callType: 'internal' })).not.toHaveProperty('callType');
        expect(ended({ duration: '1,234' })).toMatchObject({ duration: 1234 });
        expect(ended({ duration: '65,4' })).toMatchObject({ duration: 65.4 });
        const notes = ended({ notes: `${'n'.repeat(31_999)}😀 and more` }) as { notes?: string } | undefined;
        expect(notes?.notes).toBe('n'.repeat(31_999));
    });

    it('names the call and the field in messages a vendor developer can act on', () => {
        const result = validateSoftphoneCall('callAccepted', { partnerId: 'p' });
        expect(!result.ok && result.error.message).toBe(
            'callAccepted.conversationId is required: a string of at most 255 characters.'
        );
    });

    it('takes a conversation id as long as Task.CallObject holds, as given, and refuses a longer one', () => {
        expect(CALL_ID_MAX_LENGTH).toBe(PROTOCOL_CALL_ID_MAX_LENGTH);
        const longest = `conv-${'9'.repeat(250)}`;
        const taken = validateSoftphoneCall('callAccepted', { ...IDS, conversationId: longest });
        expect(taken.ok && taken.value.call.payload).toMatchObject({ conversationId: longest });
        expect(taken.ok && taken.value.warnings).toEqual([]);
        const refused = validateSoftphoneCall('callAccepted', { ...IDS, conversationId: `${longest}0` });
        expect(!refused.ok && refused.error).toMatchObject({ code: 'TOO_LONG', field: 'callAccepted.conversationId' });
    });
});

describe('payloadFromArguments', () => {
    it('reads a braced GUID among positional values as a value, not as JSON', () => {
        expect(
            payloadFromArguments('incomingCall', ['{215fd887-39be-4935-981f-2670d6afeaa7}', 'conv-1', '+15035551212'])
        ).toEqual({
            ok: true,
            value: {
                partnerId: '{215fd887-39be-4935-981f-2670d6afeaa7}',
                conversationId: 'conv-1',
                callerANI: '+15035551212'
            }
        });
    });

    it('takes one object as is', () => {
        expect(payloadFromArguments('callEnded', [{ ...IDS, duration: 3 }])).toEqual({
            ok: true,
            value: { ...IDS, duration: 3 }
        });
    });

    it('parses one JSON string', () => {
        expect(payloadFromArguments('callRejected', [JSON.stringify({ ...IDS, reason: 'active' })])).toEqual({
            ok: true,
            value: { ...IDS, reason: 'active' }
        });
        expect(payloadFromArguments('callRejected', ['{ not json'])).toMatchObject({
            ok: false,
            error: { code: 'NOT_JSON' }
        });
    });

    it('takes the first argument as the payload when it is one, and ignores the rest', () => {
        // fn(payload, 'callEnded') or fn used as a listener (payload, index, array): never the event name as the call.
        expect(payloadFromArguments('callEnded', [{ ...IDS, duration: 60 }, 'callEnded'])).toEqual({
            ok: true,
            value: { ...IDS, duration: 60 }
        });
        expect(payloadFromArguments('callEnded', [JSON.stringify(IDS), 0, []])).toEqual({ ok: true, value: IDS });
        expect(ignoredArguments([{ ...IDS }, 0, []])).toBe(2);
        expect(ignoredArguments([IDS.partnerId, IDS.conversationId])).toBe(0);
        expect(ignoredArguments([{ ...IDS }])).toBe(0);
    });

    it("reads a class instance's own fields, as JSON would", () => {
        class CallEndedEvent {
            constructor(
                readonly partnerId: string,
                readonly conversationId: string,
                readonly duration: number
            ) {}
            get label(): string {
                return 'not a field';
            }
        }
        const payload = payloadFromArguments('callEnded', [new CallEndedEvent(IDS.partnerId, IDS.conversationId, 9)]);
        expect(payload).toEqual({ ok: true, value: { ...IDS, duration: 9 } });
        expect(payload.ok && validateSoftphoneCall('callEnded', payload.value).ok).toBe(true);
    });

    it("maps positional parameters in the seed's table order", () => {
        expect(payloadFromArguments('incomingCall', [IDS.partnerId, IDS.conversationId, '+18883973342'])).toEqual({
            ok: true,
            value: { ...IDS, callerANI: '+18883973342' }
        });
        expect(payloadFromArguments('statusChanged', ['a', 'b'])).toMatchObject({
            ok: false,
            error: { code: 'UNKNOWN_FIELD' }
        });
    });
});

describe('envelope', () => {
    const call = (payload: unknown): unknown => createEnvelope('call', 'callEnded', 'w-1', payload);

    it('ignores messages that are not ours', () => {
        expect(isBridgeMessage({ type: 'webpackOk' })).toBe(false);
        expect(isBridgeMessage('hello')).toBe(false);
        expect(isBridgeMessage(createEnvelope('hello', 'load', 'w-1'))).toBe(true);
    });

    it('reads every kind the wrapper may send', () => {
        expect(readFromSoftphone(createEnvelope('hello', 'load', 'w-1', { wrapperVersion: '1.0.0' }))).toEqual({
            ok: true,
            value: { kind: 'hello', id: 'w-1', wrapperVersion: '1.0.0' }
        });
        expect(readFromSoftphone(call({ ...IDS, duration: 4 }))).toEqual({
            ok: true,
            value: {
                kind: 'call',
                id: 'w-1',
                call: { type: 'callEnded', payload: { ...IDS, duration: 4 } },
                warnings: []
            }
        });
        expect(readFromSoftphone(createEnvelope('ack', 'disposition', 'w-2', undefined, 'a-1'))).toEqual({
            ok: true,
            value: { kind: 'ack', id: 'w-2', replyTo: 'a-1' }
        });
        const error = createEnvelope('error', 'start_call', 'w-3', { code: 'CALLBACK_FAILED', message: 'boom' }, 'a-2');
        expect(readFromSoftphone(error)).toMatchObject({
            ok: true,
            value: { kind: 'error', replyTo: 'a-2', error: { code: 'CALLBACK_FAILED' } }
        });
    });

    it('reads every kind the adapter may send', () => {
        expect(readFromAdapter(createEnvelope('event', 'disposition', 'a-1', ['x']))).toEqual({
            ok: true,
            value: { kind: 'event', id: 'a-1', event: { type: 'disposition', payload: ['x'] } }
        });
        expect(readFromAdapter(createEnvelope('ack', 'callEnded', 'a-2', undefined, 'w-1'))).toEqual({
            ok: true,
            value: { kind: 'ack', id: 'a-2', type: 'callEnded', replyTo: 'w-1' }
        });
    });

    it.each([
        ['a newer version', { ...createEnvelope('hello', 'load', 'w-1'), version: 2 }, 'UNSUPPORTED_VERSION'],
        [
            'a missing id',
            { protocol: ENVELOPE_PROTOCOL, version: 1, kind: 'call', type: 'callEnded', payload: IDS },
            'MISSING_FIELD'
        ],
        ['an unknown kind', { ...createEnvelope('call', 'callEnded', 'w-1', IDS), kind: 'yell' }, 'INVALID_VALUE'],
        ['an unknown call type', createEnvelope('call', 'callParked', 'w-1', IDS), 'UNKNOWN_TYPE'],
        ['an invalid payload', call({ partnerId: 'p' }), 'MISSING_FIELD'],
        ['an event sent by the softphone', createEnvelope('event', 'disposition', 'w-1', []), 'WRONG_DIRECTION'],
        ['a huge sparse array as conversationId', call({ ...IDS, conversationId: new Array(1e8) }), 'WRONG_TYPE'],
        ['a 5 MB conversationId', call({ ...IDS, conversationId: 'x'.repeat(5_000_000) }), 'TOO_LONG'],
        ['a Map as payload', call(new Map([['conversationId', 'c']])), 'NOT_AN_OBJECT'],
        ['an error without message', createEnvelope('error', 'x', 'w-1', { code: 'X' }), 'MISSING_FIELD']
    ])('rejects %s from the softphone', (_name, raw, code) => {
        expect(readFromSoftphone(raw)).toMatchObject({ ok: false, error: { code } });
    });

    it('reads only the fields the contract names from the softphone: anything else costs nothing', () => {
        const stringify = jest.spyOn(JSON, 'stringify');
        const keys = jest.spyOn(Object, 'keys');
        const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
        const cyclic: Record<string, unknown> = { ...IDS };
        cyclic.self = cyclic;
        const payload = { ...cyclic, list: new Array(1e8), notes: 'x'.repeat(MAX_ENVELOPE_CHARS * 50) };
        const raw = { ...wide, ...createEnvelope('call', 'callEnded', 'w-1', payload), debug: true };
        const read = readFromSoftphone(raw);
        expect(read).toMatchObject({ ok: true, value: { kind: 'call', call: { type: 'callEnded' } } });
        // The notes were cut to the contract's limit; nothing unknown came through.
        expect(read.ok && read.value.kind === 'call' && read.value.call.payload).toEqual({
            ...IDS,
            notes: 'x'.repeat(32_000)
        });
        expect(stringify).not.toHaveBeenCalled();
        const enumerated = keys.mock.calls.filter(([value]) => [raw, payload, cyclic, wide].includes(value));
        expect(enumerated).toEqual([]);
        stringify.mockRestore();
        keys.mockRestore();
    });

    it('bounds what the wrapper receives with a walk, and keeps the envelope strict there', () => {
        expect(readFromAdapter({ ...createEnvelope('event', 'disposition', 'a-1', ['x']), debug: true })).toMatchObject(
            {
                ok: false,
                error: { code: 'UNKNOWN_FIELD' }
            }
        );
        expect(readFromAdapter(createEnvelope('event', 'disposition', 'a-1', new Array(1e8)))).toMatchObject({
            ok: false,
            error: { code: 'TOO_LARGE' }
        });
    });

    it('rejects a call sent by the adapter and an invalid callback payload', () => {
        expect(readFromAdapter(call(IDS))).toMatchObject({ ok: false, error: { code: 'WRONG_DIRECTION' } });
        expect(readFromAdapter(createEnvelope('event', 'start_call', 'a-1', { dialTo: '+1' }))).toMatchObject({
            ok: false,
            error: { code: 'MISSING_FIELD' }
        });
    });

    it('answers a rejected message with an error naming it', () => {
        const raw = call({ partnerId: 'p' });
        const parsed = readFromSoftphone(raw);
        expect(parsed.ok).toBe(false);
        if (parsed.ok) return;
        const reply = createErrorReply(raw, parsed.error, 'a-9');
        expect(reply).toEqual({
            protocol: ENVELOPE_PROTOCOL,
            version: 1,
            id: 'a-9',
            kind: 'error',
            type: 'callEnded',
            replyTo: 'w-1',
            payload: parsed.error
        });
        expect(parseEnvelope(reply).ok).toBe(true);
    });

    it('generates distinct ids', () => {
        const next = createIdGenerator('w');
        expect([next(), next(), next()]).toEqual(['w-1', 'w-2', 'w-3']);
    });
});
