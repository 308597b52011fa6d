/**
 * The in-process transport of the workbench's Open CTI host, for Jest: `createFakeOpenCti(host)`
 * returns an object with the shape of `sforce.opencti` (src/bridge/opencti/openCtiApi.ts) whose
 * calls reach the one framework-free host (host.ts) directly instead of over postMessage.
 *
 * It keeps what the adapter frame would see from the real script (client.ts, shared with the
 * browser transport): every argument is copied as JSON (functions stay on the adapter side),
 * callbacks run in a later task, never synchronously, with `{ success, returnValue, errors }`;
 * here answers and listener events are JSON copies too, and everything is delayed by `latencyMs`
 * (default 0) like a cross-frame round trip. Use Jest's fake timers to step through it.
 *
 * `createInProcessOrg` gives the host the workbench org (org/store.ts) with the same saveLog faults
 * the HTTP API applies (org/faults.ts); `createInProcessLightning` is a minimal Lightning window
 * that remembers the page shown, so pops and navigation can be asserted.
 */
import type { OpenCti } from '../../../src/bridge/opencti/openCtiApi';
import { MessageBus } from '../core/messageBus';
import { urlToPageReference } from '../core/pageReference';
import { NO_FAULTS, saveWithFaults, type SaveLogFaults } from '../org/faults';
import { inProcessFetch } from '../org/restQuery';
import { KEY_PREFIXES, type SObjectName } from '../org/sampleData';
import { OrgError, OrgStore } from '../org/store';
import { createOpenCtiClient } from './client';
import { createOpenCtiHost, type HostLightning, type HostOrg, type OpenCtiHost } from './host';

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
    const calls: { method: string; args: Record<string, unknown> }[] = [];
    const client = createOpenCtiClient({
        returnHopMs: latency,
        send(method, args, reply) {
            calls.push({ method, args });
            setTimeout(() => {
                void host.handle(method, args).then((response) => reply(jsonCopy(response)));
            }, latency);
        }
    });

    host.frameLoaded();
    host.connect((listener, payload) => client.deliver(listener, jsonCopy(payload)));
    return Object.assign(client.api, { calls }) as unknown as FakeOpenCti;
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
        async save(value) {
            try {
                return await saveWithFaults(faults, () => store.save(jsonCopy(value)));
            } catch (error) {
                // As the HTTP API reports it: "STATUS_CODE: message".
                if (error instanceof OrgError)
                    throw Object.assign(error, { errors: [`${error.statusCode}: ${error.message}`] });
                throw error instanceof Error ? error : new Error(String(error));
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
    /** The Visualforce page's session id (`{!$Api.Session_ID}`); `sessionExpired` makes it invalid. */
    sessionId: string;
    sessionExpired: boolean;
    /** `fetch` as the adapter page sees it on the Visualforce domain: the REST query resource (org/restQuery.ts). */
    fetch: ReturnType<typeof inProcessFetch>;
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
    const faults: SaveLogFaults = { ...NO_FAULTS };
    const bus = new MessageBus();
    const lightning = createInProcessLightning();
    let settings = { ...options.settings };
    const channels = options.messageChannels ?? ['SoftphoneBridge__c'];
    const host = createOpenCtiHost({
        org: createInProcessOrg(org, faults),
        lightning,
        settings: () => Promise.resolve({ ...settings }),
        containerStartupCalls: () => faults.openCtiContainerStartupCalls,
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
        sessionId: 'workbench-session-in-process',
        sessionExpired: false,
        fetch: inProcessFetch(
            org,
            {
                id: 'workbench-session-in-process',
                expired: () => workbench.sessionExpired || faults.saveLogLastingError === 'session'
            },
            faults
        ),
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
