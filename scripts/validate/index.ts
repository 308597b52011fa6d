/**
 * validate as a function: runs every offline check on a project and returns the
 * problems. scripts/validate.ts prints them; tests call this on fixture projects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkCrossReferences, checkUnusedLabels } from './crossReferences';
import { loadTypeRegistry } from './fileTypes';
import { checkBundle } from './lwcCompile';
import { loadLightningModules, type PackageIndex } from './lwcReferences';
import { checkLabelNames, checkMetadataFile, type ParsedMetadataFile } from './metadataFiles';
import { loadMetadataSchema } from './metadataSchema';
import { checkConvertedFiles, checkManifest, checkSourceForApex, convertSource, listFiles } from './packageShape';
import { checkPageReferences, loadUtilityIcons } from './pageReferences';
import { problemSink, type Problem } from './problems';

export interface ValidateOptions {
    /** Project root (holds sfdx-project.json). */
    projectDir: string;
    /** Where node_modules is found (the repository root); defaults to projectDir. */
    toolsDir?: string;
    /** Scratch folder for the converted output and the schema cache; defaults to <projectDir>/.build. */
    buildDir?: string;
    /** Skip `sf project convert source` (for fast tests of the other checks). */
    skipConvert?: boolean;
}

export interface ValidateResult {
    problems: Problem[];
    /** How many source files were checked. */
    files: number;
    durationMs: number;
}

interface SfdxProject {
    packageDirectories?: { path: string }[];
    sourceApiVersion?: string;
}

/** Runs every check on the project at `options.projectDir`. */
export async function validateProject(options: ValidateOptions): Promise<ValidateResult> {
    const started = Date.now();
    const projectDir = options.projectDir;
    const toolsDir = options.toolsDir ?? projectDir;
    const buildDir = options.buildDir ?? path.join(projectDir, '.build');
    const problems: Problem[] = [];
    const rel = (absolute: string): string => path.relative(projectDir, absolute).split(path.sep).join('/');

    const project = JSON.parse(fs.readFileSync(path.join(projectDir, 'sfdx-project.json'), 'utf8')) as SfdxProject;
    const packageDirs = (project.packageDirectories ?? [{ path: 'force-app' }]).map((entry) =>
        path.join(projectDir, entry.path)
    );

    // 1. Package shape: the CLI runs in the background while the in-process checks work.
    const outputDir = path.join(buildDir, 'mdapi');
    const conversions = options.skipConvert
        ? []
        : packageDirs.map((dir, i) => ({
              dir,
              out: packageDirs.length === 1 ? outputDir : path.join(outputDir, String(i))
          }));
    const converting = Promise.all(conversions.map(({ dir, out }) => convertSource(projectDir, dir, out)));

    let files = 0;
    const parsed: ParsedMetadataFile[] = [];
    const sourceTexts: string[] = [];
    const context = {
        schema: loadMetadataSchema(toolsDir, path.join(buildDir, 'metadata-schema.json')),
        registry: loadTypeRegistry(toolsDir),
        ...(project.sourceApiVersion ? { sourceApiVersion: project.sourceApiVersion } : {})
    };
    for (const packageDir of packageDirs) {
        const sourceFiles = listFiles(packageDir).filter(
            (file) => !/(^|\/)(__tests__|__mocks__|__fixtures__|node_modules)\//.test(file)
        );
        problems.push(...checkSourceForApex(sourceFiles, `${rel(packageDir)}/`));
        for (const file of sourceFiles.filter(
            (f) => /\.(ts|js|html|page|component)$/.test(f) && !f.startsWith('test/')
        ))
            sourceTexts.push(fs.readFileSync(path.join(packageDir, file), 'utf8'));
        // 2. Schema of every metadata file (force-app/test holds Jest mocks only: never deployed).
        for (const file of sourceFiles.filter((f) => f.endsWith('-meta.xml') && !f.startsWith('test/'))) {
            files++;
            const result = checkMetadataFile(
                path.join(packageDir, file),
                `${rel(packageDir)}/${file}`,
                context,
                problems
            );
            if (result) parsed.push(result);
        }
    }
    const labels = checkLabelNames(parsed, problems);
    checkCrossReferences(parsed, problems);
    checkUnusedLabels(parsed, sourceTexts, problems);
    checkPageReferences(parsed, problems, loadUtilityIcons(toolsDir));

    // 3. LWC: compile every bundle and resolve what it imports.
    const names = (typeName: string): Set<string> =>
        new Set(parsed.filter((p) => p.root.name === typeName && p.fullName).map((p) => p.fullName as string));
    const bundleDirs = packageDirs.flatMap((dir) => lwcBundleDirs(dir));
    const index: PackageIndex = {
        bundles: new Set(bundleDirs.map((dir) => path.basename(dir))),
        labels,
        messageChannels: names('LightningMessageChannel'),
        staticResources: names('StaticResource'),
        lightningModules: loadLightningModules(toolsDir)
    };
    for (const dir of bundleDirs) {
        const name = path.basename(dir);
        const meta = parsed.find((p) => p.file === `${rel(dir)}/${name}.js-meta.xml`);
        if (!meta && !fs.existsSync(path.join(dir, `${name}.js-meta.xml`))) {
            problemSink('lwc', `${rel(dir)}/${name}.js-meta.xml`, problems).error(
                `bundle ${name} has no ${name}.js-meta.xml; every LWC needs one`
            );
        }
        const apiVersionText = meta?.root.children.find((child) => child.name === 'apiVersion')?.text;
        const apiVersion = apiVersionText && /^\d+(\.\d+)?$/.test(apiVersionText) ? Number(apiVersionText) : undefined;
        const result = checkBundle(
            {
                dir,
                relativeDir: rel(dir),
                ...(apiVersion ? { apiVersion } : {}),
                ...(meta?.declaredProperties
                    ? { declaredProperties: meta.declaredProperties, metaFile: meta.file }
                    : {})
            },
            index
        );
        problems.push(...result.problems);
        files += result.files;
    }

    // 1 (continued): the CLI's verdict and the shape of what it produced.
    const converted = await converting;
    conversions.forEach(({ dir, out }, i) => {
        const result = converted[i];
        if (!result?.ok) {
            problemSink('package', rel(dir), problems).error(
                `sf project convert source failed: ${result?.message ?? 'no result'}`
            );
            return;
        }
        const prefix = `${rel(out)}/`;
        problems.push(...checkConvertedFiles(listFiles(out), prefix), ...checkManifest(out, prefix));
    });
    return { problems, files, durationMs: Date.now() - started };
}

/** LWC bundle folders (`<package>/**\/lwc/<name>`), skipping test folders. */
function lwcBundleDirs(packageDir: string): string[] {
    const found: string[] = [];
    const walk = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            if (!entry.isDirectory() || /^(__tests__|__mocks__|__fixtures__|node_modules)$/.test(entry.name)) continue;
            const child = path.join(dir, entry.name);
            if (entry.name === 'lwc') {
                for (const bundle of fs.readdirSync(child, { withFileTypes: true }))
                    if (bundle.isDirectory()) found.push(path.join(child, bundle.name));
            } else walk(child);
        }
    };
    if (fs.existsSync(packageDir)) walk(packageDir);
    return found.sort();
}
