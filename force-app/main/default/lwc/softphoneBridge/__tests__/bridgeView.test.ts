import { validateChannelMessage } from 'c/softphoneProtocol';
import type { CallView } from 'c/softphoneProtocol';
import { INITIAL_STATE, applyEvent } from '../bridgeState';
import type { BridgeState } from '../bridgeState';
import { createBridgeView } from '../bridgeView';
import type { BridgeInputs } from '../bridgeView';
import { EMPTY_VENDOR_STATE } from '../vendorSession';
import type { WrapUpFacts } from '../wrapUp';
import SNAPSHOT_IDLE from './data/snapshotIdle.json';
import CONNECTED from './data/callConnected.json';
import ENDED from './data/callEnded.json';

function reduce(...messages: unknown[]): BridgeState {
    return reduceFrom(INITIAL_STATE, ...messages);
}

function reduceFrom(start: BridgeState, ...messages: unknown[]): BridgeState {
    return messages.reduce<BridgeState>((state, message) => {
        const result = validateChannelMessage(message);
        if (!result.ok || result.value.kind !== 'event') throw new Error('fixture is not a valid event');
        return applyEvent(state, result.value, 1_790_000_000_000);
    }, start);
}

function inputs(patch: Partial<BridgeInputs> = {}): BridgeInputs {
    return {
        state: reduce(SNAPSHOT_IDLE),
        vendor: EMPTY_VENDOR_STATE,
        connection: 'connected',
        drafts: {},
        history: [],
        recordUrls: {},
        pendingPresenceId: undefined,
        dialRequest: undefined,
        dismissedError: undefined,
        localError: undefined,
        versionMismatch: false,
        record: undefined,
        recordError: undefined,
        recordId: undefined,
        objectApiName: undefined,
        offlineStatuses: 'Offline',
        phoneFields: '',
        hideHistory: false,
        locale: 'en-US',
        ownCommandIds: new Set(),
        factsFor: (call: CallView): WrapUpFacts => ({ call, logFresh: false }),
        lookup: () => undefined,
        ...patch
    };
}

describe('bridgeView', () => {
    it('an idle, connected softphone: presence, no call, nothing to wrap up, history shown', () => {
        const view = createBridgeView()(inputs());

        expect(view).toMatchObject({
            isConnecting: false,
            isNotConnected: false,
            notices: [],
            hasError: false,
            showPresence: true,
            presenceLabel: 'Available',
            presenceDisabled: false,
            showCallSection: true,
            showWrapUp: false,
            saveDisabled: true,
            dialDisabled: false,
            showHistorySection: true,
            historyEarlier: []
        });
        expect(view.call).toBeUndefined();
    });

    it('gives each child the same object while what it shows is unchanged', () => {
        const viewOf = createBridgeView();
        const state = reduce(SNAPSHOT_IDLE, CONNECTED);
        const first = viewOf(inputs({ state }));
        const again = viewOf(inputs({ state, dialRequest: undefined, versionMismatch: true }));

        expect(again.callCard).toBe(first.callCard);
        expect(again.presenceOptions).toBe(first.presenceOptions);
        expect(again.wrapUpStatus).toBe(first.wrapUpStatus);
        expect(again.notices).toEqual([
            { id: 'version-mismatch', variant: 'warning', message: 'c.SoftphoneBridge_Version_Mismatch' }
        ]);

        const ended = viewOf(inputs({ state: reduceFrom(state, ENDED) }));
        expect(ended.callCard).not.toBe(first.callCard);
        expect(ended.showWrapUp).toBe(true);
        expect(ended.presenceOptions).toBe(first.presenceOptions);
    });

    it('lists the notices most urgent first, the same array while they are the same', () => {
        const viewOf = createBridgeView();
        const signedOut = { ...reduce(SNAPSHOT_IDLE), softphoneConnected: false };
        const first = viewOf(inputs({ state: signedOut, versionMismatch: true }));

        expect(first.notices.map((notice) => [notice.id, notice.variant])).toEqual([
            ['version-mismatch', 'warning'],
            ['signed-out', 'info']
        ]);
        expect(viewOf(inputs({ state: { ...signedOut }, versionMismatch: true })).notices).toBe(first.notices);
        expect(viewOf(inputs({ connection: 'notConnected', state: signedOut })).notices).toEqual([]);
    });

    it('says why the agent cannot dial, in the order to fix it', () => {
        const viewOf = createBridgeView();

        expect(viewOf(inputs({ connection: 'notConnected' })).dialBlockedText).toBe(
            'c.SoftphoneBridge_Dial_Blocked_Not_Connected'
        );
        expect(viewOf(inputs({ state: reduce(SNAPSHOT_IDLE, CONNECTED) })).dialBlockedText).toBe(
            'c.SoftphoneBridge_Dial_Blocked_Active_Call'
        );
        expect(viewOf(inputs({ dialRequest: { commandId: 'c1', number: '+15035551212' } }))).toMatchObject({
            dialDisabled: true,
            dialingText: expect.stringContaining('c.SoftphoneBridge_Dialing')
        });
    });
});
