/**
 * The glue's own duties that the adapter-level tests (toolbarAdapter.test.ts) cannot isolate: it
 * validates what Ameyo's handlers describe with the contract the adapter hands it, and a call the
 * contract refuses is reported to the developer console, never passed on or dropped silently.
 */
import { createEvent, validateChannelMessage } from 'c/softphoneProtocol';
import type { Bridge } from '../../core/index';
import { validateSoftphoneCall } from '../../core/index';
import { createAmeyoToolbar } from '../toolbar';
import type { AmeyoContract } from '../toolbar';

function setUp(contract: AmeyoContract): { warnings: string[]; handled: unknown[] } {
    const warnings: string[] = [];
    const handled: unknown[] = [];
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
        timers: { setTimeout: () => 0, clearTimeout: () => undefined },
        onWarning: (message) => warnings.push(message)
    });
    const bridge = {
        handleSoftphoneCall: (call: unknown) => handled.push(call),
        snapshot: () => ({ calls: [] })
    } as unknown as Bridge;
    toolbar.attach(bridge);
    return { warnings, handled };
}

const hangup = (): void =>
    (window as unknown as { hangupHandler: (...args: unknown[]) => void }).hangupHandler('ok', { crtObjectId: 'c-1' });

describe('createAmeyoToolbar: the contract it is handed', () => {
    it('passes a call the contract accepts to the core, validated', () => {
        const { warnings, handled } = setUp({ createEvent, validateChannelMessage, validateSoftphoneCall });
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
