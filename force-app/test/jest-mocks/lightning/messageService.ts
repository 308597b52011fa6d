/**
 * lightning/messageService for Jest: a bus that really delivers.
 *
 * Follows the LMS reference (developer.salesforce.com/docs/platform/lwc/guide/
 * use-message-channel.html): publish(context, channel, message) reaches every
 * subscriber of that channel; subscribe(context, channel, listener, options)
 * returns a subscription that unsubscribe() ends; APPLICATION_SCOPE is passed in
 * subscriberOptions.scope. Messages must be JSON-serializable, so each delivery
 * gets its own deep copy, as across a real window boundary.
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export type Listener = (message: unknown) => void;

export interface Subscription {
    channel: unknown;
    listener: Listener;
    scope: unknown;
    active: boolean;
}

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');
export const MessageContext = createTestWireAdapter(jest.fn());

let subscriptions: Subscription[] = [];
let published: { channel: unknown; message: unknown }[] = [];

export const createMessageContext = jest.fn(() => ({}));
export const releaseMessageContext = jest.fn();

export const publish = jest.fn((_context: unknown, channel: unknown, message?: unknown): void => {
    const json = JSON.stringify(message ?? {}); // throws for non-serializable data, as LMS rejects it
    published.push({ channel, message: JSON.parse(json) });
    for (const subscription of [...subscriptions]) {
        if (subscription.active && subscription.channel === channel) {
            subscription.listener(JSON.parse(json));
        }
    }
});

export const subscribe = jest.fn(
    (_context: unknown, channel: unknown, listener: Listener, options?: { scope?: unknown }): Subscription => {
        const subscription: Subscription = { channel, listener, scope: options?.scope, active: true };
        subscriptions.push(subscription);
        return subscription;
    }
);

export const unsubscribe = jest.fn((subscription: Subscription | null | undefined): void => {
    if (subscription) {
        subscription.active = false;
        subscriptions = subscriptions.filter((s) => s !== subscription);
    }
});

/** Messages published since the last reset, oldest first (deep copies). */
export function getPublishedMessages(channel?: unknown): unknown[] {
    return published.filter((p) => channel === undefined || p.channel === channel).map((p) => p.message);
}

/** Active subscriptions, e.g. to assert that a component subscribed with APPLICATION_SCOPE. */
export function getSubscriptions(): readonly Subscription[] {
    return subscriptions;
}

export function resetMessageService(): void {
    subscriptions = [];
    published = [];
}
