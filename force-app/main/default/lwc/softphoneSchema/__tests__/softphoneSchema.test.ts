import { checkFields, checkJsonSize, checkValue, describeField, isPlainObject } from 'c/softphoneSchema';

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

    it('checks JSON size and serializability before anything else', () => {
        expect(checkJsonSize({ a: 'x'.repeat(20) }, 10, 'The message')).toMatchObject({
            ok: false,
            error: { code: 'TOO_LARGE' }
        });
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        expect(checkJsonSize(cyclic, 10, 'The message')).toMatchObject({ ok: false, error: { code: 'NOT_JSON' } });
        expect(checkJsonSize({ a: 1 }, 10, 'The message')).toEqual({ ok: true, value: true });
    });

    it('describes fields for people', () => {
        expect(describeField(FIELDS.mode)).toBe('one of ON, OFF');
        expect(describeField(FIELDS.seconds)).toBe('an integer from 0 to 10');
        expect(describeField(FIELDS.phone)).toBe('an E.164 number');
        expect(isPlainObject(new Date())).toBe(false);
        expect(isPlainObject(Object.create(null))).toBe(true);
    });
});
