/**
 * npm run bench:hostile: what one hostile or malformed message costs the adapter's handling code,
 * whatever its shape. Each shape is built as an envelope, passed through `structuredClone` (what
 * postMessage does, so Map, Set, Date, ArrayBuffer, sparse arrays and cycles arrive as they would),
 * then handed to exactly what the adapter runs per softphone message: `readFromSoftphone` (the one
 * validation, bounded before any work) and the bridge's `answerSoftphone` (act, ack or error reply),
 * against the real bridge core with an in-memory store and CRM. The wrapper's side
 * (`readFromAdapter`) is measured on the same shapes sent as callback events.
 *
 * The adapter reads only the fields the contract names (each in constant time), so junk in other
 * fields is acked unread and junk in a named field is refused at once; the wrapper bounds what it
 * receives with a walk (`checkShape`), whose one cost that grows with the shape is listing a wide
 * object's keys (V8 lists them all before a key loop's first turn).
 *
 * Figures, never a pass/fail: median, p99 and max per message, the reply, and for context what the
 * browser itself pays to deliver the shape (one structuredClone, serialize + deserialize; the
 * adapter's thread pays the deserialize half when it reads `event.data`, which it does only for
 * the softphone frame at its origin). `--json-cost` adds the old approach's cost (one
 * JSON.stringify of the message; it ran twice per message).
 *
 *   npm run bench:hostile                        # all shapes, 200 samples each
 *   npm run bench:hostile -- --samples 50 --json-cost
 *
 * Runs in Node (the same V8 as Chromium) in about a minute on two shared cores; no build needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RecordRef } from 'c/softphoneProtocol';
import { createBridge } from '../src/bridge/core/crm';
import type { Bridge } from '../src/bridge/core/crm';
import { createEnvelope, readFromAdapter, readFromSoftphone } from '../src/bridge/core/validate';
import { BUILD_DIR } from '../scripts/lib/paths';
import { fixed, round, summarize, table } from './lib/stats';

interface Shape {
    name: string;
    /** The message as the sender posts it (before structured cloning). */
    build(): unknown;
    /** Skipped by --json-cost: JSON.stringify of it takes seconds or throws. */
    jsonSlow?: boolean;
}

const IDS = { partnerId: '215fd887-39be-4935-981f-2670d6afeaa7', conversationId: 'bench-conv-1' };

function call(payload: unknown, type = 'callEnded'): Record<string, unknown> {
    return { ...createEnvelope('call', type, 'w-1'), ...(payload === undefined ? {} : { payload }) };
}

function nested(levels: number): unknown {
    let value: unknown = 'leaf';
    for (let i = 0; i < levels; i++) value = { next: value };
    return value;
}

function wide(keys: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < keys; i++) out[`field${i}`] = i;
    return out;
}

const SHAPES: Shape[] = [
    { name: 'baseline: a valid callEnded', build: () => call({ ...IDS, duration: 95, disposition: 'Resolved' }) },
    {
        name: 'seed 002 extras (tolerated)',
        build: () =>
            call({ ...IDS, queueName: 'Premium', recordingStatus: 'PAUSED', callerANI: 15035551212 }, 'callAccepted')
    },
    { name: 'call without payload', build: () => call(undefined) },
    { name: 'type ""', build: () => ({ ...call({ ...IDS }), type: '' }) },
    { name: 'malformed error (not answered)', build: () => ({ ...createEnvelope('error', '', 'w-1'), payload: 7 }) },
    {
        name: 'conversationId: sparse Array(1e8)',
        build: () => call({ ...IDS, conversationId: new Array(1e8) }),
        jsonSlow: true
    },
    { name: 'conversationId: 5 MB string', build: () => call({ ...IDS, conversationId: 'x'.repeat(5_000_000) }) },
    {
        name: 'payload is a Map of 100,000',
        build: () => call(new Map(Array.from({ length: 100_000 }, (_, i) => [i, i])))
    },
    {
        name: 'sparse new Array(1e8) (unknown field)',
        build: () => call({ ...IDS, list: new Array(1e8) }),
        jsonSlow: true
    },
    { name: 'dense array of 1e6 numbers', build: () => call({ ...IDS, list: new Array(1e6).fill(1) }) },
    { name: 'nested 1,000 deep', build: () => call({ ...IDS, deep: nested(1_000) }) },
    {
        name: 'cyclic object',
        build: () => {
            const cyclic: Record<string, unknown> = { ...IDS };
            cyclic.self = cyclic;
            return call(cyclic);
        },
        jsonSlow: true
    },
    { name: 'payload with 10,000 keys', build: () => call({ ...IDS, ...wide(10_000) }) },
    { name: 'payload with 100,000 keys', build: () => call({ ...IDS, ...wide(100_000) }) },
    { name: 'envelope with 100,000 keys', build: () => ({ ...wide(100_000), ...call({ ...IDS }) }) },
    { name: '10 MB notes string', build: () => call({ ...IDS, notes: 'x'.repeat(10_000_000) }) },
    { name: '100,000 short strings', build: () => call({ ...IDS, list: new Array(100_000).fill('abc') }) },
    {
        name: 'Map of 100,000 entries',
        build: () => call({ ...IDS, map: new Map(Array.from({ length: 100_000 }, (_, i) => [i, i])) })
    },
    {
        name: 'Set of 100,000 entries',
        build: () => call({ ...IDS, set: new Set(Array.from({ length: 100_000 }, (_, i) => i)) })
    },
    { name: '64 MB ArrayBuffer', build: () => call({ ...IDS, buffer: new ArrayBuffer(64 * 1024 * 1024) }) },
    { name: 'Date in a text field', build: () => call({ ...IDS, disposition: new Date(0) }) }
];

function option(name: string, fallback: number): number {
    const index = process.argv.indexOf(name);
    const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
    return Number.isFinite(value) && value > 0 ? value : fallback;
}

function makeBridge(): Bridge {
    const bridge = createBridge({
        crm: {
            showPanel: () => undefined,
            screenPop: (): Promise<RecordRef[]> => Promise.resolve([]),
            openRecord: () => Promise.resolve(),
            publish: () => undefined,
            saveLog: () => Promise.resolve('00T000000000001AAA'),
            updateLog: () => Promise.resolve()
        },
        softphone: { send: () => undefined },
        settings: { dispositions: [], presenceOptions: [], logMissedCalls: false },
        store: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined },
        scheduler: { setTimeout: () => 0, clearTimeout: () => undefined },
        clock: () => Date.now(),
        normalizePhone: (raw) => raw,
        adapterId: 'bench',
        onWarning: () => undefined
    });
    bridge.start();
    return bridge;
}

function timeMs(run: () => void): number {
    const start = performance.now();
    run();
    return performance.now() - start;
}

interface Row {
    shape: string;
    deliveryMs: number;
    adapter: ReturnType<typeof summarize>;
    reply: string;
    wrapper: ReturnType<typeof summarize>;
    wrapperResult: string;
    jsonMs?: number;
}

/** Collects garbage when Node runs with --expose-gc (the npm script does), so one shape's garbage is not timed in the next. */
function collectGarbage(): void {
    (globalThis as { gc?: () => void }).gc?.();
}

function measure(shape: Shape, samples: number, bridge: Bridge, jsonCost: boolean): Row {
    const sent = shape.build();
    let raw: unknown;
    const deliveryMs = timeMs(() => (raw = structuredClone(sent)));
    collectGarbage();
    let reply = '';
    const adapterTimes: number[] = [];
    for (let i = 0; i < samples; i++) {
        adapterTimes.push(
            timeMs(() => {
                const answer = bridge.answerSoftphone(readFromSoftphone(raw), raw);
                const code = (answer?.payload as { code?: string } | undefined)?.code;
                reply = answer ? `${answer.kind}${code ? ` ${code}` : ''}` : 'none';
            })
        );
    }
    // The same shape as a callback event reaching the wrapper.
    const asEvent = { ...(raw as Record<string, unknown>), kind: 'event', type: 'update_presence' };
    let wrapperResult = '';
    const wrapperTimes: number[] = [];
    collectGarbage();
    for (let i = 0; i < samples; i++) {
        wrapperTimes.push(
            timeMs(() => {
                const read = readFromAdapter(asEvent);
                wrapperResult = read.ok ? 'accepted' : read.error.code;
            })
        );
    }
    const row: Row = {
        shape: shape.name,
        deliveryMs,
        adapter: summarize(adapterTimes),
        reply,
        wrapper: summarize(wrapperTimes),
        wrapperResult
    };
    if (jsonCost && !shape.jsonSlow) row.jsonMs = timeMs(() => JSON.stringify(raw));
    return row;
}

function main(): void {
    const samples = Math.round(option('--samples', 200));
    const jsonCost = process.argv.includes('--json-cost');
    const bridge = makeBridge();
    // Warm up the JIT on the common path first.
    measure(SHAPES[0] as Shape, 2_000, bridge, false);
    const rows = SHAPES.map((shape) => measure(shape, samples, bridge, jsonCost));
    bridge.dispose();

    const header = [
        'shape',
        'delivery ms',
        'adapter median ms',
        'p99 ms',
        'max ms',
        'adapter reply',
        'wrapper max ms',
        'wrapper (as an event)'
    ];
    if (jsonCost) header.push('old JSON.stringify ms');
    console.log(
        `Per message, ${samples} samples each (Node ${process.version}; delivery = one structuredClone, for context)\n`
    );
    console.log(
        table(
            header,
            rows.map((r) => {
                const cells = [
                    r.shape,
                    fixed(r.deliveryMs, 1),
                    fixed(r.adapter.median, 4),
                    fixed(r.adapter.p99, 4),
                    fixed(r.adapter.max, 3),
                    r.reply,
                    fixed(r.wrapper.max, 3),
                    r.wrapperResult
                ];
                if (jsonCost) cells.push(r.jsonMs === undefined ? 'skipped' : fixed(r.jsonMs, 1));
                return cells;
            })
        )
    );
    const worst = rows.reduce((a, b) => (b.adapter.max > a.adapter.max ? b : a));
    console.log(`\nWorst adapter max: ${fixed(worst.adapter.max, 3)} ms (${worst.shape}).`);

    const out = path.join(BUILD_DIR, 'bench', 'hostile.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(
        out,
        `${JSON.stringify(
            rows.map((r) => ({
                shape: r.shape,
                deliveryMs: round(r.deliveryMs),
                adapterMedianMs: round(r.adapter.median, 5),
                adapterP99Ms: round(r.adapter.p99, 5),
                adapterMaxMs: round(r.adapter.max, 5),
                reply: r.reply,
                wrapperMaxMs: round(r.wrapper.max, 5),
                wrapper: r.wrapperResult,
                ...(r.jsonMs === undefined ? {} : { oldJsonStringifyMs: round(r.jsonMs) })
            })),
            null,
            2
        )}\n`
    );
    console.log(`Figures written to ${path.relative(process.cwd(), out)}`);
}

main();
