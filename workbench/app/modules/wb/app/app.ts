/**
 * The Lightning Experience stand-in's shell: global header, navigation bar, the page area (home,
 * object list, record page, search, new record), the utility bar and the Workbench panel.
 */
import { LightningElement } from 'lwc';
import {
    api as orgApi,
    config,
    currentPageReference,
    fetchRecord,
    focusWorkspaceTab,
    closeWorkspaceTab,
    goTo,
    on,
    setWorkspaceTabTitle,
    workspaceTabList,
    type PageReference,
    type WorkspaceTab
} from 'lex/runtime';
import { APP_LABEL, URL_COMPONENTS } from 'wbgen/pageComponents';
import { text } from '../../../../platform/core/text';

interface Row {
    Id: string;
    Name: string;
    href: string;
    phone: string;
}

const OBJECT_LABELS: Record<string, string> = { Lead: 'Leads', Contact: 'Contacts', Account: 'Accounts' };

export default class App extends LightningElement {
    page: PageReference = currentPageReference();
    samples: Row[] = [];
    tabs: WorkspaceTab[] = workspaceTabList();
    private stops: (() => void)[] = [];

    /** The package's app, as its CustomApplication labels it. */
    appLabel = APP_LABEL;

    get userName(): string {
        return config().userName;
    }

    /** Says how the package's code runs here, so nobody mistakes a lenient run for the platform's. */
    get runtimeLabel(): string {
        const { lws, lwcMode } = config().runtime;
        return `${lws ? 'LWS on' : 'LWS OFF'} · ${lwcMode}`;
    }
    get runtimeBadgeClass(): string {
        return `slds-badge slds-m-left_x-small ${config().runtime.lws ? 'slds-theme_success' : 'slds-theme_warning'}`;
    }

    get isRecord(): boolean {
        return this.page.type === 'standard__recordPage';
    }
    get isList(): boolean {
        return this.page.type === 'standard__objectPage' && this.page.attributes?.actionName !== 'new';
    }
    get isNew(): boolean {
        return this.page.type === 'standard__objectPage' && this.page.attributes?.actionName === 'new';
    }
    get isSearch(): boolean {
        return this.page.type === 'standard__search';
    }
    /** The URL-addressable package component this page shows (/lightning/cmp/c__name). */
    get urlComponent(): unknown {
        if (this.page.type !== 'standard__component') return undefined;
        return URL_COMPONENTS[text(this.page.attributes?.componentName)];
    }
    /**
     * The component keyed by its name, not its URL: navigating to the same component with other state
     * keeps the instance and only its CurrentPageReference changes ("the view isn't rerendered when only
     * the URL query string changes", LWC guide use-navigate-add-params-url.html), as in Lightning.
     */
    get urlPages(): { key: string; ctor: unknown }[] {
        const name = text(this.page.attributes?.componentName);
        return this.urlComponent ? [{ key: name, ctor: this.urlComponent }] : [];
    }
    get isUrlComponent(): boolean {
        return Boolean(this.urlComponent);
    }
    get isOther(): boolean {
        return (
            (this.page.type === 'standard__component' && !this.urlComponent) ||
            this.page.type === 'standard__navItemPage'
        );
    }
    get isConsole(): boolean {
        return config().navType === 'Console';
    }
    get hasTabs(): boolean {
        return this.isConsole && this.tabs.length > 0;
    }
    get tabItems() {
        return this.tabs.map((t) => ({
            ...t,
            selected: t.focused ? 'true' : 'false',
            className: `slds-context-bar__item slds-context-bar__object-menu wb-tab${t.focused ? ' slds-is-active' : ''}`,
            closeLabel: `Close ${t.title}`
        }));
    }
    get isHome(): boolean {
        return !this.isRecord && !this.isList && !this.isNew && !this.isSearch && !this.isOther && !this.isUrlComponent;
    }
    get recordId(): string {
        return text(this.page.attributes?.recordId);
    }
    get objectApiName(): string {
        return text(this.page.attributes?.objectApiName);
    }
    get searchTerm(): string {
        return this.page.state?.term ?? '';
    }
    get defaultFieldValues(): string {
        return this.page.state?.defaultFieldValues ?? '';
    }
    get otherPage(): string {
        return window.location.pathname + window.location.search;
    }
    get navItems() {
        const current = this.objectApiName;
        const items = [{ key: 'home', label: 'Home', href: '/lightning/page/home', active: this.isHome }];
        for (const [object, label] of Object.entries(OBJECT_LABELS)) {
            items.push({
                key: object,
                label,
                href: `/lightning/o/${object}/list`,
                active: !this.isHome && current === object
            });
        }
        return items.map((i) => ({ ...i, className: `slds-context-bar__item${i.active ? ' slds-is-active' : ''}` }));
    }

    override connectedCallback(): void {
        this.stops.push(
            on('navigate', (ref) => {
                this.page = ref as PageReference;
            }),
            on('tabs-changed', () => {
                this.tabs = workspaceTabList();
                void this.nameRecordTabs();
            })
        );
        void this.nameRecordTabs();
        void this.loadSamples();
    }

    override disconnectedCallback(): void {
        this.stops.forEach((stop) => stop());
    }

    /** A console titles a record's tab with the record's name. */
    private async nameRecordTabs(): Promise<void> {
        for (const tab of this.tabs) {
            if (!tab.recordId || tab.title !== tab.recordId) continue;
            try {
                const { record } = await fetchRecord(tab.recordId);
                setWorkspaceTabTitle(tab.url, text(record.Name) || tab.recordId);
            } catch {
                // A record that cannot be read keeps its Id as the title, as the console does.
            }
        }
    }

    handleTabClick(event: Event): void {
        event.preventDefault();
        const tabId = (event.currentTarget as HTMLElement).dataset.tabId;
        if (tabId) focusWorkspaceTab(tabId);
    }

    handleTabClose(event: Event): void {
        const tabId = (event.currentTarget as HTMLElement).dataset.tabId;
        if (tabId) closeWorkspaceTab(tabId);
    }

    private async loadSamples(): Promise<void> {
        const rows: Row[] = [];
        for (const object of Object.keys(OBJECT_LABELS)) {
            const { records } = await orgApi<{ records: Record<string, unknown>[] }>(`records?object=${object}`);
            for (const r of records) {
                rows.push({
                    Id: String(r.Id),
                    Name: `${String(r.Name)} (${object})`,
                    href: `/lightning/r/${object}/${String(r.Id)}/view`,
                    phone: text(r.Phone ?? r.MobilePhone)
                });
            }
        }
        this.samples = rows;
    }

    handleNav(event: Event): void {
        const href = (event.currentTarget as HTMLAnchorElement).getAttribute('href');
        if (!href) return;
        event.preventDefault();
        goTo(href);
    }
}
