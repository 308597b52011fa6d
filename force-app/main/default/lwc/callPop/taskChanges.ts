/**
 * What the hang-up form's Save writes to the call's Task: only what the agent changed, and a
 * Name / Related To pair the Task object accepts. Pure.
 *
 * The form cannot read the Task first (UI API does not support Task; GraphQL has it only in Beta,
 * docs/url-pop.md), so it never sends a value the agent did not give: an empty notes box or an
 * unchanged result would otherwise overwrite what is on the Task (after a reload, or a second pop).
 * A Task whose Name (WhoId) is a Lead cannot also be related to a record (WhatId): Salesforce
 * refuses it (Task object reference, WhatId), so linking a Lead clears Related To, and relating
 * an Account clears a Lead this form linked before.
 */
import type { CallerMatch } from './callers';

/** The Who/What this form wrote to the Task (empty until it wrote one). */
export interface WrittenLink {
    WhoId?: string;
    WhatId?: string;
}

export interface FormValues {
    notes: string;
    disposition: string;
    /** The result the form opened with (the vendor's, already on the Task). */
    initialDisposition: string;
    related?: Pick<CallerMatch, 'recordId' | 'objectApiName'>;
    written: WrittenLink;
}

const LEAD_PREFIX = '00Q';

/** The TaskUpdate fields for the form's values; empty when there is nothing to write. */
export function taskChanges(values: FormValues): Record<string, string | null> {
    const task: Record<string, string | null> = {};
    if (values.notes.trim() !== '') task.Description = values.notes;
    if (values.disposition !== values.initialDisposition) task.CallDisposition = values.disposition;
    const related = values.related;
    if (related) {
        const field = related.objectApiName === 'Account' ? 'WhatId' : 'WhoId';
        if (values.written[field] !== related.recordId) {
            task[field] = related.recordId;
            if (related.objectApiName === 'Lead') task.WhatId = null;
            if (field === 'WhatId' && values.written.WhoId?.startsWith(LEAD_PREFIX)) task.WhoId = null;
        }
    }
    return task;
}

/** The link the Task has after `task` was written over `written`. */
export function linkAfter(written: WrittenLink, task: Record<string, string | null>): WrittenLink {
    const next: WrittenLink = { ...written };
    for (const field of ['WhoId', 'WhatId'] as const) {
        if (!(field in task)) continue;
        const value = task[field];
        if (typeof value === 'string') next[field] = value;
        else delete next[field];
    }
    return next;
}
