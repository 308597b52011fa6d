/**
 * The URL call pop's contract (issue 14), one source for both entry points:
 * - the `lightning__UrlAddressable` component `callPop` reads these `c__` parameters from its
 *   CurrentPageReference (`/lightning/cmp/c__callPop?c__event=ring&c__phone=…`);
 * - the Visualforce page `CallPop` (script: src/resources/callPop.ts) translates a vendor's own
 *   parameter names (`/apex/CallPop?profile=puzzel&anum=…`) into them with a profile's mapping.
 *
 * Lightning passes only namespaced parameters to a URL-addressable component ("Parameters without
 * a namespace are reserved for Salesforce use"; LWC guide, use-navigate-add-params-url), and every
 * value is a string the component parses. Every value here is validated and length-capped once,
 * and is only ever shown as text. Pure, no `lwc`.
 */
import { numberOfAddress } from 'c/phoneNumbers';
import { readDuration } from 'c/softphoneFormat';

/** The component's page reference name and URL path. */
export const CALL_POP_COMPONENT = 'c__callPop';
export const CALL_POP_PATH = '/lightning/cmp/c__callPop';

/** The normalized call values, by the name a profile's mapping uses. */
export const CALL_FIELDS = ['event', 'phone', 'callId', 'duration', 'disposition', 'queue', 'agent'] as const;
export type CallField = (typeof CALL_FIELDS)[number];

/**
 * The `c__` parameters. The first eight are the vendor-facing contract (a vendor that can name its
 * URL variables may pop the component directly); `c__taskId`, `c__logError` and `c__logDetail` are set only by the
 * CallPop page after it logged a hang-up, `c__noMatch` / `c__multipleMatches` carry the admin's pop
 * choices from the custom setting (the component cannot read custom settings without Apex).
 */
export const PARAM = {
    event: 'c__event',
    phone: 'c__phone',
    callId: 'c__callId',
    duration: 'c__duration',
    disposition: 'c__disposition',
    queue: 'c__queue',
    agent: 'c__agent',
    profile: 'c__profile',
    taskId: 'c__taskId',
    logError: 'c__logError',
    logDetail: 'c__logDetail',
    noMatch: 'c__noMatch',
    multipleMatches: 'c__multipleMatches'
} as const;

/** Longest value kept per parameter (Task.CallObject and CallDisposition are string(255)). */
export const LIMITS = {
    phone: 40,
    callId: 255,
    disposition: 255,
    queue: 80,
    agent: 80,
    profile: 40,
    /** The org's refusal of the Task, shown to the agent. */
    logDetail: 255,
    /** Longest duration accepted, in seconds (a day). */
    durationSeconds: 86_400,
    /** A raw value longer than this is dropped unread, not truncated. */
    raw: 2_000
} as const;

export type CallPopEvent = 'ring' | 'hangup';
/** What a ring with no matching record does: the softphone's Screen Pop choices (src/callCenter/definition.ts). */
export const NO_MATCH_CHOICES = ['newLead', 'newContact', 'search', 'none'] as const;
export type NoMatchChoice = (typeof NO_MATCH_CHOICES)[number];
/** What a ring with several matching records does. */
export const MULTIPLE_MATCH_CHOICES = ['search', 'ask', 'none'] as const;
export type MultipleMatchChoice = (typeof MULTIPLE_MATCH_CHOICES)[number];
/** Why the CallPop page could not log a hang-up (the component says what to do). */
export const LOG_ERRORS = ['session', 'access', 'failed', 'noCallId'] as const;
export type LogError = (typeof LOG_ERRORS)[number];

/** A validated pop. Absent fields were missing or invalid. */
export interface CallPop {
    event: CallPopEvent;
    phone?: string;
    callId?: string;
    durationSeconds?: number;
    disposition?: string;
    queue?: string;
    agent?: string;
    profile?: string;
    taskId?: string;
    logError?: LogError;
    /** What the org said when it refused the Task (a validation rule's message, say). */
    logDetail?: string;
    noMatch?: NoMatchChoice;
    multipleMatches?: MultipleMatchChoice;
}

/** A pop and the parameter names that were present but refused (for a developer warning). */
export interface ReadResult {
    pop: CallPop;
    refused: string[];
}

// Control characters, bidi overrides and other format characters are never kept: values are shown
// as text, and a right-to-left override would make a number read differently than it is.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;
const PHONE = /^\+?[0-9A-Za-z()\-./ #*,;=]+$/;
const PROFILE = /^[a-z][a-z0-9_]*$/;
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
/** An org's refusal as the REST API words it: `ERROR_CODE: message`. */
const ORG_ERROR = /^[A-Z][A-Z0-9_]{2,79}: \S/;
const RING_WORDS = new Set([
    'ring',
    'ringing',
    'alert',
    'alerting',
    'offer',
    'offered',
    'incoming',
    'start',
    'started',
    'new',
    'arrived'
]);
const HANGUP_WORDS = new Set([
    'hangup',
    'hungup',
    'end',
    'ended',
    'ends',
    'disconnect',
    'disconnected',
    'release',
    'released',
    'complete',
    'completed',
    'wrap',
    'wrapup',
    'terminate',
    'terminated',
    'finish',
    'finished'
]);

/** Text as shown: unsafe characters removed, whitespace collapsed, trimmed, capped; undefined when empty or oversized. */
export function cleanText(raw: unknown, max: number): string | undefined {
    if (typeof raw !== 'string' || raw.length > LIMITS.raw) return undefined;
    const text = raw.replace(UNSAFE_CHARS, ' ').replace(/\s+/g, ' ').trim();
    if (!text) return undefined;
    return Array.from(text).slice(0, max).join('');
}

/**
 * `ring` or `hangup` from a vendor's words for it, in any case and spelling: `Hang-Up`, `hang up`,
 * `CallEnded`, `END_CALL`, `wrap_up`, `terminated`. A hang-up word anywhere wins (`call_ended`);
 * undefined when neither kind of word is there.
 */
export function normalizeEvent(raw: unknown): CallPopEvent | undefined {
    const text = cleanText(raw, 40);
    if (!text) return undefined;
    const joined = text.toLowerCase().replace(/[^a-z]/g, '');
    const words = text
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter(Boolean);
    if (HANGUP_WORDS.has(joined) || words.some((word) => HANGUP_WORDS.has(word))) return 'hangup';
    if (RING_WORDS.has(joined) || words.some((word) => RING_WORDS.has(word))) return 'ring';
    return undefined;
}

/**
 * A phone number as the vendor wrote it, if it looks like one (3+ digits, phone characters only,
 * ≤ 40); a `tel:`, `sip:` or `callto:` address gives its number (`sip:+4722334455@pbx` → `+4722334455`).
 */
export function normalizePhone(raw: unknown): string | undefined {
    const cleaned = cleanText(raw, LIMITS.raw);
    const text = cleaned === undefined ? undefined : numberOfAddress(cleaned);
    if (!text || text.length > LIMITS.phone || !PHONE.test(text)) return undefined;
    return (text.match(/\d/g) ?? []).length >= 3 ? text : undefined;
}

/**
 * Whole seconds from `95`, `95.4`, `95,4`, `95s`, `95 sec`, `1:35` or `00:01:35`; undefined when
 * negative, over a day or not a duration.
 */
export function normalizeDuration(raw: unknown): number | undefined {
    const text = cleanText(raw, 20);
    const seconds = text === undefined ? undefined : readDuration(text);
    return seconds !== undefined && seconds <= LIMITS.durationSeconds ? Math.floor(seconds) : undefined;
}

function choice<T extends string>(raw: unknown, values: readonly T[]): T | undefined {
    return typeof raw === 'string' && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

/** The call id a Task's CallObject holds: printable text without spaces at the ends, ≤ 255. */
export function normalizeCallId(raw: unknown): string | undefined {
    return cleanText(raw, LIMITS.callId);
}

/** How each call field's value is read (undefined: not usable, and refused). */
const CALL_FIELD_READERS = {
    event: normalizeEvent,
    phone: normalizePhone,
    callId: normalizeCallId,
    duration: normalizeDuration,
    disposition: (raw: unknown) => cleanText(raw, LIMITS.disposition),
    queue: (raw: unknown) => cleanText(raw, LIMITS.queue),
    agent: (raw: unknown) => cleanText(raw, LIMITS.agent)
} satisfies Record<CallField, (raw: unknown) => unknown>;

/**
 * Reads a CurrentPageReference `state` (or any string map) into a pop. Unknown keys are ignored;
 * a known key with an invalid value is left out and named in `refused`. Never throws.
 */
export function readCallPop(state: unknown): ReadResult {
    const source = (state && typeof state === 'object' ? state : {}) as Record<string, unknown>;
    const refused: string[] = [];
    const get = <T>(name: string, parse: (raw: unknown) => T | undefined): T | undefined => {
        const raw = Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
        if (raw === undefined || raw === null || raw === '') return undefined;
        const value = parse(raw);
        if (value === undefined) refused.push(name);
        return value;
    };
    // No event word we know, but a usable duration or result: the call has ended.
    const ended =
        CALL_FIELD_READERS.duration(source[PARAM.duration]) !== undefined ||
        CALL_FIELD_READERS.disposition(source[PARAM.disposition]) !== undefined;
    const event = get(PARAM.event, CALL_FIELD_READERS.event) ?? (ended ? 'hangup' : 'ring');
    const pop: CallPop = { event };
    const set = <K extends keyof CallPop>(key: K, value: CallPop[K] | undefined): void => {
        if (value !== undefined) pop[key] = value;
    };
    set('phone', get(PARAM.phone, CALL_FIELD_READERS.phone));
    set('callId', get(PARAM.callId, CALL_FIELD_READERS.callId));
    set('durationSeconds', get(PARAM.duration, CALL_FIELD_READERS.duration));
    set('disposition', get(PARAM.disposition, CALL_FIELD_READERS.disposition));
    set('queue', get(PARAM.queue, CALL_FIELD_READERS.queue));
    set('agent', get(PARAM.agent, CALL_FIELD_READERS.agent));
    set(
        'profile',
        get(PARAM.profile, (raw) => {
            const text = cleanText(raw, LIMITS.profile)?.toLowerCase();
            return text && PROFILE.test(text) ? text : undefined;
        })
    );
    set(
        'taskId',
        get(PARAM.taskId, (raw) => (typeof raw === 'string' && RECORD_ID.test(raw) ? raw : undefined))
    );
    set(
        'logError',
        get(PARAM.logError, (raw) => choice(raw, LOG_ERRORS))
    );
    set(
        'logDetail',
        get(PARAM.logDetail, (raw) => {
            // Only what the CallPop page writes: an org error code and its message.
            const text = cleanText(raw, LIMITS.logDetail);
            return text && ORG_ERROR.test(text) ? text : undefined;
        })
    );
    set(
        'noMatch',
        get(PARAM.noMatch, (raw) => choice(raw, NO_MATCH_CHOICES))
    );
    set(
        'multipleMatches',
        get(PARAM.multipleMatches, (raw) => choice(raw, MULTIPLE_MATCH_CHOICES))
    );
    return { pop, refused };
}

/** The `c__` state for a pop (only the fields it has), e.g. for a PageReference or a URL. */
export function toState(pop: CallPop): Record<string, string> {
    const state: Record<string, string> = { [PARAM.event]: pop.event };
    const put = (name: string, value: string | number | undefined): void => {
        if (value !== undefined) state[name] = String(value);
    };
    put(PARAM.phone, pop.phone);
    put(PARAM.callId, pop.callId);
    put(PARAM.duration, pop.durationSeconds);
    put(PARAM.disposition, pop.disposition);
    put(PARAM.queue, pop.queue);
    put(PARAM.agent, pop.agent);
    put(PARAM.profile, pop.profile);
    put(PARAM.taskId, pop.taskId);
    put(PARAM.logError, pop.logError);
    put(PARAM.logDetail, pop.logDetail);
    put(PARAM.noMatch, pop.noMatch);
    put(PARAM.multipleMatches, pop.multipleMatches);
    return state;
}

/** The component's URL path and query for a pop: always our own component, never anything a vendor named. */
export function callPopPath(pop: CallPop): string {
    const query = Object.entries(toState(pop))
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
        .join('&');
    return `${CALL_POP_PATH}?${query}`;
}

// ---------------------------------------------------------------------------------------------
// Profiles: a vendor's parameter names → the normalized call fields (used by the CallPop page)

/** A profile's mapping: for each call field, the vendor parameter names to read, first present wins. */
export type ProfileMapping = Partial<Record<CallField, string[]>>;

/** The profiles shipped; any other `profile` value uses `generic`. */
export const PROFILES = ['puzzel', 'ameyo', 'generic'] as const;
export type ProfileName = (typeof PROFILES)[number];

/**
 * Built-in mappings, used when the profile's field of the custom setting is empty. Format (also
 * what an admin types into Call_Pop_Settings__c): `field=name|otherName; field=name`, vendor names
 * matched case-insensitively.
 * - puzzel: seed 003's variables (`anum` the caller, `queue_key` the queue; `customerNumber` from its
 *   URL example); Puzzel pops on ring and on hang-up, so each pop URL carries `event=ring|hangup`.
 * - ameyo: seed 001's incoming/outgoing call URL (`phone`, `displayPhone`, `crtObjectId` the call,
 *   `interactionId`, `campaignId`, `userId`); its call URL opens when a call arrives, so no event
 *   means ring. Seed 001's text is lower-cased; matching is case-insensitive for that reason.
 * - generic: the normalized names without `c__`.
 */
export const DEFAULT_MAPPINGS: Readonly<Record<ProfileName, string>> = {
    puzzel: 'event=event; phone=anum|customerNumber; callId=callid|callId; queue=queue_key; agent=agent; duration=duration; disposition=disposition',
    ameyo: 'event=event; phone=phone|displayPhone; callId=crtObjectId|interactionId; queue=campaignId; agent=userId; duration=duration; disposition=disposition',
    generic:
        'event=event; phone=phone; callId=callId; duration=duration; disposition=disposition; queue=queue; agent=agent'
};

/**
 * Vendor parameters that are never read, whatever a mapping says: credentials and session ids
 * (Ameyo's `sessionId`, `crmSessionId` and `userCrtObjectId` authorize its REST API, seed 001).
 */
export const SECRET_PARAMETERS: ReadonlySet<string> = new Set([
    'sessionid',
    'session_id',
    'crmsessionid',
    'usercrtobjectid',
    'usercrtobjectids',
    'authorization',
    'token',
    'access_token',
    'accesstoken',
    'password',
    'secret',
    'apikey',
    'api_key',
    'sid'
]);

const VENDOR_NAME = /^[A-Za-z0-9_.\-[\]]{1,64}$/;

/** A mapping text parsed; entries that cannot be used are named in `problems` and skipped. */
export function parseMapping(text: string | null | undefined): { mapping: ProfileMapping; problems: string[] } {
    const mapping: ProfileMapping = {};
    const problems: string[] = [];
    for (const entry of (text ?? '').slice(0, LIMITS.raw).split(/[;\n]+/)) {
        const trimmed = entry.trim();
        if (!trimmed) continue;
        const [field, names] = trimmed.split('=', 2).map((part) => part.trim());
        if (!field || names === undefined || !(CALL_FIELDS as readonly string[]).includes(field)) {
            problems.push(`"${trimmed.slice(0, 60)}" is not field=name (fields: ${CALL_FIELDS.join(', ')})`);
            continue;
        }
        const list: string[] = [];
        for (const name of names.split('|').map((part) => part.trim())) {
            if (!VENDOR_NAME.test(name)) problems.push(`"${name.slice(0, 60)}" is not a parameter name`);
            else if (SECRET_PARAMETERS.has(name.toLowerCase()))
                problems.push(`"${name}" carries a credential and is never passed on`);
            else list.push(name);
        }
        if (list.length > 0) mapping[field as CallField] = list;
    }
    return { mapping, problems };
}

/** The profile a `profile` parameter names (case-insensitive); anything else is generic. */
export function profileName(raw: unknown): ProfileName {
    const name = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
    return (PROFILES as readonly string[]).includes(name) ? (name as ProfileName) : 'generic';
}

/** The mapping in force for a profile: the admin's text when it parses to something, else the default. */
export function mappingFor(
    profile: ProfileName,
    configured: Partial<Record<ProfileName, string | null | undefined>>
): { mapping: ProfileMapping; problems: string[]; source: 'setting' | 'default' } {
    const text = configured[profile]?.trim();
    if (text) {
        const parsed = parseMapping(text);
        if (Object.keys(parsed.mapping).length > 0) return { ...parsed, source: 'setting' };
        return {
            mapping: parseMapping(DEFAULT_MAPPINGS[profile]).mapping,
            problems: parsed.problems,
            source: 'default'
        };
    }
    return { ...parseMapping(DEFAULT_MAPPINGS[profile]), source: 'default' };
}

/** Settings the CallPop page reads from Call_Pop_Settings__c (all optional). */
export interface PopSettings {
    mappings?: Partial<Record<ProfileName, string | null | undefined>>;
    noMatch?: string | null;
    multipleMatches?: string | null;
}

/**
 * The pop a vendor's URL parameters describe, translated with the profile's mapping: only mapped
 * names and the package's own `c__` names are read (case-insensitively), secrets never, and every
 * value is validated like a `c__` parameter. `params` is the page's query as name/value pairs (first occurrence of a name wins).
 */
export function translateVendorParams(
    params: Iterable<[string, string]>,
    settings: PopSettings = {}
): { pop: CallPop; refused: string[]; problems: string[] } {
    const byName = new Map<string, string>();
    let count = 0;
    for (const [name, value] of params) {
        if (++count > 200) break;
        const key = name.toLowerCase();
        if (!byName.has(key)) byName.set(key, value);
    }
    const profile = profileName(byName.get('profile'));
    const { mapping, problems } = mappingFor(profile, settings.mappings ?? {});
    const state: Record<string, string> = { [PARAM.profile]: profile };
    for (const field of CALL_FIELDS) {
        // The first of the mapped names whose value is usable; else the first given (refused, and named).
        // The package's own c__ name is read last, whatever the admin mapped: the component hands a
        // call to the page with it (callPop/pageRefs.ts, logPageUrl).
        const given = [...(mapping[field] ?? []), PARAM[field]]
            .map((name) => byName.get(name.toLowerCase()))
            .filter((value): value is string => value !== undefined && value !== '');
        const value = given.find((candidate) => CALL_FIELD_READERS[field](candidate) !== undefined) ?? given[0];
        if (value !== undefined) state[PARAM[field]] = value;
    }
    const noMatch = choice(settings.noMatch ?? undefined, NO_MATCH_CHOICES);
    if (noMatch) state[PARAM.noMatch] = noMatch;
    const multipleMatches = choice(settings.multipleMatches ?? undefined, MULTIPLE_MATCH_CHOICES);
    if (multipleMatches) state[PARAM.multipleMatches] = multipleMatches;
    const { pop, refused } = readCallPop(state);
    return { pop, refused, problems };
}
