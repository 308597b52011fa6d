/** @jest-environment node */
/**
 * The workbench's REST sObject create (workbench/platform/org/restQuery.ts) under the saveLog
 * faults, as the CallPop page meets them: a refused save writes nothing (a lasting validation rule
 * or missing access answers 400 with the org's words); a lost answer writes the
 * Task and drops the connection; a slow answer writes it and answers late; no answer writes nothing.
 */
import { answerCreate } from '../../workbench/platform/org/restQuery';
import { NO_FAULTS } from '../../workbench/platform/org/faults';
import type { SaveLogFaults } from '../../workbench/platform/org/faults';
import { OrgStore } from '../../workbench/platform/org/store';

const SESSION = { id: 'SESSION', expired: () => false };
const TASK = {
    Subject: 'Call 2149',
    CallObject: 'c-1',
    CallType: 'Inbound',
    Status: 'Completed',
    TaskSubtype: 'Call',
    ActivityDate: '2026-12-01'
};

function create(org: OrgStore, faults: SaveLogFaults): ReturnType<typeof answerCreate> {
    return answerCreate(
        org,
        { path: '/services/data/v68.0/sobjects/Task', body: TASK, authorization: 'Bearer SESSION' },
        SESSION,
        faults
    );
}

describe('workbench REST create under faults', () => {
    it.each([
        ['saveLogFailures', { status: 503 }, 0],
        ['saveLogLostAnswers', { status: 201, noAnswer: true }, 1],
        ['saveLogSlowAnswers', { status: 201, answerAfterMs: 4_000 }, 1],
        ['saveLogNoAnswers', { noAnswer: true }, 0]
    ] as const)('%s', (fault, answer, written) => {
        const org = new OrgStore();
        const before = org.allTasks().length;
        const faults: SaveLogFaults = { ...NO_FAULTS, [fault]: 1 };
        expect(create(org, faults)).toMatchObject(answer);
        expect(org.allTasks().length - before).toBe(written);
        expect(faults[fault]).toBe(0);
        // The next create goes through.
        expect(create(org, faults)).toMatchObject({ status: 201 });
        expect(create(org, faults)).not.toHaveProperty('noAnswer');
    });

    it('a lasting validation or access error refuses every create with the org error code and words', () => {
        const org = new OrgStore();
        const before = org.allTasks().length;
        const validation = create(org, { ...NO_FAULTS, saveLogLastingError: 'validation' });
        expect(validation).toMatchObject({
            status: 400,
            body: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: expect.stringContaining('Call Result') }]
        });
        expect(create(org, { ...NO_FAULTS, saveLogLastingError: 'access' })).toMatchObject({
            status: 400,
            body: [{ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }]
        });
        expect(org.allTasks().length).toBe(before);
    });
});
