/** Global search results ("Top Results"): where SEARCH screen pops and several phone matches land. */
import { LightningElement, api } from 'lwc';
import { api as orgApi, goTo } from 'lex/runtime';

export default class SearchPage extends LightningElement {
    /** The searched text. */
    @api
    get term(): string {
        return this._term;
    }
    set term(value: string) {
        this._term = value ?? '';
        void this.load();
    }
    private _term = '';
    rows: { Id: string; Name: string; RecordType: string; href: string }[] = [];

    get cardTitle(): string {
        return `Top Results for "${this._term}"`;
    }
    get empty(): boolean {
        return this.rows.length === 0;
    }

    private async load(): Promise<void> {
        const { matches } = await orgApi<{ matches: { Id: string; Name: string; RecordType: string }[] }>(
            `search?q=${encodeURIComponent(this._term)}`
        );
        this.rows = matches.map((m) => ({ ...m, href: `/lightning/r/${m.RecordType}/${m.Id}/view` }));
    }

    handleLink(event: Event): void {
        const href = (event.currentTarget as HTMLAnchorElement).getAttribute('href');
        if (!href) return;
        event.preventDefault();
        goTo(href);
    }
}
