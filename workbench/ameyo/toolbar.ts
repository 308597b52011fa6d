/**
 * Browser entry of the Ameyo stand-in's toolbar page (./page.ts). Plays Ameyo's server and toolbar
 * through ./model.ts: API calls from the integration script in the CRM page are answered, handler
 * calls are posted back to the CRM page. Messages go only to the `origin` the CRM passed in the
 * frame URL and are taken only from the parent window with that origin (seed 004, "security and
 * origin governance"). Never part of the package.
 */
import { AmeyoModel } from './model';

const STAND_IN = 'ameyoStandIn';
const LOGIN_KEY = 'ameyoStandIn.loggedIn';
/**
 * Ameyo's server keeps the agent's session and call when the CRM page (and so this frame) reloads;
 * the stand-in keeps them, and its log, in this frame's sessionStorage (one browser tab).
 */
const SERVER_KEY = 'ameyoStandIn.server';
const LOG_KEY = 'ameyoStandIn.log';
const LOG_MAX = 300;

function el<T extends HTMLElement>(id: string): T {
    const found = document.querySelector<T>(`[data-id="${id}"]`);
    if (!found) throw new Error(`ameyo stand-in: no [data-id="${id}"]`);
    return found;
}

function readOrigin(): string | null {
    try {
        const raw = new URLSearchParams(window.location.search).get('origin');
        return raw ? new URL(raw).origin : null;
    } catch {
        return null;
    }
}

const crmOrigin = readOrigin();
const logList = el<HTMLUListElement>('event-log');
const answers = new Map<number, (value: unknown) => void>();
let queryId = 0;

function addLogItem(kind: string, name: string, detail: string): void {
    const item = document.createElement('li');
    item.dataset.kind = kind;
    item.dataset.name = name;
    item.dataset.detail = detail;
    item.textContent = `${kind} ${name} ${detail}`;
    logList.prepend(item);
    while (logList.children.length > LOG_MAX) logList.lastElementChild?.remove();
}

function readStored<T>(key: string): T | null {
    try {
        return JSON.parse(sessionStorage.getItem(key) ?? 'null') as T | null;
    } catch {
        return null;
    }
}

// The log from before a reload of this tab, oldest first.
for (const entry of readStored<[string, string, string][]>(LOG_KEY) ?? []) addLogItem(...entry);

function log(kind: string, name: string, detail: unknown): void {
    addLogItem(kind, name, JSON.stringify(detail ?? null));
    const items = Array.from(logList.children)
        .reverse()
        .map((li) => {
            const data = (li as HTMLElement).dataset;
            return [data.kind ?? '', data.name ?? '', data.detail ?? 'null'];
        });
    sessionStorage.setItem(LOG_KEY, JSON.stringify(items));
}

function post(message: Record<string, unknown>): void {
    if (!crmOrigin) return;
    window.parent.postMessage({ [STAND_IN]: 1, ...message }, crmOrigin);
}

const model = new AmeyoModel(
    (name, args) => {
        post({ kind: 'event', name, args });
        render();
    },
    log,
    () =>
        new Promise((resolve) => {
            queryId += 1;
            answers.set(queryId, resolve);
            post({ kind: 'query', id: queryId, name: 'getExtensionInfo' });
            setTimeout(() => resolve(undefined), 2_000);
        })
);
model.loggedIn = sessionStorage.getItem(LOGIN_KEY) === '1';
const server = readStored<Pick<AmeyoModel, 'call' | 'campaignId' | 'extension'>>(SERVER_KEY);
if (server) Object.assign(model, { call: server.call, campaignId: server.campaignId, extension: server.extension });

function render(): void {
    if (model.loggedIn) sessionStorage.setItem(LOGIN_KEY, '1');
    else sessionStorage.removeItem(LOGIN_KEY);
    sessionStorage.setItem(
        SERVER_KEY,
        JSON.stringify({ call: model.call, campaignId: model.campaignId, extension: model.extension })
    );
    el('status').textContent = model.loggedIn ? `Logged in · ${model.extension ?? 'no extension'}` : 'Logged out';
    el('call').textContent = model.call
        ? `${model.call.state} ${model.call.phone} (${model.call.crtObjectId})`
        : 'No call';
    el<HTMLInputElement>('dial-box').value = model.dialBox;
}

let loadedOnce = false;
window.addEventListener('message', (event: MessageEvent) => {
    if (!crmOrigin || event.source !== window.parent || event.origin !== crmOrigin) return;
    const data = event.data as Record<string, unknown> | null;
    if (!data || data[STAND_IN] !== 1) return;
    if (data.kind === 'hello') {
        if (!loadedOnce) model.loaded();
        loadedOnce = true;
    } else if (data.kind === 'answer') {
        answers.get(Number(data.id))?.(data.value ?? undefined);
        answers.delete(Number(data.id));
    } else if (data.kind === 'api') {
        const id = data.id;
        void model.api(String(data.name), Array.isArray(data.args) ? data.args : []).then((value) => {
            post({ kind: 'result', id, value: value === undefined ? null : value });
            render();
        });
    }
});

const on = (id: string, run: () => void | Promise<void>): void =>
    el(id).addEventListener('click', () => {
        void Promise.resolve(run()).then(render);
    });
on('login', () => {
    model.sessionClash = el<HTMLInputElement>('session-clash').checked;
    return model.login();
});
on('login-fail', () => model.login(el<HTMLSelectElement>('login-failure').value));
on('logout', () => model.serverLogout());
const extensionChange = (handler: 'selectExtensionHandler' | 'modifyExtensionHandler'): void =>
    model.changeExtension(
        handler,
        el<HTMLInputElement>('extension-name').value,
        el<HTMLInputElement>('extension-fails').checked ? el<HTMLInputElement>('extension-failure').value : undefined
    );
on('select-extension', () => extensionChange('selectExtensionHandler'));
on('modify-extension', () => extensionChange('modifyExtensionHandler'));
on('ready', () => void model.emitReady());
on('break', () => void model.emitBreak(el<HTMLSelectElement>('break-reason').value));
on('auto-on', () => model.emitAuto(true));
on('auto-off', () => model.emitAuto(false));
on('incoming', () => model.incoming(el<HTMLInputElement>('caller').value));
on('hangup', () => model.hangup());
el<HTMLSelectElement>('campaign').addEventListener('change', (event) => {
    model.selectCampaign((event.target as HTMLSelectElement).value);
});
el<HTMLInputElement>('fail-dispose').addEventListener('change', (event) => {
    model.failNextDispose = (event.target as HTMLInputElement).checked
        ? el<HTMLInputElement>('fail-reason').value
        : null;
});
for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('[data-id$="Handler"]'))) {
    button.addEventListener('click', () => model.route(button.dataset.id ?? ''));
}
if (!crmOrigin) log('info', 'no valid origin parameter: nothing is sent', window.location.search);
render();
post({ kind: 'ready' });
