/**
 * UI API record helpers, framework-free: the shape `getRecord` delivers and the field walk that
 * `getFieldValue` / `getFieldDisplayValue` do.
 *
 * Follows "getRecord" and "getFieldValue" (developer.salesforce.com/docs/platform/lwc/guide/
 * reference-get-record.html, reference-get-field-value.html) and the UI API Record representation
 * ({ apiName, id, fields: { Name: { value, displayValue } } }, relationship fields nest a record).
 * A field is named 'Lead.FirstName' (object-qualified string), { objectApiName, fieldApiName }, or a
 * relationship path such as 'Contact.Account.Name'.
 */

export interface FieldValue {
    value: unknown;
    displayValue: string | null;
}

export interface UiRecord {
    apiName: string;
    id: string;
    fields: Record<string, FieldValue>;
}

export type FieldRef = string | { objectApiName?: string; fieldApiName: string };

/** Field path below the object: 'Lead.FirstName' -> ['FirstName']; { fieldApiName: 'A.B' } -> ['A','B']. */
export function fieldPath(field: FieldRef): string[] {
    if (typeof field === 'string') return field.split('.').slice(1);
    return field.fieldApiName.split('.');
}

/** The object a field reference names, if it names one. */
export function fieldObject(field: FieldRef): string | undefined {
    if (typeof field === 'string') return field.split('.')[0];
    return field.objectApiName;
}

function walk(record: unknown, field: FieldRef): FieldValue | undefined {
    let current: unknown = record;
    let found: FieldValue | undefined;
    for (const part of fieldPath(field)) {
        const fields = (current as { fields?: Record<string, FieldValue | undefined> } | null | undefined)?.fields;
        found = fields?.[part];
        if (!found) return undefined;
        current = found.value;
    }
    return found;
}

/** The raw value of a field in a UI API record (undefined when absent). */
export function getFieldValue(record: unknown, field: FieldRef): unknown {
    return walk(record, field)?.value;
}

/** The display value of a field in a UI API record (undefined when absent). */
export function getFieldDisplayValue(record: unknown, field: FieldRef): string | null | undefined {
    return walk(record, field)?.displayValue;
}

/** Turns a flat record ({ Id, FirstName, ... }) into the UI API representation of the fields asked for. */
export function toUiRecord(apiName: string, flat: Record<string, unknown>, fieldNames: readonly string[]): UiRecord {
    const fields: Record<string, FieldValue> = {};
    for (const name of fieldNames) {
        if (!(name in flat)) continue;
        const value = flat[name] ?? null;
        fields[name] = { value, displayValue: null };
    }
    return { apiName, id: String(flat.Id), fields };
}
