/**
 * The usual written forms of a number, for an exact-match search: Salesforce stores phone fields
 * as typed ("Client applications are responsible for phone number formatting", Apex
 * Schema.DisplayType PHONE), so `+15035551212` finds `(503) 555-1212` only if that form is asked
 * for. Pure, no `lwc`.
 */
// TODO(issue 14): use c/phoneNumbers' written forms once wt/phone lands on main.
import { parsePhone } from 'c/streemUrl';

/** At most this many forms go into one query (`in` lists stay short). */
export const MAX_FORMS = 24;

function northAmerican(n: string): string[] {
    const [a, b, c] = [n.slice(0, 3), n.slice(3, 6), n.slice(6)];
    return [
        `(${a}) ${b}-${c}`,
        `${a}-${b}-${c}`,
        `${a}.${b}.${c}`,
        `${a} ${b} ${c}`,
        n,
        `1${n}`,
        `1-${a}-${b}-${c}`,
        `1 ${a} ${b} ${c}`,
        `+1${n}`,
        `+1 ${a} ${b} ${c}`,
        `+1 (${a}) ${b}-${c}`,
        `+1-${a}-${b}-${c}`,
        `+1.${a}.${b}.${c}`
    ];
}

/**
 * The forms to search for `raw`: the number as received, its digits, and when it parses (with
 * North American numbers as the default) its E.164, international and national forms.
 */
export function writtenForms(raw: string | undefined): string[] {
    const value = (raw ?? '').trim();
    if (!value) return [];
    const forms = [value, value.replace(/\D/g, '')];
    const parsed = parsePhone(value);
    if (parsed.ok) {
        const code = (parsed.callingCode ?? '+1').slice(1);
        const n = parsed.phone;
        if (code === '1' && n.length === 10) forms.push(...northAmerican(n));
        else
            forms.push(`+${code}${n}`, `+${code} ${n}`, `00${code}${n}`, `${code}${n}`, n, `0${n}`, `+${code} (0)${n}`);
    }
    return [...new Set(forms.filter((form) => form.length >= 3))].slice(0, MAX_FORMS);
}
