/**
 * The workbench org's sample data: Ids, phone fields and the page layout's fields. The records
 * themselves are data/*.json in `sf data tree import` form, the same a scratch org gets
 * (read by dataTree.ts). Ids use the real key prefixes (00Q Lead, 003 Contact, 001 Account,
 * 00T Task, 005 User) so code that reads a prefix behaves as in an org. Phones are stored as
 * typed, as Salesforce stores them (no normalisation on save).
 */

export type SObjectName = 'Lead' | 'Contact' | 'Account' | 'Task';

export interface SampleRecord {
    Id: string;
    [field: string]: unknown;
}

/** The running user (`@salesforce/user/Id`). */
export const USER_ID = '005000000000001AAA';
export const USER_NAME = 'Wanda Workbench';
/**
 * The running user's Salesforce time zone (User.TimeZoneSidKey, `{!$User.TimeZoneSidKey}` on the
 * Visualforce pages): the one lightning-base-components' `@salesforce/i18n/timeZone` stand-in
 * gives the components, so one user has one zone. Tasks are dated in it, not in the machine's.
 */
export const USER_TIME_ZONE = 'America/Los_Angeles';
/** The running user's profile (00e is the Profile key prefix), for hierarchy custom settings. */
export const USER_PROFILE_ID = '00e000000000001AAA';
/** The workbench org's Id (00D), as API URLs and session ids carry it. */
export const ORG_ID = '00D000000000001AAA';

export const JOE_LEAD_ID = '00Q000000000001AAA';
export const SHARED_LEAD_ID = '00Q000000000002AAA';
export const SHARED_CONTACT_ID = '003000000000001AAA';
export const ACME_ACCOUNT_ID = '001000000000001AAA';

/** A number no record has, for the "no match" path. */
export const UNKNOWN_NUMBER = '+1 212 555 0000';
/** The number a Lead and a Contact share, typed differently, for the "several matches" path. */
export const SHARED_NUMBER = '(415) 555-0199';

export const KEY_PREFIXES: Record<string, SObjectName> = {
    '00Q': 'Lead',
    '003': 'Contact',
    '001': 'Account',
    '00T': 'Task'
};

/** The fields a record page shows, in order, with their labels (a stand-in for the page layout). */
export const LAYOUT_FIELDS: Record<string, { name: string; label: string }[]> = {
    Lead: [
        { name: 'Name', label: 'Name' },
        { name: 'Company', label: 'Company' },
        { name: 'Title', label: 'Title' },
        { name: 'Phone', label: 'Phone' },
        { name: 'MobilePhone', label: 'Mobile' },
        { name: 'Email', label: 'Email' },
        { name: 'Status', label: 'Lead Status' }
    ],
    Contact: [
        { name: 'Name', label: 'Name' },
        { name: 'Title', label: 'Title' },
        { name: 'Phone', label: 'Phone' },
        { name: 'MobilePhone', label: 'Mobile' },
        { name: 'Email', label: 'Email' }
    ],
    Account: [
        { name: 'Name', label: 'Account Name' },
        { name: 'Type', label: 'Type' },
        { name: 'Industry', label: 'Industry' },
        { name: 'Phone', label: 'Phone' },
        { name: 'Website', label: 'Website' },
        { name: 'BillingCountry', label: 'Billing Country' }
    ]
};

/**
 * The workbench org's Id for each record of the sample data (data/*.json, the same records
 * `sf data tree import` creates in a scratch org), by its referenceId; an org assigns its own.
 */
export const RECORD_IDS: Readonly<Record<string, string>> = {
    AcmeAccount: ACME_ACCOUNT_ID,
    SamSharedContact: SHARED_CONTACT_ID,
    JoeCustomerLead: JOE_LEAD_ID,
    AdaSharedLead: SHARED_LEAD_ID
};

/** When each sample record was created in the workbench org (an org stamps its own CreatedDate on import). */
export const CREATED_DATES: Readonly<Record<string, string>> = {
    AcmeAccount: '2026-09-01T10:00:00.000Z',
    SamSharedContact: '2026-10-21T08:30:00.000Z',
    JoeCustomerLead: '2026-11-02T09:15:00.000Z',
    AdaSharedLead: '2026-11-05T14:00:00.000Z'
};
