/**
 * Runs as a Playwright init script, before the page's own scripts, in the main world (outside
 * Lightning Web Security's sandbox), and changes nothing the package sees:
 *  - in the Lightning page: times how long each channel event takes to show in the component.
 *    A capture-phase `message` listener, the window's first, notes when the adapter frame's
 *    `publish` request arrives (the workbench's Open CTI host hands it to its LMS stand-in, which
 *    delivers it to every subscriber in a microtask of the same task, as messages arrive on the
 *    platform). A MutationObserver on the component's element (the engine's original one, kept
 *    before synthetic shadow patches it, so nested shadow trees are seen too) notes when the
 *    component's DOM changed: its callback runs right after the microtask in which LWC re-rendered
 *    and ran renderedCallback. A MessageChannel task closes the event's window.
 *  - in the Lightning page and the adapter frame: reads the origin's storage sizes, and counts
 *    what is written to it (Storage.prototype.setItem wrapped before any page script, Lightning Web
 *    Security's storage distortion included, keeps a reference to it).
 */
import {
    SHIFT_CONFIG_GLOBAL,
    SHIFT_PAGE_GLOBAL,
    type OriginStorage,
    type PageTake,
    type RenderSample,
    type ShiftConfig,
    type StorageFigures
} from './shiftProtocol';

/** The workbench Open CTI protocol's tag (workbench/platform/opencti/protocol.ts OPENCTI_TAG). */
const OPENCTI_TAG = 'workbench:opencti';

const host = window as unknown as Record<string, unknown> & Window;
const config = host[SHIFT_CONFIG_GLOBAL] as ShiftConfig | undefined;
const origin = window.location.origin;

/** setItem calls and characters written (key and value), per area, since this document loaded. */
const written = { local: { writes: 0, chars: 0 }, session: { writes: 0, chars: 0 } };

if (config && (origin === config.appOrigin || origin === config.adapterOrigin)) {
    countWrites();
    const api: Record<string, unknown> = {
        storage: (): OriginStorage => ({ local: sizes('local'), session: sizes('session') })
    };
    if (origin === config.appOrigin && window === window.top) Object.assign(api, renderTimer(config));
    host[SHIFT_PAGE_GLOBAL] = Object.freeze(api);
}

function countWrites(): void {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- only ever called with .call(storage, …)
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string): void {
        const area = this === window.localStorage ? written.local : written.session;
        area.writes += 1;
        area.chars += String(key).length + String(value).length;
        setItem.call(this, key, value);
    };
}

function sizes(kind: 'local' | 'session'): StorageFigures {
    const store = kind === 'local' ? window.localStorage : window.sessionStorage;
    const all: [string, number][] = [];
    let chars = 0;
    for (let i = 0; i < store.length; i++) {
        const key = store.key(i) ?? '';
        const size = key.length + (store.getItem(key) ?? '').length;
        chars += size;
        all.push([key, size]);
    }
    all.sort((a, b) => b[1] - a[1]);
    return {
        keys: all.length,
        chars,
        largest: all.slice(0, 3),
        writes: written[kind].writes,
        writtenChars: written[kind].chars
    };
}

function renderTimer(cfg: ShiftConfig): Record<string, unknown> {
    // The originals, kept before synthetic shadow patches them to hide what is inside shadow trees.
    const NativeObserver = window.MutationObserver;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- only ever called with .call(observer, …)
    const observe = NativeObserver.prototype.observe;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- only ever called with .call(root, …)
    const querySelectorAll = Element.prototype.querySelectorAll;
    const now = (): number => performance.now();
    const samples: RenderSample[] = [];
    let hostsReplaced = 0;
    let noComponent = 0;
    let current: Element | null = null;
    let open: { type: string; start: number; rendered: number } | null = null;
    const waiters = new Set<() => boolean>();

    const observer = new NativeObserver(() => {
        if (open) open.rendered = now();
        for (const check of [...waiters]) check();
    });
    const closer = new MessageChannel();
    const close = (): void => {
        if (!open) return;
        const { type, start, rendered } = open;
        open = null;
        samples.push([type, rendered ? rendered - start : -1, now() - start]);
    };
    closer.port1.onmessage = close;

    function watchComponent(): boolean {
        const element = querySelectorAll.call(document.documentElement, cfg.componentTag)[0] ?? null;
        if (element === current) return element !== null;
        if (current) hostsReplaced += 1;
        current = element;
        observer.disconnect();
        if (element) {
            const options = { subtree: true, childList: true, attributes: true, characterData: true };
            observe.call(observer, element, options);
            // Native shadow (not the workbench's synthetic shadow): its tree is not the element's subtree.
            if (element.shadowRoot) observe.call(observer, element.shadowRoot, options);
        }
        return element !== null;
    }

    window.addEventListener(
        'message',
        (event: MessageEvent) => {
            if (event.origin !== cfg.adapterOrigin) return;
            const data = event.data as {
                tag?: unknown;
                kind?: unknown;
                method?: unknown;
                args?: { message?: { type?: unknown } };
            } | null;
            if (data?.tag !== OPENCTI_TAG || data.kind !== 'request' || data.method !== 'publish') return;
            close();
            if (!watchComponent()) {
                noComponent += 1;
                return;
            }
            const type = data.args?.message?.type;
            open = { type: typeof type === 'string' ? type : '?', start: now(), rendered: 0 };
            closer.port2.postMessage(0);
        },
        { capture: true }
    );

    /** The state the component shows for its call (`[data-id="call"]`'s `data-state`), if any. */
    function callState(): string | null {
        if (!current) return null;
        let found = querySelectorAll.call(current, '[data-id="call"]')[0];
        // Native shadow (not the workbench's synthetic shadow): look inside the component's own root too.
        if (!found && current.shadowRoot) {
            try {
                found = current.shadowRoot.querySelectorAll('[data-id="call"]')[0];
            } catch {
                found = undefined;
            }
        }
        return found ? found.getAttribute('data-state') : null;
    }

    return {
        /** Resolves once the component shows its call in one of `states` (checked as its DOM changes; no polling). */
        waitForCall(args: { states: string[]; timeoutMs: number }): Promise<string> {
            return new Promise((resolve, reject) => {
                let timer = 0;
                const check = (): boolean => {
                    const state = callState();
                    if (state === null || !args.states.includes(state)) return false;
                    waiters.delete(check);
                    clearTimeout(timer);
                    resolve(state);
                    return true;
                };
                watchComponent();
                if (check()) return;
                waiters.add(check);
                timer = window.setTimeout(() => {
                    waiters.delete(check);
                    reject(
                        new Error(`the component shows ${callState() ?? 'no call'}, not ${args.states.join(' or ')}`)
                    );
                }, args.timeoutMs);
            });
        },
        take(): PageTake {
            close();
            const taken: PageTake = { samples: samples.splice(0), hostsReplaced, noComponent };
            hostsReplaced = 0;
            noComponent = 0;
            return taken;
        }
    };
}
