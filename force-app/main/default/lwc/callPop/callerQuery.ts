/**
 * The caller search's GraphQL query, built for the fields this agent can read.
 *
 * The GraphQL API answers with the current user's object- and field-level security (LWC guide,
 * reference-graphql.html), so one phone field the agent's profile hides (HomePhone on Contact, say)
 * fails the whole query's validation, and no call would ever pop. The agent's object info
 * (lightning/uiObjectInfoApi getObjectInfos, which lists only the fields the user can see, each
 * with its `filterable` property) says which phone fields to search; the query names only those
 * (lightning/graphql builds queries at run time: "dynamic query construction", reference-graphql-wire.html).
 */
import { DEFAULT_PHONE_FIELDS } from 'c/phoneNumbers';

/** The objects a caller is looked for in, in the order matches are listed. */
export const CALLER_OBJECTS = ['Lead', 'Contact', 'Account'] as const;
export type CallerObject = (typeof CALLER_OBJECTS)[number];

/** The standard phone fields searched on each object: the ones click-to-dial offers (c/phoneNumbers). */
const PHONE_FIELDS: Readonly<Record<CallerObject, readonly string[]>> = {
    Lead: DEFAULT_PHONE_FIELDS.Lead ?? [],
    Contact: DEFAULT_PHONE_FIELDS.Contact ?? [],
    Account: DEFAULT_PHONE_FIELDS.Account ?? []
};

/**
 * What the agent may search and read: the phone fields per object, and whether the details shown
 * beside a match are readable (Lead.Company is not required with Person Accounts, so FLS can hide it;
 * Contact.Account needs AccountId and the Account object).
 */
export interface CallerSearch {
    fields: Readonly<Record<CallerObject, readonly string[]>>;
    leadCompany: boolean;
    contactAccount: boolean;
}

/** Every standard field: when the object info cannot be read, the search tries them all (and its error shows). */
export const FULL_SEARCH: CallerSearch = { fields: PHONE_FIELDS, leadCompany: true, contactAccount: true };

/**
 * Reads getObjectInfos' answer (`{ results: [{ statusCode, result: { apiName, fields } }] }`, UI API
 * "Object Info" batch): an object the agent cannot read (a non-200 result) is left out, and so is a
 * phone field missing from its fields (hidden by field-level security) or not filterable.
 */
export function readCallerSearch(data: unknown): CallerSearch {
    const results = (data as { results?: unknown } | null | undefined)?.results;
    const infos = new Map<string, Record<string, unknown>>();
    if (Array.isArray(results)) {
        for (const entry of results as unknown[]) {
            const { statusCode, result } = (entry ?? {}) as { statusCode?: unknown; result?: unknown };
            const info = result as { apiName?: unknown; fields?: unknown } | null | undefined;
            if (statusCode !== 200 || typeof info?.apiName !== 'string' || !isObject(info.fields)) continue;
            infos.set(info.apiName, info.fields);
        }
    }
    const readable = (object: CallerObject): string[] => {
        const fields = infos.get(object);
        if (!fields) return [];
        return PHONE_FIELDS[object].filter((name) => {
            const field = fields[name] as { filterable?: unknown } | undefined;
            return isObject(field) && field.filterable !== false;
        });
    };
    return {
        fields: { Lead: readable('Lead'), Contact: readable('Contact'), Account: readable('Account') },
        leadCompany: isObject(infos.get('Lead')?.Company),
        contactAccount: isObject(infos.get('Contact')?.AccountId) && infos.has('Account')
    };
}

/** Whether the agent can search any phone field at all. */
export function canSearch(search: CallerSearch): boolean {
    return CALLER_OBJECTS.some((object) => search.fields[object].length > 0);
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null;
}

/**
 * The query text for what the agent may search: Leads (not converted), Contacts and Accounts whose
 * phone fields hold one of the number's written forms (GraphQL API guide: `in`, `and`/`or` filters,
 * `first`). Phone filters take the `PhoneNumber` scalar (`PhoneNumberOperators`), so `$forms` is
 * `[PhoneNumber]`: a `[String]` variable there fails validation in an org. Undefined when nothing is searchable.
 */
export function callerQueryText(search: CallerSearch): string | undefined {
    if (!canSearch(search)) return undefined;
    const anyOf = (fields: readonly string[]): string => {
        const each = fields.map((field) => `{ ${field}: { in: $forms } }`);
        return each.length === 1 ? each[0]! : `{ or: [${each.join(', ')}] }`;
    };
    const parts: string[] = [];
    const { Lead, Contact, Account } = search.fields;
    if (Lead.length > 0)
        parts.push(
            `Lead(where: { and: [{ IsConverted: { eq: false } }, ${anyOf(Lead)}] }, first: 10) {
                    edges { node { Id Name { value }${search.leadCompany ? ' Company { value }' : ''} } }
                }`
        );
    if (Contact.length > 0)
        parts.push(
            `Contact(where: ${anyOf(Contact)}, first: 10) {
                    edges { node { Id Name { value }${search.contactAccount ? ' Account { Name { value } }' : ''} } }
                }`
        );
    if (Account.length > 0)
        parts.push(
            `Account(where: ${anyOf(Account)}, first: 10) {
                    edges { node { Id Name { value } } }
                }`
        );
    return `query CallPopCallers($forms: [PhoneNumber]) {
        uiapi {
            query {
                ${parts.join('\n                ')}
            }
        }
    }`;
}
