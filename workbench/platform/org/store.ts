/**
 * The workbench org: sample records and Tasks in memory, the searches Open CTI runs, and the
 * record writes `saveLog` does, with the checks an org applies so a wrong payload fails here as it
 * would in Salesforce (unknown field, wrong picklist value, WhoId that is not a Lead or Contact).
 *
 * Task fields: Task object reference (developer.salesforce.com/docs/atlas.en-us.object_reference.meta/
 * object_reference/sforce_api_objects_task.htm). Phone search approximates what
 * searchAndScreenPop's search finds for a phone number: stored numbers match however they were
 * typed (punctuation, spaces, a leading country code); unverified in detail against SOSL.
 */
import { sampleRecords } from './dataTree';
import { PHONE_FIELDS, TASK_FIELDS } from './objectInfo';
import { KEY_PREFIXES, USER_ID, type SObjectName, type SampleRecord } from './sampleData';
import { text as fieldText } from '../core/text';

/** Task fields an update may not name (Task object reference: TaskSubtype is Create, not Update). */
const TASK_CREATE_ONLY_FIELDS: ReadonlySet<string> = new Set(['TaskSubtype']);

/** An org error in the shape Salesforce APIs report: a status code and a message a developer can act on. */
export class OrgError extends Error {
    constructor(
        readonly statusCode: string,
        message: string
    ) {
        super(message);
        this.name = 'OrgError';
    }
}

export interface SearchMatch {
    Id: string;
    Name: string;
    RecordType: SObjectName;
    /** The phone field that matched. */
    field: string;
}

const PICKLISTS: Record<string, string[]> = {
    Status: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
    Priority: ['High', 'Normal', 'Low'],
    Type: ['Call', 'Email', 'Meeting', 'Other'],
    TaskSubtype: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'],
    CallType: ['Inbound', 'Outbound', 'Internal']
};

const STRING_LIMITS: Record<string, number> = {
    Subject: 255,
    CallDisposition: 255,
    CallObject: 255,
    Description: 32000
};

/** Digits of a phone number; a leading 1 (NANP country code) is dropped so +1 503... matches 503.... */
export function phoneDigits(value: unknown): string {
    if (typeof value !== 'string') return '';
    const digits = value.replace(/\D/g, '');
    return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

function phonesMatch(stored: unknown, searched: string): boolean {
    const a = phoneDigits(stored);
    const b = phoneDigits(searched);
    if (a.length < 7 || b.length < 7) return false;
    return a === b || a.endsWith(b) || b.endsWith(a);
}

/**
 * A Task whose Name (WhoId) is a Lead cannot be related to a record (WhatId): Salesforce refuses it
 * with FIELD_INTEGRITY_EXCEPTION naming both fields (Task object reference, WhatId; data loaders
 * report "field integrity exception: WhoId, WhatId").
 */
function checkWhoWhat(task: Record<string, unknown>): void {
    const { WhoId, WhatId } = task;
    if (typeof WhoId === 'string' && WhoId.startsWith('00Q') && typeof WhatId === 'string' && WhatId !== '') {
        throw new OrgError(
            'FIELD_INTEGRITY_EXCEPTION',
            'field integrity exception: WhoId, WhatId (a Task whose Name is a Lead cannot have a Related To).'
        );
    }
}

export class OrgStore {
    private records: Record<SObjectName, SampleRecord[]>;
    private nextTask = 1;

    constructor() {
        this.records = sampleRecords();
    }

    reset(): void {
        this.records = sampleRecords();
        this.nextTask = 1;
    }

    /**
     * Runs writes all-or-none: when `run` throws, the Tasks are as before it (a GraphQL mutation with
     * allOrNone, the default, rolls every operation back when one fails).
     */
    transaction<T>(run: () => T): T {
        const tasks = this.records.Task.map((task) => ({ ...task }));
        const next = this.nextTask;
        try {
            return run();
        } catch (error) {
            this.records.Task = tasks;
            this.nextTask = next;
            throw error;
        }
    }

    objectOf(recordId: string): SObjectName | undefined {
        return KEY_PREFIXES[recordId.slice(0, 3)];
    }

    get(recordId: string): { apiName: SObjectName; record: SampleRecord } | undefined {
        const apiName = this.objectOf(recordId);
        if (!apiName) return undefined;
        // 15- and 18-character Ids name the same record.
        const record = this.records[apiName].find((r) => r.Id === recordId || r.Id.slice(0, 15) === recordId);
        return record ? { apiName, record } : undefined;
    }

    /** Deletes a record (or merges it away: the Id is gone either way); true when there was one. */
    delete(recordId: string): boolean {
        const found = this.get(recordId);
        if (!found) return false;
        this.records[found.apiName] = this.records[found.apiName].filter((r) => r !== found.record);
        return true;
    }

    list(apiName: SObjectName): SampleRecord[] {
        return [...(this.records[apiName] ?? [])];
    }

    /** Records whose phone fields hold the number, or whose Name contains the text (3+ characters). */
    search(term: string, objects: readonly SObjectName[] = ['Account', 'Contact', 'Lead']): SearchMatch[] {
        const text = term.trim();
        if (text.length < 2) return [];
        const matches: SearchMatch[] = [];
        for (const apiName of objects) {
            for (const record of this.records[apiName] ?? []) {
                const field =
                    (PHONE_FIELDS[apiName] ?? []).find((f) => phonesMatch(record[f], text)) ??
                    (text.length >= 3 && fieldText(record.Name).toLowerCase().includes(text.toLowerCase())
                        ? 'Name'
                        : undefined);
                if (field) matches.push({ Id: record.Id, Name: String(record.Name), RecordType: apiName, field });
            }
        }
        return matches;
    }

    /** Tasks whose WhoId or WhatId is the record, newest first (the Activity timeline). */
    tasksFor(recordId: string): SampleRecord[] {
        return this.records.Task.filter((t) => t.WhoId === recordId || t.WhatId === recordId).reverse();
    }

    allTasks(): SampleRecord[] {
        return [...this.records.Task];
    }

    /**
     * saveLog: creates a record when `entityApiName` is given, updates one when `Id` is given.
     * Only Task is writable in the workbench. Returns the record Id.
     */
    save(value: Record<string, unknown>): string {
        if (typeof value !== 'object' || value === null) {
            throw new OrgError('INVALID_INPUT', 'saveLog needs a value object.');
        }
        const { entityApiName, Id, ...fields } = value;
        if (typeof Id === 'string' && Id !== '') {
            const existing = this.get(Id);
            if (!existing) throw new OrgError('ENTITY_IS_DELETED', `No record with Id ${Id}.`);
            if (existing.apiName !== 'Task') {
                throw new OrgError(
                    'INSUFFICIENT_ACCESS',
                    `The workbench only writes Tasks; ${Id} is a ${existing.apiName}.`
                );
            }
            const createOnly = Object.keys(fields).filter((name) => TASK_CREATE_ONLY_FIELDS.has(name));
            if (createOnly.length > 0) {
                throw new OrgError(
                    'INVALID_FIELD_FOR_INSERT_UPDATE',
                    `Unable to create/update fields: ${createOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`
                );
            }
            const checked = this.checkTaskFields(fields);
            checkWhoWhat({ ...existing.record, ...checked });
            Object.assign(existing.record, checked);
            return existing.record.Id;
        }
        if (entityApiName !== 'Task') {
            throw new OrgError(
                'INVALID_TYPE',
                entityApiName === undefined
                    ? 'saveLog needs entityApiName to create a record or Id to update one.'
                    : `The workbench only writes Tasks, not ${fieldText(entityApiName)}.`
            );
        }
        const checked = this.checkTaskFields(fields);
        checkWhoWhat(checked);
        const id = `00T${String(this.nextTask++).padStart(12, '0')}AAA`;
        const task: SampleRecord = {
            Status: 'Not Started',
            Priority: 'Normal',
            OwnerId: USER_ID,
            ...checked,
            CreatedById: USER_ID,
            Id: id,
            CreatedDate: new Date().toISOString()
        };
        this.records.Task.push(task);
        return id;
    }

    private checkTaskFields(fields: Record<string, unknown>): Record<string, unknown> {
        const out: Record<string, unknown> = {};
        for (const [name, value] of Object.entries(fields)) {
            const type = TASK_FIELDS[name];
            if (!type) throw new OrgError('INVALID_FIELD', `No such column '${name}' on entity 'Task'.`);
            if (value === null || value === undefined) {
                out[name] = null;
                continue;
            }
            const bad = (expected: string): never => {
                throw new OrgError(
                    'INVALID_TYPE_ON_FIELD_IN_RECORD',
                    `${name}: expected ${expected}, got ${JSON.stringify(value)}.`
                );
            };
            switch (type) {
                case 'string':
                    if (typeof value !== 'string') bad('a string');
                    if ((value as string).length > (STRING_LIMITS[name] ?? 255)) {
                        throw new OrgError(
                            'STRING_TOO_LONG',
                            `${name}: data value too large (max length ${STRING_LIMITS[name] ?? 255}).`
                        );
                    }
                    break;
                case 'picklist':
                    if (typeof value !== 'string') bad('a picklist value');
                    if (!(PICKLISTS[name] ?? []).includes(value as string)) {
                        throw new OrgError(
                            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                            `${name}: bad value for restricted picklist field: ${fieldText(value)}.`
                        );
                    }
                    break;
                case 'int':
                    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
                        bad('a non-negative integer');
                    break;
                case 'boolean':
                    if (typeof value !== 'boolean') bad('true or false');
                    break;
                case 'date':
                    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) bad('a date as YYYY-MM-DD');
                    break;
                case 'id': {
                    if (typeof value !== 'string') bad('a record Id');
                    const target = this.get(value as string);
                    if (!target)
                        throw new OrgError(
                            'INVALID_CROSS_REFERENCE_KEY',
                            `${name}: no record with Id ${fieldText(value)}.`
                        );
                    if (name === 'WhoId' && target.apiName !== 'Lead' && target.apiName !== 'Contact') {
                        throw new OrgError(
                            'FIELD_INTEGRITY_EXCEPTION',
                            `WhoId must be a Lead or Contact, not a ${target.apiName}.`
                        );
                    }
                    if (name === 'WhatId' && (target.apiName === 'Lead' || target.apiName === 'Contact')) {
                        throw new OrgError(
                            'FIELD_INTEGRITY_EXCEPTION',
                            `WhatId cannot be a ${target.apiName}; use WhoId.`
                        );
                    }
                    break;
                }
            }
            out[name] = value;
        }
        return out;
    }
}
