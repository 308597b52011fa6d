/**
 * The workbench's `sforce.opencti` (served as /support/api/<version>/lightning/opencti_min.js on
 * the Visualforce origin). The adapter page loads it exactly as it loads Salesforce's script; each
 * method takes one object argument and answers through `callback` with `{ success, returnValue,
 * errors }` (Open CTI developer guide, "Working with Open CTI methods" and each method's
 * Lightning Experience page: developer.salesforce.com/docs/service/api-cti/guide/). The object
 * itself, listeners and callbacks are client.ts; this file is the browser transport.
 *
 * Calls go to the hosting Lightning window (the parent, another origin) over postMessage; the
 * parent's origin comes from the `sfdcIframeOrigin` query parameter (with `mode`) the workbench adds
 * to the adapter URL, as Lightning Experience does and as opencti.js reads them. Replies and listener
 * events are accepted only from that window and origin. Listeners and callbacks never leave this frame.
 * Loaded outside an adapter frame (either parameter missing, or not framed) it behaves as the real
 * script does: `sforce.opencti` is set, loading throws "Failed to initialize Open CTI…", and every
 * method then throws as its postMessage to a null origin does.
 */
import { createOpenCtiClient } from './client';
import { OPENCTI_TAG, parseHostMessage, type OpenCtiRequest, type OpenCtiResponse } from './protocol';

const parentOrigin = ((): string | null => {
    try {
        const params = new URLSearchParams(window.location.search);
        const origin = params.get('sfdcIframeOrigin');
        return origin && params.get('mode') && window.parent !== window ? new URL(origin).origin : null;
    } catch {
        return null;
    }
})();

const pending = new Map<number, (response: OpenCtiResponse) => void>();
let nextId = 1;

const client = createOpenCtiClient({
    unavailable: () =>
        parentOrigin ? null : "Failed to execute 'postMessage' on 'Window': Invalid target origin 'null'.",
    send(method, args, reply) {
        if (!parentOrigin) return;
        const id = nextId++;
        pending.set(id, reply);
        const request: OpenCtiRequest = { tag: OPENCTI_TAG, kind: 'request', id, method, args };
        window.parent.postMessage(request, parentOrigin);
    }
});

window.addEventListener('message', (event: MessageEvent) => {
    if (!parentOrigin || event.source !== window.parent || event.origin !== parentOrigin) return;
    const message = parseHostMessage(event.data);
    if (!message) return;
    if (message.kind === 'response') {
        const reply = pending.get(message.id);
        pending.delete(message.id);
        reply?.(message.response);
        return;
    }
    client.deliver(message.listener, message.payload);
});

const root = window as unknown as { sforce?: Record<string, unknown> };
root.sforce = root.sforce ?? {};
root.sforce.opencti = Object.freeze(client.api);
if (!parentOrigin)
    throw new Error(
        'Failed to initialize Open CTI. Ensure that it is loaded from the right frame with correct URL parameters'
    );
