/**
 * npm run build: everything the platform deploys that is not written by hand.
 *  1. generated sources (scripts/generate.ts: metadata and data derived from one source of truth);
 *  2. each LWC's .ts compiled in place to .js (tsc, decorators kept for the LWC compiler);
 *  3. each src/resources/<name>.ts bundled to staticresources/<name>.js (esbuild, minified IIFE).
 */
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { generateAll } from './generate';
import { LWC_DIR, RESOURCE_ENTRIES_DIR, ROOT, STATIC_RESOURCES_DIR } from './lib/paths';
import { run } from './lib/run';

export async function buildAll(): Promise<void> {
    await generateAll();
    run('tsc', ['-p', path.join(LWC_DIR, 'tsconfig.json')]);
    await buildStaticResources();
}

/** How src/resources/<name>.ts becomes a static resource (also used by tests that check what a bundle holds). */
export function resourceBuildOptions(name: string): BuildOptions {
    return {
        entryPoints: [path.join(RESOURCE_ENTRIES_DIR, `${name}.ts`)],
        outfile: path.join(STATIC_RESOURCES_DIR, `${name}.js`),
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: ['es2020'],
        minify: true,
        legalComments: 'none',
        tsconfig: path.join(ROOT, 'tsconfig.json'),
        logLevel: 'warning'
    };
}

export async function buildStaticResources(): Promise<void> {
    const entries = fs.existsSync(RESOURCE_ENTRIES_DIR)
        ? fs.readdirSync(RESOURCE_ENTRIES_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
        : [];
    for (const file of entries) await build(resourceBuildOptions(path.basename(file, '.ts')));
}

if (require.main === module) {
    buildAll().catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    });
}
