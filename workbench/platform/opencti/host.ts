/**
 * The Lightning Experience side of Open CTI, framework-free: what Salesforce does when an adapter
 * calls `sforce.opencti.*`. One implementation behind two transports:
 *  - in the workbench browser app, `lex/openctiHost` wraps it and carries requests over postMessage
 *    from the adapter frame (opencti.ts is the frame side);
 *  - in Jest, `inProcess.ts` exposes it as an `OpenCti` object the adapter code calls directly.
 *
 * Behaviour follows the Open CTI developer guide, Lightning Experience methods
 * (developer.salesforce.com/docs/service/api-cti/guide/, one page per method, sforce-api-cti-<method>-lex):
 *  - every method answers through `callback` with `{ success, returnValue, errors }`
 *    ("Working with Open CTI methods");
 *  - searchAndScreenPop: `callType` required (CALL_TYPE.INBOUND | OUTBOUND | INTERNAL); searches the
 *    objects of the softphone layout for that call type; returnValue keyed by record Id
 *    (`{ Id, Name, RecordType }`); pops per the layout's NoMatch / SingleMatch / MultipleMatches
 *    settings unless `deferred: true`, which adds `SCREEN_POP_DATA` to pass to screenPop later;
 *  - screenPop: SOBJECT {recordId}, URL {url} (relative), OBJECTHOME {scope}, LIST {listViewId, scope},
 *    SEARCH {searchString} (3+ characters), NEW_RECORD_MODAL {entityName, defaultFieldValues},
 *    FLOW {flowDevName, flowArgs};
 *  - saveLog: creates with `entityApiName`, updates with `Id`; returnValue "ID of object"
 *    (sforce-api-cti-savelog-lex; the exact shape is unverified: this stand-in answers `{ recordId }`,
 *    the package's adapter accepts a string too);
 *  - onClickToDial: payload { number, recordId, recordName, objectType, accountId | contactId,
 *    personAccount, params }; delivered only after enableClickToDial (sforce-api-cti-onclicktodial-lex,
 *    sforce-api-cti-enableclicktodial-lex);
 *  - onNavigationChange / getAppViewInfo: { url, recordId, recordName, objectType }
 *    (sforce-api-cti-onnavigationchange-lex, sforce-api-cti-getappviewinfo-lex);
 *  - getCallCenterSettings: a flat map keyed '/section/item' (sforce-api-cti-getcallcentersettings-lex);
 *  - notifyInitializationComplete: without it, the panel switches to reqStandbyUrl after reqTimeout ms;
 *  - errors `[{ code, description, details }]` (sforce-api-cti-error-messages-lightning); with the
 *    `containerStartupCalls` fault, the first calls after a frame load get SOFTPHONE_CONTAINER_ERROR;
 *  - subscribe / unsubscribe / publish: Lightning Message Service, API 47.0+ (sforce-api-cti-methods-lms);
 *    the callback of subscribe "receives the subscription object" (its fields are unverified: here
 *    `{ subscriptionId, channelName }`), messages must be JSON-serializable.
 * The string values of CALL_TYPE / SCREENPOP_TYPE (constants.ts) match a public copy of opencti.js
 * (API 43). Unverified against a real org: the exact saveLog returnValue, and whether a publisher
 * hears its own LMS messages (here it does).
 */
import type { ClickToDialPayload } from '../../../src/bridge/opencti/openCtiApi';
import { HISTORY_LIMIT, type BusSubscription, type MessageBus } from '../core/messageBus';
import { isRecordId, pageReferenceToUrl, urlToPageReference } from '../core/pageReference';
import { CALL_TYPE, SCREENPOP_TYPE } from './constants';
import { fail, ok, saveLogFailed, type OpenCtiMethod, type OpenCtiResponse } from './protocol';

/** What the host needs from the org: phone search, Task writes, record look-ups. */
import type { SaveAnswer } from '../org/faults';

export interface HostOrg {
    /** Records of these objects whose phone fields (or Name) match the term. */
    search(term: string, objects: readonly string[]): Promise<{ Id: string; Name: string; RecordType: string }[]>;
    /**
     * saveLog: creates or updates; resolves the record Id, or how its answer travels under an
     * injected fault (org/faults.ts: written but never or late answered); rejects with the org's
     * error messages.
     */
    save(value: Record<string, unknown>): Promise<string | SaveAnswer>;
    record(recordId: string): Promise<{ apiName: string; record: Record<string, unknown> } | undefined>;
}

/** What the host needs from the Lightning Experience window: where the agent is, and navigation. */
export interface HostLightning {
    /** Origin of the Lightning page (for getAppViewInfo's url). */
    origin(): string;
    /** Path and query of the page shown now, e.g. /lightning/r/Lead/00Q…/view. */
    currentPath(): string;
    /** Shows an app URL (path + query) in the page area. */
    goTo(path: string): void;
    /** The object of a bare record Id (key prefix), for record page URLs. */
    objectApiNameOf(this: void, recordId: string): string | undefined;
    /** refreshView: the page re-reads its data. */
    refreshView(): void;
}

export type HostLogSource = 'opencti' | 'lms' | 'security';

export interface OpenCtiHostOptions {
    org: HostOrg;
    lightning: HostLightning;
    /** getCallCenterSettings' returnValue. */
    settings: () => Promise<Record<string, string>>;
    /** The app's Lightning Message Service bus. */
    bus: MessageBus;
    /** API names (Name__c) of the org's message channels. */
    messageChannels: () => readonly string[];
    log?: (source: HostLogSource, text: string, ok?: boolean) => void;
    onPanelChange?: (panel: PanelState) => void;
    /** A Task was written (the record page's activity list re-reads). */
    onTasksChanged?: (taskId: string) => void;
    /**
     * A fault: how many Open CTI calls after each adapter frame load are answered
     * SOFTPHONE_CONTAINER_ERROR (the container not initialized yet). Read once per frame load.
     */
    containerStartupCalls?: () => number | Promise<number>;
    /** Standby timer; injected so tests control time. */
    scheduler?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

/** The utility panel as the adapter has set it. */
export interface PanelState {
    visible: boolean;
    heightPX: number | null;
    widthPX: number | null;
    label: string | null;
    iconKey: string | null;
    /** Set when the adapter did not call notifyInitializationComplete in time. */
    standbyUrl: string | null;
}

/** Delivers a listener event to the adapter frame: 'clickToDial' | 'navigationChange' | `lms:${id}`. */
export type ListenerSink = (listener: string, payload: unknown) => void;

export interface OpenCtiHost {
    /** Answers one Open CTI call (functions already stripped from args). */
    handle(method: OpenCtiMethod, args: Record<string, unknown>): Promise<OpenCtiResponse>;
    /** Where listener events go (the adapter frame's transport). Replaces the previous sink. */
    connect(sink: ListenerSink): void;
    /** A (re)loaded adapter frame: not initialized yet; starts the standby timer. */
    frameLoaded(standby?: { url: string; timeoutMs: number }): void;
    /** The agent clicked a phone number; true when it was handed to the softphone. */
    clickToDial(payload: ClickToDialPayload): boolean;
    /** The page area changed: tells onNavigationChange listeners. */
    navigated(): void;
    setPanelVisible(visible: boolean): void;
    isClickToDialEnabled(): boolean;
    readonly panel: Readonly<PanelState>;
    /** The screen pops the host carried out (URL), oldest first, the newest POPS_KEPT; for tests. */
    readonly pops: readonly string[];
    /** True once the adapter called notifyInitializationComplete. */
    isInitialized(): boolean;
}

type ScreenPopSetting = {
    screenPopType: 'PopToEntity' | 'PopToSearch' | 'DoNotPop' | 'PopToNewEntity';
    screenPopData?: string;
};

interface CallTypeLayout {
    callRelatedFields: string[];
    objects: Record<string, { apiName: string; displayName: string }[]>;
    screenPopSettings: {
        screenPopsOpenWithin: 'ExistingWindow';
        NoMatch: ScreenPopSetting;
        SingleMatch: ScreenPopSetting;
        MultipleMatches: ScreenPopSetting;
    };
}

/** Screen pops the host remembers for tests (as many as the bus's history keeps messages). */
export const POPS_KEPT = HISTORY_LIMIT;

const NAME_AND_PHONE = (label: string): { apiName: string; displayName: string }[] => [
    { apiName: 'Name', displayName: label },
    { apiName: 'Phone', displayName: 'Phone' }
];

/** The workbench user's softphone layout (a typical admin setup: pop single matches, search on several). */
export const SOFTPHONE_LAYOUT: Record<'Inbound' | 'Outbound' | 'Internal', CallTypeLayout> = {
    Inbound: {
        callRelatedFields: ['ANI', 'DNIS'],
        objects: {
            Account: NAME_AND_PHONE('Account Name'),
            Contact: NAME_AND_PHONE('Name'),
            Lead: NAME_AND_PHONE('Name')
        },
        screenPopSettings: {
            screenPopsOpenWithin: 'ExistingWindow',
            NoMatch: { screenPopType: 'DoNotPop' },
            SingleMatch: { screenPopType: 'PopToEntity' },
            MultipleMatches: { screenPopType: 'PopToSearch' }
        }
    },
    Outbound: {
        callRelatedFields: ['DNIS'],
        objects: {
            Account: NAME_AND_PHONE('Account Name'),
            Contact: NAME_AND_PHONE('Name'),
            Lead: NAME_AND_PHONE('Name')
        },
        screenPopSettings: {
            screenPopsOpenWithin: 'ExistingWindow',
            NoMatch: { screenPopType: 'DoNotPop' },
            SingleMatch: { screenPopType: 'DoNotPop' },
            MultipleMatches: { screenPopType: 'DoNotPop' }
        }
    },
    Internal: {
        callRelatedFields: ['ANI'],
        objects: { Contact: NAME_AND_PHONE('Name') },
        screenPopSettings: {
            screenPopsOpenWithin: 'ExistingWindow',
            NoMatch: { screenPopType: 'DoNotPop' },
            SingleMatch: { screenPopType: 'DoNotPop' },
            MultipleMatches: { screenPopType: 'DoNotPop' }
        }
    }
};

function str(value: unknown): string | undefined {
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function errorMessages(error: unknown): string[] {
    const errors = (error as { errors?: unknown } | null)?.errors;
    if (Array.isArray(errors) && errors.length > 0) return errors.map(String);
    return [error instanceof Error ? error.message : String(error)];
}

/** The org's reasons for refusing a save, from the workbench org's "STATUS_CODE: message" texts. */
function saveReasons(error: unknown): { statusCode?: string; message: string }[] {
    return errorMessages(error).map((text) => {
        const coded = /^([A-Z][A-Z0-9_]+): ([\s\S]*)$/.exec(text);
        return coded ? { statusCode: coded[1] as string, message: coded[2] as string } : { message: text };
    });
}

/** Creates the host. Nothing is delivered to the frame until `connect`. */
export function createOpenCtiHost(options: OpenCtiHostOptions): OpenCtiHost {
    const { org, lightning, bus } = options;
    const log = (source: HostLogSource, text: string, good = true): void => options.log?.(source, text, good);
    const scheduler = options.scheduler ?? {
        setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
        clearTimeout: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>)
    };
    const panel: PanelState = {
        visible: false,
        heightPX: null,
        widthPX: null,
        label: null,
        iconKey: null,
        standbyUrl: null
    };
    const pops: string[] = [];
    const lmsSubscriptions = new Map<string, BusSubscription>();
    let sink: ListenerSink | undefined;
    let clickToDialEnabled = false;
    let clickToDialRegistered = false;
    let navigationRegistered = false;
    let initialized = false;
    let standbyTimer: unknown;
    let nextSubscription = 1;
    /** The container start-up fault: read at each frame load; the calls still to refuse. */
    let containerStartup: Promise<void> = Promise.resolve();
    let containerCallsLeft = 0;

    const panelChanged = (): void => options.onPanelChange?.({ ...panel });
    const deliver = (listener: string, payload: unknown): void => sink?.(listener, payload);

    /* ------------------------------------------------------------ view info */

    async function appViewInfo(): Promise<Record<string, unknown>> {
        const path = lightning.currentPath();
        const url = lightning.origin() + path;
        const ref = urlToPageReference(path);
        const recordId =
            ref.type === 'standard__recordPage' ? (ref.attributes?.recordId as string | undefined) : undefined;
        if (!recordId || !isRecordId(recordId)) return { url };
        try {
            const found = await org.record(recordId);
            if (!found) return { url, recordId };
            const name = found.record.Name;
            return { url, recordId, recordName: typeof name === 'string' ? name : '', objectType: found.apiName };
        } catch {
            return { url, recordId };
        }
    }

    /* ------------------------------------------------------------ screen pops */

    function popUrl(type: unknown, params: Record<string, unknown>): string | OpenCtiResponse {
        switch (type) {
            case SCREENPOP_TYPE.SOBJECT: {
                const recordId = str(params.recordId);
                if (!recordId || !isRecordId(recordId))
                    return fail('screenPop SOBJECT needs params.recordId, a record Id.');
                return pageReferenceToUrl(
                    { type: 'standard__recordPage', attributes: { recordId, actionName: 'view' } },
                    (id) => lightning.objectApiNameOf(id)
                );
            }
            case SCREENPOP_TYPE.URL: {
                const url = str(params.url);
                if (!url) return fail('screenPop URL needs params.url.');
                if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url))
                    return fail('screenPop URL: the URL must be a relative path.');
                return url.startsWith('/') ? url : `/${url}`;
            }
            case SCREENPOP_TYPE.OBJECTHOME: {
                const scope = str(params.scope);
                if (!scope) return fail('screenPop OBJECTHOME needs params.scope, an object API name.');
                return `/lightning/o/${encodeURIComponent(scope)}/home`;
            }
            case SCREENPOP_TYPE.LIST: {
                const scope = str(params.scope);
                if (!scope) return fail('screenPop LIST needs params.scope and params.listViewId.');
                const listViewId = str(params.listViewId) ?? 'Recent';
                return `/lightning/o/${encodeURIComponent(scope)}/list?filterName=${encodeURIComponent(listViewId)}`;
            }
            case SCREENPOP_TYPE.SEARCH: {
                const searchString = str(params.searchString);
                if (!searchString || searchString.trim().length < 3)
                    return fail('screenPop SEARCH: params.searchString must have at least 3 characters.');
                return `/lightning/search?term=${encodeURIComponent(searchString)}`;
            }
            case SCREENPOP_TYPE.NEW_RECORD_MODAL: {
                const entityName = str(params.entityName);
                if (!entityName) return fail('screenPop NEW_RECORD_MODAL needs params.entityName.');
                const defaults = params.defaultFieldValues;
                const query =
                    defaults && typeof defaults === 'object'
                        ? `?defaultFieldValues=${encodeURIComponent(JSON.stringify(defaults))}`
                        : '';
                return `/lightning/o/${encodeURIComponent(entityName)}/new${query}`;
            }
            case SCREENPOP_TYPE.FLOW: {
                const flowDevName = str(params.flowDevName);
                if (!flowDevName) return fail('screenPop FLOW needs params.flowDevName.');
                const args = Array.isArray(params.flowArgs)
                    ? `?flowArgs=${encodeURIComponent(JSON.stringify(params.flowArgs))}`
                    : '';
                return `/lightning/cmp/workbench__flow/${encodeURIComponent(flowDevName)}${args}`;
            }
            default:
                return fail(
                    `screenPop: type must be one of sforce.opencti.SCREENPOP_TYPE (${Object.keys(SCREENPOP_TYPE).join(', ')}).`
                );
        }
    }

    function screenPop(args: Record<string, unknown>): OpenCtiResponse {
        const params =
            args.params && typeof args.params === 'object' ? { ...(args.params as Record<string, unknown>) } : {};
        // Only `type` and `params` reach Salesforce (opencti.js): defaultFieldValues belong inside params.
        const url = popUrl(args.type, params);
        if (typeof url !== 'string') return url;
        log('opencti', `screenPop ${String(args.type)} -> ${url}`);
        pops.push(url);
        // A diagnostic list, kept short as the bus's history: a shift of pops must not grow the page.
        if (pops.length > POPS_KEPT) pops.splice(0, pops.length - POPS_KEPT);
        lightning.goTo(url);
        return ok(null);
    }

    async function searchAndScreenPop(args: Record<string, unknown>): Promise<OpenCtiResponse> {
        const callType = args.callType;
        const layoutKey =
            callType === CALL_TYPE.INBOUND
                ? 'Inbound'
                : callType === CALL_TYPE.OUTBOUND
                  ? 'Outbound'
                  : callType === CALL_TYPE.INTERNAL
                    ? 'Internal'
                    : undefined;
        if (!layoutKey)
            return fail(
                'searchAndScreenPop: callType is required; use sforce.opencti.CALL_TYPE.INBOUND, OUTBOUND or INTERNAL.'
            );
        const searchParams = typeof args.searchParams === 'string' ? args.searchParams : '';
        const layout = SOFTPHONE_LAYOUT[layoutKey];
        const matches = await org.search(searchParams, Object.keys(layout.objects));
        const returnValue: Record<string, unknown> = {};
        for (const m of matches) returnValue[m.Id] = { Id: m.Id, Name: m.Name, RecordType: m.RecordType };

        const setting =
            matches.length === 0
                ? layout.screenPopSettings.NoMatch
                : matches.length === 1
                  ? layout.screenPopSettings.SingleMatch
                  : layout.screenPopSettings.MultipleMatches;
        let pop: { type: string; params: Record<string, unknown> } | undefined;
        const first = matches[0];
        if (setting.screenPopType === 'PopToEntity' && first)
            pop = { type: SCREENPOP_TYPE.SOBJECT, params: { recordId: first.Id } };
        if (setting.screenPopType === 'PopToSearch' && searchParams.trim().length >= 3)
            pop = { type: SCREENPOP_TYPE.SEARCH, params: { searchString: searchParams } };
        if (setting.screenPopType === 'PopToNewEntity') {
            pop = {
                type: SCREENPOP_TYPE.NEW_RECORD_MODAL,
                params: { entityName: 'Lead', defaultFieldValues: args.defaultFieldValues ?? { Phone: searchParams } }
            };
        }
        log(
            'opencti',
            `searchAndScreenPop "${searchParams}" (${String(callType)}): ${matches.length} match(es)${pop ? `, ${args.deferred === true ? 'deferred' : 'pop'} ${pop.type}` : ', no pop'}`
        );
        if (pop) {
            if (args.deferred === true) returnValue.SCREEN_POP_DATA = pop;
            else screenPop(pop);
        }
        return ok(returnValue);
    }

    /* ------------------------------------------------------------ saveLog */

    async function saveLog(args: Record<string, unknown>): Promise<OpenCtiResponse> {
        const value = args.value;
        if (!value || typeof value !== 'object' || Array.isArray(value))
            return fail('saveLog needs value, the fields of the record to save.');
        try {
            const saved = await org.save(value as Record<string, unknown>);
            const answer: SaveAnswer = typeof saved === 'string' ? { recordId: saved } : saved;
            const recordId = answer.recordId;
            if (recordId !== undefined) {
                log('opencti', `saveLog saved ${recordId}`);
                options.onTasksChanged?.(recordId);
            }
            if (answer.noAnswer || recordId === undefined) {
                // The fault: the callback never comes (the record may exist all the same).
                log('opencti', `saveLog answer withheld (workbench fault)${recordId ? ` for ${recordId}` : ''}`, false);
                return new Promise<OpenCtiResponse>(() => undefined);
            }
            if (answer.answerAfterMs) {
                log('opencti', `saveLog answer delayed ${answer.answerAfterMs} ms (workbench fault)`, false);
                await new Promise((resolve) => setTimeout(resolve, answer.answerAfterMs));
            }
            return ok({ recordId });
        } catch (error) {
            const reasons = saveReasons(error);
            log(
                'opencti',
                `saveLog failed: ${reasons.map((r) => `${r.statusCode ?? ''}: ${r.message}`).join('; ')}`,
                false
            );
            return saveLogFailed(reasons);
        }
    }

    /* ------------------------------------------------------------ LMS */

    function knownChannel(name: unknown): name is string {
        return typeof name === 'string' && options.messageChannels().includes(name);
    }

    /**
     * The guide's SOFTPHONE_CONTAINER_ERROR ("Common Error Messages for Lightning Experience Methods"):
     * a call the softphone container cannot take yet. Listener registrations (onClickToDial,
     * onNavigationChange) have no callback to report it, so they are never refused here.
     */
    async function refusedWhileContainerStarts(method: OpenCtiMethod): Promise<OpenCtiResponse | null> {
        if (!options.containerStartupCalls) return null;
        await containerStartup;
        if (containerCallsLeft <= 0 || method === 'onClickToDial' || method === 'onNavigationChange') return null;
        containerCallsLeft -= 1;
        log('opencti', `${method} refused: the softphone container is not initialized yet (workbench fault)`, false);
        return fail(
            'Unable to execute sendPostMessage because the softphone container hasn’t initialized yet.',
            'SOFTPHONE_CONTAINER_ERROR'
        );
    }

    async function handle(method: OpenCtiMethod, args: Record<string, unknown>): Promise<OpenCtiResponse> {
        const refused = await refusedWhileContainerStarts(method);
        if (refused) return refused;
        switch (method) {
            case 'searchAndScreenPop':
                return searchAndScreenPop(args);
            case 'screenPop':
                return screenPop(args);
            case 'saveLog':
                return saveLog(args);
            case 'onClickToDial':
                clickToDialRegistered = true;
                return ok(null);
            case 'enableClickToDial':
                clickToDialEnabled = true;
                lightning.refreshView();
                return ok(null);
            case 'disableClickToDial':
                clickToDialEnabled = false;
                lightning.refreshView();
                return ok(null);
            case 'onNavigationChange':
                navigationRegistered = true;
                return ok(null);
            case 'getAppViewInfo':
                return ok(await appViewInfo());
            case 'getCallCenterSettings':
                return ok(await options.settings());
            case 'notifyInitializationComplete':
                initialized = true;
                if (standbyTimer !== undefined) scheduler.clearTimeout(standbyTimer);
                standbyTimer = undefined;
                return ok(null);
            case 'setSoftphonePanelVisibility':
                if (typeof args.visible !== 'boolean')
                    return fail('setSoftphonePanelVisibility needs visible: true or false.');
                panel.visible = args.visible;
                panelChanged();
                return ok(null);
            case 'setSoftphonePanelHeight':
            case 'setSoftphonePanelWidth': {
                const key = method === 'setSoftphonePanelHeight' ? 'heightPX' : 'widthPX';
                const px = args[key];
                if (typeof px !== 'number' || !Number.isFinite(px) || px <= 0)
                    return fail(`${method} needs ${key}, a positive number of pixels.`);
                panel[key] = Math.min(Math.round(px), key === 'heightPX' ? 720 : 960);
                panelChanged();
                return ok(null);
            }
            case 'setSoftphoneItemLabel': {
                const label = str(args.label);
                if (!label) return fail('setSoftphoneItemLabel needs label, a non-empty string.');
                panel.label = label.slice(0, 40);
                panelChanged();
                return ok(null);
            }
            case 'setSoftphoneItemIcon': {
                const key = str(args.key);
                if (!key) return fail('setSoftphoneItemIcon needs key, an SLDS utility icon name.');
                panel.iconKey = key;
                panelChanged();
                return ok(null);
            }
            case 'refreshView':
                lightning.refreshView();
                return ok(null);
            case 'isSoftphonePanelVisible':
                return ok({ visible: panel.visible });
            case 'getSoftphoneLayout':
                return ok(JSON.parse(JSON.stringify(SOFTPHONE_LAYOUT)));
            case 'subscribe': {
                if (!knownChannel(args.channelName)) {
                    return fail(
                        `subscribe: no message channel named "${String(args.channelName)}" (expected Name__c).`
                    );
                }
                const channelName = args.channelName;
                const id = `opencti-${nextSubscription++}`;
                lmsSubscriptions.set(
                    id,
                    bus.subscribe(channelName, (message) => deliver(`lms:${id}`, message))
                );
                log('lms', `adapter subscribed to ${channelName}`);
                return ok({ subscriptionId: id, channelName });
            }
            case 'unsubscribe': {
                const id = (args.subscription as { subscriptionId?: unknown } | undefined)?.subscriptionId;
                const subscription = typeof id === 'string' ? lmsSubscriptions.get(id) : undefined;
                if (!subscription) return fail('unsubscribe: pass the subscription that subscribe returned.');
                bus.unsubscribe(subscription);
                lmsSubscriptions.delete(id as string);
                return ok(null);
            }
            case 'publish': {
                if (!knownChannel(args.channelName))
                    return fail(`publish: no message channel named "${String(args.channelName)}".`);
                const channelName = args.channelName;
                const message = args.message ?? {};
                try {
                    JSON.stringify(message);
                } catch (error) {
                    return fail(`publish: the message is not JSON-serializable (${errorMessages(error).join('; ')}).`);
                }
                // LMS delivers asynchronously.
                queueMicrotask(() => bus.publish(channelName, message, 'opencti'));
                log('lms', `adapter published on ${channelName}`);
                return ok(null);
            }
            default:
                return fail(`${String(method)} is not available in the workbench.`, 'GENERIC_ERROR');
        }
    }

    return {
        handle(method, args) {
            return handle(method, args).catch((error: unknown) =>
                fail(errorMessages(error).join('; '), 'GENERIC_ERROR')
            );
        },
        connect(next) {
            sink = next;
        },
        frameLoaded(standby) {
            // Listener registrations and LMS subscriptions stay: the frame may have made them before
            // the host heard of it, and a reloaded frame simply registers again (stale subscriptions
            // deliver to listener ids the new frame does not have, so they are ignored).
            initialized = false;
            if (standbyTimer !== undefined) scheduler.clearTimeout(standbyTimer);
            standbyTimer = undefined;
            const startupCalls = options.containerStartupCalls;
            containerCallsLeft = 0;
            if (startupCalls) {
                containerStartup = Promise.resolve()
                    .then(startupCalls)
                    .then(
                        (calls) => {
                            containerCallsLeft = Number.isFinite(calls) ? Math.max(0, Math.floor(calls)) : 0;
                        },
                        () => undefined
                    );
            }
            if (standby && standby.timeoutMs > 0) {
                standbyTimer = scheduler.setTimeout(() => {
                    standbyTimer = undefined;
                    if (initialized) return;
                    log(
                        'opencti',
                        `notifyInitializationComplete not called within ${standby.timeoutMs} ms: showing the standby URL`,
                        false
                    );
                    panel.standbyUrl = standby.url;
                    panelChanged();
                }, standby.timeoutMs);
            }
        },
        clickToDial(payload) {
            if (!clickToDialEnabled || !clickToDialRegistered) return false;
            log('opencti', `onClickToDial ${payload.number} (${payload.objectType ?? ''} ${payload.recordName ?? ''})`);
            deliver('clickToDial', { ...payload });
            return true;
        },
        navigated() {
            if (!navigationRegistered) return;
            void appViewInfo().then((info) => deliver('navigationChange', info));
        },
        setPanelVisible(visible) {
            panel.visible = visible;
            panelChanged();
        },
        isClickToDialEnabled: () => clickToDialEnabled,
        panel,
        pops,
        isInitialized: () => initialized
    };
}
