/**
 * The wrapper in a simulated Salesforce page: the test document plays the adapter page and
 * a real jsdom iframe plays the vendor softphone page, so `window.parent`, `event.source`
 * and `event.origin` behave as in the browser.
 */
import { createBridge } from '../../core/crm';
import { ENVELOPE_PROTOCOL, createEnvelope, readFromSoftphone } from '../../core/validate';
import type { Envelope } from '../../core/validate';
import { checkCrmOrigin, resolveCrmOrigin, CRM_ORIGIN_STORAGE_KEY } from '../crmOrigin';
import { MAX_QUEUED_EVENTS, createSoftphoneWrapper } from '../softphoneWrapper';
import type { StreemSoftphoneBridge } from '../softphoneWrapper';

const CRM_ORIGIN = 'https://acme--c.vf.force.com';
const IDS = { partnerId: 'partner-guid', conversationId: 'conv-1' };

describe('softphone wrapper', () => {
    let frame: HTMLIFrameElement;
    let softphoneWindow: Window;
    let posted: { message: Envelope; targetOrigin: string }[];
    let errors: string[];
    let warnings: string[];

    function install(crmOrigin = CRM_ORIGIN): StreemSoftphoneBridge {
        return createSoftphoneWrapper({
            window: softphoneWindow as unknown as Window & Record<string, unknown>,
            parent: softphoneWindow.parent,
            crmOrigin: checkCrmOrigin(crmOrigin),
            console: { error: (m: string) => errors.push(m), warn: (m: string) => warnings.push(m) },
            idPrefix: 'w'
        });
    }

    /** The adapter page posting to the softphone frame. */
    function fromAdapter(data: unknown, options: { origin?: string; source?: MessageEventSource | null } = {}): void {
        softphoneWindow.dispatchEvent(
            new MessageEvent('message', {
                data,
                origin: options.origin ?? CRM_ORIGIN,
                source: options.source === undefined ? window : options.source
            })
        );
    }

    beforeEach(() => {
        frame = document.createElement('iframe');
        document.body.appendChild(frame);
        softphoneWindow = frame.contentWindow as Window;
        posted = [];
        errors = [];
        warnings = [];
        jest.spyOn(window, 'postMessage').mockImplementation(((message: Envelope, targetOrigin: string) => {
            posted.push({ message, targetOrigin });
        }) as typeof window.postMessage);
    });

    afterEach(() => {
        document.body.innerHTML = '';
        jest.restoreAllMocks();
    });

    it('runs inside a frame whose parent is the adapter page', () => {
        expect(softphoneWindow.parent).toBe(window);
    });

    it('forwards each seed function to the adapter origin, never "*"', () => {
        const bridge = install();
        expect(bridge.incomingCall({ ...IDS, callerANI: '+18883973342' })).toEqual({ ok: true, id: 'w-1' });
        expect(bridge.callAccepted({ ...IDS, recordingStatus: 'ON' }).ok).toBe(true);
        expect(bridge.callRejected({ ...IDS, reason: 'active' }).ok).toBe(true);
        expect(bridge.callEnded({ ...IDS, duration: 12, callType: 'inbound' }).ok).toBe(true);
        expect(bridge.callNotesSubmitted({ ...IDS, disposition: 'Resolved', notes: 'n' }).ok).toBe(true);
        expect(bridge.outboundCallInitiated({ ...IDS, dialledTo: '+18449401117' }).ok).toBe(true);
        expect(bridge.statusChanged({ softphoneId: 'avail-guid' }).ok).toBe(true);

        expect(posted.map((p) => p.targetOrigin)).toEqual(Array(7).fill(CRM_ORIGIN));
        expect(posted.map((p) => p.message.type)).toEqual([
            'incomingCall',
            'callAccepted',
            'callRejected',
            'callEnded',
            'callNotesSubmitted',
            'outboundCallInitiated',
            'statusChanged'
        ]);
        expect(posted[0]?.message).toEqual({
            protocol: ENVELOPE_PROTOCOL,
            version: 1,
            id: 'w-1',
            kind: 'call',
            type: 'incomingCall',
            payload: { ...IDS, callerANI: '+18883973342', language: 'en_US' }
        });
        expect(errors).toEqual([]);
    });

    it('accepts positional parameters and JSON strings', () => {
        const bridge = install();
        bridge.incomingCall('partner-guid', 'conv-1', '+18883973342');
        bridge.callEnded(JSON.stringify({ ...IDS, duration: 3 }));
        expect(posted.map((p) => p.message.payload)).toEqual([
            { ...IDS, callerANI: '+18883973342', language: 'en_US' },
            { ...IDS, duration: 3 }
        ]);
    });

    it("reports a vendor's mistake in the console and sends nothing", () => {
        const bridge = install();
        const result = bridge.callEnded({ partnerId: 'partner-guid', duration: '12' } as never);
        expect(result).toMatchObject({
            ok: false,
            error: { code: 'MISSING_FIELD', field: 'callEnded.conversationId' }
        });
        expect(errors).toEqual([
            '[StreemSoftphoneBridge] callEnded was not sent: callEnded.conversationId is required: a string of at most 255 characters.'
        ]);
        expect(bridge.statusChanged({ label: 'Away' } as never)).toMatchObject({
            ok: false,
            error: { code: 'MISSING_FIELD', field: 'statusChanged.softphoneId' }
        });
        expect(bridge.callEnded()).toMatchObject({ ok: false, error: { code: 'MISSING_FIELD' } });
        expect(posted).toEqual([]);
    });

    describe('what real vendors send (seed 002): liberal, with one console warning per field name', () => {
        it.each([
            [
                'an unknown field',
                'callAccepted',
                { ...IDS, queueName: 'Premium Support' },
                { ...IDS, language: 'en_US' },
                'callAccepted.queueName is not a known field and was ignored'
            ],
            [
                'a numeric-string duration',
                'callEnded',
                { ...IDS, duration: '95' },
                { ...IDS, duration: 95 },
                'callEnded.duration should be a number'
            ],
            [
                'a numeric caller ANI',
                'incomingCall',
                { ...IDS, callerANI: 15035551212 },
                { ...IDS, callerANI: '15035551212', language: 'en_US' },
                'incomingCall.callerANI should be text'
            ],
            [
                'an unknown rejection reason (kept)',
                'callRejected',
                { ...IDS, reason: 'timeout' },
                { ...IDS, reason: 'timeout' },
                'kept as given'
            ],
            [
                'an unknown recording status (kept)',
                'callAccepted',
                { ...IDS, recordingStatus: 'PAUSED' },
                { ...IDS, language: 'en_US', recordingStatus: 'PAUSED' },
                'kept as given'
            ],
            [
                'an unknown call type (dropped: it sets the direction)',
                'callEnded',
                { ...IDS, callType: 'transfer' },
                { ...IDS },
                'It was ignored'
            ]
        ] as const)('sends the call despite %s', (_name, type, input, sentPayload, warning) => {
            const bridge = install();
            const call = bridge[type] as (payload: unknown) => { ok: boolean };
            expect(call(input)).toMatchObject({
                ok: true,
                warnings: [expect.objectContaining({ field: expect.stringContaining(type) as unknown })]
            });
            expect(posted.map((p) => p.message)).toEqual([
                expect.objectContaining({ kind: 'call', type, payload: sentPayload })
            ]);
            expect(errors).toEqual([]);
            expect(warnings).toEqual([expect.stringContaining(warning)]);
            // Once per field name for the page's life.
            call(input);
            expect(posted).toHaveLength(2);
            expect(warnings).toHaveLength(1);
        });
    });

    it('sends the call of fn(payload, extra…) for the payload, and warns once that the rest was ignored', () => {
        const bridge = install();
        const callEnded = bridge.callEnded as (...args: unknown[]) => { ok: boolean };
        expect(callEnded({ ...IDS, duration: 60 }, 'callEnded')).toMatchObject({ ok: true });
        expect(callEnded({ ...IDS, duration: 61 }, 0, [])).toMatchObject({ ok: true });
        expect(posted.map((p) => p.message)).toEqual([
            expect.objectContaining({ type: 'callEnded', payload: { ...IDS, duration: 60 } }),
            expect.objectContaining({ type: 'callEnded', payload: { ...IDS, duration: 61 } })
        ]);
        expect(warnings).toEqual([expect.stringContaining('argument(s) after the payload were ignored')]);
    });

    describe('never answers an error with an error', () => {
        const malformed = (kind: string, type: string, payload?: unknown): Record<string, unknown> => ({
            ...createEnvelope('event', 'x', 'a-bad'),
            kind,
            type,
            ...(payload === undefined ? {} : { payload })
        });

        it.each([
            ['an error with a blank type', malformed('error', '', { code: 'MISSING_FIELD', message: 'm' })],
            ['an error without message', malformed('error', 'callEnded', { code: 'X' })],
            ['an ack with a payload', malformed('ack', 'callEnded', { x: 1 })],
            ['a message of unreadable kind', malformed('', 'callEnded')]
        ])('stays silent on %s from Salesforce', (_name, message) => {
            install().load(jest.fn());
            posted.length = 0;
            fromAdapter(message);
            expect(posted).toEqual([]);
        });

        it('answers a malformed event once, with an error Salesforce can read', () => {
            install().load(jest.fn());
            posted.length = 0;
            fromAdapter(malformed('event', ''));
            expect(posted).toHaveLength(1);
            expect(posted[0]?.message).toMatchObject({ kind: 'error', type: 'unknown', replyTo: 'a-bad' });
            expect(readFromSoftphone(posted[0]?.message).ok).toBe(true);
        });

        it('with the real adapter core on the other side, `type: ""` costs one reply, not a storm', () => {
            const adapter = createBridge({
                crm: {
                    showPanel: () => undefined,
                    screenPop: () => Promise.resolve([]),
                    openRecord: () => Promise.resolve(),
                    publish: () => undefined,
                    saveLog: () => Promise.resolve('00T000000000001AAA'),
                    updateLog: () => Promise.resolve()
                },
                softphone: { send: () => undefined },
                settings: { dispositions: [], presenceOptions: [], logMissedCalls: false },
                store: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined },
                scheduler: { setTimeout: () => 0, clearTimeout: () => undefined },
                clock: () => 0,
                normalizePhone: (n) => n,
                adapterId: 'adapter-test'
            });
            install().load(jest.fn());
            posted.length = 0;
            for (const [first, toAdapter] of [
                [malformed('call', '', IDS), true],
                [malformed('event', ''), false]
            ] as const) {
                let hops = 0;
                let toWrapper: unknown[] = toAdapter ? [] : [first];
                let inbound: unknown[] = toAdapter ? [first] : [];
                while ((inbound.length > 0 || toWrapper.length > 0) && hops < 100) {
                    for (const message of inbound.splice(0)) {
                        hops += 1;
                        const reply = adapter.receiveFromSoftphone(message);
                        if (reply) toWrapper.push(reply);
                    }
                    for (const message of toWrapper.splice(0)) {
                        hops += 1;
                        fromAdapter(message);
                    }
                    inbound = posted.splice(0).map((p) => p.message);
                    toWrapper = toWrapper.splice(0);
                }
                expect(hops).toBe(2); // the bad message and its one error reply
            }
            adapter.dispose();
        });
    });

    it('announces load, then delivers callback events', () => {
        const bridge = install();
        const callback = jest.fn();
        expect(bridge.load(callback)).toEqual({ ok: true, id: 'w-1' });
        expect(posted[0]?.message).toMatchObject({ kind: 'hello', type: 'load', payload: { wrapperVersion: '1.0.0' } });

        fromAdapter(createEnvelope('event', 'disposition', 'a-1', ['Resolved', 'Callback']));
        fromAdapter(createEnvelope('event', 'get_presence', 'a-2'));
        fromAdapter(
            createEnvelope('event', 'start_call', 'a-3', {
                partnerId: 'p',
                businessSegmentId: 'b',
                channelOriginId: 'c',
                dialTo: '+18883973342'
            })
        );
        expect(callback.mock.calls).toEqual([
            ['disposition', ['Resolved', 'Callback']],
            ['get_presence', undefined],
            ['start_call', { partnerId: 'p', businessSegmentId: 'b', channelOriginId: 'c', dialTo: '+18883973342' }]
        ]);
    });

    it('queues events that arrive before load(callback) and delivers them in order', () => {
        const bridge = install();
        fromAdapter(
            createEnvelope('event', 'partner_config', 'a-1', {
                partnerId: 'p',
                businessSegmentId: 'b',
                channelOriginId: 'c'
            })
        );
        fromAdapter(createEnvelope('event', 'update_presence', 'a-2', { softphoneId: 'break-guid' }));
        const callback = jest.fn();
        bridge.load(callback);
        expect(callback.mock.calls.map(([type]) => type)).toEqual(['partner_config', 'update_presence']);
    });

    it('keeps the queue bounded', () => {
        const bridge = install();
        for (let i = 0; i <= MAX_QUEUED_EVENTS; i++) fromAdapter(createEnvelope('event', 'get_presence', `a-${i}`));
        const callback = jest.fn();
        bridge.load(callback);
        expect(callback).toHaveBeenCalledTimes(MAX_QUEUED_EVENTS);
        expect(warnings).toHaveLength(1);
    });

    it('resolves a callback given by name, as the seed types it (String)', () => {
        const bridge = install();
        const named = jest.fn();
        (softphoneWindow as unknown as Record<string, unknown>).onSoftphoneEvent = named;
        bridge.load('onSoftphoneEvent');
        fromAdapter(createEnvelope('event', 'get_presence', 'a-1'));
        expect(named).toHaveBeenCalledWith('get_presence', undefined);
    });

    it('resolves a dotted name as a method on its object, and waits (saying so once) for one defined later', () => {
        const bridge = install();
        const received: unknown[] = [];
        const win = softphoneWindow as unknown as Record<string, unknown>;
        bridge.load('softphone.onEvent');
        fromAdapter(createEnvelope('event', 'get_presence', 'a-1'));
        fromAdapter(createEnvelope('event', 'get_presence', 'a-2'));
        expect(errors).toEqual([expect.stringContaining('"softphone.onEvent" is not a function')]);
        win.softphone = {
            name: 'vendor',
            onEvent(this: { name: string }, type: string) {
                received.push(`${this.name}:${type}`);
            }
        };
        fromAdapter(createEnvelope('event', 'update_presence', 'a-3', { softphoneId: 'break-guid' }));
        expect(received).toEqual(['vendor:get_presence', 'vendor:get_presence', 'vendor:update_presence']);
        bridge.load('constructor.constructor');
        fromAdapter(createEnvelope('event', 'get_presence', 'a-4'));
        expect(received).toHaveLength(3);
    });

    it.each([
        ['another origin', { origin: 'https://evil.example.com' }],
        ['another window', { source: softphoneWindowRef() }],
        ['no source', { source: null }]
    ])('ignores messages from %s', (_name, options) => {
        const bridge = install();
        const callback = jest.fn();
        bridge.load(callback);
        posted.length = 0;
        fromAdapter(createEnvelope('event', 'get_presence', 'a-1'), options);
        expect(callback).not.toHaveBeenCalled();
        expect(posted).toEqual([]);
    });

    it('ignores foreign postMessage traffic from the parent without answering', () => {
        install().load(jest.fn());
        posted.length = 0;
        fromAdapter({ type: 'lightning:ping' });
        expect(posted).toEqual([]);
        expect(errors).toEqual([]);
    });

    it('answers a malformed message from Salesforce with an error and delivers nothing', () => {
        const bridge = install();
        const callback = jest.fn();
        bridge.load(callback);
        posted.length = 0;
        fromAdapter(createEnvelope('event', 'start_call', 'a-9', { dialTo: '+18883973342' }));
        expect(callback).not.toHaveBeenCalled();
        expect(posted[0]).toMatchObject({
            targetOrigin: CRM_ORIGIN,
            message: { kind: 'error', replyTo: 'a-9', payload: { code: 'MISSING_FIELD' } }
        });
        expect(errors[0]).toContain('Ignored a malformed message from Salesforce');
    });

    it("shows Salesforce's rejection of a call in the vendor's console", () => {
        install();
        fromAdapter(
            createEnvelope(
                'error',
                'callEnded',
                'a-1',
                {
                    code: 'MISSING_FIELD',
                    message: 'callEnded.conversationId is required',
                    field: 'callEnded.conversationId'
                },
                'w-1'
            )
        );
        expect(errors).toEqual([
            '[StreemSoftphoneBridge] Salesforce rejected callEnded (callEnded.conversationId): callEnded.conversationId is required'
        ]);
    });

    it('contains a throwing callback and tells the adapter', () => {
        const bridge = install();
        bridge.load(() => {
            throw new Error('dropdown not ready');
        });
        posted.length = 0;
        fromAdapter(createEnvelope('event', 'disposition', 'a-1', ['x']));
        expect(errors[0]).toContain('dropdown not ready');
        expect(posted[0]?.message).toMatchObject({
            kind: 'error',
            replyTo: 'a-1',
            payload: { code: 'CALLBACK_FAILED' }
        });
    });

    it('refuses to send anything without a trusted crmOrigin, and says why once', () => {
        const bridge = install('https://evil.example.com');
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain('not a Salesforce domain');
        expect(bridge.incomingCall(IDS)).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
        expect(posted).toEqual([]);
    });

    it('rejects a load() without a callback', () => {
        expect(install().load(42 as never)).toMatchObject({ ok: false, error: { code: 'WRONG_TYPE' } });
    });

    function softphoneWindowRef(): MessageEventSource {
        // A window that is not the parent: the softphone frame itself.
        const other = document.createElement('iframe');
        document.body.appendChild(other);
        return other.contentWindow as Window;
    }
});

describe('crmOrigin', () => {
    it.each([
        'https://acme--c.vf.force.com',
        'https://acme.lightning.force.com',
        'https://acme--uat--c.sandbox.vf.force.com',
        'https://acme.my.salesforce.com',
        'https://acme--c.visualforce.com',
        'https://acme.my.salesforce-setup.com',
        'http://localhost:3333'
    ])('accepts %s', (origin) => {
        expect(checkCrmOrigin(origin)).toEqual({ ok: true, value: origin });
    });

    it.each([
        ['not a URL', 'salesforce'],
        ['a path', 'https://acme--c.vf.force.com/apex/SoftphoneAdapter'],
        ['plain http', 'http://acme--c.vf.force.com'],
        ['another domain', 'https://force.com.evil.example'],
        ['a look-alike', 'https://evilforce.com']
    ])('rejects %s', (_name, origin) => {
        expect(checkCrmOrigin(origin).ok).toBe(false);
    });

    it('accepts an origin the vendor allowed explicitly', () => {
        expect(checkCrmOrigin('https://crm.example.com', ['https://crm.example.com']).ok).toBe(true);
    });

    it('reads the URL parameter, remembers it for the tab, and checks the real embedder', () => {
        const memory = new Map<string, string>();
        const storage = {
            getItem: (k: string) => memory.get(k) ?? null,
            setItem: (k: string, v: string) => void memory.set(k, v)
        };
        expect(resolveCrmOrigin({ search: `?crmOrigin=${encodeURIComponent(CRM_ORIGIN)}`, storage })).toEqual({
            ok: true,
            value: CRM_ORIGIN
        });
        expect(memory.get(CRM_ORIGIN_STORAGE_KEY)).toBe(CRM_ORIGIN);
        expect(resolveCrmOrigin({ search: '?view=dialpad', storage })).toEqual({ ok: true, value: CRM_ORIGIN });
        expect(
            resolveCrmOrigin({
                search: `?crmOrigin=${CRM_ORIGIN}`,
                ancestorOrigins: ['https://other.my.salesforce.com']
            })
        ).toMatchObject({
            ok: false,
            error: { code: 'NOT_CONNECTED' }
        });
        expect(resolveCrmOrigin({ search: '' })).toMatchObject({ ok: false, error: { field: 'crmOrigin' } });
    });
});

describe('softphoneWrapper static resource entry', () => {
    afterEach(() => {
        delete (window as unknown as Record<string, unknown>).StreemSoftphoneBridge;
        window.history.replaceState({}, '', '/');
    });

    it('defines one documented global with every seed function, once', async () => {
        window.history.replaceState({}, '', '/?crmOrigin=http%3A%2F%2Flocalhost%3A3333');
        await jest.isolateModulesAsync(async () => {
            await import('../../../resources/softphoneWrapper');
        });
        const global = (window as unknown as Record<string, StreemSoftphoneBridge>).StreemSoftphoneBridge;
        expect(Object.keys(global ?? {}).sort()).toEqual(
            [
                'callAccepted',
                'callEnded',
                'callNotesSubmitted',
                'callRejected',
                'incomingCall',
                'load',
                'outboundCallInitiated',
                'statusChanged',
                'version'
            ].sort()
        );
        await jest.isolateModulesAsync(async () => {
            await import('../../../resources/softphoneWrapper');
        });
        expect((window as unknown as Record<string, StreemSoftphoneBridge>).StreemSoftphoneBridge).toBe(global);
    });
});
