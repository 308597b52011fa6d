/**
 * Command-line options of `npm run analyze`, named after `sf code-analyzer run`'s flags so the two read alike.
 * Pure: no Code Analyzer imports, so tests load it instantly.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

/** Code Analyzer's severity levels: 1 Critical … 5 Info (the numbers of its `SeverityLevel` enum). */
export type Severity = 1 | 2 | 3 | 4 | 5;

export const SEVERITY_NAMES: Readonly<Record<Severity, string>> = {
    1: 'Critical',
    2: 'High',
    3: 'Moderate',
    4: 'Low',
    5: 'Info'
};

/**
 * `Recommended` is the CLI's default selection; `AppExchange` adds the security-review rules (the Visualforce resource
 * loading rules and every XML metadata rule, such as AvoidLmcIsExposedTrue) that `Recommended` leaves out. Together they
 * cover the selection Salesforce documents for AppExchange reports (`AppExchange` + `Recommended:Security`).
 */
export const DEFAULT_RULE_SELECTORS: readonly string[] = ['Recommended', 'AppExchange'];
/** What ships: the package directory and the TypeScript bundled into its static resources. */
export const DEFAULT_WORKSPACE: readonly string[] = ['force-app', 'src'];
export const DEFAULT_SEVERITY_THRESHOLD: Severity = 2;
export const DEFAULT_CONFIG_FILE = 'code-analyzer.yml';
export const DEFAULT_OUTPUT_DIR = path.join('.build', 'code-analyzer');

/** Resolved options; paths are absolute. */
export interface AnalyzeOptions {
    ruleSelectors: string[];
    severityThreshold: Severity;
    /** Files and folders to analyze. */
    workspace: string[];
    configFile: string;
    outputDir: string;
    /** Which of the paths were given on the command line (a missing one is then an error, not a default to skip). */
    given: { workspace: boolean; configFile: boolean };
    help: boolean;
}

/** A bad command line: the message says what to type instead. */
export type UsageError = Error & { name: 'UsageError' };

// A factory and a guard, not a class: the LWC Jest transformer adds an `lwc` import to every module that declares a
// class, and that import needs a DOM, which node-environment suites do not have.
/** Creates a UsageError. */
export function usageError(message: string): UsageError {
    return Object.assign(new Error(message), { name: 'UsageError' as const });
}

/** True for errors made by usageError. */
export function isUsageError(error: unknown): error is UsageError {
    return error instanceof Error && error.name === 'UsageError';
}

export const USAGE = `Usage: npm run analyze -- [options]

Runs Salesforce Code Analyzer (eslint, pmd, cpd, regex, retire-js engines) offline through
@salesforce/code-analyzer-core, configured by code-analyzer.yml, and fails on findings at or
above the severity threshold.

Options:
  -r, --rule-selector <selector>   Rules to run; repeat to add more (default: ${DEFAULT_RULE_SELECTORS.join(', ')}).
                                   Same syntax as sf code-analyzer: engine, tag, severity or rule name;
                                   "a:b" intersects, e.g. pmd:Security.
  -t, --severity-threshold <level> Fail when a finding is this severe or worse: 1-5 or
                                   Critical|High|Moderate|Low|Info (default: ${DEFAULT_SEVERITY_THRESHOLD}, High).
  -w, --workspace <path>           File or folder to analyze; repeat for more (default: ${DEFAULT_WORKSPACE.join(', ')}).
  -c, --config-file <path>         Code Analyzer config (default: ${DEFAULT_CONFIG_FILE}).
  -o, --output-dir <path>          Where results.json, results.sarif and results.html go
                                   (default: ${DEFAULT_OUTPUT_DIR}).
  -h, --help                       Show this help.`;

/** Parses a severity given as a number (1-5) or a level name, case-insensitively. */
export function parseSeverity(value: string): Severity {
    const trimmed = value.trim();
    const asNumber = Number(trimmed);
    if (Number.isInteger(asNumber) && asNumber >= 1 && asNumber <= 5) return asNumber as Severity;
    for (const [level, name] of Object.entries(SEVERITY_NAMES)) {
        if (name.toLowerCase() === trimmed.toLowerCase()) return Number(level) as Severity;
    }
    throw usageError(
        `--severity-threshold "${value}" is not a severity: use 1-5 or one of ${Object.values(SEVERITY_NAMES).join(', ')}.`
    );
}

/** Parses `process.argv.slice(2)`; relative paths resolve against `root`. Throws UsageError on a bad command line. */
export function parseAnalyzeArgs(argv: readonly string[], root: string): AnalyzeOptions {
    let values;
    try {
        ({ values } = parseArgs({
            args: [...argv],
            allowPositionals: false,
            strict: true,
            options: {
                'rule-selector': { type: 'string', short: 'r', multiple: true },
                'severity-threshold': { type: 'string', short: 't' },
                workspace: { type: 'string', short: 'w', multiple: true },
                'config-file': { type: 'string', short: 'c' },
                'output-dir': { type: 'string', short: 'o' },
                help: { type: 'boolean', short: 'h' }
            }
        }));
    } catch (error) {
        throw usageError(`${(error as Error).message}\n\n${USAGE}`);
    }
    const ruleSelectors = (values['rule-selector'] ?? [...DEFAULT_RULE_SELECTORS])
        .flatMap((selector) => selector.split(','))
        .map((selector) => selector.trim())
        .filter((selector) => selector.length > 0);
    if (ruleSelectors.length === 0) throw usageError('--rule-selector needs a value, e.g. Recommended.');
    const threshold = values['severity-threshold'];
    return {
        ruleSelectors,
        severityThreshold: threshold === undefined ? DEFAULT_SEVERITY_THRESHOLD : parseSeverity(threshold),
        workspace: (values.workspace ?? [...DEFAULT_WORKSPACE]).map((entry) => path.resolve(root, entry)),
        configFile: path.resolve(root, values['config-file'] ?? DEFAULT_CONFIG_FILE),
        outputDir: path.resolve(root, values['output-dir'] ?? DEFAULT_OUTPUT_DIR),
        given: { workspace: values.workspace !== undefined, configFile: values['config-file'] !== undefined },
        help: values.help ?? false
    };
}
