/**
 * What the browser benchmarks (bench/bridge.ts, bench/shift.ts) share: the run's browser and
 * workbench and a watchdog that closes both when the budget is spent, bounded waits, the page
 * builds with Lightning Web Security on and off, bundling the in-browser scripts, CDP renderer
 * metrics, and opening a Lead record page with the Open CTI softphone connected.
 */
import { build as esbuild } from 'esbuild';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Frame, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../workbench/browser';
import { buildWorkbench } from '../../workbench/build';
import { OUT_DIR } from '../../workbench/paths';
import { startWorkbench, type Workbench } from '../../workbench/server';

/** A bad command line: printed with the usage, exit code 64. */
export class UsageError extends Error {}

/* ------------------------------------------------------------------ command line */

/** Options every browser bench takes: --skip-build, --budget-s N, --out FILE, --help. */
export const SHARED_OPTIONS = {
    'skip-build': { type: 'boolean', default: false },
    'budget-s': { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false }
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/**
 * `util.parseArgs` over the shared options and a bench's own (strict: unknown options and stray
 * arguments are usage errors); `--help` is a UsageError with no message (the usage, exit 0).
 */
export function parseBenchArgs(
    argv: readonly string[],
    own: NonNullable<ParseArgsConfig['options']>
): Record<string, string | boolean | undefined> {
    let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
    try {
        values = parseArgs({ args: [...argv], options: { ...SHARED_OPTIONS, ...own }, strict: true }).values;
    } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (values.help === true) throw new UsageError('');
    // No option is declared `multiple`, so every value is one string or boolean.
    return values as Record<string, string | boolean | undefined>;
}

/** A whole-number option's value (`fallback` when absent), or a UsageError naming the range. */
export function wholeNumber(
    name: string,
    raw: string | boolean | undefined,
    fallback: number,
    min: number,
    max: number
): number {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (typeof raw !== 'string' || raw.trim() === '' || !Number.isInteger(n) || n < min || n > max)
        throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${String(raw)}".`);
    return n;
}

/** One of `choices` (`fallback` when absent), or a UsageError listing them. */
export function oneOf<C extends string>(
    name: string,
    raw: string | boolean | undefined,
    choices: readonly C[],
    fallback: C
): C {
    if (raw === undefined) return fallback;
    if (!choices.includes(raw as C))
        throw new UsageError(`--${name} must be ${choices.join(' or ')}, not "${String(raw)}".`);
    return raw as C;
}

/** Upper bound for one step (a frame loading, a message round trip). */
export const STEP_TIMEOUT_MS = 15_000;
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** The run's browser and workbench servers, closed by `cleanup()` (and by the watchdog). */
export const resources: { browser?: Browser; workbench?: Workbench } = {};
let deadline = Number.POSITIVE_INFINITY;

export async function cleanup(): Promise<void> {
    const open = resources.browser;
    resources.browser = undefined;
    await open?.close().catch(() => undefined);
    const wb = resources.workbench;
    resources.workbench = undefined;
    await wb?.close().catch(() => undefined);
}

/** Ends the process after `ms` whatever is running, closing the browser and servers first (exit 2). */
export function startWatchdog(ms: number, what: string, bench: string): NodeJS.Timeout {
    deadline = Date.now() + ms;
    const timer = setTimeout(() => {
        console.error(`${bench}: ${what} did not finish within ${Math.round(ms / 1000)} s; stopping.`);
        const hardStop = setTimeout(() => process.exit(2), 10_000);
        hardStop.unref();
        void cleanup().finally(() => process.exit(2));
    }, ms);
    timer.unref();
    return timer;
}

/** Ctrl-C or a kill closes the browser and the servers before the process ends. */
export function closeOnSignals(bench: string): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => {
            console.error(`${bench}: ${signal}; closing the browser and the workbench.`);
            const hardStop = setTimeout(() => process.exit(130), 5_000);
            hardStop.unref();
            void cleanup().finally(() => process.exit(130));
        });
    }
}

/** Milliseconds left before the watchdog's deadline. */
export function timeLeft(): number {
    return deadline - Date.now();
}

/** A step's timeout, never past the run's deadline. */
export function timeoutFor(stepMs: number): number {
    return Math.max(1_000, Math.min(stepMs, deadline - Date.now() - 2_000));
}

/** Polls `check` every `pollMs` until it returns something other than undefined/false; throws after the timeout. */
export async function waitUntil<T>(
    what: string,
    check: () => Promise<T | undefined | false>,
    timeoutMs: number,
    pollMs = 50
): Promise<T> {
    const until = Date.now() + timeoutFor(timeoutMs);
    let lastError: unknown;
    for (;;) {
        try {
            const value = await check();
            if (value !== undefined && value !== false) return value;
        } catch (error) {
            lastError = error;
        }
        if (Date.now() > until) {
            const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
            throw new Error(`Timed out waiting for ${what}${reason}.`);
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
}

/** The promise, or an error naming `what` (and how to give it more room) after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string, hint = ''): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
            () =>
                reject(
                    new Error(`${what} did not finish within ${Math.round(ms / 1000)} s${hint ? ` (${hint})` : ''}.`)
                ),
            ms
        );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/* ------------------------------------------------------------------ page builds */

/** The page build of one variant: the package under Lightning Web Security, or not. */
export function variantDir(lws: boolean): string {
    return path.join(OUT_DIR, lws ? 'app-lws-on' : 'app-lws-off');
}

/** Builds the package once and the page once per variant, LWC in production mode as Salesforce runs it. */
export async function buildVariants(variants: readonly boolean[], bench: string, sourceMap = false): Promise<void> {
    const buildDog = startWatchdog(300_000 * variants.length, 'the build', bench);
    for (const [index, lws] of variants.entries()) {
        console.log(`${bench}: building the workbench with LWS ${lws ? 'on' : 'off'} (skip with --skip-build)…`);
        await buildWorkbench({
            buildPackage: index === 0,
            runtime: { lws, lwcMode: 'production' },
            appOutDir: variantDir(lws),
            sourceMap
        });
    }
    clearTimeout(buildDog);
}

/* ------------------------------------------------------------------ in-browser scripts */

/**
 * Bundles bench/browser/<name>.ts files into one init script (plain IIFEs: no helpers from the
 * Node-side transpiler), after `prelude` (e.g. the config global they read).
 */
export async function bundleBrowserScripts(names: readonly string[], prelude: string): Promise<string> {
    const parts: string[] = [prelude];
    for (const name of names) {
        const result = await esbuild({
            entryPoints: [path.join(__dirname, '..', 'browser', `${name}.ts`)],
            bundle: true,
            write: false,
            format: 'iife',
            platform: 'browser',
            target: 'es2022',
            logLevel: 'silent'
        });
        parts.push(result.outputFiles[0]?.text ?? '');
    }
    return parts.join('\n');
}

/** Calls a method of a bench global in a frame (a string expression: no Node-side code is shipped). */
export async function callIn<T>(frame: Frame, global: string, method: string, arg?: unknown): Promise<T> {
    const argument = arg === undefined ? '' : JSON.stringify(arg);
    return frame.evaluate<T>(`window.${global}.${method}(${argument})`);
}

/* ------------------------------------------------------------------ CDP main-thread metrics */

export const METRICS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const;
export type MetricName = (typeof METRICS)[number];
export type Metrics = Record<MetricName, number>;

/** The renderer's cumulative main-thread times, in ms (CDP Performance.getMetrics; enable it first). */
export async function readMetrics(session: CDPSession): Promise<Metrics> {
    const { metrics } = await session.send('Performance.getMetrics');
    const out = {} as Metrics;
    for (const name of METRICS) out[name] = (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
    return out;
}

export function metricsDelta(before: Metrics, after: Metrics): Metrics {
    const out = {} as Metrics;
    for (const name of METRICS) out[name] = after[name] - before[name];
    return out;
}

/* ------------------------------------------------------------------ the page */

export interface OpenedPage {
    workbench: Workbench;
    page: Page;
    context: BrowserContext;
    /** The adapter page (Visualforce origin). */
    adapter: Frame;
    /** The reference softphone, connected to the adapter. */
    vendor: Frame;
    vendorOrigin: string;
}

/**
 * Starts the workbench on free ports with the page build in `appDir` and one headless Chromium,
 * opens the first Lead's record page (the softphoneBridge component in its sidebar hears every
 * channel event) with the Open CTI utility open, and waits until the reference softphone is
 * connected. The vendor is served from `localhost`, another site than 127.0.0.1, so it gets its
 * own renderer process as a vendor on its own domain does (`sameSiteVendor` keeps it on 127.0.0.1).
 */
export async function openLeadWithSoftphone(options: {
    appDir: string;
    initScript:
        string | ((origins: { appOrigin: string; adapterOrigin: string; vendorOrigin: string }) => Promise<string>);
    /** The Lead to open (default: the org's first). */
    leadId?: string;
    callCenterOverrides?: Record<string, string>;
    sameSiteVendor?: boolean;
}): Promise<OpenedPage> {
    const workbench = await startWorkbench({ basePort: 0, appDir: options.appDir });
    resources.workbench = workbench;
    const urls = workbench.urls;
    const vendorOrigin = options.sameSiteVendor ? urls.softphone : urls.softphone.replace('127.0.0.1', 'localhost');
    Object.assign(workbench.callCenterOverrides, {
        '/vendorSoftphone/softphoneUrl': `${vendorOrigin}/`,
        '/vendorSoftphone/softphoneOrigin': vendorOrigin,
        ...options.callCenterOverrides
    });
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    resources.browser = browser;
    const context = await browser.newContext({ viewport: VIEWPORT });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const script =
        typeof options.initScript === 'string'
            ? options.initScript
            : await options.initScript({ appOrigin: urls.app, adapterOrigin: urls.visualforce, vendorOrigin });
    await context.addInitScript({ content: script });
    const page = await context.newPage();
    const leadId = options.leadId ?? (workbench.org.list('Lead')[0] as { Id: string } | undefined)?.Id;
    if (!leadId) throw new Error('The workbench org has no Lead to open.');
    await page.goto(`${urls.app}/lightning/r/Lead/${leadId}/view`, { timeout: timeoutFor(STEP_TIMEOUT_MS) });
    const item = page.locator('[data-id="softphone-item"]');
    await item.waitFor({ timeout: timeoutFor(STEP_TIMEOUT_MS) });
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
    const adapter = await waitUntil(
        'the adapter frame',
        () => Promise.resolve(page.frames().find((f) => f.url().startsWith(`${urls.visualforce}/apex/`))),
        STEP_TIMEOUT_MS
    );
    const vendor = await waitUntil(
        'the vendor softphone frame to connect',
        async () => {
            const frame = page.frames().find((f) => f.url().startsWith(`${vendorOrigin}/`));
            if (!frame) return undefined;
            const status = await frame
                .locator('[data-id="connection"]')
                .getAttribute('data-connection', { timeout: 1_000 });
            return status === 'connected' ? frame : undefined;
        },
        STEP_TIMEOUT_MS
    );
    return { workbench, page, context, adapter, vendor, vendorOrigin };
}
