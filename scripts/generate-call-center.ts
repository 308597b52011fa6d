/**
 * Writes the call center `SoftphoneBridge` in its two formats from src/callCenter/definition.ts:
 *
 *  1. force-app/main/default/callCenters/SoftphoneBridge.callCenter-meta.xml — Metadata API source
 *     format, deployed with the package. Shape as an org retrieves it (developerforce/open-cti-demo-adapter,
 *     src/callCenters/OpenCTI.callCenter; element order as in the Metadata WSDL, see @salesforce/types
 *     `CallCenter`): adapterUrl, customSettings, displayName, displayNameLabel, internalNameLabel,
 *     sections (items, then label and name), version. reqInternalName and reqDisplayName are not items
 *     there: they are the file name and `displayName`, their labels `internalNameLabel` and
 *     `displayNameLabel`. customSettings is a JSON string of the other reqGeneralInfo items except
 *     reqAdapterUrl (which is `adapterUrl`), every value a string.
 *  2. callcenter/SoftphoneBridge.import.xml — the call center definition file for Setup > Call Centers >
 *     Import (outside force-app: it is not metadata), each item's description as a comment above it.
 *  3. src/callCenter/runtimeTable.ts — what the settings parser reads at run time (names, labels,
 *     defaults, rules, examples), without the descriptions and sort orders, so the adapter script
 *     the Open CTI utility loads does not carry the admins' help text.
 *
 * All are deterministic and committed; scripts/__tests__/generate-call-center.test.ts fails when they
 * drift from the definition. Neither may be reformatted by Prettier (it would put whitespace into values).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CALL_CENTER, GENERAL_SECTION, checkDefinition } from '../src/callCenter/definition';
import type { CallCenterDefinition, CallCenterSectionDefinition, RuntimeItem } from '../src/callCenter/definition';
import type { Generator } from './lib/generator';
import { DEFAULT_DIR, ROOT } from './lib/paths';

export const CALL_CENTER_METADATA_FILE = path.join(
    DEFAULT_DIR,
    'callCenters',
    `${CALL_CENTER.fullName}.callCenter-meta.xml`
);
export const CALL_CENTER_IMPORT_FILE = path.join(ROOT, 'callcenter', `${CALL_CENTER.fullName}.import.xml`);
export const CALL_CENTER_RUNTIME_FILE = path.join(ROOT, 'src', 'callCenter', 'runtimeTable.ts');

const INDENT = '    ';
/** Items that are top-level elements in the metadata format, not section items. */
const TOP_LEVEL_ITEMS = ['reqInternalName', 'reqDisplayName'];
/** reqGeneralInfo items that customSettings does not carry (adapterUrl is its own element). */
const NOT_IN_CUSTOM_SETTINGS = [...TOP_LEVEL_ITEMS, 'reqAdapterUrl'];
const COMMENT_WIDTH = 100;

/** Escapes text for XML element content and attribute values alike (as the Metadata API retrieves it). */
export function escapeXml(text: string): string {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

function element(depth: number, name: string, value: string): string {
    return `${INDENT.repeat(depth)}<${name}>${escapeXml(value)}</${name}>`;
}

function sectionBy(definition: CallCenterDefinition, name: string): CallCenterSectionDefinition | undefined {
    return definition.sections.find((s) => s.name === name);
}

function itemValue(definition: CallCenterDefinition, name: string): string {
    return sectionBy(definition, GENERAL_SECTION)?.items.find((i) => i.name === name)?.defaultValue ?? '';
}

function itemLabel(definition: CallCenterDefinition, name: string): string {
    return sectionBy(definition, GENERAL_SECTION)?.items.find((i) => i.name === name)?.label ?? '';
}

function bySortOrder<T extends { sortOrder: number }>(list: readonly T[]): T[] {
    return [...list].sort((a, b) => a.sortOrder - b.sortOrder);
}

/** The `customSettings` JSON: the req* settings of reqGeneralInfo, values as strings, in definition order. */
export function customSettingsJson(definition: CallCenterDefinition): string {
    const general = sectionBy(definition, GENERAL_SECTION);
    const settings: Record<string, string> = {};
    for (const item of bySortOrder(general?.items ?? [])) {
        if (!NOT_IN_CUSTOM_SETTINGS.includes(item.name)) settings[item.name] = item.defaultValue;
    }
    return JSON.stringify(settings);
}

/** The Metadata API source file (`<CallCenter>`), ending with a newline. */
export function renderCallCenterMetadata(definition: CallCenterDefinition): string {
    const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<CallCenter xmlns="http://soap.sforce.com/2006/04/metadata">',
        element(1, 'adapterUrl', itemValue(definition, 'reqAdapterUrl')),
        element(1, 'customSettings', customSettingsJson(definition)),
        element(1, 'displayName', itemValue(definition, 'reqDisplayName')),
        element(1, 'displayNameLabel', itemLabel(definition, 'reqDisplayName')),
        element(1, 'internalNameLabel', itemLabel(definition, 'reqInternalName'))
    ];
    for (const section of bySortOrder(definition.sections)) {
        lines.push(`${INDENT}<sections>`);
        for (const item of bySortOrder(section.items)) {
            if (section.name === GENERAL_SECTION && TOP_LEVEL_ITEMS.includes(item.name)) continue;
            lines.push(
                `${INDENT.repeat(2)}<items>`,
                element(3, 'label', item.label),
                element(3, 'name', item.name),
                element(3, 'value', item.defaultValue),
                `${INDENT.repeat(2)}</items>`
            );
        }
        lines.push(element(2, 'label', section.label), element(2, 'name', section.name), `${INDENT}</sections>`);
    }
    if (definition.version !== undefined) lines.push(element(1, 'version', definition.version));
    lines.push('</CallCenter>');
    return `${lines.join('\n')}\n`;
}

/** Comment text is free text, except that XML forbids `--` inside a comment. */
function commentSafe(text: string): string {
    return text.replace(/-{2,}/g, (dashes) => dashes.split('').join(' '));
}

/** Word-wraps a comment into lines no wider than COMMENT_WIDTH (a long word stays whole). */
function wrapComment(depth: number, text: string): string[] {
    const prefix = INDENT.repeat(depth + 1);
    const lines: string[] = [];
    let line = '';
    for (const word of commentSafe(text).split(/\s+/).filter(Boolean)) {
        if (line !== '' && prefix.length + line.length + 1 + word.length > COMMENT_WIDTH) {
            lines.push(prefix + line);
            line = word;
        } else {
            line = line === '' ? word : `${line} ${word}`;
        }
    }
    if (line !== '') lines.push(prefix + line);
    return [`${INDENT.repeat(depth)}<!--`, ...lines, `${INDENT.repeat(depth)}-->`];
}

const IMPORT_HEADER = [
    `Call center ${CALL_CENTER.fullName}: the call center definition file for Setup > Call Centers > Import.`,
    'Generated by scripts/generate-call-center.ts from src/callCenter/definition.ts. Do not edit it by hand:',
    'change the definition and run npm run build.',
    'The package also deploys this call center as metadata',
    `(force-app/main/default/callCenters/${CALL_CENTER.fullName}.callCenter-meta.xml); import this file only into`,
    `an org that did not get it by deploy: the internal name ${CALL_CENTER.fullName} must be unique in the org.`,
    'After import, edit the values in Setup > Call Centers; the set of items cannot change.',
    'Nothing here is secret, and nothing may be: every user of the call center can read every value.'
];

/** The Setup import file (`<callCenter>`), ending with a newline. */
export function renderCallCenterImport(definition: CallCenterDefinition): string {
    const lines = ['<!--', ...IMPORT_HEADER.map((l) => `${INDENT}${commentSafe(l)}`), '-->', '<callCenter>'];
    for (const section of bySortOrder(definition.sections)) {
        const attrs = `sortOrder="${section.sortOrder}" name="${escapeXml(section.name)}" label="${escapeXml(section.label)}"`;
        lines.push(`${INDENT}<section ${attrs}>`);
        for (const item of bySortOrder(section.items)) {
            lines.push(...wrapComment(2, `${item.name}: ${item.description}`));
            const itemAttrs = `sortOrder="${item.sortOrder}" name="${escapeXml(item.name)}" label="${escapeXml(item.label)}"`;
            lines.push(`${INDENT.repeat(2)}<item ${itemAttrs}>${escapeXml(item.defaultValue)}</item>`);
        }
        lines.push(`${INDENT}</section>`);
    }
    lines.push('</callCenter>');
    return `${lines.join('\n')}\n`;
}

/** Throws with every problem when the definition breaks an import-format rule. */
export function assertValidDefinition(definition: CallCenterDefinition): void {
    const problems = checkDefinition(definition);
    if (problems.length > 0) {
        const list = problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
        throw new Error(`src/callCenter/definition.ts breaks the call center rules:\n${list}`);
    }
}

/** Generator (scripts/generate.ts): writes both call center files and returns their paths. */
/** A TypeScript literal of a rule or value: strings quoted, RegExps as literals, arrays and objects spread. */
function literal(value: unknown): string {
    if (value instanceof RegExp) return String(value);
    if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
    if (value !== null && typeof value === 'object') {
        const fields = Object.entries(value).filter(([, v]) => v !== undefined);
        return `{ ${fields.map(([k, v]) => `${k}: ${literal(v)}`).join(', ')} }`;
    }
    return JSON.stringify(value);
}

/** The fields of an item the settings parser reads, in a fixed order. */
function runtimeItem(item: RuntimeItem): RuntimeItem {
    return {
        name: item.name,
        label: item.label,
        defaultValue: item.defaultValue,
        unsetKeyword: item.unsetKeyword,
        defaultIsPlaceholder: item.defaultIsPlaceholder,
        rule: item.rule,
        required: item.required,
        neededFor: item.neededFor,
        example: item.example
    };
}

/** src/callCenter/runtimeTable.ts: the sections and items without descriptions and sort orders. */
export function renderRuntimeTable(definition: CallCenterDefinition): string {
    const lines = [
        '/**',
        ' * GENERATED FILE: do not edit. Written by scripts/generate-call-center.ts (`npm run build`) from',
        ' * src/callCenter/definition.ts: each section and item as the settings parser reads them at run time,',
        ' * without the descriptions for admins and the sort orders, which the adapter script need not carry.',
        ' */',
        "import type { RuntimeSection } from './definition';",
        '',
        `export const RUNTIME_SECTIONS: readonly RuntimeSection[] = [`
    ];
    for (const section of bySortOrder(definition.sections)) {
        lines.push(`${INDENT}{`);
        lines.push(`${INDENT.repeat(2)}name: ${literal(section.name)},`);
        lines.push(`${INDENT.repeat(2)}label: ${literal(section.label)},`);
        lines.push(`${INDENT.repeat(2)}items: [`);
        for (const item of bySortOrder(section.items)) lines.push(`${INDENT.repeat(3)}${literal(runtimeItem(item))},`);
        lines.push(`${INDENT.repeat(2)}]`);
        lines.push(`${INDENT}},`);
    }
    lines.push('];', '');
    return lines.join('\n');
}

export const generateCallCenter: Generator = () => {
    assertValidDefinition(CALL_CENTER);
    const outputs: Array<[string, string]> = [
        [CALL_CENTER_METADATA_FILE, renderCallCenterMetadata(CALL_CENTER)],
        [CALL_CENTER_IMPORT_FILE, renderCallCenterImport(CALL_CENTER)],
        [CALL_CENTER_RUNTIME_FILE, renderRuntimeTable(CALL_CENTER)]
    ];
    for (const [file, content] of outputs) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, content, 'utf8');
    }
    return outputs.map(([file]) => path.relative(ROOT, file));
};

if (require.main === module) {
    try {
        for (const file of generateCallCenter() as string[]) console.log(`generated ${file}`);
    } catch (error) {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    }
}
