/**
 * The Lightning Experience side of Open CTI: what Salesforce does when the adapter frame calls
 * `sforce.opencti.*`. Requests arrive over postMessage from the adapter frame only (origin and
 * window checked; anything else is logged and ignored) and are answered with the documented
 * `{ success, returnValue, errors }`.
 *
 * Behaviour follows the Open CTI developer guide, Lightning Experience methods
 * (developer.salesforce.com/docs/service/api-cti/guide/, one page per method: sforce-api-cti-<method>-lex):
 *  - searchAndScreenPop: callType required; searches the softphone layout's objects for that call
 *    type; returnValue keyed by record Id ({ Id, Name, RecordType }); pops per the layout's
 *    SingleMatch / MultipleMatches / NoMatch settings unless `deferred`, which instead adds
 *    SCREEN_POP_DATA for a later screenPop;
 *  - screenPop: SOBJECT {recordId}, URL {url} (relative), OBJECTHOME {scope}, LIST {listViewId, scope},
 *    SEARCH {searchString} (3+ characters), NEW_RECORD_MODAL {entityName, defaultFieldValues}, FLOW {flowDevName, flowArgs};
 *  - saveLog: creates with entityApiName, updates with Id; returnValue { recordId } (the guide: "ID of object");
 *  - onClickToDial payload { number, recordId, recordName, objectType } (number is the phone as stored);
 *    only delivered after enableClickToDial;
 *  - onNavigationChange / getAppViewInfo payload { url, recordId, recordName, objectType } (url only off record pages);
 *  - getCallCenterSettings: flat map keyed '/section/item';
 *  - notifyInitializationComplete: without it, the panel switches to reqStandbyUrl after reqTimeout ms;
 *  - subscribe / unsubscribe / publish: Lightning Message Service, API 47.0+.
 */
import { api, bus, config, currentPageReference, emit, fetchRecord, goTo, log, on, urlFor } from 'lex/runtime';
import type { BusSubscription } from '../../../core/messageBus';
import { isRecordId } from '../../../core/pageReference';
import { CALL_TYPE, SCREENPOP_TYPE } from '../../../opencti/constants';
import {
    fail,
    ok,
    OPENCTI_TAG,
    parseRequest,
    type OpenCtiEvent,
    type OpenCtiRequest,
    type OpenCtiResponse
} from '../../../opencti/protocol';

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

const NAME_AND_PHONE = (label: string) => [
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

export interface PanelState {
    visible: boolean;
    heightPX: number | null;
    widthPX: number | null;
    label: string | null;
    iconKey: string | null;
    /** Set when the adapter did not call notifyInitializationComplete in time. */
    standbyUrl: string | null;
}

interface SearchMatch {
    Id: string;
    Name: string;
    RecordType: string;
}

let adapterWindow: Window | null = null;
let clickToDialEnabled = false;
let clickToDialRegistered = false;
let navigationRegistered = false;
let initialized = false;
let standbyTimer: ReturnType<typeof setTimeout> | undefined;
const lmsSubscriptions = new Map<string, BusSubscription>();
let nextSubscription = 1;

export const panel: PanelState = {
    visible: false,
    heightPX: null,
    widthPX: null,
    label: null,
    iconKey: null,
    standbyUrl: null
};

function panelChanged(): void {
    emit('softphone-panel', { ...panel });
}

function post(message: unknown): void {
    adapterWindow?.postMessage(message, config().origins.visualforce);
}

function sendEvent(listener: string, payload: unknown): void {
    const event: OpenCtiEvent = { tag: OPENCTI_TAG, kind: 'event', listener, payload };
    post(event);
}

function str(value: unknown): string | undefined {
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/* ------------------------------------------------------------ view info */

async function appViewInfo(): Promise<Record<string, unknown>> {
    const ref = currentPageReference();
    const url = window.location.origin + urlFor(ref);
    const recordId = ref.type === 'standard__recordPage' ? (ref.attributes?.recordId as string | undefined) : undefined;
    if (!recordId) return { url };
    try {
        const { apiName, record } = await fetchRecord(recordId);
        return { url, recordId, recordName: String(record.Name ?? ''), objectType: apiName };
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
            return urlFor({ type: 'standard__recordPage', attributes: { recordId, actionName: 'view' } });
        }
        case SCREENPOP_TYPE.URL: {
            const url = str(params.url);
            if (!url) return fail('screenPop URL needs params.url.');
            if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return fail('screenPop URL: the URL must be a relative path.');
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
    const params = args.params && typeof args.params === 'object' ? (args.params as Record<string, unknown>) : {};
    if (args.type === SCREENPOP_TYPE.NEW_RECORD_MODAL && args.defaultFieldValues && !params.defaultFieldValues) {
        params.defaultFieldValues = args.defaultFieldValues;
    }
    const url = popUrl(args.type, params);
    if (typeof url !== 'string') return url;
    log('opencti', `screenPop ${String(args.type)} -> ${url}`);
    goTo(url);
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
    const objects = Object.keys(layout.objects);
    const { matches } = await api<{ matches: SearchMatch[] }>(
        `search?q=${encodeURIComponent(searchParams)}&objects=${objects.join(',')}`
    );
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
        `searchAndScreenPop "${searchParams}" (${String(callType)}): ${matches.length} match(es)${pop ? `, ${args.deferred ? 'deferred' : 'pop'} ${pop.type}` : ', no pop'}`
    );
    if (pop) {
        if (args.deferred === true) returnValue.SCREEN_POP_DATA = pop;
        else screenPop(pop);
    }
    return ok(returnValue);
}

/* ------------------------------------------------------------ the rest */

async function saveLog(args: Record<string, unknown>): Promise<OpenCtiResponse> {
    const value = args.value;
    if (!value || typeof value !== 'object') return fail('saveLog needs value, the fields of the record to save.');
    try {
        const { recordId } = await api<{ recordId: string }>('saveLog', { method: 'POST', body: value });
        log('opencti', `saveLog saved ${recordId}`);
        emit('tasks-changed', recordId);
        return ok({ recordId });
    } catch (error) {
        const errors = (error as { errors?: string[] }).errors ?? [
            error instanceof Error ? error.message : String(error)
        ];
        log('opencti', `saveLog failed: ${errors.join('; ')}`, false);
        return { success: false, returnValue: null, errors };
    }
}

async function handle(request: OpenCtiRequest): Promise<OpenCtiResponse> {
    const args = request.args;
    switch (request.method) {
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
            emit('refresh-view');
            return ok(null);
        case 'disableClickToDial':
            clickToDialEnabled = false;
            emit('refresh-view');
            return ok(null);
        case 'onNavigationChange':
            navigationRegistered = true;
            return ok(null);
        case 'getAppViewInfo':
            return ok(await appViewInfo());
        case 'getCallCenterSettings':
            return ok(await api<Record<string, string>>('callCenterSettings'));
        case 'notifyInitializationComplete':
            initialized = true;
            if (standbyTimer) clearTimeout(standbyTimer);
            return ok(null);
        case 'setSoftphonePanelVisibility':
            if (typeof args.visible !== 'boolean')
                return fail('setSoftphonePanelVisibility needs visible: true or false.');
            panel.visible = args.visible;
            panelChanged();
            return ok(null);
        case 'setSoftphonePanelHeight':
        case 'setSoftphonePanelWidth': {
            const key = request.method === 'setSoftphonePanelHeight' ? 'heightPX' : 'widthPX';
            const px = args[key];
            if (typeof px !== 'number' || !Number.isFinite(px) || px <= 0)
                return fail(`${request.method} needs ${key}, a positive number of pixels.`);
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
            emit('refresh-view');
            return ok(null);
        case 'isSoftphonePanelVisible':
            return ok({ visible: panel.visible });
        case 'getSoftphoneLayout':
            return ok(JSON.parse(JSON.stringify(SOFTPHONE_LAYOUT)));
        case 'subscribe': {
            const channelName = str(args.channelName);
            if (!channelName || !config().messageChannels.includes(channelName)) {
                return fail(`subscribe: no message channel named "${String(args.channelName)}" (expected Name__c).`);
            }
            const id = `opencti-${nextSubscription++}`;
            lmsSubscriptions.set(
                id,
                bus.subscribe(channelName, (message) => sendEvent(`lms:${id}`, message))
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
            const channelName = str(args.channelName);
            if (!channelName || !config().messageChannels.includes(channelName)) {
                return fail(`publish: no message channel named "${String(args.channelName)}".`);
            }
            try {
                queueMicrotask(() => bus.publish(channelName, args.message ?? {}, 'opencti'));
                log('lms', `adapter published on ${channelName}`);
                return ok(null);
            } catch (error) {
                return fail(error instanceof Error ? error.message : String(error));
            }
        }
        default:
            return fail(`${String(request.method)} is not available in the workbench.`);
    }
}

function onMessage(event: MessageEvent): void {
    const request = parseRequest(event.data);
    if (!request) return;
    if (event.origin !== config().origins.visualforce || !adapterWindow || event.source !== adapterWindow) {
        log(
            'security',
            `ignored an Open CTI request (${request.method}) from ${event.origin}: not the adapter frame`,
            false
        );
        return;
    }
    handle(request)
        .catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)))
        .then((response) => post({ tag: OPENCTI_TAG, kind: 'response', id: request.id, response }));
}

/** Connects the utility bar's adapter iframe; `timeoutMs` and `standbyUrl` come from the call center. */
export function attachAdapterFrame(frame: HTMLIFrameElement, standby?: { url: string; timeoutMs: number }): void {
    adapterWindow = frame.contentWindow;
    initialized = false;
    if (standbyTimer) clearTimeout(standbyTimer);
    if (standby && standby.timeoutMs > 0) {
        standbyTimer = setTimeout(() => {
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
}

/** True when a click on a phone number was handed to the softphone (click-to-dial enabled and a listener registered). */
export function clickToDial(payload: {
    number: string;
    recordId: string;
    recordName: string;
    objectType: string;
}): boolean {
    if (!clickToDialEnabled || !clickToDialRegistered) return false;
    log('opencti', `onClickToDial ${payload.number} (${payload.objectType} ${payload.recordName})`);
    sendEvent('clickToDial', payload);
    return true;
}

export function isClickToDialEnabled(): boolean {
    return clickToDialEnabled;
}

/** Opens or minimizes the softphone panel from the utility bar. */
export function setPanelVisible(visible: boolean): void {
    panel.visible = visible;
    panelChanged();
}

window.addEventListener('message', onMessage);
on('navigate', () => {
    if (!navigationRegistered) return;
    void appViewInfo().then((info) => sendEvent('navigationChange', info));
});
