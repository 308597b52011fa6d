import { checkFields, checkShape, checkValue, copyShape, describeField, isPlainObject } from 'c/softphoneSchema';
import type { SchemaWarning } from 'c/softphoneSchema';

const FIELDS = {
    id: { kind: 'text', required: true, maxLength: 5 },
    language: { kind: 'text', maxLength: 10, default: 'en_US' },
    mode: { kind: 'text', maxLength: 3, oneOf: ['ON', 'OFF'] },
    phone: { kind: 'text', maxLength: 16, pattern: /^\+\d+$/, patternHint: 'an E.164 number' },
    seconds: { kind: 'number', min: 0, max: 10, integer: true },
    flag: { kind: 'boolean' },
    tags: { kind: 'list', maxItems: 2, items: { kind: 'text', maxLength: 3 } },
    nested: { kind: 'object', fields: { a: { kind: 'number', required: true, min: 0, max: 1 } } }
} as const;

describe('c-softphone-schema', () => {
    it('returns the normalised value: defaults filled, canonical enum spelling, absent fields left out', () => {
        const result = checkFields(FIELDS, { id: 'abc', mode: 'on', phone: null, flag: false }, 'payload');
        expect(result).toEqual({ ok: true, value: { id: 'abc', language: 'en_US', mode: 'ON', flag: false } });
    });

    it('treats an empty string in an optional text field as absent', () => {
        expect(checkFields(FIELDS, { id: 'abc', mode: '' }, 'payload')).toEqual({
            ok: true,
            value: { id: 'abc', language: 'en_US' }
        });
    });

    it.each([
        ['a missing required field', {}, 'MISSING_FIELD', 'payload.id'],
        ['a blank required field', { id: '   ' }, 'MISSING_FIELD', 'payload.id'],
        ['a wrong type', { id: 5 }, 'WRONG_TYPE', 'payload.id'],
        ['an oversize string', { id: 'abcdef' }, 'TOO_LONG', 'payload.id'],
        ['a value outside oneOf', { id: 'a', mode: 'MAYBE' }, 'INVALID_VALUE', 'payload.mode'],
        ['a pattern mismatch', { id: 'a', phone: '555' }, 'INVALID_VALUE', 'payload.phone'],
        ['a number out of range', { id: 'a', seconds: 11 }, 'INVALID_VALUE', 'payload.seconds'],
        ['a fraction where an integer is needed', { id: 'a', seconds: 1.5 }, 'INVALID_VALUE', 'payload.seconds'],
        ['NaN', { id: 'a', seconds: Number.NaN }, 'WRONG_TYPE', 'payload.seconds'],
        ['too many list items', { id: 'a', tags: ['a', 'b', 'c'] }, 'TOO_MANY_ITEMS', 'payload.tags'],
        ['a bad list item', { id: 'a', tags: ['a', 7] }, 'WRONG_TYPE', 'payload.tags[1]'],
        ['a null list item', { id: 'a', tags: [null] }, 'MISSING_FIELD', 'payload.tags[0]'],
        ['a bad nested field', { id: 'a', nested: { a: 2 } }, 'INVALID_VALUE', 'payload.nested.a'],
        ['an unknown field', { id: 'a', extra: 1 }, 'UNKNOWN_FIELD', 'payload.extra'],
        ['an array instead of an object', { id: 'a', nested: [] }, 'NOT_AN_OBJECT', 'payload.nested']
    ])('rejects %s', (_name, input, code, field) => {
        const result = checkFields(FIELDS, input, 'payload');
        expect(result).toMatchObject({
            ok: false,
            error: { code, field, message: expect.stringContaining(field) as unknown }
        });
    });

    it('rejects a non-object message and a __proto__ key', () => {
        expect(checkFields(FIELDS, 'x', 'payload')).toMatchObject({ ok: false, error: { code: 'NOT_AN_OBJECT' } });
        const sneaky = JSON.parse('{"id":"a","__proto__":{"polluted":true}}') as unknown;
        expect(checkFields(FIELDS, sneaky, 'payload')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FIELD' } });
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('accepts only an empty value for a "none" spec', () => {
        expect(checkValue({ kind: 'none' }, undefined, 'payload')).toEqual({ ok: true, value: undefined });
        expect(checkValue({ kind: 'none' }, {}, 'payload')).toEqual({ ok: true, value: undefined });
        expect(checkValue({ kind: 'none' }, { a: 1 }, 'payload')).toMatchObject({
            ok: false,
            error: { code: 'INVALID_VALUE' }
        });
    });

    describe('checkShape', () => {
        const LIMITS = { maxChars: 1_000, maxNodes: 100, maxDepth: 5 };
        const deep = (levels: number): unknown => {
            let value: unknown = 'leaf';
            for (let i = 0; i < levels; i++) value = { next: value };
            return value;
        };
        const cyclic: Record<string, unknown> = { a: 1 };
        cyclic.self = cyclic;
        const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
        const getterThrows = Object.defineProperty({}, 'boom', {
            enumerable: true,
            get() {
                throw new Error('no');
            }
        });

        it.each([
            ['a huge sparse array', { list: new Array(1e8) }, 'TOO_LARGE'],
            ['an array longer than the node budget', { list: new Array(101).fill(0) }, 'TOO_LARGE'],
            ['a wide object', wide, 'TOO_LARGE'],
            ['a long string', { text: 'x'.repeat(1_001) }, 'TOO_LARGE'],
            ['many short strings', { list: new Array(90).fill('x'.repeat(20)) }, 'TOO_LARGE'],
            ['a long key', { ['k'.repeat(1_001)]: 1 }, 'TOO_LARGE'],
            ['deep nesting', deep(6), 'TOO_DEEP'],
            ['a cyclic object', cyclic, 'TOO_DEEP'],
            ['a Map with many entries', { map: new Map(Array.from({ length: 200 }, (_, i) => [i, i])) }, 'TOO_LARGE'],
            ['a Set with many entries', { set: new Set(Array.from({ length: 200 }, (_, i) => i)) }, 'TOO_LARGE'],
            ['a large ArrayBuffer', { buffer: new ArrayBuffer(2_000) }, 'TOO_LARGE'],
            ['a large typed array', { bytes: new Uint8Array(2_000) }, 'TOO_LARGE'],
            ['a function', { f: () => 1 }, 'NOT_JSON'],
            ['a BigInt', { n: BigInt(1) }, 'NOT_JSON'],
            ['a getter that throws', getterThrows, 'NOT_JSON']
        ])('refuses %s', (_name, value, code) => {
            expect(checkShape(value, LIMITS, 'The message')).toMatchObject({ ok: false, error: { code } });
            expect(copyShape(value, LIMITS, 'The message')).toEqual(checkShape(value, LIMITS, 'The message'));
        });

        it('copyShape: a copy of the plain data, each value of the original read once', () => {
            const reads = new Map<string, number>();
            const counted = <T extends object>(target: T): T =>
                new Proxy(target, {
                    get(inner, key, receiver) {
                        if (typeof key === 'string') reads.set(key, (reads.get(key) ?? 0) + 1);
                        return Reflect.get(inner, key, receiver) as unknown;
                    }
                });
            const date = new Date(0);
            const original = counted({ a: 1, b: counted(['x', true, null]), c: counted({ d: 'e', when: date }) });
            const copied = copyShape(original, LIMITS, 'The message');
            expect(Object.fromEntries(reads)).toEqual({ a: 1, b: 1, c: 1, length: 1, 0: 1, 1: 1, 2: 1, d: 1, when: 1 });
            expect(copied).toEqual({ ok: true, value: { a: 1, b: ['x', true, null], c: { d: 'e', when: date } } });
            const value = (copied as { value: { b: unknown; c: { when: unknown } } }).value;
            expect(value).not.toBe(original);
            expect(Array.isArray(value.b) && value.b !== original.b).toBe(true);
            expect(value.c.when).toBe(date); // not plain data: left as it is, for the field checks to refuse
        });

        it('copyShape: an own "__proto__" key stays a key of the copy', () => {
            const copied = copyShape(JSON.parse('{"__proto__": {"x": 1}, "a": 2}'), LIMITS, 'The message');
            const value = (copied as { value: Record<string, unknown> }).value;
            expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
            expect(Object.keys(value)).toEqual(['__proto__', 'a']);
        });

        it.each([
            ['a plain message', { a: 1, b: ['x', true, null], c: { d: 'e' } }],
            ['nesting up to the limit', deep(5)],
            [
                'a Date, small Map and Set and ArrayBuffer (left for the field checks)',
                { d: new Date(0), m: new Map(), s: new Set([1]), b: new ArrayBuffer(8) }
            ],
            ['primitives', 'text']
        ])('accepts %s', (_name, value) => {
            expect(checkShape(value, LIMITS, 'The message')).toEqual({ ok: true, value: true });
        });

        it('never serializes, and stops at the first limit (visits no item of a too-long array)', () => {
            const stringify = jest.spyOn(JSON, 'stringify');
            let reads = 0;
            const list = new Proxy(new Array(1e6), {
                get(target, key, receiver) {
                    if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
                    return Reflect.get(target, key, receiver) as unknown;
                }
            });
            expect(checkShape({ list }, LIMITS, 'The message')).toMatchObject({ ok: false });
            expect(reads).toBe(0);
            expect(stringify).not.toHaveBeenCalled();
            stringify.mockRestore();
        });
    });

    describe('liberal reading', () => {
        const LIBERAL = {
            id: { kind: 'text', required: true, maxLength: 10 },
            phone: { kind: 'text', maxLength: 16 },
            seconds: { kind: 'number', min: 0, max: 100 },
            kind: { kind: 'text', maxLength: 8, oneOf: ['in', 'out'] },
            status: { kind: 'text', maxLength: 10, oneOf: ['ON', 'OFF'], keepOtherValues: true },
            notes: { kind: 'text', maxLength: 5, truncate: true },
            code: { kind: 'text', maxLength: 3 }
        } as const;
        const read = (input: unknown): { result: ReturnType<typeof checkFields>; warnings: SchemaWarning[] } => {
            const warnings: SchemaWarning[] = [];
            return { result: checkFields(LIBERAL, input, 'payload', { liberal: true, warnings }), warnings };
        };

        it('reads a listed value with spaces around it, even past the field length', () => {
            expect(read({ id: 'a', kind: '  OUT  ' }).result).toEqual({ ok: true, value: { id: 'a', kind: 'out' } });
            expect(read({ id: 'a', status: `${' '.repeat(12)}on` }).result).toEqual({
                ok: true,
                value: { id: 'a', status: 'ON' }
            });
        });

        it('ignores unknown fields, with a warning, and leaves them out of the value', () => {
            const { result, warnings } = read({ id: 'a', queueName: 'Support' });
            expect(result).toEqual({ ok: true, value: { id: 'a' } });
            expect(warnings).toEqual([expect.objectContaining({ code: 'IGNORED_FIELD', field: 'payload.queueName' })]);
        });

        it('converts a number where text is expected and a numeric string where a number is', () => {
            const { result, warnings } = read({ id: 42, phone: 15035551212, seconds: ' 95 ' });
            expect(result).toEqual({ ok: true, value: { id: '42', phone: '15035551212', seconds: 95 } });
            expect(warnings.map((w) => [w.code, w.field])).toEqual([
                ['CONVERTED', 'payload.id'],
                ['CONVERTED', 'payload.phone'],
                ['CONVERTED', 'payload.seconds']
            ]);
        });

        it('keeps another value of descriptive text, drops one of a behaviour-driving list', () => {
            const { result, warnings } = read({ id: 'a', kind: 'transfer', status: 'paused' });
            expect(result).toEqual({ ok: true, value: { id: 'a', status: 'paused' } });
            expect(warnings.map((w) => [w.code, w.field])).toEqual([
                ['DROPPED', 'payload.kind'],
                ['OTHER_VALUE_KEPT', 'payload.status']
            ]);
        });

        it('cuts truncate text, drops other unusable optional fields, and refuses only unusable required ones', () => {
            const { result, warnings } = read({ id: 'a', notes: 'abcdefgh', code: 'toolong', seconds: -1, phone: {} });
            expect(result).toEqual({ ok: true, value: { id: 'a', notes: 'abcde' } });
            expect(warnings.map((w) => [w.code, w.field])).toEqual([
                ['DROPPED', 'payload.phone'],
                ['DROPPED', 'payload.seconds'],
                ['TRUNCATED', 'payload.notes'],
                ['DROPPED', 'payload.code']
            ]);
            expect(read({ phone: '1' }).result).toMatchObject({
                ok: false,
                error: { code: 'MISSING_FIELD', field: 'payload.id' }
            });
            expect(read({ id: {} }).result).toMatchObject({
                ok: false,
                error: { code: 'WRONG_TYPE', field: 'payload.id' }
            });
            expect(read('x').result).toMatchObject({ ok: false, error: { code: 'NOT_AN_OBJECT' } });
        });

        it('does not convert what has no clear meaning', () => {
            const { result } = read({ id: 'a', seconds: '1:35', phone: 1e21 });
            expect(result).toEqual({ ok: true, value: { id: 'a' } });
        });

        it('is off by default: strict reading refuses what liberal reading tolerates', () => {
            expect(checkFields(LIBERAL, { id: 'a', queueName: 'x' }, 'payload')).toMatchObject({
                ok: false,
                error: { code: 'UNKNOWN_FIELD' }
            });
            expect(checkFields(LIBERAL, { id: 'a', seconds: '95' }, 'payload')).toMatchObject({
                ok: false,
                error: { code: 'WRONG_TYPE' }
            });
            expect(checkFields(LIBERAL, { id: 'a', kind: 'transfer' }, 'payload')).toMatchObject({
                ok: false,
                error: { code: 'INVALID_VALUE' }
            });
            // Descriptive text keeps other values in both readings: it is a property of the field.
            expect(checkFields(LIBERAL, { id: 'a', status: 'PAUSED' }, 'payload')).toEqual({
                ok: true,
                value: { id: 'a', status: 'PAUSED' }
            });
        });
    });

    it('describes fields for people', () => {
        expect(describeField(FIELDS.mode)).toBe('one of ON, OFF');
        expect(describeField(FIELDS.seconds)).toBe('an integer from 0 to 10');
        expect(describeField(FIELDS.phone)).toBe('an E.164 number');
        expect(isPlainObject(new Date())).toBe(false);
        expect(isPlainObject(Object.create(null))).toBe(true);
    });
});
