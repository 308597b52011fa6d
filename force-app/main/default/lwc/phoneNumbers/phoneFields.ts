/**
 * Phone numbers on a record page: which fields to read (per object, or as an admin configured
 * them), the numbers found, and how to show a number in the user's locale. Pure, no `lwc`.
 */

/**
 * Standard phone fields per object, in the order the dial buttons show them. All exist in every
 * org (Case's ContactPhone/ContactMobile mirror the case's contact; SuppliedPhone is Web-to-Case).
 * Person-account and custom fields are added with the component's Phone Fields property.
 */
export const DEFAULT_PHONE_FIELDS: Readonly<Record<string, readonly string[]>> = {
    Lead: ['Phone', 'MobilePhone'],
    Contact: ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'],
    Account: ['Phone'],
    Case: ['ContactPhone', 'ContactMobile', 'SuppliedPhone']
};

/** The field that names a record of each object (sent as the dial command's record name). */
export const NAME_FIELDS: Readonly<Record<string, string>> = {
    Lead: 'Name',
    Contact: 'Name',
    Account: 'Name',
    Case: 'CaseNumber'
};

/** How a dial button describes each well-known field (a key into the component's labels). */
export type PhoneFieldKind =
    'phone' | 'mobile' | 'home' | 'other' | 'assistant' | 'contactPhone' | 'contactMobile' | 'webPhone';

const FIELD_KINDS: Readonly<Record<string, PhoneFieldKind>> = {
    Phone: 'phone',
    MobilePhone: 'mobile',
    PersonMobilePhone: 'mobile',
    PersonHomePhone: 'home',
    HomePhone: 'home',
    OtherPhone: 'other',
    PersonOtherPhone: 'other',
    AssistantPhone: 'assistant',
    PersonAssistantPhone: 'assistant',
    ContactPhone: 'contactPhone',
    ContactMobile: 'contactMobile',
    SuppliedPhone: 'webPhone'
};

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** A number the agent can call from the record. */
export interface DialTarget {
    /** Field API name, e.g. MobilePhone. */
    field: string;
    /** Undefined for fields this component has no word for (custom fields). */
    kind?: PhoneFieldKind;
    /** The value as stored; the adapter turns it into E.164. */
    number: string;
}

/**
 * The phone fields to read: the configured comma-separated list (`MobilePhone, Phone`, an
 * `Object.` prefix is tolerated) or the object's defaults. Invalid names are skipped.
 */
export function phoneFieldsFor(objectApiName: string | undefined, configured?: string): string[] {
    const fromConfig = (configured ?? '')
        .split(/[,;\s]+/)
        .map((name) => name.trim())
        .filter(Boolean)
        .map((name) => {
            const prefix = `${objectApiName ?? ''}.`;
            return objectApiName && name.startsWith(prefix) ? name.slice(prefix.length) : name;
        })
        .filter((name) => FIELD_NAME.test(name));
    const fields = fromConfig.length > 0 ? fromConfig : [...(DEFAULT_PHONE_FIELDS[objectApiName ?? ''] ?? [])];
    return [...new Set(fields)];
}

/** getRecord `optionalFields` for the dial buttons: the phone fields and the name field, qualified. */
export function recordFieldsFor(objectApiName: string | undefined, phoneFields: readonly string[]): string[] {
    if (!objectApiName) return [];
    const name = NAME_FIELDS[objectApiName];
    return [...phoneFields, ...(name ? [name] : [])].map((field) => `${objectApiName}.${field}`);
}

/**
 * The numbers found on the record, in field order; blank values are skipped and a number that
 * repeats another (same digits, +1 and national North American forms alike) appears once.
 */
export function readDialTargets(phoneFields: readonly string[], lookup: (field: string) => unknown): DialTarget[] {
    const seen = new Set<string>();
    const targets: DialTarget[] = [];
    for (const field of phoneFields) {
        const raw = lookup(field);
        if (typeof raw !== 'string' || raw.trim() === '') continue;
        const number = raw.trim();
        const digits = northAmericanDigits(number) ?? number.replace(/\D/g, '');
        const key = digits === '' ? number : digits;
        if (seen.has(key)) continue;
        seen.add(key);
        const kind = FIELD_KINDS[field];
        targets.push(kind ? { field, kind, number } : { field, number });
    }
    return targets;
}

/** The record's display name for the dial command, when the object has a known name field. */
export function readRecordName(
    objectApiName: string | undefined,
    lookup: (field: string) => unknown
): string | undefined {
    const field = objectApiName ? NAME_FIELDS[objectApiName] : undefined;
    const value = field ? lookup(field) : undefined;
    return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 255) : undefined;
}

/** True when the user's locale (e.g. en-US, fr-CA) formats numbers the North American way. */
export function isNorthAmericanLocale(locale: string | undefined): boolean {
    const country = (locale ?? '').split(/[-_]/)[1]?.toUpperCase();
    return country === 'US' || country === 'CA';
}

/**
 * The ten NANP digits of a number written as `+1 503 555 1212`, `1-503-555-1212` or
 * `(503) 555-1212`; null for anything else (other countries, extensions, letters).
 */
export function northAmericanDigits(raw: string): string | null {
    const trimmed = raw.trim();
    if (!/^\+?[\d\s().\-/]+$/.test(trimmed)) return null;
    const digits = trimmed.replace(/\D/g, '');
    if (digits.length === 10 && !trimmed.startsWith('+')) return digits;
    if (digits.length === 11 && digits.startsWith('1')) return digits.slice(1);
    return null;
}

/**
 * The value to give `lightning-formatted-phone`, which formats only bare 10-digit (or 1 + 10)
 * numbers and only for US/CA users: a North American number in any notation (E.164 from the
 * softphone included) is reduced to its ten digits for those users; anything else is shown as
 * received, which is how Salesforce shows phone numbers outside North America.
 */
export function formattedPhoneValue(raw: string | undefined, locale: string | undefined): string {
    const value = (raw ?? '').trim();
    if (!isNorthAmericanLocale(locale)) return value;
    return northAmericanDigits(value) ?? value;
}

/** A number as text for labels (e.g. a dial button), formatted as lightning-formatted-phone would show it. */
export function displayPhone(raw: string | undefined, locale: string | undefined): string {
    const value = (raw ?? '').trim();
    if (!isNorthAmericanLocale(locale)) return value;
    const digits = northAmericanDigits(value);
    return digits ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : value;
}
