import { ldsErrorText } from 'c/ldsErrors';

describe('c-lds-errors', () => {
    it.each([
        [{ body: { message: 'The requested resource does not exist' } }, 'The requested resource does not exist'],
        [{ body: [{ message: 'First' }, { message: 'Second' }] }, 'First'],
        [new Error('Network failure'), 'Network failure'],
        [{ body: {}, message: 'Fallback' }, 'Fallback'],
        [{ body: { message: 42 } }, ''],
        [undefined, ''],
        [null, ''],
        ['text', '']
    ])('%j → %j', (error, text) => {
        expect(ldsErrorText(error)).toBe(text);
    });
});
