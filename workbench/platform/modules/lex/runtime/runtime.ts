/**
 * The Lightning Experience stand-in's runtime, in the app window: the router behind
 * `lightning/navigation`, the record client behind `lightning/uiRecordApi`, the bus behind
 * `lightning/messageService`, and a small event channel the shell and the Open CTI host share.
 * Nothing here is imported by the package's code; it reaches it only through the platform modules.
 */
import { MessageBus } from '../../../core/messageBus';
import { pageReferenceToUrl, urlToPageReference, type PageReference } from '../../../core/pageReference';

export type { PageReference };

/** What the server injects into the app page (`<script type="application/json" id="workbench-config">`). */
export interface WorkbenchConfig {
    origins: { app: string; visualforce: string; softphone: string; streem: string; hostile: string };
    apiVersion: string;
    /** The adapter URL the utility bar loads (reqAdapterUrl resolved against the Visualforce origin). */
    adapterUrl: string;
    userId: string;
    userName: string;
    /** Message channel API names (Name__c) the package defines. */
    messageChannels: string[];
    /** Record Ids by key prefix, so navigation can name the object of a bare Id. */
    keyPrefixes: Record<string, string>;
    /** Custom label values the workbench admin edited (read by the generated label modules). */
    labelOverrides: Record<string, string>;
    /** How the page was built: Lightning Web Security on or off, LWC engine mode. */
    runtime: { lws: boolean; lwcMode: 'production' | 'development' };
}

let cachedConfig: WorkbenchConfig | undefined;

/** The workbench configuration the server put in the page. */
export function config(): WorkbenchConfig {
    if (!cachedConfig) {
        const element = document.getElementById('workbench-config');
        if (!element?.textContent)
            throw new Error('Workbench: the page has no #workbench-config; serve it with workbench/server.ts.');
        cachedConfig = JSON.parse(element.textContent) as WorkbenchConfig;
    }
    return cachedConfig;
}

/* ---------------------------------------------------------------- events */

export type WorkbenchEventName =
    'navigate' | 'tasks-changed' | 'refresh-view' | 'softphone-panel' | 'log' | 'records-changed';
type Handler = (detail: unknown) => void;
const handlers = new Map<WorkbenchEventName, Set<Handler>>();

/** Listens to a workbench event; returns the function that stops listening. */
export function on(name: WorkbenchEventName, handler: Handler): () => void {
    let set = handlers.get(name);
    if (!set) handlers.set(name, (set = new Set()));
    set.add(handler);
    return () => set?.delete(handler);
}

export function emit(name: WorkbenchEventName, detail?: unknown): void {
    for (const handler of [...(handlers.get(name) ?? [])]) {
        try {
            handler(detail);
        } catch (error) {
            console.error(`Workbench: a ${name} handler failed`, error);
        }
    }
}

export interface LogEntry {
    at: string;
    source: 'opencti' | 'lms' | 'navigation' | 'security' | 'org';
    text: string;
    ok: boolean;
}

/** Adds a line to the workbench panel's log (what the platform did on the package's behalf). */
export function log(source: LogEntry['source'], text: string, ok = true): void {
    const entry: LogEntry = { at: new Date().toISOString().slice(11, 19), source, text, ok };
    emit('log', entry);
}

/* ---------------------------------------------------------------- router */

function objectApiNameOf(recordId: string): string | undefined {
    return config().keyPrefixes[recordId.slice(0, 3)];
}

/** The Lightning Experience URL of a page reference. */
export function urlFor(ref: PageReference): string {
    return pageReferenceToUrl(ref, objectApiNameOf);
}

/** The page reference of the page shown now. */
export function currentPageReference(): PageReference {
    return urlToPageReference(window.location.pathname + window.location.search);
}

/** Opens a page: in-app pages replace the page area, web pages open a new tab (as Lightning does). */
export function navigate(ref: PageReference, replace = false): void {
    const url = urlFor(ref);
    if (ref.type === 'standard__webPage' && /^[a-z][a-z0-9+.-]*:/i.test(url)) {
        log('navigation', `web page opened in a new tab: ${url}`);
        window.open(url, '_blank', 'noopener');
        return;
    }
    goTo(url, replace);
}

/** Shows an app URL (path + query) in the page area. */
export function goTo(url: string, replace = false): void {
    const target = new URL(url, window.location.origin);
    if (target.origin !== window.location.origin) {
        window.open(target.href, '_blank', 'noopener');
        return;
    }
    const path = target.pathname + target.search;
    if (replace) window.history.replaceState({}, '', path);
    else window.history.pushState({}, '', path);
    log('navigation', `navigated to ${path}`);
    emit('navigate', currentPageReference());
}

window.addEventListener('popstate', () => emit('navigate', currentPageReference()));

/* ---------------------------------------------------------------- org API */

export class OrgApiError extends Error {
    constructor(
        readonly status: number,
        readonly errors: string[]
    ) {
        super(errors.join('; ') || `HTTP ${status}`);
        this.name = 'OrgApiError';
    }
}

/** Calls the workbench org's JSON API on the app origin. */
export async function api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
    const response = await fetch(`/workbench/api/${path}`, {
        method: init?.method ?? 'GET',
        headers: init?.body === undefined ? undefined : { 'content-type': 'application/json' },
        body: init?.body === undefined ? undefined : JSON.stringify(init.body)
    });
    const body = (await response.json().catch(() => ({}))) as { errors?: string[] } & T;
    if (!response.ok) throw new OrgApiError(response.status, body.errors ?? [`HTTP ${response.status}`]);
    return body;
}

export interface OrgRecord {
    apiName: string;
    record: Record<string, unknown> & { Id: string };
}

export function fetchRecord(recordId: string): Promise<OrgRecord> {
    return api<OrgRecord>(`records/${encodeURIComponent(recordId)}`);
}

/* ---------------------------------------------------------------- message bus */

/** The app's one Lightning Message Service bus (LWCs and the Open CTI frame share it). */
export const bus = new MessageBus();
