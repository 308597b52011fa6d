/** @jest-environment node */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';
import { CALL_CENTER } from '../../src/callCenter/definition';
import type { CallCenterDefinition } from '../../src/callCenter/definition';
import { parseCallCenterSettings } from '../../src/callCenter/settings';
import { RUNTIME_SECTIONS } from '../../src/callCenter/runtimeTable';
import {
    CALL_CENTER_IMPORT_FILE,
    CALL_CENTER_METADATA_FILE,
    CALL_CENTER_RUNTIME_FILE,
    assertValidDefinition,
    customSettingsJson,
    generateCallCenter,
    renderCallCenterImport,
    renderCallCenterMetadata,
    renderRuntimeTable
} from '../generate-call-center';
import { ROOT } from '../lib/paths';

/** An element: name, attributes, child elements and its own text (comments dropped). */
interface XmlNode {
    name: string;
    attrs: Record<string, string>;
    children: XmlNode[];
    text: string;
}

type Ordered = Record<string, unknown>;

function toNodes(ordered: unknown): XmlNode[] {
    const nodes: XmlNode[] = [];
    for (const entry of ordered as Ordered[]) {
        const name = Object.keys(entry).find((k) => k !== ':@' && k !== '#text' && k !== '#comment' && k !== '?xml');
        if (!name) continue;
        const body = entry[name] as Ordered[];
        const text = body
            .filter((c) => '#text' in c)
            .map((c) => String(c['#text']))
            .join('');
        const attrs = (entry[':@'] ?? {}) as Record<string, string>;
        nodes.push({ name, attrs, children: toNodes(body), text });
    }
    return nodes;
}

/** Parses XML the way the platform reads it: entities decoded, values kept as text, whitespace kept. */
function parseXml(xml: string): XmlNode {
    expect(XMLValidator.validate(xml)).toBe(true);
    const parser = new XMLParser({
        preserveOrder: true,
        ignoreAttributes: false,
        attributeNamePrefix: '',
        parseTagValue: false,
        parseAttributeValue: false,
        trimValues: false,
        commentPropName: '#comment'
    });
    const roots = toNodes(parser.parse(xml));
    expect(roots).toHaveLength(1);
    return roots[0] as XmlNode;
}

const childrenNamed = (node: XmlNode, name: string): XmlNode[] => node.children.filter((c) => c.name === name);
const textOf = (node: XmlNode, name: string): string | undefined => childrenNamed(node, name)[0]?.text;

const importXml = fs.readFileSync(CALL_CENTER_IMPORT_FILE, 'utf8');
const metadataXml = fs.readFileSync(CALL_CENTER_METADATA_FILE, 'utf8');
const importRoot = parseXml(importXml);
const metadataRoot = parseXml(metadataXml);
const importSections = childrenNamed(importRoot, 'section');
const generalInfo = importSections.find((s) => s.attrs.name === 'reqGeneralInfo') as XmlNode;
const generalValue = (name: string): string | undefined =>
    childrenNamed(generalInfo, 'item').find((i) => i.attrs.name === name)?.text;

/** Asserts sortOrders are 0..n-1, each once, as the import format requires. */
function expectContiguous(nodes: XmlNode[]): void {
    const orders = nodes.map((n) => Number(n.attrs.sortOrder)).sort((a, b) => a - b);
    expect(orders).toEqual(nodes.map((_, index) => index));
    for (const node of nodes) expect(node.attrs.sortOrder).toMatch(/^\d+$/);
}

describe('generate-call-center', () => {
    describe('committed files are current', () => {
        it('the metadata file equals the generator output', () => {
            expect(metadataXml).toBe(renderCallCenterMetadata(CALL_CENTER));
        });

        it('the import file equals the generator output', () => {
            expect(importXml).toBe(renderCallCenterImport(CALL_CENTER));
        });

        it('the runtime table equals the generator output', () => {
            expect(fs.readFileSync(CALL_CENTER_RUNTIME_FILE, 'utf8')).toBe(renderRuntimeTable(CALL_CENTER));
        });

        it('the runtime table holds every section and item with all the parser reads, and no descriptions', () => {
            expect(RUNTIME_SECTIONS.map((s) => s.name)).toEqual(CALL_CENTER.sections.map((s) => s.name));
            for (const section of CALL_CENTER.sections) {
                const runtime = RUNTIME_SECTIONS.find((s) => s.name === section.name);
                expect(runtime?.label).toBe(section.label);
                expect(runtime?.items).toEqual(
                    section.items.map(({ description: _description, sortOrder: _sortOrder, ...item }) => item)
                );
                for (const item of runtime?.items ?? []) expect(item).not.toHaveProperty('description');
            }
        });

        it('the generator writes the three files and nothing else', () => {
            const writes: string[] = [];
            const write = jest.spyOn(fs, 'writeFileSync').mockImplementation((file) => {
                writes.push(String(file));
            });
            const mkdir = jest.spyOn(fs, 'mkdirSync').mockImplementation(() => undefined);
            try {
                expect(generateCallCenter()).toEqual([
                    'force-app/main/default/callCenters/SoftphoneBridge.callCenter-meta.xml',
                    'callcenter/SoftphoneBridge.import.xml',
                    'src/callCenter/runtimeTable.ts'
                ]);
                expect(writes).toEqual([CALL_CENTER_METADATA_FILE, CALL_CENTER_IMPORT_FILE, CALL_CENTER_RUNTIME_FILE]);
            } finally {
                write.mockRestore();
                mkdir.mockRestore();
            }
        });

        it('is deterministic', () => {
            expect(renderCallCenterMetadata(CALL_CENTER)).toBe(renderCallCenterMetadata(CALL_CENTER));
            expect(renderCallCenterImport(CALL_CENTER)).toBe(renderCallCenterImport(CALL_CENTER));
        });

        it('refuses a definition that breaks the rules, naming every problem', () => {
            const broken: CallCenterDefinition = {
                ...CALL_CENTER,
                sections: CALL_CENTER.sections.map((s) =>
                    s.name === 'screenPop' ? { ...s, name: 'reqScreenPop', sortOrder: 9 } : s
                )
            };
            expect(() => assertValidDefinition(broken)).toThrow(
                /Section sortOrders must be 0, 1, 2[\s\S]*reqScreenPop: Name "reqScreenPop" is reserved/
            );
        });
    });

    describe('the import file obeys the import-format rules', () => {
        it('has one callCenter with sections of items', () => {
            expect(importRoot.name).toBe('callCenter');
            expect(importSections.length).toBeGreaterThan(1);
            expect(importRoot.children.every((c) => c.name === 'section')).toBe(true);
            for (const section of importSections) expect(section.children.every((c) => c.name === 'item')).toBe(true);
        });

        it('numbers sections, and the items of each section, 0, 1, 2 ... without gaps', () => {
            expectContiguous(importSections);
            for (const section of importSections) expectContiguous(childrenNamed(section, 'item'));
        });

        it('uses alphanumeric names of at most 40 characters, unique where they must be', () => {
            const sectionNames = importSections.map((s) => s.attrs.name);
            expect(new Set(sectionNames).size).toBe(sectionNames.length);
            for (const section of importSections) {
                expect(section.attrs.name).toMatch(/^[A-Za-z0-9]{1,40}$/);
                const itemNames = childrenNamed(section, 'item').map((i) => i.attrs.name);
                expect(new Set(itemNames).size).toBe(itemNames.length);
                for (const name of itemNames) expect(name).toMatch(/^[A-Za-z0-9]{1,40}$/);
            }
        });

        it('keeps req names inside reqGeneralInfo and avoids the reserved words', () => {
            const reserved = ['label', 'sortorder', 'internalnamelabel', 'displaynamelabel'];
            for (const section of importSections) {
                const names = [section.attrs.name, ...childrenNamed(section, 'item').map((i) => i.attrs.name)];
                for (const name of names) expect(reserved).not.toContain(String(name).toLowerCase());
                if (section.attrs.name === 'reqGeneralInfo') continue;
                for (const name of names) expect(name).not.toMatch(/^req/i);
            }
        });

        it('labels everything, within 1000 characters, and leaves no value blank', () => {
            for (const section of importSections) {
                expect(section.attrs.label?.length).toBeGreaterThan(0);
                for (const item of childrenNamed(section, 'item')) {
                    expect(item.attrs.label?.length).toBeGreaterThan(0);
                    expect(item.attrs.label?.length).toBeLessThanOrEqual(1000);
                    expect(item.text.trim()).not.toBe('');
                    expect(item.text).toBe(item.text.trim());
                }
            }
        });

        it('puts reqGeneralInfo first, reqInternalName at 0 and reqDisplayName at 1', () => {
            expect(generalInfo.attrs.sortOrder).toBe('0');
            const item = (name: string): XmlNode | undefined =>
                childrenNamed(generalInfo, 'item').find((i) => i.attrs.name === name);
            expect(item('reqInternalName')?.attrs.sortOrder).toBe('0');
            expect(item('reqDisplayName')?.attrs.sortOrder).toBe('1');
            expect(generalValue('reqInternalName')).toMatch(/^[A-Za-z][A-Za-z0-9]{0,39}$/);
            expect(generalValue('reqDisplayName')?.length).toBeLessThanOrEqual(1000);
        });

        it('has every item Lightning Experience needs, with working values', () => {
            expect(generalValue('reqAdapterUrl')).toBe('/apex/SoftphoneAdapter');
            expect(generalValue('reqUseApi')).toBe('true');
            expect(Number(generalValue('reqSoftphoneHeight'))).toBeGreaterThanOrEqual(240);
            expect(Number(generalValue('reqSoftphoneHeight'))).toBeLessThanOrEqual(2560);
            expect(Number(generalValue('reqSoftphoneWidth'))).toBeGreaterThanOrEqual(200);
            expect(Number(generalValue('reqSoftphoneWidth'))).toBeLessThanOrEqual(1920);
            expect(generalValue('reqSalesforceCompatibilityMode')).toBe('Lightning');
            // reqStandbyUrl and reqTimeout: both or neither.
            expect(generalValue('reqStandbyUrl') === undefined).toBe(generalValue('reqTimeout') === undefined);
        });

        it('explains each item in a comment and says nothing in it is secret', () => {
            expect(importXml).toMatch(/^<!--[\s\S]*Nothing here is secret/);
            expect(importXml).toMatch(/<!--\s+softphoneUrl: Address of the vendor softphone/);
            expect(importXml).not.toMatch(/<!--(?:(?!-->)[\s\S])*--(?!>)/);
        });
    });

    describe('the metadata file has the shape the platform retrieves', () => {
        it('is a CallCenter in the metadata namespace', () => {
            expect(metadataXml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
            expect(metadataRoot.name).toBe('CallCenter');
            expect(metadataRoot.attrs.xmlns).toBe('http://soap.sforce.com/2006/04/metadata');
            expect(path.basename(CALL_CENTER_METADATA_FILE)).toBe(
                `${generalValue('reqInternalName')}.callCenter-meta.xml`
            );
        });

        it('orders elements as the Metadata WSDL does', () => {
            // @salesforce/types (metadata.d.ts) CallCenter: adapterUrl, contactCenterChannels, customSettings,
            // displayName, displayNameLabel, internalNameLabel, sections, vendorCallCenterStatusMaps, version.
            const wsdlOrder = [
                'adapterUrl',
                'contactCenterChannels',
                'customSettings',
                'displayName',
                'displayNameLabel',
                'internalNameLabel',
                'sections',
                'vendorCallCenterStatusMaps',
                'version'
            ];
            const names = metadataRoot.children.map((c) => c.name);
            const positions = names.map((n) => wsdlOrder.indexOf(n));
            expect(positions.every((p) => p >= 0)).toBe(true);
            expect([...positions].sort((a, b) => a - b)).toEqual(positions);
            for (const section of childrenNamed(metadataRoot, 'sections')) {
                expect(section.children.map((c) => c.name)).toEqual([
                    ...section.children.slice(0, -2).map(() => 'items'),
                    'label',
                    'name'
                ]);
                for (const item of childrenNamed(section, 'items')) {
                    expect(item.children.map((c) => c.name)).toEqual(['label', 'name', 'value']);
                }
            }
        });

        it('says the same as the import file', () => {
            expect(textOf(metadataRoot, 'adapterUrl')).toBe(generalValue('reqAdapterUrl'));
            expect(textOf(metadataRoot, 'displayName')).toBe(generalValue('reqDisplayName'));
            const generalLabel = (name: string): string | undefined =>
                childrenNamed(generalInfo, 'item').find((i) => i.attrs.name === name)?.attrs.label;
            expect(textOf(metadataRoot, 'internalNameLabel')).toBe(generalLabel('reqInternalName'));
            expect(textOf(metadataRoot, 'displayNameLabel')).toBe(generalLabel('reqDisplayName'));

            const fromImport = importSections.map((section) => ({
                name: section.attrs.name,
                label: section.attrs.label,
                items: childrenNamed(section, 'item')
                    .filter((i) => !['reqInternalName', 'reqDisplayName'].includes(String(i.attrs.name)))
                    .map((i) => ({ label: i.attrs.label, name: i.attrs.name, value: i.text }))
            }));
            const fromMetadata = childrenNamed(metadataRoot, 'sections').map((section) => ({
                name: textOf(section, 'name'),
                label: textOf(section, 'label'),
                items: childrenNamed(section, 'items').map((i) => ({
                    label: textOf(i, 'label'),
                    name: textOf(i, 'name'),
                    value: textOf(i, 'value')
                }))
            }));
            expect(fromMetadata).toEqual(fromImport);
        });

        it('mirrors the req* settings, as strings, in customSettings', () => {
            const custom = JSON.parse(textOf(metadataRoot, 'customSettings') ?? '') as Record<string, unknown>;
            expect(custom).toEqual({
                reqUseApi: generalValue('reqUseApi'),
                reqSoftphoneHeight: generalValue('reqSoftphoneHeight'),
                reqSoftphoneWidth: generalValue('reqSoftphoneWidth'),
                reqSalesforceCompatibilityMode: generalValue('reqSalesforceCompatibilityMode')
            });
            expect(metadataXml).toContain(
                `<customSettings>${customSettingsJson(CALL_CENTER).replace(/"/g, '&quot;')}</customSettings>`
            );
        });
    });

    describe('round trip', () => {
        /** What getCallCenterSettings returns for a call center imported from `root`. */
        function settingsMapFrom(root: XmlNode): Record<string, string> {
            const map: Record<string, string> = {};
            for (const section of childrenNamed(root, 'section')) {
                map[`/${section.attrs.name}/label`] = String(section.attrs.label);
                map[`/${section.attrs.name}/sortOrder`] = `${section.attrs.sortOrder}.0`;
                for (const item of childrenNamed(section, 'item')) {
                    const key = `/${section.attrs.name}/${item.attrs.name}`;
                    map[key] = item.text;
                    map[`${key}/label`] = String(item.attrs.label);
                    map[`${key}/sortOrder`] = `${item.attrs.sortOrder}.0`;
                }
            }
            return map;
        }

        it('the imported call center parses to valid settings; only the vendor values are left to set', () => {
            const parsed = parseCallCenterSettings(settingsMapFrom(importRoot));
            expect(parsed.ok).toBe(true);
            expect(parsed.issues.map((i) => i.key)).toEqual([
                '/vendorSoftphone/softphoneUrl',
                '/vendorSoftphone/partnerId',
                '/vendorSoftphone/businessSegmentId',
                '/vendorSoftphone/channelOriginId'
            ]);
            expect(parsed.settings.callCenter.adapterUrl).toBe('/apex/SoftphoneAdapter');
        });

        it('escapes markup in labels and values and keeps comments well formed', () => {
            const tricky: CallCenterDefinition = {
                ...CALL_CENTER,
                sections: CALL_CENTER.sections.map((s) =>
                    s.name !== 'screenPop'
                        ? s
                        : {
                              ...s,
                              label: `Pop & "Search" <now> it's`,
                              items: s.items.map((i) =>
                                  i.name === 'noMatch'
                                      ? {
                                            ...i,
                                            defaultValue: 'a<b>&"c"',
                                            description: 'Dashes -- inside --> a comment'
                                        }
                                      : i
                              )
                          }
                )
            };
            const imported = parseXml(renderCallCenterImport(tricky));
            const section = childrenNamed(imported, 'section').find((s) => s.attrs.name === 'screenPop') as XmlNode;
            expect(section.attrs.label).toBe(`Pop & "Search" <now> it's`);
            expect(childrenNamed(section, 'item').find((i) => i.attrs.name === 'noMatch')?.text).toBe('a<b>&"c"');
            const metadata = parseXml(renderCallCenterMetadata(tricky));
            const metaSection = childrenNamed(metadata, 'sections').find(
                (s) => textOf(s, 'name') === 'screenPop'
            ) as XmlNode;
            expect(textOf(metaSection, 'label')).toBe(`Pop & "Search" <now> it's`);
        });
    });
});

describe('docs/admin-softphone.md', () => {
    it('explains every item of the package sections', () => {
        const doc = fs.readFileSync(path.join(ROOT, 'docs', 'admin-softphone.md'), 'utf8');
        for (const section of CALL_CENTER.sections.filter((s) => s.name !== 'reqGeneralInfo')) {
            for (const item of section.items)
                expect({ item: item.name, documented: doc.includes(`\`${item.name}\``) }).toEqual({
                    item: item.name,
                    documented: true
                });
        }
    });

    it("gives each item's shipped value as the definition ships it", () => {
        const doc = fs.readFileSync(path.join(ROOT, 'docs', 'admin-softphone.md'), 'utf8');
        const rows = doc.split('\n').filter((line) => line.startsWith('| `'));
        for (const section of CALL_CENTER.sections.filter((s) => s.name !== 'reqGeneralInfo')) {
            for (const item of section.items) {
                const cells = rows.find((row) => row.startsWith(`| \`${item.name}\``))?.split('|');
                const shipped = cells?.[cells.length - 2]?.trim();
                expect({ item: item.name, shipped }).toEqual({ item: item.name, shipped: `\`${item.defaultValue}\`` });
            }
        }
    });
});
