/**
 * What every end-to-end test file shares: one workbench (free ports) and one headless Debian
 * chromium per file (`useWorkbench()`), a fresh browser context and a reset org per test, the
 * opening steps of most tests (`openPage`, `openWithSoftphone`), and helpers that read the three
 * frames a call crosses: the Lightning page (app origin), the adapter page (Visualforce origin)
 * and the reference softphone inside it (softphone origin).
 *
 * Everything waits with an explicit timeout; nothing polls forever.
 */
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, beforeEach } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from '../workbench/browser';
import { SCREENSHOTS_DIR } from '../workbench/paths';
import { USER_TIME_ZONE, type SampleRecord } from '../workbench/platform/org/sampleData';
import { startWorkbench, type Workbench } from '../workbench/server';

/** Upper bound for one UI step (a frame loading, a message round trip, a Task appearing). */
export const STEP_TIMEOUT_MS = 15_000;
/** Upper bound for one test, passed to node:test's `timeout` option. */
export const TEST_TIMEOUT_MS = 60_000;
/** The viewport of every page and screenshot. */
export const VIEWPORT = { width: 1280, height: 800 } as const;
/** The app path of the Home page. */
export const HOME = '/lightning/page/home';
/** Joe Customer's mobile, (503) 555-1212, as the softphone reports it. */
export const JOE_E164 = '+15035551212';

/** One softphone log line (workbench/softphone/softphone.ts writes them). */
export interface SoftphoneLogEntry {
    /** event: a callback event received; sent/refused: a contract call; ack/error: the adapter's answer; info. */
    kind: 'event' | 'sent' | 'refused' | 'ack' | 'error' | 'info';
    type: string;
    payload: unknown;
    text: string;
}

export interface E2E {
    workbench: Workbench;
    browser: Browser;
    /** Opens a new page in a fresh context (no storage shared with earlier tests). */
    newPage(): Promise<Page>;
    /** Resets the org, faults and call center values, and closes the pages of the previous test. */
    reset(): Promise<void>;
    /**
     * What Lightning Web Security refused in this test's pages (console errors and uncaught errors
     * naming it): the package must never trip it, so every test fails if this is not empty.
     */
    lwsRefusals: string[];
    close(): Promise<void>;
}

/** Starts the workbench and chromium for one test file. */
export async function startE2E(): Promise<E2E> {
    const workbench = await startWorkbench({ basePort: 0 });
    let browser: Browser;
    try {
        browser = await launchChromium();
    } catch (error) {
        await workbench.close();
        throw error;
    }
    const contexts: BrowserContext[] = [];
    const lwsRefusals: string[] = [];
    const noteRefusal = (text: string): void => {
        if (/Lightning Web Security|LockerSecurityError/.test(text)) lwsRefusals.push(text);
    };
    const closeContexts = async (): Promise<void> => {
        await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
    };
    return {
        workbench,
        browser,
        async newPage() {
            const context = await browser.newContext({ viewport: VIEWPORT });
            context.setDefaultTimeout(STEP_TIMEOUT_MS);
            contexts.push(context);
            const watch = (page: Page): void => {
                page.on('console', (message) => {
                    if (message.type() === 'error' || message.type() === 'warning') noteRefusal(message.text());
                });
                page.on('pageerror', (error) => noteRefusal(`${error.name}: ${error.message}`));
                // Uncaught page errors are printed with E2E_VERBOSE=1 (the base components log a few benign ones).
                if (process.env.E2E_VERBOSE)
                    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
            };
            // Pages a vendor pops with window.open are watched too.
            context.on('page', watch);
            return context.newPage();
        },
        lwsRefusals,
        async reset() {
            await closeContexts();
            lwsRefusals.length = 0;
            const response = await fetch(`${workbench.urls.app}/workbench/api/reset`, {
                method: 'POST',
                headers: { origin: workbench.urls.app, 'content-type': 'application/json' },
                body: '{}'
            });
            if (!response.ok) throw new Error(`workbench reset failed: HTTP ${response.status}`);
        },
        async close() {
            await closeContexts();
            await browser.close().catch(() => undefined);
            await workbench.close();
        }
    };
}

/**
 * Registers the file's hooks (start the workbench and chromium before the first test, reset before
 * each, close after the last) and returns the handle to them. Call it once at the top of a
 * describe(); the handle works inside tests and hooks, once the file's `before` has run.
 */
export function useWorkbench(): E2E {
    let started: E2E | undefined;
    const current = (): E2E => {
        if (!started) throw new Error('The workbench is not running: use the handle inside a test or hook.');
        return started;
    };
    before(async () => {
        started = await startE2E();
    });
    beforeEach(async () => current().reset());
    afterEach(() => {
        const refusals = started?.lwsRefusals ?? [];
        if (refusals.length)
            throw new Error(`Lightning Web Security refused package code:\n  ${refusals.join('\n  ')}`);
    });
    after(async () => started?.close());
    return {
        get workbench() {
            return current().workbench;
        },
        get browser() {
            return current().browser;
        },
        newPage: async () => current().newPage(),
        reset: async () => current().reset(),
        get lwsRefusals() {
            return current().lwsRefusals;
        },
        close: async () => current().close()
    };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitUntil<T>(
    what: string,
    check: () => T | undefined | false | Promise<T | undefined | false>,
    timeoutMs = STEP_TIMEOUT_MS
): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
        try {
            const value = await check();
            if (value !== undefined && value !== false) return value;
        } catch (error) {
            last = error;
        }
        if (Date.now() > deadline) {
            const reason = last instanceof Error ? ` (last error: ${last.message})` : '';
            throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

/** The app path of a record's page. */
export function recordPath(objectApiName: string, recordId: string): string {
    return `/lightning/r/${objectApiName}/${recordId}/view`;
}

/** Navigates the page to an app path; on a record page, waits for its header. */
export async function goToApp(page: Page, e2e: E2E, appPath: string): Promise<void> {
    await page.goto(`${e2e.workbench.urls.app}${appPath}`);
    if (appPath.startsWith('/lightning/r/')) await page.locator('wb-record-page h1').first().waitFor();
}

/** Opens an app path (Home unless told) in a fresh page; on a record page, waits for its header. */
export async function openPage(e2e: E2E, appPath = HOME): Promise<Page> {
    const page = await e2e.newPage();
    await goToApp(page, e2e, appPath);
    return page;
}

/** Waits until the page shows a record's page (after a screen pop or a choice). */
export async function waitForRecordPage(page: Page, objectApiName: string, recordId: string): Promise<void> {
    await page.waitForURL((url) => url.pathname === recordPath(objectApiName, recordId));
}

/** What Salesforce sent the softphone on its load(callback). */
export interface StartUp {
    disposition: SoftphoneLogEntry;
    partnerConfig: SoftphoneLogEntry;
}

/** Waits for the start-up on load(callback): dispositions, partner config, presence asked for and sent. */
export async function waitForStartUp(softphone: Frame): Promise<StartUp> {
    const disposition = await waitForLog(softphone, 'event', 'disposition');
    const partnerConfig = await waitForLog(softphone, 'event', 'partner_config');
    await waitForLog(softphone, 'event', 'get_presence');
    await waitForLog(softphone, 'sent', 'statusChanged');
    return { disposition, partnerConfig };
}

/** A fresh page on an app path (Home unless told) with the softphone open, connected and started up. */
export async function openWithSoftphone(
    e2e: E2E,
    appPath = HOME
): Promise<{ page: Page; softphone: Frame; startUp: StartUp }> {
    const page = await openPage(e2e, appPath);
    const softphone = await openSoftphone(page, e2e);
    return { page, softphone, startUp: await waitForStartUp(softphone) };
}

/** Opens the utility bar's softphone panel (if closed) and returns the reference softphone's frame, connected. */
export async function openSoftphone(page: Page, e2e: E2E, timeoutMs = STEP_TIMEOUT_MS): Promise<Frame> {
    const item = page.locator('[data-id="softphone-item"]');
    await item.waitFor({ timeout: timeoutMs });
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
    return softphoneFrame(page, e2e, timeoutMs);
}

/** The reference softphone's frame once its wrapper has heard from Salesforce. */
export async function softphoneFrame(page: Page, e2e: E2E, timeoutMs = STEP_TIMEOUT_MS): Promise<Frame> {
    const origin = e2e.workbench.urls.softphone;
    return waitUntil(
        'the reference softphone to connect to the adapter',
        async () => {
            const frame = page.frames().find((f) => f.url().startsWith(`${origin}/`));
            if (!frame) return undefined;
            const status = await frame.locator('[data-id="connection"]').getAttribute('data-connection', {
                timeout: 1_000
            });
            return status === 'connected' ? frame : undefined;
        },
        timeoutMs
    );
}

/** The adapter page's frame (Visualforce origin). */
export function adapterFrame(page: Page, e2e: E2E): Frame | undefined {
    return page.frames().find((f) => f.url().startsWith(`${e2e.workbench.urls.visualforce}/apex/`));
}

/** Every line of the softphone's log, oldest first. */
export async function softphoneLog(frame: Frame): Promise<SoftphoneLogEntry[]> {
    const entries = await frame.locator('[data-id="event-log"] > li').evaluateAll((items) =>
        items.map((li) => {
            const data = (li as HTMLElement).dataset;
            return { kind: data.kind ?? '', type: data.type ?? '', payload: data.payload, text: li.textContent ?? '' };
        })
    );
    return entries.reverse().map((e) => ({
        kind: e.kind as SoftphoneLogEntry['kind'],
        type: e.type,
        payload: e.payload === undefined ? undefined : (JSON.parse(e.payload) as unknown),
        text: e.text
    }));
}

/** Waits for a softphone log line of that kind and type (and matching `where`), returns the newest. */
export async function waitForLog(
    frame: Frame,
    kind: SoftphoneLogEntry['kind'],
    type: string,
    where: (entry: SoftphoneLogEntry) => boolean = () => true,
    timeoutMs = STEP_TIMEOUT_MS
): Promise<SoftphoneLogEntry> {
    return waitUntil(
        `softphone log "${kind} ${type}"`,
        async () => {
            const found = (await softphoneLog(frame)).filter((e) => e.kind === kind && e.type === type && where(e));
            return found[found.length - 1];
        },
        timeoutMs
    );
}

/** The conversationId of the softphone's current call. */
export async function currentConversationId(frame: Frame): Promise<string> {
    const id = await frame.locator('[data-id="conversation-id"]').getAttribute('data-conversation-id');
    if (!id) throw new Error('the reference softphone has no current call');
    return id;
}

/** Tasks of a record, from the org stand-in (newest first). */
export function tasksOf(e2e: E2E, recordId: string): SampleRecord[] {
    return e2e.workbench.org.tasksFor(recordId);
}

/** Waits until `count` Tasks exist in the org, returns them. */
export async function waitForTasks(e2e: E2E, count: number, timeoutMs = STEP_TIMEOUT_MS): Promise<SampleRecord[]> {
    return waitUntil(
        `${count} Task(s) in the org`,
        () => {
            const tasks = e2e.workbench.org.allTasks();
            return tasks.length >= count ? tasks : undefined;
        },
        timeoutMs
    );
}

/**
 * Today as YYYY-MM-DD in the workbench user's Salesforce time zone (what a Task's ActivityDate
 * holds for a call today, whatever the machine's zone).
 */
export function today(): string {
    return new Date().toLocaleDateString('en-CA', { timeZone: USER_TIME_ZONE });
}

/** Saves a screenshot of the page to .build/screenshots/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
    await page.screenshot({ path: file });
    return file;
}

/** The path of the current app page (pathname + search). */
export function appPath(page: Page): string {
    const url = new URL(page.url());
    return `${url.pathname}${url.search}`;
}

/* ------------------------------------------------------------ the reference softphone's controls */

/** Rings the agent: an incoming call from `number`; returns the new conversationId. */
export async function ringIncoming(frame: Frame, number: string): Promise<string> {
    await frame.locator('[data-id="caller-number"]').fill(number);
    await frame.locator('[data-id="incoming"]').click();
    const sent = await waitForLog(
        frame,
        'sent',
        'incomingCall',
        (e) => (e.payload as { callerANI?: string }).callerANI === number
    );
    return (sent.payload as { conversationId: string }).conversationId;
}

/** Accepts the ringing call and waits until the softphone has told Salesforce. */
export async function acceptCall(frame: Frame): Promise<void> {
    await frame.locator('[data-id="accept"]').click();
    await waitForLog(frame, 'sent', 'callAccepted');
}

/** Fills the wrap-up form (disposition from the list Salesforce sent, notes). */
export async function fillWrapUp(frame: Frame, disposition: string, notes: string): Promise<void> {
    await frame.locator('[data-id="disposition"]').selectOption(disposition);
    await frame.locator('[data-id="notes"]').fill(notes);
}

/** Clicks End and returns the callEnded payload the softphone sent. */
export async function endCall(frame: Frame, conversationId: string): Promise<Record<string, unknown>> {
    await frame.locator('[data-id="end"]').click();
    const sent = await waitForLog(
        frame,
        'sent',
        'callEnded',
        (e) => (e.payload as { conversationId?: string }).conversationId === conversationId
    );
    return sent.payload as Record<string, unknown>;
}
