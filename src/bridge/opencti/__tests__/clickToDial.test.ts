/** @jest-environment node */
import type { Bridge, BridgeError, BridgeResult, DialRequest } from '../../core/index';
import { createClickToDial, DIAL_WAIT_MS, readClickToDial } from '../clickToDial';
import type { ClickToDialPayload } from '../openCtiApi';

const LEAD = '00Q000000000001AAA';

function setup(answers: Array<BridgeResult<unknown>>, options: { loading?: boolean; configured?: boolean } = {}) {
    let now = 1_000;
    const dials: DialRequest[] = [];
    const bridge = {
        clickToDial: (request: DialRequest) => {
            dials.push(request);
            return answers.shift() ?? { ok: true, value: {} };
        }
    } as unknown as Bridge;
    const errors: [string, BridgeError][] = [];
    const enable = jest.fn();
    const dialer = createClickToDial({
        opencti: { enableClickToDial: enable },
        bridge: () => bridge,
        configured: () => options.configured ?? true,
        softphoneLoading: () => options.loading ?? true,
        clock: () => now,
        onDialError: (number, error) => errors.push([number, error]),
        onWarning: () => undefined
    });
    return { dialer, dials, errors, enable, later: (ms: number) => (now += ms) };
}

const notConnected: BridgeResult<unknown> = { ok: false, error: { code: 'NOT_CONNECTED', message: 'not loaded' } };

describe('c-softphone-adapter clickToDial', () => {
    it('reads the number and record from the payload, or from returnValue (older guides)', () => {
        expect(readClickToDial({ number: '(503) 555-1212', recordId: LEAD, objectType: 'Lead' })).toEqual({
            number: '(503) 555-1212',
            record: { recordId: LEAD, objectType: 'Lead' }
        });
        expect(readClickToDial({ returnValue: { number: 5035551212 } } as unknown as ClickToDialPayload)).toEqual({
            number: '5035551212'
        });
        expect(readClickToDial({} as ClickToDialPayload)).toEqual({ number: '' });
        expect(readClickToDial(null as unknown as ClickToDialPayload)).toEqual({ number: '' });
    });

    it('dials through the bridge and enables click-to-dial again', () => {
        const { dialer, dials, enable, errors } = setup([]);
        dialer.dial({ number: '+15035551212' });
        expect(dials).toEqual([{ number: '+15035551212' }]);
        expect(enable).toHaveBeenCalledTimes(1);
        expect(errors).toEqual([]);
    });

    it('waits for a loading softphone and dials on its hello, within DIAL_WAIT_MS only', () => {
        const first = setup([notConnected]);
        first.dialer.dial({ number: '+15035551212' });
        expect(first.errors).toEqual([]);
        first.later(DIAL_WAIT_MS);
        first.dialer.retryPending();
        expect(first.dials).toHaveLength(2);
        first.dialer.retryPending(); // once only
        expect(first.dials).toHaveLength(2);

        const late = setup([notConnected]);
        late.dialer.dial({ number: '+15035551212' });
        late.later(DIAL_WAIT_MS + 1);
        late.dialer.retryPending();
        expect(late.dials).toHaveLength(1);
    });

    it('reports a failed dial, and a not-connected one when no softphone is loading', () => {
        const invalid = setup([{ ok: false, error: { code: 'INVALID_PHONE_NUMBER', message: 'bad' } }]);
        invalid.dialer.dial({ number: 'abc' });
        expect(invalid.errors).toEqual([['abc', { code: 'INVALID_PHONE_NUMBER', message: 'bad' }]]);
        const none = setup([notConnected], { loading: false });
        none.dialer.dial({ number: '+15035551212' });
        expect(none.errors.map(([, e]) => e.code)).toEqual(['NOT_CONNECTED']);
    });

    it('does not enable click-to-dial when the call center lacks its settings', () => {
        const { dialer, enable } = setup([], { configured: false });
        dialer.enable();
        expect(enable).not.toHaveBeenCalled();
    });
});
