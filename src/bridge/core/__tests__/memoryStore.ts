import type { KeyValueStore } from '../logQueue';

/** An in-memory KeyValueStore with localStorage's semantics, shared by the core's tests. */
export class MemoryStore implements KeyValueStore {
    readonly data = new Map<string, string>();
    getItem(key: string): string | null {
        return this.data.get(key) ?? null;
    }
    setItem(key: string, value: string): void {
        this.data.set(key, value);
    }
    removeItem(key: string): void {
        this.data.delete(key);
    }
    keys(): string[] {
        return [...this.data.keys()];
    }
    /** The values of every key that starts with `prefix` (a store's records, one per key). */
    valuesUnder(prefix: string): string[] {
        return [...this.data.entries()].filter(([key]) => key.startsWith(prefix)).map(([, value]) => value);
    }
}
