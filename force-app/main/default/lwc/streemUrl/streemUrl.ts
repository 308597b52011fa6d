/**
 * c/streemUrl: Streem Embed URLs from Salesforce data, as pure functions (no `lwc` or
 * platform imports), so LWCs, Node scripts and tests share one implementation.
 *
 * Specification: Streem's "Embedding Streem into a CRM" (shared/seeds/000_*): the `/embed`
 * page takes `name`, `phone`, `refId`, `source`, `callingCode` and `redirect`; the
 * `/streems?refId=` page is the call log for a reference ID.
 */
import { isCallingCode, matchCallingCode, numberOfAddress, parsePhoneNumber } from 'c/phoneNumbers';

export { matchCallingCode };

/** What went wrong, for code that maps errors to (translated) custom labels. */
export type StreemErrorCode =
    | 'BASE_URL_MISSING'
    | 'BASE_URL_INVALID'
    | 'BASE_URL_PLACEHOLDER'
    | 'REDIRECT_INVALID'
    | 'CALLING_CODE_INVALID'
    | 'TEMPLATE_INVALID'
    | 'PHONE_INVALID';

/**
 * A configuration or input error. `message` is English for developers and logs; `property`,
 * `value` and `example` let a component show a translated, admin-actionable message.
 */
export class StreemUrlError extends Error {
    readonly code: StreemErrorCode;
    /** The App Builder property or parameter at fault, e.g. `baseUrl`. */
    readonly property: string;
    /** The offending value as given (possibly shortened). */
    readonly value: string;
    /** A good value for that property. */
    readonly example: string;

    constructor(code: StreemErrorCode, property: string, value: unknown, problem: string, example: string) {
        const shown = describeValue(value);
        super(`Streem: ${property} ${problem} (got ${shown || 'nothing'}). Example of a good value: ${example}`);
        this.name = 'StreemUrlError';
        this.code = code;
        this.property = property;
        this.value = shown;
        this.example = example;
    }
}

/** The label default: a clearly fake company subdomain, detected so it is never framed. */
export const PLACEHOLDER_BASE_URL = 'https://yourcompany.streempro.app';
/** Placeholder hosts from our label and from Streem's own examples. */
const PLACEHOLDER_HOSTS = new Set([
    'yourcompany.streempro.app',
    'yourcompanycodehere.streempro.app',
    'yourcompanynamehere.streempro.app'
]);
const BASE_URL_EXAMPLE = 'https://acme.streempro.app';
const REDIRECT_EXAMPLE = 'streems, call, or https://example.com/after-call';
const TEMPLATE_EXAMPLE = '{{FirstName}} {{LastName}}';

/** The keyword for "redirect to the call log for the same refId" (Streem's "power user play"). */
export const REDIRECT_STREEMS = 'streems';
/** Streem's own keyword: after the call, show the call details page. */
export const REDIRECT_CALL = 'call';
/** Streem's default calling code when none is sent. */
export const DEFAULT_CALLING_CODE = '+1';

/** Why a phone number cannot be used. */
export type PhoneProblem = 'missing' | 'characters' | 'length' | 'unknownCallingCode';

const PHONE_PROBLEMS: Record<PhoneProblem, string> = {
    missing: 'is empty',
    characters: 'may only contain digits, spaces, ( ) - . / and a leading +',
    length: 'has too few or too many digits for a phone number in that country',
    unknownCallingCode: 'starts with + but not with a known country calling code'
};

/** Inputs of the `/embed` page; blank optional values are left out of the URL. */
export interface EmbedUrlParams {
    /** Streem origin, e.g. https://acme.streempro.app (a trailing slash is fine). */
    baseUrl: string;
    /** Display name of the person invited. */
    name?: string | null;
    /** Phone for the SMS invite: national digits, a formatted number, or +<code> international. */
    phone?: string | null;
    /** Reference ID shared by the calls of one record, e.g. the record Id. */
    refId?: string | null;
    /** Source from the Streem account manager, e.g. SFDC. */
    source?: string | null;
    /** Calling code such as +44 for a national phone; a phone written +<code> keeps its own. */
    callingCode?: string | null;
    /** Blank, `call`, `streems`, or an absolute http(s) URL. */
    redirect?: string | null;
}

/** Inputs of the `/streems` call log page. */
export interface CallLogUrlParams {
    baseUrl: string;
    refId?: string | null;
}

/**
 * The Streem `/embed` URL for an invite. Throws StreemUrlError for a bad baseUrl, redirect,
 * callingCode or phone.
 */
export function buildEmbedUrl(params: EmbedUrlParams): string {
    const base = normalizeBaseUrl(params.baseUrl);
    const refId = blankToUndefined(params.refId);
    let callingCode = normalizeCallingCode(params.callingCode);
    let phone: string | undefined;
    if (!isBlank(params.phone)) {
        const parsed = parsePhone(params.phone, callingCode);
        if (!parsed.ok) {
            throw new StreemUrlError(
                'PHONE_INVALID',
                'phone',
                params.phone,
                PHONE_PROBLEMS[parsed.reason],
                '(503) 555-1212 or +44 20 7946 0958'
            );
        }
        phone = parsed.phone;
        callingCode = parsed.callingCode;
    }
    const query = toQuery([
        ['name', blankToUndefined(params.name)],
        ['phone', phone],
        ['refId', refId],
        ['source', blankToUndefined(params.source)],
        ['callingCode', callingCode],
        ['redirect', redirectValue(params.redirect, base, refId)]
    ]);
    return `${base}/embed${query}`;
}

/**
 * The Streem call log URL, `/streems?refId=...`. A blank refId gives the unfiltered `/streems`
 * page (the agent's call log), used where there is no record.
 */
export function buildCallLogUrl(params: CallLogUrlParams): string {
    const base = normalizeBaseUrl(params.baseUrl);
    return `${base}/streems${toQuery([['refId', blankToUndefined(params.refId)]])}`;
}

/** The page reference that opens the streemCallLog component (lightning__UrlAddressable). */
export function buildCallLogPageReference(refId: string): {
    type: 'standard__component';
    attributes: { componentName: string };
    state: { c__refId: string };
} {
    return {
        type: 'standard__component',
        attributes: { componentName: 'c__streemCallLog' },
        state: { c__refId: refId }
    };
}

// ---------------------------------------------------------------------------------------
// Base URL

/** The origin of an https Streem base URL, without a trailing slash. */
export function normalizeBaseUrl(baseUrl: string | null | undefined): string {
    const value = (baseUrl ?? '').trim();
    if (!value) {
        throw new StreemUrlError('BASE_URL_MISSING', 'baseUrl', baseUrl, 'is empty', BASE_URL_EXAMPLE);
    }
    const url = parseAbsoluteUrl(value);
    const isOrigin =
        url !== undefined &&
        (url.protocol === 'https:' || isLoopbackHttp(url)) &&
        url.hostname !== '' &&
        url.username === '' &&
        url.password === '' &&
        url.pathname === '/' &&
        url.search === '' &&
        url.hash === '' &&
        // URL() would accept "https:host" or a trailing "?" / "#"; the admin meant something else.
        /^https?:\/\/[^/?#\s]+\/?$/i.test(value);
    if (!isOrigin) {
        throw new StreemUrlError(
            'BASE_URL_INVALID',
            'baseUrl',
            baseUrl,
            'must be an https address with no path, query or fragment',
            BASE_URL_EXAMPLE
        );
    }
    return url.origin;
}

/**
 * Plain http is accepted only on loopback (127.0.0.1, [::1], localhost), which browsers treat as a
 * secure context (W3C Secure Contexts, "potentially trustworthy origin"): a local Streem stand-in,
 * never a real deployment, where camera and microphone would be refused over http.
 */
function isLoopbackHttp(url: URL): boolean {
    return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname.toLowerCase());
}

/** True for the shipped placeholder address (and Streem's own documentation placeholders). */
export function isPlaceholderBaseUrl(baseUrl: string | null | undefined): boolean {
    const url = parseAbsoluteUrl((baseUrl ?? '').trim());
    return url !== undefined && PLACEHOLDER_HOSTS.has(url.hostname.toLowerCase());
}

/**
 * The base URL a component should use: its App Builder value, else the org-wide custom label.
 * Unlike normalizeBaseUrl it also rejects the placeholder, so nobody frames a fake address.
 */
export function resolveBaseUrl(configured: string | null | undefined, fallback: string | null | undefined): string {
    const chosen = isBlank(configured) ? fallback : configured;
    const base = normalizeBaseUrl(chosen);
    if (isPlaceholderBaseUrl(base)) {
        throw new StreemUrlError(
            'BASE_URL_PLACEHOLDER',
            'baseUrl',
            chosen,
            'is still the placeholder; set the custom label Streem_Base_Url (or this property) to your Streem address',
            BASE_URL_EXAMPLE
        );
    }
    return base;
}

// ---------------------------------------------------------------------------------------
// Redirect

/** A checked redirect setting. */
export type Redirect = { kind: 'none' } | { kind: 'call' } | { kind: 'streems' } | { kind: 'url'; url: string };

/**
 * Checks a redirect setting: blank, `call`, `streems` or an absolute https URL (the frame goes there
 * after the call, and Lightning's CSP frames https only; another origin also needs a trusted URL).
 * An http URL, as in Streem's own "power user" example, is sent as https.
 */
export function normalizeRedirect(redirect: string | null | undefined): Redirect {
    const value = (redirect ?? '').trim();
    if (!value) return { kind: 'none' };
    const keyword = value.toLowerCase();
    if (keyword === REDIRECT_CALL) return { kind: 'call' };
    if (keyword === REDIRECT_STREEMS) return { kind: 'streems' };
    const url = parseAbsoluteUrl(value);
    // Only real web URLs: never javascript:, data: or a relative path that Streem would resolve
    // against its own origin; and https, since Lightning's CSP would refuse to frame plain http.
    if (url && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname && /^https?:\/\//i.test(value)) {
        return { kind: 'url', url: value.replace(/^https?:/i, 'https:') };
    }
    throw new StreemUrlError(
        'REDIRECT_INVALID',
        'redirect',
        redirect,
        'must be blank, "call", "streems" or an absolute https URL',
        REDIRECT_EXAMPLE
    );
}

function redirectValue(
    redirect: string | null | undefined,
    base: string,
    refId: string | undefined
): string | undefined {
    const checked = normalizeRedirect(redirect);
    if (checked.kind === 'url') return checked.url;
    if (checked.kind === 'call') return REDIRECT_CALL;
    if (checked.kind === 'streems') return buildCallLogUrl({ baseUrl: base, refId });
    return undefined;
}

// ---------------------------------------------------------------------------------------
// Phone and calling code

/** A calling code as Streem expects it (`+44`), or undefined when blank. Throws when unknown. */
export function normalizeCallingCode(callingCode: string | null | undefined): string | undefined {
    const value = (callingCode ?? '').trim();
    if (!value) return undefined;
    const digits = /^\+?\s*(\d{1,4})$/.exec(value)?.[1];
    if (digits === undefined || !isCallingCode(digits)) {
        throw new StreemUrlError(
            'CALLING_CODE_INVALID',
            'callingCode',
            callingCode,
            'is not a country calling code',
            '+44'
        );
    }
    return `+${digits}`;
}

/** A phone number split for Streem, or why it cannot be. */
export type PhoneResult =
    { ok: true; phone: string; callingCode: string | undefined } | { ok: false; reason: PhoneProblem };

/**
 * Splits a phone number into Streem's `phone` (national digits) and `callingCode`.
 * `(503) 555-1212` gives 5035551212; `+44 20 7946 0958` gives +44 and 2079460958 (longest
 * calling-code prefix match). A national trunk prefix is dropped where the country's numbering
 * plan says so (`1-503-555-1212`, `020 7946 0958` with +44, `+44 (0)20 ...`), and the length must
 * fit that plan. `callingCode` is the default for national numbers only: a number written with its
 * own `+<code>` keeps it. With no default, Streem assumes +1, so a national number is checked as a
 * +1 number.
 */
export function parsePhone(raw: string | null | undefined, callingCode?: string): PhoneResult {
    // A tel: or sip: address is read as its number; an extension and any dash are c/phoneNumbers' to drop.
    const value = numberOfAddress((raw ?? '').trim());
    if (!value) return { ok: false, reason: 'missing' };
    if (value.startsWith('+') && matchCallingCode(value.replace(/\D/g, '')) === undefined) {
        return { ok: false, reason: 'unknownCallingCode' };
    }
    const defaultCode = (callingCode ?? DEFAULT_CALLING_CODE).slice(1);
    const parsed = parsePhoneNumber(value, { defaultCallingCode: defaultCode });
    if (!parsed) {
        const malformed = /[^\d\s().\-/\u00a0]/.test(value.replace(/^\+/, ''));
        return { ok: false, reason: malformed ? 'characters' : 'length' };
    }
    if (!parsed.possible) return { ok: false, reason: 'length' };
    // A national number keeps the default as given (none: Streem assumes +1); +44, 0044 bring their own.
    const ownCode = value.startsWith('+') || parsed.callingCode !== defaultCode;
    return { ok: true, phone: parsed.nationalNumber, callingCode: ownCode ? `+${parsed.callingCode}` : callingCode };
}

// ---------------------------------------------------------------------------------------
// Merge-field templates: {!FirstName}, {!Lead.FirstName}, {!Contact.Account.Name} (the seed's
// detail-page-button form), or the same paths in double braces, {{FirstName}}, for anywhere
// Salesforce reads `{!…}` as its own expression (a flexipage property value may be checked as one).

/** A piece of a parsed template. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'field'; path: string };

/** A template split into literal text and field references (paths as written). */
export interface ParsedTemplate {
    readonly source: string;
    readonly parts: readonly TemplatePart[];
}

const FIELD_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

/**
 * Parses a merge-field template, `{!Path}` or `{{Path}}`. `property` names the App Builder property
 * in errors. Only field references are supported: formulas, globals ({!$User...}) and an unclosed
 * `{!` or `{{` throw a TEMPLATE_INVALID StreemUrlError.
 */
export function parseTemplate(template: string | null | undefined, property = 'template'): ParsedTemplate {
    const source = template ?? '';
    const parts: TemplatePart[] = [];
    let rest = source;
    while (rest) {
        const bang = rest.indexOf('{!');
        const braces = rest.indexOf('{{');
        const start = bang < 0 ? braces : braces < 0 ? bang : Math.min(bang, braces);
        if (start < 0) {
            parts.push({ kind: 'text', text: rest });
            break;
        }
        const [open, close] = start === bang ? ['{!', '}'] : ['{{', '}}'];
        if (start > 0) parts.push({ kind: 'text', text: rest.slice(0, start) });
        const end = rest.indexOf(close, start + open.length);
        if (end < 0) throw templateError(property, template, `has a "${open}" without a closing "${close}"`);
        const path = rest.slice(start + open.length, end).trim();
        if (!FIELD_PATH.test(path)) {
            throw templateError(property, template, `has "${open}${path}${close}", which is not a field name or path`);
        }
        parts.push({ kind: 'field', path });
        rest = rest.slice(end + close.length);
    }
    return { source, parts };
}

function templateError(property: string, template: unknown, problem: string): StreemUrlError {
    return new StreemUrlError('TEMPLATE_INVALID', property, template, problem, TEMPLATE_EXAMPLE);
}

/**
 * A template path as a getRecord field name for the page's object: `FirstName` and
 * `Lead.FirstName` both give `Lead.FirstName` on a Lead; `Contact.Account.Name` on a Case gives
 * `Case.Contact.Account.Name` (a relationship path).
 */
export function qualifyField(path: string, objectApiName: string): string {
    const [first, ...rest] = path.split('.');
    const namesObject = rest.length > 0 && first?.toLowerCase() === objectApiName.toLowerCase();
    return namesObject ? `${objectApiName}.${rest.join('.')}` : `${objectApiName}.${path}`;
}

/** The getRecord fields the templates read, qualified and without duplicates, in order. */
export function templateFields(templates: readonly ParsedTemplate[], objectApiName: string): string[] {
    const fields = new Set<string>();
    for (const template of templates) {
        for (const part of template.parts) {
            if (part.kind === 'field') fields.add(qualifyField(part.path, objectApiName));
        }
    }
    return [...fields];
}

/** Reads a qualified field (e.g. `Lead.FirstName`) from the record; undefined when absent. */
export type FieldLookup = (qualifiedField: string) => unknown;

/**
 * Substitutes field values into a template. Missing, null and non-scalar values become '';
 * with no object (e.g. on an app page) every field is missing.
 */
export function renderTemplate(
    template: ParsedTemplate,
    objectApiName: string | null | undefined,
    lookup: FieldLookup
): string {
    return template.parts
        .map((part) => {
            if (part.kind === 'text') return part.text;
            if (!objectApiName) return '';
            return scalarToString(lookup(qualifyField(part.path, objectApiName)));
        })
        .join('');
}

/** The record's Id: the reference ID where none is set, or where the one set is blank on the record. */
export const RECORD_ID_TEMPLATE = '{!Id}';

/**
 * The reference ID of a record: its template rendered, or the record's Id when that is blank, as
 * both streemEmbed (sending) and streemCallLog (showing) read it, so a call lands in its log.
 */
export function renderRefId(
    template: ParsedTemplate,
    objectApiName: string | null | undefined,
    lookup: FieldLookup
): string {
    return renderFirst([template, parseTemplate(RECORD_ID_TEMPLATE)], objectApiName, lookup);
}

/** The first template that renders to something non-blank, trimmed; '' when none does. */
export function renderFirst(
    templates: readonly ParsedTemplate[],
    objectApiName: string | null | undefined,
    lookup: FieldLookup
): string {
    for (const template of templates) {
        const value = renderTemplate(template, objectApiName, lookup).trim();
        if (value) return value;
    }
    return '';
}

/** Per-object defaults, used when an App Builder template is left blank. */
export interface DefaultTemplates {
    /** Tried in order; the first non-blank wins. */
    name: readonly string[];
    /** Tried in order; the first non-blank wins (mobile first: the invite is an SMS). */
    phone: readonly string[];
    refId: string;
}

const DEFAULTS: Record<string, DefaultTemplates> = {
    lead: { name: ['{!Name}'], phone: ['{!MobilePhone}', '{!Phone}'], refId: RECORD_ID_TEMPLATE },
    contact: { name: ['{!Name}'], phone: ['{!MobilePhone}', '{!Phone}'], refId: RECORD_ID_TEMPLATE },
    // PersonMobilePhone exists only with Person Accounts; getRecord's optionalFields skips it otherwise.
    account: { name: ['{!Name}'], phone: ['{!PersonMobilePhone}', '{!Phone}'], refId: RECORD_ID_TEMPLATE },
    case: {
        name: ['{!Contact.Name}', '{!SuppliedName}'],
        phone: ['{!ContactMobile}', '{!ContactPhone}', '{!SuppliedPhone}'],
        refId: RECORD_ID_TEMPLATE
    }
};
const GENERIC_DEFAULTS: DefaultTemplates = {
    name: ['{!Name}'],
    phone: ['{!MobilePhone}', '{!Phone}'],
    refId: RECORD_ID_TEMPLATE
};

/** The default templates for an object (Lead, Contact, Account, Case; others get Name/Phone). */
export function defaultTemplates(objectApiName: string | null | undefined): DefaultTemplates {
    return DEFAULTS[(objectApiName ?? '').toLowerCase()] ?? GENERIC_DEFAULTS;
}

/** Bounds of a Streem frame's height, in pixels. */
export const MIN_FRAME_HEIGHT = 200;
export const MAX_FRAME_HEIGHT = 2000;

/** A frame height (App Builder's Integer property) as whole pixels within bounds; `fallback` when not a number. */
export function frameHeightPx(value: unknown, fallback: number): number {
    const height = Number(value);
    if (!Number.isFinite(height)) return fallback;
    return Math.min(MAX_FRAME_HEIGHT, Math.max(MIN_FRAME_HEIGHT, Math.round(height)));
}

/** Fills a custom label's {0}, {1}... placeholders; missing arguments become ''. */
export function formatLabel(label: string, ...args: readonly unknown[]): string {
    return label.replace(/\{(\d+)\}/g, (_match, index: string) => scalarToString(args[Number(index)]));
}

// ---------------------------------------------------------------------------------------
// Encoding helpers

/** Percent-encodes like encodeURIComponent (space as %20), after replacing lone surrogates. */
export function encodeValue(value: string): string {
    return encodeURIComponent(toWellFormed(value));
}

function toQuery(pairs: [string, string | undefined][]): string {
    const encoded = pairs
        .filter((pair): pair is [string, string] => pair[1] !== undefined)
        .map(([key, value]) => `${key}=${encodeValue(value)}`);
    return encoded.length ? `?${encoded.join('&')}` : '';
}

/** encodeURIComponent throws on lone UTF-16 surrogates; bad input must never crash. */
function toWellFormed(value: string): string {
    return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function parseAbsoluteUrl(value: string): URL | undefined {
    try {
        return new URL(value);
    } catch {
        return undefined;
    }
}

function isBlank(value: string | null | undefined): boolean {
    return value === null || value === undefined || value.trim() === '';
}

function blankToUndefined(value: string | null | undefined): string | undefined {
    return value === null || value === undefined || isBlank(value) ? undefined : value;
}

function scalarToString(value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
    return '';
}

function describeValue(value: unknown): string {
    const text = typeof value === 'string' ? value : scalarToString(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
