/**
 * Inside softphoneBridge: this session's calls, newest first, each with its record and a link to
 * its Task (or a note that it has none yet), one c-softphone-call-history-row each. The parent
 * builds the rows and keeps each unchanged row the same object, so a call event re-renders only the
 * rows it changed. Most events are about the newest call, so the parent hands it apart (`newest`)
 * from the earlier calls (`earlier`, the same array while none of them changed): this component
 * shows each through its own c-softphone-call-history-list, and an event about the newest call does
 * not re-render the earlier calls' list, so it does not walk the other 49 rows again (each step of
 * that walk crosses Lightning Web Security's membrane). Event: `openrecord` (detail `{ recordId }`, passed on
 * from the rows).
 */
import { LightningElement, api } from 'lwc';
import HISTORY_EMPTY from '@salesforce/label/c.SoftphoneBridge_History_Empty';
import HISTORY_HEADING from '@salesforce/label/c.SoftphoneBridge_History_Heading';

/** One row (softphoneBridge/views.ts `HistoryRow`, which builds it; c-softphone-call-history-row shows it). */
interface HistoryRow {
    key: string;
}

export default class SoftphoneCallHistory extends LightningElement {
    /** The newest call's row; none before the first call. */
    @api newest?: HistoryRow;
    /** The earlier calls' rows, newest first. */
    @api earlier: readonly HistoryRow[] = [];

    readonly labels = { historyEmpty: HISTORY_EMPTY, historyHeading: HISTORY_HEADING };

    private readonly listOfNewest = oneItemList<HistoryRow>();

    /** The newest row as a list of one (the same array while it is the same row). */
    get newestRows(): readonly HistoryRow[] {
        return this.listOfNewest(this.newest);
    }

    handleOpenRecord(event: CustomEvent<{ recordId: string }>): void {
        const recordId = event.detail?.recordId;
        if (recordId) this.dispatchEvent(new CustomEvent('openrecord', { detail: { recordId } }));
    }
}

/** A one-item list that stays the same array while the item is the same object. */
function oneItemList<T>(): (item: T | undefined) => readonly T[] {
    let last: { item: T | undefined; list: readonly T[] } = { item: undefined, list: [] };
    return (item) => {
        if (last.item !== item) last = { item, list: item === undefined ? [] : [item] };
        return last.list;
    };
}
