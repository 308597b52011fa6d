/**
 * Inside softphoneBridge: this session's calls, newest first, each with its record and a link to
 * its Task (or a note that it has none yet). The parent builds the rows and gives a new list only
 * when a call or a link changed. Event: `openrecord` (detail `{ recordId }`).
 */
import { LightningElement, api } from 'lwc';
import HISTORY_EMPTY from '@salesforce/label/c.SoftphoneBridge_History_Empty';
import HISTORY_HEADING from '@salesforce/label/c.SoftphoneBridge_History_Heading';
import HISTORY_NO_TASK from '@salesforce/label/c.SoftphoneBridge_History_No_Task';
import VIEW_TASK from '@salesforce/label/c.SoftphoneBridge_View_Task';

/** One row (softphoneBridge/views.ts `HistoryRow`, which builds it). */
interface HistoryRow {
    key: string;
    icon: string;
    directionLabel: string;
    number: string;
    startedAt: number;
    summary: string;
    record?: { recordId: string; label: string; url: string };
    task?: { recordId: string; label: string; url: string };
    taskLabel?: string;
}

export default class SoftphoneCallHistory extends LightningElement {
    /** The calls, newest first. */
    @api rows: readonly HistoryRow[] = [];

    readonly labels = {
        historyEmpty: HISTORY_EMPTY,
        historyHeading: HISTORY_HEADING,
        historyNoTask: HISTORY_NO_TASK,
        viewTask: VIEW_TASK
    };

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    handleOpenRecord(event: MouseEvent): void {
        event.preventDefault();
        const recordId = (event.currentTarget as HTMLElement).dataset.recordId;
        if (recordId) this.dispatchEvent(new CustomEvent('openrecord', { detail: { recordId } }));
    }
}
