/**
 * Runs the end-to-end tests: builds the workbench (and the package, unless --skip-package), then runs
 * every e2e/*.test.ts with Node's test runner, one file at a time (each file starts its own
 * workbench and chromium). Prints the spec report, writes the counts to .build/results/e2e.json in
 * the shape scripts/test.ts reads (numPassedTests, numFailedTests), exits non-zero on any failure.
 *
 * Run: tsx e2e/run.ts [--skip-package] [--skip-build] [file filter …]
 */
import fs from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { buildWorkbench } from '../workbench/build';
import { APP_OUT_DIR, ROOT } from '../workbench/paths';

export const E2E_RESULTS = path.join(ROOT, '.build', 'results', 'e2e.json');
/** No single file may run longer than this (each test also has its own timeout). */
const FILE_TIMEOUT_MS = 150_000;

export interface E2EResult {
    numPassedTests: number;
    numFailedTests: number;
    numSkippedTests: number;
    durationMs: number;
}

/** Runs the e2e files (all, or those whose name contains a filter); resolves the counts. */
export async function runE2E(filters: readonly string[] = []): Promise<E2EResult> {
    const dir = path.join(ROOT, 'e2e');
    const files = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.test.ts'))
        .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
        .sort()
        .map((f) => path.join(dir, f));
    if (files.length === 0) throw new Error(`No e2e test file matches ${filters.join(', ')}.`);
    const started = Date.now();
    const counts = { numPassedTests: 0, numFailedTests: 0, numSkippedTests: 0 };
    // Children inherit this process's execArgv, which carries tsx's loader: the .ts files run as they are.
    const stream = run({ files, concurrency: 1, timeout: FILE_TIMEOUT_MS });
    stream.on('test:pass', (data) => {
        if (data.details.type === 'suite') return;
        if (data.skip !== undefined && data.skip !== false) counts.numSkippedTests += 1;
        else counts.numPassedTests += 1;
    });
    stream.on('test:fail', (data) => {
        // A failing file (syntax error, crash) reports as a failed test at nesting 0 too.
        if (data.details.type === 'suite') return;
        counts.numFailedTests += 1;
    });
    const report = stream.compose(spec);
    report.pipe(process.stdout);
    await new Promise<void>((resolve, reject) => {
        report.on('end', resolve);
        report.on('error', reject);
    });
    return { ...counts, durationMs: Date.now() - started };
}

/** Source files changed after the last workbench build (the bundle the browser would run), newest first. */
export function staleSources(bundle: string, roots: readonly string[]): string[] {
    const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
    const newer: [string, number][] = [];
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (entry.name !== '__tests__' && entry.name !== 'node_modules') walk(file);
            } else if (/\.(ts|html|css|xml)$/.test(entry.name)) {
                const changed = fs.statSync(file).mtimeMs;
                if (changed > built) newer.push([path.relative(ROOT, file), changed]);
            }
        }
    };
    for (const root of roots) if (fs.existsSync(root)) walk(root);
    return newer.sort((a, b) => b[1] - a[1]).map(([file]) => file);
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const filters = args.filter((a) => !a.startsWith('--'));
    if (args.includes('--skip-build')) {
        // The browser would run the last bundle: say so when sources changed since (a test then
        // fails, or passes, against code that is no longer there).
        const stale = staleSources(path.join(APP_OUT_DIR, 'main.js'), [
            path.join(ROOT, 'force-app'),
            path.join(ROOT, 'src'),
            path.join(ROOT, 'workbench')
        ]);
        if (stale.length > 0)
            console.warn(
                `e2e: WARNING --skip-build, but ${stale.length} source file(s) changed after the last build ` +
                    `(newest: ${stale.slice(0, 3).join(', ')}): the browser runs the old code. Run without --skip-build.`
            );
    } else {
        const t0 = Date.now();
        await buildWorkbench({ buildPackage: !args.includes('--skip-package') });
        console.log(`e2e: workbench built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const result = await runE2E(filters);
    fs.mkdirSync(path.dirname(E2E_RESULTS), { recursive: true });
    fs.writeFileSync(E2E_RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    console.log(
        `e2e: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${result.numSkippedTests} skipped in ${(result.durationMs / 1000).toFixed(1)} s`
    );
    if (result.numFailedTests > 0 || result.numPassedTests === 0) process.exitCode = 1;
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(`e2e failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
    });
}
