/**
 * Streem on the Lead page: the streemEmbed component frames the Streem stand-in with exactly the
 * parameters the Streem Embed document (seed 000) names, filled from the sample Lead, and "End call"
 * redirects the frame to the call log (`/streems`) for the same refId.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildEmbedUrl } from '../force-app/main/default/lwc/streemUrl/streemUrl';
import { JOE_LEAD_ID } from '../workbench/platform/org/sampleData';
import { openPage, recordPath, screenshot, STEP_TIMEOUT_MS, TEST_TIMEOUT_MS, useWorkbench, waitUntil } from './harness';

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

    void it(
        'starts Streem with one real click on Start straight from the phone field after a refused number',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const page = await openPage(e2e, recordPath('Lead', JOE_LEAD_ID));
            const embed = page.locator('c-streem-embed');
            await embed.locator('iframe').waitFor();

            const live = await embed.locator('iframe').getAttribute('src');
            await embed.getByRole('button', { name: 'Edit Details' }).click();
            const phone = embed.locator('lightning-input[data-id="phone"] input');
            const start = embed.locator('lightning-button[data-id="start"] button');
            const phoneError = embed.locator('lightning-input[data-id="phone"] .slds-form-element__help');

            // A number Streem cannot text is refused and the form says so under the field.
            await phone.fill('call reception');
            await start.click();
            await phoneError.waitFor();
            assert.match((await phoneError.textContent()) ?? '', /Enter a mobile number/);
            // The running session stays as it was under the form: only a successful Start replaces it.
            assert.equal(await embed.locator('iframe').getAttribute('src'), live);

            // The agent corrects it and, with the caret still in the field, clicks Start once, as a
            // person does: pointer to where the button is now, press, release ~100 ms later.
            await phone.click();
            await phone.fill('(971) 555-0101');
            assert.ok(await phone.evaluate((input) => input.matches(':focus')), 'the caret is still in the field');
            const box = await start.boundingBox();
            assert.ok(box, 'Start is on screen');
            await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
            await page.mouse.down();
            await page.waitForTimeout(100);
            await page.mouse.up();

            const iframe = embed.locator('iframe');
            await embed.locator('[data-id="details"]').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS / 3 });
            const src = new URL((await iframe.getAttribute('src')) ?? '');
            assert.equal(src.searchParams.get('phone'), '9715550101');
        }
    );
});
