/**
 * The Ameyo generic web toolbar (seed 004) mapped onto the bridge core: Ameyo's handler calls
 * become the core's softphone calls (seed 002's vocabulary, which the call model reduces), and the
 * core's commands become Ameyo API calls. Pure: no DOM, no globals; `toolbar.ts` is the glue.
 *
 * The seed's text lost its case and punctuation, so API names are reconstructed (seed 004,
 * "events and handlers" table and the flow sections; also the public manual "Ameyo Generic Toolbar
 * Integration" cited in ../shared/reference/wave2-platform-notes.md, addendum). Where the case of an
 * acronym is uncertain (AQ, IVR, TPV), the glue installs each spelling listed in HANDLER_ALIASES.
 * Payloads are read liberally: a value may come as an object, a JSON string or a plain string.
 */
import type { CallDirection, DispositionTreeView, SessionStatus } from 'c/softphoneProtocol';
import type { SoftphoneCall, WrapperEventPayload } from '../core/index';
import { AMEYO_PARTNER_ID } from './shared';

/**
 * Longest call id kept: c/softphoneProtocol's CALL_ID_MAX_LENGTH (Task.CallObject), written here
 * because this bundle must not carry the protocol module; mapping.test.ts pins the two together.
 */
export const CALL_ID_MAX_LENGTH = 255;

export { AMEYO_PARTNER_ID, AMEYO_STORE_KEY } from './shared';

/** The container and frame ids the seed's sample uses ("integration approach"). */
export const AMEYO_CONTAINER_ID = 'ameyoIframeDiv';
export const AMEYO_FRAME_ID = 'ameyoIframe';
/** Timeline entries kept per call (the channel's callTimeline allows 100). */
export const MAX_TIMELINE_ENTRIES = 100;
/** Heading of the Task Description section the timeline is written to. */
export const TIMELINE_HEADING = 'Transfers and conferences (Ameyo):';
const DESCRIPTION_MAX = 32_000;
const TEXT_MAX = 255;

/** Seed 004, "add the integration script": `<base>/ameyowebaccess/toolbar/js/ameyo-integration-v<version>.js`. */
export function ameyoScriptUrl(baseUrl: string, version: string): string {
    return `${baseUrl.replace(/\/+$/, '')}/ameyowebaccess/toolbar/js/ameyo-integration-v${encodeURIComponent(version)}.js`;
}

/** Seed 004, "create the iframe container": `<base>/ameyowebaccess/toolbar-crm.htm?origin=<crmOrigin>`. */
export function ameyoToolbarUrl(baseUrl: string, crmOrigin: string): string {
    return `${baseUrl.replace(/\/+$/, '')}/ameyowebaccess/toolbar-crm.htm?origin=${encodeURIComponent(crmOrigin)}`;
}

/** Transfer and conference handlers (seed 004 table) with the text the seed gives as their payload. */
export const ROUTING_HANDLERS = {
    transferToPhoneHandler: { kind: 'transfer', text: 'Transfer to phone request sent' },
    transferInCallHandler: { kind: 'transfer', text: 'Transfer to phone incall request sent' },
    transferToAQHandler: { kind: 'transfer', text: 'Transfer to agent queue request sent' },
    transferToIVRHandler: { kind: 'transfer', text: 'Transfer to IVR request sent' },
    transferToUserHandler: { kind: 'transfer', text: 'Transfer to user request sent' },
    transferToCampaignHandler: { kind: 'transfer', text: 'Transfer to campaign request sent' },
    conferWithPhoneHandler: { kind: 'conference', text: 'Confer phone request sent' },
    conferWithTPVHandler: { kind: 'conference', text: 'Confer with TPV request sent' },
    conferWithUserHandler: { kind: 'conference', text: 'Confer with user request sent' },
    conferWithLocalIVRHandler: { kind: 'conference', text: 'Confer with local IVR request sent' }
} as const satisfies Record<string, { kind: 'transfer' | 'conference'; text: string }>;
export type RoutingHandler = keyof typeof ROUTING_HANDLERS;

/** Every handler of seed 004's table the CRM implements (showCrm is registered separately). */
export const AMEYO_HANDLERS = [
    'onLoadHandler',
    'loginHandler',
    'loginStatusHandler',
    'forceLoginHandler',
    'logoutHandler',
    'selectExtensionHandler',
    'modifyExtensionHandler',
    'selectCampaignHandler',
    'autoCallOnHandler',
    'autoCallOffHandler',
    'readyHandler',
    'breakHandler',
    'hangupHandler',
    ...(Object.keys(ROUTING_HANDLERS) as RoutingHandler[]),
    'handleDispositionCodes',
    'handleDisposeCallByDispositionCode',
    'handleFailedDispositionNotifyGeneric'
] as const;
export type AmeyoHandler = (typeof AMEYO_HANDLERS)[number];

/**
 * Other names for the handlers, installed and registered as well: spellings of the reconstructed
 * names (the seed is lower-cased), and names public copies of Ameyo's script use.
 */
export const HANDLER_ALIASES: Partial<Record<AmeyoHandler, readonly string[]>> = {
    // The names public copies of Ameyo's script call for the seed's disposition handlers.
    handleDispositionCodes: ['getDispositionCodesHandler'],
    handleDisposeCallByDispositionCode: ['disposeCallByDispositionCodeHandler', 'disposeAndDialHandler'],
    handleFailedDispositionNotifyGeneric: ['failedDispositionNotifyHandler'],
    transferToAQHandler: ['transferToAqHandler'],
    transferToIVRHandler: ['transferToIvrHandler'],
    conferWithTPVHandler: ['conferWithTpvHandler'],
    conferWithLocalIVRHandler: ['conferWithLocalIvrHandler']
};

/* ------------------------------------------------------------------ liberal readers */

/** An object from an object or a JSON object string; otherwise undefined. */
export function readObject(raw: unknown): Record<string, unknown> | undefined {
    if (typeof raw === 'string' && raw.trim().startsWith('{')) {
        try {
            return readObject(JSON.parse(raw));
        } catch {
            return undefined;
        }
    }
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
        ? (raw as Record<string, unknown>)
        : undefined;
}

/** The first of `keys` (compared without case) holding a non-empty string or number, as text. */
export function pick(source: Record<string, unknown> | undefined, ...keys: string[]): string | undefined {
    if (!source) return undefined;
    const wanted = keys.map((key) => key.toLowerCase());
    for (const want of wanted) {
        for (const [key, value] of Object.entries(source)) {
            if (key.toLowerCase() !== want) continue;
            if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, TEXT_MAX);
            if (typeof value === 'number' && Number.isFinite(value)) return String(value);
        }
    }
    return undefined;
}

/** A short text from a handler argument: a string, or an object's status / message / responseText. */
export function readText(raw: unknown): string | undefined {
    if (typeof raw === 'string') return raw.trim() === '' ? undefined : raw.trim().slice(0, 1_000);
    if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
    return pick(readObject(raw), 'message', 'responseText', 'reason', 'status', 'detail');
}

/** The Ameyo call id in a usercustomercrtinfo (or showCrm parameters), when there is one. */
export function readCallId(raw: unknown): string | undefined {
    // customerCrtObjectId: the name Ameyo's public sample pages read from usercustomercrtinfo.
    return pick(
        readObject(raw),
        'crtObjectId',
        'crtObjectID',
        'customerCrtObjectId',
        'customerCRTObjectId',
        'callId',
        'interactionId'
    )?.slice(0, CALL_ID_MAX_LENGTH);
}

/* ------------------------------------------------------------------ showCrm */

/** A screen pop Ameyo asked for, as the bridge needs it. */
export interface ShowCrmRequest {
    conversationId: string;
    /** The id setRecordInfoForShowCrm acknowledges. */
    requestId: string;
    phone: string;
    direction: CallDirection;
}

/**
 * Ameyo's call types name the direction first (`inbound.call.dial`, `outbound.manual.dial`); a call
 * transferred to the agent (`transferred.to.campaign.dial`, in a public sample) came in.
 */
const INBOUND_CALL_TYPE = /inbound|incoming|transfer|\bacd\b|^\s*in\b/i;
const OUTBOUND_CALL_TYPE = /out|manual|preview|callback|auto|progressive|predictive|dial/i;

/** The direction a call type names: inbound words first, as `inbound.call.dial` also says "dial". */
export function directionOf(callType: string): CallDirection {
    if (INBOUND_CALL_TYPE.test(callType)) return 'inbound';
    return OUTBOUND_CALL_TYPE.test(callType) ? 'outbound' : 'inbound';
}

/** showCrm's parameters given as a string: a query string or CRM URL (`a=b&c=d`), else the call id itself. */
function paramsFromText(text: string): Record<string, unknown> {
    if (!text.includes('=')) return { callId: text };
    const query = text.includes('?') ? text.slice(text.indexOf('?') + 1) : text;
    const params: Record<string, unknown> = {};
    new URLSearchParams(query.split('#')[0]).forEach((value, key) => {
        params[key] = value;
    });
    return params;
}

/**
 * Reads `showCrm(phone, additionalParameters, requestId)` (seed 004, "screen pop flow": the custom
 * function receives the phone, the parameters and the request id; the table lists "currentphone,
 * requested, additionalparameters (e g, crm url or callid)", the other order). Whichever of the
 * last two is an object (or JSON) is the parameters; otherwise the second is, as in the seed's
 * example. Parameters given as text are a query string or CRM URL, or else the call id. The
 * conversation is Ameyo's call id when the parameters carry one, else the request id. Null when
 * there is nothing to pop.
 */
export function readShowCrm(phone: unknown, second: unknown, third: unknown): ShowCrmRequest | null {
    const [paramsRaw, requestId] = readObject(third) && !readObject(second) ? [third, second] : [second, third];
    const params =
        readObject(paramsRaw) ??
        (typeof paramsRaw === 'string' && paramsRaw.trim() !== ''
            ? paramsFromText(paramsRaw.trim().slice(0, TEXT_MAX))
            : typeof paramsRaw === 'number'
              ? { callId: String(paramsRaw) }
              : undefined);
    const request =
        (typeof requestId === 'string' || typeof requestId === 'number') && String(requestId).trim() !== ''
            ? String(requestId).trim().slice(0, CALL_ID_MAX_LENGTH)
            : pick(params, 'requestId', 'requestedId');
    const number = typeof phone === 'string' || typeof phone === 'number' ? String(phone).trim().slice(0, 40) : '';
    const conversationId = readCallId(params) ?? request;
    if (!conversationId || !request) return null;
    const callType = pick(params, 'callType', 'call_type', 'campaignType') ?? '';
    return { conversationId, requestId: request, phone: number, direction: directionOf(callType) };
}

/**
 * A softphone call as Ameyo's handlers describe it, not yet validated: the glue validates it with
 * the adapter's contract (the one copy on the page) before the core sees it.
 */
export interface SoftphoneCallDraft {
    type: SoftphoneCall['type'];
    payload: Record<string, unknown>;
}

/**
 * The core calls a showCrm stands for: the call is there and connected (Ameyo pops on connect),
 * so inbound = incomingCall + callAccepted, outbound = outboundCallInitiated + callAccepted.
 */
export function callsForShowCrm(request: ShowCrmRequest): SoftphoneCallDraft[] {
    const ids = { partnerId: AMEYO_PARTNER_ID, conversationId: request.conversationId };
    const phone = request.phone ? { callerANI: request.phone } : {};
    const first =
        request.direction === 'inbound'
            ? { type: 'incomingCall' as const, payload: { ...ids, ...phone } }
            : {
                  type: 'outboundCallInitiated' as const,
                  payload: { ...ids, ...(request.phone ? { dialledTo: request.phone } : {}) }
              };
    const accepted: SoftphoneCallDraft = {
        type: 'callAccepted',
        payload: { ...ids, ...(request.direction === 'inbound' ? phone : {}), channelName: 'Ameyo' }
    };
    return [first, accepted];
}

/** hangupHandler (seed 004: "trigger wrap-up timer and show disposition form"): the call ended. */
export function callEndedFor(conversationId: string, direction: CallDirection): SoftphoneCallDraft {
    return { type: 'callEnded', payload: { partnerId: AMEYO_PARTNER_ID, conversationId, callType: direction } };
}

/** A confirmed disposition: the core logs it on the call's Task. */
export function notesSubmittedFor(conversationId: string, disposition: string, notes?: string): SoftphoneCallDraft {
    return {
        type: 'callNotesSubmitted',
        payload: { partnerId: AMEYO_PARTNER_ID, conversationId, disposition, ...(notes !== undefined ? { notes } : {}) }
    };
}

/* ------------------------------------------------------------------ session */

/**
 * loginHandler / loginStatusHandler / forceLoginHandler (seed 004, "handle login state and force
 * login" and the table): success; force login required; or a failure reason such as "auth policy
 * incorrect", "username or password empty", "unknown error occurred please refresh or retry".
 */
export function readLogin(raw: unknown): { status: SessionStatus; message?: string } {
    const object = readObject(raw);
    const status = (object ? pick(object, 'status', 'loginStatus') : readText(raw)) ?? '';
    const message = object ? pick(object, 'responseText', 'message', 'reason') : undefined;
    const text = message ?? status;
    const lower = status.toLowerCase().trim();
    if (/force/.test(`${lower} ${message ?? ''}`.toLowerCase()))
        return { status: 'forceLoginRequired', ...(text ? { message: text } : {}) };
    // Read by the words in it, not one exact spelling ("Login Successful", "loginSuccess", "Logged in").
    if (/logged ?out|not logged ?in|logout|^false$/.test(lower)) return { status: 'loggedOut' };
    if (/success|logged ?in|^login$|^true$|^ok$/.test(lower) && !/fail|error|invalid|incorrect|empty/.test(lower))
        return { status: 'loggedIn' };
    return { status: 'loginFailed', message: text || 'Unknown error occurred. Please refresh or retry.' };
}

/** selectCampaignHandler's campaignnamewithid: "Sales (12)" style text or an object with name and id. */
export function readCampaign(raw: unknown): { name: string; id?: string } | undefined {
    const object = readObject(raw);
    if (object) {
        const name = pick(object, 'campaignName', 'name');
        const id = pick(object, 'campaignId', 'id');
        return name ? { name, ...(id ? { id } : {}) } : id ? { name: id, id } : undefined;
    }
    const text = readText(raw);
    if (!text) return undefined;
    const match = /^(.*?)[\s:|(-]*\(?(\d+)\)?\s*$/.exec(text);
    return match?.[1] && match[2] ? { name: match[1].trim(), id: match[2] } : { name: text };
}

/** The extension an agent bound (selectExtensionHandler / modifyExtensionHandler), from usercustomercrtinfo or the response. */
export function readExtension(response: unknown, crtInfo: unknown): string | undefined {
    return pick(readObject(crtInfo), 'extensionName', 'extension', 'phone') ?? pick(readObject(response), 'extension');
}

/**
 * selectExtensionHandler / modifyExtensionHandler (seed 004 table: "onsuccess success,
 * usercustomercrtinfo; onexception responsetext detail, usercustomercrtinfo"): the extension bound,
 * or Ameyo's detail when binding failed.
 */
export function readExtensionResult(
    response: unknown,
    crtInfo: unknown
): { ok: true; extension?: string } | { ok: false; message: string } {
    const status = pick(readObject(response), 'status') ?? readText(response);
    const failed =
        status !== undefined &&
        !(
            /success|^true$|^ok$|selected|bound|modified|updated|changed/i.test(status) &&
            !/fail|error|exception|invalid|not /i.test(status)
        );
    if (failed) return { ok: false, message: readText(response) ?? status };
    const extension = readExtension(response, crtInfo);
    return extension ? { ok: true, extension } : { ok: true };
}

/** readyHandler → "Ready"; breakHandler → the break reason (training, snacks, lunch, unavailable). */
export function readAvailability(handler: 'readyHandler' | 'breakHandler', raw: unknown): string {
    if (handler === 'readyHandler') return 'Ready';
    return readText(raw) ?? 'Break';
}

/* ------------------------------------------------------------------ transfers and conferences */

export interface TimelineEntry {
    at: number;
    kind: 'transfer' | 'conference';
    text: string;
}

/** A transfer or conference handler call as a timeline entry: Ameyo's own text, else the seed's. */
export function timelineEntry(handler: RoutingHandler, response: unknown, at: number): TimelineEntry {
    const spec = ROUTING_HANDLERS[handler];
    const said = typeof response === 'string' && response.trim() !== '' ? response.trim() : readText(response);
    return { at, kind: spec.kind, text: (said ?? spec.text).slice(0, TEXT_MAX) };
}

/** Appends an entry, keeping the newest MAX_TIMELINE_ENTRIES. */
export function appendTimeline(entries: readonly TimelineEntry[], entry: TimelineEntry): TimelineEntry[] {
    return [...entries, entry].slice(-MAX_TIMELINE_ENTRIES);
}

/** One timeline line, e.g. "14:03:27 UTC Transfer to agent queue request sent". */
export function formatTimelineEntry(entry: TimelineEntry): string {
    return `${new Date(entry.at).toISOString().slice(11, 19)} UTC ${entry.text}`;
}

/**
 * The Task Description with the timeline as its own section at the end: the agent's notes stay as
 * they are, an older copy of the section is replaced, and the notes are cut first if the whole
 * would not fit Task.Description.
 */
export function withTimeline(description: string | undefined, entries: readonly TimelineEntry[]): string | undefined {
    const notes = stripTimeline(description ?? '');
    if (entries.length === 0) return description === undefined ? undefined : notes;
    const section = [TIMELINE_HEADING, ...entries.map((entry) => `- ${formatTimelineEntry(entry)}`)].join('\n');
    const room = DESCRIPTION_MAX - section.length - 2;
    const kept = notes.slice(0, Math.max(0, room));
    return (kept ? `${kept}\n\n${section}` : section).slice(0, DESCRIPTION_MAX);
}

function stripTimeline(description: string): string {
    const at = description.indexOf(TIMELINE_HEADING);
    return (at < 0 ? description : description.slice(0, at)).replace(/\s+$/, '');
}

/* ------------------------------------------------------------------ dispositions */

/**
 * handleDispositionCodes (seed 004: "array/list of disposition classes and codes"; fetched with
 * getDispositionCodes(campaignId?)) as two levels. Accepted shapes: a list of classes
 * (`{ dispositionClassName | className | name | label, dispositionCodes | codes | children: [...] }`,
 * codes as strings or `{ dispositionCode | code | name | label }`), a map class → codes, a flat list
 * of codes (one group), or any of these as JSON text. Empty classes and duplicate codes are dropped.
 */
export function readDispositionCodes(raw: unknown): DispositionTreeView {
    let value: unknown = raw;
    if (typeof value === 'string') {
        try {
            value = JSON.parse(value);
        } catch {
            return { groups: [] };
        }
    }
    const object = readObject(value);
    if (object) {
        const inner = Object.entries(object).find(([key]) =>
            /^(dispositionClasses|dispositions|classes|data|result)$/i.test(key)
        );
        if (inner) return readDispositionCodes(inner[1]);
        value = Object.entries(object).map(([label, codes]) => ({ label, codes }));
    }
    if (!Array.isArray(value)) return { groups: [] };
    const groups: DispositionTreeView['groups'] = [];
    const flat: string[] = [];
    for (const item of value.slice(0, 100)) {
        if (typeof item === 'string' || typeof item === 'number') {
            flat.push(String(item));
            continue;
        }
        const entry = readObject(item);
        if (!entry) continue;
        const label = pick(entry, 'dispositionClassName', 'className', 'dispositionClass', 'name', 'label');
        const list = Object.entries(entry).find(([key]) =>
            /^(dispositionCodes|codes|children|dispositions)$/i.test(key)
        )?.[1];
        if (label && Array.isArray(list)) groups.push({ label, codes: codeList(list) });
        else {
            const code = pick(entry, 'dispositionCode', 'code', 'name', 'label');
            if (code) flat.push(code);
        }
    }
    if (flat.length > 0) groups.push({ label: 'Dispositions', codes: codeList(flat) });
    return { groups: groups.filter((group) => group.codes.length > 0) };
}

function codeList(list: readonly unknown[]): string[] {
    const codes: string[] = [];
    for (const item of list.slice(0, 200)) {
        const code =
            typeof item === 'string' || typeof item === 'number'
                ? String(item).trim().slice(0, TEXT_MAX)
                : pick(readObject(item), 'dispositionCode', 'code', 'name', 'label');
        if (code && !codes.includes(code)) codes.push(code);
    }
    return codes;
}

/**
 * handleDisposeCallByDispositionCode (seed 004: "status for disposition result and, for
 * disposendial, subsequent dial status"): a success unless the status says it failed ("failed",
 * "invalid code", "null crtObjectId", false). The seed names no success wording, and failures also
 * come through handleFailedDispositionNotifyGeneric, so "Disposition saved", "done" or 200 are
 * successes: reading them as failures would lose the agent's disposition and notes.
 */
export function readDisposeResult(raw: unknown, dialStatus?: unknown): { ok: boolean; message?: string } {
    const text = readText(raw) ?? '';
    const dial = readText(dialStatus);
    const ok = !/fail|error|invalid|exception|null|^false$|refused|denied/i.test(text);
    if (ok) return dial && /fail|error|invalid/i.test(dial) ? { ok: true, message: dial } : { ok: true };
    return { ok: false, message: text || 'Ameyo did not confirm the disposition.' };
}

/** Seed 004, "dispose-and-dial": the default release disallows the "callback" disposition there. */
export function refusesDisposeAndDial(disposition: string): boolean {
    return (
        disposition
            .trim()
            .toLowerCase()
            .replace(/[\s_-]/g, '') === 'callback'
    );
}

/* ------------------------------------------------------------------ click-to-dial */

/** What to ask the toolbar for a start_call (the core's click-to-dial command). */
export type DialPlan =
    | { api: 'doDial'; args: [phone: string, customerId: string, additionalParameters: Record<string, string>] }
    | { api: 'populateNumberInDialBox'; args: [phone: string] };

/**
 * Seed 004, "click-to-dial from crm records": doDial(phone, customerId, additionalParameters), or
 * populateNumberInDialBox(phone) when the agent confirms. The customer id is Ameyo's, which
 * Salesforce does not know: "-1", as seed 001 says for an unknown customer ("send -1 if unknown").
 */
export function planDial(payload: WrapperEventPayload<'start_call'>, confirm: boolean): DialPlan {
    if (confirm) return { api: 'populateNumberInDialBox', args: [payload.dialTo] };
    return { api: 'doDial', args: [payload.dialTo, '-1', { source: 'salesforce' }] };
}

/** getExtensionInfo() (seed 004, "auto-select the agent's extension"): `{ name, phone }`, or undefined. */
export function extensionInfo(
    extension: { name: string; phone: string } | null
): { name: string; phone: string } | undefined {
    return extension ? { name: extension.name, phone: extension.phone } : undefined;
}

/* ------------------------------------------------------------------ what survives a reload */

/** Calls whose pops and timeline are kept, and for how long. */
export const MAX_STORED_CALLS = 50;
export const STORED_CALL_MS = 12 * 60 * 60 * 1000;
/** Most characters the toolbar's state may take in storage (the call logs come first). */
export const STORE_MAX_CHARS = 200_000;

/** A showCrm request: acknowledged once, with setRecordInfoForShowCrm, when its call has a record. */
export interface PopRequest {
    requestId: string;
    phone: string;
    acked: boolean;
}

/** What the toolbar knows of one Ameyo call. */
export interface AmeyoCallState {
    conversationId: string;
    direction?: CallDirection;
    pops: PopRequest[];
    timeline: TimelineEntry[];
    updatedAt: number;
}

export interface AmeyoToolbarState {
    /** The call Ameyo is on (handlers without a call id refer to it). */
    current?: { conversationId: string; direction: CallDirection };
    calls: AmeyoCallState[];
}

function readPop(raw: unknown): PopRequest | null {
    const pop = readObject(raw);
    const requestId = pop && typeof pop.requestId === 'string' ? pop.requestId.slice(0, CALL_ID_MAX_LENGTH) : '';
    if (!pop || !requestId) return null;
    return { requestId, phone: typeof pop.phone === 'string' ? pop.phone.slice(0, 40) : '', acked: pop.acked === true };
}

function readEntry(raw: unknown): TimelineEntry | null {
    const entry = readObject(raw);
    if (!entry || typeof entry.at !== 'number' || !Number.isFinite(entry.at) || typeof entry.text !== 'string')
        return null;
    if (entry.kind !== 'transfer' && entry.kind !== 'conference') return null;
    return { at: entry.at, kind: entry.kind, text: entry.text.slice(0, TEXT_MAX) };
}

function readCallState(raw: unknown): AmeyoCallState | null {
    const call = readObject(raw);
    if (!call || typeof call.conversationId !== 'string' || call.conversationId === '') return null;
    const list = <T>(value: unknown, read: (item: unknown) => T | null, max: number): T[] =>
        Array.isArray(value) ? value.slice(-max).flatMap((item) => read(item) ?? []) : [];
    const state: AmeyoCallState = {
        conversationId: call.conversationId.slice(0, CALL_ID_MAX_LENGTH),
        pops: list(call.pops, readPop, 20),
        timeline: list(call.timeline, readEntry, MAX_TIMELINE_ENTRIES),
        updatedAt: typeof call.updatedAt === 'number' ? call.updatedAt : 0
    };
    if (call.direction === 'inbound' || call.direction === 'outbound') state.direction = call.direction;
    return state;
}

/** The stored state read back; anything unreadable is left out (storage is shared and may hold anything). */
export function readToolbarState(raw: string | null, now: number): AmeyoToolbarState {
    if (raw === null) return { calls: [] };
    let parsed: unknown;
    try {
        parsed = JSON.parse(raw);
    } catch {
        return { calls: [] };
    }
    const object = readObject(parsed);
    if (!object || object.version !== 1 || !Array.isArray(object.calls)) return { calls: [] };
    const calls = object.calls
        .slice(-MAX_STORED_CALLS)
        .flatMap((item) => readCallState(item) ?? [])
        .filter((call) => now - call.updatedAt <= STORED_CALL_MS);
    const current = readObject(object.current);
    const state: AmeyoToolbarState = { calls };
    if (
        current &&
        typeof current.conversationId === 'string' &&
        current.conversationId !== '' &&
        (current.direction === 'inbound' || current.direction === 'outbound')
    )
        state.current = {
            conversationId: current.conversationId.slice(0, CALL_ID_MAX_LENGTH),
            direction: current.direction
        };
    return state;
}

/**
 * The state as stored: the newest MAX_STORED_CALLS calls of the last STORED_CALL_MS, then the oldest
 * dropped until it fits STORE_MAX_CHARS. Null when there is nothing to keep.
 */
export function toolbarStateJson(state: AmeyoToolbarState, now: number): string | null {
    const calls = state.calls
        .filter((call) => now - call.updatedAt <= STORED_CALL_MS)
        .sort((a, b) => a.updatedAt - b.updatedAt)
        .slice(-MAX_STORED_CALLS);
    if (calls.length === 0 && !state.current) return null;
    for (;;) {
        const json = JSON.stringify({ version: 1, ...(state.current ? { current: state.current } : {}), calls });
        if (json.length <= STORE_MAX_CHARS || calls.length === 0) return json;
        calls.shift();
    }
}

/**
 * The stored state and what happened since the page started (before the store was open): the
 * stored timeline first, then the new entries; a pop acknowledged in either stays acknowledged.
 */
export function mergeToolbarState(stored: AmeyoToolbarState, live: AmeyoToolbarState): AmeyoToolbarState {
    const calls = new Map(stored.calls.map((call) => [call.conversationId, call]));
    for (const call of live.calls) {
        const old = calls.get(call.conversationId);
        if (!old) {
            calls.set(call.conversationId, call);
            continue;
        }
        const pops = [...old.pops];
        for (const pop of call.pops) {
            const known = pops.find((p) => p.requestId === pop.requestId);
            if (known) known.acked = known.acked || pop.acked;
            else pops.push(pop);
        }
        const direction = call.direction ?? old.direction;
        calls.set(call.conversationId, {
            conversationId: call.conversationId,
            ...(direction ? { direction } : {}),
            pops,
            timeline: [...old.timeline, ...call.timeline].slice(-MAX_TIMELINE_ENTRIES),
            updatedAt: Math.max(old.updatedAt, call.updatedAt)
        });
    }
    const current = live.current ?? stored.current;
    return { ...(current ? { current } : {}), calls: [...calls.values()] };
}
