/**
 * The Task a call becomes. `CallLog` uses the Task field API names, so the adapter can
 * hand it to Open CTI `saveLog({ value: { entityApiName: 'Task', ...log } })` as is, and a
 * Salesforce Voice connector can map it just as directly.
 */
import type { CallOutcome, RecordRef } from 'c/softphoneProtocol';
import type { CallRecord } from './callModel';
import { localDate } from '../../shared/calendarDate';

/** The Task fields the bridge writes for one call (one Task per conversation). */
export interface CallLog {
    Subject: string;
    Status: 'Completed';
    TaskSubtype: 'Call';
    CallType: 'Inbound' | 'Outbound';
    /** The vendor's conversationId: the key that keeps one Task per conversation. */
    CallObject: string;
    /** Date of the call, YYYY-MM-DD, in the agent's Salesforce time zone when known (localDate). */
    ActivityDate: string;
    CallDurationInSeconds?: number;
    CallDisposition?: string;
    /** The agent's notes. */
    Description?: string;
    /** Contact or Lead the call is about. */
    WhoId?: string;
    /** Any other record the call is about (Account, Case, Opportunity, …). */
    WhatId?: string;
}

/**
 * Task fields the org takes when the Task is created and refuses in an update (the Task object
 * reference lists TaskSubtype as Create, Filter, Group, Nillable, Restricted picklist, Sort: not
 * Update; an update naming it fails with INVALID_FIELD_FOR_INSERT_UPDATE). Once a Task exists, the
 * bridge never sends them again.
 */
export const CREATE_ONLY_FIELDS: ReadonlySet<keyof CallLog> = new Set<keyof CallLog>(['TaskSubtype']);

/** Builds a Task subject for a call; the adapter may pass one built from custom labels. */
export type SubjectFormatter = (call: Pick<CallRecord, 'direction' | 'outcome' | 'phoneNumber' | 'state'>) => string;

const SUBJECT_MAX = 255;

/** The English default subject, e.g. "Call from +18005550100", "Missed call from +18005550100". */
export const defaultSubject: SubjectFormatter = (call) => {
    const party = call.phoneNumber ? `${call.direction === 'inbound' ? ' from' : ' to'} ${call.phoneNumber}` : '';
    const prefix: Record<CallOutcome, string> = {
        answered: call.direction === 'inbound' ? 'Inbound call' : 'Outbound call',
        missed: 'Missed call',
        rejected: 'Rejected call',
        unanswered: 'Unanswered call',
        unknown: call.direction === 'inbound' ? 'Inbound call' : 'Outbound call'
    };
    return `${prefix[call.outcome ?? 'unknown']}${party}`;
};

/** Who (Contact, Lead) or What (anything else) for a record, by object type or Id key prefix. */
export function whoOrWhat(record: RecordRef): { WhoId: string } | { WhatId: string } {
    const objectType = record.objectType?.toLowerCase();
    const prefix = record.recordId.slice(0, 3);
    const isWho =
        objectType === 'contact' || objectType === 'lead' || (!objectType && (prefix === '003' || prefix === '00Q'));
    return isWho ? { WhoId: record.recordId } : { WhatId: record.recordId };
}

/** The Task for a call record. */
export function buildCallLog(
    call: CallRecord,
    formatSubject: SubjectFormatter = defaultSubject,
    timeZone?: string
): CallLog {
    const log: CallLog = {
        Subject: (formatSubject(call) || defaultSubject(call)).slice(0, SUBJECT_MAX),
        Status: 'Completed',
        TaskSubtype: 'Call',
        CallType: call.direction === 'inbound' ? 'Inbound' : 'Outbound',
        CallObject: call.conversationId,
        ActivityDate: localDate(call.startedAt, timeZone)
    };
    if (call.durationSeconds !== undefined) log.CallDurationInSeconds = call.durationSeconds;
    if (call.disposition !== undefined) log.CallDisposition = call.disposition;
    if (call.notes !== undefined) log.Description = call.notes;
    if (call.record) Object.assign(log, whoOrWhat(call.record));
    return log;
}
