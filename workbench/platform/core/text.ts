/**
 * A record field as display text: '' for a missing value, the value itself for strings,
 * numbers and booleans, JSON for anything else (never "[object Object]").
 */
export function text(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
    return JSON.stringify(value) ?? '';
}
