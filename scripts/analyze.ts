/**
 * `npm run analyze`: Salesforce Code Analyzer over what the package ships (force-app/ and src/), offline.
 *
 * Same engines, rules and config file (code-analyzer.yml) as `sf code-analyzer run`, driven through
 * @salesforce/code-analyzer-core because the sf plugin cannot be installed here. Prints a table and a summary, writes
 * results.json, results.sarif and results.html (the report AppExchange security review asks for) to
 * .build/code-analyzer/, and exits non-zero when a finding is at or above --severity-threshold (default 2, High).
 * `npm run analyze -- --help` lists the options.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OutputFormat } from '@salesforce/code-analyzer-core';
import { loadConfig, LogLevel, runAnalyzer, type LogLine } from './analyze/analyzer';
import { isUsageError, parseAnalyzeArgs, USAGE, usageError, type AnalyzeOptions } from './analyze/options';
import {
    displayPath,
    formatEngineFailures,
    formatSummary,
    formatTable,
    judge,
    toFindings,
    type EngineStat
} from './analyze/report';
import { ROOT } from './lib/paths';

const OUTPUTS: readonly { file: string; format: OutputFormat }[] = [
    { file: 'results.json', format: OutputFormat.JSON },
    { file: 'results.sarif', format: OutputFormat.SARIF },
    { file: 'results.html', format: OutputFormat.HTML }
];
const LOG_FILE = 'code-analyzer.log';
const LEVEL_NAMES: Readonly<Record<number, string>> = { 1: 'error', 2: 'warn', 3: 'info', 4: 'debug', 5: 'fine' };

/** The sf CLI command this run stands for, so it can be repeated wherever the plugin installs. */
function equivalentSfCommand(options: AnalyzeOptions): string {
    const rel = (file: string): string => displayPath(file, ROOT);
    return [
        'sf code-analyzer run',
        ...options.workspace.map((entry) => `--workspace ${rel(entry)}`),
        ...options.ruleSelectors.map((selector) => `--rule-selector ${selector}`),
        `--severity-threshold ${options.severityThreshold}`,
        `--config-file ${rel(options.configFile)}`
    ].join(' ');
}

async function main(): Promise<number> {
    // performance.now() counts from process start, so this is the time spent loading Node, tsx and the engines.
    const loading = performance.now() / 1000;
    const options = parseAnalyzeArgs(process.argv.slice(2), ROOT);
    if (options.help) {
        console.log(USAGE);
        return 0;
    }
    const missing = options.workspace.filter((entry) => !fs.existsSync(entry));
    const show = (files: readonly string[]): string => files.map((file) => displayPath(file, ROOT)).join(', ');
    if (missing.length > 0 && (options.given.workspace || missing.length === options.workspace.length)) {
        throw usageError(`Nothing to analyze at ${show(missing)}: not found.`);
    }
    options.workspace = options.workspace.filter((entry) => !missing.includes(entry));
    const configExists = fs.existsSync(options.configFile);
    if (!configExists && options.given.configFile) {
        throw usageError(`Config file ${displayPath(options.configFile, ROOT)} not found.`);
    }

    // Results name files relative to the working directory, as the sf CLI does; run from the repo root.
    process.chdir(ROOT);
    console.log(`Code Analyzer (offline, core library): ${equivalentSfCommand(options)}`);
    if (!configExists) console.log(`(no ${displayPath(options.configFile, ROOT)}: using Code Analyzer's defaults)`);
    if (missing.length > 0) console.log(`(${show(missing)} not found: skipped)`);

    fs.mkdirSync(options.outputDir, { recursive: true });
    const logLines: string[] = [];
    let engineErrors = 0;
    const onLog = (line: LogLine): void => {
        const level = LEVEL_NAMES[line.level] ?? String(line.level);
        logLines.push(`[${level}] ${line.source}: ${line.message}`);
        // Core's own errors are engines failing to start: they come back as Critical findings, explained once below.
        if (line.level === LogLevel.Error && line.source === 'core') return;
        if (line.level === LogLevel.Error) engineErrors += 1;
        // Errors and warnings matter in CI (an unparsable file is a file not analyzed); the rest goes to the log file.
        if (line.level <= LogLevel.Warn) console.error(`[${level}] ${line.source}: ${line.message}`);
    };

    const analyze = () =>
        runAnalyzer({
            config: loadConfig(options.configFile),
            workspace: options.workspace,
            ruleSelectors: options.ruleSelectors,
            onLog,
            onSelected: (selection, files) => {
                const perEngine = selection.getEngineNames().map((e) => `${e} ${selection.getRulesFor(e).length}`);
                if (perEngine.length === 0) perEngine.push('no engine has a matching rule');
                console.log(
                    `Analyzing ${files.length} files with ${selection.getCount()} rules (${perEngine.join(', ')})…`
                );
            }
        });
    let run;
    try {
        run = await analyze();
        if (engineErrors > 0) {
            // An engine that fails while processing a file has not judged it. PMD does so now and then on a file
            // it analyzes cleanly the next time (seen here: a ConcurrentModificationException inside PMD on
            // SoftphoneAdapter.page, once in six runs), so it gets one more whole run; an error that recurs fails.
            console.error(`\n${engineErrors} engine error(s) in the first run: analyzing everything once more.\n`);
            logLines.push('--- second run (the first had engine errors) ---');
            engineErrors = 0;
            run = await analyze();
        }
        logLines.push(
            `Analyzed ${run.files.length} files:`,
            ...run.files.map((file) => `  ${displayPath(file, ROOT)}`)
        );
    } finally {
        fs.writeFileSync(path.join(options.outputDir, LOG_FILE), `${logLines.join('\n')}\n`);
    }

    const outputs = OUTPUTS.map(({ file, format }) => {
        const target = path.join(options.outputDir, file);
        fs.writeFileSync(target, run.results.toFormattedOutput(format));
        return displayPath(target, ROOT);
    });

    const findings = toFindings(run.results, ROOT);
    const failures = formatEngineFailures(findings);
    if (failures) console.error(`\n${failures}`);
    const engineNames = [...new Set([...run.selection.getEngineNames(), ...run.results.getEngineNames()])].sort();
    const engines: EngineStat[] = engineNames.map((engine) => ({
        engine,
        rulesSelected: run.selection.getEngineNames().includes(engine) ? run.selection.getRulesFor(engine).length : 0,
        findings: findings.filter((finding) => finding.engine === engine).length,
        seconds: run.engineSeconds.get(engine)
    }));

    console.log(findings.length > 0 ? `\n${formatTable(findings)}\n` : '\nNo findings.\n');
    console.log(
        formatSummary({
            findings,
            engines,
            filesAnalyzed: run.files.length,
            threshold: options.severityThreshold,
            engineErrors,
            timings: { ...run.timings, loading, total: performance.now() / 1000 },
            outputs: [...outputs, displayPath(path.join(options.outputDir, LOG_FILE), ROOT)]
        })
    );
    return judge(findings, options.severityThreshold, engineErrors).exitCode;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        if (isUsageError(error)) {
            console.error(error.message);
        } else {
            console.error(`analyze failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
        process.exitCode = 1;
    }
);
