/**
 * The URL call pop (issue 14; docs/url-pop.md) end to end: a contact center on its own origin pops a URL
 * in a new browser tab on ring and on hang-up; the package's CallPop Visualforce page translates the
 * vendor's parameter names with the profile's mapping (Call_Pop_Settings__c through $Setup), logs a
 * hang-up as exactly one Task (found by CallObject first), and replaces itself with the callPop
 * component, which finds the caller with the GraphQL wire adapter and opens the record: a workspace tab
 * in a console app, in place in a standard app. Vendors: the Puzzel-style agent application (seed 003)
 * and the Ameyo call-URL console (seed 001). Every assertion reads what the agent sees: roles, labels,
 * text, the address bar, and the org's Tasks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { HOSTILE_VALUES } from '../workbench/puzzel/template';
import {
    JOE_LEAD_ID,
    SHARED_CONTACT_ID,
    SHARED_LEAD_ID,
    SHARED_NUMBER,
    UNKNOWN_NUMBER
} from '../workbench/platform/org/sampleData';
import {
    recordPath,
    screenshot,
    STEP_TIMEOUT_MS,
    TEST_TIMEOUT_MS,
    useWorkbench,
    waitForTasks,
    waitUntil,
    type E2E
} from './harness';

/** Opens the Puzzel-style agent application in a fresh browser context. */
async function openPuzzel(e2e: E2E): Promise<Page> {
    const agent = await e2e.newPage();
    await agent.goto(`${e2e.workbench.urls.puzzel}/agent`);
    return agent;
}

/** Clicks a vendor control that pops the CRM in a new browser tab; returns that tab once it shows Lightning. */
async function popFrom(agent: Page, control: string): Promise<Page> {
    const popped = agent.context().waitForEvent('page', { timeout: STEP_TIMEOUT_MS });
    await agent.locator(`[data-id="${control}"]`).click();
    const pop = await popped;
    await pop.waitForURL((url) => url.pathname.startsWith('/lightning/'), { timeout: STEP_TIMEOUT_MS });
    return pop;
}

async function fill(agent: Page, values: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(values)) await agent.locator(`[data-id="${id}"]`).fill(value);
}

/** The callPop component's card on a page. */
const card = (page: Page) => page.locator('c-call-pop');

void describe(
    'URL call pop: a contact center pops Lightning on ring and on hang-up',
    { timeout: TEST_TIMEOUT_MS * 12 },
    () => {
        const e2e = useWorkbench();

        void it(
            "ring with Puzzel's own names: the Visualforce page translates them and the Lead opens in a console tab",
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                const agent = await openPuzzel(e2e);
                await fill(agent, { anum: '+1 503 555 0100', callid: 'pz-ring-1' });
                const pop = await popFrom(agent, 'ring');

                await pop.waitForURL((url) => url.pathname === recordPath('Lead', JOE_LEAD_ID));
                await pop.getByRole('heading', { name: 'Joe Customer' }).waitFor();
                // Console: the pop is a workspace tab and the Lead opened as another, focused one.
                const tabs = pop.getByRole('tablist', { name: 'Workspace tabs' });
                await tabs.getByRole('tab', { name: 'Joe Customer' }).waitFor();
                assert.equal(
                    await tabs.getByRole('tab', { name: 'Joe Customer' }).getAttribute('aria-selected'),
                    'true'
                );
                assert.equal(await tabs.getByRole('tab').count(), 2);

                // The component got c__ names only: back on its tab, it shows the translated call.
                await tabs.getByRole('tab', { name: 'c__callPop' }).click();
                const url = new URL(pop.url());
                assert.equal(url.pathname, '/lightning/cmp/c__callPop');
                assert.equal(url.searchParams.get('c__phone'), '+1 503 555 0100');
                assert.equal(url.searchParams.get('c__callId'), 'pz-ring-1');
                assert.equal(url.searchParams.get('c__queue'), 'sales');
                assert.equal(url.searchParams.get('c__profile'), 'puzzel');
                assert.deepEqual(
                    [...url.searchParams.keys()].filter((key) => !key.startsWith('c__')),
                    [],
                    'only c__ parameters reach the component'
                );
                await card(pop).getByText('Incoming call from +1 503 555 0100').waitFor();
                // Shown once already: coming back to the pop does not open the Lead a second time.
                assert.equal(await tabs.getByRole('tab', { name: 'Joe Customer' }).count(), 1);
                await screenshot(pop, 'url-pop-ring-console');
            }
        );

        void it(
            'field-level security hides phone fields from the agent: the pop searches the others and still opens the Lead',
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                // A query naming a field the agent cannot read fails as a whole in an org (the workbench's
                // GraphQL schema is the agent's, without those fields), so the pop must leave them out.
                e2e.workbench.faults.hiddenFields = [
                    'Lead.MobilePhone',
                    'Contact.HomePhone',
                    'Contact.OtherPhone',
                    'Contact.AssistantPhone',
                    'Contact.AccountId'
                ];
                const agent = await openPuzzel(e2e);
                await fill(agent, { anum: '+1 503 555 0100', callid: 'pz-fls-1' });
                const pop = await popFrom(agent, 'ring');
                await pop.waitForURL((url) => url.pathname === recordPath('Lead', JOE_LEAD_ID));
                await pop.getByRole('heading', { name: 'Joe Customer' }).waitFor();
            }
        );

        void it(
            'several records share the number: the agent chooses, and that record opens',
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                const agent = await openPuzzel(e2e);
                await fill(agent, { anum: SHARED_NUMBER, callid: 'pz-shared-1' });
                const pop = await popFrom(agent, 'ring');

                await card(pop).getByText('Several records have this number. Choose one.').waitFor();
                const lead = card(pop).getByRole('button', { name: /Ada Shared/ });
                const contact = card(pop).getByRole('button', { name: /Sam Shared/ });
                await lead.waitFor();
                await contact.waitFor();
                await screenshot(pop, 'url-pop-choose');
                await contact.click();
                await pop.waitForURL((url) => url.pathname === recordPath('Contact', SHARED_CONTACT_ID));
                await pop.getByRole('heading', { name: 'Sam Shared' }).waitFor();
                assert.notEqual(new URL(pop.url()).pathname, recordPath('Lead', SHARED_LEAD_ID));
            }
        );

        void it(
            'nobody has the number: a new Lead opens with the number filled in',
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                const agent = await openPuzzel(e2e);
                await fill(agent, { anum: UNKNOWN_NUMBER, callid: 'pz-new-1' });
                const pop = await popFrom(agent, 'ring');

                // The admin's org default (Call_Pop_Settings__c.No_Match__c = newLead, orgSetup.ts) opens New Lead.
                await pop.waitForURL((url) => url.pathname === '/lightning/o/Lead/new');
                await pop.getByText('New Lead').first().waitFor();
                const phone = pop.locator('wb-new-record dd');
                await phone.first().waitFor();
                assert.deepEqual(await phone.allTextContents(), [UNKNOWN_NUMBER]);
                assert.equal(await pop.locator('wb-new-record dt').first().textContent(), 'Phone');
            }
        );

        void it(
            'with a Hang-Up Token, a hang-up link without it logs nothing until the agent confirms on the page',
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                e2e.workbench.customSettingOverrides.Call_Pop_Settings__c = {
                    organization: { Hang_Up_Token__c: 'wb-hang-up-token' }
                };
                // Another site links to the page (its URL has no token): the page asks, and the agent declines.
                const forged = await e2e.newPage();
                await forged.goto(
                    `${e2e.workbench.urls.visualforce}/apex/CallPop?event=hangup&callId=forged-1&phone=5035550100`
                );
                await forged.getByRole('button', { name: 'Open without logging' }).click({ timeout: STEP_TIMEOUT_MS });
                await forged.waitForURL((url) => url.pathname.startsWith('/lightning/'), { timeout: STEP_TIMEOUT_MS });
                assert.equal(e2e.workbench.org.allTasks().length, 0, 'no Task from a forged link');

                // The contact center's template lacks the token too: the agent confirms, and it is logged once.
                const agent = await openPuzzel(e2e);
                await fill(agent, { anum: '+1 503 555 0100', callid: 'pz-token-1', duration: '30' });
                const popped = agent.context().waitForEvent('page', { timeout: STEP_TIMEOUT_MS });
                await agent.locator('[data-id="hangup"]').click();
                const page = await popped;
                await page.getByRole('button', { name: 'Log the call' }).click({ timeout: STEP_TIMEOUT_MS });
                await page.waitForURL((url) => url.pathname.startsWith('/lightning/'), { timeout: STEP_TIMEOUT_MS });
                await card(page).getByText('The call is logged.').waitFor();
                const [task] = await waitForTasks(e2e, 1);
                assert.equal(task?.CallObject, 'pz-token-1');
            }
        );

        void it(
            "the org refuses the call's Task (a validation rule): the agent reads the org's own words, and nothing is logged",
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                e2e.workbench.faults.saveLogLastingError = 'validation';
                const agent = await openPuzzel(e2e);
                await fill(agent, { anum: '+1 503 555 0100', callid: 'pz-refused-1', duration: '40' });
                const pop = await popFrom(agent, 'hangup');
                await card(pop)
                    .getByRole('alert')
                    .filter({
                        hasText: 'The call was not logged (FIELD_CUSTOM_VALIDATION_EXCEPTION: Call Result is required'
                    })
                    .waitFor();
                assert.equal(e2e.workbench.org.allTasks().filter((t) => t.CallObject === 'pz-refused-1').length, 0);
            }
        );

        void it(
            'hang-up logs exactly one Task; the same hang-up popped again still leaves one',
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                const agent = await openPuzzel(e2e);
                await fill(agent, {
                    anum: '+1 503 555 0100',
                    callid: 'pz-hang-1',
                    duration: '95',
                    disposition: 'Resolved'
                });
                const first = await popFrom(agent, 'hangup');
                await card(first).getByText('The call is logged.').waitFor();
                const [task] = await waitForTasks(e2e, 1);
                assert.ok(task);
                assert.equal(task.CallObject, 'pz-hang-1');
                assert.equal(task.CallDurationInSeconds, 95);
                assert.equal(task.CallDisposition, 'Resolved');
                assert.equal(task.TaskSubtype, 'Call');
                assert.equal(task.Status, 'Completed');
                assert.equal(new URL(first.url()).searchParams.get('c__taskId'), task.Id);

                // Puzzel pops the hang-up again (a retry, a second agent desktop): the page finds the Task and adopts it.
                const second = await popFrom(agent, 'hangup');
                await card(second).getByText('The call is logged.').waitFor();
                assert.equal(new URL(second.url()).searchParams.get('c__taskId'), task.Id);
                assert.equal(
                    e2e.workbench.org.allTasks().filter((t) => t.CallObject === 'pz-hang-1').length,
                    1,
                    'one Task per call id'
                );

                // The agent adds notes on the pop: they go onto that one Task.
                await card(second).getByLabel('Notes').fill('Caller asked for a callback.');
                await card(second).getByRole('button', { name: 'Save' }).click();
                await card(second).getByText('Notes saved.').waitFor();
                const saved = await waitUntil('the notes on the Task', () =>
                    e2e.workbench.org
                        .allTasks()
                        .find((t) => t.Id === task.Id && t.Description === 'Caller asked for a callback.')
                );
                assert.equal(saved.CallObject, 'pz-hang-1');
                assert.equal(e2e.workbench.org.allTasks().length, 1);
                await screenshot(second, 'url-pop-hangup');
            }
        );

        void it(
            'hostile values from the contact center are shown as text, never run',
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                const agent = await openPuzzel(e2e);
                await agent.locator('[data-id="hostile"]').click();
                const pop = await popFrom(agent, 'hangup');
                const dialogs: string[] = [];
                pop.on('dialog', (dialog) => {
                    dialogs.push(dialog.message());
                    void dialog.dismiss();
                });

                // The queue's markup and the agent's script URL are text in the card; the phone (not a number), the
                // duration and the oversized disposition are dropped by the page before the component sees them.
                await card(pop).getByText(HOSTILE_VALUES.queue, { exact: true }).waitFor();
                await card(pop).getByText(HOSTILE_VALUES.agent, { exact: true }).waitFor();
                const shown = await card(pop).innerText();
                assert.ok(!shown.includes('<img'), 'the hostile phone is not shown');
                assert.ok(!shown.includes('DROP TABLE'), 'the hostile duration is not shown');
                assert.equal(await pop.locator('c-call-pop img, c-call-pop script, c-call-pop svg[onload]').count(), 0);
                // The call id (a SOQL-looking string with a bidi override) is stored as text, override removed, on one Task.
                const [task] = await waitForTasks(e2e, 1);
                assert.ok(task);
                assert.equal(typeof task.CallObject, 'string');
                assert.ok(!String(task.CallObject).includes('\u202e'), 'no bidi override is stored');
                assert.ok(
                    String(task.CallObject).includes("x' OR CallObject != '' --"),
                    'the quote reaches the Task as text'
                );
                await pop.waitForTimeout(300);
                assert.deepEqual(dialogs, [], 'no script ran');
                await screenshot(pop, 'url-pop-hostile');
            }
        );

        void it(
            "Ameyo's call URL: seed 001's names are translated and its sessionId never reaches Lightning",
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                const ameyo = await e2e.newPage();
                await ameyo.goto(`${e2e.workbench.urls.ameyo}/app/agent/crm-url`);
                const session = await ameyo.locator('[data-id="sessionId"]').inputValue();
                await ameyo.locator('[data-id="phone"]').fill('(503) 555-0100');
                const pop = await popFrom(ameyo, 'incoming');

                await pop.waitForURL((url) => url.pathname === recordPath('Lead', JOE_LEAD_ID));
                await pop.getByRole('heading', { name: 'Joe Customer' }).waitFor();
                await pop.getByRole('tab', { name: 'c__callPop' }).click();
                const url = new URL(pop.url());
                assert.equal(url.searchParams.get('c__profile'), 'ameyo');
                assert.equal(url.searchParams.get('c__phone'), '(503) 555-0100');
                assert.equal(url.searchParams.get('c__callId'), 'd604-69202d07-vce-27');
                assert.equal(url.searchParams.get('c__queue'), '60');
                assert.ok(!pop.url().includes(session.slice(0, 20)), 'the session id is not in the address');
                assert.ok(!decodeURIComponent(pop.url()).toLowerCase().includes('sessionid'), 'no sessionId parameter');
                assert.ok(!(await pop.locator('body').innerText()).includes(session.slice(0, 20)), 'nor on the page');
            }
        );

        void it(
            "the vendor's in-app iframe cannot show the pop: the CallPop page allows framing by Lightning only",
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                const ameyo = await e2e.newPage();
                await ameyo.goto(`${e2e.workbench.urls.ameyo}/app/agent/crm-url`);
                await ameyo.locator('[data-id="in-iframe"]').check();
                const refused = ameyo.waitForEvent('console', {
                    predicate: (message) => /frame-ancestors|Refused to frame/i.test(message.text()),
                    timeout: STEP_TIMEOUT_MS
                });
                await ameyo.locator('[data-id="incoming"]').click();
                await refused;
                assert.equal(await ameyo.frameLocator('[data-id="crm-frame"]').locator('#call-pop-status').count(), 0);
                assert.equal(ameyo.context().pages().length, 1, 'nothing popped');
                assert.equal(e2e.workbench.org.allTasks().length, 0);
            }
        );

        void it(
            "Lightning drops a vendor's un-namespaced names: the component gets no call from them",
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                const agent = await openPuzzel(e2e);
                await agent.locator('[data-id="preset"]').selectOption('unnamespaced');
                const pop = await popFrom(agent, 'ring');
                await card(pop).waitFor();
                await pop.waitForFunction(() => !window.location.search.includes('anum'));
                assert.equal(
                    new URL(pop.url()).search,
                    '',
                    'anum, callid and event are not namespaced, so Lightning drops them'
                );
                await card(pop)
                    .getByText('Incoming call (number not sent)')
                    .or(card(pop).getByText('This link carries no call to show.'))
                    .first()
                    .waitFor();
                assert.equal(e2e.workbench.org.allTasks().length, 0);
            }
        );

        void it(
            'console: a second pop for the caller focuses the open tab; standard app: the pop navigates in place',
            { timeout: TEST_TIMEOUT_MS },
            async () => {
                const agent = await openPuzzel(e2e);
                await fill(agent, { anum: '+1 503 555 0100', callid: 'pz-console-1' });
                const pop = await popFrom(agent, 'ring');
                const tabs = pop.getByRole('tablist', { name: 'Workspace tabs' });
                await tabs.getByRole('tab', { name: 'Joe Customer' }).waitFor();

                // The next call from the same number lands in this Lightning tab (the router, as a Target-named window would):
                // the component's CurrentPageReference changes; the Lead's tab is focused, not opened twice.
                await pop.evaluate(() => {
                    window.history.pushState(
                        {},
                        '',
                        '/lightning/cmp/c__callPop?c__event=ring&c__phone=%2B1%20503%20555%200100&c__callId=pz-console-2'
                    );
                    window.dispatchEvent(new PopStateEvent('popstate'));
                });
                await pop.waitForURL((url) => url.pathname === recordPath('Lead', JOE_LEAD_ID));
                assert.equal(await tabs.getByRole('tab', { name: 'Joe Customer' }).count(), 1, 'one tab for the Lead');
                assert.equal(
                    await tabs.getByRole('tab', { name: 'Joe Customer' }).getAttribute('aria-selected'),
                    'true'
                );

                // A standard app (navType Standard): no workspace tabs; the pop replaces itself with the Lead.
                e2e.workbench.appOverrides.navType = 'Standard';
                await fill(agent, { callid: 'pz-standard-1' });
                const standard = await popFrom(agent, 'ring');
                await standard.waitForURL((url) => url.pathname === recordPath('Lead', JOE_LEAD_ID));
                await standard.getByRole('heading', { name: 'Joe Customer' }).waitFor();
                assert.equal(await standard.getByRole('tablist', { name: 'Workspace tabs' }).count(), 0);
            }
        );
    }
);
