/**
 * The adapter-frame side of the workbench's `sforce.opencti`, shared by both transports: the browser
 * script (opencti.ts, postMessage to the hosting Lightning window) and the Jest one (inProcess.ts,
 * direct calls into host.ts). A transport only sends a request and hands back the host's answer;
 * this module keeps what the adapter sees of the real script:
 *  - the shape of `sforce.opencti`: `CALL_TYPE`, `SCREENPOP_TYPE` and one function per method, each
 *    taking one object argument and answering through `callback` with `{ success, returnValue,
 *    errors }` (Open CTI developer guide, "Working with Open CTI methods":
 *    developer.salesforce.com/docs/service/api-cti/guide/);
 *  - callbacks and listeners run in their own task, never synchronously, so an exception stays in
 *    the adapter's code;
 *  - only the keys opencti.js sends on (SENT_KEYS), and only their JSON-safe part, leave the frame;
 *    listeners and callbacks stay here;
 *  - each method checks its arguments as Salesforce's opencti.js does, and throws synchronously
 *    when they are wrong (validateArguments / validateCallback / validateListener /
 *    validateValueObject: one non-empty object argument; `refreshView`, `enableClickToDial` and
 *    `disableClickToDial` take none or a non-empty one, so `disableClickToDial({})` throws;
 *    `notifyInitializationComplete` checks nothing). Read from a public copy of the script
 *    (API_VERSION 43); the LMS methods are taken to check like the others;
 *  - onClickToDial / onNavigationChange listeners and LMS subscriptions (subscribe / unsubscribe,
 *    sforce-api-cti-methods-lms) are kept here, keyed as the host addresses its events:
 *    'clickToDial' | 'navigationChange' | `lms:${subscriptionId}`.
 */
import { CALL_TYPE, SCREENPOP_TYPE } from './constants';
import { fail, OPENCTI_METHODS, type OpenCtiMethod, type OpenCtiResponse } from './protocol';

type Callback = (response: OpenCtiResponse) => void;
type Listener = (payload: unknown) => void;
type Args = Record<string, unknown> & { callback?: unknown; listener?: unknown };

/** How a `sforce.opencti` client reaches the host. */
export interface OpenCtiTransport {
    /**
     * Null when calls can reach a host; otherwise the error every call throws, checked before
     * anything else (the browser script outside an adapter frame).
     */
    unavailable?(): string | null;
    /** Sends one request (arguments already JSON-copied); calls `reply` once with the host's answer. */
    send(method: OpenCtiMethod, args: Record<string, unknown>, reply: (response: OpenCtiResponse) => void): void;
    /**
     * A simulated hop back to the frame, in ms (in process). When set, each callback is scheduled
     * this long after the host answered (listener bookkeeping happens at once), and each listener
     * event runs this long after `deliver`. Unset: answers and events already came over a real hop.
     */
    readonly returnHopMs?: number;
}

export interface OpenCtiClient {
    /** The `sforce.opencti` object (not frozen: the transport may add to it, then freeze it). */
    readonly api: Record<string, unknown>;
    /** A listener event from the host; runs the listener registered under that name, if any, in a later task. */
    deliver(listener: string, payload: unknown): void;
}

/** Copies the JSON-safe part of an argument object; functions stay in the frame. Throws on cycles, BigInt. */
function plainArgs(args: Args): Record<string, unknown> {
    const out = Object.fromEntries(Object.entries(args).filter(([, value]) => typeof value !== 'function'));
    return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

/**
 * What opencti.js sends on for each method: only these keys of the argument object reach Salesforce
 * (screenPop sends `{ type, params }`, so a `defaultFieldValues` beside `params` is lost). The LMS
 * methods are not in the copy read, so everything JSON-safe goes on for them.
 */
const SENT_KEYS: Partial<Record<OpenCtiMethod, readonly string[]>> = {
    setSoftphonePanelVisibility: ['visible'],
    screenPop: ['type', 'params'],
    searchAndScreenPop: ['searchParams', 'callType', 'queryParams', 'defaultFieldValues', 'deferred', 'params'],
    saveLog: ['value'],
    setSoftphoneItemLabel: ['label'],
    setSoftphoneItemIcon: ['key'],
    setSoftphonePanelHeight: ['heightPX'],
    setSoftphonePanelWidth: ['widthPX'],
    isSoftphonePanelVisible: [],
    getAppViewInfo: [],
    refreshView: [],
    notifyInitializationComplete: [],
    getCallCenterSettings: [],
    onClickToDial: [],
    enableClickToDial: [],
    disableClickToDial: [],
    getSoftphoneLayout: [],
    onNavigationChange: []
};

/** Methods whose one argument object may be left out (opencti.js: validateArguments(arguments, true)). */
const OPTIONAL_ARGUMENT: ReadonlySet<OpenCtiMethod> = new Set([
    'refreshView',
    'enableClickToDial',
    'disableClickToDial'
]);
/** Methods that check nothing at all. */
const UNCHECKED: ReadonlySet<OpenCtiMethod> = new Set(['notifyInitializationComplete']);
/** Methods that throw without a callback function (opencti.js: validateCallback). */
const NEEDS_CALLBACK: ReadonlySet<OpenCtiMethod> = new Set([
    'isSoftphonePanelVisible',
    'getAppViewInfo',
    'getCallCenterSettings',
    'getSoftphoneLayout'
]);
/** Methods that throw without a listener function (opencti.js: validateListener). */
const NEEDS_LISTENER: ReadonlySet<OpenCtiMethod> = new Set(['onClickToDial', 'onNavigationChange', 'subscribe']);

/** Throws as opencti.js does when a method's arguments are wrong. */
export function validateOpenCtiArguments(method: OpenCtiMethod, params: readonly unknown[]): void {
    if (UNCHECKED.has(method)) return;
    if (!OPTIONAL_ARGUMENT.has(method) || params.length > 0) {
        const [only] = params;
        if (!(params.length === 1 && typeof only === 'object' && only !== null && Object.keys(only).length > 0))
            throw new Error('Must pass in only one object which holds arguments to this API method call.');
    }
    const args = params[0] as Args | undefined;
    if (NEEDS_CALLBACK.has(method) && typeof args?.callback !== 'function')
        throw new Error('Missing the required argument `callback`!');
    if (NEEDS_LISTENER.has(method) && typeof args?.listener !== 'function')
        throw new Error('Missing the required argument `listener`!');
    if (method === 'saveLog' && (typeof args?.value !== 'object' || args.value === null))
        throw new Error('Missing the required argument `value object`!');
}

/** Builds `sforce.opencti` over a transport. */
export function createOpenCtiClient(transport: OpenCtiTransport): OpenCtiClient {
    const listeners = new Map<string, Listener>();
    const hop = transport.returnHopMs;

    function invoke(callback: unknown, response: OpenCtiResponse): void {
        if (typeof callback !== 'function') return;
        // Callbacks run in their own task, as the platform's do; an exception stays in the adapter's code.
        setTimeout(() => (callback as Callback)(response), 0);
    }

    function call(method: OpenCtiMethod, raw: Args | undefined, onSuccess?: (returnValue: unknown) => void): void {
        const args: Args = raw ?? {};
        const unavailable = transport.unavailable?.() ?? null;
        // The real script's postMessage to a null origin throws in the caller's stack.
        if (unavailable !== null) throw new Error(unavailable);
        const keys = SENT_KEYS[method];
        let plain: Record<string, unknown>;
        try {
            plain = plainArgs(
                keys ? Object.fromEntries(Object.entries(args).filter(([key]) => keys.includes(key))) : args
            );
        } catch (error) {
            invoke(
                args.callback,
                fail(
                    `${method}: arguments must be JSON-serializable (${error instanceof Error ? error.message : String(error)}).`
                )
            );
            return;
        }
        transport.send(method, plain, (response) => {
            if (response.success) onSuccess?.(response.returnValue);
            if (hop === undefined) invoke(args.callback, response);
            else setTimeout(() => invoke(args.callback, response), hop);
        });
    }

    function registerListener(name: string, method: OpenCtiMethod) {
        return (args: Args): void => {
            if (typeof args?.listener !== 'function') {
                invoke(args?.callback, fail(`${method} needs listener, a function.`));
                return;
            }
            listeners.set(name, args.listener as Listener);
            call(method, args);
        };
    }

    const api: Record<string, unknown> = {
        CALL_TYPE: { ...CALL_TYPE },
        SCREENPOP_TYPE: { ...SCREENPOP_TYPE },
        onClickToDial: registerListener('clickToDial', 'onClickToDial'),
        onNavigationChange: registerListener('navigationChange', 'onNavigationChange'),
        subscribe(args: Args): void {
            const listener = args?.listener;
            if (typeof listener !== 'function') {
                invoke(args?.callback, fail('subscribe needs listener, a function.'));
                return;
            }
            call('subscribe', args, (returnValue) => {
                const id = (returnValue as { subscriptionId?: string } | null)?.subscriptionId;
                if (id) listeners.set(`lms:${id}`, listener as Listener);
            });
        },
        unsubscribe(args: Args): void {
            const id = (args?.subscription as { subscriptionId?: string } | undefined)?.subscriptionId;
            call('unsubscribe', args, () => {
                if (id) listeners.delete(`lms:${id}`);
            });
        }
    };
    for (const method of OPENCTI_METHODS) {
        if (!(method in api)) api[method] = (args?: Args) => call(method, args);
        const run = api[method] as (args?: Args) => void;
        api[method] = (...params: unknown[]): void => {
            validateOpenCtiArguments(method, params);
            run(params[0] as Args | undefined);
        };
    }

    return {
        api,
        deliver(listener, payload) {
            setTimeout(() => listeners.get(listener)?.(payload), hop ?? 0);
        }
    };
}
