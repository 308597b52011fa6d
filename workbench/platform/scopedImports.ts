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
 *    stand-ins (its package.json `lwc.modules`), which this plugin leaves alone.
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

function lbcScopedModules(): Set<string> {
    const pkg = JSON.parse(
        fs.readFileSync(path.join(ROOT, 'node_modules', 'lightning-base-components', 'package.json'), 'utf8')
    ) as {
        lwc: { modules: { name?: string }[] };
    };
    return new Set(pkg.lwc.modules.map((m) => m.name).filter((n): n is string => typeof n === 'string'));
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
            if (fromLbc.has(source)) return null; // lightning-base-components' own stand-in
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
