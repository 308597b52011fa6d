/** @jest-environment node */
import { createStartupQueue } from '../startupQueue';

describe('c-softphone-adapter startupQueue', () => {
    const make = (limit = 3) => {
        const errors: unknown[] = [];
        const warnings: string[] = [];
        const queue = createStartupQueue({
            limit,
            onError: (error) => errors.push(error),
            onWarning: (message) => warnings.push(message)
        });
        return { queue, errors, warnings };
    };

    it('keeps tasks until opened, then runs them in arrival order, and later ones at once', () => {
        const { queue } = make();
        const ran: string[] = [];
        queue.run(() => ran.push('a'));
        queue.run(() => ran.push('b'));
        expect(ran).toEqual([]);
        expect(queue.isOpen).toBe(false);
        queue.open();
        expect(ran).toEqual(['a', 'b']);
        queue.run(() => ran.push('c'));
        expect(ran).toEqual(['a', 'b', 'c']);
        expect(queue.isOpen).toBe(true);
    });

    it('a task queued by a replayed task runs right after it, before nothing older is lost', () => {
        const { queue } = make();
        const ran: string[] = [];
        queue.run(() => {
            ran.push('a');
            queue.run(() => ran.push('a2'));
        });
        queue.run(() => ran.push('b'));
        queue.open();
        expect(ran).toEqual(['a', 'a2', 'b']);
    });

    it('drops what is over the limit and says how many, once opened', () => {
        const { queue, warnings } = make(2);
        const ran: number[] = [];
        for (let i = 0; i < 5; i++) queue.run(() => ran.push(i));
        queue.open();
        expect(ran).toEqual([0, 1]);
        expect(warnings).toEqual(['3 events that arrived during start-up were dropped (too many).']);
    });

    it('a task that throws is reported and the next ones still run', () => {
        const { queue, errors } = make();
        const ran: string[] = [];
        queue.run(() => {
            throw new Error('boom');
        });
        queue.run(() => ran.push('after'));
        queue.open();
        expect(errors).toEqual([new Error('boom')]);
        expect(ran).toEqual(['after']);
        expect(() =>
            queue.run(() => {
                throw new Error('later');
            })
        ).not.toThrow();
        expect(errors).toHaveLength(2);
    });

    it('runs nothing once closed', () => {
        const { queue } = make();
        const ran: string[] = [];
        queue.run(() => ran.push('kept'));
        queue.close();
        queue.open();
        queue.run(() => ran.push('late'));
        expect(ran).toEqual([]);
        expect(queue.isOpen).toBe(false);
    });
});
