/** @jest-environment node */
/**
 * What an update deploy sends (scripts/lib/updatePackage.ts), checked on what the Salesforce CLI's
 * own converter makes of force-app, offline: every admin-owned component is out of the files and of
 * package.xml, and everything else is still there. The manifest-only filter this replaced left
 * Streem_Base_Url in (a custom label comes with the whole CustomLabels file).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_OWNED } from '../lib/deployPlan';
import { ROOT } from '../lib/paths';
import { buildUpdatePackage } from '../lib/updatePackage';

describe('the update deploy package', () => {
    let dir: string;
    let leftOut: string[];
    const read = (file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');
    /** package.xml as `Type:Member` entries. */
    const members = (): string[] =>
        [...read('package.xml').matchAll(/<types>([\s\S]*?)<\/types>/g)].flatMap(([, body = '']) => {
            const type = /<name>([^<]+)<\/name>/.exec(body)?.[1] ?? '';
            return [...body.matchAll(/<members>([^<]+)<\/members>/g)].map(([, member]) => `${type}:${member}`);
        });

    beforeAll(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'update-package-'));
        leftOut = await buildUpdatePackage(path.join(ROOT, 'force-app'), path.join(dir, 'pkg'));
        dir = path.join(dir, 'pkg');
    }, 60_000);

    afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

    it('leaves out every admin-owned component, and says so', () => {
        expect(leftOut.sort()).toEqual(ADMIN_OWNED.map((c) => `${c.type}:${c.member}`).sort());
        expect(fs.existsSync(path.join(dir, 'callCenters', 'SoftphoneBridge.callCenter'))).toBe(false);
        expect(fs.existsSync(path.join(dir, 'cspTrustedSites', 'Streem.cspTrustedSite'))).toBe(false);
        expect(fs.existsSync(path.join(dir, 'cspTrustedSites', 'Softphone_Vendor.cspTrustedSite'))).toBe(false);
        const sent = members();
        for (const owned of ADMIN_OWNED) expect(sent).not.toContain(`${owned.type}:${owned.member}`);
        expect(sent).not.toContain('CustomObject:Lead');
    });

    it("is at the project's API version", () => {
        const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8')) as {
            sourceApiVersion: string;
        };
        expect(read('package.xml')).toContain(`<version>${project.sourceApiVersion}</version>`);
    });

    it("keeps Streem's address out of the labels it sends, and every other label in", () => {
        const labels = read(path.join('labels', 'CustomLabels.labels'));
        expect(labels).not.toContain('<fullName>Streem_Base_Url</fullName>');
        expect(labels).not.toContain('yourcompany.streempro.app');
        const shipped = fs
            .readdirSync(path.join(ROOT, 'force-app', 'main', 'default', 'labels'))
            .map((file) => fs.readFileSync(path.join(ROOT, 'force-app', 'main', 'default', 'labels', file), 'utf8'))
            .join('\n')
            .match(/<fullName>[^<]+<\/fullName>/g)!;
        expect((labels.match(/<fullName>[^<]+<\/fullName>/g) ?? []).length).toBe(shipped.length - 1);
        expect(labels).toContain('<fullName>CallPop_Title</fullName>');
        expect(labels.trimEnd().endsWith('</CustomLabels>')).toBe(true);
    });

    it("sends no Lead changes once the Streem button is out, and still sends the package's own components", () => {
        expect(fs.existsSync(path.join(dir, 'objects', 'Lead.object'))).toBe(false);
        expect(members()).toEqual(
            expect.arrayContaining([
                'CustomObject:Call_Pop_Settings__c',
                'LightningComponentBundle:softphoneBridge',
                'ApexPage:SoftphoneAdapter',
                'LightningMessageChannel:SoftphoneBridge',
                'CustomLabel:CallPop_Title'
            ])
        );
        expect(fs.existsSync(path.join(dir, 'objects', 'Call_Pop_Settings__c.object'))).toBe(true);
    });
});
