/**
 * The workbench's `sforce.opencti` (served as /support/api/<version>/lightning/opencti_min.js on
 * the Visualforce origin). The adapter page loads it exactly as it loads Salesforce's script; each
 * method takes one object argument and answers through `callback` with `{ success, returnValue,
 * errors }` (Open CTI developer guide, "Working with Open CTI methods" and each method's
 * Lightning Experience page: developer.salesforce.com/docs/service/api-cti/guide/).
 *
 * Calls go to the hosting Lightning window (the parent, another origin) over postMessage; the
 * parent's origin comes from the `sfdcIFrameOrigin` query parameter the workbench adds to the
 * adapter URL, as Lightning Experience does. Replies and listener events are accepted only from
 * that window and origin. Listeners and callbacks never leave this frame.
 * Loaded outside an adapter frame, every call fails with "Failed to initialize Open CTI", as the
 * real script does (a lesson from the Open CTI demo adapter's issues).
 */
import { CALL_TYPE, SCREENPOP_TYPE } from './constants';
import {
    fail,
    OPENCTI_METHODS,
    OPENCTI_TAG,
    parseHostMessage,
    type OpenCtiMethod,
    type OpenCtiRequest,
    type OpenCtiResponse
} from './protocol';

type Callback = (response: OpenCtiResponse) => void;
type Listener = (payload: unknown) => void;
type Args = Record<string, unknown> & { callback?: Callback; listener?: Listener };

const parentOrigin = ((): string | null => {
    try {
        const origin = new URLSearchParams(window.location.search).get('sfdcIFrameOrigin');
        return origin && window.parent !== window ? new URL(origin).origin : null;
    } catch {
        return null;
    }
})();

const pending = new Map<number, Callback | undefined>();
const listeners = new Map<string, Listener>();
let nextId = 1;

function invoke(callback: Callback | undefined, response: OpenCtiResponse): void {
    if (typeof callback !== 'function') return;
    // Callbacks run in their own task, as the platform's do; an exception stays in the adapter's code.
    setTimeout(() => callback(response), 0);
}

/** Copies the JSON-safe part of an argument object; functions stay here. */
function plainArgs(args: Args): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(args ?? {})) {
        if (typeof value === 'function') continue;
        out[key] = value;
    }
    return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

function call(method: OpenCtiMethod, args: Args | undefined, onSuccess?: (returnValue: unknown) => void): void {
    const input: Args = args ?? {};
    if (!parentOrigin) {
        const message =
            'Failed to initialize Open CTI. Ensure that it is loaded from the right frame in the right context.';
        console.error(`sforce.opencti.${method}: ${message}`);
        invoke(input.callback, fail(message));
        return;
    }
    let plain: Record<string, unknown>;
    try {
        plain = plainArgs(input);
    } catch (error) {
        invoke(
            input.callback,
            fail(
                `${method}: arguments must be JSON-serializable (${error instanceof Error ? error.message : String(error)}).`
            )
        );
        return;
    }
    const id = nextId++;
    pending.set(id, (response) => {
        if (response.success && onSuccess) onSuccess(response.returnValue);
        invoke(input.callback, response);
    });
    const request: OpenCtiRequest = { tag: OPENCTI_TAG, kind: 'request', id, method, args: plain };
    window.parent.postMessage(request, parentOrigin);
}

window.addEventListener('message', (event: MessageEvent) => {
    if (!parentOrigin || event.source !== window.parent || event.origin !== parentOrigin) return;
    const message = parseHostMessage(event.data);
    if (!message) return;
    if (message.kind === 'response') {
        const done = pending.get(message.id);
        pending.delete(message.id);
        done?.(message.response);
        return;
    }
    const listener = listeners.get(message.listener);
    if (listener) setTimeout(() => listener(message.payload), 0);
});

function registerListener(name: string, method: OpenCtiMethod) {
    return (args: Args): void => {
        if (typeof args?.listener !== 'function') {
            invoke(args?.callback, fail(`${method} needs listener, a function.`));
            return;
        }
        listeners.set(name, args.listener);
        call(method, args);
    };
}

const api: Record<string, unknown> = {
    CALL_TYPE,
    SCREENPOP_TYPE,
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
            if (id) listeners.set(`lms:${id}`, listener);
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
}

const root = window as unknown as { sforce?: Record<string, unknown> };
root.sforce = root.sforce ?? {};
root.sforce.opencti = Object.freeze(api);
