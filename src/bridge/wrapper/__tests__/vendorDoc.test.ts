/**
 * docs/vendor-integration.md is hand-written for vendors; this keeps its field tables in step
 * with the contract specs (src/bridge/core/contract.ts): every field listed, with the same
 * required-ness and limit, and no field the contract lacks; for softphone calls, what liberal
 * reading does with an unusable value (the "If unusable" column), and every warning code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_WARNING_CODES } from 'c/softphoneSchema';
import type { FieldSpec } from 'c/softphoneSchema';
import { SOFTPHONE_CALLS, WRAPPER_EVENTS } from '../../core/contract';

const DOC = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'docs', 'vendor-integration.md'), 'utf8');

interface Row {
    required: string;
    limit: string;
}

/** The field table rows under `### <name>`. */
function rowsOf(name: string): Map<string, Row> {
    const section = DOC.split(/^### /m).find((part) => part.startsWith(`${name}\n`)) ?? '';
    const rows = new Map<string, Row>();
    for (const match of section.matchAll(/^\|\s*`(\w+)`\s*\|[^|]+\|\s*(yes|no)\s*\|([^|]+)\|/gm)) {
        rows.set(match[1] ?? '', { required: match[2] ?? '', limit: (match[3] ?? '').trim() });
    }
    return rows;
}

/** The "If unusable" column under `### <name>` (softphone calls only). */
function toleranceOf(name: string): Map<string, string> {
    const section = DOC.split(/^### /m).find((part) => part.startsWith(`${name}\n`)) ?? '';
    const rows = new Map<string, string>();
    for (const match of section.matchAll(/^\|\s*`(\w+)`\s*\|[^|]+\|[^|]+\|[^|]+\|\s*(\w+)\s*\|/gm)) {
        rows.set(match[1] ?? '', match[2] ?? '');
    }
    return rows;
}

/** What liberal reading does with an unusable value of this field (softphoneSchema's rules). */
function expectedTolerance(spec: FieldSpec): string {
    if (spec.required) return 'refused';
    if (spec.kind === 'text' && spec.keepOtherValues) return 'kept';
    if (spec.kind === 'text' && spec.truncate) return 'cut';
    return 'dropped';
}

function expectedLimit(spec: FieldSpec): string {
    if (spec.kind === 'text') return `${spec.maxLength} chars`;
    if (spec.kind === 'number') return `${spec.min} to ${spec.max}`;
    return '';
}

const objectSpecs: [string, Record<string, FieldSpec>][] = [
    ...Object.entries(SOFTPHONE_CALLS).map(([name, call]): [string, Record<string, FieldSpec>] => [
        name,
        call.payload.fields
    ]),
    ...Object.entries(WRAPPER_EVENTS).flatMap(([name, event]): [string, Record<string, FieldSpec>][] => {
        const payload: FieldSpec = event.payload;
        return payload.kind === 'object' ? [[name, payload.fields]] : [];
    })
];

describe('vendor integration guide', () => {
    it.each(objectSpecs)('documents every field of %s as the contract defines it', (name, fields) => {
        const rows = rowsOf(name);
        expect([...rows.keys()]).toEqual(Object.keys(fields));
        for (const [field, spec] of Object.entries(fields)) {
            expect({ field, ...rows.get(field) }).toEqual({
                field,
                required: spec.required ? 'yes' : 'no',
                limit: expectedLimit(spec)
            });
        }
    });

    it.each(Object.entries(SOFTPHONE_CALLS))(
        'says what happens to an unusable value of each %s field',
        (name, call) => {
            const fields: Record<string, FieldSpec> = call.payload.fields;
            const expected = Object.fromEntries(
                Object.entries(fields).map(([field, spec]) => [field, expectedTolerance(spec)])
            );
            expect(Object.fromEntries(toleranceOf(name))).toEqual(expected);
        }
    );

    it('lists every warning code a vendor can see', () => {
        const section = DOC.slice(DOC.indexOf('### What Salesforce accepts'), DOC.indexOf('### incomingCall'));
        for (const code of SCHEMA_WARNING_CODES) expect(section).toContain(`\`${code}\``);
    });

    it.each([...Object.keys(SOFTPHONE_CALLS), ...Object.keys(WRAPPER_EVENTS)])('has a section for %s', (name) => {
        expect(DOC).toMatch(new RegExp(`^### ${name}$`, 'm'));
    });
});
