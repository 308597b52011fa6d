/**
 * Test harness for the adapter: the workbench's one Open CTI fake in process
 * (workbench/platform/opencti/inProcess.ts over host.ts and the workbench org), the adapter page's
 * DOM in jsdom, and the vendor side played by the real wrapper library (src/bridge/wrapper) wired
 * to the adapter's softphone iframe the way postMessage would: each hop is a later task, the
 * adapter's messages reach the vendor only at the configured softphone origin, and the vendor's
 * messages arrive with `source` = the iframe's window and `origin` = the softphone origin.
 */
import { CALL_CENTER, toSettingsMap } from '../../../callCenter/definition';
import { createSoftphoneWrapper } from '../../wrapper/softphoneWrapper';
import type { StreemSoftphoneBridge } from '../../wrapper/softphoneWrapper';
import { createAmeyoToolbar } from '../../ameyo/toolbar';
import { startAdapter } from '../adapter';
import type { AdapterEnvironment, AdapterHandle } from '../adapter';
import { DEFAULT_LABELS } from '../adapterConfig';
import type { LockManagerLike } from '../storage';
import { createInProcessWorkbench } from '../../../../workbench/platform/opencti/inProcess';
import type { InProcessWorkbench } from '../../../../workbench/platform/opencti/inProcess';
import { USER_ID } from '../../../../workbench/platform/org/sampleData';

export const SOFTPHONE_ORIGIN = 'https://softphone.vendor.test';
export const SOFTPHONE_URL = `${SOFTPHONE_ORIGIN}/agent`;
export const PARTNER_ID = '215fd887-39be-4935-981f-2670d6afeaa7';
export const BUSINESS_SEGMENT_ID = 'd6afeaa7-39be-4935-981f-2670215fd887';
export const CHANNEL_ORIGIN_ID = '57053e21-0440-4689-a27a-513d7dceebde';
export const DIAL_FROM = '+18449401117';

/** Call center values as an admin would set them; `overrides` are `/section/item` keys. */
export function callCenterSettings(overrides: Record<string, string> = {}): Record<string, string> {
    return toSettingsMap(CALL_CENTER, {
        '/vendorSoftphone/softphoneUrl': SOFTPHONE_URL,
        '/vendorSoftphone/partnerId': PARTNER_ID,
        '/vendorSoftphone/businessSegmentId': BUSINESS_SEGMENT_ID,
        '/vendorSoftphone/channelOriginId': CHANNEL_ORIGIN_ID,
        '/vendorSoftphone/dialFrom': DIAL_FROM,
        '/vendorSoftphone/participantType': 'Traveler',
        '/vendorSoftphone/presenceStatuses':
            'aaaaaaaa-0000-4000-8000-000000000001=Available;aaaaaaaa-0000-4000-8000-000000000002=Break',
        '/screenPop/noMatch': 'none',
        '/screenPop/multipleMatches': 'ask',
        '/callLogging/logFailedAfter': '2',
        '/callLogging/logRetryDelayMs': '1000',
        ...overrides
    });
}

/** A minimal Web Locks manager (navigator.locks) with optional grant delay, shared by "tabs" in a test. */
export class FakeLocks implements LockManagerLike {
    private readonly held = new Map<string, Promise<unknown>>();
    grantDelayMs = 0;

    async request(
        name: string,
        options: { ifAvailable?: boolean },
        callback: (lock: unknown) => unknown
    ): Promise<unknown> {
        if (this.grantDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.grantDelayMs));
        if (options.ifAvailable && this.held.has(name)) return callback(null);
        while (this.held.has(name)) await this.held.get(name);
        const holder = Promise.resolve().then(() => callback({ name }));
        const tracked = holder.then(
            () => undefined,
            () => undefined
        );
        this.held.set(name, tracked);
        void tracked.then(() => {
            if (this.held.get(name) === tracked) this.held.delete(name);
        });
        return holder;
    }

    query(): Promise<{ held: { name: string }[] }> {
        return Promise.resolve({ held: [...this.held.keys()].map((name) => ({ name })) });
    }
}

/** Storage with the localStorage shape, per simulated tab or shared. */
export class MemoryStorage implements Storage {
    private data = new Map<string, string>();
    get length(): number {
        return this.data.size;
    }
    clear(): void {
        this.data.clear();
    }
    getItem(key: string): string | null {
        return this.data.get(key) ?? null;
    }
    key(index: number): string | null {
        return [...this.data.keys()][index] ?? null;
    }
    removeItem(key: string): void {
        this.data.delete(key);
    }
    setItem(key: string, value: string): void {
        this.data.set(key, String(value));
    }
}

export const quiet = { warn: jest.fn(), error: jest.fn() };

/**
 * Lets pending timers, callbacks and promise chains run (fake timers): `ms` of simulated time, then
 * a few 1 ms steps (fake timers run a timer set during a tick for "0 ms" only on a later tick).
 */
export async function settle(ms = 0): Promise<void> {
    if (ms > 0) await jest.advanceTimersByTimeAsync(ms);
    for (let i = 0; i < 25; i++) await jest.advanceTimersByTimeAsync(1);
}

/** Advances simulated time until the adapter has started (at most `limitMs`). */
export async function waitReady(adapter: AdapterHandle, limitMs = 120_000): Promise<void> {
    let done = false;
    void adapter.ready.then(() => (done = true));
    for (let waited = 0; !done && waited < limitMs; waited += 500) {
        await jest.advanceTimersByTimeAsync(500);
        for (let i = 0; i < 5 && !done; i++) await jest.advanceTimersByTimeAsync(1);
    }
    if (!done) throw new Error(`The adapter did not start within ${limitMs} ms of simulated time.`);
    await settle();
}

const a11ySnapshots: HTMLElement[] = [];

/** Keeps a copy of the panel as it looks now, for `expectSnapshotsAccessible` (sa11y needs real timers). */
export function snapshotForA11y(root: HTMLElement): void {
    a11ySnapshots.push(root.cloneNode(true) as HTMLElement);
}

/** Checks every snapshot taken in this test with toBeAccessible() (call it in afterEach); switches to real timers. */
export async function expectSnapshotsAccessible(): Promise<void> {
    jest.useRealTimers();
    const snapshots = a11ySnapshots.splice(0);
    for (const snapshot of snapshots) {
        document.body.replaceChildren(snapshot);
        await expect(snapshot).toBeAccessible();
    }
}

export interface Vendor {
    bridge: StreemSoftphoneBridge;
    /** Callback events the vendor received: [eventType, payload]. */
    events: [string, unknown][];
    /** Every message the adapter posted to the iframe, with its target origin. */
    posts: { data: unknown; targetOrigin: string }[];
    /** Posts raw data to the adapter as the softphone frame (or as `source` / `origin` given). */
    postRaw(data: unknown, from?: { source?: Window | null; origin?: string }): void;
    frameWindow: Window;
}

/** Connects the wrapper library, as the vendor page inside the adapter's iframe, and calls load(). */
export function connectVendor(adapter: AdapterHandle, options: { load?: boolean } = {}): Vendor {
    const iframe = adapter.view.iframe;
    if (!iframe?.contentWindow) throw new Error('The adapter has not mounted the softphone iframe.');
    const frameWindow = iframe.contentWindow;
    const adapterOrigin = window.location.origin;
    const vendorWindow = new EventTarget() as EventTarget & Record<string, unknown>;
    const posts: Vendor['posts'] = [];
    const parent = {
        postMessage(data: unknown, targetOrigin: string): void {
            if (targetOrigin !== adapterOrigin) return;
            const copy = JSON.parse(JSON.stringify(data)) as unknown;
            setTimeout(
                () =>
                    window.dispatchEvent(
                        new MessageEvent('message', { data: copy, origin: SOFTPHONE_ORIGIN, source: frameWindow })
                    ),
                0
            );
        }
    };
    jest.spyOn(frameWindow, 'postMessage').mockImplementation(((data: unknown, targetOrigin: unknown) => {
        const target = typeof targetOrigin === 'string' ? targetOrigin : '';
        posts.push({ data, targetOrigin: target });
        if (target !== SOFTPHONE_ORIGIN) return;
        const copy = JSON.parse(JSON.stringify(data)) as unknown;
        setTimeout(() => {
            const event = Object.assign(new Event('message'), { data: copy, origin: adapterOrigin, source: parent });
            vendorWindow.dispatchEvent(event);
        }, 0);
    }) as typeof frameWindow.postMessage);
    const bridge = createSoftphoneWrapper({
        window: vendorWindow,
        parent: parent as unknown as Window,
        crmOrigin: { ok: true, value: adapterOrigin },
        console: quiet,
        idPrefix: 'vendor'
    });
    const events: [string, unknown][] = [];
    if (options.load !== false) bridge.load((type, payload) => events.push([type, payload]));
    return {
        bridge,
        events,
        posts,
        frameWindow,
        postRaw(data, from = {}) {
            window.dispatchEvent(
                new MessageEvent('message', {
                    data,
                    origin: from.origin ?? SOFTPHONE_ORIGIN,
                    source: from.source === undefined ? frameWindow : from.source
                })
            );
        }
    };
}

export interface Started {
    wb: InProcessWorkbench;
    adapter: AdapterHandle;
    root: HTMLElement;
}

/** Starts an adapter page against the workbench (a new one unless given). */
export function startPage(
    options: {
        settings?: Record<string, string>;
        wb?: InProcessWorkbench;
        latencyMs?: number;
        locks?: LockManagerLike | null;
        localStorage?: Storage;
        sessionStorage?: Storage;
        /** null: a page without an API session (no Task lookup). */
        apiSession?: null;
        /** How the page gets the softphoneAmeyo resource's module; default: at once, from source. */
        loadAmeyo?: AdapterEnvironment['loadAmeyo'];
        /** The page's `data-ameyo-script` (the softphoneAmeyo resource's URL), for the default loader. */
        ameyoScriptUrl?: string;
        /** Use the adapter's own script-element loader (ameyoLoader.ts) instead of `loadAmeyo`. */
        defaultAmeyoLoader?: boolean;
        /** The page's `data-time-zone` (the user's `{!$User.TimeZoneSidKey}`). */
        timeZone?: string;
    } = {}
): Started {
    const wb =
        options.wb ??
        createInProcessWorkbench({
            settings: options.settings ?? callCenterSettings(),
            ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs })
        });
    if (options.wb && options.settings) wb.setSettings(options.settings);
    const root = document.createElement('div');
    document.body.append(root);
    let counter = 0;
    const adapter = startAdapter({
        window,
        document,
        root,
        opencti: wb.opencti,
        labels: DEFAULT_LABELS,
        locks: options.locks ?? null,
        localStorage: options.localStorage ?? window.localStorage,
        sessionStorage: options.sessionStorage ?? window.sessionStorage,
        newId: () => `id${++counter}${Math.random().toString(36).slice(2, 8)}`,
        console: quiet,
        // The page's {!$Api.Session_ID} and the Visualforce domain's REST query resource, as the workbench serves them.
        ...(options.apiSession === null ? {} : { apiSession: { sessionId: wb.sessionId, userId: USER_ID } }),
        fetch: (input, init) => wb.fetch(input, init),
        ...(options.ameyoScriptUrl ? { ameyoScriptUrl: options.ameyoScriptUrl } : {}),
        ...(options.timeZone ? { timeZone: options.timeZone } : {}),
        // jsdom loads no script: the static resource softphoneAmeyo's module, as the page would load it.
        ...(options.defaultAmeyoLoader
            ? {}
            : { loadAmeyo: options.loadAmeyo ?? (() => Promise.resolve({ createAmeyoToolbar })) })
    });
    return { wb, adapter, root };
}

/**
 * The adapter pages one test file starts, with the hooks every such file needs: fake timers and
 * empty storage before each test; after it, every page ended, every panel state it rendered checked
 * for accessibility, the document emptied and mocks restored. `page` starts one page, `ready` also
 * waits for it and connects a vendor.
 */
export function useAdapterPages(): {
    page(options?: Parameters<typeof startPage>[0]): Started;
    ready(options?: Parameters<typeof startPage>[0]): Promise<Started & { vendor: Vendor }>;
} {
    const started: Started[] = [];
    const page = (options: Parameters<typeof startPage>[0] = {}): Started => {
        const s = startPage(options);
        started.push(s);
        return s;
    };
    beforeEach(() => {
        jest.useFakeTimers();
        window.localStorage.clear();
        window.sessionStorage.clear();
    });
    afterEach(async () => {
        for (const s of started.splice(0)) s.adapter.dispose();
        await expectSnapshotsAccessible();
        document.body.replaceChildren();
        jest.restoreAllMocks();
        jest.useRealTimers();
    });
    return {
        page,
        async ready(options = {}) {
            const s = page(options);
            await waitReady(s.adapter);
            const vendor = connectVendor(s.adapter);
            await settle();
            return { ...s, vendor };
        }
    };
}

/** What the adapter published on the message channel (the LMS bus), events only. */
export function channelEvents(wb: InProcessWorkbench, type?: string): { type: string; payload: unknown }[] {
    return wb.bus
        .published('SoftphoneBridge__c')
        .map((p) => p.message as { kind?: string; type: string; payload: unknown })
        .filter((m) => m.kind === 'event' && (type === undefined || m.type === type));
}

export { DEFAULT_LABELS };
