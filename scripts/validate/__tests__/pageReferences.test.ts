/** @jest-environment node */
// FlexiPages, the app and the permission set against the bundles and pages they name.
import path from 'node:path';
import { checkMetadataFile, type ParsedMetadataFile } from '../metadataFiles';
import { listFiles } from '../packageShape';
import { checkPageReferences, loadUtilityIcons } from '../pageReferences';
import type { Problem } from '../problems';
import { ROOT } from '../../lib/paths';
import { BROKEN, GOOD, defaultDir, metadataContext } from './helpers';

/** Every metadata file of a project's force-app/main/default, parsed as validate parses it. */
function parseProject(project: string): ParsedMetadataFile[] {
    const context = metadataContext();
    return listFiles(defaultDir(project))
        .filter((file) => file.endsWith('-meta.xml'))
        .flatMap((file) => {
            const relative = `force-app/main/default/${file}`;
            return checkMetadataFile(path.join(project, relative), relative, context, []) ?? [];
        });
}

function pageProblems(project: string): string[] {
    const problems: Problem[] = [];
    checkPageReferences(parseProject(project), problems, loadUtilityIcons(ROOT));
    return problems.map((p) => `${path.basename(p.file)}:${p.line ?? '-'} ${p.message}`);
}

describe('page references', () => {
    it('accepts the package: its app, record pages, utility bar and permission set', () => {
        expect(pageProblems(ROOT)).toEqual([]);
    });

    it('accepts the good fixture', () => {
        expect(pageProblems(GOOD)).toEqual([]);
    });

    it('reports each misuse in the broken fixture', () => {
        expect(pageProblems(BROKEN)).toEqual([
            'Broken_Record_Page.flexipage-meta.xml:11 callCard is limited to Contact, Lead record pages; this page is for Account',
            'Broken_Record_Page.flexipage-meta.xml:12 callCard.rows: "twelve" is not an Integer',
            'Broken_Record_Page.flexipage-meta.xml:16 callCard.compact: "yes" is not a Boolean (true | false)',
            'Broken_Record_Page.flexipage-meta.xml:20 callCard.tone: "loud" is not one of its values (info, warning)',
            'Broken_Record_Page.flexipage-meta.xml:24 callCard has no property "headng" for lightning__RecordPage (did you mean heading?); its lightning__RecordPage properties: heading, rows, tone, compact',
            'Broken_Record_Page.flexipage-meta.xml:37 "label" is a utility item setting (type decorator), which only a UtilityBar page has; this is a RecordPage',
            'Broken_Record_Page.flexipage-meta.xml:32 callCard is limited to Contact, Lead record pages; this page is for Account',
            'Broken_Record_Page.flexipage-meta.xml:33 callCard.rows: 20 is above its max 10',
            'Broken_Record_Page.flexipage-meta.xml:46 hiddenCard is not exposed (<isExposed>true</isExposed>), so no page can hold it',
            'Broken_Record_Page.flexipage-meta.xml:51 "callCrad" is not an LWC of this package (lwc/callCrad); did you mean callCard?',
            'Broken_Record_Page.flexipage-meta.xml:56 requiredProp requires the property "heading", which this page does not set',
            'Broken_UtilityBar.flexipage-meta.xml:7 unknown utility item setting "colour"; expected one of: eager, height, icon, label, scrollable, width',
            'Broken_UtilityBar.flexipage-meta.xml:12 utility item icon "headset" is not an SLDS utility icon',
            'Broken_UtilityBar.flexipage-meta.xml:17 utility item width "wide" is not a number of pixels',
            'Broken_UtilityBar.flexipage-meta.xml:6 callCard does not list the target lightning__UtilityBar (its targets: lightning__RecordPage, lightning__AppPage), so a UtilityBar cannot hold it',
            'Broken_App.app-meta.xml:30 utilityBar names the FlexiPage "Broken_UtilityBa", which is not in this package (flexipages/Broken_UtilityBa.flexipage-meta.xml); did you mean Broken_UtilityBar?',
            'Broken_App.app-meta.xml:4 "Broken_Record_Page" is a record page for Account, but the override is for Contact',
            'Broken_App.app-meta.xml:11 "Broken_UtilityBar" is a UtilityBar FlexiPage; a record page override needs a RecordPage',
            'Broken_App.app-meta.xml:11 a record page override has formFactor Large, the desktop (found Small)',
            'Broken_App.app-meta.xml:18 the Account record page override names the FlexiPage "Broken_Record_Pag", which is not in this package; did you mean Broken_Record_Page?',
            'Broken.permissionset-meta.xml:4 grants the app "Broken_Ap", which is not in this package (applications/Broken_Ap.app-meta.xml); did you mean Broken_App?'
        ]);
    });
});
