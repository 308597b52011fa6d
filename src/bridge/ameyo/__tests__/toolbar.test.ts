/**
 * The glue's own duties that the adapter-level tests (toolbarAdapter.test.ts) cannot isolate: it
 * validates what Ameyo's handlers describe with the contract the adapter hands it, and a call the
 * contract refuses is reported to the developer console, never passed on or dropped silently.
 */
import { createCommand, createEvent, validateChannelMessage } from 'c/softphoneProtocol';
import type { Bridge } from '../../core/index';
import { validateSoftphoneCall } from '../../core/index';
import { DISPOSE_TIMEOUT_MS, createAmeyoToolbar } from '../toolbar';
import type { AmeyoContract } from '../toolbar';

interface SetUp {
    warnings: string[];
    handled: unknown[];
    toolbar: ReturnType<typeof createAmeyoToolbar>;
    /** Runs the timers that are due after `ms` more. */
    advance(ms: number): void;
}

function setUp(contract: AmeyoContract): SetUp {
    const warnings: string[] = [];
    const handled: unknown[] = [];
    let now = 0;
    const timers = new Map<number, { at: number; run: () => void }>();
    let nextTimer = 1;
    const toolbar = createAmeyoToolbar({
        contract,
        window,
        document,
        baseUrl: 'https://ameyo.example.net:8443',
        scriptVersion: '4.2',
        dialConfirm: false,
        extension: null,
        crmOrigin: 'https://example.my.salesforce.com',
        mountFrame: () => document.body.appendChild(document.createElement('iframe')),
        publish: () => undefined,
        clock: () => 1_000,
        timers: {
            setTimeout: (run, ms) => {
                timers.set(nextTimer, { at: now + ms, run });
                return nextTimer++;
            },
            clearTimeout: (handle) => {
                timers.delete(handle as number);
            }
        },
        onWarning: (message) => warnings.push(message)
    });
    const bridge = {
        handleSoftphoneCall: (call: unknown) => handled.push(call),
        snapshot: () => ({ calls: [] })
    } as unknown as Bridge;
    toolbar.attach(bridge);
    const advance = (ms: number): void => {
        now += ms;
        for (const [id, timer] of [...timers]) {
            if (timer.at > now) continue;
            timers.delete(id);
            timer.run();
        }
    };
    return { warnings, handled, toolbar, advance };
}

const CONTRACT: AmeyoContract = { createEvent, validateChannelMessage, validateSoftphoneCall };
const handlers = window as unknown as { handleDisposeCallByDispositionCode: (...args: unknown[]) => void };

const hangup = (): void =>
    (window as unknown as { hangupHandler: (...args: unknown[]) => void }).hangupHandler('ok', { crtObjectId: 'c-1' });

describe('createAmeyoToolbar: the contract it is handed', () => {
    it('passes a call the contract accepts to the core, validated', () => {
        const { warnings, handled } = setUp(CONTRACT);
        hangup();
        expect(handled).toEqual([expect.objectContaining({ type: 'callEnded' })]);
        expect(warnings).toEqual([]);
    });

    it('reports a call the contract refuses, and hands the core nothing', () => {
        const { warnings, handled } = setUp({
            createEvent,
            validateChannelMessage,
            validateSoftphoneCall: () => ({
                ok: false,
                error: { code: 'INVALID_PAYLOAD', message: 'conversationId is too long' }
            })
        } as unknown as AmeyoContract);
        hangup();
        expect(handled).toEqual([]);
        expect(warnings).toEqual([
            expect.stringMatching(/callEnded for call c-1 was not handled: conversationId is too long/)
        ]);
    });
});

describe('createAmeyoToolbar: a disposition Ameyo confirms late', () => {
    it('is logged when the confirmation comes after the wait ran out, so the notes are not lost', () => {
        const disposed: string[] = [];
        (window as unknown as { ameyo: unknown }).ameyo = {
            integration: { disposeCallByDisposition: (code: string) => disposed.push(code) }
        };
        const { handled, toolbar, advance } = setUp(CONTRACT);
        const command = createCommand(
            'saveWrapUp',
            { conversationId: 'c-1', disposition: 'Sale', notes: 'Bought the plan' },
            'cmd-1'
        );
        expect(command.ok && toolbar.receiveChannelMessage(command.value)).toBe(true);
        expect(disposed).toEqual(['Sale']);
        advance(DISPOSE_TIMEOUT_MS); // the agent is told to try again
        expect(handled).toEqual([]);
        handlers.handleDisposeCallByDispositionCode('success'); // Ameyo disposed the call after all
        expect(handled).toEqual([
            expect.objectContaining({
                type: 'callNotesSubmitted',
                payload: expect.objectContaining({
                    conversationId: 'c-1',
                    disposition: 'Sale',
                    notes: 'Bought the plan'
                })
            })
        ]);
        handlers.handleDisposeCallByDispositionCode('success'); // and only once
        expect(handled).toHaveLength(1);
    });
});
