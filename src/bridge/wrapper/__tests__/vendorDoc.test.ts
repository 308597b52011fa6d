/**
 * docs/vendor-integration.md is hand-written for vendors; this keeps its field tables in step
 * with the contract specs (src/bridge/core/contract.ts): every field listed, with the same
 * required-ness and limit, and no field the contract lacks.
 */
import fs from 'node:fs';
import path from 'node:path';
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

    it.each([...Object.keys(SOFTPHONE_CALLS), ...Object.keys(WRAPPER_EVENTS)])('has a section for %s', (name) => {
        expect(DOC).toMatch(new RegExp(`^### ${name}$`, 'm'));
    });
});
