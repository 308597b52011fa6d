/**
 * The usual written forms of a number, for an exact-match search: Salesforce stores phone fields
 * as typed ("Client applications are responsible for phone number formatting", Apex
 * Schema.DisplayType PHONE), so `+15035551212` finds `(503) 555-1212` only if that form is asked
 * for. The forms come from the package's one phone module (c/phoneNumbers). Pure, no `lwc`.
 */
import { parsePhoneNumber, writtenForms as formsOfNumber } from 'c/phoneNumbers';

/** At most this many forms go into one query (`in` lists stay short). */
export const MAX_FORMS = 24;
/**
 * A number a vendor sends without its +code is read as North American: the pop cannot read the
 * call center's default region without Apex, and the seeds' vendors send E.164 or NANP numbers.
 */
const DEFAULT_REGION = 'US';

/** The forms to search for `raw`: the number as received, its digits, and its parsed written forms. */
export function writtenForms(raw: string | undefined): string[] {
    const value = (raw ?? '').trim();
    if (!value) return [];
    const forms = [value, value.replace(/\D/g, '')];
    const parsed = parsePhoneNumber(value, { defaultRegion: DEFAULT_REGION });
    if (parsed?.possible) forms.push(...formsOfNumber(parsed));
    return [...new Set(forms.filter((form) => form.length >= 3))].slice(0, MAX_FORMS);
}
