/**
 * The vendor-side wrapper library: the seed 002 functions the softphone calls, forwarded
 * to the Salesforce adapter page with postMessage, and the adapter's callback events
 * delivered to the softphone's `callback(eventType, payload)`.
 *
 * - Everything sent is read first, liberally (the contract's rules in src/bridge/core):
 *   what the wrapper tolerates (an unknown field, a number sent as text, ...) is warned
 *   about in the vendor's console once per field name for the page's life, and only what
 *   makes a call unusable is refused, in the console and the function's return value.
 *   Nothing is thrown.
 * - A malformed message from Salesforce is answered with an error, but an error or an ack
 *   never is: the wrapper and the adapter cannot bounce replies at each other.
 * - Messages go only to `window.parent` at the checked adapter origin, never to `*`.
 * - Messages are accepted only from `window.parent` at that origin.
 * - Callback events that arrive before `load(callback)` are queued and delivered on load.
 */
import { SOFTPHONE_CALL_TYPES } from '../core/contract';
import type { SoftphoneCallInput, SoftphoneCallType, WrapperEventType } from '../core/contract';
import {
    createEnvelope,
    createErrorReply,
    createIdGenerator,
    createWarningOnce,
    isBridgeMessage,
    ignoredArguments,
    payloadFromArguments,
    readFromAdapter,
    validateSoftphoneCall
} from '../core/validate';
import type { BridgeError, BridgeResult, Envelope, SchemaWarning } from '../core/validate';
import type { WrapperEvent } from '../core/contract';

/** Version of this library, sent to the adapter in the `hello` message. */
export const WRAPPER_VERSION = '1.0.0';
/** Name of the global the script defines. */
export const GLOBAL_NAME = 'StreemSoftphoneBridge';
/** Callback events kept while the softphone has not called load(callback) yet. */
export const MAX_QUEUED_EVENTS = 100;

const LOG_PREFIX = '[StreemSoftphoneBridge]';
/** Names a callback path may not walk through (they reach prototypes, not the vendor's objects). */
const FORBIDDEN_NAMES = new Set(['__proto__', 'prototype', 'constructor']);

/** The softphone's callback: `callback(eventType, payload)` (seed 002, item 1). */
export type SoftphoneCallback = (eventType: WrapperEventType, payload: unknown) => void;

/**
 * What every wrapper function returns: the message id when sent (with what was tolerated in
 * the payload, when anything was), or why it was not sent.
 */
export type SendResult = { ok: true; id: string; warnings?: SchemaWarning[] } | { ok: false; error: BridgeError };

/** A function that takes one params object, its JSON string, or positional values in the seed's order. */
type CallFunction<T extends SoftphoneCallType> = {
    (params: SoftphoneCallInput<T> | string): SendResult;
    (...positional: (string | number | undefined)[]): SendResult;
};

/** The global `window.StreemSoftphoneBridge`. */
export interface StreemSoftphoneBridge {
    readonly version: string;
    /** The softphone has loaded; `callback` (a function, or the name of a global function) receives callback events. */
    load(callback: SoftphoneCallback | string): SendResult;
    incomingCall: CallFunction<'incomingCall'>;
    callAccepted: CallFunction<'callAccepted'>;
    callRejected: CallFunction<'callRejected'>;
    callEnded: CallFunction<'callEnded'>;
    callNotesSubmitted: CallFunction<'callNotesSubmitted'>;
    outboundCallInitiated: CallFunction<'outboundCallInitiated'>;
    statusChanged: CallFunction<'statusChanged'>;
}

/** Where the wrapper runs; the real `window` in the browser, a jsdom iframe window in tests. */
export interface WrapperEnvironment {
    /** The softphone page's window (listens for `message`). */
    window: Pick<Window, 'addEventListener'> & Record<string, unknown>;
    /** The adapter page's window (`window.parent`). */
    parent: Pick<Window, 'postMessage'>;
    /** The adapter origin, or why none could be trusted (see crmOrigin.ts). */
    crmOrigin: BridgeResult<string>;
    console: Pick<Console, 'error' | 'warn'>;
    /** Unique-enough prefix for message ids. */
    idPrefix: string;
}

/** Creates the wrapper API and starts listening for the adapter's messages. */
export function createSoftphoneWrapper(env: WrapperEnvironment): StreemSoftphoneBridge {
    const nextId = createIdGenerator(env.idPrefix);
    const queued: WrapperEvent[] = [];
    let callback: SoftphoneCallback | string | undefined;
    /** The named callback was not found, and that was reported (once per load). */
    let missingReported = false;

    const report = (message: string): void => env.console.error(`${LOG_PREFIX} ${message}`);
    const warnOnce = createWarningOnce();

    if (!env.crmOrigin.ok) report(`Not connected to Salesforce: ${env.crmOrigin.error.message}`);

    function post(envelope: Envelope): BridgeResult<true> {
        if (!env.crmOrigin.ok) return env.crmOrigin;
        try {
            env.parent.postMessage(envelope, env.crmOrigin.value);
            return { ok: true, value: true };
        } catch (error) {
            const message = `Could not post to Salesforce: ${error instanceof Error ? error.message : String(error)}`;
            return { ok: false, error: { code: 'NOT_CONNECTED', message } };
        }
    }

    /** The callback: a function, or the name of one on the window, dotted for a method (`softphone.onEvent`). */
    function resolveCallback(): SoftphoneCallback | undefined {
        if (typeof callback === 'function') return callback;
        if (typeof callback !== 'string' || callback.length > 200) return undefined;
        const path = callback.split('.');
        if (path.length > 5 || path.some((part) => !/^[A-Za-z_$][\w$]*$/.test(part) || FORBIDDEN_NAMES.has(part)))
            return undefined;
        let owner: unknown = undefined;
        let target: unknown = env.window;
        for (const part of path) {
            if ((typeof target !== 'object' && typeof target !== 'function') || target === null) return undefined;
            owner = target;
            target = (target as Record<string, unknown>)[part];
        }
        if (typeof target !== 'function') return undefined;
        const method = target as (this: unknown, ...args: unknown[]) => unknown;
        // Called on its object, as `softphone.onEvent(type, payload)` would be.
        return (type, payload) => method.call(owner, type, payload);
    }

    function deliver(event: WrapperEvent, envelopeId?: string): void {
        const target = resolveCallback();
        if (!target) {
            // Said once per load(callback); the events wait in the queue for a callback that resolves.
            if (callback !== undefined && !missingReported) {
                missingReported = true;
                report(
                    `The callback "${String(callback).slice(0, 200)}" is not a function; events wait until it is (${event.type} first).`
                );
            }
            queued.push(event);
            if (queued.length > MAX_QUEUED_EVENTS) {
                const dropped = queued.shift();
                env.console.warn(
                    `${LOG_PREFIX} More than ${MAX_QUEUED_EVENTS} events before load(); dropped ${dropped?.type}.`
                );
            }
            return;
        }
        // A named callback defined after load(): what waited goes first, in order.
        for (const earlier of queued.splice(0, queued.length)) deliver(earlier);
        try {
            target(event.type, event.payload);
        } catch (error) {
            const message = `The softphone callback threw for ${event.type}: ${error instanceof Error ? error.message : String(error)}`;
            report(message);
            if (envelopeId !== undefined) {
                post(
                    createEnvelope(
                        'error',
                        event.type,
                        nextId(),
                        { code: 'CALLBACK_FAILED', message: message.slice(0, 2_000) },
                        envelopeId
                    )
                );
            }
        }
    }

    function handleMessage(event: MessageEvent): void {
        if (!env.crmOrigin.ok || event.source !== env.parent || event.origin !== env.crmOrigin.value) return;
        if (!isBridgeMessage(event.data)) return;
        const message = readFromAdapter(event.data);
        if (!message.ok) {
            report(`Ignored a malformed message from Salesforce: ${message.error.message}`);
            const reply = createErrorReply(event.data, message.error, nextId());
            if (reply) post(reply);
            return;
        }
        const value = message.value;
        if (value.kind === 'event') deliver(value.event, value.id);
        else if (value.kind === 'error') {
            const field = value.error.field ? ` (${value.error.field})` : '';
            report(`Salesforce rejected ${value.type}${field}: ${value.error.message}`);
        }
    }

    env.window.addEventListener('message', handleMessage as EventListener);

    function send(type: SoftphoneCallType, args: readonly unknown[]): SendResult {
        const payload = payloadFromArguments(type, args);
        const ignored = ignoredArguments(args);
        const extra: SchemaWarning = {
            code: 'IGNORED_FIELD',
            field: `${type}.arguments`,
            message: `the ${ignored} argument(s) after the payload were ignored (${type} takes one payload object).`
        };
        if (ignored > 0 && warnOnce(extra)) env.console.warn(`${LOG_PREFIX} ${type}: ${extra.message}`);
        const call = payload.ok ? validateSoftphoneCall(type, payload.value) : payload;
        if (!call.ok) {
            report(`${type} was not sent: ${call.error.message}`);
            return call;
        }
        const { warnings } = call.value;
        for (const warning of warnings) {
            if (warnOnce(warning)) env.console.warn(`${LOG_PREFIX} ${type}: ${warning.message}`);
        }
        const id = nextId();
        const posted = post(createEnvelope('call', type, id, call.value.call.payload));
        if (!posted.ok) {
            report(`${type} was not sent: ${posted.error.message}`);
            return posted;
        }
        return warnings.length > 0 ? { ok: true, id, warnings } : { ok: true, id };
    }

    const api: Record<string, unknown> = {
        version: WRAPPER_VERSION,
        load(cb: unknown): SendResult {
            if (typeof cb !== 'function' && typeof cb !== 'string') {
                const error: BridgeError = {
                    code: 'WRONG_TYPE',
                    message: 'load(callback) needs a function (or the name of a global function).',
                    field: 'callback'
                };
                report(error.message);
                return { ok: false, error };
            }
            callback = cb as SoftphoneCallback | string;
            missingReported = false;
            const id = nextId();
            const posted = post(createEnvelope('hello', 'load', id, { wrapperVersion: WRAPPER_VERSION }));
            // Deliver what came before load(), in order, even if the hello could not be sent.
            const pending = queued.splice(0, queued.length);
            pending.forEach((event) => deliver(event));
            if (!posted.ok) {
                report(`load was not announced to Salesforce: ${posted.error.message}`);
                return posted;
            }
            return { ok: true, id };
        }
    };
    for (const type of SOFTPHONE_CALL_TYPES) api[type] = (...args: unknown[]): SendResult => send(type, args);
    return Object.freeze(api) as unknown as StreemSoftphoneBridge;
}
