/**
 * Inside c-softphone-call-history: the earlier calls' rows, one c-softphone-call-history-row each,
 * as items of the history's list. A component of its own so that an event about the newest call,
 * which the history shows above it, does not walk these rows again: the history hands it the same
 * array while they are unchanged, and LWC re-renders a child only when a property is a new value.
 * Event: `openrecord` (detail `{ recordId }`, passed on from the rows).
 */
import { LightningElement, api } from 'lwc';

/** One row (softphoneBridge/views.ts `HistoryRow`, which builds it; c-softphone-call-history-row shows it). */
interface HistoryRow {
    key: string;
}

export default class SoftphoneCallHistoryList extends LightningElement {
    /** The rows, newest first. */
    @api rows: readonly HistoryRow[] = [];

    handleOpenRecord(event: CustomEvent<{ recordId: string }>): void {
        const recordId = event.detail?.recordId;
        if (recordId) this.dispatchEvent(new CustomEvent('openrecord', { detail: { recordId } }));
    }
}
