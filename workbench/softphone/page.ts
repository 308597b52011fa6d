/**
 * The reference softphone's page (served on the softphone origin): what a CCaaS vendor's softphone
 * page looks like to the package. It loads the wrapper library the way docs/vendor-integration.md
 * tells vendors to (a plain script tag before their own code) and then workbench/softphone/softphone.ts.
 * SLDS styling; every control has a label and a stable `data-id` (the e2e tests and the workbench
 * use them).
 */

export interface SoftphonePageOptions {
    /** Where the wrapper library (the built static resource `softphoneWrapper`) is served. */
    wrapperUrl: string;
    /** The SLDS stylesheet. */
    sldsUrl: string;
    /** The page's own script (softphone.ts, bundled). */
    scriptUrl: string;
}

function esc(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The HTML of the reference softphone. */
export function softphonePage(options: SoftphonePageOptions): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reference softphone</title>
<link rel="stylesheet" href="${esc(options.sldsUrl)}">
<style>
body{background:#f3f3f3;margin:0;padding:.5rem;font-size:.8125rem}
.sp-card{background:#fff;border:1px solid #dddbda;border-radius:.25rem;padding:.5rem .75rem;margin-bottom:.5rem}
.sp-row{display:flex;flex-wrap:wrap;gap:.25rem;align-items:flex-end}
.sp-row>.slds-form-element{flex:1 1 8rem;min-width:0}
.sp-log{max-height:11rem;overflow:auto;font-family:Menlo,Consolas,monospace;font-size:.6875rem;margin:0;padding:0;list-style:none}
.sp-log li{border-bottom:1px solid #f3f3f3;padding:.125rem 0;word-break:break-all}
.sp-log li[data-kind=error]{color:#ba0517}
.sp-log li[data-kind=event]{color:#014486}
.sp-kind{display:inline-block;min-width:3.25rem;font-weight:700}
.sp-state{font-weight:700}
textarea.slds-textarea{min-height:3rem}
</style>
</head>
<body>
<main aria-labelledby="sp-title">
  <header class="sp-card slds-grid slds-grid_vertical-align-center slds-wrap">
    <div class="slds-col">
      <h1 id="sp-title" class="slds-text-heading_small">Reference softphone</h1>
      <p class="slds-text-body_small slds-text-color_weak">Plays the vendor's side through the wrapper library.</p>
    </div>
    <span class="slds-badge" data-id="connection" data-connection="starting" role="status">Starting…</span>
    <p class="slds-size_1-of-1 slds-text-body_small slds-text-color_error" data-id="connection-detail"></p>
  </header>

  <section class="sp-card" aria-labelledby="sp-agent">
    <h2 id="sp-agent" class="slds-assistive-text">Agent</h2>
    <div class="sp-row">
      <div class="slds-form-element">
        <label class="slds-form-element__label" for="sp-presence">Presence</label>
        <div class="slds-form-element__control"><div class="slds-select_container">
          <select class="slds-select" id="sp-presence" data-id="presence"></select>
        </div></div>
      </div>
      <p class="slds-text-body_small slds-text-color_weak" data-id="partner">Partner: not configured yet</p>
    </div>
  </section>

  <section class="sp-card" aria-labelledby="sp-call">
    <h2 id="sp-call" class="slds-text-title_caps">Call</h2>
    <p class="slds-m-vertical_x-small" role="status" aria-live="polite">
      <span class="sp-state" data-id="call-state" data-state="idle">No call</span>
      <span class="slds-text-body_small slds-text-color_weak" data-id="conversation-id"></span>
    </p>
    <div class="sp-row">
      <div class="slds-form-element">
        <label class="slds-form-element__label" for="sp-caller">Caller number</label>
        <div class="slds-form-element__control">
          <input class="slds-input" id="sp-caller" data-id="caller-number" type="tel" value="+15035551212" autocomplete="off">
        </div>
      </div>
      <button class="slds-button slds-button_brand" data-id="incoming">Incoming call</button>
    </div>
    <div class="sp-row slds-m-top_x-small" role="group" aria-label="Call controls">
      <button class="slds-button slds-button_success" data-id="accept" disabled>Accept</button>
      <button class="slds-button slds-button_destructive" data-id="reject" disabled>Reject</button>
      <button class="slds-button slds-button_neutral" data-id="end" disabled>End</button>
    </div>
  </section>

  <section class="sp-card" aria-labelledby="sp-wrapup">
    <h2 id="sp-wrapup" class="slds-text-title_caps">Wrap-up</h2>
    <div class="slds-form-element slds-m-top_x-small">
      <label class="slds-form-element__label" for="sp-disposition">Disposition</label>
      <div class="slds-form-element__control"><div class="slds-select_container">
        <select class="slds-select" id="sp-disposition" data-id="disposition"><option value="">None</option></select>
      </div></div>
    </div>
    <div class="slds-form-element slds-m-top_x-small">
      <label class="slds-form-element__label" for="sp-notes">Notes</label>
      <div class="slds-form-element__control">
        <textarea class="slds-textarea" id="sp-notes" data-id="notes" maxlength="32000"></textarea>
      </div>
    </div>
    <button class="slds-button slds-button_neutral slds-m-top_x-small" data-id="submit-notes" disabled>Submit notes</button>
  </section>

  <section class="sp-card" aria-labelledby="sp-dialpad">
    <h2 id="sp-dialpad" class="slds-text-title_caps">Dialpad</h2>
    <div class="sp-row">
      <div class="slds-form-element">
        <label class="slds-form-element__label" for="sp-dial">Number to call</label>
        <div class="slds-form-element__control">
          <input class="slds-input" id="sp-dial" data-id="dial-number" type="tel" placeholder="+18883973342" autocomplete="off">
        </div>
      </div>
      <button class="slds-button slds-button_brand" data-id="dial">Call</button>
    </div>
  </section>

  <section class="sp-card" aria-labelledby="sp-log">
    <div class="slds-grid slds-grid_vertical-align-center">
      <h2 id="sp-log" class="slds-text-title_caps slds-col">Log</h2>
      <button class="slds-button slds-button_neutral" data-id="clear-log">Clear</button>
    </div>
    <ol class="sp-log slds-m-top_x-small" data-id="event-log" role="log" aria-label="Softphone log" tabindex="0"></ol>
  </section>

  <details class="sp-card" data-id="developer-tools">
    <summary>Developer tools</summary>
    <p class="slds-text-body_small slds-m-vertical_x-small">Posts a raw message to the adapter page, bypassing the wrapper's checks (to see how Salesforce answers a malformed one).</p>
    <div class="slds-form-element">
      <label class="slds-form-element__label" for="sp-raw">Raw message (JSON)</label>
      <div class="slds-form-element__control">
        <textarea class="slds-textarea" id="sp-raw" data-id="raw-message">{"protocol":"streem-softphone-bridge","version":1,"id":"raw-1","kind":"call","type":"callEnded","payload":{"partnerId":"215fd887-39be-4935-981f-2670d6afeaa7","duration":"95"}}</textarea>
      </div>
    </div>
    <button class="slds-button slds-button_neutral slds-m-top_x-small" data-id="send-raw">Send raw message</button>
  </details>
</main>
<script src="${esc(options.wrapperUrl)}"></script>
<script src="${esc(options.scriptUrl)}"></script>
</body>
</html>`;
}
