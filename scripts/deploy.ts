/**
 * npm run deploy [-- --target-org <alias>]: deploys the built package with the
 * Salesforce CLI. `npm run deploy` builds first (package.json), so the org gets
 * the compiled .js and static resources; .forceignore keeps sources and tests out.
 * Without --target-org the CLI's default org (`sf config set target-org`) is used.
 */
import { run } from './lib/run';

const args = process.argv.slice(2);
try {
    run('sf', ['project', 'deploy', 'start', '--source-dir', 'force-app', '--wait', '30', ...args]);
} catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(
        'deploy: is an org authorised? `sf org login web --alias my-org`, then `npm run deploy -- --target-org my-org`.'
    );
    process.exit(1);
}
