/**
 * The wrapper in a simulated Salesforce page: the test document plays the adapter page and
 * a real jsdom iframe plays the vendor softphone page, so `window.parent`, `event.source`
 * and `event.origin` behave as in the browser.
 */
import { ENVELOPE_PROTOCOL, createEnvelope } from '../../core/validate';
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
            '[StreemSoftphoneBridge] callEnded was not sent: callEnded.conversationId is required: a string of at most 128 characters.'
        ]);
        expect(bridge.statusChanged({ softphoneId: 'x', label: 'Away' } as never)).toMatchObject({
            ok: false,
            error: { code: 'UNKNOWN_FIELD' }
        });
        expect(posted).toEqual([]);
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
