/**
 * The per-conversation call model: a pure reducer from (call record, softphone call
 * message, time) to the next record plus the effects the bridge must carry out.
 *
 * States (CALL_STATES in c/softphoneProtocol):
 *
 *   incomingCall ──► ringing ──callAccepted──► connected ──callEnded──► ended ──callNotesSubmitted──► wrappedUp
 *                      │  └──callRejected──► rejected                     ▲
 *                      └──callEnded (never answered: outcome "missed")────┘
 *   outboundCallInitiated ──► dialing ──callAccepted──► connected …      (ended before connecting: "unanswered")
 *
 * Out-of-order and duplicate messages never lose information:
 * - any message for an unknown conversation creates the record in the state it implies
 *   (a `callEnded` for an unknown conversation still yields a log, outcome "unknown");
 * - notes before the end are kept, logged at once, and the end then goes straight to wrappedUp;
 * - a late `callAccepted` after the end turns "missed" into "answered";
 * - duplicates merge new facts and cause no second screen pop; what cannot apply
 *   (e.g. `incomingCall` for a connected call) is ignored with a reason.
 */
import type { CallDetails, CallDirection, CallOutcome, CallState, CallView, RecordRef } from 'c/softphoneProtocol';
import type { SoftphoneCall, SoftphoneCallPayload } from './contract';

/** Everything the bridge knows about one conversation. JSON-safe (it is persisted). */
export interface CallRecord {
    conversationId: string;
    partnerId?: string;
    direction: CallDirection;
    state: CallState;
    outcome?: CallOutcome;
    /** Caller ANI for inbound calls, the dialled number for outbound ones. */
    phoneNumber?: string;
    details: CallDetails;
    /** When the bridge first heard of the call (epoch ms). */
    startedAt: number;
    connectedAt?: number;
    endedAt?: number;
    durationSeconds?: number;
    disposition?: string;
    notes?: string;
    notesSubmittedAt?: number;
    /** active or passive; another value the softphone sent is kept as given (descriptive). */
    rejectReason?: string;
    /** Records the screen pop found (more than one: the agent chooses). */
    matches: RecordRef[];
    /** The record the call is logged against (WhoId/WhatId). */
    record?: RecordRef;
    /** The screen pop's search answered (even with no match); false after a reload cut it short. */
    searched?: boolean;
    /**
     * Known only from events after its start (late notes or a late end for a call this page never
     * saw begin): what it says beyond their own fields is guessed, so its Task gets patches only.
     */
    partial?: boolean;
    /**
     * Inbound only by default: the call was first heard of through an event that does not say its
     * direction (callAccepted before outboundCallInitiated, say). A later outboundCallInitiated or
     * callEnded.callType still sets it.
     */
    directionGuessed?: boolean;
    /**
     * Its record came from the screen pop of a call whose direction was only guessed (an accept
     * before outboundCallInitiated): the record the agent clicked to dial, claimed later, replaces it.
     */
    recordGuessed?: boolean;
    /**
     * Its Task exists (a log for it was saved): a later write with no log entry left for it (storage
     * dropped the entry) finds that Task by CallObject instead of creating a second one.
     */
    logged?: boolean;
    /** Last change (epoch ms), for pruning. */
    updatedAt: number;
}

/**
 * What the bridge must do after a transition:
 * - `screenPop`: first sight of a live call; show the panel and pop its record;
 * - `writeLog`: create or update the call's Task from the record;
 * - `missedCallLog`: a call missed or rejected (ringing → ended, ringing → rejected [→ ended]); log it
 *   only if the settings ask for missed-call logs.
 */
export type CallEffect = 'screenPop' | 'writeLog' | 'missedCallLog';

export interface Transition {
    call: CallRecord;
    /** False when the message changed nothing (duplicate or not applicable). */
    changed: boolean;
    effects: CallEffect[];
    /** Why nothing changed, for diagnostics. */
    ignored?: string;
}

/** The calls the model reduces (statusChanged is about the agent, not a conversation). */
export type ConversationCall = Exclude<SoftphoneCall, { type: 'statusChanged' }>;

const FINISHED_STATES: readonly CallState[] = ['ended', 'wrappedUp', 'rejected'];

/** True when the call is over (ended, wrapped up or rejected). */
export function isFinished(call: CallRecord): boolean {
    return FINISHED_STATES.includes(call.state);
}

/**
 * Applies one softphone message to a conversation's record (undefined when unknown).
 * Pure: returns a new record; `now` is the injected clock's time in epoch ms.
 */
export function applyCallEvent(current: CallRecord | undefined, message: ConversationCall, now: number): Transition {
    switch (message.type) {
        case 'incomingCall':
            return onIncoming(current, message.payload, now);
        case 'callAccepted':
            return onAccepted(current, message.payload, now);
        case 'callRejected':
            return onRejected(current, message.payload, now);
        case 'callEnded':
            return onEnded(current, message.payload, now);
        case 'callNotesSubmitted':
            return onNotes(current, message.payload, now);
        case 'outboundCallInitiated':
            return onOutbound(current, message.payload, now);
    }
}

function newCall(
    conversationId: string,
    partnerId: string | undefined,
    direction: CallDirection,
    state: CallState,
    now: number
): CallRecord {
    const call: CallRecord = {
        conversationId,
        direction,
        state,
        details: {},
        startedAt: now,
        matches: [],
        updatedAt: now
    };
    if (partnerId !== undefined) call.partnerId = partnerId;
    return call;
}

function ignore(call: CallRecord, reason: string): Transition {
    return { call, changed: false, effects: [], ignored: reason };
}

/** Applies a patch; reports whether any value actually changed. */
function patch(call: CallRecord, changes: Partial<CallRecord>, now: number, effects: CallEffect[]): Transition {
    const changed = (Object.keys(changes) as (keyof CallRecord)[]).some(
        (key) => JSON.stringify(changes[key]) !== JSON.stringify(call[key])
    );
    if (!changed) return ignore(call, 'duplicate: nothing new');
    return { call: { ...call, ...changes, updatedAt: now }, changed: true, effects };
}

/**
 * An inbound call that rang out or was declined and is offered again under the same id (an ACD
 * re-offer): it rings, or connects, once more, and its end is logged as what finally happened.
 */
function reoffer(current: CallRecord, changes: Partial<CallRecord>, now: number): Transition {
    const { outcome: _outcome, endedAt: _endedAt, rejectReason: _rejectReason, ...rest } = current;
    return { call: { ...rest, ...changes, updatedAt: now }, changed: true, effects: [] };
}

/** Keeps defined values only, so an absent field never erases a known one. */
function defined<T extends object>(values: T): Partial<T> {
    return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function mergeDetails(call: CallRecord, payload: Partial<SoftphoneCallPayload<'callAccepted'>>): CallDetails {
    const { language, ivrExitPath, channelName, reservationStartDate, specialEvent, escalationType, recordingStatus } =
        payload;
    return {
        ...call.details,
        ...defined({
            language,
            ivrExitPath,
            channelName,
            reservationStartDate,
            specialEvent,
            escalationType,
            recordingStatus
        })
    };
}

function onIncoming(current: CallRecord | undefined, p: SoftphoneCallPayload<'incomingCall'>, now: number): Transition {
    if (!current) {
        const call = newCall(p.conversationId, p.partnerId, 'inbound', 'ringing', now);
        return {
            call: { ...call, ...defined({ phoneNumber: p.callerANI }), details: { language: p.language } },
            changed: true,
            effects: ['screenPop']
        };
    }
    if (current.state === 'rejected' && current.direction === 'inbound')
        return reoffer(
            current,
            { state: 'ringing', ...defined({ phoneNumber: current.phoneNumber ?? p.callerANI }) },
            now
        );
    if (current.state !== 'ringing') return ignore(current, `incomingCall for a call already ${current.state}`);
    return patch(
        current,
        { phoneNumber: current.phoneNumber ?? p.callerANI, details: mergeDetails(current, { language: p.language }) },
        now,
        []
    );
}

function onAccepted(current: CallRecord | undefined, p: SoftphoneCallPayload<'callAccepted'>, now: number): Transition {
    if (!current) {
        const call = newCall(p.conversationId, p.partnerId, 'inbound', 'connected', now);
        const details = mergeDetails(call, p);
        return {
            call: {
                ...call,
                ...defined({ phoneNumber: p.callerANI }),
                connectedAt: now,
                outcome: 'answered',
                details,
                directionGuessed: true
            },
            changed: true,
            effects: ['screenPop']
        };
    }
    const details = mergeDetails(current, p);
    const phoneNumber = current.phoneNumber ?? p.callerANI;
    switch (current.state) {
        case 'ringing':
        case 'dialing':
            return patch(
                current,
                { state: 'connected', connectedAt: now, outcome: 'answered', details, ...defined({ phoneNumber }) },
                now,
                []
            );
        case 'connected':
            return patch(current, { details, ...defined({ phoneNumber }) }, now, []);
        case 'ended':
        case 'wrappedUp': {
            // Arrived after the end: the call was answered after all; fix the log's outcome. The 0 s
            // its end gave a call that never connected is not its length: unknown, so not written.
            const fixed = patch(current, { outcome: 'answered', details, ...defined({ phoneNumber }) }, now, [
                'writeLog'
            ]);
            if (fixed.changed && current.connectedAt === undefined && !current.durationSeconds)
                delete fixed.call.durationSeconds;
            return fixed;
        }
        case 'rejected':
            // Offered again and answered this time (a declined outbound attempt stays declined).
            if (current.direction !== 'inbound') return ignore(current, 'callAccepted for a rejected call');
            return reoffer(
                current,
                { state: 'connected', connectedAt: now, outcome: 'answered', details, ...defined({ phoneNumber }) },
                now
            );
    }
}

function onRejected(current: CallRecord | undefined, p: SoftphoneCallPayload<'callRejected'>, now: number): Transition {
    const reason = defined({ rejectReason: p.reason });
    if (!current) {
        const call = newCall(p.conversationId, p.partnerId, 'inbound', 'rejected', now);
        return {
            call: { ...call, ...reason, outcome: 'rejected', endedAt: now },
            changed: true,
            effects: ['missedCallLog']
        };
    }
    switch (current.state) {
        case 'ringing':
            return patch(current, { state: 'rejected', outcome: 'rejected', endedAt: now, ...reason }, now, [
                'missedCallLog'
            ]);
        case 'dialing':
            // An outbound attempt the far end refused: outbound attempts are always logged.
            return patch(current, { state: 'rejected', outcome: 'unanswered', endedAt: now, ...reason }, now, [
                'writeLog'
            ]);
        case 'rejected':
            return patch(current, reason, now, []);
        default:
            return ignore(current, `callRejected for a call already ${current.state}`);
    }
}

function onEnded(current: CallRecord | undefined, p: SoftphoneCallPayload<'callEnded'>, now: number): Transition {
    const facts = defined({ disposition: p.disposition, notes: p.notes });
    const reported = p.duration === undefined ? undefined : Math.round(p.duration);
    if (!current) {
        const call = newCall(p.conversationId, p.partnerId, p.callType ?? 'inbound', 'ended', now);
        return {
            call: {
                ...call,
                ...facts,
                ...defined({ durationSeconds: reported }),
                outcome: 'unknown',
                endedAt: now,
                ...(p.callType ? {} : { directionGuessed: true })
            },
            changed: true,
            effects: ['writeLog']
        };
    }
    if (current.directionGuessed && p.callType) {
        const known: CallRecord = { ...current, direction: p.callType };
        delete known.directionGuessed;
        current = known;
    }
    const measured =
        current.connectedAt === undefined ? undefined : Math.max(0, Math.round((now - current.connectedAt) / 1000));
    switch (current.state) {
        case 'ringing':
        case 'dialing':
        case 'connected': {
            const outcome: CallOutcome =
                current.state === 'connected' ? 'answered' : current.direction === 'inbound' ? 'missed' : 'unanswered';
            const state: CallState = current.notesSubmittedAt !== undefined ? 'wrappedUp' : 'ended';
            const durationSeconds = reported ?? measured ?? 0;
            // An inbound call that never connected is a missed call: logged only when the settings ask.
            const effect: CallEffect = outcome === 'missed' ? 'missedCallLog' : 'writeLog';
            return patch(current, { state, outcome, endedAt: now, durationSeconds, ...facts }, now, [effect]);
        }
        case 'rejected':
            // The end of a rejected call: still a missed call, never a log of its own.
            return patch(current, { state: 'ended', ...facts, ...defined({ durationSeconds: reported }) }, now, [
                current.outcome === 'rejected' || current.outcome === 'missed' ? 'missedCallLog' : 'writeLog'
            ]);
        case 'ended':
        case 'wrappedUp':
            return patch(current, { ...facts, ...defined({ durationSeconds: reported }) }, now, ['writeLog']);
    }
}

function onNotes(
    current: CallRecord | undefined,
    p: SoftphoneCallPayload<'callNotesSubmitted'>,
    now: number
): Transition {
    const facts = defined({ disposition: p.disposition, notes: p.notes });
    if (!current) {
        const call = newCall(p.conversationId, p.partnerId, 'inbound', 'wrappedUp', now);
        return {
            call: { ...call, ...facts, outcome: 'unknown', notesSubmittedAt: now, directionGuessed: true },
            changed: true,
            effects: ['writeLog']
        };
    }
    const state: CallState = current.state === 'ended' ? 'wrappedUp' : current.state;
    // notesSubmittedAt makes a later callEnded go straight to wrappedUp.
    const notesSubmittedAt = current.notesSubmittedAt ?? now;
    return patch(current, { state, notesSubmittedAt, ...facts }, now, ['writeLog']);
}

function onOutbound(
    current: CallRecord | undefined,
    p: SoftphoneCallPayload<'outboundCallInitiated'>,
    now: number
): Transition {
    if (!current) {
        const call = newCall(p.conversationId, p.partnerId, 'outbound', 'dialing', now);
        return { call: { ...call, ...defined({ phoneNumber: p.dialledTo }) }, changed: true, effects: ['screenPop'] };
    }
    if (current.directionGuessed) {
        // It was this outbound call all along (its accept came first): outbound, and its dial is claimed now.
        const call: CallRecord = {
            ...current,
            direction: 'outbound',
            ...defined({ phoneNumber: p.dialledTo ?? current.phoneNumber }),
            updatedAt: now
        };
        delete call.directionGuessed;
        const finished = call.state === 'ended' || call.state === 'wrappedUp';
        return { call, changed: true, effects: finished ? ['screenPop', 'writeLog'] : ['screenPop'] };
    }
    if (current.state !== 'dialing')
        return ignore(current, `outboundCallInitiated for a call already ${current.state}`);
    return patch(current, defined({ phoneNumber: current.phoneNumber ?? p.dialledTo }), now, []);
}

/** The call as the softphoneBridge component sees it (the `callStateChanged` payload). */
export function toCallView(call: CallRecord): CallView {
    const view: CallView = {
        conversationId: call.conversationId,
        direction: call.direction,
        state: call.state,
        startedAt: call.startedAt,
        matches: call.matches,
        details: call.details
    };
    const optional = defined({
        outcome: call.outcome,
        phoneNumber: call.phoneNumber,
        connectedAt: call.connectedAt,
        endedAt: call.endedAt,
        durationSeconds: call.durationSeconds,
        disposition: call.disposition,
        notes: call.notes,
        record: call.record
    });
    return { ...view, ...optional };
}
