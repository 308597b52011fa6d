/**
 * The Lightning Experience side of Open CTI in the workbench browser app: the framework-free host
 * (platform/opencti/host.ts, which cites the Open CTI guide for each behaviour) wired to this
 * window. Requests arrive over postMessage from the adapter frame only (origin and window checked;
 * anything else is logged and ignored) and are answered with `{ success, returnValue, errors }`;
 * listener events go back the same way. The org is the workbench server's (HTTP API, which also
 * applies the saveLog faults; the container start-up fault is read from it at each frame load),
 * navigation is the app router, LMS is the app's one bus.
 */
import { api, bus, config, emit, fetchRecord, goTo, log, on } from 'lex/runtime';
import { createOpenCtiHost, type PanelState } from '../../../opencti/host';
import type { SaveAnswer, SaveLogFaults } from '../../../org/faults';
import {
    fail,
    OPENCTI_TAG,
    parseRequest,
    type OpenCtiEvent,
    type OpenCtiRequest,
    type OpenCtiResponse
} from '../../../opencti/protocol';

export type { PanelState };

let adapterWindow: Window | null = null;

function post(message: unknown): void {
    adapterWindow?.postMessage(message, config().origins.visualforce);
}

const host = createOpenCtiHost({
    org: {
        async search(term, objects) {
            const { matches } = await api<{ matches: { Id: string; Name: string; RecordType: string }[] }>(
                `search?q=${encodeURIComponent(term)}&objects=${objects.join(',')}`
            );
            return matches;
        },
        save(value) {
            // The server answers how the record's answer travels under a fault (platform/org/faults.ts).
            return api<SaveAnswer>('saveLog', { method: 'POST', body: value });
        },
        async record(recordId) {
            try {
                return await fetchRecord(recordId);
            } catch {
                return undefined;
            }
        }
    },
    lightning: {
        origin: () => window.location.origin,
        currentPath: () => window.location.pathname + window.location.search,
        goTo: (path) => goTo(path),
        objectApiNameOf: (recordId) => config().keyPrefixes[recordId.slice(0, 3)],
        refreshView: () => emit('refresh-view')
    },
    settings: () => api<Record<string, string>>('callCenterSettings'),
    containerStartupCalls: () =>
        api<Partial<SaveLogFaults>>('faults').then((faults) => faults.openCtiContainerStartupCalls ?? 0),
    bus,
    messageChannels: () => config().messageChannels,
    log: (source, text, ok) => log(source, text, ok),
    onPanelChange: (state) => emit('softphone-panel', state),
    onTasksChanged: (taskId) => emit('tasks-changed', taskId)
});

host.connect((listener, payload) => {
    const event: OpenCtiEvent = { tag: OPENCTI_TAG, kind: 'event', listener, payload };
    post(event);
});

/** The panel state the adapter set (label, icon, size, visibility, standby). */
export const panel = host.panel as PanelState;

function onMessage(event: MessageEvent): void {
    const request: OpenCtiRequest | null = parseRequest(event.data);
    if (!request) return;
    if (event.origin !== config().origins.visualforce || !adapterWindow || event.source !== adapterWindow) {
        log(
            'security',
            `ignored an Open CTI request (${request.method}) from ${event.origin}: not the adapter frame`,
            false
        );
        return;
    }
    void host
        .handle(request.method, request.args)
        .catch((error: unknown): OpenCtiResponse => fail(error instanceof Error ? error.message : String(error)))
        .then((response) => post({ tag: OPENCTI_TAG, kind: 'response', id: request.id, response }));
}

/** Connects the utility bar's adapter iframe; `timeoutMs` and `standbyUrl` come from the call center. */
export function attachAdapterFrame(frame: HTMLIFrameElement, standby?: { url: string; timeoutMs: number }): void {
    adapterWindow = frame.contentWindow;
    host.frameLoaded(standby);
}

/** True when a click on a phone number was handed to the softphone (click-to-dial enabled and a listener registered). */
export function clickToDial(payload: {
    number: string;
    recordId: string;
    recordName: string;
    objectType: string;
}): boolean {
    return host.clickToDial(payload);
}

export function isClickToDialEnabled(): boolean {
    return host.isClickToDialEnabled();
}

/** Opens or minimizes the softphone panel from the utility bar. */
export function setPanelVisible(visible: boolean): void {
    host.setPanelVisible(visible);
}

window.addEventListener('message', onMessage);
on('navigate', () => host.navigated());
