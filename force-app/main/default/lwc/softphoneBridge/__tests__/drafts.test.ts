import {
    DRAFT_STORE_KEY,
    DRAFT_TTL_MS,
    MAX_DRAFTS,
    MAX_NOTES_LENGTH,
    onDraftsChanged,
    readDrafts,
    removeDraft,
    updateDraft
} from '../drafts';
import {
    HISTORY_STORE_KEY,
    MAX_HISTORY,
    historyEntryKey,
    readHistory,
    recordCall,
    recordLog,
    writeHistory
} from '../history';
import { memoryStorage, readJson, safeStorage } from '../storage';
import type { CallView } from 'c/softphoneProtocol';

import ENDED from './data/callEnded.json';
import RINGING_NONE from './data/callRingingNoMatch.json';
import LOG_SAVED from './data/logSaved.json';

const EMPTY = { disposition: '', notes: '' };

describe('c-softphone-bridge drafts', () => {
    it('stores each change per conversation and reads it back', () => {
        const storage = memoryStorage();
        updateDraft(storage, 'conv-1', { notes: 'Hello' }, EMPTY, 1_000);
        const drafts = updateDraft(storage, 'conv-1', { disposition: 'Resolved' }, EMPTY, 2_000);

        expect(drafts['conv-1']).toEqual({
            conversationId: 'conv-1',
            disposition: 'Resolved',
            notes: 'Hello',
            updatedAt: 2_000
        });
        expect(readDrafts(storage, 3_000)).toEqual(drafts);
    });

    it('changes only the edited field, so two components do not overwrite each other', () => {
        const storage = memoryStorage();
        updateDraft(storage, 'c', { notes: 'from the utility bar' }, EMPTY, 1);
        updateDraft(storage, 'c', { disposition: 'Resolved' }, { disposition: '', notes: 'stale' }, 2);

        expect(readDrafts(storage, 3).c?.notes).toBe('from the utility bar');
    });

    it('starts a draft from the values the call already has', () => {
        const storage = memoryStorage();
        const drafts = updateDraft(storage, 'c', { notes: 'n' }, { disposition: 'From softphone', notes: '' }, 1);
        expect(drafts.c?.disposition).toBe('From softphone');
    });

    it('keeps and clears the submission', () => {
        const storage = memoryStorage();
        const submitted = { disposition: '', notes: 'n', commandId: 'cmd', at: 5 };
        updateDraft(storage, 'c', { notes: 'n', submitted }, EMPTY, 5);
        expect(updateDraft(storage, 'c', { notes: 'n2' }, EMPTY, 6).c?.submitted).toEqual(submitted);
        expect(updateDraft(storage, 'c', { submitted: null }, EMPTY, 7).c?.submitted).toBeUndefined();
    });

    it('keeps a draft with customer notes two hours at most', () => {
        const storage = memoryStorage();
        updateDraft(storage, 'c1', { notes: 'Card ends 4242' }, EMPTY, 0);
        expect(DRAFT_TTL_MS).toBeLessThanOrEqual(2 * 60 * 60 * 1000);
        expect(readDrafts(storage, 3 * 60 * 60 * 1000)).toEqual({});
    });

    it('drops expired drafts and keeps the newest MAX_DRAFTS', () => {
        const storage = memoryStorage();
        updateDraft(storage, 'old', { notes: 'x' }, EMPTY, 0);
        expect(readDrafts(storage, DRAFT_TTL_MS + 1)).toEqual({});

        for (let i = 0; i < MAX_DRAFTS + 3; i++) updateDraft(storage, `c${i}`, { notes: 'x' }, EMPTY, 10 + i);
        const kept = Object.keys(readDrafts(storage, 100));
        expect(kept).toHaveLength(MAX_DRAFTS);
        expect(kept).not.toContain('c0');
    });

    it('removes a draft and the storage key with the last one', () => {
        const storage = memoryStorage();
        updateDraft(storage, 'c', { notes: 'x' }, EMPTY, 1);
        expect(removeDraft(storage, 'c', 2)).toEqual({});
        expect(storage.getItem(DRAFT_STORE_KEY)).toBeNull();
    });

    it('ignores unreadable or foreign storage content', () => {
        const storage = memoryStorage();
        storage.setItem(DRAFT_STORE_KEY, '{not json');
        expect(readDrafts(storage, 1)).toEqual({});
        storage.setItem(DRAFT_STORE_KEY, JSON.stringify({ version: 2, drafts: {} }));
        expect(readDrafts(storage, 1)).toEqual({});
        storage.setItem(
            DRAFT_STORE_KEY,
            JSON.stringify({
                version: 1,
                drafts: {
                    a: { disposition: 1, notes: '', updatedAt: 1 },
                    b: { disposition: '', notes: 'ok', updatedAt: 1, submitted: { bad: true } }
                }
            })
        );
        expect(readDrafts(storage, 1)).toEqual({
            b: { conversationId: 'b', disposition: '', notes: 'ok', updatedAt: 1 }
        });
    });

    it('cuts notes to what the channel carries', () => {
        const storage = memoryStorage();
        const drafts = updateDraft(storage, 'c', { notes: 'x'.repeat(MAX_NOTES_LENGTH + 10) }, EMPTY, 1);
        expect(drafts.c?.notes).toHaveLength(MAX_NOTES_LENGTH);
    });

    it('tells other components on the page about every change', () => {
        const listener = jest.fn();
        const stop = onDraftsChanged(listener);
        const storage = memoryStorage();
        updateDraft(storage, 'c', { notes: 'x' }, EMPTY, 1);
        removeDraft(storage, 'c', 2);
        stop();
        updateDraft(storage, 'c', { notes: 'y' }, EMPTY, 3);
        expect(listener).toHaveBeenCalledTimes(2);
    });
});

describe('c-softphone-bridge storage', () => {
    it('falls back to memory when web storage throws', () => {
        const broken = {
            getItem: () => {
                throw new Error('SecurityError');
            },
            setItem: () => {
                throw new Error('QuotaExceededError');
            },
            removeItem: () => {
                throw new Error('SecurityError');
            }
        } as unknown as Storage;
        const storage = safeStorage(() => broken);
        storage.setItem('k', 'v');
        expect(storage.getItem('k')).toBe('v');
        storage.removeItem('k');
        expect(storage.getItem('k')).toBeNull();

        const missing = safeStorage(() => {
            throw new Error('no window');
        });
        missing.setItem('k', 'v');
        expect(missing.getItem('k')).toBe('v');
    });

    it('uses the real storage while it works', () => {
        const storage = safeStorage(() => window.localStorage);
        storage.setItem('softphoneBridge.test', '1');
        expect(window.localStorage.getItem('softphoneBridge.test')).toBe('1');
        storage.removeItem('softphoneBridge.test');
        expect(readJson(storage, 'softphoneBridge.test')).toBeUndefined();
    });
});

describe('c-softphone-bridge history', () => {
    const ended = ENDED.payload as CallView;
    const ringing = RINGING_NONE.payload as CallView;

    it('records calls newest first, updates them in place and keeps their Task', () => {
        let entries = recordCall([], { ...ended, state: 'connected' });
        entries = recordLog(entries, LOG_SAVED.payload as never);
        entries = recordCall(entries, ended);
        entries = recordCall(entries, ringing);

        expect(entries.map((entry) => [entry.conversationId, entry.state, entry.taskId])).toEqual([
            ['conv-1003', 'ringing', undefined],
            ['conv-1001', 'ended', '00T5e00000TaSk1AAA']
        ]);
    });

    it('gives back the same history when an event changes nothing it holds (nothing to store or show again)', () => {
        const once = recordLog(recordCall([], ended), LOG_SAVED.payload as never);
        expect(recordCall(once, { ...ended })).toBe(once);
        expect(recordLog(once, LOG_SAVED.payload as never)).toBe(once);
        expect(recordLog(once, { ...(LOG_SAVED.payload as object), conversationId: 'elsewhere' } as never)).toBe(once);

        const changed = recordCall(once, { ...ended, durationSeconds: 126 });
        expect(changed).not.toBe(once);
        expect(changed[0]).toMatchObject({ durationSeconds: 126, taskId: '00T5e00000TaSk1AAA' });
    });

    it('round-trips through storage, skipping damaged entries, at most MAX_HISTORY', () => {
        const storage = memoryStorage();
        const many = Array.from({ length: MAX_HISTORY + 5 }, (_, i) => ({
            ...ringing,
            conversationId: `c${i}`,
            startedAt: i
        })).reduce(recordCall, [] as ReturnType<typeof recordCall>);
        writeHistory(storage, many);
        expect(readHistory(storage)).toHaveLength(MAX_HISTORY);

        const good = { ...recordCall([], ended)[0]!, taskId: 'bad id' };
        storage.setItem(
            HISTORY_STORE_KEY,
            JSON.stringify({ version: 2, calls: ['x', 'gone', good.conversationId, 7] })
        );
        storage.setItem(historyEntryKey('x'), JSON.stringify({ conversationId: 'x' }));
        storage.setItem(historyEntryKey(good.conversationId), JSON.stringify(good));
        const read = readHistory(storage);
        expect(read).toHaveLength(1);
        expect(read[0]!.taskId).toBeUndefined();
        expect(read[0]!.record?.recordId).toBe('00Q5e00000AbCdEEAV');
    });

    it('writes only the entries that changed, and the index only when calls came or went', () => {
        const writes: string[] = [];
        const inner = memoryStorage();
        const storage = {
            ...inner,
            setItem: (key: string, value: string) => {
                writes.push(key);
                inner.setItem(key, value);
            }
        };
        let history = Array.from({ length: MAX_HISTORY }, (_, i) => ({
            ...ringing,
            conversationId: `c${i}`,
            startedAt: i
        })).reduce(recordCall, [] as ReturnType<typeof recordCall>);
        writeHistory(storage, history);
        expect(writes).toHaveLength(MAX_HISTORY + 1);

        writes.length = 0;
        const stored = history;
        history = recordLog(history, { ...(LOG_SAVED.payload as object), conversationId: 'c49' } as never);
        writeHistory(storage, history, stored);
        expect(writes).toEqual([historyEntryKey('c49')]);

        writes.length = 0;
        const before = history;
        history = recordCall(history, { ...ringing, conversationId: 'c50', startedAt: 50 });
        writeHistory(storage, history, before);
        expect(writes).toEqual([historyEntryKey('c50'), HISTORY_STORE_KEY]);
        expect(inner.getItem(historyEntryKey('c0'))).toBeNull();
        expect(readHistory(storage).map((entry) => entry.conversationId)).toEqual(
            history.slice(0, MAX_HISTORY).map((entry) => entry.conversationId)
        );
    });

    it('writes again, next time, an entry storage refused (full or blocked)', () => {
        const inner = memoryStorage();
        let refuse = 'c1';
        const storage = {
            ...inner,
            setItem: (key: string, value: string) => (key.endsWith(`.${refuse}`) ? false : inner.setItem(key, value))
        };
        let history = [0, 1]
            .map((i) => ({ ...ringing, conversationId: `c${i}`, startedAt: i }))
            .reduce(recordCall, [] as ReturnType<typeof recordCall>);
        let stored = writeHistory(storage, history);
        expect(readHistory(inner).map((entry) => entry.conversationId)).toEqual(['c0']);

        refuse = '';
        history = recordCall(history, { ...ringing, conversationId: 'c2', startedAt: 2 });
        stored = writeHistory(storage, history, stored);
        expect(readHistory(inner).map((entry) => entry.conversationId)).toEqual(['c2', 'c1', 'c0']);
        expect(stored).toEqual(history);

        // The index refused: the next write stores it (and every entry) again.
        const refusedKey = HISTORY_STORE_KEY;
        const indexRefusing = {
            ...inner,
            setItem: (key: string, value: string) => (key === refusedKey ? false : inner.setItem(key, value))
        };
        history = recordCall(history, { ...ringing, conversationId: 'c3', startedAt: 3 });
        stored = writeHistory(indexRefusing, history, stored);
        expect(stored).toEqual([]);
        stored = writeHistory(storage, history, stored);
        expect(readHistory(inner).map((entry) => entry.conversationId)).toEqual(['c3', 'c2', 'c1', 'c0']);
    });

    it('moves the one-key history of earlier versions to the index once', () => {
        const storage = memoryStorage();
        const entry = recordCall([], ended)[0];
        storage.setItem('softphoneBridge.sessionHistory.v1', JSON.stringify({ version: 1, calls: [entry, { x: 1 }] }));
        expect(readHistory(storage)).toEqual([entry]);
        expect(storage.getItem('softphoneBridge.sessionHistory.v1')).toBeNull();
        expect(readHistory(storage)).toEqual([entry]);

        // A v1 list with nothing readable is removed too, not parsed again on every connect.
        const empty = memoryStorage();
        empty.setItem('softphoneBridge.sessionHistory.v1', JSON.stringify({ version: 1, calls: [{ x: 1 }] }));
        expect(readHistory(empty)).toEqual([]);
        expect(empty.getItem('softphoneBridge.sessionHistory.v1')).toBeNull();
    });
});
