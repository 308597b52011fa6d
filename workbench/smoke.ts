/**
 * Smoke check: starts the workbench on free ports, opens the sample Lead's record page in Debian's
 * chromium (playwright-core, no browser download), checks that real lightning-cards rendered with
 * the record, and saves a screenshot to .build/screenshots/. Exits non-zero on failure.
 * Run: tsx workbench/smoke.ts   (after tsx workbench/build.ts)
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from './browser';
import { SCREENSHOTS_DIR } from './paths';
import { JOE_LEAD_ID } from './platform/org/sampleData';
import { startWorkbench } from './server';

async function main(): Promise<void> {
    const workbench = await startWorkbench({ basePort: 0, verbose: true });
    const browser = await launchChromium();
    const errors: string[] = [];
    try {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => {
            if (message.type() === 'error') errors.push(message.text());
        });
        await page.goto(`${workbench.urls.app}/lightning/r/Lead/${JOE_LEAD_ID}/view`);
        // Synthetic shadow keeps the DOM queryable; wait for the record's name in the header and a base component card.
        await page.getByRole('heading', { name: 'Joe Customer', level: 1 }).waitFor({ timeout: 20_000 });
        await page.locator('lightning-card').first().waitFor({ timeout: 20_000 });
        const cards = await page.locator('lightning-card').count();
        if (cards < 2) throw new Error(`expected the record page's lightning-cards, found ${cards}`);
        await page.getByText('(503) 555-1212').first().waitFor();
        fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
        const file = path.join(SCREENSHOTS_DIR, 'workbench-lead.png');
        await page.screenshot({ path: file, fullPage: true });
        console.log(
            `smoke: ${cards} lightning-cards on the Lead page; screenshot ${path.relative(process.cwd(), file)}`
        );
        const unexpected = errors.filter((e) => !/favicon/.test(e));
        if (unexpected.length) console.warn(`smoke: browser errors:\n  ${unexpected.join('\n  ')}`);
    } finally {
        await browser.close();
        await workbench.close();
    }
}

main().catch((error: unknown) => {
    console.error(`smoke failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
});
