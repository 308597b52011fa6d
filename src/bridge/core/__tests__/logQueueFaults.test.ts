/**
 * The log queue under the faults a real org produces: lost, late or refused answers, lookups that
 * fail too, storage that fills up, notes that come long after the call.
 */
import type { CallLog } from '../callLog';
import { LEGACY_LOG_STORE_KEY, LOG_STORE_KEY } from '../logQueue';
import type { LogWriter } from '../logQueue';
import { MemoryStore } from './memoryStore';
import { T0, useLogQueues } from './logQueueHarness';

const LOG: CallLog = {
    Subject: 'Inbound call from +18005550100',
    Status: 'Completed',
    TaskSubtype: 'Call',
    CallType: 'Inbound',
    CallObject: 'conv-1',
    ActivityDate: '2026-11-21',
    CallDurationInSeconds: 42,
    WhoId: '00Q000000000001AAA'
};

/** An org in memory: Tasks by Id, and a writer whose answers can be lost after the write. */
class FakeOrg {
    readonly tasks = new Map<string, CallLog>();
    /** Next creates that reach the org but whose answer is an error (a lost answer). */
    loseAnswers = 0;
    /** Next creates the org refuses (nothing written), with this error. */
    refuse: (Error & { kind?: string }) | undefined;
    lookupError: Error | undefined;
    readonly writer: jest.Mocked<Required<LogWriter>>;

    constructor() {
        this.writer = {
            saveLog: jest.fn((log: CallLog) => {
                if (this.refuse) return Promise.reject(this.refuse);
                const id = `00T${String(this.tasks.size + 1).padStart(12, '0')}AAA`;
                this.tasks.set(id, { ...log });
                if (this.loseAnswers > 0) {
                    this.loseAnswers -= 1;
                    return Promise.reject(new Error('saveLog: no answer within 30 s.'));
                }
                return Promise.resolve(id);
            }),
            updateLog: jest.fn((taskId: string, patch: Partial<CallLog>) => {
                const task = this.tasks.get(taskId);
                if (!task) return Promise.reject(new Error(`No Task ${taskId}`));
                this.tasks.set(taskId, { ...task, ...patch });
                return Promise.resolve();
            }),
            findLog: jest.fn((callObject: string) => {
                if (this.lookupError) return Promise.reject(this.lookupError);
                const found = [...this.tasks.entries()].find(([, task]) => task.CallObject === callObject);
                return Promise.resolve(found ? found[0] : null);
            })
        };
    }

    tasksFor(callObject: string): CallLog[] {
        return [...this.tasks.values()].filter((task) => task.CallObject === callObject);
    }
}

/** A store that refuses to hold more than `quota` characters in all (keys and values), as a full localStorage does. */
class SmallStore extends MemoryStore {
    constructor(public quota: number) {
        super();
    }
    override setItem(key: string, value: string): void {
        let used = key.length + value.length;
        for (const [k, v] of this.data) if (k !== key) used += k.length + v.length;
        if (used > this.quota) throw new Error('QuotaExceededError: the quota has been exceeded.');
        super.setItem(key, value);
    }
}

/** The queue's stored entries (one key each), parsed. */
function storedEntries(from: MemoryStore): { conversationId: string; createInDoubt: boolean }[] {
    return from
        .valuesUnder(`${LOG_STORE_KEY}.`)
        .map((raw) => JSON.parse(raw) as { conversationId: string; createInDoubt: boolean });
}

describe('log queue under faults', () => {
    const harness = useLogQueues();
    const { makeQueue } = harness;

    it('finds the Task a create with a lost answer made instead of creating a second one', async () => {
        const org = new FakeOrg();
        org.loseAnswers = 1;
        const queue = makeQueue(org.writer);
        queue.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(0);
        expect(queue.status('conv-1')).toBe('pending');
        await jest.advanceTimersByTimeAsync(2_000);
        expect(org.writer.findLog).toHaveBeenCalledWith('conv-1');
        expect(org.tasksFor('conv-1')).toHaveLength(1);
        expect(org.writer.saveLog).toHaveBeenCalledTimes(1);
        expect(queue.statuses()[0]).toMatchObject({ status: 'saved', taskId: '00T000000000001AAA' });
    });

    it('finds the Task after a reload while its create was in flight', async () => {
        const org = new FakeOrg();
        let answer: (id: string) => void = () => undefined;
        org.writer.saveLog.mockImplementationOnce((log) => {
            org.tasks.set('00T000000000009AAA', { ...log });
            return new Promise((resolve) => (answer = resolve)); // the page goes away before the answer
        });
        const closing = makeQueue(org.writer);
        closing.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(0);
        closing.dispose();
        const reloaded = makeQueue(org.writer);
        reloaded.restore();
        await reloaded.whenIdle();
        answer('00T000000000009AAA');
        expect(org.tasksFor('conv-1')).toHaveLength(1);
        expect(reloaded.statuses()[0]).toMatchObject({ status: 'saved', taskId: '00T000000000009AAA' });
    });

    it('keeps a log in doubt pending, never created blind, while the lookup fails too', async () => {
        const org = new FakeOrg();
        org.loseAnswers = 1;
        org.lookupError = new Error('INVALID_SESSION_ID: Session expired or invalid');
        const queue = makeQueue(org.writer, {
            policy: { baseDelayMs: 1_000, maxDelayMs: 4_000, failedAfterAttempts: 3 }
        });
        queue.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(60_000);
        expect(org.writer.saveLog).toHaveBeenCalledTimes(1);
        expect(org.writer.findLog.mock.calls.length).toBeGreaterThan(10);
        expect(queue.statuses()[0]).toMatchObject({
            status: 'failed',
            error: expect.stringContaining('INVALID_SESSION_ID')
        });
        // Survives a reload in doubt.
        const persisted = storedEntries(harness.store);
        expect(persisted).toHaveLength(1);
        expect(persisted[0]?.createInDoubt).toBe(true);

        org.lookupError = undefined;
        await jest.advanceTimersByTimeAsync(4_000);
        expect(org.tasksFor('conv-1')).toHaveLength(1);
        expect(queue.status('conv-1')).toBe('saved');
    });

    it('creates again only when the lookup says no Task exists', async () => {
        const org = new FakeOrg();
        org.refuse = Object.assign(new Error('UNABLE_TO_LOCK_ROW'), {});
        const queue = makeQueue(org.writer);
        queue.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(0);
        org.refuse = undefined;
        await jest.advanceTimersByTimeAsync(2_000);
        expect(org.writer.findLog).toHaveBeenCalledTimes(1);
        expect(org.writer.saveLog).toHaveBeenCalledTimes(2);
        expect(org.tasksFor('conv-1')).toHaveLength(1);
    });

    it('shows a lasting error as failed at once, with its kind, and retries at the longest interval', async () => {
        const org = new FakeOrg();
        org.refuse = Object.assign(new Error('FIELD_CUSTOM_VALIDATION_EXCEPTION: Subject is required'), {
            kind: 'validation'
        });
        const queue = makeQueue(org.writer, {
            policy: { baseDelayMs: 1_000, maxDelayMs: 60_000, failedAfterAttempts: 3 }
        });
        queue.upsert('conv-1', LOG);
        await jest.advanceTimersByTimeAsync(0);
        expect(queue.statuses()[0]).toMatchObject({
            status: 'failed',
            errorKind: 'validation',
            nextAttemptAt: T0 + 60_000
        });
        org.refuse = undefined;
        await jest.advanceTimersByTimeAsync(60_000);
        expect(queue.statuses()[0]).toEqual({
            conversationId: 'conv-1',
            status: 'saved',
            taskId: '00T000000000001AAA',
            attempts: 0
        });
    });

    it('stores the notes once, and no notes at all once saved', async () => {
        const org = new FakeOrg();
        const notes = 'N'.repeat(20_000);
        let answer: (id: string) => void = () => undefined;
        org.writer.saveLog.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
        const queue = makeQueue(org.writer);
        queue.upsert('conv-1', { ...LOG, Description: notes });
        await jest.advanceTimersByTimeAsync(0);
        const pending = harness.store.valuesUnder(LOG_STORE_KEY).join('');
        expect(pending.split(notes).length - 1).toBe(1);
        answer('00T000000000001AAA');
        await queue.whenIdle();
        const saved = harness.store.valuesUnder(LOG_STORE_KEY).join('');
        expect(saved).not.toContain('NNNN');
        expect(saved).not.toContain('+18005550100');
        expect(saved.length).toBeLessThan(500);
    });

    it('keeps pending logs first when storage is short, tells the agent when even they do not fit, and still writes them', async () => {
        const org = new FakeOrg();
        org.lookupError = new Error('offline');
        org.refuse = new Error('offline');
        const small = new SmallStore(50_000);
        harness.store = small;
        let freed = 0;
        const queue = makeQueue(org.writer, {
            onStorageFull: () => {
                freed += 1;
                return false;
            }
        });
        for (let i = 0; i < 3; i++)
            queue.upsert(`conv-${i}`, { ...LOG, CallObject: `conv-${i}`, Description: String(i).repeat(20_000) });
        await jest.advanceTimersByTimeAsync(0);
        // Two fit, the third does not: the agent is told, in its status.
        expect(queue.stored()).toBe(false);
        expect(freed).toBeGreaterThan(0);
        const views = queue.statuses();
        expect(views.filter((view) => view.stored === false)).toHaveLength(1);
        expect(storedEntries(small)).toHaveLength(2);

        org.refuse = undefined;
        org.lookupError = undefined;
        await jest.advanceTimersByTimeAsync(10_000);
        expect(org.tasks.size).toBe(3);
        expect(queue.statuses().every((view) => view.status === 'saved' && view.stored === undefined)).toBe(true);
        expect(queue.stored()).toBe(true);
    });

    it('drops saved entries before pending ones under the ceiling', async () => {
        const org = new FakeOrg();
        const queue = makeQueue(org.writer, { storeCeilingChars: 30_000 });
        for (let i = 0; i < 20; i++) queue.upsert(`saved-${i}`, { ...LOG, CallObject: `saved-${i}` });
        await queue.whenIdle();
        org.refuse = new Error('offline');
        org.lookupError = new Error('offline');
        queue.upsert('big', { ...LOG, CallObject: 'big', Description: 'x'.repeat(27_000) });
        await jest.advanceTimersByTimeAsync(0);
        const raw = harness.store.valuesUnder(LOG_STORE_KEY).join('');
        expect(raw.length).toBeLessThanOrEqual(30_000);
        const persisted = storedEntries(harness.store);
        expect(persisted.map((entry) => entry.conversationId)).toContain('big');
        expect(persisted.length).toBeLessThan(21);
        expect(queue.stored()).toBe(true);
    });

    it('writes late notes to the notes of the right Task only, even when its entry is long gone', async () => {
        const org = new FakeOrg();
        const queue = makeQueue(org.writer);
        queue.upsert('conv-1', LOG);
        await queue.whenIdle();
        // Known entry: only the notes change.
        queue.upsertPatch('conv-1', { Description: 'first notes' }, { ...LOG, Subject: 'Call from an unknown number' });
        await queue.whenIdle();
        expect(org.writer.updateLog).toHaveBeenLastCalledWith('00T000000000001AAA', { Description: 'first notes' });

        // A queue that never saw the call (after a reload and many calls): found by CallObject.
        const fresh = makeQueue(org.writer, { store: new MemoryStore() });
        fresh.upsertPatch('conv-1', { Description: 'late notes' }, { ...LOG, Subject: 'Call from an unknown number' });
        await fresh.whenIdle();
        expect(org.writer.updateLog).toHaveBeenLastCalledWith('00T000000000001AAA', { Description: 'late notes' });
        expect(org.tasksFor('conv-1')).toEqual([{ ...LOG, Description: 'late notes' }]);

        // No Task at all: the fallback is created, with the notes.
        fresh.upsertPatch('conv-2', { Description: 'only notes' }, { ...LOG, CallObject: 'conv-2' });
        await fresh.whenIdle();
        expect(org.tasksFor('conv-2')).toEqual([{ ...LOG, CallObject: 'conv-2', Description: 'only notes' }]);
    });

    it('reads the previous storage version', () => {
        const org = new FakeOrg();
        const legacy = new MemoryStore();
        legacy.setItem(
            LEGACY_LOG_STORE_KEY,
            JSON.stringify({
                version: 1,
                entries: [
                    {
                        conversationId: 'conv-1',
                        desired: LOG,
                        saved: LOG,
                        taskId: '00T000000000001AAA',
                        createInDoubt: false,
                        attempts: 0,
                        updatedAt: T0
                    }
                ]
            })
        );
        const queue = makeQueue(org.writer, { store: legacy });
        queue.restore();
        expect(queue.status('conv-1')).toBe('saved');
        expect(org.writer.updateLog).not.toHaveBeenCalled();
        // Read once: rewritten as its own key, the old key gone; a second page finds the same.
        expect(legacy.getItem(LEGACY_LOG_STORE_KEY)).toBeNull();
        expect(storedEntries(legacy)).toMatchObject([{ conversationId: 'conv-1', taskId: '00T000000000001AAA' }]);
        const again = makeQueue(org.writer, { store: legacy });
        again.restore();
        expect(again.status('conv-1')).toBe('saved');
    });
});
