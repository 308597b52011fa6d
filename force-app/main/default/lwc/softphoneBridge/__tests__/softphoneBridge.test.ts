import { createElement } from 'lwc';
import SoftphoneBridge from 'c/softphoneBridge';
import { MESSAGE_CHANNEL_NAME, createCommand } from 'c/softphoneProtocol';
import type { ChannelCommand } from 'c/softphoneProtocol';
import { getRecord } from 'lightning/uiRecordApi';
import { CurrentPageReference } from 'lightning/navigation';
import {
    APPLICATION_SCOPE,
    deliver,
    getPublishedMessages,
    getSubscriptions,
    resetMessageService
} from '../../../../../test/jest-mocks/lightning/messageService';
import {
    getGenerateUrlCalls,
    getNavigateCalledWith,
    resetNavigation,
    setGenerateUrlAnswers
} from '../../../../../test/jest-mocks/lightning/navigation';
import { DRAFT_STORE_KEY } from '../drafts';

import HEARTBEAT from './data/heartbeat.json';
import SNAPSHOT_IDLE from './data/snapshotIdle.json';
import RINGING_SINGLE from './data/callRingingSingleMatch.json';
import RINGING_SEVERAL from './data/callRingingSeveralMatches.json';
import RINGING_NONE from './data/callRingingNoMatch.json';
import CONNECTED from './data/callConnected.json';
import ENDED from './data/callEnded.json';
import LOG_PENDING from './data/logPending.json';
import LOG_SAVED from './data/logSaved.json';
import LOG_FAILED from './data/logFailed.json';
import PRESENCE_OFFLINE from './data/presenceOffline.json';
import INVALID_MESSAGES from './data/invalidMessages.json';
import LEAD from './data/getRecordLead.json';

// Labels are their own names in Jest; these carry their shipped text so the formatting is checked too.
jest.mock('@salesforce/label/c.SoftphoneBridge_Announce_Call', () => ({ default: '{0}, {1}: {2}' }), { virtual: true });
jest.mock('@salesforce/label/c.SoftphoneBridge_Direction_Inbound', () => ({ default: 'Inbound call' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.SoftphoneBridge_State_Ringing', () => ({ default: 'Ringing' }), { virtual: true });
jest.mock('@salesforce/label/c.SoftphoneBridge_Dial_Field', () => ({ default: 'Call {0} {1}' }), { virtual: true });
jest.mock('@salesforce/label/c.SoftphoneBridge_Field_Phone', () => ({ default: 'phone' }), { virtual: true });
jest.mock('@salesforce/label/c.SoftphoneBridge_Field_Mobile', () => ({ default: 'mobile' }), { virtual: true });
jest.mock(
    '@salesforce/label/c.SoftphoneBridge_Dial_Blocked_Offline',
    () => ({ default: 'Your status is {0}. Change your status to make calls.' }),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.SoftphoneBridge_History_Task_Link',
    () => ({ default: 'View Task for the call with {0}' }),
    {
        virtual: true
    }
);

const LEAD_ID = '00Q5e00000AbCdEEAV';
const OTHER_ID = '0015e00000OtHeRAAA';
const TASK_ID = '00T5e00000TaSk1AAA';

// The jest mocks of CurrentPageReference and getRecord are test adapters (force-app/test/jest-mocks/lightning).
// eslint-disable-next-line @lwc/lwc/no-unexpected-wire-adapter-usages -- tests drive the adapter
const pageReferenceAdapter = CurrentPageReference as unknown as { emit(value: unknown): void };
// eslint-disable-next-line @lwc/lwc/no-unexpected-wire-adapter-usages -- tests drive the adapter
const getRecordAdapter = getRecord as unknown as {
    emit(data: unknown): void;
    error(body?: unknown, status?: number, statusText?: string): void;
    getLastConfig(): Record<string, unknown>;
};

type BridgeElement = HTMLElement & Record<string, unknown> & { invalidMessageCount: number };
type Json = Record<string, any>;

/** Lets LWC re-render (microtasks only, so it also works under fake timers). */
async function flush(): Promise<void> {
    // eslint-disable-next-line no-await-in-loop -- one microtask per LWC re-render step, in order
    for (let i = 0; i < 5; i++) await Promise.resolve();
}

function create(props: Record<string, unknown> = {}): BridgeElement {
    const element = createElement('c-softphone-bridge', { is: SoftphoneBridge }) as unknown as BridgeElement;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

/** Sends an adapter event to every subscriber, as the adapter page would. */
async function send(message: unknown): Promise<void> {
    deliver(MESSAGE_CHANNEL_NAME, message);
    await flush();
}

/** A fixture with payload fields replaced. */
function withPayload(message: Json, patch: Json): Json {
    return { ...message, payload: { ...message.payload, ...patch } };
}

function commands(): ChannelCommand[] {
    return getPublishedMessages(MESSAGE_CHANNEL_NAME).filter(
        (message) => (message as { kind?: string }).kind === 'command'
    ) as ChannelCommand[];
}

function lastCommand(): ChannelCommand {
    const all = commands();
    return all[all.length - 1]!;
}

/** What the component must have published: the protocol's own builder, whatever id it chose. */
function expected<T extends ChannelCommand['type']>(type: T, payload: unknown): Json {
    const built = createCommand(type, payload as never, 'any-id');
    if (!built.ok) throw new Error(built.error.message);
    return { ...built.value, id: expect.any(String) };
}

/** The component's shadow root and those of the package's components inside it (c-*), outermost first. */
function shadowRoots(element: HTMLElement): ShadowRoot[] {
    const roots: ShadowRoot[] = [];
    const visit = (root: ShadowRoot): void => {
        roots.push(root);
        for (const child of root.querySelectorAll('*')) {
            if (child.tagName.startsWith('C-') && child.shadowRoot) visit(child.shadowRoot);
        }
    };
    visit(element.shadowRoot!);
    return roots;
}

/** Every element matching `selector` in the component or the child components it is composed of. */
function $$<T extends HTMLElement = HTMLElement & Record<string, any>>(element: HTMLElement, selector: string): T[] {
    return shadowRoots(element).flatMap((root) => [...root.querySelectorAll<T>(selector)]);
}

function $(element: HTMLElement, id: string): HTMLElement & Record<string, any> {
    return $$(element, `[data-id="${id}"]`)[0] ?? (null as unknown as HTMLElement & Record<string, any>);
}

/** The text the component shows, its child components' included. */
function shownText(element: HTMLElement): string {
    return shadowRoots(element)
        .map((root) => root.textContent)
        .join(' ');
}

function text(element: HTMLElement, id: string): string {
    return ($(element, id)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

async function connected(props: Record<string, unknown> = {}): Promise<BridgeElement> {
    const element = create(props);
    await flush();
    await send(SNAPSHOT_IDLE);
    return element;
}

async function change(element: HTMLElement, id: string, value: string): Promise<void> {
    $(element, id).dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flush();
}

async function click(element: HTMLElement | null): Promise<void> {
    element!.click();
    await flush();
}

/** The call ended and the adapter logged its Task. */
async function endedCallWithTask(): Promise<void> {
    await send(ENDED);
    await send(LOG_PENDING);
    await send(LOG_SAVED);
}

describe('c-softphone-bridge', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.useRealTimers();
        resetMessageService();
        resetNavigation();
        localStorage.clear();
        sessionStorage.clear();
        jest.clearAllMocks();
    });

    describe('the channel', () => {
        it('subscribes with APPLICATION_SCOPE, asks for the state at once and unsubscribes when removed', async () => {
            const element = create();
            await flush();

            const subscriptions = getSubscriptions();
            expect(subscriptions).toHaveLength(1);
            expect(subscriptions[0]!.channel).toBe(MESSAGE_CHANNEL_NAME);
            expect(subscriptions[0]!.scope).toBe(APPLICATION_SCOPE);
            expect(commands()).toEqual([expected('requestState', undefined)]);

            document.body.removeChild(element);
            expect(getSubscriptions()).toHaveLength(0);
        });

        it('shows that it is looking for the softphone before the first answer', async () => {
            const element = create();
            await flush();

            expect(text(element, 'connecting')).toBe('c.SoftphoneBridge_Connecting');
            expect($(element, 'not-connected')).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('ignores and counts invalid messages, never crashing, and keeps working', async () => {
            const element = await connected();

            for (const message of INVALID_MESSAGES) deliver(MESSAGE_CHANNEL_NAME, message);
            await flush();

            expect(element.invalidMessageCount).toBe(INVALID_MESSAGES.length);
            expect($(element, 'call')).toBeNull(); // the truncated callStateChanged was not taken
            expect($(element, 'version-mismatch')).not.toBeNull(); // version 99 → admin hint
            await send(RINGING_SINGLE);
            expect($(element, 'call')).not.toBeNull();
            await expect(element).toBeAccessible();
        });

        it('does not count its own commands (they echo on the channel) as invalid', async () => {
            const element = await connected();
            await change(element, 'presence-picker', '215fd887-39be-4935-981f-2670d6afeaa7');

            expect(commands().length).toBeGreaterThan(1);
            expect(element.invalidMessageCount).toBe(0);
        });
    });

    describe('not connected', () => {
        it('says so, with what an admin must check, when no adapter answers within 5 seconds', async () => {
            jest.useFakeTimers();
            const element = create();
            await flush();
            jest.advanceTimersByTime(5_000);
            await flush();

            expect($(element, 'not-connected')).not.toBeNull();
            expect(text(element, 'not-connected')).toContain('c.SoftphoneBridge_Not_Connected_Heading');
            const checklist = text(element, 'admin-checklist');
            expect(checklist).toContain('c.SoftphoneBridge_Check_Call_Center');
            expect(checklist).toContain('c.SoftphoneBridge_Check_Utility_Item');
            expect(checklist).toContain('c.SoftphoneBridge_Check_Permission_Set');
            expect($(element, 'connecting')).toBeNull();
            expect($(element, 'current-call')).toBeNull(); // no "No active call" claim without an adapter
            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });

        it('recovers when the adapter appears: a heartbeat brings a new requestState, the snapshot the state', async () => {
            jest.useFakeTimers();
            const element = create();
            await flush();
            jest.advanceTimersByTime(5_000);
            await flush();
            expect($(element, 'not-connected')).not.toBeNull();

            await send(HEARTBEAT);
            expect($(element, 'not-connected')).toBeNull();
            expect(commands().filter((command) => command.type === 'requestState')).toHaveLength(2);
            await send(SNAPSHOT_IDLE);
            expect(text(element, 'idle')).toBe('c.SoftphoneBridge_No_Call');
        });

        /** Still connected after `quietMs` more of silence, and not connected `thenMs` later. */
        async function expectGoneAfter(element: HTMLElement, quietMs: number, thenMs: number): Promise<void> {
            jest.advanceTimersByTime(quietMs);
            await flush();
            expect($(element, 'not-connected')).toBeNull();
            jest.advanceTimersByTime(thenMs);
            await flush();
            expect($(element, 'not-connected')).not.toBeNull();
        }

        it('counts the adapter as gone after 2.5 heartbeat intervals of silence', async () => {
            jest.useFakeTimers();
            const element = await connected();
            await expectGoneAfter(element, 37_000, 1_000);
        });

        it('counts the silence from the last message, without setting a timer per message', async () => {
            jest.useFakeTimers();
            const element = await connected();
            const setTimer = jest.spyOn(window, 'setTimeout');
            for (let i = 0; i < 50; i++) {
                jest.advanceTimersByTime(200);
                // eslint-disable-next-line no-await-in-loop -- one message at a time, as the adapter sends them
                await send(HEARTBEAT);
            }
            const watchdogTimers = setTimer.mock.calls.filter(([, ms]) => (ms ?? 0) >= 30_000).length;
            setTimer.mockRestore();
            // 50 messages in 10 s: one timer, set again when the first-answer timer (5 s) fired early
            expect(watchdogTimers).toBeLessThanOrEqual(1);
            await expectGoneAfter(element, 37_000, 1_000);
        });

        it('counts a shorter silence limit at once when the adapter announces a faster heartbeat', async () => {
            jest.useFakeTimers();
            const element = await connected(); // 15 s heartbeat: gone after 37.5 s
            await send({ ...HEARTBEAT, payload: { ...HEARTBEAT.payload, intervalMs: 2_000 } }); // gone after 5 s
            await expectGoneAfter(element, 4_000, 1_000);
        });

        it('tries again on request', async () => {
            jest.useFakeTimers();
            const element = create();
            await flush();
            jest.advanceTimersByTime(5_000);
            await flush();

            await click($(element, 'retry-connection'));

            expect($(element, 'connecting')).not.toBeNull();
            expect(commands().filter((command) => command.type === 'requestState')).toHaveLength(2);
        });

        it('asks for the state when its first request was lost and the adapter spoke first with something else', async () => {
            create();
            await flush();
            await send(LOG_SAVED); // the adapter restored a log before it heard our requestState
            await send(HEARTBEAT);
            await send(HEARTBEAT);

            expect(commands().filter((command) => command.type === 'requestState')).toHaveLength(2);
            await send(SNAPSHOT_IDLE);
            await send(HEARTBEAT);
            expect(commands().filter((command) => command.type === 'requestState')).toHaveLength(2);
        });

        it('asks for the state again when the adapter page reloads (new adapterId)', async () => {
            await connected();
            await send(withPayload(HEARTBEAT, { adapterId: 'adapter-b2' }));

            expect(commands().filter((command) => command.type === 'requestState')).toHaveLength(2);
        });
    });

    describe('connected, idle', () => {
        it('shows the presence picker with the announced statuses and no call', async () => {
            const element = await connected();

            const picker = $(element, 'presence-picker');
            expect(picker.options).toEqual([
                { label: 'Available', value: 'd6afeaa7-39be-4935-981f-2670215fd887' },
                { label: 'Break', value: '215fd887-39be-4935-981f-2670d6afeaa7' },
                { label: 'Offline', value: '0ff11e00-39be-4935-981f-2670d6afeaa7' }
            ]);
            expect(picker.value).toBe('d6afeaa7-39be-4935-981f-2670215fd887');
            expect(picker.disabled).toBe(false);
            expect(text(element, 'idle')).toBe('c.SoftphoneBridge_No_Call');
            expect($(element, 'wrap-up')).toBeNull();
            expect($(element, 'dial')).toBeNull(); // not on a record page
            expect(text(element, 'history-empty')).toBe('c.SoftphoneBridge_History_Empty');
            await expect(element).toBeAccessible();
        });

        it('sends setPresence (update_presence through the adapter) and waits for the softphone to confirm', async () => {
            const element = await connected();

            await change(element, 'presence-picker', '215fd887-39be-4935-981f-2670d6afeaa7');

            expect(lastCommand()).toEqual(
                expected('setPresence', { softphoneId: '215fd887-39be-4935-981f-2670d6afeaa7' })
            );
            expect($(element, 'presence-picker').value).toBe('215fd887-39be-4935-981f-2670d6afeaa7');
            expect($(element, 'presence-picker').disabled).toBe(true);
            expect(shownText(element)).toContain('c.SoftphoneBridge_Presence_Changing');
            await expect(element).toBeAccessible();

            await send({
                version: 1,
                kind: 'event',
                type: 'presenceChanged',
                payload: { softphoneId: '215fd887-39be-4935-981f-2670d6afeaa7', label: 'Break', changedAt: 1 }
            });
            expect($(element, 'presence-picker').disabled).toBe(false);
            expect(shownText(element)).not.toContain('c.SoftphoneBridge_Presence_Changing');
        });

        it('shows the presence as a badge when the call center offers no statuses to pick', async () => {
            const element = create();
            await flush();
            await send(
                withPayload(SNAPSHOT_IDLE, { config: { ...SNAPSHOT_IDLE.payload.config, presenceOptions: [] } })
            );

            expect($(element, 'presence-picker')).toBeNull();
            expect($(element, 'presence-badge').label).toBe('Available');
            await expect(element).toBeAccessible();
        });

        it('says when the softphone is not signed in yet', async () => {
            const element = await connected();
            await send(withPayload(HEARTBEAT, { softphoneConnected: false }));

            expect(text(element, 'signed-out')).toBe('c.SoftphoneBridge_Signed_Out');
            expect($(element, 'presence-picker').disabled).toBe(true);
            await expect(element).toBeAccessible();
        });
    });

    describe('incoming call', () => {
        it('ringing with one match: direction, formatted number, state and a link to the record', async () => {
            const element = await connected();
            await send(RINGING_SINGLE);

            expect($(element, 'direction').alternativeText).toBe('Inbound call');
            // lightning-formatted-phone formats bare NANP digits for en-US users.
            expect($(element, 'caller-number').value).toBe('5035551212');
            expect($(element, 'call-state').label).toBe('Ringing');
            expect(text(element, 'call-record')).toBe('Joe Customer');
            expect(text(element, 'announcer')).toBe('Inbound call, Ringing: (503) 555-1212');
            expect($(element, 'timer')).toBeNull();
            await expect(element).toBeAccessible();

            await click($(element, 'call-record'));
            expect(getNavigateCalledWith()).toEqual({
                type: 'standard__recordPage',
                attributes: { recordId: LEAD_ID, actionName: 'view' }
            });
        });

        it('ringing with several matches: the agent chooses, which sends choosePopTarget', async () => {
            const element = await connected();
            await send(RINGING_SEVERAL);

            expect(text(element, 'choose-record')).toBe('c.SoftphoneBridge_Choose_Record');
            const choices = [...$$<HTMLElement & { label: string }>(element, '[data-id="choices"] lightning-button')];
            expect(choices).toHaveLength(2);
            await expect(element).toBeAccessible();

            await click(choices[0]!);
            expect(lastCommand()).toEqual(
                expected('choosePopTarget', {
                    conversationId: 'conv-1002',
                    record: { recordId: '0035e00000XyZaBAAV', objectType: 'Contact', name: 'Ann Smith' }
                })
            );

            // The adapter attaches the record: the choice becomes a link.
            await send(
                withPayload(RINGING_SEVERAL, {
                    record: { recordId: '0035e00000XyZaBAAV', objectType: 'Contact', name: 'Ann Smith' }
                })
            );
            expect($(element, 'choices')).toBeNull();
            expect(text(element, 'call-record')).toBe('Ann Smith');
        });

        it('ringing with no match: says no record is linked; a non-NANP number is shown as received', async () => {
            const element = await connected();
            await send(RINGING_NONE);

            expect(text(element, 'no-match')).toBe('c.SoftphoneBridge_No_Match');
            expect($(element, 'caller-number').value).toBe('+442071234567');
            expect($(element, 'call-record')).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('a call without a number says so', async () => {
            const element = await connected();
            const { phoneNumber: _omitted, ...payload } = RINGING_NONE.payload;
            await send({ ...RINGING_NONE, payload });

            expect($(element, 'caller-number')).toBeNull();
            expect(text(element, 'current-call')).toContain('c.SoftphoneBridge_Unknown_Number');
            await expect(element).toBeAccessible();
        });
    });

    describe('connected call', () => {
        it('runs a live timer from connectedAt, updated in place every second', async () => {
            jest.useFakeTimers();
            jest.setSystemTime(1_790_000_012_000); // 7 s after connectedAt
            const element = await connected();
            await send(CONNECTED);

            expect($(element, 'call-state').label).toBe('c.SoftphoneBridge_State_Connected');
            const timer = $(element, 'timer');
            expect(timer.getAttribute('role')).toBe('timer');
            expect(timer.textContent).toBe('0:07');

            jest.advanceTimersByTime(1_000);
            expect(timer.textContent).toBe('0:08');
            jest.advanceTimersByTime(60_000);
            expect(timer.textContent).toBe('1:08');
            // The same node keeps ticking: nothing else had to re-render.
            expect($(element, 'timer')).toBe(timer);

            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });

        it('pauses the timer while the page is hidden and catches up when shown', async () => {
            jest.useFakeTimers();
            jest.setSystemTime(1_790_000_012_000);
            const element = await connected();
            await send(CONNECTED);
            const timer = $(element, 'timer');

            const hidden = jest.spyOn(document, 'hidden', 'get').mockReturnValue(true);
            document.dispatchEvent(new CustomEvent('visibilitychange'));
            jest.advanceTimersByTime(5_000);
            expect(timer.textContent).toBe('0:07');

            hidden.mockReturnValue(false);
            document.dispatchEvent(new CustomEvent('visibilitychange'));
            expect(timer.textContent).toBe('0:12');
            hidden.mockRestore();
        });

        it('on the record page, marks a call about this record', async () => {
            const element = await connected({ recordId: LEAD_ID, objectApiName: 'Lead' });
            await send(CONNECTED);

            expect($(element, 'about-this-record').label).toBe('c.SoftphoneBridge_About_This_Record');
            await expect(element).toBeAccessible();
        });

        it('does not mark a call about another record, nor on an app page', async () => {
            const onOther = await connected({ recordId: OTHER_ID, objectApiName: 'Account' });
            await send(CONNECTED);
            expect($(onOther, 'about-this-record')).toBeNull();

            const onApp = create();
            await flush();
            await send(SNAPSHOT_IDLE);
            expect($(onApp, 'about-this-record')).toBeNull();
        });

        it('compares 15- and 18-character Ids of the same record as equal', async () => {
            const element = await connected({ recordId: LEAD_ID.slice(0, 15), objectApiName: 'Lead' });
            await send(CONNECTED);

            expect($(element, 'about-this-record')).not.toBeNull();
        });
    });

    describe('wrap-up', () => {
        it('after the call ends: the announced dispositions, a notes box, Save; the final duration', async () => {
            const element = await connected();
            await send(ENDED);

            expect($(element, 'call-state').label).toBe('c.SoftphoneBridge_State_Ended');
            expect(text(element, 'duration')).toContain('2:05');
            expect($(element, 'disposition').options).toEqual([
                { label: 'Resolved', value: 'Resolved' },
                { label: 'Call back', value: 'Call back' },
                { label: 'Wrong number', value: 'Wrong number' }
            ]);
            expect($(element, 'notes').maxLength).toBe(32_000);
            expect($(element, 'save').disabled).toBe(true); // nothing entered yet
            await expect(element).toBeAccessible();
        });

        it('save → pending → saved: one saveWrapUp command, statuses from the adapter, draft cleared when saved', async () => {
            const element = await connected();
            await endedCallWithTask();

            await change(element, 'disposition', 'Resolved');
            await change(element, 'notes', 'Customer wants a callback on Monday.');
            expect($(element, 'wrap-up-status').dataset.status).toBe('draft');
            expect(text(element, 'wrap-up-status-text')).toBe('c.SoftphoneBridge_Status_Draft');
            expect($(element, 'save').disabled).toBe(false);

            await click($(element, 'save'));
            expect(lastCommand()).toEqual(
                expected('saveWrapUp', {
                    conversationId: 'conv-1001',
                    disposition: 'Resolved',
                    notes: 'Customer wants a callback on Monday.'
                })
            );
            expect($(element, 'wrap-up-status').dataset.status).toBe('saving');
            expect($(element, 'save').disabled).toBe(true);
            await expect(element).toBeAccessible();

            // The adapter takes the values (same Task: the bridge updates it, no second one)…
            await send(
                withPayload(ENDED, {
                    state: 'wrappedUp',
                    disposition: 'Resolved',
                    notes: 'Customer wants a callback on Monday.'
                })
            );
            // …the earlier "saved" status does not count for the new values.
            expect($(element, 'wrap-up-status').dataset.status).toBe('saving');

            await send(LOG_PENDING);
            expect($(element, 'wrap-up-status').dataset.status).toBe('pending');
            expect(text(element, 'wrap-up-status-text')).toBe('c.SoftphoneBridge_Status_Pending');
            expect(localStorage.getItem(DRAFT_STORE_KEY)).toContain('Monday');
            await expect(element).toBeAccessible();

            await send(LOG_SAVED);
            expect($(element, 'wrap-up-status').dataset.status).toBe('saved');
            expect(text(element, 'wrap-up-status-text')).toBe('c.SoftphoneBridge_Status_Saved');
            expect(localStorage.getItem(DRAFT_STORE_KEY)).toBeNull();
            expect($(element, 'notes').value).toBe('Customer wants a callback on Monday.');
            expect($(element, 'save').disabled).toBe(true);
            await expect(element).toBeAccessible();

            await click($(element, 'task-link'));
            expect(getNavigateCalledWith()).toEqual({
                type: 'standard__recordPage',
                attributes: { recordId: TASK_ID, actionName: 'view' }
            });
            expect(commands().filter((command) => command.type === 'saveWrapUp')).toHaveLength(1);
        });

        it('save → failed: shows the error and a retry that sends retryLogs; the draft stays until saved', async () => {
            const element = await connected();
            await send(ENDED);
            await change(element, 'notes', 'Left a voicemail.');
            await click($(element, 'save'));
            await send(withPayload(ENDED, { state: 'wrappedUp', notes: 'Left a voicemail.' }));
            await send(LOG_FAILED);

            expect($(element, 'wrap-up-status').dataset.status).toBe('failed');
            expect(text(element, 'wrap-up-status-text')).toBe('c.SoftphoneBridge_Status_Failed');
            expect(text(element, 'wrap-up-status-detail')).toContain('UNABLE_TO_LOCK_ROW');
            expect(localStorage.getItem(DRAFT_STORE_KEY)).toContain('voicemail');
            await expect(element).toBeAccessible();

            await click($(element, 'retry-logs'));
            expect(lastCommand()).toEqual(expected('retryLogs', undefined));

            await send(LOG_SAVED);
            expect($(element, 'wrap-up-status').dataset.status).toBe('saved');
            expect($(element, 'retry-logs')).toBeNull();
            expect(localStorage.getItem(DRAFT_STORE_KEY)).toBeNull();
        });

        it('tells the agent when browser storage is full and what to do about a lasting save error', async () => {
            const element = await connected();
            await send(ENDED);
            await send(withPayload(LOG_FAILED, { stored: false, errorKind: 'session', error: 'INVALID_SESSION_ID' }));
            expect($(element, 'storage-full').getAttribute('role')).toBe('alert');
            expect(text(element, 'storage-full')).toBe('c.SoftphoneBridge_Log_Storage_Full');
            expect(text(element, 'log-advice')).toBe('c.SoftphoneBridge_Log_Fix_Session');
            await expect(element).toBeAccessible();

            await send(withPayload(LOG_FAILED, { errorKind: 'validation' }));
            expect($(element, 'storage-full')).toBeNull();
            expect(text(element, 'log-advice')).toBe('c.SoftphoneBridge_Log_Fix_Validation');
            await expect(element).toBeAccessible();

            await send(LOG_SAVED);
            expect($(element, 'storage-full')).toBeNull();
            expect($(element, 'log-advice')).toBeNull();
        });

        it('a saveWrapUp the adapter rejects says why and can be sent again', async () => {
            const element = await connected();
            await send(ENDED);
            await change(element, 'notes', 'Notes');
            await click($(element, 'save'));
            const commandId = lastCommand().id;

            await send({
                version: 1,
                kind: 'event',
                type: 'error',
                payload: {
                    code: 'UNKNOWN_CONVERSATION',
                    message: 'That call is no longer known.',
                    audience: 'agent',
                    commandId
                }
            });

            expect($(element, 'wrap-up-status').dataset.status).toBe('rejected');
            expect($(element, 'error')).toBeNull(); // shown in the wrap-up, not twice
            expect($(element, 'save').disabled).toBe(false);
            await expect(element).toBeAccessible();
        });

        it('keeps the draft across re-renders and in a new component instance (reload, navigation)', async () => {
            const first = await connected();
            await send(ENDED);
            await change(first, 'disposition', 'Call back');
            await change(first, 'notes', 'Half-typed note');

            // Re-render: other events arrive; what was typed stays.
            await send(HEARTBEAT);
            await send(LOG_PENDING);
            expect($(first, 'disposition').value).toBe('Call back');
            expect($(first, 'notes').value).toBe('Half-typed note');

            // Navigation or reload: a new instance restores it from storage once it knows the call.
            document.body.removeChild(first);
            resetMessageService();
            const second = create();
            await flush();
            expect(lastCommand()).toEqual(expected('requestState', undefined));
            await send(withPayload(SNAPSHOT_IDLE, { calls: [ENDED.payload], logs: [LOG_PENDING.payload] }));

            expect($(second, 'disposition').value).toBe('Call back');
            expect($(second, 'notes').value).toBe('Half-typed note');
            expect($(second, 'wrap-up-status').dataset.status).toBe('draft');
            await expect(second).toBeAccessible();
        });

        it('a draft typed in the utility bar shows in the record page instance at once', async () => {
            const utilityBar = await connected();
            const recordPage = create({ recordId: LEAD_ID, objectApiName: 'Lead' });
            await flush();
            await send(ENDED);

            await change(utilityBar, 'notes', 'Typed in the utility bar');

            expect($(recordPage, 'notes').value).toBe('Typed in the utility bar');
        });

        it('a draft another tab wrote shows when this tab is back in view (LWS refuses the storage event)', async () => {
            const addListener = jest.spyOn(window, 'addEventListener');
            const element = await connected();
            await send(ENDED);
            expect(addListener.mock.calls.map(([type]) => type)).not.toContain('storage');
            addListener.mockRestore();

            // Another tab of the same package saved notes for this call while this tab was hidden.
            const draft = { disposition: '', notes: 'Typed in the other tab', updatedAt: Date.now() };
            localStorage.setItem(DRAFT_STORE_KEY, JSON.stringify({ version: 1, drafts: { 'conv-1001': draft } }));
            const hidden = jest.spyOn(document, 'hidden', 'get').mockReturnValue(false);
            document.dispatchEvent(new CustomEvent('visibilitychange'));
            await flush();

            expect($(element, 'notes').value).toBe('Typed in the other tab');
            hidden.mockRestore();
            await expect(element).toBeAccessible();
        });

        it('a submission the adapter never took is sent again when the adapter comes back', async () => {
            const element = await connected();
            await send(ENDED);
            await change(element, 'notes', 'Sent while the adapter was reloading');
            await click($(element, 'save'));
            expect(commands().filter((command) => command.type === 'saveWrapUp')).toHaveLength(1);

            await send(withPayload(SNAPSHOT_IDLE, { calls: [ENDED.payload], logs: [LOG_SAVED.payload] }));

            const saves = commands().filter((command) => command.type === 'saveWrapUp');
            expect(saves).toHaveLength(2);
            expect(saves[1]!.payload).toEqual({
                conversationId: 'conv-1001',
                notes: 'Sent while the adapter was reloading'
            });
            expect($(element, 'wrap-up-status').dataset.status).toBe('saving');
        });

        it('cannot save while not connected, and says the draft is kept', async () => {
            jest.useFakeTimers();
            const element = await connected();
            await send(ENDED);
            await change(element, 'notes', 'Notes');
            jest.advanceTimersByTime(40_000);
            await flush();

            expect($(element, 'not-connected')).not.toBeNull();
            expect($(element, 'save').disabled).toBe(true);
            expect(text(element, 'save-offline')).toBe('c.SoftphoneBridge_Status_Save_Offline');
            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });
    });

    describe('dial from the record page', () => {
        async function onLead(): Promise<BridgeElement> {
            const element = await connected({ recordId: LEAD_ID, objectApiName: 'Lead' });
            getRecordAdapter.emit(LEAD);
            await flush();
            return element;
        }

        function dialButtons(element: HTMLElement): (HTMLElement & { label: string; disabled: boolean })[] {
            return [
                ...$$<HTMLElement & { label: string; disabled: boolean }>(
                    element,
                    '[data-id="dial-targets"] lightning-button'
                )
            ];
        }

        it('in the utility bar (no recordId), serves the record of the page the agent is on', async () => {
            const element = await connected();
            expect(getRecordAdapter.getLastConfig()).toMatchObject({ recordId: undefined });
            pageReferenceAdapter.emit({
                type: 'standard__recordPage',
                attributes: { recordId: LEAD_ID, objectApiName: 'Lead', actionName: 'view' }
            });
            await flush();
            expect(getRecordAdapter.getLastConfig()).toEqual({
                recordId: LEAD_ID,
                fields: ['Lead.Id'],
                optionalFields: ['Lead.Phone', 'Lead.MobilePhone', 'Lead.Name']
            });
            getRecordAdapter.emit(LEAD);
            await flush();
            expect(dialButtons(element).map((button) => button.label)).toEqual([
                'Call phone (503) 555-0000',
                'Call mobile (503) 555-1212'
            ]);
            // A page that is no record page: nothing to dial from.
            pageReferenceAdapter.emit({ type: 'standard__namedPage', attributes: { pageName: 'home' } });
            await flush();
            expect(getRecordAdapter.getLastConfig()).toMatchObject({ recordId: undefined });
            await expect(element).toBeAccessible();
        });

        it("asks getRecord for the object's phone fields and its name, optionally", async () => {
            await onLead();

            expect(getRecordAdapter.getLastConfig()).toEqual({
                recordId: LEAD_ID,
                fields: ['Lead.Id'],
                optionalFields: ['Lead.Phone', 'Lead.MobilePhone', 'Lead.Name']
            });
        });

        it('offers one button per phone number, labelled with the field and the formatted number', async () => {
            const element = await onLead();

            expect(dialButtons(element).map((button) => button.label)).toEqual([
                'Call phone (503) 555-0000',
                'Call mobile (503) 555-1212'
            ]);
            expect(dialButtons(element).every((button) => !button.disabled)).toBe(true);
            expect($(element, 'dial-blocked')).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('sends the dial command with the number and the record as context', async () => {
            const element = await onLead();

            await click(dialButtons(element)[1]!);

            expect(lastCommand()).toEqual(
                expected('dial', {
                    number: '503-555-1212',
                    record: { recordId: LEAD_ID, objectType: 'Lead', name: 'Joe Customer' }
                })
            );
            expect(dialButtons(element).every((button) => button.disabled)).toBe(true); // no double dial
            expect($(element, 'dialing')).not.toBeNull();
            await expect(element).toBeAccessible();

            // The softphone starts the call: the buttons wait for it to end.
            await send(
                withPayload(RINGING_SINGLE, { direction: 'outbound', state: 'dialing', conversationId: 'conv-out' })
            );
            expect($(element, 'dialing')).toBeNull();
            expect(text(element, 'dial-blocked')).toBe('c.SoftphoneBridge_Dial_Blocked_Active_Call');
        });

        it('does not dial while the presence is offline, and says why', async () => {
            const element = await onLead();
            await send(PRESENCE_OFFLINE);

            expect(dialButtons(element).every((button) => button.disabled)).toBe(true);
            expect(text(element, 'dial-blocked')).toBe('Your status is Offline. Change your status to make calls.');
            await click(dialButtons(element)[0]!);
            expect(commands().some((command) => command.type === 'dial')).toBe(false);
            await expect(element).toBeAccessible();
        });

        it('treats the statuses an admin lists as offline (by label or id, any case)', async () => {
            const element = await connected({
                recordId: LEAD_ID,
                objectApiName: 'Lead',
                offlineStatuses: 'break, Lunch'
            });
            getRecordAdapter.emit(LEAD);
            await flush();
            await send(PRESENCE_OFFLINE);
            expect($(element, 'dial-blocked')).toBeNull(); // "Offline" is not in this page's list

            await send({
                ...PRESENCE_OFFLINE,
                payload: { softphoneId: '215fd887-39be-4935-981f-2670d6afeaa7', label: 'Break', changedAt: 2 }
            });
            expect(text(element, 'dial-blocked')).toBe('Your status is Break. Change your status to make calls.');
        });

        it('does not dial without an adapter', async () => {
            jest.useFakeTimers();
            const element = create({ recordId: LEAD_ID, objectApiName: 'Lead' });
            getRecordAdapter.emit(LEAD);
            jest.advanceTimersByTime(5_000);
            await flush();

            expect(dialButtons(element).every((button) => button.disabled)).toBe(true);
            expect(text(element, 'dial-blocked')).toBe('c.SoftphoneBridge_Dial_Blocked_Not_Connected');
            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });

        it('does not dial during a call, or when click-to-dial is not set up', async () => {
            const element = await onLead();
            await send(CONNECTED);
            expect(text(element, 'dial-blocked')).toBe('c.SoftphoneBridge_Dial_Blocked_Active_Call');

            await send(ENDED);
            expect($(element, 'dial-blocked')).toBeNull();

            await send(
                withPayload(SNAPSHOT_IDLE, { config: { ...SNAPSHOT_IDLE.payload.config, clickToDialReady: false } })
            );
            expect(text(element, 'dial-blocked')).toBe('c.SoftphoneBridge_Dial_Blocked_Not_Configured');
            await expect(element).toBeAccessible();
        });

        it('says when the record has no phone number, and when it cannot be read', async () => {
            const element = await connected({ recordId: LEAD_ID, objectApiName: 'Lead' });
            getRecordAdapter.emit({ ...LEAD, fields: { Id: LEAD.fields.Id, Name: LEAD.fields.Name } });
            await flush();
            expect(text(element, 'no-phone')).toBe('c.SoftphoneBridge_No_Phone');
            await expect(element).toBeAccessible();

            getRecordAdapter.error({ message: 'Insufficient access' });
            await flush();
            expect(text(element, 'record-error')).toBe('c.SoftphoneBridge_Record_Error');
        });

        it('uses the fields an admin configured', async () => {
            await connected({
                recordId: LEAD_ID,
                objectApiName: 'Account',
                phoneFields: 'Account.PersonMobilePhone, Fax__c'
            });

            expect(getRecordAdapter.getLastConfig().optionalFields).toEqual([
                'Account.PersonMobilePhone',
                'Account.Fax__c',
                'Account.Name'
            ]);
        });
    });

    describe('session history', () => {
        it("lists this session's calls with links to their Tasks", async () => {
            const element = await connected();
            await send(RINGING_NONE);
            await send(ENDED);
            await send(LOG_SAVED);

            const rows = $$(element, 'c-softphone-call-history-row[role="listitem"]');
            expect(rows).toHaveLength(2);
            expect((rows[0] as HTMLElement).dataset.conversationId).toBe('conv-1003'); // newest first
            const task = $(element, 'history-task');
            expect(task.textContent).toBe('c.SoftphoneBridge_View_Task');
            expect(task.getAttribute('aria-label')).toBe('View Task for the call with (503) 555-1212');
            expect(task.getAttribute('href')).toContain(TASK_ID);
            await expect(element).toBeAccessible();

            await click(task);
            expect(getNavigateCalledWith()).toEqual({
                type: 'standard__recordPage',
                attributes: { recordId: TASK_ID, actionName: 'view' }
            });
        });

        it('after a shift of calls, still lists the newest 50 with links to their Tasks', async () => {
            const element = await connected();
            for (let i = 1; i <= 60; i++) {
                const conversationId = `shift-${i}`;
                const taskId = `00T5e00000Shf${String(i).padStart(3, '0')}AA`;
                // eslint-disable-next-line no-await-in-loop -- the calls of a shift, one after another
                await send({ ...ENDED, payload: { ...ENDED.payload, conversationId, startedAt: i } });
                // eslint-disable-next-line no-await-in-loop -- its Task saved before the next call
                await send({ ...LOG_SAVED, payload: { ...LOG_SAVED.payload, conversationId, taskId } });
            }
            const rows = $$(element, 'c-softphone-call-history-row[role="listitem"]');
            expect(rows).toHaveLength(50);
            expect((rows[0] as HTMLElement).dataset.conversationId).toBe('shift-60');
            const links = $$(element, '[data-id="history-task"]').map((link) => link.getAttribute('href'));
            expect(links).toHaveLength(50);
            expect(links[0]).toContain('00T5e00000Shf060AA');
            expect(links[49]).toContain('00T5e00000Shf011AA');
        });

        it('asks again for a Task URL that never came (a minimized utility may not answer), not before 10 s', async () => {
            const element = await connected();
            setGenerateUrlAnswers(false);
            await send(RINGING_NONE);
            await send(ENDED);
            await send(LOG_SAVED);
            const asked = (): number =>
                getGenerateUrlCalls().filter((ref) => ref.attributes?.recordId === TASK_ID).length;
            expect(asked()).toBe(1);
            // The link works meanwhile (its fallback href), and another event does not ask again yet.
            expect($(element, 'history-task').getAttribute('href')).toContain(TASK_ID);
            await send(LOG_SAVED);
            expect(asked()).toBe(1);

            // Asked again every 10 s, three times in all, then the plain link is left as it is.
            const now = Date.now();
            const clock = jest.spyOn(Date, 'now');
            const askedAfter = async (ms: number): Promise<number> => {
                clock.mockReturnValue(now + ms);
                await send(ENDED);
                return asked();
            };
            expect(await askedAfter(10_001)).toBe(2);
            expect(await askedAfter(20_002)).toBe(3);
            expect(await askedAfter(30_003)).toBe(3);
            clock.mockRestore();
        });

        it('survives navigation (a new instance in the same tab)', async () => {
            const first = await connected();
            await send(ENDED);
            await send(LOG_SAVED);
            document.body.removeChild(first);

            const second = create();
            await flush();
            expect($$(second, 'c-softphone-call-history-row[role="listitem"]')).toHaveLength(1);
            expect($(second, 'history-task')).not.toBeNull();
        });

        it('is stored after the event, once for a burst, and at once when the page goes away', async () => {
            const stored = (): number =>
                (
                    JSON.parse(sessionStorage.getItem('softphoneBridge.sessionHistory.v2') ?? '{"calls":[]}') as {
                        calls: unknown[];
                    }
                ).calls.length;
            const element = await connected();
            const setItem = jest.spyOn(Storage.prototype, 'setItem');
            await send(RINGING_NONE);
            await send(ENDED);
            await new Promise((resolve) => setTimeout(resolve, 0));
            const historyWrites = setItem.mock.calls.filter(([key]) =>
                key.startsWith('softphoneBridge.sessionHistory')
            );
            // One write for the burst: the two calls' entries and the index of their ids.
            expect(historyWrites.map(([key]) => key.split('.').length)).toEqual([4, 4, 3]);
            expect(stored()).toBe(2);

            await send(withPayload(RINGING_NONE, { conversationId: 'conv-next', startedAt: 1_790_000_900_000 }));
            window.dispatchEvent(new CustomEvent('pagehide'));
            expect(stored()).toBe(3);
            setItem.mockRestore();
            expect(element).toBeTruthy();
        });

        it('can be hidden', async () => {
            const element = await connected({ hideHistory: true });
            expect($(element, 'history')).toBeNull();
        });
    });

    describe('composition: a call event gives a child new values only when what it shows changed', () => {
        /** The values the parent handed each child component (LWC re-renders a child only for a new value). */
        function childInputs(element: HTMLElement): Record<string, unknown> {
            const child = (tag: string): Record<string, unknown> =>
                (element.shadowRoot!.querySelector(tag) ?? {}) as unknown as Record<string, unknown>;
            return {
                presenceOptions: child('c-softphone-presence').options,
                presenceValue: child('c-softphone-presence').value,
                call: child('c-softphone-current-call').call,
                dispositions: child('c-softphone-wrap-up').options,
                wrapUpStatus: child('c-softphone-wrap-up').status,
                dialTargets: child('c-softphone-dial-list').targets,
                historyNewest: child('c-softphone-call-history').newest,
                historyEarlier: child('c-softphone-call-history').earlier
            };
        }

        async function afterACall(): Promise<HTMLElement> {
            const element = await connected({ recordId: LEAD_ID, objectApiName: 'Lead' });
            getRecordAdapter.emit(LEAD);
            await flush();
            await endedCallWithTask();
            await change(element, 'notes', 'Typed');
            return element;
        }

        it('a heartbeat changes nothing any child shows', async () => {
            const element = await afterACall();
            const before = childInputs(element);

            await send(HEARTBEAT);

            const after = childInputs(element);
            for (const key of Object.keys(before)) {
                expect({ key, same: after[key] === before[key] }).toEqual({ key, same: true });
            }
        });

        it('a presence change reaches the presence picker only', async () => {
            const element = await afterACall();
            const before = childInputs(element);

            await send({
                version: 1,
                kind: 'event',
                type: 'presenceChanged',
                payload: { softphoneId: '215fd887-39be-4935-981f-2670d6afeaa7', label: 'Break', changedAt: 2 }
            });

            const after = childInputs(element);
            expect(after.presenceValue).toBe('215fd887-39be-4935-981f-2670d6afeaa7');
            const { presenceValue: _changed, ...unchanged } = before;
            for (const key of Object.keys(unchanged)) {
                expect({ key, same: after[key] === before[key] }).toEqual({ key, same: true });
            }
        });

        it('typing notes reaches the wrap-up only; a new call reaches the call and history, not the dial list', async () => {
            const element = await afterACall();
            const typed = childInputs(element);
            await change(element, 'notes', 'Typed more');
            const retyped = childInputs(element);
            for (const key of ['presenceOptions', 'call', 'dialTargets', 'historyNewest', 'historyEarlier']) {
                expect({ key, same: retyped[key] === typed[key] }).toEqual({ key, same: true });
            }
            expect(retyped.wrapUpStatus).toBe(typed.wrapUpStatus); // still a draft: the same status line

            await send(withPayload(RINGING_NONE, { conversationId: 'conv-next', startedAt: 1_790_000_900_000 }));
            const ringing = childInputs(element);
            expect(ringing.call).not.toBe(retyped.call);
            expect(ringing.historyNewest).not.toBe(retyped.historyNewest);
            expect(ringing.historyEarlier).not.toBe(retyped.historyEarlier); // the last call moved down
            expect(ringing.dialTargets).toBe(retyped.dialTargets);
            expect(ringing.presenceOptions).toBe(retyped.presenceOptions);
        });

        it("the newest call's events reach its history row only, not the earlier calls' list", async () => {
            const element = await afterACall();
            await send(withPayload(RINGING_NONE, { conversationId: 'conv-next', startedAt: 1_790_000_900_000 }));
            const ringing = childInputs(element);

            await send(
                withPayload(RINGING_NONE, {
                    conversationId: 'conv-next',
                    startedAt: 1_790_000_900_000,
                    state: 'connected',
                    connectedAt: 1_790_000_905_000
                })
            );

            const connectedCall = childInputs(element);
            expect(connectedCall.historyNewest).not.toBe(ringing.historyNewest);
            expect(connectedCall.historyEarlier).toBe(ringing.historyEarlier);
            expect((connectedCall.historyEarlier as unknown[]).length).toBe(1);
        });
    });

    describe('errors from the adapter', () => {
        it('shows an error answering our command, and dismisses it', async () => {
            const element = await connected({ recordId: LEAD_ID, objectApiName: 'Lead' });
            getRecordAdapter.emit(LEAD);
            await flush();
            await click($$(element, '[data-id="dial-targets"] lightning-button')[0]!);
            const commandId = lastCommand().id;

            await send({
                version: 1,
                kind: 'event',
                type: 'error',
                payload: {
                    code: 'INVALID_PHONE_NUMBER',
                    message: '"+1 503 555 0000" cannot be dialled.',
                    audience: 'agent',
                    commandId
                }
            });

            expect(text(element, 'error-message')).toBe('"+1 503 555 0000" cannot be dialled.');
            expect($(element, 'dialing')).toBeNull(); // the dial is over
            await expect(element).toBeAccessible();

            await click($(element, 'dismiss-error'));
            expect($(element, 'error')).toBeNull();
        });

        it("ignores errors answering other components' commands and developer broadcasts", async () => {
            const element = await connected();
            await send({
                version: 1,
                kind: 'event',
                type: 'error',
                payload: { code: 'X', message: 'not ours', audience: 'agent', commandId: 'someone-else-1' }
            });
            await send({
                version: 1,
                kind: 'event',
                type: 'error',
                payload: { code: 'X', message: 'internal', audience: 'developer' }
            });

            expect($(element, 'error')).toBeNull();
        });
    });
});
