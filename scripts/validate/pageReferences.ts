/**
 * References between the package's pages and what they name, which a deploy (or App Builder)
 * rejects or silently breaks on:
 *  - a FlexiPage component that is one of this package's LWCs must exist, be exposed, list the
 *    page's target (RecordPage -> lightning__RecordPage, UtilityBar -> lightning__UtilityBar, ...),
 *    allow the record page's object, and take only the properties its targetConfig declares, with
 *    values of the declared type (LWC guide: "XML Configuration File Elements");
 *  - utility item settings (componentInstanceProperties of type decorator) only on a UtilityBar,
 *    with known names and values (the icon an SLDS utility icon);
 *  - a CustomApplication's utilityBar names a UtilityBar FlexiPage of the package, and each record
 *    page override names a RecordPage FlexiPage of the package for that object (View, Large);
 *  - a PermissionSet's applicationVisibilities name an app of the package (or a standard__ app).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
    TARGET_BY_PAGE_TYPE,
    applicationOf,
    bundleOf,
    flexiPageOf,
    packageBundleName,
    type BundleModel,
    type ComponentUse,
    type FlexiPageModel
} from '../lib/pageMetadata';
import type { ParsedMetadataFile } from './metadataFiles';
import { packageDir } from './metadataSchema';
import { problemSink, type Problem, type ProblemSink } from './problems';
import { suggest } from './schemaCheck';

/** Utility item settings App Builder writes as `<type>decorator</type>` properties. */
export const UTILITY_DECORATORS = ['eager', 'height', 'icon', 'label', 'scrollable', 'width'];
const INTEGER = /^[+-]?\d+$/;

/**
 * The SLDS utility icon names (`icon` settings of utility items), from the design system's own
 * icon folder; empty when the package is not installed, which skips the icon check.
 */
export function loadUtilityIcons(root: string): Set<string> {
    try {
        const dir = path.join(packageDir(root, '@salesforce-ux/design-system'), 'assets', 'icons', 'utility');
        return new Set(
            fs
                .readdirSync(dir)
                .filter((file) => file.endsWith('.svg'))
                .map((file) => file.slice(0, -'.svg'.length))
        );
    } catch {
        return new Set();
    }
}

/** Checks FlexiPage, CustomApplication and PermissionSet references among `files`. */
export function checkPageReferences(
    files: readonly ParsedMetadataFile[],
    problems: Problem[],
    utilityIcons: ReadonlySet<string> = new Set()
): void {
    const ofType = (typeName: string): ParsedMetadataFile[] =>
        files.filter((f) => f.root.name === typeName && f.fullName !== undefined);
    const bundles = new Map(ofType('LightningComponentBundle').map((f) => [f.fullName as string, bundleOf(f.root)]));
    const pages = new Map(ofType('FlexiPage').map((f) => [f.fullName as string, flexiPageOf(f.root)]));
    const apps = new Set(ofType('CustomApplication').map((f) => f.fullName as string));

    for (const file of ofType('FlexiPage')) {
        const page = pages.get(file.fullName as string) as FlexiPageModel;
        checkFlexiPage(page, bundles, utilityIcons, problemSink('schema', file.file, problems));
    }
    for (const file of ofType('CustomApplication')) {
        const sink = problemSink('schema', file.file, problems);
        const app = applicationOf(file.root);
        const pageHint = (name: string): string => {
            const hint = suggest(name, [...pages.keys()]);
            return hint ? `; did you mean ${hint}?` : '';
        };
        if (app.utilityBar) {
            const { name, line } = app.utilityBar;
            const bar = pages.get(name);
            if (!bar)
                sink.error(
                    `utilityBar names the FlexiPage "${name}", which is not in this package (flexipages/${name}.flexipage-meta.xml)${pageHint(name)}`,
                    { line, path: 'CustomApplication.utilityBar' }
                );
            else if (bar.type !== 'UtilityBar')
                sink.error(`utilityBar names "${name}", a ${bar.type} FlexiPage; it must be of type UtilityBar`, {
                    line,
                    path: 'CustomApplication.utilityBar'
                });
        }
        app.recordPages.forEach((override, index) => {
            const where = { line: override.line, path: `CustomApplication.actionOverrides[${index}]` };
            const page = pages.get(override.flexiPage);
            if (!page) {
                sink.error(
                    `the ${override.object} record page override names the FlexiPage "${override.flexiPage}", which is not in this package${pageHint(override.flexiPage)}`,
                    where
                );
                return;
            }
            if (page.type !== 'RecordPage')
                sink.error(
                    `"${override.flexiPage}" is a ${page.type} FlexiPage; a record page override needs a RecordPage`,
                    where
                );
            else if (page.sobjectType !== override.object)
                sink.error(
                    `"${override.flexiPage}" is a record page for ${page.sobjectType ?? 'no object'}, but the override is for ${override.object}`,
                    where
                );
            if (override.actionName !== 'View')
                sink.error(
                    `a record page override has actionName View (found ${override.actionName ?? 'none'})`,
                    where
                );
            if (override.formFactor !== 'Large')
                sink.error(
                    `a record page override has formFactor Large, the desktop (found ${override.formFactor ?? 'none'})`,
                    where
                );
        });
    }
    for (const file of ofType('PermissionSet')) {
        const sink = problemSink('schema', file.file, problems);
        let index = 0;
        for (const visibility of file.root.children) {
            if (visibility.name !== 'applicationVisibilities') continue;
            const application = visibility.children.find((child) => child.name === 'application');
            const path = `PermissionSet.applicationVisibilities[${index++}].application`;
            if (!application || application.text.startsWith('standard__') || apps.has(application.text)) continue;
            const hint = suggest(application.text, [...apps]);
            sink.error(
                `grants the app "${application.text}", which is not in this package (applications/${application.text}.app-meta.xml)${hint ? `; did you mean ${hint}?` : ''}`,
                { line: application.line, path }
            );
        }
    }
}

function checkFlexiPage(
    page: FlexiPageModel,
    bundles: ReadonlyMap<string, BundleModel>,
    utilityIcons: ReadonlySet<string>,
    sink: ProblemSink
): void {
    const target = TARGET_BY_PAGE_TYPE[page.type];
    if (page.type === 'RecordPage' && !page.sobjectType)
        sink.error('a RecordPage needs <sobjectType>, the object whose records it shows', {
            path: 'FlexiPage.sobjectType'
        });
    page.regions.forEach((region, regionIndex) => {
        region.components.forEach((use, itemIndex) => {
            const path = `FlexiPage.flexiPageRegions[${regionIndex}].itemInstances[${itemIndex}].componentInstance`;
            checkDecorators(use, page, { path, utilityIcons }, sink);
            const bundleName = packageBundleName(use.componentName);
            if (bundleName === undefined || !target) return;
            checkComponent(use, bundleName, bundles, { page, target, path }, sink);
        });
    });
}

function checkDecorators(
    use: ComponentUse,
    page: FlexiPageModel,
    context: { path: string; utilityIcons: ReadonlySet<string> },
    sink: ProblemSink
): void {
    const { path, utilityIcons } = context;
    for (const property of use.properties) {
        if (!property.decorator) continue;
        const where = { line: property.line, path: `${path}.componentInstanceProperties` };
        if (page.type !== 'UtilityBar')
            sink.error(
                `"${property.name}" is a utility item setting (type decorator), which only a UtilityBar page has; this is a ${page.type}`,
                where
            );
        else if (!UTILITY_DECORATORS.includes(property.name))
            sink.error(
                `unknown utility item setting "${property.name}"; expected one of: ${UTILITY_DECORATORS.join(', ')}`,
                where
            );
        else if (['height', 'width'].includes(property.name) && !/^\d+$/.test(property.value))
            sink.error(`utility item ${property.name} "${property.value}" is not a number of pixels`, where);
        else if (['eager', 'scrollable'].includes(property.name) && !['true', 'false'].includes(property.value))
            sink.error(`utility item ${property.name} is "${property.value}"; expected true | false`, where);
        else if (property.name === 'icon' && utilityIcons.size > 0 && !utilityIcons.has(property.value)) {
            const hint = suggest(property.value, [...utilityIcons]);
            sink.error(
                `utility item icon "${property.value}" is not an SLDS utility icon${hint ? ` (did you mean ${hint}?)` : ''}`,
                where
            );
        }
    }
}

function checkComponent(
    use: ComponentUse,
    bundleName: string,
    bundles: ReadonlyMap<string, BundleModel>,
    context: { page: FlexiPageModel; target: string; path: string },
    sink: ProblemSink
): void {
    const { page, target, path } = context;
    const where = { line: use.line, path: `${path}.componentName` };
    const bundle = bundles.get(bundleName);
    if (!bundle) {
        const hint = suggest(bundleName, [...bundles.keys()]);
        sink.error(
            `"${use.componentName}" is not an LWC of this package (lwc/${bundleName})${hint ? `; did you mean ${hint}?` : ''}`,
            where
        );
        return;
    }
    if (!bundle.isExposed) {
        sink.error(`${bundleName} is not exposed (<isExposed>true</isExposed>), so no page can hold it`, where);
        return;
    }
    if (!bundle.targets.includes(target)) {
        sink.error(
            `${bundleName} does not list the target ${target} (its targets: ${bundle.targets.join(', ') || 'none'}), so a ${page.type} cannot hold it`,
            where
        );
        return;
    }
    const config = bundle.targetConfigs[target];
    if (
        page.type === 'RecordPage' &&
        page.sobjectType &&
        config?.objects.length &&
        !config.objects.includes(page.sobjectType)
    )
        sink.error(
            `${bundleName} is limited to ${config.objects.join(', ')} record pages; this page is for ${page.sobjectType}`,
            where
        );
    const declared = new Map((config?.properties ?? []).map((p) => [p.name, p]));
    const seen = new Set<string>();
    for (const property of use.properties) {
        if (property.decorator) continue;
        const at = { line: property.line, path: `${path}.componentInstanceProperties` };
        if (seen.has(property.name)) sink.error(`property "${property.name}" is set twice`, at);
        seen.add(property.name);
        const spec = declared.get(property.name);
        if (!spec) {
            const hint = suggest(property.name, [...declared.keys()]);
            sink.error(
                `${bundleName} has no property "${property.name}" for ${target}${hint ? ` (did you mean ${hint}?)` : ''}; its ${target} properties: ${[...declared.keys()].join(', ') || 'none'}`,
                at
            );
            continue;
        }
        const problem = valueProblem(property.value, spec);
        if (problem) sink.error(`${bundleName}.${property.name}: ${problem}`, at);
    }
    for (const spec of declared.values()) {
        if (spec.required && !seen.has(spec.name) && spec.default === undefined)
            sink.error(`${bundleName} requires the property "${spec.name}", which this page does not set`, where);
    }
}

/** Why `value` does not fit the declared property, if it does not. */
function valueProblem(
    value: string,
    spec: { type: string; min?: string; max?: string; datasource?: string[] }
): string | undefined {
    if (spec.type === 'Boolean' && value !== 'true' && value !== 'false')
        return `"${value}" is not a Boolean (true | false)`;
    if (spec.type === 'Integer') {
        if (!INTEGER.test(value)) return `"${value}" is not an Integer`;
        if (spec.min !== undefined && Number(value) < Number(spec.min)) return `${value} is below its min ${spec.min}`;
        if (spec.max !== undefined && Number(value) > Number(spec.max)) return `${value} is above its max ${spec.max}`;
    }
    if (spec.datasource && !spec.datasource.includes(value))
        return `"${value}" is not one of its values (${spec.datasource.join(', ')})`;
    return undefined;
}
