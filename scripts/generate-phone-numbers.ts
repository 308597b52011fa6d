/**
 * Generates force-app/main/default/lwc/phoneNumbers/phoneData.ts, the numbering plans behind
 * c/phoneNumbers, from libphonenumber-js metadata (itself generated from Google's libphonenumber).
 *
 * Why generated: an LWC cannot import npm packages on the platform, and libphonenumber-js with
 * its metadata is most of the adapter page's weight. We keep only what our answers need: per
 * region its calling code, national (trunk) prefix and its parsing rule, possible lengths; per
 * shared calling code (+1, +44, +7, ...) the leading digits that pick the region; and the
 * written-form groupings. The output is committed; a test checks that it is current and another
 * compares c/phoneNumbers with libphonenumber-js on every region's example numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Metadata } from 'libphonenumber-js/core';
import type { CountryCode, MetadataJson } from 'libphonenumber-js/core';
import { DigitAutomaton } from './lib/digitPatterns';
import type { Generator } from './lib/generator';
import { LWC_DIR, ROOT } from './lib/paths';

export const PHONE_DATA_FILE = path.join(LWC_DIR, 'phoneNumbers', 'phoneData.ts');

/** The metadata the data is generated from (and the comparison test checks against). */
export const METADATA_FILE = 'libphonenumber-js/metadata.max.json';

/** How deep (in national digits) the region of a shared calling code is looked for. */
const MAX_PREFIX_DIGITS = 7;

/** Compressed metadata, as in the JSON files: positional arrays (see libphonenumber-js METADATA.md). */
type CountryJson = unknown[];
interface MetadataFile {
    country_calling_codes: Record<string, string[]>;
    countries: Record<string, CountryJson>;
    nonGeographic: Record<string, CountryJson>;
}

function readMetadata(): MetadataFile {
    return JSON.parse(fs.readFileSync(require.resolve(METADATA_FILE, { paths: [ROOT] }), 'utf8')) as MetadataFile;
}

function readPackageVersion(): string {
    const file = path.join(ROOT, 'node_modules', 'libphonenumber-js', 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** The slice of libphonenumber-js's runtime numbering plan and format objects we read. */
interface PlanReader {
    callingCode(): string;
    nationalPrefix(): unknown;
    nationalPrefixForParsing(): unknown;
    nationalPrefixTransformRule(): unknown;
    possibleLengths(): number[];
    nationalNumberPattern(): string;
    leadingDigits(): unknown;
    formats(): FormatReader[];
    types?: unknown;
}
interface FormatReader {
    pattern(): string;
    format(): string;
    leadingDigitsPatterns(): string[];
    nationalPrefixFormattingRule(): unknown;
    internationalFormat(): string;
}
interface TypeReader {
    pattern(): string | undefined;
    possibleLengths(): number[] | undefined;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The numbering plan of a region (or of a non-geographic calling code such as +800). */
function readPlan(metadata: Metadata, id: string): PlanReader {
    if (/^\d+$/.test(id)) metadata.selectNumberingPlan(id as unknown as CountryCode);
    else metadata.selectNumberingPlan(id as CountryCode);
    return metadata.numberingPlan as unknown as PlanReader;
}

/** The regular expressions of a region's number types (fixed line, mobile, toll free, ...). */
function typeAutomata(metadata: Metadata, region: string, lengths: number[]): Array<[DigitAutomaton, number[]]> {
    const plan = readPlan(metadata, region) as unknown as { type(name: string): TypeReader | undefined };
    const names = [
        'FIXED_LINE',
        'MOBILE',
        'TOLL_FREE',
        'PREMIUM_RATE',
        'PERSONAL_NUMBER',
        'VOICEMAIL',
        'UAN',
        'PAGER',
        'VOIP',
        'SHARED_COST'
    ];
    const result: Array<[DigitAutomaton, number[]]> = [];
    for (const name of names) {
        const type = plan.type(name);
        const pattern = type?.pattern();
        if (type && pattern) result.push([new DigitAutomaton(pattern), type.possibleLengths() ?? lengths]);
    }
    return result;
}

/** How libphonenumber decides whether a number of a shared calling code belongs to one region. */
interface RegionClaim {
    region: string;
    /** Some number starting with these digits belongs to the region (if no earlier region takes it). */
    claims(prefix: string): boolean;
    /** Every number starting with these digits belongs to the region (if no earlier region takes it). */
    takesAll(prefix: string): boolean;
    /** Equal for two prefixes of one length when the numbers after them are claimed alike. */
    stateAfter(prefix: string): string;
}

/**
 * libphonenumber's getCountryByNationalNumber: the first region, in metadata order, whose
 * "leading digits" start the number or, for regions without them, whose number types match it.
 */
function regionClaims(metadata: Metadata, regions: string[], lengths: number[]): RegionClaim[] {
    return regions.map((region) => {
        const plan = readPlan(metadata, region);
        const leadingDigits = text(plan.leadingDigits());
        if (leadingDigits) {
            const automaton = new DigitAutomaton(leadingDigits, false);
            return {
                region,
                claims: (prefix) => automaton.canMatchAfter(prefix, lengths),
                takesAll: (prefix) => automaton.matchesEveryNumberAfter(prefix),
                stateAfter: (prefix) => automaton.stateAfter(prefix)
            };
        }
        const regionLengths = plan.possibleLengths();
        const general = new DigitAutomaton(plan.nationalNumberPattern());
        const types = typeAutomata(metadata, region, regionLengths);
        return {
            region,
            claims: (prefix) =>
                general.canMatchAfter(prefix, regionLengths) &&
                types.some(([automaton, typeLengths]) => automaton.canMatchAfter(prefix, typeLengths)),
            takesAll: () => false,
            stateAfter: (prefix) =>
                [general, ...types.map(([automaton]) => automaton)].map((a) => a.stateAfter(prefix)).join('/')
        };
    });
}

/** A region, null for "no valid number starts so" (any answer will do), or a choice by the next digit. */
type PrefixTree = string | null | PrefixTree[];

/**
 * Which region libphonenumber gives the numbers that start with `prefix`, digit by digit until one
 * region is left. Prefixes whose regions are in the same states share one answer (`seen`), so the
 * toll-free ranges +1 8xx that US and CA share are explored once, not once per number.
 */
function regionTree(claims: RegionClaim[], prefix: string, seen = new Map<string, PrefixTree>()): PrefixTree {
    const candidates = claims.filter((claim) => claim.claims(prefix));
    const first = candidates[0];
    if (!first) return null;
    if (candidates.length === 1 || first.takesAll(prefix) || prefix.length >= MAX_PREFIX_DIGITS) return first.region;
    const key = `${prefix.length}:${candidates.map((claim) => `${claim.region}=${claim.stateAfter(prefix)}`).join(';')}`;
    const known = seen.get(key);
    if (known !== undefined) return known;
    const tree = chooseByNextDigit(claims, prefix, seen);
    seen.set(key, tree);
    return tree;
}

function chooseByNextDigit(claims: RegionClaim[], prefix: string, seen: Map<string, PrefixTree>): PrefixTree {
    const children = [...'0123456789'].map((digit) => regionTree(claims, prefix + digit, seen));
    const answers = new Set(children.filter((child) => child !== null));
    // One answer for every valid number below: the digits after this prefix do not matter.
    const [only] = answers;
    if (answers.size === 1 && typeof only === 'string') return only;
    return children;
}

/** The leading digits of each region other than the main one, from a tree of choices. */
function collectPrefixes(tree: PrefixTree, main: string, prefix: string, into: Map<string, string[]>): void {
    if (tree === null || tree === main) return;
    if (typeof tree === 'string') {
        into.set(tree, [...(into.get(tree) ?? []), prefix]);
        return;
    }
    tree.forEach((child, digit) => collectPrefixes(child, main, `${prefix}${digit}`, into));
}

/** How many digits after a national prefix tell whether a national number may start with it. */
const TRUNK_LEAD_DIGITS = 4;

/**
 * The leading digits of the national numbers that start like the national prefix (8 800 in
 * Russia, 00180 in Thailand), so the prefix is not stripped from them: libphonenumber asks the
 * national number pattern, we keep only these few digits.
 */
function numbersStartingWith(general: DigitAutomaton, prefix: string, lengths: number[]): string[] {
    if (!general.canMatchAfter(prefix, lengths)) return [];
    const children = [...'0123456789'].map((digit) => prefix + digit);
    const possible = children.filter((child) => general.canMatchAfter(child, lengths));
    if (possible.length === children.length || prefix.length >= TRUNK_LEAD_DIGITS) return [prefix];
    return possible.flatMap((child) => numbersStartingWith(general, child, lengths));
}

/** A grouping, as libphonenumber's format: [pattern, national template, international template, leading digits]. */
type Format = [pattern: string, national: string, international: string, leadingDigits: string];

/** libphonenumber's applyInternationalSeparatorStyle, applied to the template (digits have no punctuation). */
function internationalTemplate(template: string): string {
    return template.replace(/[-x‐-―−ー－-／  ­​⁠　()（）［］.[\]/~⁓∼～]+/g, ' ').trim();
}

function formatsOf(plan: PlanReader): Format[] {
    return plan.formats().map((format) => {
        const rule = text(format.nationalPrefixFormattingRule());
        const national = rule ? format.format().replace(/(\$\d)/, rule) : format.format();
        const leading = format.leadingDigitsPatterns();
        return [format.pattern(), national, internationalTemplate(format.internationalFormat()), leading.at(-1) ?? ''];
    });
}

/** Everything phoneData.ts holds, before it is written out. */
export interface PhoneData {
    version: string;
    /** Region: [calling code, national prefix, possible lengths, prefix-for-parsing rule, transform, national numbers that start with the prefix, format ids]. */
    regions: Array<[string, number, string, number[], string, string, string[], number[]]>;
    /** Calling code: its regions, main first ('' for non-geographic codes such as +800). */
    callingCodes: Array<[number, string[]]>;
    /** The main region of each calling code several regions share (the rest follow alphabetically). */
    mainRegions: string[];
    /** Non-geographic calling code: possible lengths and format ids. */
    nonGeographic: Array<[number, number[], number[]]>;
    /** Region: the leading national digits that pick it among the regions of a shared calling code. */
    leadingDigits: Array<[string, string[]]>;
    formats: Format[];
}

export function buildPhoneData(): PhoneData {
    const json = readMetadata();
    const metadata = new Metadata(json as unknown as MetadataJson);
    const formats: Format[] = [];
    const formatIds = new Map<string, number>();
    const formatIdsOf = (plan: PlanReader): number[] =>
        formatsOf(plan).map((format) => {
            const key = JSON.stringify(format);
            let id = formatIds.get(key);
            if (id === undefined) {
                id = formats.length;
                formats.push(format);
                formatIds.set(key, id);
            }
            return id;
        });

    const regions: PhoneData['regions'] = [];
    for (const region of Object.keys(json.countries).sort()) {
        const plan = readPlan(metadata, region);
        const nationalPrefix = text(plan.nationalPrefix());
        const lengths = [...plan.possibleLengths()].sort((a, b) => a - b);
        const forParsing = text(plan.nationalPrefixForParsing());
        // Most plans strip exactly their national prefix; the rest (0|180020 in GB, the NANP islands'
        // seven-digit local numbers, Argentina's 15 for mobiles) keep libphonenumber's rule.
        const parsingRule = forParsing === nationalPrefix ? '' : forParsing;
        const general = new DigitAutomaton(plan.nationalNumberPattern());
        const trunkLeads = nationalPrefix === '' ? [] : numbersStartingWith(general, nationalPrefix, lengths);
        regions.push([
            region,
            Number(plan.callingCode()),
            nationalPrefix,
            lengths,
            parsingRule,
            text(plan.nationalPrefixTransformRule()),
            trunkLeads,
            formatIdsOf(plan)
        ]);
    }

    const callingCodes: PhoneData['callingCodes'] = [];
    const leadingDigits: PhoneData['leadingDigits'] = [];
    for (const [code, members] of Object.entries(json.country_calling_codes)) {
        const geographic = members.filter((member) => member !== '001');
        callingCodes.push([Number(code), geographic]);
        if (geographic.length < 2) continue;
        const lengths = [...new Set(geographic.flatMap((region) => readPlan(metadata, region).possibleLengths()))].sort(
            (a, b) => a - b
        );
        const tree = regionTree(regionClaims(metadata, geographic, lengths), '');
        const prefixes = new Map<string, string[]>();
        collectPrefixes(tree, geographic[0]!, '', prefixes);
        for (const region of geographic.slice(1)) leadingDigits.push([region, prefixes.get(region) ?? []]);
    }
    callingCodes.sort((a, b) => a[0] - b[0]);
    const mainRegions = sharedCodeMains(callingCodes);

    const nonGeographic: PhoneData['nonGeographic'] = Object.keys(json.nonGeographic)
        .sort()
        .map((code) => {
            const plan = readPlan(metadata, code);
            return [Number(code), [...plan.possibleLengths()].sort((a, b) => a - b), formatIdsOf(plan)];
        });
    return { version: readPackageVersion(), regions, callingCodes, mainRegions, nonGeographic, leadingDigits, formats };
}

/**
 * The module writes no calling-code table: c/phoneNumbers derives it from REGIONS (each region's
 * calling code) and these main regions, the rest of a code's regions in alphabetical order. That
 * holds for libphonenumber's lists today; a version for which it does not fails the build here.
 */
function sharedCodeMains(callingCodes: PhoneData['callingCodes']): string[] {
    const mains: string[] = [];
    for (const [code, regions] of callingCodes) {
        if (regions.length < 2) continue;
        const [main, ...rest] = regions as [string, ...string[]];
        if (rest.join(' ') !== [...rest].sort().join(' '))
            throw new Error(
                `libphonenumber lists +${code}'s regions other than ${main} out of alphabetical order (${regions.join(' ')}); write the calling-code table out again`
            );
        mains.push(main);
    }
    return mains;
}

const q = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const list = (values: readonly (string | number)[]): string =>
    values.map((value) => (typeof value === 'string' ? value : String(value))).join(' ');

/** The module text (not prettier-formatted: the file is in .prettierignore, one record a line). */
export function renderPhoneDataModule(data: PhoneData = buildPhoneData()): string {
    return [
        '/**',
        ' * GENERATED FILE: do not edit. Written by scripts/generate-phone-numbers.ts (`npm run build`)',
        ` * from libphonenumber-js ${data.version} metadata. Read through c/phoneNumbers, never directly.`,
        ' * Lists are space-separated so the file stays small; phoneNumbers.ts splits them once.',
        ' */',
        '',
        '/**',
        ' * Region: calling code; national prefix; possible lengths of a national number; national prefix',
        " * for parsing when it is not just the prefix (a RegExp source); its transform ('$1' form);",
        ' * leading digits of the national numbers that themselves start with the national prefix.',
        ' */',
        'export const REGIONS: Readonly<Record<string, string>> = {',
        ...data.regions.map(
            ([region, code, prefix, lengths, rule, transform, trunkLeads], index) =>
                `    ${region}: ${q([code, prefix, list(lengths), rule, transform, list(trunkLeads)].join(';'))}${index < data.regions.length - 1 ? ',' : ''}`
        ),
        '};',
        '',
        '/** Region: its groupings (ids into FORMATS), apart so code that never formats leaves them out. */',
        'export const REGION_FORMATS: Readonly<Record<string, string>> = {',
        ...data.regions.map(
            ([region, , , , , , , formats], index) =>
                `    ${region}: ${q(list(formats))}${index < data.regions.length - 1 ? ',' : ''}`
        ),
        '};',
        '',
        '/** The main region of each calling code several regions share; the others follow alphabetically. */',
        `export const MAIN_REGIONS = ${q(list(data.mainRegions))};`,
        '',
        '/** Non-geographic calling code (+800, +882, ...): possible lengths; format ids. */',
        'export const NON_GEOGRAPHIC: Readonly<Record<number, string>> = {',
        ...data.nonGeographic.map(
            ([code, lengths, formats], index) =>
                `    ${code}: ${q(`${list(lengths)};${list(formats)}`)}${index < data.nonGeographic.length - 1 ? ',' : ''}`
        ),
        '};',
        '',
        '/**',
        ' * Region of a shared calling code other than its main one: the leading national digits that are',
        " * its numbers (libphonenumber's choice for every valid number). Anything else is the main region's.",
        ' */',
        'export const LEADING_DIGITS: Readonly<Record<string, string>> = {',
        ...data.leadingDigits.map(
            ([region, prefixes], index) =>
                `    ${region}: ${q(list(prefixes))}${index < data.leadingDigits.length - 1 ? ',' : ''}`
        ),
        '};',
        '',
        '/**',
        ' * Groupings, shared by id: pattern (RegExp source, whole national number); national template;',
        ' * international template; leading digits (RegExp source, at the start) that select it.',
        ' */',
        'export const FORMATS: readonly string[] = [',
        ...data.formats.map(
            (format, index) => `    ${q(format.join(';'))}${index < data.formats.length - 1 ? ',' : ''}`
        ),
        '];',
        ''
    ].join('\n');
}

/** Writes phoneData.ts; registered in scripts/generate.ts. */
export const generatePhoneNumbers: Generator = () => {
    fs.mkdirSync(path.dirname(PHONE_DATA_FILE), { recursive: true });
    fs.writeFileSync(PHONE_DATA_FILE, renderPhoneDataModule());
    return [path.relative(ROOT, PHONE_DATA_FILE)];
};

if (require.main === module) {
    for (const written of generatePhoneNumbers() as string[]) console.log(`generated ${written}`);
}
