/** @jest-environment node */
import { deriveMetadataSchema } from '../metadataSchema';
import { problemSink, type Problem } from '../problems';
import { checkMetadataXml, suggest } from '../schemaCheck';
import { parseXml, type XmlElement } from '../xml';
import { describeProblems, testSchema } from './helpers';

const DTS = `
export type Colour = 'Red' | 'Green';
export type Alias = string;
export type Metadata = { fullName?: string; };
export type Widget = Metadata & {
    count: number;
    colour?: Colour;
    enabled: boolean;
    name: Alias;
    parts: Part[];
    since?: Date;
    mode?: 'fast' | 'slow';
};
export type Part = { label: string; child?: Part; };
`;

function root(xml: string): XmlElement {
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.root;
}

describe('schema derivation from the .d.ts', () => {
    const schema = deriveMetadataSchema(DTS);

    it('flattens intersections, keeps optional and array flags and resolves aliases', () => {
        expect(schema.objects['Widget']).toEqual({
            isMetadata: true,
            fields: {
                fullName: { type: { kind: 'string' }, optional: true, array: false },
                count: { type: { kind: 'number' }, optional: false, array: false },
                colour: { type: { kind: 'enum', name: 'Colour' }, optional: true, array: false },
                enabled: { type: { kind: 'boolean' }, optional: false, array: false },
                name: { type: { kind: 'string' }, optional: false, array: false },
                parts: { type: { kind: 'object', name: 'Part' }, optional: false, array: true },
                since: { type: { kind: 'date' }, optional: true, array: false },
                mode: { type: { kind: 'enum', name: 'Widget.mode' }, optional: true, array: false }
            }
        });
        expect(schema.objects['Part']?.isMetadata).toBe(false);
        expect(schema.objects['Part']?.fields['child']?.type).toEqual({ kind: 'object', name: 'Part' });
        expect(schema.enums['Colour']).toEqual(['Red', 'Green']);
        expect(schema.unmapped).toEqual([]);
    });

    it('maps every property of the published metadata.d.ts', () => {
        const published = testSchema();
        expect(published.unmapped).toEqual([]);
        expect(published.enums['CspTrustedSiteContext']).toContain('VisualForce');
        expect(published.objects['CallCenterSection']?.fields['items']).toEqual({
            type: { kind: 'object', name: 'CallCenterItem' },
            optional: false,
            array: true
        });
    });

    it('checks nested objects, repeats and text against a derived type', () => {
        const problems: Problem[] = [];
        checkMetadataXml(
            root(`<Widget xmlns="http://soap.sforce.com/2006/04/metadata">
    <count>1</count>
    <count>2</count>
    <enabled>true</enabled>
    <name><first>a</first></name>
    <parts>oops<label>a</label></parts>
    <parts><label>b</label><child><labl>c</labl></child></parts>
    <since>2026-11-21</since>
    <mode>medium</mode>
</Widget>`),
            schema,
            problemSink('schema', 'widget.xml', problems)
        );
        expect(describeProblems(problems)).toEqual([
            'error 3 Widget.count[1]: <count> appears more than once; Widget.count is a single number',
            'error 5 Widget.name: expected string text, found nested elements <first>',
            'error 6 Widget.parts[0]: unexpected text "oops"; <parts> is a Part and holds only elements (label, child)',
            'error 7 Widget.parts[1].child.labl: unknown element <labl> in Part (did you mean <label>?); expected one of: label, child',
            'error 7 Widget.parts[1].child.label: missing required element <label> (string) in Part',
            'error 9 Widget.mode: "medium" is not a valid value for Widget.mode; expected one of: fast | slow'
        ]);
    });

    it('rejects a root that is not a metadata type, and attributes on fields', () => {
        const problems: Problem[] = [];
        checkMetadataXml(
            root('<Part xmlns="http://soap.sforce.com/2006/04/metadata"><label>x</label></Part>'),
            schema,
            problemSink('schema', 'part.xml', problems)
        );
        checkMetadataXml(
            root(
                '<Widget xmlns="http://soap.sforce.com/2006/04/metadata"><count unit="kg">1</count><enabled>false</enabled><name>n</name></Widget>'
            ),
            schema,
            problemSink('schema', 'widget.xml', problems)
        );
        expect(problems.map((p) => p.message)).toEqual([
            '<Part> is not a Metadata API type',
            'unexpected attribute unit="kg"; metadata fields are elements, not attributes'
        ]);
    });

    it('rejects <content> in a source-format file of a type with a content file', () => {
        const problems: Problem[] = [];
        checkMetadataXml(
            root(
                '<ApexPage xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>68.0</apiVersion><content>PGFwZXg6cGFnZS8+</content><label>X</label></ApexPage>'
            ),
            testSchema(),
            problemSink('schema', 'X.page-meta.xml', problems)
        );
        expect(problems.map((p) => p.message)).toEqual([
            '<content> does not belong in a source-format file: source format keeps the content in the file beside the -meta.xml, not in a <content> element'
        ]);
    });

    it('suggests the closest name, counting a swap as one edit', () => {
        expect(suggest('vaule', ['label', 'name', 'value'])).toBe('value');
        expect(suggest('isActve', ['isActive', 'description'])).toBe('isActive');
        expect(suggest('zzz', ['label', 'name'])).toBeUndefined();
    });
});

describe('parseXml', () => {
    it('keeps lines, decodes entities and CDATA, and reports malformed XML with its line', () => {
        const parsed = parseXml(
            '<?xml version="1.0"?>\n<!-- note -->\n<A x="1">\n  <b>&amp;<![CDATA[<raw>]]></b>\n  <c/>\n</A>'
        );
        expect(parsed.ok && parsed.root).toEqual({
            name: 'A',
            attributes: { x: '1' },
            text: '',
            line: 3,
            children: [
                { name: 'b', attributes: {}, children: [], text: '&<raw>', line: 4 },
                { name: 'c', attributes: {}, children: [], text: '', line: 5 }
            ]
        });
        expect(parsed).toMatchObject({ commentBeforeRoot: true });
        expect(parseXml('<A>\n<b>\n</A>')).toMatchObject({ ok: false, line: 3 });
    });
});
