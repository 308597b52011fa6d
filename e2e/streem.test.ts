/**
 * Streem on the Lead page: the streemEmbed component frames the Streem stand-in with exactly the
 * parameters the Streem Embed document (seed 000) names, filled from the sample Lead, and "End call"
 * redirects the frame to the call log (`/streems`) for the same refId.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildEmbedUrl } from '../force-app/main/default/lwc/streemUrl/streemUrl';
import { JOE_LEAD_ID } from '../workbench/platform/org/sampleData';
import { openPage, recordPath, screenshot, TEST_TIMEOUT_MS, useWorkbench, waitUntil } from './harness';

void describe('Streem embed from the Lead page', { timeout: TEST_TIMEOUT_MS * 2 }, () => {
    const e2e = useWorkbench();

    void it(
        'reaches the stand-in with exactly the expected parameters, and ends on /streems for the same refId',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const streem = e2e.workbench.urls.streem;
            const page = await openPage(e2e, recordPath('Lead', JOE_LEAD_ID));

            // The sample Lead: Name "Joe Customer", MobilePhone "(503) 555-1212" (mobile first: the invite is an SMS).
            const expectedParams = {
                name: 'Joe Customer',
                phone: '5035551212',
                refId: JOE_LEAD_ID,
                source: 'SFDC',
                redirect: `${streem}/streems?refId=${JOE_LEAD_ID}`
            };
            const expectedUrl = buildEmbedUrl({
                baseUrl: streem,
                name: 'Joe Customer',
                phone: '(503) 555-1212',
                refId: JOE_LEAD_ID,
                source: 'SFDC',
                redirect: 'streems'
            });

            const iframe = page.locator('c-streem-embed iframe');
            await iframe.waitFor();
            assert.equal(await iframe.getAttribute('src'), expectedUrl);

            const frame = await waitUntil('the Streem embed frame', () =>
                page.frames().find((f) => f.url().startsWith(`${streem}/embed`))
            );
            await frame.locator('[data-id="params"]').waitFor();
            const shown = await frame
                .locator('[data-param]')
                .evaluateAll((codes) => codes.map((c) => [(c as HTMLElement).dataset.param, c.textContent]));
            assert.deepEqual(Object.fromEntries(shown), expectedParams);
            await iframe.scrollIntoViewIfNeeded();
            await screenshot(page, 'lead-streem-embed');

            await frame.locator('[data-id="end-call"]').click();
            await frame.waitForURL((url) => url.pathname === '/streems');
            const landed = new URL(frame.url());
            assert.equal(landed.origin, streem);
            assert.equal(landed.searchParams.get('refId'), JOE_LEAD_ID);
            assert.deepEqual([...landed.searchParams.keys()], ['refId']);
            assert.equal(await frame.locator('[data-id="refId"]').textContent(), JOE_LEAD_ID);
            // The call just ended is in the log for that refId, with the Lead's name.
            await frame.locator('tr[data-call]').first().waitFor();
            assert.match((await frame.locator('tr[data-call]').first().textContent()) ?? '', /Joe Customer/);
            await screenshot(page, 'lead-streem-call-log');
        }
    );
});
