/**
 * The wire format between the workbench's `sforce.opencti` stand-in (in the adapter frame, on the
 * Visualforce origin) and the Lightning Experience stand-in that hosts it (the app window, another
 * origin). Salesforce's own protocol is private; this one only has to carry the documented
 * arguments and `{ success, returnValue, errors }` responses. Every message is plain JSON, tagged,
 * and validated on receipt, and each side checks the sender's origin and window.
 */

export const OPENCTI_TAG = 'workbench:opencti';

/** The methods the stand-in implements (Open CTI for Lightning Experience, API 38.0+; LMS 47.0+). */
export const OPENCTI_METHODS = [
    'searchAndScreenPop',
    'screenPop',
    'saveLog',
    'onClickToDial',
    'enableClickToDial',
    'disableClickToDial',
    'onNavigationChange',
    'getAppViewInfo',
    'getCallCenterSettings',
    'notifyInitializationComplete',
    'setSoftphonePanelVisibility',
    'setSoftphonePanelHeight',
    'setSoftphonePanelWidth',
    'setSoftphoneItemLabel',
    'setSoftphoneItemIcon',
    'refreshView',
    'isSoftphonePanelVisible',
    'getSoftphoneLayout',
    'subscribe',
    'unsubscribe',
    'publish'
] as const;

export type OpenCtiMethod = (typeof OPENCTI_METHODS)[number];

/** The documented callback argument of every Open CTI method. */
export interface OpenCtiResponse {
    success: boolean;
    returnValue: unknown;
    errors: unknown[] | null;
}

export interface OpenCtiRequest {
    tag: typeof OPENCTI_TAG;
    kind: 'request';
    id: number;
    method: OpenCtiMethod;
    /** The method's argument object without functions (listeners and callbacks stay in the frame). */
    args: Record<string, unknown>;
}

export interface OpenCtiReply {
    tag: typeof OPENCTI_TAG;
    kind: 'response';
    id: number;
    response: OpenCtiResponse;
}

/** An event for a listener the frame registered: click-to-dial, navigation change or an LMS message. */
export interface OpenCtiEvent {
    tag: typeof OPENCTI_TAG;
    kind: 'event';
    /** 'clickToDial' | 'navigationChange' | `lms:${subscriptionId}` */
    listener: string;
    payload: unknown;
}

/** Sent once by the host when the adapter frame has loaded, so the frame knows its parent is a workbench host. */
export type OpenCtiMessage = OpenCtiRequest | OpenCtiReply | OpenCtiEvent;

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A request from an adapter frame, or null when the data is anything else (ignored, never thrown). */
export function parseRequest(data: unknown): OpenCtiRequest | null {
    if (!isRecord(data) || data.tag !== OPENCTI_TAG || data.kind !== 'request') return null;
    if (!Number.isSafeInteger(data.id) || typeof data.method !== 'string') return null;
    if (!(OPENCTI_METHODS as readonly string[]).includes(data.method)) return null;
    if (!isRecord(data.args)) return null;
    return data as unknown as OpenCtiRequest;
}

/** A response or event from the host, or null when the data is anything else. */
export function parseHostMessage(data: unknown): OpenCtiReply | OpenCtiEvent | null {
    if (!isRecord(data) || data.tag !== OPENCTI_TAG) return null;
    if (data.kind === 'response') {
        const response = data.response;
        if (!Number.isSafeInteger(data.id) || !isRecord(response) || typeof response.success !== 'boolean') return null;
        return data as unknown as OpenCtiReply;
    }
    if (data.kind === 'event') {
        if (typeof data.listener !== 'string') return null;
        return data as unknown as OpenCtiEvent;
    }
    return null;
}

export function ok(returnValue: unknown = null): OpenCtiResponse {
    return { success: true, returnValue, errors: null };
}

/**
 * An Open CTI error as the guide's "Common Error Messages for Lightning Experience Methods" gives
 * it: `{ code, description, details }`, `details` "typically undefined", filled by saveLog.
 */
export interface OpenCtiError {
    code: string;
    description: string;
    details?: unknown;
}

/** A failed call: INVALID_PARAM for a bad argument (the guide's sample), or another code. */
export function fail(description: string, code = 'INVALID_PARAM'): OpenCtiResponse {
    return { success: false, returnValue: null, errors: [{ code, description } satisfies OpenCtiError] };
}

/**
 * saveLog refused by the org: the guide's GENERIC_ERROR, whose `details` carry the reason. Every
 * copy of the guide cuts its example off after `details: [{ message`; the org's status code and
 * fields are given here too, and the adapter reads any text under `details` (openCtiCrm.describeErrors).
 */
export function saveLogFailed(
    reasons: readonly { statusCode?: string; message: string; fields?: string[] }[]
): OpenCtiResponse {
    const error: OpenCtiError = {
        code: 'GENERIC_ERROR',
        description:
            'An error occurred while calling the saveLog() API method. Review the Details field in the error section.',
        details: reasons.map(({ statusCode, message, fields }) => ({
            message,
            ...(statusCode ? { statusCode } : {}),
            ...(fields?.length ? { fields } : {})
        }))
    };
    return { success: false, returnValue: null, errors: [error] };
}
