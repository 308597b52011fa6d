/**
 * `lightning/platformWorkspaceApi` for the workbench: console workspace tabs (lex/runtime).
 *
 * Follows the Console Developer Guide's "Methods for Workspace Tabs and Subtabs in Lightning
 * Experience" (developer.salesforce.com/docs/atlas.en-us.api_console.meta/api_console/:
 * sforce_api_console_lightning_opentab.htm, _focusTab, _closeTab, _getAllTabInfo, _getFocusedTabInfo,
 * _getTabInfo, _getEnclosingTabId, sforce_api_console_lwc_isConsoleNavigation.htm) and the component
 * library's lightning-platform-workspace-api: the `IsConsoleNavigation` wire delivers whether the app is
 * a console app; every method returns a promise and works only in Lightning console apps (here it
 * rejects in a standard app); openTab takes `{ pageReference | recordId | url, focus, label, icon,
 * iconAlt }` (pageReference wins over recordId, recordId over url), focuses a tab already open for the
 * same page, and resolves to the tab's id; focusTab and closeTab take a tab id.
 */
import {
    closeWorkspaceTab,
    focusWorkspaceTab,
    isConsoleApp,
    on,
    openWorkspaceTab,
    urlFor,
    workspaceTabList,
    type PageReference,
    type WorkspaceTab
} from 'lex/runtime';

function consoleOnly(method: string): Promise<never> | undefined {
    if (isConsoleApp()) return undefined;
    return Promise.reject(new Error(`${method}: this method works only in Lightning console apps.`));
}

function unknownTab(method: string, tabId: unknown): Promise<never> {
    return Promise.reject(new Error(`${method}: no workspace tab with id ${String(tabId)}.`));
}

export interface OpenTabOptions {
    pageReference?: PageReference;
    recordId?: string;
    url?: string;
    focus?: boolean;
    overrideNavRules?: boolean;
    label?: string;
    icon?: string;
    iconAlt?: string;
}

/** Opens a workspace tab, or focuses the one already open for the page; resolves to its tab id. */
export function openTab(options: OpenTabOptions = {}): Promise<string> {
    const refused = consoleOnly('openTab');
    if (refused) return refused;
    let url: string;
    try {
        if (options.pageReference) url = urlFor(options.pageReference);
        else if (options.recordId)
            url = urlFor({
                type: 'standard__recordPage',
                attributes: { recordId: options.recordId, actionName: 'view' }
            });
        else if (options.url) url = options.url;
        else return Promise.reject(new Error('openTab: give a pageReference, recordId or url.'));
    } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const tab = openWorkspaceTab(url, options);
    return Promise.resolve(tab.tabId);
}

/** Focuses a workspace tab by id. */
export function focusTab(tabId: string): Promise<boolean> {
    const refused = consoleOnly('focusTab');
    if (refused) return refused;
    return focusWorkspaceTab(tabId) ? Promise.resolve(true) : unknownTab('focusTab', tabId);
}

/** Closes a workspace tab by id. */
export function closeTab(tabId: string): Promise<boolean> {
    const refused = consoleOnly('closeTab');
    if (refused) return refused;
    return closeWorkspaceTab(tabId) ? Promise.resolve(true) : unknownTab('closeTab', tabId);
}

/** Every open workspace tab's tabInfo. */
export function getAllTabInfo(): Promise<WorkspaceTab[]> {
    return consoleOnly('getAllTabInfo') ?? Promise.resolve(workspaceTabList());
}

/** The focused workspace tab's tabInfo. */
export function getFocusedTabInfo(): Promise<WorkspaceTab | Record<string, never>> {
    return consoleOnly('getFocusedTabInfo') ?? Promise.resolve(workspaceTabList().find((t) => t.focused) ?? {});
}

/** One workspace tab's tabInfo. */
export function getTabInfo(tabId: string): Promise<WorkspaceTab> {
    const refused = consoleOnly('getTabInfo');
    if (refused) return refused;
    const tab = workspaceTabList().find((t) => t.tabId === tabId);
    return tab ? Promise.resolve(tab) : unknownTab('getTabInfo', tabId);
}

/** The id of the tab the calling component is in (the focused one: the workbench draws only that), or false. */
export function getEnclosingTabId(): Promise<string | false> {
    const refused = consoleOnly('getEnclosingTabId');
    if (refused) return refused;
    return Promise.resolve(workspaceTabList().find((t) => t.focused)?.tabId ?? false);
}

/** Wire adapter: whether the app uses console navigation. */
export class IsConsoleNavigation {
    constructor(private readonly dataCallback: (value: boolean) => void) {}
    connect(): void {
        this.dataCallback(isConsoleApp());
    }
    update(): void {
        // No configuration.
    }
    disconnect(): void {
        // Nothing to release.
    }
}

/** Wire adapter: the enclosing tab's id, or null outside a workspace tab. */
export class EnclosingTabId {
    private stop: (() => void) | undefined;
    constructor(private readonly dataCallback: (value: string | null) => void) {}
    connect(): void {
        const deliver = () =>
            this.dataCallback(isConsoleApp() ? (workspaceTabList().find((t) => t.focused)?.tabId ?? null) : null);
        deliver();
        this.stop = on('tabs-changed', deliver);
    }
    update(): void {
        // No configuration.
    }
    disconnect(): void {
        this.stop?.();
    }
}
