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
 * - `oneOf` values match case-insensitively and come out in their canonical spelling; a
 *   `keepOtherValues` field (descriptive text) also keeps any other value as given;
 * - strict reading (the default; our own messages): fields the spec does not name are
 *   rejected (UNKNOWN_FIELD), so typos surface;
 * - liberal reading (`{ liberal: true }`; what vendors send): only a missing or unusable
 *   required field refuses the value. Unknown fields are ignored, a number where text is
 *   expected and a numeric string where a number is expected are converted, long
 *   `truncate` text is cut, and any other unusable optional field is dropped; each of
 *   these adds a `SchemaWarning` and nothing ignored or dropped reaches the output.
 *
 * Size comes first: `checkShape` walks a value within limits (nodes, depth, characters)
 * and stops at the first one exceeded, without serializing anything, so a hostile shape
 * (a sparse `new Array(1e8)`, a cyclic or very deep object) costs microseconds.
 */

/** Why a message was rejected; stable codes for programs, `message` for people. */
export type SchemaErrorCode =
    | 'NOT_JSON'
    | 'TOO_LARGE'
    | 'TOO_DEEP'
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

/** What liberal reading tolerated, so the sender can be told (see `CheckOptions`). */
export const SCHEMA_WARNING_CODES = ['IGNORED_FIELD', 'CONVERTED', 'OTHER_VALUE_KEPT', 'TRUNCATED', 'DROPPED'] as const;
export type SchemaWarningCode = (typeof SCHEMA_WARNING_CODES)[number];

/** One tolerated deviation; `field` is the path, e.g. `callAccepted.queueName`. */
export interface SchemaWarning {
    code: SchemaWarningCode;
    message: string;
    field: string;
}

/** How `checkValue` reads: strict (default) or liberal, and where liberal reading reports. */
export interface CheckOptions {
    liberal?: boolean;
    /**
     * Read only the fields the spec names and never enumerate an object's keys, so the work is
     * bounded by the spec whatever the value's width (V8 lists every key of an object before a
     * key loop's first turn: 100,000 keys cost tens of milliseconds). Unknown fields then go
     * unnoticed: no UNKNOWN_FIELD, no IGNORED_FIELD. For a receiver that needs no `checkShape`.
     */
    knownFieldsOnly?: boolean;
    /** Receives a warning for each tolerated deviation (liberal) or kept other value. */
    warnings?: SchemaWarning[];
}

/** The outcome of a validation or any operation that must not throw into its host. */
export type Result<T, Code extends string = SchemaErrorCode> =
    { ok: true; value: T } | { ok: false; error: SchemaError<Code> };

/**
 * What a field is for goes in a comment above it, not in the spec: every spec ships in the adapter
 * script and the components, and nothing reads such text at run time.
 */
interface FieldBase {
    /** Absent values are an error when true. Default: optional. */
    readonly required?: boolean;
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
    /**
     * Descriptive text: a value outside `oneOf` is kept as given (trimmed, within `maxLength`)
     * instead of refused; `oneOf` lists the known spellings, which come out canonical.
     */
    readonly keepOtherValues?: boolean;
    /** Liberal reading cuts longer text to `maxLength` (with a warning) instead of dropping it. */
    readonly truncate?: boolean;
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
export type ValueOf<S> = S extends { kind: 'text'; keepOtherValues: true }
    ? string
    : S extends { kind: 'text'; oneOf: readonly (infer E extends string)[] }
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

/** Text cut to `max` characters, never inside a character: a cut between a surrogate pair drops its first half. */
export function cutText(value: string, max: number): string {
    const kept = value.slice(0, max);
    return /[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept;
}

/** True for `{...}` literals and JSON-parsed objects (not arrays, dates, class instances or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (typeof value !== 'object' || value === null) return false;
    const proto: unknown = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

/** Bounds of `checkShape`: everything a message may hold, counted without serializing it. */
export interface ShapeLimits {
    /** Characters of all strings and keys together (about the JSON length). */
    readonly maxChars: number;
    /** Values of any kind (objects, array slots, strings, numbers, ...). */
    readonly maxNodes: number;
    /** Nesting of objects and arrays; the value itself is depth 0. */
    readonly maxDepth: number;
}

/** What a non-plain structured-clone value (Map, Set, ArrayBuffer, typed array) weighs, without iterating it. */
function opaqueWeight(value: object): { nodes: number; chars: number } {
    if (value instanceof Map || value instanceof Set) return { nodes: value.size, chars: 0 };
    if (value instanceof ArrayBuffer) return { nodes: 1, chars: value.byteLength };
    if (ArrayBuffer.isView(value)) return { nodes: 1, chars: value.byteLength };
    return { nodes: 1, chars: 0 }; // Date, RegExp, Blob, class instances: one opaque value
}

/**
 * Checks a value against size limits before any field is looked at, by a walk that stops
 * at the first limit exceeded. Nothing is serialized or copied: an array's length and a
 * Map's size are compared with the node budget before a single item is visited, and a
 * cycle ends at `maxDepth`. Functions, symbols and BigInts (which postMessage cannot carry)
 * are NOT_JSON. Never throws (a throwing getter counts as NOT_JSON).
 */
export function checkShape(value: unknown, limits: ShapeLimits, what: string): Result<true> {
    const walked = walkShape(value, limits, what, false);
    return walked.ok ? { ok: true, value: true } : walked;
}

/**
 * `checkShape` that also copies what it walks: arrays and plain objects come back as new ones
 * (other objects as they are). For a value whose every read is costly or may change, such as a
 * platform object read through Lightning Web Security's membrane or one with getters: the later
 * checks read the copy, so each value of the original is read once.
 */
export function copyShape(value: unknown, limits: ShapeLimits, what: string): Result<unknown> {
    return walkShape(value, limits, what, true);
}

/** A failure met while walking, told apart from the values walked (none of which is one). */
class ShapeFailure {
    constructor(readonly result: Result<never>) {}
}

function walkShape(value: unknown, limits: ShapeLimits, what: string, copy: boolean): Result<unknown> {
    let nodes = 0;
    let chars = 0;
    const tooLarge = (): ShapeFailure =>
        new ShapeFailure(
            fail(
                'TOO_LARGE',
                `${what} is too large: the limits are ${limits.maxNodes} values and ${limits.maxChars} characters.`
            )
        );
    /** The node, its copy, or the failure. */
    const walk = (node: unknown, depth: number): unknown => {
        nodes += 1;
        if (nodes > limits.maxNodes) return tooLarge();
        switch (typeof node) {
            case 'string':
                chars += node.length + 2;
                return chars > limits.maxChars ? tooLarge() : node;
            case 'number':
            case 'boolean':
            case 'undefined':
                chars += 4;
                return chars > limits.maxChars ? tooLarge() : node;
            case 'object':
                break;
            default:
                return new ShapeFailure(
                    fail('NOT_JSON', `${what} holds a ${typeof node}, which a message cannot carry.`)
                );
        }
        if (node === null) return null;
        if (depth >= limits.maxDepth) {
            return new ShapeFailure(fail('TOO_DEEP', `${what} is nested more than ${limits.maxDepth} levels deep.`));
        }
        if (Array.isArray(node)) {
            // Compared before visiting: a sparse new Array(1e8) costs nothing.
            const length = node.length;
            if (length > limits.maxNodes - nodes) return tooLarge();
            const items: unknown[] | undefined = copy ? [] : undefined;
            for (let i = 0; i < length; i++) {
                const item = walk(node[i], depth + 1);
                if (item instanceof ShapeFailure) return item;
                items?.push(item);
            }
            return items ?? node;
        }
        if (!isPlainObject(node)) {
            const weight = opaqueWeight(node);
            nodes += weight.nodes;
            chars += weight.chars;
            return nodes > limits.maxNodes || chars > limits.maxChars ? tooLarge() : node;
        }
        const fields: Record<string, unknown> | undefined = copy ? {} : undefined;
        for (const key in node) {
            if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
            chars += key.length + 3;
            if (chars > limits.maxChars) return tooLarge();
            const field = walk(node[key], depth + 1);
            if (field instanceof ShapeFailure) return field;
            // Defined, not assigned: an own "__proto__" key stays data, as in the original.
            if (fields)
                Object.defineProperty(fields, key, {
                    value: field,
                    enumerable: true,
                    writable: true,
                    configurable: true
                });
        }
        return fields ?? node;
    };
    try {
        const result = walk(value, 0);
        return result instanceof ShapeFailure ? result.result : { ok: true, value: result };
    } catch {
        return fail('NOT_JSON', `${what} could not be read.`);
    }
}

/** A short human description of what a spec accepts, for error messages and docs. */
export function describeField(spec: FieldSpec): string {
    switch (spec.kind) {
        case 'text':
            if (spec.oneOf && spec.keepOtherValues)
                return `one of ${spec.oneOf.join(', ')}, or other text of at most ${spec.maxLength} characters`;
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

/** How one `checkValue` run reads, passed down the walk. */
interface Reading {
    liberal: boolean;
    knownFieldsOnly: boolean;
    warnings: SchemaWarning[] | undefined;
}

/**
 * Validates `value` against `spec` and returns the normalised value (defaults applied,
 * canonical `oneOf` spelling, absent optional fields left out). Never throws. Call
 * `checkShape` first on anything that crossed a window boundary.
 * @param path the field path used in error messages, e.g. `payload`
 * @param options strict (default) or liberal reading, and where warnings go
 */
export function checkValue<S extends FieldSpec>(
    spec: S,
    value: unknown,
    path: string,
    options: CheckOptions = {}
): Result<ValueOf<S>> {
    const reading: Reading = {
        liberal: options.liberal === true,
        knownFieldsOnly: options.knownFieldsOnly === true,
        warnings: options.warnings
    };
    const result = checkAny(spec, value, path, reading);
    if (!result.ok) return result;
    return { ok: true, value: (result.value === ABSENT ? undefined : result.value) as ValueOf<S> };
}

/** Validates an object's fields (the common case: a message payload). */
export function checkFields<F extends Fields>(
    fields: F,
    value: unknown,
    path: string,
    options: CheckOptions = {}
): Result<Shape<F>> {
    return checkValue<ObjectField>({ kind: 'object', required: true, fields }, value, path, options) as Result<
        Shape<F>
    >;
}

function isAbsent(spec: FieldSpec, value: unknown): boolean {
    if (value === undefined || value === null) return true;
    return spec.kind === 'text' && !spec.required && value === '';
}

function warn(reading: Reading, code: SchemaWarningCode, field: string, message: string): void {
    reading.warnings?.push({ code, field, message });
}

/** A number written the way people write it (no exponent), so its text form is unambiguous. */
const PLAIN_NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Liberal reading: the obvious conversion between a number and its text form, or the value unchanged. */
function convert(spec: FieldSpec, value: unknown, path: string, reading: Reading): unknown {
    if (spec.kind === 'text' && typeof value === 'number' && Number.isFinite(value)) {
        const text = String(value);
        if (!PLAIN_NUMBER_TEXT.test(text)) return value;
        warn(reading, 'CONVERTED', path, `${path} should be text; the number ${text} was read as "${text}".`);
        return text;
    }
    // Length first: a numeric string is short, and a long one is never scanned.
    if (
        spec.kind === 'number' &&
        typeof value === 'string' &&
        value.length <= 64 &&
        PLAIN_NUMBER_TEXT.test(value.trim())
    ) {
        const number = Number(value.trim());
        warn(reading, 'CONVERTED', path, `${path} should be a number; "${preview(value)}" was read as ${number}.`);
        return number;
    }
    return value;
}

function checkAny(spec: FieldSpec, value: unknown, path: string, reading: Reading): Result<unknown> {
    if (spec.kind === 'none') return checkNone(value, path);
    if (isAbsent(spec, value)) {
        if (spec.required) return fail('MISSING_FIELD', `${path} is required: ${describeField(spec)}.`, path);
        return { ok: true, value: fallbackOf(spec) };
    }
    const given = reading.liberal ? convert(spec, value, path, reading) : value;
    const result = checkPresent(spec, given, path, reading);
    if (result.ok || spec.required || !reading.liberal) return result;
    // Liberal: an unusable optional field is left out; the rest of the message still counts.
    warn(reading, 'DROPPED', path, `${result.error.message} It was ignored.`);
    return { ok: true, value: fallbackOf(spec) };
}

function fallbackOf(spec: FieldSpec): unknown {
    const fallback = 'default' in spec ? spec.default : undefined;
    return fallback === undefined ? ABSENT : fallback;
}

function checkPresent(spec: FieldSpec, value: unknown, path: string, reading: Reading): Result<unknown> {
    switch (spec.kind) {
        case 'text':
            return checkText(spec, value, path, reading);
        case 'number':
            return checkNumber(spec, value, path);
        case 'boolean':
            return typeof value === 'boolean' ? { ok: true, value } : wrongType(spec, value, path);
        case 'object':
            return checkObject(spec, value, path, reading);
        case 'list':
            return checkList(spec, value, path, reading);
        default:
            return checkNone(value, path);
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

/** Spaces a `oneOf` value may carry around it and still be read (the comparison stays bounded). */
const ONE_OF_SPACES = 16;

function checkText(spec: TextField, value: unknown, path: string, reading: Reading): Result<unknown> {
    if (typeof value !== 'string') return wrongType(spec, value, path);
    // Every check below looks at a string at most maxLength long: a huge one costs one comparison.
    if (spec.required && value.length > spec.maxLength) {
        return fail('TOO_LONG', `${path} has ${value.length} characters; the limit is ${spec.maxLength}.`, path);
    }
    if (spec.required && value.trim() === '') {
        return fail('MISSING_FIELD', `${path} is required and must not be blank.`, path);
    }
    // A listed value with spaces around it ('Outbound ') is that value: compare it trimmed.
    if (spec.oneOf && value.length <= spec.maxLength + ONE_OF_SPACES) {
        const given = value.trim().toLowerCase();
        const canonical = spec.oneOf.find((allowed) => allowed.toLowerCase() === given);
        if (canonical !== undefined) return { ok: true, value: canonical };
        if (!spec.keepOtherValues) {
            return fail('INVALID_VALUE', `${path} must be ${describeField(spec)}, not "${preview(value)}".`, path);
        }
        const other = value.trim();
        if (other !== '' && other.length <= spec.maxLength) {
            warn(
                reading,
                'OTHER_VALUE_KEPT',
                path,
                `${path} "${preview(other)}" is not one of ${spec.oneOf.join(', ')}; it was kept as given.`
            );
            return { ok: true, value: other };
        }
    }
    if (spec.oneOf && !spec.keepOtherValues && value.length > spec.maxLength) {
        return fail('INVALID_VALUE', `${path} must be ${describeField(spec)}, not "${preview(value)}".`, path);
    }
    if (value.length > spec.maxLength) {
        if (reading.liberal && spec.truncate) {
            warn(
                reading,
                'TRUNCATED',
                path,
                `${path} has ${value.length} characters; the first ${spec.maxLength} were kept.`
            );
            return { ok: true, value: cutText(value, spec.maxLength) };
        }
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

function checkObject(spec: ObjectField, value: unknown, path: string, reading: Reading): Result<unknown> {
    if (!isPlainObject(value))
        return fail('NOT_AN_OBJECT', `${path} must be ${describeField(spec)}, not ${typeName(value)}.`, path);
    for (const key of reading.knownFieldsOnly ? [] : Object.keys(value)) {
        if (Object.prototype.hasOwnProperty.call(spec.fields, key)) continue;
        const allowed = Object.keys(spec.fields).join(', ') || 'none';
        const field = `${path}.${key}`;
        if (!reading.liberal) {
            return fail('UNKNOWN_FIELD', `${field} is not a known field (allowed: ${allowed}).`, field);
        }
        // Never copied to the output, so it cannot reach Salesforce.
        warn(reading, 'IGNORED_FIELD', field, `${field} is not a known field and was ignored (known: ${allowed}).`);
    }
    const out: Record<string, unknown> = {};
    for (const [name, fieldSpec] of Object.entries(spec.fields)) {
        const result = checkAny(fieldSpec, value[name], `${path}.${name}`, reading);
        if (!result.ok) return result;
        if (result.value !== ABSENT) out[name] = result.value;
    }
    return { ok: true, value: out };
}

function checkList(spec: ListField, value: unknown, path: string, reading: Reading): Result<unknown> {
    if (!Array.isArray(value)) return wrongType(spec, value, path);
    if (value.length > spec.maxItems) {
        return fail('TOO_MANY_ITEMS', `${path} has ${value.length} items; the limit is ${spec.maxItems}.`, path);
    }
    const out: unknown[] = [];
    const item: FieldSpec = { ...spec.items, required: true };
    for (let i = 0; i < value.length; i++) {
        const result = checkAny(item, value[i], `${path}[${i}]`, reading);
        if (!result.ok) return result;
        out.push(result.value);
    }
    return { ok: true, value: out };
}
