/**
 * The reference softphone itself: outside Salesforce it says it is not connected and sends nothing;
 * with the workbench's "slow softphone" fault it starts late and still connects; the adapter page
 * that hosts it (protocol wrapper) loads no Ameyo toolbar code.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JOE_LEAD_ID } from '../workbench/platform/org/sampleData';
import {
    adapterFrame,
    goToApp,
    openSoftphone,
    recordPath,
    screenshot,
    softphoneLog,
    TEST_TIMEOUT_MS,
    useWorkbench,
    waitForLog,
    waitForStartUp,
    waitUntil
} from './harness';

void describe('Reference softphone', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
    const e2e = useWorkbench();

    void it(
        'opened outside Salesforce: shows "Not connected" and sends nothing',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const page = await e2e.newPage();
            await page.setViewportSize({ width: 420, height: 800 });
            await page.goto(`${e2e.workbench.urls.softphone}/`);
            const badge = page.locator('[data-id="connection"]');
            await page.locator('[data-id="connection"][data-connection="not-connected"]').waitFor();
            assert.equal(await badge.textContent(), 'Not connected');
            await page.locator('[data-id="incoming"]').click();
            const refused = await waitForLog(page.mainFrame(), 'refused', 'incomingCall');
            assert.match(refused.text, /NOT_CONNECTED/);
            assert.ok((await softphoneLog(page.mainFrame())).every((e) => e.kind !== 'sent'));
            await screenshot(page, 'softphone-not-connected');
        }
    );

    void it(
        'the adapter page of a wrapper call center loads its own script and not the Ameyo toolbar resource',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const page = await e2e.newPage();
            await goToApp(page, e2e, recordPath('Lead', JOE_LEAD_ID));
            const softphone = await openSoftphone(page, e2e);
            await waitForStartUp(softphone);
            const adapter = await waitUntil('the adapter page', () => Promise.resolve(adapterFrame(page, e2e)));
            const scripts = await adapter.evaluate(() => [...document.scripts].map((script) => script.src));
            const fetched = await adapter.evaluate(() =>
                performance.getEntriesByType('resource').map((entry) => entry.name)
            );
            assert.ok(scripts.some((src) => /\/resource\/\d+\/softphoneAdapter$/.test(src)));
            // The page names the resource (data-ameyo-script), but a wrapper call center never fetches it.
            assert.match(
                (await adapter.locator('#softphone-adapter').getAttribute('data-ameyo-script')) ?? '',
                /\/resource\/\d+\/softphoneAmeyo$/
            );
            assert.deepEqual(
                [...scripts, ...fetched].filter((url) => url.includes('softphoneAmeyo')),
                []
            );
        }
    );

    void it(
        'with the "slow softphone" fault it starts late, and still connects',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const DELAY_MS = 2_500;
            e2e.workbench.faults.softphoneDelayMs = DELAY_MS;
            const page = await e2e.newPage();
            const started = Date.now();
            await goToApp(page, e2e, recordPath('Lead', JOE_LEAD_ID));
            const softphone = await openSoftphone(page, e2e, 25_000);
            // Page and script each wait DELAY_MS on the softphone origin.
            assert.ok(Date.now() - started >= DELAY_MS, 'the softphone should have started late');
            await waitForStartUp(softphone);
        }
    );
});
