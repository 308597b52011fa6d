/**
 * Web storage that never throws into the component: storage can be missing, full, or blocked
 * (privacy settings, quota), and a draft must then live on in memory rather than crash the card.
 * Under Lightning Web Security each namespace gets its own partition of localStorage and
 * sessionStorage, so these keys cannot collide with other packages.
 */

/** The part of the Web Storage API this component uses. */
export interface KeyValueStorage {
    getItem(key: string): string | null;
    /** False when the value could only be kept in memory (storage full or blocked). */
    setItem(key: string, value: string): boolean | void;
    removeItem(key: string): void;
}

/** A storage that keeps values in memory only (the fallback, and handy in tests). */
export function memoryStorage(): KeyValueStorage {
    const values = new Map<string, string>();
    return {
        getItem: (key) => values.get(key) ?? null,
        setItem: (key, value) => {
            values.set(key, value);
            return true;
        },
        removeItem: (key) => {
            values.delete(key);
        }
    };
}

/**
 * Wraps a Web Storage area: reads and writes go to it while it works and to memory once it
 * fails, so what the agent typed is at least kept for the life of the page.
 */
export function safeStorage(getArea: () => Storage | undefined): KeyValueStorage {
    const memory = memoryStorage();
    let area: Storage | undefined;
    try {
        area = getArea();
    } catch {
        area = undefined;
    }
    return {
        getItem(key) {
            const fromMemory = memory.getItem(key);
            if (fromMemory !== null || !area) return fromMemory;
            try {
                return area.getItem(key);
            } catch {
                return null;
            }
        },
        setItem(key, value) {
            try {
                if (!area) throw new Error('no storage');
                area.setItem(key, value);
                memory.removeItem(key);
                return true;
            } catch {
                memory.setItem(key, value);
                return false;
            }
        },
        removeItem(key) {
            memory.removeItem(key);
            try {
                area?.removeItem(key);
            } catch {
                // Nothing stored there that we could reach; memory is already cleared.
            }
        }
    };
}

/** Reads JSON from storage; anything unreadable counts as absent. */
export function readJson(storage: KeyValueStorage, key: string): unknown {
    try {
        const raw = storage.getItem(key);
        return raw === null ? undefined : (JSON.parse(raw) as unknown);
    } catch {
        return undefined;
    }
}
