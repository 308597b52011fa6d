import type { CallView, LogView } from 'c/softphoneProtocol';
import type { WrapUpDraft } from '../drafts';
import {
    formValues,
    hasContent,
    hasUnsavedChanges,
    isSubmissionConfirmed,
    valuesTaken,
    wrapUpPayload,
    wrapUpStatus
} from '../wrapUp';

import ENDED from './data/callEnded.json';

const CALL = ENDED.payload as CallView;
const TAKEN: CallView = { ...CALL, state: 'wrappedUp', disposition: 'Resolved', notes: 'Done.' };
const SUBMITTED: WrapUpDraft = {
    conversationId: 'conv-1001',
    disposition: 'Resolved',
    notes: 'Done.',
    updatedAt: 1,
    submitted: { disposition: 'Resolved', notes: 'Done.', commandId: 'cmd-1', at: 1 }
};
const log = (status: LogView['status'], extra: Partial<LogView> = {}): LogView => ({
    conversationId: 'conv-1001',
    status,
    attempts: 1,
    taskId: '00T5e00000TaSk1AAA',
    ...extra
});

describe('c-softphone-bridge wrapUp', () => {
    it('fills the form from the draft, else from what the call carries', () => {
        expect(formValues(CALL, undefined)).toEqual({ disposition: '', notes: '' });
        expect(formValues(TAKEN, undefined)).toEqual({ disposition: 'Resolved', notes: 'Done.' });
        expect(formValues(TAKEN, { ...SUBMITTED, notes: 'Draft' })).toEqual({
            disposition: 'Resolved',
            notes: 'Draft'
        });
    });

    it('builds the saveWrapUp payload without blank fields (they could not erase anything)', () => {
        expect(wrapUpPayload('c', { disposition: ' Resolved ', notes: '' })).toEqual({
            conversationId: 'c',
            disposition: 'Resolved'
        });
        expect(wrapUpPayload('c', { disposition: '', notes: ' n ' })).toEqual({ conversationId: 'c', notes: ' n ' });
        expect(hasContent({ disposition: ' ', notes: '' })).toBe(false);
    });

    it('knows when the call carries the values (blank ones always match)', () => {
        expect(valuesTaken(TAKEN, { disposition: 'Resolved', notes: 'Done.' })).toBe(true);
        expect(valuesTaken(TAKEN, { disposition: '', notes: 'Done.' })).toBe(true);
        expect(valuesTaken(TAKEN, { disposition: 'Resolved', notes: 'Other' })).toBe(false);
        expect(hasUnsavedChanges(TAKEN, { ...SUBMITTED })).toBe(false);
        expect(hasUnsavedChanges(CALL, { ...SUBMITTED })).toBe(true);
        expect(hasUnsavedChanges(CALL, undefined)).toBe(false);
    });

    it('walks saving → pending → saved only with log statuses that came after the values were taken', () => {
        expect(wrapUpStatus({ call: CALL, draft: SUBMITTED, log: log('saved'), logFresh: false })).toEqual({
            kind: 'saving'
        });
        expect(wrapUpStatus({ call: TAKEN, draft: SUBMITTED, log: log('saved'), logFresh: false })).toEqual({
            kind: 'saving'
        });
        expect(wrapUpStatus({ call: TAKEN, draft: SUBMITTED, logFresh: true })).toEqual({ kind: 'saving' });
        expect(wrapUpStatus({ call: TAKEN, draft: SUBMITTED, log: log('pending'), logFresh: true })).toEqual({
            kind: 'pending',
            taskId: '00T5e00000TaSk1AAA'
        });
        const saved = { call: TAKEN, draft: SUBMITTED, log: log('saved'), logFresh: true };
        expect(wrapUpStatus(saved)).toEqual({ kind: 'saved', taskId: '00T5e00000TaSk1AAA' });
        expect(isSubmissionConfirmed(saved)).toBe(true);
    });

    it('reports a failing Task with its error, and a rejected command with its reason', () => {
        const failed = { call: TAKEN, draft: SUBMITTED, log: log('failed', { error: 'Locked' }), logFresh: true };
        expect(wrapUpStatus(failed)).toEqual({ kind: 'failed', taskId: '00T5e00000TaSk1AAA', message: 'Locked' });
        expect(isSubmissionConfirmed(failed)).toBe(false);

        const commandError = { code: 'X', message: 'No such call', audience: 'agent' as const, commandId: 'cmd-1' };
        expect(wrapUpStatus({ call: CALL, draft: SUBMITTED, logFresh: false, commandError })).toEqual({
            kind: 'rejected',
            message: 'No such call'
        });
    });

    it('shows a draft when the agent typed after submitting, and without a draft the Task status as is', () => {
        expect(
            wrapUpStatus({ call: TAKEN, draft: { ...SUBMITTED, notes: 'More' }, log: log('saved'), logFresh: true })
        ).toEqual({
            kind: 'draft'
        });
        expect(wrapUpStatus({ call: CALL, draft: { ...SUBMITTED, submitted: undefined }, logFresh: false })).toEqual({
            kind: 'draft'
        });
        expect(wrapUpStatus({ call: TAKEN, log: log('saved'), logFresh: false })).toEqual({
            kind: 'saved',
            taskId: '00T5e00000TaSk1AAA'
        });
        expect(wrapUpStatus({ call: CALL, logFresh: false })).toEqual({ kind: 'none' });
    });
});
