/**
 * Inside softphoneBridge: the wrap-up of a finished call. Disposition, notes and Save, the save's
 * status (draft, saving, pending, saved, failed with a retry, rejected) and the Task link. The
 * parent keeps the draft and sends the commands. Events: `dispositionchange` and `noteschange`
 * (detail `{ value }`), `save`, `retry` (retry the Task save), `openrecord` (detail `{ recordId }`).
 */
import { LightningElement, api } from 'lwc';
import DISPOSITION_LABEL from '@salesforce/label/c.SoftphoneBridge_Disposition_Label';
import DISPOSITION_PLACEHOLDER from '@salesforce/label/c.SoftphoneBridge_Disposition_Placeholder';
import NOTES_LABEL from '@salesforce/label/c.SoftphoneBridge_Notes_Label';
import RETRY_SAVE from '@salesforce/label/c.SoftphoneBridge_Retry_Save';
import SAVE from '@salesforce/label/c.SoftphoneBridge_Save';
import STATUS_SAVE_OFFLINE from '@salesforce/label/c.SoftphoneBridge_Status_Save_Offline';
import VIEW_TASK from '@salesforce/label/c.SoftphoneBridge_View_Task';
import WRAP_UP_HEADING from '@salesforce/label/c.SoftphoneBridge_Wrap_Up_Heading';

/** The status line (softphoneBridge/views.ts `WrapUpStatusView`, which builds it). */
interface WrapUpStatusView {
    kind: string;
    text?: string;
    detail?: string;
    taskLink?: { recordId: string; label: string; url: string };
}

export default class SoftphoneWrapUp extends LightningElement {
    /** The dispositions to pick from; none hides the picker. */
    @api options: readonly { label: string; value: string }[] = [];
    /** The disposition shown (the draft's, else the call's). */
    @api disposition = '';
    /** The notes shown (the draft's, else the call's). */
    @api notes = '';
    /** The longest notes the Task takes. */
    @api notesMaxLength?: number;
    /** Nothing to save, a save in flight, or no adapter. */
    @api saveDisabled = false;
    /** The Task save failed: offer to retry it now. */
    @api canRetry = false;
    /** Where the save stands. */
    @api status: WrapUpStatusView = { kind: 'none' };
    /** The adapter is away: say that the draft is kept. */
    @api saveOffline = false;

    readonly labels = {
        dispositionLabel: DISPOSITION_LABEL,
        dispositionPlaceholder: DISPOSITION_PLACEHOLDER,
        notesLabel: NOTES_LABEL,
        retrySave: RETRY_SAVE,
        save: SAVE,
        statusSaveOffline: STATUS_SAVE_OFFLINE,
        viewTask: VIEW_TASK,
        wrapUpHeading: WRAP_UP_HEADING
    };

    get hasOptions(): boolean {
        return this.options.length > 0;
    }
    get statusClass(): string {
        switch (this.status.kind) {
            case 'saved':
                return 'slds-text-color_success';
            case 'failed':
            case 'rejected':
                return 'slds-text-color_error';
            default:
                return 'slds-text-color_weak';
        }
    }
    get statusIcon(): string {
        switch (this.status.kind) {
            case 'saved':
                return 'utility:success';
            case 'failed':
            case 'rejected':
                return 'utility:error';
            case 'draft':
                return 'utility:edit';
            default:
                return 'utility:clock';
        }
    }
    get statusIconVariant(): string | undefined {
        switch (this.status.kind) {
            case 'saved':
                return 'success';
            case 'failed':
            case 'rejected':
                return 'error';
            default:
                return undefined;
        }
    }

    handleDispositionChange(event: CustomEvent<{ value?: string }>): void {
        this.dispatchEvent(new CustomEvent('dispositionchange', { detail: { value: event.detail?.value ?? '' } }));
    }
    handleNotesChange(event: CustomEvent<{ value?: string }>): void {
        this.dispatchEvent(new CustomEvent('noteschange', { detail: { value: event.detail?.value ?? '' } }));
    }
    handleSave(): void {
        if (!this.saveDisabled) this.dispatchEvent(new CustomEvent('save'));
    }
    handleRetry(): void {
        this.dispatchEvent(new CustomEvent('retry'));
    }
    handleOpenTask(event: MouseEvent): void {
        event.preventDefault();
        const recordId = this.status.taskLink?.recordId;
        if (recordId) this.dispatchEvent(new CustomEvent('openrecord', { detail: { recordId } }));
    }
}
