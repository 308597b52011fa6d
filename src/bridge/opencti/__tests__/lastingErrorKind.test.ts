import { lastingErrorKind } from '../openCtiCrm';

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
        ['UNABLE_TO_LOCK_ROW: unable to obtain exclusive access to this record', undefined],
        ['saveLog did not answer within 30 s', undefined]
    ])('%s → %s', (text, kind) => {
        expect(lastingErrorKind(text)).toBe(kind);
    });
});
