/**
 * How the package's code runs in the workbench page. Salesforce runs every org's LWCs under
 * Lightning Web Security and serves the LWC engine in production mode, so both are the default;
 * each has one switch for comparison or debugging.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APP_OUT_DIR } from './paths';
import { lwsEnabled } from './platform/lws';

export interface RuntimeOptions {
    /** Lightning Web Security around the package's modules (WORKBENCH_LWS=0 turns it off for comparison). */
    lws: boolean;
    /** The LWC engine's mode (WORKBENCH_LWC_MODE=development for its extra warnings while debugging). */
    lwcMode: 'production' | 'development';
}

/** The runtime options from the environment: as the platform runs, unless a switch says otherwise. */
export function runtimeFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeOptions {
    return { lws: lwsEnabled(env), lwcMode: env.WORKBENCH_LWC_MODE === 'development' ? 'development' : 'production' };
}

/** Where a page build records the options it was built with, beside the page, for the server to show. */
export function runtimeFile(appDir: string = APP_OUT_DIR): string {
    return path.join(appDir, 'runtime.json');
}

/** The options a page build used (unknown build: development without LWS, the least strict). */
export function readRuntime(appDir: string = APP_OUT_DIR): RuntimeOptions {
    try {
        return JSON.parse(fs.readFileSync(runtimeFile(appDir), 'utf8')) as RuntimeOptions;
    } catch {
        return { lws: false, lwcMode: 'development' };
    }
}

/** One line for logs and the page. */
export function describeRuntime(runtime: RuntimeOptions): string {
    return `LWC ${runtime.lwcMode} mode, Lightning Web Security ${runtime.lws ? 'on' : 'OFF (WORKBENCH_LWS=0)'}`;
}
