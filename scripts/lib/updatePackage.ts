/**
 * The metadata-format package an update deploys: force-app converted by the Salesforce CLI's own
 * library (@salesforce/source-deploy-retrieve, what `sf project deploy start` converts with), then
 * the admin-owned components (deployPlan.ts) taken out of the converted files themselves.
 *
 * A manifest that leaves a member out is not enough: a custom label is a child of the one
 * CustomLabels file, and converting any label brings every label in force-app with it, so
 * `Streem_Base_Url` went back to its placeholder on every update. Here the label's block is cut out
 * of CustomLabels.labels, the button's out of Lead.object, and the call center and trusted sites'
 * files are not sent; a Metadata API deploy leaves components it is not sent as they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { ADMIN_OWNED, withoutMembers } from './deployPlan';
import { ROOT } from './paths';

/** One XML element's block (`<tag>…</tag>`, not nested) whose `<fullName>` is `name`, with its line. */
function blockPattern(tag: string, name: string): RegExp {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(
        `[ \\t]*<${tag}>(?:(?!<\\/${tag}>)[\\s\\S])*?<fullName>${escaped}</fullName>[\\s\\S]*?<\\/${tag}>\\r?\\n?`
    );
}

/** Removes a child component's block from a converted parent file; true when it was there. */
function cutBlock(file: string, tag: string, name: string): boolean {
    if (!fs.existsSync(file)) return false;
    const xml = fs.readFileSync(file, 'utf8');
    const cut = xml.replace(blockPattern(tag, name), '');
    if (cut === xml) return false;
    fs.writeFileSync(file, cut);
    return true;
}

/** Whether a converted file's root element still holds any child element. */
function hasChildren(file: string): boolean {
    const xml = fs.readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const body = /<(\w+)[^>]*xmlns[^>]*>([\s\S]*)<\/\1>/.exec(xml)?.[2] ?? '';
    return /<\w/.test(body);
}

/**
 * Takes the admin-owned components out of a converted package in `dir` (package.xml and the files).
 * Returns what was left out, as `Type:Member`.
 */
export function pruneAdminOwned(dir: string): string[] {
    const leftOut: string[] = [];
    const emptied: string[] = [];
    for (const { type, member } of ADMIN_OWNED) {
        let removed = false;
        if (type === 'CallCenter' || type === 'CspTrustedSite') {
            const folder = type === 'CallCenter' ? 'callCenters' : 'cspTrustedSites';
            const suffix = type === 'CallCenter' ? 'callCenter' : 'cspTrustedSite';
            const file = path.join(dir, folder, `${member}.${suffix}`);
            removed = fs.existsSync(file);
            fs.rmSync(file, { force: true });
        } else if (type === 'CustomLabel') {
            removed = cutBlock(path.join(dir, 'labels', 'CustomLabels.labels'), 'labels', member);
        } else if (type === 'WebLink') {
            const [object = '', link = ''] = member.split('.');
            const file = path.join(dir, 'objects', `${object}.object`);
            removed = cutBlock(file, 'webLinks', link);
            // A standard object left with nothing of ours is not sent at all.
            if (removed && !hasChildren(file)) {
                fs.rmSync(file);
                emptied.push(object);
            }
        } else {
            throw new Error(`updatePackage: no way to leave out ${type}:${member}`);
        }
        if (removed) leftOut.push(`${type}:${member}`);
    }
    const manifestPath = path.join(dir, 'package.xml');
    const unsent = [...ADMIN_OWNED, ...emptied.map((object) => ({ type: 'CustomObject', member: object }))];
    fs.writeFileSync(manifestPath, withoutMembers(fs.readFileSync(manifestPath, 'utf8'), unsent).xml);
    return leftOut;
}

/** Converts `sourceDir` to a metadata-format package in `outDir` and leaves the admin-owned components out. */
export async function buildUpdatePackage(sourceDir: string, outDir: string): Promise<string[]> {
    fs.rmSync(outDir, { recursive: true, force: true });
    const components = ComponentSet.fromSource(sourceDir);
    // The project's API version, wherever this runs from (the converter would look for sfdx-project.json from the cwd).
    const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8')) as {
        sourceApiVersion?: string;
    };
    if (project.sourceApiVersion) components.sourceApiVersion = project.sourceApiVersion;
    await new MetadataConverter().convert(components, 'metadata', {
        type: 'directory',
        outputDirectory: outDir,
        genUniqueDir: false
    });
    return pruneAdminOwned(outDir);
}
