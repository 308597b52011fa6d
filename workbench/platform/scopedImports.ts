/**
 * Rollup plugin: the `@salesforce/*` scoped modules the platform resolves at deploy time.
 *
 * Follows "Salesforce Modules" in the LWC developer guide
 * (developer.salesforce.com/docs/platform/lwc/guide/reference-salesforce-modules.html):
 *  - @salesforce/label/c.Name        -> the label's value from labels/*.labels-meta.xml
 *                                       (create-labels.html); a missing label fails the build, as a deploy fails;
 *  - @salesforce/messageChannel/X__c -> a channel token { channelName: 'X__c' } (use-message-channel.html);
 *                                       the channel must exist in messageChannels/;
 *  - @salesforce/resourceUrl/Name    -> '/resource/<timestamp>/Name' (create-resources.html);
 *  - @salesforce/schema/Object[.Field] -> { objectApiName[, fieldApiName] } (reference-salesforce-modules.html#schema);
 *  - @salesforce/user/Id, @salesforce/user/isGuest (reference-current-user.html);
 *  - @salesforce/i18n/* and @salesforce/client/formFactor come from lightning-base-components' own
 *    stand-ins: those its package.json `lwc.modules` lists, else its scopedImports/ files
 *    (e.g. @salesforce/i18n/locale, which base components import but do not list);
 *  - @salesforce/gate/* (Salesforce's feature switches) come from lightning-base-components' stub,
 *    which opens every gate, except CLOSED_GATES below.
 * Anything else under @salesforce/ fails the build with a message naming this file, so a new
 * platform dependency is a conscious addition here rather than a silent undefined.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'rollup';
import { ROOT } from '../paths';
import { readLabels, readMessageChannels, readStaticResources } from './metadata';
import { USER_ID } from './org/sampleData';

const PREFIX = '\0salesforce:';

/** Static resource URLs carry a version segment; the workbench uses one per server start. */
export const RESOURCE_VERSION = String(Date.UTC(2026, 10, 21) / 1000);

/** lightning-base-components' scoped-module stand-ins: module name → file. */
function lbcScopedModules(): Map<string, string> {
    const dir = path.join(ROOT, 'node_modules', 'lightning-base-components');
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        lwc: { modules: { name?: string; path?: string }[] };
    };
    const modules = new Map<string, string>();
    for (const m of pkg.lwc.modules) if (m.name && m.path) modules.set(m.name, path.join(dir, m.path));
    return modules;
}

/**
 * Gates the workbench keeps closed: their open code path needs native shadow DOM features that
 * synthetic shadow (what Lightning Experience runs, and so the workbench) does not provide.
 * bc.260.enableComboboxElementInternals: lightning-combobox calls attachInternals(), which throws
 * under synthetic shadow, so the picker would not render.
 */
const CLOSED_GATES = new Set(['bc.260.enableComboboxElementInternals']);

/** lightning-base-components' file for a scoped module it ships but does not list, if any. */
function lbcScopedImportFile(source: string): string | undefined {
    const file = path.join(
        ROOT,
        'node_modules',
        'lightning-base-components',
        'scopedImports',
        `${source.replace(/\//g, '-')}.js`
    );
    return fs.existsSync(file) ? file : undefined;
}

/** Resolves the package's `@salesforce/*` imports to generated modules. */
export function salesforceScopedImports(): Plugin {
    const fromLbc = lbcScopedModules();
    let labels = new Map<string, string>();
    let channels = new Set<string>();
    let resources = new Set<string>();

    const code = (value: unknown): string => `export default ${JSON.stringify(value)};\n`;

    return {
        name: 'workbench-salesforce-scoped-imports',
        buildStart() {
            labels = readLabels();
            channels = readMessageChannels();
            resources = new Set(readStaticResources().keys());
        },
        resolveId(source) {
            if (!source.startsWith('@salesforce/')) return null;
            if (source.startsWith('@salesforce/gate/') && CLOSED_GATES.has(source.slice('@salesforce/gate/'.length))) {
                return PREFIX + source.slice('@salesforce/'.length);
            }
            // lightning-base-components' own stand-in; resolved here too, since the LWC resolver only
            // finds it for imports from inside that package, not from the package's components.
            const lbc =
                fromLbc.get(source) ??
                (source.startsWith('@salesforce/i18n/') ? lbcScopedImportFile(source) : undefined);
            if (lbc) return lbc;
            return PREFIX + source.slice('@salesforce/'.length);
        },
        load(id) {
            if (!id.startsWith(PREFIX)) return null;
            const spec = id.slice(PREFIX.length);
            const [kind, ...restParts] = spec.split('/');
            const rest = restParts.join('/');
            switch (kind) {
                case 'label': {
                    if (!rest.startsWith('c.'))
                        this.error(
                            `@salesforce/label/${rest}: only custom labels (c.Name) exist outside Salesforce's own namespace.`
                        );
                    const name = rest.slice(2);
                    const value = labels.get(name);
                    if (value === undefined) {
                        this.error(
                            `@salesforce/label/c.${name}: no custom label ${name} in force-app/main/default/labels/*.labels-meta.xml (a deploy would fail the same way).`
                        );
                    }
                    // An admin can edit a label's value in Setup; the workbench's edits (workbench/orgSetup.ts) arrive in the page config.
                    return (
                        `const value = ${JSON.stringify(value)};\n` +
                        `let edited;\ntry { edited = JSON.parse(document.getElementById('workbench-config').textContent).labelOverrides; } catch (e) { edited = undefined; }\n` +
                        `export default edited && Object.prototype.hasOwnProperty.call(edited, ${JSON.stringify(name)}) ? String(edited[${JSON.stringify(name)}]) : value;\n`
                    );
                }
                case 'messageChannel': {
                    const base = rest.replace(/__c$/, '');
                    if (!rest.endsWith('__c') || !channels.has(base)) {
                        this.error(
                            `@salesforce/messageChannel/${rest}: no message channel ${base} in force-app/main/default/messageChannels/.`
                        );
                    }
                    return code({ channelName: rest });
                }
                case 'resourceUrl': {
                    if (!resources.has(rest)) {
                        this.warn(
                            `@salesforce/resourceUrl/${rest}: no built static resource ${rest} yet (run npm run build); the URL will 404.`
                        );
                    }
                    return code(`/resource/${RESOURCE_VERSION}/${rest}`);
                }
                case 'schema': {
                    const [objectApiName, ...field] = rest.split('.');
                    return code(field.length ? { objectApiName, fieldApiName: field.join('.') } : { objectApiName });
                }
                case 'gate':
                    return 'export default { isOpen: () => false };\n';
                case 'user':
                    if (rest === 'Id') return code(USER_ID);
                    if (rest === 'isGuest') return code(false);
                    break;
                default:
                    break;
            }
            this.error(
                `@salesforce/${spec}: the workbench has no stand-in for this module. ` +
                    'Add one in workbench/platform/scopedImports.ts, following its LWC developer guide page.'
            );
        }
    };
}
