/** @jest-environment node */
import { createEnvelope } from '../../core/index';
import type { Bridge, Envelope } from '../../core/index';
import { createSoftphoneChannel } from '../softphoneChannel';
import type { RelayHooks } from '../softphoneChannel';

const ORIGIN = 'https://softphone.vendor.test';

/** A window that delivers `message` events to its listeners, as the adapter page's does. */
function fakeWindow() {
    const target = new EventTarget();
    return {
        addEventListener: target.addEventListener.bind(target),
        removeEventListener: target.removeEventListener.bind(target),
        deliver(data: unknown, origin: string, source: unknown): void {
            target.dispatchEvent(Object.assign(new Event('message'), { data, origin, source }));
        }
    };
}

function fakeFrame() {
    const posts: { data: unknown; origin: string }[] = [];
    const contentWindow = { postMessage: (data: unknown, origin: string) => posts.push({ data, origin }) };
    return { frame: { contentWindow } as unknown as HTMLIFrameElement, contentWindow, posts };
}

const hello = createEnvelope('hello', 'load', 'v-1', undefined);
const accepted = createEnvelope('call', 'callAccepted', 'v-2', { partnerId: 'p', conversationId: 'conv-1' });

describe('c-softphone-adapter softphoneChannel', () => {
    it('hands on only bridge messages from the frame window AND the softphone origin', () => {
        const win = fakeWindow();
        const received: unknown[] = [];
        const channel = createSoftphoneChannel({ window: win, onMessage: (data) => received.push(data) });
        channel.listen();
        const { frame, contentWindow } = fakeFrame();
        win.deliver(hello, ORIGIN, contentWindow); // no frame yet
        expect(channel.attached).toBe(false);
        channel.attach(frame, ORIGIN);
        expect(channel.attached).toBe(true);
        win.deliver(hello, 'https://evil.test', contentWindow); // right window, wrong origin
        win.deliver(hello, ORIGIN, {}); // right origin, another frame
        win.deliver({ hello: 'not ours' }, ORIGIN, contentWindow); // not the bridge protocol
        expect(received).toEqual([]);
        win.deliver(hello, ORIGIN, contentWindow);
        expect(received).toEqual([hello]);
        channel.dispose();
        win.deliver(hello, ORIGIN, contentWindow);
        expect(received).toHaveLength(1);
    });

    it('posts to the softphone origin only, and refuses before a frame is attached', () => {
        const channel = createSoftphoneChannel({ window: fakeWindow(), onMessage: () => undefined });
        const envelope = createEnvelope('event', 'get_presence', 'a-1', undefined);
        expect(() => channel.post(envelope)).toThrow('not loaded');
        const { frame, posts } = fakeFrame();
        channel.attach(frame, ORIGIN);
        channel.post(envelope);
        expect(posts).toEqual([{ data: envelope, origin: ORIGIN }]);
    });

    it('relays: validates once, hooks around a call, answers the softphone, never answers an error', () => {
        const { frame, posts } = fakeFrame();
        const channel = createSoftphoneChannel({ window: fakeWindow(), onMessage: () => undefined });
        channel.attach(frame, ORIGIN);
        const order: string[] = [];
        const ack = createEnvelope('ack', 'callAccepted', 'a-2', undefined, 'v-2');
        const bridge = {
            answerSoftphone: jest.fn((message: { ok: boolean }) => {
                order.push(`bridge:${message.ok}`);
                return message.ok ? ack : null;
            })
        } as unknown as Bridge;
        const hooks: RelayHooks = {
            beforeCall: (call, id) => order.push(`before:${call.type}:${id}`),
            afterCall: (call, id) => order.push(`after:${call.type}:${id}`),
            afterHello: () => order.push('hello'),
            onWarning: (message) => order.push(`warn:${message}`)
        };
        channel.relay(bridge, accepted, hooks);
        expect(order).toEqual(['before:callAccepted:conv-1', 'bridge:true', 'after:callAccepted:conv-1']);
        expect(posts.map((p) => (p.data as Envelope).type)).toEqual(['callAccepted']);

        order.length = 0;
        channel.relay(bridge, { ...accepted, payload: { partnerId: 'p' } }, hooks);
        expect(order).toEqual(['bridge:false']);
        expect(posts).toHaveLength(1);
    });

    it('says so when the answer cannot be posted (no frame), and still runs the hooks', () => {
        const channel = createSoftphoneChannel({ window: fakeWindow(), onMessage: () => undefined });
        const warnings: string[] = [];
        let hellos = 0;
        const bridge = {
            answerSoftphone: () => createEnvelope('ack', 'load', 'a-1', undefined, 'v-1')
        } as unknown as Bridge;
        channel.relay(bridge, hello, { afterHello: () => (hellos += 1), onWarning: (m) => warnings.push(m) });
        expect(warnings).toEqual(['Could not answer the softphone: the softphone frame is not loaded.']);
        expect(hellos).toBe(1);
    });
});
