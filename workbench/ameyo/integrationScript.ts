/**
 * Browser entry of the Ameyo stand-in's integration script, served at
 * /ameyowebaccess/toolbar/js/ameyo-integration-v<version>.js (seed 004, "add the integration
 * script"). It sets `window.ameyo.integration` (./integration.ts) in the CRM page and talks to the
 * toolbar frame `#ameyoIframe` (seed 004, "create the iframe container") with postMessage, only with
 * the stand-in's own origin and only with that frame (seed 004, "security and origin governance").
 * Never part of the package.
 */
import { createIntegration } from './integration';
import type { IntegrationHost } from './integration';

const STAND_IN = 'ameyoStandIn';
// Ameyo's address, as public copies of its script find it: from the page's last <script> when this
// one runs (not document.currentScript), so the CRM page must add it last.
const scripts = document.getElementsByTagName('script');
const lastScript = scripts[scripts.length - 1];
const ameyoOrigin = new URL(lastScript?.src || window.location.href).origin;
const pending = new Map<number, (value: unknown) => void>();
let nextId = 0;

function frameWindow(): Window | null {
    const frame = document.getElementById('ameyoIframe');
    return frame instanceof HTMLIFrameElement ? frame.contentWindow : null;
}

function post(message: Record<string, unknown>): boolean {
    const target = frameWindow();
    if (!target) return false;
    target.postMessage({ [STAND_IN]: 1, ...message }, ameyoOrigin);
    return true;
}

const integration = createIntegration(
    window as unknown as IntegrationHost,
    {
        call(name, args) {
            nextId += 1;
            const id = nextId;
            return new Promise((resolve, reject) => {
                pending.set(id, resolve);
                if (!post({ kind: 'api', id, name, args: JSON.parse(JSON.stringify(args)) as unknown[] })) {
                    pending.delete(id);
                    reject(new Error('the toolbar frame #ameyoIframe is not there'));
                }
            });
        }
    },
    (line) => console.warn(`[ameyo stand-in] ${line}`)
);

window.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== ameyoOrigin || event.source !== frameWindow()) return;
    const data = event.data as Record<string, unknown> | null;
    if (!data || data[STAND_IN] !== 1) return;
    switch (data.kind) {
        case 'ready':
            post({ kind: 'hello' });
            return;
        case 'event':
            integration.dispatch(String(data.name), Array.isArray(data.args) ? data.args : []);
            return;
        case 'query': {
            let value: unknown;
            try {
                value = integration.extensionInfo();
            } catch {
                value = undefined;
            }
            post({
                kind: 'answer',
                id: data.id,
                value: value === undefined ? null : JSON.parse(JSON.stringify(value))
            });
            return;
        }
        case 'result': {
            const resolve = pending.get(Number(data.id));
            pending.delete(Number(data.id));
            resolve?.(data.value);
            return;
        }
        default:
            return;
    }
});

(window as unknown as { ameyo: { integration: typeof integration } }).ameyo = { integration };
post({ kind: 'hello' });
