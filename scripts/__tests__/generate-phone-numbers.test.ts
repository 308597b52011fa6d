/** @jest-environment node */
/**
 * c/phoneNumbers against libphonenumber-js: the committed data is what the generator writes
 * today, and on every region's example numbers, in every usual written form, both give the same
 * answers (E.164, calling code, national number, region, national and international groupings).
 */
import fs from 'node:fs';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import metadata from 'libphonenumber-js/metadata.max.json';
import { PHONE_DATA_FILE, renderPhoneDataModule } from '../generate-phone-numbers';
import { DigitAutomaton } from '../lib/digitPatterns';
import {
    formatInternational,
    formatNational,
    parsePhoneNumber,
    regionsOfCallingCode
} from '../../force-app/main/default/lwc/phoneNumbers/phoneNumbers';

type Countries = Record<string, unknown[]>;

/** A fixed-line number per region: the smallest its fixed-line pattern accepts (none ship as examples). */
function fixedLineExample(region: string): string | undefined {
    const types = (metadata.countries as unknown as Countries)[region]?.[11] as unknown[] | undefined;
    const fixedLine = types?.[0] as [string, number[]?] | undefined;
    const lengths = fixedLine?.[1] ?? ((metadata.countries as unknown as Countries)[region]?.[3] as number[]);
    if (!fixedLine?.[0] || !lengths) return undefined;
    const automaton = new DigitAutomaton(fixedLine[0]);
    for (const length of lengths) {
        const national = automaton.smallestMatch(length);
        if (national !== undefined) return national;
    }
    return undefined;
}

interface Case {
    region: string;
    kind: 'mobile' | 'fixed line';
    form: string;
    input: string;
    defaultCountry: CountryCode | undefined;
}

/** Every example in E.164, international and national form, without and with its region as default. */
function cases(): Case[] {
    const all: Case[] = [];
    for (const region of Object.keys(metadata.countries).sort()) {
        const numbers: Array<[Case['kind'], string | undefined]> = [
            ['mobile', (examples as Record<string, string>)[region]],
            ['fixed line', fixedLineExample(region)]
        ];
        for (const [kind, national] of numbers) {
            const reference = national ? parsePhoneNumberFromString(national, region as CountryCode) : undefined;
            if (!reference?.isValid()) continue;
            const forms: Array<[string, string, CountryCode | undefined]> = [
                ['E.164', reference.number, undefined],
                ['international', reference.formatInternational(), undefined],
                ['E.164, region default', reference.number, region as CountryCode],
                ['international, region default', reference.formatInternational(), region as CountryCode],
                ['national, region default', reference.formatNational(), region as CountryCode]
            ];
            for (const [form, input, defaultCountry] of forms) all.push({ region, kind, form, input, defaultCountry });
        }
    }
    return all;
}

function answers(input: string, defaultCountry: CountryCode | undefined) {
    const theirs = parsePhoneNumberFromString(input, { defaultCountry, extract: false });
    const ours = parsePhoneNumber(input, { defaultRegion: defaultCountry });
    return {
        theirs: theirs && {
            e164: theirs.number,
            region: theirs.country,
            possible: theirs.isPossible(),
            national: theirs.formatNational(),
            international: theirs.formatInternational()
        },
        ours: ours && {
            e164: ours.e164,
            region: ours.region,
            possible: ours.possible,
            national: formatNational(ours),
            international: formatInternational(ours)
        }
    };
}

/**
 * Known, deliberate differences. Belarus writes national numbers with 8 or 80 before them and
 * also has national numbers that start with 8 at the same lengths; libphonenumber tells them
 * apart with Belarus's full number pattern, which we do not ship, so we keep the 80 there.
 */
const TOLERATED = ['BY national, region default: 8 029 491-19-11', 'BY national, region default: 8 01511 00-000'];

describe('generate-phone-numbers', () => {
    it('committed phoneData.ts is what the generator produces (run `npm run build` if not)', () => {
        expect(fs.readFileSync(PHONE_DATA_FILE, 'utf8')).toBe(renderPhoneDataModule());
    });

    it("lists each calling code's regions as libphonenumber-js does, main region first (derived, not stored)", () => {
        const codes = metadata.country_calling_codes as Record<string, string[]>;
        for (let code = 0; code <= 999; code++) {
            const expected = (codes[String(code)] ?? []).filter((region) => region !== '001');
            expect([String(code), regionsOfCallingCode(String(code))]).toEqual([String(code), expected]);
        }
        expect(regionsOfCallingCode('001')).toEqual(regionsOfCallingCode('1'));
        expect(regionsOfCallingCode('1x')).toEqual([]);
    });

    it('answers as libphonenumber-js does on every region, in every written form', () => {
        const all = cases();
        const differences = all
            .map((c) => ({ ...c, ...answers(c.input, c.defaultCountry) }))
            .filter((c) => JSON.stringify(c.ours) !== JSON.stringify(c.theirs));
        const regions = new Set(all.map((c) => c.region));
        console.log(
            `phone comparison: ${regions.size} regions, ${all.length / 5} numbers, ${all.length} inputs, ` +
                `${all.length - differences.length} agree`
        );
        expect(differences.map((c) => `${c.region} ${c.form}: ${c.input}`)).toEqual(TOLERATED);
        expect(regions.size).toBe(Object.keys(metadata.countries).length);
        // Every region gives both numbers, each in five written forms: nothing is silently skipped.
        expect(all.length).toBe(regions.size * 2 * 5);
    });
});
