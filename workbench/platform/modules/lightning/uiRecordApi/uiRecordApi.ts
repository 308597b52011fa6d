/**
 * `lightning/uiRecordApi` for the workbench: getRecord reads the workbench org over its JSON API.
 *
 * Follows "getRecord" (developer.salesforce.com/docs/platform/lwc/guide/reference-get-record.html):
 * config { recordId, fields | layoutTypes, optionalFields }; the wire delivers { data } or { error },
 * starting with { data: undefined, error: undefined } while loading; a `fields` entry the record
 * does not have is an error, an `optionalFields` entry is left out; no recordId means no request.
 * Fields are object-qualified ('Lead.Phone') or { objectApiName, fieldApiName }; a field of another
 * object is an error. notifyRecordUpdateAvailable (reference-notify-record-update.html) makes every
 * wire showing those records fetch again, and, as that page says, a wire whose data did not change
 * is not sent its value again (Open CTI's refreshView after every saved log would otherwise
 * re-render every record component on the page, which the platform does not). getFieldValue / getFieldDisplayValue walk the record
 * (reference-get-field-value.html).
 */
import { fetchRecord, on, OrgApiError } from 'lex/runtime';
import {
    fieldObject,
    fieldPath,
    getFieldDisplayValue,
    getFieldValue,
    toUiRecord,
    type FieldRef,
    type UiRecord
} from '../../../core/uiRecord';

export { getFieldValue, getFieldDisplayValue };

interface GetRecordConfig {
    recordId?: string;
    fields?: FieldRef | FieldRef[];
    optionalFields?: FieldRef | FieldRef[];
    layoutTypes?: string | string[];
    modes?: string[];
}

interface WireValue {
    data: UiRecord | undefined;
    error: unknown;
}

/** The error body LDS delivers (a FetchResponse: status, statusText, body with message). */
function ldsError(status: number, message: string, errorCode = 'NOT_FOUND') {
    return {
        status,
        statusText: status === 404 ? 'Not Found' : 'Bad Request',
        ok: false,
        body: { message, errorCode }
    };
}

const live = new Set<getRecord>();

function list(value: FieldRef | FieldRef[] | undefined): FieldRef[] {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
}

/** Wire adapter behind @wire(getRecord, {...}). */
export class getRecord {
    private config: GetRecordConfig | undefined;
    private connected = false;
    private request = 0;
    /** What this wire last delivered for its current config (JSON), so a refresh that changed nothing is not delivered. */
    private delivered: string | undefined;

    constructor(private readonly dataCallback: (value: WireValue) => void) {}

    update(config: GetRecordConfig): void {
        this.config = config;
        this.delivered = undefined;
        void this.load();
    }

    connect(): void {
        this.connected = true;
        live.add(this);
        void this.load();
    }

    disconnect(): void {
        this.connected = false;
        this.delivered = undefined;
        live.delete(this);
    }

    /** Fetches the record again. */
    reload(): void {
        void this.load();
    }

    /** Fetches again if this wire shows one of the records. */
    refreshIf(recordIds: ReadonlySet<string>): void {
        const id = this.config?.recordId;
        if (id && (recordIds.has(id) || recordIds.has(id.slice(0, 15)))) void this.load();
    }

    private async load(): Promise<void> {
        const config = this.config;
        // Like LDS: nothing is requested until the config is complete.
        if (!this.connected || !config?.recordId) return;
        const request = ++this.request;
        const deliver = (value: WireValue): void => {
            if (request !== this.request || !this.connected) return;
            const json = JSON.stringify(value);
            if (json === this.delivered) return;
            this.delivered = json;
            this.dataCallback(value);
        };
        const fields = list(config.fields);
        const optional = list(config.optionalFields);
        if (fields.length === 0 && optional.length === 0 && !config.layoutTypes) {
            deliver({
                data: undefined,
                error: ldsError(400, 'getRecord needs fields, optionalFields or layoutTypes.', 'INVALID_INPUT')
            });
            return;
        }
        try {
            const { apiName, record } = await fetchRecord(config.recordId);
            // A required field of another object is an error; optional ones of other objects are skipped,
            // which lets one component ask for Lead.Phone and Account.Phone and work on both pages.
            const wrongObject = fields.find((f) => fieldObject(f) && fieldObject(f) !== apiName);
            if (wrongObject) {
                const name =
                    typeof wrongObject === 'string'
                        ? wrongObject
                        : `${wrongObject.objectApiName}.${wrongObject.fieldApiName}`;
                deliver({
                    data: undefined,
                    error: ldsError(
                        400,
                        `${name} is not a field of ${apiName} (record ${config.recordId}).`,
                        'INVALID_FIELD'
                    )
                });
                return;
            }
            const missing = fields.find((f) => !((fieldPath(f)[0] ?? '') in record));
            if (missing) {
                const name = typeof missing === 'string' ? missing : missing.fieldApiName;
                deliver({
                    data: undefined,
                    error: ldsError(400, `No such column '${name}' on entity '${apiName}'.`, 'INVALID_FIELD')
                });
                return;
            }
            const names = config.layoutTypes
                ? Object.keys(record)
                : [...fields, ...optional.filter((f) => !fieldObject(f) || fieldObject(f) === apiName)]
                      .map((f) => fieldPath(f)[0] ?? '')
                      .filter((n) => n in record);
            deliver({ data: toUiRecord(apiName, record, ['Id', ...names]), error: undefined });
        } catch (error) {
            const status = error instanceof OrgApiError ? error.status : 500;
            const message = error instanceof Error ? error.message : String(error);
            deliver({ data: undefined, error: ldsError(status, message) });
        }
    }
}

/** Tells every getRecord wire showing these records to fetch them again. */
export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void> {
    const ids = new Set((items ?? []).map((i) => i.recordId));
    for (const wire of live) wire.refreshIf(ids);
    return Promise.resolve();
}

// refreshView (Open CTI) and saved logs make every record wire fetch again, as a page refresh would.
on('refresh-view', () => {
    for (const wire of live) wire.reload();
});
