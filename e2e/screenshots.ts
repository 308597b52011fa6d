/**
 * Refreshes the README's screenshots: runs the e2e suite (which saves every key state to
 * .build/screenshots/, 1280×800), then copies the curated set to docs/screenshots/. Fails if a
 * screenshot is missing (its test failed or was skipped) or larger than MAX_BYTES.
 *
 * Run: tsx e2e/screenshots.ts [--skip-package] [--skip-build] [--copy-only]
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildWorkbench } from '../workbench/build';
import { ROOT, SCREENSHOTS_DIR } from '../workbench/paths';
import { runE2E } from './run';

export const DOCS_SCREENSHOTS_DIR = path.join(ROOT, 'docs', 'screenshots');
/** Keeps the repository light; a 1280×800 UI screenshot is typically 60–180 KB. */
const MAX_BYTES = 200 * 1024;

/** The curated set: e2e screenshot name → file under docs/screenshots/ (required unless optional). */
export const CURATED: readonly { from: string; to: string; optional?: boolean }[] = [
    { from: 'incoming-call-popped', to: 'lead-incoming-call.png' },
    { from: 'call-wrap-up', to: 'call-wrap-up.png' },
    { from: 'task-on-lead', to: 'task-on-lead.png' },
    { from: 'softphone-bridge-live-call', to: 'softphone-bridge-live-call.png', optional: true },
    { from: 'click-to-dial', to: 'click-to-dial.png' },
    { from: 'several-matches-ask', to: 'several-matches-ask.png' },
    { from: 'lead-streem-embed', to: 'streem-embed.png' },
    { from: 'lead-streem-call-log', to: 'streem-call-log.png' },
    { from: 'softphone-not-connected', to: 'softphone-not-connected.png' },
    { from: 'utility-softphone-bridge', to: 'app-utility-bar.png' }
];

/** Copies the curated screenshots; returns the problems found (empty when all is well). */
export function copyCurated(): string[] {
    fs.mkdirSync(DOCS_SCREENSHOTS_DIR, { recursive: true });
    const problems: string[] = [];
    for (const shot of CURATED) {
        const source = path.join(SCREENSHOTS_DIR, `${shot.from}.png`);
        if (!fs.existsSync(source)) {
            if (!shot.optional) problems.push(`${shot.from}.png was not taken (did its e2e test fail?)`);
            continue;
        }
        const bytes = fs.statSync(source).size;
        if (bytes > MAX_BYTES) {
            problems.push(`${shot.from}.png is ${Math.round(bytes / 1024)} KB (limit ${MAX_BYTES / 1024} KB)`);
            continue;
        }
        fs.copyFileSync(source, path.join(DOCS_SCREENSHOTS_DIR, shot.to));
        console.log(`screenshots: docs/screenshots/${shot.to} (${Math.round(bytes / 1024)} KB)`);
    }
    return problems;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    if (!args.includes('--copy-only')) {
        // Stale files from an earlier run must not pass for fresh ones.
        fs.rmSync(SCREENSHOTS_DIR, { recursive: true, force: true });
        if (!args.includes('--skip-build')) await buildWorkbench({ buildPackage: !args.includes('--skip-package') });
        const result = await runE2E();
        if (result.numFailedTests > 0) console.warn(`screenshots: ${result.numFailedTests} e2e test(s) failed.`);
    }
    const problems = copyCurated();
    if (problems.length) {
        console.error(`screenshots:\n  ${problems.join('\n  ')}`);
        process.exitCode = 1;
    }
}

main().catch((error: unknown) => {
    console.error(`screenshots failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
});
