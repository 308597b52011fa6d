import { buildCallLog } from '../callLog';
import { applyCallEvent, isFinished, toCallView } from '../callModel';
import type { CallRecord, ConversationCall } from '../callModel';
import { validateSoftphoneCall } from '../validate';

const IDS = { partnerId: 'partner-1', conversationId: 'conv-1' };
const T0 = 1_700_000_000_000;

/** A validated message, as the bridge hands it to the model. */
function msg(type: ConversationCall['type'], payload: Record<string, unknown> = {}): ConversationCall {
    const result = validateSoftphoneCall(type, { ...IDS, ...payload });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.call as ConversationCall;
}

/** Applies messages in order, one second apart; returns the final transition and the effects seen. */
function run(...messages: ConversationCall[]): { call: CallRecord; effects: string[][] } {
    let call: CallRecord | undefined;
    const effects: string[][] = [];
    messages.forEach((message, index) => {
        const transition = applyCallEvent(call, message, T0 + index * 1000);
        call = transition.call;
        effects.push(transition.effects);
    });
    if (!call) throw new Error('no messages');
    return { call, effects };
}

describe('call model', () => {
    it('follows an answered inbound call from ringing to wrapped up', () => {
        const { call, effects } = run(
            msg('incomingCall', { callerANI: '+18005550100' }),
            msg('callAccepted', { recordingStatus: 'on', ivrExitPath: 'billing' }),
            msg('callEnded', { duration: 61.6 }),
            msg('callNotesSubmitted', { disposition: 'Resolved', notes: 'Refunded' })
        );
        expect(effects).toEqual([['screenPop'], [], ['writeLog'], ['writeLog']]);
        expect(call).toMatchObject({
            state: 'wrappedUp',
            outcome: 'answered',
            direction: 'inbound',
            phoneNumber: '+18005550100',
            startedAt: T0,
            connectedAt: T0 + 1000,
            endedAt: T0 + 2000,
            durationSeconds: 62,
            disposition: 'Resolved',
            notes: 'Refunded',
            details: { language: 'en_US', recordingStatus: 'ON', ivrExitPath: 'billing' }
        });
        expect(isFinished(call)).toBe(true);
    });

    it('measures the duration when callEnded has none', () => {
        const { call } = run(msg('incomingCall'), msg('callAccepted'), msg('callEnded'));
        expect(call.durationSeconds).toBe(1);
    });

    it('follows an outbound call from dialing to ended', () => {
        const { call, effects } = run(
            msg('outboundCallInitiated', { dialledTo: '+18449401117' }),
            msg('callAccepted'),
            msg('callEnded')
        );
        expect(effects).toEqual([['screenPop'], [], ['writeLog']]);
        expect(call).toMatchObject({
            direction: 'outbound',
            state: 'ended',
            outcome: 'answered',
            phoneNumber: '+18449401117'
        });
    });

    it('marks an inbound call that ended while ringing as missed, and an outbound one as unanswered', () => {
        expect(run(msg('incomingCall'), msg('callEnded')).call).toMatchObject({
            state: 'ended',
            outcome: 'missed',
            durationSeconds: 0
        });
        expect(run(msg('outboundCallInitiated'), msg('callEnded')).call).toMatchObject({
            state: 'ended',
            outcome: 'unanswered'
        });
    });

    it('asks for a missed-call log (subject to settings) when a ringing call is rejected', () => {
        const { call, effects } = run(msg('incomingCall'), msg('callRejected', { reason: 'PASSIVE' }));
        expect(effects[1]).toEqual(['missedCallLog']);
        expect(call).toMatchObject({ state: 'rejected', outcome: 'rejected', rejectReason: 'passive' });
    });

    it('always logs a rejected outbound attempt', () => {
        const { call, effects } = run(msg('outboundCallInitiated'), msg('callRejected'));
        expect(effects[1]).toEqual(['writeLog']);
        expect(call).toMatchObject({ state: 'rejected', outcome: 'unanswered' });
    });

    it('treats a callEnded after callRejected as the same missed call (logged only if the settings ask)', () => {
        const { call, effects } = run(msg('incomingCall'), msg('callRejected'), msg('callEnded', { duration: 0 }));
        expect(effects[2]).toEqual(['missedCallLog']);
        expect(call).toMatchObject({ state: 'ended', outcome: 'rejected' });
    });

    describe('messages for unknown conversations', () => {
        it('still logs a callEnded, with the direction it reports', () => {
            const transition = applyCallEvent(
                undefined,
                msg('callEnded', { duration: 30, callType: 'outbound', notes: 'n' }),
                T0
            );
            expect(transition.effects).toEqual(['writeLog']);
            expect(transition.call).toMatchObject({
                state: 'ended',
                outcome: 'unknown',
                direction: 'outbound',
                durationSeconds: 30,
                notes: 'n'
            });
        });

        it('pops a callAccepted that arrives without incomingCall', () => {
            const transition = applyCallEvent(undefined, msg('callAccepted', { callerANI: '+18005550100' }), T0);
            expect(transition.effects).toEqual(['screenPop']);
            expect(transition.call).toMatchObject({ state: 'connected', outcome: 'answered', connectedAt: T0 });
        });

        it('logs notes for a call it never saw', () => {
            const transition = applyCallEvent(undefined, msg('callNotesSubmitted', { notes: 'n' }), T0);
            expect(transition.effects).toEqual(['writeLog']);
            expect(transition.call).toMatchObject({ state: 'wrappedUp', outcome: 'unknown', notes: 'n' });
        });

        it('records a rejection as a possible missed-call log', () => {
            expect(applyCallEvent(undefined, msg('callRejected'), T0).effects).toEqual(['missedCallLog']);
        });
    });

    describe('out of order', () => {
        it('logs notes that arrive before the end at once, then wraps up when the call ends', () => {
            const { call, effects } = run(
                msg('incomingCall'),
                msg('callAccepted'),
                msg('callNotesSubmitted', { disposition: 'Sale' }),
                msg('callEnded', { duration: 5 })
            );
            expect(effects.slice(2)).toEqual([['writeLog'], ['writeLog']]);
            expect(call).toMatchObject({ state: 'wrappedUp', disposition: 'Sale', durationSeconds: 5 });
        });

        it('turns a missed call into an answered one when callAccepted arrives after the end', () => {
            const { call, effects } = run(msg('incomingCall'), msg('callEnded', { duration: 40 }), msg('callAccepted'));
            expect(effects[2]).toEqual(['writeLog']);
            expect(call).toMatchObject({ state: 'ended', outcome: 'answered', durationSeconds: 40 });
        });

        it('a callEnded without a duration, then a late callAccepted: the duration is unknown, not 0 s', () => {
            const { call } = run(msg('incomingCall'), msg('callEnded'), msg('callAccepted'));
            expect(call).toMatchObject({ state: 'ended', outcome: 'answered' });
            expect(call.durationSeconds).toBeUndefined();
            expect(buildCallLog(call)).not.toHaveProperty('CallDurationInSeconds');
        });

        it('merges a second callEnded into the ended call (later facts win, absent ones do not erase)', () => {
            const { call, effects } = run(
                msg('incomingCall'),
                msg('callAccepted'),
                msg('callEnded', { duration: 10, notes: 'first' }),
                msg('callEnded', { disposition: 'Resolved' })
            );
            expect(effects[3]).toEqual(['writeLog']);
            expect(call).toMatchObject({
                state: 'ended',
                durationSeconds: 10,
                notes: 'first',
                disposition: 'Resolved'
            });
        });
    });

    describe('duplicates and messages that cannot apply', () => {
        it.each([
            ['incomingCall twice', [msg('incomingCall'), msg('incomingCall')]],
            ['callAccepted twice', [msg('incomingCall'), msg('callAccepted'), msg('callAccepted')]],
            [
                'callEnded twice',
                [
                    msg('incomingCall'),
                    msg('callAccepted'),
                    msg('callEnded', { duration: 3 }),
                    msg('callEnded', { duration: 3 })
                ]
            ],
            ['callRejected twice', [msg('incomingCall'), msg('callRejected'), msg('callRejected')]],
            [
                'callNotesSubmitted twice',
                [
                    msg('incomingCall'),
                    msg('callEnded'),
                    msg('callNotesSubmitted', { notes: 'a' }),
                    msg('callNotesSubmitted', { notes: 'a' })
                ]
            ],
            ['outboundCallInitiated twice', [msg('outboundCallInitiated'), msg('outboundCallInitiated')]],
            ['incomingCall for a connected call', [msg('incomingCall'), msg('callAccepted'), msg('incomingCall')]],
            ['callRejected for a connected call', [msg('incomingCall'), msg('callAccepted'), msg('callRejected')]],
            [
                'callAccepted for a declined outbound attempt',
                [msg('outboundCallInitiated'), msg('callRejected'), msg('callAccepted')]
            ],
            [
                'outboundCallInitiated for an ended call',
                [msg('outboundCallInitiated'), msg('callEnded'), msg('outboundCallInitiated')]
            ]
        ])('ignores %s', (_name, messages) => {
            const before = run(...messages.slice(0, -1)).call;
            const last = messages[messages.length - 1] as ConversationCall;
            const transition = applyCallEvent(before, last, T0 + 60_000);
            expect(transition).toMatchObject({ changed: false, effects: [], call: before });
            expect(transition.ignored).toEqual(expect.any(String));
        });

        it('an inbound call offered again after it rang out rings, then connects, again', () => {
            const { call, effects } = run(
                msg('incomingCall'),
                msg('callRejected', { reason: 'passive' }),
                msg('incomingCall'),
                msg('callAccepted')
            );
            expect(call).toMatchObject({ state: 'connected', outcome: 'answered' });
            expect(call).not.toHaveProperty('endedAt');
            expect(call).not.toHaveProperty('rejectReason');
            expect(effects[2]).toEqual([]);
        });

        it('fills a missing caller number from a duplicate incomingCall', () => {
            const { call, effects } = run(msg('incomingCall'), msg('incomingCall', { callerANI: '+18005550100' }));
            expect(effects[1]).toEqual([]);
            expect(call.phoneNumber).toBe('+18005550100');
        });
    });

    it('does not mutate the record it is given', () => {
        const ringing = run(msg('incomingCall')).call;
        const frozen = JSON.stringify(ringing);
        applyCallEvent(ringing, msg('callAccepted'), T0 + 5);
        expect(JSON.stringify(ringing)).toBe(frozen);
    });

    it('projects a call to the channel view', () => {
        const { call } = run(msg('incomingCall', { callerANI: '+18005550100' }), msg('callAccepted'));
        expect(toCallView(call)).toEqual({
            conversationId: 'conv-1',
            direction: 'inbound',
            state: 'connected',
            outcome: 'answered',
            phoneNumber: '+18005550100',
            startedAt: T0,
            connectedAt: T0 + 1000,
            matches: [],
            details: { language: 'en_US' }
        });
    });
});
