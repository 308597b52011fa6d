/**
 * Structural check of LightningComponentBundle.targetConfigs, which the Metadata API
 * types as an opaque string (see knownGaps.ts). Rules follow the LWC developer guide,
 * "XML Configuration File Elements" and the per-target pages (lightning__RecordPage,
 * lightning__FlowScreen, lightning__UtilityBar, ...), and Experience Builder's
 * "Supported Attributes for the Property Tag".
 */
import type { ProblemSink } from './problems';
import { suggest } from './schemaCheck';
import { childNamed, type XmlElement } from './xml';

const TARGET_CONFIG_ATTRIBUTES = ['targets', 'configurationEditor'];
/** `event` (Field Service mobile) and `propertyType` (flow screens) are target-specific subtags. */
const TARGET_CONFIG_CHILDREN = ['property', 'objects', 'supportedFormFactors', 'actionType', 'event', 'propertyType'];
/** name, type, label, description, default, required, placeholder, datasource, min, max; then
 * exposedTo, filter, screenResponsive (Experience Builder) and role (flow screens). */
const PROPERTY_ATTRIBUTES = [
    'name',
    'type',
    'label',
    'description',
    'default',
    'required',
    'placeholder',
    'datasource',
    'min',
    'max',
    'exposedTo',
    'filter',
    'screenResponsive',
    'role'
];
/** Property types every App Builder target accepts. */
const BASE_PROPERTY_TYPES = ['String', 'Boolean', 'Integer', 'Color'];
/** Extra property types by target: Experience Builder content and flow screen data types. */
const TARGET_PROPERTY_TYPES: Readonly<Record<string, readonly string[]>> = {
    lightningCommunity__Default: ['ContentReference']
};
/** Flow targets take flow data types (Date, sObject, apex://..., `{T}` generics, `T[]`): not checked here. */
const FLOW_TARGETS = new Set(['lightning__FlowScreen', 'lightning__FlowAction']);
const RECORD_TARGETS = new Set(['lightning__RecordPage', 'lightning__RecordAction']);
const FORM_FACTORS = ['Small', 'Large'];
const ACTION_TYPES = ['ScreenAction', 'Action'];
const ROLES = ['inputOnly', 'outputOnly'];
const INTEGER = /^[+-]?\d+$/;

/** A `<property>` declared for App Builder, with where it was declared. */
export interface DeclaredProperty {
    name: string;
    line: number;
}

/**
 * Checks the `<targetConfigs>` of a .js-meta.xml root and returns the declared
 * properties (for the check that each names an @api property of the component).
 */
export function checkTargetConfigs(root: XmlElement, sink: ProblemSink): DeclaredProperty[] {
    const declared: DeclaredProperty[] = [];
    const targetConfigs = root.children.filter((child) => child.name === 'targetConfigs');
    if (targetConfigs.length === 0) return declared;
    const targets = new Set(
        (childNamed(root, 'targets')?.children ?? []).filter((t) => t.name === 'target').map((t) => t.text)
    );
    const basePath = `${root.name}.targetConfigs`;
    for (const container of targetConfigs) {
        if (container.text !== '')
            sink.error(`unexpected text in <targetConfigs>; it holds <targetConfig> elements`, {
                line: container.line,
                path: basePath
            });
        let index = 0;
        for (const config of container.children) {
            const path = `${basePath}.${config.name}[${index}]`;
            if (config.name !== 'targetConfig') {
                sink.error(
                    `unknown element <${config.name}> in <targetConfigs>; expected <targetConfig targets="...">`,
                    { line: config.line, path: `${basePath}.${config.name}` }
                );
                continue;
            }
            index++;
            declared.push(...checkTargetConfig(config, targets, path, sink));
        }
    }
    return declared;
}

function checkTargetConfig(
    config: XmlElement,
    declaredTargets: ReadonlySet<string>,
    path: string,
    sink: ProblemSink
): DeclaredProperty[] {
    checkAttributeNames(config, TARGET_CONFIG_ATTRIBUTES, 'targetConfig', path, sink);
    const targetList = (config.attributes['targets'] ?? '')
        .split(',')
        .map((target) => target.trim())
        .filter((target) => target !== '');
    if (targetList.length === 0)
        sink.error(`<targetConfig> needs a targets="..." attribute naming one or more of the bundle's <target>s`, {
            line: config.line,
            path
        });
    for (const target of targetList) {
        if (!declaredTargets.has(target)) {
            const listed = [...declaredTargets].join(', ') || 'none';
            sink.error(
                `targets="${target}" is not one of the bundle's <targets> (${listed}); add <target>${target}</target> or fix the name`,
                { line: config.line, path }
            );
        }
    }
    if (config.text !== '')
        sink.error(`unexpected text "${config.text}" in <targetConfig>`, { line: config.line, path });

    const isFlow = targetList.some((target) => FLOW_TARGETS.has(target));
    const allowedTypes = new Set([
        ...BASE_PROPERTY_TYPES,
        ...targetList.flatMap((target) => TARGET_PROPERTY_TYPES[target] ?? [])
    ]);
    const declared: DeclaredProperty[] = [];
    const seen = new Set<string>();
    let propertyIndex = 0;
    for (const child of config.children) {
        switch (child.name) {
            case 'property': {
                const property = checkProperty(
                    child,
                    `${path}.property[${propertyIndex++}]`,
                    { isFlow, allowedTypes },
                    sink
                );
                if (property) {
                    if (seen.has(property.name))
                        sink.error(`property "${property.name}" is declared twice in this <targetConfig>`, {
                            line: child.line,
                            path
                        });
                    seen.add(property.name);
                    declared.push(property);
                }
                break;
            }
            case 'objects':
                checkList(child, 'object', `${path}.objects`, sink);
                if (!targetList.some((target) => RECORD_TARGETS.has(target))) {
                    sink.warning(
                        `<objects> only applies to record targets (${[...RECORD_TARGETS].join(', ')}); this <targetConfig> has ${targetList.join(', ')}`,
                        { line: child.line, path: `${path}.objects` }
                    );
                }
                break;
            case 'supportedFormFactors':
                checkFormFactors(child, `${path}.supportedFormFactors`, sink);
                break;
            case 'actionType':
                if (!ACTION_TYPES.includes(child.text))
                    sink.error(`<actionType> is "${child.text}"; expected one of: ${ACTION_TYPES.join(' | ')}`, {
                        line: child.line,
                        path: `${path}.actionType`
                    });
                break;
            case 'event':
            case 'propertyType':
                // Target-specific (Field Service mobile events, flow generic types): structure not checked.
                break;
            default: {
                const hint = suggest(child.name, TARGET_CONFIG_CHILDREN);
                sink.error(
                    `unknown element <${child.name}> in <targetConfig>${hint ? ` (did you mean <${hint}>?)` : ''}; expected one of: ${TARGET_CONFIG_CHILDREN.join(', ')}`,
                    {
                        line: child.line,
                        path: `${path}.${child.name}`
                    }
                );
            }
        }
    }
    return declared;
}

function checkProperty(
    property: XmlElement,
    path: string,
    context: { isFlow: boolean; allowedTypes: ReadonlySet<string> },
    sink: ProblemSink
): DeclaredProperty | undefined {
    const where = { line: property.line, path };
    checkAttributeNames(property, PROPERTY_ATTRIBUTES, 'property', path, sink);
    if (property.children.length > 0 || property.text !== '')
        sink.error(`<property> takes attributes only, no content`, where);
    const { name, type, required, datasource, min, max, role } = property.attributes;
    const fallback = property.attributes['default'];
    if (!name) sink.error(`<property> needs a name="..." matching an @api property of the component`, where);
    else if (!/^[A-Za-z_$][\w$]*$/.test(name))
        sink.error(`property name "${name}" is not a JavaScript identifier`, where);
    const label = name ? `property "${name}"` : '<property>';
    if (!type) sink.error(`${label} needs a type="..." (one of: ${[...context.allowedTypes].join(' | ')})`, where);
    else if (!context.isFlow && !context.allowedTypes.has(type)) {
        sink.error(`${label} has type="${type}"; expected one of: ${[...context.allowedTypes].join(' | ')}`, where);
    }
    if (required !== undefined && required !== 'true' && required !== 'false')
        sink.error(`${label} has required="${required}"; expected true | false`, where);
    if (required === 'true' && fallback === undefined && !context.isFlow) {
        sink.error(
            `${label} is required="true" but has no default="..."; App Builder marks the page invalid until an admin sets it`,
            where
        );
    }
    if (role !== undefined && !ROLES.includes(role))
        sink.error(`${label} has role="${role}"; expected one of: ${ROLES.join(' | ')}`, where);
    if (fallback !== undefined && type === 'Boolean' && fallback !== 'true' && fallback !== 'false') {
        sink.error(`${label} is a Boolean but default="${fallback}"; expected true | false`, where);
    }
    if (fallback !== undefined && type === 'Integer' && !INTEGER.test(fallback))
        sink.error(`${label} is an Integer but default="${fallback}" is not an integer`, where);
    for (const [attribute, value] of [
        ['min', min],
        ['max', max]
    ] as const) {
        if (value === undefined) continue;
        if (type !== 'Integer') sink.warning(`${label}: ${attribute} applies only to type="Integer"`, where);
        else if (!INTEGER.test(value)) sink.error(`${label}: ${attribute}="${value}" is not an integer`, where);
    }
    if (type === 'Integer' && min !== undefined && max !== undefined && INTEGER.test(min) && INTEGER.test(max)) {
        if (Number(min) > Number(max)) sink.error(`${label}: min="${min}" is greater than max="${max}"`, where);
        if (
            fallback !== undefined &&
            INTEGER.test(fallback) &&
            (Number(fallback) < Number(min) || Number(fallback) > Number(max))
        ) {
            sink.warning(`${label}: default="${fallback}" is outside min="${min}"..max="${max}"`, where);
        }
    }
    if (datasource !== undefined) {
        if (type !== undefined && type !== 'String')
            sink.error(`${label}: datasource applies only to type="String"`, where);
        if (datasource.startsWith('apex://'))
            sink.error(`${label}: datasource="${datasource}" needs an Apex class; this package has no Apex`, where);
        else if (
            fallback !== undefined &&
            !datasource
                .split(',')
                .map((v) => v.trim())
                .includes(fallback)
        ) {
            sink.warning(`${label}: default="${fallback}" is not one of its datasource values (${datasource})`, where);
        }
    }
    return name ? { name, line: property.line } : undefined;
}

function checkList(element: XmlElement, itemName: string, path: string, sink: ProblemSink): void {
    if (element.children.length === 0)
        sink.error(`<${element.name}> is empty; list at least one <${itemName}>`, { line: element.line, path });
    element.children.forEach((child, index) => {
        if (child.name !== itemName)
            sink.error(`unknown element <${child.name}> in <${element.name}>; expected <${itemName}>`, {
                line: child.line,
                path: `${path}.${child.name}`
            });
        else if (child.text === '')
            sink.error(`<${itemName}> is empty`, { line: child.line, path: `${path}.${itemName}[${index}]` });
    });
}

function checkFormFactors(element: XmlElement, path: string, sink: ProblemSink): void {
    const seen = new Set<string>();
    element.children.forEach((child, index) => {
        const where = { line: child.line, path: `${path}.${child.name}[${index}]` };
        if (child.name !== 'supportedFormFactor') {
            sink.error(
                `unknown element <${child.name}> in <supportedFormFactors>; expected <supportedFormFactor type="Small|Large"/>`,
                where
            );
            return;
        }
        checkAttributeNames(child, ['type'], 'supportedFormFactor', where.path, sink);
        const type = child.attributes['type'] ?? '';
        if (!FORM_FACTORS.includes(type))
            sink.error(`<supportedFormFactor type="${type}">; expected one of: ${FORM_FACTORS.join(' | ')}`, where);
        else if (seen.has(type)) sink.error(`form factor ${type} is listed twice`, where);
        seen.add(type);
    });
}

function checkAttributeNames(
    element: XmlElement,
    allowed: readonly string[],
    tag: string,
    path: string,
    sink: ProblemSink
): void {
    for (const attribute of Object.keys(element.attributes)) {
        if (allowed.includes(attribute)) continue;
        const hint = suggest(attribute, allowed);
        sink.error(
            `unknown attribute ${attribute}="..." on <${tag}>${hint ? ` (did you mean ${hint}?)` : ''}; expected: ${allowed.join(', ')}`,
            { line: element.line, path }
        );
    }
}
