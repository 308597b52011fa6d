/**
 * The component channel: the `SoftphoneBridge__c` Lightning message channel between the adapter and
 * the softphoneBridge component, as the adapter page sees it. It subscribes (at boot, before
 * anything else can be missed), routes each message (the Ameyo toolbar first when it runs, then the
 * bridge, which validates commands), sends the panel's own commands through the same validation as
 * the component's, and follows the events published so the panel shows calls, logs and notices.
 */
import { createCommand, MESSAGE_CHANNEL_NAME } from 'c/softphoneProtocol';
import type { CallView, ChannelEvent, LogView, RecordRef } from 'c/softphoneProtocol';
import type { Bridge } from '../core/index';
import { CONTAINER_RETRY_DELAYS_MS, describeErrors, isContainerStarting } from './openCtiCrm';
import type { LmsSubscription, OpenCti } from './openCtiApi';
import type { PanelView, PendingChoice } from './panelView';

/** Calls followed for the panel (the newest; older ones are forgotten first). */
export const FOLLOWED_CALLS = 50;

/** The panel's own commands. */
export type PanelCommand =
    | { type: 'retryLogs'; payload: undefined }
    | { type: 'choosePopTarget'; payload: { conversationId: string; record: RecordRef } };

export interface ComponentChannelOptions {
    view: Pick<PanelView, 'setChoice' | 'setLogs' | 'showNotice'>;
    /** The call center's multipleMatches setting: 'ask' shows the choice in the panel. */
    multipleMatches(): string | undefined;
    bridge(): Bridge | null;
    /** A handler that takes channel messages before the bridge (the Ameyo toolbar); true: taken. */
    interceptor(): { receiveChannelMessage(raw: unknown): boolean } | null;
    /** Runs a task once the adapter has started, in arrival order (the start-up queue). */
    whenReady(task: () => void): void;
    nextCommandId(): string;
    onWarning(message: string): void;
    /** Runs a task later (subscribing again while the softphone container is still starting). */
    later(task: () => void, delayMs: number): void;
}

export interface ComponentChannel {
    /** Subscribes to the message channel (call it first, synchronously at boot). */
    subscribe(opencti: Pick<OpenCti, 'subscribe'>): void;
    /** Follows an event the adapter published. */
    observe(event: ChannelEvent): void;
    /** Sends a panel command to the bridge: now, or (`queued`) once the adapter has started. False when invalid. */
    send(command: PanelCommand, when: 'now' | 'queued'): boolean;
    /** The call as last published. */
    call(conversationId: string): CallView | undefined;
    calls(): Iterable<CallView>;
    unsubscribe(opencti: Pick<OpenCti, 'unsubscribe'>): void;
}

function isLive(call: CallView): boolean {
    return call.state === 'ringing' || call.state === 'connected' || call.state === 'dialing';
}

export function createComponentChannel(options: ComponentChannelOptions): ComponentChannel {
    const calls = new Map<string, CallView>();
    const logViews = new Map<string, LogView>();
    let subscription: LmsSubscription | undefined;

    function refreshChoice(): void {
        if (options.multipleMatches() !== 'ask') {
            options.view.setChoice(null);
            return;
        }
        let choice: PendingChoice | null = null;
        for (const call of calls.values()) {
            if ((isLive(call) || call.state === 'ended') && !call.record && call.matches.length > 1) {
                if (!choice || call.startedAt > (calls.get(choice.conversationId)?.startedAt ?? 0)) {
                    choice = { conversationId: call.conversationId, matches: call.matches };
                    if (call.phoneNumber) choice.phoneNumber = call.phoneNumber;
                }
            }
        }
        options.view.setChoice(choice);
    }

    function handleMessage(message: unknown): void {
        options.whenReady(() => {
            if (options.interceptor()?.receiveChannelMessage(message)) return;
            options.bridge()?.receiveChannelMessage(message);
        });
    }

    function subscribeTo(opencti: Pick<OpenCti, 'subscribe'>, attempt: number): void {
        opencti.subscribe({
            channelName: MESSAGE_CHANNEL_NAME,
            listener: handleMessage,
            callback: (response) => {
                // The guide's sample keeps "the subscription object" from the callback: read it
                // where it is given (returnValue, or subscription beside it); success is success either way.
                if (response.success) {
                    const given = response.returnValue ?? (response as { subscription?: unknown }).subscription;
                    if (given) subscription = given as LmsSubscription;
                    return;
                }
                const delay = CONTAINER_RETRY_DELAYS_MS[attempt];
                if (delay !== undefined && isContainerStarting(response.errors)) {
                    options.later(() => subscribeTo(opencti, attempt + 1), delay);
                    return;
                }
                options.onWarning(`Subscribing to ${MESSAGE_CHANNEL_NAME} failed: ${describeErrors(response.errors)}`);
            }
        });
    }

    return {
        subscribe(opencti) {
            subscribeTo(opencti, 0);
        },
        observe(event) {
            switch (event.type) {
                case 'callStateChanged':
                    calls.set(event.payload.conversationId, event.payload);
                    if (calls.size > FOLLOWED_CALLS) calls.delete(calls.keys().next().value as string);
                    refreshChoice();
                    return;
                case 'logStatus':
                    logViews.set(event.payload.conversationId, event.payload);
                    if (event.payload.status === 'saved') logViews.delete(event.payload.conversationId);
                    options.view.setLogs([...logViews.values()]);
                    return;
                case 'error':
                    if (event.payload.audience !== 'developer') options.view.showNotice(event.payload.message);
                    else options.onWarning(event.payload.message);
                    return;
                default:
                    return;
            }
        },
        send(panelCommand, when) {
            const command = createCommand(
                panelCommand.type as 'retryLogs',
                panelCommand.payload as undefined,
                options.nextCommandId()
            );
            if (!command.ok) {
                options.onWarning(`Internal ${panelCommand.type} command rejected: ${command.error.message}`);
                return false;
            }
            const deliver = (): void => options.bridge()?.receiveChannelMessage(command.value);
            if (when === 'now') deliver();
            else options.whenReady(deliver);
            return true;
        },
        call(conversationId) {
            return calls.get(conversationId);
        },
        calls() {
            return calls.values();
        },
        unsubscribe(opencti) {
            if (subscription) opencti.unsubscribe({ subscription });
            subscription = undefined;
        }
    };
}
