/**
 * Phone numbers to E.164 for click-to-dial (`start_call.dialTo`), with libphonenumber-js and its
 * "min" metadata (the smallest set that still validates numbers per country). Numbers stored
 * without a country code, such as "(415) 555-0100", are read as numbers of the call center's
 * default country; "+44 20 …" and "0044 20 …" keep their own.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';

/** Longest input looked at (a phone field holds 40 characters; anything longer is not a number). */
const MAX_INPUT = 64;

/**
 * The E.164 form of a phone number (`+14155550100`), or null when it is not a valid number.
 * An extension ("x12") is dropped: the softphone dials the line.
 */
export function toE164(raw: unknown, defaultCountry: CountryCode): string | null {
    if (typeof raw !== 'string' && typeof raw !== 'number') return null;
    const text = String(raw).trim();
    if (text === '' || text.length > MAX_INPUT) return null;
    // International prefix 00 (most of the world) written instead of +.
    const normalized = /^00[1-9]/.test(text.replace(/[\s().-]/g, '')) ? `+${text.replace(/^\s*00/, '')}` : text;
    try {
        const parsed = parsePhoneNumberFromString(normalized, { defaultCountry, extract: false });
        if (!parsed || !parsed.isValid()) return null;
        return parsed.number;
    } catch {
        return null;
    }
}

/** A `normalizePhone` for the bridge core bound to a default country. */
export function phoneNormalizer(defaultCountry: CountryCode): (raw: string) => string | null {
    return (raw) => toE164(raw, defaultCountry);
}
