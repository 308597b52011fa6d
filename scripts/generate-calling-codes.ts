/**
 * Generates force-app/main/default/lwc/streemUrl/callingCodes.ts: the ITU-T E.164 country
 * calling codes with each one's national (trunk) prefix and national number lengths, taken
 * from libphonenumber-js metadata (itself generated from Google's libphonenumber).
 *
 * Why generated: an LWC cannot import npm packages on the platform, and the whole
 * libphonenumber-js metadata is far too large to ship for one prefix lookup. The output is
 * committed; a test checks that it is what this generator produces today.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Metadata } from 'libphonenumber-js/core';
import type { MetadataJson } from 'libphonenumber-js/core';
import type { Generator } from './lib/generator';
import { LWC_DIR, ROOT } from './lib/paths';

export const CALLING_CODES_FILE = path.join(LWC_DIR, 'streemUrl', 'callingCodes.ts');

const INDENT = '    ';

interface PhoneMetadata {
    country_calling_codes: Record<string, string[]>;
}

/** The slice of libphonenumber-js's runtime numbering plan we read (nationalPrefix is untyped). */
interface PlanReader {
    /** A string, or a non-string placeholder (the compact metadata's 0) when there is none. */
    nationalPrefix(): unknown;
    possibleLengths(): number[];
}

type Plan = [code: number, nationalPrefix: string, lengths: number[]];

function readPackageVersion(): string {
    const manifest = JSON.parse(
        fs.readFileSync(path.join(ROOT, 'node_modules', 'libphonenumber-js', 'package.json'), 'utf8')
    ) as { version: string };
    return manifest.version;
}

function readMetadata(): PhoneMetadata {
    const file = require.resolve('libphonenumber-js/metadata.min.json', { paths: [ROOT] });
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PhoneMetadata;
}

/**
 * Per calling code: the national (trunk) prefix, dialled at home but never after the code
 * (0 in 020 7946 0958 = +44 20 7946 0958), and the possible lengths of national numbers, from
 * the code's main country (the first listed: US for +1, RU for +7, GB for +44).
 */
function numberingPlans(metadata: PhoneMetadata): Plan[] {
    const lookup = new Metadata(metadata as unknown as MetadataJson);
    const plans: Plan[] = [];
    for (const [code, [mainCountry]] of Object.entries(metadata.country_calling_codes)) {
        if (!mainCountry) throw new Error(`+${code} lists no country`);
        lookup.selectNumberingPlan(mainCountry as Parameters<Metadata['selectNumberingPlan']>[0]);
        const plan = lookup.numberingPlan as unknown as PlanReader;
        const prefix = plan.nationalPrefix();
        const lengths = [...plan.possibleLengths()].sort((a, b) => a - b);
        plans.push([Number(code), typeof prefix === 'string' ? prefix : '', lengths]);
    }
    return plans.sort((a, b) => a[0] - b[0]);
}

/** The module text for the current libphonenumber-js metadata (already prettier-formatted). */
export function renderCallingCodesModule(): string {
    const plans = numberingPlans(readMetadata());
    const rows = plans.map(
        ([code, prefix, lengths], index) =>
            `${INDENT}${code}: ['${prefix}', [${lengths.join(', ')}]]${index < plans.length - 1 ? ',' : ''}`
    );
    return [
        '/**',
        ' * GENERATED FILE: do not edit. Written by scripts/generate-calling-codes.ts (`npm run build`)',
        ` * from libphonenumber-js ${readPackageVersion()} metadata (country_calling_codes and each country's plan).`,
        ' *',
        ' * ITU-T E.164 country calling codes. They are prefix-free (no code is the start of another),',
        ' * so the longest code an international number starts with is its calling code.',
        ' */',
        '',
        "/** [national (trunk) prefix, or '' if none; possible lengths of a national number] */",
        'export type NumberingPlan = readonly [nationalPrefix: string, lengths: readonly number[]];',
        '',
        '/** Numbering plan by calling code, e.g. 44: trunk 0 (020 ...), national numbers of 7, 9 or 10 digits. */',
        'export const NUMBERING_PLANS: Readonly<Record<number, NumberingPlan>> = {',
        ...rows,
        '};',
        ''
    ].join('\n');
}

/** Writes callingCodes.ts; registered in scripts/generate.ts. */
export const generateCallingCodes: Generator = () => {
    fs.writeFileSync(CALLING_CODES_FILE, renderCallingCodesModule());
    return [path.relative(ROOT, CALLING_CODES_FILE)];
};

if (require.main === module) {
    for (const written of generateCallingCodes() as string[]) console.log(`generated ${written}`);
}
