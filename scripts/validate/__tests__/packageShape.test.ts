/** @jest-environment node */
import { checkConvertedFiles, checkSourceForApex } from '../packageShape';
import { fileKindOf } from '../fileTypes';
import { formatReport, summaryLine } from '../report';
import type { Problem } from '../problems';
import { testRegistry } from './helpers';

describe('package shape', () => {
    it('accepts a clean converted tree', () => {
        expect(
            checkConvertedFiles(
                [
                    'lwc/a/a.html',
                    'lwc/a/a.js',
                    'lwc/a/a.js-meta.xml',
                    'lwc/util/util.js',
                    'lwc/util/util.js-meta.xml',
                    'package.xml'
                ],
                '.build/mdapi/'
            )
        ).toEqual([]);
    });

    it('reports every undeployable file, a bundle without its .js and Apex, not just the first', () => {
        const problems = checkConvertedFiles(
            [
                'lwc/a/a.ts',
                'lwc/a/a.html',
                'lwc/a/__tests__/a.test.js',
                'lwc/tsconfig.json',
                'lwc/a/README.md',
                'classes/Foo.cls',
                'package.xml'
            ],
            '.build/mdapi/'
        );
        expect(problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
            '.build/mdapi/lwc/a/a.ts: would be deployed but is TypeScript source (the platform deploys the compiled .js); add it to .forceignore',
            '.build/mdapi/lwc/a/__tests__/a.test.js: would be deployed but is test code; add it to .forceignore',
            '.build/mdapi/lwc/tsconfig.json: would be deployed but is compiler config; add it to .forceignore',
            '.build/mdapi/lwc/a/README.md: would be deployed but is documentation; add it to .forceignore',
            '.build/mdapi/classes/Foo.cls: Apex in the deploy output; this package ships no Apex',
            '.build/mdapi/lwc/a/: bundle a has no compiled a.js in the deploy output; run npm run build'
        ]);
    });

    it('finds Apex in the source tree', () => {
        expect(
            checkSourceForApex(
                ['main/default/classes/Foo.cls', 'main/default/triggers/T.trigger-meta.xml', 'main/default/lwc/a/a.js'],
                'force-app/'
            ).map((p) => p.file)
        ).toEqual(['force-app/main/default/classes/Foo.cls', 'force-app/main/default/triggers/T.trigger-meta.xml']);
    });
});

describe('file name conventions (from the CLI metadata registry)', () => {
    const kind = (file: string) => {
        const result = fileKindOf(file, testRegistry());
        return 'problem' in result ? result.problem : `${result.kind.typeName} ${result.fullName}`;
    };

    it('maps suffixes and bundle folders to the root element type', () => {
        expect(kind('force-app/main/default/cspTrustedSites/Streem.cspTrustedSite-meta.xml')).toBe(
            'CspTrustedSite Streem'
        );
        expect(kind('force-app/main/default/labels/Softphone.labels-meta.xml')).toBe('CustomLabels Softphone');
        expect(kind('force-app/main/default/lwc/softphoneBridge/softphoneBridge.js-meta.xml')).toBe(
            'LightningComponentBundle softphoneBridge'
        );
        expect(kind('force-app/main/default/objects/Contact/webLinks/Streem.webLink-meta.xml')).toBe('WebLink Streem');
        expect(kind('force-app/main/default/pages/SoftphoneAdapter.page-meta.xml')).toBe('ApexPage SoftphoneAdapter');
        expect(kind('force-app/main/default/staticresources/softphoneWrapper.resource-meta.xml')).toBe(
            'StaticResource softphoneWrapper'
        );
        expect(kind('force-app/main/default/messageChannels/Softphone.messageChannel-meta.xml')).toBe(
            'LightningMessageChannel Softphone'
        );
        expect(kind('force-app/main/default/callCenters/Streem.callCenter-meta.xml')).toBe('CallCenter Streem');
    });

    it('explains names that fit no type', () => {
        expect(kind('force-app/main/default/lwc/foo/bar.js-meta.xml')).toBe(
            'a LightningComponentBundle file must be named after its folder: foo/foo.js-meta.xml'
        );
        expect(kind('force-app/main/default/cspTrustedSites/Streem.cspTrustedSites-meta.xml')).toBe(
            '".cspTrustedSites-meta.xml" is not a known metadata suffix'
        );
        expect(kind('force-app/main/default/cspTrustedSites/Streem-meta.xml')).toContain('has no type suffix');
    });
});

describe('report', () => {
    it('groups problems by check and file and ends with a summary', () => {
        const problems: Problem[] = [
            { severity: 'error', check: 'lwc', file: 'b.html', line: 3, message: 'broken' },
            {
                severity: 'error',
                check: 'schema',
                file: 'a.xml',
                line: 9,
                path: 'CspTrustedSite.isActve',
                message: 'unknown element'
            },
            { severity: 'warning', check: 'schema', file: 'a.xml', line: 2, message: 'apiVersion differs' }
        ];
        expect(formatReport(problems, { files: 42, durationMs: 3140 }).split('\n')).toEqual([
            'Metadata files (@salesforce/types schema, references): 1 error, 1 warning',
            '  a.xml',
            '    warning a.xml:2  apiVersion differs',
            '    error   a.xml:9  CspTrustedSite.isActve: unknown element',
            '',
            'LWC compile and references (@lwc/compiler): 1 error',
            '  b.html',
            '    error   b.html:3  broken',
            '',
            'validate: 2 errors, 1 warning in 42 files (3.1 s)'
        ]);
        expect(summaryLine([], { files: 42, durationMs: 900 })).toBe('validate: 0 errors in 42 files (0.9 s)');
    });
});
