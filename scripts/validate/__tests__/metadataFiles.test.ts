/** @jest-environment node */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCrossReferences, checkUnusedLabels } from '../crossReferences';
import { checkLabelNames, checkMetadataFile, type ParsedMetadataFile } from '../metadataFiles';
import { listFiles } from '../packageShape';
import type { Problem } from '../problems';
import { ROOT } from '../../lib/paths';
import { BROKEN, GOOD, defaultDir, describeProblems, metadataContext } from './helpers';

/** Checks one fixture file of a project, named relative to the project as validate names it. */
function check(project: string, relative: string): Problem[] {
    const problems: Problem[] = [];
    checkMetadataFile(path.join(project, relative), relative, metadataContext(), problems);
    return problems;
}

const CSP = 'force-app/main/default/cspTrustedSites';

describe('metadata schema check', () => {
    it('accepts every metadata file of the good fixture', () => {
        const files = listFiles(defaultDir(GOOD)).filter((file) => file.endsWith('-meta.xml'));
        expect(files.length).toBeGreaterThanOrEqual(10);
        const problems = files.flatMap((file) => check(GOOD, `force-app/main/default/${file}`));
        expect(describeProblems(problems)).toEqual([]);
    });

    it('refuses a component description over 255 characters as written, line breaks and indentation counted', () => {
        const project = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-description-'));
        const relative = 'force-app/main/default/lwc/longNote/longNote.js-meta.xml';
        fs.mkdirSync(path.dirname(path.join(project, relative)), { recursive: true });
        const write = (description: string): Problem[] => {
            fs.writeFileSync(
                path.join(project, relative),
                `<?xml version="1.0" encoding="UTF-8"?>\n<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>62.0</apiVersion>\n    <isExposed>false</isExposed>\n    <description>${description}</description>\n</LightningComponentBundle>\n`
            );
            return check(project, relative).filter((p) => p.path === 'LightningComponentBundle.description');
        };
        try {
            expect(write('x'.repeat(255))).toEqual([]);
            expect(write(`&amp;${'x'.repeat(254)}`)).toEqual([]);
            // Leading and trailing line breaks and indentation count too: 250 + 9 + 5.
            expect(write(`\n        ${'x'.repeat(250)}\n    `)).toHaveLength(1);
            // 250 characters of words, wrapped over lines as a formatter would: 263 as the org counts them.
            const wrapped = write(`${'word '.repeat(25)}\n        ${'word '.repeat(25).trim()}`);
            expect(wrapped).toHaveLength(1);
            expect(wrapped[0]!.message).toContain('the org refuses more than 255');
        } finally {
            fs.rmSync(project, { recursive: true, force: true });
        }
    });

    it('names the file, the element path and the expected fields for a misspelled element', () => {
        const problems = check(BROKEN, `${CSP}/Misspelled.cspTrustedSite-meta.xml`);
        const unknown = problems.find((p) => p.path === 'CspTrustedSite.isActve');
        expect(unknown).toMatchObject({
            severity: 'error',
            check: 'schema',
            file: `${CSP}/Misspelled.cspTrustedSite-meta.xml`,
            line: 5
        });
        expect(unknown?.message).toContain('unknown element <isActve> in CspTrustedSite (did you mean <isActive>?)');
        expect(unknown?.message).toContain('expected one of: fullName, canAccessCamera');
        // The real field is then missing, which is reported too.
        expect(problems.find((p) => p.path === 'CspTrustedSite.isActive')?.message).toBe(
            'missing required element <isActive> (boolean) in CspTrustedSite'
        );
    });

    it('gives the indexed path of a misspelled element deep inside a CallCenter', () => {
        const problems = check(BROKEN, 'force-app/main/default/callCenters/Misspelled.callCenter-meta.xml');
        expect(describeProblems(problems)).toEqual([
            'error 20 CallCenter.sections[1].items[0].vaule: unknown element <vaule> in CallCenterItem (did you mean <value>?); expected one of: label, name, value',
            'error 17 CallCenter.sections[1].items[0].value: missing required element <value> (string) in CallCenterItem'
        ]);
    });

    it('reports a missing required field', () => {
        const problems = check(BROKEN, `${CSP}/NoEndpoint.cspTrustedSite-meta.xml`);
        expect(describeProblems(problems)).toEqual([
            'error 2 CspTrustedSite.endpointUrl: missing required element <endpointUrl> (string) in CspTrustedSite'
        ]);
    });

    it('reports wrong value types: boolean, enum member, text vs nested elements', () => {
        const problems = check(BROKEN, `${CSP}/WrongTypes.cspTrustedSite-meta.xml`);
        expect(describeProblems(problems)).toEqual([
            'error 3 CspTrustedSite.context: "Everywhere" is not a valid CspTrustedSiteContext; expected one of: All | LEX | Communities | FieldServiceMobileExtension | LightningOut | VisualForce',
            'error 5 CspTrustedSite.isActive: "yes" is not a boolean; expected true | false',
            'error 6 CspTrustedSite.isApplicableToFrameSrc: expected boolean text, found nested elements <value>'
        ]);
    });

    it('reports a number field that is not a number', () => {
        const problems = check(BROKEN, 'force-app/main/default/lwc/badVersion/badVersion.js-meta.xml');
        expect(describeProblems(problems)).toEqual([
            'error 3 LightningComponentBundle.apiVersion: "abc" is not a number; expected number (e.g. 68.0)'
        ]);
    });

    it("reads an app's record page override <content> as an element, not as a content file", () => {
        const app = 'force-app/main/default/applications/Streem_Softphone.app-meta.xml';
        expect(describeProblems(check(ROOT, app))).toEqual([]);
    });

    it('reports a root element that does not match the file suffix', () => {
        const problems = check(BROKEN, `${CSP}/WrongRoot.cspTrustedSite-meta.xml`);
        expect(problems[0]?.message).toBe(
            'a .cspTrustedSite-meta.xml file holds a <CspTrustedSite>, but the root element is <LightningMessageChannel>'
        );
    });

    it('reports malformed XML with its line and a missing namespace', () => {
        expect(describeProblems(check(BROKEN, `${CSP}/Malformed.cspTrustedSite-meta.xml`))).toEqual([
            "error 5 : not well-formed XML: Expected closing tag 'CspTrustedSite' (opened in line 2, col 1) instead of closing tag 'CspTrustedSites'."
        ]);
        expect(check(BROKEN, `${CSP}/NoNamespace.cspTrustedSite-meta.xml`)[0]?.message).toBe(
            'missing xmlns="http://soap.sforce.com/2006/04/metadata" on the root element'
        );
    });

    it('reports an XML comment before the root of a child type (the CLI cannot convert it)', () => {
        const problems = check(BROKEN, 'force-app/main/default/objects/Lead/webLinks/CommentFirst.webLink-meta.xml');
        expect(describeProblems(problems)).toEqual([
            'error 1 : an XML comment before <WebLink> makes sf project convert source fail ("Invalid XML tags or unable to find matching parent xml file"); move the comment inside <WebLink>'
        ]);
    });

    it('checks targetConfigs structurally: required property without default, bad type, unknown target, form factor', () => {
        const problems = check(BROKEN, 'force-app/main/default/lwc/requiredProp/requiredProp.js-meta.xml');
        const messages = describeProblems(problems);
        expect(messages).toContain(
            'error 10 LightningComponentBundle.targetConfigs.targetConfig[0].property[0]: property "heading" is required="true" but has no default="..."; App Builder marks the page invalid until an admin sets it'
        );
        expect(messages).toContain(
            'error 11 LightningComponentBundle.targetConfigs.targetConfig[0].property[1]: property "rowCount" has type="Number"; expected one of: String | Boolean | Integer | Color'
        );
        expect(messages).toContain(
            'error 9 LightningComponentBundle.targetConfigs.targetConfig[0]: targets="lightning__AppPage" is not one of the bundle\'s <targets> (lightning__RecordPage); add <target>lightning__AppPage</target> or fix the name'
        );
        expect(
            messages.some((m) => m.includes('<supportedFormFactor type="Medium">; expected one of: Small | Large'))
        ).toBe(true);
    });

    it('collects label names and reports duplicates across label files', () => {
        const context = metadataContext();
        const problems: Problem[] = [];
        const parse = (project: string, file: string): ParsedMetadataFile => {
            const parsed = checkMetadataFile(path.join(project, file), file, context, problems);
            if (!parsed) throw new Error(`${file} did not parse`);
            return parsed;
        };
        const good = parse(GOOD, 'force-app/main/default/labels/Demo.labels-meta.xml');
        const broken = parse(BROKEN, 'force-app/main/default/labels/Broken.labels-meta.xml');
        expect([...checkLabelNames([good], problems)]).toEqual(['Greeting']);
        expect(problems).toEqual([]);
        checkLabelNames([good, { ...broken, file: 'force-app/main/default/labels/Other.labels-meta.xml' }], problems);
        expect(problems[0]?.message).toBe(
            'label "Greeting" is also defined in force-app/main/default/labels/Demo.labels-meta.xml'
        );
    });

    it('warns about a label nothing names, and not about one an LWC or a page names', () => {
        const problems: Problem[] = [];
        const file = 'force-app/main/default/labels/Demo.labels-meta.xml';
        const labels = checkMetadataFile(path.join(GOOD, file), file, metadataContext(), problems);
        if (!labels) throw new Error(`${file} did not parse`);
        checkUnusedLabels([labels], ["import GREETING from '@salesforce/label/c.Greeting';"], problems);
        checkUnusedLabels([labels], ['{!JSENCODE($Label.Greeting)}'], problems);
        expect(problems).toEqual([]);
        checkUnusedLabels([labels], ["import OTHER from '@salesforce/label/c.GreetingLong';"], problems);
        expect(problems).toEqual([
            expect.objectContaining({
                severity: 'warning',
                file,
                line: 3,
                message: 'label "Greeting" is used nowhere in the package (no c.Greeting); remove it or use it'
            })
        ]);
    });

    it('reports pages named by a call center or a permission set that the package lacks', () => {
        const context = metadataContext();
        const problems: Problem[] = [];
        const parse = (project: string, file: string): ParsedMetadataFile[] => {
            const parsed = checkMetadataFile(path.join(project, file), file, context, []);
            return parsed ? [parsed] : [];
        };
        const files = [
            ...parse(GOOD, 'force-app/main/default/pages/DemoAdapter.page-meta.xml'),
            ...parse(GOOD, 'force-app/main/default/callCenters/DemoSoftphone.callCenter-meta.xml'),
            ...parse(BROKEN, 'force-app/main/default/callCenters/Misspelled.callCenter-meta.xml'),
            ...parse(BROKEN, 'force-app/main/default/permissionsets/Broken.permissionset-meta.xml')
        ];
        checkCrossReferences(files, problems);
        expect(problems.map((p) => `${p.file}:${p.line} ${p.path}: ${p.message}`)).toEqual([
            'force-app/main/default/callCenters/Misspelled.callCenter-meta.xml:3 CallCenter.adapterUrl: /apex/Adapter names the Visualforce page "Adapter", which is not in this package (pages/Adapter.page)',
            'force-app/main/default/callCenters/Misspelled.callCenter-meta.xml:11 CallCenter.sections[0].items[0].value: /apex/Adapter names the Visualforce page "Adapter", which is not in this package (pages/Adapter.page)',
            'force-app/main/default/permissionsets/Broken.permissionset-meta.xml:10 PermissionSet.pageAccesses[0].apexPage: page access names the Visualforce page "DemoAdaptr", which is not in this package (pages/DemoAdaptr.page); did you mean DemoAdapter?'
        ]);
    });
});
