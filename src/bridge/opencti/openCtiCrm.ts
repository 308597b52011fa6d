/**
 * The bridge core's `CrmActions` implemented with Open CTI for Lightning Experience, plus promise
 * helpers over Open CTI's callback style: every method takes one object and answers `callback`
 * with `{ success, returnValue, errors }` (Open CTI developer guide, "Working with Open CTI methods";
 * each method's Lightning page, sforce-api-cti-<method>-lex).
 *
 * Screen pops use `searchAndScreenPop({ deferred: true })` so nothing pops by itself: the call
 * center's Screen Pop settings decide (one match → the record; several → search, ask or nothing;
 * none → new Lead / Contact with the phone filled in, search, or nothing).
 */
import type { ChannelEvent, RecordRef } from 'c/softphoneProtocol';
import { MESSAGE_CHANNEL_NAME } from 'c/softphoneProtocol';
import type { CallLog } from '../core/callLog';
import type { CrmActions, ScreenPopRequest } from '../core/crm';
import type { OpenCti, OpenCtiCallback, OpenCtiResponse, ScreenPopRequest as PopRequest } from './openCtiApi';

/** An Open CTI method answered `success: false`, threw, or did not answer in time. */
export class OpenCtiError extends Error {
    constructor(
        readonly method: string,
        message: string,
        readonly errors: unknown[] = []
    ) {
        super(`${method}: ${message}`);
        this.name = 'OpenCtiError';
    }
}

/**
 * The lasting kind of a Salesforce error, from the status code its text names (SOAP/REST API
 * StatusCode list): a validation rule or bad data the agent or admin must fix, missing access the
 * admin must grant, an expired session the agent ends by reloading. Others are transient.
 */
export function lastingErrorKind(text: string): 'validation' | 'access' | 'session' | undefined {
    if (/INVALID_SESSION_ID|session (?:has )?expired/i.test(text)) return 'session';
    // INVALID_FIELD_FOR_INSERT_UPDATE: a field the profile may not write (field-level security) or the
    // object never takes in that call; INVALID_FIELD: a field the profile cannot see at all.
    if (/INSUFFICIENT_ACCESS|API_DISABLED_FOR_ORG|NOT_API_ENABLED|INVALID_FIELD(?:_FOR_INSERT_UPDATE)?\b/.test(text))
        return 'access';
    if (
        /FIELD_CUSTOM_VALIDATION_EXCEPTION|REQUIRED_FIELD_MISSING|FIELD_INTEGRITY_EXCEPTION|INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST|STRING_TOO_LONG|CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY|ENTITY_IS_DELETED|INVALID_CROSS_REFERENCE_KEY/.test(
            text
        )
    )
        return 'validation';
    return undefined;
}

/** Marks a saveLog error with its lasting kind (read by the log queue as `error.kind`) and throws it on. */
function withKind(error: unknown): never {
    if (error instanceof Error) {
        const kind = lastingErrorKind(error.message);
        if (kind) Object.assign(error, { kind });
        throw error;
    }
    throw new Error(String(error));
}

/** Default time to wait for a callback. */
export const OPENCTI_TIMEOUT_MS = 15_000;
/**
 * saveLog waits longer than other methods: a save that answers late is still a success. A timeout
 * leaves the create in doubt; the log queue then finds the Task by CallObject before creating again.
 */
export const SAVE_LOG_TIMEOUT_MS = 30_000;

/** Timers, injected (tests use fake ones). */
export interface Timers {
    setTimeout(callback: () => void, delayMs: number): unknown;
    clearTimeout(handle: unknown): void;
}

/**
 * Readable text of Open CTI's `errors`: objects `{ code, description, details }` (Open CTI guide,
 * "Common Error Messages for Lightning Experience Methods"; saveLog puts the org's reason, such as
 * FIELD_CUSTOM_VALIDATION_EXCEPTION and the rule's message, in `details`), or strings and
 * `{ message }` objects as some peers report them. The text of `details` is kept, so
 * lastingErrorKind can find the org's status code in it.
 */
export function describeErrors(errors: unknown): string {
    if (!Array.isArray(errors) || errors.length === 0) return 'no reason given';
    return errors
        .slice(0, 10)
        .map((error) => {
            if (typeof error === 'string') return error;
            if (!error || typeof error !== 'object') return String(error);
            const { code, message, description, details } = error as Record<string, unknown>;
            const text = typeof message === 'string' ? message : typeof description === 'string' ? description : '';
            const head = [typeof code === 'string' ? code : '', text].filter(Boolean).join(': ');
            const detail = textsOf(details, 5).join(' ');
            return [head || safeJson(error), detail].filter(Boolean).join(' | ');
        })
        .join('; ')
        .slice(0, 1_000);
}

/** The strings (and numbers) inside a value, depth-first, bounded in depth and count. */
function textsOf(value: unknown, depth: number, found: string[] = []): string[] {
    if (found.length >= 20) return found;
    if (typeof value === 'string') found.push(value.slice(0, 300));
    else if (typeof value === 'number' || typeof value === 'boolean') found.push(String(value));
    else if (value && typeof value === 'object' && depth > 0) {
        const entries = Array.isArray(value) ? value.slice(0, 10) : Object.values(value).slice(0, 10);
        for (const entry of entries) textsOf(entry, depth - 1, found);
    }
    return found;
}

function safeJson(value: unknown): string {
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}

/**
 * Calls an Open CTI method and resolves its `returnValue`; rejects with OpenCtiError when the
 * method reports `success: false`, throws, or answers nothing within `timeoutMs`.
 */
export function callOpenCti<T>(
    method: string,
    invoke: (callback: OpenCtiCallback<T>) => void,
    timers: Timers,
    timeoutMs = OPENCTI_TIMEOUT_MS
): Promise<T | null> {
    return new Promise((resolve, reject) => {
        let settled = false;
        const timer = timers.setTimeout(() => {
            if (settled) return;
            settled = true;
            // `unanswered`: what was asked may still be done (the log queue waits before creating again).
            reject(
                Object.assign(new OpenCtiError(method, `no answer within ${Math.round(timeoutMs / 1000)} s.`), {
                    unanswered: true
                })
            );
        }, timeoutMs);
        const finish = (response: OpenCtiResponse<T> | undefined): void => {
            if (settled) return;
            settled = true;
            timers.clearTimeout(timer);
            if (response && response.success === true) resolve(response.returnValue ?? null);
            else reject(new OpenCtiError(method, describeErrors(response?.errors), response?.errors ?? []));
        };
        try {
            invoke(finish);
        } catch (error) {
            settled = true;
            timers.clearTimeout(timer);
            reject(new OpenCtiError(method, error instanceof Error ? error.message : String(error)));
        }
    });
}

/**
 * Waits before each retry of a call refused with SOFTPHONE_CONTAINER_ERROR ("the softphone container
 * hasn't initialized yet", Open CTI guide, "Common Error Messages for Lightning Experience Methods").
 */
export const CONTAINER_RETRY_DELAYS_MS: readonly number[] = [500, 1_000, 2_000, 4_000, 8_000];

/** True for an error that says the softphone container is still starting (worth asking again). */
export function isContainerStarting(error: unknown): boolean {
    const text = error instanceof Error ? error.message : typeof error === 'string' ? error : describeErrors(error);
    return /SOFTPHONE_CONTAINER_ERROR/.test(text);
}

/** callOpenCti, asked again (up to 5 times, 15.5 s in all) while the softphone container is still starting. */
export async function callOpenCtiOnceReady<T>(
    method: string,
    invoke: (callback: OpenCtiCallback<T>) => void,
    timers: Timers
): Promise<T | null> {
    for (let attempt = 0; ; attempt++) {
        try {
            return await callOpenCti(method, invoke, timers);
        } catch (error) {
            const delay = CONTAINER_RETRY_DELAYS_MS[attempt];
            if (delay === undefined || !isContainerStarting(error)) throw error;
            await new Promise((resolve) => timers.setTimeout(() => resolve(undefined), delay));
        }
    }
}

/** The record Id in a saveLog returnValue: the guide says "ID of object"; peers see a string or `{ recordId }`. */
export function savedRecordId(returnValue: unknown): string | null {
    if (typeof returnValue === 'string' && returnValue !== '') return returnValue;
    if (returnValue && typeof returnValue === 'object') {
        const value = returnValue as { recordId?: unknown; id?: unknown; Id?: unknown };
        const id = value.recordId ?? value.id ?? value.Id;
        if (typeof id === 'string' && id !== '') return id;
    }
    return null;
}

const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/**
 * The matches in a searchAndScreenPop returnValue (keyed by record Id; SCREEN_POP_DATA is not a
 * match). The guide's example gives most matches `Id`, `Name` and `RecordType`, and some only
 * `object` and `displayName`: either form is read.
 */
export function matchesOf(returnValue: unknown): RecordRef[] {
    if (!returnValue || typeof returnValue !== 'object') return [];
    const matches: RecordRef[] = [];
    const text = (...values: unknown[]): string | undefined =>
        values.find((value): value is string => typeof value === 'string' && value.trim() !== '');
    for (const [key, value] of Object.entries(returnValue as Record<string, unknown>)) {
        if (key === 'SCREEN_POP_DATA' || !value || typeof value !== 'object') continue;
        const match = value as Record<string, unknown>;
        const recordId = typeof match.Id === 'string' ? match.Id : key;
        if (!RECORD_ID.test(recordId)) continue;
        const ref: RecordRef = { recordId };
        const objectType = text(match.RecordType, match.object);
        if (objectType) ref.objectType = objectType.slice(0, 80);
        const name = text(match.Name, match.displayName);
        if (name) ref.name = name.slice(0, 255);
        matches.push(ref);
    }
    return matches;
}

/** What the call center's Screen Pop section says (src/callCenter/settings.ts). */
export interface PopPolicy {
    noMatch: 'newLead' | 'newContact' | 'search' | 'none';
    multipleMatches: 'search' | 'ask' | 'none';
}

export interface OpenCtiCrmOptions {
    opencti: OpenCti;
    timers: Timers;
    pop: PopPolicy;
    /** The record the agent is on now (so opening it again does not navigate). */
    currentRecordId?: () => string | undefined;
    /** After a Task write (refreshView is already called). */
    onLogSaved?: (taskId: string) => void;
    /** Developer diagnostics. */
    onWarning?: (message: string) => void;
    /** Finds a Task by CallObject (taskQuery.ts); without it a create in doubt is made again. */
    findLog?: (callObject: string) => Promise<string | null>;
}

function sameId(a: string | undefined, b: string | undefined): boolean {
    return !!a && !!b && a.slice(0, 15) === b.slice(0, 15);
}

/** `CrmActions` over `sforce.opencti`. */
export function createOpenCtiCrm(options: OpenCtiCrmOptions): CrmActions & {
    /** Opens a record unless it is already shown. */
    openRecord(record: RecordRef): Promise<void>;
} {
    const { opencti, timers, pop } = options;
    const warn = (message: string): void => options.onWarning?.(message);

    function screenPopTo(type: string, params: Record<string, unknown>, popData?: object): Promise<unknown> {
        // The guide: SCREEN_POP_DATA goes to screenPop unmodified (opencti.js sends on its type and params only).
        const args = popData ? { ...popData, type, params } : { type, params };
        return callOpenCti('screenPop', (callback) => opencti.screenPop({ ...args, callback }), timers);
    }

    function refreshView(): void {
        // The guide: call refreshView after saveLog so the record's activity timeline shows the Task.
        callOpenCti('refreshView', (callback) => opencti.refreshView({ callback }), timers).catch((error: unknown) =>
            warn(`refreshView failed: ${error instanceof Error ? error.message : String(error)}`)
        );
    }

    async function openRecord(record: RecordRef): Promise<void> {
        if (sameId(options.currentRecordId?.(), record.recordId)) return;
        await screenPopTo(opencti.SCREENPOP_TYPE.SOBJECT, { recordId: record.recordId });
    }

    async function popNoMatch(phoneNumber: string): Promise<void> {
        switch (pop.noMatch) {
            case 'newLead':
            case 'newContact': {
                const entityName = pop.noMatch === 'newLead' ? 'Lead' : 'Contact';
                const defaultFieldValues = { Phone: phoneNumber };
                await callOpenCti(
                    'screenPop',
                    (callback) =>
                        opencti.screenPop({
                            type: opencti.SCREENPOP_TYPE.NEW_RECORD_MODAL,
                            params: { entityName, defaultFieldValues },
                            defaultFieldValues,
                            callback
                        }),
                    timers
                );
                return;
            }
            case 'search':
                if (phoneNumber.trim().length >= 3)
                    await screenPopTo(opencti.SCREENPOP_TYPE.SEARCH, { searchString: phoneNumber });
                return;
            case 'none':
                return;
        }
    }

    return {
        showPanel() {
            opencti.setSoftphonePanelVisibility({
                visible: true,
                callback: (response) => {
                    if (!response.success)
                        warn(`setSoftphonePanelVisibility failed: ${describeErrors(response.errors)}`);
                }
            });
        },

        async screenPop(request: ScreenPopRequest): Promise<RecordRef[]> {
            const phoneNumber = request.phoneNumber?.trim();
            // A withheld caller (`anonymous`, `Restricted`) is no number: searching the word could
            // pop, and log the call on, a record that merely contains it.
            if (!phoneNumber || (phoneNumber.match(/\d/g)?.length ?? 0) < 3) return [];
            const callType = request.direction === 'inbound' ? opencti.CALL_TYPE.INBOUND : opencti.CALL_TYPE.OUTBOUND;
            const result = await callOpenCti(
                'searchAndScreenPop',
                (callback) =>
                    opencti.searchAndScreenPop({ searchParams: phoneNumber, callType, deferred: true, callback }),
                timers
            );
            const matches = matchesOf(result);
            const first = matches[0];
            if (request.searchOnly) return matches;
            if (matches.length === 1 && first) {
                // The layout's own pop when it names this record (it may carry more params), else the record.
                const data = (result as { SCREEN_POP_DATA?: PopRequest } | null)?.SCREEN_POP_DATA;
                const popId = data?.params?.recordId;
                const usable =
                    data?.type === opencti.SCREENPOP_TYPE.SOBJECT &&
                    typeof popId === 'string' &&
                    sameId(popId, first.recordId);
                if (!sameId(options.currentRecordId?.(), first.recordId)) {
                    if (usable && data) await screenPopTo(data.type, data.params, data);
                    else await screenPopTo(opencti.SCREENPOP_TYPE.SOBJECT, { recordId: first.recordId });
                }
                return matches;
            }
            if (matches.length > 1) {
                if (pop.multipleMatches === 'search' && phoneNumber.length >= 3)
                    await screenPopTo(opencti.SCREENPOP_TYPE.SEARCH, { searchString: phoneNumber });
                return matches;
            }
            // No match: the setting speaks of inbound callers; an outbound number nobody has stays as it is.
            if (request.direction === 'inbound') await popNoMatch(phoneNumber);
            return [];
        },

        openRecord,

        publish(event: ChannelEvent) {
            opencti.publish({
                channelName: MESSAGE_CHANNEL_NAME,
                message: event,
                callback: (response) => {
                    if (!response.success) warn(`Publishing ${event.type} failed: ${describeErrors(response.errors)}`);
                }
            });
        },

        ...(options.findLog ? { findLog: options.findLog } : {}),

        async saveLog(log: CallLog): Promise<string> {
            const returnValue = await callOpenCti(
                'saveLog',
                (callback) => opencti.saveLog({ value: { entityApiName: 'Task', ...log }, callback }),
                timers,
                SAVE_LOG_TIMEOUT_MS
            ).catch(withKind);
            const taskId = savedRecordId(returnValue);
            if (!taskId) throw new OpenCtiError('saveLog', 'the answer named no record Id.');
            refreshView();
            options.onLogSaved?.(taskId);
            return taskId;
        },

        async updateLog(taskId: string, patch: Partial<CallLog>): Promise<void> {
            await callOpenCti(
                'saveLog',
                (callback) => opencti.saveLog({ value: { ...patch, Id: taskId }, callback }),
                timers,
                SAVE_LOG_TIMEOUT_MS
            ).catch(withKind);
            refreshView();
            options.onLogSaved?.(taskId);
        }
    };
}
