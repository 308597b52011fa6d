/**
 * The app's utility bar, its items in the order the app's UtilityBar FlexiPage lists them
 * (workbench/layout.ts), each with the label, icon, size and "load in background" (eager) set there.
 * Opening one item's panel minimizes the others, as Lightning does.
 *
 * The "Open CTI Softphone" item (opencti:softPhone) is a docked panel holding the adapter page in
 * an iframe from the Visualforce origin. Its label, icon, size and visibility follow what the
 * adapter asks through sforce.opencti (setSoftphoneItemLabel, setSoftphoneItemIcon,
 * setSoftphonePanelHeight/Width, setSoftphonePanelVisibility); the call center's reqSoftphoneHeight /
 * reqSoftphoneWidth give the initial size, and reqStandbyUrl replaces the adapter if it does not
 * call notifyInitializationComplete within reqTimeout.
 */
import { LightningElement } from 'lwc';
import { api as orgApi, config, on } from 'lex/runtime';
import { attachAdapterFrame, panel, setPanelVisible, type PanelState } from 'lex/openctiHost';
import { UTILITY_ITEMS, type GeneratedUtilityItem } from 'wbgen/pageComponents';

const SOFTPHONE_ITEM: GeneratedUtilityItem | undefined = UTILITY_ITEMS.find((item) => item.kind === 'softphone');

export default class UtilityBar extends LightningElement {
    state: PanelState = { ...panel };
    adapterSrc = '';
    defaultHeight = SOFTPHONE_ITEM?.height ?? 480;
    defaultWidth = SOFTPHONE_ITEM?.width ?? 340;
    /** The component item whose panel is open. */
    openKey: string | null = null;
    /** Component items rendered so far: eager ones from the start, the others once first opened. */
    renderedKeys: string[] = UTILITY_ITEMS.filter((item) => item.kind === 'component' && item.eager).map((i) => i.key);
    private attached = false;
    private stop: (() => void) | undefined;
    private standby: { url: string; timeoutMs: number } | undefined;
    private reloadCount = 0;

    override connectedCallback(): void {
        this.stop = on('softphone-panel', (state) => {
            this.state = state as PanelState;
            if (this.state.visible) this.openKey = null;
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
        url.searchParams.set('sfdcIframeOrigin', window.location.origin);
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
    /** Whether the app's utility bar has the Open CTI Softphone item (without it no adapter loads). */
    get hasSoftphone(): boolean {
        return SOFTPHONE_ITEM !== undefined;
    }
    get label(): string {
        return this.state.label ?? SOFTPHONE_ITEM?.label ?? 'Phone';
    }
    get iconName(): string {
        return `utility:${this.state.iconKey ?? SOFTPHONE_ITEM?.icon ?? 'call'}`;
    }
    /** Every item's button, in the FlexiPage's order. */
    get items() {
        return UTILITY_ITEMS.map((item) => ({
            ...item,
            isSoftphone: item.kind === 'softphone',
            iconName: `utility:${item.icon}`,
            buttonId: `${item.key}-item`,
            panelId: `${item.key}-panel`,
            expanded: String(this.openKey === item.key)
        }));
    }
    /** The component items' panels. */
    get componentPanels() {
        return UTILITY_ITEMS.filter((item) => item.kind === 'component').map((item) => ({
            ...item,
            panelId: `${item.key}-panel`,
            iconName: `utility:${item.icon}`,
            rendered: this.renderedKeys.includes(item.key),
            panelClass: `wb-panel slds-utility-panel slds-grid slds-grid_vertical${this.openKey === item.key ? ' slds-is-open' : ''}`,
            panelStyle: `height:${item.height}px;width:${item.width}px;`,
            props: item.slot?.properties ?? {}
        }));
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
        if (!this.state.visible) this.openKey = null;
        setPanelVisible(!this.state.visible);
    }

    handleItemToggle(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.key ?? '';
        if (this.openKey === key) {
            this.openKey = null;
            return;
        }
        if (this.state.visible) setPanelVisible(false);
        this.openKey = key;
        if (!this.renderedKeys.includes(key)) this.renderedKeys = [...this.renderedKeys, key];
    }

    handleItemMinimize(): void {
        this.openKey = null;
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
