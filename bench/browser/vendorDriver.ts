/**
 * Runs in the vendor softphone frame as a Playwright init script and does nothing on any other
 * origin. It plays a softphone vendor calling the wrapper library's contract functions
 * (`window.StreemSoftphoneBridge`) and a bare `postMessage` to the same adapter frame, and times
 * both on this frame's clock. Its `message` listener is registered first and in the capture
 * phase, so it sees the adapter's answers before the page's own listeners (the reference
 * softphone logs every answer in its DOM) do any work.
 */
import { BARE_TAG, BURST_PREFIX, CONFIG_GLOBAL, DRIVER_GLOBAL, HOP_PREFIX, WARM_PREFIX } from './protocol';
import type {
    BareMessage,
    BareSample,
    BenchConfig,
    BridgeSample,
    BurstRun,
    HopRun,
    IncomingRun,
    IncomingSample
} from './protocol';

interface SendResult {
    ok: boolean;
    id?: string;
}
type ContractFunction = (params: Record<string, unknown>) => SendResult;
type Wrapper = Record<'statusChanged' | 'incomingCall' | 'callRejected', ContractFunction>;

interface Arrival {
    at: number;
    data: Record<string, unknown>;
}

const host = window as unknown as Record<string, unknown> & Window;
const config = host[CONFIG_GLOBAL] as BenchConfig | undefined;

if (config && window.location.origin === config.vendorOrigin) install(config);

function install(cfg: BenchConfig): void {
    const clock = (): number => performance.timeOrigin + performance.now();
    const waiters = new Map<string, (arrival: Arrival) => void>();
    let burst: { ids: Set<string>; acks: number; errors: number; lastAck: number; done?: () => void } | undefined;

    window.addEventListener(
        'message',
        (event: MessageEvent) => {
            const at = clock();
            if (event.source !== window.parent || event.origin !== cfg.adapterOrigin) return;
            const data = event.data as Record<string, unknown> | null;
            if (!data || typeof data !== 'object') return;
            if (data.tag === BARE_TAG) {
                if (data.kind === 'echo') settle(`bare:${String(data.seq)}`, { at, data });
                if (data.kind === 'quiet-ok') settle(`quiet:${String(data.seq)}`, { at, data });
                return;
            }
            if (data.kind !== 'ack' && data.kind !== 'error') return;
            const replyTo = typeof data.replyTo === 'string' ? data.replyTo : '';
            if (burst?.ids.has(replyTo)) {
                if (data.kind === 'ack') burst.acks += 1;
                else burst.errors += 1;
                burst.lastAck = at;
                if (burst.acks + burst.errors === burst.ids.size) burst.done?.();
                return;
            }
            settle(`reply:${replyTo}`, { at, data });
        },
        { capture: true }
    );

    function settle(key: string, arrival: Arrival): void {
        const waiter = waiters.get(key);
        waiters.delete(key);
        waiter?.(arrival);
    }

    /** Resolves with the arrival, or null after timeoutMs. Register before anything can arrive. */
    function waitFor(key: string, timeoutMs: number): Promise<Arrival | null> {
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                waiters.delete(key);
                resolve(null);
            }, timeoutMs);
            waiters.set(key, (arrival) => {
                clearTimeout(timer);
                resolve(arrival);
            });
        });
    }

    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

    let quietSeq = 0;
    /**
     * Waits until the adapter frame's main thread (shared with the Lightning page) has been idle,
     * then `gapMs` more: the next sample then measures one hop, not a queue behind the work the
     * previous event caused (LMS delivery, component renders). False when no answer came.
     */
    async function quiet(gapMs: number, timeoutMs: number): Promise<boolean> {
        const seq = ++quietSeq;
        const answer = waitFor(`quiet:${seq}`, timeoutMs);
        const message: BareMessage = { tag: BARE_TAG, kind: 'quiet', seq };
        window.parent.postMessage(message, cfg.adapterOrigin);
        const ok = (await answer) !== null;
        await sleep(gapMs);
        return ok;
    }

    function wrapper(): Wrapper {
        const found = host.StreemSoftphoneBridge as Wrapper | undefined;
        if (!found) throw new Error('window.StreemSoftphoneBridge is missing in the vendor frame.');
        return found;
    }

    /** One contract call, timed until the adapter's answer (ack or error) is back. */
    async function contractCall(
        call: () => SendResult,
        timeoutMs: number
    ): Promise<{ id: string; start: number; returned: number; acked: number; ok: boolean } | null> {
        const start = clock();
        const result = call();
        const returned = clock();
        if (!result.ok || !result.id) return { id: '', start, returned, acked: returned, ok: false };
        const reply = await waitFor(`reply:${result.id}`, timeoutMs);
        if (!reply) return null;
        return { id: result.id, start, returned, acked: reply.at, ok: reply.data.kind === 'ack' };
    }

    async function bridgeHop(key: string, timeoutMs: number): Promise<BridgeSample | null> {
        const bridge = wrapper();
        const timed = await contractCall(() => bridge.statusChanged({ softphoneId: key }), timeoutMs);
        if (!timed?.ok) return null;
        return { key, id: timed.id, start: timed.start, returned: timed.returned, acked: timed.acked };
    }

    async function bareHop(seq: number, timeoutMs: number): Promise<BareSample | null> {
        const echo = waitFor(`bare:${seq}`, timeoutMs);
        const ping: BareMessage = { tag: BARE_TAG, kind: 'ping', seq };
        const start = clock();
        window.parent.postMessage(ping, cfg.adapterOrigin);
        const arrival = await echo;
        if (!arrival) return null;
        const data = arrival.data as unknown as BareMessage;
        return { seq, start, received: data.received ?? 0, replied: data.replied ?? 0, echoed: arrival.at };
    }

    host[DRIVER_GLOBAL] = Object.freeze({
        /** True once the wrapper library is loaded. */
        ready: (): boolean => typeof host.StreemSoftphoneBridge === 'object' && host.StreemSoftphoneBridge !== null,

        /** Bridge hops (statusChanged → publish) and bare hops, interleaved ABBA, each after a quiet period. */
        async hops(options: { count: number; warmup: number; gapMs: number; timeoutMs: number }): Promise<HopRun> {
            const run: HopRun = { bridge: [], bare: [], timeouts: 0 };
            for (let i = -options.warmup; i < options.count; i++) {
                const order = Math.abs(i) % 2 === 0 ? ['bridge', 'bare'] : ['bare', 'bridge'];
                for (const kind of order) {
                    if (kind === 'bridge') {
                        const key = i < 0 ? `${WARM_PREFIX}${-i}` : `${HOP_PREFIX}${i}`;
                        const sample = await bridgeHop(key, options.timeoutMs);
                        if (!sample) run.timeouts += 1;
                        else if (i >= 0) run.bridge.push(sample);
                    } else {
                        const sample = await bareHop(i, options.timeoutMs);
                        if (!sample) run.timeouts += 1;
                        else if (i >= 0) run.bare.push(sample);
                    }
                    await quiet(options.gapMs, options.timeoutMs);
                }
            }
            return run;
        },

        /** incomingCall (→ searchAndScreenPop), then callRejected to close it, one call at a time. */
        async incoming(options: {
            count: number;
            warmup: number;
            gapMs: number;
            settleMs: number;
            timeoutMs: number;
            partnerId: string;
        }): Promise<IncomingRun> {
            const bridge = wrapper();
            const run: IncomingRun = { samples: [], timeouts: 0, refused: 0 };
            for (let i = -options.warmup; i < options.count; i++) {
                const n = i + options.warmup;
                const conversationId = `bench-in-${n}`;
                const callerANI = `+1 212 555 ${String(1000 + (n % 9000)).padStart(4, '0')}`;
                const { partnerId } = options;
                const rang = await contractCall(
                    () => bridge.incomingCall({ partnerId, conversationId, callerANI }),
                    options.timeoutMs
                );
                if (!rang) run.timeouts += 1;
                else if (!rang.ok) run.refused += 1;
                else if (i >= 0) {
                    const sample: IncomingSample = {
                        seq: n,
                        id: rang.id,
                        callerANI,
                        start: rang.start,
                        returned: rang.returned,
                        acked: rang.acked
                    };
                    run.samples.push(sample);
                }
                await sleep(options.settleMs);
                await quiet(0, options.timeoutMs);
                const ended = await contractCall(
                    () => bridge.callRejected({ partnerId, conversationId, reason: 'active' }),
                    options.timeoutMs
                );
                if (!ended) run.timeouts += 1;
                await quiet(options.gapMs, options.timeoutMs);
            }
            return run;
        },

        /** `count` statusChanged calls back to back in one task; resolves when every answer is back. */
        async burst(options: { count: number; timeoutMs: number }): Promise<BurstRun> {
            const bridge = wrapper();
            const state: NonNullable<typeof burst> = { ids: new Set(), acks: 0, errors: 0, lastAck: 0 };
            burst = state;
            let refused = 0;
            const start = clock();
            for (let i = 0; i < options.count; i++) {
                const result = bridge.statusChanged({ softphoneId: `${BURST_PREFIX}${i}` });
                if (result.ok && result.id) state.ids.add(result.id);
                else refused += 1;
            }
            const sent = clock();
            const complete = await new Promise<boolean>((resolve) => {
                if (state.acks + state.errors === state.ids.size) return resolve(true);
                const timer = setTimeout(() => resolve(false), options.timeoutMs);
                state.done = () => {
                    clearTimeout(timer);
                    resolve(true);
                };
            });
            burst = undefined;
            return {
                count: options.count,
                start,
                sent,
                lastAck: state.lastAck,
                accepted: state.ids.size,
                refused,
                acks: state.acks,
                errors: state.errors,
                complete
            };
        }
    });
}
