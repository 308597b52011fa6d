import type { CallLog } from '../callLog';
import {
    CREATE_SETTLE_MS,
    LEGACY_LOG_STORE_KEY,
    LOG_STORE_KEY,
    changedFields,
    fieldHash,
    hashesOf,
    unsavedUpdates
} from '../logQueue';
import type { KeyValueStore, LogWriter } from '../logQueue';
import { MemoryStore } from './memoryStore';
import { T0, useLogQueues } from './logQueueHarness';

const TASK_ID = '00T000000000001AAA';

const LOG: CallLog = {
    Subject: 'Inbound call from +18005550100',
    Status: 'Completed',
    TaskSubtype: 'Call',
    CallType: 'Inbound',
    CallObject: 'conv-1',
    ActivityDate: '2026-11-21',
    CallDurationInSeconds: 42
};

/** A promise the test settles by hand, to hold a save in flight. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
    });
    return { promise, resolve, reject };
}

function fakeWriter(): jest.Mocked<Required<LogWriter>> {
    return {
        saveLog: jest.fn((_log: CallLog): Promise<string> => Promise.resolve(TASK_ID)),
        updateLog: jest.fn((_taskId: string, _patch: Partial<CallLog>): Promise<void> => Promise.resolve()),
        findLog: jest.fn((_callObject: string): Promise<string | null> => Promise.resolve(null))
    };
}

describe('log queue', () => {
    const harness = useLogQueues();
    const { statuses, warnings, makeQueue } = harness;

    it('creates one Task and reports pending then saved', async () => {
        const writer = fakeWriter();
        const queue = makeQueue(writer);
        queue.upsert('conv-1', LOG);
        await queue.whenIdle();
        expect(writer.saveLog).toHaveBeenCalledTimes(1);
        expect(writer.saveLog).toHaveBeenCalledWith(LOG);
        expect(statuses.map((s) => s.status)).toEqual(['pending', 'saved']);
        expect(queue.statuses()).toEqual([{ conversationId: 'conv-1', status: 'saved', taskId: TASK_ID, attempts: 0 }]);
    });

    it('retries a failed save with doubling back-off and still creates exactly one Task', async () => {
        const writer = fakeWriter();
        const attemptTimes: number[] = [];
        writer.saveLog.mockImplementation(() => {
            attemptTimes.push(Date.now() - T0);
            if (attemptTimes.length <= 3) return Promise.reject(new Error('UNABLE_TO_LOCK_ROW'));
            return Promise.resolve(TASK_ID);
        });
        const queue = makeQueue(writer);
        queue.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(0);
        expect(queue.statuses()[0]).toMatchObject({
            status: 'pending',
            attempts: 1,
            nextAttemptAt: T0 + 2000,
            error: 'UNABLE_TO_LOCK_ROW'
        });

        await jest.advanceTimersByTimeAsync(2000 + 4000);
        expect(queue.statuses()[0]).toMatchObject({ status: 'failed', attempts: 3, nextAttemptAt: T0 + 6000 + 8000 });

        await jest.advanceTimersByTimeAsync(8000);
        expect(attemptTimes).toEqual([0, 2000, 6000, 14_000]);
        expect(writer.saveLog).toHaveBeenCalledTimes(4);
        expect(writer.updateLog).not.toHaveBeenCalled();
        expect(queue.statuses()[0]).toEqual({
            conversationId: 'conv-1',
            status: 'saved',
            taskId: TASK_ID,
            attempts: 0
        });
        // Each attempt publishes its count; the banner state goes pending → failed → saved.
        const banner = statuses.map((s) => s.status).filter((status, i, all) => status !== all[i - 1]);
        expect(banner).toEqual(['pending', 'failed', 'saved']);
    });

    it('caps the back-off and keeps retrying a failed log', async () => {
        const writer = fakeWriter();
        writer.saveLog.mockRejectedValue(new Error('offline'));
        const queue = makeQueue(writer, { policy: { baseDelayMs: 1000, maxDelayMs: 5000, failedAfterAttempts: 2 } });
        queue.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 5000 + 5000);
        expect(writer.saveLog).toHaveBeenCalledTimes(6);
        expect(queue.statuses()[0]).toMatchObject({ status: 'failed', attempts: 6, nextAttemptAt: Date.now() + 5000 });
    });

    it('merges notes that arrive while the first save is in flight into the same Task', async () => {
        const writer = fakeWriter();
        const save = deferred<string>();
        writer.saveLog.mockReturnValueOnce(save.promise);
        const queue = makeQueue(writer);

        queue.upsert('conv-1', LOG);
        queue.upsert('conv-1', { ...LOG, CallDisposition: 'Resolved', Description: 'Refunded' });
        expect(writer.saveLog).toHaveBeenCalledTimes(1);
        save.resolve(TASK_ID);
        await queue.whenIdle();

        expect(writer.saveLog).toHaveBeenCalledTimes(1);
        expect(writer.updateLog).toHaveBeenCalledTimes(1);
        expect(writer.updateLog).toHaveBeenCalledWith(TASK_ID, {
            CallDisposition: 'Resolved',
            Description: 'Refunded'
        });
        expect(queue.statuses()[0]?.status).toBe('saved');
    });

    it('merges notes that arrive while a failed first save waits to retry: still one Task', async () => {
        const writer = fakeWriter();
        writer.saveLog.mockRejectedValueOnce(new Error('offline'));
        const queue = makeQueue(writer);
        queue.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(0);
        queue.upsert('conv-1', { ...LOG, Description: 'Refunded' });
        await queue.whenIdle();
        expect(writer.saveLog).toHaveBeenCalledTimes(2);
        expect(writer.saveLog).toHaveBeenLastCalledWith({ ...LOG, Description: 'Refunded' });
        expect(writer.updateLog).not.toHaveBeenCalled();
    });

    it('updates only changed fields and never erases a known one', async () => {
        const writer = fakeWriter();
        const queue = makeQueue(writer);
        queue.upsert('conv-1', { ...LOG, WhoId: '003000000000001AAA' });
        await queue.whenIdle();
        queue.upsert('conv-1', { ...LOG, CallDurationInSeconds: undefined, Description: 'later' });
        await queue.whenIdle();
        expect(writer.updateLog).toHaveBeenCalledWith(TASK_ID, { Description: 'later' });
        queue.upsert('conv-1', { ...LOG, Description: 'later' });
        await queue.whenIdle();
        expect(writer.updateLog).toHaveBeenCalledTimes(1);
    });

    it('retries a failed update against the same Task', async () => {
        const writer = fakeWriter();
        writer.updateLog.mockRejectedValueOnce(new Error('row locked'));
        const queue = makeQueue(writer);
        queue.upsert('conv-1', LOG);
        await queue.whenIdle();
        queue.upsert('conv-1', { ...LOG, Description: 'n' });
        await jest.advanceTimersByTimeAsync(0);
        expect(queue.statuses()[0]).toMatchObject({ status: 'pending', taskId: TASK_ID, attempts: 1 });
        await jest.advanceTimersByTimeAsync(2000);
        expect(writer.updateLog).toHaveBeenCalledTimes(2);
        expect(writer.saveLog).toHaveBeenCalledTimes(1);
        expect(queue.statuses()[0]?.status).toBe('saved');
    });

    it('flushes a pending log after a reload', async () => {
        const offline = fakeWriter();
        offline.saveLog.mockRejectedValue(new Error('offline'));
        const before = makeQueue(offline);
        before.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(0);
        before.dispose(); // the page unloads

        const writer = fakeWriter();
        const after = makeQueue(writer);
        after.restore();
        await after.whenIdle();
        expect(writer.saveLog).toHaveBeenCalledTimes(1);
        expect(writer.saveLog).toHaveBeenCalledWith(LOG);
        expect(after.statuses()[0]).toMatchObject({ status: 'saved', taskId: TASK_ID });
    });

    it('remembers Task Ids across a reload so late notes update the same Task', async () => {
        const writer = fakeWriter();
        const before = makeQueue(writer);
        before.upsert('conv-1', LOG);
        await before.whenIdle();
        before.dispose();

        const after = makeQueue(writer);
        after.restore();
        after.upsert('conv-1', { ...LOG, Description: 'after reload' });
        await after.whenIdle();
        expect(writer.saveLog).toHaveBeenCalledTimes(1);
        expect(writer.updateLog).toHaveBeenCalledWith(TASK_ID, { Description: 'after reload' });
    });

    it("reads the previous version's stored hashes (8 hex characters): an unchanged log writes nothing after the upgrade", async () => {
        const writer = fakeWriter();
        const hex = Object.fromEntries(Object.entries(LOG).map(([key, value]) => [key, fieldHash(value)]));
        harness.store.setItem(
            `${LOG_STORE_KEY}.conv-1`,
            JSON.stringify({
                conversationId: 'conv-1',
                desired: {},
                saved: hex,
                taskId: TASK_ID,
                attempts: 0,
                updatedAt: T0
            })
        );
        const queue = makeQueue(writer);
        queue.restore();
        queue.upsert('conv-1', LOG);
        await queue.whenIdle();
        expect(writer.updateLog).not.toHaveBeenCalled();
        queue.upsert('conv-1', { ...LOG, CallDurationInSeconds: 43 });
        await queue.whenIdle();
        expect(writer.updateLog).toHaveBeenCalledWith(TASK_ID, { CallDurationInSeconds: 43 });
        expect(writer.saveLog).not.toHaveBeenCalled();
    });

    it('settles a create interrupted by a reload with findLog instead of creating again', async () => {
        const writer = fakeWriter();
        writer.saveLog.mockReturnValueOnce(new Promise<string>(() => undefined)); // never answers: the page unloads
        const before = makeQueue(writer);
        before.upsert('conv-1', LOG);
        before.dispose();

        writer.findLog.mockResolvedValueOnce(TASK_ID);
        const after = makeQueue(writer);
        after.restore();
        await after.whenIdle();
        expect(writer.findLog).toHaveBeenCalledWith('conv-1');
        expect(writer.saveLog).toHaveBeenCalledTimes(1);
        // Every field again, but TaskSubtype: the org takes it on create only (the found Task has it).
        const { TaskSubtype: _createOnly, ...updatable } = LOG;
        expect(writer.updateLog).toHaveBeenCalledTimes(1);
        expect(writer.updateLog).toHaveBeenCalledWith(TASK_ID, updatable);
        expect(after.statuses()).toEqual([{ conversationId: 'conv-1', status: 'saved', taskId: TASK_ID, attempts: 0 }]);
    });

    it('never names a create-only field in an update, even when the desired value changed', () => {
        expect(unsavedUpdates(hashesOf(LOG), { ...LOG, Subject: 'x' })).toEqual({ Subject: 'x' });
        expect(unsavedUpdates({}, { TaskSubtype: 'Call' })).toBeUndefined();
        expect(unsavedUpdates({}, LOG)).not.toHaveProperty('TaskSubtype');
    });

    it('creates again after an interrupted create when the writer cannot find Tasks', async () => {
        const { findLog: _unused, ...writer } = fakeWriter();
        writer.saveLog.mockReturnValueOnce(new Promise<string>(() => undefined));
        makeQueue(writer).upsert('conv-1', LOG);
        const after = makeQueue(writer);
        after.restore();
        await after.whenIdle();
        expect(writer.saveLog).toHaveBeenCalledTimes(2);
    });

    it('takes a refusal as nothing written: the retry creates without looking the Task up first', async () => {
        const writer = fakeWriter();
        writer.saveLog.mockRejectedValueOnce(
            Object.assign(new Error('FIELD_CUSTOM_VALIDATION_EXCEPTION: Call Result is required'), {
                kind: 'validation'
            })
        );
        writer.saveLog.mockRejectedValueOnce(Object.assign(new Error('UNABLE_TO_LOCK_ROW'), { answered: true }));
        const queue = makeQueue(writer);
        queue.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(300_000 + 4_000);
        await queue.whenIdle();
        expect(writer.saveLog).toHaveBeenCalledTimes(3);
        // No REST query per retry: a refused save leaves no Task to find.
        expect(writer.findLog).not.toHaveBeenCalled();
        expect(queue.statuses()[0]?.status).toBe('saved');
    });

    it('does not create again while a save with no answer may still commit (CREATE_SETTLE_MS)', async () => {
        const writer = fakeWriter();
        writer.saveLog.mockRejectedValueOnce(
            Object.assign(new Error('saveLog: no answer within 30 s.'), { unanswered: true })
        );
        const queue = makeQueue(writer);
        queue.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(CREATE_SETTLE_MS - 1_000);
        expect(writer.findLog).toHaveBeenCalled();
        expect(writer.saveLog).toHaveBeenCalledTimes(1);
        expect(queue.statuses()[0]).toMatchObject({ status: 'pending', attempts: 1 });
        // The late save committed: the next lookup finds it, and nothing is created.
        writer.findLog.mockResolvedValue(TASK_ID);
        await jest.advanceTimersByTimeAsync(1_000);
        await queue.whenIdle();
        expect(writer.saveLog).toHaveBeenCalledTimes(1);
        expect(queue.statuses()[0]).toMatchObject({ status: 'saved', taskId: TASK_ID });
    });

    it('saves the log without a Name / Related To the org refuses, at once and from then on, saying so', async () => {
        const writer = fakeWriter();
        const refused = Object.assign(
            new Error('FIELD_INTEGRITY_EXCEPTION: Related To ID: id value of incorrect type: a0B000000000001 [WhatId]'),
            { kind: 'validation' }
        );
        writer.saveLog.mockRejectedValueOnce(refused);
        const queue = makeQueue(writer);
        queue.upsert('conv-1', { ...LOG, WhatId: 'a0B000000000001AAA' });
        await queue.whenIdle();
        expect(writer.saveLog).toHaveBeenCalledTimes(2);
        expect(writer.saveLog).toHaveBeenLastCalledWith(LOG);
        expect(queue.statuses()[0]).toMatchObject({ status: 'saved', taskId: TASK_ID });
        expect(warnings).toEqual([expect.stringContaining('saved without them')]);
        // A later event names the link again: it is not sent again.
        queue.upsert('conv-1', { ...LOG, WhatId: 'a0B000000000001AAA', Description: 'notes' });
        await queue.whenIdle();
        expect(writer.updateLog).toHaveBeenCalledWith(TASK_ID, { Description: 'notes' });
    });

    it.each([['ENTITY_IS_DELETED: entity is deleted'], ['INVALID_CROSS_REFERENCE_KEY: invalid cross reference id']])(
        'saves the log without a Name whose record was deleted or merged away during the call (%s)',
        async (text) => {
            const writer = fakeWriter();
            writer.saveLog.mockRejectedValueOnce(Object.assign(new Error(text), { kind: 'validation' }));
            const queue = makeQueue(writer);
            queue.upsert('conv-1', { ...LOG, WhoId: '003000000000001AAA' });
            await queue.whenIdle();
            expect(writer.saveLog).toHaveBeenLastCalledWith(LOG);
            expect(queue.statuses()[0]).toMatchObject({ status: 'saved', taskId: TASK_ID });
            expect(warnings).toEqual([expect.stringContaining('saved without them')]);
        }
    );

    it('keeps a refusal that is not about the link a refusal', async () => {
        const writer = fakeWriter();
        writer.saveLog.mockRejectedValue(
            Object.assign(new Error('FIELD_CUSTOM_VALIDATION_EXCEPTION: What was the result?'), { kind: 'validation' })
        );
        const queue = makeQueue(writer);
        queue.upsert('conv-1', { ...LOG, WhoId: '00Q000000000001AAA' });
        await jest.advanceTimersByTimeAsync(0);
        expect(writer.saveLog).toHaveBeenCalledTimes(1);
        expect(queue.statuses()[0]).toMatchObject({ status: 'failed', errorKind: 'validation' });
        queue.dispose();
    });

    it('retries now on request instead of waiting for the back-off', async () => {
        const writer = fakeWriter();
        writer.saveLog.mockRejectedValueOnce(new Error('offline'));
        const queue = makeQueue(writer);
        queue.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(0);
        queue.retryNow();
        await queue.whenIdle();
        expect(writer.saveLog).toHaveBeenCalledTimes(2);
        expect(queue.statuses()[0]?.status).toBe('saved');
        await jest.advanceTimersByTimeAsync(10_000);
        expect(writer.saveLog).toHaveBeenCalledTimes(2);
    });

    it('keeps working in memory when storage throws, and says so', async () => {
        const writer = fakeWriter();
        const broken: KeyValueStore = {
            getItem: () => {
                throw new Error('SecurityError');
            },
            setItem: () => {
                throw new Error('QuotaExceededError');
            },
            removeItem: () => undefined
        };
        const queue = makeQueue(writer, { store: broken });
        queue.restore();
        queue.upsert('conv-1', LOG);
        await queue.whenIdle();
        expect(writer.saveLog).toHaveBeenCalledTimes(1);
        expect(warnings.some((w) => w.includes('QuotaExceededError'))).toBe(true);
        expect(warnings.some((w) => w.includes('SecurityError'))).toBe(true);
    });

    it('ignores unreadable stored data', () => {
        harness.store.setItem(LEGACY_LOG_STORE_KEY, '{"version":1,"entries":[{"conversationId":5}]');
        const queue = makeQueue(fakeWriter());
        queue.restore();
        expect(queue.statuses()).toEqual([]);
        expect(warnings).toHaveLength(1);

        // An entry key with something else in it: ignored, removed, said once.
        const other = new MemoryStore();
        other.setItem(`${LOG_STORE_KEY}.conv-1`, '{"conversationId":"conv-2"}');
        other.setItem(`${LOG_STORE_KEY}.conv-3`, 'not json');
        const fresh = makeQueue(fakeWriter(), { store: other });
        fresh.restore();
        expect(fresh.statuses()).toEqual([]);
        expect(other.keys()).toEqual([]);
        expect(warnings).toHaveLength(2);
    });

    it('forgets saved logs after the retention period but never pending ones', async () => {
        const writer = fakeWriter();
        const queue = makeQueue(writer);
        queue.upsert('saved', { ...LOG, CallObject: 'saved' });
        await queue.whenIdle();
        writer.saveLog.mockRejectedValue(new Error('offline'));
        queue.upsert('pending', { ...LOG, CallObject: 'pending' });
        await jest.advanceTimersByTimeAsync(25 * 60 * 60 * 1000);
        queue.upsert('pending', { ...LOG, CallObject: 'pending', Description: 'x' });
        expect(queue.has('saved')).toBe(false);
        expect(queue.has('pending')).toBe(true);
    });

    it('computes changed fields', () => {
        expect(changedFields(hashesOf(LOG), { ...LOG })).toBeUndefined();
        expect(changedFields({}, LOG)).toEqual(LOG);
        expect(changedFields(hashesOf(LOG), { ...LOG, Subject: 'x' })).toEqual({ Subject: 'x' });
    });
});
