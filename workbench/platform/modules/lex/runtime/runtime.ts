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
    /** The app's navigation style (CustomApplication navType): Console opens workspace tabs, Standard navigates in place. */
    navType: 'Console' | 'Standard';
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
    'navigate' | 'tasks-changed' | 'refresh-view' | 'softphone-panel' | 'log' | 'records-changed' | 'tabs-changed';
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

/**
 * A URL-addressable component's page gets only namespaced state: "Parameters without a namespace are
 * reserved for Salesforce use" (Aura guide, components-navigate-add-params; LWC guide,
 * use-navigate-add-params-url.html: state keys need a namespace prefix such as c__), and Lightning
 * drops the others from the URL (a link to /lightning/page/home?flag=0 loses flag, ?c__flag=0 keeps
 * it; wave2-platform-notes §1). Returns the path and query Lightning keeps.
 */
export function withoutReservedParams(pathAndQuery: string): string {
    const url = new URL(pathAndQuery, 'http://workbench.invalid');
    if (!url.pathname.startsWith('/lightning/cmp/')) return url.pathname + url.search;
    const kept = new URLSearchParams();
    url.searchParams.forEach((value, key) => {
        if (/^[A-Za-z0-9]+__/.test(key)) kept.append(key, value);
    });
    const query = kept.toString();
    return url.pathname + (query ? `?${query}` : '');
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
    const path = withoutReservedParams(target.pathname + target.search);
    if (replace) window.history.replaceState({}, '', path);
    else window.history.pushState({}, '', path);
    log('navigation', `navigated to ${path}`);
    noteWorkspaceTab(path);
    emit('navigate', currentPageReference());
}

/**
 * The page as Lightning loads it: a URL-addressable component's reserved parameters dropped from the
 * address, and in a console app the record or component page opened as the first workspace tab.
 */
export function startRouter(): void {
    const loaded = window.location.pathname + window.location.search;
    const kept = withoutReservedParams(loaded);
    if (kept !== loaded) {
        window.history.replaceState({}, '', kept);
        log('navigation', `Lightning dropped the parameters without a namespace: ${loaded} -> ${kept}`);
    }
    noteWorkspaceTab(kept);
}

window.addEventListener('popstate', () => {
    noteWorkspaceTab(window.location.pathname + window.location.search);
    emit('navigate', currentPageReference());
});

/* ---------------------------------------------------------------- console workspace tabs */

/**
 * Workspace tabs of a console app, behind `lightning/platformWorkspaceApi`. Follows the Console
 * Developer Guide's methods for Lightning Experience (developer.salesforce.com/docs/atlas.en-us.
 * api_console.meta/api_console/, sforce_api_console_lightning_opentab.htm and its siblings): records
 * and components open as workspace tabs; openTab "Opens a new workspace tab. If the tab is already
 * open, the tab is focused"; a tabInfo has tabId, url, pageReference, title, icon, focused, pinned,
 * closeable, isSubtab, subtabs, parentTabId, recordId. The workbench draws only the focused tab's page
 * (a console keeps the others alive in the background), so a component in a tab that loses focus is
 * torn down and built again when its tab is focused.
 */
export interface WorkspaceTab {
    tabId: string;
    url: string;
    pageReference: PageReference;
    title: string;
    customTitle?: string;
    icon?: string;
    iconAlt?: string;
    focused: boolean;
    pinned: boolean;
    closeable: boolean;
    highlighted: boolean;
    isSubtab: boolean;
    subtabs: WorkspaceTab[];
    parentTabId: string | null;
    recordId?: string;
}

const workspaceTabs: WorkspaceTab[] = [];
let nextTabId = 1;

/** Whether the app is a console app (CustomApplication navType Console). */
export function isConsoleApp(): boolean {
    return config().navType === 'Console';
}

/** Pages that open as workspace tabs in a console: records and components (not home or lists). */
function opensAsTab(path: string): boolean {
    return /^\/lightning\/(r|cmp|n)\//.test(path);
}

function tabTitle(ref: PageReference): string {
    const attribute = (name: string, fallback: string): string => {
        const value = ref.attributes?.[name];
        return typeof value === 'string' && value ? value : fallback;
    };
    if (ref.type === 'standard__recordPage') return attribute('recordId', 'Record');
    if (ref.type === 'standard__component') return attribute('componentName', 'Component');
    return attribute('apiName', 'Tab');
}

/** Marks the tab showing `path` focused, opening one for a record or component page of a console app. */
function noteWorkspaceTab(
    path: string,
    options: { label?: string; icon?: string; iconAlt?: string } = {}
): WorkspaceTab | undefined {
    if (!isConsoleApp()) return undefined;
    let tab = workspaceTabs.find((t) => t.url === path);
    if (!tab && opensAsTab(path)) {
        const pageReference = urlToPageReference(path);
        tab = {
            tabId: `ctab${nextTabId++}`,
            url: path,
            pageReference,
            title: options.label ?? tabTitle(pageReference),
            customTitle: options.label,
            icon: options.icon,
            iconAlt: options.iconAlt,
            focused: false,
            pinned: false,
            closeable: true,
            highlighted: false,
            isSubtab: false,
            subtabs: [],
            parentTabId: null,
            recordId:
                typeof pageReference.attributes?.recordId === 'string' ? pageReference.attributes.recordId : undefined
        };
        workspaceTabs.push(tab);
    }
    for (const t of workspaceTabs) t.focused = t === tab;
    emit('tabs-changed');
    return tab;
}

/** The console's workspace tabs (copies). */
export function workspaceTabList(): WorkspaceTab[] {
    return workspaceTabs.map((t) => ({ ...t, pageReference: { ...t.pageReference }, subtabs: [] }));
}

/** Sets a tab's title once its record's name is known (the console shows the record name). */
export function setWorkspaceTabTitle(url: string, title: string): void {
    const tab = workspaceTabs.find((t) => t.url === url);
    if (tab && !tab.customTitle && tab.title !== title) {
        tab.title = title;
        emit('tabs-changed');
    }
}

/** Opens (or focuses, when already open) a workspace tab for a URL; returns its tab. */
export function openWorkspaceTab(
    url: string,
    options: { focus?: boolean; label?: string; icon?: string; iconAlt?: string } = {}
): WorkspaceTab {
    const path = withoutReservedParams(url);
    const existing = workspaceTabs.find((t) => t.url === path);
    if (existing) {
        if (options.focus !== false) goTo(path);
        log('navigation', `workspace tab ${existing.tabId} already open: focused`);
        return existing;
    }
    if (options.focus === false) {
        const focused = workspaceTabs.find((t) => t.focused);
        const tab = noteWorkspaceTab(path, options) as WorkspaceTab;
        tab.focused = false;
        if (focused) focused.focused = true;
        emit('tabs-changed');
        return tab;
    }
    window.history.pushState({}, '', path);
    const tab = noteWorkspaceTab(path, options) as WorkspaceTab;
    log('navigation', `workspace tab ${tab.tabId} opened: ${path}`);
    emit('navigate', currentPageReference());
    return tab;
}

/** Focuses a workspace tab. */
export function focusWorkspaceTab(tabId: string): WorkspaceTab | undefined {
    const tab = workspaceTabs.find((t) => t.tabId === tabId);
    if (tab) goTo(tab.url);
    return tab;
}

/** Closes a workspace tab; closing the focused one focuses its neighbour, or the home page. */
export function closeWorkspaceTab(tabId: string): boolean {
    const index = workspaceTabs.findIndex((t) => t.tabId === tabId);
    if (index < 0) return false;
    const [closed] = workspaceTabs.splice(index, 1);
    emit('tabs-changed');
    if (closed?.focused) {
        const next = workspaceTabs[index] ?? workspaceTabs[index - 1];
        goTo(next ? next.url : '/lightning/page/home');
    }
    return true;
}

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
