/** An object's list view ("Recently Viewed"): what OBJECTHOME and LIST screen pops open. */
import { LightningElement, api } from 'lwc';
import { api as orgApi, goTo } from 'lex/runtime';
import { text } from '../../../../platform/core/text';

export default class ListPage extends LightningElement {
    /** The object listed. */
    @api
    get objectApiName(): string {
        return this._object;
    }
    set objectApiName(value: string) {
        this._object = value;
        void this.load();
    }
    private _object = '';
    rows: { Id: string; Name: string; href: string; phone: string }[] = [];

    get cardTitle(): string {
        return `${this._object}s — Recently Viewed`;
    }
    get iconName(): string {
        return `standard:${this._object.toLowerCase()}`;
    }

    private async load(): Promise<void> {
        const { records } = await orgApi<{ records: Record<string, unknown>[] }>(
            `records?object=${encodeURIComponent(this._object)}`
        ).catch(() => ({ records: [] }));
        this.rows = records.map((r) => ({
            Id: String(r.Id),
            Name: String(r.Name ?? r.Subject ?? r.Id),
            href: `/lightning/r/${this._object}/${String(r.Id)}/view`,
            phone: text(r.Phone)
        }));
    }

    handleLink(event: Event): void {
        const href = (event.currentTarget as HTMLAnchorElement).getAttribute('href');
        if (!href) return;
        event.preventDefault();
        goTo(href);
    }
}
