/**
 * npm run bench:sizes: what the package ships, in bytes. Each LWC bundle is compiled as the platform
 * compiles it (@lwc/compiler, namespace c: the built .js files, .html templates and .css) and
 * gzipped as one stream; each static resource is gzipped as served. Run `npm run build` first.
 * Prints a table, then the JS the Open CTI adapter page loads for each protocol (softphoneAdapter;
 * with ameyoToolbar also softphoneAmeyo, which the page loads only then) against the goal of
 * issue 12, and writes .build/bench/sizes.json.
 */
import { transformSync } from '@lwc/compiler';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { BUILD_DIR, LWC_DIR, STATIC_RESOURCES_DIR } from '../scripts/lib/paths';

interface Size {
    name: string;
    kind: 'lwc' | 'static resource';
    raw: number;
    gzip: number;
}

const gzip = (data: string | Buffer): number => zlib.gzipSync(data, { level: 9 }).length;

/** Issue 12: the adapter page's JS in its default (wrapper) mode, gzip. */
const ADAPTER_PAGE_GOAL_GZIP = 25_000;
/** The static resources the adapter page loads, per protocol (SoftphoneAdapter.page, ameyoLoader.ts). */
const ADAPTER_PAGE_SCRIPTS: ReadonlyArray<{ protocol: string; resources: readonly string[] }> = [
    { protocol: 'wrapper', resources: ['softphoneAdapter'] },
    { protocol: 'ameyoToolbar', resources: ['softphoneAdapter', 'softphoneAmeyo'] }
];

/** Compiled output of one LWC bundle: every deployable .js/.html/.css, as the platform compiles it. */
function compileBundle(name: string): string {
    const dir = path.join(LWC_DIR, name);
    const files = fs
        .readdirSync(dir)
        .filter((f) => /\.(js|html|css)$/.test(f))
        .sort();
    if (!files.some((f) => f.endsWith('.js'))) {
        throw new Error(`lwc/${name} has no compiled .js: run npm run build first.`);
    }
    return files
        .map(
            (file) => transformSync(fs.readFileSync(path.join(dir, file), 'utf8'), file, { name, namespace: 'c' }).code
        )
        .join('\n');
}

function measure(): Size[] {
    const sizes: Size[] = [];
    for (const name of fs.readdirSync(LWC_DIR).sort()) {
        if (!fs.statSync(path.join(LWC_DIR, name)).isDirectory()) continue;
        const code = compileBundle(name);
        sizes.push({ name, kind: 'lwc', raw: Buffer.byteLength(code), gzip: gzip(code) });
    }
    for (const file of fs.readdirSync(STATIC_RESOURCES_DIR).sort()) {
        if (!file.endsWith('.js')) continue;
        const data = fs.readFileSync(path.join(STATIC_RESOURCES_DIR, file));
        sizes.push({ name: file.replace(/\.js$/, ''), kind: 'static resource', raw: data.length, gzip: gzip(data) });
    }
    return sizes;
}

function main(): void {
    const sizes = measure();
    const width = Math.max(...sizes.map((s) => s.name.length));
    console.log(`${'name'.padEnd(width)}  ${'kind'.padEnd(15)}  ${'raw B'.padStart(8)}  ${'gzip B'.padStart(8)}`);
    for (const s of sizes) {
        console.log(
            `${s.name.padEnd(width)}  ${s.kind.padEnd(15)}  ${String(s.raw).padStart(8)}  ${String(s.gzip).padStart(8)}`
        );
    }
    console.log('\nadapter page JS (each resource gzipped as served):');
    for (const { protocol, resources } of ADAPTER_PAGE_SCRIPTS) {
        const parts = resources.map((name) => sizes.find((s) => s.name === name && s.kind === 'static resource'));
        if (parts.some((p) => p === undefined)) continue;
        const total = parts.reduce((sum, p) => sum + (p?.gzip ?? 0), 0);
        const goal = protocol === 'wrapper' ? `  (goal ≤ ${ADAPTER_PAGE_GOAL_GZIP} B)` : '';
        console.log(
            `  protocol ${protocol.padEnd(12)}  ${resources.join(' + ').padEnd(34)}  ${String(total).padStart(8)} B gzip${goal}`
        );
    }
    const out = path.join(BUILD_DIR, 'bench', 'sizes.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(sizes, null, 2)}\n`);
    console.log(`\nwritten ${path.relative(process.cwd(), out)}`);
}

main();
