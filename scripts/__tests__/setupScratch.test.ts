/** @jest-environment node */
// npm run setup:scratch with the sf CLI injected: no org is reachable here, so these tests pin the
// commands each step runs, what it reads from their --json output, and how a failure stops the run.
import { parseArgs } from '../setup-scratch';
import { PERMISSION_SET, PLAN, setupScratchOrg, setupSteps, type CommandResult, type Runner } from '../setupScratch';

const OPTIONS = { alias: 'streem', durationDays: 7, urlOnly: true };
const ok = (result: unknown): CommandResult => ({
    status: 0,
    stdout: JSON.stringify({ status: 0, result }),
    stderr: ''
});
const sfError = (message: string, name = 'Error'): CommandResult => ({
    status: 1,
    stdout: JSON.stringify({ status: 1, name, message }),
    stderr: ''
});

/** What the CLI answers in a working org, by the command's first words. */
function orgAnswers(): Record<string, CommandResult> {
    return {
        'sf org create scratch': ok({ username: 'test-abc@example.com', orgId: '00D000000000001' }),
        'npm run deploy': { status: 0, stdout: '', stderr: '' },
        'sf org assign permset': ok({
            successes: [{ name: PERMISSION_SET, value: 'test-abc@example.com' }],
            failures: []
        }),
        'sf data query CallCenter': ok({ records: [{ Id: '04v000000000001AAA' }], totalSize: 1 }),
        'sf org display user': ok({ id: '005000000000009AAA', username: 'test-abc@example.com' }),
        'sf data update record': ok({ id: '005000000000009AAA', success: true }),
        'sf data tree import': ok([
            { refId: 'AcmeAccount', type: 'Account', id: '001000000000009AAA' },
            { refId: 'SamSharedContact', type: 'Contact', id: '003000000000009AAA' }
        ]),
        'sf data query AppDefinition': ok({ records: [{ DurableId: '06m000000000001AAA' }], totalSize: 1 }),
        'sf org open': ok({ url: 'https://example.my.salesforce.com/lightning/app/06m000000000001AAA' })
    };
}

/** A runner answering from `answers`; records every call. */
function fakeRunner(answers: Record<string, CommandResult>) {
    const calls: { command: string; args: string[]; stream: boolean }[] = [];
    const runner: Runner = (command, args, options = {}) => {
        calls.push({ command, args, stream: options.stream === true });
        const query = args.includes('--query')
            ? (/FROM (\w+)/.exec(args[args.indexOf('--query') + 1] ?? '')?.[1] ?? '')
            : '';
        const words = args.slice(
            0,
            Math.max(
                0,
                args.findIndex((arg) => arg.startsWith('-'))
            )
        );
        const key = [command, ...words, query].filter(Boolean).join(' ');
        const found = Object.entries(answers).find(([prefix]) => key.startsWith(prefix));
        return Promise.resolve(found ? found[1] : { status: 127, stdout: '', stderr: `no answer for ${key}` });
    };
    return { runner, calls };
}

describe('npm run setup:scratch', () => {
    it('runs every step in order with the exact commands, passing what one step finds to the next', async () => {
        const { runner, calls } = fakeRunner(orgAnswers());
        const log: string[] = [];
        const result = await setupScratchOrg(OPTIONS, runner, (line) => log.push(line));
        expect(result).toEqual({ ok: true, url: 'https://example.my.salesforce.com/lightning/app/06m000000000001AAA' });
        expect(calls.map((c) => [c.command, ...c.args].join(' '))).toEqual([
            'sf org create scratch --definition-file config/project-scratch-def.json --alias streem --set-default --duration-days 7 --wait 15 --json',
            'npm run deploy -- --target-org streem',
            `sf org assign permset --name ${PERMISSION_SET} --target-org streem --json`,
            "sf data query --query SELECT Id FROM CallCenter WHERE InternalName = 'SoftphoneBridge' --target-org streem --json",
            'sf org display user --target-org streem --json',
            'sf data update record --sobject User --record-id 005000000000009AAA --values CallCenterId=04v000000000001AAA --target-org streem --json',
            `sf data tree import --plan ${PLAN} --target-org streem --json`,
            "sf data query --query SELECT DurableId FROM AppDefinition WHERE DeveloperName = 'Streem_Softphone' --target-org streem --json",
            'sf org open --target-org streem --path lightning/app/06m000000000001AAA --url-only --json'
        ]);
        expect(PLAN).toBe('data/sample-data-plan.json');
        // The deploy streams its progress; the sf steps are read as JSON.
        expect(calls.filter((c) => c.stream).map((c) => c.command)).toEqual(['npm']);
        // Each step says what it does, then what it found.
        expect(log.filter((line) => /^\[\d\/9\]/.test(line))).toEqual(
            setupSteps().map((s, i) => `[${i + 1}/9] ${s.title}`)
        );
        expect(log).toContain('      04v000000000001AAA');
        expect(log).toContain('      2 records');
        // The login URL carries a session: the steps never print it (setup-scratch.ts prints it once, at the end).
        expect(log.some((line) => line.includes('example.my.salesforce.com'))).toBe(false);
    });

    it('passes a named Dev Hub and the duration to org create, and opens the browser without --url-only', async () => {
        const { runner, calls } = fakeRunner(orgAnswers());
        await setupScratchOrg(
            { alias: 'demo', devHub: 'hub', durationDays: 3, urlOnly: false },
            runner,
            () => undefined
        );
        expect(calls[0]?.args).toEqual(
            expect.arrayContaining(['--alias', 'demo', '--duration-days', '3', '--target-dev-hub', 'hub'])
        );
        expect(calls.at(-1)?.args).not.toContain('--url-only');
    });

    it("stops at the first failure with the step, the CLI's message and what to do; runs nothing after it", async () => {
        const answers = orgAnswers();
        answers['sf org create scratch'] = sfError(
            'No default dev hub found. Use -v or --target-dev-hub.',
            'NoDefaultDevHubError'
        );
        const { runner, calls } = fakeRunner(answers);
        const log: string[] = [];
        const result = await setupScratchOrg(OPTIONS, runner, (line) => log.push(line));
        expect(result).toEqual({
            ok: false,
            step: 1,
            title: 'Create the scratch org from config/project-scratch-def.json',
            message: 'No default dev hub found. Use -v or --target-dev-hub.',
            hint: 'Is a Dev Hub authorised? sf org login web --set-default-dev-hub --alias devhub (or pass --target-dev-hub <devhub>).'
        });
        expect(calls).toHaveLength(1);
        expect(log.at(-1)).toMatch(/^setup:scratch stopped at step 1 \(Create the scratch org/);
    });

    it('with --existing, reuses the org under the alias instead of creating another', async () => {
        const answers = orgAnswers();
        answers['sf org display'] = ok({ username: 'kept@example.com', alias: 'streem' });
        const { runner, calls } = fakeRunner(answers);
        const result = await setupScratchOrg({ ...OPTIONS, existing: true }, runner, () => undefined);
        expect(result).toMatchObject({ ok: true });
        expect(calls.some((call) => call.args.slice(0, 3).join(' ') === 'org create scratch')).toBe(false);
        expect(calls[0]?.args).toEqual(['org', 'display', '--target-org', 'streem', '--json']);
        expect(parseArgs(['--existing', '--alias', 'demo'])).toMatchObject({ existing: true, alias: 'demo' });
    });

    it('stops when the deploy fails, with the end of its output', async () => {
        const answers = orgAnswers();
        answers['npm run deploy'] = {
            status: 1,
            stdout: '',
            stderr: 'Deploy failed.\nFlexiPage Streem_Lead_Record_Page: bad'
        };
        const { runner, calls } = fakeRunner(answers);
        const result = await setupScratchOrg(OPTIONS, runner, () => undefined);
        expect(result).toMatchObject({
            ok: false,
            step: 2,
            message: 'Deploy failed.\nFlexiPage Streem_Lead_Record_Page: bad'
        });
        expect(calls).toHaveLength(2);
    });

    it('treats an existing permission set assignment as done, and any other assignment failure as a stop', async () => {
        const answers = orgAnswers();
        // The CLI exits 1 when every assignment failed, with the reasons under result.failures
        // (@salesforce/plugin-user, permset assign: setExitCode).
        const failed = (message: string): CommandResult => ({
            status: 1,
            stdout: JSON.stringify({
                status: 1,
                result: { successes: [], failures: [{ name: PERMISSION_SET, message }] },
                warnings: []
            }),
            stderr: ''
        });
        answers['sf org assign permset'] = failed('Duplicate PermissionSetAssignment');
        expect(await setupScratchOrg(OPTIONS, fakeRunner(answers).runner, () => undefined)).toMatchObject({ ok: true });
        answers['sf org assign permset'] = failed('Permission set not found in target org');
        expect(await setupScratchOrg(OPTIONS, fakeRunner(answers).runner, () => undefined)).toMatchObject({
            ok: false,
            step: 3,
            message: 'Permission set not found in target org'
        });
    });

    it('stops before touching the user when the deploy left no call center', async () => {
        const answers = orgAnswers();
        answers['sf data query CallCenter'] = ok({ records: [], totalSize: 0 });
        const { runner, calls } = fakeRunner(answers);
        const result = await setupScratchOrg(OPTIONS, runner, () => undefined);
        expect(result).toMatchObject({
            ok: false,
            step: 4,
            message: 'no CallCenter with InternalName SoftphoneBridge in the org'
        });
        expect(calls.some((c) => c.args.includes('update'))).toBe(false);
    });

    it('reads a CLI error written to stderr, and a command that is not installed', async () => {
        const answers = orgAnswers();
        answers['sf data tree import'] = {
            status: 1,
            stdout: '',
            stderr: JSON.stringify({ status: 1, message: 'Lead: REQUIRED_FIELD_MISSING Company' })
        };
        expect(await setupScratchOrg(OPTIONS, fakeRunner(answers).runner, () => undefined)).toMatchObject({
            step: 7,
            message: 'Lead: REQUIRED_FIELD_MISSING Company'
        });
        const missing: Runner = () => Promise.resolve({ status: 127, stdout: '', stderr: 'sf: spawn sf ENOENT' });
        expect(await setupScratchOrg(OPTIONS, missing, () => undefined)).toMatchObject({
            step: 1,
            message: 'sf: spawn sf ENOENT'
        });
    });

    it('parses its options and refuses unknown ones', () => {
        expect(parseArgs([])).toEqual({ alias: 'streem', durationDays: 7, urlOnly: false });
        expect(
            parseArgs(['--alias', 'demo', '--target-dev-hub', 'hub', '--duration-days', '30', '--url-only'])
        ).toEqual({
            alias: 'demo',
            devHub: 'hub',
            durationDays: 30,
            urlOnly: true
        });
        expect(() => parseArgs(['--duration-days', '31'])).toThrow('--duration-days takes 1 to 30');
        expect(() => parseArgs(['--alias'])).toThrow('--alias needs a value');
        expect(() => parseArgs(['--force'])).toThrow('unknown option --force');
    });
});
