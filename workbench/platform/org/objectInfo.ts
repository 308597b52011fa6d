/**
 * The workbench org's object metadata: for each object the org holds, its fields with their UI API
 * data types and whether they can be filtered and sorted, as `describe` / UI API object info reports
 * them. One source for the GraphQL schema (graphql.ts); the Task fields are the ones saveLog can write
 * (TASK_FIELDS, below) plus the system fields.
 *
 * Types and properties follow the Object Reference for the Salesforce Platform (Lead, Contact,
 * Account, Task: developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/,
 * "Properties" Filter / Sort per field; Phone fields are type `phone`, stored as typed) and the UI API
 * data types (developer.salesforce.com/docs/atlas.en-us.uiapi.meta/uiapi/ui_api_responses_field.htm:
 * Phone, Email, Picklist, Reference, String, TextArea, Url, Date, DateTime, Int, Boolean).
 */
import type { SObjectName } from './sampleData';

export type UiDataType =
    | 'Id'
    | 'String'
    | 'Phone'
    | 'Email'
    | 'Picklist'
    | 'Reference'
    | 'TextArea'
    | 'Url'
    | 'Date'
    | 'DateTime'
    | 'Int'
    | 'Boolean';

export interface FieldInfo {
    apiName: string;
    label: string;
    dataType: UiDataType;
    filterable: boolean;
    sortable: boolean;
    /** For Reference fields: the relationship name and the object it points to. */
    relationshipName?: string;
    referenceTo?: SObjectName[];
    /** What a record that never set the field holds (a checkbox is false, not null). */
    defaultValue?: unknown;
    /** Whether UI API lets a user write it (create and update). */
    updateable?: boolean;
}

export interface ObjectInfo {
    apiName: SObjectName;
    label: string;
    /**
     * The first API version whose GraphQL schema has the object (GraphQL guide, query-limits.html:
     * "Event and Task (Beta) available in API v59.0 and later"); 56.0 is GraphQL API's own first version.
     */
    graphqlSince: number;
    /** Marked Beta in the GraphQL API (query-limits.html). */
    beta?: boolean;
    fields: FieldInfo[];
}

const f = (apiName: string, label: string, dataType: UiDataType, extra: Partial<FieldInfo> = {}): FieldInfo => ({
    apiName,
    label,
    dataType,
    // TextArea (long) fields are not filterable or sortable in SOQL; the rest here are.
    filterable: dataType !== 'TextArea',
    sortable: dataType !== 'TextArea',
    updateable: apiName !== 'Name',
    ...extra
});

const SYSTEM: FieldInfo[] = [
    f('CreatedDate', 'Created Date', 'DateTime', { updateable: false }),
    f('LastModifiedDate', 'Last Modified Date', 'DateTime', { updateable: false }),
    f('OwnerId', 'Owner ID', 'Reference', { relationshipName: 'Owner', referenceTo: [] })
];

/** The Task fields the workbench org stores, with the type its REST and SOQL stand-ins check values against. */
export const TASK_FIELDS: Record<string, 'string' | 'date' | 'int' | 'id' | 'picklist' | 'boolean'> = {
    Subject: 'string',
    Status: 'picklist',
    Priority: 'picklist',
    ActivityDate: 'date',
    Type: 'picklist',
    TaskSubtype: 'picklist',
    CallType: 'picklist',
    CallDurationInSeconds: 'int',
    CallDisposition: 'string',
    CallObject: 'string',
    Description: 'string',
    WhoId: 'id',
    WhatId: 'id',
    OwnerId: 'id',
    IsReminderSet: 'boolean'
};

const TASK_TYPES: Record<(typeof TASK_FIELDS)[keyof typeof TASK_FIELDS], UiDataType> = {
    string: 'String',
    date: 'Date',
    int: 'Int',
    id: 'Reference',
    picklist: 'Picklist',
    boolean: 'Boolean'
};

const TASK_LABELS: Record<string, string> = {
    CallObject: 'Call Object Identifier',
    CallDisposition: 'Call Result',
    CallDurationInSeconds: 'Call Duration',
    WhoId: 'Name ID',
    WhatId: 'Related To ID'
};

export const OBJECT_INFO: Readonly<Record<SObjectName, ObjectInfo>> = {
    Lead: {
        apiName: 'Lead',
        label: 'Lead',
        graphqlSince: 56,
        fields: [
            f('Name', 'Full Name', 'String'),
            f('FirstName', 'First Name', 'String'),
            f('LastName', 'Last Name', 'String'),
            f('Company', 'Company', 'String'),
            f('Title', 'Title', 'String'),
            f('Phone', 'Phone', 'Phone'),
            f('MobilePhone', 'Mobile Phone', 'Phone'),
            f('Email', 'Email', 'Email'),
            f('Status', 'Lead Status', 'Picklist'),
            f('Country', 'Country', 'String'),
            f('IsConverted', 'Converted', 'Boolean', { defaultValue: false, updateable: false }),
            ...SYSTEM
        ]
    },
    Contact: {
        apiName: 'Contact',
        label: 'Contact',
        graphqlSince: 56,
        fields: [
            f('Name', 'Full Name', 'String'),
            f('FirstName', 'First Name', 'String'),
            f('LastName', 'Last Name', 'String'),
            f('Title', 'Title', 'String'),
            f('Phone', 'Business Phone', 'Phone'),
            f('MobilePhone', 'Mobile Phone', 'Phone'),
            f('HomePhone', 'Home Phone', 'Phone'),
            f('OtherPhone', 'Other Phone', 'Phone'),
            f('AssistantPhone', 'Asst. Phone', 'Phone'),
            f('Email', 'Email', 'Email'),
            f('AccountId', 'Account ID', 'Reference', { relationshipName: 'Account', referenceTo: ['Account'] }),
            ...SYSTEM
        ]
    },
    Account: {
        apiName: 'Account',
        label: 'Account',
        graphqlSince: 56,
        fields: [
            f('Name', 'Account Name', 'String'),
            f('Type', 'Account Type', 'Picklist'),
            f('Industry', 'Industry', 'Picklist'),
            f('Phone', 'Account Phone', 'Phone'),
            f('Website', 'Website', 'Url'),
            f('BillingCountry', 'Billing Country', 'String'),
            ...SYSTEM
        ]
    },
    Task: {
        apiName: 'Task',
        label: 'Task',
        graphqlSince: 59,
        beta: true,
        fields: [
            ...Object.entries(TASK_FIELDS)
                .filter(([name]) => name !== 'OwnerId')
                .map(([name, type]) => {
                    const dataType = name === 'Description' ? 'TextArea' : TASK_TYPES[type];
                    const extra: Partial<FieldInfo> =
                        name === 'WhoId'
                            ? { relationshipName: 'Who', referenceTo: ['Lead', 'Contact'] }
                            : name === 'WhatId'
                              ? { relationshipName: 'What', referenceTo: ['Account'] }
                              : {};
                    return f(name, TASK_LABELS[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2'), dataType, extra);
                }),
            ...SYSTEM
        ]
    }
};

/** Which fields are phone fields, per object: what click-to-dial, phone search and the record page look at. */
export const PHONE_FIELDS: Readonly<Partial<Record<string, readonly string[]>>> = Object.fromEntries(
    Object.values(OBJECT_INFO).map((info) => [
        info.apiName,
        info.fields.filter((field) => field.dataType === 'Phone').map((field) => field.apiName)
    ])
);

/**
 * Field-level security: `Object.Field` names the agent's profile cannot read. UI API's object info
 * lists only the fields the user can see, the GraphQL schema the user gets has only those (a query
 * naming another fails validation), and records come without them (LWC guide, reference-graphql.html:
 * "the object-level security and field-level security of the current user").
 */
export type HiddenFields = ReadonlySet<string>;

export const NO_HIDDEN_FIELDS: HiddenFields = new Set();

/** Fields FLS cannot hide: the Id, the record name, and what the platform itself needs. */
const ALWAYS_VISIBLE = new Set(['Id', 'Name', 'IsConverted', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp']);

/** The hidden-field names a panel or test asked for: known `Object.Field` names FLS can hide, at most 50. */
export function readHiddenFields(value: unknown): string[] {
    if (!Array.isArray(value)) return [];
    const known = (name: string): boolean => {
        const [object, field, extra] = name.split('.');
        const info = OBJECT_INFO[object as SObjectName] as ObjectInfo | undefined;
        return (
            extra === undefined &&
            !!field &&
            !ALWAYS_VISIBLE.has(field) &&
            !!info?.fields.some((candidate) => candidate.apiName === field)
        );
    };
    return [...new Set(value.filter((name): name is string => typeof name === 'string' && known(name)))].slice(0, 50);
}

/** An object's info as a user with these fields hidden sees it. */
export function visibleObjectInfo(info: ObjectInfo, hidden: HiddenFields): ObjectInfo {
    if (hidden.size === 0) return info;
    return { ...info, fields: info.fields.filter((field) => !hidden.has(`${info.apiName}.${field.apiName}`)) };
}

/**
 * UI API's batch object info (`GET /ui-api/object-info/batch/{names}`, behind getObjectInfos):
 * `{ results: [{ statusCode, result }] }`, each result an object info with its fields by API name
 * (apiName, label, dataType, filterable, sortable, updateable, relationshipName, referenceToInfos),
 * only the fields the user can see; an object the org does not have is a 404 result with errors.
 */
export function objectInfosAnswer(names: readonly string[], hidden: HiddenFields): { results: unknown[] } {
    return {
        results: names.map((name) => {
            const info = OBJECT_INFO[name as SObjectName] as ObjectInfo | undefined;
            if (!info)
                return {
                    statusCode: 404,
                    result: [{ errorCode: 'NOT_FOUND', message: `The requested resource does not exist: ${name}` }]
                };
            const visible = visibleObjectInfo(info, hidden);
            const fields = Object.fromEntries(
                visible.fields.map((field) => [
                    field.apiName,
                    {
                        apiName: field.apiName,
                        label: field.label,
                        dataType: field.dataType,
                        filterable: field.filterable,
                        sortable: field.sortable,
                        updateable: field.updateable ?? false,
                        relationshipName: field.relationshipName ?? null,
                        referenceToInfos: (field.referenceTo ?? []).map((apiName) => ({ apiName }))
                    }
                ])
            );
            return { statusCode: 200, result: { apiName: info.apiName, label: info.label, fields } };
        })
    };
}
