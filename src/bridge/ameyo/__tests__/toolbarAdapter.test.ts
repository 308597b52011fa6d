/**
 * The adapter page in ameyoToolbar mode against the workbench's Ameyo stand-in (workbench/ameyo/:
 * its `ameyo.integration` and its server model, following seed 004) and the workbench's one Open
 * CTI fake. jsdom loads no external script, so the test plays the browser: it installs the
 * stand-in's integration where the script would, then fires the script element's load event.
 */
import { JOE_LEAD_ID, SHARED_LEAD_ID } from '../../../../workbench/platform/org/sampleData';
import { createIntegration } from '../../../../workbench/ameyo/integration';
import type { StandInIntegration } from '../../../../workbench/ameyo/integration';
import { AmeyoModel } from '../../../../workbench/ameyo/model';
import {
    callCenterSettings,
    channelEvents,
    expectSnapshotsAccessible,
    settle,
    snapshotForA11y,
    startPage,
    waitReady
} from '../../opencti/__tests__/harness';
import type { Started } from '../../opencti/__tests__/harness';
import { TIMELINE_HEADING } from '../mapping';

const AMEYO = 'https://ameyo.example.net:8443';
const JOE_MOBILE = '+15035551212';

interface Toolbar extends Started {
    model: AmeyoModel;
    integration: StandInIntegration;
    api: { name: string; args: unknown[] }[];
    box: { integration?: StandInIntegration };
    commands(): number;
    command(type: string, payload?: unknown): void;
}

let started: Started[] = [];

/** The adapter page against a new stand-in, or, with `reload`, a new adapter frame in the same tab talking to the same Ameyo. */
async function ameyoPage(overrides: Record<string, string> = {}, reload?: Toolbar): Promise<Toolbar> {
    if (reload) {
        // The old page goes away with its frame, script and globals; Ameyo's server keeps the call.
        reload.adapter.dispose();
        reload.root.remove();
        document.head.replaceChildren();
        document.querySelectorAll('script[src*="ameyo-integration"]').forEach((script) => script.remove());
        delete (window as unknown as { ameyo?: unknown }).ameyo;
        reload.wb.reloadAdapter();
    }
    const s = startPage({
        ...(reload ? { wb: reload.wb } : {}),
        settings: callCenterSettings({
            '/softphoneProtocol/protocol': 'ameyoToolbar',
            '/softphoneProtocol/ameyoBaseUrl': AMEYO,
            '/softphoneProtocol/ameyoScriptVersion': '4.2',
            '/softphoneProtocol/ameyoExtensionName': 'sip-1001',
            '/softphoneProtocol/ameyoExtensionPhone': '1001',
            ...overrides
        })
    });
    started.push(s);
    await waitReady(s.adapter);
    const api: { name: string; args: unknown[] }[] = reload?.api ?? [];
    const box: { integration?: StandInIntegration } = reload?.box ?? {};
    const model =
        reload?.model ??
        new AmeyoModel(
            (name, args) => setTimeout(() => box.integration?.dispatch(name, args), 0),
            (kind, name, detail) => {
                if (kind === 'api') api.push({ name, args: detail as unknown[] });
            },
            () => Promise.resolve(box.integration?.extensionInfo())
        );
    const integration = createIntegration(
        window as unknown as Record<string, unknown>,
        {
            call: (name, args) => new Promise((resolve) => setTimeout(() => resolve(model.api(name, args)), 0))
        },
        () => undefined
    );
    box.integration = integration;
    (window as unknown as { ameyo: unknown }).ameyo = { integration };
    // This page's script: the newest, the page's last <script> (where Ameyo's script finds its address).
    const script = [...document.querySelectorAll<HTMLScriptElement>('script')].at(-1);
    expect(script?.src).toContain('ameyo-integration');
    script?.dispatchEvent(new Event('load'));
    model.loaded();
    await settle();
    let counter = reload?.commands() ?? 0;
    return {
        ...s,
        model,
        integration,
        api,
        box,
        commands: () => counter,
        command(type, payload) {
            counter += 1;
            s.wb.bus.publish('SoftphoneBridge__c', {
                version: 1,
                kind: 'command',
                id: `cmd-${counter}`,
                type,
                ...(payload === undefined ? {} : { payload })
            });
        }
    };
}

async function loggedIn(overrides: Record<string, string> = {}): Promise<Toolbar> {
    const t = await ameyoPage(overrides);
    await t.model.login();
    await settle();
    return t;
}

beforeEach(() => {
    jest.useFakeTimers();
    window.localStorage.clear();
    window.sessionStorage.clear();
});

afterEach(async () => {
    for (const s of started) s.adapter.dispose();
    started = [];
    await expectSnapshotsAccessible();
    document.body.replaceChildren();
    document.head.replaceChildren();
    delete (window as unknown as { ameyo?: unknown }).ameyo;
    jest.restoreAllMocks();
});

describe('c-softphone-adapter in ameyoToolbar mode', () => {
    it("loads seed 004's script and frames the toolbar in #ameyoIframeDiv with the CRM origin", async () => {
        const { root } = await ameyoPage();
        expect(document.querySelector('script[src]')?.getAttribute('src')).toBe(
            `${AMEYO}/ameyowebaccess/toolbar/js/ameyo-integration-v4.2.js`
        );
        const frame = root.querySelector<HTMLIFrameElement>('#ameyoIframeDiv > iframe#ameyoIframe');
        expect(frame?.src).toBe(
            `${AMEYO}/ameyowebaccess/toolbar-crm.htm?origin=${encodeURIComponent(window.location.origin)}`
        );
        expect(typeof (window as unknown as { getExtensionInfo?: unknown }).getExtensionInfo).toBe('function');
        // The seed's page variable, for script versions that read Ameyo's address from it.
        expect((window as unknown as { ameyoBaseUrl?: unknown }).ameyoBaseUrl).toBe(`${AMEYO}/`);
        snapshotForA11y(root);
    });

    it('registers every handler with registerCustomFunction, under the names public copies of the script call too', async () => {
        const t = await loggedIn();
        // Only registered handlers are called (the stand-in is as strict as Ameyo's namespaced script).
        t.box.integration?.dispatch('getDispositionCodesHandler', [
            [{ dispositionClass: 'Alias', dispositionCodes: ['One', 'Two'] }]
        ]);
        await settle();
        expect(channelEvents(t.wb, 'dispositionTree').at(-1)?.payload).toEqual({
            groups: [{ label: 'Alias', codes: ['One', 'Two'] }]
        });
    });

    it('answers getExtensionInfo from the call center, reloads dispositions for the campaign, and reports the session', async () => {
        const t = await loggedIn();
        expect(t.model.extension).toBe('sip-1001');
        expect(t.api.map((a) => a.name)).toContain('getDispositionCodes');
        const sessions = channelEvents(t.wb, 'agentSession').map((e) => e.payload);
        expect(sessions.at(-1)).toMatchObject({ status: 'loggedIn', extension: 'sip-1001', campaign: 'Inbound Sales' });
        expect(channelEvents(t.wb, 'dispositionTree').at(-1)?.payload).toEqual({
            groups: [
                { label: 'Contacted', codes: ['Sale', 'Not interested', 'callback'] },
                { label: 'Not contacted', codes: ['No answer', 'Wrong number'] }
            ]
        });
        // The agent modifies the extension in the toolbar; a failed binding (seed 004: "onexception
        // responsetext detail") is said, not shown as the extension.
        t.model.changeExtension('modifyExtensionHandler', 'sip-2002');
        await settle();
        expect(channelEvents(t.wb, 'agentSession').at(-1)?.payload).toMatchObject({ extension: 'sip-2002' });
        t.model.changeExtension('modifyExtensionHandler', 'sip-3003', 'extension sip-3003 is busy');
        await settle();
        expect(channelEvents(t.wb, 'agentSession').at(-1)?.payload).not.toHaveProperty('extension');
        expect(channelEvents(t.wb, 'error').at(-1)?.payload).toMatchObject({
            audience: 'agent',
            message: 'Ameyo could not bind the extension: extension sip-3003 is busy'
        });
        // Another campaign: its own dispositions are fetched (getDispositionCodes(campaignId)) and shown.
        t.model.selectCampaign('2');
        await settle();
        expect(t.api.filter((a) => a.name === 'getDispositionCodes').at(-1)?.args).toEqual(['2']);
        expect(channelEvents(t.wb, 'dispositionTree').at(-1)?.payload).toEqual({
            groups: [{ label: 'Support', codes: ['Resolved', 'Escalated'] }]
        });
        expect(channelEvents(t.wb, 'agentSession').at(-1)?.payload).toMatchObject({ campaign: 'Support' });
        t.model.emitBreak('lunch');
        t.model.emitAuto(true);
        await settle();
        expect(channelEvents(t.wb, 'agentSession').at(-1)?.payload).toMatchObject({
            availability: 'lunch',
            dialMode: 'auto'
        });
    });

    it('pops the caller on showCrm and acknowledges with setRecordInfoForShowCrm once the record is known', async () => {
        const t = await loggedIn();
        t.model.incoming(JOE_MOBILE);
        await settle();
        const call = channelEvents(t.wb, 'callStateChanged').at(-1)?.payload as { record?: { recordId: string } };
        expect(call.record?.recordId).toBe(JOE_LEAD_ID);
        expect(t.wb.lightning.currentPath()).toBe(`/lightning/r/Lead/${JOE_LEAD_ID}/view`);
        expect(t.model.acks).toHaveLength(1);
        expect(t.model.acks[0]).toMatchObject({ phone: JOE_MOBILE });
        expect(t.model.acks[0]?.requestId).toBe(t.model.acks[0]?.recordId);
    });

    it('disposes with a two-level code, then writes exactly one Task with the disposition and the transfer timeline', async () => {
        const t = await loggedIn();
        t.model.incoming(JOE_MOBILE);
        await settle();
        const conversationId = t.model.call!.crtObjectId;
        t.model.route('transferToAQHandler');
        t.model.route('conferWithUserHandler');
        await settle();
        expect(channelEvents(t.wb, 'callTimeline').at(-1)?.payload).toMatchObject({
            conversationId,
            entries: [
                { kind: 'transfer', text: 'transfer to agent queue request sent' },
                { kind: 'conference', text: 'confer with user request sent' }
            ]
        });
        t.model.hangup();
        await settle(3_000);
        t.command('saveWrapUp', { conversationId, disposition: 'Sale', notes: 'Bought the plan' });
        await settle(3_000);
        expect(t.api.filter((a) => a.name === 'disposeCallByDisposition')).toEqual([
            { name: 'disposeCallByDisposition', args: ['Sale'] }
        ]);
        const tasks = t.wb.org.allTasks();
        expect(tasks).toHaveLength(1);
        expect(tasks[0]).toMatchObject({ CallObject: conversationId, CallDisposition: 'Sale', WhoId: JOE_LEAD_ID });
        expect(tasks[0]?.Description).toContain('Bought the plan');
        expect(tasks[0]?.Description).toContain(`${TIMELINE_HEADING}\n- `);
        expect(tasks[0]?.Description).toContain('confer with user request sent');
    });

    it('keeps the wrap-up open with Ameyo’s reason when the dispose fails, and logs nothing for it', async () => {
        const t = await loggedIn();
        t.model.incoming(JOE_MOBILE);
        await settle();
        const conversationId = t.model.call!.crtObjectId;
        t.model.hangup();
        await settle(3_000);
        t.command('saveWrapUp', { conversationId, disposition: 'Bogus' });
        await settle();
        const error = channelEvents(t.wb, 'error').at(-1)?.payload;
        expect(error).toMatchObject({
            code: 'DISPOSE_FAILED',
            audience: 'agent',
            commandId: 'cmd-1',
            conversationId,
            message: 'invalid disposition code Bogus'
        });
        expect(t.wb.org.allTasks()[0]?.CallDisposition).toBeUndefined();
        // Corrected, it goes through.
        t.command('saveWrapUp', { conversationId, disposition: 'No answer' });
        await settle(3_000);
        expect(t.wb.org.allTasks()).toHaveLength(1);
        expect(t.wb.org.allTasks()[0]?.CallDisposition).toBe('No answer');
    });

    it('refuses callback for dispose and dial next, and dials the next number otherwise', async () => {
        const t = await loggedIn();
        t.model.incoming(JOE_MOBILE);
        await settle();
        const conversationId = t.model.call!.crtObjectId;
        t.model.hangup();
        await settle();
        t.command('disposeAndDial', { conversationId, disposition: 'callback', number: '+14155550199' });
        await settle();
        expect(t.api.some((a) => a.name === 'disposeNDial')).toBe(false);
        expect(channelEvents(t.wb, 'error').at(-1)?.payload).toMatchObject({ commandId: 'cmd-1', conversationId });
        t.command('disposeAndDial', { conversationId, disposition: 'Sale', number: '+14155550199' });
        await settle(3_000);
        expect(t.api.filter((a) => a.name === 'disposeNDial')).toEqual([
            { name: 'disposeNDial', args: ['Sale', '+14155550199'] }
        ]);
        expect(t.model.call).toMatchObject({ phone: '+14155550199', callType: 'outbound.manual.dial' });
    });

    it('sends click-to-dial to doDial, or to the dial box when the agent confirms', async () => {
        const t = await loggedIn();
        t.command('dial', { number: '(503) 555-1212', record: { recordId: JOE_LEAD_ID, objectType: 'Lead' } });
        await settle();
        expect(t.api.filter((a) => a.name === 'doDial')).toEqual([
            { name: 'doDial', args: [JOE_MOBILE, '-1', { source: 'salesforce' }] }
        ]);
        const confirm = await loggedIn({ '/softphoneProtocol/ameyoDialConfirm': 'true' });
        confirm.command('dial', { number: '(503) 555-1212' });
        await settle();
        expect(confirm.model.dialBox).toBe(JOE_MOBILE);
    });

    it('asks the agent before a forced login, and signs out with doLogout', async () => {
        const t = await ameyoPage();
        t.model.sessionClash = true;
        await t.model.login();
        await settle();
        expect(channelEvents(t.wb, 'agentSession').at(-1)?.payload).toMatchObject({ status: 'forceLoginRequired' });
        expect(t.api.some((a) => a.name === 'doForceLogin')).toBe(false);
        t.command('confirmForceLogin');
        await settle();
        expect(t.api.map((a) => a.name)).toContain('doForceLogin');
        expect(channelEvents(t.wb, 'agentSession').at(-1)?.payload).toMatchObject({ status: 'loggedIn' });
        t.command('signOut');
        await settle();
        expect(t.api.map((a) => a.name)).toContain('doLogout');
        expect(channelEvents(t.wb, 'agentSession').at(-1)?.payload).toMatchObject({ status: 'loggedOut' });
    });

    it('survives junk from Ameyo: no pop, no crash, no Task', async () => {
        const t = await loggedIn();
        const host = window as unknown as Record<string, (...args: unknown[]) => void>;
        t.integration.dispatch('showCrm', [undefined, 'not json', null]);
        host.hangupHandler?.(null, 42);
        host.handleDispositionCodes?.('{broken');
        host.handleDisposeCallByDispositionCode?.(undefined);
        host.transferToAqHandler?.({}, []);
        await settle(3_000);
        expect(t.wb.org.allTasks()).toHaveLength(0);
    });
});

describe('c-softphone-adapter in ameyoToolbar mode: transfers on the Task, and a reload mid-call', () => {
    /** Every saveLog call the adapter made (creates and updates), across reloads. */
    function saveLogs(t: Toolbar, into: { value: Record<string, unknown> }[] = []): typeof into {
        const fake = t.wb.opencti as unknown as { saveLog(args: { value: Record<string, unknown> }): unknown };
        const original = fake.saveLog.bind(fake);
        jest.spyOn(fake, 'saveLog').mockImplementation((args) => {
            into.push(JSON.parse(JSON.stringify(args)) as { value: Record<string, unknown> });
            return original(args);
        });
        return into;
    }

    const descriptionWrites = (saves: { value: Record<string, unknown> }[]): string[] =>
        saves.flatMap((save) => (typeof save.value.Description === 'string' ? [save.value.Description] : []));

    it('a transfer after the Task is first written patches that Task at once, once per event', async () => {
        const t = await loggedIn();
        const saves = saveLogs(t);
        t.model.incoming(JOE_MOBILE);
        await settle();
        const conversationId = t.model.call!.crtObjectId;
        // Notes saved mid-call: the Task is written now.
        t.command('saveWrapUp', { conversationId, notes: 'Asked for billing' });
        await settle(3_000);
        expect(t.wb.org.allTasks()).toHaveLength(1);
        const before = saves.length;
        t.model.route('transferToAQHandler');
        await settle(3_000);
        expect(saves.slice(before)).toHaveLength(1);
        expect(saves.at(-1)?.value).toEqual({
            Id: t.wb.org.allTasks()[0]?.Id,
            Description: expect.stringContaining('transfer to agent queue request sent') as unknown
        });
        expect(t.wb.org.allTasks()[0]?.Description).toMatch(
            new RegExp(
                `^Asked for billing\\n\\n${TIMELINE_HEADING.replace(/[()]/g, '\\$&')}\\n- \\d\\d:\\d\\d:\\d\\d UTC transfer to agent queue request sent$`
            )
        );
        t.model.route('conferWithUserHandler');
        await settle(3_000);
        expect(saves.slice(before)).toHaveLength(2);
        // The end and a disposition with the same notes: the timeline stays, one Task.
        t.model.hangup();
        await settle(3_000);
        t.command('saveWrapUp', { conversationId, disposition: 'Sale', notes: 'Asked for billing' });
        await settle(3_000);
        const [task] = t.wb.org.allTasks();
        expect(t.wb.org.allTasks()).toHaveLength(1);
        expect(task).toMatchObject({ CallDisposition: 'Sale', CallObject: conversationId });
        expect(task?.Description).toContain('transfer to agent queue request sent');
        expect(task?.Description).toContain('confer with user request sent');
        expect(saves.filter((save) => save.value.Id === undefined)).toHaveLength(1);
    });

    it('a transfer whose update answer is lost is written again to the same Task: one Task, the line once', async () => {
        const t = await loggedIn();
        t.model.incoming(JOE_MOBILE);
        await settle();
        const conversationId = t.model.call!.crtObjectId;
        t.command('saveWrapUp', { conversationId, notes: 'Asked for billing' });
        await settle(3_000);
        t.wb.faults.saveLogLostAnswers = 1;
        t.model.route('transferToUserHandler');
        await settle(90_000);
        const tasks = t.wb.org.allTasks();
        expect(tasks).toHaveLength(1);
        const description = String(tasks[0]?.Description);
        expect(description.split('transfer to user request sent')).toHaveLength(2);
        expect(description.startsWith('Asked for billing')).toBe(true);
        // No log left pending.
        expect(t.root.querySelector('.sfa-logs')?.textContent ?? '').toBe('');
    });

    it('a reload mid-call keeps the timeline: the transfers before and after it are all on the one Task', async () => {
        const first = await loggedIn();
        const saves = saveLogs(first);
        first.model.incoming(JOE_MOBILE);
        await settle();
        const conversationId = first.model.call!.crtObjectId;
        first.model.route('transferToAQHandler');
        await settle();
        expect(window.localStorage.getItem(`streemSoftphone.ameyo.v1@${first.adapter.tab()?.tabId}`)).toContain(
            'transfer to agent queue request sent'
        );

        const second = await ameyoPage({}, first);
        saveLogs(second, saves);
        // The component sees the timeline from before the reload.
        await settle();
        second.command('requestState');
        await settle();
        expect(channelEvents(second.wb, 'callTimeline').at(-1)?.payload).toMatchObject({
            conversationId,
            entries: [{ text: 'transfer to agent queue request sent' }]
        });
        second.model.route('conferWithPhoneHandler');
        await settle();
        second.model.hangup();
        await settle(3_000);
        second.command('saveWrapUp', { conversationId, disposition: 'Sale', notes: 'Bought the plan' });
        await settle(3_000);
        const tasks = second.wb.org.allTasks();
        expect(tasks).toHaveLength(1);
        expect(tasks[0]).toMatchObject({ CallObject: conversationId, CallDisposition: 'Sale', WhoId: JOE_LEAD_ID });
        const description = String(tasks[0]?.Description);
        expect(description).toContain('Bought the plan');
        expect(description.indexOf('transfer to agent queue request sent')).toBeGreaterThan(0);
        expect(description.indexOf('confer phone request sent')).toBeGreaterThan(
            description.indexOf('transfer to agent queue request sent')
        );
        expect(descriptionWrites(saves).every((text) => text.includes('transfer to agent queue request sent'))).toBe(
            true
        );
    });

    it('a pop still waiting for its record at a reload is acknowledged once after it, with its request id', async () => {
        const first = await loggedIn({ '/screenPop/multipleMatches': 'ask' });
        first.model.incoming('+14155550199');
        await settle();
        const conversationId = first.model.call!.crtObjectId;
        expect(first.model.acks).toHaveLength(0);

        const second = await ameyoPage({ '/screenPop/multipleMatches': 'ask' }, first);
        await settle(1_000);
        expect(second.model.acks).toHaveLength(0);
        second.command('choosePopTarget', {
            conversationId,
            record: { recordId: SHARED_LEAD_ID, objectType: 'Lead' }
        });
        await settle(1_000);
        const requestId = JSON.stringify(second.model.acks);
        expect(second.model.acks).toHaveLength(1);
        expect(second.model.acks[0]).toMatchObject({ phone: '+14155550199' });
        expect(second.model.acks[0]?.requestId).toBe(second.model.acks[0]?.recordId);
        expect(requestId).toMatch(/req-/);

        // Another reload: the acknowledgement is not sent again.
        const third = await ameyoPage({ '/screenPop/multipleMatches': 'ask' }, second);
        await settle(1_000);
        third.model.hangup();
        await settle(3_000);
        expect(third.model.acks).toHaveLength(1);
        expect(third.wb.org.allTasks()).toHaveLength(1);
        expect(third.wb.org.allTasks()[0]?.WhoId).toBe(SHARED_LEAD_ID);
    });

    it('a pop acknowledged before a reload is not acknowledged again after it', async () => {
        const first = await loggedIn();
        first.model.incoming(JOE_MOBILE);
        await settle();
        expect(first.model.acks).toHaveLength(1);
        const second = await ameyoPage({}, first);
        await settle(1_000);
        second.model.hangup();
        await settle(3_000);
        expect(second.model.acks).toHaveLength(1);
        expect(second.wb.org.allTasks()).toHaveLength(1);
    });
});
