/**
 * A framework-free Lightning Message Service bus: the behaviour both the workbench's
 * `lightning/messageService` stand-in and the Jest mock need, without `jest.fn` or `lwc`.
 *
 * Follows the LMS guide (developer.salesforce.com/docs/platform/lwc/guide/use-message-channel.html
 * and .../use-message-channel-subscribe.html):
 *  - publish(channel, message) reaches every active subscriber of that channel;
 *  - messages must be JSON-serializable; each delivery gets its own copy, as across a window
 *    boundary, so a subscriber that mutates its message cannot affect another;
 *  - subscribe returns a subscription that unsubscribe ends (idempotent);
 *  - scope: without APPLICATION_SCOPE a subscriber only hears messages while its page region is
 *    active. The workbench shows one page at a time, so both scopes deliver; the scope is kept so
 *    tests can assert a component asked for APPLICATION_SCOPE.
 * Delivery is synchronous here; the platform delivers asynchronously, so callers that want
 * platform timing wrap `deliver` (the workbench stand-in queues a microtask).
 */

export type BusListener = (message: unknown) => void;

export interface BusSubscription {
    readonly id: number;
    readonly channel: string;
    readonly listener: BusListener;
    readonly scope: unknown;
    active: boolean;
}

export interface PublishedMessage {
    readonly channel: string;
    readonly message: unknown;
    readonly origin: string;
}

/** Thrown when a message cannot cross a window boundary (functions, symbols, cycles, DOM nodes). */
export class MessageNotSerializableError extends Error {
    constructor(channel: string, cause: unknown) {
        super(
            `Lightning Message Service: the message published on ${channel} is not JSON-serializable ` +
                `(${cause instanceof Error ? cause.message : String(cause)}). Publish plain data only.`
        );
        this.name = 'MessageNotSerializableError';
    }
}

/** Serializes a message as LMS requires; undefined becomes {} (the platform sends an empty payload). */
export function serializeMessage(channel: string, message: unknown): string {
    try {
        const json = JSON.stringify(message ?? {});
        if (json === undefined) throw new Error('value has no JSON form');
        return json;
    } catch (error) {
        throw new MessageNotSerializableError(channel, error);
    }
}

/**
 * How many published messages `published()` keeps for tests to read. The platform keeps none; a
 * bound keeps the workbench page's memory flat over a long shift.
 */
export const HISTORY_LIMIT = 200;

export class MessageBus {
    private subscriptions: BusSubscription[] = [];
    private history: PublishedMessage[] = [];
    private nextId = 1;

    /**
     * Delivers a message to every active subscriber of the channel. `origin` labels who published
     * (e.g. 'lwc' or 'opencti') for the workbench log; it does not change delivery.
     */
    publish(channel: string, message: unknown, origin = 'lwc'): void {
        const json = serializeMessage(channel, message);
        this.history.push({ channel, message: JSON.parse(json) as unknown, origin });
        if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
        for (const subscription of [...this.subscriptions]) {
            if (subscription.active && subscription.channel === channel) {
                subscription.listener(JSON.parse(json) as unknown);
            }
        }
    }

    /** Adds a listener for one channel; the returned subscription ends it. */
    subscribe(channel: string, listener: BusListener, scope?: unknown): BusSubscription {
        if (typeof listener !== 'function') {
            throw new TypeError(`Lightning Message Service: subscribe to ${channel} needs a listener function.`);
        }
        const subscription: BusSubscription = { id: this.nextId++, channel, listener, scope, active: true };
        this.subscriptions.push(subscription);
        return subscription;
    }

    /** Ends a subscription; unknown, null or already-ended subscriptions are ignored, as on the platform. */
    unsubscribe(subscription: BusSubscription | null | undefined): void {
        if (!subscription) return;
        subscription.active = false;
        this.subscriptions = this.subscriptions.filter((s) => s !== subscription);
    }

    /** Messages published since the last reset (the newest HISTORY_LIMIT), oldest first (copies). */
    published(channel?: string): PublishedMessage[] {
        return this.history.filter((p) => channel === undefined || p.channel === channel);
    }

    /** Active subscriptions, e.g. to check a component subscribed with APPLICATION_SCOPE. */
    active(): readonly BusSubscription[] {
        return this.subscriptions;
    }

    reset(): void {
        this.subscriptions = [];
        this.history = [];
    }
}
