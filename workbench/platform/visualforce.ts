/**
 * Renders a controller-less Visualforce page to HTML, the way the platform would serve it from
 * the Visualforce domain, for the few tags and merge fields an adapter page needs.
 *
 * Follows the Visualforce Developer Guide's component reference
 * (developer.salesforce.com/docs/atlas.en-us.pages.meta/pages/): <apex:page> (showHeader, sidebar,
 * standardStylesheets, applyHtmlTag, applyBodyTag, docType, title), <apex:includeScript value>,
 * <apex:stylesheet value>, <apex:slds/>, and the global merge fields $Resource.Name,
 * URLFOR($Resource.Name[, 'path']), $Label.Name (guide: "$Label"; `$Label.c.Name` is Aura's form and
 * is refused), $Api.Session_ID (= GETSESSIONID(), guide: "$Api"),
 * $User.Id, $User.TimeZoneSidKey, $Setup.Setting__c.Field__c (hierarchy custom settings for the running user: user, then
 * profile, then org default; guide: "$Setup"; platform/customSettings.ts), $Api.Partner_Server_URL_NNN
 * and $Api.Enterprise_Server_URL_NNN (guide: "$Api": the API endpoint of that WSDL version, on the org's
 * own host), with JSENCODE / HTMLENCODE / JSINHTMLENCODE.
 * A page using anything else fails loudly (HTTP 500 naming the construct) so the stand-in grows
 * deliberately instead of serving a half-rendered page. A page with a controller or extensions is
 * refused: this package has no Apex.
 */

export interface VisualforceContext {
    /** Static resource URL for a name, or undefined when the package has no such resource. */
    resourceUrl: (name: string) => string | undefined;
    labels: ReadonlyMap<string, string>;
    /** URL of the SLDS stylesheet for <apex:slds/>. */
    sldsUrl: string;
    /** `{!$Api.Session_ID}` / `{!GETSESSIONID()}`: the page's (Visualforce) session id. */
    sessionId?: string;
    /** `{!$User.Id}`. */
    userId?: string;
    /** `{!$User.TimeZoneSidKey}`: the user's time zone, an IANA id (User object reference: TimeZoneSidKey). */
    userTimeZone?: string;
    /** `{!$Setup.<setting>.<field>}` for the running user; throws for a setting or field the package lacks. */
    setup?: (setting: string, field: string) => string;
    /** The org's own host (scheme and authority) for `{!$Api.Partner_Server_URL_NNN}`. */
    orgUrl?: string;
    /** The org Id in those URLs. */
    orgId?: string;
}

export class VisualforceError extends Error {
    constructor(message: string) {
        super(`Visualforce: ${message}`);
        this.name = 'VisualforceError';
    }
}

function attributes(source: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const match of source.matchAll(/([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        out[match[1] as string] = match[3] ?? match[4] ?? '';
    }
    return out;
}

function htmlEncode(value: string): string {
    return value
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}

function jsEncode(value: string): string {
    return value
        .replace(/\\/g, '\\\\')
        .replace(/'/g, "\\'")
        .replace(/"/g, '\\"')
        .replace(/\r?\n/g, '\\n')
        .replace(/</g, '\\u003C')
        .replace(/>/g, '\\u003E');
}

/** Evaluates one merge-field expression (the text between {! and }). */
function evaluate(expression: string, context: VisualforceContext): string {
    const expr = expression.trim();
    const wrapped = /^(JSENCODE|HTMLENCODE|JSINHTMLENCODE)\((.*)\)$/s.exec(expr);
    if (wrapped) {
        const inner = evaluate(wrapped[2] as string, context);
        if (wrapped[1] === 'JSENCODE') return jsEncode(inner);
        if (wrapped[1] === 'HTMLENCODE') return htmlEncode(inner);
        return htmlEncode(jsEncode(inner));
    }
    const resource = /^\$Resource\.([A-Za-z][A-Za-z0-9_]*)$/.exec(expr);
    const urlFor = /^URLFOR\(\s*\$Resource\.([A-Za-z][A-Za-z0-9_]*)\s*(?:,\s*'([^']*)'\s*)?\)$/.exec(expr);
    const match = resource ?? urlFor;
    if (match) {
        const url = context.resourceUrl(match[1] as string);
        if (!url) throw new VisualforceError(`no static resource named ${match[1]} (run npm run build).`);
        const subPath = urlFor?.[2];
        return subPath ? `${url}/${subPath.replace(/^\//, '')}` : url;
    }
    // $Api.Session_ID and GETSESSIONID() return the same value: the session of the page's own (Visualforce) domain.
    if (/^(\$Api\.Session_ID|GETSESSIONID\(\s*\))$/i.test(expr)) {
        if (!context.sessionId) throw new VisualforceError('no session to render {!$Api.Session_ID}.');
        return context.sessionId;
    }
    if (/^\$User\.Id$/i.test(expr)) {
        if (!context.userId) throw new VisualforceError('no user to render {!$User.Id}.');
        return context.userId;
    }
    if (/^\$User\.TimeZoneSidKey$/i.test(expr)) {
        if (!context.userTimeZone) throw new VisualforceError('no user to render {!$User.TimeZoneSidKey}.');
        return context.userTimeZone;
    }
    const setup = /^\$Setup\.([A-Za-z][A-Za-z0-9_]*__c)\.([A-Za-z][A-Za-z0-9_]*)$/.exec(expr);
    if (setup) {
        if (!context.setup) throw new VisualforceError('no custom settings to render {!$Setup...}.');
        try {
            return context.setup(setup[1] as string, setup[2] as string);
        } catch (error) {
            throw new VisualforceError(error instanceof Error ? error.message : String(error));
        }
    }
    const server = /^\$Api\.(Partner|Enterprise)_Server_URL_(\d{2,3})$/i.exec(expr);
    if (server) {
        if (!context.orgUrl || !context.orgId) throw new VisualforceError(`no org host to render {!${expr}}.`);
        // 680 -> 68.0: the WSDL version the name carries, as /services/Soap/u (partner) or /c (enterprise).
        const digits = server[2] as string;
        const version = `${digits.slice(0, -1)}.${digits.slice(-1)}`;
        const kind = (server[1] as string).toLowerCase() === 'partner' ? 'u' : 'c';
        return `${context.orgUrl}/services/Soap/${kind}/${version}/${context.orgId}`;
    }
    if (/^\$Label\.c\./.test(expr))
        throw new VisualforceError(
            `{!${expr}}: Visualforce names a custom label $Label.Name (Visualforce Developer Guide, "$Label"); $Label.c.Name is the Aura form.`
        );
    const label = /^\$Label\.([A-Za-z][A-Za-z0-9_]*)$/.exec(expr);
    if (label) {
        const value = context.labels.get(label[1] as string);
        if (value === undefined) throw new VisualforceError(`no custom label ${label[1]}.`);
        return value;
    }
    throw new VisualforceError(
        `the workbench does not render the merge field {!${expr}}; extend workbench/platform/visualforce.ts.`
    );
}

/** Renders the page source to HTML. Throws VisualforceError for what it cannot render faithfully. */
export function renderVisualforce(source: string, context: VisualforceContext): string {
    const pageTag = /<apex:page\b([^>]*)>/i.exec(source);
    if (!pageTag) throw new VisualforceError('the page has no <apex:page> root.');
    const page = attributes(pageTag[1] as string);
    if (page.controller || page.extensions)
        throw new VisualforceError('the page names a controller or extensions; this package has no Apex.');
    if (page.standardController)
        throw new VisualforceError('standardController pages need a record context the adapter page does not have.');

    let body = source
        .replace(/<\?xml[^>]*\?>/g, '')
        .replace(/<!--[\s\S]*?-->/g, (comment) => (comment.includes('{!') ? '' : comment))
        .replace(/<apex:page\b[^>]*>/i, '')
        .replace(/<\/apex:page>/i, '');

    body = body.replace(/<apex:includeScript\b([^>]*?)\/?>(\s*<\/apex:includeScript>)?/gi, (_m, attrs: string) => {
        const { value } = attributes(attrs);
        if (!value) throw new VisualforceError('<apex:includeScript> needs value.');
        return `<script src="${value}"></script>`;
    });
    body = body.replace(/<apex:stylesheet\b([^>]*?)\/?>(\s*<\/apex:stylesheet>)?/gi, (_m, attrs: string) => {
        const { value } = attributes(attrs);
        if (!value) throw new VisualforceError('<apex:stylesheet> needs value.');
        return `<link rel="stylesheet" href="${value}">`;
    });
    body = body.replace(
        /<apex:slds\s*\/?>(\s*<\/apex:slds>)?/gi,
        () => `<link rel="stylesheet" href="${context.sldsUrl}">`
    );

    const unknown = /<\/?(apex|c|chatter|support|flow|liveAgent|analytics|ideas|site|social|wave):[A-Za-z]+/i.exec(
        body
    );
    if (unknown)
        throw new VisualforceError(
            `the workbench does not render <${unknown[0].replace(/^<\/?/, '')}>; extend workbench/platform/visualforce.ts.`
        );

    // Merge fields: inside attributes and text alike (VF escapes by context; the package's pages use the encode functions).
    body = body.replace(/\{!([^}]*)\}/g, (_m, expr: string) => evaluate(expr, context));

    const applyHtmlTag = page.applyHtmlTag !== 'false';
    if (!applyHtmlTag) return body.trim().startsWith('<!DOCTYPE') ? body : `<!DOCTYPE html>\n${body}`;
    const title = page.title ? `<title>${htmlEncode(page.title)}</title>` : '';
    const standard =
        page.standardStylesheets === 'false' || page.showHeader === 'false'
            ? ''
            : `<link rel="stylesheet" href="${context.sldsUrl}">`;
    return `<!DOCTYPE html>\n<html><head><meta charset="utf-8">${title}${standard}</head><body>${body}</body></html>`;
}
