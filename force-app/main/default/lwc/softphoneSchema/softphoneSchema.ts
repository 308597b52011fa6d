/**
 * Message schemas as data: a field spec says what a field holds (type, required,
 * maximum length, allowed values, default), TypeScript types are derived from the
 * spec, and `checkValue` validates against the very same spec, so the types and
 * the validation cannot drift apart.
 *
 * Used by the vendor softphone contract (src/bridge/core/contract.ts) and by the
 * Lightning Message Service protocol (c/softphoneProtocol). No `lwc` imports and no
 * DOM: it runs in the LWC, the Visualforce adapter page and the vendor's page alike.
 *
 * Rules every schema shares (documented for vendors in docs/vendor-integration.md):
 * - `null`, `undefined` and, in optional text fields, `''` count as absent;
 * - absent optional fields take their `default` when the spec has one;
 * - required text must not be blank;
 * - `oneOf` values match case-insensitively and come out in their canonical spelling;
 * - fields the spec does not name are rejected (UNKNOWN_FIELD), so typos surface.
 */

/** Why a message was rejected; stable codes for programs, `message` for people. */
export type SchemaErrorCode =
    | 'NOT_JSON'
    | 'TOO_LARGE'
    | 'NOT_AN_OBJECT'
    | 'UNKNOWN_PROTOCOL'
    | 'UNSUPPORTED_VERSION'
    | 'UNKNOWN_TYPE'
    | 'MISSING_FIELD'
    | 'WRONG_TYPE'
    | 'INVALID_VALUE'
    | 'TOO_LONG'
    | 'TOO_MANY_ITEMS'
    | 'UNKNOWN_FIELD';

/** A structured validation error; `field` is a path such as `payload.matches[0].recordId`. */
export interface SchemaError<Code extends string = SchemaErrorCode> {
    code: Code;
    message: string;
    field?: string;
}

/** The outcome of a validation or any operation that must not throw into its host. */
export type Result<T, Code extends string = SchemaErrorCode> =
    { ok: true; value: T } | { ok: false; error: SchemaError<Code> };

interface FieldBase {
    /** Absent values are an error when true. Default: optional. */
    readonly required?: boolean;
    /** One line for people reading the contract (and the generated error messages). */
    readonly doc?: string;
}

/** A string; `oneOf` restricts it to a fixed set, `pattern` to a format. */
export interface TextField extends FieldBase {
    readonly kind: 'text';
    readonly maxLength: number;
    readonly oneOf?: readonly string[];
    readonly pattern?: RegExp;
    /** Shown when `pattern` does not match, e.g. "an E.164 number such as +18005550100". */
    readonly patternHint?: string;
    readonly default?: string;
}

/** A finite number within [min, max]. */
export interface NumberField extends FieldBase {
    readonly kind: 'number';
    readonly min: number;
    readonly max: number;
    readonly integer?: boolean;
    readonly default?: number;
}

export interface BooleanField extends FieldBase {
    readonly kind: 'boolean';
    readonly default?: boolean;
}

/** A plain object with exactly the named fields (unknown fields are rejected). */
export interface ObjectField extends FieldBase {
    readonly kind: 'object';
    readonly fields: Fields;
}

/** An array of at most `maxItems` values of one spec. */
export interface ListField extends FieldBase {
    readonly kind: 'list';
    readonly items: FieldSpec;
    readonly maxItems: number;
}

/** No value at all (`undefined`, `null` or `{}` are accepted and come out as `undefined`). */
export interface NoneField extends FieldBase {
    readonly kind: 'none';
}

export type FieldSpec = TextField | NumberField | BooleanField | ObjectField | ListField | NoneField;
export type Fields = { readonly [name: string]: FieldSpec };

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Keys that are always present after validation: required ones and those with a default. */
type PresentKeys<F> = {
    [K in keyof F]: F[K] extends { required: true } ? K : F[K] extends { default: unknown } ? K : never;
}[keyof F];

/** Keys a sender must supply: only the required ones (defaults are filled in for them). */
type RequiredInputKeys<F> = { [K in keyof F]: F[K] extends { required: true } ? K : never }[keyof F];

/** The validated value of a spec: defaults applied, optional fields possibly absent. */
export type ValueOf<S> = S extends { kind: 'text'; oneOf: readonly (infer E extends string)[] }
    ? E
    : S extends { kind: 'text' }
      ? string
      : S extends { kind: 'number' }
        ? number
        : S extends { kind: 'boolean' }
          ? boolean
          : S extends { kind: 'object'; fields: infer F }
            ? Shape<F>
            : S extends { kind: 'list'; items: infer I }
              ? ValueOf<I>[]
              : S extends { kind: 'none' }
                ? undefined
                : never;

/** The validated object for a set of fields. */
export type Shape<F> = Simplify<
    { -readonly [K in PresentKeys<F>]: ValueOf<F[K]> } & {
        -readonly [K in Exclude<keyof F, PresentKeys<F>>]?: ValueOf<F[K]>;
    }
>;

/** What a sender may pass for a spec: fields with a default may be left out. */
export type InputOf<S> = S extends { kind: 'object'; fields: infer F }
    ? InputShape<F>
    : S extends { kind: 'list'; items: infer I }
      ? readonly InputOf<I>[]
      : S extends { kind: 'none' }
        ? undefined | Record<string, never>
        : ValueOf<S>;

/** The input object for a set of fields. */
export type InputShape<F> = Simplify<
    { [K in RequiredInputKeys<F>]: InputOf<F[K]> } & {
        [K in Exclude<keyof F, RequiredInputKeys<F>>]?: InputOf<F[K]> | null;
    }
>;

/** Builds an error result. */
export function fail<Code extends string>(
    code: Code,
    message: string,
    field?: string
): { ok: false; error: SchemaError<Code> } {
    return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/** True for `{...}` literals and JSON-parsed objects (not arrays, dates, class instances or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (typeof value !== 'object' || value === null) return false;
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

/**
 * Checks that a value survives JSON (what postMessage and LMS deliver) and that its
 * JSON form is at most `maxChars` characters, before any field is looked at.
 */
export function checkJsonSize(value: unknown, maxChars: number, what: string): Result<true> {
    let json: string | undefined;
    try {
        json = JSON.stringify(value);
    } catch {
        return fail('NOT_JSON', `${what} is not JSON-serializable (cyclic or BigInt values).`);
    }
    if (json !== undefined && json.length > maxChars) {
        return fail('TOO_LARGE', `${what} is ${json.length} characters as JSON; the limit is ${maxChars}.`);
    }
    return { ok: true, value: true };
}

/** A short human description of what a spec accepts, for error messages and docs. */
export function describeField(spec: FieldSpec): string {
    switch (spec.kind) {
        case 'text':
            if (spec.oneOf) return `one of ${spec.oneOf.join(', ')}`;
            return spec.patternHint ?? `a string of at most ${spec.maxLength} characters`;
        case 'number':
            return `a${spec.integer ? 'n integer' : ' number'} from ${spec.min} to ${spec.max}`;
        case 'boolean':
            return 'true or false';
        case 'object':
            return `an object with ${Object.keys(spec.fields).join(', ') || 'no fields'}`;
        case 'list':
            return `an array of at most ${spec.maxItems} items, each ${describeField(spec.items)}`;
        default:
            return 'no value'; // kind 'none'
    }
}

/** Key under which `checkValue` reports an absent optional field without a default. */
const ABSENT: unique symbol = Symbol('absent');

/**
 * Validates `value` against `spec` and returns the normalised value (defaults applied,
 * canonical `oneOf` spelling, absent optional fields left out). Never throws.
 * @param path the field path used in error messages, e.g. `payload`
 */
export function checkValue<S extends FieldSpec>(spec: S, value: unknown, path: string): Result<ValueOf<S>> {
    const result = checkAny(spec, value, path);
    if (!result.ok) return result;
    return { ok: true, value: (result.value === ABSENT ? undefined : result.value) as ValueOf<S> };
}

/** Validates an object's fields (the common case: a message payload). */
export function checkFields<F extends Fields>(fields: F, value: unknown, path: string): Result<Shape<F>> {
    return checkValue<ObjectField>({ kind: 'object', required: true, fields }, value, path) as Result<Shape<F>>;
}

function isAbsent(spec: FieldSpec, value: unknown): boolean {
    if (value === undefined || value === null) return true;
    return spec.kind === 'text' && !spec.required && value === '';
}

function checkAny(spec: FieldSpec, value: unknown, path: string): Result<unknown> {
    if (spec.kind === 'none') return checkNone(value, path);
    if (isAbsent(spec, value)) {
        if (spec.required) return fail('MISSING_FIELD', `${path} is required: ${describeField(spec)}.`, path);
        const fallback = 'default' in spec ? spec.default : undefined;
        return { ok: true, value: fallback === undefined ? ABSENT : fallback };
    }
    switch (spec.kind) {
        case 'text':
            return checkText(spec, value, path);
        case 'number':
            return checkNumber(spec, value, path);
        case 'boolean':
            return typeof value === 'boolean' ? { ok: true, value } : wrongType(spec, value, path);
        case 'object':
            return checkObject(spec, value, path);
        default:
            return checkList(spec, value, path);
    }
}

function typeName(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function wrongType(spec: FieldSpec, value: unknown, path: string): Result<never> {
    return fail('WRONG_TYPE', `${path} must be ${describeField(spec)}, not ${typeName(value)}.`, path);
}

function checkNone(value: unknown, path: string): Result<unknown> {
    if (value === undefined || value === null) return { ok: true, value: ABSENT };
    if (isPlainObject(value) && Object.keys(value).length === 0) return { ok: true, value: ABSENT };
    return fail('INVALID_VALUE', `${path} must be empty: this message carries no payload.`, path);
}

function checkText(spec: TextField, value: unknown, path: string): Result<unknown> {
    if (typeof value !== 'string') return wrongType(spec, value, path);
    if (spec.required && value.trim() === '') {
        return fail('MISSING_FIELD', `${path} is required and must not be blank.`, path);
    }
    if (spec.oneOf) {
        const canonical = spec.oneOf.find((allowed) => allowed.toLowerCase() === value.trim().toLowerCase());
        if (canonical === undefined) {
            return fail('INVALID_VALUE', `${path} must be ${describeField(spec)}, not "${preview(value)}".`, path);
        }
        return { ok: true, value: canonical };
    }
    if (value.length > spec.maxLength) {
        return fail('TOO_LONG', `${path} has ${value.length} characters; the limit is ${spec.maxLength}.`, path);
    }
    if (spec.pattern && !spec.pattern.test(value)) {
        return fail('INVALID_VALUE', `${path} must be ${describeField(spec)}, not "${preview(value)}".`, path);
    }
    return { ok: true, value };
}

/** A value short enough to quote in an error message. */
function preview(value: string): string {
    return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

function checkNumber(spec: NumberField, value: unknown, path: string): Result<unknown> {
    if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType(spec, value, path);
    if (value < spec.min || value > spec.max || (spec.integer && !Number.isInteger(value))) {
        return fail('INVALID_VALUE', `${path} must be ${describeField(spec)}, not ${value}.`, path);
    }
    return { ok: true, value };
}

function checkObject(spec: ObjectField, value: unknown, path: string): Result<unknown> {
    if (!isPlainObject(value))
        return fail('NOT_AN_OBJECT', `${path} must be ${describeField(spec)}, not ${typeName(value)}.`, path);
    const unknownField = Object.keys(value).find((key) => !Object.prototype.hasOwnProperty.call(spec.fields, key));
    if (unknownField !== undefined) {
        const allowed = Object.keys(spec.fields).join(', ') || 'none';
        return fail(
            'UNKNOWN_FIELD',
            `${path}.${unknownField} is not a known field (allowed: ${allowed}).`,
            `${path}.${unknownField}`
        );
    }
    const out: Record<string, unknown> = {};
    for (const [name, fieldSpec] of Object.entries(spec.fields)) {
        const result = checkAny(fieldSpec, value[name], `${path}.${name}`);
        if (!result.ok) return result;
        if (result.value !== ABSENT) out[name] = result.value;
    }
    return { ok: true, value: out };
}

function checkList(spec: ListField, value: unknown, path: string): Result<unknown> {
    if (!Array.isArray(value)) return wrongType(spec, value, path);
    if (value.length > spec.maxItems) {
        return fail('TOO_MANY_ITEMS', `${path} has ${value.length} items; the limit is ${spec.maxItems}.`, path);
    }
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
        const item: FieldSpec = { ...spec.items, required: true };
        const result = checkAny(item, value[i], `${path}[${i}]`);
        if (!result.ok) return result;
        out.push(result.value);
    }
    return { ok: true, value: out };
}
