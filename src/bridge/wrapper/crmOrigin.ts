/**
 * Which origin the wrapper talks to: the Salesforce adapter page that embeds the softphone.
 * The adapter passes its own origin in the softphone iframe URL (`?crmOrigin=`); the wrapper
 * accepts it only if it is a bare https origin on a Salesforce domain (or one the vendor
 * allowed explicitly), so a page that frames the softphone cannot redirect call data to
 * itself by choosing a crmOrigin. Browsers that expose `location.ancestorOrigins` give a
 * second check: the embedding page's real origin must match.
 */
import type { BridgeResult } from '../core/validate';
import { isLoopbackHttp } from '../../shared/secureOrigin';

/** Host suffixes where Salesforce serves Visualforce and Lightning pages (incl. sandboxes, enhanced domains). */
export const SALESFORCE_HOST_SUFFIXES = [
    '.force.com',
    '.salesforce.com',
    '.visualforce.com',
    '.salesforce-setup.com',
    '.salesforce-sites.com',
    '.site.com'
] as const;

/** Query parameter the adapter page puts on the softphone URL. */
export const CRM_ORIGIN_PARAM = 'crmOrigin';
/** sessionStorage key that keeps the origin across the softphone's own page loads in the tab. */
export const CRM_ORIGIN_STORAGE_KEY = 'streemSoftphoneBridge.crmOrigin';

export interface CrmOriginSources {
    /** `location.search` of the softphone page. */
    search: string;
    /** `location.ancestorOrigins` when the browser has it. */
    ancestorOrigins?: ArrayLike<string>;
    /** Where the origin is remembered for later page loads (sessionStorage); may throw. */
    storage?: Pick<Storage, 'getItem' | 'setItem'>;
    /** Extra exact origins the vendor allows (adapter pages hosted outside Salesforce domains). */
    allowedOrigins?: readonly string[];
}

/** Checks one candidate origin; returns it in canonical form. */
export function checkCrmOrigin(candidate: string, allowedOrigins: readonly string[] = []): BridgeResult<string> {
    let url: URL;
    try {
        url = new URL(candidate);
    } catch {
        return fail(`crmOrigin "${candidate}" is not a URL origin such as https://acme--c.vf.force.com.`);
    }
    const origin = url.origin;
    if (candidate.replace(/\/$/, '') !== origin) {
        return fail(`crmOrigin must be an origin only (scheme, host, port), e.g. ${origin}; got "${candidate}".`);
    }
    if (allowedOrigins.includes(origin)) return { ok: true, value: origin };
    const host = url.hostname.toLowerCase();
    if (isLoopbackHttp(url)) return { ok: true, value: origin }; // a local adapter page (the workbench)
    if (url.protocol !== 'https:') return fail(`crmOrigin must use https; got "${origin}".`);
    if (!SALESFORCE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix))) {
        return fail(
            `crmOrigin "${origin}" is not a Salesforce domain. An adapter page hosted elsewhere must be listed in the script tag's data-allowed-origins.`
        );
    }
    return { ok: true, value: origin };
}

/** Finds and checks the adapter origin from the page URL (or the tab's memory of it). */
export function resolveCrmOrigin(sources: CrmOriginSources): BridgeResult<string> {
    const fromUrl = new URLSearchParams(sources.search).get(CRM_ORIGIN_PARAM);
    const candidate = fromUrl ?? readStored(sources.storage);
    if (!candidate) {
        return fail(
            `The softphone URL has no ${CRM_ORIGIN_PARAM} parameter; Salesforce adds it when it loads the softphone. Is the page opened outside Salesforce?`
        );
    }
    const checked = checkCrmOrigin(candidate, sources.allowedOrigins);
    if (!checked.ok) return checked;
    const embedder = sources.ancestorOrigins?.[0];
    if (embedder !== undefined && embedder !== checked.value) {
        return fail(
            `The page embedding the softphone is ${embedder}, not crmOrigin ${checked.value}; messages are disabled.`
        );
    }
    if (fromUrl) {
        try {
            sources.storage?.setItem(CRM_ORIGIN_STORAGE_KEY, checked.value);
        } catch {
            // Storage blocked in third-party frames: the URL parameter is enough for this load.
        }
    }
    return checked;
}

function readStored(storage: CrmOriginSources['storage']): string | null {
    try {
        return storage?.getItem(CRM_ORIGIN_STORAGE_KEY) ?? null;
    } catch {
        return null;
    }
}

function fail(message: string): { ok: false; error: { code: 'NOT_CONNECTED'; message: string; field: string } } {
    return { ok: false, error: { code: 'NOT_CONNECTED', message, field: CRM_ORIGIN_PARAM } };
}
