/**
 * The utility bar with the "Open CTI Softphone" item: a docked panel holding the adapter page in
 * an iframe from the Visualforce origin. Its label, icon, size and visibility follow what the
 * adapter asks through sforce.opencti (setSoftphoneItemLabel, setSoftphoneItemIcon,
 * setSoftphonePanelHeight/Width, setSoftphonePanelVisibility); the call center's reqSoftphoneHeight /
 * reqSoftphoneWidth give the initial size, and reqStandbyUrl replaces the adapter if it does not
 * call notifyInitializationComplete within reqTimeout.
 */
import { LightningElement } from 'lwc';
import { api as orgApi, config, on } from 'lex/runtime';
import { attachAdapterFrame, panel, setPanelVisible, type PanelState } from 'lex/openctiHost';

export default class UtilityBar extends LightningElement {
    state: PanelState = { ...panel };
    adapterSrc = '';
    defaultHeight = 460;
    defaultWidth = 320;
    private attached = false;
    private stop: (() => void) | undefined;
    private standby: { url: string; timeoutMs: number } | undefined;
    private reloadCount = 0;

    override connectedCallback(): void {
        this.stop = on('softphone-panel', (state) => {
            this.state = state as PanelState;
        });
        window.addEventListener('workbench:reload-softphone', this.reload);
        void this.loadSettings();
    }

    override disconnectedCallback(): void {
        this.stop?.();
        window.removeEventListener('workbench:reload-softphone', this.reload);
    }

    private async loadSettings(): Promise<void> {
        const settings = await orgApi<Record<string, string>>('callCenterSettings').catch(
            (): Record<string, string> => ({})
        );
        const height = Number(settings['/reqGeneralInfo/reqSoftphoneHeight']);
        const width = Number(settings['/reqGeneralInfo/reqSoftphoneWidth']);
        if (height > 0) this.defaultHeight = height;
        if (width > 0) this.defaultWidth = width;
        const standbyUrl = settings['/reqGeneralInfo/reqStandbyUrl'];
        const timeout = Number(settings['/reqGeneralInfo/reqTimeout']);
        if (standbyUrl && timeout > 0)
            this.standby = { url: new URL(standbyUrl, config().origins.visualforce).href, timeoutMs: timeout };
        this.adapterSrc = this.buildSrc();
    }

    private buildSrc(): string {
        const url = new URL(config().adapterUrl);
        // Lightning Experience tells the adapter frame who its parent is; opencti_min.js reads it.
        url.searchParams.set('sfdcIFrameOrigin', window.location.origin);
        url.searchParams.set('mode', 'Lightning');
        if (this.reloadCount) url.searchParams.set('workbenchReload', String(this.reloadCount));
        return url.href;
    }

    private reload = (): void => {
        this.reloadCount += 1;
        this.attached = false;
        this.state = { ...this.state, standbyUrl: null };
        panel.standbyUrl = null;
        this.adapterSrc = this.buildSrc();
    };

    get frameSrc(): string {
        return this.state.standbyUrl ?? this.adapterSrc;
    }
    get hasFrame(): boolean {
        return this.frameSrc !== '';
    }
    get label(): string {
        return this.state.label ?? 'Phone';
    }
    get iconName(): string {
        return `utility:${this.state.iconKey ?? 'call'}`;
    }
    get panelClass(): string {
        return `wb-panel slds-utility-panel slds-grid slds-grid_vertical${this.state.visible ? ' slds-is-open' : ''}`;
    }
    get panelStyle(): string {
        return `height:${this.state.heightPX ?? this.defaultHeight}px;width:${this.state.widthPX ?? this.defaultWidth}px;`;
    }
    get expanded(): string {
        return String(this.state.visible);
    }

    handleToggle(): void {
        setPanelVisible(!this.state.visible);
    }

    handleMinimize(): void {
        setPanelVisible(false);
    }

    handleFrameLoad(): void {
        const frame = this.template?.querySelector('iframe');
        if (!frame || this.state.standbyUrl) return;
        if (!this.attached) {
            this.attached = true;
            attachAdapterFrame(frame, this.standby);
        }
    }

    override renderedCallback(): void {
        // Attach as soon as the frame exists, so calls made during the adapter's first script run are answered.
        const frame = this.template?.querySelector('iframe');
        if (frame && !this.attached && !this.state.standbyUrl && frame.contentWindow) {
            this.attached = true;
            attachAdapterFrame(frame, this.standby);
        }
    }
}
