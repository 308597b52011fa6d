/**
 * The workbench shows what the org gets: each record page renders exactly the components, in the
 * regions and order, that the app's FlexiPage for the object places, and the utility bar holds the
 * items of the app's UtilityBar FlexiPage. Expectations are read straight from the metadata files
 * (not through workbench/layout.ts), so a FlexiPage that drops or moves a component fails here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { applicationOf, flexiPageOf, parseRoot, type FlexiPageModel } from '../scripts/lib/pageMetadata';
import { APP_NAME } from '../workbench/layout';
import { DEFAULT_DIR } from '../workbench/paths';
import { ACME_ACCOUNT_ID, JOE_LEAD_ID, SHARED_CONTACT_ID } from '../workbench/platform/org/sampleData';
import { openPage, recordPath, screenshot, TEST_TIMEOUT_MS, useWorkbench } from './harness';

const read = (relative: string) => parseRoot(fs.readFileSync(path.join(DEFAULT_DIR, relative), 'utf8'), relative);
const app = applicationOf(read(`applications/${APP_NAME}.app-meta.xml`));
const flexiPage = (name: string): FlexiPageModel => flexiPageOf(read(`flexipages/${name}.flexipage-meta.xml`));
const regionOf = (page: FlexiPageModel, name: string): string[] =>
    page.regions.find((region) => region.name === name)?.components.map((c) => c.componentName) ?? [];
/** The custom element an LWC placed by bare name renders as. */
const tagOf = (componentName: string): string => `c-${componentName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

const RECORDS: Record<string, string> = { Lead: JOE_LEAD_ID, Account: ACME_ACCOUNT_ID, Contact: SHARED_CONTACT_ID };
/** What the package promises on each of its record pages and in its utility bar (issue 15). */
const REQUIRED_ON_RECORD_PAGES = ['streemEmbed', 'streemCallLog', 'softphoneBridge'];
const REQUIRED_UTILITY_ITEMS = ['opencti:softPhone', 'softphoneBridge'];

void describe('layout from the FlexiPages', { timeout: TEST_TIMEOUT_MS * 4 }, () => {
    const e2e = useWorkbench();

    for (const override of app.recordPages) {
        void it(
            `the ${override.object} page renders exactly what ${override.flexiPage} places`,
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                const recordId = RECORDS[override.object];
                assert.ok(recordId, `a sample ${override.object} to open`);
                const page = await openPage(e2e, recordPath(override.object, recordId));
                const expected = flexiPage(override.flexiPage);
                const grid = page.locator(`wb-record-page [data-flexipage="${override.flexiPage}"]`);
                await grid.waitFor();
                const columns = grid.locator(':scope > div');
                const slotsIn = (column: number) =>
                    columns
                        .nth(column)
                        .locator(':scope > [data-slot]')
                        .evaluateAll((slots) => slots.map((slot) => (slot as HTMLElement).dataset.slot));
                assert.deepEqual(await slotsIn(0), regionOf(expected, 'main'));
                assert.deepEqual(await slotsIn(1), regionOf(expected, 'sidebar'));

                // Every placed package component is there as itself, not as a notice, and none of the
                // package's own is missing: a FlexiPage that drops one fails here.
                assert.equal(await grid.locator('.wb-missing').count(), 0);
                for (const name of [...regionOf(expected, 'main'), ...regionOf(expected, 'sidebar')]) {
                    if (name.includes(':')) continue;
                    await grid.locator(`[data-slot="${name}"] > ${tagOf(name)}`).waitFor();
                }
                for (const name of REQUIRED_ON_RECORD_PAGES)
                    assert.equal(
                        await grid.locator(`[data-slot="${name}"] > ${tagOf(name)}`).count(),
                        1,
                        `${name} on the ${override.object} page`
                    );
                if (override.object === 'Lead') await screenshot(page, 'lead-page-layout');
            }
        );
    }

    void it(
        'the utility bar holds the UtilityBar FlexiPage items, in order; a component item opens its panel',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            assert.ok(app.utilityBar, `${APP_NAME} has a utility bar`);
            const bar = flexiPage(app.utilityBar.name);
            const items = bar.regions.find((region) => region.name === 'utilityItems')?.components ?? [];
            assert.deepEqual(
                REQUIRED_UTILITY_ITEMS.filter((name) => !items.some((item) => item.componentName === name)),
                [],
                'the utility bar holds the Open CTI softphone and softphoneBridge'
            );
            const page = await openPage(e2e, recordPath('Lead', JOE_LEAD_ID));
            const shown = await page
                .locator('[data-utility-item]')
                .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.utilityItem));
            assert.deepEqual(
                shown,
                items.map((item) => `utility-${item.identifier ?? ''}`)
            );

            // softphoneBridge loads when first opened (eager false), inside its own panel.
            const bridge = items.find((item) => item.componentName === 'softphoneBridge');
            assert.ok(bridge?.identifier);
            const panel = page.locator(`[data-id="utility-${bridge.identifier}-panel"]`);
            assert.equal(await panel.locator('c-softphone-bridge').count(), 0);
            await page.locator(`[data-id="utility-${bridge.identifier}-item"]`).click();
            await panel.locator('c-softphone-bridge').waitFor();
            assert.match((await panel.getAttribute('class')) ?? '', /slds-is-open/);
            assert.equal(await page.locator('[data-id="softphone-item"]').getAttribute('aria-expanded'), 'false');
            await screenshot(page, 'utility-softphone-bridge');
        }
    );
});
