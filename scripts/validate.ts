/**
 * npm run validate: catches deploy errors offline (no org needed). Assumes
 * `npm run build` ran, so each LWC has its compiled .js and each static resource
 * its bundle. Checks, all reported together:
 *  1. package shape: `sf project convert source` succeeds and its output holds only
 *     deployable files (no .ts, tests, tooling; every bundle has its .js; no Apex);
 *  2. every *-meta.xml against the Metadata API types of @salesforce/types;
 *  3. every LWC bundle compiles with @lwc/compiler and its imports resolve.
 * Exits 1 when any check reports an error.
 */
import { countProblems } from './validate/problems';
import { formatReport } from './validate/report';
import { validateProject } from './validate/index';
import { ROOT } from './lib/paths';

async function main(): Promise<void> {
    const result = await validateProject({ projectDir: ROOT });
    console.log(formatReport(result.problems, { files: result.files, durationMs: result.durationMs }));
    if (countProblems(result.problems).errors > 0) process.exitCode = 1;
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(
            `validate could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
        );
        process.exit(2);
    });
}
