/**
 * Runs in the adapter frame (the "Visualforce" origin) as a Playwright init script, before the
 * page's own scripts, and does nothing on any other origin. It observes; the package code is
 * unchanged and does not know it is measured:
 *  - `window.sforce.opencti` is caught as the workbench's opencti_min.js assigns it and replaced by
 *    a frozen copy whose `publish` and `searchAndScreenPop` note when they are invoked (the end
 *    point of a bridge hop) before calling the real method;
 *  - a capture-phase `message` listener, the frame's first, answers the vendor frame's bare pings
 *    (the baseline hop) and `quiet` requests (after an idle period of this main thread, which the
 *    Lightning page shares), and notes when each bridge envelope from the vendor arrives;
 *  - main-thread time in this frame is summed, exclusive, per owner: the package's adapter code
 *    (its window `message` listener, its Open CTI callbacks and listeners, its own timers) and the
 *    workbench's Open CTI stand-in (its `message` listener, its timers, the time inside its
 *    methods). Promise continuations run after a callback returns and are not included. A
 *    PerformanceObserver counts long tasks.
 */
import { BARE_TAG, BURST_PREFIX, CONFIG_GLOBAL, ENVELOPE_PROTOCOL, PROBE_GLOBAL } from './protocol';
import type { BareMessage, BenchConfig, BusyTotals, ProbeDump } from './protocol';

type Fn = (...args: unknown[]) => unknown;
type AnyListener = EventListenerOrEventListenerObject;
type Owner = 'adapter' | 'standIn' | 'other';

const host = window as unknown as Record<string, unknown> & Window;
const config = host[CONFIG_GLOBAL] as BenchConfig | undefined;

if (config && window.location.origin === config.adapterOrigin) install(config);

function install(cfg: BenchConfig): void {
    const clock = (): number => performance.timeOrigin + performance.now();
    const perfNow = (): number => performance.now();
    const realSetTimeout = window.setTimeout.bind(window);
    const publishes: [string, number, number][] = [];
    const searches: [string, number][] = [];
    const arrivals: [string, number][] = [];
    const otherCalls: Record<string, number> = {};
    let burstPublishes = 0;
    let burstEchoes = 0;
    let lastEchoAt = 0;

    /* ------------------------------------------------------------ exclusive time per owner */

    const empty = (): BusyTotals => ({
        adapterMs: 0,
        standInMs: 0,
        otherMs: 0,
        entries: {},
        tasks: 0,
        maxTaskMs: 0,
        longTasks: 0,
        longTaskMs: 0
    });
    const busy = empty();
    const stack: { owner: Owner; begin: number; nested: number }[] = [];
    const KEY: Record<Owner, 'adapterMs' | 'standInMs' | 'otherMs'> = {
        adapter: 'adapterMs',
        standIn: 'standInMs',
        other: 'otherMs'
    };

    /** Runs `fn` charged to `owner`, minus the time of nested regions (charged to theirs). */
    function charge<T>(owner: Owner, fn: () => T, entry?: string): T {
        const frame = { owner, begin: perfNow(), nested: 0 };
        stack.push(frame);
        try {
            return fn();
        } finally {
            stack.pop();
            const spent = perfNow() - frame.begin;
            busy[KEY[owner]] += spent - frame.nested;
            if (entry) busy.entries[entry] = (busy.entries[entry] ?? 0) + spent - frame.nested;
            const parent = stack[stack.length - 1];
            if (parent) parent.nested += spent;
            else {
                busy.tasks += 1;
                if (spent > busy.maxTaskMs) busy.maxTaskMs = spent;
            }
        }
    }
    const currentOwner = (): Owner => stack[stack.length - 1]?.owner ?? 'other';

    /** The same function, its runs charged to `owner`. */
    function charged(owner: Owner, fn: Fn, entry?: string): Fn {
        return function (this: unknown, ...args: unknown[]): unknown {
            return charge(owner, () => fn.apply(this, args), entry);
        };
    }

    /* ------------------------------------------------------------ the Open CTI boundary */

    /** The argument object with its functions (callback, listener) charged to the adapter, by method. */
    function adapterArgs(method: string, args: unknown): unknown {
        if (!args || typeof args !== 'object') return args;
        const copy: Record<string, unknown> = { ...(args as Record<string, unknown>) };
        for (const [key, value] of Object.entries(copy))
            if (typeof value === 'function') copy[key] = charged('adapter', value as Fn, `${method} ${key}`);
        return copy;
    }

    function countEcho(message: unknown): void {
        const event = message as { type?: unknown; payload?: { softphoneId?: unknown } } | null;
        const id = event?.type === 'presenceChanged' ? event.payload?.softphoneId : undefined;
        if (typeof id === 'string' && id.startsWith(BURST_PREFIX)) {
            burstEchoes += 1;
            lastEchoAt = clock();
        }
    }

    function observe(api: Record<string, unknown>): Record<string, unknown> {
        const copy: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(api)) {
            if (typeof value !== 'function') {
                copy[name] = value;
                continue;
            }
            const real = value as Fn;
            const callReal = (args: unknown): unknown =>
                charge('standIn', () => real.call(api, adapterArgs(name, args)));
            if (name === 'publish') {
                copy[name] = (args?: { message?: { type?: unknown; payload?: { softphoneId?: unknown } } }) => {
                    const at = clock();
                    const message = args?.message;
                    const id = message?.type === 'presenceChanged' ? message.payload?.softphoneId : undefined;
                    if (typeof id !== 'string') {
                        const key = `publish:${String(message?.type)}`;
                        otherCalls[key] = (otherCalls[key] ?? 0) + 1;
                        return callReal(args);
                    }
                    if (id.startsWith(BURST_PREFIX)) burstPublishes += 1;
                    try {
                        return callReal(args);
                    } finally {
                        publishes.push([id, at, clock()]);
                    }
                };
            } else if (name === 'searchAndScreenPop') {
                copy[name] = (args?: { searchParams?: unknown }) => {
                    searches.push([String(args?.searchParams), clock()]);
                    return callReal(args);
                };
            } else if (name === 'subscribe') {
                // The adapter hears its own channel events back (the workbench's LMS delivers to every
                // subscriber): counting the burst's echoes tells when the page has delivered them all.
                copy[name] = (args?: { listener?: unknown }) => {
                    const listener = args?.listener;
                    if (typeof listener !== 'function') return callReal(args);
                    const counted = (message: unknown): unknown => {
                        countEcho(message);
                        return (listener as Fn)(message);
                    };
                    return callReal({ ...args, listener: counted });
                };
            } else {
                copy[name] = (args?: unknown) => {
                    otherCalls[name] = (otherCalls[name] ?? 0) + 1;
                    return callReal(args);
                };
            }
        }
        return Object.freeze(copy);
    }

    let observed: Record<string, unknown> | undefined;
    const sforce: Record<string, unknown> = {};
    Object.defineProperty(sforce, 'opencti', {
        configurable: true,
        enumerable: true,
        get: () => observed,
        set: (api: unknown) => {
            observed = api && typeof api === 'object' ? observe(api as Record<string, unknown>) : undefined;
        }
    });
    host.sforce = sforce;

    /* ------------------------------------------------------------ the bare baseline */

    window.addEventListener(
        'message',
        (event: MessageEvent) => {
            const received = clock();
            if (event.origin !== cfg.vendorOrigin) return;
            const data = event.data as (Partial<BareMessage> & { protocol?: unknown; id?: unknown }) | null;
            if (data?.protocol === ENVELOPE_PROTOCOL && typeof data.id === 'string') {
                arrivals.push([data.id, received]);
                return;
            }
            if (!data || data.tag !== BARE_TAG) return;
            const source = event.source as Window | null;
            if (data.kind === 'quiet') {
                const answer = (): void =>
                    source?.postMessage({ tag: BARE_TAG, kind: 'quiet-ok', seq: Number(data.seq) }, cfg.vendorOrigin);
                if (typeof requestIdleCallback === 'function') requestIdleCallback(answer, { timeout: 250 });
                else realSetTimeout(answer, 5);
                return;
            }
            if (data.kind !== 'ping') return;
            const echo: BareMessage = { tag: BARE_TAG, kind: 'echo', seq: Number(data.seq), received, replied: 0 };
            echo.replied = clock();
            source?.postMessage(echo, cfg.vendorOrigin);
        },
        { capture: true }
    );

    /* ------------------------------------------------------------ listeners and timers by owner */

    /** Whose script is running now: message listeners are registered while their script runs. */
    function scriptOwner(): Owner {
        if (stack.length > 0) return currentOwner();
        const src = (document.currentScript as HTMLScriptElement | null)?.src ?? '';
        if (/opencti(_min)?\.js/.test(src)) return 'standIn';
        if (src.includes('softphoneAdapter')) return 'adapter';
        return 'other';
    }

    const wrappedListeners = new WeakMap<object, EventListener>();
    // The prototype's methods stay the real ones; only this window's own properties are replaced.
    const target = EventTarget.prototype;
    const addListener = (type: string, listener: AnyListener | null, options?: boolean | AddEventListenerOptions) =>
        target.addEventListener.call(window, type, listener, options);
    const removeListener = (type: string, listener: AnyListener | null, options?: boolean | EventListenerOptions) =>
        target.removeEventListener.call(window, type, listener, options);
    window.addEventListener = ((
        type: string,
        listener: AnyListener | null,
        options?: boolean | AddEventListenerOptions
    ) => {
        if (type !== 'message' || !listener) return addListener(type, listener, options);
        let wrapped = wrappedListeners.get(listener);
        if (!wrapped) {
            const handler = listener;
            const owner = scriptOwner();
            wrapped = charged(
                owner,
                (event) =>
                    typeof handler === 'function'
                        ? handler.call(window, event as Event)
                        : handler.handleEvent(event as Event),
                owner === 'adapter' ? 'window message' : undefined
            );
            wrappedListeners.set(listener, wrapped);
        }
        return addListener(type, wrapped, options);
    }) as typeof window.addEventListener;
    window.removeEventListener = ((
        type: string,
        listener: AnyListener | null,
        options?: boolean | EventListenerOptions
    ) => {
        const wrapped = listener ? wrappedListeners.get(listener) : undefined;
        return removeListener(type, wrapped ?? listener, options);
    }) as typeof window.removeEventListener;

    // A timer callback belongs to whoever set the timer.
    window.setTimeout = ((handler: TimerHandler, delay?: number, ...rest: unknown[]) => {
        if (typeof handler !== 'function') return realSetTimeout(handler, delay, ...rest);
        const owner = scriptOwner();
        return realSetTimeout(charged(owner, handler as Fn, owner === 'adapter' ? 'timer' : undefined), delay, ...rest);
    }) as typeof window.setTimeout;

    try {
        new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
                if (entry.name !== 'self') continue;
                busy.longTasks += 1;
                busy.longTaskMs += entry.duration;
            }
        }).observe({ type: 'longtask', buffered: false });
    } catch {
        // no long task API: the counters stay at 0
    }

    host[PROBE_GLOBAL] = Object.freeze({
        /** Hands over everything recorded at the Open CTI boundary and starts afresh. */
        take(): ProbeDump {
            const dump: ProbeDump = {
                publishes: publishes.splice(0),
                arrivals: arrivals.splice(0),
                searches: searches.splice(0),
                otherCalls: { ...otherCalls }
            };
            for (const key of Object.keys(otherCalls)) delete otherCalls[key];
            burstPublishes = 0;
            burstEchoes = 0;
            lastEchoAt = 0;
            return dump;
        },
        burstPublishes: (): number => burstPublishes,
        /** Burst events heard back on the message channel, and when the last one came. */
        burstEchoes: (): { count: number; lastAt: number } => ({ count: burstEchoes, lastAt: lastEchoAt }),
        busy: (): BusyTotals => ({ ...busy, entries: { ...busy.entries } }),
        resetBusy(): void {
            Object.assign(busy, empty());
        },
        /** True once the adapter has the observed sforce.opencti. */
        ready: (): boolean => observed !== undefined
    });
}
