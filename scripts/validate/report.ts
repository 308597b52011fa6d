/** The human-readable validate report: problems grouped by check, then by file. */
import { countProblems, type CheckName, type Problem } from './problems';

const CHECK_TITLES: Record<CheckName, string> = {
    package: 'Package shape (sf project convert source)',
    schema: 'Metadata files (@salesforce/types schema, references)',
    lwc: 'LWC compile and references (@lwc/compiler)'
};
const CHECK_ORDER: CheckName[] = ['package', 'schema', 'lwc'];

export interface ReportStats {
    files: number;
    durationMs: number;
}

/** Formats `problems` as a grouped report ending in a one-line summary. */
export function formatReport(problems: readonly Problem[], stats: ReportStats): string {
    const lines: string[] = [];
    for (const check of CHECK_ORDER) {
        const inCheck = problems.filter((problem) => problem.check === check);
        if (inCheck.length === 0) continue;
        const { errors, warnings } = countProblems(inCheck);
        lines.push(
            `${CHECK_TITLES[check]}: ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`
        );
        const byFile = new Map<string, Problem[]>();
        for (const problem of inCheck) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
        for (const file of [...byFile.keys()].sort()) {
            lines.push(`  ${file}`);
            const sorted = (byFile.get(file) ?? []).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
            for (const problem of sorted) {
                const where = problem.line !== undefined ? `:${problem.line}` : '';
                const path = problem.path ? `${problem.path}: ` : '';
                lines.push(
                    `    ${problem.severity === 'error' ? 'error  ' : 'warning'} ${file}${where}  ${path}${problem.message}`
                );
            }
        }
        lines.push('');
    }
    lines.push(summaryLine(problems, stats));
    return lines.join('\n');
}

/** `validate: 0 errors in 42 files (3.1 s)`. */
export function summaryLine(problems: readonly Problem[], stats: ReportStats): string {
    const { errors, warnings } = countProblems(problems);
    return `validate: ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''} in ${plural(stats.files, 'file')} (${(stats.durationMs / 1000).toFixed(1)} s)`;
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
