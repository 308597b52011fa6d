/**
 * Which metadata type a source-format file must hold, from its name and folder:
 * `X.cspTrustedSite-meta.xml` holds a `<CspTrustedSite>`, `lwc/x/x.js-meta.xml` a
 * `<LightningComponentBundle>`. The suffix and folder of each type come from the
 * metadata registry of @salesforce/source-deploy-retrieve (the library inside the sf
 * CLI that converts and deploys), so validate agrees with the CLI by construction.
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageDir } from './metadataSchema';

export interface FileKind {
    /** Metadata API type name, which is also the expected root element. */
    typeName: string;
    /** The folder the type lives in (`cspTrustedSites`, `lwc`, `webLinks`). */
    directoryName: string;
    /** The CLI only recognises the type inside its folder. */
    strictDirectory: boolean;
    /** A child type (e.g. WebLink under objects/<Object>/webLinks): its file carries <fullName>. */
    child: boolean;
    /** A bundle type: the file is <folder>/<folder>.<ext>-meta.xml. */
    bundle: boolean;
}

export interface TypeRegistry {
    bySuffix: ReadonlyMap<string, FileKind>;
    /** Bundle types by folder (`lwc`, `aura`), which have no suffix of their own. */
    bundleByDirectory: ReadonlyMap<string, FileKind>;
}

interface RegistryType {
    name: string;
    suffix?: string;
    directoryName?: string;
    strictDirectoryName?: boolean;
    strategies?: { adapter?: string };
    children?: { types?: Record<string, RegistryType> };
}

/** Reads the registry shipped with the installed CLI. */
export function loadTypeRegistry(root: string): TypeRegistry {
    const file = path.join(
        packageDir(root, '@salesforce/source-deploy-retrieve'),
        'lib',
        'src',
        'registry',
        'metadataRegistry.json'
    );
    const registry = JSON.parse(fs.readFileSync(file, 'utf8')) as { types: Record<string, RegistryType> };
    return buildTypeRegistry(Object.values(registry.types));
}

/** Indexes registry types by suffix; a top-level type wins over a child with the same suffix (labels). */
export function buildTypeRegistry(types: readonly RegistryType[]): TypeRegistry {
    const bySuffix = new Map<string, FileKind>();
    const bundleByDirectory = new Map<string, FileKind>();
    const kindOf = (type: RegistryType, child: boolean): FileKind => ({
        typeName: type.name,
        directoryName: type.directoryName ?? '',
        strictDirectory: type.strictDirectoryName === true,
        child,
        bundle: type.strategies?.adapter === 'bundle'
    });
    for (const type of types) {
        const kind = kindOf(type, false);
        if (kind.bundle && type.directoryName) bundleByDirectory.set(type.directoryName, kind);
        else if (type.suffix && !bySuffix.has(type.suffix)) bySuffix.set(type.suffix, kind);
    }
    for (const type of types) {
        for (const childType of Object.values(type.children?.types ?? {})) {
            if (childType.suffix && !bySuffix.has(childType.suffix))
                bySuffix.set(childType.suffix, kindOf(childType, true));
        }
    }
    return { bySuffix, bundleByDirectory };
}

export type FileKindResult = { kind: FileKind; fullName: string } | { problem: string };

/**
 * The type a `*-meta.xml` file must hold, with its component name, or why the name
 * does not fit any type. `relativePath` uses forward slashes.
 */
export function fileKindOf(relativePath: string, registry: TypeRegistry): FileKindResult {
    const segments = relativePath.split('/');
    const fileName = segments[segments.length - 1] ?? '';
    const base = fileName.replace(/-meta\.xml$/, '');
    const parent = segments[segments.length - 2] ?? '';
    const grandparent = segments[segments.length - 3] ?? '';

    const bundle = registry.bundleByDirectory.get(grandparent);
    if (bundle) {
        const name = base.slice(0, base.indexOf('.') === -1 ? base.length : base.indexOf('.'));
        if (name !== parent)
            return {
                problem: `a ${bundle.typeName} file must be named after its folder: ${parent}/${parent}${base.slice(name.length)}-meta.xml`
            };
        return { kind: bundle, fullName: parent };
    }
    const dot = base.lastIndexOf('.');
    if (dot <= 0)
        return {
            problem: `"${fileName}" has no type suffix; source-format files are named <Name>.<suffix>-meta.xml (e.g. Streem.cspTrustedSite-meta.xml)`
        };
    const suffix = base.slice(dot + 1);
    const kind = registry.bySuffix.get(suffix);
    if (!kind) return { problem: `".${suffix}-meta.xml" is not a known metadata suffix` };
    if (kind.strictDirectory && !segments.slice(0, -1).includes(kind.directoryName)) {
        return { problem: `${kind.typeName} files must be inside a "${kind.directoryName}" folder` };
    }
    return { kind, fullName: base.slice(0, dot) };
}
