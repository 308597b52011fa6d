/**
 * The adapter page in ameyoToolbar mode against the workbench's Ameyo stand-in (workbench/ameyo/:
 * its `ameyo.integration` and its server model, following seed 004) and the workbench's one Open
 * CTI fake. jsdom loads no external script, so the test plays the browser: it installs the
 * stand-in's integration where the script would, then fires the script element's load event.
 */
import { JOE_LEAD_ID } from '../../../../workbench/platform/org/sampleData';
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
    command(type: string, payload?: unknown): void;
}

let started: Started[] = [];

async function ameyoPage(overrides: Record<string, string> = {}): Promise<Toolbar> {
    const s = startPage({
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
    const api: { name: string; args: unknown[] }[] = [];
    const box: { integration?: StandInIntegration } = {};
    const model = new AmeyoModel(
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
    const script = document.querySelector<HTMLScriptElement>('script[src*="ameyo-integration"]');
    script?.dispatchEvent(new Event('load'));
    model.loaded();
    await settle();
    let counter = 0;
    return {
        ...s,
        model,
        integration,
        api,
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
        snapshotForA11y(root);
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
