import fs from 'node:fs';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { CALLING_CODES_FILE, renderCallingCodesModule } from '../generate-calling-codes';
import { NUMBERING_PLANS } from '../../force-app/main/default/lwc/streemUrl/callingCodes';
import { parsePhone } from '../../force-app/main/default/lwc/streemUrl/streemUrl';

describe('generate-calling-codes', () => {
    it('committed callingCodes.ts is what the generator produces (run `npm run build` if not)', () => {
        expect(fs.readFileSync(CALLING_CODES_FILE, 'utf8')).toBe(renderCallingCodesModule());
    });

    it('has the well-known plans', () => {
        expect(NUMBERING_PLANS[1]).toEqual(['1', [10]]);
        expect(NUMBERING_PLANS[44]).toEqual(['0', [7, 9, 10]]);
        expect(NUMBERING_PLANS[39]?.[0]).toBe(''); // Italy has no trunk prefix
        expect(Object.keys(NUMBERING_PLANS).length).toBeGreaterThan(200);
    });

    // The split agrees with the full libphonenumber on real-world formats.
    it.each([
        '+1 (503) 555-1212',
        '+44 20 7946 0958',
        '+44 7700 900123',
        '+49 30 901820',
        '+33 1 42 68 53 00',
        '+39 06 6982 1234',
        '+7 812 123-45-67',
        '+61 4 1234 5678',
        '+81 3-1234-5678',
        '+91 98765 43210',
        '+353 87 123 4567',
        '+52 55 1234 5678'
    ])('splits %s as libphonenumber does', (number) => {
        const reference = parsePhoneNumberFromString(number)!;
        expect(parsePhone(number)).toEqual({
            ok: true,
            phone: reference.nationalNumber,
            callingCode: `+${reference.countryCallingCode}`
        });
    });
});
