/**
 * The slice of the Open CTI for Lightning Experience API (`sforce.opencti`) this
 * package uses, typed from the Open CTI Developer Guide
 * (developer.salesforce.com/docs/service/api-cti/guide/, one page per method:
 * sforce-api-cti-<method>-lex). Every method takes one object argument and answers
 * asynchronously through `callback` with `{ success, returnValue, errors }`.
 *
 * This file is the one contract between the adapter page and both the real
 * `opencti_min.js` and the workbench/test fake, so neither can drift from it.
 */

/** The response object every Open CTI method passes to its callback. */
export interface OpenCtiResponse<T = unknown> {
    success: boolean;
    returnValue: T | null;
    errors: unknown[] | null;
}

export type OpenCtiCallback<T = unknown> = (response: OpenCtiResponse<T>) => void;

/** Opaque: always read it from `sforce.opencti.CALL_TYPE`, never hard-code it. */
export type CallTypeValue = string;

/** `sforce.opencti.CALL_TYPE` */
export interface CallTypeEnum {
    INBOUND: CallTypeValue;
    OUTBOUND: CallTypeValue;
    INTERNAL: CallTypeValue;
}

/** Opaque: always read it from `sforce.opencti.SCREENPOP_TYPE`, never hard-code it. */
export type ScreenPopType = string;

/** `sforce.opencti.SCREENPOP_TYPE` */
export interface ScreenPopTypeEnum {
    SOBJECT: ScreenPopType;
    URL: ScreenPopType;
    OBJECTHOME: ScreenPopType;
    LIST: ScreenPopType;
    SEARCH: ScreenPopType;
    NEW_RECORD_MODAL: ScreenPopType;
    FLOW: ScreenPopType;
}

/** One match in a searchAndScreenPop returnValue (keyed by record Id). */
export interface SearchMatch {
    Id: string;
    Name: string;
    RecordType: string;
    [field: string]: unknown;
}

/**
 * searchAndScreenPop returnValue: matches keyed by record Id; with `deferred: true`
 * also `SCREEN_POP_DATA`, to pass to screenPop later.
 */
export type SearchAndScreenPopResult = Record<string, SearchMatch | ScreenPopRequest | undefined> & {
    SCREEN_POP_DATA?: ScreenPopRequest;
};

export interface ScreenPopRequest {
    type: ScreenPopType;
    params: Record<string, unknown>;
}

/**
 * onClickToDial listener payload. The guide types `number` as a number (sforce-api-cti-onclicktodial-lex);
 * peers receive the phone as stored, a string: accept both.
 */
export interface ClickToDialPayload {
    number: string | number;
    recordId?: string;
    recordName?: string;
    objectType?: string;
    accountId?: string;
    contactId?: string;
    personAccount?: boolean;
    params?: string;
}

/** onNavigationChange listener payload and getAppViewInfo returnValue. */
export interface AppViewInfo {
    url: string;
    recordId?: string;
    recordName?: string;
    objectType?: string;
}

/** getCallCenterSettings returnValue: a flat map keyed `/section/item`. */
export type CallCenterSettingsMap = Record<string, string>;

/**
 * What subscribe's callback receives as returnValue: "the subscription object" to pass to
 * unsubscribe (sforce-api-cti-methods-lms). Its fields are not documented: keep it opaque.
 */
export type LmsSubscription = Readonly<Record<string, unknown>>;

/** `sforce.opencti` as this package uses it. */
export interface OpenCti {
    CALL_TYPE: CallTypeEnum;
    SCREENPOP_TYPE: ScreenPopTypeEnum;
    enableClickToDial(args: { callback?: OpenCtiCallback<null> }): void;
    disableClickToDial(args: { callback?: OpenCtiCallback<null> }): void;
    onClickToDial(args: { listener: (payload: ClickToDialPayload) => void }): void;
    onNavigationChange(args: { listener: (payload: AppViewInfo) => void }): void;
    getAppViewInfo(args: { callback: OpenCtiCallback<AppViewInfo> }): void;
    getCallCenterSettings(args: { callback: OpenCtiCallback<CallCenterSettingsMap> }): void;
    notifyInitializationComplete(args?: { callback?: OpenCtiCallback<null> }): void;
    searchAndScreenPop(args: {
        searchParams?: string;
        queryParams?: string;
        defaultFieldValues?: Record<string, unknown>;
        callType: CallTypeValue;
        deferred?: boolean;
        callback?: OpenCtiCallback<SearchAndScreenPopResult>;
    }): void;
    screenPop(args: {
        type: ScreenPopType;
        params: Record<string, unknown>;
        defaultFieldValues?: Record<string, unknown>;
        callback?: OpenCtiCallback<null>;
    }): void;
    /** returnValue: "ID of object" (sforce-api-cti-savelog-lex); seen as a string or `{ recordId }`. */
    saveLog(args: {
        value: Record<string, unknown> & { entityApiName?: string; Id?: string };
        callback?: OpenCtiCallback<string | { recordId?: string; id?: string }>;
    }): void;
    refreshView(args?: { callback?: OpenCtiCallback<null> }): void;
    setSoftphonePanelVisibility(args: { visible: boolean; callback?: OpenCtiCallback<null> }): void;
    isSoftphonePanelVisible(args: { callback: OpenCtiCallback<{ visible: boolean }> }): void;
    setSoftphonePanelHeight(args: { heightPX: number; callback?: OpenCtiCallback<null> }): void;
    setSoftphoneItemLabel(args: { label: string; callback?: OpenCtiCallback<null> }): void;
    setSoftphoneItemIcon(args: { key: string; callback?: OpenCtiCallback<null> }): void;
    getSoftphoneLayout(args: { callback: OpenCtiCallback<Record<string, unknown>> }): void;
    subscribe(args: {
        channelName: string;
        listener: (message: unknown) => void;
        callback?: OpenCtiCallback<LmsSubscription>;
    }): void;
    unsubscribe(args: { subscription: LmsSubscription; callback?: OpenCtiCallback<null> }): void;
    publish(args: { channelName: string; message: unknown; callback?: OpenCtiCallback<null> }): void;
}

/**
 * Whether this page is where Open CTI works: framed by Lightning, which adds `sfdcIframeOrigin` and
 * `mode` to the adapter URL. Without them Salesforce's opencti.js throws while it loads ("Failed to
 * initialize Open CTI") yet still sets `sforce.opencti`, and every method then throws, so the
 * object's presence alone does not say Open CTI is usable (an admin previewing the page directly).
 */
export function inOpenCtiFrame(search: string, framed: boolean): boolean {
    const params = new URLSearchParams(search);
    return framed && !!params.get('sfdcIframeOrigin') && !!params.get('mode');
}
