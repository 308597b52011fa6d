/**
 * Whether a module an LWC imports exists where the platform will look for it:
 * another bundle of this package (`c/x`), a platform `lightning/x` module, or a
 * `@salesforce/...` scoped module that names a label, message channel or static
 * resource defined in this package.
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageDir } from './metadataSchema';
import { suggest } from './schemaCheck';

/** What this package defines, by the names LWCs import them with. */
export interface PackageIndex {
    /** LWC bundle folder names. */
    bundles: ReadonlySet<string>;
    /** Custom label full names. */
    labels: ReadonlySet<string>;
    /** Message channel names without `__c`. */
    messageChannels: ReadonlySet<string>;
    /** Static resource names. */
    staticResources: ReadonlySet<string>;
    /** Every `lightning/<name>` module the platform provides. */
    lightningModules: ReadonlySet<string>;
}

export interface ReferenceProblem {
    severity: 'error' | 'warning';
    message: string;
}

/**
 * The platform's own list of `lightning` namespace modules, shipped with the
 * lightning-base-components package (metadata/raptor.json): it includes modules that
 * exist only on the platform (navigation, messageService, uiRecordApi, ...) and
 * leaves out private ones (primitive*), which LWCs outside the namespace cannot import.
 */
export function loadLightningModules(root: string): Set<string> {
    const file = path.join(packageDir(root, 'lightning-base-components'), 'metadata', 'raptor.json');
    return new Set(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>));
}

/** Scoped modules that exist on every org and cannot be checked offline. */
const SALESFORCE_SCOPES_UNCHECKED = new Set([
    'schema',
    'user',
    'userPermission',
    'customPermission',
    'client',
    'i18n',
    'community',
    'site',
    'contentAssetUrl',
    'internal',
    'gate',
    'featureFlag'
]);
/** Other platform namespaces an LWC may import from (Experience Cloud, Embedded Service...). */
const OTHER_PLATFORM_NAMESPACES = new Set([
    'force',
    'forceCommunity',
    'lightningsnapin',
    'lightningcommunity',
    'experience',
    'community_builder',
    'runtime_copilot'
]);

/** Checks one import specifier of a bundle; `undefined` when it resolves. */
export function checkImportSpecifier(specifier: string, index: PackageIndex): ReferenceProblem | undefined {
    if (specifier === 'lwc') return undefined;
    const slash = specifier.indexOf('/');
    const namespace = slash === -1 ? specifier : specifier.slice(0, slash);
    const rest = slash === -1 ? '' : specifier.slice(slash + 1);

    if (namespace === 'c') {
        if (index.bundles.has(rest)) return undefined;
        const hint = suggest(rest, [...index.bundles]);
        return {
            severity: 'error',
            message: `"${specifier}" does not resolve: there is no LWC bundle lwc/${rest}${hint ? ` (did you mean c/${hint}?)` : ''}`
        };
    }
    if (namespace === 'lightning') {
        if (index.lightningModules.has(rest)) return undefined;
        const hint = suggest(rest, [...index.lightningModules]);
        return {
            severity: 'error',
            message: `"${specifier}" is not a lightning module the platform provides${hint ? ` (did you mean lightning/${hint}?)` : ''}`
        };
    }
    if (namespace === '@salesforce') return checkScopedModule(specifier, rest, index);
    if (OTHER_PLATFORM_NAMESPACES.has(namespace))
        return { severity: 'warning', message: `"${specifier}" is a platform module validate cannot check offline` };
    if (specifier.startsWith('.')) return undefined; // relative: checked against the bundle's files by the caller
    return {
        severity: 'error',
        message: `"${specifier}" cannot be resolved on the platform, which serves only c/, lightning/, @salesforce/ and lwc modules; put shared code in a service module (lwc/<name>) or bundle it into a static resource (src/resources)`
    };
}

function checkScopedModule(specifier: string, rest: string, index: PackageIndex): ReferenceProblem | undefined {
    const slash = rest.indexOf('/');
    const scope = slash === -1 ? rest : rest.slice(0, slash);
    const name = slash === -1 ? '' : rest.slice(slash + 1);
    switch (scope) {
        case 'label': {
            if (!name.startsWith('c.'))
                return {
                    severity: 'error',
                    message: `"${specifier}": label imports look like @salesforce/label/c.<LabelName> (this package has no namespace)`
                };
            const label = name.slice(2);
            if (index.labels.has(label)) return undefined;
            const hint = suggest(label, [...index.labels]);
            return {
                severity: 'error',
                message: `"${specifier}": no custom label "${label}" in labels/*.labels-meta.xml${hint ? ` (did you mean c.${hint}?)` : ''}`
            };
        }
        case 'messageChannel': {
            if (!name.endsWith('__c'))
                return {
                    severity: 'warning',
                    message: `"${specifier}" is not a custom message channel (<Name>__c); validate cannot check it`
                };
            const channel = name.slice(0, -3);
            if (index.messageChannels.has(channel)) return undefined;
            return {
                severity: 'error',
                message: `"${specifier}": no messageChannels/${channel}.messageChannel-meta.xml in this package`
            };
        }
        case 'resourceUrl': {
            if (index.staticResources.has(name)) return undefined;
            const hint = suggest(name, [...index.staticResources]);
            return {
                severity: 'error',
                message: `"${specifier}": no static resource "${name}" (staticresources/${name}.resource-meta.xml)${hint ? ` (did you mean ${hint}?)` : ''}`
            };
        }
        case 'apex':
        case 'apexContinuation':
            return { severity: 'error', message: `"${specifier}" calls Apex; this package has no Apex` };
        default:
            if (SALESFORCE_SCOPES_UNCHECKED.has(scope)) return undefined;
            return {
                severity: 'warning',
                message: `"${specifier}" is not a @salesforce module validate knows; check the name`
            };
    }
}

/** `c/fooBar` → `c-foo-bar`, the tag a template uses for a module. */
export function moduleToTag(specifier: string): string {
    const [namespace, name = ''] = specifier.split('/');
    return `${namespace}-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
