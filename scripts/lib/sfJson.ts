/** The object an `sf … --json` command printed (after any warning lines before it), or undefined. */
export function parseSfJson(text: string): Record<string, unknown> | undefined {
    const start = text.indexOf('{');
    if (start === -1) return undefined;
    try {
        const value: unknown = JSON.parse(text.slice(start));
        return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}
