/** @jest-environment node */
/**
 * The workbench's sforce.opencti checks arguments as Salesforce's opencti.js does (validateArguments,
 * validateCallback, validateListener, validateValueObject; read from a public copy of the script),
 * and throws synchronously, so a call the real script refuses is refused here too. And the adapter
 * page counts Open CTI as usable only inside Lightning's frame, with the parameters opencti.js reads.
 */
import { inOpenCtiFrame } from '../../src/bridge/opencti/openCtiApi';
import { createOpenCtiClient, validateOpenCtiArguments } from '../../workbench/platform/opencti/client';

const ONE_OBJECT = 'Must pass in only one object which holds arguments to this API method call.';

describe("the workbench's sforce.opencti argument checks", () => {
    it('optional-argument methods take nothing or a non-empty object, never an empty one', () => {
        for (const method of ['disableClickToDial', 'enableClickToDial', 'refreshView'] as const) {
            expect(() => validateOpenCtiArguments(method, [])).not.toThrow();
            expect(() => validateOpenCtiArguments(method, [{ callback: () => undefined }])).not.toThrow();
            expect(() => validateOpenCtiArguments(method, [{}])).toThrow(ONE_OBJECT);
        }
    });

    it('every other method needs exactly one non-empty object; notifyInitializationComplete checks nothing', () => {
        expect(() => validateOpenCtiArguments('screenPop', [])).toThrow(ONE_OBJECT);
        expect(() => validateOpenCtiArguments('screenPop', [{ type: 'sobject' }, {}])).toThrow(ONE_OBJECT);
        expect(() => validateOpenCtiArguments('screenPop', ['sobject'])).toThrow(ONE_OBJECT);
        expect(() => validateOpenCtiArguments('notifyInitializationComplete', [])).not.toThrow();
        expect(() => validateOpenCtiArguments('notifyInitializationComplete', [{}])).not.toThrow();
    });

    it('callbacks, listeners and saveLog values where the script requires them', () => {
        expect(() => validateOpenCtiArguments('getCallCenterSettings', [{ callbak: () => 1 }])).toThrow(
            'Missing the required argument `callback`!'
        );
        expect(() => validateOpenCtiArguments('onClickToDial', [{ callback: () => 1 }])).toThrow(
            'Missing the required argument `listener`!'
        );
        expect(() => validateOpenCtiArguments('saveLog', [{ callback: () => 1 }])).toThrow(
            'Missing the required argument `value object`!'
        );
        expect(() => validateOpenCtiArguments('saveLog', [{ value: { Subject: 'x' } }])).not.toThrow();
    });
});

describe("what the workbench's sforce.opencti sends on", () => {
    it('only the keys opencti.js sends for the method: a defaultFieldValues beside screenPop params is lost', () => {
        const sent: [string, Record<string, unknown>][] = [];
        const { api } = createOpenCtiClient({ send: (method, args) => void sent.push([method, args]) });
        const call = (method: string, args: Record<string, unknown>) =>
            (api[method] as (args: Record<string, unknown>) => void)(args);
        call('screenPop', {
            type: 'newRecord',
            params: { entityName: 'Lead' },
            defaultFieldValues: { Phone: '5035551212' },
            callback: () => undefined
        });
        call('searchAndScreenPop', { searchParams: '5035551212', callType: 'inbound', deferred: true, extra: 1 });
        call('saveLog', { value: { Subject: 'Call' }, object: { Subject: 'other' } });
        expect(sent).toEqual([
            ['screenPop', { type: 'newRecord', params: { entityName: 'Lead' } }],
            ['searchAndScreenPop', { searchParams: '5035551212', callType: 'inbound', deferred: true }],
            ['saveLog', { value: { Subject: 'Call' } }]
        ]);
    });
});

describe('inOpenCtiFrame', () => {
    it("needs Lightning's frame and both parameters opencti.js reads", () => {
        const search = '?sfdcIframeOrigin=https%3A%2F%2Facme.lightning.force.com&mode=Lightning';
        expect(inOpenCtiFrame(search, true)).toBe(true);
        expect(inOpenCtiFrame(search, false)).toBe(false);
        expect(inOpenCtiFrame('?mode=Lightning', true)).toBe(false);
        expect(inOpenCtiFrame('?sfdcIFrameOrigin=https%3A%2F%2Fa.force.com&mode=Lightning', true)).toBe(false);
        expect(inOpenCtiFrame('', true)).toBe(false);
    });
});
