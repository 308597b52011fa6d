/** Summary statistics and plain-text tables for the benchmarks' printed figures. */

export interface Summary {
    n: number;
    median: number;
    p90: number;
    p99: number;
    max: number;
    mean: number;
    min: number;
}

/** Nearest-rank percentile (0 < p <= 100) of values sorted ascending; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
    if (sorted.length === 0) return Number.NaN;
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** n, min, median, p90, p99, max and mean of the values (NaN figures when there are none). */
export function summarize(values: readonly number[]): Summary {
    const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    const sum = sorted.reduce((total, v) => total + v, 0);
    return {
        n: sorted.length,
        min: sorted[0] ?? Number.NaN,
        median: percentile(sorted, 50),
        p90: percentile(sorted, 90),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? Number.NaN,
        mean: sorted.length ? sum / sorted.length : Number.NaN
    };
}

/** Rounds for JSON output (NaN becomes null). */
export function round(value: number, digits = 3): number | null {
    if (!Number.isFinite(value)) return null;
    const scale = 10 ** digits;
    return Math.round(value * scale) / scale;
}

/** The summary with every figure rounded (for JSON). */
export function rounded(summary: Summary, digits = 3): Record<keyof Summary, number | null> {
    return {
        n: summary.n,
        min: round(summary.min, digits),
        median: round(summary.median, digits),
        p90: round(summary.p90, digits),
        p99: round(summary.p99, digits),
        max: round(summary.max, digits),
        mean: round(summary.mean, digits)
    };
}

/** A fixed-width text table: first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: readonly string[]): string =>
        cells
            .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
            .join('  ')
            .trimEnd();
    return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A number with fixed decimals, or '–' when it is not a number. */
export function fixed(value: number, digits = 2): string {
    return Number.isFinite(value) ? value.toFixed(digits) : '–';
}
