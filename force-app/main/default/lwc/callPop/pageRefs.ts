/**
 * Page references the pop navigates to (LWC guide, "PageReference Types"). Pure, no `lwc`.
 */
import { CALL_FIELDS, PARAM } from 'c/callPopParams';
import type { CallPop } from 'c/callPopParams';

export interface PageRef {
    type: string;
    attributes: Record<string, string>;
    state?: Record<string, string>;
}

/** A record's view page. */
export function recordPage(recordId: string, objectApiName: string, actionName: 'view' | 'edit' = 'view'): PageRef {
    return { type: 'standard__recordPage', attributes: { recordId, objectApiName, actionName } };
}

/**
 * A new Lead or Contact with the caller's number filled in: `standard__objectPage` with
 * `actionName: 'new'` and `state.defaultFieldValues` from `encodeDefaultFieldValues`
 * (lightning/pageReferenceUtils; LWC guide, "Navigate to a Record's Create Page with Default Field Values").
 */
export function newRecordPage(objectApiName: 'Lead' | 'Contact', encodedDefaults: string | undefined): PageRef {
    return {
        type: 'standard__objectPage',
        attributes: { objectApiName, actionName: 'new' },
        ...(encodedDefaults ? { state: { defaultFieldValues: encodedDefaults } } : {})
    };
}

/**
 * The CallPop page for a hang-up that reached the component directly (a vendor popping c__ names):
 * the page owns the exactly-once Task write, so the component hands the call to it, under the
 * package's own c__ names, which the page reads whatever vendor mapping the admin set.
 */
export function logPageUrl(pop: CallPop): string {
    const values: Record<(typeof CALL_FIELDS)[number], string | undefined> = {
        event: 'hangup',
        phone: pop.phone,
        callId: pop.callId,
        duration: pop.durationSeconds === undefined ? undefined : String(pop.durationSeconds),
        disposition: pop.disposition,
        queue: pop.queue,
        agent: pop.agent
    };
    const query: string[] = [];
    for (const field of CALL_FIELDS) {
        const value = values[field];
        if (value !== undefined) query.push(`${PARAM[field]}=${encodeURIComponent(value)}`);
    }
    return `/apex/CallPop?${query.join('&')}`;
}
