/**
 * The Workbench panel: not part of the product. Fault injection (saveLog failures, a slow
 * softphone, a hostile frame), the org's trusted URLs (as Setup > Trusted URLs would change them),
 * an org reset, and a log of what the platform stand-ins did on the package's behalf.
 */
import { LightningElement } from 'lwc';
import { api as orgApi, config, emit, on, type LogEntry } from 'lex/runtime';

interface Faults {
    saveLogFailures: number;
    softphoneDelayMs: number;
}

interface TrustedSiteRow {
    name: string;
    endpointUrl: string;
    isActive: boolean;
}

export default class WorkbenchPanel extends LightningElement {
    open = false;
    trustedSites: TrustedSiteRow[] = [];
    faults: Faults = { saveLogFailures: 0, softphoneDelayMs: 0 };
    hostile = false;
    entries: (LogEntry & { key: number; className: string })[] = [];
    private counter = 0;
    private stop: (() => void) | undefined;

    override connectedCallback(): void {
        this.stop = on('log', (entry) => {
            const e = entry as LogEntry;
            this.entries = [
                { ...e, key: ++this.counter, className: e.ok ? 'wb-log' : 'wb-log wb-log_bad' },
                ...this.entries
            ].slice(0, 40);
        });
        void this.refresh();
    }

    override disconnectedCallback(): void {
        this.stop?.();
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
