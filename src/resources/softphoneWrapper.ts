/**
 * Static resource `softphoneWrapper`: the wrapper library the vendor softphone page loads.
 * Defines `window.StreemSoftphoneBridge` (see docs/vendor-integration.md). Loading the
 * script twice keeps the first instance, so one listener and one queue exist per page.
 */
import { resolveCrmOrigin } from '../bridge/wrapper/crmOrigin';
import { createSoftphoneWrapper, GLOBAL_NAME } from '../bridge/wrapper/softphoneWrapper';

function install(): void {
    const host = window as unknown as Window & Record<string, unknown>;
    if (host[GLOBAL_NAME]) return;
    const script = document.currentScript;
    const allowedOrigins = (script?.getAttribute('data-allowed-origins') ?? '').split(/\s+/).filter(Boolean);
    let storage: Storage | undefined;
    try {
        storage = window.sessionStorage;
    } catch {
        storage = undefined; // blocked in some third-party frames
    }
    const crmOrigin = resolveCrmOrigin({
        search: window.location.search,
        ancestorOrigins: window.location.ancestorOrigins,
        storage,
        allowedOrigins
    });
    const idPrefix = `wrapper-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    host[GLOBAL_NAME] = createSoftphoneWrapper({ window: host, parent: window.parent, crmOrigin, console, idPrefix });
}

install();
