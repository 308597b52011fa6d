/**
 * The workbench's servers: one Node process, five loopback origins (different ports are different
 * origins, so the browser enforces the same boundaries as in production):
 *  - app:         the Lightning Experience stand-in (record/list/search pages, utility bar) and the
 *                 workbench org's JSON API under /workbench/api/;
 *  - visualforce: the adapter page rendered from force-app/main/default/pages/SoftphoneAdapter.page,
 *                 the sforce.opencti stand-in at /support/api/<version>/lightning/opencti_min.js, and
 *                 static resources at /resource/<version>/<name>;
 *  - softphone:   the reference softphone (workbench/softphone/), the vendor's side through the wrapper library;
 *  - streem:      the Streem stand-in (/embed, /streems, /call-details, /thank-you);
 *  - hostile:     a page that posts forged messages (a fault you switch on in the Workbench panel);
 *  - ameyo:       the Ameyo generic toolbar stand-in (workbench/ameyo/): the integration script and
 *                 toolbar-crm.htm at seed 004's paths, for the call center's ameyoToolbar protocol; and
 *                 the Ameyo (Exotel) call-URL pop console (seed 001's incoming call parameters);
 *  - puzzel:      a Puzzel-style agent application (workbench/puzzel/) that pops the configured CRM URL in a
 *                 new browser tab on ring and on hang-up (seed 003).
 * Everything binds 127.0.0.1 only. `startWorkbench({ basePort: 0 })` picks free ports (for tests).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';
import { API_VERSION, APP_OUT_DIR, OUT_DIR, PAGES_DIR, SLDS_ASSETS_DIR } from './paths';
import { loadCallCenterSettings } from './platform/callCenter';
import { orgSetup } from './orgSetup';
import type { WorkbenchUrls } from './urls';
import { lightningCsp, lightningPermissionsPolicy, visualforceCsp, type OrgTrustedSite } from './platform/csp';
import { readLabels, readMessageChannels, readStaticResources, readTrustedSites } from './platform/metadata';
import { NO_FAULTS, applyFaultChange, saveWithFaults, type SaveLogFaults } from './platform/org/faults';
import { executeGraphql } from './platform/org/graphql';
import { objectInfosAnswer } from './platform/org/objectInfo';
import { answerCreate, answerQuery } from './platform/org/restQuery';
import {
    KEY_PREFIXES,
    ORG_ID,
    USER_ID,
    USER_NAME,
    USER_PROFILE_ID,
    USER_TIME_ZONE,
    type SObjectName
} from './platform/org/sampleData';
import { readCustomSettings, resolveSetup, type CustomSettingData } from './platform/customSettings';
import { readLayoutSources } from './layout';
import { puzzelPage } from './puzzel/page';
import { ameyoCallUrlPage } from './ameyo/callUrlPage';
import { OrgError, OrgStore } from './platform/org/store';
import { RESOURCE_VERSION } from './platform/scopedImports';
import { renderVisualforce, VisualforceError } from './platform/visualforce';
import { ameyoToolbarPage } from './ameyo/page';
import { softphonePage } from './softphone/page';
import { readRuntime } from './runtime';
import { StreemStandIn } from './streem/streem';

export interface WorkbenchOptions {
    /** First port; the others follow (app, visualforce, softphone, streem, hostile, ameyo). 0 picks free ports. Default: WORKBENCH_PORT or 4800. */
    basePort?: number;
    /** Log each request that fails. */
    verbose?: boolean;
    /** The page build to serve (default .build/workbench/app). */
    appDir?: string;
}

export type { WorkbenchUrls } from './urls';

/** The org's saveLog and query faults (platform/org/faults.ts) and a slow softphone. */
export interface Faults extends SaveLogFaults {
    /** Every response of the softphone origin is delayed this long. */
    softphoneDelayMs: number;
}

export interface Workbench {
    urls: WorkbenchUrls;
    /** The in-memory org (records and Tasks), e.g. for tests to read what saveLog wrote. */
    org: OrgStore;
    faults: Faults;
    /**
     * Call center values an admin changed in Setup, keyed '/section/item' (e.g. '/screenPop/noMatch'),
     * over the package's defaults and the workbench setup; the adapter reads them on its next load.
     * The reset endpoint clears them.
     */
    callCenterOverrides: Record<string, string>;
    /**
     * Trusted-site changes an admin made in Setup > Trusted URLs, by site name (e.g. `{ Streem: { isActive: false } }`),
     * over the package's metadata and the workbench setup; they apply to the next page load. The reset endpoint clears them.
     */
    trustedSiteOverrides: Record<string, Partial<Pick<OrgTrustedSite, 'endpointUrl' | 'isActive'>>>;
    /**
     * Hierarchy custom setting records an admin added in Setup > Custom Settings > Manage, by setting
     * (org default, per profile, per user), over the workbench setup (orgSetup.ts); read by the next
     * Visualforce page load. The reset endpoint clears them.
     */
    customSettingOverrides: CustomSettingData;
    /** The app's navigation style, as if the admin changed it in App Manager (default: the app's navType). */
    appOverrides: { navType?: 'Console' | 'Standard' };
    close(): Promise<void>;
}

const HOST = '127.0.0.1';
const ORIGIN_NAMES = ['app', 'visualforce', 'softphone', 'streem', 'hostile', 'ameyo', 'puzzel'] as const;
type OriginName = (typeof ORIGIN_NAMES)[number];
type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

function send(
    res: ServerResponse,
    status: number,
    type: string,
    body: string | Buffer,
    headers: Record<string, string> = {}
): void {
    res.writeHead(status, {
        'content-type': type,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...headers
    });
    res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function esc(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > 1_000_000) throw new OrgError('REQUEST_TOO_LARGE', 'Request body over 1 MB.');
        chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    try {
        return text ? (JSON.parse(text) as unknown) : {};
    } catch {
        throw new OrgError('JSON_PARSER_ERROR', 'The request body is not JSON.');
    }
}

function requireBuild(appDir: string): void {
    const missing = [path.join(appDir, 'main.js'), path.join(OUT_DIR, 'scripts', 'opencti_min.js')].filter(
        (f) => !fs.existsSync(f)
    );
    if (missing.length) {
        throw new Error(
            `The workbench is not built (${missing.map((f) => path.relative(process.cwd(), f)).join(', ')} missing). Run: tsx workbench/build.ts`
        );
    }
}

function staticResourceHandler(): (res: ServerResponse, url: URL) => boolean {
    return (res, url) => {
        const match = /^\/resource\/\d+\/([A-Za-z][A-Za-z0-9_]*)(\/.*)?$/.exec(url.pathname);
        if (!match) return false;
        const resource = readStaticResources().get(match[1] as string);
        if (!resource || match[2]) {
            send(res, 404, 'text/plain', `No static resource ${match[1]}${match[2] ?? ''} (run npm run build).`);
            return true;
        }
        send(res, 200, resource.contentType, fs.readFileSync(resource.file), { 'access-control-allow-origin': '*' });
        return true;
    };
}

/** Starts the five origins and returns their URLs. */
export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
    const appDir = options.appDir ?? APP_OUT_DIR;
    requireBuild(appDir);
    const basePort = options.basePort ?? Number(process.env.WORKBENCH_PORT ?? 4800);
    if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65530)
        throw new Error(`WORKBENCH_PORT must be a port number, not ${String(basePort)}.`);
    const org = new OrgStore();
    const faults: Faults = { ...NO_FAULTS, softphoneDelayMs: 0 };
    /** The fields the agent's profile cannot read (a workbench fault: field-level security). */
    const hiddenFields = (): ReadonlySet<string> => new Set(faults.hiddenFields);
    // The adapter page's {!$Api.Session_ID}: one per workbench; the 'session' lasting error expires it.
    const session = {
        id: `00D000000000001!workbench.${randomBytes(12).toString('hex')}`,
        expired: () => faults.saveLogLastingError === 'session'
    };
    const callCenterOverrides: Record<string, string> = {};
    const trustedSiteOverrides: Workbench['trustedSiteOverrides'] = {};
    const customSettingOverrides: CustomSettingData = {};
    const appOverrides: Workbench['appOverrides'] = {};
    const appNavType = (): 'Console' | 'Standard' =>
        appOverrides.navType ?? (readLayoutSources().app.navType === 'Console' ? 'Console' : 'Standard');
    /** The org's hierarchy custom setting records: the admin's setup, then what a test set (per level, per field). */
    const customSettingData = (): CustomSettingData => {
        const out: CustomSettingData = {};
        for (const source of [orgSetup(urls).customSettings, customSettingOverrides]) {
            for (const [setting, data] of Object.entries(source)) {
                const target = (out[setting] ??= {});
                target.organization = { ...target.organization, ...data.organization };
                for (const level of ['profiles', 'users'] as const)
                    for (const [id, values] of Object.entries(data[level] ?? {}))
                        target[level] = { ...target[level], [id]: { ...target[level]?.[id], ...values } };
            }
        }
        return out;
    };
    const runtime = readRuntime(appDir);
    const urls = {} as WorkbenchUrls;
    const streem = new StreemStandIn(() => urls.app);
    const resource = staticResourceHandler();
    const serveApp = sirv(appDir, { dev: true });
    const serveAssets = sirv(SLDS_ASSETS_DIR, { dev: true });
    const scripts = path.join(OUT_DIR, 'scripts');
    const notFound = (res: ServerResponse) => send(res, 404, 'text/plain; charset=utf-8', 'Not found');

    const serveScript = (res: ServerResponse, name: string): void => {
        const file = path.join(scripts, `${name}.js`);
        if (!fs.existsSync(file)) return notFound(res);
        send(res, 200, 'text/javascript; charset=utf-8', fs.readFileSync(file));
    };

    /* ------------------------------------------------------------ app origin */
    const appPage = (): string => {
        const config = {
            origins: urls,
            apiVersion: API_VERSION,
            adapterUrl: `${urls.visualforce}/apex/SoftphoneAdapter`,
            userId: USER_ID,
            userName: USER_NAME,
            messageChannels: [...readMessageChannels()].map((n) => `${n}__c`),
            keyPrefixes: KEY_PREFIXES,
            labelOverrides: orgSetup(urls).labelOverrides,
            runtime,
            navType: appNavType()
        };
        return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Workbench | Salesforce</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/styles/salesforce-lightning-design-system.min.css">
<script type="application/json" id="workbench-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
</head><body><div id="workbench-root"></div><script type="module" src="/app/main.js"></script></body></html>`;
    };

    /**
     * The org's trusted sites: the package's metadata with the admin's changes from Setup
     * (workbench/orgSetup.ts) and the Workbench panel's switches on top. Read per request, so a
     * change applies to the next page load, as in an org.
     */
    const orgTrustedSites = (): OrgTrustedSite[] => {
        const setup = orgSetup(urls).trustedSites;
        return readTrustedSites().map((site) => ({
            ...site,
            ...setup[site.name],
            ...trustedSiteOverrides[site.name]
        }));
    };
    /** Lightning's headers for its pages: CSP from active trusted sites, Permissions-Policy for camera and microphone. */
    const lightningHeaders = (): Record<string, string> => {
        const sites = orgTrustedSites();
        return {
            // The Open CTI utility frames the org's own Visualforce domain; the hostile frame is the
            // workbench's fault injector (shell, not package), framed only when that fault is on.
            // Lightning pages are never framed by another site (clickjack protection for non-setup Salesforce
            // pages; no "Trusted Domains for Inline Frames" context covers Lightning): a vendor's request tab fails.
            'content-security-policy': `${lightningCsp(sites, { frameOrigins: [urls.visualforce, urls.hostile] })}; frame-ancestors 'self'`,
            'permissions-policy': lightningPermissionsPolicy(sites)
        };
    };

    const api = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
        const route = url.pathname.slice('/workbench/api/'.length);
        // The org API is for the app page only: refuse other origins (the hostile frame, the softphone).
        const origin = req.headers.origin;
        if (req.method !== 'GET' && origin !== urls.app)
            return json(res, 403, { errors: ['Cross-origin calls to the workbench org are refused.'] });
        try {
            if (route.startsWith('records/') && req.method === 'GET') {
                const found = org.get(decodeURIComponent(route.slice('records/'.length)));
                if (!found) return json(res, 404, { errors: ['The requested resource does not exist'] });
                // Field-level security: the agent's pages get the record without the fields they cannot read.
                const hidden = hiddenFields();
                const record = Object.fromEntries(
                    Object.entries(found.record).filter(([field]) => !hidden.has(`${found.apiName}.${field}`))
                );
                return json(res, 200, { ...found, record });
            }
            if (route === 'records' && req.method === 'GET') {
                const object = url.searchParams.get('object') as SObjectName;
                return json(res, 200, { records: org.list(object) });
            }
            if (route === 'search' && req.method === 'GET') {
                const objects = (url.searchParams.get('objects') ?? 'Account,Contact,Lead')
                    .split(',')
                    .filter(Boolean) as SObjectName[];
                return json(res, 200, { matches: org.search(url.searchParams.get('q') ?? '', objects) });
            }
            if (route === 'graphql' && req.method === 'POST') {
                // The lightning/graphql wire adapter's requests (LDS), at the API version the page runs.
                const body = (await readJson(req)) as { apiVersion?: unknown; query?: unknown };
                const version = Number(body.apiVersion ?? API_VERSION);
                return json(
                    res,
                    200,
                    executeGraphql(org, body, Number.isFinite(version) ? version : Number(API_VERSION), hiddenFields())
                );
            }
            if (route === 'objectInfos' && req.method === 'GET') {
                // lightning/uiObjectInfoApi getObjectInfos: the objects as the agent sees them.
                const names = (url.searchParams.get('names') ?? '').split(',').filter(Boolean).slice(0, 20);
                return json(res, 200, objectInfosAnswer(names, hiddenFields()));
            }
            if (route === 'tasks' && req.method === 'GET') {
                const relatedTo = url.searchParams.get('relatedTo');
                const tasks = relatedTo ? org.tasksFor(relatedTo) : org.allTasks();
                // `limit`: the newest N only (the record page's timeline), with the total for its title.
                const limit = Number(url.searchParams.get('limit'));
                const shown = Number.isInteger(limit) && limit > 0 ? tasks.slice(0, limit) : tasks;
                return json(res, 200, { tasks: shown, total: tasks.length });
            }
            if (route === 'saveLog' && req.method === 'POST') {
                const value = (await readJson(req)) as Record<string, unknown>;
                let answer;
                try {
                    answer = await saveWithFaults(faults, () => org.save(value));
                } catch (error) {
                    if (error instanceof OrgError) throw error;
                    return json(res, 503, { errors: [error instanceof Error ? error.message : String(error)] });
                }
                return json(res, 200, answer);
            }
            if (route === 'faults') {
                if (req.method === 'POST') {
                    const change = (await readJson(req)) as Partial<Faults>;
                    applyFaultChange(faults, change);
                    if (change.softphoneDelayMs !== undefined)
                        faults.softphoneDelayMs = Math.min(
                            60_000,
                            Math.max(0, Math.floor(Number(change.softphoneDelayMs) || 0))
                        );
                }
                return json(res, 200, faults);
            }
            if (route === 'trustedSites') {
                if (req.method === 'POST') {
                    const change = (await readJson(req)) as Record<string, { isActive?: unknown } | undefined>;
                    for (const site of readTrustedSites()) {
                        const isActive = change[site.name]?.isActive;
                        if (typeof isActive === 'boolean')
                            trustedSiteOverrides[site.name] = { ...trustedSiteOverrides[site.name], isActive };
                    }
                }
                const sites = orgTrustedSites().map(({ name, endpointUrl, isActive }) => ({
                    name,
                    endpointUrl,
                    isActive
                }));
                return json(res, 200, { sites });
            }
            if (route === 'reset' && req.method === 'POST') {
                org.reset();
                streem.reset();
                Object.assign(faults, NO_FAULTS, { softphoneDelayMs: 0 });
                for (const key of Object.keys(callCenterOverrides)) delete callCenterOverrides[key];
                for (const key of Object.keys(trustedSiteOverrides)) delete trustedSiteOverrides[key];
                for (const key of Object.keys(customSettingOverrides)) delete customSettingOverrides[key];
                delete appOverrides.navType;
                return json(res, 200, { ok: true });
            }
            if (route === 'callCenterSettings' && req.method === 'GET') {
                const { settings } = await loadCallCenterSettings(urls.softphone);
                return json(res, 200, { ...settings, ...orgSetup(urls).callCenterValues, ...callCenterOverrides });
            }
            return json(res, 404, { errors: [`No workbench API ${req.method} /${route}`] });
        } catch (error) {
            if (error instanceof OrgError) return json(res, 400, { errors: [`${error.statusCode}: ${error.message}`] });
            throw error;
        }
    };

    const app: Handler = async (req, res, url) => {
        if (url.pathname.startsWith('/workbench/api/')) return api(req, res, url);
        if (url.pathname.startsWith('/app/')) {
            req.url = url.pathname.slice('/app'.length) + url.search;
            return serveApp(req, res, () => notFound(res));
        }
        if (url.pathname.startsWith('/assets/')) {
            req.url = url.pathname.slice('/assets'.length);
            return serveAssets(req, res, () => notFound(res));
        }
        if (resource(res, url)) return;
        if (url.pathname === '/' || url.pathname.startsWith('/lightning')) {
            if (url.pathname === '/') {
                res.writeHead(302, { location: '/lightning/page/home' });
                return void res.end();
            }
            return send(res, 200, 'text/html; charset=utf-8', appPage(), lightningHeaders());
        }
        notFound(res);
    };

    /* ------------------------------------------------------------ visualforce origin */
    const visualforce: Handler = async (req, res, url) => {
        const frameAncestors = { 'content-security-policy': visualforceCsp(urls.app) };
        const opencti = /^\/support\/api\/(\d+\.\d)\/lightning\/opencti(?:_min)?\.js$/.exec(url.pathname);
        if (opencti) {
            if (Number(opencti[1]) < 38)
                return send(
                    res,
                    404,
                    'text/plain',
                    'Open CTI for Lightning Experience needs API version 38.0 or later.'
                );
            return serveScript(res, 'opencti_min');
        }
        if (resource(res, url)) return;
        if (url.pathname.startsWith('/assets/')) {
            req.url = url.pathname.slice('/assets'.length);
            return serveAssets(req, res, () => notFound(res));
        }
        // The REST API on the Visualforce domain, for the page's own session (platform/org/restQuery.ts).
        const graphqlPath = /^\/services\/data\/v(\d+\.\d)\/graphql\/?$/.exec(url.pathname);
        if (graphqlPath) {
            // GraphQL API resource (GraphQL guide, "GraphQL API Resource": POST /services/data/vXX.X/graphql, v56.0+).
            if (Number(graphqlPath[1]) < 56)
                return json(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
            if (req.method !== 'POST')
                return json(res, 405, [{ errorCode: 'METHOD_NOT_ALLOWED', message: req.method }]);
            const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
            if (!token || token !== session.id || session.expired())
                return json(res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }]);
            return json(
                res,
                200,
                executeGraphql(
                    org,
                    (await readJson(req)) as { query?: unknown },
                    Number(graphqlPath[1]),
                    hiddenFields()
                )
            );
        }
        if (url.pathname.startsWith('/services/data/') && req.method === 'POST' && /\/sobjects\//.test(url.pathname)) {
            let body: unknown;
            try {
                body = await readJson(req);
            } catch {
                return json(res, 400, [{ errorCode: 'JSON_PARSER_ERROR', message: 'The request body is not JSON.' }]);
            }
            const answer = answerCreate(
                org,
                { path: url.pathname, body, authorization: req.headers.authorization },
                session,
                faults
            );
            // The faults: the connection drops (the page's fetch fails), or the answer comes late.
            if (answer.noAnswer) return void req.socket.destroy();
            if (answer.answerAfterMs) await new Promise((resolve) => setTimeout(resolve, answer.answerAfterMs));
            return json(res, answer.status, answer.body);
        }
        if (url.pathname.startsWith('/services/data/')) {
            if (req.method !== 'GET') return json(res, 405, [{ errorCode: 'METHOD_NOT_ALLOWED', message: req.method }]);
            const answer = answerQuery(
                org,
                { path: url.pathname, q: url.searchParams.get('q'), authorization: req.headers.authorization },
                session,
                faults
            );
            return json(res, answer.status, answer.body);
        }
        const page = /^\/apex\/([A-Za-z][A-Za-z0-9_]*)$/.exec(url.pathname);
        if (page) {
            const name = page[1] as string;
            const file = path.join(PAGES_DIR, `${name}.page`);
            if (!fs.existsSync(file))
                return send(
                    res,
                    404,
                    'text/html; charset=utf-8',
                    `<p>No Visualforce page ${esc(name)} in force-app/main/default/pages/.</p>`
                );
            try {
                const resources = readStaticResources();
                const labels = readLabels();
                for (const [name, value] of Object.entries(orgSetup(urls).labelOverrides)) labels.set(name, value);
                const html = renderVisualforce(fs.readFileSync(file, 'utf8'), {
                    resourceUrl: (n) => (resources.has(n) ? `/resource/${RESOURCE_VERSION}/${n}` : undefined),
                    labels,
                    sldsUrl: '/assets/styles/salesforce-lightning-design-system.min.css',
                    sessionId: session.id,
                    userId: USER_ID,
                    userTimeZone: USER_TIME_ZONE,
                    setup: (setting, field) =>
                        resolveSetup(
                            readCustomSettings(),
                            customSettingData(),
                            { userId: USER_ID, profileId: USER_PROFILE_ID },
                            setting,
                            field
                        ),
                    // The org's own host: in the workbench, the app origin serves both My Domain and Lightning.
                    orgUrl: urls.app,
                    orgId: ORG_ID
                });
                return send(res, 200, 'text/html; charset=utf-8', html, frameAncestors);
            } catch (error) {
                if (!(error instanceof VisualforceError)) throw error;
                return send(
                    res,
                    500,
                    'text/html; charset=utf-8',
                    `<p role="alert">${esc(error.message)}</p>`,
                    frameAncestors
                );
            }
        }
        notFound(res);
    };

    /* ------------------------------------------------------------ softphone origin */
    // The reference softphone (workbench/softphone/): the vendor's page, loading the wrapper library
    // from the Visualforce origin as the package's static resource. The "slow softphone" fault delays
    // every response here, so the softphone starts late.
    const softphone: Handler = async (req, res, url) => {
        if (faults.softphoneDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.softphoneDelayMs));
        if (url.pathname === '/softphone.js') return serveScript(res, 'softphone');
        if (url.pathname.startsWith('/assets/')) {
            req.url = url.pathname.slice('/assets'.length);
            return serveAssets(req, res, () => notFound(res));
        }
        if (url.pathname !== '/') return notFound(res);
        return send(
            res,
            200,
            'text/html; charset=utf-8',
            softphonePage({
                wrapperUrl: `${urls.visualforce}/resource/${RESOURCE_VERSION}/softphoneWrapper`,
                sldsUrl: '/assets/styles/salesforce-lightning-design-system.min.css',
                scriptUrl: '/softphone.js'
            }),
            // A vendor softphone lets the customer's Salesforce domains frame it (vendor guide, section 2).
            { 'content-security-policy': `frame-ancestors 'self' ${urls.visualforce} ${urls.app}` }
        );
    };

    /* ------------------------------------------------------------ streem and hostile origins */
    const streemHandler: Handler = (req, res, url) => {
        if (!streem.handle(req, res, url)) notFound(res);
    };
    const hostile: Handler = (_req, res, url) => {
        if (url.pathname === '/hostile.js') return serveScript(res, 'hostile');
        if (url.pathname !== '/hostile') return notFound(res);
        send(
            res,
            200,
            'text/html; charset=utf-8',
            `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Hostile frame</title></head><body style="font:12px monospace;background:#fde;margin:4px"><strong>Hostile frame</strong> <span id="log"></span><script src="/hostile.js"></script></body></html>`
        );
    };

    /* ------------------------------------------------------------ ameyo origin */
    // Seed 004's paths: the integration script (any file version) and the toolbar page, which lets
    // both the Visualforce adapter and Lightning frame it (every ancestor must be allowed).
    const ameyo: Handler = (req, res, url) => {
        if (/^\/ameyowebaccess\/toolbar\/js\/ameyo-integration-v[A-Za-z0-9._-]+\.js$/.test(url.pathname))
            return serveScript(res, 'ameyoIntegration');
        if (url.pathname === '/ameyowebaccess/toolbar/js/toolbar-stand-in.js') return serveScript(res, 'ameyoToolbar');
        if (url.pathname.startsWith('/assets/')) {
            req.url = url.pathname.slice('/assets'.length);
            return serveAssets(req, res, () => notFound(res));
        }
        if (url.pathname === '/ameyowebaccess/crm-url.js') return serveScript(res, 'ameyoCallUrl');
        if (url.pathname === '/app/agent/crm-url') {
            // The agent console itself (a top-level page: Ameyo frames the CRM, nobody frames Ameyo's console).
            return send(
                res,
                200,
                'text/html; charset=utf-8',
                ameyoCallUrlPage({
                    scriptUrl: '/ameyowebaccess/crm-url.js',
                    sldsUrl: '/assets/styles/salesforce-lightning-design-system.min.css',
                    visualforceUrl: urls.visualforce
                }),
                { 'content-security-policy': "frame-ancestors 'none'" }
            );
        }
        if (url.pathname !== '/ameyowebaccess/toolbar-crm.htm') return notFound(res);
        return send(
            res,
            200,
            'text/html; charset=utf-8',
            ameyoToolbarPage({
                scriptUrl: '/ameyowebaccess/toolbar/js/toolbar-stand-in.js',
                sldsUrl: '/assets/styles/salesforce-lightning-design-system.min.css'
            }),
            { 'content-security-policy': `frame-ancestors ${urls.visualforce} ${urls.app}` }
        );
    };

    /* ------------------------------------------------------------ puzzel origin */
    // The Puzzel-style agent application (seed 003): a top-level page that pops the CRM URL in browser tabs.
    const puzzel: Handler = (req, res, url) => {
        if (url.pathname === '/puzzel.js') return serveScript(res, 'puzzelAgent');
        if (url.pathname.startsWith('/assets/')) {
            req.url = url.pathname.slice('/assets'.length);
            return serveAssets(req, res, () => notFound(res));
        }
        if (url.pathname !== '/agent') return notFound(res);
        return send(
            res,
            200,
            'text/html; charset=utf-8',
            puzzelPage({
                scriptUrl: '/puzzel.js',
                sldsUrl: '/assets/styles/salesforce-lightning-design-system.min.css',
                visualforceUrl: urls.visualforce,
                appUrl: urls.app
            }),
            { 'content-security-policy': "frame-ancestors 'none'" }
        );
    };

    const handlers: Record<OriginName, Handler> = {
        app,
        visualforce,
        softphone,
        streem: streemHandler,
        hostile,
        ameyo,
        puzzel
    };
    const servers: http.Server[] = [];
    try {
        for (const [index, name] of ORIGIN_NAMES.entries()) {
            const server = http.createServer((req, res) => {
                const url = new URL(req.url ?? '/', `http://${req.headers.host ?? HOST}`);
                if (url.pathname === '/favicon.ico') return void send(res, 204, 'image/x-icon', '');
                Promise.resolve(handlers[name](req, res, url)).catch((error: unknown) => {
                    if (options.verbose) console.error(`workbench ${name} ${req.method} ${url.pathname}:`, error);
                    if (!res.headersSent)
                        json(res, 500, { errors: [error instanceof Error ? error.message : String(error)] });
                    else res.end();
                });
            });
            await new Promise<void>((resolve, reject) => {
                server.once('error', reject);
                server.listen(basePort === 0 ? 0 : basePort + index, HOST, () => resolve());
            });
            servers.push(server);
            urls[name] = `http://${HOST}:${(server.address() as AddressInfo).port}`;
        }
    } catch (error) {
        await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
        const code = (error as NodeJS.ErrnoException).code;
        throw new Error(
            code === 'EADDRINUSE'
                ? `A workbench port is in use; set WORKBENCH_PORT to another base port (now ${basePort}).`
                : String(error)
        );
    }

    return {
        urls,
        org,
        faults,
        callCenterOverrides,
        trustedSiteOverrides,
        customSettingOverrides,
        appOverrides,
        close: () =>
            Promise.all(
                servers.map(
                    (s) =>
                        new Promise<void>((resolve) => {
                            s.closeAllConnections();
                            s.close(() => resolve());
                        })
                )
            ).then(() => undefined)
    };
}
