import { CALL_CENTER, GENERAL_SECTION, checkDefinition, findItem, toSettingsMap } from '../definition';
import type { CallCenterDefinition, CallCenterItemDefinition, CallCenterSectionDefinition } from '../definition';

/** A copy of the shipped definition with one section changed. */
function withSection(
    name: string,
    change: (section: CallCenterSectionDefinition) => CallCenterSectionDefinition
): CallCenterDefinition {
    return { ...CALL_CENTER, sections: CALL_CENTER.sections.map((s) => (s.name === name ? change(s) : s)) };
}

/** A copy of the shipped definition with one item changed. */
function withItem(
    sectionName: string,
    itemName: string,
    patch: Partial<CallCenterItemDefinition>
): CallCenterDefinition {
    return withSection(sectionName, (section) => ({
        ...section,
        items: section.items.map((i) => (i.name === itemName ? { ...i, ...patch } : i))
    }));
}

function messages(definition: CallCenterDefinition): string {
    return checkDefinition(definition)
        .map((p) => `${p.path}: ${p.message}`)
        .join('\n');
}

describe('call center definition', () => {
    it('obeys every import-format rule', () => {
        expect(checkDefinition(CALL_CENTER)).toEqual([]);
    });

    it('has the Lightning items with the values the package needs', () => {
        const value = (name: string): string | undefined => findItem(CALL_CENTER, GENERAL_SECTION, name)?.defaultValue;
        expect(value('reqInternalName')).toBe('SoftphoneBridge');
        expect(value('reqAdapterUrl')).toBe('/apex/SoftphoneAdapter');
        expect(value('reqUseApi')).toBe('true');
        expect(value('reqSalesforceCompatibilityMode')).toBe('Lightning');
        expect(CALL_CENTER.fullName).toBe('SoftphoneBridge');
    });

    it('keeps custom sections out of the reserved req namespace', () => {
        const custom = CALL_CENTER.sections.filter((s) => s.name !== GENERAL_SECTION);
        expect(custom.length).toBeGreaterThan(0);
        for (const section of custom) {
            expect(section.name).toMatch(/^(?!req)[A-Za-z0-9]{1,40}$/i);
            for (const item of section.items) expect(item.name).toMatch(/^(?!req)[A-Za-z0-9]{1,40}$/i);
        }
    });

    it('tells admins in every custom item that it is not a secret', () => {
        for (const section of CALL_CENTER.sections.filter((s) => s.name !== GENERAL_SECTION)) {
            for (const item of section.items) expect(item.description).toMatch(/Not a secret/);
        }
    });

    it('ships no blank value (the Metadata API requires CallCenterItem.value)', () => {
        for (const section of CALL_CENTER.sections) {
            for (const item of section.items) expect(item.defaultValue.trim()).not.toBe('');
        }
    });

    describe('checkDefinition finds each broken rule', () => {
        it('a gap in section sortOrders', () => {
            const broken = withSection('screenPop', (s) => ({ ...s, sortOrder: 7 }));
            expect(messages(broken)).toMatch(/Section sortOrders must be 0, 1, 2/);
        });

        it('item sortOrders that do not start at 0', () => {
            const broken = withSection('screenPop', (s) => ({
                ...s,
                items: s.items.map((i) => ({ ...i, sortOrder: i.sortOrder + 1 }))
            }));
            expect(messages(broken)).toMatch(/screenPop: Item sortOrders must be 0, 1, 2/);
        });

        it('a repeated item sortOrder', () => {
            const broken = withItem('callLogging', 'logMissedCalls', { sortOrder: 0 });
            expect(messages(broken)).toMatch(/callLogging: Item sortOrders .* found 0, 0, 2, 3, 4/);
        });

        it('names with punctuation, spaces or more than 40 characters', () => {
            expect(messages(withItem('screenPop', 'noMatch', { name: 'no_match' }))).toMatch(
                /"no_match" must be 1 to 40 letters or digits/
            );
            expect(messages(withItem('screenPop', 'noMatch', { name: 'no match' }))).toMatch(
                /must be 1 to 40 letters or digits/
            );
            expect(messages(withItem('screenPop', 'noMatch', { name: 'a'.repeat(41) }))).toMatch(
                /must be 1 to 40 letters or digits/
            );
            expect(messages(withSection('screenPop', (s) => ({ ...s, name: 'screen-pop' })))).toMatch(/"screen-pop"/);
        });

        it('a req name outside reqGeneralInfo', () => {
            expect(messages(withItem('screenPop', 'noMatch', { name: 'reqNoMatch' }))).toMatch(
                /"reqNoMatch" is reserved/
            );
            expect(messages(withSection('screenPop', (s) => ({ ...s, name: 'reqScreenPop' })))).toMatch(
                /"reqScreenPop" is reserved/
            );
        });

        it('the reserved words label, sortOrder, internalNameLabel, displayNameLabel', () => {
            for (const word of ['label', 'sortOrder', 'internalNameLabel', 'displayNameLabel']) {
                expect(messages(withItem('screenPop', 'noMatch', { name: word }))).toMatch(/is reserved/);
            }
        });

        it('duplicate section or item names', () => {
            expect(messages(withItem('screenPop', 'multipleMatches', { name: 'noMatch' }))).toMatch(
                /"noMatch" is used twice/
            );
            expect(messages(withSection('screenPop', (s) => ({ ...s, name: 'callLogging' })))).toMatch(
                /"callLogging" is used twice/
            );
        });

        it('reqInternalName not at sortOrder 0 and reqDisplayName not at 1', () => {
            const swapped = withSection(GENERAL_SECTION, (s) => ({
                ...s,
                items: s.items.map((i) =>
                    i.name === 'reqInternalName'
                        ? { ...i, sortOrder: 1 }
                        : i.name === 'reqDisplayName'
                          ? { ...i, sortOrder: 0 }
                          : i
                )
            }));
            const text = messages(swapped);
            expect(text).toMatch(/reqInternalName must have sortOrder 0/);
            expect(text).toMatch(/reqDisplayName must have sortOrder 1/);
        });

        it('a reqInternalName that starts with a digit, has punctuation, is longer than 40 or differs from the file name', () => {
            for (const bad of ['1Softphone', 'Softphone_Bridge', 'S'.repeat(41)]) {
                expect(messages(withItem(GENERAL_SECTION, 'reqInternalName', { defaultValue: bad }))).toMatch(
                    /start with a letter/
                );
            }
            expect(messages(withItem(GENERAL_SECTION, 'reqInternalName', { defaultValue: 'OtherName' }))).toMatch(
                /must equal the metadata name "SoftphoneBridge"/
            );
        });

        it('a reqDisplayName longer than 1000 characters', () => {
            expect(messages(withItem(GENERAL_SECTION, 'reqDisplayName', { defaultValue: 'x'.repeat(1001) }))).toMatch(
                /reqDisplayName must be 1 to 1000/
            );
        });

        it('a missing required Lightning item, reqUseApi other than true, or a Classic compatibility mode', () => {
            const withoutUseApi = withSection(GENERAL_SECTION, (s) => ({
                ...s,
                items: s.items.filter((i) => i.name !== 'reqUseApi').map((i, index) => ({ ...i, sortOrder: index }))
            }));
            expect(messages(withoutUseApi)).toMatch(/Required item reqUseApi is missing/);
            expect(messages(withItem(GENERAL_SECTION, 'reqUseApi', { defaultValue: 'false' }))).toMatch(
                /reqUseApi must be "true"/
            );
            expect(
                messages(withItem(GENERAL_SECTION, 'reqSalesforceCompatibilityMode', { defaultValue: 'Classic' }))
            ).toMatch(/blank in Lightning Experience/);
        });

        it('reqStandbyUrl without reqTimeout', () => {
            const standby: CallCenterItemDefinition = {
                name: 'reqStandbyUrl',
                label: 'Standby URL',
                sortOrder: 7,
                defaultValue: '/apex/Standby',
                rule: { kind: 'url', allowRelative: true },
                required: false,
                description: 'Standby softphone.',
                example: '/apex/Standby'
            };
            const broken = withSection(GENERAL_SECTION, (s) => ({ ...s, items: [...s.items, standby] }));
            expect(messages(broken)).toMatch(/reqStandbyUrl and reqTimeout go together/);
        });

        it('a missing reqGeneralInfo section', () => {
            const broken: CallCenterDefinition = {
                ...CALL_CENTER,
                sections: CALL_CENTER.sections
                    .filter((s) => s.name !== GENERAL_SECTION)
                    .map((s, i) => ({ ...s, sortOrder: i }))
            };
            expect(messages(broken)).toMatch(/reqGeneralInfo section is missing/);
        });

        it('blank values, labels, descriptions or examples, labels over 1000 characters and empty sections', () => {
            expect(messages(withItem('screenPop', 'noMatch', { defaultValue: ' ' }))).toMatch(/non-blank default/);
            expect(messages(withItem('screenPop', 'noMatch', { label: '' }))).toMatch(/Label must be 1 to 1000/);
            expect(messages(withItem('screenPop', 'noMatch', { label: 'x'.repeat(1001) }))).toMatch(
                /Label must be 1 to 1000/
            );
            expect(messages(withItem('screenPop', 'noMatch', { description: '' }))).toMatch(/needs a description/);
            expect(messages(withItem('screenPop', 'noMatch', { example: '' }))).toMatch(/needs an example/);
            expect(messages(withSection('screenPop', (s) => ({ ...s, items: [] })))).toMatch(/at least one item/);
        });
    });

    describe('toSettingsMap', () => {
        it('has the shape getCallCenterSettings returns', () => {
            const map = toSettingsMap(CALL_CENTER);
            expect(map['/reqGeneralInfo/reqAdapterUrl']).toBe('/apex/SoftphoneAdapter');
            expect(map['/reqGeneralInfo/reqAdapterUrl/label']).toBe('CTI Adapter URL');
            expect(map['/reqGeneralInfo/reqAdapterUrl/sortOrder']).toBe('2.0');
            expect(map['/reqGeneralInfo/sortOrder']).toBe('0.0');
            expect(map['/vendorSoftphone/label']).toBe('Vendor Softphone');
            expect(map['/reqGeneralInfo/reqInternalName']).toBe('SoftphoneBridge');
            expect(map['/reqGeneralInfo/reqInternalName/label']).toBeUndefined();
            expect(map['/label']).toBe('Softphone Bridge');
            expect(map['/internalNameLabel']).toBe('Internal Name');
            expect(map['/displayNameLabel']).toBe('Display Name');
        });

        it('takes values over the defaults', () => {
            const map = toSettingsMap(CALL_CENTER, { '/screenPop/noMatch': 'newLead' });
            expect(map['/screenPop/noMatch']).toBe('newLead');
        });
    });
});
