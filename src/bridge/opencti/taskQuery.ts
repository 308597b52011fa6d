/**
 * Finds the Task a call's log became, by `CallObject` (the conversation id), without Apex: the
 * REST API query resource on the adapter page's own Visualforce domain, with the page's session id.
 *
 * Why this route (sources in docs/admin-softphone.md, "Exactly one Task per call"):
 * - Open CTI has no query method; saveLog has no upsert (Open CTI guide, methods for Lightning
 *   Experience; sforce-api-cti-savelog-lex).
 * - `GET /services/data/vXX.X/query?q=<SOQL>` with `Authorization: Bearer <session id>` runs a
 *   SOQL query (REST API guide, "Query" resource, resources_query.htm).
 * - `{!$Api.Session_ID}` on a Visualforce page is that page's Visualforce session; Lightning
 *   Experience sessions have no API access, a Visualforce session does (VF guide, "$Api").
 * - The request is relative, to the Visualforce host that served the page: same origin, so no CORS
 *   allowlist entry is needed (a call to the My Domain API host from the page would be
 *   cross-origin and need one). The AJAX Toolkit (`/soap/ajax/<v>/connection.js` with
 *   `sforce.connection.sessionId`) would reach the same data through SOAP with an extra script;
 *   the REST resource needs nothing loaded.
 *
 * The query is narrow: the Tasks the current user created with that CallObject (CallObject is not
 * indexed; CreatedById is a lookup and indexed, and unlike OwnerId never changes when automation
 * reassigns the Task), the oldest first, one row. Rejects when it cannot tell (no
 * session, HTTP error, unreadable answer): the log queue then keeps the log pending rather than
 * risk a second Task.
 */
import type { Timers } from './openCtiCrm';

/** The part of `fetch` used here (the page's own, or the workbench's in tests). */
export type FetchLike = (
    input: string,
    init?: { headers?: Record<string, string>; credentials?: 'same-origin'; method?: 'GET' | 'POST'; body?: string }
) => Promise<{ status: number; ok: boolean; json(): Promise<unknown> }>;

export interface TaskFinderOptions {
    fetch: FetchLike;
    /** `{!$Api.Session_ID}` of the adapter page. */
    sessionId: string;
    /** `{!$User.Id}`: the agent, who owns the Tasks saveLog creates. */
    userId?: string;
    /** REST API version, e.g. '68.0'. */
    apiVersion: string;
    timers: Timers;
    timeoutMs?: number;
}

/** An error a lookup reports: `kind` 'session' when the session expired (the agent must reload). */
export class TaskQueryError extends Error {
    constructor(
        message: string,
        readonly kind?: 'session' | 'access',
        /** The org answered (an HTTP error status): nothing was written. Else no answer came back. */
        readonly answered = false,
        /** The org's refusal of a record (a 400: "ERROR_CODE: message"), for the person who can fix it. */
        readonly orgError?: string
    ) {
        super(message);
        this.name = 'TaskQueryError';
    }
}

const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** A SOQL string literal: backslash and quote escaped (SOQL reference, "Quoted String Escape Sequences"). */
export function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** The SOQL that finds a call's Task. */
export function taskQuery(callObject: string, userId?: string): string {
    // CreatedById, not OwnerId: a flow or rule that reassigns the Task would hide it from an owner
    // filter, and the log would be created again.
    const creator = userId && RECORD_ID.test(userId) ? ` AND CreatedById = ${soqlString(userId)}` : '';
    return `SELECT Id FROM Task WHERE CallObject = ${soqlString(callObject)}${creator} ORDER BY CreatedDate ASC LIMIT 1`;
}

function errorOf(body: unknown): { errorCode: string; message: string } {
    const first = Array.isArray(body) ? (body[0] as unknown) : body;
    const value = (first && typeof first === 'object' ? first : {}) as { errorCode?: unknown; message?: unknown };
    return {
        errorCode: typeof value.errorCode === 'string' ? value.errorCode.slice(0, 80) : 'UNKNOWN_ERROR',
        message: typeof value.message === 'string' ? value.message.slice(0, 500) : 'no message'
    };
}

/** `fetch`'s init as used here: GET by default; POST with a JSON body to create. */
interface RestInit {
    method?: 'GET' | 'POST';
    body?: string;
}

/**
 * One same-origin REST call with the page's session: resolves the parsed JSON of a 2xx answer,
 * rejects with a TaskQueryError (kind 'session' or 'access' when the admin or agent must act)
 * otherwise, or when no answer comes within the timeout.
 */
async function restJson(options: TaskFinderOptions, url: string, what: string, init: RestInit = {}): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    if (!options.sessionId) throw new TaskQueryError(`No API session on the page: no ${what}.`);
    let timer: unknown;
    const timeout = new Promise<never>((_, reject) => {
        timer = options.timers.setTimeout(
            () => reject(new TaskQueryError(`The ${what} got no answer within ${timeoutMs / 1000} s.`)),
            timeoutMs
        );
    });
    try {
        const headers: Record<string, string> = {
            Authorization: `Bearer ${options.sessionId}`,
            Accept: 'application/json'
        };
        if (init.body !== undefined) headers['Content-Type'] = 'application/json';
        const response = await Promise.race([
            options.fetch(url, {
                headers,
                credentials: 'same-origin',
                ...(init.method ? { method: init.method } : {}),
                ...(init.body !== undefined ? { body: init.body } : {})
            }),
            timeout
        ]);
        const body = await Promise.race([response.json().catch(() => null), timeout]);
        if (!response.ok) {
            const { errorCode, message } = errorOf(body);
            const kind = lastingKind(response.status, errorCode);
            // A 400 is the org refusing the record itself (a validation rule, a required field, a
            // picklist value): its words tell someone what to fix. Other statuses pass or have advice of their own.
            throw new TaskQueryError(
                `${what} failed (${response.status} ${errorCode}: ${message})`,
                kind,
                true,
                response.status === 400 ? `${errorCode}: ${message}` : undefined
            );
        }
        return body;
    } finally {
        options.timers.clearTimeout(timer);
    }
}

/** What a REST refusal says the agent or admin must fix (undefined: it passes, try again later). */
function lastingKind(status: number, errorCode: string): 'session' | 'access' | undefined {
    if (status === 401 || errorCode === 'INVALID_SESSION_ID') return 'session';
    // The org's daily API limit also answers 403: it passes, and access advice would mislead.
    if (errorCode === 'REQUEST_LIMIT_EXCEEDED') return undefined;
    if (status === 403 || ACCESS_CODES.has(errorCode)) return 'access';
    return undefined;
}

const ACCESS_CODES = new Set(['INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY', 'API_DISABLED_FOR_ORG']);

/** `findLog` for the bridge core's LogWriter. */
export function createTaskFinder(options: TaskFinderOptions): (callObject: string) => Promise<string | null> {
    return async (callObject) => {
        const url = `/services/data/v${options.apiVersion}/query?q=${encodeURIComponent(taskQuery(callObject, options.userId))}`;
        const body = await restJson(options, url, 'Task lookup');
        const records = (body as { records?: unknown } | null)?.records;
        if (!Array.isArray(records)) throw new TaskQueryError('The Task lookup answer has no records.');
        const id = (records[0] as { Id?: unknown } | undefined)?.Id;
        return typeof id === 'string' && RECORD_ID.test(id) ? id : null;
    };
}

/**
 * Creates a Task with the REST API's sObject resource (`POST /services/data/vXX.X/sobjects/Task`,
 * answer 201 `{ id, success, errors }`; REST API guide, "sObject Basic Information",
 * resources_sobject_basic_info.htm), on the same origin with the same session as the lookup.
 * Callers look the call's Task up first (createTaskFinder): a create is never blind.
 */
export function createTaskCreator(
    options: TaskFinderOptions
): (fields: Readonly<Record<string, string | number | boolean>>) => Promise<string> {
    return async (fields) => {
        const url = `/services/data/v${options.apiVersion}/sobjects/Task`;
        const body = await restJson(options, url, 'Task create', { method: 'POST', body: JSON.stringify(fields) });
        const id = (body as { id?: unknown } | null)?.id;
        if (typeof id !== 'string' || !RECORD_ID.test(id))
            throw new TaskQueryError('The Task create answer named no Id.');
        return id;
    };
}
