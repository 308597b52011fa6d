/**
 * Static resource `softphoneAdapter`: the script of the Visualforce page SoftphoneAdapter (the call
 * center's adapter URL). The page loads opencti_min.js first, then this. It starts the adapter at
 * once, so the Open CTI listeners are registered before anything asynchronous happens
 * (src/bridge/opencti/adapter.ts). Labels come from the page's JSON island
 * (`<script type="application/json" id="softphone-adapter-labels">`, JSENCODE-d custom labels).
 * The root element names the static resource softphoneAmeyo (`data-ameyo-script`), which the
 * adapter loads only for the ameyoToolbar protocol.
 */
import { AMEYO_SCRIPT_ATTRIBUTE } from '../bridge/ameyo/shared';
import { startAdapter } from '../bridge/opencti/adapter';
import { readLabels } from '../bridge/opencti/adapterConfig';
import { inOpenCtiFrame } from '../bridge/opencti/openCtiApi';
import { readTimeZone, TIME_ZONE_ATTRIBUTE } from '../shared/calendarDate';
import type { OpenCti } from '../bridge/opencti/openCtiApi';

/** Id of the element the panel renders into, and of the labels island. */
const ROOT_ID = 'softphone-adapter';
const LABELS_ID = 'softphone-adapter-labels';
const SESSION_ID = 'softphone-adapter-session';

/** The page's API session island (`{!$Api.Session_ID}`, `{!$User.Id}`); undefined when absent or unreadable. */
function readSession(): { sessionId: string; userId?: string } | undefined {
    const island = document.getElementById(SESSION_ID);
    // Read once, then taken out of the page: a script the page loads later (Ameyo's) cannot read it there.
    island?.remove();
    try {
        const parsed = JSON.parse(island?.textContent ?? 'null') as {
            sessionId?: unknown;
            userId?: unknown;
        } | null;
        if (typeof parsed?.sessionId !== 'string' || parsed.sessionId === '') return undefined;
        return {
            sessionId: parsed.sessionId,
            ...(typeof parsed.userId === 'string' && parsed.userId ? { userId: parsed.userId } : {})
        };
    } catch {
        return undefined;
    }
}

function install(): void {
    const host = window as unknown as { sforce?: { opencti?: OpenCti }; __softphoneAdapter?: unknown };
    // Loaded twice (a copy-pasted script tag): one adapter per page.
    if (host.__softphoneAdapter) return;
    let root = document.getElementById(ROOT_ID);
    if (!root) {
        root = document.createElement('div');
        root.id = ROOT_ID;
        (document.body ?? document.documentElement).append(root);
    }
    const ameyoScriptUrl = root.getAttribute(AMEYO_SCRIPT_ATTRIBUTE) ?? undefined;
    const timeZone = readTimeZone(root.getAttribute(TIME_ZONE_ATTRIBUTE));
    const adapter = startAdapter({
        window,
        document,
        root,
        // Outside the softphone utility the script's object exists but cannot work: say so, not "no settings".
        opencti: inOpenCtiFrame(window.location.search, window.parent !== window) ? host.sforce?.opencti : undefined,
        labels: readLabels(document.getElementById(LABELS_ID)?.textContent),
        apiSession: readSession(),
        ...(ameyoScriptUrl ? { ameyoScriptUrl } : {}),
        ...(timeZone ? { timeZone } : {})
    });
    host.__softphoneAdapter = adapter;
    window.addEventListener('pagehide', (event) => {
        // A page kept in the back/forward cache may come back: keep its lock and timers.
        if (!event.persisted) adapter.dispose();
    });
}

install();
