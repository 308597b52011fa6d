/**
 * The Streem stand-in (its own origin). Follows the Streem Embed document (seed 000):
 *  - /embed takes name, phone, refId, source, callingCode (default +1) and redirect; this page shows
 *    every query parameter exactly as decoded, so a wrongly encoded URL is visible at a glance;
 *  - "End call" performs the post-call redirect: `call` opens the call details page, a URL loads that
 *    URL in the frame, no redirect shows the thank-you page with no further action;
 *  - /streems?refId= shows the call log for a reference id (every ended call with that refId);
 *  - Streem serves a Content-Security-Policy that only lets allow-listed domains frame it; the
 *    stand-in allows the workbench app origin only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface StreemCall {
    id: string;
    refId: string;
    name: string;
    phone: string;
    callingCode: string;
    source: string;
    endedAt: string;
}

function esc(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function page(title: string, body: string): string {
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:0;padding:12px;background:#f4f7fb;color:#16325c}
h1{font-size:16px;margin:0 0 8px}.brand{color:#0b7a75;font-weight:700}table{border-collapse:collapse;width:100%;background:#fff}
td,th{border:1px solid #d8dde6;padding:4px 6px;text-align:left;vertical-align:top}code{white-space:pre-wrap;word-break:break-all}
button{font:inherit;padding:6px 12px;border-radius:4px;border:1px solid #0b7a75;background:#0b7a75;color:#fff;cursor:pointer}
.note{color:#54698d;font-size:12px}</style></head><body><div class="brand">Streem (workbench stand-in)</div>${body}</body></html>`;
}

export class StreemStandIn {
    private calls: StreemCall[] = [];

    constructor(private readonly appOrigin: () => string) {}

    reset(): void {
        this.calls = [];
    }

    /** Handles a request on the Streem origin; returns false when the path is not Streem's. */
    handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
        const send = (status: number, html: string): void => {
            res.writeHead(status, {
                'content-type': 'text/html; charset=utf-8',
                'content-security-policy': `frame-ancestors 'self' ${this.appOrigin()}`,
                'cache-control': 'no-store'
            });
            res.end(html);
        };
        if (url.pathname === '/embed' && req.method === 'GET') {
            send(200, this.embed(url));
            return true;
        }
        if (url.pathname === '/embed/end' && req.method === 'POST') {
            this.endCall(url, res);
            return true;
        }
        if (url.pathname === '/streems') {
            send(200, this.callLog(url.searchParams.get('refId') ?? ''));
            return true;
        }
        if (url.pathname === '/call-details') {
            const call = this.calls.find((c) => c.id === url.searchParams.get('id'));
            send(
                call ? 200 : 404,
                page('Call details', call ? `<h1>Call details</h1>${this.callTable([call])}` : '<h1>No such call</h1>')
            );
            return true;
        }
        if (url.pathname === '/thank-you') {
            send(200, page('Thank you', '<h1>Thank you</h1><p>The call has ended.</p>'));
            return true;
        }
        return false;
    }

    private embed(url: URL): string {
        const rows = [...url.searchParams.entries()]
            .map(
                ([k, v]) =>
                    `<tr><th scope="row"><code>${esc(k)}</code></th><td><code data-param="${esc(k)}">${esc(v)}</code></td></tr>`
            )
            .join('');
        const redirect = url.searchParams.get('redirect');
        const explain =
            redirect === null
                ? 'no redirect: a thank-you page'
                : redirect === 'call'
                  ? 'call: the call details page'
                  : `a URL: ${esc(redirect)}`;
        return page(
            'Streem Embed',
            `<h1>Invite ${esc(url.searchParams.get('name') ?? '(no name)')}</h1>
<p class="note">Raw query: <code data-id="raw-query">${esc(url.search)}</code></p>
<table data-id="params"><thead><tr><th>Parameter</th><th>Decoded value</th></tr></thead><tbody>${rows}</tbody></table>
<p class="note">Camera allowed by the embedding page: <span data-id="camera">unknown</span>. After the call: ${explain}.</p>
<form method="post" action="/embed/end${esc(url.search)}"><button type="submit" data-id="end-call">End call</button></form>
<script>var p=document.featurePolicy||document.permissionsPolicy;document.querySelector('[data-id=camera]').textContent=p?String(p.allowsFeature('camera')):'unknown';</script>`
        );
    }

    private endCall(url: URL, res: ServerResponse): void {
        const q = url.searchParams;
        const call: StreemCall = {
            id: `call-${this.calls.length + 1}`,
            refId: q.get('refId') ?? '',
            name: q.get('name') ?? '',
            phone: q.get('phone') ?? '',
            callingCode: q.get('callingCode') ?? '+1',
            source: q.get('source') ?? '',
            endedAt: new Date().toISOString()
        };
        this.calls.push(call);
        const redirect = q.get('redirect');
        let location = '/thank-you';
        if (redirect === 'call') location = `/call-details?id=${encodeURIComponent(call.id)}`;
        else if (redirect) {
            try {
                const target = new URL(redirect);
                if (target.protocol === 'https:' || target.protocol === 'http:') location = target.href;
            } catch {
                location = '/thank-you';
            }
        }
        res.writeHead(303, { location, 'cache-control': 'no-store' });
        res.end();
    }

    private callTable(calls: StreemCall[]): string {
        const rows = calls
            .map(
                (c) =>
                    `<tr data-call="${esc(c.id)}"><td>${esc(c.endedAt)}</td><td>${esc(c.name)}</td><td>${esc(c.callingCode)} ${esc(c.phone)}</td><td>${esc(c.refId)}</td><td>${esc(c.source)}</td></tr>`
            )
            .join('');
        return `<table><thead><tr><th>Ended</th><th>Name</th><th>Phone</th><th>refId</th><th>source</th></tr></thead><tbody>${rows}</tbody></table>`;
    }

    private callLog(refId: string): string {
        const calls = this.calls.filter((c) => c.refId === refId);
        return page(
            'Streem call log',
            `<h1>Calls for refId <code data-id="refId">${esc(refId)}</code></h1>${calls.length ? this.callTable(calls) : '<p data-id="no-calls">No calls yet for this reference id.</p>'}`
        );
    }
}
