/**
 * The call center's ameyoToolbar protocol: the adapter page loads the workbench's Ameyo stand-in
 * (workbench/ameyo/, seed 004) from its own origin, and the package's softphoneBridge component on
 * the Lead page runs under Lightning Web Security as always. Each test drives the stand-in's panel
 * as an agent in Ameyo's toolbar would, and reads its log of API calls and handler calls.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Frame, Locator, Page } from 'playwright-core';
import { JOE_LEAD_ID, SHARED_LEAD_ID } from '../workbench/platform/org/sampleData';
import {
    adapterFrame,
    JOE_E164,
    openPage,
    recordPath,
    screenshot,
    STEP_TIMEOUT_MS,
    TEST_TIMEOUT_MS,
    useWorkbench,
    waitForRecordPage,
    waitForTasks,
    waitUntil
} from './harness';
import type { E2E } from './harness';

interface AmeyoLogEntry {
    kind: 'api' | 'event' | 'info';
    name: string;
    detail: unknown;
}

async function ameyoLog(frame: Frame): Promise<AmeyoLogEntry[]> {
    const items = await frame
        .locator('[data-id="event-log"] > li')
        .evaluateAll((lis) => lis.map((li) => ({ ...(li as HTMLElement).dataset })));
    return items.reverse().map((d) => ({
        kind: d.kind as AmeyoLogEntry['kind'],
        name: d.name ?? '',
        detail: d.detail === undefined ? undefined : (JSON.parse(d.detail) as unknown)
    }));
}

async function waitForAmeyo(frame: Frame, kind: AmeyoLogEntry['kind'], name: string): Promise<AmeyoLogEntry> {
    return waitUntil(`Ameyo stand-in log "${kind} ${name}"`, async () =>
        (await ameyoLog(frame)).filter((e) => e.kind === kind && e.name === name).at(-1)
    );
}

/** Waits until the log has `count` entries of a kind and name (the log survives a reload of the tab). */
async function waitForCount(frame: Frame, kind: AmeyoLogEntry['kind'], name: string, count: number): Promise<void> {
    await waitUntil(`${count} × "${kind} ${name}" in the Ameyo stand-in log`, async () =>
        (await ameyoLog(frame)).filter((e) => e.kind === kind && e.name === name).length >= count ? true : undefined
    );
}

/** The toolbar frame of the page (found by its URL). */
async function toolbarFrame(page: Page, e2e: E2E): Promise<Frame> {
    const prefix = `${e2e.workbench.urls.ameyo}/ameyowebaccess/toolbar-crm.htm?origin=`;
    return waitUntil('the Ameyo toolbar frame', () => page.frames().find((f) => f.url().startsWith(prefix)));
}

/**
 * The agent reloads Salesforce: the adapter page and the toolbar frame in it load again (Ameyo's
 * server keeps the session and the call). Returns the new toolbar frame, its load handled.
 */
/**
 * Opens the Phone utility panel and leaves it open. The adapter opens it itself when it restores a
 * ringing call (setSoftphonePanelVisibility), so a click read against a stale state can close it
 * again: check after each click, as an agent would look.
 */
async function openPhonePanel(page: Page): Promise<void> {
    const item = page.locator('[data-id="softphone-item"]');
    await item.waitFor({ timeout: 45_000 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
        if ((await item.getAttribute('aria-expanded')) === 'true') {
            await page.waitForTimeout(300);
            if ((await item.getAttribute('aria-expanded')) === 'true') return;
        }
        await item.click({ timeout: 45_000 });
    }
    assert.equal(await item.getAttribute('aria-expanded'), 'true', 'the Phone utility panel stays open');
}

async function reloadMidCall(page: Page, e2e: E2E): Promise<Frame> {
    const before = (await ameyoLog(await toolbarFrame(page, e2e))).filter(
        (e) => e.name === 'loginStatusHandler'
    ).length;
    await page.reload();
    await page
        .getByRole('heading', { name: 'Joe Customer', level: 1 })
        .or(page.locator('wb-record-page h1'))
        .first()
        .waitFor();
    // Under Lightning Web Security a reloaded page is busy for a while: its first click gets more time.
    await openPhonePanel(page);
    const toolbar = await toolbarFrame(page, e2e);
    await waitForCount(toolbar, 'event', 'loginStatusHandler', before + 1);
    return toolbar;
}

/** Opens Joe's Lead with the softphone panel open in ameyoToolbar mode; returns the toolbar frame. */
async function openWithAmeyo(e2e: E2E): Promise<{ page: Page; toolbar: Frame; bridge: Locator }> {
    Object.assign(e2e.workbench.callCenterOverrides, {
        '/softphoneProtocol/protocol': 'ameyoToolbar',
        '/softphoneProtocol/ameyoBaseUrl': e2e.workbench.urls.ameyo,
        '/softphoneProtocol/ameyoScriptVersion': '4.2',
        '/softphoneProtocol/ameyoExtensionName': 'sip-1001',
        '/softphoneProtocol/ameyoExtensionPhone': '1001'
    });
    const page = await openPage(e2e, recordPath('Lead', JOE_LEAD_ID));
    await page.getByRole('heading', { name: 'Joe Customer', level: 1 }).waitFor();
    const item = page.locator('[data-id="softphone-item"]');
    await item.waitFor();
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
    const prefix = `${e2e.workbench.urls.ameyo}/ameyowebaccess/toolbar-crm.htm?origin=`;
    const toolbar = await waitUntil('the Ameyo toolbar frame', () =>
        page.frames().find((f) => f.url().startsWith(prefix))
    );
    await waitForAmeyo(toolbar, 'event', 'loginStatusHandler');
    return { page, toolbar, bridge: page.locator('c-softphone-bridge') };
}

async function logIn(toolbar: Frame, bridge: Locator): Promise<void> {
    await toolbar.locator('[data-id="login"]').click();
    await waitForAmeyo(toolbar, 'event', 'handleDispositionCodes');
    await bridge.locator('[data-id="session"][data-status="loggedIn"]').waitFor();
}

/** An inbound call to Joe, popped and acknowledged; returns Ameyo's call id. */
async function inboundCall(page: Page, toolbar: Frame): Promise<string> {
    await toolbar.locator('[data-id="caller"]').fill(JOE_E164);
    await toolbar.locator('[data-id="incoming"]').click();
    const showCrm = await waitForAmeyo(toolbar, 'event', 'showCrm');
    const [, params] = showCrm.detail as [string, { crtObjectId: string }];
    await waitForRecordPage(page, 'Lead', JOE_LEAD_ID);
    return params.crtObjectId;
}

/** The agent hangs up in the toolbar; the component shows the call ended. */
async function hangUp(toolbar: Frame, bridge: Locator): Promise<void> {
    await toolbar.locator('[data-id="hangup"]').click();
    await bridge.locator('[data-id="call"][data-state="ended"]').waitFor();
}

async function chooseDisposition(bridge: Locator, label: string): Promise<void> {
    await bridge.locator('[data-id="wrap-up"]').waitFor();
    await bridge.locator('[data-id="disposition"] [role="combobox"]').first().click();
    await bridge.getByRole('option', { name: label }).click();
    await bridge.locator('[data-id="save"] button').click();
}

void describe('Ameyo generic toolbar (protocol ameyoToolbar)', { timeout: TEST_TIMEOUT_MS * 8 }, () => {
    const e2e = useWorkbench();

    void it(
        'inbound showCrm pops the caller and is acknowledged with setRecordInfoForShowCrm',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { page, toolbar, bridge } = await openWithAmeyo(e2e);
            // getExtensionInfo came from the call center and bound the extension.
            await logIn(toolbar, bridge);
            const extension = await waitForAmeyo(toolbar, 'event', 'selectExtensionHandler');
            assert.deepEqual(extension.detail, ['success', { extensionName: 'sip-1001', phone: '1001' }]);

            // The toolbar's glue came as the adapter page's own static resource, softphoneAmeyo.
            const adapter = adapterFrame(page, e2e);
            const fetched =
                (await adapter?.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name))) ??
                [];
            assert.ok(
                fetched.some((url) => /\/resource\/\d+\/softphoneAmeyo$/.test(url)),
                fetched.join('\n')
            );

            const callId = await inboundCall(page, toolbar);
            const ack = await waitForAmeyo(toolbar, 'api', 'setRecordInfoForShowCrm');
            const showCrm = await waitForAmeyo(toolbar, 'event', 'showCrm');
            const requestId = (showCrm.detail as unknown[])[2];
            assert.deepEqual(ack.detail, [requestId, requestId, JOE_E164]);
            await bridge.locator('[data-id="call"][data-state="connected"]').waitFor();
            assert.match((await bridge.locator('[data-id="call-record"]').textContent()) ?? '', /Joe Customer/);
            assert.ok(callId);
            await screenshot(page, 'ameyo-inbound-pop');
        }
    );

    void it(
        'a two-level disposition is disposed in Ameyo, confirmed, and logged on exactly one Task with the transfers and conferences',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { page, toolbar, bridge } = await openWithAmeyo(e2e);
            await logIn(toolbar, bridge);
            const callId = await inboundCall(page, toolbar);
            await toolbar.locator('[data-id="transferToAQHandler"]').click();
            await toolbar.locator('[data-id="conferWithUserHandler"]').click();
            await bridge.locator('[data-id="timeline"] li[data-kind="conference"]').waitFor();
            await hangUp(toolbar, bridge);

            await chooseDisposition(bridge, 'Contacted › Sale');
            const dispose = await waitForAmeyo(toolbar, 'api', 'disposeCallByDisposition');
            assert.deepEqual(dispose.detail, ['Sale']);
            await waitForAmeyo(toolbar, 'event', 'handleDisposeCallByDispositionCode');
            await bridge.locator('[data-id="wrap-up-status"][data-status="saved"]').waitFor();

            const [task] = await waitForTasks(e2e, 1);
            await page.waitForTimeout(500);
            assert.equal(e2e.workbench.org.allTasks().length, 1);
            assert.equal(task?.CallObject, callId);
            assert.equal(task?.WhoId, JOE_LEAD_ID);
            await waitUntil(
                'the disposition on the Task',
                () => e2e.workbench.org.allTasks()[0]?.CallDisposition === 'Sale'
            );
            const stored = e2e.workbench.org.allTasks()[0]?.Description;
            const description = typeof stored === 'string' ? stored : '';
            assert.match(description, /Transfers and conferences \(Ameyo\):/);
            assert.match(description, /transfer to agent queue request sent/);
            assert.match(description, /confer with user request sent/);
            await screenshot(page, 'ameyo-disposed');
        }
    );

    void it(
        'a failed dispose keeps the wrap-up open with Ameyo’s reason, and a corrected one saves',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { page, toolbar, bridge } = await openWithAmeyo(e2e);
            await logIn(toolbar, bridge);
            await inboundCall(page, toolbar);
            await hangUp(toolbar, bridge);
            await toolbar.locator('[data-id="fail-reason"]').fill('crtObjectId is null');
            await toolbar.locator('[data-id="fail-dispose"]').check();

            await chooseDisposition(bridge, 'Contacted › Sale');
            await waitForAmeyo(toolbar, 'event', 'handleFailedDispositionNotifyGeneric');
            const status = bridge.locator('[data-id="wrap-up-status"][data-status="rejected"]');
            await status.waitFor();
            assert.match((await status.textContent()) ?? '', /crtObjectId is null/);
            assert.equal(await bridge.locator('[data-id="wrap-up"]').count(), 1);
            assert.equal(e2e.workbench.org.allTasks()[0]?.CallDisposition, undefined);
            await screenshot(page, 'ameyo-dispose-failed');

            // The stand-in fails only once: the agent saves again and it goes through, still one Task.
            await chooseDisposition(bridge, 'Not contacted › No answer');
            await bridge.locator('[data-id="wrap-up-status"][data-status="saved"]').waitFor();
            await waitUntil(
                'the corrected disposition',
                () => e2e.workbench.org.allTasks()[0]?.CallDisposition === 'No answer'
            );
            assert.equal(e2e.workbench.org.allTasks().length, 1);
        }
    );

    void it(
        'dispose and dial next: callback is refused, another disposition calls disposeNDial and Ameyo dials',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { page, toolbar, bridge } = await openWithAmeyo(e2e);
            await logIn(toolbar, bridge);
            await inboundCall(page, toolbar);
            await hangUp(toolbar, bridge);
            const pick = async (label: string): Promise<void> => {
                await bridge.locator('[data-id="disposition"] [role="combobox"]').first().click();
                await bridge.getByRole('option', { name: label }).click();
            };
            await pick('Contacted › callback');
            await bridge.locator('[data-id="next-number"] input').fill('+14155550199');
            await bridge.locator('[data-id="dispose-and-dial"] button').click();
            await bridge.locator('[data-id="wrap-up-status"][data-status="rejected"]').waitFor();
            assert.equal(
                (await ameyoLog(toolbar)).some((e) => e.name === 'disposeNDial'),
                false
            );

            await pick('Contacted › Sale');
            await bridge.locator('[data-id="dispose-and-dial"] button').click();
            const disposeNDial = await waitForAmeyo(toolbar, 'api', 'disposeNDial');
            assert.deepEqual(disposeNDial.detail, ['Sale', '+14155550199']);
            await waitUntil('the next call popped', async () =>
                (await ameyoLog(toolbar)).some(
                    (e) => e.name === 'showCrm' && (e.detail as unknown[])[0] === '+14155550199'
                )
            );
            await waitUntil('the disposition on the first Task', () =>
                e2e.workbench.org.allTasks().some((task) => task.CallDisposition === 'Sale')
            );
        }
    );

    void it(
        'asks the agent before a forced login, and only then calls doForceLogin',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { page, toolbar, bridge } = await openWithAmeyo(e2e);
            await toolbar.locator('[data-id="session-clash"]').check();
            await toolbar.locator('[data-id="login"]').click();
            await waitForAmeyo(toolbar, 'event', 'forceLoginHandler');
            const prompt = bridge.locator('[data-id="takeover"]');
            await prompt.waitFor();
            assert.match((await prompt.textContent()) ?? '', /already logged in/);
            assert.equal(
                (await ameyoLog(toolbar)).some((e) => e.name === 'doForceLogin'),
                false
            );
            await screenshot(page, 'ameyo-force-login');
            await bridge.locator('[data-id="confirm-force-login"] button').click();
            await waitForAmeyo(toolbar, 'api', 'doForceLogin');
            await bridge.locator('[data-id="session"][data-status="loggedIn"]').waitFor({ timeout: STEP_TIMEOUT_MS });
        }
    );

    void it(
        'click-to-dial on a phone field calls doDial with the E.164 number',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { page, toolbar, bridge } = await openWithAmeyo(e2e);
            await logIn(toolbar, bridge);
            await page.locator('a.wb-phone[data-number="(503) 555-1212"][data-dialable="true"]').click();
            const dial = await waitForAmeyo(toolbar, 'api', 'doDial');
            assert.deepEqual(dial.detail, [JOE_E164, '-1', { source: 'salesforce' }]);
            // Ameyo then pops the outbound call; the Task goes on the Lead it was dialled from.
            await bridge.locator('[data-id="call"][data-state="connected"]').waitFor();
            assert.equal(new URL(page.url()).pathname, recordPath('Lead', JOE_LEAD_ID));
            await waitForAmeyo(toolbar, 'api', 'setRecordInfoForShowCrm');
        }
    );

    void it(
        'a reload mid-call keeps the transfers; each routing event patches the written Task once; dispose → one Task with the whole timeline',
        { timeout: TEST_TIMEOUT_MS * 2 },
        async () => {
            const { page, toolbar: first, bridge } = await openWithAmeyo(e2e);
            await logIn(first, bridge);
            const callId = await inboundCall(page, first);
            await waitForAmeyo(first, 'api', 'setRecordInfoForShowCrm');
            await first.locator('[data-id="transferToAQHandler"]').click();
            await bridge.locator('[data-id="timeline"] li[data-kind="transfer"]').waitFor();

            const toolbar = await reloadMidCall(page, e2e);
            // The timeline from before the reload is back in the component.
            await bridge.locator('[data-id="call"][data-state="connected"]').waitFor({ timeout: 45_000 });
            await bridge.locator('[data-id="timeline"] li[data-kind="transfer"]').waitFor();
            await toolbar.locator('[data-id="conferWithUserHandler"]').click();
            await bridge.locator('[data-id="timeline"] li[data-kind="conference"]').waitFor();
            await hangUp(toolbar, bridge);
            const [task] = await waitForTasks(e2e, 1);
            const description = (): string => {
                const stored = e2e.workbench.org.allTasks()[0]?.Description;
                return typeof stored === 'string' ? stored : '';
            };
            await waitUntil('both lines on the Task written at the end', () =>
                description().includes('transfer to agent queue request sent') &&
                description().includes('confer with user request sent')
                    ? true
                    : undefined
            );
            // A routing event after the Task is written reaches it at once, not at the next notes.
            await toolbar.locator('[data-id="transferToPhoneHandler"]').click();
            await waitUntil('the late transfer on the Task before any wrap-up', () =>
                description().includes('transfer to phone request sent') ? true : undefined
            );

            await chooseDisposition(bridge, 'Contacted › Sale');
            await waitForAmeyo(toolbar, 'event', 'handleDisposeCallByDispositionCode');
            await bridge.locator('[data-id="wrap-up-status"][data-status="saved"]').waitFor();
            await waitUntil(
                'the disposition on the Task',
                () => e2e.workbench.org.allTasks()[0]?.CallDisposition === 'Sale' || undefined
            );
            await page.waitForTimeout(500);
            const tasks = e2e.workbench.org.allTasks();
            assert.equal(tasks.length, 1, `exactly one Task, got ${JSON.stringify(tasks)}`);
            assert.equal(tasks[0]?.Id, task?.Id);
            assert.equal(tasks[0]?.CallObject, callId);
            assert.equal(tasks[0]?.WhoId, JOE_LEAD_ID);
            for (const line of [
                'transfer to agent queue request sent',
                'confer with user request sent',
                'transfer to phone request sent'
            ])
                assert.equal(description().split(line).length, 2, `"${line}" once in ${description()}`);
            // Acknowledged before the reload, never again.
            assert.equal((await ameyoLog(toolbar)).filter((e) => e.name === 'setRecordInfoForShowCrm').length, 1);
            await screenshot(page, 'ameyo-reload-timeline');
        }
    );

    void it(
        'a pop still waiting for the agent’s choice at a reload is acknowledged once after it, with its request id',
        { timeout: TEST_TIMEOUT_MS * 2 },
        async () => {
            e2e.workbench.callCenterOverrides['/screenPop/multipleMatches'] = 'ask';
            const { page, toolbar: first, bridge } = await openWithAmeyo(e2e);
            await logIn(first, bridge);
            // (415) 555-0199 is Ada Shared's (Lead) and Sam Shared's (Contact) number.
            await first.locator('[data-id="caller"]').fill('+14155550199');
            await first.locator('[data-id="incoming"]').click();
            const showCrm = await waitForAmeyo(first, 'event', 'showCrm');
            const requestId = (showCrm.detail as unknown[])[2];
            const choice = (): Locator =>
                adapterFrame(page, e2e)!.locator(`button.sfa-choice__option[data-record-id="${SHARED_LEAD_ID}"]`);
            await choice().waitFor();
            assert.equal(
                (await ameyoLog(first)).some((e) => e.name === 'setRecordInfoForShowCrm'),
                false
            );

            const toolbar = await reloadMidCall(page, e2e);
            await choice().waitFor({ timeout: 45_000 });
            assert.equal(
                (await ameyoLog(toolbar)).some((e) => e.name === 'setRecordInfoForShowCrm'),
                false
            );
            // The panel may be scrolled in its frame after the reload: the agent’s click, delivered to the button.
            await choice().dispatchEvent('click');
            await waitForRecordPage(page, 'Lead', SHARED_LEAD_ID);
            const ack = await waitForAmeyo(toolbar, 'api', 'setRecordInfoForShowCrm');
            assert.deepEqual(ack.detail, [requestId, requestId, '+14155550199']);
            await openPhonePanel(page);
            await hangUp(toolbar, bridge);
            const [task] = await waitForTasks(e2e, 1);
            assert.equal(task?.WhoId, SHARED_LEAD_ID);
            await page.waitForTimeout(500);
            assert.equal((await ameyoLog(toolbar)).filter((e) => e.name === 'setRecordInfoForShowCrm').length, 1);
        }
    );
});
