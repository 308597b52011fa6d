/** @jest-environment node */
import {
    CALL_POP_PATH,
    DEFAULT_MAPPINGS,
    LIMITS,
    callPopPath,
    mappingFor,
    normalizeDuration,
    normalizeEvent,
    normalizePhone,
    parseMapping,
    readCallPop,
    toState,
    translateVendorParams
} from 'c/callPopParams';

function vendor(query: string): [string, string][] {
    return [...new URLSearchParams(query).entries()];
}

describe('c-call-pop-params', () => {
    describe('readCallPop', () => {
        it('reads every c__ parameter of a ring and a hang-up', () => {
            expect(
                readCallPop({
                    c__event: 'hangup',
                    c__phone: '+1 (503) 555-1212',
                    c__callId: 'conv-42',
                    c__duration: '95',
                    c__disposition: 'Resolved',
                    c__queue: 'Sales',
                    c__agent: 'Ann',
                    c__profile: 'Puzzel',
                    c__taskId: '00T000000000001AAA',
                    c__logDetail: 'FIELD_CUSTOM_VALIDATION_EXCEPTION:\u202E Call Result is required',
                    c__noMatch: 'newLead',
                    c__multipleMatches: 'ask'
                })
            ).toEqual({
                pop: {
                    event: 'hangup',
                    phone: '+1 (503) 555-1212',
                    callId: 'conv-42',
                    durationSeconds: 95,
                    disposition: 'Resolved',
                    queue: 'Sales',
                    agent: 'Ann',
                    profile: 'puzzel',
                    taskId: '00T000000000001AAA',
                    logDetail: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Call Result is required',
                    noMatch: 'newLead',
                    multipleMatches: 'ask'
                },
                refused: []
            });
        });

        it('treats a pop without an event as a ring and ignores unknown and unprefixed keys', () => {
            expect(readCallPop({ phone: '5035551212', c__phone: '5035551212', c__other: 'x' })).toEqual({
                pop: { event: 'ring', phone: '5035551212' },
                refused: []
            });
        });

        it('drops invalid values and names them, never throwing on any shape', () => {
            const { pop, refused } = readCallPop({
                c__event: 'explode',
                c__phone: '<img src=x onerror=alert(1)>',
                c__duration: '-5',
                c__taskId: "00T'; DROP",
                c__logError: 'other',
                c__logDetail: 'Call +1 555 0100 to fix your account',
                c__noMatch: 'newCase',
                c__profile: '../../etc'
            });
            expect(pop).toEqual({ event: 'ring' });
            expect(refused.sort()).toEqual(
                [
                    'c__duration',
                    'c__event',
                    'c__logError',
                    'c__logDetail',
                    'c__noMatch',
                    'c__phone',
                    'c__profile',
                    'c__taskId'
                ].sort()
            );
            for (const state of [null, undefined, 42, 'x', [], { c__phone: { toString: () => '1' } }])
                expect(() => readCallPop(state)).not.toThrow();
        });

        it('caps lengths, drops oversized values unread and strips control, bidi and zero-width characters', () => {
            const { pop, refused } = readCallPop({
                c__callId: 'x'.repeat(300),
                c__queue: `Sa\u202Eles\u0000\u200B${'q'.repeat(200)}`,
                c__disposition: 'd'.repeat(LIMITS.raw + 1),
                c__agent: 'Ann\nSmith'
            });
            expect(pop.callId).toHaveLength(LIMITS.callId);
            expect(pop.queue).toHaveLength(LIMITS.queue);
            expect(pop.queue!.startsWith('Sa les')).toBe(true);
            expect(pop.agent).toBe('Ann Smith');
            expect(pop.disposition).toBeUndefined();
            expect(refused).toEqual(['c__disposition']);
        });
    });

    it('normalizes vendor words for events, numbers and durations', () => {
        expect(['ring', 'RINGING', 'alerting', 'offered'].map(normalizeEvent)).toEqual([
            'ring',
            'ring',
            'ring',
            'ring'
        ]);
        expect(['hangup', 'Hang-Up', 'ended', 'disconnected'].map(normalizeEvent)).toEqual([
            'hangup',
            'hangup',
            'hangup',
            'hangup'
        ]);
        expect(normalizeEvent('answer')).toBeUndefined();
        expect(normalizePhone('2149')).toBe('2149');
        expect(normalizePhone('12')).toBeUndefined();
        expect(normalizePhone('1'.repeat(41))).toBeUndefined();
        expect(normalizePhone(['javascript', 'alert(1)'].join(':'))).toBeUndefined();
        expect(['95', '95.7', '95s', '0'].map(normalizeDuration)).toEqual([95, 95, 95, 0]);
        expect(['86401', '1e3', 'abc', ''].map(normalizeDuration)).toEqual([
            undefined,
            undefined,
            undefined,
            undefined
        ]);
    });

    it("reads a vendor's own words for a hang-up, and a pop with a duration or result as one", () => {
        expect(
            ['call_ended', 'CallEnded', 'hang up', 'END_CALL', 'wrap_up', 'terminated', 'Disconnected'].map(
                normalizeEvent
            )
        ).toEqual(Array(7).fill('hangup'));
        expect(['IncomingCall', 'call_offered', 'Ringing'].map(normalizeEvent)).toEqual(['ring', 'ring', 'ring']);
        expect(['pending', 'answer'].map(normalizeEvent)).toEqual([undefined, undefined]);
        expect(readCallPop({ c__event: 'whatever', c__duration: '65' }).pop.event).toBe('hangup');
        expect(readCallPop({ c__disposition: 'Sale' }).pop.event).toBe('hangup');
        expect(readCallPop({ c__phone: '5035551212' }).pop.event).toBe('ring');
    });

    it('reads durations as clocks and decimal commas, and numbers from tel: and sip: addresses', () => {
        expect(['00:01:05', '1:05', '65,4', '65 sec', '65 seconds'].map(normalizeDuration)).toEqual([
            65, 65, 65, 65, 65
        ]);
        expect(['25:00:00', '1:75'].map(normalizeDuration)).toEqual([undefined, undefined]);
        expect(normalizePhone('tel:+4722334455')).toBe('+4722334455');
        expect(normalizePhone('sip:+4722334455@pbx.example.net')).toBe('+4722334455');
        expect(normalizePhone('+4722334455;ext=12')).toBe('+4722334455;ext=12');
    });

    it('takes the first mapped name whose value is usable, not the first present', () => {
        const { pop, refused } = translateVendorParams(
            vendor('profile=puzzel&anum=not%20a%20number!&customerNumber=%2B4722334455'),
            { mappings: { puzzel: 'phone=anum|customerNumber' } }
        );
        expect(pop.phone).toBe('+4722334455');
        expect(refused).toEqual([]);
    });

    it("reads the package's own c__ names whatever the admin mapped (the component hands calls over with them)", () => {
        const settings = { mappings: { generic: 'phone=caller; callId=id' } };
        const { pop } = translateVendorParams(
            vendor('c__event=hangup&c__phone=%2B4722334455&c__callId=c-1&c__duration=42'),
            settings
        );
        expect(pop).toMatchObject({ event: 'hangup', phone: '+4722334455', callId: 'c-1', durationSeconds: 42 });
        // A mapped vendor name still comes first.
        expect(translateVendorParams(vendor('caller=%2B4711111111&c__phone=%2B4722334455'), settings).pop.phone).toBe(
            '+4711111111'
        );
    });

    it('builds only the component path, whatever the values', () => {
        const path = callPopPath({ event: 'ring', phone: '+1 503', callId: 'https://evil.example/&c__x=1' });
        expect(path.startsWith(`${CALL_POP_PATH}?`)).toBe(true);
        const query = new URLSearchParams(path.slice(path.indexOf('?') + 1));
        expect(query.get('c__callId')).toBe('https://evil.example/&c__x=1');
        expect(query.get('c__phone')).toBe('+1 503');
        expect([...query.keys()]).toEqual(['c__event', 'c__phone', 'c__callId']);
        expect(readCallPop(toState({ event: 'hangup', durationSeconds: 7, taskId: '00T000000000001' })).pop).toEqual({
            event: 'hangup',
            durationSeconds: 7,
            taskId: '00T000000000001'
        });
    });

    describe('vendor profiles', () => {
        it('translates Puzzel variables (seed 003) for ring and hang-up', () => {
            expect(
                translateVendorParams(vendor('profile=puzzel&event=ring&anum=2149&queue_key=sales&callid=p-1')).pop
            ).toEqual({
                event: 'ring',
                phone: '2149',
                callId: 'p-1',
                queue: 'sales',
                profile: 'puzzel'
            });
            expect(
                translateVendorParams(vendor('profile=puzzel&event=hangup&anum=2149&callid=p-1&duration=61')).pop
            ).toMatchObject({ event: 'hangup', callId: 'p-1', durationSeconds: 61 });
        });

        it("translates Ameyo's call URL (seed 001) and never passes its session ids on", () => {
            const { pop } = translateVendorParams(
                vendor(
                    'profile=ameyo&phone=8447380993&sessionId=d108-secret&crmSessionId=c1&userCrtObjectId=u1&crtObjectId=d604-vce-27&campaignId=60&userId=agent7&callType=inbound'
                )
            );
            expect(pop).toEqual({
                event: 'ring',
                phone: '8447380993',
                callId: 'd604-vce-27',
                queue: '60',
                agent: 'agent7',
                profile: 'ameyo'
            });
            expect(JSON.stringify(toState(pop))).not.toMatch(/secret|c1|u1/);
        });

        it('matches vendor names case-insensitively (seed 001 lost its case), first present name wins', () => {
            expect(
                translateVendorParams(vendor('profile=AMEYO&DISPLAYPHONE=555-0100&crtobjectid=c')).pop
            ).toMatchObject({
                phone: '555-0100',
                callId: 'c',
                profile: 'ameyo'
            });
            expect(translateVendorParams(vendor('profile=ameyo&phone=5550100&displayPhone=5559999')).pop.phone).toBe(
                '5550100'
            );
        });

        it('uses the generic profile for unknown or missing profiles and drops unmapped parameters', () => {
            const { pop } = translateVendorParams(
                vendor('profile=evil&phone=5035551212&callId=g1&redirect=https://evil.example&state=hangup')
            );
            expect(pop).toEqual({ event: 'ring', phone: '5035551212', callId: 'g1', profile: 'generic' });
        });

        it("uses the admin's mapping from the custom setting, and the pop choices", () => {
            const { pop } = translateVendorParams(vendor('profile=puzzel&caller=5551234&id=x9&anum=0000'), {
                mappings: { puzzel: 'phone=caller; callId=id' },
                noMatch: 'newContact',
                multipleMatches: 'search'
            });
            expect(pop).toEqual({
                event: 'ring',
                phone: '5551234',
                callId: 'x9',
                profile: 'puzzel',
                noMatch: 'newContact',
                multipleMatches: 'search'
            });
            expect(translateVendorParams(vendor('anum=5551234'), { noMatch: 'explode' }).pop.noMatch).toBeUndefined();
        });

        it('refuses credentials and nonsense in a mapping, falling back to the default when nothing is left', () => {
            const parsed = parseMapping('phone=sessionId|anum; colour=red; callId=bad name; agent=');
            expect(parsed.mapping).toEqual({ phone: ['anum'] });
            expect(parsed.problems).toHaveLength(4);
            const fallback = mappingFor('ameyo', { ameyo: 'phone=sessionId' });
            expect(fallback.source).toBe('default');
            expect(fallback.mapping).toEqual(parseMapping(DEFAULT_MAPPINGS.ameyo).mapping);
            expect(fallback.problems).toEqual(['"sessionId" carries a credential and is never passed on']);
        });

        it('keeps every default mapping within a 255-character Text field and free of secrets', () => {
            for (const text of Object.values(DEFAULT_MAPPINGS)) {
                expect(text.length).toBeLessThanOrEqual(255);
                expect(parseMapping(text).problems).toEqual([]);
            }
        });

        it('reads at most 200 parameters and a bounded query', () => {
            const many: [string, string][] = Array.from({ length: 5000 }, (_, i) => [`p${i}`, 'v']);
            many.push(['phone', '5035551212']);
            const started = Date.now();
            expect(translateVendorParams(many).pop.phone).toBeUndefined();
            expect(Date.now() - started).toBeLessThan(1000);
        });
    });
});
