/**
 * Drives Salesforce Code Analyzer through its core library the way `sf code-analyzer run` does (plugin-code-analyzer's
 * RunAction): config → CodeAnalyzer → engine plugins → workspace → selectRules → run. Used because the sf plugin cannot
 * be installed offline; the engines, their rules and the config file are the same.
 */
import fs from 'node:fs';
import {
    CodeAnalyzer,
    CodeAnalyzerConfig,
    EventType,
    LogLevel,
    type EngineLogEvent,
    type EngineResultsEvent,
    type LogEvent,
    type RuleSelection,
    type RunResults
} from '@salesforce/code-analyzer-core';
import * as EslintEngine from '@salesforce/code-analyzer-eslint-engine';
import * as PmdEngine from '@salesforce/code-analyzer-pmd-engine';
import * as RegexEngine from '@salesforce/code-analyzer-regex-engine';
import * as RetireJsEngine from '@salesforce/code-analyzer-retirejs-engine';

/**
 * The engines of the sf plugin that apply to this package (no Apex, no Flows). The plugin also bundles flow, sfge,
 * apexguru and uibundle; those are not installed here and have nothing to analyze in this package.
 * Each engine package pins its own copy of the engine API; core only checks the API version number (1.0 for all).
 */
type EnginePlugin = Parameters<CodeAnalyzer['addEnginePlugin']>[0];
const ENGINE_PLUGINS: readonly (() => EnginePlugin)[] = [
    () => EslintEngine.createEnginePlugin(),
    () => PmdEngine.createEnginePlugin(),
    () => RetireJsEngine.createEnginePlugin(),
    () => RegexEngine.createEnginePlugin()
];

/** One log line from core or an engine. */
export interface LogLine {
    level: LogLevel;
    source: string;
    message: string;
}

/** What an analysis produced, with the figures the summary needs. */
export interface AnalyzerRun {
    results: RunResults;
    selection: RuleSelection;
    /** Absolute paths of the files the engines analyzed (workspace minus built-in and configured ignores). */
    files: string[];
    /** Seconds each engine took, from the start of `run` until it reported results. */
    engineSeconds: Map<string, number>;
    timings: { setup: number; selection: number; analysis: number };
}

/** Inputs of one analysis. */
export interface AnalyzerInput {
    config: CodeAnalyzerConfig;
    /** Absolute files and folders to analyze. */
    workspace: string[];
    ruleSelectors: string[];
    /** Receives every log line (core and engines) as it happens. */
    onLog?: (line: LogLine) => void;
    /** Called once the rules are selected, before the (slow) run starts. */
    onSelected?: (selection: RuleSelection, files: readonly string[]) => void;
}

/** Loads the config file, or Code Analyzer's defaults when the file does not exist. */
export function loadConfig(configFile: string): CodeAnalyzerConfig {
    return fs.existsSync(configFile) ? CodeAnalyzerConfig.fromFile(configFile) : CodeAnalyzerConfig.withDefaults();
}

const secondsSince = (start: number): number => (performance.now() - start) / 1000;

/** Runs the selected rules over the workspace. Engine failures come back as Critical results, as in the sf CLI. */
export async function runAnalyzer(input: AnalyzerInput): Promise<AnalyzerRun> {
    const setupStart = performance.now();
    const core = new CodeAnalyzer(input.config);
    const log = input.onLog ?? (() => undefined);
    core.onEvent(EventType.LogEvent, (event: LogEvent) =>
        log({ level: event.logLevel, source: 'core', message: event.message })
    );
    core.onEvent(EventType.EngineLogEvent, (event: EngineLogEvent) =>
        log({ level: event.logLevel, source: event.engineName, message: event.message })
    );
    await Promise.all(ENGINE_PLUGINS.map((create) => core.addEnginePlugin(create())));
    const workspace = await core.createWorkspace(input.workspace);
    const files = await workspace.getTargetedFiles();
    const setup = secondsSince(setupStart);

    const selectionStart = performance.now();
    const selection = await core.selectRules(input.ruleSelectors, { workspace });
    const selectionSeconds = secondsSince(selectionStart);
    input.onSelected?.(selection, files);

    const runStart = performance.now();
    const engineSeconds = new Map<string, number>();
    core.onEvent(EventType.EngineResultsEvent, (event: EngineResultsEvent) =>
        engineSeconds.set(event.results.getEngineName(), secondsSince(runStart))
    );
    const results = await core.run(selection, { workspace });
    return {
        results,
        selection,
        files,
        engineSeconds,
        timings: { setup, selection: selectionSeconds, analysis: secondsSince(runStart) }
    };
}

export { LogLevel };
