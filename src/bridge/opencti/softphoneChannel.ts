/**
 * The softphone channel: the vendor softphone's iframe and the window messages between it and
 * the adapter page.
 *
 * Trust: a window message is handled only when `event.source` is the softphone iframe's window AND
 * `event.origin` is the configured softphone origin; everything else is ignored, as is anything
 * that does not claim the bridge protocol. Messages go out to that one origin, never '*'.
 * `relay` validates a message once (`readFromSoftphone`, bounded before any work), lets the bridge
 * act on that result and posts its answer back; a malformed message is answered with an error
 * envelope and changes nothing, and an error is never answered.
 */
import { isBridgeMessage, readFromSoftphone } from '../core/index';
import type { Bridge, Envelope, SoftphoneCall } from '../core/index';

export interface SoftphoneChannelOptions {
    /** The adapter page's window, where the softphone's messages arrive. */
    window: Pick<Window, 'addEventListener' | 'removeEventListener'>;
    /** A trusted bridge message from the softphone (not yet validated). */
    onMessage(data: unknown): void;
}

/** What the rest of the adapter does around a softphone message the bridge handles. */
export interface RelayHooks {
    /** Before the bridge sees a valid call message (e.g. linking the record the agent is on as it ends). */
    beforeCall?(call: SoftphoneCall, conversationId: string): void;
    /** After the bridge handled a valid call message. */
    afterCall?(call: SoftphoneCall, conversationId: string): void;
    /** The softphone (re)loaded the wrapper and said hello. */
    afterHello?(): void;
    onWarning(message: string): void;
}

export interface SoftphoneChannel {
    /** Starts listening to window messages (call it first, synchronously at boot). */
    listen(): void;
    /** The softphone's frame and the one origin its messages may come from and go to. */
    attach(frame: HTMLIFrameElement, origin: string): void;
    /** True once a frame is attached (a click-to-dial may then wait for it to load). */
    readonly attached: boolean;
    /** Posts to the softphone frame, at its origin only; throws when no frame is loaded. */
    post(envelope: Envelope): void;
    /** Validates a message once, has the bridge act on it and answers the softphone. */
    relay(bridge: Bridge, data: unknown, hooks: RelayHooks): void;
    /** Stops listening. */
    dispose(): void;
}

function conversationOf(call: SoftphoneCall): string | undefined {
    return 'conversationId' in call.payload ? call.payload.conversationId : undefined;
}

export function createSoftphoneChannel(options: SoftphoneChannelOptions): SoftphoneChannel {
    let frame: HTMLIFrameElement | null = null;
    let origin: string | null = null;

    function handleWindowMessage(event: MessageEvent): void {
        const frameWindow = frame?.contentWindow;
        // Both checks, always: the frame's window (not another frame of the same vendor) and its origin.
        if (!frameWindow || event.source !== frameWindow || !origin || event.origin !== origin) return;
        const data: unknown = event.data;
        if (!isBridgeMessage(data)) return;
        options.onMessage(data);
    }

    function post(envelope: Envelope): void {
        const target = frame?.contentWindow;
        if (!target || !origin) throw new Error('the softphone frame is not loaded.');
        // Never '*': only the configured softphone origin may read call data.
        target.postMessage(envelope, origin);
    }

    return {
        listen() {
            options.window.addEventListener('message', handleWindowMessage);
        },
        attach(next, nextOrigin) {
            frame = next;
            origin = nextOrigin;
        },
        get attached() {
            return frame !== null;
        },
        post,
        relay(bridge, data, hooks) {
            // Validated once, here: the bridge acts on this result rather than validating `data` again.
            const peek = readFromSoftphone(data);
            const call = peek.ok && peek.value.kind === 'call' ? peek.value.call : undefined;
            const conversationId = call ? conversationOf(call) : undefined;
            if (call && conversationId) hooks.beforeCall?.(call, conversationId);
            const reply = bridge.answerSoftphone(peek, data);
            if (reply) {
                try {
                    post(reply);
                } catch (error) {
                    hooks.onWarning(
                        `Could not answer the softphone: ${error instanceof Error ? error.message : String(error)}`
                    );
                }
            }
            if (call && conversationId) hooks.afterCall?.(call, conversationId);
            if (peek.ok && peek.value.kind === 'hello') hooks.afterHello?.();
        },
        dispose() {
            options.window.removeEventListener('message', handleWindowMessage);
        }
    };
}
