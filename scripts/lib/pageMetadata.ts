/**
 * What the package's Lightning app, FlexiPages and LWC js-meta.xml files say about page layout,
 * read once for both readers: `npm run validate` (checks the references) and the workbench (lays
 * out its record pages and utility bar from them). Metadata API reference: FlexiPage
 * (flexiPageRegions, itemInstances, componentInstance), CustomApplication (utilityBar,
 * actionOverrides), LightningComponentBundle (targets, targetConfigs).
 */
import { childNamed, parseXml, type XmlElement } from '../validate/xml';

/** A component placed on a FlexiPage. */
export interface ComponentUse {
    /** As written: `force:detailPanel`, `opencti:softPhone`, or a package LWC by bare name (`streemEmbed`). */
    componentName: string;
    identifier?: string;
    /** Its design-attribute values (type absent) and utility item settings (type `decorator`). */
    properties: PropertyValue[];
    line: number;
}

export interface PropertyValue {
    name: string;
    value: string;
    /** A utility item setting (label, icon, width, height, eager, scrollable), not a component property. */
    decorator: boolean;
    line: number;
}

export interface FlexiPageRegion {
    name: string;
    type: string;
    components: ComponentUse[];
}

export interface FlexiPageModel {
    type: string;
    sobjectType?: string;
    template?: string;
    masterLabel?: string;
    regions: FlexiPageRegion[];
}

/** A record page the app uses instead of the org default, in this app only. */
export interface AppRecordPage {
    object: string;
    flexiPage: string;
    actionName?: string;
    formFactor?: string;
    line: number;
}

export interface AppModel {
    label?: string;
    navType?: string;
    utilityBar?: { name: string; line: number };
    recordPages: AppRecordPage[];
}

/** One js-meta.xml <property>. */
export interface DeclaredBundleProperty {
    name: string;
    type: string;
    default?: string;
    required: boolean;
    min?: string;
    max?: string;
    /** A static picklist (`datasource="a,b"`), trimmed. */
    datasource?: string[];
}

export interface TargetConfigModel {
    objects: string[];
    properties: DeclaredBundleProperty[];
}

export interface BundleModel {
    isExposed: boolean;
    targets: string[];
    /** By target: a targetConfig naming several targets appears under each. */
    targetConfigs: Record<string, TargetConfigModel>;
}

/** The App Builder target a FlexiPage type takes components for. */
export const TARGET_BY_PAGE_TYPE: Readonly<Record<string, string>> = {
    RecordPage: 'lightning__RecordPage',
    AppPage: 'lightning__AppPage',
    HomePage: 'lightning__HomePage',
    UtilityBar: 'lightning__UtilityBar'
};

/**
 * The bundle a componentName names when it is one of this package's LWCs: bare in a package
 * without a namespace, as App Builder writes it (`streemEmbed`), or with the default namespace
 * `c:`. Undefined for another namespace's component (`force:`, `flexipage:`, `opencti:`).
 */
export function packageBundleName(componentName: string): string | undefined {
    const colon = componentName.indexOf(':');
    if (colon === -1) return componentName;
    return componentName.slice(0, colon) === 'c' ? componentName.slice(colon + 1) : undefined;
}

const text = (element: XmlElement, name: string): string | undefined => childNamed(element, name)?.text;
const children = (element: XmlElement, name: string): XmlElement[] =>
    element.children.filter((child) => child.name === name);

/** A FlexiPage root element as regions of placed components. */
export function flexiPageOf(root: XmlElement): FlexiPageModel {
    const template = childNamed(root, 'template');
    const page: FlexiPageModel = {
        type: text(root, 'type') ?? '',
        regions: children(root, 'flexiPageRegions').map((region) => ({
            name: text(region, 'name') ?? '',
            type: text(region, 'type') ?? '',
            components: children(region, 'itemInstances').flatMap((item) => {
                const instance = childNamed(item, 'componentInstance');
                if (!instance) return [];
                const use: ComponentUse = {
                    componentName: text(instance, 'componentName') ?? '',
                    properties: children(instance, 'componentInstanceProperties').map((property) => ({
                        name: text(property, 'name') ?? '',
                        value: text(property, 'value') ?? '',
                        decorator: text(property, 'type') === 'decorator',
                        line: property.line
                    })),
                    line: instance.line
                };
                const identifier = text(instance, 'identifier');
                if (identifier) use.identifier = identifier;
                return [use];
            })
        }))
    };
    const sobjectType = text(root, 'sobjectType');
    if (sobjectType) page.sobjectType = sobjectType;
    const templateName = template && text(template, 'name');
    if (templateName) page.template = templateName;
    const masterLabel = text(root, 'masterLabel');
    if (masterLabel) page.masterLabel = masterLabel;
    return page;
}

/** A CustomApplication root element: its utility bar and its record page defaults (Flexipage overrides). */
export function applicationOf(root: XmlElement): AppModel {
    const app: AppModel = {
        recordPages: children(root, 'actionOverrides')
            .filter((override) => text(override, 'type') === 'Flexipage')
            .map((override) => {
                const page: AppRecordPage = {
                    object: text(override, 'pageOrSobjectType') ?? '',
                    flexiPage: text(override, 'content') ?? '',
                    line: override.line
                };
                const actionName = text(override, 'actionName');
                if (actionName) page.actionName = actionName;
                const formFactor = text(override, 'formFactor');
                if (formFactor) page.formFactor = formFactor;
                return page;
            })
    };
    const utilityBar = childNamed(root, 'utilityBar');
    if (utilityBar) app.utilityBar = { name: utilityBar.text, line: utilityBar.line };
    const label = text(root, 'label');
    if (label) app.label = label;
    const navType = text(root, 'navType');
    if (navType) app.navType = navType;
    return app;
}

/** A LightningComponentBundle root element: exposure, targets and each target's objects and properties. */
export function bundleOf(root: XmlElement): BundleModel {
    const bundle: BundleModel = {
        isExposed: text(root, 'isExposed') === 'true',
        targets: children(childNamed(root, 'targets') ?? root, 'target').map((target) => target.text),
        targetConfigs: {}
    };
    for (const container of children(root, 'targetConfigs')) {
        for (const config of children(container, 'targetConfig')) {
            const model: TargetConfigModel = {
                objects: children(config, 'objects').flatMap((objects) =>
                    children(objects, 'object').map((object) => object.text)
                ),
                properties: children(config, 'property').map((property) => {
                    const a = property.attributes;
                    const declared: DeclaredBundleProperty = {
                        name: a['name'] ?? '',
                        type: a['type'] ?? 'String',
                        required: a['required'] === 'true'
                    };
                    if (a['default'] !== undefined) declared.default = a['default'];
                    if (a['min'] !== undefined) declared.min = a['min'];
                    if (a['max'] !== undefined) declared.max = a['max'];
                    if (a['datasource'] !== undefined && !a['datasource'].includes('://'))
                        declared.datasource = a['datasource'].split(',').map((v) => v.trim());
                    return declared;
                })
            };
            for (const target of (config.attributes['targets'] ?? '').split(',').map((t) => t.trim()))
                if (target) bundle.targetConfigs[target] = model;
        }
    }
    return bundle;
}

/** Parses XML text to its root element; throws with the parser's message on malformed XML. */
export function parseRoot(xml: string, file: string): XmlElement {
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error(`${file}:${parsed.line}: ${parsed.message}`);
    return parsed.root;
}
