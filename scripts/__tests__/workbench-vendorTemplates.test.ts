/** @jest-environment node */
/** The contact-center stand-ins' URL building (workbench/puzzel/template.ts): variables URL-encoded, parameters appended. */
import { appendParams, fillTemplate } from '../../workbench/puzzel/template';

describe('workbench contact-center URL templates', () => {
    it('fills {variables} URL-encoded; unknown ones are empty', () => {
        expect(
            fillTemplate('https://x/apex/CallPop?anum={anum}&q={queue_key}&z={nope}', {
                anum: '+1 503 & <b>',
                queue_key: 'sales'
            })
        ).toBe('https://x/apex/CallPop?anum=%2B1%20503%20%26%20%3Cb%3E&q=sales&z=');
    });
    it('appends parameters to a URL with or without a query', () => {
        expect(appendParams('https://x/p?profile=ameyo', { phone: '+1 5', sessionId: 's' })).toBe(
            'https://x/p?profile=ameyo&phone=%2B1%205&sessionId=s'
        );
        expect(appendParams('https://x/p', { a: '1' })).toBe('https://x/p?a=1');
        expect(appendParams('https://x/p?', { a: '1' })).toBe('https://x/p?a=1');
    });
});
