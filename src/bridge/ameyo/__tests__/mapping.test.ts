/** @jest-environment node */
import {
    AMEYO_HANDLERS,
    AMEYO_PARTNER_ID,
    TIMELINE_HEADING,
    ameyoScriptUrl,
    ameyoToolbarUrl,
    callEndedFor,
    callsForShowCrm,
    planDial,
    readCampaign,
    readDisposeResult,
    readDispositionCodes,
    readLogin,
    readShowCrm,
    refusesDisposeAndDial,
    timelineEntry,
    withTimeline
} from '../mapping';

describe('Ameyo toolbar mapping', () => {
    it("builds seed 004's script and toolbar addresses", () => {
        expect(ameyoScriptUrl('https://ameyo.example.net:8443/', '4.2')).toBe(
            'https://ameyo.example.net:8443/ameyowebaccess/toolbar/js/ameyo-integration-v4.2.js'
        );
        expect(ameyoToolbarUrl('https://ameyo.example.net:8443', 'https://acme--c.vf.force.com')).toBe(
            'https://ameyo.example.net:8443/ameyowebaccess/toolbar-crm.htm?origin=https%3A%2F%2Facme--c.vf.force.com'
        );
    });

    it('lists every handler of the seed table once', () => {
        expect(new Set(AMEYO_HANDLERS).size).toBe(AMEYO_HANDLERS.length);
        expect(AMEYO_HANDLERS).toHaveLength(26);
    });

    describe('showCrm', () => {
        it('reads an inbound pop: the call id from the parameters, the request id to acknowledge', () => {
            const request = readShowCrm('+15035551212', { crtObjectId: 'd604-27', callType: 'inbound' }, 'req-1');
            expect(request).toEqual({
                conversationId: 'd604-27',
                requestId: 'req-1',
                phone: '+15035551212',
                direction: 'inbound'
            });
            expect(callsForShowCrm(request!)).toEqual([
                {
                    type: 'incomingCall',
                    payload: {
                        partnerId: AMEYO_PARTNER_ID,
                        conversationId: 'd604-27',
                        callerANI: '+15035551212',
                        language: 'en_US'
                    }
                },
                {
                    type: 'callAccepted',
                    payload: expect.objectContaining({ conversationId: 'd604-27', channelName: 'Ameyo' })
                }
            ]);
        });

        it('reads outbound pops, JSON parameters, and falls back to the request id', () => {
            const outbound = readShowCrm(5035551212, '{"callId":"c-9","callType":"outbound.manual.dial"}', 'req-2');
            expect(outbound).toMatchObject({ conversationId: 'c-9', direction: 'outbound', phone: '5035551212' });
            expect(callsForShowCrm(outbound!).map((c) => c.type)).toEqual(['outboundCallInitiated', 'callAccepted']);
            expect(readShowCrm('+1', undefined, 'req-3')).toMatchObject({ conversationId: 'req-3' });
            expect(readShowCrm('+1', { requestId: 'req-4' }, undefined)).toMatchObject({ requestId: 'req-4' });
        });

        it('ignores a pop it cannot acknowledge, and never throws on junk', () => {
            expect(readShowCrm('+1', {}, '')).toBeNull();
            expect(readShowCrm(null, null, null)).toBeNull();
            expect(readShowCrm({}, 'not json {', [])).toBeNull();
        });

        it('ends the call on hangup, with its direction', () => {
            expect(callEndedFor('c-1', 'outbound')).toEqual({
                type: 'callEnded',
                payload: { partnerId: AMEYO_PARTNER_ID, conversationId: 'c-1', callType: 'outbound' }
            });
        });
    });

    describe('login', () => {
        it.each([
            ['success', 'loggedIn'],
            [{ status: 'forceLoginRequired', responseText: 'already logged in' }, 'forceLoginRequired'],
            ['auth policy incorrect', 'loginFailed'],
            ['username or password empty', 'loginFailed'],
            ['logged out', 'loggedOut'],
            [undefined, 'loginFailed']
        ])('%j → %s', (raw, status) => {
            expect(readLogin(raw).status).toBe(status);
        });

        it('keeps the failure reason for the agent', () => {
            expect(readLogin('auth policy incorrect')).toEqual({
                status: 'loginFailed',
                message: 'auth policy incorrect'
            });
        });

        it('reads campaign names with ids', () => {
            expect(readCampaign('Inbound Sales (12)')).toEqual({ name: 'Inbound Sales', id: '12' });
            expect(readCampaign({ campaignName: 'Support', campaignId: 2 })).toEqual({ name: 'Support', id: '2' });
            expect(readCampaign('Support')).toEqual({ name: 'Support' });
        });
    });

    describe('dispositions', () => {
        it('reads two-level codes in the shapes Ameyo may send', () => {
            const classes = [
                { dispositionClassName: 'Contacted', dispositionCodes: ['Sale', { dispositionCode: 'callback' }] },
                { name: 'Empty', codes: [] }
            ];
            const expected = { groups: [{ label: 'Contacted', codes: ['Sale', 'callback'] }] };
            expect(readDispositionCodes(classes)).toEqual(expected);
            expect(readDispositionCodes(JSON.stringify(classes))).toEqual(expected);
            expect(readDispositionCodes({ dispositionClasses: classes })).toEqual(expected);
            expect(readDispositionCodes({ Contacted: ['Sale', 'callback', 'Sale'] })).toEqual(expected);
            expect(readDispositionCodes(['No answer'])).toEqual({
                groups: [{ label: 'Dispositions', codes: ['No answer'] }]
            });
            expect(readDispositionCodes('junk')).toEqual({ groups: [] });
            expect(readDispositionCodes(null)).toEqual({ groups: [] });
        });

        it('reads the dispose result, and refuses callback for dispose-and-dial', () => {
            expect(readDisposeResult('success')).toEqual({ ok: true });
            expect(readDisposeResult({ status: 'success' }, 'dial failed')).toEqual({
                ok: true,
                message: 'dial failed'
            });
            expect(readDisposeResult('invalid code')).toEqual({ ok: false, message: 'invalid code' });
            expect(readDisposeResult(undefined).ok).toBe(false);
            expect(refusesDisposeAndDial(' Callback ')).toBe(true);
            expect(refusesDisposeAndDial('call_back')).toBe(true);
            expect(refusesDisposeAndDial('Sale')).toBe(false);
        });
    });

    describe('click-to-dial', () => {
        const payload = { partnerId: 'p', businessSegmentId: 'b', channelOriginId: 'c', dialTo: '+15035551212' };
        it('dials at once with doDial, or fills the dial box when the agent confirms', () => {
            expect(planDial(payload, false)).toEqual({
                api: 'doDial',
                args: ['+15035551212', '-1', { source: 'salesforce' }]
            });
            expect(planDial(payload, true)).toEqual({ api: 'populateNumberInDialBox', args: ['+15035551212'] });
        });
    });

    describe('transfer and conference timeline', () => {
        const at = Date.UTC(2026, 11, 1, 14, 3, 27);
        it("uses Ameyo's text, else the seed's", () => {
            expect(timelineEntry('transferToAQHandler', 'transfer to agent queue request sent', at)).toEqual({
                at,
                kind: 'transfer',
                text: 'transfer to agent queue request sent'
            });
            expect(timelineEntry('conferWithUserHandler', undefined, at)).toEqual({
                at,
                kind: 'conference',
                text: 'Confer with user request sent'
            });
        });

        it('writes the timeline as its own Description section and replaces an older copy', () => {
            const one = [timelineEntry('transferToUserHandler', undefined, at)];
            const first = withTimeline('Caller wants a refund', one);
            expect(first).toBe(
                `Caller wants a refund\n\n${TIMELINE_HEADING}\n- 14:03:27 UTC Transfer to user request sent`
            );
            const two = [...one, timelineEntry('conferWithPhoneHandler', undefined, at + 1000)];
            expect(withTimeline(first, two)).toBe(
                `Caller wants a refund\n\n${TIMELINE_HEADING}\n- 14:03:27 UTC Transfer to user request sent\n- 14:03:28 UTC Confer phone request sent`
            );
            expect(withTimeline(undefined, [])).toBeUndefined();
            expect(withTimeline('notes', [])).toBe('notes');
            expect(withTimeline('x'.repeat(40_000), one)!.length).toBe(32_000);
        });
    });
});
