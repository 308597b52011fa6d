/** What every log-queue test sets up: fake timers, a store in memory, the statuses and warnings seen, queues disposed after. */
import type { LogView } from 'c/softphoneProtocol';
import { createLogQueue } from '../logQueue';
import type { LogQueue, LogQueueOptions, LogWriter } from '../logQueue';
import { MemoryStore } from './memoryStore';

export const T0 = Date.UTC(2026, 10, 21, 15, 0, 0);

export interface LogQueueHarness {
    /** The store the next queue gets; a test may swap in another before making one. */
    store: MemoryStore;
    /** Every status the test's queues reported, in order (emptied before each test). */
    readonly statuses: LogView[];
    /** Every warning the test's queues gave (emptied before each test). */
    readonly warnings: string[];
    /** A queue on real-looking timers and the clock, disposed after the test. */
    makeQueue(writer: LogWriter, overrides?: Partial<LogQueueOptions>): LogQueue;
}

/** Registers beforeEach/afterEach for a describe block and returns its harness. */
export function useLogQueues(): LogQueueHarness {
    const queues: LogQueue[] = [];
    const harness: LogQueueHarness = {
        store: new MemoryStore(),
        statuses: [],
        warnings: [],
        makeQueue(writer, overrides = {}) {
            const queue = createLogQueue({
                writer,
                store: harness.store,
                scheduler: {
                    setTimeout: (callback, ms) => setTimeout(callback, ms),
                    clearTimeout: (handle) => clearTimeout(handle as number)
                },
                clock: () => Date.now(),
                onStatus: (view) => harness.statuses.push(view),
                onWarning: (message) => harness.warnings.push(message),
                ...overrides
            });
            queues.push(queue);
            return queue;
        }
    };
    beforeEach(() => {
        jest.useFakeTimers({ now: T0 });
        harness.store = new MemoryStore();
        harness.statuses.length = 0;
        harness.warnings.length = 0;
    });
    afterEach(() => {
        queues.splice(0).forEach((queue) => queue.dispose());
        jest.useRealTimers();
    });
    return harness;
}
