/** @jest-environment node */
// The whole validator, sf CLI included, on a copy of the tiny good fixture project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../lib/paths';
import { validateProject } from '../index';
import { GOOD } from './helpers';

jest.setTimeout(60_000);

describe('validateProject', () => {
    let project: string;

    beforeAll(() => {
        project = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-'));
        fs.cpSync(GOOD, project, { recursive: true });
    });

    afterAll(() => {
        fs.rmSync(project, { recursive: true, force: true });
    });

    it('passes the good project, sf project convert source included', async () => {
        const result = await validateProject({ projectDir: project, toolsDir: ROOT });
        expect(result.problems).toEqual([]);
        expect(result.files).toBeGreaterThanOrEqual(20);
        expect(fs.existsSync(path.join(project, '.build', 'mdapi', 'package.xml'))).toBe(true);
    });

    it('fails when TypeScript and Apex would reach the org', async () => {
        const lwc = path.join(project, 'force-app', 'main', 'default', 'lwc');
        fs.writeFileSync(path.join(lwc, 'badge', 'badge.ts'), 'export {};\n');
        fs.rmSync(path.join(project, '.forceignore'));
        fs.mkdirSync(path.join(project, 'force-app', 'main', 'default', 'classes'));
        fs.writeFileSync(
            path.join(project, 'force-app', 'main', 'default', 'classes', 'Foo.cls'),
            'public class Foo {}\n'
        );
        fs.writeFileSync(
            path.join(project, 'force-app', 'main', 'default', 'classes', 'Foo.cls-meta.xml'),
            '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>68.0</apiVersion><status>Active</status></ApexClass>\n'
        );
        const result = await validateProject({ projectDir: project, toolsDir: ROOT });
        const messages = result.problems.filter((p) => p.check === 'package').map((p) => `${p.file}: ${p.message}`);
        expect(messages).toEqual(
            expect.arrayContaining([
                'force-app/main/default/classes/Foo.cls: Apex in the package source; this package ships no Apex',
                '.build/mdapi/lwc/badge/badge.ts: would be deployed but is TypeScript source (the platform deploys the compiled .js); add it to .forceignore',
                '.build/mdapi/classes/Foo.cls: Apex in the deploy output; this package ships no Apex',
                '.build/mdapi/package.xml: package.xml lists ApexClass; this package ships no Apex'
            ])
        );
    });
});
