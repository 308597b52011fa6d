/** @jest-environment node */
import { problemSink, type Problem } from '../problems';
import { checkTargetConfigs } from '../targetConfigs';
import { parseXml } from '../xml';
import { describeProblems } from './helpers';

function check(targets: string[], configs: string): { problems: Problem[]; names: string[] } {
    const xml = `<LightningComponentBundle><targets>${targets.map((t) => `<target>${t}</target>`).join('')}</targets>
<targetConfigs>${configs}</targetConfigs></LightningComponentBundle>`;
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error(parsed.message);
    const problems: Problem[] = [];
    const declared = checkTargetConfigs(parsed.root, problemSink('schema', 'x.js-meta.xml', problems));
    return { problems, names: declared.map((d) => d.name) };
}

describe('targetConfigs check', () => {
    it('accepts a complete record page config and returns its properties', () => {
        const { problems, names } = check(
            ['lightning__RecordPage', 'lightning__UtilityBar'],
            `<targetConfig targets="lightning__RecordPage, lightning__UtilityBar">
    <property name="mode" type="String" datasource="Tab,Window" default="Tab" label="Open in" description="Where" placeholder="Tab"/>
    <property name="height" type="Integer" min="100" max="900" default="400" required="true"/>
    <property name="accent" type="Color" default="rgb(0, 112, 210)"/>
    <objects><object>Contact</object><object>Lead</object></objects>
    <supportedFormFactors><supportedFormFactor type="Large"/></supportedFormFactors>
</targetConfig>`
        );
        expect(describeProblems(problems)).toEqual([]);
        expect(names).toEqual(['mode', 'height', 'accent']);
    });

    it('reports unknown attributes and children with a suggestion, Apex datasources and duplicates', () => {
        const { problems } = check(
            ['lightning__AppPage'],
            `<targetConfig targets="lightning__AppPage" foo="1">
    <property name="a" type="String" lable="A" datasource="apex://Picklist"/>
    <property name="a" type="Boolean"/>
    <proprety name="b" type="String"/>
    <objects><object>Contact</object></objects>
</targetConfig>`
        );
        const messages = problems.map((p) => `${p.severity}: ${p.message}`);
        expect(messages).toEqual([
            'error: unknown attribute foo="..." on <targetConfig>; expected: targets, configurationEditor',
            'error: unknown attribute lable="..." on <property> (did you mean label?); expected: name, type, label, description, default, required, placeholder, datasource, min, max, exposedTo, filter, screenResponsive, role',
            'error: property "a": datasource="apex://Picklist" needs an Apex class; this package has no Apex',
            'error: property "a" is declared twice in this <targetConfig>',
            'error: unknown element <proprety> in <targetConfig> (did you mean <property>?); expected one of: property, objects, supportedFormFactors, actionType, event, propertyType',
            'warning: <objects> only applies to record targets (lightning__RecordPage, lightning__RecordAction); this <targetConfig> has lightning__AppPage'
        ]);
    });

    it('checks Integer bounds and flow targets leniently', () => {
        const { problems } = check(
            ['lightning__AppPage', 'lightning__FlowScreen'],
            `<targetConfig targets="lightning__AppPage"><property name="n" type="Integer" min="9" max="1" default="x"/></targetConfig>
<targetConfig targets="lightning__FlowScreen"><property name="rec" type="@salesforce/schema/Contact" role="inputOnly" required="true"/></targetConfig>
<targetConfig><property name="q" type="String"/></targetConfig>`
        );
        expect(problems.map((p) => p.message)).toEqual([
            'property "n" is an Integer but default="x" is not an integer',
            'property "n": min="9" is greater than max="1"',
            '<targetConfig> needs a targets="..." attribute naming one or more of the bundle\'s <target>s'
        ]);
    });
});
