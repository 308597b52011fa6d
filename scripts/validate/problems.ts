/** What every validate check reports: one problem a developer can find and fix. */

/** Which part of validate found the problem (the report groups by it). */
export type CheckName = 'package' | 'schema' | 'lwc';

/** Errors fail `npm run validate`; warnings are printed but do not. */
export type Severity = 'error' | 'warning';

export interface Problem {
    severity: Severity;
    check: CheckName;
    /** Path relative to the project root, with forward slashes. */
    file: string;
    /** 1-based line in `file`, when known. */
    line?: number;
    /** Element path inside an XML file, e.g. `CallCenter.sections[1].items[0].vaule`. */
    path?: string;
    message: string;
}

/** Builds problems for one file and one check, so call sites stay short. */
export interface ProblemSink {
    error(message: string, where?: { line?: number; path?: string }): void;
    warning(message: string, where?: { line?: number; path?: string }): void;
    readonly problems: Problem[];
}

/** A sink that collects problems of `check` about `file`. */
export function problemSink(check: CheckName, file: string, problems: Problem[] = []): ProblemSink {
    const add = (severity: Severity, message: string, where: { line?: number; path?: string } = {}): void => {
        const problem: Problem = { severity, check, file, message };
        if (where.line !== undefined) problem.line = where.line;
        if (where.path !== undefined) problem.path = where.path;
        problems.push(problem);
    };
    return {
        error: (message, where) => add('error', message, where),
        warning: (message, where) => add('warning', message, where),
        problems
    };
}

/** Counts problems by severity. */
export function countProblems(problems: readonly Problem[]): { errors: number; warnings: number } {
    let errors = 0;
    for (const problem of problems) if (problem.severity === 'error') errors++;
    return { errors, warnings: problems.length - errors };
}
