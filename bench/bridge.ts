/**
 * `npm run bench:bridge` (tsx bench/bridge.ts): how long the softphone bridge takes, in real
 * Chromium, from the vendor frame's contract call to the adapter's Open CTI call, beside a bare
 * cross-origin postMessage hop between the same two frames in the same run; a burst of contract
 * events (order, loss, main-thread time); and the gzip sizes of the two static resources.
 * Prints a table and writes .build/bench/bridge.json. See bench/README.md for what each figure
 * means. Every wait has a timeout and a watchdog ends the run (browser and servers closed) when
 * the budget is spent.
 *
 *   tsx bench/bridge.ts [--skip-build] [--samples 1000] [--warmup 100] [--gap-ms 2]
 *                       [--incoming 100] [--burst 10000] [--same-site-vendor]
 *                       [--budget-s 120] [--out .build/bench/bridge.json] [--trace FILE]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, CDPSession, Frame, Page } from 'playwright-core';
import { ROOT, STATIC_RESOURCES_DIR } from '../workbench/paths';
import { readRuntime } from '../workbench/runtime';
import { PARTNER_CONFIG } from '../workbench/softphone/constants';
import { CALL_STORE_KEY } from '../src/bridge/core/crm';
import type { ENVELOPE_PROTOCOL } from '../src/bridge/core/validate';
import {
    BURST_PREFIX,
    CONFIG_GLOBAL,
    DRIVER_GLOBAL,
    ENVELOPE_PROTOCOL as PROBED_PROTOCOL,
    HOP_PREFIX,
    PROBE_GLOBAL
} from './browser/protocol';
import type { BenchConfig, BurstRun, BusyTotals, HopRun, IncomingRun, ProbeDump } from './browser/protocol';
import {
    buildVariants,
    bundleBrowserScripts,
    callIn,
    cleanup,
    closeOnSignals,
    metricsDelta,
    openLeadWithSoftphone,
    readMetrics,
    resources,
    startWatchdog,
    STEP_TIMEOUT_MS,
    timeLeft,
    timeoutFor,
    oneOf,
    parseBenchArgs,
    UsageError,
    wholeNumber,
    variantDir,
    waitUntil,
    withTimeout,
    type Metrics
} from './lib/run';
import { fixed, round, rounded, summarize, table, type Summary } from './lib/stats';

// The in-browser probe spells the envelope protocol out (its bundle stays tiny); this fails to compile if they differ.
const SAME_PROTOCOL: typeof ENVELOPE_PROTOCOL = PROBED_PROTOCOL;
void SAME_PROTOCOL;

/* ------------------------------------------------------------------ options */

interface Options {
    skipBuild: boolean;
    samples: number;
    warmup: number;
    gapMs: number;
    incoming: number;
    burst: number;
    sameSiteVendor: boolean;
    budgetS: number;
    out: string;
    /** Chrome trace of the burst (chrome://tracing, ui.perfetto.dev). */
    trace: string | null;
    /** A V8 CPU profile of the page renderer during the burst (open in Chrome DevTools > Performance). */
    cpuProfile: string | null;
    /** Which page builds to measure: with Lightning Web Security, without, or both in one run (the default). */
    lws: 'both' | 'on' | 'off';
}

const USAGE = `Usage: tsx bench/bridge.ts [options]
  --skip-build         reuse the last build (tsx workbench/build.ts) instead of building first
  --samples N          measured hops of each kind, bridge and bare (default 1000)
  --warmup N           unmeasured hops of each kind first (default 100)
  --gap-ms N           pause after the adapter's main thread was idle, before each hop (default 2)
  --incoming N         incomingCall → searchAndScreenPop samples (default 100; 0 skips)
  --burst N            statusChanged events fired back to back (default 2000; 0 skips)
  --same-site-vendor   serve the vendor softphone from 127.0.0.1 like the other origins (one renderer
                       process for every frame) instead of from localhost (its own process, as a
                       cross-site vendor in production)
  --budget-s N         each measured variant stops after N seconds, whatever happens (default 300)
  --out FILE           where the JSON figures go (default .build/bench/bridge.json)
  --trace FILE         also record a Chrome trace of the burst (open in ui.perfetto.dev); it slows the burst
  --cpu-profile FILE   also record a V8 CPU profile of the page renderer during the burst (.cpuprofile)
  --lws both|on|off    measure the page built with Lightning Web Security, without it, or both one after
                       the other in this run (default both; each build goes to .build/workbench/app-lws-<on|off>)`;

function parseOptions(argv: readonly string[]): Options {
    const values = parseBenchArgs(argv, {
        samples: { type: 'string' },
        warmup: { type: 'string' },
        'gap-ms': { type: 'string' },
        incoming: { type: 'string' },
        burst: { type: 'string' },
        'same-site-vendor': { type: 'boolean', default: false },
        trace: { type: 'string' },
        'cpu-profile': { type: 'string' },
        lws: { type: 'string' }
    });
    const count = (name: keyof typeof values, fallback: number): number =>
        wholeNumber(name, values[name], fallback, 0, 1_000_000);
    const options: Options = {
        skipBuild: values['skip-build'] === true,
        samples: count('samples', 1000),
        warmup: count('warmup', 100),
        gapMs: count('gap-ms', 2),
        incoming: count('incoming', 100),
        burst: count('burst', 2_000),
        sameSiteVendor: values['same-site-vendor'] === true,
        budgetS: count('budget-s', 300),
        out: path.resolve(
            typeof values.out === 'string' ? values.out : path.join(ROOT, '.build', 'bench', 'bridge.json')
        ),
        trace: typeof values.trace === 'string' ? path.resolve(values.trace) : null,
        cpuProfile: typeof values['cpu-profile'] === 'string' ? path.resolve(values['cpu-profile']) : null,
        lws: oneOf('lws', values.lws, ['both', 'on', 'off'], 'both')
    };
    if (options.samples < 1) throw new UsageError('--samples must be at least 1.');
    if (options.budgetS < 10) throw new UsageError('--budget-s must be at least 10.');
    return options;
}

/* ------------------------------------------------------------------ in-browser scripts */

/** Bundles the two in-browser parts after their config. */
async function benchScript(config: BenchConfig): Promise<string> {
    return bundleBrowserScripts(
        ['adapterProbe', 'vendorDriver'],
        `window.${CONFIG_GLOBAL} = ${JSON.stringify(config)};`
    );
}

/** One contract call's answer; far above any real hop, so a lost message shows as a timeout, not a hang. */
const HOP_TIMEOUT_MS = 5_000;
const BUDGET_HINT = 'raise --budget-s, or lower --samples, --incoming or --burst';

/* ------------------------------------------------------------------ sizes */

interface SizeRow {
    file: string;
    bytes: number;
    gzipBytes: number;
}

function resourceSizes(): SizeRow[] {
    return ['softphoneAdapter.js', 'softphoneAmeyo.js', 'softphoneWrapper.js'].map((name) => {
        const file = path.join(STATIC_RESOURCES_DIR, name);
        const content = fs.readFileSync(file);
        return {
            file: path.relative(ROOT, file),
            bytes: content.length,
            gzipBytes: gzipSync(content, { level: 9 }).length
        };
    });
}

/* ------------------------------------------------------------------ figures */

interface HopFigures {
    bridgeOneWay: Summary;
    /** Vendor call → the adapter frame's first message listener (the message's own hop; crosses clocks). */
    bridgeTransit: Summary;
    /** That listener → the Open CTI call (the adapter's processing; adapter clock only). */
    bridgeAdapterWork: Summary;
    /** How long the workbench's sforce.opencti.publish itself runs (adapter clock). */
    publishCall: Summary;
    /** publish returned → the ack is back in the vendor frame (crosses clocks). */
    afterPublishToAck: Summary;
    bareOneWay: Summary;
    bridgeRoundTrip: Summary;
    bareRoundTrip: Summary;
    /** bridge − bare, pairwise medians of the one-way and round-trip figures (skew-free). */
    overheadOneWayMedian: number;
    overheadRoundTripMedian: number;
    /** Time the wrapper function itself takes (validate + post), vendor clock. */
    wrapperCall: Summary;
    /** Estimated adapter clock − vendor clock, from the bare ping/echo (NTP-style). */
    clockOffset: Summary;
    publishedInOrder: boolean;
    missing: number;
    timeouts: number;
    otherCalls: Record<string, number>;
}

function hopFigures(run: HopRun, dump: ProbeDump): HopFigures {
    const publishedAt = new Map<string, number>();
    const publishReturnedAt = new Map<string, number>();
    const hopOrder: number[] = [];
    for (const [id, at, returned] of dump.publishes) {
        publishedAt.set(id, at);
        publishReturnedAt.set(id, returned);
        if (id.startsWith(HOP_PREFIX)) hopOrder.push(Number(id.slice(HOP_PREFIX.length)));
    }
    const arrivedAt = new Map(dump.arrivals);
    const bridgeOneWay: number[] = [];
    const transit: number[] = [];
    const adapterWork: number[] = [];
    const publishCall: number[] = [];
    const afterPublish: number[] = [];
    let missing = 0;
    for (const sample of run.bridge) {
        const at = publishedAt.get(sample.key);
        const returned = publishReturnedAt.get(sample.key);
        const arrived = arrivedAt.get(sample.id);
        if (at === undefined || returned === undefined) missing += 1;
        else {
            bridgeOneWay.push(at - sample.start);
            publishCall.push(returned - at);
            afterPublish.push(sample.acked - returned);
        }
        if (arrived !== undefined) {
            transit.push(arrived - sample.start);
            if (at !== undefined) adapterWork.push(at - arrived);
        }
    }
    const bare = run.bare;
    return {
        bridgeOneWay: summarize(bridgeOneWay),
        bridgeTransit: summarize(transit),
        bridgeAdapterWork: summarize(adapterWork),
        publishCall: summarize(publishCall),
        afterPublishToAck: summarize(afterPublish),
        bareOneWay: summarize(bare.map((s) => s.received - s.start)),
        bridgeRoundTrip: summarize(run.bridge.map((s) => s.acked - s.start)),
        bareRoundTrip: summarize(bare.map((s) => s.echoed - s.start)),
        overheadOneWayMedian: summarize(bridgeOneWay).median - summarize(bare.map((s) => s.received - s.start)).median,
        overheadRoundTripMedian:
            summarize(run.bridge.map((s) => s.acked - s.start)).median -
            summarize(bare.map((s) => s.echoed - s.start)).median,
        wrapperCall: summarize(run.bridge.map((s) => s.returned - s.start)),
        clockOffset: summarize(bare.map((s) => (s.received - s.start + (s.replied - s.echoed)) / 2)),
        publishedInOrder: hopOrder.every((seq, i) => i === 0 || seq > (hopOrder[i - 1] as number)),
        missing,
        timeouts: run.timeouts,
        otherCalls: dump.otherCalls
    };
}

interface IncomingFigures {
    oneWay: Summary;
    transit: Summary;
    adapterWork: Summary;
    roundTrip: Summary;
    wrapperCall: Summary;
    missing: number;
    timeouts: number;
    refused: number;
    otherCalls: Record<string, number>;
    /** Size of the call records the bridge rewrites to localStorage on every call event, at the end. */
    callStoreChars: number;
}

function incomingFigures(run: IncomingRun, dump: ProbeDump): IncomingFigures {
    const digits = (s: string): string => s.replace(/\D/g, '');
    const searchedAt = new Map<string, number>();
    for (const [params, at] of dump.searches) if (!searchedAt.has(digits(params))) searchedAt.set(digits(params), at);
    const arrivedAt = new Map(dump.arrivals);
    const oneWay: number[] = [];
    const transit: number[] = [];
    const adapterWork: number[] = [];
    let missing = 0;
    for (const sample of run.samples) {
        const at = searchedAt.get(digits(sample.callerANI));
        const arrived = arrivedAt.get(sample.id);
        if (at === undefined) missing += 1;
        else oneWay.push(at - sample.start);
        if (arrived !== undefined) {
            transit.push(arrived - sample.start);
            if (at !== undefined) adapterWork.push(at - arrived);
        }
    }
    return {
        oneWay: summarize(oneWay),
        transit: summarize(transit),
        adapterWork: summarize(adapterWork),
        roundTrip: summarize(run.samples.map((s) => s.acked - s.start)),
        wrapperCall: summarize(run.samples.map((s) => s.returned - s.start)),
        missing,
        timeouts: run.timeouts,
        refused: run.refused,
        otherCalls: dump.otherCalls,
        callStoreChars: 0
    };
}

interface BurstFigures {
    count: number;
    delivered: number;
    lost: number;
    duplicates: number;
    outOfOrder: number;
    inOrder: boolean;
    refusedByWrapper: number;
    acks: number;
    errorReplies: number;
    allAnswered: boolean;
    /** Vendor clock: the loop of contract calls. */
    sendLoopMs: number;
    /** First call → last Open CTI publish (crosses clocks). */
    toLastPublishMs: number;
    /** First call → last ack back in the vendor frame (one clock). */
    toLastAckMs: number;
    /** Burst events the adapter heard back on the message channel, and first call → the last of them (crosses clocks). */
    echoes: number;
    toLastEchoMs: number;
    eventsPerSecond: number;
    /** The adapter frame's own listener/timer time during the burst. */
    adapterBusy: BusyTotals;
    /** Of it, per delivered event: the package's adapter code, and the workbench's Open CTI stand-in. */
    adapterBusyPerEventMs: number;
    standInBusyPerEventMs: number;
    /** CDP Performance.getMetrics deltas (ms) for the renderer of the app + adapter page, and the vendor's when separate. */
    renderers: RendererFigures;
}

interface RendererFigures {
    page: Metrics;
    vendor: Metrics | null;
    /** Wall time the deltas cover: the burst until the adapter frame went quiet. */
    windowMs: number;
    /** The page renderer's TaskDuration per second at rest just before (background work). */
    pageIdleTaskMsPerS: number;
}

function burstFigures(
    run: BurstRun,
    dump: ProbeDump,
    busy: BusyTotals,
    echoes: { count: number; lastAt: number },
    renderers: RendererFigures
): BurstFigures {
    const seqs: number[] = [];
    let lastPublish = Number.NaN;
    for (const [id, at] of dump.publishes) {
        if (!id.startsWith(BURST_PREFIX)) continue;
        seqs.push(Number(id.slice(BURST_PREFIX.length)));
        lastPublish = at;
    }
    const unique = new Set(seqs);
    let outOfOrder = 0;
    for (let i = 1; i < seqs.length; i++) if ((seqs[i] as number) < (seqs[i - 1] as number)) outOfOrder += 1;
    const expected = new Set(Array.from({ length: run.count }, (_, i) => i));
    const lost = [...expected].filter((seq) => !unique.has(seq)).length;
    const toLastPublishMs = lastPublish - run.start;
    return {
        count: run.count,
        delivered: seqs.length,
        lost,
        duplicates: seqs.length - unique.size,
        outOfOrder,
        inOrder: outOfOrder === 0 && seqs.every((seq, i) => seq === i),
        refusedByWrapper: run.refused,
        acks: run.acks,
        errorReplies: run.errors,
        allAnswered: run.complete,
        sendLoopMs: run.sent - run.start,
        toLastPublishMs,
        toLastAckMs: run.lastAck - run.start,
        echoes: echoes.count,
        toLastEchoMs: echoes.count > 0 ? echoes.lastAt - run.start : Number.NaN,
        eventsPerSecond: (seqs.length / toLastPublishMs) * 1000,
        adapterBusy: busy,
        adapterBusyPerEventMs: busy.adapterMs / Math.max(1, seqs.length),
        standInBusyPerEventMs: busy.standInMs / Math.max(1, seqs.length),
        renderers
    };
}

/* ------------------------------------------------------------------ the run */

async function openWorkbench(
    options: Options,
    appDir: string
): Promise<{
    page: Page;
    context: BrowserContext;
    adapter: Frame;
    vendor: Frame;
    vendorOrigin: string;
}> {
    const opened = await openLeadWithSoftphone({
        appDir,
        initScript: benchScript,
        sameSiteVendor: options.sameSiteVendor,
        // No Task per rejected benchmark call, no pop for its unknown number: the hop ends at the search.
        callCenterOverrides: { '/callLogging/logMissedCalls': 'false', '/screenPop/noMatch': 'none' }
    });
    const { page, context, adapter, vendor, vendorOrigin } = opened;
    await waitUntil(
        'the Open CTI probe in the adapter frame',
        async () => callIn<boolean>(adapter, PROBE_GLOBAL, 'ready'),
        STEP_TIMEOUT_MS
    );
    await waitUntil('the vendor driver', async () => callIn<boolean>(vendor, DRIVER_GLOBAL, 'ready'), STEP_TIMEOUT_MS);
    return { page, context, adapter, vendor, vendorOrigin };
}

/** Waits until the adapter frame has run no listener or timer for `quietMs` (LMS echoes drained). */
async function settle(adapter: Frame, quietMs: number, timeoutMs: number): Promise<void> {
    let last = -1;
    let since = Date.now();
    await waitUntil(
        'the adapter frame to go quiet',
        async () => {
            const { tasks } = await callIn<BusyTotals>(adapter, PROBE_GLOBAL, 'busy');
            if (tasks !== last) {
                last = tasks;
                since = Date.now();
                return false;
            }
            return Date.now() - since >= quietMs;
        },
        timeoutMs
    ).catch(() => undefined); // the app's heartbeat timers may never let it be perfectly quiet
}

async function main(): Promise<void> {
    const options = parseOptions(process.argv.slice(2));
    closeOnSignals('bench:bridge');
    const variants = options.lws === 'both' ? [true, false] : [options.lws === 'on'];
    if (!options.skipBuild) await buildVariants(variants, 'bench:bridge');
    const results: Record<string, MeasuredRun> = {};
    for (const lws of variants) {
        const appDir = variantDir(lws);
        if (readRuntime(appDir).lws !== lws)
            throw new Error(
                `No LWS-${lws ? 'on' : 'off'} page build in ${path.relative(ROOT, appDir)}: run without --skip-build.`
            );
        console.log(`\nbench:bridge: === LWS ${lws ? 'on' : 'off'} ===`);
        results[lws ? 'lwsOn' : 'lwsOff'] = await measure(options, appDir);
        await cleanup();
    }
    const output = { options: { ...options, out: path.relative(ROOT, options.out) }, ...results };
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, `${JSON.stringify(output, null, 2)}\n`);
    for (const [name, run] of Object.entries(results)) console.log(`\n--- ${name} ---\n${run.report}`);
    if (results.lwsOn && results.lwsOff) console.log(`\n${compareLws(results.lwsOn, results.lwsOff)}`);
    console.log(`\nbench:bridge: figures written to ${path.relative(ROOT, options.out)}`);
}

interface MeasuredRun {
    figures: Record<string, unknown>;
    hops: HopFigures;
    incoming: IncomingFigures | null;
    burst: BurstFigures | null;
    report: string;
}

/** The figures LWS can move, side by side (the adapter and vendor frames are not LWCs: only the page's share changes). */
function compareLws(on: MeasuredRun, off: MeasuredRun): string {
    const row = (label: string, pick: (run: MeasuredRun) => number | undefined, digits = 2): string[] => {
        const a = pick(on);
        const b = pick(off);
        const ratio = a !== undefined && b !== undefined && b > 0 ? fixed(a / b, 2) : '–';
        return [label, a === undefined ? '–' : fixed(a, digits), b === undefined ? '–' : fixed(b, digits), ratio];
    };
    return [
        'LWS on against LWS off (same run, same machine)',
        table(
            ['', 'LWS on', 'LWS off', 'on / off'],
            [
                row('vendor → Open CTI one-way, median ms', (r) => r.hops.bridgeOneWay.median),
                row('vendor → Open CTI one-way, p90 ms', (r) => r.hops.bridgeOneWay.p90),
                row('incomingCall → searchAndScreenPop, median ms', (r) => r.incoming?.oneWay.median),
                row('burst: events per second', (r) => r.burst?.eventsPerSecond, 0),
                row('burst: page renderer Task ms', (r) => r.burst?.renderers.page.TaskDuration, 1),
                row('burst: page renderer Script ms', (r) => r.burst?.renderers.page.ScriptDuration, 1),
                row('page renderer at rest, Task ms per s', (r) => r.burst?.renderers.pageIdleTaskMsPerS, 1)
            ]
        )
    ].join('\n');
}

/** One measured run against one page build; returns its figures and report. */
async function measure(options: Options, appDir: string): Promise<MeasuredRun> {
    const dog = startWatchdog(options.budgetS * 1000, 'the benchmark', 'bench:bridge');
    const started = Date.now();
    const sizes = resourceSizes();
    const { page, context, adapter, vendor, vendorOrigin } = await openWorkbench(options, appDir);
    const chromiumVersion = resources.browser?.version() ?? 'unknown';
    console.log(`bench:bridge: chromium ${chromiumVersion}, vendor frame at ${vendorOrigin}`);

    // Renderer processes: the page's (app + adapter, same site); the vendor's when it is another site.
    const pageSession = await context.newCDPSession(page);
    await pageSession.send('Performance.enable');
    let vendorSession: CDPSession | null = null;
    try {
        vendorSession = await context.newCDPSession(vendor);
        await vendorSession.send('Performance.enable');
    } catch {
        vendorSession = null; // same process as the page: no separate session
    }
    await settle(adapter, 300, 5_000);
    await callIn(adapter, PROBE_GLOBAL, 'take'); // start-up traffic is not part of any figure

    // 1. Single hops: bridge and bare, interleaved.
    console.log(`bench:bridge: ${options.warmup} + ${options.samples} hops of each kind…`);
    const hopRun = await withTimeout(
        callIn<HopRun>(vendor, DRIVER_GLOBAL, 'hops', {
            count: options.samples,
            warmup: options.warmup,
            gapMs: options.gapMs,
            timeoutMs: HOP_TIMEOUT_MS
        }),
        timeoutFor(90_000),
        'the hop samples'
    );
    await settle(adapter, 200, 3_000);
    const hops = hopFigures(hopRun, await callIn<ProbeDump>(adapter, PROBE_GLOBAL, 'take'));

    // 2. incomingCall → searchAndScreenPop (each call closed again with callRejected).
    let incoming: IncomingFigures | null = null;
    if (options.incoming > 0) {
        console.log(`bench:bridge: ${options.incoming} incoming calls…`);
        const incomingRun = await withTimeout(
            callIn<IncomingRun>(vendor, DRIVER_GLOBAL, 'incoming', {
                count: options.incoming,
                warmup: Math.min(20, options.warmup),
                gapMs: options.gapMs,
                settleMs: 30,
                timeoutMs: HOP_TIMEOUT_MS,
                partnerId: PARTNER_CONFIG.partnerId
            }),
            timeoutFor(60_000),
            'the incoming calls',
            BUDGET_HINT
        );
        await settle(adapter, 300, 5_000);
        incoming = incomingFigures(incomingRun, await callIn<ProbeDump>(adapter, PROBE_GLOBAL, 'take'));
        incoming.callStoreChars = await adapter.evaluate(`(() => {
            let chars = 0;
            for (let i = 0; i < localStorage.length; i++) {
                const key = localStorage.key(i) || '';
                if (key.startsWith(${JSON.stringify(CALL_STORE_KEY)})) chars += (localStorage.getItem(key) || '').length;
            }
            return chars;
        })()`);
    }

    // 3. Burst.
    let burst: BurstFigures | null = null;
    if (options.burst > 0) {
        console.log(`bench:bridge: burst of ${options.burst} statusChanged…`);
        await settle(adapter, 300, 5_000);
        await callIn(adapter, PROBE_GLOBAL, 'take');
        await callIn(adapter, PROBE_GLOBAL, 'resetBusy');
        // The same renderers at rest for a second: what the page costs anyway (timers, heartbeats).
        const idleStart = Date.now();
        const pageIdleBefore = await readMetrics(pageSession);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const pageIdle = metricsDelta(pageIdleBefore, await readMetrics(pageSession));
        const idleMs = Date.now() - idleStart;
        const windowStart = Date.now();
        const pageBefore = await readMetrics(pageSession);
        const vendorBefore = vendorSession ? await readMetrics(vendorSession) : null;
        if (options.cpuProfile) {
            await pageSession.send('Profiler.enable');
            await pageSession.send('Profiler.start');
        }
        if (options.trace) {
            fs.mkdirSync(path.dirname(options.trace), { recursive: true });
            await resources.browser?.startTracing(page, { path: options.trace, screenshots: false });
        }
        const burstRun = await withTimeout(
            callIn<BurstRun>(vendor, DRIVER_GLOBAL, 'burst', {
                count: options.burst,
                timeoutMs: timeoutFor(60_000)
            }),
            timeoutFor(65_000),
            'the burst',
            BUDGET_HINT
        );
        await waitUntil(
            'every burst event at Open CTI',
            async () => (await callIn<number>(adapter, PROBE_GLOBAL, 'burstPublishes')) >= options.burst,
            10_000
        ).catch(() => undefined); // lost events are reported, not waited for forever
        // Then until the page has delivered every event on the message channel (the adapter hears them back).
        const drainTimeoutMs = Math.max(5_000, Math.min(90_000, timeLeft() - 15_000));
        const echoes = await waitUntil(
            'every burst event back on the message channel',
            async () => {
                const heard = await callIn<{ count: number; lastAt: number }>(adapter, PROBE_GLOBAL, 'burstEchoes');
                return heard.count >= options.burst ? heard : false;
            },
            drainTimeoutMs
        ).catch(() => callIn<{ count: number; lastAt: number }>(adapter, PROBE_GLOBAL, 'burstEchoes'));
        await settle(adapter, 300, 3_000);
        const pageDelta = metricsDelta(pageBefore, await readMetrics(pageSession));
        const vendorDelta =
            vendorSession && vendorBefore ? metricsDelta(vendorBefore, await readMetrics(vendorSession)) : null;
        const windowMs = Date.now() - windowStart;
        if (options.trace) await resources.browser?.stopTracing();
        if (options.cpuProfile) {
            const { profile } = (await pageSession.send('Profiler.stop')) as { profile: unknown };
            fs.mkdirSync(path.dirname(options.cpuProfile), { recursive: true });
            fs.writeFileSync(options.cpuProfile, JSON.stringify(profile));
        }
        const busy = await callIn<BusyTotals>(adapter, PROBE_GLOBAL, 'busy');
        burst = burstFigures(burstRun, await callIn<ProbeDump>(adapter, PROBE_GLOBAL, 'take'), busy, echoes, {
            page: pageDelta,
            vendor: vendorDelta,
            windowMs,
            pageIdleTaskMsPerS: (pageIdle.TaskDuration / idleMs) * 1000
        });
    }

    const result = {
        when: new Date().toISOString(),
        chromium: chromiumVersion,
        node: process.version,
        cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
        loadAverage: os.loadavg().map((v) => round(v, 2)),
        vendorProcess: vendorSession ? 'separate renderer (cross-site vendor)' : 'same renderer as the page',
        options: { ...options, out: path.relative(ROOT, options.out) },
        runSeconds: round((Date.now() - started) / 1000, 1),
        sizes,
        hops: {
            ...hops,
            bridgeOneWay: rounded(hops.bridgeOneWay),
            bridgeTransit: rounded(hops.bridgeTransit),
            bridgeAdapterWork: rounded(hops.bridgeAdapterWork),
            publishCall: rounded(hops.publishCall),
            afterPublishToAck: rounded(hops.afterPublishToAck),
            bareOneWay: rounded(hops.bareOneWay),
            bridgeRoundTrip: rounded(hops.bridgeRoundTrip),
            bareRoundTrip: rounded(hops.bareRoundTrip),
            wrapperCall: rounded(hops.wrapperCall),
            clockOffset: rounded(hops.clockOffset),
            overheadOneWayMedian: round(hops.overheadOneWayMedian),
            overheadRoundTripMedian: round(hops.overheadRoundTripMedian),
            ratio: {
                median: round(hops.bridgeOneWay.median / hops.bareOneWay.median, 2),
                p90: round(hops.bridgeOneWay.p90 / hops.bareOneWay.p90, 2),
                p99: round(hops.bridgeOneWay.p99 / hops.bareOneWay.p99, 2),
                roundTripMedian: round(hops.bridgeRoundTrip.median / hops.bareRoundTrip.median, 2)
            }
        },
        incoming: incoming && {
            ...incoming,
            oneWay: rounded(incoming.oneWay),
            transit: rounded(incoming.transit),
            adapterWork: rounded(incoming.adapterWork),
            roundTrip: rounded(incoming.roundTrip),
            wrapperCall: rounded(incoming.wrapperCall)
        },
        burst
    };
    clearTimeout(dog);
    return {
        figures: result,
        hops,
        incoming,
        burst,
        report: report(hops, incoming, burst, sizes, result.vendorProcess)
    };
}

/* ------------------------------------------------------------------ the printed report */

function report(
    hops: HopFigures,
    incoming: IncomingFigures | null,
    burst: BurstFigures | null,
    sizes: SizeRow[],
    vendorProcess: string
): string {
    const row = (label: string, s: Summary): string[] => [
        label,
        String(s.n),
        fixed(s.median),
        fixed(s.p90),
        fixed(s.p99),
        fixed(s.max),
        fixed(s.mean)
    ];
    const ratio = (a: number, b: number): string => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : '–');
    const out: string[] = [];
    out.push(`Latency, ms (vendor frame → adapter frame; vendor: ${vendorProcess})`);
    const rows = [
        row('bridge  statusChanged → opencti.publish', hops.bridgeOneWay),
        row('  of which: call → adapter listener', hops.bridgeTransit),
        row('  of which: adapter listener → publish', hops.bridgeAdapterWork),
        row('bare    postMessage → adapter listener', hops.bareOneWay),
        row('bridge  round trip (→ ack back)', hops.bridgeRoundTrip),
        row('  of which: opencti.publish itself', hops.publishCall),
        row('  of which: publish returned → ack back', hops.afterPublishToAck),
        row('bare    round trip (→ echo back)', hops.bareRoundTrip),
        row('wrapper call itself (vendor side)', hops.wrapperCall)
    ];
    if (incoming) {
        rows.push(row('bridge  incomingCall → searchAndScreenPop', incoming.oneWay));
        rows.push(row('  of which: call → adapter listener', incoming.transit));
        rows.push(row('  of which: adapter listener → search', incoming.adapterWork));
        rows.push(row('bridge  incomingCall round trip', incoming.roundTrip));
    }
    rows.push(row('clock offset adapter − vendor (est.)', hops.clockOffset));
    out.push(table(['', 'n', 'median', 'p90', 'p99', 'max', 'mean'], rows));
    out.push('');
    out.push(
        `bridge / bare one-way: median ${ratio(hops.bridgeOneWay.median, hops.bareOneWay.median)}, ` +
            `p90 ${ratio(hops.bridgeOneWay.p90, hops.bareOneWay.p90)}, p99 ${ratio(hops.bridgeOneWay.p99, hops.bareOneWay.p99)}; ` +
            `round trip median ${ratio(hops.bridgeRoundTrip.median, hops.bareRoundTrip.median)}`
    );
    out.push(
        `bridge − bare (medians, skew-free): one-way ${fixed(hops.overheadOneWayMedian)} ms, round trip ${fixed(hops.overheadRoundTripMedian)} ms`
    );
    const problems = [
        hops.missing ? `${hops.missing} bridge hops never reached Open CTI` : '',
        hops.timeouts ? `${hops.timeouts} hops timed out` : '',
        hops.publishedInOrder ? '' : 'hops reached Open CTI out of order',
        incoming?.missing ? `${incoming.missing} incoming calls never searched` : '',
        incoming?.timeouts ? `${incoming.timeouts} incoming-call messages timed out` : ''
    ].filter(Boolean);
    if (problems.length) out.push(`PROBLEMS: ${problems.join('; ')}`);
    if (burst) {
        const { page, vendor } = burst.renderers;
        out.push('');
        out.push(`Burst: ${burst.count} statusChanged back to back`);
        out.push(
            table(
                ['', 'value'],
                [
                    [
                        'delivered to opencti.publish / lost / duplicated',
                        `${burst.delivered} / ${burst.lost} / ${burst.duplicates}`
                    ],
                    ['in order', burst.inOrder ? 'yes' : `no (${burst.outOfOrder} inversions)`],
                    [
                        'acks / error replies / refused by wrapper',
                        `${burst.acks} / ${burst.errorReplies} / ${burst.refusedByWrapper}`
                    ],
                    ['vendor send loop, ms', fixed(burst.sendLoopMs, 1)],
                    ['first call → last publish, ms', fixed(burst.toLastPublishMs, 1)],
                    ['first call → last ack back, ms', fixed(burst.toLastAckMs, 1)],
                    ['events/s (to last publish)', fixed(burst.eventsPerSecond, 0)],
                    [
                        'first call → last event back on the channel, ms',
                        `${fixed(burst.toLastEchoMs, 1)} (${burst.echoes} heard)`
                    ],
                    [
                        'adapter frame: package adapter code, ms',
                        `${fixed(burst.adapterBusy.adapterMs, 1)} (${fixed(burst.adapterBusyPerEventMs * 1000, 1)} µs/event)`
                    ],
                    ...Object.entries(burst.adapterBusy.entries)
                        .sort((a, b) => b[1] - a[1])
                        .slice(0, 4)
                        .map(([entry, ms]) => [
                            `  of which ${entry}`,
                            `${fixed(ms, 1)} (${fixed((ms / Math.max(1, burst.delivered)) * 1000, 1)} µs/event)`
                        ]),
                    [
                        'adapter frame: Open CTI stand-in, ms',
                        `${fixed(burst.adapterBusy.standInMs, 1)} (${fixed(burst.standInBusyPerEventMs * 1000, 1)} µs/event)`
                    ],
                    [
                        'adapter frame: listener/timer tasks (longest, ms)',
                        `${burst.adapterBusy.tasks} (${fixed(burst.adapterBusy.maxTaskMs, 1)})`
                    ],
                    [
                        'adapter frame long tasks',
                        `${burst.adapterBusy.longTasks} (${fixed(burst.adapterBusy.longTaskMs, 1)} ms)`
                    ],
                    [
                        `page renderer Task / Script / Layout+Style, ms (${fixed(burst.renderers.windowMs, 0)} ms window)`,
                        `${fixed(page.TaskDuration, 1)} / ${fixed(page.ScriptDuration, 1)} / ${fixed(page.LayoutDuration + page.RecalcStyleDuration, 1)}`
                    ],
                    ['page renderer at rest, Task ms per s', fixed(burst.renderers.pageIdleTaskMsPerS, 1)],
                    [
                        'vendor renderer Task / Script, ms',
                        vendor
                            ? `${fixed(vendor.TaskDuration, 1)} / ${fixed(vendor.ScriptDuration, 1)}`
                            : '(same renderer as the page)'
                    ]
                ]
            )
        );
        if (burst.lost || burst.duplicates || !burst.inOrder || !burst.allAnswered)
            out.push('PROBLEMS: the burst lost, duplicated or reordered events, or not every event was answered.');
    }
    out.push('');
    out.push('Static resources');
    out.push(
        table(
            ['', 'bytes', 'gzip -9'],
            sizes.map((s) => [s.file, s.bytes.toLocaleString('en-US'), s.gzipBytes.toLocaleString('en-US')])
        )
    );
    return out.join('\n');
}

main()
    .catch((error: unknown) => {
        if (error instanceof UsageError) {
            if (error.message) console.error(error.message);
            console.error(USAGE);
            process.exitCode = error.message ? 64 : 0;
        } else {
            console.error('bench:bridge failed:', error instanceof Error ? (error.stack ?? error.message) : error);
            process.exitCode = 1;
        }
    })
    .finally(() => cleanup());
