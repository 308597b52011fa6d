/**
 * Inside softphoneBridge: this session's calls, newest first, each with its record and a link to
 * its Task (or a note that it has none yet), one c-softphone-call-history-row each. The parent
 * builds the rows and keeps each unchanged row the same object, so a call event re-renders only the
 * rows it changed. Most events are about the newest call, so the parent hands it apart (`newest`,
 * a list of one) from the earlier calls (`earlier`), each the same array while unchanged: this
 * component shows each through its own c-softphone-call-history-list, and an event about the newest
 * call does not re-render the earlier calls' list, so it does not walk the other 49 rows again
 * (each step of that walk crosses Lightning Web Security's membrane). Event: `openrecord` (detail
 * `{ recordId }`, passed on from the rows).
 */
import { LightningElement, api } from 'lwc';
import HISTORY_EMPTY from '@salesforce/label/c.SoftphoneBridge_History_Empty';
import HISTORY_HEADING from '@salesforce/label/c.SoftphoneBridge_History_Heading';

/** One row (softphoneBridge/views.ts `HistoryRow`, which builds it; c-softphone-call-history-row shows it). */
interface HistoryRow {
    key: string;
}

export default class SoftphoneCallHistory extends LightningElement {
    /** The newest call's row as a list of one; empty before the first call. */
    @api newest: readonly HistoryRow[] = [];
    /** The earlier calls' rows, newest first. */
    @api earlier: readonly HistoryRow[] = [];

    readonly labels = { historyEmpty: HISTORY_EMPTY, historyHeading: HISTORY_HEADING };

    get hasCalls(): boolean {
        return this.newest.length > 0;
    }

    handleOpenRecord(event: CustomEvent<{ recordId: string }>): void {
        const recordId = event.detail?.recordId;
        if (recordId) this.dispatchEvent(new CustomEvent('openrecord', { detail: { recordId } }));
    }
}
