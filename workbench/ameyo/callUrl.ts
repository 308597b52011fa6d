/**
 * The Ameyo call-URL console's script (callUrlPage.ts): on Incoming call, appends seed 001's call
 * parameters to the configured CRM URL and opens it in a new browser tab (or Ameyo's iframe).
 */
import { appendParams, HOSTILE_VALUES } from '../puzzel/template';
import { AMEYO_CALL_PARAMETERS } from './callUrlPage';

const el = <T extends HTMLElement = HTMLInputElement>(id: string): T =>
    document.querySelector(`[data-id="${id}"]`) as T;
const value = (id: string): string => el(id).value;
let nextCall = 28;

function log(text: string): void {
    const item = document.createElement('li');
    item.textContent = `${new Date().toISOString().slice(11, 19)} ${text}`;
    el<HTMLUListElement>('event-log').prepend(item);
}

function parameters(): Record<string, string> {
    const fixed: Record<string, string> = {
        crmPushGeneratedTime: String(Date.now()),
        userCrtObjectId: `${value('sessionId')}-uce-harmony1@43`,
        disableDispositionOnActiveCall: 'false',
        associationType: 'customer',
        isOriginalPhoneRequiredInCrm: 'false',
        callType: 'inbound.call.dial',
        displayPhone: value('phone'),
        instanceId: 'ameyoiframe',
        locale: 'en-US',
        origin: window.location.origin,
        interactionId: `${value('crtObjectId')}-i`,
        iframeId: 'ameyoiframe',
        contactCenterId: '1'
    };
    const out: Record<string, string> = {};
    for (const name of AMEYO_CALL_PARAMETERS) out[name] = name in fixed ? (fixed[name] ?? '') : value(name);
    return out;
}

el('incoming').addEventListener('click', () => {
    const url = appendParams(value('crm-url'), parameters());
    el<HTMLElement>('status').textContent = `On call: ${value('phone')}`;
    if (el('in-iframe').checked) {
        el<HTMLElement>('iframe-panel').hidden = false;
        el<HTMLIFrameElement>('crm-frame').src = url;
        log(`incoming: iframe ${url}`);
        return;
    }
    window.open(url, '_blank', 'noopener');
    log(`incoming: popped in _blank ${url}`);
});
el('new-call').addEventListener('click', () => {
    el('crtObjectId').value = `d604-69202d07-vce-${nextCall++}`;
});
el('hostile').addEventListener('click', () => {
    el('phone').value = HOSTILE_VALUES.phone;
    el('crtObjectId').value = HOSTILE_VALUES.callId;
    el('campaignId').value = HOSTILE_VALUES.queue;
    el('userId').value = HOSTILE_VALUES.agent;
    log('hostile values set');
});
