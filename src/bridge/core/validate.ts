/**
 * Validation of the softphone contract and of the postMessage envelope that carries it
 * between the wrapper library (vendor iframe) and the adapter page.
 *
 * Envelope (JSON-safe):
 *   { protocol: 'streem-softphone-bridge', version: 1, id, kind, type, payload?, replyTo? }
 * kinds:
 *   hello  wrapper → adapter   the softphone called load(callback); type 'load'
 *   call   wrapper → adapter   a softphone call (type = incomingCall, callEnded, …)
 *   event  adapter → wrapper   a callback event (type = disposition, start_call, …)
 *   ack    either way          the message `replyTo` was accepted
 *   error  either way          the message `replyTo` was rejected; payload { code, message, field? }
 * A message without our `protocol` value is not ours and is ignored silently (pages
 * receive postMessage traffic from extensions and other frames). A message that claims
 * our protocol but is malformed is answered with an `error` and changes nothing, unless
 * it is itself an `error` or an `ack` (or its kind cannot be read): an error is never
 * answered with an error, so two sides cannot bounce replies forever.
 *
 * Each message is checked once, bounded before any work, and nothing is serialized to
 * measure it. The adapter (`readFromSoftphone`) reads only the fields the contract names,
 * each in constant time, so nothing else in a message costs anything; softphone calls are
 * read liberally (vendors send more than the contract). The wrapper bounds what it is given
 * or receives with `checkShape` (`ENVELOPE_LIMITS`), then reads the vendor's calls liberally
 * (warning about every unknown field) and the adapter's events strictly.
 *
 * Nothing here throws: every function returns a `Result`.
 */
import { numberOfAddress } from 'c/phoneNumbers';
import { readDuration } from 'c/softphoneFormat';
import { checkFields, checkShape, checkValue, cutText, fail, isPlainObject } from 'c/softphoneSchema';
import type { FieldSpec, Result, SchemaError, SchemaErrorCode, SchemaWarning, ShapeLimits } from 'c/softphoneSchema';
import {
    SOFTPHONE_CALLS,
    SOFTPHONE_CALL_TYPES,
    WRAPPER_EVENTS,
    WRAPPER_EVENT_TYPES,
    isSoftphoneCallType,
    isWrapperEventType
} from './contract';
import type { SoftphoneCall, SoftphoneCallType, WrapperEvent } from './contract';

/** Codes beyond schema validation that the bridge reports. */
export type BridgeErrorCode =
    | SchemaErrorCode
    | 'WRONG_DIRECTION'
    | 'NOT_CONNECTED'
    | 'NOT_CONFIGURED'
    | 'INVALID_PHONE_NUMBER'
    | 'UNKNOWN_CONVERSATION'
    | 'CRM_ACTION_FAILED'
    | 'CALLBACK_FAILED';

export type BridgeError = SchemaError<BridgeErrorCode>;
export type BridgeResult<T> = Result<T, BridgeErrorCode>;

/** `protocol` value of every envelope. */
export const ENVELOPE_PROTOCOL = 'streem-softphone-bridge';
/** Envelope version this code speaks; a higher one is rejected with UNSUPPORTED_VERSION. */
export const ENVELOPE_VERSION = 1;
/** Largest envelope accepted, as JSON characters (notes may be 32,000 characters, escaped). */
export const MAX_ENVELOPE_CHARS = 100_000;
/**
 * What one envelope may hold, checked before any work: a contract payload has a dozen
 * fields and `disposition` at most 500 codes, so 2,000 values and 12 levels leave room for
 * the extra fields real vendors send while bounding any message to microseconds of work.
 */
export const ENVELOPE_LIMITS: ShapeLimits = { maxChars: MAX_ENVELOPE_CHARS, maxNodes: 2_000, maxDepth: 12 };

export const ENVELOPE_KINDS = ['hello', 'call', 'event', 'ack', 'error'] as const;
export type EnvelopeKind = (typeof ENVELOPE_KINDS)[number];

/** Any envelope, payload not yet validated against its type. */
export interface Envelope {
    protocol: typeof ENVELOPE_PROTOCOL;
    version: number;
    id: string;
    kind: EnvelopeKind;
    type: string;
    payload?: unknown;
    replyTo?: string;
}

const ENVELOPE_HEADER = {
    protocol: { kind: 'text', required: true, maxLength: 40 },
    version: { kind: 'number', required: true, min: 1, max: 1_000, integer: true },
    id: { kind: 'text', required: true, maxLength: 64 },
    kind: { kind: 'text', required: true, maxLength: 5, oneOf: ENVELOPE_KINDS },
    type: { kind: 'text', required: true, maxLength: 64 },
    replyTo: { kind: 'text', maxLength: 64 }
} as const;

const ERROR_PAYLOAD = {
    code: { kind: 'text', required: true, maxLength: 40 },
    message: { kind: 'text', required: true, maxLength: 2_000 },
    field: { kind: 'text', maxLength: 255 }
} as const;

const HELLO_PAYLOAD = { wrapperVersion: { kind: 'text', maxLength: 40 } } as const;

/** Fields that hold a phone number (contract.ts PHONE_NUMBER). */
const PHONE_FIELDS = ['callerANI', 'dialledTo'] as const;

/**
 * The payload with what vendors write in other forms read as the contract's, each with a warning:
 * a number given as a SIP or tel address (a PBX often sends the caller that way, and the whole
 * address can pass the field's 40 characters) as its number; a duration written as a clock, with
 * a unit or a decimal comma as seconds.
 */
function readVendorForms(type: string, payload: unknown, warnings: SchemaWarning[]): unknown {
    if (!isPlainObject(payload)) return payload;
    let copy: Record<string, unknown> | undefined;
    const duration = payload.duration;
    if (typeof duration === 'string' && duration.length <= 40 && !/^\s*\d+(?:\.\d+)?\s*$/.test(duration)) {
        const seconds = readDuration(duration);
        if (seconds !== undefined) {
            copy = { ...payload, duration: seconds };
            warnings.push({
                code: 'CONVERTED',
                field: `${type}.duration`,
                message: `${type}.duration "${duration.trim()}" was read as ${seconds} seconds; send a number.`
            });
        }
    }
    // Vendors' words for a direction (`outgoing`, `outbound-dial`, `OUTBOUND_CALL`, `incoming`).
    const callType = payload.callType;
    if (typeof callType === 'string' && callType.length <= 40) {
        const word = callType.trim().toLowerCase();
        const direction = /^(?:inbound|incoming|in)(?![a-z])/.test(word)
            ? 'inbound'
            : /^(?:outbound|outgoing|out)(?![a-z])/.test(word)
              ? 'outbound'
              : undefined;
        if (direction && word !== direction) {
            copy = { ...(copy ?? payload), callType: direction };
            warnings.push({
                code: 'CONVERTED',
                field: `${type}.callType`,
                message: `${type}.callType "${callType.trim().slice(0, 40)}" was read as ${direction}.`
            });
        }
    }
    for (const field of PHONE_FIELDS) {
        const value = payload[field];
        const number = typeof value === 'string' && value.length <= 2_000 ? numberOfAddress(value) : value;
        if (typeof number !== 'string' || number === value || number === '') continue;
        copy ??= { ...payload };
        copy[field] = number;
        warnings.push({
            code: 'CONVERTED',
            field: `${type}.${field}`,
            message: `${type}.${field} was a telephony address; its number was read.`
        });
    }
    return copy ?? payload;
}

/** A softphone call read liberally, with what was tolerated (for the vendor's console). */
export interface ReadCall {
    call: SoftphoneCall;
    warnings: SchemaWarning[];
}

/**
 * Reads a softphone call payload liberally (defaults applied, unknown fields ignored, numbers
 * converted, unusable optional fields dropped: see the schema engine). Refuses only what
 * makes the call unusable: an unknown type, no payload object, no `conversationId`
 * (`softphoneId` for statusChanged). Does not check size: callers bound the value first, or
 * pass `knownFieldsOnly` so that nothing outside the spec is read. `vendorForms`: numbers and
 * durations in the forms vendors write (readVendorForms) are read first, where a vendor's own
 * values come in (the wrapper's functions, the Ameyo glue); the adapter reads what the wrapper
 * already read, each field once.
 */
export function readSoftphoneCall(
    type: unknown,
    payload: unknown,
    options: { knownFieldsOnly?: boolean; vendorForms?: boolean } = {}
): BridgeResult<ReadCall> {
    if (!isSoftphoneCallType(type)) {
        return fail(
            'UNKNOWN_TYPE',
            `Unknown softphone call "${String(type)}" (known: ${SOFTPHONE_CALL_TYPES.join(', ')}).`,
            'type'
        );
    }
    const warnings: SchemaWarning[] = [];
    const result = checkValue(
        SOFTPHONE_CALLS[type].payload as FieldSpec,
        options.vendorForms === true ? readVendorForms(type, payload, warnings) : payload,
        type,
        {
            liberal: true,
            warnings,
            knownFieldsOnly: options.knownFieldsOnly === true
        }
    );
    if (!result.ok) return result;
    return { ok: true, value: { call: { type, payload: result.value } as SoftphoneCall, warnings } };
}

/**
 * Bounds then reads a softphone call given directly (the wrapper's functions, the Ameyo glue); see
 * `readSoftphoneCall`. A payload over the size limits because of what the contract does not name
 * (a transcript, a deep vendor object) or of text longer than its field takes is read as its
 * contract fields alone, each read by name and text cut to its length, with a warning: the call is
 * not lost for what would be ignored anyway. Only contract fields that are themselves too large
 * refuse it.
 */
export function validateSoftphoneCall(type: unknown, payload: unknown): BridgeResult<ReadCall> {
    const what = `The ${String(type).slice(0, 64)} payload`;
    const size = checkShape(payload, ENVELOPE_LIMITS, what);
    if (size.ok) return readSoftphoneCall(type, payload, { vendorForms: true });
    if (!isSoftphoneCallType(type) || !isPlainObject(payload)) return size;
    const { fields, warnings } = contractFieldsOf(type, payload);
    if (!checkShape(fields, ENVELOPE_LIMITS, what).ok) return size;
    const read = readSoftphoneCall(type, fields, { vendorForms: true });
    if (!read.ok) return read;
    read.value.warnings.unshift(
        {
            code: 'IGNORED_FIELD',
            field: `${type}.payload`,
            message: `${size.error.message} Only the fields of the contract were read; the rest was ignored.`
        },
        ...warnings
    );
    return read;
}

/** A payload's contract fields, read by name, text cut to its field's length (see validateSoftphoneCall). */
function contractFieldsOf(
    type: SoftphoneCallType,
    payload: Record<string, unknown>
): { fields: Record<string, unknown>; warnings: SchemaWarning[] } {
    const specs = SOFTPHONE_CALLS[type].payload.fields as Record<string, FieldSpec>;
    const fields: Record<string, unknown> = {};
    const warnings: SchemaWarning[] = [];
    for (const [name, spec] of Object.entries(specs)) {
        if (!Object.prototype.hasOwnProperty.call(payload, name)) continue;
        const value = payload[name];
        const max = 'maxLength' in spec && typeof spec.maxLength === 'number' ? spec.maxLength : undefined;
        if (typeof value === 'string' && max !== undefined && value.length > max) {
            fields[name] = cutText(value, max);
            warnings.push({
                code: 'TRUNCATED',
                field: `${type}.${name}`,
                message: `${type}.${name} was cut to its ${max} characters.`
            });
        } else fields[name] = value;
    }
    return { fields, warnings };
}

/** Checks a callback event payload strictly (both ends are ours). Does not check size. */
function checkWrapperEvent(type: unknown, payload: unknown): BridgeResult<WrapperEvent> {
    if (!isWrapperEventType(type)) {
        return fail(
            'UNKNOWN_TYPE',
            `Unknown callback event "${String(type)}" (known: ${WRAPPER_EVENT_TYPES.join(', ')}).`,
            'type'
        );
    }
    const result = checkValue(WRAPPER_EVENTS[type].payload as FieldSpec, payload, type);
    if (!result.ok) return result;
    return { ok: true, value: { type, payload: result.value } as WrapperEvent };
}

/** Bounds then validates a callback event payload (what the bridge sends). */
export function validateWrapperEvent(type: unknown, payload: unknown): BridgeResult<WrapperEvent> {
    const size = checkShape(payload, ENVELOPE_LIMITS, `The ${String(type).slice(0, 64)} payload`);
    if (!size.ok) return size;
    return checkWrapperEvent(type, payload);
}

/** Payload fields a class instance or another frame's object may bring over (more fail validation). */
const MAX_COPIED_FIELDS = 100;

/**
 * A payload as a plain object: a vendor's class instance (`new CallEnded(…)`) or an object made in
 * another frame is read by its own enumerable fields, as JSON would; plain objects and arrays as
 * they are. At most MAX_COPIED_FIELDS + 1 fields are copied, so a huge object costs little.
 */
function ownFields(value: object): unknown {
    if (Array.isArray(value) || isPlainObject(value)) return value;
    const copy: Record<string, unknown> = {};
    let count = 0;
    for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        copy[key] = (value as Record<string, unknown>)[key];
        if (++count > MAX_COPIED_FIELDS) break;
    }
    return copy;
}

/** An argument that is the whole payload: an object, or a string that looks like JSON. */
function isPayloadArgument(value: unknown): boolean {
    return (typeof value === 'object' && value !== null) || (typeof value === 'string' && value.trim().startsWith('{'));
}

/**
 * Turns the arguments a vendor passed to a wrapper function into a payload object:
 * an object (`fn({ ... })`), a JSON string (`fn('{"partnerId": …}')`), or positional
 * strings in the seed's table order (`incomingCall(partnerId, conversationId, callerANI, language)`).
 * When the first argument is the payload, the ones after it are ignored (`fn(payload, 'callEnded')`,
 * or the function used as a listener, `(payload, index, array)`), never read as positional fields:
 * that would take the event name for the conversation id. `ignoredArguments` tells the caller to warn.
 */
export function payloadFromArguments(type: SoftphoneCallType, args: readonly unknown[]): BridgeResult<unknown> {
    const first = args[0];
    if (typeof first === 'object' && first !== null) return { ok: true, value: ownFields(first) };
    if (isPayloadArgument(first)) {
        try {
            return { ok: true, value: JSON.parse(first as string) as unknown };
        } catch {
            // A braced GUID (`{215fd887-…}`) as the first of several positional values is not JSON.
            if (args.length < 2)
                return fail('NOT_JSON', `${type} was given a string that looks like JSON but does not parse.`);
        }
    }
    const names = Object.keys(SOFTPHONE_CALLS[type].payload.fields);
    if (args.length > names.length) {
        return fail(
            'UNKNOWN_FIELD',
            `${type} takes one object, or at most ${names.length} positional parameters (${names.join(', ')}); it got ${args.length}.`
        );
    }
    const payload: Record<string, unknown> = {};
    args.forEach((value, index) => {
        const name = names[index];
        if (name !== undefined && value !== undefined) payload[name] = value;
    });
    return { ok: true, value: payload };
}

/** How many arguments after a payload argument `payloadFromArguments` ignored (0: none). */
export function ignoredArguments(args: readonly unknown[]): number {
    return args.length > 1 && isPayloadArgument(args[0]) ? args.length - 1 : 0;
}

/** True when `raw` claims to be one of our envelopes (anything else is ignored, not answered). */
export function isBridgeMessage(raw: unknown): boolean {
    return isPlainObject(raw) && raw.protocol === ENVELOPE_PROTOCOL;
}

/**
 * Validates the envelope's own fields strictly (no field beyond the header and `payload`), after
 * bounding the whole message with `checkShape`; the payload is checked by `readFromAdapter`.
 */
export function parseEnvelope(raw: unknown): BridgeResult<Envelope> {
    const size = checkShape(raw, ENVELOPE_LIMITS, 'The message');
    if (!size.ok) return size;
    return readEnvelope(raw, false);
}

/**
 * The envelope header, read by name (`knownFieldsOnly`: no key of `raw` is enumerated, so its
 * width costs nothing) or with every field checked (strict: an extra field is UNKNOWN_FIELD).
 */
function readEnvelope(raw: unknown, knownFieldsOnly: boolean): BridgeResult<Envelope> {
    if (!isPlainObject(raw)) return fail('NOT_AN_OBJECT', 'A softphone bridge message must be an object.');
    if (raw.protocol !== ENVELOPE_PROTOCOL) {
        return fail('UNKNOWN_PROTOCOL', `protocol must be "${ENVELOPE_PROTOCOL}".`, 'protocol');
    }
    if (typeof raw.version === 'number' && raw.version > ENVELOPE_VERSION) {
        return fail(
            'UNSUPPORTED_VERSION',
            `This message uses bridge protocol version ${raw.version}; Salesforce speaks ${ENVELOPE_VERSION}. Use the softphoneWrapper script served by the Salesforce org.`,
            'version'
        );
    }
    let header: Record<string, unknown>;
    if (knownFieldsOnly) {
        const { protocol, version, id, kind, type, replyTo } = raw;
        header = { protocol, version, id, kind, type, replyTo };
    } else {
        const { payload: _payload, ...rest } = raw;
        header = rest;
    }
    const payload = raw.payload;
    const checked = checkFields(ENVELOPE_HEADER, header, 'message');
    if (!checked.ok) return checked;
    const envelope: Envelope = { ...checked.value, protocol: ENVELOPE_PROTOCOL };
    if (payload !== undefined) envelope.payload = payload;
    return { ok: true, value: envelope };
}

/** What the adapter can receive from the wrapper. */
export type SoftphoneMessage =
    | { kind: 'hello'; id: string; wrapperVersion?: string }
    | { kind: 'call'; id: string; call: SoftphoneCall; warnings: SchemaWarning[] }
    | { kind: 'ack'; id: string; replyTo?: string }
    | { kind: 'error'; id: string; replyTo?: string; error: SchemaError<string> };

/** What the wrapper can receive from the adapter. */
export type AdapterMessage =
    | { kind: 'event'; id: string; event: WrapperEvent }
    | { kind: 'ack'; id: string; replyTo?: string; type: string }
    | { kind: 'error'; id: string; replyTo?: string; type: string; error: SchemaError<string> };

/**
 * Validates a message the adapter received from the wrapper: envelope, direction and payload, in
 * one pass that reads only the fields the contract names. Nothing else in the message is looked
 * at, let alone serialized: every field read is checked in constant time (a string's length
 * before its content, an array's type), so the work is bounded by the contract whatever the
 * message holds besides (a sparse `new Array(1e8)`, 100,000 keys, a cycle, a 64 MB buffer).
 * Unknown fields are thereby ignored; the wrapper has already warned the vendor about them.
 */
export function readFromSoftphone(raw: unknown): BridgeResult<SoftphoneMessage> {
    const parsed = readEnvelope(raw, true);
    if (!parsed.ok) return parsed;
    const envelope = parsed.value;
    const byName = { knownFieldsOnly: true };
    switch (envelope.kind) {
        case 'hello': {
            const hello = checkValue({ kind: 'object', fields: HELLO_PAYLOAD }, envelope.payload, 'payload', byName);
            if (!hello.ok) return hello;
            const message: SoftphoneMessage = { kind: 'hello', id: envelope.id };
            if (hello.value?.wrapperVersion !== undefined) message.wrapperVersion = hello.value.wrapperVersion;
            return { ok: true, value: message };
        }
        case 'call': {
            const read = readSoftphoneCall(envelope.type, envelope.payload, byName);
            return read.ok ? { ok: true, value: { kind: 'call', id: envelope.id, ...read.value } } : read;
        }
        case 'ack':
            return { ok: true, value: { kind: 'ack', id: envelope.id, ...replyOf(envelope) } };
        case 'error': {
            const error = checkFields(ERROR_PAYLOAD, envelope.payload, 'payload', byName);
            if (!error.ok) return error;
            return { ok: true, value: { kind: 'error', id: envelope.id, error: error.value, ...replyOf(envelope) } };
        }
        case 'event':
            return fail('WRONG_DIRECTION', 'The softphone sends calls, not callback events.', 'kind');
    }
}

/** Validates a message the wrapper received from the adapter: envelope, direction and payload. */
export function readFromAdapter(raw: unknown): BridgeResult<AdapterMessage> {
    const parsed = parseEnvelope(raw);
    if (!parsed.ok) return parsed;
    const envelope = parsed.value;
    switch (envelope.kind) {
        case 'event': {
            const event = checkWrapperEvent(envelope.type, envelope.payload);
            return event.ok ? { ok: true, value: { kind: 'event', id: envelope.id, event: event.value } } : event;
        }
        case 'ack':
            return { ok: true, value: { kind: 'ack', id: envelope.id, type: envelope.type, ...replyOf(envelope) } };
        case 'error': {
            const error = checkFields(ERROR_PAYLOAD, envelope.payload, 'payload');
            if (!error.ok) return error;
            const message = { kind: 'error' as const, id: envelope.id, type: envelope.type, error: error.value };
            return { ok: true, value: { ...message, ...replyOf(envelope) } };
        }
        case 'hello':
        case 'call':
            return fail('WRONG_DIRECTION', 'Salesforce sends callback events, not softphone calls.', 'kind');
    }
}

function replyOf(envelope: Envelope): { replyTo?: string } {
    return envelope.replyTo === undefined ? {} : { replyTo: envelope.replyTo };
}

/** Builds an envelope. `id` must be unique per sender (see `createIdGenerator`). */
export function createEnvelope(
    kind: EnvelopeKind,
    type: string,
    id: string,
    payload?: unknown,
    replyTo?: string
): Envelope {
    const envelope: Envelope = { protocol: ENVELOPE_PROTOCOL, version: ENVELOPE_VERSION, id, kind, type };
    if (payload !== undefined) envelope.payload = payload;
    if (replyTo !== undefined) envelope.replyTo = replyTo;
    return envelope;
}

/** Kinds that ask something of the receiver, so a rejection is worth an answer. */
const ANSWERABLE_KINDS: readonly unknown[] = ['hello', 'call', 'event'];

/**
 * The `error` envelope answering a rejected message, or null when the message must not be
 * answered: an `error` or `ack` (answering those is how two sides bounce replies forever),
 * or a message whose kind cannot be read. Names the message when its id/type could be read.
 */
export function createErrorReply(raw: unknown, error: SchemaError<string>, id: string): Envelope | null {
    if (!isPlainObject(raw) || !ANSWERABLE_KINDS.includes(raw.kind)) return null;
    const replyTo = typeof raw.id === 'string' && raw.id.trim() !== '' && raw.id.length <= 64 ? raw.id : undefined;
    const type = typeof raw.type === 'string' && raw.type.trim() !== '' && raw.type.length <= 64 ? raw.type : 'unknown';
    const payload: SchemaError<string> = { code: error.code, message: error.message.slice(0, 2_000) };
    if (error.field !== undefined) payload.field = error.field.slice(0, 255);
    return createEnvelope('error', type, id, payload, replyTo);
}

/** Field names remembered by `createWarningOnce`; past this, warnings are no longer repeated for new names either. */
export const MAX_WARNED_FIELDS = 200;

/**
 * A filter that lets one warning through per kind and field name (the path's last part, so
 * `queueName` warns once whichever call carries it, and a different problem with it still
 * shows), for the life of the page.
 */
export function createWarningOnce(): (warning: SchemaWarning) => boolean {
    const seen = new Set<string>();
    return (warning) => {
        const name = `${warning.code} ${warning.field.slice(warning.field.lastIndexOf('.') + 1)}`;
        if (seen.has(name) || seen.size >= MAX_WARNED_FIELDS) return false;
        seen.add(name);
        return true;
    };
}

/** A generator of message ids: a prefix that tells senders apart and a counter. */
export function createIdGenerator(prefix: string): () => string {
    let counter = 0;
    return () => `${prefix}-${(++counter).toString(36)}`;
}

export type { Result, SchemaError, SchemaWarning } from 'c/softphoneSchema';
