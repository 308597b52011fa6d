/** @jest-environment node */
import {
    AMEYO_HANDLERS,
    AMEYO_PARTNER_ID,
    CALL_ID_MAX_LENGTH,
    TIMELINE_HEADING,
    ameyoScriptUrl,
    ameyoToolbarUrl,
    callEndedFor,
    callsForShowCrm,
    MAX_STORED_CALLS,
    MAX_TIMELINE_ENTRIES,
    mergeToolbarState,
    notesSubmittedFor,
    planDial,
    readCampaign,
    readDisposeResult,
    readDispositionCodes,
    readExtensionResult,
    readLogin,
    readShowCrm,
    readToolbarState,
    refusesDisposeAndDial,
    STORE_MAX_CHARS,
    STORED_CALL_MS,
    timelineEntry,
    toolbarStateJson,
    withTimeline
} from '../mapping';
import type { AmeyoCallState, SoftphoneCallDraft } from '../mapping';
import { validateSoftphoneCall } from '../../core/index';
import { CALL_ID_MAX_LENGTH as PROTOCOL_CALL_ID_MAX_LENGTH } from 'c/softphoneProtocol';

/** The drafts as the core takes them: the glue validates each with the adapter's contract. */
function validated(drafts: SoftphoneCallDraft[]): unknown[] {
    return drafts.map((draft) => {
        const result = validateSoftphoneCall(draft.type, draft.payload);
        if (!result.ok) throw new Error(result.error.message);
        return result.value.call;
    });
}

describe('Ameyo toolbar mapping', () => {
    it('keeps call ids as long as the protocol (Task.CallObject) does, and a longer one cut the same way each time', () => {
        expect(CALL_ID_MAX_LENGTH).toBe(PROTOCOL_CALL_ID_MAX_LENGTH);
        const longest = 'c'.repeat(CALL_ID_MAX_LENGTH);
        const read = (id: string) =>
            readShowCrm('+15035551212', { crtObjectId: id, callType: 'inbound' }, 'req-1')?.conversationId;
        expect(read(longest)).toBe(longest);
        expect(
            validated(
                callsForShowCrm(readShowCrm('+15035551212', { crtObjectId: longest, callType: 'inbound' }, 'req-1')!)
            )
        ).toEqual([
            expect.objectContaining({
                type: 'incomingCall',
                payload: expect.objectContaining({ conversationId: longest })
            }),
            expect.objectContaining({
                type: 'callAccepted',
                payload: expect.objectContaining({ conversationId: longest })
            })
        ]);
        expect(read(`${longest}-more`)).toBe(longest);
        // The name Ameyo's public sample pages read from usercustomercrtinfo.
        expect(
            readShowCrm('+15035551212', { customerCrtObjectId: 'd604-9', callType: 'inbound' }, 'req-9')
        ).toMatchObject({ conversationId: 'd604-9' });
    });

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
            expect(validated(callsForShowCrm(request!))).toEqual([
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

        it("reads the table's argument order, parameters as a call id or a CRM URL, and inbound call types that say dial", () => {
            expect(readShowCrm('+15035551212', 'req-2', { crtObjectId: 'd604-2' })).toMatchObject({
                conversationId: 'd604-2',
                requestId: 'req-2'
            });
            expect(readShowCrm('+15035551212', 'd604-3', 'req-3')).toMatchObject({
                conversationId: 'd604-3',
                requestId: 'req-3'
            });
            expect(
                readShowCrm('+1', 'https://crm.example/pop?callId=d604-4&callType=outbound.manual.dial', 'req-4')
            ).toMatchObject({ conversationId: 'd604-4', requestId: 'req-4', direction: 'outbound' });
            expect(readShowCrm('+1', { callId: 'c-5', callType: 'inbound.call.dial' }, 'req-5')).toMatchObject({
                direction: 'inbound'
            });
            // A call transferred to this agent came in, though its type ends in "dial".
            expect(
                readShowCrm('+1', { callId: 'c-6', callType: 'transferred.to.campaign.dial' }, 'req-6')
            ).toMatchObject({ direction: 'inbound' });
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
            expect(validated([callEndedFor('c-1', 'outbound')])).toEqual([
                {
                    type: 'callEnded',
                    payload: { partnerId: AMEYO_PARTNER_ID, conversationId: 'c-1', callType: 'outbound' }
                }
            ]);
        });

        it('builds the disposition as a call-notes draft the contract accepts', () => {
            expect(validated([notesSubmittedFor('c-1', 'Resolved', 'ok')])).toEqual([
                expect.objectContaining({
                    type: 'callNotesSubmitted',
                    payload: expect.objectContaining({ conversationId: 'c-1', disposition: 'Resolved', notes: 'ok' })
                })
            ]);
        });
    });

    describe('login', () => {
        it.each([
            ['success', 'loggedIn'],
            [{ status: 'forceLoginRequired', responseText: 'already logged in' }, 'forceLoginRequired'],
            ['auth policy incorrect', 'loginFailed'],
            ['username or password empty', 'loginFailed'],
            ['logged out', 'loggedOut'],
            [undefined, 'loginFailed'],
            ['Login Successful', 'loggedIn'],
            ['Logged in successfully', 'loggedIn'],
            [{ status: 'loginSuccess' }, 'loggedIn'],
            ['Login failed: unknown error occurred please refresh or retry', 'loginFailed'],
            ['not logged in', 'loggedOut']
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
            expect(readDisposeResult('null crtObjectId').ok).toBe(false);
            expect(readDisposeResult(false).ok).toBe(false);
            // The seed names no success wording: anything that does not say it failed is a success.
            for (const confirmed of [undefined, 'Disposition saved', 'done', 200, { result: 'success' }])
                expect(readDisposeResult(confirmed).ok).toBe(true);
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

    describe('what survives a reload (pops and timelines in the tab store)', () => {
        const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);
        const call = (conversationId: string, updatedAt = NOW): AmeyoCallState => ({
            conversationId,
            direction: 'inbound',
            pops: [{ requestId: `req-${conversationId}`, phone: '+15035551212', acked: false }],
            timeline: [{ at: NOW - 1_000, kind: 'transfer', text: 'transfer to agent queue request sent' }],
            updatedAt
        });

        it('reads back what it wrote, with the current call', () => {
            const state = {
                current: { conversationId: 'crt-1', direction: 'inbound' as const },
                calls: [call('crt-1')]
            };
            expect(readToolbarState(toolbarStateJson(state, NOW), NOW)).toEqual(state);
            expect(toolbarStateJson({ calls: [] }, NOW)).toBeNull();
        });

        it('drops what is old, beyond the count, or over the size ceiling (oldest first)', () => {
            const old = call('old', NOW - STORED_CALL_MS - 1);
            const many = Array.from({ length: MAX_STORED_CALLS + 5 }, (_, i) => call(`c${i}`, NOW - 1_000 + i));
            const read = readToolbarState(toolbarStateJson({ calls: [old, ...many] }, NOW), NOW);
            expect(read.calls).toHaveLength(MAX_STORED_CALLS);
            expect(read.calls[0]?.conversationId).toBe('c5');
            const big = Array.from({ length: 40 }, (_, i) => ({
                ...call(`big${i}`, NOW - 100 + i),
                timeline: Array.from({ length: MAX_TIMELINE_ENTRIES }, () => ({
                    at: NOW,
                    kind: 'conference' as const,
                    text: 'x'.repeat(255)
                }))
            }));
            const json = toolbarStateJson({ calls: big }, NOW) ?? '';
            expect(json.length).toBeLessThanOrEqual(STORE_MAX_CHARS);
            expect(readToolbarState(json, NOW).calls.at(-1)?.conversationId).toBe('big39');
        });

        it('ignores junk in storage without throwing', () => {
            for (const raw of [null, '', '{', '[]', '{"version":2,"calls":[]}', '{"version":1,"calls":{}}'])
                expect(readToolbarState(raw, NOW)).toEqual({ calls: [] });
            const read = readToolbarState(
                JSON.stringify({
                    version: 1,
                    current: { conversationId: 'x', direction: 'sideways' },
                    calls: [
                        null,
                        { conversationId: '' },
                        {
                            conversationId: 'ok',
                            updatedAt: NOW,
                            pops: [{ requestId: 'r1', acked: 'yes' }, { phone: 'no id' }],
                            timeline: [
                                { at: 'now', kind: 'transfer', text: 't' },
                                { at: 1, kind: 'x', text: 't' },
                                { at: 2, kind: 'transfer', text: 'kept' }
                            ]
                        }
                    ]
                }),
                NOW
            );
            expect(read).toEqual({
                calls: [
                    {
                        conversationId: 'ok',
                        updatedAt: NOW,
                        pops: [{ requestId: 'r1', phone: '', acked: false }],
                        timeline: [{ at: 2, kind: 'transfer', text: 'kept' }]
                    }
                ]
            });
        });

        it('merges the stored state with what came since the page started: stored lines first, an acknowledgement kept', () => {
            const stored = { calls: [{ ...call('crt-1'), pops: [{ requestId: 'r1', phone: '1', acked: true }] }] };
            const live = {
                current: { conversationId: 'crt-1', direction: 'inbound' as const },
                calls: [
                    {
                        conversationId: 'crt-1',
                        pops: [
                            { requestId: 'r1', phone: '1', acked: false },
                            { requestId: 'r2', phone: '1', acked: false }
                        ],
                        timeline: [{ at: NOW, kind: 'conference' as const, text: 'confer with user request sent' }],
                        updatedAt: NOW + 1
                    },
                    call('crt-2')
                ]
            };
            const merged = mergeToolbarState(stored, live);
            expect(merged.current).toEqual(live.current);
            expect(merged.calls.map((c) => c.conversationId)).toEqual(['crt-1', 'crt-2']);
            expect(merged.calls[0]).toMatchObject({
                direction: 'inbound',
                pops: [
                    { requestId: 'r1', acked: true },
                    { requestId: 'r2', acked: false }
                ],
                timeline: [{ text: 'transfer to agent queue request sent' }, { text: 'confer with user request sent' }],
                updatedAt: NOW + 1
            });
        });
    });

    it('reads selectExtensionHandler / modifyExtensionHandler: success with usercustomercrtinfo, or the exception detail', () => {
        expect(readExtensionResult('success', { extensionName: 'sip-1001', phone: '1001' })).toEqual({
            ok: true,
            extension: 'sip-1001'
        });
        expect(readExtensionResult('success', {})).toEqual({ ok: true });
        expect(readExtensionResult('Extension selected', {})).toEqual({ ok: true });
        expect(readExtensionResult(undefined, '{"extension":"sip-7"}')).toEqual({ ok: true, extension: 'sip-7' });
        expect(readExtensionResult('extension sip-1001 is busy', { crtObjectId: 'x' })).toEqual({
            ok: false,
            message: 'extension sip-1001 is busy'
        });
        expect(readExtensionResult({ status: 'failure', responseText: 'invalid extension' }, null)).toEqual({
            ok: false,
            message: 'invalid extension'
        });
    });
});
