/**
 * Builds the workbench into .build/workbench/:
 *  1. the package itself (scripts/build.ts: LWCs compiled in place, static resources), unless skipped;
 *  2. gen/pageComponents.js: which package components go on which record page (workbench/pages.ts);
 *  3. app/: the Lightning-like page, bundled by rollup with @lwc/rollup-plugin (the compiler that
 *     matches @lwc/engine-dom), lightning-base-components, and the platform stand-ins;
 *  4. the browser scripts of the other origins (opencti_min.js, softphone, hostile frame) with esbuild.
 * Run: tsx workbench/build.ts [--skip-package]
 */
import lwc from '@lwc/rollup-plugin';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import { build as esbuild } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { rollup, type Plugin, type RollupLog } from 'rollup';
import ts from 'typescript';
import { RECORD_PAGES } from './pages';
import { APP_OUT_DIR, GEN_DIR, OUT_DIR, PLATFORM_DIR, ROOT, WORKBENCH_DIR } from './paths';
import { readBundles, type BundleInfo } from './platform/metadata';
import { lightningWebSecurity } from './platform/lws';
import { salesforceScopedImports } from './platform/scopedImports';
import { describeRuntime, runtimeFile, runtimeFromEnv, type RuntimeOptions } from './runtime';

export interface BuildStats {
    runtime: RuntimeOptions;
    packageMs: number;
    appMs: number;
    scriptsMs: number;
    /** Output files and their sizes in bytes. */
    files: { file: string; bytes: number }[];
    components: { specifier: string; compiled: boolean }[];
    warnings: string[];
}

/** Strips TypeScript types from the workbench's own .ts modules before the LWC compiler sees them. */
function stripTypes(): Plugin {
    return {
        name: 'workbench-strip-types',
        transform(code, id) {
            const file = id.split('?')[0] ?? id;
            if (!file.endsWith('.ts') || file.includes('\0')) return null;
            const out = ts.transpileModule(code, {
                fileName: file,
                compilerOptions: {
                    target: ts.ScriptTarget.ESNext, // keeps @api/@wire/@track for the LWC compiler
                    module: ts.ModuleKind.ESNext,
                    useDefineForClassFields: true,
                    experimentalDecorators: false,
                    verbatimModuleSyntax: false,
                    isolatedModules: true,
                    sourceMap: false
                }
            });
            return { code: out.outputText, map: null };
        }
    };
}

function tagName(specifier: string): string {
    const [ns, name] = specifier.split('/');
    return `${ns}-${(name ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Writes gen/pageComponents.js: the constructors and design properties of each record page's slots. */
function writePageComponents(bundles: BundleInfo[]): string {
    const bySpecifier = new Map(bundles.map((b) => [b.specifier, b]));
    const imports: string[] = [];
    const idents = new Map<string, string>();
    const slotsFor = (object: string, slots: { component: string; properties?: Record<string, unknown> }[]) =>
        slots.map((slot, index) => {
            const bundle = bySpecifier.get(slot.component);
            const base = {
                key: `${object}-${index}-${slot.component}`,
                specifier: slot.component,
                tag: tagName(slot.component)
            };
            if (!bundle) return { ...base, notice: `${tagName(slot.component)} is not in the package yet.` };
            if (!bundle.isExposed || !bundle.targets.includes('lightning__RecordPage')) {
                return {
                    ...base,
                    notice: `${tagName(slot.component)} is not exposed for lightning__RecordPage in its js-meta.xml.`
                };
            }
            if (bundle.recordPageObjects.length && !bundle.recordPageObjects.includes(object)) {
                return {
                    ...base,
                    notice: `${tagName(slot.component)} is limited to ${bundle.recordPageObjects.join(', ')} record pages.`
                };
            }
            let ident = idents.get(slot.component);
            if (!ident) {
                ident = `C${idents.size}`;
                idents.set(slot.component, ident);
                imports.push(`import ${ident} from '${slot.component}';`);
            }
            const properties: Record<string, unknown> = {};
            for (const p of bundle.recordPageProperties) if (p.default !== undefined) properties[p.name] = p.default;
            Object.assign(properties, slot.properties ?? {});
            return { ...base, ctor: `@@${ident}@@`, properties };
        });
    const pages: Record<string, unknown> = {};
    for (const [object, layout] of Object.entries(RECORD_PAGES)) {
        pages[object] = { main: slotsFor(object, layout.main), sidebar: slotsFor(object, layout.sidebar) };
    }
    const body = JSON.stringify(pages, null, 2).replace(/"@@(C\d+)@@"/g, '$1');
    const file = path.join(GEN_DIR, 'pageComponents.js');
    fs.mkdirSync(GEN_DIR, { recursive: true });
    fs.writeFileSync(
        file,
        `// Generated by workbench/build.ts from workbench/pages.ts. Do not edit.\n${imports.join('\n')}\nexport const PAGES = ${body};\n`
    );
    return file;
}

async function buildApp(
    bundles: BundleInfo[],
    warnings: string[],
    options: RuntimeOptions,
    appOutDir: string
): Promise<void> {
    const genFile = writePageComponents(bundles);
    const modules = [
        // Platform stand-ins first, so lightning/navigation here wins over lightning-base-components' one.
        { dir: path.join(PLATFORM_DIR, 'modules') },
        { dir: path.join(WORKBENCH_DIR, 'app', 'modules') },
        { name: 'wbgen/pageComponents', path: genFile },
        ...bundles.map((b) => ({ name: b.specifier, path: b.entry })),
        { npm: 'lightning-base-components' }
    ];
    fs.rmSync(appOutDir, { recursive: true, force: true });
    const bundle = await rollup({
        input: path.join(WORKBENCH_DIR, 'app', 'main.ts'),
        onwarn(warning: RollupLog) {
            // lightning-base-components has benign circular imports; keep the rest visible.
            if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
            // lightning-base-components' own templates trip a few compiler lint warnings; they are not ours to fix.
            if (warning.message.includes('node_modules/lightning-base-components/')) return;
            warnings.push(warning.message);
        },
        plugins: [
            salesforceScopedImports(),
            stripTypes(),
            lwc({ rootDir: path.join(WORKBENCH_DIR, 'app'), modules, enableDynamicComponents: true }),
            ...(options.lws ? [lightningWebSecurity()] : []),
            replace({
                preventAssignment: true,
                values: { 'import.meta.env.SSR': 'false', 'process.env.NODE_ENV': JSON.stringify(options.lwcMode) }
            }),
            nodeResolve({ extensions: ['.js', '.ts'] })
        ]
    });
    await bundle.write({
        dir: appOutDir,
        format: 'es',
        entryFileNames: 'main.js',
        chunkFileNames: 'chunks/[name]-[hash].js'
    });
    await bundle.close();
}

/** The browser scripts served on the other origins. */
async function buildScripts(): Promise<void> {
    const entries: Record<string, string> = {
        opencti_min: path.join(PLATFORM_DIR, 'opencti', 'opencti.ts'),
        softphone: path.join(WORKBENCH_DIR, 'softphone', 'softphone.ts'),
        hostile: path.join(WORKBENCH_DIR, 'hostile', 'hostile.ts')
    };
    for (const [name, entry] of Object.entries(entries)) {
        if (!fs.existsSync(entry)) continue;
        await esbuild({
            entryPoints: [entry],
            outfile: path.join(OUT_DIR, 'scripts', `${name}.js`),
            bundle: true,
            format: 'iife',
            platform: 'browser',
            target: ['es2020'],
            minify: name === 'opencti_min',
            logLevel: 'warning'
        });
    }
}

function listFiles(dir: string): { file: string; bytes: number }[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => {
            const file = path.join(e.parentPath, e.name);
            return { file: path.relative(ROOT, file), bytes: fs.statSync(file).size };
        });
}

/** Builds everything `npm start` serves; returns timings and sizes. */
export async function buildWorkbench(
    options: {
        buildPackage?: boolean;
        runtime?: RuntimeOptions;
        /** Where the page goes (default .build/workbench/app): benchmarks keep an LWS-on and an LWS-off page side by side. */
        appOutDir?: string;
    } = {}
): Promise<BuildStats> {
    const warnings: string[] = [];
    const runtime = options.runtime ?? runtimeFromEnv();
    const appOutDir = options.appOutDir ?? APP_OUT_DIR;
    let started = Date.now();
    if (options.buildPackage !== false) {
        const { buildAll } = await import('../scripts/build');
        await buildAll();
    }
    const packageMs = Date.now() - started;
    const bundles = readBundles();
    for (const b of bundles) {
        if (!b.compiled)
            warnings.push(`${b.specifier}: no compiled .js beside the .ts (run npm run build); using the .ts.`);
    }
    started = Date.now();
    await buildApp(bundles, warnings, runtime, appOutDir);
    fs.writeFileSync(runtimeFile(appOutDir), JSON.stringify(runtime));
    const appMs = Date.now() - started;
    started = Date.now();
    await buildScripts();
    const scriptsMs = Date.now() - started;
    return {
        runtime,
        packageMs,
        appMs,
        scriptsMs,
        files: listFiles(OUT_DIR),
        components: bundles.map((b) => ({ specifier: b.specifier, compiled: b.compiled })),
        warnings
    };
}

/** A one-screen summary of a build. */
export function describeBuild(stats: BuildStats): string {
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    const app = stats.files.filter((f) => f.file.includes(`${path.sep}app${path.sep}`));
    const total = app.reduce((s, f) => s + f.bytes, 0);
    const main = app.find((f) => f.file.endsWith(`${path.sep}main.js`));
    const largest = [...app].sort((a, b) => b.bytes - a.bytes).slice(0, 3);
    return [
        describeRuntime(stats.runtime),
        `package build ${stats.packageMs} ms, page build ${stats.appMs} ms, scripts ${stats.scriptsMs} ms`,
        `page: ${app.length} files, ${kb(total)} total; main.js ${kb(main?.bytes ?? 0)}; largest ${largest.map((f) => `${path.basename(f.file)} ${kb(f.bytes)}`).join(', ')}`,
        `components: ${stats.components.map((c) => c.specifier).join(', ') || 'none'}`,
        ...stats.warnings.map((w) => `warning: ${w}`)
    ].join('\n');
}

if (require.main === module) {
    buildWorkbench({ buildPackage: !process.argv.includes('--skip-package') })
        .then((stats) => console.log(describeBuild(stats)))
        .catch((error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        });
}
