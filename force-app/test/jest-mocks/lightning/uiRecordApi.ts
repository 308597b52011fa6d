/**
 * lightning/uiRecordApi for Jest. getRecord is an LDS test wire adapter: tests
 * call getRecord.emit(fixture) / getRecord.error() and read
 * getRecord.getLastConfig() to see which fields a component asked for.
 * getFieldValue / getFieldDisplayValue walk a UI API record
 * ({ fields: { Name: { value, displayValue } } }) as the platform's do,
 * including relationship paths such as Contact.Account.Name.
 */
import { createLdsTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const getRecord = createLdsTestWireAdapter(jest.fn());
export const getRecords = createLdsTestWireAdapter(jest.fn());
export const getRecordCreateDefaults = createLdsTestWireAdapter(jest.fn());
export const updateRecord = jest.fn().mockResolvedValue({});
export const createRecord = jest.fn().mockResolvedValue({});
export const deleteRecord = jest.fn().mockResolvedValue(undefined);
export const notifyRecordUpdateAvailable = jest.fn().mockResolvedValue(undefined);

interface FieldValue {
    value: unknown;
    displayValue?: string | null;
}
interface UiRecord {
    fields?: Record<string, FieldValue | undefined>;
}
type FieldRef = string | { objectApiName?: string; fieldApiName: string };

function fieldPath(field: FieldRef): string[] {
    const name = typeof field === 'string' ? field : field.fieldApiName;
    const parts = name.split('.');
    // 'Lead.FirstName' is qualified by object; { fieldApiName: 'FirstName' } is not.
    return typeof field === 'string' ? parts.slice(1) : parts;
}

function walk(record: unknown, field: FieldRef): FieldValue | undefined {
    const path = fieldPath(field);
    let current: unknown = record;
    let found: FieldValue | undefined;
    for (const part of path) {
        const fields = (current as UiRecord | null | undefined)?.fields;
        found = fields?.[part];
        if (!found) return undefined;
        current = found.value;
    }
    return found;
}

export const getFieldValue = jest.fn((record: unknown, field: FieldRef): unknown => walk(record, field)?.value);
export const getFieldDisplayValue = jest.fn(
    (record: unknown, field: FieldRef): string | null | undefined => walk(record, field)?.displayValue
);
