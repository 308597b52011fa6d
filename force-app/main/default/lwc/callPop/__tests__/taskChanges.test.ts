/** @jest-environment node */
import { linkAfter, taskChanges } from '../taskChanges';

const LEAD = { recordId: '00Q000000000001AAA', objectApiName: 'Lead' as const };
const CONTACT = { recordId: '003000000000001AAA', objectApiName: 'Contact' as const };
const ACCOUNT = { recordId: '001000000000001AAA', objectApiName: 'Account' as const };
const BLANK = { notes: '', disposition: 'Sale', initialDisposition: 'Sale', written: {} };

describe('taskChanges', () => {
    it('writes nothing the agent did not give', () => {
        expect(taskChanges(BLANK)).toEqual({});
        expect(taskChanges({ ...BLANK, notes: '   ' })).toEqual({});
    });

    it('writes the notes typed and a changed result, even a cleared one', () => {
        expect(taskChanges({ ...BLANK, notes: 'Callback at 5' })).toEqual({ Description: 'Callback at 5' });
        expect(taskChanges({ ...BLANK, disposition: '' })).toEqual({ CallDisposition: '' });
    });

    it('links a Lead as Name with no Related To, a Contact as Name, an Account as Related To', () => {
        expect(taskChanges({ ...BLANK, related: LEAD })).toEqual({ WhoId: LEAD.recordId, WhatId: null });
        expect(taskChanges({ ...BLANK, related: CONTACT })).toEqual({ WhoId: CONTACT.recordId });
        expect(taskChanges({ ...BLANK, related: ACCOUNT })).toEqual({ WhatId: ACCOUNT.recordId });
    });

    it('clears a Lead this form linked when the agent relates an Account, and keeps a Contact', () => {
        expect(taskChanges({ ...BLANK, related: ACCOUNT, written: { WhoId: LEAD.recordId } })).toEqual({
            WhatId: ACCOUNT.recordId,
            WhoId: null
        });
        expect(taskChanges({ ...BLANK, related: ACCOUNT, written: { WhoId: CONTACT.recordId } })).toEqual({
            WhatId: ACCOUNT.recordId
        });
    });

    it('does not write a link again, and tracks what the Task holds after a write', () => {
        expect(taskChanges({ ...BLANK, related: LEAD, written: { WhoId: LEAD.recordId } })).toEqual({});
        expect(linkAfter({ WhoId: LEAD.recordId }, { WhatId: ACCOUNT.recordId, WhoId: null })).toEqual({
            WhatId: ACCOUNT.recordId
        });
    });
});
