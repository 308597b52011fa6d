/**
 * Drafts reach the package's other tabs without a `storage` event, which Lightning Web Security
 * refuses on window (@locker/distortion docs/distortions.md, "Window 'storage' event").
 */
import { DRAFTS_CHANNEL, onDraftsChanged, updateDraft } from '../drafts';
import { memoryStorage } from '../storage';

/**
 * BroadcastChannel as the HTML standard defines it, for jsdom (which has none): a message reaches
 * every other open channel of the same name, never the sender, and never after close().
 */
class FakeBroadcastChannel extends EventTarget {
    static open = new Set<FakeBroadcastChannel>();
    static posted: unknown[] = [];
    constructor(readonly name: string) {
        super();
        FakeBroadcastChannel.open.add(this);
    }
    postMessage(data: unknown): void {
        FakeBroadcastChannel.posted.push(data);
        for (const other of FakeBroadcastChannel.open) {
            if (other !== this && other.name === this.name) other.dispatchEvent(new MessageEvent('message', { data }));
        }
    }
    close(): void {
        FakeBroadcastChannel.open.delete(this);
    }
}

const EMPTY = { disposition: '', notes: '' };

describe('c-softphone-bridge drafts across tabs', () => {
    const original = (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel;
    beforeEach(() => {
        (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = FakeBroadcastChannel;
        FakeBroadcastChannel.open.clear();
        FakeBroadcastChannel.posted = [];
    });
    afterEach(() => {
        (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = original;
    });

    it('signals other tabs on the package channel, with no customer data in the message', () => {
        const stop = onDraftsChanged(() => undefined);
        // Another tab of the same package: its own channel of the same name.
        const otherTab = new FakeBroadcastChannel(DRAFTS_CHANNEL);
        const heard = jest.fn();
        otherTab.addEventListener('message', heard);

        updateDraft(memoryStorage(), 'conv-1', { notes: 'Card ending 4242' }, EMPTY, 1);

        expect(heard).toHaveBeenCalledTimes(1);
        expect(FakeBroadcastChannel.posted).toEqual(['changed']);
        otherTab.close();
        stop();
    });

    it("calls this page's listeners when another tab signals", () => {
        const listener = jest.fn();
        const stop = onDraftsChanged(listener);
        new FakeBroadcastChannel(DRAFTS_CHANNEL).postMessage('changed');
        expect(listener).toHaveBeenCalledTimes(1);
        stop();
    });

    it('closes the channel when the last listener goes, so nothing outlives the components', () => {
        const stopA = onDraftsChanged(() => undefined);
        const stopB = onDraftsChanged(() => undefined);
        expect(FakeBroadcastChannel.open.size).toBe(1);
        stopA();
        expect(FakeBroadcastChannel.open.size).toBe(1);
        stopB();
        expect(FakeBroadcastChannel.open.size).toBe(0);
    });

    it('still works in one page when the browser has no BroadcastChannel', () => {
        (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel = undefined;
        const listener = jest.fn();
        const stop = onDraftsChanged(listener);
        updateDraft(memoryStorage(), 'conv-1', { notes: 'n' }, EMPTY, 1);
        expect(listener).toHaveBeenCalledTimes(1);
        stop();
    });
});
