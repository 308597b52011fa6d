/**
 * Lightning Web Security in the workbench, applied the way Salesforce applies it: every module of
 * the package's namespace (`c/*`: component classes, helpers, templates and styles, after the LWC
 * compiler) is rewritten by Salesforce's own module compiler, `@locker/compiler`, so that its body
 * runs inside the `@locker/sandbox` sandbox with key `c`, behind the distortions of
 * `@locker/distortion`. The LWC engine, `lightning-base-components`, the platform stand-ins and the
 * workbench shell stay outside, in the "blue" realm, as they do in an org.
 *
 * Sources: `@locker/compiler` README (`Compiler.compile(code, { sandboxKey })`, the module wrapper
 * LWR uses for its locker mode); `@locker/sandbox` README (`evaluateInSandbox(key, …)`: one sandbox
 * per key); `@locker/distortion` docs/distortions.md (what a sandbox refuses or changes).
 *
 * Versions (package.json pins them exactly): `@locker/compiler` 0.18.14 emits
 * `import { evaluateInSandbox } from '@locker/sandbox'` plus the `$lockerEvalHelpers$` protocol that
 * `@locker/sandbox` 0.28.4 (with `@locker/distortion` 0.28.4, its own dependency) implements; these
 * are the newest published releases of each, and were checked together in Chromium
 * (shared/reference/salesforce-platform-notes.md, "Lightning Web Security").
 */
import { Compiler } from '@locker/compiler';
import path from 'node:path';
import type { Plugin } from 'rollup';
import { LWC_DIR } from '../paths';

/** The sandbox key of the package's namespace: Salesforce keys a sandbox by namespace, `c` when there is none. */
export const PACKAGE_SANDBOX_KEY = 'c';

/** Whether LWS is on: on unless WORKBENCH_LWS=0 (for comparison runs). */
export function lwsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
    return env.WORKBENCH_LWS !== '0';
}

/** True for a module of the package's own namespace (a file under force-app/main/default/lwc/). */
export function isPackageModule(id: string): boolean {
    if (id.startsWith('\0')) return false;
    const file = id.split('?')[0] ?? id;
    const relative = path.relative(LWC_DIR, file);
    return !relative.startsWith('..') && !path.isAbsolute(relative) && !relative.includes(`${path.sep}__tests__`);
}

/**
 * A rollup plugin to place after `@lwc/rollup-plugin`: compiles each package module into the `c`
 * sandbox. Modules outside the package pass through untouched.
 */
export function lightningWebSecurity(options: { sandboxKey?: string } = {}): Plugin {
    const sandboxKey = options.sandboxKey ?? PACKAGE_SANDBOX_KEY;
    const compilationCache = new Map<string, unknown>();
    return {
        name: 'workbench-lightning-web-security',
        transform(code, id) {
            if (!isPackageModule(id)) return null;
            const out = Compiler.compile(code, { sandboxKey, compilationCache, sourceMap: false });
            return { code: out.code, map: null };
        }
    };
}
