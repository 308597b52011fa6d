/**
 * The steps of `npm run setup:scratch`: from a Dev Hub to the package's app open in a new scratch
 * org, the way Salesforce's sample apps set theirs up. Each step says what it does, runs one command
 * through the injected runner (the Salesforce CLI with --json, or npm for the deploy), and a failure
 * stops the run with the step, the CLI's own message and what to do next. scripts/setup-scratch.ts
 * runs it against the real CLI; the tests inject a runner, since no org is reachable there.
 */
import path from 'node:path';
import { CALL_CENTER_NAME } from '../src/callCenter/definition';
import { APP_NAME } from '../workbench/layout';
import { DATA_DIR, PLAN_FILE } from '../workbench/platform/org/dataTree';
import { ROOT } from './lib/paths';
import { parseSfJson } from './lib/sfJson';

export const PERMISSION_SET = 'Softphone_Bridge_User';
export const SCRATCH_DEFINITION = 'config/project-scratch-def.json';
export const PLAN = path.relative(ROOT, path.join(DATA_DIR, PLAN_FILE)).split(path.sep).join('/');

export interface CommandResult {
    status: number;
    stdout: string;
    stderr: string;
}

/** Runs a command; `stream` shows its output as it runs (stdout/stderr then come back empty). */
export type Runner = (command: string, args: string[], options?: { stream?: boolean }) => Promise<CommandResult>;

export interface SetupOptions {
    /** Alias of the new scratch org. */
    alias: string;
    /** Dev Hub username or alias; the CLI's default Dev Hub when absent. */
    devHub?: string;
    durationDays: number;
    /** Print the app's URL instead of opening a browser. */
    urlOnly: boolean;
    /** Use the scratch org already under `alias` (a run that stopped part-way) instead of creating one. */
    existing?: boolean;
}

export interface StepOutcome {
    /** One line on what the step found or did. */
    detail: string;
}

export interface SetupStep {
    title: string;
    /** What to do when the step fails (beyond the CLI's message). */
    hint: string;
    run(context: SetupContext): Promise<StepOutcome>;
}

/** What earlier steps found, for later ones. */
export interface SetupContext {
    options: SetupOptions;
    runner: Runner;
    username?: string;
    userId?: string;
    callCenterId?: string;
    appId?: string;
    url?: string;
}

export type SetupResult =
    { ok: true; url?: string } | { ok: false; step: number; title: string; message: string; hint: string };

/** A step's failure: the message the CLI (or our own check) gave. */
export class StepFailure extends Error {}

/**
 * Runs `sf <args> --json` and returns its `result`; throws StepFailure with the CLI's message. With
 * `partial`, a result that lists `failures` is returned whatever the exit code: commands such as
 * `org assign permset` exit 1 (all failed) or 68 (some failed) with the reasons there.
 */
export async function sf(
    context: SetupContext,
    args: string[],
    options: { partial?: boolean } = {}
): Promise<Record<string, unknown>> {
    const out = await context.runner('sf', [...args, '--json']);
    const json = parseSfJson(out.stdout) ?? parseSfJson(out.stderr);
    const status = typeof json?.status === 'number' ? json.status : out.status;
    const result = json?.result && typeof json.result === 'object' ? (json.result as Record<string, unknown>) : {};
    if (out.status === 0 && status === 0 && json) return result;
    const failures = Array.isArray(result.failures) ? (result.failures as { message?: unknown }[]) : [];
    if (options.partial && failures.length > 0) return result;
    const message =
        (typeof json?.message === 'string' && json.message) ||
        failures
            .map((failure) => (typeof failure.message === 'string' ? failure.message : ''))
            .filter(Boolean)
            .join('; ') ||
        lastLines(out.stderr || out.stdout) ||
        `exit ${out.status}`;
    throw new StepFailure(message);
}

function lastLines(text: string, count = 5): string {
    return text.trim().split('\n').slice(-count).join('\n');
}

/** The first record of a `sf data query` result, or undefined. */
function firstRecord(result: Record<string, unknown>): Record<string, unknown> | undefined {
    const records = result.records;
    return Array.isArray(records) && records[0] && typeof records[0] === 'object'
        ? (records[0] as Record<string, unknown>)
        : undefined;
}

/** SOQL string literal (the names queried are our own constants, but quote them properly anyway). */
const soqlString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The steps, in order. */
export function setupSteps(): SetupStep[] {
    return [
        {
            title: `Create the scratch org from ${SCRATCH_DEFINITION}`,
            hint: 'Is a Dev Hub authorised? sf org login web --set-default-dev-hub --alias devhub (or pass --target-dev-hub <devhub>).',
            async run(context) {
                const { alias, devHub, durationDays, existing } = context.options;
                if (existing) {
                    // Scratch orgs count against the Dev Hub's daily and active limits: a rerun reuses one.
                    const shown = await sf(context, ['org', 'display', '--target-org', alias]);
                    if (typeof shown.username === 'string') context.username = shown.username;
                    return { detail: `${alias}${context.username ? ` (${context.username})` : ''}, reused` };
                }
                const result = await sf(context, [
                    'org',
                    'create',
                    'scratch',
                    '--definition-file',
                    SCRATCH_DEFINITION,
                    '--alias',
                    alias,
                    '--set-default',
                    '--duration-days',
                    String(durationDays),
                    '--wait',
                    '15',
                    ...(devHub ? ['--target-dev-hub', devHub] : [])
                ]);
                if (typeof result.username === 'string') context.username = result.username;
                return {
                    detail: `${alias}${context.username ? ` (${context.username})` : ''}, expires in ${durationDays} days`
                };
            }
        },
        {
            title: 'Deploy the package (npm run deploy: build, then sf project deploy start)',
            hint:
                'Read the deploy errors above, fix them, then run npm run setup:scratch -- --existing (same --alias) to carry on with this org. ' +
                'If they name CallCenter or opencti: Salesforce makes Open CTI unavailable to newly created orgs (docs/unverified-in-an-org.md), so this org may not take the softphone at all.',
            async run(context) {
                const out = await context.runner(
                    'npm',
                    ['run', 'deploy', '--', '--target-org', context.options.alias],
                    {
                        stream: true
                    }
                );
                if (out.status !== 0)
                    throw new StepFailure(
                        lastLines(out.stderr || out.stdout) || `npm run deploy exited with ${out.status}`
                    );
                return { detail: 'deployed' };
            }
        },
        {
            title: `Assign the permission set ${PERMISSION_SET} (the app, the adapter page, Edit Tasks)`,
            hint: 'Check that the deploy created the permission set: sf org open --target-org <alias> --path lightning/setup/PermSets/home',
            async run(context) {
                const result = await sf(
                    context,
                    ['org', 'assign', 'permset', '--name', PERMISSION_SET, '--target-org', context.options.alias],
                    { partial: true }
                );
                const failures = Array.isArray(result.failures) ? (result.failures as { message?: string }[]) : [];
                const real = failures.filter((f) => !/duplicate/i.test(f.message ?? ''));
                if (real.length) throw new StepFailure(real.map((f) => f.message ?? 'failed').join('; '));
                return { detail: failures.length ? 'already assigned' : 'assigned to the default user' };
            }
        },
        {
            title: `Find the call center ${CALL_CENTER_NAME} the deploy created`,
            hint:
                'Call centers need the ServiceCloud feature in the scratch org definition; check that the deploy included callCenters/. ' +
                'Salesforce also makes Open CTI unavailable to newly created orgs (docs/unverified-in-an-org.md).',
            async run(context) {
                const result = await sf(context, [
                    'data',
                    'query',
                    '--query',
                    `SELECT Id FROM CallCenter WHERE InternalName = ${soqlString(CALL_CENTER_NAME)}`,
                    '--target-org',
                    context.options.alias
                ]);
                const id = firstRecord(result)?.Id;
                if (typeof id !== 'string')
                    throw new StepFailure(`no CallCenter with InternalName ${CALL_CENTER_NAME} in the org`);
                context.callCenterId = id;
                return { detail: id };
            }
        },
        {
            title: 'Find the default user',
            hint: 'sf org display user --target-org <alias> should show the scratch org admin.',
            async run(context) {
                const result = await sf(context, ['org', 'display', 'user', '--target-org', context.options.alias]);
                if (typeof result.id !== 'string') throw new StepFailure('sf org display user gave no user id');
                context.userId = result.id;
                if (typeof result.username === 'string') context.username = result.username;
                return { detail: `${context.username ?? ''} ${result.id}`.trim() };
            }
        },
        {
            title: `Set the default user's call center (User.CallCenterId = ${CALL_CENTER_NAME})`,
            hint: 'Setup > Call Centers > SoftphoneBridge > Manage Call Center Users adds the user by hand.',
            async run(context) {
                if (!context.userId || !context.callCenterId)
                    throw new StepFailure('the user or the call center was not found');
                await sf(context, [
                    'data',
                    'update',
                    'record',
                    '--sobject',
                    'User',
                    '--record-id',
                    context.userId,
                    '--values',
                    `CallCenterId=${context.callCenterId}`,
                    '--target-org',
                    context.options.alias
                ]);
                return { detail: `${context.userId} -> ${context.callCenterId}` };
            }
        },
        {
            title: `Import the sample data (${PLAN}: the records the workbench shows)`,
            hint: `sf data tree import --plan ${PLAN} --target-org <alias> shows the failing record.`,
            async run(context) {
                const result = await sf(context, [
                    'data',
                    'tree',
                    'import',
                    '--plan',
                    PLAN,
                    '--target-org',
                    context.options.alias
                ]);
                const count = Array.isArray(result)
                    ? result.length
                    : Array.isArray(result.records)
                      ? result.records.length
                      : undefined;
                return { detail: count === undefined ? 'imported' : `${count} records` };
            }
        },
        {
            title: `Find the app ${APP_NAME}`,
            hint: `Open the App Launcher and pick ${APP_NAME.replace(/_/g, ' ')}; the permission set makes it visible.`,
            async run(context) {
                const result = await sf(context, [
                    'data',
                    'query',
                    '--query',
                    `SELECT DurableId FROM AppDefinition WHERE DeveloperName = ${soqlString(APP_NAME)}`,
                    '--target-org',
                    context.options.alias
                ]);
                const id = firstRecord(result)?.DurableId;
                if (typeof id !== 'string') throw new StepFailure(`no app named ${APP_NAME} in the org`);
                context.appId = id;
                return { detail: id };
            }
        },
        {
            title: 'Open the app',
            hint: `sf org open --target-org <alias>, then pick ${APP_NAME.replace(/_/g, ' ')} in the App Launcher.`,
            async run(context) {
                const result = await sf(context, [
                    'org',
                    'open',
                    '--target-org',
                    context.options.alias,
                    '--path',
                    `lightning/app/${context.appId ?? ''}`,
                    ...(context.options.urlOnly ? ['--url-only'] : [])
                ]);
                if (typeof result.url === 'string') context.url = result.url;
                // The URL logs the user in (it carries a session): printed once, at the end, not here too.
                if (!context.options.urlOnly) return { detail: 'opened in the browser' };
                return { detail: context.url ? 'login URL below (it signs you in: do not share it)' : 'no URL' };
            }
        }
    ];
}

/** Runs every step in order, logging each; stops at the first failure. */
export async function setupScratchOrg(
    options: SetupOptions,
    runner: Runner,
    log: (line: string) => void = console.log
): Promise<SetupResult> {
    const context: SetupContext = { options, runner };
    const steps = setupSteps();
    for (const [index, step] of steps.entries()) {
        const number = index + 1;
        log(`[${number}/${steps.length}] ${step.title}`);
        try {
            const { detail } = await step.run(context);
            log(`      ${detail}`);
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            const hint = step.hint.replace(/<alias>/g, options.alias);
            log(`setup:scratch stopped at step ${number} (${step.title}):\n  ${message}\n  ${hint}`);
            return { ok: false, step: number, title: step.title, message, hint };
        }
    }
    return context.url ? { ok: true, url: context.url } : { ok: true };
}
