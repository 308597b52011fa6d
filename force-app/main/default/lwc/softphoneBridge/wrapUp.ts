/**
 * Where a call's wrap-up stands, from what the adapter said (the call, its Task status, an error
 * answering our saveWrapUp) and the local draft. Pure: the component supplies the facts and acts
 * on the answer (e.g. removes the draft once it is `saved` with the submitted values).
 *
 * The adapter answers saveWrapUp in two steps: a callStateChanged carrying the new disposition and
 * notes (the values are taken), then logStatus events for the call's one Task (pending → saved, or
 * failed while it keeps retrying). A log status only speaks for our values if it arrived after
 * they were taken (`logFresh`), or came in the same snapshot as the call.
 */
import type { CallView, ChannelCommandPayload, ErrorView, LogView } from 'c/softphoneProtocol';
import type { WrapUpDraft, WrapUpValues } from './drafts';

export type WrapUpStatus =
    /** Nothing entered and no Task yet. */
    | { kind: 'none' }
    /** The agent changed something that is not sent yet (kept as a draft). */
    | { kind: 'draft' }
    /** Sent; the adapter has not taken the values yet. */
    | { kind: 'saving' }
    /** Taken; the Task save is waiting or being retried. */
    | { kind: 'pending'; taskId?: string }
    | { kind: 'saved'; taskId?: string }
    /** The Task save keeps failing (the adapter still retries); the agent can retry now. */
    | { kind: 'failed'; taskId?: string; message?: string }
    /** The adapter refused the saveWrapUp command itself. */
    | { kind: 'rejected'; message: string };

export interface WrapUpFacts {
    call: CallView;
    draft?: WrapUpDraft;
    log?: LogView;
    /** The log status arrived after the submitted values were taken (or with them, in one snapshot). */
    logFresh: boolean;
    /** An error event answering the submitted command. */
    commandError?: ErrorView;
}

/** The values the form shows: the draft's, else what the call already has (e.g. from the softphone). */
export function formValues(call: CallView, draft: WrapUpDraft | undefined): WrapUpValues {
    return draft
        ? { disposition: draft.disposition, notes: draft.notes }
        : { disposition: call.disposition ?? '', notes: call.notes ?? '' };
}

/** The call already carries these values. Blank values are never sent, so they cannot erase and always match. */
export function valuesTaken(call: CallView, values: WrapUpValues): boolean {
    const disposition = values.disposition.trim();
    return (
        (disposition === '' || call.disposition === disposition) && (values.notes === '' || call.notes === values.notes)
    );
}

/** The draft differs from what the call carries. */
export function hasUnsavedChanges(call: CallView, draft: WrapUpDraft | undefined): boolean {
    if (!draft) return false;
    return draft.disposition.trim() !== (call.disposition ?? '') || draft.notes !== (call.notes ?? '');
}

/** There is something to send (a blank form sends nothing). */
export function hasContent(values: WrapUpValues): boolean {
    return values.disposition.trim() !== '' || values.notes !== '';
}

/** The saveWrapUp payload for the values (blank fields left out: they cannot erase anything). */
export function wrapUpPayload(conversationId: string, values: WrapUpValues): ChannelCommandPayload<'saveWrapUp'> {
    const payload: ChannelCommandPayload<'saveWrapUp'> = { conversationId };
    const disposition = values.disposition.trim();
    if (disposition !== '') payload.disposition = disposition;
    if (values.notes !== '') payload.notes = values.notes;
    return payload;
}

function fromLog(log: LogView): WrapUpStatus {
    const taskId = log.taskId;
    switch (log.status) {
        case 'saved':
            return taskId ? { kind: 'saved', taskId } : { kind: 'saved' };
        case 'pending':
            return taskId ? { kind: 'pending', taskId } : { kind: 'pending' };
        case 'failed':
        default: {
            const failed: WrapUpStatus = { kind: 'failed' };
            if (taskId) failed.taskId = taskId;
            if (log.error) failed.message = log.error;
            return failed;
        }
    }
}

/** The wrap-up status to show for a call. */
export function wrapUpStatus(facts: WrapUpFacts): WrapUpStatus {
    const { call, draft, log } = facts;
    const submitted = draft?.submitted;
    if (draft && submitted) {
        if (draft.disposition !== submitted.disposition || draft.notes !== submitted.notes) return { kind: 'draft' };
        if (facts.commandError) return { kind: 'rejected', message: facts.commandError.message };
        if (!valuesTaken(call, submitted) || !log || !facts.logFresh) return { kind: 'saving' };
        return fromLog(log);
    }
    if (hasUnsavedChanges(call, draft)) return { kind: 'draft' };
    return log ? fromLog(log) : { kind: 'none' };
}

/**
 * The submitted values are taken and their Task is saved: the draft can go (or, if the agent kept
 * typing meanwhile, lose only its submission).
 */
export function isSubmissionConfirmed(facts: WrapUpFacts): boolean {
    const submitted = facts.draft?.submitted;
    return Boolean(
        submitted &&
        !facts.commandError &&
        valuesTaken(facts.call, submitted) &&
        facts.logFresh &&
        facts.log?.status === 'saved'
    );
}
