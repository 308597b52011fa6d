/**
 * Call center settings, parsed: from the flat map `sforce.opencti.getCallCenterSettings` returns
 * (`{ '/reqGeneralInfo/reqAdapterUrl': '/apex/SoftphoneAdapter', '/vendorSoftphone/softphoneUrl': ... }`)
 * to typed `BridgeSettings` with defaults applied.
 *
 * Never throws. A broken value becomes an issue (which item, what is wrong, an example of a good
 * value) and the item falls back to its default, or to "not configured" where no safe default exists;
 * the adapter page shows the issues to the admin or agent and keeps the softphone running.
 * Pure: no DOM, no Node APIs (`URL` is a global in both).
 */
import { isSupportedRegion, parsePhoneNumber } from 'c/phoneNumbers';
import {
    COMPATIBILITY_MODES,
    GENERAL_SECTION,
    LOGGING_SECTION,
    MULTIPLE_MATCH_BEHAVIOURS,
    NO_MATCH_BEHAVIOURS,
    PARTICIPANT_TYPES,
    PROTOCOL_SECTION,
    SCREEN_POP_SECTION,
    SOFTPHONE_PROTOCOLS,
    VENDOR_SECTION
} from './definition';
import type { ItemRule, RuntimeItem, TASK_SUBJECT_PLACEHOLDERS } from './definition';
import { RUNTIME_SECTIONS } from './runtimeTable';
import { isSecureWebUrl } from '../shared/secureOrigin';

/** An ISO 3166 region with a numbering plan (`US`, `GB`), as c/phoneNumbers knows them. */
export type CountryCode = string;
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];
export type ParticipantType = (typeof PARTICIPANT_TYPES)[number];
export type NoMatchBehaviour = (typeof NO_MATCH_BEHAVIOURS)[number];
export type MultipleMatchBehaviour = (typeof MULTIPLE_MATCH_BEHAVIOURS)[number];
export type TaskSubjectPlaceholder = (typeof TASK_SUBJECT_PLACEHOLDERS)[number];
export type SoftphoneProtocol = (typeof SOFTPHONE_PROTOCOLS)[number];

/** The Ameyo generic toolbar's settings (protocol `ameyoToolbar`). */
export interface AmeyoToolbarSettings {
    /** The Ameyo origin (https, host, port); null while not configured. */
    readonly baseUrl: string | null;
    /** The integration script's file version; null while not configured. */
    readonly scriptVersion: string | null;
    /** Click-to-dial fills the toolbar dial box (populateNumberInDialBox) instead of dialling (doDial). */
    readonly dialConfirm: boolean;
    /** What getExtensionInfo returns; null lets the agent choose in the toolbar. */
    readonly extension: { readonly name: string; readonly phone: string } | null;
}

/** A presence status the agent can switch to: the softphone's status id and the label agents see. */
export interface PresenceStatus {
    readonly softphoneId: string;
    readonly label: string;
}

/** The vendor's `partner_config` payload (seed 002), complete or absent. */
export interface PartnerConfig {
    readonly partnerId: string;
    readonly businessSegmentId: string;
    readonly channelOriginId: string;
}

/** Everything the bridge needs from the call center, typed and defaulted. */
export interface BridgeSettings {
    readonly callCenter: {
        readonly internalName: string;
        readonly displayName: string;
        readonly adapterUrl: string;
        readonly useApi: boolean;
        readonly softphoneHeight: number;
        readonly softphoneWidth: number;
        readonly compatibilityMode: CompatibilityMode;
        /** Only when both reqStandbyUrl and reqTimeout are set and valid. */
        readonly standby: { readonly url: string; readonly timeoutMs: number } | null;
    };
    readonly softphone: {
        /** null while not configured (blank, invalid or still the placeholder): show the issues instead. */
        readonly url: string | null;
        /** The only origin softphone messages are accepted from; null when `url` is null. */
        readonly origin: string | null;
        /** null until all three ids are set: outbound calls (dialpad, click-to-dial) stay disabled. */
        readonly partnerConfig: PartnerConfig | null;
        readonly dialFrom: string | null;
        readonly participantType: ParticipantType;
        readonly defaultCountry: CountryCode;
        /** Statuses offered in Salesforce; empty when none are configured. */
        readonly presenceStatuses: readonly PresenceStatus[];
    };
    readonly screenPop: {
        readonly noMatch: NoMatchBehaviour;
        readonly multipleMatches: MultipleMatchBehaviour;
        readonly popDialpadCalls: boolean;
    };
    readonly logging: {
        readonly dispositionCodes: readonly string[];
        readonly logMissedCalls: boolean;
        /** null: the package's own subjects ("auto"). */
        readonly taskSubjectTemplate: string | null;
        /** Failed save attempts after which a log shows as failed (bridge core RetryPolicy.failedAfterAttempts). */
        readonly failedAfterAttempts: number;
        /** Delay before the first retry (bridge core RetryPolicy.baseDelayMs). */
        readonly retryDelayMs: number;
    };
    /** Which protocol the adapter page speaks (`wrapper` unless the call center says otherwise). */
    readonly protocol: SoftphoneProtocol;
    readonly ameyo: AmeyoToolbarSettings;
}

/** `error`: a value is wrong and was replaced. `warning`: something is not set up yet or looks off. */
export type IssueSeverity = 'error' | 'warning';

export type IssueCode =
    | 'no-settings'
    | 'missing'
    | 'invalid'
    | 'out-of-range'
    | 'too-long'
    | 'not-https'
    | 'placeholder'
    | 'duplicate'
    | 'incomplete'
    | 'unknown-item'
    | 'not-lightning'
    | 'internal';

/** One admin-facing finding about one call center item. */
export interface SettingIssue {
    readonly severity: IssueSeverity;
    readonly code: IssueCode;
    /** The getCallCenterSettings key, `/section/item` (`/` for the whole map). */
    readonly key: string;
    /** Where an admin finds it in Setup > Call Centers: "Section label > Item label". */
    readonly where: string;
    /** The value found (trimmed), or null when there was none. */
    readonly value: string | null;
    /** What is wrong and what the bridge does meanwhile. */
    readonly message: string;
    /** A good value for this item. */
    readonly example: string;
}

/** The result of parsing: settings are always usable; `ok` is false when any issue is an error. */
export interface ParsedSettings {
    readonly settings: BridgeSettings;
    readonly issues: readonly SettingIssue[];
    readonly ok: boolean;
}

/** Optional standby items: not in the shipped definition (no standby softphone exists), read if an org adds them. */
/** reqStandbyUrl: the softphone Salesforce switches to when the adapter does not report ready within reqTimeout. */
const STANDBY_URL_ITEM: RuntimeItem = {
    name: 'reqStandbyUrl',
    label: 'Standby URL',
    defaultValue: '',
    rule: { kind: 'url', allowRelative: true },
    required: false,
    example: '/apex/SoftphoneStandby'
};
/** reqTimeout: milliseconds before Salesforce switches to reqStandbyUrl. */
const STANDBY_TIMEOUT_ITEM: RuntimeItem = {
    name: 'reqTimeout',
    label: 'Timeout (ms)',
    defaultValue: '',
    rule: { kind: 'integer', min: 1000, max: 600000, unit: 'ms' },
    required: false,
    example: '10000'
};

/** An item of the shipped call center (from the generated runtime table). */
function findItem(sectionName: string, itemName: string): RuntimeItem | undefined {
    return RUNTIME_SECTIONS.find((s) => s.name === sectionName)?.items.find((i) => i.name === itemName);
}

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
/** Characters people type inside phone numbers; stripped before the E.164 check. */
const PHONE_FORMATTING = /[\s\-().]/g;
const PLACEHOLDER_TOKEN = /\{([^{}]*)\}/g;
const TASK_SUBJECT_MAX = 255;

/** Equal up to surrounding space, letter case and one trailing slash. */
function sameValue(a: string, b: string): boolean {
    const norm = (v: string): string => v.trim().replace(/\/$/, '').toLowerCase();
    return norm(a) === norm(b);
}

type Problem = { severity: IssueSeverity; code: IssueCode; message: string };
/** A parsed value (absent when unusable) and what was wrong on the way. */
type Parsed<T> = { value?: T; problems: Problem[] };

const invalid = (code: IssueCode, message: string): Problem => ({ severity: 'error', code, message });

function parseText(raw: string, rule: Extract<ItemRule, { kind: 'text' }>): Parsed<string> {
    if (raw.length > rule.maxLength) {
        return {
            problems: [invalid('too-long', `It is ${raw.length} characters long; at most ${rule.maxLength} fit.`)]
        };
    }
    if (rule.pattern && !rule.pattern.test(raw)) {
        return { problems: [invalid('invalid', `Use ${rule.patternHint ?? 'the format of the example'}.`)] };
    }
    return { value: raw, problems: [] };
}

function parseInteger(raw: string, rule: Extract<ItemRule, { kind: 'integer' }>): Parsed<number> {
    const unit = rule.unit ? ` ${rule.unit}` : '';
    if (!/^[+-]?\d+$/.test(raw)) {
        return {
            problems: [invalid('invalid', `Enter a whole number from ${rule.min} to ${rule.max}${unit}, digits only.`)]
        };
    }
    const value = Number(raw);
    if (value < rule.min || value > rule.max) {
        return { problems: [invalid('out-of-range', `${value} is outside ${rule.min} to ${rule.max}${unit}.`)] };
    }
    return { value, problems: [] };
}

function parseBoolean(raw: string): Parsed<boolean> {
    const lower = raw.toLowerCase();
    if (lower === 'true') return { value: true, problems: [] };
    if (lower === 'false') return { value: false, problems: [] };
    return { problems: [invalid('invalid', 'Enter true or false.')] };
}

function parseEnum(raw: string, values: readonly string[]): Parsed<string> {
    const match = values.find((v) => v.toLowerCase() === raw.toLowerCase());
    if (match === undefined) return { problems: [invalid('invalid', `Enter one of: ${values.join(', ')}.`)] };
    return { value: match, problems: [] };
}

/** `new URL` without exceptions: null when the text is no absolute URL. */
function toUrl(raw: string): URL | null {
    try {
        return new URL(raw);
    } catch {
        return null;
    }
}

function parseUrl(raw: string, rule: Extract<ItemRule, { kind: 'url' }>): Parsed<string> {
    if (rule.allowRelative && raw.startsWith('/') && !raw.startsWith('//')) return { value: raw, problems: [] };
    const url = toUrl(raw);
    if (!url) {
        const relative = rule.allowRelative ? ' or a path on this org starting with /' : '';
        return { problems: [invalid('invalid', `Enter a full address starting with https://${relative}.`)] };
    }
    if (!isSecureWebUrl(url)) {
        return {
            problems: [
                invalid('not-https', 'Use https://: Lightning Experience blocks other schemes in the softphone.')
            ]
        };
    }
    if (url.username !== '' || url.password !== '') {
        return {
            problems: [
                invalid('invalid', 'Remove the user name and password from the address: every user can read it.')
            ]
        };
    }
    return { value: raw, problems: [] };
}

function parseOrigin(raw: string): Parsed<string> {
    const url = toUrl(raw);
    if (!url || !isSecureWebUrl(url) || url.username !== '' || url.password !== '') {
        return {
            problems: [
                invalid('invalid', 'Enter an origin: https:// and the host name, with a port if any, nothing else.')
            ]
        };
    }
    if (raw.replace(/\/$/, '').toLowerCase() !== url.origin.toLowerCase()) {
        return {
            problems: [invalid('invalid', `Enter the origin only, without a path, query or fragment: ${url.origin}.`)]
        };
    }
    return { value: url.origin, problems: [] };
}

function parseGuid(raw: string): Parsed<string> {
    if (!GUID_PATTERN.test(raw)) {
        return {
            problems: [
                invalid('invalid', 'Enter the GUID as the softphone team gave it: 8-4-4-4-12 hexadecimal digits.')
            ]
        };
    }
    return { value: raw, problems: [] };
}

function parseE164(raw: string): Parsed<string> {
    const compact = raw.replace(PHONE_FORMATTING, '');
    if (!E164_PATTERN.test(compact)) {
        return {
            problems: [
                invalid('invalid', 'Enter the number in E.164 form: +, country code and number, no other characters.')
            ]
        };
    }
    if (!parsePhoneNumber(compact)?.possible) {
        return { problems: [invalid('invalid', `${compact} is not a valid phone number for its country code.`)] };
    }
    return { value: compact, problems: [] };
}

function parseCountry(raw: string): Parsed<CountryCode> {
    const code = raw.toUpperCase();
    if (!/^[A-Z]{2}$/.test(code) || !isSupportedRegion(code)) {
        return { problems: [invalid('invalid', 'Enter a two-letter ISO 3166 country code such as US, GB or DE.')] };
    }
    return { value: code, problems: [] };
}

function parseList(raw: string, rule: Extract<ItemRule, { kind: 'list' }>): Parsed<string[]> {
    const problems: Problem[] = [];
    const entries: string[] = [];
    for (const entry of raw.split(rule.separator).map((e) => e.trim())) {
        if (entry === '') continue;
        if (entry.length > rule.maxItemLength) {
            problems.push(
                invalid(
                    'too-long',
                    `"${entry.slice(0, 40)}..." is longer than ${rule.maxItemLength} characters and was left out.`
                )
            );
        } else if (entries.includes(entry)) {
            problems.push({
                severity: 'warning',
                code: 'duplicate',
                message: `"${entry}" is listed twice; it is shown once.`
            });
        } else {
            entries.push(entry);
        }
    }
    if (entries.length > rule.maxItems) {
        problems.push(invalid('too-long', `Only the first ${rule.maxItems} of ${entries.length} entries are used.`));
        entries.length = rule.maxItems;
    }
    return entries.length > 0 ? { value: entries, problems } : { problems };
}

function parsePairs(
    raw: string,
    rule: Extract<ItemRule, { kind: 'pairs' }>
): Parsed<Array<{ key: string; value: string }>> {
    const problems: Problem[] = [];
    const pairs: Array<{ key: string; value: string }> = [];
    const hint = `Write each as id${rule.pairSeparator}Label, separated by ${rule.separator}`;
    for (const entry of raw.split(rule.separator).map((e) => e.trim())) {
        if (entry === '') continue;
        const at = entry.indexOf(rule.pairSeparator);
        const key = at < 0 ? '' : entry.slice(0, at).trim();
        const value = at < 0 ? '' : entry.slice(at + rule.pairSeparator.length).trim();
        if (key === '' || value === '' || /\s/.test(key)) {
            problems.push(
                invalid(
                    'invalid',
                    `"${entry.slice(0, 60)}" is not an id${rule.pairSeparator}Label pair and was left out. ${hint}.`
                )
            );
        } else if (key.length > rule.maxKeyLength || value.length > rule.maxValueLength) {
            problems.push(
                invalid(
                    'too-long',
                    `"${entry.slice(0, 60)}" was left out: ids fit ${rule.maxKeyLength} characters, labels ${rule.maxValueLength}.`
                )
            );
        } else if (pairs.some((p) => p.key === key)) {
            problems.push({
                severity: 'warning',
                code: 'duplicate',
                message: `Id ${key} is listed twice; the first is used.`
            });
        } else {
            pairs.push({ key, value });
        }
    }
    if (pairs.length > rule.maxItems) {
        problems.push(invalid('too-long', `Only the first ${rule.maxItems} of ${pairs.length} pairs are used.`));
        pairs.length = rule.maxItems;
    }
    return pairs.length > 0 ? { value: pairs, problems } : { problems };
}

function parseTemplate(raw: string, rule: Extract<ItemRule, { kind: 'template' }>): Parsed<string> {
    if (raw.length > rule.maxLength) {
        return {
            problems: [invalid('too-long', `It is ${raw.length} characters long; at most ${rule.maxLength} fit.`)]
        };
    }
    const allowed = rule.placeholders.map((p) => `{${p}}`).join(', ');
    const unknown = [...raw.matchAll(PLACEHOLDER_TOKEN)]
        .map((m) => m[1] ?? '')
        .filter((name) => !rule.placeholders.includes(name));
    if (unknown.length > 0) {
        const names = unknown.map((n) => `{${n}}`).join(', ');
        return { problems: [invalid('invalid', `Unknown placeholder ${names}. Use only ${allowed}.`)] };
    }
    if (/[{}]/.test(raw.replace(PLACEHOLDER_TOKEN, ''))) {
        return { problems: [invalid('invalid', `A brace is not closed. Placeholders look like ${allowed}.`)] };
    }
    return { value: raw, problems: [] };
}

/** What each rule kind parses to. */
interface ValueOfKind {
    text: string;
    integer: number;
    boolean: boolean;
    enum: string;
    url: string;
    origin: string;
    guid: string;
    e164: string;
    country: CountryCode;
    list: string[];
    pairs: Array<{ key: string; value: string }>;
    template: string;
}

function parseByRule(raw: string, rule: ItemRule): Parsed<ValueOfKind[keyof ValueOfKind]> {
    switch (rule.kind) {
        case 'text':
            return parseText(raw, rule);
        case 'integer':
            return parseInteger(raw, rule);
        case 'boolean':
            return parseBoolean(raw);
        case 'enum':
            return parseEnum(raw, rule.values);
        case 'url':
            return parseUrl(raw, rule);
        case 'origin':
            return parseOrigin(raw);
        case 'guid':
            return parseGuid(raw);
        case 'e164':
            return parseE164(raw);
        case 'country':
            return parseCountry(raw);
        case 'list':
            return parseList(raw, rule);
        case 'pairs':
            return parsePairs(raw, rule);
        case 'template':
            return parseTemplate(raw, rule);
    }
}

/** Neutral values for the unreachable case of an invalid shipped default (tests prove every default parses). */
const NEUTRAL: ValueOfKind = {
    text: '',
    integer: 0,
    boolean: false,
    enum: '',
    url: '',
    origin: '',
    guid: '',
    e164: '',
    country: 'US',
    list: [],
    pairs: [],
    template: ''
};

/** Reads items from the raw map, recording issues as it goes. */
class SettingsReader {
    readonly issues: SettingIssue[] = [];

    constructor(private readonly raw: Readonly<Record<string, unknown>>) {}

    /**
     * The item's value, or null when not set or unusable, recording issues on the way.
     * Missing or blank: the default applies (a call center imported from an older definition lacks
     * newer items). The item's unset keyword (`none`, `auto`, ...) or a placeholder default: not set.
     * Invalid: an error, and the default applies where it is a real value.
     */
    optional<K extends keyof ValueOfKind>(
        section: string,
        item: RuntimeItem,
        kind: K
    ): ValueOfKind[K] | null {
        const key = `/${section}/${item.name}`;
        const where = `${this.sectionLabel(section)} > ${item.label}`;
        const report = (problem: Problem, value: string | null): void => {
            this.issues.push({ ...problem, key, where, value, example: item.example });
        };
        if (item.rule.kind !== kind) {
            report(
                invalid('internal', `The package reads this item as ${kind} but defines it as ${item.rule.kind}.`),
                null
            );
            return null;
        }
        const isKeyword = (text: string): boolean =>
            item.unsetKeyword !== undefined && text.trim().toLowerCase() === item.unsetKeyword.toLowerCase();
        const isPlaceholder = (text: string): boolean =>
            item.defaultIsPlaceholder === true && sameValue(text, item.defaultValue);
        const defaultIsReal =
            item.defaultValue.trim() !== '' && !isKeyword(item.defaultValue) && item.defaultIsPlaceholder !== true;
        const needed = item.neededFor ? ` It is needed for ${item.neededFor}.` : '';
        const notSet = (value: string | null): null => {
            if (item.required) report({ severity: 'warning', code: 'missing', message: `Not set.${needed}` }, value);
            return null;
        };
        const fallback = (): ValueOfKind[K] | null => {
            if (!defaultIsReal) return null;
            const parsed = parseByRule(item.defaultValue, item.rule);
            return parsed.value === undefined ? NEUTRAL[kind] : (parsed.value as ValueOfKind[K]);
        };
        const fallbackNote = defaultIsReal ? ` Using the default "${item.defaultValue}" meanwhile.` : needed;

        const found: unknown = Object.prototype.hasOwnProperty.call(this.raw, key) ? this.raw[key] : undefined;
        let text: string;
        if (found === undefined || found === null) text = '';
        else if (typeof found === 'string') text = found.trim();
        else if (typeof found === 'number' || typeof found === 'boolean') text = String(found);
        else {
            report(invalid('invalid', `The value is not text.${fallbackNote}`), null);
            return fallback();
        }

        if (text === '') return defaultIsReal ? fallback() : notSet(null);
        if (isKeyword(text)) return notSet(text);
        if (isPlaceholder(text)) {
            report(
                {
                    severity: 'warning',
                    code: 'placeholder',
                    message: `Still the placeholder the package ships with; enter your own value.${needed}`
                },
                text
            );
            return null;
        }
        const parsed = parseByRule(text, item.rule);
        for (const problem of parsed.problems) {
            const note = parsed.value === undefined && problem.severity === 'error' ? fallbackNote : '';
            report({ ...problem, message: `${problem.message}${note}` }, text);
        }
        return parsed.value === undefined ? fallback() : (parsed.value as ValueOfKind[K]);
    }

    /** The item's value; items read this way have a valid, non-blank default. */
    value<K extends keyof ValueOfKind>(section: string, name: string, kind: K): ValueOfKind[K] {
        const item = findItem(section, name);
        if (!item) {
            this.issues.push({
                severity: 'error',
                code: 'internal',
                key: `/${section}/${name}`,
                where: section,
                value: null,
                message: 'The package reads an item its call center definition does not have.',
                example: ''
            });
            return NEUTRAL[kind];
        }
        return this.optional(section, item, kind) ?? NEUTRAL[kind];
    }

    /** Like `value`, but "not set" stays null (items whose default is an unset keyword or a placeholder). */
    nullable<K extends keyof ValueOfKind>(section: string, name: string, kind: K): ValueOfKind[K] | null {
        const item = findItem(section, name);
        return item ? this.optional(section, item, kind) : this.value(section, name, kind);
    }

    /** An enum item, typed to its values. */
    choice<T extends string>(section: string, name: string, values: readonly T[]): T {
        const value = this.value(section, name, 'enum');
        return values.find((v) => v === value) ?? (values[0] as T);
    }

    warn(
        code: IssueCode,
        section: string,
        item: RuntimeItem | null,
        value: string | null,
        message: string
    ): void {
        const key = item ? `/${section}/${item.name}` : `/${section}`;
        const where = item ? `${this.sectionLabel(section)} > ${item.label}` : this.sectionLabel(section);
        this.issues.push({ severity: 'warning', code, key, where, value, message, example: item?.example ?? '' });
    }

    sectionLabel(section: string): string {
        return RUNTIME_SECTIONS.find((s) => s.name === section)?.label ?? section;
    }
}

function readStandby(reader: SettingsReader): BridgeSettings['callCenter']['standby'] {
    const url = reader.optional(GENERAL_SECTION, STANDBY_URL_ITEM, 'url');
    const timeoutMs = reader.optional(GENERAL_SECTION, STANDBY_TIMEOUT_ITEM, 'integer');
    if (url !== null && timeoutMs !== null) return { url, timeoutMs };
    if (url !== null || timeoutMs !== null) {
        const missing = url === null ? STANDBY_URL_ITEM : STANDBY_TIMEOUT_ITEM;
        reader.warn(
            'incomplete',
            GENERAL_SECTION,
            missing,
            null,
            'reqStandbyUrl and reqTimeout work only together; the standby softphone is ignored until both are set.'
        );
    }
    return null;
}

function readCallCenter(reader: SettingsReader): BridgeSettings['callCenter'] {
    const compatibilityMode = reader.choice(GENERAL_SECTION, 'reqSalesforceCompatibilityMode', COMPATIBILITY_MODES);
    if (compatibilityMode === 'Classic') {
        reader.warn(
            'not-lightning',
            GENERAL_SECTION,
            findItem(GENERAL_SECTION, 'reqSalesforceCompatibilityMode') ?? null,
            compatibilityMode,
            'Classic shows a blank softphone panel in Lightning Experience. Set it to Lightning.'
        );
    }
    const useApi = reader.value(GENERAL_SECTION, 'reqUseApi', 'boolean');
    if (!useApi) {
        reader.warn(
            'invalid',
            GENERAL_SECTION,
            findItem(GENERAL_SECTION, 'reqUseApi') ?? null,
            'false',
            'Must be true for an Open CTI softphone.'
        );
    }
    return {
        internalName: reader.value(GENERAL_SECTION, 'reqInternalName', 'text'),
        displayName: reader.value(GENERAL_SECTION, 'reqDisplayName', 'text'),
        adapterUrl: reader.value(GENERAL_SECTION, 'reqAdapterUrl', 'url'),
        useApi,
        softphoneHeight: reader.value(GENERAL_SECTION, 'reqSoftphoneHeight', 'integer'),
        softphoneWidth: reader.value(GENERAL_SECTION, 'reqSoftphoneWidth', 'integer'),
        compatibilityMode,
        standby: readStandby(reader)
    };
}

function readSoftphone(reader: SettingsReader): BridgeSettings['softphone'] {
    const url = reader.nullable(VENDOR_SECTION, 'softphoneUrl', 'url');
    const explicitOrigin = reader.nullable(VENDOR_SECTION, 'softphoneOrigin', 'origin');
    const origin = url === null ? null : (explicitOrigin ?? toUrl(url)?.origin ?? null);

    const partnerId = reader.nullable(VENDOR_SECTION, 'partnerId', 'guid');
    const businessSegmentId = reader.nullable(VENDOR_SECTION, 'businessSegmentId', 'guid');
    const channelOriginId = reader.nullable(VENDOR_SECTION, 'channelOriginId', 'guid');
    const partnerConfig =
        partnerId !== null && businessSegmentId !== null && channelOriginId !== null
            ? { partnerId, businessSegmentId, channelOriginId }
            : null;

    return {
        url,
        origin,
        partnerConfig,
        dialFrom: reader.nullable(VENDOR_SECTION, 'dialFrom', 'e164'),
        participantType: reader.choice(VENDOR_SECTION, 'participantType', PARTICIPANT_TYPES),
        defaultCountry: reader.value(VENDOR_SECTION, 'defaultCountry', 'country'),
        presenceStatuses: (reader.nullable(VENDOR_SECTION, 'presenceStatuses', 'pairs') ?? []).map(
            ({ key, value }) => ({
                softphoneId: key,
                label: value
            })
        )
    };
}

const AMEYO_UNUSED: AmeyoToolbarSettings = { baseUrl: null, scriptVersion: null, dialConfirm: false, extension: null };

/** Read only in ameyoToolbar mode, so a wrapper call center never hears about the Ameyo placeholders. */
function readAmeyo(reader: SettingsReader, protocol: SoftphoneProtocol): AmeyoToolbarSettings {
    if (protocol !== 'ameyoToolbar') return AMEYO_UNUSED;
    const name = reader.nullable(PROTOCOL_SECTION, 'ameyoExtensionName', 'text');
    const phone = reader.nullable(PROTOCOL_SECTION, 'ameyoExtensionPhone', 'text');
    return {
        baseUrl: reader.nullable(PROTOCOL_SECTION, 'ameyoBaseUrl', 'origin'),
        scriptVersion: reader.nullable(PROTOCOL_SECTION, 'ameyoScriptVersion', 'text'),
        dialConfirm: reader.value(PROTOCOL_SECTION, 'ameyoDialConfirm', 'boolean'),
        extension: name !== null ? { name, phone: phone ?? '' } : null
    };
}

/** Reports items of the package's own sections that this version does not know (another package version). */
function reportUnknownItems(reader: SettingsReader, raw: Readonly<Record<string, unknown>>): void {
    const custom = RUNTIME_SECTIONS.filter((s) => s.name !== GENERAL_SECTION);
    for (const key of Object.keys(raw)) {
        const [, sectionName, itemName, ...rest] = key.split('/');
        if (rest.length > 0 || !sectionName || !itemName || itemName === 'label' || itemName === 'sortOrder') continue;
        const section = custom.find((s) => s.name === sectionName);
        if (section && !section.items.some((i) => i.name === itemName)) {
            reader.warn(
                'unknown-item',
                sectionName,
                null,
                String(raw[key]),
                `Item ${itemName} is not used by this version of the package.`
            );
        }
    }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses the `returnValue` of `sforce.opencti.getCallCenterSettings` into typed settings with
 * defaults applied, and lists every problem for the admin. Never throws. `failure` is why the call
 * itself failed, when it did: the admin then sees that reason, not a guess.
 */
export function parseCallCenterSettings(raw: unknown, failure?: string): ParsedSettings {
    const map = isRecord(raw) ? raw : {};
    const reader = new SettingsReader(map);
    if (!isRecord(raw)) {
        reader.issues.push({
            severity: 'error',
            code: 'no-settings',
            key: '/',
            where: 'Call center',
            value: null,
            message: failure
                ? `Salesforce did not give the call center settings (${failure.slice(0, 300)}). Reload the page; if this persists, check that the user is assigned to the SoftphoneBridge call center (Setup > Call Centers > Manage Call Center Users).`
                : 'No call center settings were received. Assign the user to the SoftphoneBridge call center (Setup > Call Centers > Manage Call Center Users).',
            example: ''
        });
    }
    const protocol = reader.choice(PROTOCOL_SECTION, 'protocol', SOFTPHONE_PROTOCOLS);
    const settings: BridgeSettings = {
        callCenter: readCallCenter(reader),
        softphone: readSoftphone(reader),
        screenPop: {
            noMatch: reader.choice(SCREEN_POP_SECTION, 'noMatch', NO_MATCH_BEHAVIOURS),
            multipleMatches: reader.choice(SCREEN_POP_SECTION, 'multipleMatches', MULTIPLE_MATCH_BEHAVIOURS),
            popDialpadCalls: reader.value(SCREEN_POP_SECTION, 'popDialpadCalls', 'boolean')
        },
        logging: {
            dispositionCodes: reader.nullable(LOGGING_SECTION, 'dispositionCodes', 'list') ?? [],
            logMissedCalls: reader.value(LOGGING_SECTION, 'logMissedCalls', 'boolean'),
            taskSubjectTemplate: reader.nullable(LOGGING_SECTION, 'taskSubject', 'template'),
            failedAfterAttempts: reader.value(LOGGING_SECTION, 'logFailedAfter', 'integer'),
            retryDelayMs: reader.value(LOGGING_SECTION, 'logRetryDelayMs', 'integer')
        },
        protocol,
        ameyo: readAmeyo(reader, protocol)
    };
    reportUnknownItems(reader, map);
    // Without settings, every item would be reported as missing: only the one real problem is shown.
    const issues = isRecord(raw) ? reader.issues : reader.issues.filter((issue) => issue.code === 'no-settings');
    return { settings, issues, ok: issues.every((i) => i.severity !== 'error') };
}

/** One line for the admin: "Vendor Softphone > Softphone URL (https): ... Example: ...". */
export function formatIssue(issue: SettingIssue): string {
    const example = issue.example ? ` Example: ${issue.example}` : '';
    return `${issue.where}: ${issue.message}${example}`;
}

/** Values a Task subject can show; missing ones render as nothing. */
export type TaskSubjectValues = Partial<Record<TaskSubjectPlaceholder, string | null | undefined>>;

/**
 * Fills a Task subject template (already validated by the parser), collapses the gaps missing values
 * leave, and cuts the result to the 255 characters Task.Subject holds. Empty when nothing is left
 * (the bridge core then falls back to its own subject).
 */
export function renderTaskSubject(template: string, values: TaskSubjectValues): string {
    const filled = template.replace(PLACEHOLDER_TOKEN, (_token, name: string) => {
        const value = (values as Record<string, string | null | undefined>)[name];
        return typeof value === 'string' ? value : '';
    });
    return filled.replace(/\s+/g, ' ').trim().slice(0, TASK_SUBJECT_MAX);
}

/** The call facts a subject is built from (structurally the bridge core's SubjectFormatter argument). */
export interface SubjectCall {
    readonly direction: 'inbound' | 'outbound';
    readonly outcome?: string;
    readonly phoneNumber?: string;
}

/**
 * A subject formatter for the bridge core from the parsed template, or undefined for "auto" (the
 * core's own subjects).
 */
export function subjectFormatter(template: string | null): ((call: SubjectCall) => string) | undefined {
    if (template === null) return undefined;
    return (call) =>
        renderTaskSubject(template, {
            callType: call.direction === 'inbound' ? 'Inbound' : 'Outbound',
            number: call.phoneNumber,
            outcome: call.outcome
        });
}
