/**
 * lightning/uiRecordApi for Jest. getRecord is an LDS test wire adapter: tests call
 * getRecord.emit(fixture) / getRecord.error() and read getRecord.getLastConfig() to see which
 * fields a component asked for. getFieldValue / getFieldDisplayValue are the same field walk the
 * workbench uses (workbench/platform/core/uiRecord.ts, which cites the UI API docs), including
 * relationship paths such as Contact.Account.Name.
 */
import { createLdsTestWireAdapter } from '@salesforce/wire-service-jest-util';
import {
    getFieldDisplayValue as fieldDisplayValue,
    getFieldValue as fieldValue
} from '../../../../workbench/platform/core/uiRecord';

export const getRecord = createLdsTestWireAdapter(jest.fn());
export const getRecords = createLdsTestWireAdapter(jest.fn());
export const getRecordCreateDefaults = createLdsTestWireAdapter(jest.fn());
export const updateRecord = jest.fn().mockResolvedValue({});
export const createRecord = jest.fn().mockResolvedValue({});
export const deleteRecord = jest.fn().mockResolvedValue(undefined);
export const notifyRecordUpdateAvailable = jest.fn().mockResolvedValue(undefined);
export const getFieldValue = jest.fn(fieldValue);
export const getFieldDisplayValue = jest.fn(fieldDisplayValue);
