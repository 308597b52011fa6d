/** @jest-environment node */
import {
    DEFAULT_PAGE_LABELS,
    goTo,
    lightningOrigin,
    popQueryPairs,
    runCallPopPage,
    sweepSettledCreates,
    taskFields
} from '../callPopPage';
import type { CallPopPageDeps, LockManagerLike } from '../callPopPage';
import type { FetchLike } from '../../bridge/opencti/taskQuery';

const SESSION = {
    sessionId: 'SESSION',
    userId: '005000000000001AAA',
    orgUrl: 'https://acme.my.salesforce.com/services/Soap/u/68.0/00D'
};

interface FakeOrg {
    tasks: { Id: string; CallObject: string; fields: Record<string, unknown> }[];
    requests: { url: string; method: string; body?: string; auth?: string }[];
    fail?: { status: number; errorCode: string };
    failCreate?: boolean;
    /**
     * The next create: written, but the connection drops before its answer ('lost'); dropped unwritten
     * ('dropped'); or the connection drops at once and the org commits it `lateMs` later ('late').
     */
    createFault?: 'lost' | 'dropped' | 'late';
    lateMs?: number;
}

/** The REST API answers as the guide describes: query → {records}, create → 201 {id, success, errors}. */
function fakeFetch(org: FakeOrg): FetchLike {
    return (url, init) => {
        const method = init?.method ?? 'GET';
        org.requests.push({
            url,
            method,
            ...(init?.body ? { body: init.body } : {}),
            auth: init?.headers?.Authorization
        });
        const answer = (status: number, body: unknown) =>
            Promise.resolve({ status, ok: status >= 200 && status < 300, json: () => Promise.resolve(body) });
        if (org.fail) return answer(org.fail.status, [{ errorCode: org.fail.errorCode, message: 'no' }]);
        if (method === 'GET') {
            const q = decodeURIComponent(url.split('?q=')[1] ?? '');
            const callObject = /CallObject = '((?:[^'\\]|\\.)*)'/.exec(q)?.[1]?.replace(/\\(.)/g, '$1');
            const records = org.tasks.filter((task) => task.CallObject === callObject).map((task) => ({ Id: task.Id }));
            return answer(200, { totalSize: records.length, done: true, records });
        }
        if (org.failCreate) return answer(400, [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'no' }]);
        const fault = org.createFault;
        org.createFault = undefined;
        if (fault === 'dropped') return Promise.reject(new TypeError('Failed to fetch'));
        const fields = JSON.parse(init?.body ?? '{}') as Record<string, unknown>;
        const write = () => {
            const Id = `00T000000000${String(org.tasks.length + 1).padStart(3, '0')}AAA`;
            org.tasks.push({ Id, CallObject: String(fields.CallObject), fields });
            return Id;
        };
        if (fault === 'late') {
            setTimeout(write, org.lateMs ?? 0);
            return Promise.reject(new TypeError('Failed to fetch'));
        }
        const Id = write();
        if (fault === 'lost') return Promise.reject(new TypeError('Failed to fetch'));
        return answer(201, { id: Id, success: true, errors: [] });
    };
}

/** navigator.locks semantics: one holder per name at a time. */
function fakeLocks(): LockManagerLike {
    const tails = new Map<string, Promise<unknown>>();
    return {
        request<T>(name: string, callback: () => Promise<T>): Promise<T> {
            const previous = tails.get(name) ?? Promise.resolve();
            const run = previous.then(callback, callback);
            tails.set(
                name,
                run.catch(() => undefined)
            );
            return run;
        }
    };
}

function deps(
    search: string,
    org: FakeOrg,
    extra: Partial<CallPopPageDeps> = {}
): CallPopPageDeps & { replaced: string[]; status: string[]; warnings: string[] } {
    const replaced: string[] = [];
    const status: string[] = [];
    const warnings: string[] = [];
    return {
        search,
        protocol: 'https:',
        settings: {},
        session: SESSION,
        labels: DEFAULT_PAGE_LABELS,
        fetch: fakeFetch(org),
        timers: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
        locks: fakeLocks(),
        today: () => '2026-12-01',
        setStatus: (text) => status.push(text),
        replace: (url) => replaced.push(url),
        warn: (message) => warnings.push(message),
        replaced,
        status,
        warnings,
        ...extra
    };
}

function stateOf(url: string): Record<string, string> {
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe('https://acme.my.salesforce.com/lightning/cmp/c__callPop');
    return Object.fromEntries(parsed.searchParams.entries());
}

describe('CallPop page', () => {
    it('translates a Puzzel ring and redirects to the component on the org host, with no REST call', async () => {
        const org: FakeOrg = { tasks: [], requests: [] };
        const d = deps('?profile=puzzel&event=ring&anum=%2B15035551212&queue_key=sales&callid=p1', org, {
            settings: { noMatch: 'newLead' }
        });
        await runCallPopPage(d);
        expect(d.replaced).toHaveLength(1);
        expect(stateOf(d.replaced[0]!)).toEqual({
            c__event: 'ring',
            c__phone: '+15035551212',
            c__callId: 'p1',
            c__queue: 'sales',
            c__profile: 'puzzel',
            c__noMatch: 'newLead'
        });
        expect(org.requests).toEqual([]);
    });

    it("keeps an unencoded leading + of a vendor's number (anum=+47…), and decodes the rest as forms do", async () => {
        expect(popQueryPairs('?anum=+4722334455&disposition=Follow+up&q=%2B1&x=&&y')).toEqual([
            ['anum', '+4722334455'],
            ['disposition', 'Follow up'],
            ['q', '+1'],
            ['x', ''],
            ['y', '']
        ]);
        const org: FakeOrg = { tasks: [], requests: [] };
        const d = deps('?profile=puzzel&event=ring&anum=+4722334455&callid=p2', org);
        await runCallPopPage(d);
        expect(stateOf(d.replaced[0]!)).toMatchObject({ c__phone: '+4722334455' });
    });

    it('with a Hang-Up Token set, logs a hang-up without it only when the agent confirms on the page', async () => {
        const asked: string[] = [];
        const withToken = (search: string, org: FakeOrg, answer: boolean) =>
            deps(search, org, {
                hangUpToken: 's3cret-token',
                confirmHangUp: (pop) => {
                    asked.push(pop.callId ?? '');
                    return Promise.resolve(answer);
                }
            });
        // Another site links to the page: nothing is written unless the agent says so.
        const forged: FakeOrg = { tasks: [], requests: [] };
        const declined = withToken('?event=hangup&callId=f-1&phone=5551234', forged, false);
        await runCallPopPage(declined);
        expect(forged.requests).toEqual([]);
        expect(stateOf(declined.replaced[0]!)).toMatchObject({ c__event: 'hangup', c__callId: 'f-1' });
        expect(stateOf(declined.replaced[0]!)).not.toHaveProperty('c__taskId');
        // The agent confirms: one Task.
        const confirmed: FakeOrg = { tasks: [], requests: [] };
        await runCallPopPage(withToken('?event=hangup&callId=f-2&token=wrong', confirmed, true));
        expect(confirmed.tasks).toHaveLength(1);
        // The contact center's own URL carries the token (never passed on): logged without asking.
        const vendor: FakeOrg = { tasks: [], requests: [] };
        const own = withToken('?event=hangup&callId=f-3&TOKEN=s3cret-token', vendor, false);
        await runCallPopPage(own);
        expect(vendor.tasks).toHaveLength(1);
        expect(own.replaced[0]).not.toContain('s3cret');
        expect(asked).toEqual(['f-1', 'f-2']);
    });

    it('logs a hang-up as one Task, looked up first, and passes its Id on', async () => {
        const org: FakeOrg = { tasks: [], requests: [] };
        const d = deps('?profile=puzzel&event=hangup&anum=2149&callid=p1&duration=61&disposition=Sale', org);
        await runCallPopPage(d);
        expect(org.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
        expect(org.requests[0]!.url).toContain('/services/data/v68.0/query?q=');
        expect(decodeURIComponent(org.requests[0]!.url)).toContain(
            "SELECT Id FROM Task WHERE CallObject = 'p1' AND CreatedById = '005000000000001AAA'"
        );
        expect(org.requests[1]!.url).toBe('/services/data/v68.0/sobjects/Task');
        expect(org.requests.every((r) => r.auth === 'Bearer SESSION')).toBe(true);
        expect(org.tasks).toHaveLength(1);
        expect(org.tasks[0]!.fields).toEqual({
            Subject: 'Call 2149',
            CallObject: 'p1',
            CallType: 'Inbound',
            Status: 'Completed',
            TaskSubtype: 'Call',
            ActivityDate: '2026-12-01',
            CallDurationInSeconds: 61,
            CallDisposition: 'Sale'
        });
        expect(stateOf(d.replaced[0]!)).toMatchObject({ c__event: 'hangup', c__taskId: org.tasks[0]!.Id });
        expect(d.status).toEqual([DEFAULT_PAGE_LABELS.logging, DEFAULT_PAGE_LABELS.opening]);
    });

    it('never creates a second Task for a repeated hang-up, even two at once', async () => {
        const org: FakeOrg = { tasks: [], requests: [] };
        const locks = fakeLocks();
        const search = '?profile=generic&event=hangup&phone=5035551212&callId=c-7';
        const [a, b] = [deps(search, org, { locks }), deps(search, org, { locks })];
        await Promise.all([runCallPopPage(a), runCallPopPage(b)]);
        const c = deps(search, org, { locks });
        await runCallPopPage(c);
        expect(org.tasks).toHaveLength(1);
        const id = org.tasks[0]!.Id;
        for (const d of [a, b, c]) expect(stateOf(d.replaced[0]!).c__taskId).toBe(id);
    });

    it('finds the Task a create wrote when its answer was lost, and creates nothing twice', async () => {
        const org: FakeOrg = { tasks: [], requests: [], createFault: 'lost' };
        const d = deps('?event=hangup&callId=c-lost&phone=5551234', org);
        await runCallPopPage(d);
        expect(org.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
        expect(org.tasks).toHaveLength(1);
        expect(stateOf(d.replaced[0]!).c__taskId).toBe(org.tasks[0]!.Id);

        const dropped: FakeOrg = { tasks: [], requests: [], createFault: 'dropped' };
        const e = deps('?event=hangup&callId=c-dropped&phone=5551234', dropped);
        await runCallPopPage(e);
        // Not found either: said as failed (the component offers to log it again), never created blind.
        expect(dropped.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
        expect(stateOf(e.replaced[0]!).c__logError).toBe('failed');
    });

    it('sends no second create for a call while an unanswered one may still commit, across pages', async () => {
        // The save commits 3 s after the connection dropped: after the first page's relook (2 s).
        const org: FakeOrg = { tasks: [], requests: [], createFault: 'late', lateMs: 3_000 };
        const values = new Map<string, string>();
        const storage = {
            getItem: (key: string) => values.get(key) ?? null,
            setItem: (key: string, value: string) => void values.set(key, value),
            removeItem: (key: string) => void values.delete(key)
        };
        const search = '?event=hangup&callId=c-late&phone=5551234';
        const first = deps(search, org, { storage });
        await runCallPopPage(first);
        expect(stateOf(first.replaced[0]!).c__logError).toBe('failed');
        expect(values.size).toBe(1);

        // The vendor repeats the hang-up (or the agent reloads): it looks until the first create lands.
        const second = deps(search, org, { storage });
        await runCallPopPage(second);
        expect(org.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
        expect(org.tasks).toHaveLength(1);
        expect(stateOf(second.replaced[0]!).c__taskId).toBe(org.tasks[0]!.Id);
        expect(values.size).toBe(0);

        // Once the settle period has passed with no Task, a create is sent again.
        const gone: FakeOrg = { tasks: [], requests: [] };
        values.set('streemCallPop.createSent.c-gone', String(Date.now() - 60_000));
        const third = deps('?event=hangup&callId=c-gone&phone=5551234', gone, { storage });
        await runCallPopPage(third);
        expect(gone.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
        expect(stateOf(third.replaced[0]!).c__taskId).toBe(gone.tasks[0]!.Id);
    }, 15_000);

    it('waits no longer than the settle period whatever the stored time says, and sweeps settled marks', async () => {
        const values = new Map<string, string>([['streemCallPop.createSent.c-skew', String(Date.now() + 3_600_000)]]);
        const storage = {
            getItem: (key: string) => values.get(key) ?? null,
            setItem: (key: string, value: string) => void values.set(key, value),
            removeItem: (key: string) => void values.delete(key),
            key: (index: number) => [...values.keys()][index] ?? null,
            get length() {
                return values.size;
            }
        };
        let clock = Date.now();
        const gone: FakeOrg = { tasks: [], requests: [] };
        // Each 2 s wait moves the clock on 2 s, so the page's waiting is counted, not slept.
        const timers = {
            setTimeout: (callback: () => void, ms: number) => {
                clock += ms;
                return setTimeout(callback, 0);
            },
            clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout)
        };
        const d = deps('?event=hangup&callId=c-skew&phone=5551234', gone, { storage, timers, now: () => clock });
        await runCallPopPage(d);
        expect(gone.requests.filter((r) => r.method === 'GET').length).toBeLessThanOrEqual(32);
        expect(gone.requests.filter((r) => r.method === 'POST')).toHaveLength(1);

        values.set('streemCallPop.createSent.old', String(Date.now() - 61_000));
        values.set('streemCallPop.createSent.fresh', String(Date.now()));
        values.set('other.key', '1');
        sweepSettledCreates(storage, Date.now());
        expect([...values.keys()].sort()).toEqual(['other.key', 'streemCallPop.createSent.fresh']);
    });

    it('creates nothing when the lookup cannot answer, and says why', async () => {
        for (const [fail, kind] of [
            [{ status: 401, errorCode: 'INVALID_SESSION_ID' }, 'session'],
            [{ status: 403, errorCode: 'API_DISABLED_FOR_ORG' }, 'access'],
            // The daily API limit answers 403 too; it passes: no access advice.
            [{ status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED' }, 'failed'],
            [{ status: 503, errorCode: 'SERVER_UNAVAILABLE' }, 'failed']
        ] as const) {
            const org: FakeOrg = { tasks: [], requests: [], fail };
            const d = deps('?event=hangup&callId=c-1&phone=5551234', org);
            await runCallPopPage(d);
            expect(org.requests.map((r) => r.method)).toEqual(['GET']);
            expect(stateOf(d.replaced[0]!)).toMatchObject({ c__event: 'hangup', c__logError: kind });
            // A lookup that failed is no refusal of the Task: nothing from the org is quoted.
            expect(stateOf(d.replaced[0]!).c__logDetail).toBeUndefined();
        }
        const org: FakeOrg = { tasks: [], requests: [], failCreate: true };
        const d = deps('?event=hangup&callId=c-1', org);
        await runCallPopPage(d);
        // The org refused the Task and said why (a validation rule here): the agent is told its words.
        expect(stateOf(d.replaced[0]!)).toMatchObject({
            c__logError: 'failed',
            c__logDetail: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: no'
        });
        const none = deps('?event=hangup&phone=5551234', { tasks: [], requests: [] });
        await runCallPopPage(none);
        expect(stateOf(none.replaced[0]!).c__logError).toBe('noCallId');
        const noSession = deps(
            '?event=hangup&callId=c-1',
            { tasks: [], requests: [] },
            { session: { orgUrl: SESSION.orgUrl } }
        );
        await runCallPopPage(noSession);
        expect(stateOf(noSession.replaced[0]!).c__logError).toBe('failed');
    });

    it('redirects only to its own component, whatever the query says', async () => {
        const hostile = [
            '?redirect=https://evil.example&retURL=//evil.example&startURL=https://evil.example',
            '?phone=%3Cscript%3Ealert(1)%3C/script%3E&callId=%E2%80%AEevil',
            `?${'x='.padEnd(20_000, 'y')}`,
            '?profile=__proto__&constructor=1&phone=5551234'
        ];
        for (const search of hostile) {
            const d = deps(search, { tasks: [], requests: [] });
            await runCallPopPage(d);
            const url = new URL(d.replaced[0]!);
            expect(url.origin + url.pathname).toBe('https://acme.my.salesforce.com/lightning/cmp/c__callPop');
            expect([...url.searchParams.keys()].every((key) => key.startsWith('c__'))).toBe(true);
            expect(url.search).not.toContain('evil.example');
            expect(url.search).not.toContain('script');
        }
    });

    it('uses the org host only on the page own scheme, else the path alone', () => {
        expect(lightningOrigin('https://acme.my.salesforce.com/services/Soap/u/68.0/00D', 'https:')).toBe(
            'https://acme.my.salesforce.com'
        );
        expect(lightningOrigin('javascript:alert(1)', 'https:')).toBe('');
        expect(lightningOrigin('http://acme.my.salesforce.com/x', 'https:')).toBe('');
        expect(lightningOrigin('https://user:pw@acme.my.salesforce.com/x', 'https:')).toBe('');
        expect(lightningOrigin('not a url', 'https:')).toBe('');
        expect(lightningOrigin(undefined, 'https:')).toBe('');
    });

    it('builds Task fields from the pop only', () => {
        expect(taskFields({ event: 'hangup', callId: 'c' }, DEFAULT_PAGE_LABELS, '2026-12-01')).toEqual({
            Subject: 'Call',
            CallObject: 'c',
            CallType: 'Inbound',
            Status: 'Completed',
            TaskSubtype: 'Call',
            ActivityDate: '2026-12-01'
        });
    });
});

describe('goTo', () => {
    const target =
        'https://acme.my.salesforce.com/lightning/cmp/c__callPop?c__event=hangup&c__taskId=00T000000000001AAA';

    it('replaces the location of a page opened as its own tab', () => {
        const replaced: string[] = [];
        const navigateToURL = jest.fn();
        goTo(target, { framed: false, sforceOne: { navigateToURL }, replace: (url) => replaced.push(url) });
        expect(replaced).toEqual([target]);
        expect(navigateToURL).not.toHaveBeenCalled();
    });

    it('lets Lightning navigate, with an app-relative URL, when Lightning frames the page', () => {
        const replaced: string[] = [];
        const navigateToURL = jest.fn();
        goTo(target, { framed: true, sforceOne: { navigateToURL }, replace: (url) => replaced.push(url) });
        expect(navigateToURL).toHaveBeenCalledWith(
            '/lightning/cmp/c__callPop?c__event=hangup&c__taskId=00T000000000001AAA',
            true
        );
        expect(replaced).toEqual([]);
    });

    it('still replaces the location in a frame without sforce.one (another site framing it)', () => {
        const replaced: string[] = [];
        goTo(target, { framed: true, sforceOne: undefined, replace: (url) => replaced.push(url) });
        expect(replaced).toEqual([target]);
    });
});
