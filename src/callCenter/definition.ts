/**
 * The call center `SoftphoneBridge`: the single source of truth for every section and item.
 *
 * From this module follow
 *  - the Metadata API file `force-app/main/default/callCenters/SoftphoneBridge.callCenter-meta.xml` and
 *    the Setup import file `callcenter/SoftphoneBridge.import.xml` (scripts/generate-call-center.ts);
 *  - the typed settings the adapter page reads at run time (src/callCenter/settings.ts);
 *  - the rules a definition must obey before anything is generated (`checkDefinition`, below).
 *
 * Platform facts relied on (checked 2026-11 in the Open CTI Developer Guide, "Call Center Definition
 * File Format", "Required Call Center Elements and Attributes", "Optional Call Center Elements and
 * Attributes", and the Metadata API reference for CallCenter):
 *  - sortOrder of sections, and of the items inside each section, are non-negative integers with no
 *    gaps, starting at 0;
 *  - section and item names are alphanumeric, at most 40 characters; names starting with `req` are
 *    reserved for Salesforce's required sections and items; `label`, `sortOrder`, `internalNameLabel`
 *    and `displayNameLabel` are reserved too; labels are at most 1,000 characters;
 *  - `reqInternalName` has sortOrder 0, at most 40 alphanumerics, starts with a letter;
 *    `reqDisplayName` has sortOrder 1, at most 1,000 characters;
 *  - required items: reqInternalName, reqDisplayName, reqAdapterUrl, reqUseApi, reqSoftphoneHeight
 *    (240..2,560 px in Lightning), reqSoftphoneWidth (200..1,920 px in Lightning);
 *    reqSalesforceCompatibilityMode is optional but defaults to Classic, which shows nothing in
 *    Lightning Experience; reqStandbyUrl and reqTimeout (ms) go together;
 *  - once imported, the set of items of a call center cannot change (only their values), so items
 *    added here later reach existing orgs only by re-import or deploy: the settings parser treats a
 *    missing item as "use the default".
 *
 * Nothing here is secret, and nothing may be: every user assigned to the call center can read every
 * value through `sforce.opencti.getCallCenterSettings`.
 */

/** How a raw item value is validated and typed. Data, not code, so the rules can be listed to admins. */
export type ItemRule =
    | { readonly kind: 'text'; readonly maxLength: number; readonly pattern?: RegExp; readonly patternHint?: string }
    | { readonly kind: 'integer'; readonly min: number; readonly max: number; readonly unit?: string }
    | { readonly kind: 'boolean' }
    | { readonly kind: 'enum'; readonly values: readonly string[] }
    /** An absolute https URL, or (with `allowRelative`) a path on the org such as `/apex/Page`. */
    | { readonly kind: 'url'; readonly allowRelative: boolean }
    /** An https origin: scheme, host and optional port, nothing after. */
    | { readonly kind: 'origin' }
    | { readonly kind: 'guid' }
    /** A phone number in E.164 form (`+`, country code, number); spaces, dashes, brackets and dots are dropped. */
    | { readonly kind: 'e164' }
    /** An ISO 3166-1 alpha-2 region code the phone number library knows. */
    | { readonly kind: 'country' }
    | {
          readonly kind: 'list';
          readonly separator: string;
          readonly maxItems: number;
          readonly maxItemLength: number;
      }
    /** `key=value` pairs separated by `separator`, such as presence statuses `id=Label;id=Label`. */
    | {
          readonly kind: 'pairs';
          readonly separator: string;
          readonly pairSeparator: string;
          readonly maxItems: number;
          readonly maxKeyLength: number;
          readonly maxValueLength: number;
      }
    | { readonly kind: 'template'; readonly placeholders: readonly string[]; readonly maxLength: number };

/** One `<item>`: a single setting of the call center. */
export interface CallCenterItemDefinition {
    /** Internal name, the key of the setting (`/<section>/<name>`). */
    readonly name: string;
    /** What Setup shows next to the value; keep a format hint in it, it is all an admin sees there. */
    readonly label: string;
    readonly sortOrder: number;
    /** The value written to the generated files; never blank (see `unsetKeyword`). */
    readonly defaultValue: string;
    /**
     * A word that means "not set" (such as `auto` or `none`), for items without a meaningful default:
     * the Metadata API marks CallCenterItem.value as required, so no item ships blank. Blank still
     * reads as "not set" too.
     */
    readonly unsetKeyword?: string;
    /** The default is a placeholder (reserved example.com host): shipped, but never used as a real value. */
    readonly defaultIsPlaceholder?: boolean;
    readonly rule: ItemRule;
    /** "Not set" (the unset keyword, the placeholder, or blank without a default) is a warning when true. */
    readonly required: boolean;
    /** What stops working while the item is not set (completes "It is needed for ..."). */
    readonly neededFor?: string;
    /** For admins: what the item does and what to enter. Written as a comment above the item in the import file. */
    readonly description: string;
    /** A good value, quoted in error messages. */
    readonly example: string;
}

/**
 * What the adapter reads of an item at run time: no help text for admins and no sort order. The
 * generated src/callCenter/runtimeTable.ts holds these for the settings parser, so the adapter
 * script does not carry the descriptions (scripts/generate-call-center.ts).
 */
export type RuntimeItem = Omit<CallCenterItemDefinition, 'description' | 'sortOrder'>;

/** A section as the settings parser reads it (runtimeTable.ts). */
export interface RuntimeSection {
    readonly name: string;
    readonly label: string;
    readonly items: readonly RuntimeItem[];
}

/** One `<section>`: a group of items on the call center's Setup page. */
export interface CallCenterSectionDefinition {
    readonly name: string;
    readonly label: string;
    readonly sortOrder: number;
    readonly items: readonly CallCenterItemDefinition[];
}

/** The whole call center. */
export interface CallCenterDefinition {
    /** Metadata API name (the file name); must equal the reqInternalName value. */
    readonly fullName: string;
    /**
     * Metadata `version` (the CTI Toolkit version). Left unset: Open CTI call centers retrieved
     * from an org carry none (developerforce/open-cti-demo-adapter, src/callCenters/OpenCTI.callCenter).
     */
    readonly version?: string;
    readonly sections: readonly CallCenterSectionDefinition[];
}

export const CALL_CENTER_NAME = 'SoftphoneBridge';
export const ADAPTER_URL = '/apex/SoftphoneAdapter';
export const GENERAL_SECTION = 'reqGeneralInfo';

/** Custom section names, used as keys by the settings parser. */
export const VENDOR_SECTION = 'vendorSoftphone';
export const SCREEN_POP_SECTION = 'screenPop';
export const LOGGING_SECTION = 'callLogging';
export const PROTOCOL_SECTION = 'softphoneProtocol';

/** The placeholder the package ships with; `example.com` is reserved (RFC 2606) and hosts no softphone. */
export const PLACEHOLDER_SOFTPHONE_URL = 'https://softphone.example.com';

/**
 * Disposition codes are one item, separated by `;`: it survives XML (import file and metadata), the
 * single-line Setup field and JSON, and unlike `,` it rarely occurs inside a code ("Call back, later").
 */
export const DISPOSITION_SEPARATOR = ';';

/** Values a Task subject template may use (what the bridge core's subject formatter receives). */
export const TASK_SUBJECT_PLACEHOLDERS = ['callType', 'number', 'outcome'] as const;

export const COMPATIBILITY_MODES = ['Lightning', 'Classic_and_Lightning', 'Classic'] as const;
/** Participant types named in the vendor contract's `start_call` sample ("Traveler/Supplier/Agent"). */
export const PARTICIPANT_TYPES = ['Traveler', 'Supplier', 'Agent'] as const;
/**
 * What to do when an inbound caller's number matches no record of the softphone layout:
 * open a new Lead or Contact form prefilled with the number, open Salesforce search for the number,
 * or do nothing.
 */
export const NO_MATCH_BEHAVIOURS = ['newLead', 'newContact', 'search', 'none'] as const;
/**
 * What to do when several records match: open Salesforce search results for the number, let the
 * agent pick one in the softphone bridge panel, or do nothing. Popping "the first" match is
 * deliberately not offered: it would log calls against the wrong customer.
 */
export const MULTIPLE_MATCH_BEHAVIOURS = ['search', 'ask', 'none'] as const;
/**
 * How the adapter page talks to the contact center: `wrapper`, the CCaaS wrapper contract (seed 002)
 * with the vendor softphone in a frame; `ameyoToolbar`, Ameyo's generic web toolbar (seed 004):
 * Ameyo's integration script and its toolbar frame, driven through Ameyo's JavaScript API.
 */
export const SOFTPHONE_PROTOCOLS = ['wrapper', 'ameyoToolbar'] as const;
/** The placeholder Ameyo address the package ships with (reserved example.com host). */
export const PLACEHOLDER_AMEYO_URL = 'https://ameyo.example.com';

/** Appended to every custom item's description. */
const NOT_SECRET =
    'Not a secret: every user of this call center can read it. Never enter passwords, tokens or API keys.';

const GENERAL_INFO: CallCenterSectionDefinition = {
    name: GENERAL_SECTION,
    label: 'General Information',
    sortOrder: 0,
    items: [
        {
            name: 'reqInternalName',
            label: 'Internal Name',
            sortOrder: 0,
            defaultValue: CALL_CENTER_NAME,
            rule: {
                kind: 'text',
                maxLength: 40,
                pattern: /^[A-Za-z][A-Za-z0-9]*$/,
                patternHint: 'letters and digits, starting with a letter'
            },
            required: true,
            description: 'Unique name of the call center in the org; the metadata file carries the same name. Keep it.',
            example: CALL_CENTER_NAME
        },
        {
            name: 'reqDisplayName',
            label: 'Display Name',
            sortOrder: 1,
            defaultValue: 'Softphone Bridge',
            rule: { kind: 'text', maxLength: 1000 },
            required: true,
            description: 'Name of the call center as Setup shows it.',
            example: 'Softphone Bridge'
        },
        {
            name: 'reqAdapterUrl',
            label: 'CTI Adapter URL',
            sortOrder: 2,
            defaultValue: ADAPTER_URL,
            rule: { kind: 'url', allowRelative: true },
            required: true,
            description:
                'The page Salesforce loads into the Open CTI Softphone utility: the Visualforce page of this package. Keep it.',
            example: ADAPTER_URL
        },
        {
            name: 'reqUseApi',
            label: 'Use CTI API',
            sortOrder: 3,
            defaultValue: 'true',
            rule: { kind: 'boolean' },
            required: true,
            description: 'Must be true: the call center uses Open CTI.',
            example: 'true'
        },
        {
            name: 'reqSoftphoneHeight',
            label: 'Softphone Height (240-2560 px)',
            sortOrder: 4,
            defaultValue: '550',
            rule: { kind: 'integer', min: 240, max: 2560, unit: 'px' },
            required: true,
            description: 'Height of the softphone panel in pixels; Lightning accepts 240 to 2560.',
            example: '550'
        },
        {
            name: 'reqSoftphoneWidth',
            label: 'Softphone Width (200-1920 px)',
            sortOrder: 5,
            defaultValue: '400',
            rule: { kind: 'integer', min: 200, max: 1920, unit: 'px' },
            required: true,
            description: 'Width of the softphone panel in pixels; Lightning accepts 200 to 1920.',
            example: '400'
        },
        {
            name: 'reqSalesforceCompatibilityMode',
            label: 'Salesforce Compatibility Mode',
            sortOrder: 6,
            defaultValue: 'Lightning',
            rule: { kind: 'enum', values: COMPATIBILITY_MODES },
            required: true,
            description:
                'Must be Lightning (or Classic_and_Lightning). Classic, the platform default, shows a blank panel in Lightning Experience.',
            example: 'Lightning'
        }
    ]
};

const VENDOR: CallCenterSectionDefinition = {
    name: VENDOR_SECTION,
    label: 'Vendor Softphone',
    sortOrder: 1,
    items: [
        {
            name: 'softphoneUrl',
            label: 'Softphone URL (https)',
            sortOrder: 0,
            defaultValue: PLACEHOLDER_SOFTPHONE_URL,
            defaultIsPlaceholder: true,
            rule: { kind: 'url', allowRelative: false },
            required: true,
            neededFor: 'showing the softphone',
            description:
                'Address of the vendor softphone, loaded in a frame inside the adapter page. The shipped value is a placeholder: replace it with the URL the softphone team gives you, and point the CSP Trusted Site Softphone_Vendor at the same origin.',
            example: 'https://softphone.vendor.example/agent'
        },
        {
            name: 'softphoneOrigin',
            label: 'Softphone Origin (auto = origin of Softphone URL)',
            sortOrder: 1,
            defaultValue: 'auto',
            unsetKeyword: 'auto',
            rule: { kind: 'origin' },
            required: false,
            description:
                'The only origin the bridge accepts softphone messages from. auto uses the origin of the Softphone URL; set it only when the softphone finally runs on another origin than its URL (for example after a login redirect).',
            example: 'https://softphone.vendor.example'
        },
        {
            name: 'partnerId',
            label: 'Partner ID (GUID, or not set)',
            sortOrder: 2,
            defaultValue: 'not set',
            unsetKeyword: 'not set',
            rule: { kind: 'guid' },
            required: true,
            neededFor: 'calls from the dialpad and click-to-dial (partner_config, start_call)',
            description: 'Your partner GUID in the softphone platform, from the softphone team.',
            example: '215fd887-39be-4935-981f-2670d6afeaa7'
        },
        {
            name: 'businessSegmentId',
            label: 'Business Segment ID (GUID, or not set)',
            sortOrder: 3,
            defaultValue: 'not set',
            unsetKeyword: 'not set',
            rule: { kind: 'guid' },
            required: true,
            neededFor: 'calls from the dialpad and click-to-dial (partner_config, start_call)',
            description: 'Business segment GUID, from the softphone team.',
            example: 'd6afeaa7-39be-4935-981f-2670215fd887'
        },
        {
            name: 'channelOriginId',
            label: 'Channel Origin ID (GUID, or not set)',
            sortOrder: 4,
            defaultValue: 'not set',
            unsetKeyword: 'not set',
            rule: { kind: 'guid' },
            required: true,
            neededFor: 'calls from the dialpad and click-to-dial (partner_config, start_call)',
            description: 'Channel origin GUID, from the softphone team.',
            example: '57053e21-0440-4689-a27a-513d7dceebde'
        },
        {
            name: 'dialFrom',
            label: 'Dial From Number (E.164 such as +18449401117, or none)',
            sortOrder: 5,
            defaultValue: 'none',
            unsetKeyword: 'none',
            rule: { kind: 'e164' },
            required: false,
            description:
                'Caller ID for click-to-dial calls (dialFrom of start_call), in E.164 form. none sends no dialFrom; set a number if the softphone requires one.',
            example: '+18449401117'
        },
        {
            name: 'participantType',
            label: 'Participant Type for Click-to-Dial (Traveler, Supplier or Agent)',
            sortOrder: 6,
            defaultValue: 'Traveler',
            rule: { kind: 'enum', values: PARTICIPANT_TYPES },
            required: true,
            description: 'Who the agent calls from a Salesforce record (participantType of start_call).',
            example: 'Traveler'
        },
        {
            name: 'defaultCountry',
            label: 'Default Country for Phone Numbers (ISO code, e.g. US)',
            sortOrder: 7,
            defaultValue: 'US',
            rule: { kind: 'country' },
            required: true,
            description:
                'Two-letter ISO 3166 country used to turn numbers stored without a country code, such as (415) 555-0100, into E.164 before dialling.',
            example: 'US'
        },
        {
            name: 'presenceStatuses',
            label: 'Presence Statuses (statusId=Label;statusId=Label, or none)',
            sortOrder: 8,
            defaultValue: 'none',
            unsetKeyword: 'none',
            rule: {
                kind: 'pairs',
                separator: ';',
                pairSeparator: '=',
                maxItems: 50,
                maxKeyLength: 128,
                maxValueLength: 80
            },
            required: false,
            description:
                'Agent statuses the softphone bridge panel offers, as the softphone id of each status (softphoneId of update_presence, from the softphone team), an equals sign and the label agents see; pairs separated by semicolons. none offers no status switch in Salesforce.',
            example: 'd6afeaa7-39be-4935-981f-2670215fd887=Available;215fd887-39be-4935-981f-2670d6afeaa7=Break'
        }
    ]
};

const SCREEN_POP: CallCenterSectionDefinition = {
    name: SCREEN_POP_SECTION,
    label: 'Screen Pop',
    sortOrder: 2,
    items: [
        {
            name: 'noMatch',
            label: 'When No Record Matches (newLead, newContact, search or none)',
            sortOrder: 0,
            defaultValue: 'none',
            rule: { kind: 'enum', values: NO_MATCH_BEHAVIOURS },
            required: true,
            description:
                'Inbound call from a number no Lead, Contact or Account of the softphone layout has: newLead or newContact opens a new record form with the number filled in, search opens Salesforce search for the number, none pops nothing.',
            example: 'newContact'
        },
        {
            name: 'multipleMatches',
            label: 'When Several Records Match (search, ask or none)',
            sortOrder: 1,
            defaultValue: 'search',
            rule: { kind: 'enum', values: MULTIPLE_MATCH_BEHAVIOURS },
            required: true,
            description:
                'Inbound call whose number several records share: search opens the search results, ask lets the agent choose in the softphone bridge panel, none pops nothing.',
            example: 'search'
        },
        {
            name: 'popDialpadCalls',
            label: 'Pop Records for Dialpad Calls (true or false)',
            sortOrder: 2,
            defaultValue: 'true',
            rule: { kind: 'boolean' },
            required: true,
            description:
                'true also searches and pops records for outbound calls the agent dials on the softphone dialpad (click-to-dial calls already start from a record).',
            example: 'true'
        }
    ]
};

const LOGGING: CallCenterSectionDefinition = {
    name: LOGGING_SECTION,
    label: 'Call Logging',
    sortOrder: 3,
    items: [
        {
            name: 'dispositionCodes',
            label: 'Disposition Codes (separated by ;, or none)',
            sortOrder: 0,
            defaultValue: 'Resolved;Follow-up needed;Callback requested;No answer;Wrong number',
            unsetKeyword: 'none',
            rule: { kind: 'list', separator: DISPOSITION_SEPARATOR, maxItems: 50, maxItemLength: 255 },
            required: false,
            description:
                'Codes the agent picks from after a call, separated by semicolons; each at most 255 characters (Task Call Result). Sent to the softphone as its disposition list; none sends an empty list.',
            example: 'Resolved;Follow-up needed;Wrong number'
        },
        {
            name: 'logMissedCalls',
            label: 'Log Missed Calls (true or false)',
            sortOrder: 1,
            defaultValue: 'true',
            rule: { kind: 'boolean' },
            required: true,
            description: 'true also logs a Task for incoming calls that rang but were not accepted (callRejected).',
            example: 'true'
        },
        {
            name: 'taskSubject',
            label: 'Task Subject (auto, or a text with {callType}, {number}, {outcome})',
            sortOrder: 2,
            defaultValue: 'auto',
            unsetKeyword: 'auto',
            rule: { kind: 'template', placeholders: TASK_SUBJECT_PLACEHOLDERS, maxLength: 255 },
            required: false,
            description:
                'Subject of the Task logged for each call. auto uses the package subjects ("Inbound call from +1...", "Missed call from +1..."). A text may use placeholders in braces: {callType} (Inbound or Outbound), {number} (the other party), {outcome} (answered, missed, rejected, unanswered or unknown). The result is cut to 255 characters.',
            example: '{callType} call {number} ({outcome})'
        },
        {
            name: 'logFailedAfter',
            label: 'Failed Saves Before a Call Log Shows as Failed (1-10)',
            sortOrder: 3,
            defaultValue: '3',
            rule: { kind: 'integer', min: 1, max: 10 },
            required: true,
            description:
                'After this many failed attempts to save the Task of a call (for example while offline), the softphone bridge panel shows the log as failed so the agent can act. The bridge keeps retrying with growing delays.',
            example: '3'
        },
        {
            name: 'logRetryDelayMs',
            label: 'Delay Before the First Retry (500-60000 ms)',
            sortOrder: 4,
            defaultValue: '2000',
            rule: { kind: 'integer', min: 500, max: 60000, unit: 'ms' },
            required: true,
            description:
                'Milliseconds before the first retry of a failed Task save; each further retry waits twice as long.',
            example: '2000'
        }
    ]
};

const PROTOCOL: CallCenterSectionDefinition = {
    name: PROTOCOL_SECTION,
    label: 'Softphone Protocol',
    sortOrder: 4,
    items: [
        {
            name: 'protocol',
            label: 'Protocol (wrapper or ameyoToolbar)',
            sortOrder: 0,
            defaultValue: 'wrapper',
            rule: { kind: 'enum', values: SOFTPHONE_PROTOCOLS },
            required: true,
            description:
                'wrapper loads the vendor softphone of Vendor Softphone > Softphone URL, which speaks the CCaaS wrapper contract. ameyoToolbar loads the Ameyo generic web toolbar from the Ameyo address below instead (docs/ameyo-toolbar.md); the Vendor Softphone URL and partner ids are then not used.',
            example: 'ameyoToolbar'
        },
        {
            name: 'ameyoBaseUrl',
            label: 'Ameyo Address (https://host:port, for ameyoToolbar)',
            sortOrder: 1,
            defaultValue: PLACEHOLDER_AMEYO_URL,
            defaultIsPlaceholder: true,
            rule: { kind: 'origin' },
            required: false,
            neededFor: 'the ameyoToolbar protocol',
            description:
                'Protocol, host and port of the Ameyo application. The adapter page loads <address>/ameyowebaccess/toolbar/js/ameyo-integration-v<version>.js and frames <address>/ameyowebaccess/toolbar-crm.htm. Ameyo must allow both the Visualforce and the Lightning origins of the org as frame ancestors.',
            example: 'https://ameyo.example.net:8443'
        },
        {
            name: 'ameyoScriptVersion',
            label: 'Ameyo Integration Script Version (as Ameyo gives it, for ameyoToolbar)',
            sortOrder: 2,
            defaultValue: 'not set',
            unsetKeyword: 'not set',
            rule: {
                kind: 'text',
                maxLength: 20,
                pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
                patternHint: 'letters, digits, dots, dashes or underscores, such as 4.2'
            },
            required: false,
            neededFor: 'the ameyoToolbar protocol',
            description:
                'The <file version> of ameyo-integration-v<file version>.js, from Ameyo professional services.',
            example: '4.2'
        },
        {
            name: 'ameyoDialConfirm',
            label: 'Agent Confirms Click-to-Dial in the Ameyo Toolbar (true or false)',
            sortOrder: 3,
            defaultValue: 'false',
            rule: { kind: 'boolean' },
            required: true,
            description:
                'false dials at once (doDial). true only puts the number in the toolbar dial box (populateNumberInDialBox) and the agent starts the call there.',
            example: 'false'
        },
        {
            name: 'ameyoExtensionName',
            label: 'Ameyo Extension Name (or none)',
            sortOrder: 4,
            defaultValue: 'none',
            unsetKeyword: 'none',
            rule: { kind: 'text', maxLength: 80 },
            required: false,
            description:
                'The extension the toolbar binds after login (getExtensionInfo name), for call centers whose agents share one. none lets the agent choose in the toolbar.',
            example: 'sip-1001'
        },
        {
            name: 'ameyoExtensionPhone',
            label: 'Ameyo Extension Endpoint (or none)',
            sortOrder: 5,
            defaultValue: 'none',
            unsetKeyword: 'none',
            rule: { kind: 'text', maxLength: 80 },
            required: false,
            description: 'The endpoint of that extension (getExtensionInfo phone). Used only with an extension name.',
            example: '1001'
        }
    ]
};

/** Adds the not-a-secret sentence to every item outside reqGeneralInfo. */
function withSecretNotice(section: CallCenterSectionDefinition): CallCenterSectionDefinition {
    return {
        ...section,
        items: section.items.map((item) => ({ ...item, description: `${item.description} ${NOT_SECRET}` }))
    };
}

/**
 * The call center this package ships. The calls are marked pure so that a bundle reading only the
 * constants above (the adapter script, through settings.ts) leaves the sections and their help text out.
 */
export const CALL_CENTER: CallCenterDefinition = {
    fullName: CALL_CENTER_NAME,
    sections: [
        GENERAL_INFO,
        /* @__PURE__ */ withSecretNotice(VENDOR),
        /* @__PURE__ */ withSecretNotice(SCREEN_POP),
        /* @__PURE__ */ withSecretNotice(LOGGING),
        /* @__PURE__ */ withSecretNotice(PROTOCOL)
    ]
};

/** Finds an item by section and item name. */
export function findItem(
    definition: CallCenterDefinition,
    sectionName: string,
    itemName: string
): CallCenterItemDefinition | undefined {
    return definition.sections.find((s) => s.name === sectionName)?.items.find((i) => i.name === itemName);
}

/**
 * The flat map `sforce.opencti.getCallCenterSettings` returns for a call center built from this
 * definition, with `values` (keyed `/section/item`) overriding the defaults. Mirrors the shape of the
 * sample in the Open CTI guide ("getCallCenterSettings() for Lightning Experience"): besides
 * `/section/item` it carries `/label`, `/displayNameLabel`, `/internalNameLabel`, `/section/label`,
 * `/section/sortOrder` and `/section/item/label|sortOrder` (sortOrders as "2.0"); reqInternalName and
 * reqDisplayName come without label and sortOrder. For tests and the local workbench's fake Open CTI.
 */
export function toSettingsMap(
    definition: CallCenterDefinition,
    values: Readonly<Record<string, string>> = {}
): Record<string, string> {
    const map: Record<string, string> = {};
    const general = definition.sections.find((s) => s.name === GENERAL_SECTION);
    const itemLabel = (name: string): string => general?.items.find((i) => i.name === name)?.label ?? '';
    map['/displayNameLabel'] = itemLabel('reqDisplayName');
    map['/internalNameLabel'] = itemLabel('reqInternalName');
    for (const section of definition.sections) {
        map[`/${section.name}/label`] = section.label;
        map[`/${section.name}/sortOrder`] = section.sortOrder.toFixed(1);
        for (const item of section.items) {
            const key = `/${section.name}/${item.name}`;
            map[key] = values[key] ?? item.defaultValue;
            if (item.name === 'reqInternalName' || item.name === 'reqDisplayName') continue;
            map[`${key}/label`] = item.label;
            map[`${key}/sortOrder`] = item.sortOrder.toFixed(1);
        }
    }
    map['/label'] = map[`/${GENERAL_SECTION}/reqDisplayName`] ?? '';
    return map;
}

// ---------------------------------------------------------------------------------------------
// Rules of the import format, checked before anything is generated
// ---------------------------------------------------------------------------------------------

/** One broken rule: where, and what is wrong. */
export interface DefinitionProblem {
    /** `section` or `section/item`. */
    readonly path: string;
    readonly message: string;
}

const NAME_PATTERN = /^[A-Za-z0-9]{1,40}$/;
const INTERNAL_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
const RESERVED_NAMES = ['label', 'sortOrder', 'internalNameLabel', 'displayNameLabel'];
const MAX_LABEL_LENGTH = 1000;
/** Items Lightning needs in reqGeneralInfo, with the value each must have where it is fixed. */
const REQUIRED_GENERAL_ITEMS: Readonly<Record<string, string | null>> = {
    reqInternalName: null,
    reqDisplayName: null,
    reqAdapterUrl: null,
    reqUseApi: 'true',
    reqSoftphoneHeight: null,
    reqSoftphoneWidth: null,
    reqSalesforceCompatibilityMode: null
};
const FIXED_SORT_ORDERS: Readonly<Record<string, number>> = { reqInternalName: 0, reqDisplayName: 1 };

function isReserved(name: string): boolean {
    return /^req/i.test(name) || RESERVED_NAMES.some((r) => r.toLowerCase() === name.toLowerCase());
}

function checkSortOrders(path: string, what: string, orders: readonly number[], problems: DefinitionProblem[]): void {
    const sorted = [...orders].sort((a, b) => a - b);
    const contiguous = sorted.every((order, index) => order === index);
    if (!contiguous) {
        problems.push({
            path,
            message: `${what} sortOrders must be 0, 1, 2 ... with no gaps or repeats; found ${orders.join(', ')}.`
        });
    }
}

function checkName(path: string, name: string, inGeneralInfo: boolean, problems: DefinitionProblem[]): void {
    if (!NAME_PATTERN.test(name)) {
        problems.push({ path, message: `Name "${name}" must be 1 to 40 letters or digits, no spaces or punctuation.` });
    }
    if (!inGeneralInfo && isReserved(name)) {
        problems.push({
            path,
            message: `Name "${name}" is reserved: "req" names belong to Salesforce's reqGeneralInfo, and label, sortOrder, internalNameLabel, displayNameLabel are reserved words.`
        });
    }
}

function checkLabel(path: string, label: string, problems: DefinitionProblem[]): void {
    if (label.trim() === '' || label.length > MAX_LABEL_LENGTH) {
        problems.push({ path, message: `Label must be 1 to ${MAX_LABEL_LENGTH} characters.` });
    }
}

function checkGeneralInfo(definition: CallCenterDefinition, problems: DefinitionProblem[]): void {
    const general = definition.sections.find((s) => s.name === GENERAL_SECTION);
    if (!general) {
        problems.push({ path: GENERAL_SECTION, message: 'The reqGeneralInfo section is missing.' });
        return;
    }
    if (general.sortOrder !== 0) {
        problems.push({ path: GENERAL_SECTION, message: 'reqGeneralInfo must have sortOrder 0.' });
    }
    for (const [name, fixedValue] of Object.entries(REQUIRED_GENERAL_ITEMS)) {
        const item = general.items.find((i) => i.name === name);
        if (!item) {
            problems.push({ path: `${GENERAL_SECTION}/${name}`, message: `Required item ${name} is missing.` });
        } else if (fixedValue !== null && item.defaultValue !== fixedValue) {
            problems.push({ path: `${GENERAL_SECTION}/${name}`, message: `${name} must be "${fixedValue}".` });
        }
    }
    for (const [name, order] of Object.entries(FIXED_SORT_ORDERS)) {
        const item = general.items.find((i) => i.name === name);
        if (item && item.sortOrder !== order) {
            problems.push({ path: `${GENERAL_SECTION}/${name}`, message: `${name} must have sortOrder ${order}.` });
        }
    }
    const internalName = general.items.find((i) => i.name === 'reqInternalName')?.defaultValue ?? '';
    if (!INTERNAL_NAME_PATTERN.test(internalName)) {
        problems.push({
            path: `${GENERAL_SECTION}/reqInternalName`,
            message: `"${internalName}" must be 1 to 40 letters or digits and start with a letter.`
        });
    }
    if (internalName !== definition.fullName) {
        problems.push({
            path: `${GENERAL_SECTION}/reqInternalName`,
            message: `reqInternalName "${internalName}" must equal the metadata name "${definition.fullName}".`
        });
    }
    const displayName = general.items.find((i) => i.name === 'reqDisplayName')?.defaultValue ?? '';
    if (displayName.trim() === '' || displayName.length > 1000) {
        problems.push({
            path: `${GENERAL_SECTION}/reqDisplayName`,
            message: 'reqDisplayName must be 1 to 1000 characters.'
        });
    }
    const mode = general.items.find((i) => i.name === 'reqSalesforceCompatibilityMode')?.defaultValue;
    if (mode !== undefined && mode !== 'Lightning' && mode !== 'Classic_and_Lightning') {
        problems.push({
            path: `${GENERAL_SECTION}/reqSalesforceCompatibilityMode`,
            message: 'Must be Lightning or Classic_and_Lightning, or the softphone stays blank in Lightning Experience.'
        });
    }
    const hasStandby = general.items.some((i) => i.name === 'reqStandbyUrl');
    const hasTimeout = general.items.some((i) => i.name === 'reqTimeout');
    if (hasStandby !== hasTimeout) {
        problems.push({
            path: GENERAL_SECTION,
            message: 'reqStandbyUrl and reqTimeout go together: define both or neither.'
        });
    }
}

/**
 * Checks a definition against the import-format rules and the Lightning requirements.
 * Returns every problem found (empty when the definition may be generated).
 */
export function checkDefinition(definition: CallCenterDefinition): DefinitionProblem[] {
    const problems: DefinitionProblem[] = [];
    checkSortOrders(
        '(call center)',
        'Section',
        definition.sections.map((s) => s.sortOrder),
        problems
    );
    const seenSections = new Set<string>();
    for (const section of definition.sections) {
        const inGeneralInfo = section.name === GENERAL_SECTION;
        if (seenSections.has(section.name)) {
            problems.push({ path: section.name, message: `Section name "${section.name}" is used twice.` });
        }
        seenSections.add(section.name);
        checkName(section.name, section.name, inGeneralInfo, problems);
        checkLabel(section.name, section.label, problems);
        if (section.items.length === 0) {
            problems.push({ path: section.name, message: 'A section needs at least one item.' });
        }
        checkSortOrders(
            section.name,
            'Item',
            section.items.map((i) => i.sortOrder),
            problems
        );
        const seenItems = new Set<string>();
        for (const item of section.items) {
            const path = `${section.name}/${item.name}`;
            if (seenItems.has(item.name)) {
                problems.push({ path, message: `Item name "${item.name}" is used twice in ${section.name}.` });
            }
            seenItems.add(item.name);
            checkName(path, item.name, inGeneralInfo, problems);
            checkLabel(path, item.label, problems);
            if (item.defaultValue.trim() === '') {
                problems.push({
                    path,
                    message:
                        'Every item needs a non-blank default (the Metadata API requires a value); use unsetKeyword for "not set".'
                });
            }
            if (item.description.trim() === '') problems.push({ path, message: 'Every item needs a description.' });
            if (item.example.trim() === '') problems.push({ path, message: 'Every item needs an example value.' });
        }
    }
    checkGeneralInfo(definition, problems);
    return problems;
}
