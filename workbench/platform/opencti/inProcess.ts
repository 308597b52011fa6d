/**
 * The in-process transport of the workbench's Open CTI host, for Jest: `createFakeOpenCti(host)`
 * returns an object with the shape of `sforce.opencti` (src/bridge/opencti/openCtiApi.ts) whose
 * calls reach the one framework-free host (host.ts) directly instead of over postMessage.
 *
 * It keeps what the adapter frame would see from the real script: every argument is copied as JSON
 * (functions stay on the adapter side), callbacks run in a later task, never synchronously, with
 * `{ success, returnValue, errors }`, listeners get JSON copies, and everything is delayed by
 * `latencyMs` (default 0) like a cross-frame round trip. Use Jest's fake timers to step through it.
 *
 * `createInProcessOrg` gives the host the workbench org (org/store.ts) with the same saveLog fault
 * the HTTP API applies (org/faults.ts); `createInProcessLightning` is a minimal Lightning window
 * that remembers the page shown, so pops and navigation can be asserted.
 */
import type { OpenCti } from '../../../src/bridge/opencti/openCtiApi';
import { MessageBus } from '../core/messageBus';
import { urlToPageReference } from '../core/pageReference';
import { takeSaveLogFailure, type SaveLogFaults } from '../org/faults';
import { KEY_PREFIXES, type SObjectName } from '../org/sampleData';
import { OrgError, OrgStore } from '../org/store';
import { CALL_TYPE, SCREENPOP_TYPE } from './constants';
import { createOpenCtiHost, type HostLightning, type HostOrg, type OpenCtiHost } from './host';
import { fail, OPENCTI_METHODS, type OpenCtiMethod, type OpenCtiResponse } from './protocol';

type Callback = (response: OpenCtiResponse) => void;
type Listener = (payload: unknown) => void;
type Args = Record<string, unknown> & { callback?: unknown; listener?: unknown };

export interface FakeOpenCtiOptions {
    /** Delay of each request and of each listener event, in ms (a cross-frame hop). Default 0. */
    latencyMs?: number;
}

/** What tests can read beyond the OpenCti surface. */
export interface FakeOpenCti extends OpenCti {
    /** Every call the adapter made, in order (method and JSON copy of its arguments). */
    readonly calls: { method: string; args: Record<string, unknown> }[];
}

function jsonCopy<T>(value: T): T {
    return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** `sforce.opencti` for code running in the same process as the host (Jest). */
export function createFakeOpenCti(host: OpenCtiHost, options: FakeOpenCtiOptions = {}): FakeOpenCti {
    const latency = Math.max(0, options.latencyMs ?? 0);
    const listeners = new Map<string, Listener>();
    const calls: { method: string; args: Record<string, unknown> }[] = [];

    host.frameLoaded();
    host.connect((listener, payload) => {
        const copy = jsonCopy(payload);
        setTimeout(() => listeners.get(listener)?.(copy), latency);
    });

    function invoke(callback: unknown, response: OpenCtiResponse): void {
        if (typeof callback !== 'function') return;
        setTimeout(() => (callback as Callback)(jsonCopy(response)), 0);
    }

    function call(method: OpenCtiMethod, raw: Args | undefined, onSuccess?: (returnValue: unknown) => void): void {
        const args: Args = raw ?? {};
        let plain: Record<string, unknown>;
        try {
            plain = jsonCopy(
                Object.fromEntries(Object.entries(args).filter(([, value]) => typeof value !== 'function'))
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
        calls.push({ method, args: plain });
        setTimeout(() => {
            void host.handle(method, plain).then((response) => {
                if (response.success) onSuccess?.(response.returnValue);
                setTimeout(() => invoke(args.callback, response), latency);
            });
        }, latency);
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
        calls,
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
    }
    return api as unknown as FakeOpenCti;
}

/** The workbench org, in process, with the HTTP API's saveLog fault. */
export function createInProcessOrg(store: OrgStore, faults: SaveLogFaults): HostOrg {
    return {
        search(term, objects) {
            return Promise.resolve(
                store
                    .search(term, objects as SObjectName[])
                    .map(({ Id, Name, RecordType }) => ({ Id, Name, RecordType }))
            );
        },
        save(value) {
            const injected = takeSaveLogFailure(faults);
            if (injected) return Promise.reject(Object.assign(new Error(injected), { errors: [injected] }));
            try {
                return Promise.resolve(store.save(jsonCopy(value)));
            } catch (error) {
                // As the HTTP API reports it: "STATUS_CODE: message".
                if (error instanceof OrgError)
                    return Promise.reject(Object.assign(error, { errors: [`${error.statusCode}: ${error.message}`] }));
                return Promise.reject(error instanceof Error ? error : new Error(String(error)));
            }
        },
        record(recordId) {
            const found = store.get(recordId);
            return Promise.resolve(found ? { apiName: found.apiName, record: { ...found.record } } : undefined);
        }
    };
}

/** A Lightning window in memory: the page shown, and what refreshView did. */
export interface InProcessLightning extends HostLightning {
    /** Opens a page as the agent would (tells onNavigationChange listeners through the host). */
    open(path: string): void;
    /** Every page shown, oldest first. */
    readonly history: string[];
    refreshCount(): number;
    /** The record Id of the page shown, if it is a record page. */
    currentRecordId(): string | undefined;
}

export function createInProcessLightning(
    origin = 'https://workbench.lightning.force.com',
    start = '/lightning/page/home'
): InProcessLightning {
    const history = [start];
    let refreshes = 0;
    let onNavigate: (() => void) | undefined;
    const lightning: InProcessLightning & { setNavigationHandler(fn: () => void): void } = {
        origin: () => origin,
        currentPath: () => history[history.length - 1] ?? start,
        goTo(path) {
            history.push(path);
            onNavigate?.();
        },
        open(path) {
            history.push(path);
            onNavigate?.();
        },
        objectApiNameOf: (recordId) => KEY_PREFIXES[recordId.slice(0, 3)],
        refreshView() {
            refreshes += 1;
        },
        history,
        refreshCount: () => refreshes,
        currentRecordId() {
            const ref = urlToPageReference(lightning.currentPath());
            return ref.type === 'standard__recordPage' ? (ref.attributes?.recordId as string) : undefined;
        },
        setNavigationHandler(fn) {
            onNavigate = fn;
        }
    };
    return lightning;
}

export interface InProcessWorkbench {
    host: OpenCtiHost;
    /** The fake `sforce.opencti` an adapter under test uses. */
    opencti: FakeOpenCti;
    /** The org's records and Tasks. */
    org: OrgStore;
    faults: SaveLogFaults;
    bus: MessageBus;
    lightning: InProcessLightning;
    /** Replaces getCallCenterSettings' answer. */
    setSettings(settings: Record<string, string>): void;
    /** A new adapter frame (a page reload): a fresh fake `sforce.opencti` against the same org and host. */
    reloadAdapter(): FakeOpenCti;
}

/** The whole Open CTI side in process: org, Lightning window, LMS bus, host and the adapter's `sforce.opencti`. */
export function createInProcessWorkbench(options: {
    settings: Record<string, string>;
    messageChannels?: readonly string[];
    latencyMs?: number;
}): InProcessWorkbench {
    const org = new OrgStore();
    const faults: SaveLogFaults = { saveLogFailures: 0 };
    const bus = new MessageBus();
    const lightning = createInProcessLightning();
    let settings = { ...options.settings };
    const channels = options.messageChannels ?? ['SoftphoneBridge__c'];
    const host = createOpenCtiHost({
        org: createInProcessOrg(org, faults),
        lightning,
        settings: () => Promise.resolve({ ...settings }),
        bus,
        messageChannels: () => channels
    });
    (lightning as unknown as { setNavigationHandler(fn: () => void): void }).setNavigationHandler(() =>
        host.navigated()
    );
    const latency = options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs };
    const workbench: InProcessWorkbench = {
        host,
        opencti: createFakeOpenCti(host, latency),
        org,
        faults,
        bus,
        lightning,
        setSettings(next) {
            settings = { ...next };
        },
        reloadAdapter() {
            workbench.opencti = createFakeOpenCti(host, latency);
            return workbench.opencti;
        }
    };
    return workbench;
}
