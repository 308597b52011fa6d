/**
 * softphoneBridge with the Ameyo toolbar protocol's channel events: the session (takeover prompt,
 * sign-out), two-level dispositions in wrap-up, the call's transfer and conference timeline, and a
 * failed dispose that keeps the wrap-up open with Ameyo's reason.
 */
import { createElement } from 'lwc';
import SoftphoneBridge from 'c/softphoneBridge';
import { MESSAGE_CHANNEL_NAME } from 'c/softphoneProtocol';
import type { ChannelCommand } from 'c/softphoneProtocol';
import {
    deliver,
    getPublishedMessages,
    resetMessageService
} from '../../../../../test/jest-mocks/lightning/messageService';
import { resetNavigation } from '../../../../../test/jest-mocks/lightning/navigation';
import { applyVendorEvent, EMPTY_VENDOR_STATE, treeOptions } from '../vendorSession';
import SNAPSHOT_IDLE from './data/snapshotIdle.json';
import ENDED from './data/callEnded.json';

// Labels are their own names in Jest; this one carries its {0} so the reason's place is checked.
jest.mock('@salesforce/label/c.SoftphoneBridge_Status_Rejected', () => ({ default: 'Not saved: {0}' }), {
    virtual: true
});

const CONVERSATION = ENDED.payload.conversationId;
const event = (type: string, payload: unknown): unknown => ({ version: 1, kind: 'event', type, payload });
const SESSION = {
    status: 'loggedIn',
    campaign: 'Inbound Sales',
    extension: 'sip-1001',
    dialMode: 'manual',
    changedAt: 1
};
const TREE = {
    groups: [
        { label: 'Contacted', codes: ['Sale', 'callback'] },
        { label: 'Not contacted', codes: ['No answer'] }
    ]
};

async function flush(): Promise<void> {
    // eslint-disable-next-line no-await-in-loop -- one microtask per LWC re-render step, in order
    for (let i = 0; i < 5; i++) await Promise.resolve();
}
async function send(message: unknown): Promise<void> {
    deliver(MESSAGE_CHANNEL_NAME, message);
    await flush();
}
function commands(): ChannelCommand[] {
    return getPublishedMessages(MESSAGE_CHANNEL_NAME).filter(
        (m) => (m as { kind?: string }).kind === 'command'
    ) as ChannelCommand[];
}
function inner(element: HTMLElement): ShadowRoot {
    return element.shadowRoot!.querySelector('c-softphone-session')!.shadowRoot!;
}

/** The wrap-up child's shadow root (disposition, notes, Save, status); an empty root when it is not shown. */
function wrapUp(element: HTMLElement): ParentNode {
    return element.shadowRoot!.querySelector('c-softphone-wrap-up')?.shadowRoot ?? document.createDocumentFragment();
}
async function bridge(): Promise<HTMLElement> {
    const element = createElement('c-softphone-bridge', { is: SoftphoneBridge });
    document.body.appendChild(element);
    await flush();
    await send(SNAPSHOT_IDLE);
    return element;
}

describe('c-softphone-bridge with the Ameyo toolbar protocol', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        resetMessageService();
        resetNavigation();
        localStorage.clear();
        sessionStorage.clear();
    });

    it('shows nothing of a vendor session under the wrapper protocol', async () => {
        const element = await bridge();
        expect(inner(element).querySelector('[data-id="session"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('asks before taking over a session open elsewhere, then sends confirmForceLogin', async () => {
        const element = await bridge();
        await send(
            event('agentSession', { status: 'forceLoginRequired', message: 'User is already logged in.', changedAt: 1 })
        );
        const root = inner(element);
        expect(root.querySelector('[data-id="takeover"]')?.textContent).toContain('User is already logged in.');
        expect(commands().some((c) => c.type === 'confirmForceLogin')).toBe(false);
        await expect(element).toBeAccessible();
        root.querySelector<HTMLElement>('[data-id="confirm-force-login"]')!.click();
        await flush();
        expect(commands().at(-1)).toMatchObject({ kind: 'command', type: 'confirmForceLogin' });
    });

    it('summarises the logged-in session and signs out', async () => {
        const element = await bridge();
        await send(event('agentSession', SESSION));
        const root = inner(element);
        expect(root.querySelector('[data-id="session-summary"]')?.textContent).toBe(
            'Inbound Sales · sip-1001 · c.SoftphoneSession_Dial_Mode_Manual'
        );
        await expect(element).toBeAccessible();
        root.querySelector<HTMLElement>('[data-id="sign-out"]')!.click();
        await flush();
        expect(commands().at(-1)).toMatchObject({ type: 'signOut' });
    });

    it('offers two-level dispositions in wrap-up and shows the call timeline', async () => {
        const element = await bridge();
        await send(event('dispositionTree', TREE));
        await send(ENDED);
        await send(
            event('callTimeline', {
                conversationId: CONVERSATION,
                entries: [{ at: 1_790_000_010_000, kind: 'transfer', text: 'transfer to agent queue request sent' }]
            })
        );
        const combobox = wrapUp(element).querySelector('[data-id="disposition"]') as HTMLElement & {
            options: { label: string; value: string }[];
        };
        expect(combobox.options).toEqual([
            { label: 'Contacted › Sale', value: 'Sale' },
            { label: 'Contacted › callback', value: 'callback' },
            { label: 'Not contacted › No answer', value: 'No answer' }
        ]);
        expect(inner(element).querySelector('[data-id="timeline"]')?.textContent).toContain(
            'transfer to agent queue request sent'
        );
        await expect(element).toBeAccessible();
    });

    it("keeps the wrap-up open with Ameyo's reason when the dispose fails", async () => {
        const element = await bridge();
        await send(event('dispositionTree', TREE));
        await send(ENDED);
        const combobox = wrapUp(element).querySelector('[data-id="disposition"]')!;
        combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Sale' } }));
        await flush();
        (wrapUp(element).querySelector('[data-id="save"]') as HTMLElement).click();
        await flush();
        const save = commands().at(-1)!;
        expect(save).toMatchObject({
            type: 'saveWrapUp',
            payload: { conversationId: CONVERSATION, disposition: 'Sale' }
        });
        await send(
            event('error', {
                code: 'DISPOSE_FAILED',
                message: 'crtObjectId is null',
                audience: 'agent',
                commandId: save.id,
                conversationId: CONVERSATION
            })
        );
        expect(wrapUp(element).querySelector('[data-id="wrap-up"]')).not.toBeNull();
        const status = wrapUp(element).querySelector('[data-id="wrap-up-status"]') as HTMLElement;
        expect(status.dataset.status).toBe('rejected');
        expect(status.textContent).toContain('Not saved: crtObjectId is null');
        await expect(element).toBeAccessible();
    });
});

describe('c-softphone-bridge dispose and dial next', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        resetMessageService();
        localStorage.clear();
    });

    it('offers it once a disposition is chosen, and sends disposeAndDial with the wrap-up and the number', async () => {
        const element = await bridge();
        await send(event('agentSession', SESSION));
        await send(event('dispositionTree', TREE));
        await send(ENDED);
        expect(inner(element).querySelector('[data-id="dispose-and-dial-form"]')).toBeNull();
        wrapUp(element)
            .querySelector('[data-id="disposition"]')!
            .dispatchEvent(new CustomEvent('change', { detail: { value: 'Sale' } }));
        await flush();
        const root = inner(element);
        const button = root.querySelector('[data-id="dispose-and-dial"]') as HTMLElement & { disabled: boolean };
        expect(button.disabled).toBe(true);
        root.querySelector('[data-id="next-number"]')!.dispatchEvent(
            new CustomEvent('change', { detail: { value: ' +14155550199 ' } })
        );
        await flush();
        expect(button.disabled).toBe(false);
        await expect(element).toBeAccessible();
        button.click();
        await flush();
        expect(commands().at(-1)).toMatchObject({
            type: 'disposeAndDial',
            payload: { conversationId: CONVERSATION, disposition: 'Sale', number: '+14155550199' }
        });
        // Waiting for Ameyo: no second submission.
        const status = wrapUp(element).querySelector('[data-id="wrap-up-status"]') as HTMLElement;
        expect(status.dataset.status).toBe('saving');
        expect(inner(element).querySelector('[data-id="dispose-and-dial-form"]')).toBeNull();
    });
});

describe('vendorSession state', () => {
    it('keeps the newest 20 call timelines and dedupes codes across classes', () => {
        let state = EMPTY_VENDOR_STATE;
        for (let i = 0; i < 25; i++) {
            state = applyVendorEvent(state, {
                version: 1,
                kind: 'event',
                type: 'callTimeline',
                payload: { conversationId: `c-${i}`, entries: [] }
            });
        }
        expect(Object.keys(state.timelines)).toHaveLength(20);
        expect(state.timelines['c-24']).toEqual([]);
        expect(
            treeOptions({
                groups: [
                    { label: 'A', codes: ['x'] },
                    { label: 'B', codes: ['x', 'y'] }
                ]
            })
        ).toEqual([
            { label: 'A › x', value: 'x' },
            { label: 'B › y', value: 'y' }
        ]);
    });
});
