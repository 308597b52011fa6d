/**
 * Inside softphoneBridge: the current call (direction, number, state, a live timer or the final
 * duration) and its record: a link, the records to choose from, or "no record". Shows "no active
 * call" without one. The parent builds the `call` card; this component owns the timer, which it
 * updates in place once a second so nothing else re-renders. Events: `openrecord` and
 * `chooserecord` (detail `{ recordId }`).
 */
import { LightningElement, api } from 'lwc';
import { elapsedSeconds, formatDuration } from 'c/softphoneFormat';
import ABOUT_THIS_RECORD from '@salesforce/label/c.SoftphoneBridge_About_This_Record';
import CHOOSE_RECORD from '@salesforce/label/c.SoftphoneBridge_Choose_Record';
import CURRENT_CALL_HEADING from '@salesforce/label/c.SoftphoneBridge_Current_Call_Heading';
import DURATION_LABEL from '@salesforce/label/c.SoftphoneBridge_Duration_Label';
import NO_CALL from '@salesforce/label/c.SoftphoneBridge_No_Call';
import NO_MATCH from '@salesforce/label/c.SoftphoneBridge_No_Match';
import RECORD_LABEL from '@salesforce/label/c.SoftphoneBridge_Record_Label';
import TIMER_LABEL from '@salesforce/label/c.SoftphoneBridge_Timer_Label';
import UNKNOWN_NUMBER from '@salesforce/label/c.SoftphoneBridge_Unknown_Number';

/** What this component shows of a call (softphoneBridge/views.ts `CallCard`, which builds it). */
interface CallCard {
    state: string;
    icon: string;
    directionLabel: string;
    stateLabel: string;
    phoneValue?: string;
    timerFrom?: number;
    finalDuration?: string;
    record?: { recordId: string; label: string; url: string };
    aboutThisRecord: boolean;
    choices: readonly { key: string; recordId: string; label: string }[];
    noMatch: boolean;
}

const TICK_MS = 1_000;

export default class SoftphoneCurrentCall extends LightningElement {
    /** The call to show; undefined says there is no active call. */
    @api call?: CallCard;

    readonly labels = {
        aboutThisRecord: ABOUT_THIS_RECORD,
        chooseRecord: CHOOSE_RECORD,
        currentCallHeading: CURRENT_CALL_HEADING,
        durationLabel: DURATION_LABEL,
        noCall: NO_CALL,
        noMatch: NO_MATCH,
        recordLabel: RECORD_LABEL,
        timerLabel: TIMER_LABEL,
        unknownNumber: UNKNOWN_NUMBER
    };

    private ticker?: ReturnType<typeof setInterval>;

    /** Back in view: resume the timer (it pauses while the page is hidden). */
    private readonly handleVisibility = (): void => this.updateTicker();

    override connectedCallback(): void {
        document.addEventListener('visibilitychange', this.handleVisibility);
    }

    override disconnectedCallback(): void {
        document.removeEventListener('visibilitychange', this.handleVisibility);
        this.stopTicker();
    }

    override renderedCallback(): void {
        this.renderTimer();
        this.updateTicker();
    }

    get hasNumber(): boolean {
        return this.call?.phoneValue !== undefined;
    }
    get isTimed(): boolean {
        return this.call?.timerFrom !== undefined;
    }
    get hasChoices(): boolean {
        return (this.call?.choices.length ?? 0) > 0;
    }
    get stateBadgeClass(): string {
        switch (this.call?.state) {
            case 'ringing':
            case 'dialing':
                return 'slds-theme_warning';
            case 'connected':
                return 'slds-theme_success';
            default:
                return '';
        }
    }

    handleOpenRecord(event: MouseEvent): void {
        event.preventDefault();
        const recordId = this.call?.record?.recordId;
        if (recordId) this.dispatchEvent(new CustomEvent('openrecord', { detail: { recordId } }));
    }

    handleChooseRecord(event: Event): void {
        const recordId = (event.currentTarget as HTMLElement).dataset.recordId;
        if (recordId) this.dispatchEvent(new CustomEvent('chooserecord', { detail: { recordId } }));
    }

    // ---- live timer (updated in place, so the card does not re-render every second) ------------

    private updateTicker(): void {
        // Keeps counting if the adapter goes quiet: the call itself is most likely still on.
        const running = this.isTimed && !document.hidden;
        if (running && this.ticker === undefined) {
            // eslint-disable-next-line @lwc/lwc/no-async-operation -- the live call timer ticks once a second
            this.ticker = setInterval(() => this.renderTimer(), TICK_MS);
            this.renderTimer();
        } else if (!running) {
            this.stopTicker();
        }
    }

    private stopTicker(): void {
        if (this.ticker !== undefined) clearInterval(this.ticker);
        this.ticker = undefined;
    }

    private renderTimer(): void {
        const from = this.call?.timerFrom;
        const element = this.template?.querySelector('[data-id="timer"]');
        if (from === undefined || !element) return;
        const text = formatDuration(elapsedSeconds(from, Date.now()));
        // LWS distorts this setter only for the shared <html>, <head> and <body>; this is our own template's span.
        // eslint-disable-next-line @locker/locker/distorted-node-text-content-setter
        if (element.textContent !== text) element.textContent = text;
    }
}
