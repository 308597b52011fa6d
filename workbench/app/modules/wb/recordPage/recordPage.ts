/**
 * A Lightning record page ("Header and Right Sidebar" template): highlights, record details with
 * click-to-dial phone fields, the Activity timeline (Tasks written by saveLog), and the package's
 * components, in the regions and order the app's FlexiPage for the object places them
 * (workbench/layout.ts), each given recordId and objectApiName as the platform does for record-page
 * components.
 */
import { LightningElement, api } from 'lwc';
import { api as orgApi, fetchRecord, goTo, on } from 'lex/runtime';
import { clickToDial, isClickToDialEnabled } from 'lex/openctiHost';
import { PAGES, type GeneratedSlot } from 'wbgen/pageComponents';
import { text } from '../../../../platform/core/text';
import { PHONE_FIELDS } from '../../../../platform/org/objectInfo';
import { LAYOUT_FIELDS } from '../../../../platform/org/sampleData';

interface FieldRow {
    name: string;
    label: string;
    value: string;
    isPhone: boolean;
    dialable: boolean;
}

interface TaskRow {
    Id: string;
    Subject: string;
    meta: string;
    description: string;
}

/**
 * Lightning's Activity timeline shows the latest activities and loads older ones on request
 * (View More); the workbench shows the newest few, so a shift's worth of Tasks on one record
 * does not make every saveLog re-render a thousand rows.
 */
const TIMELINE_LIMIT = 10;

type RenderedSlot = GeneratedSlot & { isDetails: boolean; isActivity: boolean; props: Record<string, unknown> };

const ICONS: Record<string, string> = {
    Lead: 'standard:lead',
    Contact: 'standard:contact',
    Account: 'standard:account'
};

export default class RecordPage extends LightningElement {
    /**
     * The record shown. A screen pop or a link can change it while the page stays (as Lightning
     * reuses a record page): everything is read again for the new record.
     */
    @api
    get recordId(): string {
        return this.shownId;
    }
    set recordId(value: string) {
        if (value === this.shownId) return;
        this.shownId = value;
        this.record = undefined;
        this.tasks = [];
        this.taskTotal = 0;
        if (this.connected) void this.load();
    }
    private shownId = '';
    private connected = false;
    /** Its object. */
    @api objectApiName = '';

    record: Record<string, unknown> | undefined;
    error: string | undefined;
    tasks: TaskRow[] = [];
    /** Tasks on the record, shown or not. */
    taskTotal = 0;
    private stops: (() => void)[] = [];

    override connectedCallback(): void {
        this.connected = true;
        this.stops.push(on('tasks-changed', () => void this.loadTasks()));
        this.stops.push(on('refresh-view', () => void this.load()));
        void this.load();
    }

    override disconnectedCallback(): void {
        this.connected = false;
        this.stops.splice(0).forEach((stop) => stop());
    }

    private async load(): Promise<void> {
        const recordId = this.recordId;
        try {
            const { record } = await fetchRecord(recordId);
            if (recordId !== this.recordId) return; // another record was asked for meanwhile
            this.record = record;
            this.error = undefined;
        } catch (error) {
            if (recordId !== this.recordId) return;
            this.error = error instanceof Error ? error.message : String(error);
        }
        await this.loadTasks();
    }

    private async loadTasks(): Promise<void> {
        const recordId = this.recordId;
        const { tasks, total } = await orgApi<{ tasks: Record<string, unknown>[]; total: number }>(
            `tasks?relatedTo=${encodeURIComponent(recordId)}&limit=${TIMELINE_LIMIT}`
        );
        if (recordId !== this.recordId) return;
        this.taskTotal = total;
        this.tasks = tasks.map((t) => {
            const duration = typeof t.CallDurationInSeconds === 'number' ? ` · ${t.CallDurationInSeconds} s` : '';
            const parts = [t.TaskSubtype ?? t.Type, t.CallType, t.Status, t.ActivityDate].filter(Boolean).join(' · ');
            return {
                Id: String(t.Id),
                Subject: text(t.Subject) || '(no subject)',
                meta: `${parts}${duration}${t.CallDisposition ? ` · ${text(t.CallDisposition)}` : ''}`,
                description: text(t.Description)
            };
        });
    }

    get cardTitle(): string {
        return text(this.record?.Name) || this.recordId;
    }
    get iconName(): string {
        return ICONS[this.objectApiName] ?? 'standard:record';
    }
    get fields(): FieldRow[] {
        const record = this.record ?? {};
        const dialable = isClickToDialEnabled();
        const phoneFields = PHONE_FIELDS[this.objectApiName] ?? [];
        return (LAYOUT_FIELDS[this.objectApiName] ?? []).map((f) => {
            const raw = record[f.name];
            const value = text(raw);
            const isPhone = phoneFields.includes(f.name) && value !== '';
            return { ...f, value, isPhone, dialable: isPhone && dialable };
        });
    }
    get hasTasks(): boolean {
        return this.tasks.length > 0;
    }
    get taskCountLabel(): string {
        return `Activity (${this.taskTotal})`;
    }
    private slots(region: 'main' | 'sidebar'): RenderedSlot[] {
        const layout = PAGES[this.objectApiName];
        return (layout?.[region] ?? []).map((s) => ({
            ...s,
            key: `${s.key}-${this.recordId}`,
            isDetails: s.draws === 'details',
            isActivity: s.draws === 'activity',
            props: { ...(s.properties ?? {}), recordId: this.recordId, objectApiName: this.objectApiName }
        }));
    }
    /** The FlexiPage this page is laid out from. */
    get flexiPage(): string {
        return PAGES[this.objectApiName]?.flexiPage ?? '';
    }
    get mainSlots() {
        return this.slots('main');
    }
    get sidebarSlots() {
        return this.slots('sidebar');
    }

    handlePhoneClick(event: Event): void {
        const number = (event.currentTarget as HTMLElement).dataset.number ?? '';
        const handled = clickToDial({
            number,
            recordId: this.recordId,
            recordName: this.cardTitle,
            objectType: this.objectApiName
        });
        // With click-to-dial on, Lightning hands the number to the softphone instead of the tel: link.
        if (handled) event.preventDefault();
    }

    handleLink(event: Event): void {
        const href = (event.currentTarget as HTMLAnchorElement).getAttribute('href');
        if (!href) return;
        event.preventDefault();
        goTo(href);
    }
}
