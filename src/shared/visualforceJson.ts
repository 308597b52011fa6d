/**
 * Reads a JSON island a Visualforce page wrote with JSENCODE merge fields
 * (`"name": "{!JSENCODE($Label.X)}"`). JSENCODE escapes `'` as `\'` (Salesforce Help, "JSENCODE":
 * `the user\'s name`), which JSON does not allow, so escapes are read one by one first: one
 * apostrophe in a translated label or a custom setting would otherwise make the whole island
 * unreadable. Anything unreadable gives undefined.
 */
export function parseVisualforceJson(text: string | null | undefined): unknown {
    if (!text) return undefined;
    const json = text.replace(/\\(.)/gs, (escape, char: string) => (char === "'" ? "'" : escape));
    try {
        return JSON.parse(json) as unknown;
    } catch {
        return undefined;
    }
}
