/**
 * `lightning/pageReferenceUtils` for the workbench (lightning-base-components does not ship it).
 *
 * Follows "lightning/pageReferenceUtils" (developer.salesforce.com/docs/platform/lwc/guide/
 * reference-page-reference-utils.html, use-navigate-default-field-values.html): encodeDefaultFieldValues
 * turns `{ FirstName: 'Ann', Phone: '+1 503' }` into the `defaultFieldValues` state string of a
 * standard__objectPage `new` action (`FirstName=Ann,Phone=%2B1%20503`: field=value pairs joined by
 * commas, each value URI-encoded); decodeDefaultFieldValues reverses it.
 */
export function encodeDefaultFieldValues(values: Record<string, unknown>): string {
    return Object.entries(values ?? {})
        .filter(([, value]) => value !== undefined && value !== null)
        .map(([field, value]) => `${field}=${encodeURIComponent(String(value))}`)
        .join(',');
}

export function decodeDefaultFieldValues(encoded: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const pair of String(encoded ?? '').split(',')) {
        const at = pair.indexOf('=');
        if (at <= 0) continue;
        try {
            out[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
        } catch {
            out[pair.slice(0, at)] = pair.slice(at + 1);
        }
    }
    return out;
}
