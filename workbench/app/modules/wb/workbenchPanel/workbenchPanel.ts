/**
 * The Workbench panel: not part of the product. Fault injection (saveLog refused, answers lost,
 * late or never sent, lasting errors, Task lookups failing, a slow softphone, a hostile frame), the
 * org's trusted URLs (as Setup > Trusted URLs would change them), an org reset, and a log of what the
 * platform stand-ins did on the package's behalf.
 */
import { LightningElement } from 'lwc';
import { api as orgApi, config, emit, on, type LogEntry } from 'lex/runtime';
import { NO_FAULTS, type SaveLogFaults } from '../../../../platform/org/faults';

/** The org's faults (platform/org/faults.ts) and the slow softphone, as GET/POST /workbench/api/faults carry them. */
type Faults = SaveLogFaults & { softphoneDelayMs: number };

/** The counted saveLog and query faults, each with what it does (platform/org/faults.ts). */
const COUNTER_FAULTS: readonly { key: keyof SaveLogFaults; label: string }[] = [
    { key: 'saveLogLostAnswers', label: 'saveLog writes, answer lost, the next' },
    { key: 'saveLogSlowAnswers', label: 'saveLog writes, answers late, the next' },
    { key: 'saveLogNoAnswers', label: 'saveLog neither writes nor answers, the next' },
    { key: 'saveLogLateCommits', label: 'saveLog commits after 35 s, the next' },
    { key: 'queryFailures', label: 'Task lookup (REST query) fails the next' },
    {
        key: 'openCtiContainerStartupCalls',
        label: 'Open CTI container not ready (SOFTPHONE_CONTAINER_ERROR) for the first, per adapter load'
    }
];

/** The phone fields an agent profile commonly cannot read, for the field-level security fault. */
const RESTRICTED_FIELDS = ['Lead.MobilePhone', 'Contact.HomePhone', 'Contact.OtherPhone', 'Contact.AssistantPhone'];

interface TrustedSiteRow {
    name: string;
    endpointUrl: string;
    isActive: boolean;
}

export default class WorkbenchPanel extends LightningElement {
    open = false;
    trustedSites: TrustedSiteRow[] = [];
    faults: Faults = { ...NO_FAULTS, softphoneDelayMs: 0 };
    hostile = false;
    entries: (LogEntry & { key: number; className: string })[] = [];
    private counter = 0;
    /** Log entries not shown yet (newest first), and the task that will show them. */
    private readonly pending: (LogEntry & { key: number; className: string })[] = [];
    private showLog: ReturnType<typeof setTimeout> | undefined;
    private stop: (() => void) | undefined;

    override connectedCallback(): void {
        this.stop = on('log', (entry) => {
            const e = entry as LogEntry;
            this.pending.unshift({ ...e, key: ++this.counter, className: e.ok ? 'wb-log' : 'wb-log wb-log_bad' });
            // The log is shown a task later, in batches: re-rendering this panel in the task that
            // delivers an LMS message would add the workbench's own cost to the package's render
            // (one LWC flush renders every dirty component), which no org has.
            this.showLog ??= setTimeout(() => {
                this.showLog = undefined;
                this.entries = [...this.pending.splice(0), ...this.entries].slice(0, 40);
            }, 0);
        });
        void this.refresh();
    }

    override disconnectedCallback(): void {
        this.stop?.();
        clearTimeout(this.showLog);
        this.showLog = undefined;
    }

    private async refresh(): Promise<void> {
        this.faults = await orgApi<Faults>('faults');
        this.trustedSites = (await orgApi<{ sites: TrustedSiteRow[] }>('trustedSites')).sites;
    }

    /** Activates or deactivates a trusted URL; Lightning's CSP changes with the next page load, as in an org. */
    handleTrustedSite(event: Event): void {
        const input = event.target as HTMLInputElement;
        const name = input.dataset.name ?? '';
        void orgApi<{ sites: TrustedSiteRow[] }>('trustedSites', {
            method: 'POST',
            body: { [name]: { isActive: input.checked } }
        }).then(() => window.location.reload());
    }

    private async setFaults(change: Partial<Faults>): Promise<void> {
        this.faults = await orgApi<Faults>('faults', { method: 'POST', body: change });
    }

    get panelClass(): string {
        return `wb-workbench${this.open ? ' wb-workbench_open' : ''}`;
    }
    get toggleLabel(): string {
        return this.open ? 'Close workbench' : 'Workbench';
    }
    get hostileSrc(): string {
        return `${config().origins.hostile}/hostile?app=${encodeURIComponent(window.location.origin)}&visualforce=${encodeURIComponent(config().origins.visualforce)}`;
    }
    get softphoneUrl(): string {
        return `${config().origins.softphone}/`;
    }
    get streemUrl(): string {
        return `${config().origins.streem}/embed?name=Joe&phone=5035551212&refId=demo&source=WORKBENCH&redirect=call`;
    }
    get hostileLabel(): string {
        return this.hostile ? 'Remove hostile frame' : 'Add hostile frame';
    }

    handleToggle(): void {
        this.open = !this.open;
    }

    get counterFaults(): { key: string; label: string; value: number; buttonId: string }[] {
        return COUNTER_FAULTS.map(({ key, label }) => ({
            key,
            label,
            value: Number(this.faults[key]) || 0,
            buttonId: `arm-${key}`
        }));
    }
    get lastingErrors(): { value: string; label: string; selected: boolean }[] {
        return [
            { value: '', label: 'nothing (works)' },
            { value: 'validation', label: 'a validation rule' },
            { value: 'access', label: 'insufficient access' },
            { value: 'session', label: 'an expired session' }
        ].map((option) => ({ ...option, selected: option.value === this.faults.saveLogLastingError }));
    }

    handleCounterFault(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.fault ?? '';
        const input = this.template?.querySelector<HTMLInputElement>(`input[data-id="${key}"]`);
        void this.setFaults({ [key]: Math.max(0, Number(input?.value ?? 0) || 0) });
    }

    get fieldsHidden(): boolean {
        return this.faults.hiddenFields.length > 0;
    }
    get hiddenFieldsText(): string {
        return RESTRICTED_FIELDS.join(', ');
    }

    handleHiddenFields(event: Event): void {
        const checked = (event.target as HTMLInputElement).checked;
        void this.setFaults({ hiddenFields: checked ? RESTRICTED_FIELDS : [] });
    }

    handleLastingError(event: Event): void {
        const value = (event.target as HTMLSelectElement).value as SaveLogFaults['saveLogLastingError'];
        void this.setFaults({ saveLogLastingError: value });
    }

    handleSaveLogFailures(): void {
        const input = this.template?.querySelector<HTMLInputElement>('[data-id="failures"]');
        void this.setFaults({ saveLogFailures: Math.max(0, Number(input?.value ?? 0) || 0) });
    }

    handleDelay(): void {
        const input = this.template?.querySelector<HTMLInputElement>('[data-id="delay"]');
        void this.setFaults({ softphoneDelayMs: Math.max(0, Number(input?.value ?? 0) || 0) }).then(() => {
            window.dispatchEvent(new CustomEvent('workbench:reload-softphone'));
        });
    }

    handleReloadSoftphone(): void {
        window.dispatchEvent(new CustomEvent('workbench:reload-softphone'));
    }

    handleHostile(): void {
        this.hostile = !this.hostile;
    }

    handleReset(): void {
        void orgApi('reset', { method: 'POST', body: {} }).then(() => {
            emit('tasks-changed');
            void this.refresh();
        });
    }
}
