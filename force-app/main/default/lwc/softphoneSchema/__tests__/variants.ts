/**
 * Test helper: derives the invalid variants of a valid payload from its spec (missing
 * required field, wrong type, oversize text, value outside oneOf, unknown field), so every
 * message of the softphone contract and the channel protocol is tested the same way.
 */
import type { FieldSpec, ObjectField } from 'c/softphoneSchema';

export interface InvalidVariant {
    name: string;
    payload: Record<string, unknown>;
    code: string;
    field: string;
}

function wrongValue(spec: FieldSpec): { value: unknown; code: string } {
    switch (spec.kind) {
        case 'text':
            return { value: 42, code: 'WRONG_TYPE' };
        case 'number':
            return { value: '1', code: 'WRONG_TYPE' };
        case 'boolean':
            return { value: 'yes', code: 'WRONG_TYPE' };
        case 'list':
            return { value: 'x', code: 'WRONG_TYPE' };
        case 'object':
            return { value: 'x', code: 'NOT_AN_OBJECT' };
        default:
            return { value: 'x', code: 'INVALID_VALUE' };
    }
}

/** Every invalid variant of `valid` that `spec` must reject, with the expected code and field path. */
export function invalidVariants(spec: ObjectField, valid: Record<string, unknown>, path: string): InvalidVariant[] {
    const variants: InvalidVariant[] = [];
    for (const [name, field] of Object.entries(spec.fields)) {
        const at = `${path}.${name}`;
        if (field.required) {
            const payload = { ...valid };
            delete payload[name];
            variants.push({ name: `missing ${name}`, payload, code: 'MISSING_FIELD', field: at });
        }
        const wrong = wrongValue(field);
        variants.push({
            name: `${name} of the wrong type`,
            payload: { ...valid, [name]: wrong.value },
            code: wrong.code,
            field: at
        });
        if (field.kind === 'text' && field.oneOf) {
            variants.push({
                name: `${name} outside its values`,
                payload: { ...valid, [name]: 'nope' },
                code: 'INVALID_VALUE',
                field: at
            });
        } else if (field.kind === 'text') {
            const oversize = 'x'.repeat(field.maxLength + 1);
            variants.push({
                name: `${name} too long`,
                payload: { ...valid, [name]: oversize },
                code: 'TOO_LONG',
                field: at
            });
        }
    }
    variants.push({
        name: 'an unknown field',
        payload: { ...valid, surprise: 1 },
        code: 'UNKNOWN_FIELD',
        field: `${path}.surprise`
    });
    return variants;
}
