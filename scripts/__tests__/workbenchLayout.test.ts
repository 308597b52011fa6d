/** @jest-environment node */
// workbench/layout.ts: the workbench's record pages and utility bar come from the app's FlexiPages,
// so editing a FlexiPage (here, a copy of the package's metadata) changes what the workbench shows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_DIR } from '../lib/paths';
import { layoutFrom, readLayoutSources, type LayoutSlot, type WorkbenchLayout } from '../../workbench/layout';

const LEAD_PAGE = 'flexipages/Streem_Lead_Record_Page.flexipage-meta.xml';
const UTILITY_BAR = 'flexipages/Streem_Softphone_UtilityBar.flexipage-meta.xml';

/** What a region shows: package components by name, standard ones by what the workbench draws. */
const shown = (slots: LayoutSlot[]): string[] =>
    slots.map((slot) => slot.draws ?? (slot.notice ? `notice: ${slot.notice}` : slot.componentName));

/** A copy of the metadata layout reads (the app, FlexiPages, every js-meta.xml). */
function copyPackage(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layout-'));
    fs.cpSync(path.join(DEFAULT_DIR, 'applications'), path.join(dir, 'applications'), { recursive: true });
    fs.cpSync(path.join(DEFAULT_DIR, 'flexipages'), path.join(dir, 'flexipages'), { recursive: true });
    for (const bundle of fs.readdirSync(path.join(DEFAULT_DIR, 'lwc'), { withFileTypes: true })) {
        const meta = path.join(DEFAULT_DIR, 'lwc', bundle.name, `${bundle.name}.js-meta.xml`);
        if (!bundle.isDirectory() || !fs.existsSync(meta)) continue;
        fs.mkdirSync(path.join(dir, 'lwc', bundle.name), { recursive: true });
        fs.copyFileSync(meta, path.join(dir, 'lwc', bundle.name, path.basename(meta)));
    }
    return dir;
}

function edit(dir: string, file: string, change: (xml: string) => string): void {
    const full = path.join(dir, file);
    const before = fs.readFileSync(full, 'utf8');
    const after = change(before);
    expect(after).not.toBe(before);
    fs.writeFileSync(full, after);
}

/** Removes the <itemInstances> that places `componentName`. */
const withoutComponent = (componentName: string) => (xml: string) =>
    xml.replace(
        new RegExp(
            `\\s*<itemInstances>(?:(?!</itemInstances>)[\\s\\S])*<componentName>${componentName}</componentName>[\\s\\S]*?</itemInstances>`
        ),
        ''
    );

describe('workbench layout from the FlexiPages', () => {
    let layout: WorkbenchLayout;
    let copy: string;

    beforeAll(() => {
        layout = layoutFrom(readLayoutSources());
    });
    beforeEach(() => {
        copy = copyPackage();
    });
    afterEach(() => {
        fs.rmSync(copy, { recursive: true, force: true });
    });

    it("lays out the app's Lead, Account and Contact pages and its utility bar", () => {
        expect(layout.appLabel).toBe('Streem Softphone');
        expect(Object.keys(layout.recordPages)).toEqual(['Lead', 'Account', 'Contact']);
        for (const page of Object.values(layout.recordPages)) {
            expect(shown(page.main)).toEqual(['details', 'streemEmbed']);
            expect(shown(page.sidebar)).toEqual(['softphoneBridge', 'streemCallLog', 'activity']);
        }
        expect(layout.utilityItems.map((item) => [item.kind, item.label, item.slot?.specifier])).toEqual([
            ['softphone', 'Phone', undefined],
            ['component', 'Softphone Bridge', 'c/softphoneBridge']
        ]);
    });

    it("gives each component the FlexiPage's values over its js-meta.xml defaults, typed", () => {
        const embed = layout.recordPages.Lead?.main.find((slot) => slot.componentName === 'streemEmbed');
        expect(embed?.properties).toMatchObject({ refIdTemplate: '', frameHeight: 600, source: 'SFDC' });
        edit(copy, LEAD_PAGE, (xml) => xml.replace('<value>600</value>', '<value>720</value>'));
        const edited = layoutFrom(readLayoutSources(copy));
        expect(edited.recordPages.Lead?.main[1]?.properties?.frameHeight).toBe(720);
        expect(edited.recordPages.Account?.main[1]?.properties?.frameHeight).toBe(600);
    });

    it('drops a component from the workbench page when its FlexiPage drops it', () => {
        edit(copy, LEAD_PAGE, withoutComponent('streemCallLog'));
        const edited = layoutFrom(readLayoutSources(copy));
        expect(shown(edited.recordPages.Lead?.sidebar ?? [])).toEqual(['softphoneBridge', 'activity']);
        expect(edited.recordPages.Contact).toEqual(layout.recordPages.Contact);
    });

    it('drops a utility item when the UtilityBar FlexiPage drops it', () => {
        edit(copy, UTILITY_BAR, withoutComponent('softphoneBridge'));
        expect(layoutFrom(readLayoutSources(copy)).utilityItems.map((item) => item.kind)).toEqual(['softphone']);
    });

    it('shows a notice where App Builder would not allow the component', () => {
        edit(copy, UTILITY_BAR, (xml) =>
            xml.replace('<componentName>softphoneBridge</componentName>', '<componentName>streemEmbed</componentName>')
        );
        expect(layoutFrom(readLayoutSources(copy)).utilityItems[1]?.slot?.notice).toBe(
            'streemEmbed is not exposed for lightning__UtilityBar in its js-meta.xml.'
        );
    });

    it("serves the package's URL-addressable components at /lightning/cmp/c__<bundle>, in the app's console navigation", () => {
        expect(layout.navType).toBe('Console');
        expect(layout.urlAddressable).toContainEqual({
            componentName: 'c__streemCallLog',
            specifier: 'c/streemCallLog'
        });
        expect(layout.urlAddressable.map((c) => c.componentName)).not.toContain('c__softphoneSchema');
    });
});
