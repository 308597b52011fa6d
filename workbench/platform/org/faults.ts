/**
 * Faults the workbench org can be told to inject, in one place for both ways the org is reached:
 * the app origin's HTTP API (server.ts, behind the browser's Open CTI host) and the in-process
 * org Jest uses (opencti/inProcess.ts). Switched on from the Workbench panel, `startWorkbench().faults`
 * (`POST /workbench/api/faults`) or a test.
 *
 * They follow what Open CTI's saveLog can do to its caller (sforce-api-cti-savelog-lex: the callback
 * gets `{ success, returnValue, errors }`, `returnValue` the record Id): refuse before writing; write
 * and lose the answer (the callback never comes: the page reloaded, the frame was torn down, the
 * network dropped the reply); write and answer seconds later; commit only after the caller stopped
 * waiting (a slow trigger or flow: the record appears after `saveLogLateCommitMs`, the answer just
 * after it); hang without writing or answering;
 * or refuse every save for a lasting reason whose error text names the Salesforce status code
 * (a validation rule: FIELD_CUSTOM_VALIDATION_EXCEPTION; missing access:
 * INSUFFICIENT_ACCESS_OR_READONLY; an expired session: INVALID_SESSION_ID — the codes of the
 * SOAP/REST API's StatusCode list, developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm).
 * The expired session also makes the REST query resource answer 401 INVALID_SESSION_ID (restQuery.ts).
 * One fault is Open CTI's own: a softphone container that initializes after the adapter page's first
 * calls, which are answered SOFTPHONE_CONTAINER_ERROR (opencti/host.ts).
 * And one is the agent's profile: fields its field-level security hides (`hiddenFields`), left out of
 * the object info, the GraphQL schema and the records the agent's pages read (objectInfo.ts).
 */
import { readHiddenFields } from './objectInfo';

/** A lasting saveLog error: every save fails with it until it is switched off. */
export type LastingSaveError = '' | 'validation' | 'access' | 'session';

export interface SaveLogFaults {
    /** The next N saveLog calls fail (the org refuses the write; no record is created). */
    saveLogFailures: number;
    /** The next N saveLog calls write the record, but their answer never comes back. */
    saveLogLostAnswers: number;
    /** The next N saveLog calls write the record and answer after `saveLogSlowMs`. */
    saveLogSlowAnswers: number;
    /** How late a slow answer comes, in ms. */
    saveLogSlowMs: number;
    /** The next N saveLog calls neither write nor ever answer. */
    saveLogNoAnswers: number;
    /** The next N saveLog calls commit only after `saveLogLateCommitMs`, and answer a second after that. */
    saveLogLateCommits: number;
    /** How late a late commit comes, in ms (past the adapter's 30 s wait by default). */
    saveLogLateCommitMs: number;
    /** Every saveLog fails with this lasting error ('' for none). */
    saveLogLastingError: LastingSaveError;
    /** The next N REST queries fail (503, as when the API is briefly unavailable). */
    queryFailures: number;
    /**
     * Each time the adapter page loads, its first N Open CTI calls are answered
     * SOFTPHONE_CONTAINER_ERROR, the softphone container not initialized yet (opencti/host.ts).
     */
    openCtiContainerStartupCalls: number;
    /** Field-level security: `Object.Field` names the agent cannot read (say `Contact.HomePhone`). */
    hiddenFields: readonly string[];
}

export const NO_FAULTS: Readonly<SaveLogFaults> = {
    saveLogFailures: 0,
    saveLogLostAnswers: 0,
    saveLogSlowAnswers: 0,
    saveLogSlowMs: 4_000,
    saveLogNoAnswers: 0,
    saveLogLateCommits: 0,
    saveLogLateCommitMs: 35_000,
    saveLogLastingError: '',
    queryFailures: 0,
    openCtiContainerStartupCalls: 0,
    hiddenFields: []
};

/** The error text of each lasting error, as the org reports it ("STATUS_CODE: message"). */
export const LASTING_ERRORS: Readonly<Record<Exclude<LastingSaveError, ''>, string>> = {
    validation:
        'FIELD_CUSTOM_VALIDATION_EXCEPTION: Call Result is required for completed calls (workbench validation rule).',
    access: 'INSUFFICIENT_ACCESS_OR_READONLY: insufficient access rights on object id.',
    session: 'INVALID_SESSION_ID: Session expired or invalid.'
};

/** What the org does with one saveLog. */
export type SaveLogFault =
    | { kind: 'refuse'; error: string }
    | { kind: 'lostAnswer' }
    | { kind: 'slowAnswer'; delayMs: number }
    | { kind: 'noAnswer' }
    | { kind: 'lateCommit'; delayMs: number };

/** How the org answers a save it wrote: at once, later, or never (the record exists either way). */
export interface SaveAnswer {
    recordId?: string;
    /** The answer never reaches the caller. */
    noAnswer?: boolean;
    /** The answer comes after this many ms. */
    answerAfterMs?: number;
}

/** Applies faults to changes from the panel or a test: unknown keys ignored, numbers clamped. */
export function applyFaultChange(faults: SaveLogFaults, change: Record<string, unknown>): void {
    const count = (value: unknown): number => Math.min(100_000, Math.max(0, Math.floor(Number(value) || 0)));
    for (const key of [
        'saveLogFailures',
        'saveLogLostAnswers',
        'saveLogSlowAnswers',
        'saveLogNoAnswers',
        'saveLogLateCommits',
        'queryFailures'
    ] as const) {
        if (change[key] !== undefined) faults[key] = count(change[key]);
    }
    if (change.openCtiContainerStartupCalls !== undefined)
        faults.openCtiContainerStartupCalls = Math.min(50, count(change.openCtiContainerStartupCalls));
    if (change.saveLogSlowMs !== undefined) faults.saveLogSlowMs = Math.min(60_000, count(change.saveLogSlowMs));
    if (change.saveLogLateCommitMs !== undefined)
        faults.saveLogLateCommitMs = Math.min(600_000, count(change.saveLogLateCommitMs));
    if (change.hiddenFields !== undefined) faults.hiddenFields = readHiddenFields(change.hiddenFields);
    if (change.saveLogLastingError !== undefined) {
        const value = change.saveLogLastingError;
        faults.saveLogLastingError = value === 'validation' || value === 'access' || value === 'session' ? value : '';
    }
}

/** The fault for this save, consuming one; null when this save may go ahead normally. */
export function takeSaveLogFault(faults: SaveLogFaults): SaveLogFault | null {
    if (faults.saveLogLastingError) return { kind: 'refuse', error: LASTING_ERRORS[faults.saveLogLastingError] };
    if (faults.saveLogFailures > 0) {
        faults.saveLogFailures -= 1;
        return {
            kind: 'refuse',
            error: `UNABLE_TO_LOCK_ROW: workbench fault, saveLog failure injected (${faults.saveLogFailures} more to come).`
        };
    }
    if (faults.saveLogLostAnswers > 0) {
        faults.saveLogLostAnswers -= 1;
        return { kind: 'lostAnswer' };
    }
    if (faults.saveLogSlowAnswers > 0) {
        faults.saveLogSlowAnswers -= 1;
        return { kind: 'slowAnswer', delayMs: faults.saveLogSlowMs };
    }
    if (faults.saveLogNoAnswers > 0) {
        faults.saveLogNoAnswers -= 1;
        return { kind: 'noAnswer' };
    }
    if (faults.saveLogLateCommits > 0) {
        faults.saveLogLateCommits -= 1;
        return { kind: 'lateCommit', delayMs: faults.saveLogLateCommitMs };
    }
    return null;
}

/** The error of an injected saveLog refusal, consuming one; null when this save may go ahead. */
export function takeSaveLogFailure(faults: SaveLogFaults): string | null {
    const fault = takeSaveLogFault(faults);
    return fault?.kind === 'refuse' ? fault.error : null;
}

/**
 * Runs one save under the faults: `write` is the org's write (throws the org's error). Resolves how
 * the answer travels; rejects with the refusal's message.
 */
export async function saveWithFaults(faults: SaveLogFaults, write: () => string): Promise<SaveAnswer> {
    const fault = takeSaveLogFault(faults);
    if (fault?.kind === 'refuse') throw Object.assign(new Error(fault.error), { errors: [fault.error] });
    if (fault?.kind === 'noAnswer') return { noAnswer: true };
    if (fault?.kind === 'lateCommit') {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        return { recordId: write(), answerAfterMs: 1_000 };
    }
    const recordId = write();
    if (fault?.kind === 'lostAnswer') return { recordId, noAnswer: true };
    if (fault?.kind === 'slowAnswer') return { recordId, answerAfterMs: fault.delayMs };
    return { recordId };
}
