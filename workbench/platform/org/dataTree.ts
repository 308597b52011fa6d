/**
 * The workbench org's records, read from the sample data in `sf data tree import` form (data/:
 * a plan file naming one record file per object), so the workbench and a scratch org hold the same
 * records. Follows the Salesforce CLI's tree format ("sf data tree import": `attributes.type`,
 * `attributes.referenceId`, `@referenceId` for a lookup to a record saved earlier in the plan).
 * Read at org reset, in Node only (the browser bundle never imports this module).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../paths';
import { PHONE_FIELDS } from './objectInfo';
import { CREATED_DATES, LAYOUT_FIELDS, RECORD_IDS, type SObjectName, type SampleRecord } from './sampleData';

export const DATA_DIR = path.join(ROOT, 'data');
export const PLAN_FILE = 'sample-data-plan.json';

interface PlanEntry {
    sobject: string;
    saveRefs?: boolean;
    resolveRefs?: boolean;
    files: string[];
}

interface TreeRecord {
    attributes: { type: string; referenceId: string };
    [field: string]: unknown;
}

/** One record of the tree files, as the CLI would send it (lookups still as `@referenceId`). */
export interface DataTreeRecord {
    sobject: string;
    referenceId: string;
    fields: Record<string, unknown>;
}

/** The plan's records in import order; throws with the file at fault on a malformed plan or file. */
export function readDataTree(dir: string = DATA_DIR): DataTreeRecord[] {
    const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const plan = readJson(PLAN_FILE);
    if (!Array.isArray(plan)) throw new Error(`${PLAN_FILE}: expected an array of { sobject, files }`);
    const records: DataTreeRecord[] = [];
    for (const entry of plan as PlanEntry[]) {
        for (const file of entry.files) {
            const tree = readJson(file) as { records?: TreeRecord[] };
            for (const record of tree.records ?? []) {
                const { attributes, ...fields } = record;
                if (attributes?.type !== entry.sobject || !attributes.referenceId)
                    throw new Error(`${file}: every record needs attributes { type: "${entry.sobject}", referenceId }`);
                records.push({ sobject: entry.sobject, referenceId: attributes.referenceId, fields });
            }
        }
    }
    return records;
}

/**
 * The workbench org's records from the tree: each gets its workbench Id and CreatedDate, lookups
 * resolve to Ids, compound Name is built as the org builds it for people (Lead, Contact), and every
 * layout and phone field the record leaves out reads null, as the UI API returns it.
 */
export function sampleRecords(dir: string = DATA_DIR): Record<SObjectName, SampleRecord[]> {
    const out: Record<SObjectName, SampleRecord[]> = { Lead: [], Contact: [], Account: [], Task: [] };
    for (const { sobject, referenceId, fields } of readDataTree(dir)) {
        const id = RECORD_IDS[referenceId];
        if (!id)
            throw new Error(
                `data/: ${sobject} ${referenceId} has no workbench Id; add it to RECORD_IDS in sampleData.ts`
            );
        if (!(sobject in out)) throw new Error(`data/: ${sobject} is not an object the workbench org holds`);
        const record: SampleRecord = { Id: id };
        for (const [field, value] of Object.entries(fields)) {
            const ref = typeof value === 'string' && value.startsWith('@') ? value.slice(1) : undefined;
            if (ref !== undefined && !RECORD_IDS[ref])
                throw new Error(`data/: ${referenceId}.${field} names @${ref}, which no record saves`);
            record[field] = ref !== undefined ? RECORD_IDS[ref] : value;
        }
        if (sobject === 'Lead' || sobject === 'Contact')
            record.Name = [record.FirstName, record.LastName]
                .filter((part) => typeof part === 'string' && part)
                .join(' ');
        for (const field of [...(LAYOUT_FIELDS[sobject] ?? []).map((f) => f.name), ...(PHONE_FIELDS[sobject] ?? [])])
            if (!(field in record)) record[field] = null;
        record.CreatedDate = CREATED_DATES[referenceId] ?? null;
        out[sobject as SObjectName].push(record);
    }
    return out;
}
