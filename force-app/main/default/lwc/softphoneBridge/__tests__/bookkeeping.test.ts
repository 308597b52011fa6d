import { addCapped, onlyKeys, pruneMap } from '../bookkeeping';

describe('c-softphone-bridge bookkeeping', () => {
    it('keeps only the wanted keys of a record, and the same object when all are wanted', () => {
        const urls = { a: '/a', b: '/b', c: '/c' };
        expect(onlyKeys(urls, new Set(['a', 'b', 'c', 'd']))).toBe(urls);
        expect(onlyKeys(urls, new Set(['b']))).toEqual({ b: '/b' });
        expect(onlyKeys({}, new Set())).toEqual({});
    });

    it('a shift of keys stays bounded by what is kept', () => {
        const seq = new Map<string, number>();
        for (let i = 0; i < 1_000; i++) {
            seq.set(`conv-${i}`, 1);
            // The calls held: the newest 20.
            pruneMap(seq, new Set(Array.from({ length: 20 }, (_, k) => `conv-${i - k}`)));
        }
        expect(seq.size).toBe(20);
        expect(seq.has('conv-999')).toBe(true);
        expect(seq.has('conv-979')).toBe(false);
    });

    it('a capped set keeps the newest values, a value added again counting as new', () => {
        const ids = new Set<string>();
        for (let i = 0; i < 1_000; i++) addCapped(ids, `cmd-${i}`, 50);
        expect(ids.size).toBe(50);
        expect([...ids][0]).toBe('cmd-950');
        addCapped(ids, 'cmd-950', 50);
        addCapped(ids, 'cmd-new', 50);
        expect(ids.has('cmd-950')).toBe(true);
        expect(ids.has('cmd-951')).toBe(false);
        expect(ids.size).toBe(50);
    });
});
