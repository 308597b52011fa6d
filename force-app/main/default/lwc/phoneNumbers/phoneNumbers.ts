/**
 * c/phoneNumbers: the package's one phone-number module. Parsing, E.164, the calling-code split
 * and the usual written forms, for the Streem URL, the softphone adapter, the softphoneBridge
 * component and call pops. Pure: no `lwc` or platform imports, no npm packages.
 *
 * Its data (phoneData.ts) is generated from libphonenumber-js metadata by
 * scripts/generate-phone-numbers.ts, and a test compares its answers with libphonenumber-js on
 * every region's example numbers. By design it checks possible lengths, not each number type's
 * pattern: a number of the right length for its region is accepted even if no operator uses it.
 */
import { FORMATS, LEADING_DIGITS, MAIN_REGIONS, NON_GEOGRAPHIC, REGION_FORMATS, REGIONS } from './phoneData';

// Supplemental files of a service module are reached only through its main file (LWC "Share JavaScript Code").
export {
    DEFAULT_PHONE_FIELDS,
    NAME_FIELDS,
    displayPhone,
    formattedPhoneValue,
    isNorthAmericanLocale,
    northAmericanDigits,
    phoneFieldsFor,
    readDialTargets,
    readRecordName,
    recordFieldsFor
} from './phoneFields';
export type { DialTarget, PhoneFieldKind } from './phoneFields';

/** A phone number split into its parts. */
export interface PhoneNumber {
    /** `+442079460958`. */
    readonly e164: string;
    /** The country calling code's digits, `44`. */
    readonly callingCode: string;
    /** The national (significant) number, without trunk prefix: `2079460958`. */
    readonly nationalNumber: string;
    /** ISO 3166 region (`GB`), or undefined for non-geographic codes (+800, +882, ...). */
    readonly region: string | undefined;
    /** The national number has a length the region's numbering plan allows. */
    readonly possible: boolean;
}

/** What a number is read against when it has no +code of its own. */
export interface ParseOptions {
    /** ISO 3166 region for numbers written nationally, e.g. `US` for `(503) 555-1212`. */
    defaultRegion?: string;
    /** Or the calling code's digits (`44`), read as its main region. */
    defaultCallingCode?: string;
}

/** Longest input looked at (a phone field holds 40 characters; anything longer is not a number). */
const MAX_INPUT = 64;
/** libphonenumber's bounds for a national number's digits. */
const MIN_NATIONAL_DIGITS = 2;
const MAX_NATIONAL_DIGITS = 17;
const MAX_CALLING_CODE_DIGITS = 3;

interface Plan {
    callingCode: string;
    nationalPrefix: string;
    lengths: number[];
    prefixForParsing: RegExp | undefined;
    transform: string;
    /** Leading digits of national numbers that start like the national prefix. */
    trunkLeads: string[];
}

const plans = new Map<string, Plan | null>();
const words = (value: string): string[] => (value === '' ? [] : value.split(' '));

function planOf(region: string): Plan | undefined {
    let plan = plans.get(region);
    if (plan === undefined) {
        const row = Object.prototype.hasOwnProperty.call(REGIONS, region) ? REGIONS[region] : undefined;
        if (row === undefined) {
            plan = null;
        } else {
            const [callingCode = '', nationalPrefix = '', lengths = '', rule = '', transform = '', leads = ''] =
                row.split(';');
            plan = {
                callingCode,
                nationalPrefix,
                lengths: words(lengths).map(Number),
                prefixForParsing: rule ? new RegExp(`^(?:${rule})`) : undefined,
                transform,
                trunkLeads: words(leads)
            };
        }
        plans.set(region, plan);
    }
    return plan ?? undefined;
}

/** Calling code → its regions, main region first: built once from REGIONS and MAIN_REGIONS. */
let regionsByCode: Map<number, string[]> | undefined;

function callingCodeRegions(): Map<number, string[]> {
    if (regionsByCode) return regionsByCode;
    const mains = new Set(words(MAIN_REGIONS));
    const byCode = new Map<number, string[]>();
    // REGIONS is in alphabetical order, which is the order of a shared code's other regions.
    for (const region of Object.keys(REGIONS)) {
        const row = REGIONS[region] as string;
        const code = Number(row.slice(0, row.indexOf(';')));
        const regions = byCode.get(code) ?? [];
        if (mains.has(region)) regions.unshift(region);
        else regions.push(region);
        byCode.set(code, regions);
    }
    regionsByCode = byCode;
    return byCode;
}

/** The regions of a calling code, main region first; [] for unknown and non-geographic codes. */
export function regionsOfCallingCode(callingCode: string): string[] {
    const regions = /^\d{1,3}$/.test(callingCode) ? callingCodeRegions().get(Number(callingCode)) : undefined;
    return regions === undefined ? [] : [...regions];
}

/** True for an assigned country calling code (digits only: `44`, `1`, `800`). */
export function isCallingCode(callingCode: string): boolean {
    return regionsOfCallingCode(callingCode).length > 0 || nonGeographicLengths(callingCode) !== undefined;
}

/** True for an ISO 3166 region with a numbering plan (`US`, `GB`). */
export function isSupportedRegion(region: string): boolean {
    return /^[A-Z]{2}$/.test(region) && planOf(region) !== undefined;
}

/** The calling code of a region, `GB` → `44`; undefined for an unknown region. */
export function callingCodeOfRegion(region: string): string | undefined {
    return planOf(region)?.callingCode;
}

/** A calling code's main region's national (trunk) prefix ('' for none) and possible national lengths. */
export function numberingPlanOf(callingCode: string): { nationalPrefix: string; lengths: number[] } | undefined {
    const main = regionsOfCallingCode(callingCode)[0];
    const plan = main === undefined ? undefined : planOf(main);
    if (plan) return { nationalPrefix: plan.nationalPrefix, lengths: plan.lengths };
    const lengths = nonGeographicLengths(callingCode);
    return lengths ? { nationalPrefix: '', lengths } : undefined;
}

function nonGeographicLengths(callingCode: string): number[] | undefined {
    const row = /^\d{3}$/.test(callingCode) ? NON_GEOGRAPHIC[Number(callingCode)] : undefined;
    return row === undefined ? undefined : words(row.split(';')[0] ?? '').map(Number);
}

/** The calling code an international number's digits start with (codes are prefix-free). */
export function matchCallingCode(digits: string): string | undefined {
    for (let length = 1; length <= Math.min(MAX_CALLING_CODE_DIGITS, digits.length); length++) {
        const prefix = digits.slice(0, length);
        if (isCallingCode(prefix)) return prefix;
    }
    return undefined;
}

/** The region of a shared calling code (+1, +44, +7, ...) that a national number belongs to. */
export function regionOfNationalNumber(callingCode: string, nationalNumber: string): string | undefined {
    const [main, ...others] = regionsOfCallingCode(callingCode);
    for (const region of others) {
        if (words(LEADING_DIGITS[region] ?? '').some((prefix) => nationalNumber.startsWith(prefix))) return region;
    }
    return main;
}

/** Extension markers libphonenumber reads: "x12", "ext. 12", "extension 12", "#12", ";ext=12". */
const EXTENSION = /\s*(?:;ext=|e?xt(?:ension|n)?\.?|x\.?|#)\s*\d{1,7}#?\s*$/i;
/** Characters a written number may have besides digits (hyphens, dots, brackets, spaces). */
const PUNCTUATION = /[\s\u00a0\-./()[\]~\u2010-\u2015\u2212\u30fc\uff0d-\uff0f]/g;

/**
 * A telephony address around a number: `sip:+4722334455@pbx;user=phone`, `tel:+1-503-…`, `callto:…`,
 * also in SIP's display form (`"Ada" <sip:+4722334455@pbx>`, `<sip:…>`).
 */
const PHONE_ADDRESS = /^\s*(?:(?:"[^"]*"\s*|[^<"]*)<)?\s*(?:tel|sips?|callto):([^@;>]*)/i;

/**
 * The number in a telephony address as a PBX or contact center writes it (`sip:+4722334455@pbx`
 * → `+4722334455`); any other text as it is.
 */
export function numberOfAddress(text: string): string {
    const match = PHONE_ADDRESS.exec(text);
    return match ? (match[1] ?? '').trim() : text;
}

/**
 * Reads a phone number as written: `(503) 555-1212` with a default region, `+44 20 7946 0958`,
 * `0044 20 7946 0958`, `+44 (0)20 ...`, with an extension dropped. Null when it is not a number
 * at all (letters, too few or too many digits, an unknown +code); check `possible` for the length.
 */
export function parsePhoneNumber(raw: unknown, options: ParseOptions = {}): PhoneNumber | null {
    if (typeof raw !== 'string' && typeof raw !== 'number') return null;
    const written = String(raw).trim();
    if (written === '' || written.length > MAX_INPUT) return null;
    const withoutExtension = written.replace(EXTENSION, '');
    const compact = withoutExtension.replace(PUNCTUATION, '');
    if (!/^(?:\+|\uff0b)?\d+$/.test(compact)) return null;
    let digits = compact.replace(/^\D/, '');
    let callingCode: string | undefined;
    let defaultRegion: string | undefined;
    const defaultCode = options.defaultRegion ? callingCodeOfRegion(options.defaultRegion) : options.defaultCallingCode;
    if (compact !== digits || /^00[1-9]/.test(digits) || (defaultCode === '1' && /^011[1-9]/.test(digits))) {
        // International: +44..., 0044... (most of the world) or 011 44... (North America).
        if (compact === digits) digits = digits.replace(/^011|^00/, '');
        callingCode = matchCallingCode(digits);
        if (callingCode === undefined) return null;
        digits = digits.slice(callingCode.length);
    } else {
        if (defaultCode === undefined || !isCallingCode(defaultCode)) return null;
        callingCode = defaultCode;
        defaultRegion = options.defaultRegion ?? regionsOfCallingCode(defaultCode)[0];
    }
    const nonGeographic = nonGeographicLengths(callingCode);
    let region: string | undefined;
    let nationalNumber = digits;
    if (nonGeographic === undefined) {
        const rules = planOf(defaultRegion ?? regionsOfCallingCode(callingCode)[0] ?? '');
        if (rules) nationalNumber = withoutNationalPrefix(digits, rules, callingCode);
        region = regionOfNationalNumber(callingCode, nationalNumber);
    }
    if (nationalNumber.length < MIN_NATIONAL_DIGITS || nationalNumber.length > MAX_NATIONAL_DIGITS) return null;
    const lengths = nonGeographic ?? planOf(region ?? '')?.lengths ?? [];
    return {
        e164: `+${callingCode}${nationalNumber}`,
        callingCode,
        nationalNumber,
        region,
        possible: lengths.includes(nationalNumber.length)
    };
}

type LengthCheck = 'possible' | 'tooShort' | 'tooLong' | 'invalid';

function checkLength(digits: string, lengths: readonly number[]): LengthCheck {
    if (lengths.includes(digits.length)) return 'possible';
    if (digits.length < Math.min(...lengths)) return 'tooShort';
    if (digits.length > Math.max(...lengths)) return 'tooLong';
    return 'invalid';
}

/**
 * Drops a national (trunk) prefix, as libphonenumber's extractNationalNumber does: `020 7946 0958`
 * → 2079460958; a region's own rule where it has one (0|180020 in GB; a Caribbean island's
 * seven-digit local number gets its area code). The prefix stays when what is left is too short,
 * or, where national numbers may start with the same digits (8 in Russia), when the number was
 * already a possible length. libphonenumber decides that last case with the full number pattern.
 */
function withoutNationalPrefix(digits: string, plan: Plan, callingCode: string): string {
    let stripped: string | undefined;
    if (plan.prefixForParsing) {
        const match = plan.prefixForParsing.exec(digits);
        if (match) {
            const groups = match.length - 1;
            const captured = groups > 0 && match[groups] !== undefined;
            stripped =
                plan.transform && captured
                    ? digits.replace(plan.prefixForParsing, plan.transform)
                    : digits.slice(match[0].length);
        }
    } else if (plan.nationalPrefix && digits.startsWith(plan.nationalPrefix)) {
        stripped = digits.slice(plan.nationalPrefix.length);
    }
    if (stripped === undefined || stripped === digits) return digits;
    const mayLead = plan.trunkLeads.some((lead) => digits.startsWith(lead));
    if (mayLead && plan.lengths.includes(digits.length)) return digits;
    const region = regionOfNationalNumber(callingCode, stripped);
    const check = checkLength(stripped, planOf(region ?? '')?.lengths ?? plan.lengths);
    return check === 'tooShort' || check === 'invalid' ? digits : stripped;
}

/** The E.164 form of a number (`+14155550100`), or null when it is not a possible number. */
export function toE164(raw: unknown, defaultRegion: string): string | null {
    const parsed = parsePhoneNumber(raw, { defaultRegion });
    return parsed?.possible ? parsed.e164 : null;
}

/** A `normalizePhone` for the bridge core bound to a default region. */
export function phoneNormalizer(defaultRegion: string): (raw: string) => string | null {
    return (raw) => toE164(raw, defaultRegion);
}

// ---------------------------------------------------------------------------------------
// Written forms

interface Format {
    pattern: RegExp;
    national: string;
    international: string;
    leading: RegExp | undefined;
}

const formats = new Map<number, Format>();

function formatById(id: number): Format | undefined {
    let format = formats.get(id);
    const row = FORMATS[id];
    if (format === undefined && row !== undefined) {
        const [pattern = '', national = '', international = '', leading = ''] = row.split(';');
        format = {
            pattern: new RegExp(`^(?:${pattern})$`),
            national,
            international,
            leading: leading ? new RegExp(`^(?:${leading})`) : undefined
        };
        formats.set(id, format);
    }
    return format;
}

function formatFor(number: PhoneNumber): Format | undefined {
    const ids = number.region
        ? words(REGION_FORMATS[number.region] ?? '').map(Number)
        : words(NON_GEOGRAPHIC[Number(number.callingCode)]?.split(';')[1] ?? '').map(Number);
    for (const id of ids) {
        const format = formatById(id);
        if (!format) continue;
        if (format.leading && !format.leading.test(number.nationalNumber)) continue;
        if (format.pattern.test(number.nationalNumber)) return format;
    }
    return undefined;
}

/** libphonenumber's `formatNational`: `020 7946 0958`, `(503) 555-1212`. */
export function formatNational(number: PhoneNumber): string {
    const format = formatFor(number);
    return format ? number.nationalNumber.replace(format.pattern, format.national) : number.nationalNumber;
}

/** libphonenumber's `formatInternational`: `+44 20 7946 0958`, `+1 503 555 1212`. */
export function formatInternational(number: PhoneNumber): string {
    const format = formatFor(number);
    const grouped = format
        ? number.nationalNumber.replace(format.pattern, format.international)
        : number.nationalNumber;
    return `+${number.callingCode} ${grouped}`;
}

/**
 * The ways people usually write a number, for finding it in phone fields that store numbers as
 * typed: E.164, international and national groupings, national digits with and without the
 * trunk prefix, and the common North American variants (`503-555-1212`, `503.555.1212`).
 */
export function writtenForms(number: PhoneNumber): string[] {
    const national = formatNational(number);
    const international = formatInternational(number);
    const trunk = number.region ? (planOf(number.region)?.nationalPrefix ?? '') : '';
    const forms = [
        number.e164,
        international,
        national,
        `${number.callingCode}${number.nationalNumber}`,
        number.nationalNumber,
        national.replace(/\D/g, '')
    ];
    if (trunk) forms.push(`${trunk}${number.nationalNumber}`);
    const nanp = number.callingCode === '1' && number.nationalNumber.length === 10;
    if (nanp) {
        const [area, exchange, line] = [0, 3, 6].map((at, index) =>
            number.nationalNumber.slice(at, index === 2 ? undefined : at + 3)
        );
        forms.push(
            `${area}-${exchange}-${line}`,
            `${area}.${exchange}.${line}`,
            `${area} ${exchange} ${line}`,
            `1-${area}-${exchange}-${line}`,
            `+1 (${area}) ${exchange}-${line}`,
            `+1-${area}-${exchange}-${line}`
        );
    }
    return [...new Set(forms)];
}
