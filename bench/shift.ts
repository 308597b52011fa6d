/**
 * `npm run bench:shift` (tsx bench/shift.ts): a shift of calls through the real adapter page and the
 * real softphoneBridge component in Chromium (Lightning Web Security on, LWC production mode), each
 * call worked through the reference softphone's controls: ring (screen pop), accept, end with a
 * disposition and notes, wrap-up notes, the Task saved in the org stand-in. In one run it prints the
 * adapter's CPU time per contract event early and late in the shift and their ratio, storage sizes,
 * JS heap after GC at the start and the end, the component's render time per channel event, and
 * where the page's main thread goes. Figures, never a timed test: it exits non-zero only when the
 * harness fails. See bench/README.md.
 *
 *   tsx bench/shift.ts [--skip-build] [--calls 1000] [--window 10] [--lws on|off]
 *                      [--sampling-us 200] [--budget-s 1800] [--out .build/bench/shift.json]
 *                      [--cpu-profiles DIR]
 */
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { ROOT } from '../workbench/paths';
import { JOE_LEAD_ID } from '../workbench/platform/org/sampleData';
import { readRuntime } from '../workbench/runtime';
import type { Workbench } from '../workbench/server';
import {
    SHIFT_CONFIG_GLOBAL,
    SHIFT_PAGE_GLOBAL,
    SHIFT_VENDOR_GLOBAL,
    type OriginStorage,
    type PageTake,
    type RenderSample,
    type ShiftConfig,
    type StorageFigures
} from './browser/shiftProtocol';
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
    type Metrics
} from './lib/run';
import { diffSnapshots, HeapSnapshot, snapshotReport, takeHeapSnapshot } from './lib/heapSnapshot';
import { fixed, round, rounded, summarize, table, type Summary } from './lib/stats';

const BENCH = 'bench:shift';
/** Joe Customer's mobile: every call pops his Lead (the page the agent is on) and is logged on it. */
const CALLER = '+15035551212';
const COMPONENT_TAG = 'c-softphone-bridge';
/** The vendor's contract calls per call: incomingCall, callAccepted, callEnded, callNotesSubmitted. */
const EVENTS_PER_CALL = 4;
const GOALS = { adapterRatio: 1.2, heapGrowthMB: 5, renderMedianMs: 2 } as const;

/* ------------------------------------------------------------------ options */

interface Options {
    skipBuild: boolean;
    calls: number;
    /** Calls per measured window (the first, a warm one right after it, the last). */
    window: number;
    lws: boolean;
    samplingUs: number;
    budgetS: number;
    out: string;
    cpuProfiles: string | null;
    /** Heap, DOM nodes and listeners are sampled every this many calls (and at the start, call `window` and the end). */
    heapEvery: number;
    /** The heap goal is measured from this call on: the component's history list is full (50 calls) and the page warm. */
    warmUp: number;
    /** Calls after which a heap snapshot is written (and consecutive ones diffed). */
    heapSnapshots: number[];
    snapshotDir: string;
}

const USAGE = `Usage: tsx bench/shift.ts [options]
  --skip-build            reuse the last bench build (.build/workbench/app-lws-<on|off>)
  --calls N               calls in the shift (default 1000; at least 3 windows)
  --window N              calls per measured window: the first N, the N after them, the last N (default 10)
  --lws on|off            the page with Lightning Web Security (default on, as every org runs) or without
  --sampling-us N         CPU profiler sampling interval in the windows, µs (default 200)
  --budget-s N            the run stops after N seconds whatever happens (default 1800)
  --out FILE              where the JSON figures go (default .build/bench/shift.json)
  --cpu-profiles DIR      also write each window's CPU profile (.cpuprofile, open in Chrome DevTools)
  --heap-every N          JS heap after GC, DOM nodes and listeners every N calls (default 50)
  --warm-up N             the heap goal counts from call N to the last (default 50: the history list is full)
  --heap-snapshots LIST   write a heap snapshot after these calls (e.g. 60,200) and diff each with the one before
  --snapshot-dir DIR      where the .heapsnapshot files go (default .build/bench/heap)`;

function parseOptions(argv: readonly string[]): Options {
    const values = parseBenchArgs(argv, {
        calls: { type: 'string' },
        window: { type: 'string' },
        lws: { type: 'string' },
        'sampling-us': { type: 'string' },
        'cpu-profiles': { type: 'string' },
        'heap-every': { type: 'string' },
        'warm-up': { type: 'string' },
        'heap-snapshots': { type: 'string' },
        'snapshot-dir': { type: 'string' }
    });
    const count = (name: keyof typeof values, fallback: number, min = 1): number =>
        wholeNumber(name, values[name], fallback, min, 100_000);
    const calls = count('calls', 1000);
    const snapshots = typeof values['heap-snapshots'] === 'string' ? values['heap-snapshots'].split(',') : [];
    const options: Options = {
        skipBuild: values['skip-build'] === true,
        calls,
        window: count('window', 10),
        lws: oneOf('lws', values.lws, ['on', 'off'], 'on') === 'on',
        samplingUs: count('sampling-us', 200),
        budgetS: count('budget-s', 1800),
        out: path.resolve(
            typeof values.out === 'string' ? values.out : path.join(ROOT, '.build', 'bench', 'shift.json')
        ),
        cpuProfiles: typeof values['cpu-profiles'] === 'string' ? path.resolve(values['cpu-profiles']) : null,
        heapEvery: count('heap-every', 50),
        warmUp: count('warm-up', 50, 0),
        heapSnapshots: [
            ...new Set(snapshots.map((raw) => wholeNumber('heap-snapshots', raw.trim(), 0, 1, calls)))
        ].sort((a, b) => a - b),
        snapshotDir: path.resolve(
            typeof values['snapshot-dir'] === 'string'
                ? values['snapshot-dir']
                : path.join(ROOT, '.build', 'bench', 'heap')
        )
    };
    if (options.calls < 3 * options.window)
        throw new UsageError(`--calls must be at least 3 × --window (${3 * options.window}).`);
    if (options.warmUp >= options.calls) throw new UsageError('--warm-up must be below --calls.');
    if (options.budgetS < 30) throw new UsageError('--budget-s must be at least 30.');
    return options;
}

/* ------------------------------------------------------------------ CPU profiles */

interface CallFrame {
    functionName: string;
    scriptId: string;
    url: string;
    lineNumber: number;
    columnNumber: number;
}
interface ProfileNode {
    id: number;
    callFrame: CallFrame;
    children?: number[];
}
interface CpuProfile {
    nodes: ProfileNode[];
    startTime: number;
    endTime: number;
    samples?: number[];
    timeDeltas?: number[];
}

/** Who a profile sample belongs to. */
type Owner =
    | 'adapter script'
    | 'adapter page (inline)'
    | 'Open CTI stand-in'
    | 'Lightning page bundle'
    | 'eval / sandboxed code'
    | 'other script'
    | 'garbage collector'
    | 'browser (program)'
    | 'idle';

interface ProfileFigures {
    /** Wall time the profile covers, ms. */
    ms: number;
    /** Sampled time by owner, ms: a sample belongs to the innermost JS function on its stack (natives it calls included). */
    byOwner: Record<string, number>;
    /** Self time by function (leaf frame), ms, the largest first. */
    topSelf: { fn: string; where: string; module: string; ms: number }[];
    /** Self time by source module of the page bundle (from its source map), ms, the largest first. */
    byModule: { module: string; ms: number }[];
    /** Self time in Lightning Web Security's own functions (named …$LWS: the membrane, distortions), ms. */
    lwsSelfMs: number;
    /**
     * Code evaluated inside the LWS sandbox (no URL: the package's components, templates and
     * modules), inclusive time by function name, ms: which getters, handlers and templates run.
     */
    sandboxInclusive: { fn: string; ms: number }[];
}

/** Maps a line of the page bundle back to its module, from main.js.map when the build wrote one. */
class BundleMap {
    private readonly maps = new Map<string, SourceMap | null>();
    constructor(
        private readonly appOrigin: string,
        private readonly appDir: string
    ) {}

    module(url: string, line: number, column: number): string {
        if (!url.startsWith(this.appOrigin)) return '';
        const file = new URL(url).pathname.replace(/^\/+/, '');
        let map = this.maps.get(file);
        if (map === undefined) {
            map = null;
            const candidates = [path.join(this.appDir, file), path.join(this.appDir, path.basename(file))];
            for (const candidate of candidates) {
                if (!fs.existsSync(`${candidate}.map`)) continue;
                try {
                    map = new SourceMap(JSON.parse(fs.readFileSync(`${candidate}.map`, 'utf8')) as never);
                } catch {
                    map = null;
                }
                break;
            }
            this.maps.set(file, map);
        }
        const entry: object | undefined = map?.findEntry(line, column);
        const source = entry && 'originalSource' in entry ? String(entry.originalSource) : '';
        return source ? moduleName(source) : '';
    }
}

/** A source path shortened to what owns it: an npm package, a package LWC, a workbench folder. */
function moduleName(source: string): string {
    const clean = source.replace(/^.*?(node_modules\/|force-app\/|workbench\/|src\/|\.build\/)/, '$1');
    const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(clean);
    if (npm) return npm[1] as string;
    const lwc = /force-app\/main\/default\/lwc\/([^/]+)\/([^/]+)/.exec(clean);
    if (lwc) return `c/${lwc[1]}/${lwc[2]}`;
    const wb = /workbench\/(.+)$/.exec(clean);
    if (wb) return `workbench/${(wb[1] as string).split('/').slice(0, 3).join('/')}`;
    return clean;
}

function profileFigures(
    profile: CpuProfile,
    origins: { app: string; adapter: string },
    bundle: BundleMap
): ProfileFigures {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const ownerOf = new Map<number, Owner>();
    const classify = (frame: CallFrame): Owner => {
        const url = frame.url;
        if (!url) return 'eval / sandboxed code';
        if (url.startsWith(origins.adapter)) {
            if (/softphoneAdapter/.test(url)) return 'adapter script';
            if (/opencti/.test(url)) return 'Open CTI stand-in';
            return 'adapter page (inline)';
        }
        if (url.startsWith(origins.app)) return 'Lightning page bundle';
        return 'other script';
    };
    const owner = (id: number): Owner => {
        const known = ownerOf.get(id);
        if (known) return known;
        const leaf = byId.get(id)?.callFrame;
        let found: Owner | undefined;
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
            const frame = byId.get(at)?.callFrame;
            if (frame && frame.scriptId !== '0') {
                found = classify(frame);
                break;
            }
        }
        if (!found) {
            const name = leaf?.functionName ?? '';
            found =
                name === '(garbage collector)' ? 'garbage collector' : name === '(idle)' ? 'idle' : 'browser (program)';
        }
        ownerOf.set(id, found);
        return found;
    };
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    const byOwner: Record<string, number> = {};
    const self = new Map<number, number>();
    for (let i = 0; i < samples.length; i++) {
        // A sample stands for the time until the next one (the last one: the mean interval).
        const us =
            i + 1 < deltas.length ? (deltas[i + 1] as number) : (profile.endTime - profile.startTime) / samples.length;
        const id = samples[i] as number;
        const who = owner(id);
        byOwner[who] = (byOwner[who] ?? 0) + us / 1000;
        self.set(id, (self.get(id) ?? 0) + us / 1000);
    }
    const sandboxInclusive = new Map<string, number>();
    for (let i = 0; i < samples.length; i++) {
        const us = i + 1 < deltas.length ? (deltas[i + 1] as number) : 0;
        const seen = new Set<string>();
        for (let at: number | undefined = samples[i]; at !== undefined; at = parent.get(at)) {
            const frame = byId.get(at)?.callFrame;
            if (!frame || frame.url || frame.scriptId === '0' || frame.functionName.includes('$LWS')) continue;
            const name = frame.functionName || '(anonymous)';
            if (seen.has(name)) continue;
            seen.add(name);
            sandboxInclusive.set(name, (sandboxInclusive.get(name) ?? 0) + us / 1000);
        }
    }
    const selfByFn = new Map<string, { fn: string; where: string; module: string; ms: number }>();
    let lwsSelfMs = 0;
    const byModule = new Map<string, number>();
    for (const [id, ms] of self) {
        const frame = byId.get(id)?.callFrame;
        if (!frame) continue;
        const who = owner(id);
        if (who === 'idle') continue;
        const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : '';
        const module = frame.url ? bundle.module(frame.url, frame.lineNumber, frame.columnNumber) : '';
        if (frame.functionName.includes('$LWS')) lwsSelfMs += ms;
        const key = `${frame.functionName}|${where}`;
        const entry = selfByFn.get(key) ?? { fn: frame.functionName || '(anonymous)', where, module, ms: 0 };
        entry.ms += ms;
        selfByFn.set(key, entry);
        if (who === 'Lightning page bundle' && frame.scriptId !== '0')
            byModule.set(module || '(no source map)', (byModule.get(module || '(no source map)') ?? 0) + ms);
    }
    return {
        ms: (profile.endTime - profile.startTime) / 1000,
        byOwner,
        topSelf: [...selfByFn.values()].sort((a, b) => b.ms - a.ms).slice(0, 20),
        byModule: [...byModule]
            .map(([module, ms]) => ({ module, ms }))
            .sort((a, b) => b.ms - a.ms)
            .slice(0, 15),
        lwsSelfMs,
        sandboxInclusive: [...sandboxInclusive]
            .filter(([fn]) => fn !== '(anonymous)')
            .map(([fn, ms]) => ({ fn, ms }))
            .sort((a, b) => b.ms - a.ms)
            .slice(0, 20)
    };
}

function shortUrl(url: string): string {
    try {
        const parsed = new URL(url);
        return parsed.pathname.split('/').filter(Boolean).slice(-2).join('/');
    } catch {
        return url;
    }
}

/* ------------------------------------------------------------------ heap and storage */

interface HeapFigures {
    usedMB: number;
    /** Blink's own garbage-collected heap (DOM, layout, DevTools agents' buffers): not in usedMB. */
    embedderMB: number;
    nodes: number;
    listeners: number;
    documents: number;
}

/** JS heap of a renderer's isolate after forced garbage collection, with its DOM nodes and listeners. */
async function heapAfterGc(session: CDPSession): Promise<HeapFigures> {
    for (let i = 0; i < 3; i++) await session.send('HeapProfiler.collectGarbage');
    const { usedSize, embedderHeapUsedSize } = await session.send('Runtime.getHeapUsage');
    const { metrics } = await session.send('Performance.getMetrics');
    const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    return {
        usedMB: usedSize / 1024 / 1024,
        embedderMB: (embedderHeapUsedSize ?? Number.NaN) / 1024 / 1024,
        nodes: metric('Nodes'),
        listeners: metric('JSEventListeners'),
        documents: metric('Documents')
    };
}

interface StorageSnapshot {
    adapter: OriginStorage;
    lightning: OriginStorage;
}

async function storageSnapshot(page: Page, adapter: Frame): Promise<StorageSnapshot> {
    return {
        adapter: await callIn<OriginStorage>(adapter, SHIFT_PAGE_GLOBAL, 'storage'),
        lightning: await callIn<OriginStorage>(page.mainFrame(), SHIFT_PAGE_GLOBAL, 'storage')
    };
}

/* ------------------------------------------------------------------ one call */

interface CallTimes {
    /** Wall time of the whole call as the bench drove it, ms. */
    totalMs: number;
}

class CallDriver {
    constructor(
        private readonly page: Page,
        private readonly vendor: Frame,
        private readonly workbench: Workbench,
        private readonly disposition: string
    ) {}

    /** Waits until the component shows the call in one of `states` (the page probe checks as its DOM changes). */
    private async componentShows(states: string[], what: string): Promise<void> {
        await callIn(this.page.mainFrame(), SHIFT_PAGE_GLOBAL, 'waitForCall', {
            states,
            timeoutMs: timeoutFor(STEP_TIMEOUT_MS)
        }).catch((error: unknown) => {
            throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
        });
    }

    private async taskSaved(conversationId: string, description: string): Promise<void> {
        await waitUntil(
            `the Task of ${conversationId} with its wrap-up notes`,
            () =>
                Promise.resolve(
                    this.workbench.org
                        .allTasks()
                        .some((t) => t.CallObject === conversationId && t.Description === description)
                ),
            STEP_TIMEOUT_MS,
            10
        );
    }

    /** Ring → (screen pop) → accept → end with disposition and notes → wrap-up notes → Task saved. */
    async call(index: number): Promise<CallTimes> {
        const started = Date.now();
        const id = await callIn<string>(this.vendor, SHIFT_VENDOR_GLOBAL, 'ring', CALLER);
        if (!id) throw new Error(`call ${index}: the softphone shows no conversationId after ringing`);
        await this.componentShows(['ringing'], `call ${index} ringing`);
        await callIn(this.vendor, SHIFT_VENDOR_GLOBAL, 'accept');
        await this.componentShows(['connected'], `call ${index} connected`);
        await callIn(this.vendor, SHIFT_VENDOR_GLOBAL, 'end', {
            disposition: this.disposition,
            notes: `Shift call ${index}.`
        });
        await this.componentShows(['ended', 'wrappedUp'], `call ${index} ended`);
        const notes = `Shift call ${index}: wrap-up notes.`;
        await callIn(this.vendor, SHIFT_VENDOR_GLOBAL, 'wrapUp', notes);
        await this.taskSaved(id, notes);
        return { totalMs: Date.now() - started };
    }
}

/* ------------------------------------------------------------------ the run */

interface WindowFigures {
    name: string;
    from: number;
    to: number;
    profile: ProfileFigures;
    /** Renderer main-thread time (page + adapter frame) over the window, ms. */
    renderer: Metrics;
    /** The adapter's CPU time per contract event, ms. */
    adapterPerEventMs: number;
    standInPerEventMs: number;
    /** The component: ms from a channel event's arrival to its DOM updated (events that changed it). */
    render: Summary;
    /** Of the window's channel events, how many did not change the component's DOM. */
    unrendered: number;
    callMs: Summary;
}

interface RunFigures {
    windows: WindowFigures[];
    render: Summary;
    renderByType: Record<string, Summary>;
    unrendered: number;
    channelEvents: number;
    hostsReplaced: number;
    noComponent: number;
    /** Heap, DOM nodes and listeners after forced GC, at `at` calls (0: before the first). */
    heap: { at: number[]; page: HeapFigures[]; vendor: (HeapFigures | null)[] };
    /** Heap snapshots written, by the call after which each was taken. */
    snapshots: { at: number; file: string }[];
    /** Console messages the page renderer's frames logged during the shift (CDP keeps their arguments alive). */
    consoleMessages: number;
    storage: { at: number; snapshot: StorageSnapshot }[];
    callMs: Summary;
    /** Calls made; fewer than planned when the budget ended the shift early. */
    calls: number;
    plannedCalls: number;
    runSeconds: number;
}

async function measure(options: Options): Promise<RunFigures> {
    const appDir = variantDir(options.lws);
    if (readRuntime(appDir).lws !== options.lws)
        throw new Error(
            `No LWS-${options.lws ? 'on' : 'off'} page build in ${path.relative(ROOT, appDir)}: run without --skip-build.`
        );
    const dog = startWatchdog(options.budgetS * 1000, 'the shift', BENCH);
    const started = Date.now();
    const { workbench, page, context, adapter, vendor } = await openLeadWithSoftphone({
        appDir,
        leadId: JOE_LEAD_ID,
        initScript: async (origins) => {
            const config: ShiftConfig = { ...origins, componentTag: COMPONENT_TAG };
            return bundleBrowserScripts(
                ['shiftPage', 'shiftVendor'],
                `window.${SHIFT_CONFIG_GLOBAL} = ${JSON.stringify(config)};`
            );
        }
    });
    console.log(`${BENCH}: chromium ${resources.browser?.version() ?? '?'}; ${options.calls} calls…`);
    const origins = { app: workbench.urls.app, adapter: workbench.urls.visualforce };
    const bundle = new BundleMap(workbench.urls.app, appDir);

    const pageSession = await context.newCDPSession(page);
    await pageSession.send('Performance.enable');
    await pageSession.send('Profiler.enable');
    await pageSession.send('Profiler.setSamplingInterval', { interval: options.samplingUs });
    let vendorSession: CDPSession | null = null;
    try {
        vendorSession = await context.newCDPSession(vendor);
        await vendorSession.send('Performance.enable');
    } catch {
        vendorSession = null; // same renderer as the page
    }

    await waitUntil(
        'the softphone driver',
        () => callIn<boolean>(vendor, SHIFT_VENDOR_GLOBAL, 'ready'),
        STEP_TIMEOUT_MS
    );
    const dispositions = await waitUntil(
        'the dispositions Salesforce sends the softphone',
        async () => {
            const list = await callIn<string[]>(vendor, SHIFT_VENDOR_GLOBAL, 'dispositions');
            return list.length > 0 ? list : undefined;
        },
        STEP_TIMEOUT_MS
    );
    await waitUntil(
        'the component on the page',
        async () => (await page.locator(COMPONENT_TAG).count()) > 0,
        STEP_TIMEOUT_MS
    );
    // Start-up traffic settles; none of it is in any figure.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await callIn(page.mainFrame(), SHIFT_PAGE_GLOBAL, 'take');

    const heap: RunFigures['heap'] = { at: [], page: [], vendor: [] };
    const snapHeap = async (at: number): Promise<void> => {
        if (heap.at[heap.at.length - 1] === at) return;
        heap.at.push(at);
        heap.page.push(await heapAfterGc(pageSession));
        heap.vendor.push(vendorSession ? await heapAfterGc(vendorSession) : null);
    };
    const snapshots: RunFigures['snapshots'] = [];
    let consoleMessages = 0;
    page.on('console', () => {
        consoleMessages += 1;
    });
    await snapHeap(0);

    const n = options.calls;
    const w = options.window;
    const windowStarts = [
        { name: `calls 1–${w}`, from: 1 },
        { name: `calls ${w + 1}–${2 * w}`, from: w + 1 },
        { name: `calls ${(n - w + 1).toLocaleString('en-US')}–${n.toLocaleString('en-US')}`, from: n - w + 1 }
    ];
    const driver = new CallDriver(page, vendor, workbench, dispositions[0] as string);
    const renders: { inWindow: boolean; sample: RenderSample }[] = [];
    const callMs: number[] = [];
    const storage: RunFigures['storage'] = [];
    const windows: WindowFigures[] = [];
    let hostsReplaced = 0;
    let noComponent = 0;
    let open: { name: string; from: number; before: Metrics } | null = null;
    const lastWindow = windowStarts[2] as { name: string; from: number };
    let lastCall = n;

    for (let i = 1; i <= lastCall; i++) {
        // Short of budget: the last window starts now, so the shift ends with figures rather than a watchdog.
        if (open === null && i > 2 * w && i < lastWindow.from) {
            const recent = callMs.slice(-20);
            const perCall = recent.reduce((a, b) => a + b, 0) / Math.max(1, recent.length);
            if (timeLeft() < (w + 1) * perCall * 1.5 + 60_000) {
                lastWindow.from = i;
                lastCall = i + w - 1;
                lastWindow.name = `calls ${i.toLocaleString('en-US')}–${lastCall.toLocaleString('en-US')}`;
                console.log(`${BENCH}: the budget (--budget-s ${options.budgetS}) ends the shift at ${lastCall} calls`);
            }
        }
        const starting = windowStarts.find((s) => s.from === i);
        if (starting) {
            open = { ...starting, before: await readMetrics(pageSession) };
            await pageSession.send('Profiler.start');
        }
        const times = await driver.call(i);
        callMs.push(times.totalMs);
        // The probe's samples, read at each window's edges and now and then (each read is page work too).
        const windowEnds = open !== null && i === open.from + w - 1;
        if (windowEnds || windowStarts.some((start) => start.from === i + 1) || i % 50 === 0 || i === lastCall) {
            const taken = await callIn<PageTake>(page.mainFrame(), SHIFT_PAGE_GLOBAL, 'take');
            const inWindow = open !== null;
            for (const sample of taken.samples) renders.push({ inWindow, sample });
            hostsReplaced += taken.hostsReplaced;
            noComponent += taken.noComponent;
        }
        if (open && i === open.from + w - 1) {
            const { profile } = await pageSession.send('Profiler.stop');
            const renderer = metricsDelta(open.before, await readMetrics(pageSession));
            if (options.cpuProfiles) {
                fs.mkdirSync(options.cpuProfiles, { recursive: true });
                fs.writeFileSync(
                    path.join(options.cpuProfiles, `shift-calls-${open.from}-${i}.cpuprofile`),
                    JSON.stringify(profile)
                );
            }
            const figures = profileFigures(profile, origins, bundle);
            const inWindow = renders.filter((r) => r.inWindow);
            for (const r of inWindow) r.inWindow = false;
            const events = w * EVENTS_PER_CALL;
            windows.push({
                name: open.name,
                from: open.from,
                to: i,
                profile: figures,
                renderer,
                adapterPerEventMs: (figures.byOwner['adapter script'] ?? 0) / events,
                standInPerEventMs: (figures.byOwner['Open CTI stand-in'] ?? 0) / events,
                render: summarize(inWindow.filter((r) => r.sample[1] >= 0).map((r) => r.sample[1])),
                unrendered: inWindow.filter((r) => r.sample[1] < 0).length,
                callMs: summarize(callMs.slice(open.from - 1, i))
            });
            open = null;
        }
        if (i === w) storage.push({ at: i, snapshot: await storageSnapshot(page, adapter) });
        if (i === w || i === options.warmUp || i % options.heapEvery === 0) await snapHeap(i);
        if (options.heapSnapshots.includes(i)) {
            fs.mkdirSync(options.snapshotDir, { recursive: true });
            const file = path.join(options.snapshotDir, `page-after-call-${i}.heapsnapshot`);
            await takeHeapSnapshot(pageSession, file);
            snapshots.push({ at: i, file });
        }
        if (i % 100 === 0 || i === lastCall) {
            const seconds = (Date.now() - started) / 1000;
            console.log(
                `${BENCH}: ${i}/${lastCall} calls, ${seconds.toFixed(0)} s (${((seconds / i) * 1000).toFixed(0)} ms/call incl. start-up)`
            );
        }
    }
    storage.push({ at: lastCall, snapshot: await storageSnapshot(page, adapter) });
    await snapHeap(lastCall);
    clearTimeout(dog);

    const rendered = renders.filter((r) => r.sample[1] >= 0);
    const byType: Record<string, number[]> = {};
    for (const r of rendered) (byType[r.sample[0]] ??= []).push(r.sample[1]);
    return {
        windows,
        render: summarize(rendered.map((r) => r.sample[1])),
        renderByType: Object.fromEntries(Object.entries(byType).map(([type, values]) => [type, summarize(values)])),
        unrendered: renders.length - rendered.length,
        channelEvents: renders.length,
        hostsReplaced,
        noComponent,
        heap,
        snapshots,
        consoleMessages,
        storage,
        callMs: summarize(callMs),
        calls: lastCall,
        plannedCalls: n,
        runSeconds: (Date.now() - started) / 1000
    };
}

/* ------------------------------------------------------------------ the report */

const passFail = (ok: boolean): string => (ok ? 'pass' : 'MISSED');

/** Least-squares slope of y over x, per 100 of x (NaN with fewer than two points). */
function slopePer100(points: readonly [number, number][]): number {
    if (points.length < 2) return Number.NaN;
    const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
    const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
    let num = 0;
    let den = 0;
    for (const [x, y] of points) {
        num += (x - mx) * (y - my);
        den += (x - mx) ** 2;
    }
    return den === 0 ? Number.NaN : (num / den) * 100;
}

interface HeapTrend {
    /** The sample the goal counts from (the first at or after --warm-up). */
    fromCall: number;
    toCall: number;
    startToEndMB: number;
    /** The goal's figure: growth from the warm-up sample to the last. */
    afterWarmUpMB: number;
    /** Slopes over the samples from the warm-up on, per 100 calls. */
    mbPer100: number;
    nodesPer100: number;
    listenersPer100: number;
    vendorStartToEndMB: number;
}

function heapTrend(heap: RunFigures['heap'], warmUp: number): HeapTrend {
    const last = heap.at.length - 1;
    let from = heap.at.findIndex((at) => at >= warmUp);
    if (from < 0 || from === last) from = 0;
    const after = heap.at.map((at, i) => [at, i] as const).filter(([, i]) => i >= from);
    const slope = (pick: (h: HeapFigures) => number): number =>
        slopePer100(after.map(([at, i]) => [at, pick(heap.page[i] as HeapFigures)]));
    const mb = (i: number): number => heap.page[i]?.usedMB ?? Number.NaN;
    const vendorFirst = heap.vendor[0];
    const vendorLast = heap.vendor[last];
    return {
        fromCall: heap.at[from] ?? 0,
        toCall: heap.at[last] ?? 0,
        startToEndMB: mb(last) - mb(0),
        afterWarmUpMB: mb(last) - mb(from),
        mbPer100: slope((h) => h.usedMB),
        nodesPer100: slope((h) => h.nodes),
        listenersPer100: slope((h) => h.listeners),
        vendorStartToEndMB: vendorFirst && vendorLast ? vendorLast.usedMB - vendorFirst.usedMB : Number.NaN
    };
}

function storageRows(storage: RunFigures['storage']): string[][] {
    const rows: string[][] = [];
    const areas: [string, (s: StorageSnapshot) => StorageFigures][] = [
        ['adapter origin localStorage', (s) => s.adapter.local],
        ['adapter origin sessionStorage', (s) => s.adapter.session],
        ['Lightning origin localStorage', (s) => s.lightning.local],
        ['Lightning origin sessionStorage', (s) => s.lightning.session]
    ];
    for (const [label, pick] of areas) {
        const cells = storage.map(({ snapshot }) => {
            const area = pick(snapshot);
            return `${(area.chars * 2).toLocaleString('en-US')} (${area.keys} keys)`;
        });
        const first = storage[0] ? pick(storage[0].snapshot).chars : 0;
        const last = storage[storage.length - 1]
            ? pick((storage[storage.length - 1] as (typeof storage)[number]).snapshot).chars
            : 0;
        const span = (storage[storage.length - 1]?.at ?? 0) - (storage[0]?.at ?? 0);
        const [from, to] = [storage[0], storage[storage.length - 1]];
        const writes = from && to ? pick(to.snapshot).writes - pick(from.snapshot).writes : 0;
        const writtenChars = from && to ? pick(to.snapshot).writtenChars - pick(from.snapshot).writtenChars : 0;
        rows.push([
            label,
            ...cells,
            span > 0 ? fixed(((last - first) * 2) / span, 1) : '–',
            span > 0
                ? `${fixed(writes / span, 1)} (${Math.round((writtenChars * 2) / span).toLocaleString('en-US')} B)`
                : '–'
        ]);
    }
    return rows;
}

function report(figures: RunFigures, options: Options): string {
    const out: string[] = [];
    const [first, warm, last] = figures.windows;
    const ratio = first && last ? last.adapterPerEventMs / first.adapterPerEventMs : Number.NaN;
    const warmRatio = warm && last ? last.adapterPerEventMs / warm.adapterPerEventMs : Number.NaN;
    const trend = heapTrend(figures.heap, options.warmUp);

    out.push(
        `Shift: ${figures.calls.toLocaleString('en-US')} calls (ring, screen pop, accept, end with disposition + notes, ` +
            `wrap-up notes, Task saved), LWS ${options.lws ? 'on' : 'off'}, LWC production mode; ` +
            `${fixed(figures.runSeconds, 0)} s, ${fixed(figures.callMs.median, 0)} ms per call (median)`
    );
    if (figures.calls < figures.plannedCalls)
        out.push(
            `SHIFT CUT SHORT: ${figures.calls} of ${figures.plannedCalls} calls within --budget-s ${options.budgetS}; ` +
                'the last window is the last calls made (raise --budget-s for the whole shift)'
        );
    out.push('');
    out.push('Per window (CPU profile of the page renderer: the Lightning page and the adapter frame share it)');
    const col = (pick: (w: WindowFigures) => string): string[] => figures.windows.map(pick);
    out.push(
        table(
            ['', ...figures.windows.map((w) => w.name)],
            [
                ['adapter script CPU per contract event, ms', ...col((w) => fixed(w.adapterPerEventMs, 3))],
                ['Open CTI stand-in CPU per contract event, ms', ...col((w) => fixed(w.standInPerEventMs, 3))],
                [
                    'page bundle CPU per call, ms',
                    ...col((w) => fixed((w.profile.byOwner['Lightning page bundle'] ?? 0) / (w.to - w.from + 1), 1))
                ],
                [
                    'eval/sandboxed code CPU per call, ms',
                    ...col((w) => fixed((w.profile.byOwner['eval / sandboxed code'] ?? 0) / (w.to - w.from + 1), 1))
                ],
                [
                    'garbage collector per call, ms',
                    ...col((w) => fixed((w.profile.byOwner['garbage collector'] ?? 0) / (w.to - w.from + 1), 1))
                ],
                [
                    'browser (layout, style, …) per call, ms',
                    ...col((w) => fixed((w.profile.byOwner['browser (program)'] ?? 0) / (w.to - w.from + 1), 1))
                ],
                [
                    'renderer Task time per call, ms (CDP)',
                    ...col((w) => fixed(w.renderer.TaskDuration / (w.to - w.from + 1), 1))
                ],
                [
                    'component render per channel event, median ms',
                    ...col((w) => `${fixed(w.render.median, 2)} (n ${w.render.n})`)
                ],
                ['component render per channel event, p90 ms', ...col((w) => fixed(w.render.p90, 2))],
                ['call as driven, median ms', ...col((w) => fixed(w.callMs.median, 0))]
            ]
        )
    );
    out.push('');
    out.push('Storage, bytes (UTF-16: 2 × characters of keys and values)');
    out.push(
        table(
            [
                '',
                ...figures.storage.map((s) => `at call ${s.at.toLocaleString('en-US')}`),
                'growth per call',
                'written per call: setItem (bytes)'
            ],
            storageRows(figures.storage)
        )
    );
    const lastStorage = figures.storage[figures.storage.length - 1]?.snapshot;
    if (lastStorage) {
        const largest = [
            ...lastStorage.adapter.local.largest.map(([k, c]) => [`adapter local ${k}`, c] as const),
            ...lastStorage.adapter.session.largest.map(([k, c]) => [`adapter session ${k}`, c] as const),
            ...lastStorage.lightning.local.largest.map(([k, c]) => [`Lightning local ${k}`, c] as const),
            ...lastStorage.lightning.session.largest.map(([k, c]) => [`Lightning session ${k}`, c] as const)
        ]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 5);
        out.push(
            `largest keys at the end: ${largest.map(([k, c]) => `${k.slice(0, 70)} ${(c * 2).toLocaleString('en-US')} B`).join('; ')}`
        );
    }
    out.push('');
    out.push(
        'JS heap after forced GC (CDP), DOM nodes and JS event listeners (the page renderer holds the Lightning page and the adapter frame)'
    );
    out.push(
        table(
            [
                'after call',
                'page JS heap, MB',
                'DOM nodes',
                'listeners',
                'page Blink heap, MB',
                'vendor JS heap, MB',
                'vendor DOM nodes'
            ],
            figures.heap.at.map((at, i) => {
                const h = figures.heap.page[i] as HeapFigures;
                const v = figures.heap.vendor[i];
                return [
                    at === 0 ? 'start' : at.toLocaleString('en-US'),
                    fixed(h.usedMB, 2),
                    String(h.nodes),
                    String(h.listeners),
                    fixed(h.embedderMB, 2),
                    v ? fixed(v.usedMB, 2) : '–',
                    v ? String(v.nodes) : '–'
                ];
            })
        )
    );
    out.push(
        `page renderer, from call ${trend.fromCall} (warm-up: the history list is full) to call ${trend.toCall}: ` +
            `${fixed(trend.afterWarmUpMB, 2)} MB; slope ${fixed(trend.mbPer100, 3)} MB, ${fixed(trend.nodesPer100, 1)} DOM nodes, ` +
            `${fixed(trend.listenersPer100, 1)} listeners per 100 calls; start to end ${fixed(trend.startToEndMB, 2)} MB`
    );
    out.push(
        `console messages logged by the page's frames during the shift: ${figures.consoleMessages} ` +
            '(with CDP Runtime enabled, as Playwright has it, each keeps its arguments alive)'
    );
    out.push('');
    out.push(
        `Component render per channel event (arrival in the page → the component's DOM updated, same task): ` +
            `${figures.render.n} of ${figures.channelEvents} events changed its DOM; ` +
            `median ${fixed(figures.render.median, 2)} ms, p90 ${fixed(figures.render.p90, 2)}, p99 ${fixed(figures.render.p99, 2)}, max ${fixed(figures.render.max, 1)}`
    );
    out.push(
        table(
            ['by channel event type', 'n', 'median ms', 'p90 ms', 'max ms'],
            Object.entries(figures.renderByType).map(([type, s]) => [
                type,
                String(s.n),
                fixed(s.median, 2),
                fixed(s.p90, 2),
                fixed(s.max, 1)
            ])
        )
    );
    if (figures.hostsReplaced || figures.noComponent)
        out.push(
            `note: the component's element was replaced ${figures.hostsReplaced} times; ${figures.noComponent} events found none on the page`
        );
    if (warm) {
        out.push('');
        out.push(`Where the page renderer's time goes (${warm.name}, warm; sampled self time)`);
        out.push(
            table(
                ['by owner (innermost JS frame)', 'ms', 'per call'],
                Object.entries(warm.profile.byOwner)
                    .filter(([who]) => who !== 'idle')
                    .sort((a, b) => b[1] - a[1])
                    .map(([who, ms]) => [who, fixed(ms, 1), fixed(ms / (warm.to - warm.from + 1), 2)])
            )
        );
        if (warm.profile.byModule.length) {
            out.push('');
            out.push(
                table(
                    ['page bundle self time by module', 'ms', 'per call'],
                    warm.profile.byModule.map((m) => [
                        m.module,
                        fixed(m.ms, 1),
                        fixed(m.ms / (warm.to - warm.from + 1), 2)
                    ])
                )
            );
        }
        out.push('');
        out.push(
            `Lightning Web Security's own functions (…$LWS), self: ${fixed(warm.profile.lwsSelfMs, 1)} ms, ` +
                `${fixed(warm.profile.lwsSelfMs / (warm.to - warm.from + 1), 1)} per call`
        );
        out.push('');
        out.push(
            table(
                ['in the LWS sandbox (package code), inclusive', 'ms', 'per call'],
                warm.profile.sandboxInclusive
                    .slice(0, 15)
                    .map((f) => [f.fn.slice(0, 50), fixed(f.ms, 1), fixed(f.ms / (warm.to - warm.from + 1), 2)])
            )
        );
        out.push('');
        out.push(
            table(
                ['top functions by self time', 'where', 'module', 'ms'],
                warm.profile.topSelf.slice(0, 15).map((f) => [f.fn.slice(0, 40), f.where, f.module, fixed(f.ms, 1)])
            )
        );
    }
    out.push('');
    out.push('Goals');
    out.push(
        table(
            ['goal', 'figure', 'result'],
            [
                [
                    `adapter cost per event, last / first ${options.window} calls ≤ ${GOALS.adapterRatio}`,
                    `${fixed(ratio, 2)} (last / warm ${fixed(warmRatio, 2)})`,
                    passFail(ratio <= GOALS.adapterRatio)
                ],
                [
                    `JS heap growth after GC, page renderer, call ${trend.fromCall} → ${trend.toCall} ≤ ${GOALS.heapGrowthMB} MB`,
                    `${fixed(trend.afterWarmUpMB, 2)} MB (${fixed(trend.mbPer100, 3)} MB per 100 calls; ` +
                        `start → end ${fixed(trend.startToEndMB, 2)} MB; vendor ${fixed(trend.vendorStartToEndMB, 2)} MB)`,
                    passFail(trend.afterWarmUpMB <= GOALS.heapGrowthMB)
                ],
                [
                    `component render per call event, median ≤ ${GOALS.renderMedianMs} ms`,
                    `${fixed(figures.render.median, 2)} ms`,
                    passFail(figures.render.median <= GOALS.renderMedianMs)
                ]
            ]
        )
    );
    return out.join('\n');
}

/* ------------------------------------------------------------------ main */

async function main(): Promise<void> {
    const options = parseOptions(process.argv.slice(2));
    closeOnSignals(BENCH);
    if (!options.skipBuild) await buildVariants([options.lws], BENCH, true);
    const figures = await measure(options);
    await cleanup();
    // Parsed after the browser closed: a snapshot of the page is tens of MB of JSON.
    const diffs: string[] = [];
    for (let i = 1; i < figures.snapshots.length; i++) {
        const a = figures.snapshots[i - 1] as { at: number; file: string };
        const b = figures.snapshots[i] as { at: number; file: string };
        diffs.push(
            snapshotReport(
                `call ${a.at}`,
                `call ${b.at}`,
                diffSnapshots(HeapSnapshot.read(a.file), HeapSnapshot.read(b.file))
            )
        );
    }
    const output = {
        when: new Date().toISOString(),
        node: process.version,
        cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
        loadAverage: os.loadavg().map((v) => round(v, 2)),
        options: { ...options, out: path.relative(ROOT, options.out) },
        ...figures,
        render: rounded(figures.render),
        callMs: rounded(figures.callMs),
        renderByType: Object.fromEntries(Object.entries(figures.renderByType).map(([k, s]) => [k, rounded(s)])),
        windows: figures.windows.map((w) => ({ ...w, render: rounded(w.render), callMs: rounded(w.callMs) }))
    };
    fs.mkdirSync(path.dirname(options.out), { recursive: true });
    fs.writeFileSync(options.out, `${JSON.stringify(output, null, 2)}\n`);
    console.log(`\n${report(figures, options)}`);
    for (const diff of diffs) console.log(`\n${diff}`);
    console.log(`\n${BENCH}: figures written to ${path.relative(ROOT, options.out)}`);
}

main()
    .catch((error: unknown) => {
        if (error instanceof UsageError) {
            if (error.message) console.error(error.message);
            console.error(USAGE);
            process.exitCode = error.message ? 64 : 0;
        } else {
            console.error(`${BENCH} failed:`, error instanceof Error ? (error.stack ?? error.message) : error);
            process.exitCode = 1;
        }
    })
    .finally(() => cleanup());
