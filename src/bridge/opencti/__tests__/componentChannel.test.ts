/** @jest-environment node */
import { createEvent, MESSAGE_CHANNEL_NAME } from 'c/softphoneProtocol';
import type { CallView, ChannelEvent, LogView } from 'c/softphoneProtocol';
import type { Bridge } from '../../core/index';
import { createComponentChannel, FOLLOWED_CALLS } from '../componentChannel';
import type { PendingChoice } from '../panelView';

const LEAD = '00Q000000000001AAA';
const CONTACT = '003000000000001AAA';

function event(type: string, payload: unknown): ChannelEvent {
    const made = createEvent(type as 'logStatus', payload as LogView);
    if (!made.ok) throw new Error(made.error.message);
    return made.value;
}

function callView(conversationId: string, fields: Partial<CallView> = {}): CallView {
    return { conversationId, direction: 'inbound', state: 'ringing', startedAt: 1, matches: [], ...fields };
}

function setup(options: { ask?: boolean; intercept?: boolean } = {}) {
    const toBridge: unknown[] = [];
    const intercepted: unknown[] = [];
    const queued: Array<() => void> = [];
    const view = {
        choice: null as PendingChoice | null,
        logs: [] as readonly LogView[],
        notices: [] as string[],
        setChoice(choice: PendingChoice | null) {
            this.choice = choice;
        },
        setLogs(logs: readonly LogView[]) {
            this.logs = logs;
        },
        showNotice(text: string) {
            this.notices.push(text);
        }
    };
    const warnings: string[] = [];
    const later: { task: () => void; delayMs: number }[] = [];
    let id = 0;
    const channel = createComponentChannel({
        view,
        multipleMatches: () => (options.ask === false ? 'first' : 'ask'),
        bridge: () => ({ receiveChannelMessage: (m: unknown) => toBridge.push(m) }) as unknown as Bridge,
        interceptor: () =>
            options.intercept
                ? {
                      receiveChannelMessage: (m: unknown) => {
                          intercepted.push(m);
                          return (m as { mine?: boolean }).mine === true;
                      }
                  }
                : null,
        whenReady: (task) => queued.push(task),
        nextCommandId: () => `panel-${++id}`,
        onWarning: (message) => warnings.push(message),
        later: (task, delayMs) => later.push({ task, delayMs })
    });
    const runQueued = (): void => queued.splice(0).forEach((task) => task());
    return { channel, view, toBridge, intercepted, runQueued, warnings, later };
}

describe('c-softphone-adapter componentChannel', () => {
    it('subscribes to the channel and routes each message once started: the interceptor first, then the bridge', () => {
        const { channel, toBridge, intercepted, runQueued } = setup({ intercept: true });
        let listener: (message: unknown) => void = () => undefined;
        const unsubscribe = jest.fn();
        channel.subscribe({
            subscribe: (args) => {
                expect(args.channelName).toBe(MESSAGE_CHANNEL_NAME);
                listener = args.listener;
                args.callback?.({ success: true, returnValue: { id: 's1' }, errors: null });
            }
        });
        listener({ mine: true });
        listener({ mine: false });
        expect(toBridge).toEqual([]);
        runQueued();
        expect(intercepted).toEqual([{ mine: true }, { mine: false }]);
        expect(toBridge).toEqual([{ mine: false }]);
        channel.unsubscribe({ unsubscribe });
        expect(unsubscribe).toHaveBeenCalledWith({ subscription: { id: 's1' } });
    });

    it('takes the subscription where the guide sample reads it (beside returnValue), and no warning on success', () => {
        const { channel, warnings } = setup();
        const unsubscribe = jest.fn();
        channel.subscribe({
            subscribe: (args) =>
                args.callback?.({ success: true, returnValue: null, errors: null, subscription: { id: 's2' } } as never)
        });
        channel.unsubscribe({ unsubscribe });
        expect(unsubscribe).toHaveBeenCalledWith({ subscription: { id: 's2' } });

        const bare = setup();
        bare.channel.subscribe({
            subscribe: (args) => args.callback?.({ success: true, returnValue: null, errors: null })
        });
        expect([...warnings, ...bare.warnings]).toEqual([]);
    });

    it('subscribes again while the softphone container is still starting, then says so if it never does', () => {
        const { channel, warnings, later } = setup();
        let calls = 0;
        const starting = {
            subscribe: (args: { callback?: (response: never) => void }) => {
                calls += 1;
                args.callback?.({
                    success: false,
                    returnValue: null,
                    errors: [
                        {
                            code: 'SOFTPHONE_CONTAINER_ERROR',
                            description: "the softphone container hasn't initialized yet"
                        }
                    ]
                } as never);
            }
        };
        channel.subscribe(starting);
        for (let i = 0; i < 10 && later.length > 0; i++) later.shift()!.task();
        expect(calls).toBe(6);
        expect(warnings).toEqual([expect.stringContaining('SOFTPHONE_CONTAINER_ERROR')]);
    });

    it('says when subscribing fails', () => {
        const { channel, warnings } = setup();
        channel.subscribe({
            subscribe: (args) => args.callback?.({ success: false, returnValue: null, errors: ['denied'] })
        });
        expect(warnings[0]).toContain(`Subscribing to ${MESSAGE_CHANNEL_NAME} failed`);
    });

    it('sends panel commands through validation, now or once started; an invalid one goes nowhere', () => {
        const { channel, toBridge, runQueued, warnings } = setup();
        expect(channel.send({ type: 'retryLogs', payload: undefined }, 'queued')).toBe(true);
        expect(toBridge).toEqual([]);
        runQueued();
        expect(toBridge).toEqual([expect.objectContaining({ kind: 'command', type: 'retryLogs', id: 'panel-1' })]);
        expect(
            channel.send(
                { type: 'choosePopTarget', payload: { conversationId: 'c1', record: { recordId: LEAD } } },
                'now'
            )
        ).toBe(true);
        expect(toBridge).toHaveLength(2);
        expect(
            channel.send({ type: 'choosePopTarget', payload: { conversationId: '', record: { recordId: 'x' } } }, 'now')
        ).toBe(false);
        expect(toBridge).toHaveLength(2);
        expect(warnings[0]).toContain('Internal choosePopTarget command rejected');
    });

    it('offers the choice for the newest live call with several matches, when the setting asks', () => {
        const matches = [{ recordId: LEAD }, { recordId: CONTACT }];
        const { channel, view } = setup();
        channel.observe(event('callStateChanged', callView('c1', { matches, startedAt: 1 })));
        channel.observe(
            event('callStateChanged', callView('c2', { matches, startedAt: 2, phoneNumber: '+15035551212' }))
        );
        expect(view.choice).toEqual({ conversationId: 'c2', matches, phoneNumber: '+15035551212' });
        channel.observe(
            event('callStateChanged', callView('c2', { matches, startedAt: 2, record: { recordId: LEAD } }))
        );
        expect(view.choice?.conversationId).toBe('c1');
        expect(channel.call('c2')?.record?.recordId).toBe(LEAD);
        const off = setup({ ask: false });
        off.channel.observe(event('callStateChanged', callView('c1', { matches })));
        expect(off.view.choice).toBeNull();
    });

    it('follows at most FOLLOWED_CALLS calls, shows unsaved logs and agent notices', () => {
        const { channel, view, warnings } = setup();
        for (let i = 0; i <= FOLLOWED_CALLS; i++) channel.observe(event('callStateChanged', callView(`c${i}`)));
        expect([...channel.calls()]).toHaveLength(FOLLOWED_CALLS);
        expect(channel.call('c0')).toBeUndefined();
        channel.observe(event('logStatus', { conversationId: 'c1', status: 'pending', attempts: 1 }));
        expect(view.logs.map((l) => l.conversationId)).toEqual(['c1']);
        channel.observe(
            event('logStatus', { conversationId: 'c1', status: 'saved', attempts: 0, taskId: '00T000000000001AAA' })
        );
        expect(view.logs).toEqual([]);
        channel.observe(event('error', { code: 'CRM_ACTION_FAILED', message: 'Pop failed', audience: 'agent' }));
        channel.observe(event('error', { code: 'INVALID_MESSAGE', message: 'For developers', audience: 'developer' }));
        expect(view.notices).toEqual(['Pop failed']);
        expect(warnings).toEqual(['For developers']);
    });
});
