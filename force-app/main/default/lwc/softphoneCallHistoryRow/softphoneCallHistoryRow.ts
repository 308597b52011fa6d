/**
 * One call of c-softphone-call-history: direction, number, time, outcome, and links to its record
 * and Task. A component of its own so that a call event re-renders only the rows it changed (the
 * parent keeps each unchanged row the same object). Event: `openrecord` (detail `{ recordId }`).
 */
import { LightningElement, api } from 'lwc';
import HISTORY_NO_TASK from '@salesforce/label/c.SoftphoneBridge_History_No_Task';
import VIEW_TASK from '@salesforce/label/c.SoftphoneBridge_View_Task';

/** The row (softphoneBridge/views.ts `HistoryRow`, which builds it). */
interface HistoryRow {
    icon: string;
    directionLabel: string;
    number: string;
    startedAt: number;
    summary: string;
    record?: { recordId: string; label: string; url: string };
    task?: { recordId: string; label: string; url: string };
    taskLabel?: string;
}

export default class SoftphoneCallHistoryRow extends LightningElement {
    /** The call to show. */
    @api row?: HistoryRow;

    readonly labels = { historyNoTask: HISTORY_NO_TASK, viewTask: VIEW_TASK };

    handleOpenRecord(event: MouseEvent): void {
        event.preventDefault();
        const recordId = (event.currentTarget as HTMLElement).dataset.recordId;
        if (recordId) this.dispatchEvent(new CustomEvent('openrecord', { detail: { recordId } }));
    }
}
