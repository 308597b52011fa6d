/**
 * The start-up queue: everything that arrives before the bridge has started (softphone messages,
 * clicks to dial, navigation, channel commands) waits here and runs, in arrival order, once the
 * adapter opens it; after that each task runs at once. Peers' lesson (Amazon Connect adapter
 * #248): calls during a 20 s start-up created no Task because their events were dropped.
 */

export interface StartupQueueOptions {
    /** Tasks kept while closed; more than this (a runaway sender) are dropped and counted. */
    limit: number;
    /** A task threw: reported, never thrown into the event source. */
    onError(error: unknown): void;
    onWarning(message: string): void;
}

export interface StartupQueue {
    /** Runs the task now when open, else keeps it for `open()`; nothing after `close()`. */
    run(task: () => void): void;
    /** Runs the kept tasks in order; from now on tasks run at once. */
    open(): void;
    /** Drops what is kept and ignores later tasks (the page is going away). */
    close(): void;
    readonly isOpen: boolean;
}

export function createStartupQueue(options: StartupQueueOptions): StartupQueue {
    const kept: Array<() => void> = [];
    let dropped = 0;
    let open = false;
    let closed = false;

    function guarded(task: () => void): void {
        try {
            task();
        } catch (error) {
            options.onError(error);
        }
    }

    return {
        run(task) {
            if (closed) return;
            if (open) {
                guarded(task);
                return;
            }
            if (kept.length >= options.limit) {
                dropped += 1;
                return;
            }
            kept.push(task);
        },
        open() {
            if (open || closed) return;
            open = true;
            // A task kept now (one task queueing another) runs at once: the order still holds.
            for (const task of kept.splice(0)) guarded(task);
            if (dropped > 0)
                options.onWarning(`${dropped} events that arrived during start-up were dropped (too many).`);
        },
        close() {
            closed = true;
            kept.length = 0;
        },
        get isOpen() {
            return open && !closed;
        }
    };
}
