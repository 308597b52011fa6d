/**
 * Compiles each LWC bundle as the platform does on deploy (@lwc/compiler,
 * namespace `c`, name = folder): the built .js, every .html template and every .css.
 * Compiler errors carry their file and line; every module a bundle imports (in code or
 * as a `<c-x>` / `<lightning-x>` tag) must resolve (lwcReferences.ts).
 */
import { transformSync } from '@lwc/compiler';
import fs from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { checkImportSpecifier, moduleToTag, type PackageIndex } from './lwcReferences';
import { problemSink, type Problem, type ProblemSink } from './problems';
import type { DeclaredProperty } from './targetConfigs';
import { lineLocator } from './xml';

/** Folders inside a bundle that are never deployed. */
const SKIPPED_DIRS = new Set(['__tests__', '__mocks__', '__fixtures__']);

export interface BundleInput {
    /** Absolute bundle folder (`.../lwc/<name>`). */
    dir: string;
    /** `dir` relative to the project root, forward slashes. */
    relativeDir: string;
    /** apiVersion from the bundle's .js-meta.xml, when it is a number. */
    apiVersion?: number;
    /** `<property>` names of the bundle's targetConfigs, to match against @api properties. */
    declaredProperties?: readonly DeclaredProperty[];
    /** The .js-meta.xml path relative to the root (where property problems are reported). */
    metaFile?: string;
}

/** Compiles one bundle and checks its imports; returns the problems and the files it compiled. */
export function checkBundle(bundle: BundleInput, index: PackageIndex): { problems: Problem[]; files: number } {
    const problems: Problem[] = [];
    const name = path.basename(bundle.dir);
    const files = listBundleFiles(bundle.dir);
    const fileSet = new Set(files);
    const sinkFor = (file: string): ProblemSink => problemSink('lwc', `${bundle.relativeDir}/${file}`, problems);
    const hasTemplate = files.some((file) => file.endsWith('.html'));
    const mainJs = `${name}.js`;

    // LWC developer guide, "Component Folder": the name becomes a tag (c-foo-bar), so it
    // starts with a lowercase letter and has no hyphens, double or trailing underscores.
    if (!/^[a-z][A-Za-z0-9_]*$/.test(name) || name.includes('__') || name.endsWith('_')) {
        sinkFor('').error(
            `bundle folder "${name}" is not a valid LWC name: start with a lowercase letter, then letters, digits and single underscores (not at the end)`
        );
    }
    if (!fileSet.has(mainJs)) {
        const source = fileSet.has(`${name}.ts`) ? ` (${name}.ts exists: run npm run build first)` : '';
        sinkFor(mainJs).error(`bundle ${name} has no ${mainJs}${source}; the platform deploys the compiled .js`);
    }
    const apiNames = new Set<string>();
    for (const file of files) {
        const extension = path.extname(file);
        if (extension !== '.js' && extension !== '.html' && extension !== '.css') continue;
        const sink = sinkFor(file);
        const source = fs.readFileSync(path.join(bundle.dir, file), 'utf8');
        const code = compile(source, file, name, bundle.apiVersion, sink);
        if (extension === '.js') {
            checkImports(importsOf(source), source, fileSet, file, index, sink);
            for (const match of source.matchAll(/@api\s+(?:(?:get|set|static)\s+)?([A-Za-z_$][\w$]*)/g))
                if (match[1]) apiNames.add(match[1]);
        } else if (code !== undefined) {
            // Template and stylesheet imports exist only in the compiled code (one per
            // component tag); report them at the tag's line in the source.
            const imports = importsOf(code).filter((entry) => !entry.specifier.startsWith('.'));
            checkImports(imports, source, fileSet, file, index, sink, true);
        }
    }
    if (!hasTemplate && files.some((file) => file.endsWith('.css'))) {
        sinkFor(`${name}.css`).warning(
            `bundle ${name} has a stylesheet but no template; the stylesheet is never applied`
        );
    }
    if (bundle.declaredProperties && bundle.metaFile && fileSet.has(mainJs)) {
        const sink = problemSink('lwc', bundle.metaFile, problems);
        for (const property of bundle.declaredProperties) {
            if (apiNames.has(property.name)) continue;
            sink.error(
                `<property name="${property.name}"> is not an @api property of ${moduleToTag(`c/${name}`)} (public: ${[...apiNames].join(', ') || 'none'}); App Builder rejects it on deploy`,
                { line: property.line }
            );
        }
    }
    return { problems, files: files.length };
}

function compile(
    source: string,
    file: string,
    name: string,
    apiVersion: number | undefined,
    sink: ProblemSink
): string | undefined {
    try {
        const result = transformSync(source, file, { name, namespace: 'c', ...(apiVersion ? { apiVersion } : {}) });
        for (const warning of result.warnings ?? []) {
            // @lwc/errors DiagnosticLevel (a transitive dependency, so compared as numbers):
            // 0 Fatal, 1 Error, 2 Warning, 3 Log.
            const level = Number(warning.level);
            const where = warning.location ? { line: warning.location.line } : {};
            if (level <= 1) sink.error(firstLine(warning.message), where);
            else if (level === 2) sink.warning(firstLine(warning.message), where);
        }
        return result.code;
    } catch (error) {
        const located = error as { message?: string; location?: { line?: number } };
        const line = located.location?.line;
        sink.error(`does not compile: ${firstLine(located.message ?? String(error))}`, line ? { line } : {});
        return undefined;
    }
}

interface ImportEntry {
    specifier: string;
    offset: number;
}

/** Static, re-exported and dynamic imports of an ES module (comments ignored). */
function importsOf(code: string): ImportEntry[] {
    // Loaded lazily: only the LWC check needs the TypeScript scanner.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require('typescript') as typeof TS;
    return ts
        .preProcessFile(code, true, true)
        .importedFiles.map((file) => ({ specifier: file.fileName, offset: file.pos }));
}

function checkImports(
    imports: ImportEntry[],
    source: string,
    files: ReadonlySet<string>,
    file: string,
    index: PackageIndex,
    sink: ProblemSink,
    fromTemplate = false
): void {
    const lineAt = lineLocator(source);
    const reported = new Set<string>();
    for (const { specifier, offset } of imports) {
        if (reported.has(specifier)) continue;
        reported.add(specifier);
        if (specifier.startsWith('.')) {
            const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
            const candidates = [target, `${target}.js`, `${target}/${path.posix.basename(target)}.js`];
            if (!candidates.some((candidate) => files.has(candidate)))
                sink.error(`"${specifier}" does not resolve to a file of this bundle`, { line: lineAt(offset) });
            continue;
        }
        const problem = checkImportSpecifier(specifier, index);
        if (!problem) continue;
        let line = lineAt(offset);
        let message = problem.message;
        if (fromTemplate && file.endsWith('.html')) {
            const tag = moduleToTag(specifier);
            const at = source.search(new RegExp(`<${tag}[\\s/>]`));
            line = at === -1 ? 1 : lineAt(at);
            message = `<${tag}>: ${message}`;
        }
        if (problem.severity === 'error') sink.error(message, { line });
        else sink.warning(message, { line });
    }
}

/** Bundle files relative to the bundle folder (forward slashes), without test folders. */
export function listBundleFiles(dir: string, prefix = ''): string[] {
    const files: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name))
                files.push(...listBundleFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`));
        } else files.push(`${prefix}${entry.name}`);
    }
    return files;
}

function firstLine(message: string): string {
    return message.split('\n')[0]?.trim() ?? message;
}
