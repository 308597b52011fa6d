import { buildCallLog, defaultSubject, whoOrWhat } from '../callLog';
import { localDate } from '../../../shared/calendarDate';
import type { CallRecord } from '../callModel';

const CALL: CallRecord = {
    conversationId: 'conv-1',
    direction: 'inbound',
    state: 'wrappedUp',
    outcome: 'answered',
    phoneNumber: '+18005550100',
    details: {},
    startedAt: new Date(2026, 0, 5, 23, 59).getTime(),
    durationSeconds: 75,
    disposition: 'Resolved',
    notes: 'Done',
    matches: [],
    record: { recordId: '00Q000000000001AAA' },
    updatedAt: 0
};

describe('call log', () => {
    it('maps a call to the Task fields Open CTI saveLog takes', () => {
        expect(buildCallLog(CALL)).toEqual({
            Subject: 'Inbound call from +18005550100',
            Status: 'Completed',
            TaskSubtype: 'Call',
            CallType: 'Inbound',
            CallObject: 'conv-1',
            ActivityDate: '2026-01-05',
            CallDurationInSeconds: 75,
            CallDisposition: 'Resolved',
            Description: 'Done',
            WhoId: '00Q000000000001AAA'
        });
    });

    it('uses the subject formatter it is given, capped at 255 characters', () => {
        expect(buildCallLog(CALL, () => 'Appel entrant').Subject).toBe('Appel entrant');
        expect(buildCallLog(CALL, () => 'x'.repeat(300)).Subject).toHaveLength(255);
        expect(buildCallLog(CALL, () => '').Subject).toBe('Inbound call from +18005550100');
    });

    it.each([
        [{ outcome: 'missed' }, 'Missed call from +18005550100'],
        [{ outcome: 'rejected' }, 'Rejected call from +18005550100'],
        [{ outcome: 'unanswered', direction: 'outbound' }, 'Unanswered call to +18005550100'],
        [{ outcome: undefined, phoneNumber: undefined }, 'Inbound call']
    ] as const)('writes a subject for %o', (change, subject) => {
        expect(defaultSubject({ ...CALL, ...change })).toBe(subject);
    });

    it.each([
        [{ recordId: '003000000000001AAA', objectType: 'Contact' }, 'WhoId'],
        [{ recordId: '00Q000000000001AAA', objectType: 'Lead' }, 'WhoId'],
        [{ recordId: '003000000000001AAA' }, 'WhoId'],
        [{ recordId: '001000000000001AAA', objectType: 'Account' }, 'WhatId'],
        [{ recordId: '500000000000001AAA' }, 'WhatId']
    ])('puts %o in %s', (record, field) => {
        expect(Object.keys(whoOrWhat(record))).toEqual([field]);
    });

    it('formats the local date', () => {
        expect(localDate(new Date(2026, 11, 31, 0, 1).getTime())).toBe('2026-12-31');
    });
});
