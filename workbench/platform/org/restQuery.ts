/**
 * The REST API query resource, as far as the adapter page uses it: `GET /services/data/vXX.X/query?q=<SOQL>`
 * with `Authorization: Bearer <session id>` (REST API Developer Guide, "Query" resource,
 * developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm). The
 * Visualforce domain serves `/services/data` to its own pages with the page's `{!$Api.Session_ID}`
 * (a Visualforce session, which has API access; Visualforce Developer Guide, `$Api`,
 * developer.salesforce.com/docs/atlas.en-us.pages.meta/pages/pages_variables_global_api.htm).
 *
 * Answers follow the guide: 200 `{ totalSize, done, records: [{ attributes: { type, url }, Id }] }`;
 * errors as a list of `{ message, errorCode }`: 401 INVALID_SESSION_ID for a missing, wrong or
 * expired session, 400 MALFORMED_QUERY for SOQL the stand-in does not understand, 503 for an
 * injected failure. Only the one query shape the adapter sends is understood (a Task by CallObject,
 * optionally by CreatedById) — anything else is refused loudly rather than half-answered.
 */
import { LASTING_ERRORS, type SaveLogFaults } from './faults';
import type { OrgStore } from './store';

export interface RestAnswer {
    status: number;
    body: unknown;
    /** The fault: the answer never reaches the page (the connection drops); the write may have happened. */
    noAnswer?: boolean;
    /** The fault: the answer comes this many ms late. */
    answerAfterMs?: number;
}

export interface RestQueryRequest {
    /** The URL path, e.g. /services/data/v68.0/query */
    path: string;
    /** The `q` parameter, decoded. */
    q: string | null;
    /** The Authorization header. */
    authorization: string | undefined;
}

/** SOQL string literal: `'` and `\` escaped with a backslash (SOQL reference, "Quoted String Escape Sequences"). */
const LITERAL = String.raw`'((?:[^'\\]|\\.)*)'`;
const TASK_BY_CALL_OBJECT = new RegExp(
    String.raw`^SELECT\s+Id\s+FROM\s+Task\s+WHERE\s+CallObject\s*=\s*${LITERAL}(?:\s+AND\s+CreatedById\s*=\s*${LITERAL})?` +
        String.raw`(?:\s+ORDER\s+BY\s+CreatedDate\s+(ASC|DESC))?(?:\s+LIMIT\s+(\d+))?\s*$`,
    'i'
);

function unescape(literal: string): string {
    return literal.replace(/\\(.)/g, (_m, ch: string) => ({ n: '\n', r: '\r', t: '\t' })[ch] ?? ch);
}

function error(status: number, errorCode: string, message: string): RestAnswer {
    return { status, body: [{ message, errorCode }] };
}

/** Answers one query request against the workbench org. */
export function answerQuery(
    org: OrgStore,
    request: RestQueryRequest,
    session: { id: string; expired: () => boolean },
    faults: SaveLogFaults
): RestAnswer {
    const version = /^\/services\/data\/v(\d+\.\d)\/query\/?$/.exec(request.path);
    if (!version) return error(404, 'NOT_FOUND', 'The requested resource does not exist');
    const token = /^Bearer\s+(.+)$/i.exec(request.authorization ?? '')?.[1];
    if (!token || token !== session.id || session.expired())
        return error(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    if (faults.queryFailures > 0) {
        faults.queryFailures -= 1;
        return error(503, 'SERVER_UNAVAILABLE', 'workbench fault: query failure injected.');
    }
    const soql = (request.q ?? '').trim();
    const match = TASK_BY_CALL_OBJECT.exec(soql);
    if (!match)
        return error(
            400,
            'MALFORMED_QUERY',
            `The workbench understands only SELECT Id FROM Task WHERE CallObject = '…' [AND CreatedById = '…'] [ORDER BY CreatedDate] [LIMIT n]: ${soql.slice(0, 200)}`
        );
    const callObject = unescape(match[1] ?? '');
    const creatorId = match[2] === undefined ? undefined : unescape(match[2]);
    let tasks = org
        .allTasks()
        .filter(
            (task) =>
                task.CallObject === callObject &&
                (creatorId === undefined || String(task.CreatedById).slice(0, 15) === creatorId.slice(0, 15))
        );
    if ((match[3] ?? 'ASC').toUpperCase() === 'DESC') tasks = tasks.reverse();
    if (match[4] !== undefined) tasks = tasks.slice(0, Number(match[4]));
    const records = tasks.map((task) => ({
        attributes: { type: 'Task', url: `/services/data/v${version[1]}/sobjects/Task/${String(task.Id)}` },
        Id: task.Id
    }));
    return { status: 200, body: { totalSize: records.length, done: true, records } };
}

/**
 * A `fetch` over `answerQuery` for code running in the same process (Jest): what the adapter page's
 * relative `fetch('/services/data/…')` reaches on the Visualforce domain.
 */
export function inProcessFetch(
    org: OrgStore,
    session: { id: string; expired: () => boolean },
    faults: SaveLogFaults
): (
    input: string,
    init?: { headers?: Record<string, string> }
) => Promise<{ status: number; ok: boolean; json(): Promise<unknown> }> {
    return (input, init) => {
        const url = new URL(input, 'https://workbench.vf.force.com');
        const headers = init?.headers ?? {};
        const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
        const answer = answerQuery(
            org,
            { path: url.pathname, q: url.searchParams.get('q'), authorization },
            session,
            faults
        );
        const body = JSON.parse(JSON.stringify(answer.body)) as unknown;
        return new Promise((resolve) =>
            setTimeout(
                () =>
                    resolve({
                        status: answer.status,
                        ok: answer.status >= 200 && answer.status < 300,
                        json: () => Promise.resolve(body)
                    }),
                0
            )
        );
    };
}

/**
 * The REST API sObject resource's create, as far as a page logs a call: `POST /services/data/vXX.X/sobjects/Task`
 * with a JSON body of fields and the page's session (REST API Developer Guide, "sObject Basic
 * Information" and "Create a Record", resources_sobject_basic_info.htm, dome_sobject_create.htm).
 * Answers 201 `{ id, success: true, errors: [] }`; errors as a list of `{ message, errorCode, fields }`
 * with the org's checks (store.ts: unknown field, bad picklist value, wrong WhoId); 401 for a bad
 * session. The saveLog faults apply as they do to saveLog (faults.ts): a lasting validation or access
 * error answers 400 with the org's error code and message; a refused save answers 503;
 * `saveLogLostAnswers` writes and drops the connection; `saveLogSlowAnswers` writes and answers
 * `saveLogSlowMs` late; `saveLogNoAnswers` drops the connection without writing. The workbench
 * writes Tasks only.
 */
export function answerCreate(
    org: OrgStore,
    request: { path: string; body: unknown; authorization: string | undefined },
    session: { id: string; expired: () => boolean },
    faults: SaveLogFaults
): RestAnswer {
    const match = /^\/services\/data\/v(\d+\.\d)\/sobjects\/([A-Za-z][A-Za-z0-9_]*)\/?$/.exec(request.path);
    if (!match) return error(404, 'NOT_FOUND', 'The requested resource does not exist');
    const token = /^Bearer\s+(.+)$/i.exec(request.authorization ?? '')?.[1];
    if (!token || token !== session.id || session.expired())
        return error(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    if (match[2] !== 'Task') return error(400, 'INVALID_TYPE', `The workbench creates Tasks only, not ${match[2]}.`);
    if (!request.body || typeof request.body !== 'object' || Array.isArray(request.body))
        return error(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of fields.');
    const fields = request.body as Record<string, unknown>;
    if ('Id' in fields || 'entityApiName' in fields)
        return error(400, 'INVALID_FIELD', "No such column 'Id' on sobject of type Task (use PATCH to update).");
    if (faults.saveLogLastingError === 'validation' || faults.saveLogLastingError === 'access') {
        // The org refuses the record itself (a validation rule, no create access): 400 with its words.
        const [code = 'UNKNOWN_EXCEPTION', ...words] = LASTING_ERRORS[faults.saveLogLastingError].split(': ');
        return error(400, code, words.join(': '));
    }
    if (faults.saveLogFailures > 0) {
        faults.saveLogFailures -= 1;
        return error(503, 'SERVER_UNAVAILABLE', 'workbench fault: save failure injected.');
    }
    if (faults.saveLogNoAnswers > 0) {
        faults.saveLogNoAnswers -= 1;
        return { status: 0, body: null, noAnswer: true };
    }
    try {
        const id = org.save({ ...fields, entityApiName: 'Task' });
        const created: RestAnswer = { status: 201, body: { id, success: true, errors: [] } };
        if (faults.saveLogLostAnswers > 0) {
            faults.saveLogLostAnswers -= 1;
            return { ...created, noAnswer: true };
        }
        if (faults.saveLogSlowAnswers > 0) {
            faults.saveLogSlowAnswers -= 1;
            return { ...created, answerAfterMs: faults.saveLogSlowMs };
        }
        return created;
    } catch (caught) {
        const statusCode = (caught as { statusCode?: unknown }).statusCode;
        const message = caught instanceof Error ? caught.message : String(caught);
        return {
            status: 400,
            body: [
                { message, errorCode: typeof statusCode === 'string' ? statusCode : 'UNKNOWN_EXCEPTION', fields: [] }
            ]
        };
    }
}
