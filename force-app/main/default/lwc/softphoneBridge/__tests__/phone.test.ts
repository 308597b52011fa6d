import {
    displayPhone,
    formattedPhoneValue,
    isNorthAmericanLocale,
    northAmericanDigits,
    phoneFieldsFor,
    readDialTargets,
    readRecordName,
    recordFieldsFor
} from 'c/phoneNumbers';

describe('c-softphone-bridge phone', () => {
    it("uses each object's standard phone fields unless an admin lists others", () => {
        expect(phoneFieldsFor('Lead')).toEqual(['Phone', 'MobilePhone']);
        expect(phoneFieldsFor('Case')).toEqual(['ContactPhone', 'ContactMobile', 'SuppliedPhone']);
        expect(phoneFieldsFor('Opportunity')).toEqual([]);
        expect(phoneFieldsFor(undefined)).toEqual([]);
        expect(phoneFieldsFor('Account', ' Account.PersonMobilePhone; Phone , Phone, bad-name, Other.Field ')).toEqual([
            'PersonMobilePhone',
            'Phone'
        ]);
        expect(phoneFieldsFor('Contact', ' , ')).toEqual([
            'Phone',
            'MobilePhone',
            'HomePhone',
            'OtherPhone',
            'AssistantPhone'
        ]);
    });

    it('asks for the phone fields and the name field, qualified', () => {
        expect(recordFieldsFor('Case', ['ContactPhone'])).toEqual(['Case.ContactPhone', 'Case.CaseNumber']);
        expect(recordFieldsFor('Custom__c', ['Phone__c'])).toEqual(['Custom__c.Phone__c']);
        expect(recordFieldsFor(undefined, ['Phone'])).toEqual([]);
    });

    it('offers each distinct number once, in field order, skipping blanks', () => {
        const values: Record<string, unknown> = {
            Phone: '(503) 555-1212',
            MobilePhone: '+1 503 555 1212',
            HomePhone: '  ',
            OtherPhone: 42,
            Cell__c: ' 0171 555 0000 '
        };
        expect(
            readDialTargets(['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'Cell__c'], (field) => values[field])
        ).toEqual([
            { field: 'Phone', kind: 'phone', number: '(503) 555-1212' },
            { field: 'Cell__c', number: '0171 555 0000' }
        ]);
    });

    it('reads the record name for the dial context', () => {
        expect(readRecordName('Case', (field) => (field === 'CaseNumber' ? '00001026' : undefined))).toBe('00001026');
        expect(readRecordName('Lead', () => '  ')).toBeUndefined();
        expect(readRecordName('Custom__c', () => 'x')).toBeUndefined();
    });

    it('formats North American numbers for US and CA users, like lightning-formatted-phone', () => {
        expect(isNorthAmericanLocale('en-US')).toBe(true);
        expect(isNorthAmericanLocale('fr_CA')).toBe(true);
        expect(isNorthAmericanLocale('en-GB')).toBe(false);
        expect(northAmericanDigits('+1 (503) 555-1212')).toBe('5035551212');
        expect(northAmericanDigits('503.555.1212')).toBe('5035551212');
        expect(northAmericanDigits('+5035551212')).toBeNull(); // + with 10 digits is another country
        expect(northAmericanDigits('503-555-1212 x12')).toBeNull();
        expect(formattedPhoneValue('+15035551212', 'en-US')).toBe('5035551212');
        expect(formattedPhoneValue('+15035551212', 'de-DE')).toBe('+15035551212');
        expect(formattedPhoneValue('+442071234567', 'en-US')).toBe('+442071234567');
        expect(displayPhone('+15035551212', 'en-US')).toBe('(503) 555-1212');
        expect(displayPhone(' +44 20 7123 4567 ', 'en-US')).toBe('+44 20 7123 4567');
        expect(displayPhone(undefined, 'en-US')).toBe('');
    });
});
