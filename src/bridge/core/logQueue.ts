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
 * Storage (an injected `KeyValueStore`, localStorage in the adapter page): pending entries
 * first, each field once (what was saved is kept as a short hash, never a second copy of the
 * notes); saved entries only as Task Id and hashes, newest first, while they fit under
 * `STORE_CEILING_CHARS`. When storage refuses even the pending entries they stay in memory,
 * flagged `stored: false` in their status (the agent is told not to reload), and are written
 * to the org as usual. After a reload `restore()` brings back pending writes and flushes them.
 *
 * Two browser tabs sharing one store would both flush the same entries; the adapter lets one
 * tab own the queue.
 */
import type { LogErrorKind, LogStatus, LogView } from 'c/softphoneProtocol';
import type { CallLog } from './callLog';

/** Synchronous string storage with the localStorage shape; may throw (quota, privacy mode). */
export interface KeyValueStore {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
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
     * have written it): the next attempt asks `findLog` first. An error with `kind` (see
     * `LogErrorKind`) is a lasting one, shown to the agent at once.
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

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxDelayMs: 300_000, failedAfterAttempts: 3 };

/** Storage key of the persisted queue. */
export const LOG_STORE_KEY = 'streemSoftphone.callLogs.v1';

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
    storeKey?: string;
    /** Characters the queue may use in its storage key (default STORE_CEILING_CHARS). */
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
/** What was last written to the Task, per field, as a short hash (never the value itself). */
type SavedHashes = Partial<Record<LogField, string>>;

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
    attempts: number;
    lastError?: string;
    errorKind?: LogErrorKind;
    updatedAt: number;
    nextAttemptAt?: number;
    inFlight?: Promise<void>;
    timer?: unknown;
    lastView?: string;
    /** False when the last persist could not store this (pending) entry. */
    stored: boolean;
}

type PersistedEntry = Pick<
    Entry,
    | 'conversationId'
    | 'desired'
    | 'fallback'
    | 'saved'
    | 'taskId'
    | 'createInDoubt'
    | 'attempts'
    | 'lastError'
    | 'errorKind'
    | 'updatedAt'
>;

const ERROR_KINDS: readonly LogErrorKind[] = ['validation', 'access', 'session'];

/** FNV-1a of a value's JSON: enough to tell whether a field changed, 8 characters to store. */
export function fieldHash(value: unknown): string {
    const text = JSON.stringify(value) ?? 'undefined';
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Fields of `desired` whose value differs from what `saved` records (undefined when none). */
export function changedFields(saved: SavedHashes, desired: Partial<CallLog>): Partial<CallLog> | undefined {
    const changes: Partial<Record<LogField, unknown>> = {};
    for (const key of Object.keys(desired) as LogField[]) {
        const value = desired[key];
        if (value !== undefined && fieldHash(value) !== saved[key]) changes[key] = value;
    }
    return Object.keys(changes).length > 0 ? (changes as Partial<CallLog>) : undefined;
}

/** The hashes of every field set in `fields`. */
export function hashesOf(fields: Partial<CallLog>): SavedHashes {
    const hashes: SavedHashes = {};
    for (const key of Object.keys(fields) as LogField[]) {
        if (fields[key] !== undefined) hashes[key] = fieldHash(fields[key]);
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
    const saved: SavedHashes =
        version === 1
            ? hashesOf(rawSaved)
            : Object.fromEntries(Object.entries(rawSaved).filter(([, hash]) => typeof hash === 'string'));
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
    if (typeof value.lastError === 'string') entry.lastError = value.lastError.slice(0, 1_000);
    if (ERROR_KINDS.includes(value.errorKind as LogErrorKind)) entry.errorKind = value.errorKind as LogErrorKind;
    return entry;
}

function errorText(error: unknown): string {
    const text = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
    return (text || 'Unknown error').slice(0, 1_000);
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
    const entries = new Map<string, Entry>();
    let disposed = false;
    let allStored = true;

    const warn = (message: string): void => options.onWarning?.(message);

    function isSettled(entry: Entry): boolean {
        return entry.taskId !== undefined && !entry.inFlight && !entry.createInDoubt;
    }

    function statusOf(entry: Entry): LogStatus {
        if (isSettled(entry) && !changedFields(entry.saved, entry.desired)) return 'saved';
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
        const json = JSON.stringify(view);
        if (json === entry.lastView) return;
        entry.lastView = json;
        try {
            options.onStatus?.(view);
        } catch (error) {
            warn(`A log status listener failed: ${errorText(error)}`);
        }
    }

    function prune(): void {
        const now = options.clock();
        const saved = [...entries.values()]
            .filter((entry) => statusOf(entry) === 'saved')
            .sort((a, b) => b.updatedAt - a.updatedAt);
        saved.forEach((entry, index) => {
            if (index >= SAVED_RETENTION_COUNT || now - entry.updatedAt > SAVED_RETENTION_MS)
                entries.delete(entry.conversationId);
        });
    }

    function persistedOf(entry: Entry): PersistedEntry {
        const { conversationId, desired, fallback, saved, taskId, createInDoubt, attempts, lastError, errorKind } =
            entry;
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
        if (lastError !== undefined) out.lastError = lastError;
        if (errorKind !== undefined) out.errorKind = errorKind;
        return out;
    }

    /** Writes pending entries first, then saved ones newest first, within the ceiling. */
    function persist(): void {
        prune();
        const all = [...entries.values()];
        const pending = all.filter((entry) => statusOf(entry) !== 'saved').sort((a, b) => a.updatedAt - b.updatedAt);
        const saved = all.filter((entry) => statusOf(entry) === 'saved').sort((a, b) => b.updatedAt - a.updatedAt);
        let lastError = '';
        const tryWrite = (chosen: Entry[]): boolean => {
            try {
                if (chosen.length === 0) options.store.removeItem(storeKey);
                else options.store.setItem(storeKey, JSON.stringify({ version: 2, entries: chosen.map(persistedOf) }));
                return true;
            } catch (error) {
                lastError = errorText(error);
                return false;
            }
        };
        // Pending entries that fit under the ceiling (oldest first: they have waited longest).
        const kept: Entry[] = [];
        let size = 32;
        for (const entry of pending) {
            const length = JSON.stringify(persistedOf(entry)).length + 1;
            if (size + length > ceiling) continue;
            kept.push(entry);
            size += length;
        }
        const keptPending = new Set(kept);
        for (const entry of saved) {
            const length = JSON.stringify(persistedOf(entry)).length + 1;
            if (size + length > ceiling) break;
            kept.push(entry);
            size += length;
        }
        let written = tryWrite(kept);
        if (!written) {
            warn(`Call logs could not be stored for after a reload (${lastError}); saved ones are dropped first.`);
            written = tryWrite([...keptPending]);
        }
        if (!written && options.onStorageFull?.()) written = tryWrite([...keptPending]);
        // Still refused: as many pending entries as storage takes, the oldest first.
        const fitting = [...keptPending];
        while (!written && fitting.length > 1) {
            fitting.pop();
            written = tryWrite(fitting);
        }
        if (!written) fitting.length = 0;
        const storedPending = new Set(fitting);
        const stored = (entry: Entry): boolean => storedPending.has(entry);
        let changed = false;
        for (const entry of pending) {
            const now = stored(entry);
            if (entry.stored !== now) changed = true;
            entry.stored = now;
        }
        for (const entry of saved) entry.stored = true;
        const nowAll = pending.every(stored);
        if (nowAll !== allStored) {
            allStored = nowAll;
            if (!nowAll)
                warn(
                    `Browser storage is full (${lastError || 'over the ceiling'}): call logs not saved yet are kept in memory; do not reload this page.`
                );
        }
        if (changed) for (const entry of pending) emit(entry);
    }

    function delayFor(attempts: number): number {
        return Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
    }

    function schedule(entry: Entry): void {
        if (disposed) return;
        const delay = entry.errorKind !== undefined ? policy.maxDelayMs : delayFor(entry.attempts);
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
        const unsaved = changedFields(entry.saved, entry.desired) ?? {};
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
            }
            entry.createInDoubt = false;
        }
        if (entry.taskId === undefined) {
            const sent: Partial<CallLog> = entry.fallback
                ? { ...entry.fallback, ...entry.desired }
                : { ...entry.desired };
            if (!isCompleteLog(sent)) throw new Error('The call log is incomplete and cannot be created.');
            entry.createInDoubt = true;
            persist();
            // Any outcome but a Task Id leaves the create in doubt (a lost or late answer may hide a Task).
            const taskId = await options.writer.saveLog(sent);
            if (typeof taskId !== 'string' || taskId === '') throw new Error('saveLog returned no Task Id.');
            entry.taskId = taskId;
            entry.createInDoubt = false;
            entry.saved = hashesOf(sent);
            forgetSaved(entry);
            return;
        }
        const changes = changedFields(entry.saved, entry.desired);
        if (!changes) return;
        await options.writer.updateLog(entry.taskId, changes);
        entry.saved = { ...entry.saved, ...hashesOf(changes) };
        forgetSaved(entry);
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
                entry.attempts += 1;
                entry.lastError = errorText(error);
                entry.errorKind = errorKindOf(error);
                schedule(entry);
            }
            entry.inFlight = undefined;
            persist();
            emit(entry);
            // What changed while the write was in flight goes to the same Task now.
            if (succeeded && changedFields(entry.saved, entry.desired)) await flush(entry);
        })();
        entry.inFlight = run;
        emit(entry);
        return run;
    }

    function needsWrite(entry: Entry): boolean {
        return entry.taskId === undefined || changedFields(entry.saved, entry.desired) !== undefined;
    }

    function readPersisted(): PersistedEntry[] {
        let raw: string | null;
        try {
            raw = options.store.getItem(storeKey);
        } catch (error) {
            warn(`Stored call logs could not be read (${errorText(error)}).`);
            return [];
        }
        if (raw === null) return [];
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
            stored: true
        };
        entries.set(conversationId, entry);
        return entry;
    }

    function changed(entry: Entry): void {
        entry.updatedAt = options.clock();
        persist();
        emit(entry);
        if (!entry.inFlight && needsWrite(entry)) void flush(entry);
    }

    return {
        upsert(conversationId, log) {
            const entry = entryFor(conversationId, options.clock());
            // An absent field never erases one already known.
            entry.desired = { ...entry.desired, ...changedFields({}, log) };
            entry.fallback = undefined;
            changed(entry);
        },
        upsertPatch(conversationId, patch, fallback) {
            const existing = entries.has(conversationId);
            const entry = entryFor(conversationId, options.clock());
            entry.desired = { ...entry.desired, ...changedFields({}, patch) };
            if (!existing) entry.fallback = fallback;
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
            for (const stored of readPersisted()) {
                if (entries.has(stored.conversationId)) continue;
                entries.set(stored.conversationId, { ...stored, stored: true });
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
