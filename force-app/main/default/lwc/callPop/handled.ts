/**
 * Pops already acted on in this browser tab (sessionStorage), so a pop the agent comes back to
 * (Back, a reload) shows its result without opening records again. Pure apart from the injected store.
 */
export interface SessionStore {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
}

export const HANDLED_KEY = 'streemCallPop.handled.v1';
/** Pops remembered at most (oldest forgotten first). */
export const MAX_HANDLED = 50;

function read(store: SessionStore | undefined): string[] {
    try {
        const parsed: unknown = JSON.parse(store?.getItem(HANDLED_KEY) ?? '[]');
        return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string') : [];
    } catch {
        return [];
    }
}

/** Whether this pop was acted on before. */
export function wasHandled(store: SessionStore | undefined, key: string): boolean {
    return read(store).includes(key);
}

/** Remembers a pop as acted on; a full or missing store only loses the memory. */
export function markHandled(store: SessionStore | undefined, key: string): void {
    const keys = read(store).filter((existing) => existing !== key);
    keys.push(key.slice(0, 600));
    try {
        store?.setItem(HANDLED_KEY, JSON.stringify(keys.slice(-MAX_HANDLED)));
    } catch {
        // Storage full or refused: the pop may open its record again after a reload, nothing is lost.
    }
}
