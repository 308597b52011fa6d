/**
 * What the Visualforce page CallPop does (issue 14; docs/url-pop.md), with its platform parts
 * injected so it runs the same in Jest, the workbench and an org:
 * 1. reads the vendor's query string and translates it with the profile's mapping
 *    (c/callPopParams: only mapped names, never credentials, every value validated);
 * 2. on a hang-up with a call id, logs the call as exactly one Task: looks the Task up by
 *    CallObject first and creates it only when there is none (same-origin REST with the page's
 *    session, src/bridge/opencti/taskQuery.ts), under a Web Lock per call so two pops of one call
 *    in two tabs do not both create; a lookup that cannot answer never creates blind, and a create
 *    that got no answer (it may still commit) is not repeated for its call until it has settled;
 * 3. replaces itself with the callPop component on the org's own host. The target is built here
 *    from a fixed path; nothing from the query string can choose it (no open redirect).
 */
import { callPopPath, translateVendorParams } from 'c/callPopParams';
import type { CallPop, LogError, PopSettings } from 'c/callPopParams';
import { TaskQueryError, createTaskCreator, createTaskFinder } from '../bridge/opencti/taskQuery';
import type { FetchLike } from '../bridge/opencti/taskQuery';
import type { Timers } from '../bridge/opencti/openCtiCrm';

/** REST API version of the page's calls (the package's API version). */
export const API_VERSION = '68.0';

/** User-visible text (custom labels from the page). */
export interface CallPopPageLabels {
    opening: string;
    logging: string;
    failed: string;
    /** Task subject; `{0}` is the caller's number. */
    subject: string;
    /** A hang-up without the contact center's token: the page asks before logging it. */
    confirm: string;
    confirmLog: string;
    confirmSkip: string;
}

export const DEFAULT_PAGE_LABELS: CallPopPageLabels = {
    opening: 'Opening the call…',
    logging: 'Logging the call…',
    failed: 'The call could not be opened. Close this tab and try again.',
    subject: 'Call {0}',
    confirm:
        "This hang-up link did not carry your contact center's token, so the call was not logged. Log it as a Task?",
    confirmLog: 'Log the call',
    confirmSkip: 'Open without logging'
};

/** The page's session island: `{!$Api.Session_ID}`, `{!$User.Id}`, `{!$Api.Partner_Server_URL_680}`. */
export interface PageSession {
    sessionId?: string;
    userId?: string;
    orgUrl?: string;
}

/** The part of the Web Locks API used (navigator.locks). */
export interface LockManagerLike {
    request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export interface CallPopPageDeps {
    /** location.search of the page. */
    search: string;
    /** location.protocol of the page, e.g. 'https:'. */
    protocol: string;
    settings: PopSettings;
    session: PageSession;
    labels: CallPopPageLabels;
    fetch: FetchLike;
    timers: Timers;
    locks?: LockManagerLike;
    /** The page origin's localStorage: which calls have a create that got no answer (across pages and reloads). */
    storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
    /** Epoch ms (Date.now). */
    now?: () => number;
    /** Today as YYYY-MM-DD in the agent's time zone (Task.ActivityDate). */
    today: () => string;
    setStatus: (text: string) => void;
    /**
     * Call_Pop_Settings__c.Hang_Up_Token__c: when set, a hang-up whose URL does not carry it as
     * `token` is logged only after `confirmHangUp` (the agent's click on this page) says so. A page
     * that logs on load is otherwise open to any site that links to it (request forgery).
     */
    hangUpToken?: string;
    /** Asks the agent, on this page, whether to log an unverified hang-up; resolves their answer. */
    confirmHangUp?: (pop: CallPop) => Promise<boolean>;
    /** location.replace: the pop is not a page to come back to. */
    replace: (url: string) => void;
    warn?: (message: string) => void;
}

/** The origin Lightning is reached on: the org's API host, when it is a URL on this page's scheme. */
export function lightningOrigin(orgUrl: string | undefined, protocol: string): string {
    if (!orgUrl) return '';
    try {
        const url = new URL(orgUrl);
        return url.protocol === protocol && !url.username && !url.password ? url.origin : '';
    } catch {
        return '';
    }
}

/** `sforce.one`, as Lightning gives it to a Visualforce page it shows inside the app. */
export interface SforceOneLike {
    navigateToURL?: (url: string, isRedirect?: boolean) => void;
}

/**
 * Goes to the component. Opened by a contact center, the page is the tab itself and replaces its
 * location. Shown inside Lightning (the callPop component's "Log the call" navigates here), the
 * page is framed by the app: setting its location is not Lightning-compatible and Lightning pages
 * refuse to be framed, so Lightning navigates instead, with `sforce.one.navigateToURL` and a URL
 * relative to the app (Salesforce Help, "Prepare Your Visualforce Pages for Lightning Experience").
 */
export function goTo(
    url: string,
    page: { framed: boolean; sforceOne: SforceOneLike | undefined; replace: (url: string) => void }
): void {
    const navigate = page.sforceOne?.navigateToURL;
    if (page.framed && typeof navigate === 'function') {
        try {
            const target = new URL(url, 'https://org.invalid');
            navigate.call(page.sforceOne, target.pathname + target.search, true);
            return;
        } catch {
            // Falls through to a plain replace: better a framed redirect than no way on.
        }
    }
    page.replace(url);
}

/** The Task a hung-up call becomes (fields per the Task object reference; CallObject = the vendor's call id). */
export function taskFields(pop: CallPop, labels: CallPopPageLabels, today: string): Record<string, string | number> {
    const fields: Record<string, string | number> = {
        Subject: labels.subject
            .replace('{0}', () => pop.phone ?? '')
            .trim()
            .slice(0, 255),
        CallObject: pop.callId ?? '',
        CallType: 'Inbound',
        Status: 'Completed',
        TaskSubtype: 'Call',
        ActivityDate: today
    };
    if (pop.durationSeconds !== undefined) fields.CallDurationInSeconds = pop.durationSeconds;
    if (pop.disposition !== undefined) fields.CallDisposition = pop.disposition;
    return fields;
}

/** Why a hang-up was not logged, with the org's own words when it refused the Task. */
type NotLogged = { logError: LogError; logDetail?: string };

function notLogged(error: unknown): NotLogged {
    if (error instanceof TaskQueryError && (error.kind === 'session' || error.kind === 'access'))
        return { logError: error.kind };
    // The org refused the Task and said why (a validation rule, a required field, a Status it lacks).
    if (error instanceof TaskQueryError && error.answered && error.orgError)
        return { logError: 'failed', logDetail: error.orgError };
    return { logError: 'failed' };
}

/** How long after a create with no answer the page looks for its Task again. */
export const RELOOK_AFTER_MS = 2_000;
/**
 * A create with no answer may still commit (a slow save answers after the page stopped waiting):
 * for this long after it was sent no second create goes out for its call, only lookups. The same
 * period as the adapter's CREATE_SETTLE_MS (src/bridge/core/logQueue.ts).
 */
export const CREATE_SETTLE_MS = 60_000;

const CREATE_SENT_PREFIX = 'streemCallPop.createSent.';

/**
 * Removes the marks of unanswered creates that have settled (a call whose hang-up never came again
 * would otherwise keep its mark in the page origin's localStorage for good). Run once per page.
 */
export function sweepSettledCreates(
    storage: Pick<Storage, 'key' | 'length' | 'getItem' | 'removeItem'>,
    now: number
): void {
    try {
        const settled: string[] = [];
        for (let i = 0; i < storage.length; i++) {
            const key = storage.key(i);
            if (!key?.startsWith(CREATE_SENT_PREFIX)) continue;
            const sentAt = Number(storage.getItem(key));
            if (!Number.isFinite(sentAt) || Math.abs(now - sentAt) > CREATE_SETTLE_MS) settled.push(key);
        }
        for (const key of settled) storage.removeItem(key);
    } catch {
        // Storage blocked: nothing was kept there either.
    }
}

/** When a create for the call was sent and not answered, as the page origin's storage remembers it. */
function unansweredCreates(deps: CallPopPageDeps, callId: string) {
    const key = `${CREATE_SENT_PREFIX}${callId}`;
    const now = deps.now ?? Date.now;
    const attempt = <T>(work: () => T): T | undefined => {
        try {
            return work();
        } catch {
            return undefined; // Storage blocked or full: the Web Lock and the relook still hold.
        }
    };
    return {
        /** Ms left until the last unanswered create has settled; 0 when there is none (a stale mark is cleared). */
        settlingFor(): number {
            let sentAt = Number(attempt(() => deps.storage?.getItem(key)) ?? Number.NaN);
            if (!Number.isFinite(sentAt)) return 0;
            // A time still to come (the clock was set back) counts from now: never more than the period.
            if (sentAt > now()) {
                sentAt = now();
                attempt(() => deps.storage?.setItem(key, String(sentAt)));
            }
            const left = Math.max(0, sentAt + CREATE_SETTLE_MS - now());
            if (left === 0) attempt(() => deps.storage?.removeItem(key));
            return left;
        },
        sending(): void {
            attempt(() => deps.storage?.setItem(key, String(now())));
        },
        settled(): void {
            attempt(() => deps.storage?.removeItem(key));
        }
    };
}

/** Finds or creates the call's one Task; resolves its Id or why there is none. */
export async function logHangup(pop: CallPop, deps: CallPopPageDeps): Promise<{ taskId: string } | NotLogged> {
    const callId = pop.callId;
    if (!callId) return { logError: 'noCallId' };
    const options = {
        fetch: deps.fetch,
        sessionId: deps.session.sessionId ?? '',
        ...(deps.session.userId ? { userId: deps.session.userId } : {}),
        apiVersion: API_VERSION,
        timers: deps.timers
    };
    const find = createTaskFinder(options);
    const create = createTaskCreator(options);
    const sent = unansweredCreates(deps, callId);
    const sleep = (ms: number) => new Promise((resolve) => deps.timers.setTimeout(() => resolve(undefined), ms));
    const once = async (): Promise<{ taskId: string } | NotLogged> => {
        try {
            let existing = await find(callId);
            // An earlier create for this call got no answer and may still commit: look, do not create, until it settles.
            while (!existing && sent.settlingFor() > 0) {
                await sleep(Math.min(RELOOK_AFTER_MS, sent.settlingFor()));
                existing = await find(callId);
            }
            if (existing) {
                sent.settled();
                return { taskId: existing };
            }
            sent.sending();
            try {
                const taskId = await create(taskFields(pop, deps.labels, deps.today()));
                sent.settled();
                return { taskId };
            } catch (error) {
                // No answer (the connection dropped, the wait ran out) may hide a Task the org did create:
                // look once more before calling it failed, and never create twice.
                if (error instanceof TaskQueryError && error.answered) {
                    sent.settled();
                    throw error;
                }
                await sleep(RELOOK_AFTER_MS);
                const created = await find(callId).catch(() => null);
                if (created) {
                    sent.settled();
                    return { taskId: created };
                }
                throw error;
            }
        } catch (error) {
            deps.warn?.(`CallPop: ${error instanceof Error ? error.message : String(error)}`);
            return notLogged(error);
        }
    };
    if (!deps.locks) return once();
    try {
        return await deps.locks.request(`streemCallPop.task.${callId}`, once);
    } catch {
        return once();
    }
}

/**
 * The query's name/value pairs, decoded as URLSearchParams does, except that a value starting with a
 * literal `+` and a digit keeps it: a vendor that puts `anum=+4722334455` in its pop URL unencoded
 * means the international prefix, not a space (which would read the number as a national one).
 */
export function popQueryPairs(search: string): [string, string][] {
    const raw = search.startsWith('?') ? search.slice(1) : search;
    // URLSearchParams skips empty parts and keeps order: pair i comes from the i-th non-empty part.
    const parts = raw.split('&').filter((part) => part !== '');
    return [...new URLSearchParams(raw)].map(([name, value], i): [string, string] => {
        const part = parts[i] ?? '';
        const rawValue = part.includes('=') ? part.slice(part.indexOf('=') + 1) : '';
        return /^\+\d/.test(rawValue) && value.startsWith(' ') ? [name, `+${value.slice(1)}`] : [name, value];
    });
}

/** Runs the page: translate, log a hang-up, replace the page with the component. Never throws. */
export async function runCallPopPage(deps: CallPopPageDeps): Promise<string> {
    let target: string;
    try {
        const params = popQueryPairs(deps.search.slice(0, 8_000));
        const { pop, refused, problems } = translateVendorParams(params, deps.settings);
        for (const problem of problems) deps.warn?.(`CallPop: Call_Pop_Settings__c: ${problem}`);
        if (refused.length > 0) deps.warn?.(`CallPop: invalid values dropped: ${refused.join(', ')}`);
        const verified =
            !deps.hangUpToken ||
            params.some(([name, value]) => name.toLowerCase() === 'token' && value === deps.hangUpToken);
        if (pop.event === 'hangup' && !verified) {
            deps.warn?.('CallPop: a hang-up without the Hang-Up Token: logged only if the agent confirms.');
        }
        const log = pop.event === 'hangup' && (verified || (await deps.confirmHangUp?.(pop)) === true);
        if (log) {
            deps.setStatus(deps.labels.logging);
            const result = await logHangup(pop, deps);
            if ('taskId' in result) pop.taskId = result.taskId;
            else {
                pop.logError = result.logError;
                if (result.logDetail) pop.logDetail = result.logDetail;
            }
        }
        target = lightningOrigin(deps.session.orgUrl, deps.protocol) + callPopPath(pop);
    } catch (error) {
        deps.warn?.(`CallPop: ${error instanceof Error ? error.message : String(error)}`);
        deps.setStatus(deps.labels.failed);
        return '';
    }
    deps.setStatus(deps.labels.opening);
    deps.replace(target);
    return target;
}
