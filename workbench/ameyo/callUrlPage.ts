/**
 * The Ameyo (Exotel) ECC agent console's URL-based CRM integration, passive mode (seed 001): on an
 * incoming or outgoing call it loads the configured CRM URL with the call's context appended as query
 * parameters. The names are seed 001's "incoming/outgoing call" placeholders (the seed's text is
 * lower-cased; the casing here is Exotel's published one, e.g. `crtObjectId`, `userCrtObjectId`):
 * `sessionId` and `userCrtObjectId` authorize Ameyo's REST API, so the CRM must never pass them on.
 * Ameyo loads the URL "inside an iframe within the Ameyo ECC agent desktop"; Lightning Experience cannot
 * be framed by another site, so the stand-in opens it in a new tab, and offers its iframe to show the
 * refusal (docs/url-pop.md). Every control has a label and a `data-id`; `[data-id=event-log]` lists
 * each pop. Never part of the package.
 */

export interface AmeyoCallUrlOptions {
    scriptUrl: string;
    sldsUrl: string;
    visualforceUrl: string;
}

/** Seed 001's incoming call parameters this stand-in sends, with the value each gets (phone and ids from the panel). */
export const AMEYO_CALL_PARAMETERS = [
    'crmPushGeneratedTime',
    'userCrtObjectId',
    'phone',
    'disableDispositionOnActiveCall',
    'campaignId',
    'associationType',
    'crtObjectId',
    'sessionId',
    'userId',
    'isOriginalPhoneRequiredInCrm',
    'callType',
    'displayPhone',
    'instanceId',
    'locale',
    'origin',
    'interactionId',
    'iframeId',
    'contactCenterId'
] as const;

function esc(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function ameyoCallUrlPage(options: AmeyoCallUrlOptions): string {
    const crmUrl = `${options.visualforceUrl}/apex/CallPop?profile=ameyo`;
    const input = (id: string, label: string, value: string, size = 18) =>
        `<label class="am-field">${label} <input data-id="${id}" value="${esc(value)}" size="${size}"></label>`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ameyo agent console, CRM URL (stand-in)</title>
<link rel="stylesheet" href="${options.sldsUrl}">
<style>
body{background:#eef4ff;margin:0;padding:.75rem;font-size:.8125rem}
.am-card{background:#fff;border:1px solid #dddbda;border-radius:.25rem;padding:.5rem .75rem;margin-bottom:.5rem}
.am-row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.25rem 0}
.am-wide input{width:40rem;max-width:95vw;font-family:Menlo,Consolas,monospace;font-size:.6875rem}
.am-log{max-height:14rem;overflow:auto;font-family:Menlo,Consolas,monospace;font-size:.6875rem;margin:0;padding:0;list-style:none}
.am-log li{border-bottom:1px solid #f3f3f3;word-break:break-all}
iframe{width:100%;height:14rem;border:1px solid #dddbda}
</style>
</head>
<body>
<main>
<h1 class="slds-text-heading_small am-card"><strong>Ameyo agent console: CRM URL</strong> (workbench stand-in) ·
 <span data-id="status" role="status">Ready</span></h1>
<section class="am-card" aria-label="Call">
 <div class="am-row">
  ${input('phone', 'Phone (phone)', '+1 503 555 0100')}
  ${input('crtObjectId', 'Call (crtObjectId)', 'd604-69202d07-vce-27', 22)}
  ${input('campaignId', 'Campaign (campaignId)', '60', 5)}
  ${input('userId', 'Agent (userId)', 'wanda', 10)}
 </div>
 <div class="am-row">
  ${input('sessionId', 'Session (sessionId)', 'd108-6955296d-ses-harmony1-appid-app-server-fyymsb770c', 40)}
  <button class="slds-button slds-button_neutral" data-id="new-call">New call</button>
  <button class="slds-button slds-button_neutral" data-id="hostile">Hostile values</button>
 </div>
 <div class="am-row">
  <button class="slds-button slds-button_brand" data-id="incoming">Incoming call</button>
  <label class="am-field"><input type="checkbox" data-id="in-iframe"> Load in Ameyo's iframe</label>
 </div>
</section>
<section class="am-card" aria-label="CRM URL configuration">
 <div class="am-row am-wide">${input('crm-url', 'CRM URL', crmUrl)}</div>
</section>
<section class="am-card" aria-label="Ameyo iframe" data-id="iframe-panel" hidden>
 <iframe data-id="crm-frame" title="CRM"></iframe>
</section>
<section class="am-card" aria-label="CRM pops">
 <ul class="am-log" data-id="event-log" aria-label="CRM pops"></ul>
</section>
</main>
<script src="${options.scriptUrl}"></script>
</body>
</html>`;
}
