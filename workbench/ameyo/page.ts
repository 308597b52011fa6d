/**
 * The Ameyo stand-in's toolbar page, /ameyowebaccess/toolbar-crm.htm?origin=<crmOrigin> (seed 004,
 * "create the iframe container"): a small agent palette plus a panel that fires every event and
 * handler of the seed's table. Every control has a `data-id` (the e2e tests use them); the log
 * `[data-id=event-log]` lists each API call and handler call with its arguments. Never part of the package.
 */
import { ROUTING_TEXT, STAND_IN_CAMPAIGNS } from './model';

export function ameyoToolbarPage(options: { scriptUrl: string; sldsUrl: string }): string {
    const routing = Object.keys(ROUTING_TEXT)
        .map(
            (name) =>
                `<button class="slds-button slds-button_neutral" data-id="${name}">${name.replace(/Handler$/, '')}</button>`
        )
        .join('');
    const campaigns = Object.entries(STAND_IN_CAMPAIGNS)
        .map(([id, name]) => `<option value="${id}">${name}</option>`)
        .join('');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ameyo toolbar (stand-in)</title>
<link rel="stylesheet" href="${options.sldsUrl}">
<style>
body{background:#eef4ff;margin:0;padding:.5rem;font-size:.75rem}
.am-card{background:#fff;border:1px solid #dddbda;border-radius:.25rem;padding:.375rem .5rem;margin-bottom:.375rem}
.am-row{display:flex;flex-wrap:wrap;gap:.25rem;align-items:center;margin:.125rem 0}
.am-log{max-height:9rem;overflow:auto;font-family:Menlo,Consolas,monospace;font-size:.625rem;margin:0;padding:0;list-style:none}
.am-log li{border-bottom:1px solid #f3f3f3;word-break:break-all}
.am-log li[data-kind=api]{color:#014486}
</style>
</head>
<body>
<div class="am-card"><strong>Ameyo toolbar (workbench stand-in)</strong>
 <span data-id="status" role="status">Logged out</span> · <span data-id="call">No call</span></div>
<div class="am-card">
 <div class="am-row">
  <button class="slds-button slds-button_brand" data-id="login">Log in</button>
  <label><input type="checkbox" data-id="session-clash"> Session open elsewhere</label>
  <label>Failure <select data-id="login-failure"><option value="auth policy incorrect">auth policy incorrect</option><option value="username or password empty">username or password empty</option></select></label>
  <button class="slds-button slds-button_neutral" data-id="login-fail">Fail login</button>
  <button class="slds-button slds-button_neutral" data-id="logout">Server logout</button>
 </div>
 <div class="am-row">
  <label>Extension <input data-id="extension-name" value="sip-2002" size="10"></label>
  <button class="slds-button slds-button_neutral" data-id="select-extension">Select extension</button>
  <button class="slds-button slds-button_neutral" data-id="modify-extension">Modify extension</button>
  <label><input type="checkbox" data-id="extension-fails"> fails with</label>
  <input data-id="extension-failure" value="extension is busy" size="16">
 </div>
 <div class="am-row">
  <label>Campaign <select data-id="campaign">${campaigns}</select></label>
  <button class="slds-button slds-button_neutral" data-id="ready">Ready</button>
  <label>Break <select data-id="break-reason"><option>training</option><option>snacks</option><option>lunch</option><option>unavailable</option></select></label>
  <button class="slds-button slds-button_neutral" data-id="break">Break</button>
  <button class="slds-button slds-button_neutral" data-id="auto-on">Auto call on</button>
  <button class="slds-button slds-button_neutral" data-id="auto-off">Auto call off</button>
 </div>
 <div class="am-row">
  <label>Caller <input data-id="caller" value="+15035551212" size="14"></label>
  <button class="slds-button slds-button_brand" data-id="incoming">Incoming call (showCrm)</button>
  <button class="slds-button slds-button_destructive" data-id="hangup">Hang up</button>
  <label>Dial box <input data-id="dial-box" readonly size="14"></label>
 </div>
 <div class="am-row">${routing}</div>
 <div class="am-row">
  <label><input type="checkbox" data-id="fail-dispose"> Next dispose fails with</label>
  <input data-id="fail-reason" value="crtObjectId is null" size="22">
 </div>
</div>
<div class="am-card"><ul class="am-log" data-id="event-log" aria-label="Ameyo stand-in log"></ul></div>
<script src="${options.scriptUrl}"></script>
</body>
</html>`;
}
