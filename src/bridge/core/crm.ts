/**
 * The bridge: consumes validated softphone messages and component commands, runs the
 * call model, and turns the results into CRM actions (`CrmActions`), callback events for
 * the softphone (`SoftphonePort`) and channel events for the softphoneBridge component.
 *
 * It knows nothing of Open CTI, the DOM or postMessage: the adapter page implements the
 * two ports with `sforce.opencti` and `iframe.contentWindow.postMessage`, and a Salesforce
 * Voice connector can implement them with its own APIs.
 */
import {
    createEvent,
    errorFor,
    readCommandId,
    validateChannelMessage,
    HEARTBEAT_INTERVAL_MS
} from 'c/softphoneProtocol';
import type {
    ChannelCommand,
    ChannelEvent,
    ChannelEventPayload,
    ChannelEventType,
    ConfigView,
    ErrorAudience,
    PresenceOption,
    PresenceView,
    RecordRef
} from 'c/softphoneProtocol';
import { buildCallLog, defaultSubject } from './callLog';
import type { CallLog, SubjectFormatter } from './callLog';
import { applyCallEvent, isFinished, toCallView } from './callModel';
import type { CallRecord, ConversationCall } from './callModel';
import type { SoftphoneCall, WrapperEvent, WrapperEventPayload } from './contract';
import { createLogQueue, fieldHash } from './logQueue';
import type { KeyValueStore, LogQueue, LogWriter, RetryPolicy, Scheduler } from './logQueue';
import {
    createEnvelope,
    createErrorReply,
    createIdGenerator,
    createWarningOnce,
    isBridgeMessage,
    readFromSoftphone,
    validateWrapperEvent
} from './validate';
import type { BridgeError, BridgeErrorCode, BridgeResult, Envelope, SoftphoneMessage } from './validate';

/** Ignored-call reports remembered before the memory starts again (a bound for a whole shift). */
const MAX_IGNORED_REPORTED = 500;

/** What the screen pop is asked to find. */
export interface ScreenPopRequest {
    conversationId: string;
    direction: 'inbound' | 'outbound';
    /** Caller ANI (inbound) or dialled number (outbound); absent when the softphone sent none. */
    phoneNumber?: string;
    /** Search only, open nothing: a finished call whose pop was cut short (a reload) still finds its record. */
    searchOnly?: boolean;
}

/** Salesforce-side actions the bridge needs (the adapter implements them with Open CTI). */
export interface CrmActions extends LogWriter {
    /** Makes the softphone visible (an inbound call rings). */
    showPanel(): void;
    /**
     * Searches records for the call and pops them. Resolves the records found: with one,
     * it has been opened; with several, none is opened and the agent chooses (choosePopTarget).
     */
    screenPop(request: ScreenPopRequest): Promise<RecordRef[]>;
    /** Opens one record (the agent's choice among several matches). */
    openRecord(record: RecordRef): Promise<void>;
    /** Publishes an event on the softphone message channel (already validated). */
    publish(event: ChannelEvent): void;
}

/** The vendor-side port: delivers a callback event to the softphone (the adapter posts an `event` envelope). */
export interface SoftphonePort {
    send(event: WrapperEvent): void;
}

/** Call center settings the bridge uses (the adapter reads them with getCallCenterSettings). */
export interface BridgeSettings {
    partnerId?: string;
    businessSegmentId?: string;
    channelOriginId?: string;
    /** E.164 caller id for click-to-dial. */
    dialFrom?: string;
    participantType?: string;
    /** Disposition codes sent to the softphone at load. */
    dispositions: string[];
    /** Presence statuses (softphoneId + label) the component offers. */
    presenceOptions: PresenceOption[];
    /** Log rejected calls as Tasks ("missed call" logs). */
    logMissedCalls: boolean;
    /** Pop records for outbound calls dialled on the softphone's dialpad. Default true. */
    popDialpadCalls?: boolean;
    /** Builds Task subjects (e.g. from custom labels). Default: English `defaultSubject`. */
    formatSubject?: SubjectFormatter;
    /** The agent's Salesforce time zone (IANA id, User.TimeZoneSidKey), which dates the Task. Default: the browser's. */
    timeZone?: string;
}

/** Everything the bridge depends on, injected. */
export interface BridgeDeps {
    crm: CrmActions;
    softphone: SoftphonePort;
    settings: BridgeSettings;
    store: KeyValueStore;
    scheduler: Scheduler;
    /** Epoch milliseconds. */
    clock: () => number;
    /** Returns the E.164 form of a number, or null when it is not a dialable number (c/phoneNumbers in the adapter). */
    normalizePhone: (raw: string) => string | null;
    /** Identifies this adapter page instance (changes on reload), e.g. a random string. */
    adapterId: string;
    retryPolicy?: Partial<RetryPolicy>;
    /** Developer diagnostics (console.warn in the adapter). */
    onWarning?: (message: string) => void;
    /**
     * Fields a vendor protocol adds to a call's Task before it is queued (the Ameyo toolbar's
     * transfer timeline in Description): given what the bridge would write, returns the fields to
     * change. Applied to every write, so the queue holds what the Task should say.
     */
    amendLog?: (conversationId: string, log: Partial<CallLog>) => Partial<CallLog>;
}

/** A click-to-dial request (Open CTI onClickToDial or the component's `dial` command). */
export interface DialRequest {
    number: string;
    record?: RecordRef;
}

export interface Bridge {
    /** Restores persisted calls and logs, flushes pending logs, starts the heartbeat. */
    start(): void;
    /**
     * Handles a raw postMessage payload from the softphone iframe (the caller has checked
     * origin and source). Returns the envelope to post back (ack or error), or null when the
     * message is not ours or needs no answer.
     */
    receiveFromSoftphone(raw: unknown): Envelope | null;
    /**
     * The same for a message the caller already read with `readFromSoftphone` (so it is
     * validated once); `raw` names the message in an error reply. Never answers an error.
     */
    answerSoftphone(message: BridgeResult<SoftphoneMessage>, raw: unknown): Envelope | null;
    /** Handles an already validated softphone call (e.g. from another transport). */
    handleSoftphoneCall(call: SoftphoneCall): void;
    /** The softphone called load(callback): send it dispositions, partner config, and ask for presence. */
    handleSoftphoneLoaded(): void;
    /** Handles a raw message from the message channel; events are ignored, invalid commands answered with an error event. */
    receiveChannelMessage(raw: unknown): void;
    /** Starts an outbound call on the softphone; the record becomes the Who/What of its Task. */
    clickToDial(request: DialRequest): BridgeResult<WrapperEventPayload<'start_call'>>;
    /** The current state, as the `snapshot` event carries it. */
    snapshot(): ChannelEventPayload<'snapshot'>;
    /**
     * What `amendLog` adds for a call changed: patches only those fields on the call's one Task
     * (its queued entry, else the Task found by CallObject; created only when none exists). False
     * when the call is unknown or has no Task to write yet.
     */
    refreshLog(conversationId: string): boolean;
    /** Stops timers (pending logs stay persisted). */
    dispose(): void;
}

/**
 * Storage of the call records, prefix of all their keys. The live calls (few: ringing, dialing,
 * connected) share this one key, rewritten on their events; each finished call whose log is not
 * final yet has its own key, `<CALL_STORE_KEY>.ended.<conversationId>`, written when it changes
 * and removed once its log is final. No event rewrites what grows with the calls taken before.
 */
export const CALL_STORE_KEY = 'streemSoftphone.calls.v2';
/** Prefix of a finished call's own key. */
export const ENDED_CALL_KEY_PREFIX = `${CALL_STORE_KEY}.ended.`;
/** Where earlier versions kept every call in one key (`{ version: 1, calls }`): read once, then removed. */
export const LEGACY_CALL_STORE_KEY = 'streemSoftphone.calls.v1';
/** Finished calls kept in memory (the component's recent list); late notes need none of them. */
export const RETAINED_FINISHED_CALLS = 50;
export const RETAINED_CALL_MS = 12 * 60 * 60 * 1000;
/**
 * How long a finished call whose Task is saved stays in storage without wrap-up notes (so a
 * reload during wrap-up still shows it). A call is removed from storage as soon as its log is
 * final: saved and wrapped up, or missed/rejected, or this long after its end. A missed call
 * nobody logs stays this long too: its record is all that tells a repeated end from a new call.
 */
export const WRAP_UP_WINDOW_MS = 2 * 60 * 60 * 1000;
/** How long a click-to-dial waits for its outboundCallInitiated to claim its record. */
export const DIAL_MATCH_WINDOW_MS = 120_000;
/** Click-to-dial requests remembered at most (older ones are forgotten first). */
export const MAX_PENDING_DIALS = 20;
/** Calls in a snapshot (active first, then the most recent); keeps the message small. */
export const SNAPSHOT_CALLS = 5;

interface PendingDial {
    dialTo: string;
    record?: RecordRef;
    at: number;
}

/** Creates the bridge. Call `start()` once the ports are ready. */
export function createBridge(deps: BridgeDeps): Bridge {
    const { crm, softphone, settings, store, scheduler, clock } = deps;
    const calls = new Map<string, CallRecord>();
    const pendingDials: PendingDial[] = [];
    const nextId = createIdGenerator(`adapter-${deps.adapterId}`);
    const formatSubject = settings.formatSubject ?? defaultSubject;
    /** The Task a call should be, with this call center's subjects and the agent's time zone. */
    const logOf = (call: CallRecord): CallLog => buildCallLog(call, formatSubject, settings.timeZone);
    let presence: PresenceView | undefined;
    let softphoneConnected = false;
    let heartbeatTimer: unknown;
    let disposed = false;

    const warn = (message: string): void => deps.onWarning?.(message);

    const logs: LogQueue = createLogQueue({
        writer: crm,
        store,
        scheduler,
        clock,
        policy: deps.retryPolicy,
        onStatus: (view) => {
            publish('logStatus', view);
            // A log just became final: its call need not stay in storage, and has a Task from now on.
            const call = view.status === 'saved' ? calls.get(view.conversationId) : undefined;
            if (call) {
                const logged = call.logged ? call : { ...call, logged: true };
                calls.set(call.conversationId, logged);
                persistCalls(logged);
            }
        },
        onWarning: warn,
        // Pending logs come first: call records give way (they are rebuilt from the softphone's next events).
        onStorageFull: () => {
            clearCallStorage();
            return true;
        }
    });

    function publish<T extends ChannelEventType>(type: T, payload: ChannelEventPayload<T>): void {
        const event = createEvent(type, payload);
        if (!event.ok) {
            warn(`Not published: ${type} failed validation (${event.error.message}).`);
            return;
        }
        try {
            crm.publish(event.value);
        } catch (error) {
            warn(`Publishing ${type} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    function publishError(
        error: BridgeError,
        audience: ErrorAudience,
        commandId?: string,
        conversationId?: string
    ): void {
        const view = errorFor(error, audience, commandId);
        if (conversationId !== undefined) view.conversationId = conversationId;
        publish('error', view);
    }

    function heartbeat(): ChannelEventPayload<'heartbeat'> {
        return { adapterId: deps.adapterId, softphoneConnected, intervalMs: HEARTBEAT_INTERVAL_MS, sentAt: clock() };
    }

    function config(): ConfigView {
        return {
            dispositions: settings.dispositions,
            presenceOptions: settings.presenceOptions,
            clickToDialReady: partnerIds() !== null
        };
    }

    function partnerIds(): { partnerId: string; businessSegmentId: string; channelOriginId: string } | null {
        const { partnerId, businessSegmentId, channelOriginId } = settings;
        return partnerId && businessSegmentId && channelOriginId
            ? { partnerId, businessSegmentId, channelOriginId }
            : null;
    }

    function scheduleHeartbeat(): void {
        if (disposed) return;
        heartbeatTimer = scheduler.setTimeout(() => {
            publish('heartbeat', heartbeat());
            scheduleHeartbeat();
        }, HEARTBEAT_INTERVAL_MS);
    }

    // ---- call records -------------------------------------------------------------

    /** True when nothing more will be written for the call: its record need not survive a reload. */
    function logIsFinal(call: CallRecord, now: number): boolean {
        if (!isFinished(call)) return false;
        // Its screen pop was cut short: the search runs again after a reload to find its record.
        if (!call.record && !call.searched && call.matches.length === 0 && call.phoneNumber) return false;
        const status = logs.status(call.conversationId);
        const windowPassed = now - (call.endedAt ?? call.updatedAt) > WRAP_UP_WINDOW_MS;
        // A missed call nobody logs has no log entry to recognise it by: its record stays for the
        // window, so an end the softphone repeats after a reload is not taken for a new call's.
        if (status === undefined) return !logWanted(call) && windowPassed;
        if (status !== 'saved') return false;
        const missed = call.outcome === 'missed' || call.outcome === 'rejected' || call.state === 'rejected';
        return call.state === 'wrappedUp' || missed || windowPassed;
    }

    function isLive(call: CallRecord): boolean {
        return call.state === 'ringing' || call.state === 'connected' || call.state === 'dialing';
    }

    /** Finished calls with their own key, and a hash of what it holds (to skip a write that changes nothing). */
    const storedEnded = new Map<string, string>();
    let storedLive: string | undefined;
    /** The keys were freed for pending logs: once there is room again every call is stored once more. */
    let callsCleared = false;

    function storeItem(key: string, value: string | null): boolean {
        try {
            if (value === null) store.removeItem(key);
            else store.setItem(key, value);
            return true;
        } catch (error) {
            warn(`Call state could not be stored (${error instanceof Error ? error.message : String(error)}).`);
            return false;
        }
    }

    /** Frees every call key (pending logs need the room, or keep nothing while they lack it). */
    function clearCallStorage(): void {
        callsCleared = true;
        if (storedLive !== undefined) storeItem(CALL_STORE_KEY, null);
        storedLive = undefined;
        for (const conversationId of storedEnded.keys()) storeItem(`${ENDED_CALL_KEY_PREFIX}${conversationId}`, null);
        storedEnded.clear();
    }

    function storeEnded(call: CallRecord | undefined, conversationId: string, now: number): void {
        const key = `${ENDED_CALL_KEY_PREFIX}${conversationId}`;
        if (!call || !isFinished(call) || logIsFinal(call, now)) {
            if (storedEnded.delete(conversationId)) storeItem(key, null);
            return;
        }
        const json = JSON.stringify(call);
        const hash = fieldHash(json);
        if (storedEnded.get(conversationId) === hash) return;
        if (storeItem(key, json)) storedEnded.set(conversationId, hash);
    }

    function storeLive(): void {
        const live = [...calls.values()].filter(isLive);
        const json = live.length === 0 ? null : JSON.stringify({ version: 2, calls: live });
        if ((json ?? undefined) === storedLive) return;
        if (storeItem(CALL_STORE_KEY, json)) storedLive = json ?? undefined;
    }

    /**
     * Stores what a reload needs to finish the calls' logs: the live calls' key when `changed` is
     * (or was) live, `changed`'s own key when it is finished, and no key for a call whose log is final.
     */
    function persistCalls(changed?: CallRecord): void {
        const now = clock();
        const finished = [...calls.values()].filter(isFinished).sort((a, b) => b.updatedAt - a.updatedAt);
        finished.forEach((call, index) => {
            if (index >= RETAINED_FINISHED_CALLS || now - call.updatedAt > RETAINED_CALL_MS)
                calls.delete(call.conversationId);
        });
        // Nothing while pending logs lack room.
        if (!logs.stored()) {
            clearCallStorage();
            return;
        }
        if (callsCleared) {
            callsCleared = false;
            for (const call of [...calls.values()]) storeEnded(call, call.conversationId, now);
        }
        // Ended first, then live: a reload between the two finds the call twice and keeps the newer.
        if (changed) storeEnded(calls.get(changed.conversationId), changed.conversationId, now);
        // The rest only lose their key (forgotten, or their log became final): at most RETAINED_FINISHED_CALLS checks.
        for (const conversationId of [...storedEnded.keys()]) {
            if (conversationId === changed?.conversationId) continue;
            const call = calls.get(conversationId);
            if (!call || logIsFinal(call, now)) storeEnded(call, conversationId, now);
        }
        storeLive();
    }

    function readCalls(raw: string | null, version: number): CallRecord[] {
        if (raw === null) return [];
        const parsed = JSON.parse(raw) as { version?: unknown; calls?: unknown };
        if (parsed.version !== version || !Array.isArray(parsed.calls)) return [];
        return (parsed.calls as CallRecord[]).filter(isCallRecord);
    }

    /** Restores the stored calls; the earlier one-key format is read once and rewritten by `migrateCalls`. */
    function restoreCalls(): boolean {
        const keep = (call: CallRecord): void => {
            const known = calls.get(call.conversationId);
            if (!known || known.updatedAt <= call.updatedAt) calls.set(call.conversationId, call);
        };
        let legacy = false;
        try {
            for (const call of readCalls(store.getItem(CALL_STORE_KEY), 2)) keep(call);
            storedLive = store.getItem(CALL_STORE_KEY) ?? undefined;
            for (const key of store.keys?.() ?? []) {
                if (!key.startsWith(ENDED_CALL_KEY_PREFIX)) continue;
                const conversationId = key.slice(ENDED_CALL_KEY_PREFIX.length);
                const raw = store.getItem(key);
                let call: unknown = null;
                try {
                    call = raw === null ? null : JSON.parse(raw);
                } catch {
                    call = null;
                }
                if (isCallRecord(call) && call.conversationId === conversationId) keep(call);
                // Known to have a key (removed once its log is final, or unreadable: rewritten or removed).
                storedEnded.set(conversationId, raw !== null && isCallRecord(call) ? fieldHash(raw) : '');
            }
            const old = store.getItem(LEGACY_CALL_STORE_KEY);
            if (old !== null) {
                legacy = true;
                for (const call of readCalls(old, 1)) keep(call);
            }
        } catch (error) {
            warn(
                `Stored call state was unreadable and is ignored (${error instanceof Error ? error.message : String(error)}).`
            );
        }
        return legacy;
    }

    /** The earlier one-key format, once: each call in its new place, then the old key goes. */
    function migrateCalls(): void {
        const now = clock();
        for (const call of [...calls.values()]) storeEnded(call, call.conversationId, now);
        storedLive = '';
        storeLive();
        storeItem(LEGACY_CALL_STORE_KEY, null);
    }

    function update(call: CallRecord): void {
        calls.set(call.conversationId, call);
        persistCalls(call);
        publish('callStateChanged', toCallView(call));
    }

    /** The fields `amendLog` changes on `log` ({} without the hook, or when it fails). */
    function amendment(conversationId: string, log: Partial<CallLog>): Partial<CallLog> {
        if (!deps.amendLog) return {};
        try {
            return deps.amendLog(conversationId, log);
        } catch (error) {
            warn(`amendLog failed: ${error instanceof Error ? error.message : String(error)}`);
            return {};
        }
    }

    function amended<T extends Partial<CallLog>>(conversationId: string, log: T): T {
        return { ...log, ...amendment(conversationId, log) };
    }

    function writeLog(call: CallRecord): void {
        const log = amended(call.conversationId, logOf(call));
        // A call whose Task exists but whose log entry is gone (storage made room for others, or a
        // closed tab's entry did not fit): found by CallObject and updated, never created again.
        if (call.logged && !logs.has(call.conversationId)) logs.upsertPatch(call.conversationId, log, log);
        else logs.upsert(call.conversationId, log);
    }

    function refreshLog(conversationId: string): boolean {
        const call = calls.get(conversationId);
        if (!call || !logWanted(call)) return false;
        // No Task written yet: the first write (at the end, or with notes) carries the amendment.
        // A finished call without a queue entry (storage lost it) may have one: upsertPatch finds it.
        if (!logs.has(conversationId) && !isFinished(call)) return false;
        const log = logOf(call);
        const patch = amendment(conversationId, log);
        if (Object.keys(patch).length === 0) return false;
        logs.upsertPatch(conversationId, patch, { ...log, ...patch });
        return true;
    }

    /**
     * Sets the record a call is logged against (its own screen pop, the agent's choice, or a
     * record created from its pop) and writes it to its Task. Once set it never changes: a later
     * record is not the call's.
     */
    function attachRecord(
        conversationId: string,
        record: RecordRef,
        matches?: RecordRef[],
        how: { guessed?: boolean; clicked?: boolean } = {}
    ): boolean {
        const call = calls.get(conversationId);
        if (!call) return false;
        // The record a click-to-dial names beats one a guessed-direction pop found, while no log has it yet.
        const replaceable = how.clicked && call.recordGuessed && !logs.has(conversationId);
        if (call.record && !replaceable) {
            if (call.record.recordId.slice(0, 15) !== record.recordId.slice(0, 15))
                warn(
                    `${conversationId} is already logged against ${call.record.recordId}; ${record.recordId} ignored.`
                );
            return false;
        }
        const next: CallRecord = { ...call, record, updatedAt: clock(), ...(matches ? { matches } : {}) };
        if (how.guessed) next.recordGuessed = true;
        else delete next.recordGuessed;
        update(next);
        if (logs.has(conversationId)) writeLog(next);
        return true;
    }

    /** Whether a call gets a Task at all: missed and rejected calls only when the settings ask. */
    function logWanted(call: CallRecord): boolean {
        const missed = call.direction === 'inbound' && (call.outcome === 'missed' || call.outcome === 'rejected');
        return !missed || settings.logMissedCalls;
    }

    // ---- softphone → CRM ------------------------------------------------------------

    function claimPendingDial(call: CallRecord): PendingDial | undefined {
        const now = clock();
        for (let i = pendingDials.length - 1; i >= 0; i--) {
            if (now - (pendingDials[i]?.at ?? 0) > DIAL_MATCH_WINDOW_MS) pendingDials.splice(i, 1);
        }
        // No number at all: the only recent request is the best guess.
        if (call.phoneNumber === undefined) return pendingDials.length === 1 ? pendingDials.pop() : undefined;
        // A number that is not a phone number (an extension, a SIP name) is another call, never a click's.
        const dialled = safeNormalize(call.phoneNumber);
        const index = dialled === null ? -1 : pendingDials.map((dial) => dial.dialTo).lastIndexOf(dialled);
        return index < 0 ? undefined : pendingDials.splice(index, 1)[0];
    }

    function safeNormalize(raw: string): string | null {
        try {
            return deps.normalizePhone(raw);
        } catch (error) {
            warn(`normalizePhone threw for "${raw}": ${error instanceof Error ? error.message : String(error)}`);
            return null;
        }
    }

    async function popRecords(call: CallRecord, searchOnly = false): Promise<void> {
        if (call.direction === 'inbound' && !searchOnly) {
            try {
                crm.showPanel();
            } catch (error) {
                warn(`showPanel failed: ${error instanceof Error ? error.message : String(error)}`);
            }
        }
        if (call.direction === 'outbound') {
            const dial = claimPendingDial(call);
            if (dial?.record) {
                attachRecord(call.conversationId, dial.record, [dial.record], { clicked: true });
                return;
            }
            if (dial || settings.popDialpadCalls === false) return;
        }
        try {
            const request: ScreenPopRequest = { conversationId: call.conversationId, direction: call.direction };
            if (call.phoneNumber !== undefined) request.phoneNumber = call.phoneNumber;
            if (searchOnly) request.searchOnly = true;
            const matches = await crm.screenPop(request);
            const current = calls.get(call.conversationId);
            if (!current || current.record) return; // an agent's choice made meanwhile wins
            const found = Array.isArray(matches) ? matches.slice(0, 50) : [];
            if (found.length === 1 && found[0])
                attachRecord(call.conversationId, found[0], found, { guessed: current.directionGuessed === true });
            else update({ ...current, matches: found, searched: true, updatedAt: clock() });
        } catch (error) {
            publishError(
                {
                    code: 'CRM_ACTION_FAILED',
                    message: `The screen pop failed: ${error instanceof Error ? error.message : String(error)}`
                },
                'agent',
                undefined,
                call.conversationId
            );
        }
    }

    /**
     * The facts a message brings for the Task, for a call this bridge no longer knows. A callEnded
     * that names the call's type settles a direction that was only guessed (the Task may have been
     * created from that guess by late notes): CallType, and the Subject that names the direction.
     */
    function factsOf(message: ConversationCall, before: CallRecord | undefined, full: CallLog): Partial<CallLog> {
        const facts: Partial<CallLog> = {};
        if (message.type !== 'callEnded' && message.type !== 'callNotesSubmitted') return facts;
        const { notes, disposition } = message.payload;
        if (notes !== undefined) facts.Description = notes;
        if (disposition !== undefined) facts.CallDisposition = disposition;
        if (message.type === 'callEnded' && message.payload.duration !== undefined)
            facts.CallDurationInSeconds = Math.round(message.payload.duration);
        if (message.type === 'callEnded' && message.payload.callType !== undefined && before?.directionGuessed)
            Object.assign(facts, { CallType: full.CallType, Subject: full.Subject });
        return facts;
    }

    /** Ignored calls already reported: once per call, kind and reason (a vendor repeating itself is not news). */
    const ignoredReported = new Set<string>();
    function reportIgnored(message: string): void {
        if (ignoredReported.has(message)) return;
        if (ignoredReported.size >= MAX_IGNORED_REPORTED) ignoredReported.clear();
        ignoredReported.add(message);
        warn(message);
    }

    function handleConversationCall(message: ConversationCall): void {
        const conversationId = message.payload.conversationId;
        const before = calls.get(conversationId);
        // A call first heard of through late notes or a late end stays a guess (CallRecord.partial)
        // until a start event comes: its later events patch the Task too, never rewrite it whole.
        const known = before !== undefined && before.partial !== true;
        const transition = applyCallEvent(before, message, clock());
        if (!transition.changed) {
            if (transition.ignored)
                reportIgnored(`${message.type} for ${conversationId} ignored: ${transition.ignored}.`);
            return;
        }
        const starts = message.type === 'incomingCall' || message.type === 'outboundCallInitiated';
        const call: CallRecord = known || starts ? { ...transition.call } : { ...transition.call, partial: true };
        if (starts) delete call.partial;
        update(call);
        for (const effect of transition.effects) {
            const log = effect === 'writeLog' || (effect === 'missedCallLog' && settings.logMissedCalls);
            // Late notes (or a late end) for a call no longer known: only their own fields, on the Task
            // found by CallObject; the rest (Subject, Who/What) would be guesses.
            if (log && !known) {
                const full = logOf(call);
                logs.upsertPatch(
                    conversationId,
                    amended(conversationId, factsOf(message, before, full)),
                    amended(conversationId, full)
                );
            } else if (log && logWanted(call)) writeLog(call);
            if (effect === 'screenPop') void popRecords(call);
        }
    }

    function handleSoftphoneCall(call: SoftphoneCall): void {
        if (call.type === 'statusChanged') {
            // A softphone re-announces its status (every get_presence answer, some on a timer); only a
            // change is news. Publishing repeats would re-render every listening component for nothing.
            if (presence?.softphoneId === call.payload.softphoneId) return;
            const label = settings.presenceOptions.find(
                (option) => option.softphoneId === call.payload.softphoneId
            )?.label;
            presence = { softphoneId: call.payload.softphoneId, changedAt: clock(), ...(label ? { label } : {}) };
            publish('presenceChanged', presence);
            return;
        }
        handleConversationCall(call);
    }

    function sendToSoftphone(event: WrapperEvent): BridgeResult<true> {
        const checked = validateWrapperEvent(event.type, event.payload);
        if (!checked.ok) return checked;
        try {
            softphone.send(checked.value);
            return { ok: true, value: true };
        } catch (error) {
            return fail(
                'NOT_CONNECTED',
                `The softphone could not be reached: ${error instanceof Error ? error.message : String(error)}`
            );
        }
    }

    function handleSoftphoneLoaded(): void {
        softphoneConnected = true;
        // Always sent, even empty (dispositionCodes=none): the softphone then shows no codes rather
        // than keeping a list from an earlier configuration.
        report(sendToSoftphone({ type: 'disposition', payload: settings.dispositions }), 'admin');
        const ids = partnerIds();
        if (ids) report(sendToSoftphone({ type: 'partner_config', payload: ids }), 'admin');
        report(sendToSoftphone({ type: 'get_presence', payload: undefined }), 'developer');
        publish('heartbeat', heartbeat());
        publish('configAnnounced', config());
    }

    function report(result: BridgeResult<unknown>, audience: ErrorAudience, commandId?: string): void {
        if (!result.ok) publishError(result.error, audience, commandId);
    }

    // ---- component → softphone ----------------------------------------------------------

    function clickToDial(request: DialRequest): BridgeResult<WrapperEventPayload<'start_call'>> {
        const ids = partnerIds();
        if (!ids) {
            return fail(
                'NOT_CONFIGURED',
                'Click-to-dial needs partnerId, businessSegmentId and channelOriginId in the call center settings.'
            );
        }
        const dialTo = safeNormalize(request.number);
        if (!dialTo)
            return fail(
                'INVALID_PHONE_NUMBER',
                `"${request.number}" is not a phone number that can be dialled.`,
                'number'
            );
        if (!softphoneConnected)
            return fail('NOT_CONNECTED', 'The softphone is not loaded yet; try again in a moment.');
        const payload: WrapperEventPayload<'start_call'> = { ...ids, dialTo };
        if (settings.dialFrom) payload.dialFrom = settings.dialFrom;
        if (settings.participantType) payload.participantType = settings.participantType;
        const checked = validateWrapperEvent('start_call', payload);
        if (!checked.ok) {
            return fail(
                'NOT_CONFIGURED',
                `Click-to-dial settings are invalid: ${checked.error.message}`,
                checked.error.field
            );
        }
        const sent = sendToSoftphone(checked.value);
        if (!sent.ok) return sent;
        pendingDials.push({ dialTo, at: clock(), ...(request.record ? { record: request.record } : {}) });
        if (pendingDials.length > MAX_PENDING_DIALS) pendingDials.shift();
        return { ok: true, value: payload };
    }

    function handleCommand(command: ChannelCommand): void {
        switch (command.type) {
            case 'setPresence': {
                if (!softphoneConnected) {
                    report(
                        fail('NOT_CONNECTED', 'The softphone is not loaded yet; try again in a moment.'),
                        'agent',
                        command.id
                    );
                    return;
                }
                report(sendToSoftphone({ type: 'update_presence', payload: command.payload }), 'developer', command.id);
                return;
            }
            case 'dial': {
                const result = clickToDial(command.payload);
                if (!result.ok) report(result, result.error.code === 'NOT_CONFIGURED' ? 'admin' : 'agent', command.id);
                return;
            }
            case 'saveWrapUp': {
                const { conversationId, disposition, notes } = command.payload;
                const partnerId = calls.get(conversationId)?.partnerId ?? settings.partnerId ?? 'salesforce';
                const payload = {
                    partnerId,
                    conversationId,
                    ...(disposition !== undefined ? { disposition } : {}),
                    ...(notes !== undefined ? { notes } : {})
                };
                handleConversationCall({ type: 'callNotesSubmitted', payload });
                return;
            }
            case 'choosePopTarget': {
                const { conversationId, record } = command.payload;
                if (!calls.has(conversationId)) {
                    report(
                        fail(
                            'UNKNOWN_CONVERSATION',
                            'That call is no longer known to the softphone.',
                            'conversationId'
                        ),
                        'agent',
                        command.id
                    );
                    return;
                }
                attachRecord(conversationId, record);
                Promise.resolve()
                    .then(() => crm.openRecord(record))
                    .catch((error: unknown) => {
                        report(
                            fail(
                                'CRM_ACTION_FAILED',
                                `The record could not be opened: ${error instanceof Error ? error.message : String(error)}`
                            ),
                            'agent',
                            command.id
                        );
                    });
                return;
            }
            case 'requestState':
                publish('snapshot', snapshot());
                return;
            case 'retryLogs':
                logs.retryNow();
                return;
        }
    }

    const warnOnce = createWarningOnce();

    function answerSoftphone(message: BridgeResult<SoftphoneMessage>, raw: unknown): Envelope | null {
        if (!message.ok) {
            warn(`Rejected a softphone message: ${message.error.message}`);
            return createErrorReply(raw, message.error, nextId());
        }
        const value = message.value;
        switch (value.kind) {
            case 'hello':
                handleSoftphoneLoaded();
                return createEnvelope('ack', 'load', nextId(), undefined, value.id);
            case 'call':
                for (const warning of value.warnings) if (warnOnce(warning)) warn(`Softphone: ${warning.message}`);
                handleSoftphoneCall(value.call);
                return createEnvelope('ack', value.call.type, nextId(), undefined, value.id);
            case 'error':
                warn(`The softphone wrapper rejected ${value.replyTo ?? 'a message'}: ${value.error.message}`);
                return null;
            case 'ack':
                return null;
        }
    }

    function snapshot(): ChannelEventPayload<'snapshot'> {
        const recent = [...calls.values()]
            .sort((a, b) => Number(isFinished(a)) - Number(isFinished(b)) || b.updatedAt - a.updatedAt)
            .slice(0, SNAPSHOT_CALLS)
            .map(toCallView);
        const result: ChannelEventPayload<'snapshot'> = {
            heartbeat: heartbeat(),
            config: config(),
            calls: recent,
            logs: logs.statuses().slice(0, 200)
        };
        if (presence) result.presence = presence;
        return result;
    }

    return {
        start() {
            const legacy = restoreCalls();
            logs.restore();
            if (legacy) migrateCalls();
            // A call still live when the page reloaded lost its screen pop: pop it again.
            // A finished call whose pop never answered searches again without opening anything.
            for (const call of [...calls.values()]) {
                const live = call.state === 'ringing' || call.state === 'connected' || call.state === 'dialing';
                if (live && !call.record) void popRecords(call);
                else if (!call.record && !call.searched && call.matches.length === 0 && call.phoneNumber)
                    void popRecords(call, true);
            }
            publish('heartbeat', heartbeat());
            publish('configAnnounced', config());
            scheduleHeartbeat();
        },
        receiveFromSoftphone(raw) {
            if (!isBridgeMessage(raw)) return null;
            return answerSoftphone(readFromSoftphone(raw), raw);
        },
        answerSoftphone,
        handleSoftphoneCall,
        handleSoftphoneLoaded,
        receiveChannelMessage(raw) {
            const message = validateChannelMessage(raw);
            if (!message.ok) {
                // Our own events echo back on the channel; only answer what looks like a command.
                const commandId = readCommandId(raw);
                if (isCommandLike(raw)) publishError(message.error, 'developer', commandId);
                return;
            }
            if (message.value.kind === 'command') handleCommand(message.value);
        },
        clickToDial,
        snapshot,
        refreshLog,
        dispose() {
            disposed = true;
            if (heartbeatTimer !== undefined) scheduler.clearTimeout(heartbeatTimer);
            logs.dispose();
        }
    };
}

/** Loose check of a stored call record (storage is shared and may hold anything). */
function isCallRecord(value: unknown): value is CallRecord {
    const call = value as Partial<CallRecord> | null;
    return (
        typeof call === 'object' &&
        call !== null &&
        typeof call.conversationId === 'string' &&
        typeof call.state === 'string' &&
        Array.isArray(call.matches)
    );
}

function isCommandLike(raw: unknown): boolean {
    return typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind !== 'event';
}

function fail(code: BridgeErrorCode, message: string, field?: string): { ok: false; error: BridgeError } {
    return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

export type { CallLog, KeyValueStore, Scheduler, LogWriter, RetryPolicy };
