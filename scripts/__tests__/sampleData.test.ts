/** @jest-environment node */
// The sample data is one source: data/*.json in `sf data tree import` form is what a scratch org
// gets (npm run setup:scratch) and what the workbench org holds (workbench/platform/org/dataTree.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATA_DIR, PLAN_FILE, readDataTree, sampleRecords } from '../../workbench/platform/org/dataTree';
import {
    ACME_ACCOUNT_ID,
    JOE_LEAD_ID,
    SHARED_CONTACT_ID,
    SHARED_LEAD_ID,
    SHARED_NUMBER
} from '../../workbench/platform/org/sampleData';

/** Fields the org sets itself; an import that sends them fails or is ignored. */
const NOT_CREATEABLE = ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'OwnerId'];

describe('sample data (data/, sf data tree import)', () => {
    it('is a plan the CLI can import: each record typed as its plan entry, unique referenceIds, lookups to records saved earlier', () => {
        const plan = JSON.parse(fs.readFileSync(path.join(DATA_DIR, PLAN_FILE), 'utf8')) as {
            sobject: string;
            saveRefs?: boolean;
            resolveRefs?: boolean;
            files: string[];
        }[];
        const saved = new Set<string>();
        const seen = new Set<string>();
        for (const entry of plan) {
            const records = readDataTree().filter((r) => r.sobject === entry.sobject);
            expect(records.length).toBeGreaterThan(0);
            for (const record of records) {
                expect(seen.has(record.referenceId)).toBe(false);
                seen.add(record.referenceId);
                for (const field of NOT_CREATEABLE) expect(record.fields).not.toHaveProperty(field);
                // Name is compound on Lead and Contact: the org builds it from FirstName and LastName.
                if (entry.sobject !== 'Account') expect(record.fields).not.toHaveProperty('Name');
                for (const value of Object.values(record.fields)) {
                    if (typeof value !== 'string' || !value.startsWith('@')) continue;
                    expect(entry.resolveRefs).toBe(true);
                    expect(saved.has(value.slice(1))).toBe(true);
                }
            }
            if (entry.saveRefs) for (const record of records) saved.add(record.referenceId);
        }
    });

    it('is exactly what the workbench org holds', () => {
        expect(sampleRecords()).toEqual({
            Lead: [
                {
                    Id: JOE_LEAD_ID,
                    FirstName: 'Joe',
                    LastName: 'Customer',
                    Name: 'Joe Customer',
                    Company: 'Customer Household',
                    Title: 'Homeowner',
                    Phone: '+1 503 555 0100',
                    MobilePhone: '(503) 555-1212',
                    Email: 'joe.customer@example.com',
                    Status: 'Open - Not Contacted',
                    Country: 'United States',
                    CreatedDate: '2026-11-02T09:15:00.000Z'
                },
                {
                    Id: SHARED_LEAD_ID,
                    FirstName: 'Ada',
                    LastName: 'Shared',
                    Name: 'Ada Shared',
                    Company: 'Shared Line Ltd',
                    Title: 'Office Manager',
                    Phone: SHARED_NUMBER,
                    MobilePhone: null,
                    Email: 'ada@sharedline.example.com',
                    Status: 'Working - Contacted',
                    Country: 'United States',
                    CreatedDate: '2026-11-05T14:00:00.000Z'
                }
            ],
            Contact: [
                {
                    Id: SHARED_CONTACT_ID,
                    FirstName: 'Sam',
                    LastName: 'Shared',
                    Name: 'Sam Shared',
                    Title: 'Facilities',
                    Phone: '415.555.0199',
                    MobilePhone: null,
                    // Every Contact phone field the org describes (objectInfo.ts), blank when not imported.
                    HomePhone: null,
                    OtherPhone: null,
                    AssistantPhone: null,
                    Email: 'sam@sharedline.example.com',
                    AccountId: ACME_ACCOUNT_ID,
                    CreatedDate: '2026-10-21T08:30:00.000Z'
                }
            ],
            Account: [
                {
                    Id: ACME_ACCOUNT_ID,
                    Name: 'Acme Corporation',
                    Type: 'Customer - Direct',
                    Industry: 'Manufacturing',
                    Phone: '+44 20 7946 0958',
                    Website: 'https://acme.example.com',
                    BillingCountry: 'United Kingdom',
                    CreatedDate: '2026-09-01T10:00:00.000Z'
                }
            ],
            Task: []
        });
    });

    it('names the record a new data file adds without a workbench Id', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'data-'));
        try {
            fs.cpSync(DATA_DIR, dir, { recursive: true });
            const leads = JSON.parse(fs.readFileSync(path.join(dir, 'Lead.json'), 'utf8')) as { records: unknown[] };
            leads.records.push({
                attributes: { type: 'Lead', referenceId: 'NewLead' },
                LastName: 'New',
                Company: 'New Co'
            });
            fs.writeFileSync(path.join(dir, 'Lead.json'), JSON.stringify(leads));
            expect(() => sampleRecords(dir)).toThrow(
                'data/: Lead NewLead has no workbench Id; add it to RECORD_IDS in sampleData.ts'
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
