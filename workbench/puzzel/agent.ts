/**
 * The Puzzel-style agent application's script (page.ts): fills the configured URL with the call's
 * variables and pops it in the configured browser target on Ring and on Hang up (seed 003: "An event
 * is typically sent when the agents phone starts ringing, and when the agent hangs up ... the configured
 * URL is popped at the agents browser"); with the request tab on, loads it in an iframe instead.
 */
import { fillTemplate, HOSTILE_VALUES } from './template';

interface Config {
    templates: Record<string, { ring: string; hangup: string }>;
}

const config = JSON.parse(document.getElementById('puzzel-config')?.textContent ?? '{}') as Config;
const el = <T extends HTMLElement = HTMLInputElement>(id: string): T =>
    document.querySelector(`[data-id="${id}"]`) as T;
const value = (id: string): string => el(id).value;
let nextCall = 1002;

function log(text: string): void {
    const item = document.createElement('li');
    item.textContent = `${new Date().toISOString().slice(11, 19)} ${text}`;
    el<HTMLUListElement>('event-log').prepend(item);
}

function variables(event: 'ring' | 'hangup'): Record<string, string> {
    return {
        event,
        anum: value('anum'),
        queue_key: value('queue_key'),
        callid: value('callid'),
        agent: value('agent'),
        duration: value('duration'),
        disposition: value('disposition')
    };
}

function pop(event: 'ring' | 'hangup'): void {
    const url = fillTemplate(value(event === 'ring' ? 'ring-url' : 'hangup-url'), variables(event));
    el<HTMLElement>('status').textContent = event === 'ring' ? `Ringing: ${value('anum')}` : 'Ready';
    if (!el('visible').checked) {
        log(`${event}: not visible, nothing popped (${url})`);
        return;
    }
    if (el('request-tab').checked) {
        el<HTMLElement>('request-tab-panel').hidden = false;
        el<HTMLIFrameElement>('request-frame').src = url;
        log(`${event}: request tab ${url}`);
        return;
    }
    const target = value('target') || '_blank';
    // A new tab per pop (the default) is opened without a way back to this page; a named target is reused.
    window.open(url, target, target === '_blank' ? 'noopener' : undefined);
    log(`${event}: popped in ${target} ${url}`);
}

el('preset').addEventListener('change', () => {
    const preset = config.templates[el<HTMLSelectElement>('preset').value];
    if (!preset) return;
    el('ring-url').value = preset.ring;
    el('hangup-url').value = preset.hangup;
});
el('ring').addEventListener('click', () => pop('ring'));
el('hangup').addEventListener('click', () => pop('hangup'));
el('new-call').addEventListener('click', () => {
    el('callid').value = `pz-${nextCall++}`;
});
el('hostile').addEventListener('click', () => {
    el('anum').value = HOSTILE_VALUES.phone;
    el('queue_key').value = HOSTILE_VALUES.queue;
    el('callid').value = HOSTILE_VALUES.callId;
    el('agent').value = HOSTILE_VALUES.agent;
    el('duration').value = HOSTILE_VALUES.duration;
    el('disposition').value = HOSTILE_VALUES.disposition;
    log('hostile values set');
});
