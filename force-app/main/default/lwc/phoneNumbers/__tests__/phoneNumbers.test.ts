/**
 * c/phoneNumbers on the numbers the package meets: click-to-dial's E.164 (from the adapter's
 * tests), the calling-code split (from the Streem URL's), the region of a shared calling code,
 * and the written forms a call pop searches for. The comparison with libphonenumber-js on every
 * region is scripts/__tests__/generate-phone-numbers.test.ts.
 */
import {
    numberOfAddress,
    callingCodeOfRegion,
    formatInternational,
    formatNational,
    isCallingCode,
    isSupportedRegion,
    matchCallingCode,
    numberingPlanOf,
    parsePhoneNumber,
    phoneNormalizer,
    regionOfNationalNumber,
    toE164,
    writtenForms
} from 'c/phoneNumbers';

describe('c-phone-numbers', () => {
    it('reads the number of a telephony address, and leaves other text as it is', () => {
        expect(numberOfAddress('sip:+4722334455@pbx.example.net;user=phone')).toBe('+4722334455');
        expect(numberOfAddress('tel:+1-503-555-1212')).toBe('+1-503-555-1212');
        expect(numberOfAddress('callto:5035551212')).toBe('5035551212');
        expect(numberOfAddress('+4722334455;ext=12')).toBe('+4722334455;ext=12');
        expect(numberOfAddress('"Ada Lovelace" <sip:+15035551212@pbx.example.net>;tag=1')).toBe('+15035551212');
        expect(numberOfAddress('<sip:+15035551212@pbx>')).toBe('+15035551212');
        expect(numberOfAddress('Ada <tel:+1-503-555-1212>')).toBe('+1-503-555-1212');
        expect(numberOfAddress('anonymous')).toBe('anonymous');
    });

    it.each([
        ['(503) 555-1212', 'US', '+15035551212'],
        ['+44 20 7946 0958', 'US', '+442079460958'],
        ['0044 20 7946 0958', 'US', '+442079460958'],
        ['011 44 20 7946 0958', 'US', '+442079460958'],
        ['020 7946 0958', 'GB', '+442079460958'],
        ['+44 (0)20 7946 0958', 'US', '+442079460958'],
        ['(415) 555-0199 x12', 'US', '+14155550199'],
        ['+1 415 555 0199 ext. 7', 'GB', '+14155550199'],
        ['8 (812) 123-45-67', 'RU', '+78121234567'],
        ['8 800 555 35 35', 'RU', '+78005553535'],
        ['12', 'US', null],
        ['not a number', 'US', null],
        ['+999 123 456', 'US', null],
        ['', 'US', null]
    ] as const)('toE164(%j, %s) → %s', (raw, region, expected) => {
        expect(toE164(raw, region)).toBe(expected);
        expect(phoneNormalizer(region)(raw)).toBe(expected);
    });

    it('never throws on junk', () => {
        for (const junk of [null, undefined, {}, [], 5035551212, '+', '++1', '(', 'x'.repeat(1000), '\uD800']) {
            expect(() => toE164(junk, 'US')).not.toThrow();
        }
        expect(toE164(5035551212, 'US')).toBe('+15035551212');
        expect(toE164('(503) 555-1212', 'XX')).toBeNull();
    });

    it('has the well-known plans and calling codes', () => {
        expect(numberingPlanOf('1')).toEqual({ nationalPrefix: '1', lengths: [10] });
        expect(numberingPlanOf('44')).toEqual({ nationalPrefix: '0', lengths: [7, 9, 10] });
        expect(numberingPlanOf('39')?.nationalPrefix).toBe(''); // Italy has no trunk prefix
        expect(numberingPlanOf('800')).toEqual({ nationalPrefix: '', lengths: [8] });
        expect(callingCodeOfRegion('GB')).toBe('44');
        expect(isSupportedRegion('GB')).toBe(true);
        expect(isSupportedRegion('XX')).toBe(false);
        expect(isSupportedRegion('constructor')).toBe(false);
        expect(isCallingCode('44')).toBe(true);
        expect(isCallingCode('999')).toBe(false);
        expect(matchCallingCode('35312345')).toBe('353');
        expect(matchCallingCode('12025550123')).toBe('1');
    });

    it.each([
        ['1', '4165550100', 'CA'],
        ['1', '2125550100', 'US'],
        ['1', '2684601234', 'AG'],
        ['1', '8095550100', 'DO'],
        ['44', '1481256789', 'GG'],
        ['44', '2079460958', 'GB'],
        ['7', '7012345678', 'KZ'],
        ['7', '8121234567', 'RU']
    ])('+%s %s is in %s', (code, national, region) => {
        expect(regionOfNationalNumber(code, national)).toBe(region);
        expect(parsePhoneNumber(`+${code}${national}`)?.region).toBe(region);
    });

    // Formerly the calling-code generator's check: the split agrees with libphonenumber on real formats.
    it.each([
        ['+1 (503) 555-1212', '1', '5035551212'],
        ['+44 20 7946 0958', '44', '2079460958'],
        ['+44 7700 900123', '44', '7700900123'],
        ['+49 30 901820', '49', '30901820'],
        ['+33 1 42 68 53 00', '33', '142685300'],
        ['+39 06 6982 1234', '39', '0669821234'],
        ['+7 812 123-45-67', '7', '8121234567'],
        ['+61 4 1234 5678', '61', '412345678'],
        ['+81 3-1234-5678', '81', '312345678'],
        ['+91 98765 43210', '91', '9876543210'],
        ['+353 87 123 4567', '353', '871234567'],
        ['+52 55 1234 5678', '52', '5512345678']
    ])('splits %s into +%s and %s', (written, callingCode, nationalNumber) => {
        expect(parsePhoneNumber(written)).toMatchObject({ callingCode, nationalNumber, possible: true });
    });

    it('writes a number the usual ways, for finding it in phone fields stored as typed', () => {
        const london = parsePhoneNumber('+442079460958')!;
        expect(formatNational(london)).toBe('020 7946 0958');
        expect(formatInternational(london)).toBe('+44 20 7946 0958');
        expect(writtenForms(london)).toEqual([
            '+442079460958',
            '+44 20 7946 0958',
            '020 7946 0958',
            '442079460958',
            '2079460958',
            '02079460958'
        ]);
        const portland = parsePhoneNumber('5035551212', { defaultRegion: 'US' })!;
        expect(writtenForms(portland)).toEqual([
            '+15035551212',
            '+1 503 555 1212',
            '(503) 555-1212',
            '15035551212',
            '5035551212',
            '503-555-1212',
            '503.555.1212',
            '503 555 1212',
            '1-503-555-1212',
            '+1 (503) 555-1212',
            '+1-503-555-1212'
        ]);
    });
});
