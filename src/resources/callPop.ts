/**
 * Static resource `callPop`: the script of the Visualforce page CallPop (docs/url-pop.md). Reads the
 * page's JSON islands (custom setting fields, labels, session; all JSENCODE-d merge fields) and runs
 * src/urlPop/callPopPage.ts, which replaces the page with the callPop component.
 */
import { DEFAULT_PAGE_LABELS, goTo, runCallPopPage, sweepSettledCreates } from '../urlPop/callPopPage';
import type { CallPopPageLabels, LockManagerLike, PageSession, SforceOneLike } from '../urlPop/callPopPage';
import { parseVisualforceJson } from '../shared/visualforceJson';
import { localDate, readTimeZone, TIME_ZONE_ATTRIBUTE } from '../shared/calendarDate';

/** A JSON island's object (its strings JSENCODE-d), or {} when absent or unreadable. */
function island(id: string): Record<string, unknown> {
    const parsed = parseVisualforceJson(document.getElementById(id)?.textContent);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
    return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The page origin's localStorage, or undefined where the browser blocks it. */
function pageStorage(): Storage | undefined {
    try {
        return window.localStorage;
    } catch {
        return undefined;
    }
}

/** The agent's answer to the page's question (two SLDS buttons under the status line). */
function askAgent(labels: CallPopPageLabels): Promise<boolean> {
    const status = document.getElementById('call-pop-status');
    const main = status?.parentElement;
    if (!status || !main) return Promise.resolve(false);
    status.textContent = labels.confirm;
    const row = document.createElement('div');
    row.className = 'slds-m-top_small';
    const button = (label: string, brand: boolean): HTMLButtonElement => {
        const element = document.createElement('button');
        element.type = 'button';
        element.className = `slds-button ${brand ? 'slds-button_brand' : 'slds-button_neutral'}`;
        element.textContent = label;
        row.append(element);
        return element;
    };
    const log = button(labels.confirmLog, true);
    const skip = button(labels.confirmSkip, false);
    main.append(row);
    log.focus();
    return new Promise((resolve) => {
        const answer = (value: boolean): void => {
            row.remove();
            resolve(value);
        };
        log.addEventListener('click', () => answer(true), { once: true });
        skip.addEventListener('click', () => answer(false), { once: true });
    });
}

function start(): void {
    const host = window as unknown as { __callPopStarted?: boolean };
    if (host.__callPopStarted) return;
    host.__callPopStarted = true;
    const settings = island('call-pop-settings');
    const labelsIsland = island('call-pop-labels');
    const session = island('call-pop-session');
    // Each label from the page's island, or its built-in text when the island lacks it.
    const labels = Object.fromEntries(
        Object.entries(DEFAULT_PAGE_LABELS).map(([key, fallback]) => [key, text(labelsIsland[key]) ?? fallback])
    ) as CallPopPageLabels;
    const hangUpToken = text(settings.hangUpToken);
    const pageSession: PageSession = {};
    const sessionId = text(session.sessionId);
    const userId = text(session.userId);
    const orgUrl = text(session.orgUrl);
    if (sessionId) pageSession.sessionId = sessionId;
    if (userId) pageSession.userId = userId;
    if (orgUrl) pageSession.orgUrl = orgUrl;
    const status = document.getElementById('call-pop-status');
    const timeZone = readTimeZone(document.body?.getAttribute(TIME_ZONE_ATTRIBUTE));
    const locks = (navigator as unknown as { locks?: LockManagerLike }).locks;
    const storage = pageStorage();
    if (storage) sweepSettledCreates(storage, Date.now());
    void runCallPopPage({
        search: window.location.search,
        protocol: window.location.protocol,
        settings: {
            mappings: { puzzel: text(settings.puzzel), ameyo: text(settings.ameyo), generic: text(settings.generic) },
            noMatch: text(settings.noMatch) ?? null,
            multipleMatches: text(settings.multipleMatches) ?? null
        },
        session: pageSession,
        labels,
        fetch: window.fetch.bind(window),
        timers: {
            setTimeout: (callback, delayMs) => window.setTimeout(callback, delayMs),
            clearTimeout: (handle) => window.clearTimeout(handle as number)
        },
        ...(locks ? { locks } : {}),
        ...(storage ? { storage } : {}),
        today: () => localDate(Date.now(), timeZone),
        setStatus: (value) => {
            if (status) status.textContent = value;
        },
        ...(hangUpToken ? { hangUpToken, confirmHangUp: () => askAgent(labels) } : {}),
        replace: (url) =>
            goTo(url, {
                framed: window.self !== window.top,
                sforceOne: (window as unknown as { sforce?: { one?: SforceOneLike } }).sforce?.one,
                replace: (target) => window.location.replace(target)
            }),
        warn: (message) => console.warn(message)
    });
}

start();
