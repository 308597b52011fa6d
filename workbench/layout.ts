/**
 * The workbench's page layout, read from the package's own metadata so what the workbench shows is
 * what an org gets: the Streem_Softphone app's record page defaults (its Lead, Account and Contact
 * FlexiPages) and its utility bar FlexiPage. Each placed LWC gets the design-property values the
 * FlexiPage sets over its js-meta.xml defaults for that target. A component that App Builder would not
 * allow there (not in the package, not exposed, wrong target or object) shows a notice instead, as do
 * standard components the workbench does not draw.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
    TARGET_BY_PAGE_TYPE,
    applicationOf,
    bundleOf,
    flexiPageOf,
    packageBundleName,
    parseRoot,
    type AppModel,
    type BundleModel,
    type ComponentUse,
    type FlexiPageModel
} from '../scripts/lib/pageMetadata';
import { DEFAULT_DIR, LWC_DIR } from './paths';

/** The package's app, whose pages the workbench shows. */
export const APP_NAME = 'Streem_Softphone';

/** Standard record page components the workbench draws itself, by the region it draws them in. */
const STANDARD_COMPONENTS: Readonly<Record<string, { region: 'main' | 'sidebar'; draws: 'details' | 'activity' }>> = {
    'force:detailPanel': { region: 'main', draws: 'details' },
    'runtime_sales_activities:activityPanel': { region: 'sidebar', draws: 'activity' }
};
/** Drawn by the workbench's page header on every record page. */
const HEADER_COMPONENT = 'force:highlightsPanel';
const OPEN_CTI_SOFTPHONE = 'opencti:softPhone';
const URL_ADDRESSABLE = 'lightning__UrlAddressable';

export type PropertyValue = string | number | boolean;

export interface LayoutSlot {
    key: string;
    /** The FlexiPage's componentName. */
    componentName: string;
    /** 'c/<bundle>' for a package LWC the page can hold. */
    specifier?: string;
    /** Design-property values: the js-meta.xml defaults for the target, then the FlexiPage's values. */
    properties?: Record<string, PropertyValue>;
    /** A standard component the workbench draws in its place. */
    draws?: 'details' | 'activity';
    /** Why the slot shows a notice instead. */
    notice?: string;
}

export interface RecordPageLayout {
    flexiPage: string;
    main: LayoutSlot[];
    sidebar: LayoutSlot[];
}

export interface UtilityItemLayout {
    key: string;
    /** The standard Open CTI Softphone item, or a component item. */
    kind: 'softphone' | 'component';
    label: string;
    icon: string;
    width: number;
    height: number;
    /** Load in the background: rendered before its panel first opens. */
    eager: boolean;
    slot?: LayoutSlot;
}

export interface WorkbenchLayout {
    appLabel: string;
    /** The app's navigation style (CustomApplication navType): Console or Standard. */
    navType: 'Console' | 'Standard';
    /**
     * The package's URL-addressable components (exposed, target lightning__UrlAddressable), by the name
     * their URL uses: /lightning/cmp/c__<bundle> (LWC guide, targets-lightning-url-addressable.html).
     */
    urlAddressable: { componentName: string; specifier: string }[];
    recordPages: Record<string, RecordPageLayout>;
    utilityItems: UtilityItemLayout[];
}

export interface LayoutSources {
    app: AppModel;
    /** FlexiPages by name. */
    pages: ReadonlyMap<string, FlexiPageModel>;
    /** js-meta.xml of each LWC bundle, by bundle name. */
    bundles: ReadonlyMap<string, BundleModel>;
}

/** Lays out the app's record pages and utility bar from its metadata. */
export function layoutFrom(sources: LayoutSources): WorkbenchLayout {
    const { app, pages, bundles } = sources;
    const recordPages: Record<string, RecordPageLayout> = {};
    for (const override of app.recordPages) {
        const page = pages.get(override.flexiPage);
        if (!page)
            throw new Error(`${APP_NAME}: the ${override.object} page ${override.flexiPage} is not in flexipages/`);
        const layout: RecordPageLayout = { flexiPage: override.flexiPage, main: [], sidebar: [] };
        for (const region of page.regions) {
            if (region.name === 'header') {
                for (const use of region.components.filter((c) => c.componentName !== HEADER_COMPONENT))
                    layout.main.push({
                        key: `${override.object}-header-${use.componentName}`,
                        componentName: use.componentName,
                        notice: `${use.componentName} is in the page header, which the workbench draws as the highlights panel only.`
                    });
                continue;
            }
            if (region.name !== 'main' && region.name !== 'sidebar') continue;
            const slots = layout[region.name];
            region.components.forEach((use, index) => {
                const key = `${override.object}-${region.name}-${index}-${use.componentName}`;
                const standard = STANDARD_COMPONENTS[use.componentName];
                if (standard && standard.region === region.name)
                    slots.push({ key, componentName: use.componentName, draws: standard.draws });
                else slots.push(slotFor(use, key, bundles, { type: page.type, object: override.object }));
            });
        }
        recordPages[override.object] = layout;
    }
    const utilityItems: UtilityItemLayout[] = [];
    if (app.utilityBar) {
        const bar = pages.get(app.utilityBar.name);
        if (!bar) throw new Error(`${APP_NAME}: the utility bar ${app.utilityBar.name} is not in flexipages/`);
        const items = bar.regions.find((region) => region.name === 'utilityItems')?.components ?? [];
        items.forEach((use, index) => {
            const key = `utility-${use.identifier ?? `${index}-${use.componentName}`}`;
            const decorator = (name: string): string | undefined =>
                use.properties.find((p) => p.decorator && p.name === name)?.value;
            const item: UtilityItemLayout = {
                key,
                kind: use.componentName === OPEN_CTI_SOFTPHONE ? 'softphone' : 'component',
                label: decorator('label') ?? use.componentName,
                icon: decorator('icon') ?? 'apps',
                width: Number(decorator('width') ?? 340),
                height: Number(decorator('height') ?? 480),
                eager: decorator('eager') === 'true'
            };
            if (item.kind === 'component') item.slot = slotFor(use, key, bundles, { type: bar.type });
            utilityItems.push(item);
        });
    }
    const urlAddressable = [...bundles.entries()]
        .filter(([, bundle]) => bundle.isExposed && bundle.targets.includes(URL_ADDRESSABLE))
        .map(([name]) => ({ componentName: `c__${name}`, specifier: `c/${name}` }));
    return {
        appLabel: app.label ?? APP_NAME,
        navType: app.navType === 'Console' ? 'Console' : 'Standard',
        urlAddressable,
        recordPages,
        utilityItems
    };
}

/** A package LWC with its property values, or a notice saying why App Builder would not place it. */
function slotFor(
    use: ComponentUse,
    key: string,
    bundles: ReadonlyMap<string, BundleModel>,
    page: { type: string; object?: string }
): LayoutSlot {
    const base = { key, componentName: use.componentName };
    const name = packageBundleName(use.componentName);
    if (name === undefined)
        return { ...base, notice: `${use.componentName} is a standard component the workbench does not draw here.` };
    const bundle = bundles.get(name);
    const target = TARGET_BY_PAGE_TYPE[page.type] ?? '';
    if (!bundle) return { ...base, notice: `${name} is not in the package.` };
    if (!bundle.isExposed || !bundle.targets.includes(target))
        return { ...base, notice: `${name} is not exposed for ${target} in its js-meta.xml.` };
    const config = bundle.targetConfigs[target];
    if (page.object && config?.objects.length && !config.objects.includes(page.object))
        return { ...base, notice: `${name} is limited to ${config.objects.join(', ')} record pages.` };
    const properties: Record<string, PropertyValue> = {};
    const declared = config?.properties ?? [];
    const typed = (type: string, value: string): PropertyValue =>
        type === 'Boolean' ? value === 'true' : type === 'Integer' ? Number(value) : value;
    for (const p of declared) if (p.default !== undefined) properties[p.name] = typed(p.type, p.default);
    for (const value of use.properties) {
        const spec = declared.find((p) => p.name === value.name);
        if (!value.decorator && spec) properties[value.name] = typed(spec.type, value.value);
    }
    return { ...base, specifier: `c/${name}`, properties };
}

/** Reads the app, its FlexiPages and every bundle's js-meta.xml from the package (`dir`: force-app/main/default). */
export function readLayoutSources(dir: string = DEFAULT_DIR): LayoutSources {
    const read = (file: string) => parseRoot(fs.readFileSync(file, 'utf8'), file);
    const appFile = path.join(dir, 'applications', `${APP_NAME}.app-meta.xml`);
    const pagesDir = path.join(dir, 'flexipages');
    const pages = new Map<string, FlexiPageModel>();
    for (const file of fs.existsSync(pagesDir) ? fs.readdirSync(pagesDir) : []) {
        if (file.endsWith('.flexipage-meta.xml'))
            pages.set(file.replace(/\.flexipage-meta\.xml$/, ''), flexiPageOf(read(path.join(pagesDir, file))));
    }
    const lwcDir = dir === DEFAULT_DIR ? LWC_DIR : path.join(dir, 'lwc');
    const bundles = new Map<string, BundleModel>();
    for (const entry of fs.readdirSync(lwcDir, { withFileTypes: true })) {
        const meta = path.join(lwcDir, entry.name, `${entry.name}.js-meta.xml`);
        if (entry.isDirectory() && fs.existsSync(meta)) bundles.set(entry.name, bundleOf(read(meta)));
    }
    return { app: applicationOf(read(appFile)), pages, bundles };
}
