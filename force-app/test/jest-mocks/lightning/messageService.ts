/**
 * lightning/messageService for Jest: `jest.fn` wrappers around the one framework-free bus the
 * workbench also uses (workbench/platform/core/messageBus.ts, which cites the LMS guide). publish
 * really reaches subscribers of that channel, each with its own JSON copy; subscribe returns a
 * subscription that unsubscribe ends. Delivery is synchronous here, so tests need no extra ticks.
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';
import { MessageBus } from '../../../../workbench/platform/core/messageBus';
import type { BusSubscription } from '../../../../workbench/platform/core/messageBus';

const bus = new MessageBus();

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');
export const MessageContext = createTestWireAdapter(jest.fn());
export const createMessageContext = jest.fn(() => ({}));
export const releaseMessageContext = jest.fn();

/** Channels are whatever `@salesforce/messageChannel/X__c` resolves to in Jest (the name string). */
const channelName = (channel: unknown): string => String(channel);

export const publish = jest.fn((_context: unknown, channel: unknown, message?: unknown): void =>
    bus.publish(channelName(channel), message)
);

export const subscribe = jest.fn(
    (_context: unknown, channel: unknown, listener: (message: unknown) => void, options?: { scope?: unknown }) =>
        bus.subscribe(channelName(channel), listener, options?.scope)
);

export const unsubscribe = jest.fn((subscription: BusSubscription | null | undefined): void =>
    bus.unsubscribe(subscription)
);

/** Messages published since the last reset, oldest first (copies). */
export function getPublishedMessages(channel?: unknown): unknown[] {
    return bus.published(channel === undefined ? undefined : channelName(channel)).map((p) => p.message);
}

/** Active subscriptions, e.g. to assert that a component subscribed with APPLICATION_SCOPE. */
export function getSubscriptions(): readonly BusSubscription[] {
    return bus.active();
}

/** Sends a message to the component under test as another window (the adapter page) would. */
export function deliver(channel: unknown, message: unknown): void {
    bus.publish(channelName(channel), message, 'test');
}

export function resetMessageService(): void {
    bus.reset();
}
