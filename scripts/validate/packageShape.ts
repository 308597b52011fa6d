/**
 * Package shape: the sf CLI must convert the source to Metadata API format, and the
 * result must hold only what the platform should receive: compiled .js (never .ts),
 * no tooling files, no tests, and no Apex at all.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { withLocalBin } from '../lib/run';
import { problemSink, type Problem } from './problems';

/** Paths (relative, forward slashes) that must never reach the platform, with the reason. */
const UNDEPLOYABLE: readonly { test: (file: string) => boolean; why: string }[] = [
    { test: (f) => f.endsWith('.ts'), why: 'TypeScript source (the platform deploys the compiled .js)' },
    { test: (f) => /(^|\/)tsconfig[^/]*\.json$/.test(f) || /(^|\/)jsconfig\.json$/.test(f), why: 'compiler config' },
    { test: (f) => /(^|\/)(__tests__|__mocks__|__fixtures__|jest-mocks)\//.test(f), why: 'test code' },
    { test: (f) => f.endsWith('.md'), why: 'documentation' },
    { test: (f) => f.endsWith('.map'), why: 'source map' },
    { test: (f) => /(^|\/)\.eslintrc/.test(f), why: 'lint config' }
];
const APEX = (file: string): boolean =>
    /(^|\/)(classes|triggers)\//.test(file) || /\.(cls|trigger)(-meta\.xml)?$/.test(file);

export interface ConvertResult {
    ok: boolean;
    /** The CLI's message when it failed (or its stderr). */
    message: string;
}

/**
 * Runs `sf project convert source` into `outputDir` (emptied first). Asynchronous so
 * the other checks run while the CLI (~3 s) works.
 */
export function convertSource(projectDir: string, packageDir: string, outputDir: string): Promise<ConvertResult> {
    fs.rmSync(outputDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(outputDir), { recursive: true });
    const args = [
        'project',
        'convert',
        'source',
        '--root-dir',
        path.relative(projectDir, packageDir) || '.',
        '--output-dir',
        outputDir,
        '--json'
    ];
    return new Promise((resolve) => {
        const child = spawn('sf', args, {
            cwd: projectDir,
            env: withLocalBin(process.env),
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', (error) =>
            resolve({
                ok: false,
                message: `could not run sf (${error.message}); is @salesforce/cli installed (npm ci)?`
            })
        );
        child.on('close', (code) => {
            if (code === 0) return resolve({ ok: true, message: '' });
            resolve({ ok: false, message: cliMessage(stdout) ?? (stderr.trim() || `sf exited with ${code}`) });
        });
    });
}

function cliMessage(stdout: string): string | undefined {
    try {
        const json = JSON.parse(stdout) as { message?: string; name?: string };
        return json.message ? `${json.name ? `${json.name}: ` : ''}${json.message}` : undefined;
    } catch {
        return undefined;
    }
}

/** Every file under `dir`, relative to it, forward slashes, sorted. */
export function listFiles(dir: string, prefix = ''): string[] {
    if (!fs.existsSync(dir)) return [];
    const files: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const relative = `${prefix}${entry.name}`;
        if (entry.isDirectory()) files.push(...listFiles(path.join(dir, entry.name), `${relative}/`));
        else files.push(relative);
    }
    return files;
}

/** Apex anywhere in the source package is an error: this package must stay Apex-free. */
export function checkSourceForApex(sourceFiles: readonly string[], packagePrefix: string): Problem[] {
    const problems: Problem[] = [];
    for (const file of sourceFiles) {
        if (APEX(file))
            problemSink('package', `${packagePrefix}${file}`, problems).error(
                'Apex in the package source; this package ships no Apex'
            );
    }
    return problems;
}

/**
 * Checks the converted (Metadata API format) tree: only deployable files, each LWC
 * bundle with its compiled <name>.js, no Apex. `outputPrefix` is how the output
 * folder is named in the report (e.g. `.build/mdapi/`).
 */
export function checkConvertedFiles(outputFiles: readonly string[], outputPrefix: string): Problem[] {
    const problems: Problem[] = [];
    const sink = (file: string) => problemSink('package', `${outputPrefix}${file}`, problems);
    for (const file of outputFiles) {
        const rule = UNDEPLOYABLE.find((candidate) => candidate.test(file));
        if (rule) sink(file).error(`would be deployed but is ${rule.why}; add it to .forceignore`);
        if (APEX(file)) sink(file).error('Apex in the deploy output; this package ships no Apex');
    }
    const bundles = new Set<string>();
    for (const file of outputFiles) {
        const match = /^lwc\/([^/]+)\//.exec(file);
        if (match?.[1]) bundles.add(match[1]);
    }
    const present = new Set(outputFiles);
    for (const bundle of bundles) {
        if (!present.has(`lwc/${bundle}/${bundle}.js`)) {
            sink(`lwc/${bundle}/`).error(
                `bundle ${bundle} has no compiled ${bundle}.js in the deploy output; run npm run build`
            );
        }
    }
    const manifest = outputFiles.includes('package.xml');
    if (!manifest && outputFiles.length > 0) sink('package.xml').error('the converted output has no package.xml');
    return problems;
}

/** Reads `package.xml` of the output and reports Apex types listed in it. */
export function checkManifest(outputDir: string, outputPrefix: string): Problem[] {
    const problems: Problem[] = [];
    const file = path.join(outputDir, 'package.xml');
    if (!fs.existsSync(file)) return problems;
    const manifest = fs.readFileSync(file, 'utf8');
    for (const type of ['ApexClass', 'ApexTrigger']) {
        if (manifest.includes(`<name>${type}</name>`))
            problemSink('package', `${outputPrefix}package.xml`, problems).error(
                `package.xml lists ${type}; this package ships no Apex`
            );
    }
    return problems;
}
