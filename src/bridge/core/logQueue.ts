/**
 * "Never lose a call log": a queue of Task writes keyed by conversationId that keeps
 * exactly one Task per conversation whatever the retries, reloads and lost answers.
 *
 * - The first write creates the Task (`saveLog`), later ones update it (`updateLog`) with
 *   only the fields that changed.
 * - A change that arrives while a write is in flight is merged and written to the same
 *   Task when that write finishes (never a second create).
 * - A failed write is retried with exponential back-off (injected scheduler and clock);
 *   after `failedAfterAttempts` failures, or at once for a lasting error (validation rule,
 *   access, expired session: `error.kind`), the status turns "failed" (the UI shows a banner
 *   with a retry button) but retries go on at the longest interval.
 *
 * Exactly one Task: a create whose answer was not a success (an error, a lost or late answer,
 * a timeout, a reload while it was in flight) may still have reached the org, so the entry is
 * "in doubt" (persisted). Before creating again the queue asks `findLog(CallObject)`: a Task
 * found is adopted and updated; only "none" allows a new create. When the lookup fails too the
 * entry stays pending and in doubt and the lookup is retried on the same back-off, forever:
 * the log is never created blind and never dropped (it is what storage keeps first). A writer
 * without `findLog` creates again (one duplicate is possible then).
 *
 * Late changes (`upsertPatch`): a patch for a conversation whose call is no longer known (late
 * notes after many more calls, a reload) changes only its own fields on the Task found by
 * CallObject; a full log is created only when no Task exists.
 *
 * Storage (an injected `KeyValueStore`, localStorage in the adapter page): one key per entry,
 * written when that entry changes and never otherwise, so an event costs the same at the end of
 * a shift as at its start. Each field once (what was saved is kept as a short hash, never a
 * second copy of the notes); saved entries only as Task Id and hashes. Pending entries come
 * first: saved ones give up their keys (oldest first) to stay under `STORE_CEILING_CHARS`, or all
 * of them when storage is full. When storage refuses even a pending entry it stays in memory,
 * flagged `stored: false` in its status (the agent is told not to reload), and is written to the
 * org as usual. After a reload `restore()` brings back pending writes and flushes them; the one
 * key of the earlier format is read once, rewritten as entries and removed.
 *
 * Two browser tabs sharing one store would both flush the same entries; the adapter lets one
 * tab own the queue.
 */
import type { LogErrorKind, LogStatus, LogView } from 'c/softphoneProtocol';
import { CREATE_ONLY_FIELDS } from './callLog';
import type { CallLog } from './callLog';

/** Synchronous string storage with the localStorage shape; may throw (quota, privacy mode). */
export interface KeyValueStore {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
    /**
     * The keys the store holds (localStorage's key(i), within this store's namespace). Stores that
     * keep one record per key need it to find them after a reload; without it only fixed keys are read.
     */
    keys?(): string[];
}

/** Timers, injected so the core has no host globals and tests control time. */
export interface Scheduler {
    setTimeout(callback: () => void, delayMs: number): unknown;
    clearTimeout(handle: unknown): void;
}

/** Where Tasks are written (the adapter implements it with Open CTI saveLog). */
export interface LogWriter {
    /**
     * Creates the Task; resolves its Id. A rejection leaves the outcome in doubt (the org may
     * have written it): the next attempt asks `findLog` first. Unless the error says the org
     * refused it, so nothing was written: `kind` (see `LogErrorKind`, a lasting refusal, shown to
     * the agent at once) or `answered: true` (a refusal such as a locked row, tried again). An
     * error with `unanswered: true` (no answer in time) may hide a save still committing: the
     * create is not sent again before CREATE_SETTLE_MS.
     */
    saveLog(log: CallLog): Promise<string>;
    /** Updates the Task with the changed fields. */
    updateLog(taskId: string, patch: Partial<CallLog>): Promise<void>;
    /**
     * Finds the Task Id for a CallObject (null: none exists), to settle a create whose outcome
     * is unknown. Rejects when it cannot tell; the entry then stays pending.
     */
    findLog?(callObject: string): Promise<string | null>;
}

export interface RetryPolicy {
    /** Delay before the first retry; doubles with each failure. */
    baseDelayMs: number;
    /** The longest delay between retries. */
    maxDelayMs: number;
    /** Consecutive failures after which the status is "failed". */
    failedAfterAttempts: number;
}

/**
 * How long after a create whose answer never came (`saveLog` timed out) a lookup that finds no
 * Task is not yet taken as "none": the save may still commit after the writer stopped waiting
 * (a slow trigger or flow), and creating again then would make a second Task. Until then the
 * entry waits, pending, and looks again; after it, it creates. A minute from the send: twice the
 * adapter's 30 s wait, so a truly lost save (it never reached the org) is late by at most 30 s more.
 */
export const CREATE_SETTLE_MS = 60_000;

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxDelayMs: 300_000, failedAfterAttempts: 3 };

/**
 * Prefix of the queue's storage keys: each entry is stored on its own, under
 * `<LOG_STORE_KEY>.<conversationId>`, and written only when that entry changes, so the cost of a
 * call event does not grow with the calls logged before it.
 */
export const LOG_STORE_KEY = 'streemSoftphone.callLogs.v3';
/** Where earlier versions kept every entry in one key (`{ version: 1 | 2, entries }`): read once, then removed. */
export const LEGACY_LOG_STORE_KEY = 'streemSoftphone.callLogs.v1';
/** How often, at most, saved entries past their retention are looked for (each look sorts them all). */
export const PRUNE_INTERVAL_MS = 60_000;
/** Entries over SAVED_RETENTION_COUNT that make a prune run before its interval. */
const PRUNE_SLACK = 100;

/** How long saved entries (Task Id and field hashes, no customer data) are kept, and how many at most. */
export const SAVED_RETENTION_MS = 24 * 60 * 60 * 1000;
export const SAVED_RETENTION_COUNT = 1_000;
/**
 * Most characters the queue writes to its storage key. localStorage holds about 5 M characters
 * per origin; this leaves room for the call records and other keys. Pending entries come first;
 * at the contract's 32,000-character notes about 60 pending logs fit.
 */
export const STORE_CEILING_CHARS = 2_000_000;

export interface LogQueueOptions {
    writer: LogWriter;
    store: KeyValueStore;
    scheduler: Scheduler;
    clock: () => number;
    policy?: Partial<RetryPolicy>;
    /** Prefix of the entries' keys (default LOG_STORE_KEY). */
    storeKey?: string;
    /** The one key of the earlier format, migrated at restore (default LEGACY_LOG_STORE_KEY). */
    legacyStoreKey?: string;
    /** Characters the queue may use in its storage keys, all entries together (default STORE_CEILING_CHARS). */
    storeCeilingChars?: number;
    /** Called whenever an entry's status view changes. */
    onStatus?: (view: LogView) => void;
    /** Called for problems nobody can act on in the moment. */
    onWarning?: (message: string) => void;
    /**
     * Storage refused the pending logs: free what has lower priority (the caller's other keys)
     * and return true to have the queue try once more.
     */
    onStorageFull?: () => boolean;
}

export interface LogQueue {
    /** Records the Task a conversation should have and writes it (create or update). */
    upsert(conversationId: string, log: CallLog): void;
    /**
     * Changes only `patch`'s fields on the conversation's Task (late notes for a call no longer
     * known). Without an entry, the Task is looked up by CallObject first; `fallback` is
     * created (with the patch) only when none exists.
     */
    upsertPatch(conversationId: string, patch: Partial<CallLog>, fallback: CallLog): void;
    /** True when the conversation already has an entry (saved or pending). */
    has(conversationId: string): boolean;
    /** The entry's status, or undefined when the queue has none. */
    status(conversationId: string): LogStatus | undefined;
    /** Loads persisted entries (after a reload) and flushes the unsaved ones. */
    restore(): void;
    /** Retries now instead of waiting for the back-off (one conversation or all). */
    retryNow(conversationId?: string): void;
    /** The status of every entry, newest first. */
    statuses(): LogView[];
    /** False while pending logs could not be stored (storage full). */
    stored(): boolean;
    /** Resolves when no write is in flight (for tests and orderly shutdown). */
    whenIdle(): Promise<void>;
    /** Stops timers; pending entries stay persisted. */
    dispose(): void;
}

type LogField = keyof CallLog;
/**
 * What was last written to the Task, per field, as a 30-bit hash (never the value itself): a
 * number V8 keeps inside the object, where an 8-character string would cost 20 bytes more per
 * field, for each of the up to SAVED_RETENTION_COUNT saved entries kept all day.
 */
type SavedHashes = Partial<Record<LogField, number>>;

interface Entry {
    conversationId: string;
    /** The fields the Task should have; only what is not saved yet is kept once saved. */
    desired: Partial<CallLog>;
    /** For a patch entry: the full log to create when no Task is found. */
    fallback?: CallLog;
    saved: SavedHashes;
    taskId?: string;
    /** A create may have reached the org without its answer (persisted: survives a reload). */
    createInDoubt: boolean;
    /** When that create was sent (persisted), for CREATE_SETTLE_MS. */
    createSentAt?: number;
    /** The org refused its WhoId / WhatId: they are left out from then on (persisted). */
    linkRefused?: boolean;
    attempts: number;
    lastError?: string;
    errorKind?: LogErrorKind;
    updatedAt: number;
    nextAttemptAt?: number;
    inFlight?: Promise<void>;
    timer?: unknown;
    /** fieldHash of the last status view emitted (an unchanged view is not emitted again). */
    lastView?: string;
    /** False when the last persist could not store this (pending) entry. */
    stored: boolean;
    /** Characters its key and value take in storage (0: not stored), and a hash of what was written. */
    storedChars: number;
    storedHash?: string;
}

type PersistedEntry = Pick<
    Entry,
    | 'conversationId'
    | 'desired'
    | 'fallback'
    | 'saved'
    | 'taskId'
    | 'createInDoubt'
    | 'createSentAt'
    | 'linkRefused'
    | 'attempts'
    | 'lastError'
    | 'errorKind'
    | 'updatedAt'
>;

const ERROR_KINDS: readonly LogErrorKind[] = ['validation', 'access', 'session'];

/** 32-bit FNV-1a of a value's JSON, unsigned. */
function fnv1a(value: unknown): number {
    const text = JSON.stringify(value) ?? 'undefined';
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
}

/** FNV-1a of a value's JSON: enough to tell whether a field changed, 8 characters to store. */
export function fieldHash(value: unknown): string {
    return fnv1a(value).toString(16).padStart(8, '0');
}

/** FNV-1a of a value's JSON in 30 bits (a small integer to V8): what `saved` records of a field. */
export function savedHash(value: unknown): number {
    return fnv1a(value) & 0x3fffffff;
}

/** A stored hash: a number, or the 8 hex characters earlier versions stored (the same hash, in 32 bits). */
function readSavedHash(hash: unknown): number | undefined {
    if (typeof hash === 'number' && Number.isInteger(hash) && hash >= 0) return hash & 0x3fffffff;
    if (typeof hash === 'string' && /^[0-9a-f]{8}$/.test(hash)) return parseInt(hash, 16) & 0x3fffffff;
    return undefined;
}

/** Fields of `desired` whose value differs from what `saved` records (undefined when none). */
export function changedFields(saved: SavedHashes, desired: Partial<CallLog>): Partial<CallLog> | undefined {
    const changes: Partial<Record<LogField, unknown>> = {};
    for (const key of Object.keys(desired) as LogField[]) {
        const value = desired[key];
        if (value !== undefined && savedHash(value) !== saved[key]) changes[key] = value;
    }
    return Object.keys(changes).length > 0 ? (changes as Partial<CallLog>) : undefined;
}

/**
 * What an update of an existing Task must still send: the fields of `desired` that differ from what
 * was saved, except the create-only ones (CREATE_ONLY_FIELDS), which the org refuses in an update
 * and a found Task already has from its create.
 */
export function unsavedUpdates(saved: SavedHashes, desired: Partial<CallLog>): Partial<CallLog> | undefined {
    const changes = changedFields(saved, desired);
    if (!changes) return undefined;
    for (const field of CREATE_ONLY_FIELDS) delete changes[field];
    return Object.keys(changes).length > 0 ? changes : undefined;
}

/** The hashes of every field set in `fields`. */
export function hashesOf(fields: Partial<CallLog>): SavedHashes {
    const hashes: SavedHashes = {};
    for (const key of Object.keys(fields) as LogField[]) {
        if (fields[key] !== undefined) hashes[key] = savedHash(fields[key]);
    }
    return hashes;
}

/** True when `log` can be created as a Task (has the fields buildCallLog always sets). */
function isCompleteLog(log: Partial<CallLog>): log is CallLog {
    return (
        typeof log.Subject === 'string' &&
        typeof log.CallObject === 'string' &&
        typeof log.CallType === 'string' &&
        typeof log.ActivityDate === 'string'
    );
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Loose check of one stored entry (storage is shared and may hold anything); v1 kept saved values. */
function readEntry(value: unknown, version: number): PersistedEntry | null {
    if (!isObject(value) || typeof value.conversationId !== 'string') return null;
    const desired = isObject(value.desired) ? (value.desired as Partial<CallLog>) : {};
    const fallback = isObject(value.fallback) && isCompleteLog(value.fallback) ? value.fallback : undefined;
    const taskId = typeof value.taskId === 'string' && value.taskId !== '' ? value.taskId : undefined;
    if (!taskId && !isCompleteLog(desired) && !fallback) return null;
    const rawSaved = isObject(value.saved) ? value.saved : {};
    const saved: SavedHashes = {};
    if (version === 1) Object.assign(saved, hashesOf(rawSaved));
    else
        for (const [key, raw] of Object.entries(rawSaved)) {
            const hash = readSavedHash(raw);
            if (hash !== undefined) saved[key as LogField] = hash;
        }
    const entry: PersistedEntry = {
        conversationId: value.conversationId,
        desired,
        saved,
        createInDoubt: value.createInDoubt === true,
        attempts: typeof value.attempts === 'number' && value.attempts >= 0 ? value.attempts : 0,
        updatedAt: typeof value.updatedAt === 'number' ? value.updatedAt : 0
    };
    if (fallback) entry.fallback = fallback;
    if (taskId) entry.taskId = taskId;
    if (entry.createInDoubt && typeof value.createSentAt === 'number') entry.createSentAt = value.createSentAt;
    if (value.linkRefused === true) entry.linkRefused = true;
    if (typeof value.lastError === 'string') entry.lastError = value.lastError.slice(0, 1_000);
    if (ERROR_KINDS.includes(value.errorKind as LogErrorKind)) entry.errorKind = value.errorKind as LogErrorKind;
    return entry;
}

function errorText(error: unknown): string {
    const text = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
    return (text || 'Unknown error').slice(0, 1_000);
}

/** An org error about a Task's Name / Related To (FIELD_INTEGRITY_EXCEPTION names WhoId, WhatId). */
const LINK_REFUSED = /FIELD_INTEGRITY_EXCEPTION[\s\S]*?(?:\bWhoId\b|\bWhatId\b|Related To|Name ID)/;
/**
 * A reference to a record that is gone (deleted, or merged into another while the call went on).
 * WhoId and WhatId are the only references a call log sends besides the Task's own Id, so with a
 * link sent it is taken to be about the link; a Task itself deleted fails again without them.
 */
const LINK_GONE = /\b(?:ENTITY_IS_DELETED|INVALID_CROSS_REFERENCE_KEY)\b/;

/** Leaves an entry's WhoId / WhatId out of what it will write. */
function stripLinks(entry: Pick<Entry, 'desired' | 'fallback'>): void {
    const { WhoId: _who, WhatId: _what, ...desired } = entry.desired;
    entry.desired = desired;
    if (entry.fallback) {
        const { WhoId: _w, WhatId: _x, ...fallback } = entry.fallback;
        entry.fallback = fallback;
    }
}

/** True when the writer's error says the org refused the create (nothing was written). */
export function isRefusal(error: unknown): boolean {
    return (
        errorKindOf(error) !== undefined ||
        ((isObject(error) || error instanceof Error) && (error as { answered?: unknown }).answered === true)
    );
}

/** True when the writer's error says no answer came in time (the save may still be running). */
function isUnanswered(error: unknown): boolean {
    return (isObject(error) || error instanceof Error) && (error as { unanswered?: unknown }).unanswered === true;
}

/** A create in doubt whose Task is not found yet, looked for again at `retryAt` (see CREATE_SETTLE_MS). */
class CreateSettling extends Error {
    constructor(readonly retryAt: number) {
        super(
            'The earlier save had no answer and may still be finishing in Salesforce; its Task is looked for again before one is created.'
        );
    }
}

/** The lasting-error kind a writer attached to its error (`error.kind`), if any. */
export function errorKindOf(error: unknown): LogErrorKind | undefined {
    const kind = isObject(error) || error instanceof Error ? (error as { kind?: unknown }).kind : undefined;
    return ERROR_KINDS.includes(kind as LogErrorKind) ? (kind as LogErrorKind) : undefined;
}

/** Creates the queue. Call `restore()` once at start-up. */
export function createLogQueue(options: LogQueueOptions): LogQueue {
    const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
    const storeKey = options.storeKey ?? LOG_STORE_KEY;
    const ceiling = options.storeCeilingChars ?? STORE_CEILING_CHARS;
    const legacyKey = options.legacyStoreKey ?? LEGACY_LOG_STORE_KEY;
    const entries = new Map<string, Entry>();
    /** Pending entries storage refused: they are tried again when a write goes through. */
    const unstoredPending = new Set<Entry>();
    let disposed = false;
    let allStored = true;

    const warn = (message: string): void => options.onWarning?.(message);

    function isSettled(entry: Entry): boolean {
        return entry.taskId !== undefined && !entry.inFlight && !entry.createInDoubt;
    }

    function statusOf(entry: Entry): LogStatus {
        if (isSettled(entry) && !unsavedUpdates(entry.saved, entry.desired)) return 'saved';
        return entry.attempts >= policy.failedAfterAttempts || (entry.errorKind !== undefined && entry.attempts > 0)
            ? 'failed'
            : 'pending';
    }

    function viewOf(entry: Entry): LogView {
        const status = statusOf(entry);
        const view: LogView = { conversationId: entry.conversationId, status, attempts: entry.attempts };
        if (entry.taskId !== undefined) view.taskId = entry.taskId;
        if (status !== 'saved') {
            if (entry.nextAttemptAt !== undefined) view.nextAttemptAt = entry.nextAttemptAt;
            if (entry.lastError !== undefined) view.error = entry.lastError;
            if (entry.errorKind !== undefined) view.errorKind = entry.errorKind;
            if (!entry.stored) view.stored = false;
        }
        return view;
    }

    function emit(entry: Entry): void {
        const view = viewOf(entry);
        // A hash, not the view: a saved entry is kept for a day, and 8 characters cost less than ~100.
        const hash = fieldHash(view);
        if (hash === entry.lastView) return;
        entry.lastView = hash;
        try {
            options.onStatus?.(view);
        } catch (error) {
            warn(`A log status listener failed: ${errorText(error)}`);
        }
    }

    let lastPrune = Number.NEGATIVE_INFINITY;
    let storedChars = 0;
    const keyOf = (conversationId: string): string => `${storeKey}.${conversationId}`;

    /** Forgets saved entries past their retention (at most once a PRUNE_INTERVAL_MS, or when over the count). */
    function prune(): void {
        const now = options.clock();
        if (now - lastPrune < PRUNE_INTERVAL_MS && entries.size <= SAVED_RETENTION_COUNT + PRUNE_SLACK) return;
        lastPrune = now;
        const saved = [...entries.values()]
            .filter((entry) => statusOf(entry) === 'saved')
            .sort((a, b) => b.updatedAt - a.updatedAt);
        saved.forEach((entry, index) => {
            if (index >= SAVED_RETENTION_COUNT || now - entry.updatedAt > SAVED_RETENTION_MS) {
                entries.delete(entry.conversationId);
                unstore(entry);
            }
        });
    }

    function persistedOf(entry: Entry): PersistedEntry {
        const {
            conversationId,
            desired,
            fallback,
            saved,
            taskId,
            createInDoubt,
            createSentAt,
            attempts,
            lastError,
            errorKind
        } = entry;
        const out: PersistedEntry = {
            conversationId,
            desired,
            saved,
            createInDoubt,
            attempts,
            updatedAt: entry.updatedAt
        };
        if (fallback) out.fallback = fallback;
        if (taskId !== undefined) out.taskId = taskId;
        if (createInDoubt && createSentAt !== undefined) out.createSentAt = createSentAt;
        if (entry.linkRefused) out.linkRefused = true;
        if (lastError !== undefined) out.lastError = lastError;
        if (errorKind !== undefined) out.errorKind = errorKind;
        return out;
    }

    /** Removes the entry's key (it is then only in memory). */
    function unstore(entry: Entry): void {
        if (entry.storedChars === 0 && entry.storedHash === undefined) return;
        try {
            options.store.removeItem(keyOf(entry.conversationId));
        } catch {
            // a store that cannot remove cannot have kept much either
        }
        storedChars -= entry.storedChars;
        entry.storedChars = 0;
        entry.storedHash = undefined;
    }

    /** Saved entries give up their keys, oldest first, until `needed` more characters fit (all: Infinity). */
    function freeSaved(needed: number, except: Entry): void {
        const saved = [...entries.values()]
            .filter((entry) => entry !== except && entry.storedChars > 0 && statusOf(entry) === 'saved')
            .sort((a, b) => a.updatedAt - b.updatedAt);
        for (const entry of saved) {
            if (storedChars + needed <= ceiling) return;
            unstore(entry);
        }
    }

    /** Writes one entry's key; false when storage refused it (the entry is then only in memory). */
    function store(entry: Entry, allowFreeing: boolean): boolean {
        const json = JSON.stringify(persistedOf(entry));
        const hash = fieldHash(json);
        if (entry.storedHash === hash) return true;
        const key = keyOf(entry.conversationId);
        const chars = key.length + json.length;
        const pending = statusOf(entry) !== 'saved';
        const growth = chars - entry.storedChars;
        if (storedChars + growth > ceiling && allowFreeing && pending) freeSaved(growth, entry);
        if (storedChars + growth > ceiling) {
            lastStoreError = 'over the ceiling';
            unstore(entry);
            return false;
        }
        const attempt = (): boolean => {
            try {
                options.store.setItem(key, json);
                return true;
            } catch (error) {
                lastStoreError = errorText(error);
                return false;
            }
        };
        let written = attempt();
        if (!written && pending && allowFreeing) {
            warn(`Call logs could not be stored for after a reload (${lastStoreError}); saved ones are dropped first.`);
            freeSaved(Number.POSITIVE_INFINITY, entry);
            written = attempt();
            if (!written && options.onStorageFull?.()) written = attempt();
        }
        if (!written) {
            // What storage still holds for it is older than what memory knows: not worth a reload.
            unstore(entry);
            return false;
        }
        storedChars += growth;
        entry.storedChars = chars;
        entry.storedHash = hash;
        return true;
    }

    let lastStoreError = '';

    /** Stores the entry that changed (only its own key), then any pending entry storage refused before. */
    function persist(entry: Entry): void {
        prune();
        if (!entries.has(entry.conversationId)) return;
        const changedStored = new Set<Entry>();
        const record = (target: Entry, stored: boolean): void => {
            const pending = statusOf(target) !== 'saved';
            const now = pending ? stored : true;
            if (target.stored !== now) changedStored.add(target);
            target.stored = now;
            if (now) unstoredPending.delete(target);
            else unstoredPending.add(target);
        };
        const stored = store(entry, true);
        record(entry, stored);
        if (stored) {
            // Room again (a write went through): what was refused before gets another try.
            for (const waiting of [...unstoredPending]) {
                if (waiting === entry || !entries.has(waiting.conversationId)) {
                    if (!entries.has(waiting.conversationId)) unstoredPending.delete(waiting);
                    continue;
                }
                record(waiting, store(waiting, false));
            }
        }
        const nowAll = unstoredPending.size === 0;
        if (nowAll !== allStored) {
            allStored = nowAll;
            if (!nowAll)
                warn(
                    `Browser storage is full (${lastStoreError || 'over the ceiling'}): call logs not saved yet are kept in memory; do not reload this page.`
                );
        }
        for (const target of changedStored) emit(target);
    }

    function delayFor(attempts: number): number {
        return Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
    }

    function schedule(entry: Entry, at?: number): void {
        if (disposed) return;
        const delay =
            at !== undefined
                ? Math.max(0, at - options.clock())
                : entry.errorKind !== undefined
                  ? policy.maxDelayMs
                  : delayFor(entry.attempts);
        entry.nextAttemptAt = options.clock() + delay;
        entry.timer = options.scheduler.setTimeout(() => {
            entry.timer = undefined;
            void flush(entry);
        }, delay);
    }

    function cancelTimer(entry: Entry): void {
        if (entry.timer !== undefined) options.scheduler.clearTimeout(entry.timer);
        entry.timer = undefined;
        entry.nextAttemptAt = undefined;
    }

    /** Drops saved values from memory: once written, only their hashes are needed. */
    function forgetSaved(entry: Entry): void {
        if (entry.taskId === undefined) return;
        const unsaved = unsavedUpdates(entry.saved, entry.desired) ?? {};
        entry.desired = unsaved;
        entry.fallback = undefined;
    }

    async function write(entry: Entry): Promise<void> {
        const lookupFirst = entry.taskId === undefined && (entry.createInDoubt || entry.fallback !== undefined);
        if (lookupFirst && options.writer.findLog) {
            // Rejects when it cannot tell: the entry stays in doubt and pending.
            const found = await options.writer.findLog(entry.conversationId);
            if (typeof found === 'string' && found !== '') {
                entry.taskId = found;
                entry.saved = {}; // its content is unknown: the update writes every desired field
            } else if (entry.createInDoubt && entry.createSentAt !== undefined) {
                const settledAt = entry.createSentAt + CREATE_SETTLE_MS;
                if (options.clock() < settledAt) throw new CreateSettling(settledAt);
            }
            entry.createInDoubt = false;
            entry.createSentAt = undefined;
        }
        if (entry.taskId === undefined) {
            const sent: Partial<CallLog> = entry.fallback
                ? { ...entry.fallback, ...entry.desired }
                : { ...entry.desired };
            if (!isCompleteLog(sent)) throw new Error('The call log is incomplete and cannot be created.');
            entry.createInDoubt = true;
            entry.createSentAt = options.clock();
            persist(entry);
            // Any outcome but a Task Id or a refusal leaves the create in doubt (a lost or late answer may hide a Task).
            let refusedLink = false;
            const taskId = await options.writer.saveLog(sent).catch((error: unknown) => {
                if (isRefusal(error)) entry.createInDoubt = false;
                if (!entry.createInDoubt || !isUnanswered(error)) entry.createSentAt = undefined;
                refusedLink = dropRefusedLink(entry, sent, error);
                if (!refusedLink) throw error;
                return undefined;
            });
            if (refusedLink) return write(entry);
            if (typeof taskId !== 'string' || taskId === '') throw new Error('saveLog returned no Task Id.');
            entry.taskId = taskId;
            entry.createInDoubt = false;
            entry.createSentAt = undefined;
            entry.saved = hashesOf(sent);
            forgetSaved(entry);
            return;
        }
        const changes = unsavedUpdates(entry.saved, entry.desired);
        if (!changes) return;
        const taskId = entry.taskId;
        const refusedLink = await options.writer.updateLog(taskId, changes).then(
            () => false,
            (error: unknown) => {
                if (dropRefusedLink(entry, changes, error)) return true;
                throw error;
            }
        );
        if (refusedLink) return write(entry);
        entry.saved = { ...entry.saved, ...hashesOf(changes) };
        forgetSaved(entry);
    }

    /**
     * A Name / Related To the org refuses (a record of an object without activities, a Lead with a
     * Related To, a record deleted or merged away during the call) would fail this log on every
     * retry, all shift: the log is written without them
     * instead, and that is said once. True when `sent` had a link and the error names one.
     */
    function dropRefusedLink(entry: Entry, sent: Partial<CallLog>, error: unknown): boolean {
        if (errorKindOf(error) !== 'validation' || (sent.WhoId === undefined && sent.WhatId === undefined))
            return false;
        if (!LINK_REFUSED.test(errorText(error)) && !LINK_GONE.test(errorText(error))) return false;
        entry.linkRefused = true;
        stripLinks(entry);
        warn(
            `${entry.conversationId}: Salesforce refused the call log's Name / Related To (${errorText(error)}); it is saved without them.`
        );
        return true;
    }

    function flush(entry: Entry): Promise<void> {
        if (disposed) return Promise.resolve();
        if (entry.inFlight) return entry.inFlight;
        cancelTimer(entry);
        const run = (async () => {
            let succeeded = false;
            try {
                await write(entry);
                entry.attempts = 0;
                entry.lastError = undefined;
                entry.errorKind = undefined;
                succeeded = true;
            } catch (error) {
                if (error instanceof CreateSettling) {
                    // Not a failure: waiting for a save that may still commit (no attempt counted).
                    entry.lastError = error.message;
                    schedule(entry, error.retryAt);
                } else {
                    entry.attempts += 1;
                    entry.lastError = errorText(error);
                    entry.errorKind = errorKindOf(error);
                    schedule(entry);
                }
            }
            entry.inFlight = undefined;
            persist(entry);
            emit(entry);
            // What changed while the write was in flight goes to the same Task now.
            if (succeeded && unsavedUpdates(entry.saved, entry.desired)) await flush(entry);
        })();
        entry.inFlight = run;
        emit(entry);
        return run;
    }

    function needsWrite(entry: Entry): boolean {
        return entry.taskId === undefined || unsavedUpdates(entry.saved, entry.desired) !== undefined;
    }

    /** Entries of the earlier one-key format (`{ version: 1 | 2, entries }`), or null when there is none. */
    function readLegacy(): PersistedEntry[] | null {
        let raw: string | null;
        try {
            raw = options.store.getItem(legacyKey);
        } catch (error) {
            warn(`Stored call logs could not be read (${errorText(error)}).`);
            return null;
        }
        if (raw === null) return null;
        try {
            const parsed = JSON.parse(raw) as { version?: unknown; entries?: unknown };
            if ((parsed.version !== 1 && parsed.version !== 2) || !Array.isArray(parsed.entries))
                throw new Error('unexpected shape');
            const version = parsed.version;
            return parsed.entries.flatMap((item) => readEntry(item, version) ?? []);
        } catch (error) {
            warn(`Stored call logs were unreadable and are ignored (${errorText(error)}).`);
            return [];
        }
    }

    /** The entries stored one per key, as they were written (so an unchanged entry is not written again). */
    function readEntries(): Entry[] {
        const prefix = `${storeKey}.`;
        let keys: string[];
        try {
            keys = (options.store.keys?.() ?? []).filter((key) => key.startsWith(prefix));
        } catch (error) {
            warn(`Stored call logs could not be listed (${errorText(error)}).`);
            return [];
        }
        const found: Entry[] = [];
        let unreadable = 0;
        for (const key of keys) {
            let raw: string | null = null;
            let entry: PersistedEntry | null = null;
            try {
                raw = options.store.getItem(key);
                entry = raw === null ? null : readEntry(JSON.parse(raw) as unknown, 2);
            } catch {
                entry = null;
            }
            if (raw === null) continue;
            if (!entry || key !== `${prefix}${entry.conversationId}`) {
                unreadable += 1;
                try {
                    options.store.removeItem(key);
                } catch {
                    // left as it is: it is ignored again next time
                }
                continue;
            }
            found.push({ ...entry, stored: true, storedChars: key.length + raw.length, storedHash: fieldHash(raw) });
        }
        if (unreadable > 0) warn(`${unreadable} stored call logs were unreadable and are ignored.`);
        return found;
    }

    function entryFor(conversationId: string, now: number): Entry {
        const existing = entries.get(conversationId);
        if (existing) return existing;
        const entry: Entry = {
            conversationId,
            desired: {},
            saved: {},
            createInDoubt: false,
            attempts: 0,
            updatedAt: now,
            stored: true,
            storedChars: 0
        };
        entries.set(conversationId, entry);
        return entry;
    }

    function changed(entry: Entry): void {
        entry.updatedAt = options.clock();
        persist(entry);
        emit(entry);
        if (!entry.inFlight && needsWrite(entry)) void flush(entry);
    }

    return {
        upsert(conversationId, log) {
            const entry = entryFor(conversationId, options.clock());
            // An absent field never erases one already known.
            entry.desired = { ...entry.desired, ...changedFields({}, log) };
            entry.fallback = undefined;
            if (entry.linkRefused) stripLinks(entry);
            changed(entry);
        },
        upsertPatch(conversationId, patch, fallback) {
            const existing = entries.has(conversationId);
            const entry = entryFor(conversationId, options.clock());
            entry.desired = { ...entry.desired, ...changedFields({}, patch) };
            if (!existing) entry.fallback = fallback;
            if (entry.linkRefused) stripLinks(entry);
            changed(entry);
        },
        has(conversationId) {
            return entries.has(conversationId);
        },
        status(conversationId) {
            const entry = entries.get(conversationId);
            return entry ? statusOf(entry) : undefined;
        },
        restore() {
            for (const stored of readEntries()) {
                if (entries.has(stored.conversationId)) continue;
                entries.set(stored.conversationId, stored);
                storedChars += stored.storedChars;
            }
            const legacy = readLegacy();
            if (legacy) {
                // The earlier format, once: each entry gets its own key, then the old key goes.
                let migrated = true;
                for (const old of legacy) {
                    if (entries.has(old.conversationId)) continue;
                    const entry: Entry = { ...old, stored: true, storedChars: 0 };
                    entries.set(old.conversationId, entry);
                    persist(entry);
                    // A pending entry storage refused keeps the old key until it can be moved.
                    if (entries.has(entry.conversationId) && !entry.stored) migrated = false;
                }
                if (migrated) {
                    try {
                        options.store.removeItem(legacyKey);
                    } catch {
                        // read again next time; entries already stored win
                    }
                }
            }
            for (const entry of entries.values()) {
                emit(entry);
                if (!entry.inFlight && needsWrite(entry)) void flush(entry);
            }
        },
        retryNow(conversationId) {
            for (const entry of entries.values()) {
                if (conversationId !== undefined && entry.conversationId !== conversationId) continue;
                if (!entry.inFlight && needsWrite(entry)) void flush(entry);
            }
        },
        statuses() {
            return [...entries.values()].sort((a, b) => b.updatedAt - a.updatedAt).map(viewOf);
        },
        stored() {
            return allStored;
        },
        async whenIdle() {
            const inFlight = (): Promise<void>[] =>
                [...entries.values()].flatMap((entry) => (entry.inFlight ? [entry.inFlight] : []));
            for (let busy = inFlight(); busy.length > 0; busy = inFlight()) await Promise.all(busy);
        },
        dispose() {
            disposed = true;
            for (const entry of entries.values()) cancelTimer(entry);
        }
    };
}
