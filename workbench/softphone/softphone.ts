/**
 * Placeholder reference softphone (its own origin), until the real one is written. It plays the
 * vendor softphone of seed 002: it loads the wrapper library (the package's static resource, from
 * the Visualforce origin), calls `load(callback)`, and on its buttons calls the contract methods
 * incomingCall, callAccepted, callRejected, callEnded, callNotesSubmitted, outboundCallInitiated,
 * statusChanged with the payload fields the contract names. Events the wrapper sends back through
 * the callback (disposition, partner_config, get_presence, update_presence, start_call) are logged.
 */

interface Wrapper {
    load?: (callback: (eventType: string, payload: unknown) => void) => void;
    [method: string]: unknown;
}

const params = new URLSearchParams(window.location.search);
const wrapperGlobal = params.get('wrapperGlobal') ?? 'StreemSoftphoneBridge';
const PARTNER_ID = '215fd887-39be-4935-981f-2670d6afeaa7';
let conversationId = '';
let callStarted = 0;
let callerANI = '+15035551212';

const logEl = document.getElementById('log') as HTMLElement;
function log(text: string): void {
    logEl.textContent = `${new Date().toISOString().slice(11, 19)} ${text}\n${logEl.textContent ?? ''}`;
}

function wrapper(): Wrapper | undefined {
    return (window as unknown as Record<string, Wrapper | undefined>)[wrapperGlobal];
}

function callWrapper(method: string, payload: Record<string, unknown>): void {
    const target = wrapper();
    const fn = target?.[method];
    if (typeof fn !== 'function') {
        log(
            `wrapper has no ${method}() (window.${wrapperGlobal} ${target ? 'loaded' : 'not loaded'}): ${JSON.stringify(payload)}`
        );
        return;
    }
    log(`-> ${method} ${JSON.stringify(payload)}`);
    try {
        (fn as (p: unknown) => void).call(target, payload);
    } catch (error) {
        log(`${method} threw: ${error instanceof Error ? error.message : String(error)}`);
    }
}

function uuid(): string {
    return crypto.randomUUID();
}

function value(id: string): string {
    return (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
}

const handlers: Record<string, () => void> = {
    incoming: () => {
        conversationId = uuid();
        callerANI = value('ani') || callerANI;
        callWrapper('incomingCall', { partnerId: PARTNER_ID, conversationId, callerANI, language: 'en_US' });
    },
    accept: () => {
        callStarted = Date.now();
        callWrapper('callAccepted', {
            partnerId: PARTNER_ID,
            conversationId,
            callerANI,
            language: 'en_US',
            ivrExitPath: 'BookingChange',
            channelName: 'voice',
            reservationStartDate: '2026-12-24',
            specialEvent: '',
            escalationType: '',
            recordingStatus: 'ON'
        });
    },
    reject: () => callWrapper('callRejected', { partnerId: PARTNER_ID, conversationId, reason: 'active' }),
    end: () =>
        callWrapper('callEnded', {
            partnerId: PARTNER_ID,
            conversationId,
            duration: callStarted ? Math.round((Date.now() - callStarted) / 1000) : 0,
            disposition: value('disposition'),
            notes: value('notes-text'),
            callType: 'inbound'
        }),
    notes: () =>
        callWrapper('callNotesSubmitted', {
            partnerId: PARTNER_ID,
            conversationId,
            disposition: value('disposition'),
            notes: value('notes-text')
        }),
    outbound: () => {
        conversationId = uuid();
        callStarted = Date.now();
        callWrapper('outboundCallInitiated', { partnerId: PARTNER_ID, conversationId, dialledTo: value('ani') });
    },
    presence: () => callWrapper('statusChanged', { softphoneId: value('presence-select') })
};

for (const [id, handler] of Object.entries(handlers)) {
    document.getElementById(id)?.addEventListener('click', handler);
}

function start(): void {
    const target = wrapper();
    if (typeof target?.load !== 'function') {
        log(
            `no wrapper library: window.${wrapperGlobal}.load is missing (the static resource is not built or exposes another global).`
        );
        return;
    }
    target.load((eventType, payload) => {
        log(`<- ${eventType} ${JSON.stringify(payload)}`);
        if (eventType === 'disposition' && Array.isArray(payload)) {
            const select = document.getElementById('disposition') as HTMLSelectElement;
            select.innerHTML = '';
            for (const code of payload) select.add(new Option(String(code), String(code)));
        }
        if (eventType === 'get_presence') handlers.presence?.();
        if (eventType === 'start_call') {
            const dialTo = (payload as { dialTo?: string } | null)?.dialTo ?? '';
            (document.getElementById('ani') as HTMLInputElement).value = dialTo;
            log(`dialling ${dialTo}`);
            handlers.outbound?.();
        }
    });
    log('wrapper loaded');
}

const script = document.createElement('script');
script.src = params.get('wrapperUrl') ?? (document.body.dataset.wrapperUrl as string);
script.onload = start;
script.onerror = () => log(`could not load the wrapper library from ${script.src}`);
document.head.appendChild(script);

export {};
