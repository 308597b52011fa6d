/**
 * The reference softphone (browser script of workbench/softphone/page.ts, on its own origin). It
 * plays the CCaaS vendor's side of the softphone contract (seed 002) through the real wrapper
 * library, `window.StreemSoftphoneBridge`, exactly as docs/vendor-integration.md tells a vendor to:
 *  - `load(callback)` once the page is ready; the callback events are shown in the log and obeyed:
 *    `disposition` fills the drop-down, `partner_config` sets the partner for calls, `get_presence`
 *    is answered with `statusChanged`, `update_presence` switches the presence select (and confirms
 *    with `statusChanged`), `start_call` starts an outbound call to `dialTo`;
 *  - the buttons call incomingCall, callAccepted, callRejected, callEnded, callNotesSubmitted,
 *    outboundCallInitiated and statusChanged with the contract's fields.
 * Every call, what the wrapper returned, and every answer the adapter posted back (ack/error) is
 * logged with its payload in `[data-id=event-log]`: the e2e tests read it.
 */
import type { SendResult, StreemSoftphoneBridge } from '../../src/bridge/wrapper/softphoneWrapper';
import { IVR_CONTEXT, PARTNER_CONFIG, PRESENCE_STATUSES } from './constants';

type CallState = 'idle' | 'ringing' | 'dialing' | 'connected' | 'ended';
type LogKind = 'event' | 'sent' | 'refused' | 'ack' | 'error' | 'info';

interface Call {
    conversationId: string;
    direction: 'inbound' | 'outbound';
    number: string;
    partnerId: string;
    /** When the call connected (epoch ms); the duration counts from here. */
    connectedAt?: number;
}

/** Used until `partner_config` names the partner (a softphone knows its own partner). */
const DEFAULT_PARTNER_ID: string = PARTNER_CONFIG.partnerId;
const LOG_LIMIT = 200;
/** The current call survives a reload of the frame (as a real softphone's server-side state would). */
const STATE_KEY = 'referenceSoftphone.call.v1';
const ENVELOPE_PROTOCOL = 'streem-softphone-bridge';

const STATE_TEXT: Record<CallState, string> = {
    idle: 'No call',
    ringing: 'Ringing',
    dialing: 'Dialling',
    connected: 'Connected',
    ended: 'Wrap-up'
};

const params = new URLSearchParams(window.location.search);

function el<T extends HTMLElement>(id: string): T {
    const found = document.querySelector<T>(`[data-id="${id}"]`);
    if (!found) throw new Error(`reference softphone: no [data-id="${id}"] on the page`);
    return found;
}

const ui = {
    connection: el<HTMLElement>('connection'),
    connectionDetail: el<HTMLElement>('connection-detail'),
    partner: el<HTMLElement>('partner'),
    presence: el<HTMLSelectElement>('presence'),
    state: el<HTMLElement>('call-state'),
    conversation: el<HTMLElement>('conversation-id'),
    caller: el<HTMLInputElement>('caller-number'),
    incoming: el<HTMLButtonElement>('incoming'),
    accept: el<HTMLButtonElement>('accept'),
    reject: el<HTMLButtonElement>('reject'),
    end: el<HTMLButtonElement>('end'),
    disposition: el<HTMLSelectElement>('disposition'),
    notes: el<HTMLTextAreaElement>('notes'),
    submitNotes: el<HTMLButtonElement>('submit-notes'),
    dialNumber: el<HTMLInputElement>('dial-number'),
    dial: el<HTMLButtonElement>('dial'),
    log: el<HTMLOListElement>('event-log'),
    clearLog: el<HTMLButtonElement>('clear-log'),
    raw: el<HTMLTextAreaElement>('raw-message'),
    sendRaw: el<HTMLButtonElement>('send-raw')
};

let bridge: StreemSoftphoneBridge | undefined;
let partnerId = DEFAULT_PARTNER_ID;
let partnerFromSalesforce = false;
let state: CallState = 'idle';
let call: Call | undefined;
/** A restored disposition, applied once the `disposition` event has filled the drop-down. */
let restoredDisposition = '';

/* ------------------------------------------------------------ log */

function log(kind: LogKind, type: string, payload?: unknown, note?: string): void {
    const item = document.createElement('li');
    item.dataset.kind = kind;
    item.dataset.type = type;
    const json = payload === undefined ? '' : JSON.stringify(payload);
    if (payload !== undefined) item.dataset.payload = json;
    const arrow = kind === 'event' || kind === 'ack' || kind === 'error' ? '←' : kind === 'info' ? '·' : '→';
    const kindEl = document.createElement('span');
    kindEl.className = 'sp-kind';
    kindEl.textContent = `${arrow} ${kind}`;
    item.append(
        kindEl,
        ` ${new Date().toISOString().slice(11, 19)} ${type}${json ? ` ${json}` : ''}${note ? ` (${note})` : ''}`
    );
    ui.log.prepend(item);
    while (ui.log.children.length > LOG_LIMIT) ui.log.lastElementChild?.remove();
}

/* ------------------------------------------------------------ state */

interface SavedState {
    call?: Call;
    state: CallState;
    disposition: string;
    notes: string;
}

function save(): void {
    const disposition = ui.disposition.value || restoredDisposition;
    const saved: SavedState = { call, state, disposition, notes: ui.notes.value };
    try {
        window.sessionStorage.setItem(STATE_KEY, JSON.stringify(saved));
    } catch {
        // Storage blocked (third-party frame settings): the call is just not kept across reloads.
    }
}

function restore(): void {
    let saved: Partial<SavedState> | undefined;
    try {
        saved = JSON.parse(window.sessionStorage.getItem(STATE_KEY) ?? 'null') as Partial<SavedState> | undefined;
    } catch {
        saved = undefined;
    }
    if (!saved?.call || !saved.state || saved.state === 'idle') return;
    call = saved.call;
    state = saved.state;
    ui.notes.value = saved.notes ?? '';
    restoredDisposition = saved.disposition ?? '';
    log('info', 'restored', { conversationId: call.conversationId, state });
}

function render(): void {
    save();
    ui.state.textContent = call ? `${STATE_TEXT[state]} · ${call.direction} ${call.number}` : STATE_TEXT[state];
    ui.state.dataset.state = state;
    ui.conversation.textContent = call ? call.conversationId : '';
    ui.conversation.dataset.conversationId = call?.conversationId ?? '';
    const free = state === 'idle' || state === 'ended';
    ui.incoming.disabled = !bridge || !free;
    ui.dial.disabled = !bridge || !free;
    ui.accept.disabled = !(state === 'ringing' || state === 'dialing');
    ui.accept.textContent = state === 'dialing' ? 'Answered' : 'Accept';
    ui.reject.disabled = state !== 'ringing';
    ui.end.disabled = !(state === 'ringing' || state === 'dialing' || state === 'connected');
    ui.submitNotes.disabled = !call;
    ui.partner.textContent = `Partner: ${partnerId} (${partnerFromSalesforce ? 'partner_config' : 'softphone default'})`;
}

type Connection = 'connecting' | 'connected' | 'not-connected' | 'no-wrapper';
const CONNECTION_TEXT: Record<Connection, string> = {
    connecting: 'Waiting for Salesforce',
    connected: 'Connected to Salesforce',
    'not-connected': 'Not connected',
    'no-wrapper': 'No wrapper library'
};

function setConnection(status: Connection): void {
    ui.connection.dataset.connection = status;
    ui.connection.textContent = CONNECTION_TEXT[status];
    const theme = status === 'connected' ? ' slds-theme_success' : status === 'connecting' ? '' : ' slds-theme_error';
    ui.connection.className = `slds-badge${theme}`;
}

/* ------------------------------------------------------------ calls to the wrapper */

type CallName = Exclude<keyof StreemSoftphoneBridge, 'version' | 'load'>;

function send(method: CallName, payload: Record<string, unknown>): boolean {
    if (!bridge) {
        log('refused', method, payload, 'no wrapper library');
        return false;
    }
    // The contract takes one params object; the wrapper validates it and never throws.
    const result = (bridge[method] as unknown as (p: Record<string, unknown>) => SendResult)(payload);
    if (result.ok) log('sent', method, payload, result.id);
    else log('refused', method, payload, `${result.error.code}: ${result.error.message}`);
    return result.ok;
}

function handleIncoming(): void {
    const number = ui.caller.value.trim();
    call = { conversationId: crypto.randomUUID(), direction: 'inbound', number, partnerId };
    state = 'ringing';
    resetWrapUp();
    send('incomingCall', {
        partnerId: call.partnerId,
        conversationId: call.conversationId,
        callerANI: number,
        language: IVR_CONTEXT.language
    });
    render();
}

function handleAccept(): void {
    if (!call) return;
    call.connectedAt = Date.now();
    state = 'connected';
    send('callAccepted', {
        partnerId: call.partnerId,
        conversationId: call.conversationId,
        callerANI: call.direction === 'inbound' ? call.number : undefined,
        ...IVR_CONTEXT
    });
    render();
}

function handleReject(): void {
    if (!call) return;
    send('callRejected', { partnerId: call.partnerId, conversationId: call.conversationId, reason: 'active' });
    state = 'idle';
    call = undefined;
    render();
}

function handleEnd(): void {
    if (!call) return;
    const duration = call.connectedAt ? Math.round((Date.now() - call.connectedAt) / 1000) : 0;
    send('callEnded', {
        partnerId: call.partnerId,
        conversationId: call.conversationId,
        duration,
        disposition: ui.disposition.value || undefined,
        notes: ui.notes.value || undefined,
        callType: call.direction
    });
    state = 'ended';
    render();
}

function handleSubmitNotes(): void {
    if (!call) return;
    send('callNotesSubmitted', {
        partnerId: call.partnerId,
        conversationId: call.conversationId,
        disposition: ui.disposition.value || undefined,
        notes: ui.notes.value || undefined
    });
}

/** An independent outbound call (dialpad), or the one Salesforce asked for with start_call. */
function startOutbound(number: string, partner = partnerId): void {
    if (state !== 'idle' && state !== 'ended') {
        log('info', 'busy', { number }, 'finish the current call first');
        return;
    }
    call = { conversationId: crypto.randomUUID(), direction: 'outbound', number, partnerId: partner };
    state = 'dialing';
    resetWrapUp();
    send('outboundCallInitiated', { partnerId: partner, conversationId: call.conversationId, dialledTo: number });
    render();
}

function handlePresence(): void {
    send('statusChanged', { softphoneId: ui.presence.value });
}

function resetWrapUp(): void {
    restoredDisposition = '';
    ui.disposition.value = '';
    ui.notes.value = '';
}

/* ------------------------------------------------------------ callback events */

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setPresenceOption(id: string): void {
    if (![...ui.presence.options].some((o) => o.value === id)) ui.presence.add(new Option(`Status ${id}`, id));
    ui.presence.value = id;
}

function handleEvent(eventType: string, payload: unknown): void {
    setConnection('connected');
    log('event', eventType, payload);
    switch (eventType) {
        case 'disposition': {
            const codes = Array.isArray(payload) ? payload.map(String) : [];
            const chosen = ui.disposition.value || restoredDisposition;
            ui.disposition.replaceChildren(new Option('None', ''), ...codes.map((c) => new Option(c, c)));
            if (codes.includes(chosen)) ui.disposition.value = chosen;
            restoredDisposition = '';
            break;
        }
        case 'partner_config':
            if (isRecord(payload) && typeof payload.partnerId === 'string') {
                partnerId = payload.partnerId;
                partnerFromSalesforce = true;
            }
            break;
        case 'get_presence':
            handlePresence();
            break;
        case 'update_presence':
            if (isRecord(payload) && typeof payload.softphoneId === 'string') {
                setPresenceOption(payload.softphoneId);
                handlePresence();
            }
            break;
        case 'start_call':
            if (isRecord(payload) && typeof payload.dialTo === 'string') {
                ui.dialNumber.value = payload.dialTo;
                startOutbound(payload.dialTo, typeof payload.partnerId === 'string' ? payload.partnerId : partnerId);
            }
            break;
        default:
            log('info', 'unknown event', { eventType });
    }
    render();
}

/* ------------------------------------------------------------ the adapter's answers (for the log) */

function crmOrigin(): string | undefined {
    const fromUrl = params.get('crmOrigin');
    if (fromUrl) return fromUrl;
    try {
        return window.sessionStorage.getItem('streemSoftphoneBridge.crmOrigin') ?? undefined;
    } catch {
        return undefined;
    }
}

/** Shows the adapter's ack/error envelopes; the wrapper itself only reports errors in the console. */
function handleMessage(event: MessageEvent): void {
    if (event.source !== window.parent || event.origin !== crmOrigin()) return;
    const data: unknown = event.data;
    if (!isRecord(data) || data.protocol !== ENVELOPE_PROTOCOL) return;
    if (ui.connection.dataset.connection === 'connecting') setConnection('connected');
    const type = typeof data.type === 'string' ? data.type : '';
    const replyTo = `reply to ${typeof data.replyTo === 'string' ? data.replyTo : '?'}`;
    if (data.kind === 'ack') log('ack', type, undefined, replyTo);
    if (data.kind === 'error') log('error', type, data.payload, replyTo);
}

function handleSendRaw(): void {
    const origin = crmOrigin();
    if (!origin || window.parent === window) {
        log('refused', 'raw', undefined, 'not inside Salesforce (no crmOrigin)');
        return;
    }
    let message: unknown;
    try {
        message = JSON.parse(ui.raw.value);
    } catch {
        message = ui.raw.value; // send it as text: that is what a malformed message can look like
    }
    window.parent.postMessage(message, origin);
    log('sent', 'raw', message);
}

/* ------------------------------------------------------------ start-up */

function start(): void {
    for (const status of PRESENCE_STATUSES) ui.presence.add(new Option(status.label, status.id));
    ui.incoming.addEventListener('click', handleIncoming);
    ui.accept.addEventListener('click', handleAccept);
    ui.reject.addEventListener('click', handleReject);
    ui.end.addEventListener('click', handleEnd);
    ui.submitNotes.addEventListener('click', handleSubmitNotes);
    ui.dial.addEventListener('click', () => startOutbound(ui.dialNumber.value.trim()));
    ui.presence.addEventListener('change', handlePresence);
    ui.clearLog.addEventListener('click', () => ui.log.replaceChildren());
    ui.notes.addEventListener('input', save);
    ui.disposition.addEventListener('change', save);
    restore();
    ui.sendRaw.addEventListener('click', handleSendRaw);
    window.addEventListener('message', handleMessage);

    const found = (window as unknown as { StreemSoftphoneBridge?: StreemSoftphoneBridge }).StreemSoftphoneBridge;
    if (typeof found?.load !== 'function') {
        setConnection('no-wrapper');
        ui.connectionDetail.textContent =
            'window.StreemSoftphoneBridge is missing: is the softphoneWrapper static resource built?';
        log(
            'info',
            'load',
            undefined,
            'window.StreemSoftphoneBridge is missing: the static resource is not built or did not load'
        );
        render();
        return;
    }
    bridge = found;
    const loaded = bridge.load(handleEvent);
    if (loaded.ok) {
        setConnection('connecting');
        log('sent', 'load', { wrapperVersion: bridge.version }, loaded.id);
    } else {
        setConnection('not-connected');
        ui.connectionDetail.textContent = loaded.error.message;
        log('refused', 'load', undefined, `${loaded.error.code}: ${loaded.error.message}`);
    }
    render();
}

start();
