/**
 * The workbench is as strict as the platform: the package's modules run under Lightning Web
 * Security (sandbox key `c`), Lightning pages carry Lightning's CSP and Permissions-Policy built
 * from the org's active trusted sites, and the Visualforce page may be framed only by Lightning.
 * If any of this were off, every other browser test would prove less than it claims.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JOE_LEAD_ID } from '../workbench/platform/org/sampleData';
import {
    HOME,
    JOE_E164,
    openPage,
    openWithSoftphone,
    recordPath,
    ringIncoming,
    screenshot,
    TEST_TIMEOUT_MS,
    useWorkbench,
    waitForRecordPage,
    waitUntil
} from './harness';

/** Every key of a storage area, read outside any sandbox (as the browser holds them). */
function storageKeys(area: 'localStorage' | 'sessionStorage'): string[] {
    const storage = window[area];
    return Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '');
}

void describe('The platform as Salesforce runs it', { timeout: TEST_TIMEOUT_MS * 4 }, () => {
    const e2e = useWorkbench();

    void it('runs package code under LWS: its storage is partitioned, a refused API throws inside the sandbox only', async () => {
        const { page, softphone } = await openWithSoftphone(e2e);
        assert.equal(await page.locator('[data-id="runtime"]').textContent(), 'LWS on · production');
        assert.equal(await page.evaluate(() => window.workbenchLws?.enabled), true);

        // A call makes softphoneBridge (a `c` component) keep this session's calls in sessionStorage.
        await ringIncoming(softphone, JOE_E164);
        await waitForRecordPage(page, 'Lead', JOE_LEAD_ID);
        const keys = await waitUntil('a key written by softphoneBridge', async () => {
            const all = [
                ...(await page.evaluate(storageKeys, 'sessionStorage' as const)),
                ...(await page.evaluate(storageKeys, 'localStorage' as const))
            ];
            return all.some((k) => k.includes('softphoneBridge')) ? all : undefined;
        });
        const packageKeys = keys.filter((k) => k.includes('softphoneBridge'));
        // LWS stores a namespace's keys as LSKey[<namespace>]<key>; nothing of ours is stored bare.
        assert.ok(packageKeys.length > 0);
        for (const key of packageKeys) assert.match(key, /^LSKey\[c\]softphoneBridge\./, key);

        // The same snippet, inside the package's sandbox and outside it (the LWS console).
        const snippet = "window.addEventListener('storage', function () {}); return 'listening';";
        const refusalsBefore = e2e.lwsRefusals.length;
        const inside = await page.evaluate((body) => window.workbenchLws!.evaluate(body, true), snippet);
        const outside = await page.evaluate((body) => window.workbenchLws!.evaluate(body, false), snippet);
        assert.equal(inside.ok, false, inside.text);
        assert.match(inside.text, /Cannot add 'storage' event listener to Window object/);
        assert.deepEqual(outside, { ok: true, text: 'listening' });
        // That refusal was this test's own doing; whatever the package tripped before it is still checked after the test.
        await page.waitForTimeout(200);
        e2e.lwsRefusals.splice(refusalsBefore);

        // Inside, the package sees its own keys without the prefix, as it wrote them.
        const seenInside = await page.evaluate(
            (body) => window.workbenchLws!.evaluate(body, true),
            "var k = []; for (var i = 0; i < sessionStorage.length; i++) k.push(sessionStorage.key(i)); return k.join(',');"
        );
        assert.ok(seenInside.ok, seenInside.text);
        assert.ok(
            seenInside.text.split(',').every((k) => !k.startsWith('LSKey[')),
            `the sandbox saw raw keys: ${seenInside.text}`
        );
    });

    void it('sends Lightning CSP and Permissions-Policy from the active trusted sites, and frames Visualforce only from Lightning', async () => {
        const { app, visualforce, streem, hostile } = e2e.workbench.urls;
        const headersOf = async (url: string) => (await fetch(url)).headers;

        const lightning = await headersOf(`${app}${HOME}`);
        const csp = lightning.get('content-security-policy') ?? '';
        const directive = (name: string) =>
            csp
                .split(';')
                .map((d) => d.trim())
                .find((d) => d.startsWith(`${name} `)) ?? '';
        assert.match(directive('script-src'), /^script-src 'self' 'unsafe-eval'$/);
        assert.ok(!directive('script-src').includes('unsafe-inline'), 'stricter CSP: no inline script');
        // Streem (active in the org setup, frame-src only) is framed; nothing else of it is allowed.
        assert.ok(directive('frame-src').split(' ').includes(streem), directive('frame-src'));
        for (const name of ['connect-src', 'img-src', 'media-src', 'font-src', 'style-src'])
            assert.ok(!directive(name).includes(streem), `${name} must not allow Streem: ${directive(name)}`);
        const policy = Object.fromEntries(
            (lightning.get('permissions-policy') ?? '').split(', ').map((entry) => {
                const [feature = '', list = ''] = entry.split('=');
                return [feature, new Set(list.replace(/[()]/g, '').split(' '))];
            })
        );
        // Camera: self and Streem (canAccessCamera). Microphone: also the softphone (canAccessMicrophone).
        assert.deepEqual(policy.camera, new Set(['self', `"${streem}"`]));
        assert.deepEqual(policy.microphone, new Set(['self', `"${streem}"`, `"${e2e.workbench.urls.softphone}"`]));

        // Deactivated in Setup (the Workbench panel's Trusted URLs switch): gone from frame-src, camera and microphone.
        const switched = await fetch(`${app}/workbench/api/trustedSites`, {
            method: 'POST',
            headers: { origin: app, 'content-type': 'application/json' },
            body: JSON.stringify({ Streem: { isActive: false } })
        });
        const { sites } = (await switched.json()) as { sites: { name: string; isActive: boolean }[] };
        assert.equal(sites.find((site) => site.name === 'Streem')?.isActive, false);
        const off = await headersOf(`${app}${HOME}`);
        assert.ok(!(off.get('content-security-policy') ?? '').includes(streem));
        assert.ok(!(off.get('permissions-policy') ?? '').includes(streem));

        const adapter = await headersOf(`${visualforce}/apex/SoftphoneAdapter`);
        assert.equal(adapter.get('content-security-policy'), `frame-ancestors 'self' ${app}`);
        assert.ok(!(adapter.get('content-security-policy') ?? '').includes(hostile));
    });

    void it('blocks the Streem frame when its trusted site is inactive, and still offers Open in New Window', async () => {
        const { streem } = e2e.workbench.urls;
        e2e.workbench.trustedSiteOverrides.Streem = { isActive: false };
        const page = await openPage(e2e, recordPath('Lead', JOE_LEAD_ID));
        const refused: string[] = [];
        page.on('console', (message) => {
            if (/Content Security Policy/.test(message.text())) refused.push(message.text());
        });
        const iframe = page.locator('c-streem-embed iframe');
        await iframe.waitFor();
        const src = (await iframe.getAttribute('src')) ?? '';
        assert.ok(src.startsWith(`${streem}/embed?`), src);
        // Chromium refuses the navigation: the frame never shows the stand-in's page.
        await waitUntil('the CSP refusal of the Streem frame', () => {
            if (refused.some((text) => text.includes('frame-src'))) return true;
            const reached = page.frames().some((f) => f.url().startsWith(`${streem}/embed`));
            assert.equal(reached, false, 'the Streem frame loaded although its trusted site is inactive');
            return page.frames().some((f) => f.url().startsWith('chrome-error://')) || undefined;
        });
        assert.equal(
            page.frames().some((f) => f.url().startsWith(`${streem}/embed`)),
            false
        );
        // The way out stays: the same URL in a new window (a top-level window is not limited by frame-src).
        const newWindow = page.locator('c-streem-embed [data-id="open-new-window"]');
        await newWindow.waitFor();
        assert.equal(await newWindow.getAttribute('href'), src);
        const [popup] = await Promise.all([page.waitForEvent('popup'), newWindow.click()]);
        await popup.waitForLoadState();
        assert.equal(popup.url(), src);
        await screenshot(page, 'streem-blocked-by-csp');
    });

    void it("the record page's Activity timeline shows the newest Tasks and counts them all, as a long shift leaves them", async () => {
        // Lightning's timeline loads older activities on request; the page must not grow with every Task.
        for (let i = 1; i <= 12; i++)
            e2e.workbench.org.save({ entityApiName: 'Task', Subject: `Shift call ${i}`, WhoId: JOE_LEAD_ID });
        const page = await openPage(e2e, recordPath('Lead', JOE_LEAD_ID));
        const card = page.locator('lightning-card.wb-activity');
        await card.getByText('Activity (12)').waitFor();
        const items = card.locator('li.wb-task');
        await waitUntil('ten Tasks listed', async () => (await items.count()) === 10);
        const subjects = await items.locator('.slds-text-title_bold').allTextContents();
        assert.deepEqual(
            subjects,
            Array.from({ length: 10 }, (_, i) => `Shift call ${12 - i}`)
        );
    });
});
