/**
 * Inside softphoneBridge: this session's calls, newest first, each with its record and a link to
 * its Task (or a note that it has none yet), one c-softphone-call-history-row each. The parent
 * builds the rows and keeps each unchanged row the same object, so a call event re-renders only the
 * rows it changed. Event: `openrecord` (detail `{ recordId }`, passed on from the rows).
 */
import { LightningElement, api } from 'lwc';
import HISTORY_EMPTY from '@salesforce/label/c.SoftphoneBridge_History_Empty';
import HISTORY_HEADING from '@salesforce/label/c.SoftphoneBridge_History_Heading';

/** One row (softphoneBridge/views.ts `HistoryRow`, which builds it; c-softphone-call-history-row shows it). */
interface HistoryRow {
    key: string;
}

export default class SoftphoneCallHistory extends LightningElement {
    /** The calls, newest first. */
    @api rows: readonly HistoryRow[] = [];

    readonly labels = { historyEmpty: HISTORY_EMPTY, historyHeading: HISTORY_HEADING };

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    handleOpenRecord(event: CustomEvent<{ recordId: string }>): void {
        const recordId = event.detail?.recordId;
        if (recordId) this.dispatchEvent(new CustomEvent('openrecord', { detail: { recordId } }));
    }
}
