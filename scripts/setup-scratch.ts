/**
 * npm run setup:scratch [-- --alias streem --target-dev-hub devhub --duration-days 7 --url-only --existing]:
 * a scratch org (--existing: the one already under --alias) with the package deployed, the permission set and call center assigned, the sample
 * data imported and the app open (steps in scripts/setupScratch.ts). Needs an authorised Dev Hub.
 */
import { spawn } from 'node:child_process';
import { ROOT } from './lib/paths';
import { withLocalBin } from './lib/run';
import { setupScratchOrg, type Runner, type SetupOptions } from './setupScratch';

const USAGE =
    'usage: npm run setup:scratch -- [--alias <name>] [--target-dev-hub <alias>] [--duration-days <1-30>] [--url-only] [--existing]';

/** Parses the command line; throws with the usage on anything it does not know. */
export function parseArgs(argv: readonly string[]): SetupOptions {
    const options: SetupOptions = { alias: 'streem', durationDays: 7, urlOnly: false };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = (): string => {
            const next = argv[++i];
            if (next === undefined || next.startsWith('--')) throw new Error(`${flag} needs a value\n${USAGE}`);
            return next;
        };
        if (flag === '--alias') options.alias = value();
        else if (flag === '--target-dev-hub') options.devHub = value();
        else if (flag === '--duration-days') {
            const days = Number(value());
            if (!Number.isInteger(days) || days < 1 || days > 30)
                throw new Error(`--duration-days takes 1 to 30\n${USAGE}`);
            options.durationDays = days;
        } else if (flag === '--url-only') options.urlOnly = true;
        else if (flag === '--existing') options.existing = true;
        else throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
    return options;
}

/** Runs a command with the project's node_modules/.bin first on PATH (the pinned sf CLI). */
const runner: Runner = (command, args, options = {}) =>
    new Promise((resolve) => {
        const child = spawn(command, args, {
            cwd: ROOT,
            env: withLocalBin(process.env),
            stdio: options.stream ? 'inherit' : ['ignore', 'pipe', 'pipe']
        });
        let stdout = '';
        let stderr = '';
        child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', (error) => resolve({ status: 127, stdout, stderr: `${command}: ${error.message}` }));
        child.on('close', (code) => resolve({ status: code ?? 1, stdout, stderr }));
    });

if (require.main === module) {
    let options: SetupOptions;
    try {
        options = parseArgs(process.argv.slice(2));
    } catch (error) {
        console.error(error instanceof Error ? error.message : error);
        process.exit(2);
    }
    void setupScratchOrg(options, runner).then((result) => {
        if (!result.ok) process.exit(1);
        console.log(
            `\nsetup:scratch: done.${result.url ? ` ${result.url}` : ''}\nStill for a person: see the README, "Try it in a scratch org".`
        );
    });
}
