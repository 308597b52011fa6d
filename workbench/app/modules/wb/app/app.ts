/**
 * The Lightning Experience stand-in's shell: global header, navigation bar, the page area (home,
 * object list, record page, search, new record), the utility bar and the Workbench panel.
 */
import { LightningElement } from 'lwc';
import { api as orgApi, config, currentPageReference, goTo, on, type PageReference } from 'lex/runtime';
import { APP_LABEL } from 'wbgen/pageComponents';
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
    private stop: (() => void) | undefined;

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
    get isOther(): boolean {
        return this.page.type === 'standard__component' || this.page.type === 'standard__navItemPage';
    }
    get isHome(): boolean {
        return !this.isRecord && !this.isList && !this.isNew && !this.isSearch && !this.isOther;
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
        this.stop = on('navigate', (ref) => {
            this.page = ref as PageReference;
        });
        void this.loadSamples();
    }

    override disconnectedCallback(): void {
        this.stop?.();
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
