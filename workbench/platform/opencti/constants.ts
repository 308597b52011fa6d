/**
 * Open CTI enumerations (Lightning Experience). Names from the Open CTI developer guide
 * (developer.salesforce.com/docs/service/api-cti/guide/sforce-api-cti-searchandscreenpop-lex.html,
 * sforce-api-cti-screenpop-lex.html). The string values are what opencti_min.js carries as far as
 * peers' code shows; code should always use the constants, never the strings.
 */
export const CALL_TYPE = { INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal' } as const;

export const SCREENPOP_TYPE = {
    SOBJECT: 'sobject',
    URL: 'url',
    OBJECTHOME: 'objecthome',
    LIST: 'list',
    SEARCH: 'search',
    NEW_RECORD_MODAL: 'newRecord',
    FLOW: 'flow'
} as const;

export type CallType = (typeof CALL_TYPE)[keyof typeof CALL_TYPE];
export type ScreenPopType = (typeof SCREENPOP_TYPE)[keyof typeof SCREENPOP_TYPE];
