import type { CallView } from 'c/softphoneProtocol';
import {
    callAnnouncement,
    callCard,
    dispositionOptions,
    historyRowsKeeper,
    keepEqual,
    keepRest,
    memoizeLast,
    wrapUpStatusView
} from '../views';
import type { LinkFor } from '../views';
import RINGING_SEVERAL from './data/callRingingSeveralMatches.json';
import CONNECTED from './data/callConnected.json';
import ENDED from './data/callEnded.json';

const LEAD_ID = '00Q5e00000AbCdEEAV';
const linkFor: LinkFor = (recordId, label) => ({ recordId, label, url: `/r/${recordId}` });

describe('c-softphone-bridge views', () => {
    it('memoizeLast answers with the same object while the arguments are the same', () => {
        const compute = jest.fn((a: object, b: string) => ({ a, b }));
        const memo = memoizeLast(compute);
        const a = {};

        const first = memo(a, 'x');
        expect(memo(a, 'x')).toBe(first);
        expect(memo({}, 'x')).not.toBe(first);
        expect(memo(a, 'y')).not.toBe(first);
        expect(compute).toHaveBeenCalledTimes(3);
    });

    it('keepEqual keeps the previous object while a fresh one says the same', () => {
        const keep = keepEqual<{ kind: string }>();
        const first = keep({ kind: 'draft' });

        expect(keep({ kind: 'draft' })).toBe(first);
        expect(keep({ kind: 'saving' })).toEqual({ kind: 'saving' });
    });

    it('keepRest keeps the rest of a list the same array while the items after the first are the same', () => {
        const [a, b, c, d] = [{ n: 'a' }, { n: 'b' }, { n: 'c' }, { n: 'd' }];
        const rest = keepRest<{ n: string }>();
        const first = rest([a, b, c]);

        expect(first).toEqual([b, c]);
        expect(rest([d, b, c])).toBe(first); // only the first item changed
        expect(rest([d, a, b])).toEqual([a, b]); // a new first item: the others moved down
        expect(rest([a])).toEqual([]);
        expect(rest([])).toBe(rest([b]));
    });

    it('a ringing call with several matches: the records to choose from, the page record named as such', () => {
        const card = callCard(RINGING_SEVERAL.payload as CallView, linkFor, LEAD_ID.slice(0, 15), 'en-US');

        expect(card).toMatchObject({
            state: 'ringing',
            icon: 'utility:incoming_call',
            directionLabel: 'c.SoftphoneBridge_Direction_Inbound',
            stateLabel: 'c.SoftphoneBridge_State_Ringing',
            phoneValue: '5035550000',
            numberText: '(503) 555-0000',
            aboutThisRecord: false,
            noMatch: false
        });
        expect(card.record).toBeUndefined();
        expect(card.choices.map((choice) => [choice.recordId, choice.label])).toEqual([
            ['0035e00000XyZaBAAV', 'c.SoftphoneBridge_Choose_Record_Action'],
            [LEAD_ID, 'c.SoftphoneBridge_Choose_Record_This']
        ]);
        expect(callAnnouncement(card)).toBe('c.SoftphoneBridge_Announce_Call');
    });

    it('a connected call times from connectedAt; an ended one has its final duration', () => {
        const connected = callCard(CONNECTED.payload as CallView, linkFor, LEAD_ID, 'en-US');
        expect(connected.timerFrom).toBe(CONNECTED.payload.connectedAt);
        expect(connected.finalDuration).toBeUndefined();
        expect(connected.record).toEqual({ recordId: LEAD_ID, label: 'Joe Customer', url: `/r/${LEAD_ID}` });
        expect(connected.aboutThisRecord).toBe(true);

        const ended = callCard(ENDED.payload as CallView, linkFor, undefined, 'en-US');
        expect(ended.timerFrom).toBeUndefined();
        expect(ended.finalDuration).toBe('2:05');
    });

    it('history rows: outcome or state, duration, record and Task links', () => {
        const rows = historyRowsKeeper()(
            [
                {
                    conversationId: 'conv-2',
                    direction: 'inbound',
                    state: 'ended',
                    outcome: 'missed',
                    startedAt: 2
                },
                {
                    conversationId: 'conv-1',
                    direction: 'outbound',
                    state: 'wrappedUp',
                    phoneNumber: '+15035551212',
                    startedAt: 1,
                    durationSeconds: 125,
                    record: { recordId: LEAD_ID, name: 'Joe Customer' },
                    taskId: '00T5e00000TaSk1AAA'
                }
            ],
            linkFor,
            'en-US'
        );

        expect(rows[0]).toEqual({
            key: 'conv-2',
            icon: 'utility:missed_call',
            directionLabel: 'c.SoftphoneBridge_Direction_Inbound',
            number: 'c.SoftphoneBridge_Unknown_Number',
            startedAt: 2,
            summary: 'c.SoftphoneBridge_Outcome_Missed'
        });
        expect(rows[1]).toMatchObject({
            icon: 'utility:outbound_call',
            number: '(503) 555-1212',
            summary: 'c.SoftphoneBridge_State_Wrapped_Up · 2:05',
            record: { recordId: LEAD_ID, label: 'Joe Customer' },
            task: { recordId: '00T5e00000TaSk1AAA', label: 'c.SoftphoneBridge_View_Task' }
        });
    });

    it('history rows: a change the rows do not show keeps every row and the list itself', () => {
        const rowsOf = historyRowsKeeper();
        const call = { conversationId: 'a', direction: 'inbound', state: 'ended', startedAt: 1 } as const;
        const older = { conversationId: 'b', direction: 'outbound', state: 'wrappedUp', startedAt: 0 } as const;
        const before = rowsOf([call, older], linkFor, 'en-US');

        // A log status (the row shows the Task link, not the status): a new entry, the same row.
        const after = rowsOf([{ ...call, logStatus: 'pending' }, older], linkFor, 'en-US');
        expect(after).toBe(before);

        const withTask = rowsOf(
            [{ ...call, logStatus: 'saved', taskId: '00T5e00000TaSk1AAA' }, older],
            linkFor,
            'en-US'
        );
        expect(withTask).not.toBe(before);
        expect(withTask[0]).not.toBe(before[0]);
        expect(withTask[1]).toBe(before[1]);
    });

    it('history rows: an unchanged call keeps its row object; a changed call or a new URL gets a new one', () => {
        const rowsOf = historyRowsKeeper();
        const first = {
            conversationId: 'a',
            direction: 'inbound',
            state: 'ended',
            startedAt: 1,
            taskId: '00T5e00000TaSk1AAA'
        } as const;
        const second = { conversationId: 'b', direction: 'inbound', state: 'ringing', startedAt: 2 } as const;
        const before = rowsOf([second, first], linkFor, 'en-US');

        const updated = { ...second, state: 'connected' as const };
        const after = rowsOf([updated, first], linkFor, 'en-US');
        expect(after[1]).toBe(before[1]);
        expect(after[0]).not.toBe(before[0]);

        const resolved = rowsOf(
            [updated, first],
            (id, label) => ({ recordId: id, label, url: `/resolved/${id}` }),
            'en-US'
        );
        expect(resolved[1]).not.toBe(after[1]);
        expect(resolved[1]!.task!.url).toBe('/resolved/00T5e00000TaSk1AAA');
    });

    it("dispositions: the tree's codes, else the announced list, keeping a chosen value selectable", () => {
        const tree = { groups: [{ label: 'Contacted', codes: ['Sale'] }] };
        expect(dispositionOptions(tree, ['Resolved'], '')).toEqual([{ label: 'Contacted › Sale', value: 'Sale' }]);
        expect(dispositionOptions(tree, [], 'Other')).toEqual([
            { label: 'Contacted › Sale', value: 'Sale' },
            { label: 'Other', value: 'Other' }
        ]);
        expect(dispositionOptions(undefined, ['Resolved'], 'Old')).toEqual([
            { label: 'Resolved', value: 'Resolved' },
            { label: 'Old', value: 'Old' }
        ]);
        expect(dispositionOptions(undefined, undefined, '')).toEqual([]);
    });

    it('the wrap-up status line: text per kind, the failure detail, the Task link', () => {
        expect(wrapUpStatusView({ kind: 'none' }, undefined)).toEqual({ kind: 'none' });
        expect(wrapUpStatusView({ kind: 'failed', message: 'UNABLE_TO_LOCK_ROW' }, undefined)).toEqual({
            kind: 'failed',
            text: 'c.SoftphoneBridge_Status_Failed',
            detail: 'UNABLE_TO_LOCK_ROW'
        });
        expect(wrapUpStatusView({ kind: 'rejected', message: 'No.' }, undefined).text).toBe(
            'c.SoftphoneBridge_Status_Rejected'
        );
        const task = linkFor('00T5e00000TaSk1AAA', 'View');
        expect(wrapUpStatusView({ kind: 'saved', taskId: '00T5e00000TaSk1AAA' }, task).taskLink).toBe(task);
    });
});
