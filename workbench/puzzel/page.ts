/**
 * A Puzzel-style agent application (seed 003, "CRM pop"): when the agent's phone starts ringing and
 * when the agent hangs up, it pops the configured URL with the call's variables in a browser target
 * (a new tab by default; a named target reuses one tab). The admin's settings are the seed's: URL
 * (with variables), Visible, Target. Variables: `anum` and `queue_key` are the seed's (its DDE example
 * `ddesend anum=2149&queue_key=sales`); `callid`, `agent`, `duration`, `disposition` and `event` are the
 * names this stand-in uses for what a Puzzel admin would map (ask Puzzel for its exact variable names).
 * The in-app "request tab" (an iframe) is offered to show why it cannot host Salesforce: Lightning
 * cannot be framed by another site and the Visualforce page allows Lightning only (docs/url-pop.md).
 * Every control has a label and a `data-id`; `[data-id=event-log]` lists each pop. Never part of the package.
 */

export interface PuzzelPageOptions {
    scriptUrl: string;
    sldsUrl: string;
    /** Where the templates point: the org's Visualforce page and the Lightning component. */
    visualforceUrl: string;
    appUrl: string;
}

/** The URL templates the stand-in offers, by preset. */
export function puzzelTemplates(options: {
    visualforceUrl: string;
    appUrl: string;
}): Record<string, { ring: string; hangup: string }> {
    const common = 'anum={anum}&queue_key={queue_key}&callid={callid}&agent={agent}';
    return {
        visualforce: {
            ring: `${options.visualforceUrl}/apex/CallPop?profile=puzzel&event=ring&${common}`,
            hangup: `${options.visualforceUrl}/apex/CallPop?profile=puzzel&event=hangup&${common}&duration={duration}&disposition={disposition}`
        },
        component: {
            ring: `${options.appUrl}/lightning/cmp/c__callPop?c__event=ring&c__phone={anum}&c__queue={queue_key}&c__callId={callid}&c__agent={agent}`,
            hangup: `${options.appUrl}/lightning/cmp/c__callPop?c__event=hangup&c__phone={anum}&c__queue={queue_key}&c__callId={callid}&c__agent={agent}&c__duration={duration}&c__disposition={disposition}`
        },
        // Puzzel's own names straight to the component: Lightning drops them (no namespace), the pop is empty.
        unnamespaced: {
            ring: `${options.appUrl}/lightning/cmp/c__callPop?event=ring&anum={anum}&callid={callid}`,
            hangup: `${options.appUrl}/lightning/cmp/c__callPop?event=hangup&anum={anum}&callid={callid}`
        }
    };
}

function esc(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function puzzelPage(options: PuzzelPageOptions): string {
    const templates = puzzelTemplates(options);
    const config = JSON.stringify({ templates }).replace(/</g, '\\u003c');
    const input = (id: string, label: string, value: string, size = 18) =>
        `<label class="pz-field">${label} <input data-id="${id}" value="${esc(value)}" size="${size}"></label>`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Puzzel agent application (stand-in)</title>
<link rel="stylesheet" href="${options.sldsUrl}">
<style>
body{background:#f4f0fb;margin:0;padding:.75rem;font-size:.8125rem}
.pz-card{background:#fff;border:1px solid #dddbda;border-radius:.25rem;padding:.5rem .75rem;margin-bottom:.5rem}
.pz-row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.25rem 0}
.pz-field input,.pz-field select{margin-left:.25rem}
.pz-wide input{width:48rem;max-width:95vw;font-family:Menlo,Consolas,monospace;font-size:.6875rem}
.pz-log{max-height:14rem;overflow:auto;font-family:Menlo,Consolas,monospace;font-size:.6875rem;margin:0;padding:0;list-style:none}
.pz-log li{border-bottom:1px solid #f3f3f3;word-break:break-all}
iframe{width:100%;height:14rem;border:1px solid #dddbda}
</style>
<script type="application/json" id="puzzel-config">${config}</script>
</head>
<body>
<main>
<h1 class="slds-text-heading_small pz-card"><strong>Puzzel agent application</strong> (workbench stand-in) ·
 <span data-id="status" role="status">Logged on, ready</span></h1>
<section class="pz-card" aria-label="Call">
 <div class="pz-row">
  ${input('anum', 'Caller (anum)', '+1 503 555 0100')}
  ${input('queue_key', 'Queue (queue_key)', 'sales', 10)}
  ${input('callid', 'Call id (callid)', 'pz-1001', 12)}
  ${input('agent', 'Agent (agent)', 'wanda', 10)}
 </div>
 <div class="pz-row">
  ${input('duration', 'Duration in seconds (duration)', '95', 6)}
  ${input('disposition', 'Disposition (disposition)', 'Resolved', 14)}
  <button class="slds-button slds-button_neutral" data-id="new-call">New call id</button>
  <button class="slds-button slds-button_neutral" data-id="hostile">Hostile values</button>
 </div>
 <div class="pz-row">
  <button class="slds-button slds-button_brand" data-id="ring">Ring</button>
  <button class="slds-button slds-button_destructive" data-id="hangup">Hang up</button>
 </div>
</section>
<section class="pz-card" aria-label="Screen popup configuration">
 <div class="pz-row">
  <label class="pz-field">URL preset <select data-id="preset">
   <option value="visualforce">Visualforce page, Puzzel's names (profile=puzzel)</option>
   <option value="component">Component, c__ names</option>
   <option value="unnamespaced">Component, Puzzel's names (dropped by Lightning)</option>
  </select></label>
  <label class="pz-field"><input type="checkbox" data-id="visible" checked> Visible</label>
  ${input('target', 'Target', '_blank', 10)}
  <label class="pz-field"><input type="checkbox" data-id="request-tab"> Open in the request tab (iframe)</label>
 </div>
 <div class="pz-row pz-wide">${input('ring-url', 'Ring URL', templates.visualforce?.ring ?? '')}</div>
 <div class="pz-row pz-wide">${input('hangup-url', 'Hang-up URL', templates.visualforce?.hangup ?? '')}</div>
</section>
<section class="pz-card" aria-label="Request tab" data-id="request-tab-panel" hidden>
 <iframe data-id="request-frame" title="Request tab"></iframe>
</section>
<section class="pz-card" aria-label="CRM pops">
 <ul class="pz-log" data-id="event-log" aria-label="CRM pops"></ul>
</section>
</main>
<script src="${options.scriptUrl}"></script>
</body>
</html>`;
}
