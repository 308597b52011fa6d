/**
 * `lightning/messageService` for the workbench: the app's one bus, shared with the Open CTI frame
 * (sforce.opencti.subscribe/publish reach the same channels).
 *
 * Follows "Communicate Across the DOM with Lightning Message Service"
 * (developer.salesforce.com/docs/platform/lwc/guide/use-message-channel.html and
 * use-message-channel-subscribe.html, use-message-channel-publish.html): MessageContext is a wire
 * adapter; publish(context, channel, message); subscribe(context, channel, listener,
 * { scope: APPLICATION_SCOPE }) returns a subscription for unsubscribe(subscription);
 * createMessageContext / releaseMessageContext for code outside a component; messages are
 * JSON-serializable and delivered asynchronously.
 * A channel is what `@salesforce/messageChannel/Name__c` imports: the workbench build makes that
 * `{ channelName: 'Name__c' }` (the platform's value is opaque), so the adapter's channelName and the
 * LWC's import meet on the same name.
 */
import { bus, log } from 'lex/runtime';
import type { BusSubscription } from '../../../core/messageBus';

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');

interface Context {
    readonly id: number;
    released: boolean;
    subscriptions: Set<BusSubscription>;
}

let nextContext = 1;

function channelName(channel: unknown): string {
    const name = (channel as { channelName?: unknown } | null)?.channelName;
    if (typeof name !== 'string' || name === '') {
        throw new TypeError(
            'Lightning Message Service: the channel is not a message channel. Import it with ' +
                "`import CHANNEL from '@salesforce/messageChannel/Name__c'`."
        );
    }
    return name;
}

function checkContext(context: unknown): Context {
    const ctx = context as Context | undefined;
    if (!ctx || typeof ctx.id !== 'number') {
        throw new TypeError(
            'Lightning Message Service: a MessageContext is required (wire MessageContext or call createMessageContext()).'
        );
    }
    if (ctx.released) throw new Error('Lightning Message Service: this MessageContext has been released.');
    return ctx;
}

/** Creates a context for code that is not a component. */
export function createMessageContext(): Context {
    return { id: nextContext++, released: false, subscriptions: new Set() };
}

/** Ends a context made by createMessageContext and all of its subscriptions. */
export function releaseMessageContext(context: Context): void {
    if (!context) return;
    for (const subscription of context.subscriptions) bus.unsubscribe(subscription);
    context.subscriptions.clear();
    context.released = true;
}

/** Wire adapter: a component's context; its subscriptions end when the component disconnects. */
export class MessageContext {
    private context: Context | undefined;

    constructor(private readonly dataCallback: (value: Context) => void) {}

    connect(): void {
        this.context = createMessageContext();
        this.dataCallback(this.context);
    }

    update(): void {
        // No configuration.
    }

    disconnect(): void {
        if (this.context) releaseMessageContext(this.context);
    }
}

/** Sends a message to every subscriber of the channel (after the current task, as the platform does). */
export function publish(context: unknown, channel: unknown, message?: unknown): void {
    checkContext(context);
    const name = channelName(channel);
    // Serialize now so a bad message fails in the caller, as on the platform.
    const copy = JSON.parse(JSON.stringify(message ?? {})) as unknown;
    log('lms', `LWC published on ${name}`);
    queueMicrotask(() => bus.publish(name, copy, 'lwc'));
}

/** Listens to a channel; returns the subscription that unsubscribe ends. */
export function subscribe(
    context: unknown,
    channel: unknown,
    listener: (message: unknown) => void,
    subscriberOptions?: { scope?: symbol }
): BusSubscription {
    const ctx = checkContext(context);
    const subscription = bus.subscribe(channelName(channel), listener, subscriberOptions?.scope);
    ctx.subscriptions.add(subscription);
    return subscription;
}

/** Ends a subscription (null and ended subscriptions are ignored). */
export function unsubscribe(subscription: BusSubscription | null | undefined): void {
    bus.unsubscribe(subscription);
}
