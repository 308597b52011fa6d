import {
    StreemUrlError,
    buildCallLogPageReference,
    buildCallLogUrl,
    buildEmbedUrl,
    defaultTemplates,
    formatLabel,
    frameHeightPx,
    isPlaceholderBaseUrl,
    matchCallingCode,
    normalizeBaseUrl,
    normalizeCallingCode,
    normalizeRedirect,
    parsePhone,
    parseTemplate,
    qualifyField,
    renderFirst,
    renderTemplate,
    resolveBaseUrl,
    templateFields
} from 'c/streemUrl';
import { NON_GEOGRAPHIC, REGIONS } from '../../phoneNumbers/phoneData';

const BASE = 'https://acme.streempro.app';

/** Catches the StreemUrlError a call throws (fails the test if it throws anything else or nothing). */
function errorOf(fn: () => unknown): StreemUrlError {
    try {
        fn();
    } catch (error) {
        expect(error).toBeInstanceOf(StreemUrlError);
        return error as StreemUrlError;
    }
    throw new Error('expected a StreemUrlError');
}

/** Decodes one query parameter strictly (decodeURIComponent: '+' stays '+'). */
function param(url: string, name: string): string | undefined {
    const query = url.slice(url.indexOf('?') + 1);
    const pair = query.split('&').find((p) => p.startsWith(`${name}=`));
    return pair === undefined ? undefined : decodeURIComponent(pair.slice(name.length + 1));
}

describe('c-streem-url', () => {
    describe("Streem's own examples", () => {
        it('reproduces the iframe example exactly', () => {
            expect(
                buildEmbedUrl({
                    baseUrl: 'https://yourcompanynamehere.streempro.app',
                    name: 'Joe Customer',
                    phone: '5035551212',
                    refId: 'abc123',
                    source: 'ACME',
                    redirect: 'call'
                })
            ).toBe(
                'https://yourcompanynamehere.streempro.app/embed?name=Joe%20Customer&phone=5035551212&refId=abc123&source=ACME&redirect=call'
            );
        });

        it('reproduces the /streems example exactly', () => {
            expect(buildCallLogUrl({ baseUrl: 'https://streemdemo.streempro.app', refId: 'abc1234' })).toBe(
                'https://streemdemo.streempro.app/streems?refId=abc1234'
            );
        });

        it('reproduces the "power user" redirect to /streems (their http example, sent as https for Lightning\'s CSP)', () => {
            const id = '00Q5e00000AbCdEEAV';
            const base = 'https://yourcompanycodehere.streempro.app';
            expect(
                buildEmbedUrl({
                    baseUrl: base,
                    name: 'Joe',
                    phone: '5035551212',
                    refId: id,
                    source: 'SFDC',
                    redirect: `http://yourcompanycodehere.streempro.app/streems?refId=${id}`
                })
            ).toBe(
                `${base}/embed?name=Joe&phone=5035551212&refId=${id}&source=SFDC` +
                    `&redirect=https%3A%2F%2Fyourcompanycodehere.streempro.app%2Fstreems%3FrefId%3D${id}`
            );
        });

        it('builds the same redirect from the "streems" keyword, on https and the same base', () => {
            const url = buildEmbedUrl({ baseUrl: BASE, refId: 'abc 123', redirect: 'streems' });
            expect(url).toBe(
                `${BASE}/embed?refId=abc%20123&redirect=https%3A%2F%2Facme.streempro.app%2Fstreems%3FrefId%3Dabc%2520123`
            );
            // Decoded once, the redirect is itself a correctly encoded call-log URL.
            expect(param(url, 'redirect')).toBe(buildCallLogUrl({ baseUrl: BASE, refId: 'abc 123' }));
        });
    });

    describe('encoding: hostile values round-trip exactly, encoded once', () => {
        const HOSTILE: [string, string][] = [
            ['URL syntax', 'a&b=c#d?e/f+g%h'],
            ['percent sequences', '%20 %2B %25 %%'],
            ['quotes and HTML', `"double" 'single' <script>alert("x")</script> &amp;`],
            ['unicode', 'Zoë Brontë Ångström 山田太郎 Ελληνικά עברית'],
            ['emoji and joiners', '👩🏽‍🔧 Field Tech 🇬🇧 ❤️'],
            ['whitespace and controls', ' leading\ttab\nnew line trailing '],
            ['very long', 'x&y '.repeat(2500)]
        ];

        it.each(HOSTILE)('%s', (_label, value) => {
            const url = buildEmbedUrl({ baseUrl: BASE, name: value, refId: value, source: value });
            expect(param(url, 'name')).toBe(value);
            expect(param(url, 'refId')).toBe(value);
            expect(param(url, 'source')).toBe(value);
            // Also for readers that decode a query as a form (URLSearchParams treats '+' as space).
            expect(new URL(url).searchParams.get('name')).toBe(value);
            // encodeURIComponent's alphabet: no raw space, '+', '&', '#', '=', '?', '/' or '%' that is not an escape.
            expect(url.split('?')[1]).not.toMatch(/[ +#?/]|%(?![0-9A-F]{2})/);
            // Exactly encodeURIComponent, once: not twice, not form-style.
            expect(url).toContain(`?name=${encodeURIComponent(value)}&`);
        });

        it('encodes a space as %20, never +', () => {
            expect(buildEmbedUrl({ baseUrl: BASE, name: 'a b+c' })).toBe(`${BASE}/embed?name=a%20b%2Bc`);
        });

        it('replaces lone surrogates instead of throwing', () => {
            const url = buildEmbedUrl({ baseUrl: BASE, name: 'bad \uD800 half' });
            expect(param(url, 'name')).toBe('bad \uFFFD half');
        });

        it('leaves blank optional values out', () => {
            expect(
                buildEmbedUrl({
                    baseUrl: BASE,
                    name: '',
                    phone: '  ',
                    refId: null,
                    source: undefined,
                    callingCode: '',
                    redirect: ''
                })
            ).toBe(`${BASE}/embed`);
        });

        it('keeps parameter names and order from the Streem doc', () => {
            const url = buildEmbedUrl({
                baseUrl: BASE,
                redirect: 'call',
                callingCode: '+44',
                source: 'SFDC',
                refId: 'r',
                phone: '2079460958',
                name: 'n'
            });
            expect(url).toBe(
                `${BASE}/embed?name=n&phone=2079460958&refId=r&source=SFDC&callingCode=%2B44&redirect=call`
            );
        });
    });

    describe('baseUrl', () => {
        it.each([
            ['https://acme.streempro.app', BASE],
            ['https://acme.streempro.app/', BASE],
            ['  HTTPS://Acme.StreemPro.app  ', BASE],
            ['https://streem.example.com:8443', 'https://streem.example.com:8443'],
            // Loopback is a secure context, so a local Streem stand-in may use plain http.
            ['http://127.0.0.1:4803/', 'http://127.0.0.1:4803'],
            ['http://localhost:4803', 'http://localhost:4803']
        ])('accepts %j', (input, origin) => {
            expect(normalizeBaseUrl(input)).toBe(origin);
            expect(buildCallLogUrl({ baseUrl: input, refId: 'x' })).toBe(`${origin}/streems?refId=x`);
        });

        it.each([
            ['', 'BASE_URL_MISSING'],
            [null, 'BASE_URL_MISSING'],
            ['http://acme.streempro.app', 'BASE_URL_INVALID'],
            ['http://127.0.0.2', 'BASE_URL_INVALID'],
            ['http://localhost.example.com', 'BASE_URL_INVALID'],
            ['acme.streempro.app', 'BASE_URL_INVALID'],
            ['https://acme.streempro.app/embed', 'BASE_URL_INVALID'],
            ['https://acme.streempro.app?x=1', 'BASE_URL_INVALID'],
            ['https://acme.streempro.app#top', 'BASE_URL_INVALID'],
            ['https://user:pw@acme.streempro.app', 'BASE_URL_INVALID'],
            ['https:acme.streempro.app', 'BASE_URL_INVALID'],
            // eslint-disable-next-line no-script-url -- hostile input under test
            ['javascript:alert(1)', 'BASE_URL_INVALID'],
            ['//acme.streempro.app', 'BASE_URL_INVALID']
        ])('rejects %j with %s', (input, code) => {
            const error = errorOf(() => buildEmbedUrl({ baseUrl: input as string }));
            expect(error.code).toBe(code);
            expect(error.property).toBe('baseUrl');
            expect(error.example).toBe(BASE);
            expect(error.message).toContain('baseUrl');
            expect(error.message).toContain(BASE);
        });

        it('resolves blank to the label, and refuses the shipped placeholder', () => {
            expect(resolveBaseUrl('', `${BASE}/`)).toBe(BASE);
            expect(resolveBaseUrl('https://other.streempro.app', BASE)).toBe('https://other.streempro.app');
            expect(isPlaceholderBaseUrl('https://yourcompany.streempro.app/')).toBe(true);
            expect(isPlaceholderBaseUrl(BASE)).toBe(false);
            const error = errorOf(() => resolveBaseUrl(' ', 'https://yourcompany.streempro.app'));
            expect(error.code).toBe('BASE_URL_PLACEHOLDER');
            expect(error.message).toContain('Streem_Base_Url');
        });
    });

    describe('redirect', () => {
        it.each([
            ['', undefined],
            [null, undefined],
            ['call', 'call'],
            ['CALL ', 'call'],
            ['https://example.com/after?x=1&y=2#z', 'https://example.com/after?x=1&y=2#z'],
            // Lightning's CSP frames https only: Streem's own http example is sent as https.
            ['http://intranet.example.com/done', 'https://intranet.example.com/done']
        ])('sends %j as %j', (redirect, expected) => {
            expect(param(buildEmbedUrl({ baseUrl: BASE, redirect }), 'redirect')).toBe(expected);
        });

        it('sends the unfiltered call log for "streems" without a refId', () => {
            expect(param(buildEmbedUrl({ baseUrl: BASE, redirect: 'streems' }), 'redirect')).toBe(`${BASE}/streems`);
        });

        it.each([
            /* eslint-disable no-script-url -- hostile input under test */
            'javascript:alert(1)',
            'JavaScript:alert(document.cookie)',
            /* eslint-enable no-script-url */
            'data:text/html,<script>alert(1)</script>',
            '/streems?refId=1',
            'streems?refId=1',
            'www.example.com',
            'ftp://example.com/file',
            'https:example.com',
            'https://'
        ])('rejects %j', (redirect) => {
            const error = errorOf(() => buildEmbedUrl({ baseUrl: BASE, redirect }));
            expect(error.code).toBe('REDIRECT_INVALID');
            expect(error.property).toBe('redirect');
            expect(error.message).toMatch(/redirect must be blank, "call", "streems" or an absolute https URL/);
            expect(() => normalizeRedirect(redirect)).toThrow(StreemUrlError);
        });
    });

    describe('phone and callingCode', () => {
        it.each([
            ['(503) 555-1212', '5035551212', undefined],
            ['503.555.1212', '5035551212', undefined],
            ['1-503-555-1212', '5035551212', undefined],
            ['+1 (503) 555-1212', '5035551212', '+1'],
            ['+44 20 7946 0958', '2079460958', '+44'],
            ['+44 (0)20 7946 0958', '2079460958', '+44'],
            ['+447700900123', '7700900123', '+44'],
            ['+49 30 901820', '30901820', '+49'],
            ['+39 06 6982 1234', '0669821234', '+39'], // Italy keeps its leading 0
            ['+7 812 123-45-67', '8121234567', '+7'], // St Petersburg: the 8 is the area code, not a trunk prefix
            ['+353 87 123 4567', '871234567', '+353'],
            ['\u00a0+61 4 1234 5678 ', '412345678', '+61']
        ])('%j -> phone %s, callingCode %s', (phone, national, callingCode) => {
            expect(parsePhone(phone)).toEqual({ ok: true, phone: national, callingCode });
            const url = buildEmbedUrl({ baseUrl: BASE, phone });
            expect(param(url, 'phone')).toBe(national);
            expect(param(url, 'callingCode')).toBe(callingCode);
        });

        it('applies a given callingCode to national numbers, dropping its trunk prefix', () => {
            expect(parsePhone('020 7946 0958', '+44')).toEqual({ ok: true, phone: '2079460958', callingCode: '+44' });
            expect(parsePhone('8 (812) 123-45-67', '+7')).toEqual({ ok: true, phone: '8121234567', callingCode: '+7' });
            expect(buildEmbedUrl({ baseUrl: BASE, phone: '07700 900123', callingCode: '44' })).toBe(
                `${BASE}/embed?phone=7700900123&callingCode=%2B44`
            );
        });

        it('reads numbers as records hold them: an extension, Unicode dashes, a tel: address', () => {
            for (const written of [
                '(503) 555-1212 x123',
                '503-555-1212 ext. 5',
                '503\u2013555\u20131212',
                'tel:+15035551212'
            ]) {
                expect([written, parsePhone(written)]).toEqual([
                    written,
                    { ok: true, phone: '5035551212', callingCode: written.startsWith('tel:') ? '+1' : undefined }
                ]);
            }
        });

        it('keeps the +code a number is written with: the given callingCode is only for national numbers', () => {
            expect(parsePhone('+44 20 7946 0958', '+44')).toEqual({
                ok: true,
                phone: '2079460958',
                callingCode: '+44'
            });
            expect(parsePhone('+44 20 7946 0958', '+1')).toEqual({
                ok: true,
                phone: '2079460958',
                callingCode: '+44'
            });
            expect(parsePhone('+1 503 555 1212', '+44')).toEqual({ ok: true, phone: '5035551212', callingCode: '+1' });
            // The number's own plan decides its trunk prefix and length, not the default's.
            expect(parsePhone('+44 (0)7700 900123', '+1')).toEqual({
                ok: true,
                phone: '7700900123',
                callingCode: '+44'
            });
            expect(parsePhone('+44 12', '+1')).toEqual({ ok: false, reason: 'length' });
            expect(buildEmbedUrl({ baseUrl: BASE, phone: '+44 20 7946 0958', callingCode: '+1' })).toBe(
                `${BASE}/embed?phone=2079460958&callingCode=%2B44`
            );
            expect(buildEmbedUrl({ baseUrl: BASE, phone: '(503) 555-1212', callingCode: '+1' })).toBe(
                `${BASE}/embed?phone=5035551212&callingCode=%2B1`
            );
        });

        it.each([
            ['', 'missing'],
            ['   ', 'missing'],
            ['call reception', 'characters'],
            ['5035551212+', 'characters'],
            ['555-1212', 'length'], // Streem assumes +1: a US number needs its area code
            ['020 7946 0958', 'length'], // a UK number without callingCode would go to +1
            ['+999 123 456', 'unknownCallingCode'],
            ['+44 12', 'length']
        ])('%j is %s', (phone, reason) => {
            expect(parsePhone(phone)).toEqual({ ok: false, reason });
        });

        it('throws an actionable error from buildEmbedUrl for a bad phone', () => {
            const error = errorOf(() => buildEmbedUrl({ baseUrl: BASE, phone: 'n/a' }));
            expect(error.code).toBe('PHONE_INVALID');
            expect(error.property).toBe('phone');
            expect(error.message).toContain('(503) 555-1212');
        });

        it('normalizes and checks calling codes against the generated data', () => {
            expect(normalizeCallingCode(' 44 ')).toBe('+44');
            expect(normalizeCallingCode('+1')).toBe('+1');
            expect(normalizeCallingCode('')).toBeUndefined();
            for (const bad of ['+999', '+0', 'UK', '+44-20', '+12345']) {
                expect(errorOf(() => normalizeCallingCode(bad)).code).toBe('CALLING_CODE_INVALID');
            }
        });

        it('matches the longest calling code (codes are prefix-free)', () => {
            const geographic = new Set(Object.values(REGIONS).map((row) => row.slice(0, row.indexOf(';'))));
            const codes = [...geographic, ...Object.keys(NON_GEOGRAPHIC)];
            const prefixPairs = codes.flatMap((a) =>
                codes.filter((b) => a !== b && b.startsWith(a)).map((b) => [a, b])
            );
            expect(prefixPairs).toEqual([]);
            expect(matchCallingCode('35312345')).toBe('353');
            expect(matchCallingCode('12025550123')).toBe('1');
            expect(matchCallingCode('999')).toBeUndefined();
        });
    });

    describe('merge-field templates', () => {
        it('parses fields, object-qualified fields, relationship paths and literal text', () => {
            const template = parseTemplate('{!FirstName} {!Lead.LastName} of {!Owner.Manager.Name} {x} }{ {!  Id  }');
            expect(template.parts).toEqual([
                { kind: 'field', path: 'FirstName' },
                { kind: 'text', text: ' ' },
                { kind: 'field', path: 'Lead.LastName' },
                { kind: 'text', text: ' of ' },
                { kind: 'field', path: 'Owner.Manager.Name' },
                { kind: 'text', text: ' {x} }{ ' },
                { kind: 'field', path: 'Id' }
            ]);
            expect(templateFields([template], 'Lead')).toEqual([
                'Lead.FirstName',
                'Lead.LastName',
                'Lead.Owner.Manager.Name',
                'Lead.Id'
            ]);
        });

        it('reads {{Path}} as {!Path}, for places where Salesforce takes {!…} as its own expression', () => {
            expect(parseTemplate('{{FirstName}} {!LastName} ({{ Contact.Account.Name }})').parts).toEqual([
                { kind: 'field', path: 'FirstName' },
                { kind: 'text', text: ' ' },
                { kind: 'field', path: 'LastName' },
                { kind: 'text', text: ' (' },
                { kind: 'field', path: 'Contact.Account.Name' },
                { kind: 'text', text: ')' }
            ]);
            expect(parseTemplate('{x} {{Id}}').parts).toEqual([
                { kind: 'text', text: '{x} ' },
                { kind: 'field', path: 'Id' }
            ]);
            expect(() => parseTemplate('{{FirstName}', 'nameTemplate')).toThrow('"{{" without a closing "}}"');
            expect(() => parseTemplate('{{$User.Name}}', 'nameTemplate')).toThrow('not a field name or path');
        });

        it('qualifies paths for the page object', () => {
            expect(qualifyField('FirstName', 'Lead')).toBe('Lead.FirstName');
            expect(qualifyField('Lead.FirstName', 'Lead')).toBe('Lead.FirstName');
            expect(qualifyField('Contact.Account.Name', 'Case')).toBe('Case.Contact.Account.Name');
            expect(qualifyField('Contact.Account.Name', 'Contact')).toBe('Contact.Account.Name');
            expect(qualifyField('Custom__r.Name__c', 'Case')).toBe('Case.Custom__r.Name__c');
        });

        it('renders values, with missing and non-scalar values as empty', () => {
            const values: Record<string, unknown> = {
                'Lead.FirstName': 'Joe',
                'Lead.LastName': null,
                'Lead.AnnualRevenue': 1500000,
                'Lead.IsConverted': false,
                'Lead.Owner': { apiName: 'User' }
            };
            const lookup = (field: string): unknown => values[field];
            expect(renderTemplate(parseTemplate('{!FirstName} {!LastName}'), 'Lead', lookup)).toBe('Joe ');
            expect(
                renderTemplate(parseTemplate('{!AnnualRevenue}/{!IsConverted}/{!Owner}/{!Nope}'), 'Lead', lookup)
            ).toBe('1500000/false//');
            expect(renderTemplate(parseTemplate('SF-{!Id}'), undefined, lookup)).toBe('SF-');
            expect(
                renderFirst(
                    [parseTemplate('{!LastName}'), parseTemplate(' '), parseTemplate('{!FirstName}')],
                    'Lead',
                    lookup
                )
            ).toBe('Joe');
        });

        it.each([
            '{!FirstName',
            '{!}',
            '{! }',
            '{!IF(A, B, C)}',
            '{!$User.FirstName}',
            '{!First Name}',
            '{!Account..Name}'
        ])('rejects %j naming the property', (template) => {
            const error = errorOf(() => parseTemplate(template, 'nameTemplate'));
            expect(error.code).toBe('TEMPLATE_INVALID');
            expect(error.property).toBe('nameTemplate');
            expect(error.message).toContain('nameTemplate');
            expect(error.example).toBe('{{FirstName}} {{LastName}}');
        });

        it('has per-object defaults: mobile first, Case through its contact', () => {
            expect(defaultTemplates('Lead').phone).toEqual(['{!MobilePhone}', '{!Phone}']);
            expect(defaultTemplates('Contact').phone).toEqual(['{!MobilePhone}', '{!Phone}']);
            expect(defaultTemplates('Account').phone).toEqual(['{!PersonMobilePhone}', '{!Phone}']);
            expect(defaultTemplates('Case').phone).toEqual(['{!ContactMobile}', '{!ContactPhone}', '{!SuppliedPhone}']);
            expect(defaultTemplates('Case').name).toEqual(['{!Contact.Name}', '{!SuppliedName}']);
            expect(defaultTemplates('WorkOrder').refId).toBe('{!Id}');
        });
    });

    describe('helpers', () => {
        it('builds the call-log page reference for lightning__UrlAddressable', () => {
            expect(buildCallLogPageReference('abc')).toEqual({
                type: 'standard__component',
                attributes: { componentName: 'c__streemCallLog' },
                state: { c__refId: 'abc' }
            });
        });

        it('fills label placeholders', () => {
            expect(formatLabel('{0} must be like {1}; {0} again; {2}', 'baseUrl', BASE)).toBe(
                `baseUrl must be like ${BASE}; baseUrl again; `
            );
        });

        it('keeps a frame height whole and within bounds, and falls back when it is not a number', () => {
            expect(frameHeightPx(450, 600)).toBe(450);
            expect(frameHeightPx('449.6', 600)).toBe(450);
            expect(frameHeightPx(10, 600)).toBe(200);
            expect(frameHeightPx(99_999, 600)).toBe(2000);
            expect(frameHeightPx('tall', 600)).toBe(600);
            expect(frameHeightPx(undefined, 500)).toBe(500);
        });

        it('shortens very long values in error messages', () => {
            const error = errorOf(() => normalizeRedirect('x'.repeat(500)));
            expect(error.value.length).toBe(80);
            expect(error.message.length).toBeLessThan(300);
        });
    });
});
