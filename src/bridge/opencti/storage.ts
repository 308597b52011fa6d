/**
 * Browser storage for the bridge core's `KeyValueStore`, so pending call logs survive a page reload,
 * and so that two adapter instances (two browser tabs, each with its own softphone utility) never
 * flush the same log twice.
 *
 * How: every tab keeps its state under its own keys in localStorage (`<core key>@<tabId>`). The tab
 * id lives in sessionStorage, which survives a reload of the tab, so a reloaded adapter finds and
 * flushes its own pending logs. A tab holds the Web Lock `streemSoftphone.tab.<tabId>` for its life
 * (navigator.locks; a duplicated tab copies sessionStorage, finds the lock taken and picks a new id).
 * At start-up, under the exclusive lock `streemSoftphone.adopt`, a tab adopts the state of tabs that
 * are gone (no lock held): their pending logs move into its own keys (a key holding one item is
 * moved, a key holding a list is merged by conversationId), so a log left by a closed tab is
 * flushed by exactly one other tab. Without Web Locks (old browsers) a timestamp each tab renews
 * tells live tabs from gone ones; two tabs starting in the same instant could then both adopt.
 *
 * Every storage access is guarded: with storage blocked (privacy settings) the store keeps state in
 * memory for the life of the page and says so once.
 */
import { AMEYO_STORE_KEY } from '../ameyo/shared';
import { CALL_STORE_KEY, LEGACY_CALL_STORE_KEY, LEGACY_LOG_STORE_KEY, LOG_STORE_KEY } from '../core/index';
import type { KeyValueStore } from '../core/index';
import type { Timers } from './openCtiCrm';

export const TAB_ID_KEY = 'streemSoftphone.tabId';
export const TAB_LOCK_PREFIX = 'streemSoftphone.tab.';
export const ADOPT_LOCK = 'streemSoftphone.adopt';
/** Fallback liveness stamps (no Web Locks): `streemSoftphone.alive.<tabId>` = epoch ms. */
export const ALIVE_PREFIX = 'streemSoftphone.alive.';
export const ALIVE_INTERVAL_MS = 10_000;
export const ALIVE_STALE_MS = 45_000;
/** Tries to take this tab's lock before deciding another page owns the id. */
const RELOAD_LOCK_ATTEMPTS = 5;
const RELOAD_LOCK_DELAY_MS = 100;

/** The per-tab keys that hold a list of items (merged on takeover), and the list field of each. */
const LIST_KEYS: ReadonlyArray<{ key: string; list: string }> = [
    { key: CALL_STORE_KEY, list: 'calls' },
    // The Ameyo toolbar's timelines and pending pops (src/bridge/ameyo/mapping.ts).
    { key: AMEYO_STORE_KEY, list: 'calls' },
    // The previous version's one-key stores: merged like lists, then rewritten by the core at start.
    { key: LEGACY_LOG_STORE_KEY, list: 'entries' },
    { key: LEGACY_CALL_STORE_KEY, list: 'calls' }
];
/** Prefixes of the core keys that each hold one item (a log entry, a finished call): moved on takeover. */
const ITEM_KEY_PREFIXES: readonly string[] = [`${LOG_STORE_KEY}.`, `${CALL_STORE_KEY}.`];

/** The core key and tab id of a stored key `<core key>@<tabId>`, when it is one of the per-tab keys. */
function parseTabKey(stored: string): { base: string; tabId: string; item: boolean } | null {
    const at = stored.lastIndexOf('@');
    if (at <= 0) return null;
    const base = stored.slice(0, at);
    const tabId = stored.slice(at + 1);
    if (LIST_KEYS.some((entry) => entry.key === base)) return { base, tabId, item: false };
    if (ITEM_KEY_PREFIXES.some((prefix) => base.startsWith(prefix))) return { base, tabId, item: true };
    return null;
}

/** The part of the Web Locks API used here (navigator.locks). */
export interface LockManagerLike {
    request(
        name: string,
        options: { ifAvailable?: boolean; mode?: 'exclusive' | 'shared' },
        callback: (lock: unknown) => unknown
    ): Promise<unknown>;
    query(): Promise<{ held?: ReadonlyArray<{ name?: string }> }>;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** Storage access that never throws: null / false when the browser refuses. */
function safe<T>(action: () => T, fallback: T): T {
    try {
        return action();
    } catch {
        return fallback;
    }
}

/** True when the storage can be written and read back (it may exist but throw, e.g. blocked cookies). */
export function isUsable(storage: StorageLike | undefined): storage is StorageLike {
    if (!storage) return false;
    return safe(() => {
        const probe = 'streemSoftphone.probe';
        storage.setItem(probe, '1');
        const ok = storage.getItem(probe) === '1';
        storage.removeItem(probe);
        return ok;
    }, false);
}

/**
 * A `KeyValueStore` over localStorage with each key suffixed `@<namespace>`; in memory when
 * `storage` is unusable. Errors from a full storage are thrown on to the core, which keeps the
 * data in memory and warns.
 */
export function createNamespacedStore(storage: StorageLike | undefined, namespace: string): KeyValueStore {
    const memory = new Map<string, string>();
    const name = (key: string): string => `${key}@${namespace}`;
    const suffix = `@${namespace}`;
    const own = (keys: Iterable<string>): string[] =>
        [...keys].filter((key) => key.endsWith(suffix)).map((key) => key.slice(0, -suffix.length));
    if (!isUsable(storage)) {
        return {
            getItem: (key) => memory.get(name(key)) ?? null,
            setItem: (key, value) => void memory.set(name(key), value),
            removeItem: (key) => void memory.delete(name(key)),
            keys: () => own(memory.keys())
        };
    }
    return {
        getItem: (key) => safe(() => storage.getItem(name(key)), null),
        setItem: (key, value) => storage.setItem(name(key), value),
        removeItem: (key) => safe(() => storage.removeItem(name(key)), undefined),
        // Read once per start-up (the core finds its one-item keys): a walk over localStorage's keys.
        keys: () => own(storageKeys(storage))
    };
}

/** Adds the items of `other` whose conversationId `own` lacks; null when `other` holds nothing usable. */
export function mergeStoredState(own: string | null, other: string | null, list: string): string | null {
    // The core's stores are versioned 1 or 2 (the log queue's v2 keeps hashes of saved fields; it reads v1 too).
    const read = (raw: string | null): { version: number; [list: string]: unknown } | null => {
        if (raw === null) return null;
        const parsed = safe(() => JSON.parse(raw) as unknown, null);
        if (!parsed || typeof parsed !== 'object') return null;
        const value = parsed as { version?: unknown; [key: string]: unknown };
        return (value.version === 1 || value.version === 2) && Array.isArray(value[list])
            ? (value as { version: number })
            : null;
    };
    const theirs = read(other);
    if (!theirs) return null;
    const mine = read(own) ?? { version: theirs.version, [list]: [] };
    const items = mine[list] as { conversationId?: unknown }[];
    const known = new Set(items.map((item) => item?.conversationId));
    let added = 0;
    for (const item of theirs[list] as { conversationId?: unknown }[]) {
        if (typeof item?.conversationId !== 'string' || known.has(item.conversationId)) continue;
        items.push(item);
        known.add(item.conversationId);
        added += 1;
    }
    return added > 0 ? JSON.stringify(mine) : null;
}

export interface TabStorageEnvironment {
    local: StorageLike | undefined;
    session: Pick<Storage, 'getItem' | 'setItem'> | undefined;
    locks: LockManagerLike | undefined;
    clock: () => number;
    timers: Timers;
    /** A fresh random id. */
    newId: () => string;
    onWarning?: (message: string) => void;
}

export interface TabStorage {
    tabId: string;
    /** The store to give the bridge core. */
    store: KeyValueStore;
    /** False when state lives in memory only (storage blocked): pending logs would not survive a reload. */
    persistent: boolean;
    /** Tabs whose leftover state was adopted. */
    adoptedFrom: string[];
    /** Whether a Web Lock proves this tab's ownership (false: the timestamp fallback). */
    locked: boolean;
    /** Gives up the tab's lock and liveness stamp (page hide). */
    release(): void;
}

/** Holds a lock until the returned function is called; null when it is taken (ifAvailable) or locks fail. */
function holdLock(locks: LockManagerLike, name: string): Promise<(() => void) | null> {
    return new Promise((resolve) => {
        let release: () => void = () => undefined;
        const held = new Promise<void>((done) => (release = done));
        locks
            .request(name, { ifAvailable: true, mode: 'exclusive' }, (lock) => {
                if (!lock) {
                    resolve(null);
                    return undefined;
                }
                resolve(release);
                return held;
            })
            .catch(() => resolve(null));
    });
}

function storageKeys(storage: StorageLike): string[] {
    return safe(() => {
        const keys: string[] = [];
        for (let i = 0; i < storage.length; i++) {
            const key = storage.key(i);
            if (key !== null) keys.push(key);
        }
        return keys;
    }, []);
}

/** The tab ids that have state in storage (other than `own`), with their keys. */
function namespacesIn(storage: StorageLike, own: string): Map<string, { base: string; item: boolean }[]> {
    const tabs = new Map<string, { base: string; item: boolean }[]>();
    for (const key of storageKeys(storage)) {
        const parsed = parseTabKey(key);
        if (!parsed || parsed.tabId === own) continue;
        const keys = tabs.get(parsed.tabId) ?? [];
        keys.push({ base: parsed.base, item: parsed.item });
        tabs.set(parsed.tabId, keys);
    }
    return tabs;
}

/**
 * Opens this tab's storage: picks the tab id, claims it, adopts the state of gone tabs. Call it
 * before the bridge starts (the core reads the store once, in `start()`).
 */
export async function openTabStorage(env: TabStorageEnvironment): Promise<TabStorage> {
    const warn = (message: string): void => env.onWarning?.(message);
    const local = isUsable(env.local) ? env.local : undefined;
    let tabId = safe(() => env.session?.getItem(TAB_ID_KEY) ?? null, null) ?? env.newId();
    let releaseLock: (() => void) | null = null;
    let aliveTimer: unknown;

    if (env.locks) {
        const locks = env.locks;
        // After a reload the previous page of this tab may hold the lock for a moment longer.
        for (let attempt = 0; attempt < RELOAD_LOCK_ATTEMPTS && !releaseLock; attempt++) {
            if (attempt > 0) await new Promise<void>((done) => env.timers.setTimeout(done, RELOAD_LOCK_DELAY_MS));
            releaseLock = await holdLock(locks, `${TAB_LOCK_PREFIX}${tabId}`);
        }
        if (!releaseLock) {
            // Another live page has this id: a duplicated tab (sessionStorage is copied) or a second frame.
            tabId = env.newId();
            releaseLock = await holdLock(locks, `${TAB_LOCK_PREFIX}${tabId}`);
        }
    } else if (local) {
        const stamp = Number(safe(() => local.getItem(`${ALIVE_PREFIX}${tabId}`), null));
        if (stamp > 0 && env.clock() - stamp < ALIVE_STALE_MS) tabId = env.newId();
    }
    safe(() => env.session?.setItem(TAB_ID_KEY, tabId), undefined);

    const stampAlive = (): void => {
        if (!local) return;
        safe(() => local.setItem(`${ALIVE_PREFIX}${tabId}`, String(env.clock())), undefined);
        aliveTimer = env.timers.setTimeout(stampAlive, ALIVE_INTERVAL_MS);
    };
    if (!releaseLock) stampAlive();

    const adoptedFrom: string[] = [];
    if (local) {
        const adopt = async (): Promise<void> => {
            const candidates = namespacesIn(local, tabId);
            if (candidates.size === 0) return;
            let alive: (id: string) => boolean;
            if (env.locks && releaseLock) {
                const state = await env.locks.query().catch(() => ({ held: undefined }));
                if (!state.held) return; // cannot tell live tabs from gone ones: adopt nothing
                const held = new Set(state.held.map((lock) => lock.name));
                alive = (id) => held.has(`${TAB_LOCK_PREFIX}${id}`);
            } else {
                alive = (id) => {
                    const stamp = Number(safe(() => local.getItem(`${ALIVE_PREFIX}${id}`), null));
                    return stamp > 0 && env.clock() - stamp < ALIVE_STALE_MS;
                };
            }
            for (const [id, keys] of candidates) {
                if (alive(id)) continue;
                for (const { base, item } of keys) {
                    const theirs = safe(() => local.getItem(`${base}@${id}`), null);
                    const mine = safe(() => local.getItem(`${base}@${tabId}`), null);
                    // One item per key: moved unless this tab has its own; a list: merged by conversationId.
                    const list = LIST_KEYS.find((entry) => entry.key === base)?.list;
                    const moved = item ? (mine === null ? theirs : null) : mergeStoredState(mine, theirs, list ?? '');
                    if (moved !== null) {
                        try {
                            local.setItem(`${base}@${tabId}`, moved);
                        } catch (error) {
                            warn(`Could not take over call logs of a closed tab (${String(error)}); they stay stored.`);
                            continue;
                        }
                    }
                    safe(() => local.removeItem(`${base}@${id}`), undefined);
                }
                safe(() => local.removeItem(`${ALIVE_PREFIX}${id}`), undefined);
                adoptedFrom.push(id);
            }
        };
        if (env.locks && releaseLock) {
            await env.locks
                .request(ADOPT_LOCK, { mode: 'exclusive' }, () => adopt())
                .catch((error: unknown) => warn(`Taking over the call logs of closed tabs failed: ${String(error)}`));
        } else {
            await adopt().catch((error: unknown) =>
                warn(`Taking over the call logs of closed tabs failed: ${String(error)}`)
            );
        }
    } else {
        warn('Browser storage is not available: call logs not saved yet are kept only while this page stays open.');
    }

    return {
        tabId,
        store: createNamespacedStore(local, tabId),
        persistent: local !== undefined,
        adoptedFrom,
        locked: releaseLock !== null,
        release() {
            releaseLock?.();
            releaseLock = null;
            if (aliveTimer !== undefined) env.timers.clearTimeout(aliveTimer);
            aliveTimer = undefined;
            if (local) safe(() => local.removeItem(`${ALIVE_PREFIX}${tabId}`), undefined);
        }
    };
}
