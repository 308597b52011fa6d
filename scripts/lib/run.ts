/** Runs a command from node_modules/.bin (or PATH), inheriting stdio; throws on failure. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BIN, ROOT } from './paths';

export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
    const result = spawnSync(command, args, {
        cwd: options.cwd ?? ROOT,
        stdio: 'inherit',
        env: withLocalBin(options.env ?? process.env)
    });
    if (result.error) throw result.error;
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
    }
}

/** PATH with node_modules/.bin first, so `node` is the project's Node 22 and `sf` the pinned CLI. */
export function withLocalBin(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return {
        ...env,
        PATH: `${BIN}${path.delimiter}${env.PATH ?? ''}`,
        SF_DISABLE_TELEMETRY: 'true',
        SF_AUTOUPDATE_DISABLE: 'true'
    };
}
