/**
 * Keeping the component's per-call bookkeeping bounded over a shift: what is keyed by a
 * conversation or a record lives only while a call held, a draft or a history row needs it.
 */

/** The entries of `record` whose keys are in `keep`: the same object when nothing is dropped. */
export function onlyKeys<V>(record: Record<string, V>, keep: ReadonlySet<string>): Record<string, V> {
    const keys = Object.keys(record);
    if (keys.every((key) => keep.has(key))) return record;
    const kept: Record<string, V> = {};
    for (const key of keys) if (keep.has(key)) kept[key] = record[key] as V;
    return kept;
}

/** Deletes the keys of `map` that `keep` lacks. */
export function pruneMap(map: Map<string, unknown>, keep: ReadonlySet<string>): void {
    for (const key of [...map.keys()]) if (!keep.has(key)) map.delete(key);
}

/** Adds `value` to `set`, dropping the oldest values beyond `max`. */
export function addCapped(set: Set<string>, value: string, max: number): void {
    set.delete(value);
    set.add(value);
    for (const oldest of set) {
        if (set.size <= max) break;
        set.delete(oldest);
    }
}
