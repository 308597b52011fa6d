/** @jest-environment node */
import path from 'node:path';
import { checkBundle } from '../lwcCompile';
import { checkImportSpecifier, moduleToTag, type PackageIndex } from '../lwcReferences';
import { BROKEN, GOOD, defaultDir, describeProblems, lightningModules } from './helpers';

function index(): PackageIndex {
    return {
        bundles: new Set(['greeter', 'badge', 'formatUtil']),
        labels: new Set(['Greeting']),
        messageChannels: new Set(['DemoChannel']),
        staticResources: new Set(['demoLib']),
        lightningModules: lightningModules()
    };
}

function checkFixtureBundle(project: string, name: string, extra: Partial<Parameters<typeof checkBundle>[0]> = {}) {
    const dir = path.join(defaultDir(project), 'lwc', name);
    return checkBundle({ dir, relativeDir: `lwc/${name}`, apiVersion: 68, ...extra }, index());
}

describe('LWC compile and references', () => {
    it('compiles the good bundles, a service module included, with every reference resolved', () => {
        for (const name of ['greeter', 'badge', 'formatUtil']) {
            const { problems, files } = checkFixtureBundle(
                GOOD,
                name,
                name === 'greeter'
                    ? { declaredProperties: [{ name: 'title', line: 11 }], metaFile: 'greeter.js-meta.xml' }
                    : {}
            );
            expect(describeProblems(problems)).toEqual([]);
            expect(files).toBeGreaterThan(1);
        }
    });

    it('reports broken template syntax with file and line', () => {
        const { problems } = checkFixtureBundle(BROKEN, 'brokenTemplate');
        expect(problems).toEqual([
            {
                severity: 'error',
                check: 'lwc',
                file: 'lwc/brokenTemplate/brokenTemplate.html',
                line: 3,
                message: 'does not compile: LWC1078: <p> has no matching closing tag.'
            }
        ]);
    });

    it('reports template tags that name no bundle or no lightning component, at the tag line', () => {
        const { problems } = checkFixtureBundle(BROKEN, 'unknownTag');
        expect(describeProblems(problems)).toEqual([
            'error 3 : <c-missing-thing>: "c/missingThing" does not resolve: there is no LWC bundle lwc/missingThing',
            'error 4 : <lightning-buton>: "lightning/buton" is not a lightning module the platform provides (did you mean lightning/button?)'
        ]);
        expect(problems[0]?.file).toBe('lwc/unknownTag/unknownTag.html');
    });

    it('reports label, message channel, static resource and npm imports that do not exist', () => {
        const { problems } = checkFixtureBundle(BROKEN, 'missingLabel');
        expect(describeProblems(problems)).toEqual([
            'error 2 : "@salesforce/label/c.Greetng": no custom label "Greetng" in labels/*.labels-meta.xml (did you mean c.Greeting?)',
            'error 3 : "@salesforce/messageChannel/NoSuchChannel__c": no messageChannels/NoSuchChannel.messageChannel-meta.xml in this package',
            'error 4 : "@salesforce/resourceUrl/noSuchLib": no static resource "noSuchLib" (staticresources/noSuchLib.resource-meta.xml)',
            'error 5 : "libphonenumber-js" cannot be resolved on the platform, which serves only c/, lightning/, @salesforce/ and lwc modules; put shared code in a service module (lwc/<name>) or bundle it into a static resource (src/resources)'
        ]);
    });

    it('reports App Builder properties that are not @api properties of the component', () => {
        const { problems } = checkFixtureBundle(BROKEN, 'requiredProp', {
            declaredProperties: [
                { name: 'heading', line: 10 },
                { name: 'missingProp', line: 12 }
            ],
            metaFile: 'requiredProp.js-meta.xml'
        });
        expect(describeProblems(problems)).toEqual([
            'error 12 : <property name="missingProp"> is not an @api property of c-required-prop (public: heading, rowCount); App Builder rejects it on deploy'
        ]);
    });

    it('classifies import specifiers', () => {
        const idx = index();
        expect(checkImportSpecifier('lwc', idx)).toBeUndefined();
        expect(checkImportSpecifier('c/badge', idx)).toBeUndefined();
        expect(checkImportSpecifier('lightning/navigation', idx)).toBeUndefined();
        expect(checkImportSpecifier('lightning/messageService', idx)).toBeUndefined();
        expect(checkImportSpecifier('@salesforce/schema/Contact.Phone', idx)).toBeUndefined();
        expect(checkImportSpecifier('@salesforce/label/c.Greeting', idx)).toBeUndefined();
        expect(checkImportSpecifier('lightning/primitiveIframe', idx)?.severity).toBe('error');
        expect(checkImportSpecifier('c/badg', idx)?.message).toBe(
            '"c/badg" does not resolve: there is no LWC bundle lwc/badg (did you mean c/badge?)'
        );
        expect(checkImportSpecifier('@salesforce/apex/Foo.bar', idx)?.message).toBe(
            '"@salesforce/apex/Foo.bar" calls Apex; this package has no Apex'
        );
        expect(checkImportSpecifier('@salesforce/label/Greeting', idx)?.severity).toBe('error');
        expect(checkImportSpecifier('@salesforce/somethingNew/x', idx)?.severity).toBe('warning');
        expect(moduleToTag('c/softphoneBridge')).toBe('c-softphone-bridge');
    });
});
