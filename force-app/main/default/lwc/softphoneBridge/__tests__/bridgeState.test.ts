import { validateChannelMessage } from 'c/softphoneProtocol';
import type { CallView, ChannelEvent } from 'c/softphoneProtocol';
import {
    INITIAL_STATE,
    MAX_CALLS,
    MAX_UNSAVED_LOGS,
    applyEvent,
    canWrapUp,
    currentCall,
    dialBlock,
    isOffline,
    parseStatusList,
    sameRecordId,
    silenceLimitMs
} from '../bridgeState';
import type { BridgeState } from '../bridgeState';

import HEARTBEAT from './data/heartbeat.json';
import SNAPSHOT_IDLE from './data/snapshotIdle.json';
import RINGING_SINGLE from './data/callRingingSingleMatch.json';
import RINGING_SEVERAL from './data/callRingingSeveralMatches.json';
import RINGING_NONE from './data/callRingingNoMatch.json';
import CONNECTED from './data/callConnected.json';
import ENDED from './data/callEnded.json';
import LOG_PENDING from './data/logPending.json';
import LOG_SAVED from './data/logSaved.json';
import LOG_FAILED from './data/logFailed.json';
import PRESENCE_OFFLINE from './data/presenceOffline.json';
import INVALID_MESSAGES from './data/invalidMessages.json';

const FIXTURES = {
    HEARTBEAT,
    SNAPSHOT_IDLE,
    RINGING_SINGLE,
    RINGING_SEVERAL,
    RINGING_NONE,
    CONNECTED,
    ENDED,
    LOG_PENDING,
    LOG_SAVED,
    LOG_FAILED,
    PRESENCE_OFFLINE
};

/** A fixture as the validated event the component works with. */
function event(raw: unknown): ChannelEvent {
    const result = validateChannelMessage(raw);
    if (!result.ok || result.value.kind !== 'event') throw new Error(result.ok ? 'not an event' : result.error.message);
    return result.value;
}

function reduce(...raws: unknown[]): BridgeState {
    return raws.reduce<BridgeState>((state, raw, index) => applyEvent(state, event(raw), 1_000 + index), INITIAL_STATE);
}

const OFFLINE = parseStatusList('Offline');

describe('c-softphone-bridge bridgeState', () => {
    it('uses fixtures the protocol accepts (and invalid ones it rejects)', () => {
        for (const [name, raw] of Object.entries(FIXTURES)) {
            expect([name, validateChannelMessage(raw).ok]).toEqual([name, true]);
        }
        for (const raw of INVALID_MESSAGES) expect(validateChannelMessage(raw).ok).toBe(false);
    });

    it('takes adapter facts from heartbeats and snapshots', () => {
        const state = reduce(SNAPSHOT_IDLE, { ...HEARTBEAT, payload: { ...HEARTBEAT.payload, intervalMs: 10_000 } });

        expect(state.adapterId).toBe('adapter-a1');
        expect(state.softphoneConnected).toBe(true);
        expect(state.lastHeardAt).toBe(1_001);
        expect(silenceLimitMs(state)).toBe(25_000);
        expect(state.config?.dispositions).toEqual(['Resolved', 'Call back', 'Wrong number']);
        expect(state.presence?.label).toBe('Available');
    });

    it('keeps calls newest first, one per conversation, and at most MAX_CALLS', () => {
        const state = reduce(RINGING_SINGLE, RINGING_NONE, CONNECTED);
        expect(state.calls.map((call) => [call.conversationId, call.state])).toEqual([
            ['conv-1003', 'ringing'],
            ['conv-1001', 'connected']
        ]);

        let many = INITIAL_STATE;
        for (let i = 0; i < MAX_CALLS + 5; i++) {
            many = applyEvent(
                many,
                event({ ...RINGING_NONE, payload: { ...RINGING_NONE.payload, conversationId: `c${i}`, startedAt: i } }),
                i
            );
        }
        expect(many.calls).toHaveLength(MAX_CALLS);
        expect(many.calls[0]!.conversationId).toBe(`c${MAX_CALLS + 4}`);
    });

    it('keeps a shift of logs bounded: those of the calls held and the newest unsaved ones', () => {
        let state: BridgeState = INITIAL_STATE;
        const shift = 300;
        for (let i = 1; i <= shift; i++) {
            const conversationId = `shift-${i}`;
            const call = { ...ENDED, payload: { ...ENDED.payload, conversationId, startedAt: i } };
            // Every tenth call's log stays failed; the others are saved.
            const log = {
                ...LOG_SAVED,
                payload: { ...LOG_SAVED.payload, conversationId, status: i % 10 === 0 ? 'failed' : 'saved' }
            };
            state = applyEvent(applyEvent(state, event(call), i), event(log), i);
        }
        const held = new Set(state.calls.map((call) => call.conversationId));
        const kept = Object.keys(state.logs);
        expect(kept.length).toBeLessThanOrEqual(MAX_CALLS + MAX_UNSAVED_LOGS);
        // Every held call keeps its log, saved or not.
        for (const id of held) expect(state.logs[id]).toBeDefined();
        // Of the others only unsaved ones remain, all of them here (30 failed < the cap).
        const others = kept.filter((id) => !held.has(id));
        expect(others.every((id) => state.logs[id]?.status === 'failed')).toBe(true);
        expect(others).toHaveLength(shift / 10 - [...held].filter((id) => Number(id.slice(6)) % 10 === 0).length);
    });

    it('merges a snapshot into what it knows (the snapshot carries only the recent calls)', () => {
        const state = reduce(RINGING_NONE, {
            ...SNAPSHOT_IDLE,
            payload: { ...SNAPSHOT_IDLE.payload, calls: [ENDED.payload], logs: [LOG_SAVED.payload] }
        });

        expect(state.calls.map((call) => call.conversationId)).toEqual(['conv-1003', 'conv-1001']);
        expect(state.logs['conv-1001']?.taskId).toBe('00T5e00000TaSk1AAA');
    });

    it('tracks logs per conversation and the newest errors', () => {
        const state = reduce(LOG_PENDING, LOG_FAILED, {
            version: 1,
            kind: 'event',
            type: 'error',
            payload: { code: 'X', message: 'm', audience: 'agent' }
        });
        expect(state.logs['conv-1001']?.status).toBe('failed');
        expect(state.errors).toHaveLength(1);
    });

    it('shows the active call first, else the last call (for wrap-up)', () => {
        expect(currentCall(reduce(CONNECTED, RINGING_NONE))?.conversationId).toBe('conv-1003');
        expect(
            currentCall(
                reduce(
                    RINGING_NONE,
                    { ...RINGING_NONE, payload: { ...RINGING_NONE.payload, state: 'rejected' } },
                    CONNECTED
                )
            )?.conversationId
        ).toBe('conv-1001');
        const ended = currentCall(reduce(ENDED));
        expect(ended?.state).toBe('ended');
        expect(canWrapUp(ended)).toBe(true);
        expect(canWrapUp(currentCall(reduce(CONNECTED)))).toBe(false);
        expect(currentCall(INITIAL_STATE)).toBeUndefined();
    });

    it('reads offline statuses by label or softphone id, any case', () => {
        const presence = PRESENCE_OFFLINE.payload;
        expect(parseStatusList(' Offline ; Lunch,,break ')).toEqual(['offline', 'lunch', 'break']);
        expect(isOffline(presence, OFFLINE)).toBe(true);
        expect(isOffline(presence, parseStatusList('0FF11E00-39be-4935-981f-2670d6afeaa7'))).toBe(true);
        expect(isOffline(presence, parseStatusList('Break'))).toBe(false);
        expect(isOffline(undefined, OFFLINE)).toBe(false);
        expect(isOffline({ softphoneId: 'x', changedAt: 1 }, parseStatusList(''))).toBe(false);
    });

    it('says why dialing is blocked, in the order the agent would fix it', () => {
        const idle = reduce(SNAPSHOT_IDLE);
        expect(dialBlock(idle, true, OFFLINE)).toBeUndefined();
        expect(dialBlock(idle, false, OFFLINE)).toBe('notConnected');
        expect(
            dialBlock(
                reduce(SNAPSHOT_IDLE, { ...HEARTBEAT, payload: { ...HEARTBEAT.payload, softphoneConnected: false } }),
                true,
                OFFLINE
            )
        ).toBe('signedOut');
        const notReady = reduce(SNAPSHOT_IDLE, {
            version: 1,
            kind: 'event',
            type: 'configAnnounced',
            payload: { ...SNAPSHOT_IDLE.payload.config, clickToDialReady: false }
        });
        expect(dialBlock(notReady, true, OFFLINE)).toBe('notConfigured');
        expect(dialBlock(reduce(SNAPSHOT_IDLE, PRESENCE_OFFLINE), true, OFFLINE)).toBe('offline');
        expect(dialBlock(reduce(SNAPSHOT_IDLE, RINGING_SEVERAL), true, OFFLINE)).toBe('activeCall');
        expect(dialBlock(reduce(SNAPSHOT_IDLE, ENDED), true, OFFLINE)).toBeUndefined();
    });

    it('compares record Ids by their case-sensitive 15-character form', () => {
        expect(sameRecordId('00Q5e00000AbCdEEAV', '00Q5e00000AbCdE')).toBe(true);
        expect(sameRecordId('00Q5e00000AbCdEEAV', '00Q5e00000abcdEEAV')).toBe(false);
        expect(sameRecordId(undefined, undefined)).toBe(false);
    });

    it('never mutates the state it is given', () => {
        const before = reduce(SNAPSHOT_IDLE);
        const frozen = JSON.stringify(before);
        applyEvent(before, event(CONNECTED), 5);
        applyEvent(before, event(LOG_SAVED), 6);
        expect(JSON.stringify(before)).toBe(frozen);
        const call: CallView | undefined = before.calls[0];
        expect(call).toBeUndefined();
    });
});
