/**
 * `tsx bench/heapDiff.ts BEFORE.heapsnapshot AFTER.heapsnapshot [--top N]`: what grew between two
 * heap snapshots of one renderer session (e.g. the ones `npm run bench:shift -- --heap-snapshots
 * 60,200` writes): by class, and the new objects grouped by the older object that holds them.
 */
import { diffSnapshots, HeapSnapshot, snapshotReport } from './lib/heapSnapshot';
import { parseBenchArgs, UsageError, wholeNumber } from './lib/run';

const USAGE = 'Usage: tsx bench/heapDiff.ts BEFORE.heapsnapshot AFTER.heapsnapshot [--top N]';

try {
    const args = process.argv.slice(2);
    const files = args.filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
    const values = parseBenchArgs(
        args.filter((a) => !files.includes(a)),
        { top: { type: 'string' } }
    );
    if (files.length !== 2) throw new UsageError('Give two snapshot files.');
    const top = wholeNumber('top', values.top, 25, 1, 1000);
    const [before, after] = files as [string, string];
    console.log(snapshotReport(before, after, diffSnapshots(HeapSnapshot.read(before), HeapSnapshot.read(after), top)));
} catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(USAGE);
    process.exitCode = error.message ? 64 : 0;
}
