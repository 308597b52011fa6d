/**
 * The calendar date a Task is dated with, in the agent's Salesforce time zone. Shared by the
 * adapter (src/bridge/core/callLog.ts) and the URL pop's page (src/resources/callPop.ts), which both
 * read the zone from their Visualforce page: `data-time-zone="{!$User.TimeZoneSidKey}"`.
 */

/** The attribute of a page's root element that holds the user's time zone. */
export const TIME_ZONE_ATTRIBUTE = 'data-time-zone';

/**
 * An IANA time zone id as Salesforce writes them (`America/Los_Angeles`, `GMT`,
 * `America/Argentina/Buenos_Aires`), or undefined for anything else (the page showed no user, or
 * the attribute was tampered with). Whether the browser knows the zone is checked where it is used.
 */
export function readTimeZone(raw: string | null | undefined): string | undefined {
    const value = raw?.trim();
    return value && /^[A-Za-z][\w+-]*(\/[\w+-]+){0,2}$/.test(value) && value.length <= 64 ? value : undefined;
}

/** One formatter per time zone (building one costs far more than using it), and the zones it refused. */
const dateFormats = new Map<string, Intl.DateTimeFormat | null>();

function dateFormat(timeZone: string): Intl.DateTimeFormat | null {
    let format = dateFormats.get(timeZone);
    if (format === undefined) {
        try {
            format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
        } catch {
            format = null; // not a zone this browser knows (RangeError): the browser's own is used
        }
        if (dateFormats.size >= 8) dateFormats.clear();
        dateFormats.set(timeZone, format);
    }
    return format;
}

/**
 * The calendar date of an epoch-ms time, as the YYYY-MM-DD a Date field expects: in `timeZone`
 * (an IANA id such as the user's Salesforce time zone, User.TimeZoneSidKey), as Salesforce's own
 * "Log a Call" dates a Task, or in the browser's zone without one or when the browser does not know it.
 */
export function localDate(epochMs: number, timeZone?: string): string {
    const format = timeZone ? dateFormat(timeZone) : null;
    if (format) {
        const parts = Object.fromEntries(format.formatToParts(epochMs).map((part) => [part.type, part.value]));
        if (parts.year && parts.month && parts.day) return `${parts.year}-${parts.month}-${parts.day}`;
    }
    const date = new Date(epochMs);
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
