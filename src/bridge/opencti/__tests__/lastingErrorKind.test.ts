import { callOpenCtiOnceReady, describeErrors, lastingErrorKind } from '../openCtiCrm';

describe('lastingErrorKind', () => {
    it.each([
        ['INVALID_SESSION_ID: Session expired or invalid', 'session'],
        ['INSUFFICIENT_ACCESS_OR_READONLY: insufficient access rights on object id', 'access'],
        [
            'INVALID_FIELD_FOR_INSERT_UPDATE: Unable to create/update fields: CallDisposition. Please check the security settings of this field',
            'access'
        ],
        ["INVALID_FIELD: No such column 'CallObject' on entity 'Task'.", 'access'],
        ['FIELD_CUSTOM_VALIDATION_EXCEPTION: Subject must mention the product', 'validation'],
        // A Name / Related To deleted or merged away during the call: the queue saves without it.
        ['ENTITY_IS_DELETED: entity is deleted', 'validation'],
        ['INVALID_CROSS_REFERENCE_KEY: invalid cross reference id', 'validation'],
        ['UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record', undefined],
        ['saveLog did not answer within 30 s', undefined]
    ])('%s → %s', (text, kind) => {
        expect(lastingErrorKind(text)).toBe(kind);
    });
});

describe("describeErrors: Open CTI's error objects", () => {
    const SAVE_LOG =
        'An error occurred while calling the saveLog() API method. Review the Details field in the error section.';

    it("keeps the org's reason from saveLog's details, so its kind is found", () => {
        const text = describeErrors([
            {
                code: 'GENERIC_ERROR',
                description: SAVE_LOG,
                details: [
                    {
                        message: 'Subject must mention the product',
                        fieldErrors: { Subject: [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'x' }] }
                    }
                ]
            }
        ]);
        expect(text).toContain('GENERIC_ERROR: An error occurred while calling the saveLog() API method');
        expect(text).toContain('Subject must mention the product');
        expect(lastingErrorKind(text)).toBe('validation');
        expect(
            lastingErrorKind(
                describeErrors([
                    {
                        code: 'GENERIC_ERROR',
                        description: SAVE_LOG,
                        details: [
                            { message: 'insufficient access rights', statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }
                        ]
                    }
                ])
            )
        ).toBe('access');
    });

    it('reads codes and descriptions without details, strings, and anything else without throwing', () => {
        expect(describeErrors([{ code: 'SOFTPHONE_CONTAINER_ERROR', description: 'not initialized yet' }])).toBe(
            'SOFTPHONE_CONTAINER_ERROR: not initialized yet'
        );
        expect(describeErrors(['REQUIRED_FIELD_MISSING', { message: 'no' }, 7, null])).toBe(
            'REQUIRED_FIELD_MISSING; no; 7; null'
        );
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        expect(() => describeErrors([{ details: cyclic }, cyclic])).not.toThrow();
        expect(describeErrors([])).toBe('no reason given');
    });
});

describe('callOpenCtiOnceReady', () => {
    // Retry waits run at once; the 15 s answer timeout never fires here.
    const quick = {
        setTimeout: (callback: () => void, ms: number): unknown => (ms >= 15_000 ? 0 : setTimeout(callback, 0)),
        clearTimeout: (): void => undefined
    };
    const starting = {
        code: 'SOFTPHONE_CONTAINER_ERROR',
        description: "the softphone container hasn't initialized yet"
    };

    it('asks again while the softphone container is starting, and answers once it has', async () => {
        let calls = 0;
        const settings = await callOpenCtiOnceReady<Record<string, string>>(
            'getCallCenterSettings',
            (callback) => {
                calls += 1;
                if (calls < 3) callback({ success: false, returnValue: null, errors: [starting] });
                else callback({ success: true, returnValue: { '/reqGeneralInfo/reqInternalName': 'X' }, errors: null });
            },
            quick
        );
        expect(calls).toBe(3);
        expect(settings).toEqual({ '/reqGeneralInfo/reqInternalName': 'X' });
    });

    it('gives up after five retries, and never retries another error', async () => {
        let calls = 0;
        await expect(
            callOpenCtiOnceReady(
                'getCallCenterSettings',
                (callback) => {
                    calls += 1;
                    callback({ success: false, returnValue: null, errors: [starting] });
                },
                quick
            )
        ).rejects.toThrow('SOFTPHONE_CONTAINER_ERROR');
        expect(calls).toBe(6);
        calls = 0;
        await expect(
            callOpenCtiOnceReady(
                'getCallCenterSettings',
                (callback) => {
                    calls += 1;
                    callback({
                        success: false,
                        returnValue: null,
                        errors: [{ code: 'GENERIC_ERROR', description: 'no' }]
                    });
                },
                quick
            )
        ).rejects.toThrow('GENERIC_ERROR');
        expect(calls).toBe(1);
    });
});
