/**
 * "Never lose a call log": a queue of Task writes keyed by conversationId that keeps
 * exactly one Task per conversation whatever the retries.
 *
 * - The first write creates the Task (`saveLog`), later ones update it (`updateLog`) with
 *   only the fields that changed.
 * - A change that arrives while a write is in flight is merged and written to the same
 *   Task when that write finishes (never a second create).
 * - A failed write is retried with exponential back-off (injected scheduler and clock);
 *   after `failedAfterAttempts` failures the status turns "failed" (the UI shows a
 *   banner with a retry button) but retries go on at the longest interval.
 * - Every change is persisted to an injected `KeyValueStore` (localStorage in the adapter
 *   page): after a reload, `restore()` brings back pending writes and flushes them, and
 *   remembers Task Ids so later notes still update the same Task.
 *
 * Limits, stated so the adapter can cover them: `saveLog` must reject only when no Task
 * was created. If the page unloads while a create is in flight, its outcome is unknown;
 * on restore the queue asks `findLog(CallObject)` when the writer offers it and otherwise
 * creates again (one duplicate is possible then). Two browser tabs sharing one store
 * would both flush the same entries; the adapter should let one tab own the queue.
 */
import type { LogStatus, LogView } from 'c/softphoneProtocol';
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
    /** Creates the Task; resolves its Id. Must reject only when no Task was created. */
    saveLog(log: CallLog): Promise<string>;
    /** Updates the Task with the changed fields. */
    updateLog(taskId: string, patch: Partial<CallLog>): Promise<void>;
    /** Optional: finds the Task Id for a CallObject, to settle a create whose outcome is unknown. */
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

/** How long saved entries are kept (so late notes update the same Task), and how many at most. */
export const SAVED_RETENTION_MS = 24 * 60 * 60 * 1000;
export const SAVED_RETENTION_COUNT = 200;

export interface LogQueueOptions {
    writer: LogWriter;
    store: KeyValueStore;
    scheduler: Scheduler;
    clock: () => number;
    policy?: Partial<RetryPolicy>;
    storeKey?: string;
    /** Called whenever an entry's status view changes. */
    onStatus?: (view: LogView) => void;
    /** Called for problems nobody can act on in the moment (e.g. storage full). */
    onWarning?: (message: string) => void;
}

export interface LogQueue {
    /** Records the Task a conversation should have and writes it (create or update). */
    upsert(conversationId: string, log: CallLog): void;
    /** True when the conversation already has an entry (saved or pending). */
    has(conversationId: string): boolean;
    /** Loads persisted entries (after a reload) and flushes the unsaved ones. */
    restore(): void;
    /** Retries now instead of waiting for the back-off (one conversation or all). */
    retryNow(conversationId?: string): void;
    /** The status of every entry, newest first. */
    statuses(): LogView[];
    /** Resolves when no write is in flight (for tests and orderly shutdown). */
    whenIdle(): Promise<void>;
    /** Stops timers; pending entries stay persisted. */
    dispose(): void;
}

interface Entry {
    conversationId: string;
    desired: CallLog;
    saved?: Partial<CallLog>;
    taskId?: string;
    /** A create was sent and its answer not seen (persisted: survives a reload). */
    createInDoubt: boolean;
    attempts: number;
    lastError?: string;
    updatedAt: number;
    nextAttemptAt?: number;
    inFlight?: Promise<void>;
    timer?: unknown;
    lastView?: string;
}

type PersistedEntry = Pick<
    Entry,
    'conversationId' | 'desired' | 'saved' | 'taskId' | 'createInDoubt' | 'attempts' | 'lastError' | 'updatedAt'
>;

/** Fields of `desired` whose value differs from `saved` (undefined when none). */
export function changedFields(saved: Partial<CallLog>, desired: CallLog): Partial<CallLog> | undefined {
    const changes: Partial<Record<keyof CallLog, unknown>> = {};
    for (const key of Object.keys(desired) as (keyof CallLog)[]) {
        const value = desired[key];
        if (value !== undefined && JSON.stringify(value) !== JSON.stringify(saved[key])) changes[key] = value;
    }
    return Object.keys(changes).length > 0 ? (changes as Partial<CallLog>) : undefined;
}

/** Loose check of one stored entry (storage is shared and may hold anything). */
function isPersistedEntry(value: unknown): value is PersistedEntry {
    if (typeof value !== 'object' || value === null) return false;
    const entry = value as Partial<PersistedEntry>;
    return typeof entry.conversationId === 'string' && typeof entry.desired?.CallObject === 'string';
}

function errorText(error: unknown): string {
    const text = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
    return (text || 'Unknown error').slice(0, 1_000);
}

/** Creates the queue. Call `restore()` once at start-up. */
export function createLogQueue(options: LogQueueOptions): LogQueue {
    const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
    const storeKey = options.storeKey ?? LOG_STORE_KEY;
    const entries = new Map<string, Entry>();
    let disposed = false;

    const warn = (message: string): void => options.onWarning?.(message);

    function statusOf(entry: Entry): LogStatus {
        const settled = entry.taskId !== undefined && !entry.inFlight && !entry.createInDoubt;
        if (settled && !changedFields(entry.saved ?? {}, entry.desired)) return 'saved';
        return entry.attempts >= policy.failedAfterAttempts ? 'failed' : 'pending';
    }

    function viewOf(entry: Entry): LogView {
        const view: LogView = {
            conversationId: entry.conversationId,
            status: statusOf(entry),
            attempts: entry.attempts
        };
        if (entry.taskId !== undefined) view.taskId = entry.taskId;
        if (entry.nextAttemptAt !== undefined && view.status !== 'saved') view.nextAttemptAt = entry.nextAttemptAt;
        if (entry.lastError !== undefined && view.status !== 'saved') view.error = entry.lastError;
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

    function persist(): void {
        prune();
        const persisted: PersistedEntry[] = [...entries.values()].map((entry) => {
            const { conversationId, desired, saved, taskId, createInDoubt, attempts, lastError, updatedAt } = entry;
            return { conversationId, desired, saved, taskId, createInDoubt, attempts, lastError, updatedAt };
        });
        try {
            if (persisted.length === 0) options.store.removeItem(storeKey);
            else options.store.setItem(storeKey, JSON.stringify({ version: 1, entries: persisted }));
        } catch (error) {
            warn(`Call logs could not be stored for after a reload (${errorText(error)}); they are kept in memory.`);
        }
    }

    function delayFor(attempts: number): number {
        return Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
    }

    function schedule(entry: Entry): void {
        if (disposed) return;
        const delay = delayFor(entry.attempts);
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

    async function write(entry: Entry): Promise<void> {
        if (entry.taskId === undefined && entry.createInDoubt && options.writer.findLog) {
            const found = await options.writer.findLog(entry.conversationId);
            if (typeof found === 'string' && found !== '') {
                entry.taskId = found;
                entry.saved = {}; // its content is unknown: the next update writes every field
            }
            entry.createInDoubt = false;
        }
        if (entry.taskId === undefined) {
            const sent: CallLog = { ...entry.desired };
            entry.createInDoubt = true;
            persist();
            try {
                const taskId = await options.writer.saveLog(sent);
                if (typeof taskId !== 'string' || taskId === '') throw new Error('saveLog returned no Task Id.');
                entry.taskId = taskId;
                entry.saved = sent;
            } finally {
                entry.createInDoubt = false;
            }
            return;
        }
        const changes = changedFields(entry.saved ?? {}, entry.desired);
        if (!changes) return;
        await options.writer.updateLog(entry.taskId, changes);
        entry.saved = { ...entry.saved, ...changes };
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
                succeeded = true;
            } catch (error) {
                entry.attempts += 1;
                entry.lastError = errorText(error);
                schedule(entry);
            }
            entry.inFlight = undefined;
            persist();
            emit(entry);
            // What changed while the write was in flight goes to the same Task now.
            if (succeeded && changedFields(entry.saved ?? {}, entry.desired)) await flush(entry);
        })();
        entry.inFlight = run;
        emit(entry);
        return run;
    }

    function needsWrite(entry: Entry): boolean {
        return entry.taskId === undefined || changedFields(entry.saved ?? {}, entry.desired) !== undefined;
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
            if (parsed.version !== 1 || !Array.isArray(parsed.entries)) throw new Error('unexpected shape');
            return parsed.entries.filter(isPersistedEntry);
        } catch (error) {
            warn(`Stored call logs were unreadable and are ignored (${errorText(error)}).`);
            return [];
        }
    }

    return {
        upsert(conversationId, log) {
            const now = options.clock();
            const existing = entries.get(conversationId);
            const entry: Entry = existing ?? {
                conversationId,
                desired: log,
                createInDoubt: false,
                attempts: 0,
                updatedAt: now
            };
            if (existing) {
                // An absent field never erases one already known.
                entry.desired = { ...existing.desired, ...changedFields({}, log) };
            }
            entry.updatedAt = now;
            entries.set(conversationId, entry);
            persist();
            emit(entry);
            if (!entry.inFlight && needsWrite(entry)) void flush(entry);
        },
        has(conversationId) {
            return entries.has(conversationId);
        },
        restore() {
            for (const stored of readPersisted()) {
                if (entries.has(stored.conversationId)) continue;
                entries.set(stored.conversationId, {
                    ...stored,
                    createInDoubt: stored.createInDoubt === true,
                    attempts: typeof stored.attempts === 'number' ? stored.attempts : 0
                });
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
