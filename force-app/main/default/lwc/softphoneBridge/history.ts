/**
 * The session's call history: every call this browser tab has seen (sessionStorage, so page
 * navigation keeps it and a new tab starts fresh), with the Task each was logged to. Pure.
 *
 * Stored as one key per call plus a short index of their ids, so an event about one call writes
 * that call's entry (about 600 B), not the whole list (about 33 KB with 50 calls): the cost of an
 * event stays the same from the first call of a shift to the last.
 */
import { CALL_DIRECTIONS, CALL_ID_MAX_LENGTH, CALL_OUTCOMES, CALL_STATES, LOG_STATUSES } from 'c/softphoneProtocol';
import type {
    CallDirection,
    CallOutcome,
    CallState,
    CallView,
    LogStatus,
    LogView,
    RecordRef
} from 'c/softphoneProtocol';
import { readJson } from './storage';
import type { KeyValueStorage } from './storage';

/** Storage key of the index (sessionStorage): the ids of the calls kept, newest first. */
export const HISTORY_STORE_KEY = 'softphoneBridge.sessionHistory.v2';
/** Where one call's entry is stored. */
export function historyEntryKey(conversationId: string): string {
    return `${HISTORY_STORE_KEY}.${conversationId}`;
}
/** The whole list in one key (until December 2026): read once, then replaced by the index. */
const LEGACY_STORE_KEY = 'softphoneBridge.sessionHistory.v1';
/** Calls kept, newest first. */
export const MAX_HISTORY = 50;

export interface HistoryEntry {
    conversationId: string;
    direction: CallDirection;
    state: CallState;
    outcome?: CallOutcome;
    phoneNumber?: string;
    /** Epoch ms. */
    startedAt: number;
    durationSeconds?: number;
    record?: RecordRef;
    taskId?: string;
    logStatus?: LogStatus;
}

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
    return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function readRecord(raw: unknown): RecordRef | undefined {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { recordId, objectType, name } = raw as Record<string, unknown>;
    if (typeof recordId !== 'string' || !ID.test(recordId)) return undefined;
    const record: RecordRef = { recordId };
    if (typeof objectType === 'string') record.objectType = objectType.slice(0, 80);
    if (typeof name === 'string') record.name = name.slice(0, 255);
    return record;
}

function readEntry(raw: unknown): HistoryEntry | undefined {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const r = raw as Record<string, unknown>;
    if (typeof r.conversationId !== 'string' || r.conversationId === '' || r.conversationId.length > CALL_ID_MAX_LENGTH)
        return undefined;
    if (!oneOf(CALL_DIRECTIONS, r.direction) || !oneOf(CALL_STATES, r.state)) return undefined;
    if (typeof r.startedAt !== 'number' || !Number.isFinite(r.startedAt)) return undefined;
    const entry: HistoryEntry = {
        conversationId: r.conversationId,
        direction: r.direction,
        state: r.state,
        startedAt: r.startedAt
    };
    if (oneOf(CALL_OUTCOMES, r.outcome)) entry.outcome = r.outcome;
    if (typeof r.phoneNumber === 'string') entry.phoneNumber = r.phoneNumber.slice(0, 40);
    if (typeof r.durationSeconds === 'number' && Number.isFinite(r.durationSeconds))
        entry.durationSeconds = r.durationSeconds;
    const record = readRecord(r.record);
    if (record) entry.record = record;
    if (typeof r.taskId === 'string' && ID.test(r.taskId)) entry.taskId = r.taskId;
    if (oneOf(LOG_STATUSES, r.logStatus)) entry.logStatus = r.logStatus;
    return entry;
}

/** The stored history; unreadable entries (and ids whose entry is gone) are skipped. */
export function readHistory(storage: KeyValueStorage): HistoryEntry[] {
    const index = readJson(storage, HISTORY_STORE_KEY) as { version?: unknown; calls?: unknown } | undefined;
    const ids = index?.version === 2 && Array.isArray(index.calls) ? index.calls.slice(0, MAX_HISTORY) : undefined;
    if (!ids) return readLegacy(storage);
    const entries: HistoryEntry[] = [];
    for (const id of new Set(ids)) {
        const entry = typeof id === 'string' ? readEntry(readJson(storage, historyEntryKey(id))) : undefined;
        if (entry && entry.conversationId === id) entries.push(entry);
    }
    return entries;
}

/** The one-key list of before December 2026, moved to the index and its entries (once per tab). */
function readLegacy(storage: KeyValueStorage): HistoryEntry[] {
    const parsed = readJson(storage, LEGACY_STORE_KEY) as { version?: unknown; calls?: unknown } | undefined;
    if (parsed?.version !== 1 || !Array.isArray(parsed.calls)) return [];
    const entries = parsed.calls
        .slice(0, MAX_HISTORY)
        .map(readEntry)
        .filter((entry): entry is HistoryEntry => entry !== undefined);
    writeHistory(storage, entries);
    storage.removeItem(LEGACY_STORE_KEY);
    return entries;
}

/**
 * Stores the history (newest MAX_HISTORY) given what was stored before (`stored`, as the last write
 * or read left it): only entries that are new or changed are written (the lists share unchanged
 * entries, so identity tells), the index only when the ids or their order changed, and entries
 * that fell out are removed. Returns what is now stored, to pass as `stored` next time: an entry
 * storage refused comes back as a copy, so the next write tries it again.
 */
export function writeHistory(
    storage: KeyValueStorage,
    entries: readonly HistoryEntry[],
    stored: readonly HistoryEntry[] = []
): HistoryEntry[] {
    const kept = entries.slice(0, MAX_HISTORY);
    const before = new Map(stored.map((entry) => [entry.conversationId, entry]));
    const now = kept.map((entry) => {
        if (before.get(entry.conversationId) === entry) return entry;
        const written = storage.setItem(historyEntryKey(entry.conversationId), JSON.stringify(entry)) !== false;
        return written ? entry : { ...entry };
    });
    const ids = kept.map((entry) => entry.conversationId);
    const sameIds = ids.length === stored.length && ids.every((id, i) => id === stored[i]!.conversationId);
    if (sameIds) return now;
    // An index storage refused: nothing counts as stored, so the next write repairs it all.
    if (storage.setItem(HISTORY_STORE_KEY, JSON.stringify({ version: 2, calls: ids })) === false) return [];
    const keptIds = new Set(ids);
    for (const id of before.keys()) if (!keptIds.has(id)) storage.removeItem(historyEntryKey(id));
    return now;
}

function sortNewestFirst(entries: HistoryEntry[]): HistoryEntry[] {
    return entries.sort((a, b) => b.startedAt - a.startedAt).slice(0, MAX_HISTORY);
}

/** The same facts (entries hold strings, numbers and a record reference). */
function sameEntry(a: HistoryEntry, b: HistoryEntry): boolean {
    const keys = Object.keys(a) as (keyof HistoryEntry)[];
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => {
        if (key !== 'record') return a[key] === b[key];
        const [x, y] = [a.record, b.record];
        return x?.recordId === y?.recordId && x?.objectType === y?.objectType && x?.name === y?.name;
    });
}

/**
 * Adds or updates a call; its Task facts (already known from a logStatus) are kept. When nothing
 * the history holds changed, `entries` itself comes back (nothing to store or show again).
 */
export function recordCall(entries: HistoryEntry[], call: CallView): HistoryEntry[] {
    const existing = entries.find((entry) => entry.conversationId === call.conversationId);
    const next: HistoryEntry = {
        conversationId: call.conversationId,
        direction: call.direction,
        state: call.state,
        startedAt: call.startedAt
    };
    if (call.outcome) next.outcome = call.outcome;
    if (call.phoneNumber) next.phoneNumber = call.phoneNumber;
    if (call.durationSeconds !== undefined) next.durationSeconds = call.durationSeconds;
    const record = call.record ?? existing?.record;
    if (record) next.record = record;
    if (existing?.taskId) next.taskId = existing.taskId;
    if (existing?.logStatus) next.logStatus = existing.logStatus;
    if (existing && sameEntry(existing, next)) return entries;
    return sortNewestFirst([next, ...entries.filter((entry) => entry !== existing)]);
}

/**
 * Notes a call's Task status and Id; logs of calls not in the history are ignored, and when nothing
 * changed `entries` itself comes back.
 */
export function recordLog(entries: HistoryEntry[], log: LogView): HistoryEntry[] {
    const index = entries.findIndex((entry) => entry.conversationId === log.conversationId);
    const entry = entries[index];
    if (!entry || (entry.logStatus === log.status && (!log.taskId || entry.taskId === log.taskId))) return entries;
    const next = entries.slice();
    next[index] = { ...entry, logStatus: log.status, ...(log.taskId ? { taskId: log.taskId } : {}) };
    return next;
}
