/**
 * Turns Code Analyzer results into the terminal table, the summary and the pass/fail verdict.
 * Pure: it only reads the results' getters (type imports), so it is tested on plain stubs.
 */
import path from 'node:path';
import type { RunResults } from '@salesforce/code-analyzer-core';
import { SEVERITY_NAMES, type Severity } from './options';

/** Rule names Code Analyzer core gives the synthetic violation it reports when an engine could not start or crashed. */
export const ENGINE_FAILURE_RULES: ReadonlySet<string> = new Set([
    'UninstantiableEngineError',
    'UnexpectedEngineError'
]);

/** Engines that need a Java runtime (both come from the PMD engine package). */
const JAVA_ENGINES: ReadonlySet<string> = new Set(['pmd', 'cpd']);

export const JAVA_HINT =
    'PMD and CPD need Java 11 or newer. They use engines.<name>.java_command from code-analyzer.yml if set, else ' +
    '$JAVA_HOME/bin/java (or $JRE_HOME, $JDK_HOME), else `java` on PATH. Install one (Debian/Ubuntu: ' +
    'apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17) and put it on PATH or set JAVA_HOME. ' +
    'Setting engines.pmd.disable_engine and engines.cpd.disable_engine to true skips them, and with them every ' +
    'Visualforce and metadata XML rule.';

/** One violation, flattened for display. */
export interface Finding {
    severity: Severity;
    engine: string;
    rule: string;
    /** Path relative to the repository root (absolute when outside it); undefined for engine failures. */
    file?: string;
    line?: number;
    column?: number;
    message: string;
    /** First documentation link of the rule, when the engine gives one. */
    url?: string;
    /** True for core's "engine could not run" pseudo-violation. */
    engineFailure: boolean;
}

/** Per-engine figures for the summary. */
export interface EngineStat {
    engine: string;
    rulesSelected: number;
    findings: number;
    /** Seconds from the start of the analysis until the engine reported its results. */
    seconds?: number;
}

/** Everything the summary prints. */
export interface RunSummary {
    findings: readonly Finding[];
    engines: readonly EngineStat[];
    filesAnalyzed: number;
    threshold: Severity;
    /** Error-level messages from engines (e.g. a file ESLint could not parse): each means something went unanalyzed. */
    engineErrors: number;
    /** Seconds: loading the engine packages, creating engines and workspace, selecting rules, running them, and all. */
    timings: { loading: number; setup: number; selection: number; analysis: number; total: number };
    outputs: readonly string[];
}

/** Outcome of the threshold check, mirroring `sf code-analyzer run --severity-threshold`. */
export interface Verdict {
    failed: boolean;
    /** Findings at or above the threshold. */
    count: number;
    /** Process exit code: 0, or like the sf CLI the most severe level found at or above the threshold. */
    exitCode: number;
}

const toSeverity = (value: number): Severity => (value >= 1 && value <= 5 ? (Math.round(value) as Severity) : 1);

/** Flattens the core's results into findings sorted by severity, file, line, then rule. */
export function toFindings(results: RunResults, root: string): Finding[] {
    const findings = results.getViolations().map((violation): Finding => {
        const rule = violation.getRule();
        const location = violation.getPrimaryLocation();
        const file = location.getFile();
        const url = violation.getResourceUrls()[0] ?? rule.getResourceUrls()[0];
        return {
            severity: toSeverity(rule.getSeverityLevel()),
            engine: rule.getEngineName(),
            rule: rule.getName(),
            file: file === undefined ? undefined : displayPath(file, root),
            line: location.getStartLine(),
            column: location.getStartColumn(),
            message: violation.getMessage(),
            url,
            engineFailure: ENGINE_FAILURE_RULES.has(rule.getName())
        };
    });
    return findings.sort(
        (a, b) =>
            a.severity - b.severity ||
            (a.file ?? '').localeCompare(b.file ?? '') ||
            (a.line ?? 0) - (b.line ?? 0) ||
            a.rule.localeCompare(b.rule)
    );
}

/** A path relative to root when it is inside root, with forward slashes so output is the same on every OS. */
export function displayPath(file: string, root: string): string {
    const relative = path.relative(root, file);
    const shown = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
    return shown.split(path.sep).join('/');
}

/** Number of findings per severity level. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
    const counts: Record<Severity, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
    for (const finding of findings) counts[finding.severity] += 1;
    return counts;
}

/**
 * Fails when any finding is at the threshold or more severe (a lower number), or when an engine reported errors: a file
 * an engine could not read is a file nobody checked, so the run cannot pass (exit 1 then, unless findings already fail).
 */
export function judge(findings: readonly Finding[], threshold: Severity, engineErrors = 0): Verdict {
    const exceeding = findings.filter((finding) => finding.severity <= threshold);
    if (exceeding.length > 0) {
        return { failed: true, count: exceeding.length, exitCode: Math.min(...exceeding.map((f) => f.severity)) };
    }
    return { failed: engineErrors > 0, count: 0, exitCode: engineErrors > 0 ? 1 : 0 };
}

const MAX_RULE_WIDTH = 48;
const MAX_LOCATION_WIDTH = 72;
const MAX_MESSAGE_LENGTH = 160;

const clip = (text: string, width: number): string => (text.length <= width ? text : `${text.slice(0, width - 1)}…`);
/** Clips a location from the left, so the file name and line number stay visible. */
const clipStart = (text: string, width: number): string =>
    text.length <= width ? text : `…${text.slice(-(width - 1))}`;

/** "file:line" of a finding, or "(engine)" for an engine failure that has no location. */
export function locationOf(finding: Finding): string {
    if (finding.file === undefined) return '(engine)';
    return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
}

/** The findings as an aligned text table; the message column shows the first line only (the JSON has it all). */
export function formatTable(findings: readonly Finding[]): string {
    const rows = findings.map((finding) => [
        `${finding.severity} ${SEVERITY_NAMES[finding.severity]}`,
        finding.engine,
        clip(finding.rule, MAX_RULE_WIDTH),
        clipStart(locationOf(finding), MAX_LOCATION_WIDTH),
        clip((finding.message.split('\n')[0] ?? '').trim(), MAX_MESSAGE_LENGTH)
    ]);
    const header = ['Severity', 'Engine', 'Rule', 'Location', 'Message'];
    const widths = header.map((title, column) =>
        Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length))
    );
    const line = (cells: readonly string[]): string =>
        cells
            .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
            .join('  ')
            .trimEnd();
    return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/**
 * Explains engines that could not run: core's message without its stack trace, then, once, how to get Java when
 * that is the cause. Empty when every engine ran.
 */
export function formatEngineFailures(findings: readonly Finding[]): string {
    const failures = findings.filter((finding) => finding.engineFailure);
    if (failures.length === 0) return '';
    const blocks = failures.map((failure) => {
        const message = failure.message
            .split('\n')
            .filter((line) => !/^\s+at /.test(line))
            .join('\n')
            .trim();
        return `Engine "${failure.engine}" could not run:\n${message}`;
    });
    const needsJava = failures.some((failure) => JAVA_ENGINES.has(failure.engine) && /java/i.test(failure.message));
    return [...blocks, ...(needsJava ? [JAVA_HINT] : [])].join('\n\n');
}

const seconds = (value: number): string => `${value.toFixed(1)} s`;

/** The summary block printed after the table, ending with the PASS/FAIL line. */
export function formatSummary(summary: RunSummary): string {
    const counts = countBySeverity(summary.findings);
    const bySeverity = ([1, 2, 3, 4, 5] as const)
        .map((level) => `${counts[level]} ${SEVERITY_NAMES[level]}`)
        .join(', ');
    const engines = summary.engines
        .map((stat) => {
            const time = stat.seconds === undefined ? '' : `, ${seconds(stat.seconds)}`;
            return `${stat.engine} ${stat.findings} (${stat.rulesSelected} rules${time})`;
        })
        .join('; ');
    const { timings } = summary;
    const verdict = judge(summary.findings, summary.threshold, summary.engineErrors);
    const thresholdName = `${SEVERITY_NAMES[summary.threshold]} (${summary.threshold})`;
    const failures = summary.findings.filter((finding) => finding.engineFailure).map((finding) => finding.engine);
    const lines = [
        `Findings: ${summary.findings.length} in ${summary.filesAnalyzed} files analyzed: ${bySeverity}`,
        `Engines: ${engines || 'none selected'}`,
        `Time: ${seconds(timings.total)} (loading ${seconds(timings.loading)}, setup ${seconds(timings.setup)}, rule selection ${seconds(timings.selection)}, analysis ${seconds(timings.analysis)})`
    ];
    if (summary.outputs.length > 0) lines.push(`Results: ${summary.outputs.join(', ')}`);
    if (failures.length > 0)
        lines.push(`Engines that could not run: ${[...new Set(failures)].join(', ')} (see above).`);
    const errors = `${summary.engineErrors} engine error${summary.engineErrors === 1 ? '' : 's'}`;
    if (summary.engineErrors > 0)
        lines.push(`Engine errors: ${errors}, so some files were not fully analyzed (see above).`);
    if (verdict.count > 0) {
        lines.push(`FAIL: ${verdict.count} finding${verdict.count === 1 ? '' : 's'} at or above ${thresholdName}.`);
    } else if (verdict.failed) {
        lines.push(`FAIL: nothing at or above ${thresholdName}, but ${errors}.`);
    } else {
        lines.push(`PASS: nothing at or above ${thresholdName}.`);
    }
    return lines.join('\n');
}
