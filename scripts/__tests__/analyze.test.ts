/** @jest-environment node */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunResults } from '@salesforce/code-analyzer-core';
import { isUsageError, parseAnalyzeArgs, parseSeverity } from '../analyze/options';
import {
    countBySeverity,
    formatEngineFailures,
    formatSummary,
    formatTable,
    judge,
    toFindings,
    type Finding
} from '../analyze/report';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const REPO_CONFIG = path.join(ROOT, 'code-analyzer.yml');

/** A finding with defaults, for the pure formatting tests. */
const finding = (overrides: Partial<Finding>): Finding => ({
    severity: 3,
    engine: 'pmd',
    rule: 'SomeRule',
    file: 'force-app/main/default/pages/A.page',
    line: 1,
    message: 'message',
    engineFailure: false,
    ...overrides
});

/** A RunResults stub holding one violation per entry; only the getters toFindings reads. */
function stubResults(
    entries: { rule: string; engine: string; severity: number; file?: string; line?: number; message: string }[]
): RunResults {
    const violations = entries.map((entry) => ({
        getRule: () => ({
            getName: () => entry.rule,
            getEngineName: () => entry.engine,
            getSeverityLevel: () => entry.severity,
            getResourceUrls: () => ['https://example.test/rule']
        }),
        getPrimaryLocation: () => ({
            getFile: () => entry.file,
            getStartLine: () => entry.line,
            getStartColumn: () => (entry.line === undefined ? undefined : 1)
        }),
        getMessage: () => entry.message,
        getResourceUrls: () => []
    }));
    return { getViolations: () => violations } as unknown as RunResults;
}

describe('analyze options', () => {
    it('defaults to Recommended + AppExchange over force-app and src, failing at High', () => {
        const options = parseAnalyzeArgs([], ROOT);
        expect(options.ruleSelectors).toEqual(['Recommended', 'AppExchange']);
        expect(options.workspace).toEqual([path.join(ROOT, 'force-app'), path.join(ROOT, 'src')]);
        expect(options.severityThreshold).toBe(2);
        expect(options.outputDir).toBe(path.join(ROOT, '.build', 'code-analyzer'));
        expect(options.configFile).toBe(REPO_CONFIG);
        expect(options.given).toEqual({ workspace: false, configFile: false });
        expect(parseAnalyzeArgs(['-w', 'x', '-c', 'y.yml'], ROOT).given).toEqual({ workspace: true, configFile: true });
    });

    it('takes repeated and comma-separated selectors, and severities by number or name', () => {
        const options = parseAnalyzeArgs(
            ['-r', 'pmd:Security', '--rule-selector', 'eslint,regex', '-t', 'moderate'],
            ROOT
        );
        expect(options.ruleSelectors).toEqual(['pmd:Security', 'eslint', 'regex']);
        expect(options.severityThreshold).toBe(3);
        expect(parseSeverity('1')).toBe(1);
        expect(parseSeverity('Info')).toBe(5);
    });

    it('rejects unknown flags and bad severities with a usable message', () => {
        let thrown: unknown;
        try {
            parseAnalyzeArgs(['--bogus'], ROOT);
        } catch (error) {
            thrown = error;
        }
        expect(isUsageError(thrown)).toBe(true);
        expect((thrown as Error).message).toMatch(/Unknown option '--bogus'[\s\S]*Usage: npm run analyze/);
        expect(() => parseSeverity('6')).toThrow(/1-5 or one of Critical, High, Moderate, Low, Info/);
    });
});

describe('analyze report', () => {
    it('flattens results into findings sorted by severity, file and line, relative to the root', () => {
        const findings = toFindings(
            stubResults([
                {
                    rule: 'Low',
                    engine: 'eslint',
                    severity: 4,
                    file: path.join(ROOT, 'src/a.ts'),
                    line: 2,
                    message: 'm'
                },
                {
                    rule: 'VfUnescapeEl',
                    engine: 'pmd',
                    severity: 2,
                    file: path.join(ROOT, 'p.page'),
                    line: 9,
                    message: 'x'
                },
                { rule: 'UninstantiableEngineError', engine: 'pmd', severity: 1, message: 'no java\nstack' }
            ]),
            ROOT
        );
        expect(findings.map((f) => [f.severity, f.rule, f.file, f.line, f.engineFailure])).toEqual([
            [1, 'UninstantiableEngineError', undefined, undefined, true],
            [2, 'VfUnescapeEl', 'p.page', 9, false],
            [4, 'Low', 'src/a.ts', 2, false]
        ]);
        expect(findings[1]?.url).toBe('https://example.test/rule');
    });

    it('fails at or above the threshold with the most severe level as exit code, like sf code-analyzer', () => {
        const findings = [finding({ severity: 2 }), finding({ severity: 3 }), finding({ severity: 1 })];
        expect(judge(findings, 2)).toEqual({ failed: true, count: 2, exitCode: 1 });
        expect(judge([finding({ severity: 3 })], 2)).toEqual({ failed: false, count: 0, exitCode: 0 });
        expect(judge([finding({ severity: 3 })], 3)).toEqual({ failed: true, count: 1, exitCode: 3 });
        expect(countBySeverity(findings)).toEqual({ 1: 1, 2: 1, 3: 1, 4: 0, 5: 0 });
        // A file an engine could not read was not checked: that fails a run that would otherwise pass.
        expect(judge([finding({ severity: 4 })], 2, 1)).toEqual({ failed: true, count: 0, exitCode: 1 });
        expect(judge(findings, 2, 1).exitCode).toBe(1);
    });

    it('prints an aligned table with file:line and only the first message line', () => {
        const table = formatTable([
            finding({ severity: 2, rule: 'VfUnescapeEl', line: 12, message: 'Avoid unescaped EL\nmore' }),
            finding({ severity: 1, engine: 'cpd', rule: 'UninstantiableEngineError', file: undefined, message: 'x' })
        ]);
        const lines = table.split('\n');
        expect(lines[0]).toMatch(/^Severity\s+Engine\s+Rule\s+Location\s+Message$/);
        expect(lines[2]).toMatch(/^2 High\s+pmd\s+VfUnescapeEl\s+/);
        expect(lines[2]).toContain('force-app/main/default/pages/A.page:12  Avoid unescaped EL');
        expect(lines[2]).not.toContain('more');
        expect(lines[3]).toContain('(engine)');
        const long = formatTable([finding({ file: `${'deep/'.repeat(30)}X.messageChannel-meta.xml`, line: 11 })]);
        const cell = long.split('\n')[2]?.split(/\s{2,}/)[3] ?? '';
        expect(cell).toMatch(/^….*\/X\.messageChannel-meta\.xml:11$/);
        expect(cell).toHaveLength(72);
        // Every row starts its Location column at the same offset.
        const offset = lines[0]?.indexOf('Location');
        expect(lines.slice(2).every((line) => line[(offset ?? 0) - 1] === ' ')).toBe(true);
    });

    it('summarises counts, engines, timings and the verdict', () => {
        const summary = formatSummary({
            findings: [finding({ severity: 4 })],
            engines: [{ engine: 'pmd', rulesSelected: 20, findings: 1, seconds: 4.25 }],
            filesAnalyzed: 7,
            threshold: 2,
            engineErrors: 0,
            timings: { loading: 2, setup: 0.1, selection: 1.3, analysis: 9, total: 12.4 },
            outputs: ['.build/code-analyzer/results.json']
        });
        expect(summary).toContain('Findings: 1 in 7 files analyzed: 0 Critical, 0 High, 0 Moderate, 1 Low, 0 Info');
        expect(summary).toContain('pmd 1 (20 rules, 4.3 s)');
        expect(summary).toContain('Time: 12.4 s');
        expect(summary.split('\n').pop()).toBe('PASS: nothing at or above High (2).');
    });

    it('explains an engine that could not start without its stack, and how to get Java once', () => {
        const message = "The engine with name 'pmd' could not be instantiated. Error: Could not locate Java v11.0.0+.";
        const text = formatEngineFailures([
            finding({
                severity: 1,
                engine: 'pmd',
                rule: 'UninstantiableEngineError',
                engineFailure: true,
                message: `${message}\n    at x (y.ts:1:1)`
            }),
            finding({ severity: 1, engine: 'cpd', rule: 'UninstantiableEngineError', engineFailure: true, message })
        ]);
        expect(text).toContain(`Engine "pmd" could not run:\n${message}`);
        expect(text).not.toContain('y.ts');
        expect(text.match(/need Java 11 or newer/g)).toHaveLength(1);
        expect(formatEngineFailures([finding({})])).toBe('');
    });

    it('fails a run without findings when an engine reported errors', () => {
        const summary = formatSummary({
            findings: [],
            engines: [],
            filesAnalyzed: 1,
            threshold: 2,
            engineErrors: 2,
            timings: { loading: 0, setup: 0, selection: 0, analysis: 0, total: 0 },
            outputs: []
        });
        expect(summary).toContain('Engine errors: 2 engine errors, so some files were not fully analyzed');
        expect(summary.split('\n').pop()).toBe('FAIL: nothing at or above High (2), but 2 engine errors.');
    });
});

/** Runs `tsx scripts/analyze.ts` as `npm run analyze` would; resolves with its exit code and output. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        execFile(
            TSX,
            [path.join(ROOT, 'scripts', 'analyze.ts'), ...args],
            { cwd: ROOT, maxBuffer: 16 << 20 },
            (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
        );
    });
}

function write(root: string, file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
}

// End to end through the real engines (PMD starts a JVM): about 10-20 s on two cores.
describe('npm run analyze on a fixture', () => {
    let dir: string;
    let configFile: string;
    const PAGE = 'force-app/main/default/pages/Planted.page';

    beforeAll(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'analyze-test-'));
        // The repo's own ignores and engine settings, minus the project ESLint config (its globs and TypeScript
        // project are the repo's), so Code Analyzer's built-in LWC/JS rules apply to the fixture.
        configFile = path.join(dir, 'code-analyzer.yml');
        // CPD (a second JVM) has nothing planted and only adds start-up time.
        const config = fs
            .readFileSync(REPO_CONFIG, 'utf8')
            .replace(/^\s*eslint_config_file:.*$/m, '')
            .replace(/^engines:\n/m, 'engines:\n  cpd:\n    disable_engine: true\n');
        fs.writeFileSync(configFile, config);
        write(
            dir,
            PAGE,
            [
                '<apex:page showHeader="false">',
                '    <script>',
                "        var target = '{!$CurrentPage.parameters.target}';",
                '    </script>',
                '</apex:page>',
                ''
            ].join('\n')
        );
        write(dir, 'src/render.js', 'export function render(element, html) {\n    element.innerHTML = html;\n}\n');
        // Planted where the config says not to look: a test folder and LWC build output.
        write(
            dir,
            'force-app/main/default/pages/__tests__/Ignored.page',
            fs.readFileSync(path.join(dir, PAGE), 'utf8')
        );
        write(dir, 'force-app/main/default/lwc/built/built.js', 'export const x = (e, h) => { e.innerHTML = h; };\n');
    });

    afterAll(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it('reports the planted Visualforce and LWC violations, skips ignored files, writes JSON and SARIF, exits non-zero', async () => {
        const out = path.join(dir, 'out');
        const { code, stdout, stderr } = await runCli([
            '--workspace',
            path.join(dir, 'force-app'),
            '--workspace',
            path.join(dir, 'src'),
            '--config-file',
            configFile,
            '--output-dir',
            out,
            '--rule-selector',
            'Recommended'
        ]);
        expect(stderr).not.toMatch(/could not run/);
        expect(code).toBe(2);
        expect(stdout).toMatch(new RegExp(`2 High\\s+pmd\\s+VfUnescapeEl\\s+\\S*${PAGE}:3 `));
        expect(stdout).toMatch(/2 High\s+eslint\s+@lwc\/lwc\/no-inner-html\s+\S*src\/render\.js:2 /);
        expect(stdout).not.toContain('Ignored.page');
        expect(stdout).not.toContain('built.js');
        expect(stdout).toMatch(/FAIL: 2 findings at or above High \(2\)\./);

        const json = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as {
            violations: { rule: string; locations: { file: string; startLine: number }[] }[];
        };
        expect(json.violations.map((v) => v.rule).sort()).toEqual(['@lwc/lwc/no-inner-html', 'VfUnescapeEl']);
        const sarif = JSON.parse(fs.readFileSync(path.join(out, 'results.sarif'), 'utf8')) as { version: string };
        expect(sarif.version).toBe('2.1.0');
        expect(fs.existsSync(path.join(out, 'results.html'))).toBe(true);
    }, 120_000);

    it('says how to get Java when PMD cannot start, and fails', async () => {
        const noJava = path.join(dir, 'no-java.yml');
        // Only PMD: the other engines would just add start-up time.
        const others = ['eslint', 'cpd', 'regex', 'retire-js']
            .map((e) => `  ${e}:\n    disable_engine: true\n`)
            .join('');
        fs.writeFileSync(noJava, `engines:\n  pmd:\n    java_command: /nonexistent/bin/java\n${others}`);
        const { code, stderr, stdout } = await runCli([
            '--workspace',
            path.join(dir, 'force-app'),
            '--config-file',
            noJava,
            '--output-dir',
            path.join(dir, 'out-no-java'),
            '--rule-selector',
            'pmd:VfUnescapeEl'
        ]);
        expect(code).toBe(1);
        expect(stderr).toContain('Engine "pmd" could not run');
        expect(stderr).toContain('PMD and CPD need Java 11 or newer');
        expect(stdout).toContain('Engines that could not run: pmd');
    }, 120_000);
});
