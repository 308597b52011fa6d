/**
 * Reads the package's metadata the way the platform would at deploy time: custom labels, message
 * channels, static resources, trusted sites and each LWC bundle's module file (page layout is
 * workbench/layout.ts).
 */
import { XMLParser } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';
import { LABELS_DIR, LWC_DIR, MESSAGE_CHANNELS_DIR, STATIC_RESOURCES_DIR } from '../paths';
import type { OrgTrustedSite } from './csp';

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => ['labels', 'property', 'targetConfig', 'target', 'object', 'objects'].includes(name)
});

function asArray<T>(value: T | T[] | undefined): T[] {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
}

function filesIn(dir: string, suffix: string): string[] {
    return fs.existsSync(dir)
        ? fs
              .readdirSync(dir)
              .filter((f) => f.endsWith(suffix))
              .map((f) => path.join(dir, f))
        : [];
}

/** Every custom label's value by name, from labels/*.labels-meta.xml. */
export function readLabels(): Map<string, string> {
    const labels = new Map<string, string>();
    for (const file of filesIn(LABELS_DIR, '.labels-meta.xml')) {
        const doc = parser.parse(fs.readFileSync(file, 'utf8')) as {
            CustomLabels?: { labels?: { fullName?: string; value?: string }[] };
        };
        for (const label of asArray(doc.CustomLabels?.labels)) {
            if (label.fullName && !labels.has(label.fullName)) labels.set(label.fullName, String(label.value ?? ''));
        }
    }
    return labels;
}

/** Names of the message channels (without __c) the package defines. */
export function readMessageChannels(): Set<string> {
    return new Set(
        filesIn(MESSAGE_CHANNELS_DIR, '.messageChannel-meta.xml').map((f) =>
            path.basename(f, '.messageChannel-meta.xml')
        )
    );
}

export interface StaticResource {
    name: string;
    file: string;
    contentType: string;
}

/** Static resources that have both their built file and their resource-meta.xml. */
export function readStaticResources(): Map<string, StaticResource> {
    const resources = new Map<string, StaticResource>();
    for (const meta of filesIn(STATIC_RESOURCES_DIR, '.resource-meta.xml')) {
        const name = path.basename(meta, '.resource-meta.xml');
        const doc = parser.parse(fs.readFileSync(meta, 'utf8')) as { StaticResource?: { contentType?: string } };
        const file = fs
            .readdirSync(STATIC_RESOURCES_DIR)
            .find((f) => f.startsWith(`${name}.`) && !f.endsWith('.resource-meta.xml'));
        if (file) {
            resources.set(name, {
                name,
                file: path.join(STATIC_RESOURCES_DIR, file),
                contentType: doc.StaticResource?.contentType ?? 'application/octet-stream'
            });
        }
    }
    return resources;
}

export interface BundleInfo {
    /** 'c/<name>' */
    specifier: string;
    name: string;
    /** The module file the build uses: the compiled .js, or the .ts when it has not been built. */
    entry: string;
    compiled: boolean;
}

/** A bundle's module file; where it may be placed is read from its js-meta.xml by workbench/layout.ts. */
function readBundle(dir: string): BundleInfo | undefined {
    const name = path.basename(dir);
    const js = path.join(dir, `${name}.js`);
    const ts = path.join(dir, `${name}.ts`);
    const entry = fs.existsSync(js) ? js : fs.existsSync(ts) ? ts : undefined;
    if (!entry) return undefined;
    return { specifier: `c/${name}`, name, entry, compiled: entry === js };
}

/** Every LWC bundle of the package. */
export function readBundles(): BundleInfo[] {
    if (!fs.existsSync(LWC_DIR)) return [];
    return fs
        .readdirSync(LWC_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
        .flatMap((entry) => readBundle(path.join(LWC_DIR, entry.name)) ?? []);
}

const flag = (value: unknown): boolean => String(value) === 'true';

/** The package's CSP Trusted Sites (cspTrustedSites/*.cspTrustedSite-meta.xml). */
export function readTrustedSites(): OrgTrustedSite[] {
    const dir = path.join(path.dirname(LABELS_DIR), 'cspTrustedSites');
    return filesIn(dir, '.cspTrustedSite-meta.xml').map((file) => {
        const doc = parser.parse(fs.readFileSync(file, 'utf8')) as { CspTrustedSite?: Record<string, string> };
        const site = doc.CspTrustedSite ?? {};
        return {
            name: path.basename(file, '.cspTrustedSite-meta.xml'),
            endpointUrl: String(site.endpointUrl ?? ''),
            isActive: flag(site.isActive),
            context: String(site.context ?? 'All'),
            connectSrc: flag(site.isApplicableToConnectSrc),
            fontSrc: flag(site.isApplicableToFontSrc),
            frameSrc: flag(site.isApplicableToFrameSrc),
            imgSrc: flag(site.isApplicableToImgSrc),
            mediaSrc: flag(site.isApplicableToMediaSrc),
            styleSrc: flag(site.isApplicableToStyleSrc),
            canAccessCamera: flag(site.canAccessCamera),
            canAccessMicrophone: flag(site.canAccessMicrophone)
        };
    });
}
