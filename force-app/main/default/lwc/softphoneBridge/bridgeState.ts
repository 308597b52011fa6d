/**
 * What softphoneBridge knows about the adapter, built only from validated channel events: a pure
 * reducer (`applyEvent`) and the questions the card asks of it (which call to show, may the agent
 * dial, is the adapter still there). No `lwc`, no timers: the component owns time.
 */
import { HEARTBEAT_INTERVAL_MS } from 'c/softphoneProtocol';
import type { CallView, ChannelEvent, ConfigView, ErrorView, LogView, PresenceView } from 'c/softphoneProtocol';

/** Calls remembered in memory (the snapshot sends at most 5; the rest arrive as callStateChanged). */
export const MAX_CALLS = 20;
/**
 * Logs remembered beyond those of the calls held: the unsaved ones (pending, failed), newest kept,
 * for the storage-full and save-error banners. A saved log is kept only while its call is held.
 */
export const MAX_UNSAVED_LOGS = 50;
/** Errors remembered (only the newest is shown). */
export const MAX_ERRORS = 5;
/** The adapter counts as gone after this many missed heartbeats (see HEARTBEAT_INTERVAL_MS). */
export const MISSED_HEARTBEATS = 2.5;
/** How long a freshly connected component waits for the adapter's first answer. */
export const FIRST_ANSWER_TIMEOUT_MS = 5_000;

export interface BridgeState {
    /** Changes when the adapter page reloads. */
    adapterId?: string;
    /** The vendor softphone has loaded (called load()) in the adapter page. */
    softphoneConnected: boolean;
    heartbeatIntervalMs: number;
    /** Epoch ms of the last event from the adapter. */
    lastHeardAt?: number;
    config?: ConfigView;
    presence?: PresenceView;
    /** Newest first (by startedAt). */
    calls: CallView[];
    logs: Record<string, LogView>;
    /** Newest first. */
    errors: ErrorView[];
}

/** The state before the adapter has said anything. */
export const INITIAL_STATE: BridgeState = Object.freeze({
    softphoneConnected: false,
    heartbeatIntervalMs: HEARTBEAT_INTERVAL_MS,
    calls: [],
    logs: {},
    errors: []
});

const ACTIVE_STATES: readonly CallView['state'][] = ['ringing', 'dialing', 'connected'];
const WRAP_UP_STATES: readonly CallView['state'][] = ['ended', 'wrappedUp'];

/** The call is ringing, dialing or connected. */
export function isActive(call: CallView | undefined): boolean {
    return call !== undefined && ACTIVE_STATES.includes(call.state);
}

/** The call has ended and can take a disposition and notes. */
export function canWrapUp(call: CallView | undefined): boolean {
    return call !== undefined && WRAP_UP_STATES.includes(call.state);
}

/**
 * The logs worth keeping: every log of a call held, and the newest MAX_UNSAVED_LOGS unsaved others.
 * Without this a shift's saved logs would pile up, one per call, and be copied on every event.
 */
function keptLogs(logs: Record<string, LogView>, calls: readonly CallView[]): Record<string, LogView> {
    const held = new Set(calls.map((call) => call.conversationId));
    const entries = Object.entries(logs);
    let unsavedLeft = MAX_UNSAVED_LOGS;
    const kept: [string, LogView][] = [];
    // Newest last (insertion order of the record); walk from the newest.
    for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i] as [string, LogView];
        if (held.has(entry[0])) kept.push(entry);
        else if (entry[1].status !== 'saved' && unsavedLeft > 0) {
            unsavedLeft -= 1;
            kept.push(entry);
        }
    }
    if (kept.length === entries.length) return logs;
    return Object.fromEntries(kept.reverse());
}

/** The logs with `log` updated: a new one goes last (newest), an updated one moves there. */
function withLog(logs: Record<string, LogView>, log: LogView): Record<string, LogView> {
    const next = { ...logs };
    delete next[log.conversationId];
    next[log.conversationId] = log;
    return next;
}

function upsertCall(calls: readonly CallView[], call: CallView): CallView[] {
    return [call, ...calls.filter((known) => known.conversationId !== call.conversationId)]
        .sort((a, b) => b.startedAt - a.startedAt)
        .slice(0, MAX_CALLS);
}

/** The next state after one validated event received at `now` (epoch ms). */
export function applyEvent(state: BridgeState, event: ChannelEvent, now: number): BridgeState {
    const heard: BridgeState = { ...state, lastHeardAt: now };
    switch (event.type) {
        case 'heartbeat':
            return {
                ...heard,
                adapterId: event.payload.adapterId,
                softphoneConnected: event.payload.softphoneConnected,
                heartbeatIntervalMs: event.payload.intervalMs
            };
        case 'snapshot': {
            const { heartbeat, config, presence, calls, logs } = event.payload;
            let nextCalls = state.calls;
            for (const call of calls) nextCalls = upsertCall(nextCalls, call);
            let nextLogs = state.logs;
            for (const log of logs) nextLogs = withLog(nextLogs, log);
            const next: BridgeState = {
                ...heard,
                adapterId: heartbeat.adapterId,
                softphoneConnected: heartbeat.softphoneConnected,
                heartbeatIntervalMs: heartbeat.intervalMs,
                config,
                calls: nextCalls,
                logs: keptLogs(nextLogs, nextCalls)
            };
            if (presence) next.presence = presence;
            return next;
        }
        case 'configAnnounced':
            return { ...heard, config: event.payload };
        case 'presenceChanged':
            return { ...heard, presence: event.payload };
        case 'callStateChanged': {
            const calls = upsertCall(state.calls, event.payload);
            return { ...heard, calls, logs: keptLogs(state.logs, calls) };
        }
        case 'logStatus':
            return { ...heard, logs: keptLogs(withLog(state.logs, event.payload), state.calls) };
        case 'error':
            return { ...heard, errors: [event.payload, ...state.errors].slice(0, MAX_ERRORS) };
        default:
            return heard;
    }
}

/** Milliseconds without an event after which the adapter counts as gone. */
export function silenceLimitMs(state: BridgeState): number {
    return Math.round(state.heartbeatIntervalMs * MISSED_HEARTBEATS);
}

/**
 * The call the card is about: the newest ringing/dialing/connected call, else the newest call if
 * it has finished (shown for wrap-up until the next call starts).
 */
export function currentCall(state: BridgeState): CallView | undefined {
    return state.calls.find(isActive) ?? state.calls[0];
}

/** Presence statuses (labels or softphone ids) an admin declared as offline, from a comma/semicolon list. */
export function parseStatusList(text: string | undefined): string[] {
    return (text ?? '')
        .split(/[,;]/)
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean);
}

/** True when the agent's presence is one of the offline statuses (by label or softphone id). */
export function isOffline(presence: PresenceView | undefined, offlineStatuses: readonly string[]): boolean {
    if (!presence) return false;
    const names = [presence.label, presence.softphoneId].filter((name): name is string => Boolean(name));
    return names.some((name) => offlineStatuses.includes(name.trim().toLowerCase()));
}

/** Same record: 15- and 18-character Ids of one record compare equal (the first 15 are case-sensitive). */
export function sameRecordId(a: string | undefined, b: string | undefined): boolean {
    return Boolean(a && b && a.slice(0, 15) === b.slice(0, 15));
}

/** Why dialing is not possible right now, or undefined when it is. */
export type DialBlock = 'notConnected' | 'signedOut' | 'notConfigured' | 'offline' | 'activeCall';

/** The first reason the agent cannot dial, in the order they would have to fix them. */
export function dialBlock(
    state: BridgeState,
    connected: boolean,
    offlineStatuses: readonly string[]
): DialBlock | undefined {
    if (!connected) return 'notConnected';
    if (!state.softphoneConnected) return 'signedOut';
    if (state.config && !state.config.clickToDialReady) return 'notConfigured';
    if (isOffline(state.presence, offlineStatuses)) return 'offline';
    if (state.calls.some(isActive)) return 'activeCall';
    return undefined;
}
