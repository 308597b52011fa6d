/**
 * npm run deploy [-- --target-org <alias>] [--include-config]: deploys the built package with the
 * Salesforce CLI. `npm run deploy` builds first (package.json), so the org gets the compiled .js and
 * static resources; .forceignore keeps sources and tests out. Without --target-org the CLI's default
 * org (`sf config set target-org`) is used.
 *
 * The first install deploys everything under force-app. Once the call center is in the org, a
 * deploy leaves out what the admin has set up since (scripts/lib/deployPlan.ts), unless
 * --include-config asks to put the shipped values back.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ADMIN_OWNED, INSTALLED_QUERY } from './lib/deployPlan';
import { buildUpdatePackage } from './lib/updatePackage';
import { BUILD_DIR, ROOT } from './lib/paths';
import { parseSfJson } from './lib/sfJson';
import { run, withLocalBin } from './lib/run';

const HINT =
    'deploy: is an org authorised? `sf org login web --alias my-org`, then `npm run deploy -- --target-org my-org`.';

/** `sf … --json`, its parsed output (or null when it printed none) and exit status. */
function sfJson(args: string[]): { status: number; json: Record<string, unknown> | null } {
    const result = spawnSync('sf', [...args, '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: withLocalBin(process.env)
    });
    if (result.error) throw result.error;
    const json = parseSfJson(result.stdout ?? '') ?? null;
    return { status: result.status ?? 1, json };
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const includeConfig = args.includes('--include-config');
    const cliArgs = args.filter((arg) => arg !== '--include-config');
    const orgIndex = cliArgs.findIndex((arg) => arg === '--target-org' || arg === '-o');
    const orgArgs = orgIndex >= 0 && cliArgs[orgIndex + 1] ? ['--target-org', cliArgs[orgIndex + 1] as string] : [];

    const installed = sfJson(['data', 'query', '--query', INSTALLED_QUERY, ...orgArgs]);
    const message = typeof installed.json?.message === 'string' ? installed.json.message : '';
    // An org without call centers at all (INVALID_TYPE) is a first install; the deploy says what it lacks.
    if (installed.status !== 0 && !/INVALID_TYPE|not supported/i.test(message)) {
        throw new Error(
            `deploy: could not check the org for the call center SoftphoneBridge: ${message || 'no answer'}`
        );
    }
    const records = (installed.json?.result as { records?: unknown[] } | undefined)?.records ?? [];
    const update = records.length > 0;
    if (!update || includeConfig) {
        console.log(
            update
                ? 'deploy: --include-config: the shipped call center, trusted sites and Streem address replace the org’s.'
                : 'deploy: first install: everything under force-app.'
        );
        run('sf', ['project', 'deploy', 'start', '--source-dir', 'force-app', '--wait', '30', ...cliArgs]);
        return;
    }

    // A metadata-format package without what the admin owns (scripts/lib/updatePackage.ts): a
    // manifest cannot leave one custom label out, so Streem's address went back to the placeholder.
    const dir = path.join(BUILD_DIR, 'deploy', 'update');
    const leftOut = await buildUpdatePackage(path.join(ROOT, 'force-app'), dir);
    console.log('deploy: update: the package is installed, so what the admin has set up stays as it is:');
    for (const item of ADMIN_OWNED) {
        if (leftOut.includes(`${item.type}:${item.member}`))
            console.log(`  - ${item.type} ${item.member} (${item.why})`);
    }
    console.log('  (npm run deploy -- --include-config deploys the shipped values instead)');
    run('sf', ['project', 'deploy', 'start', '--metadata-dir', dir, '--wait', '30', ...cliArgs]);
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(HINT);
    process.exit(1);
});
