/**
 * V8 heap snapshots over CDP and a small analyzer of two of them: what grew by constructor, and
 * where the objects new in the later snapshot hang (the object that held them at the earlier one).
 * Node ids are stable between snapshots of one renderer session, so "new" means an id the first
 * snapshot did not have. Used by bench/shift.ts (`--heap-snapshots`); no dependency beyond CDP.
 */
import fs from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { fixed, table } from './stats';

/** Takes a heap snapshot of the session's isolate (V8 collects garbage first) and writes it to `file`. */
export async function takeHeapSnapshot(session: CDPSession, file: string): Promise<void> {
    const chunks: string[] = [];
    const onChunk = ({ chunk }: { chunk: string }): void => {
        chunks.push(chunk);
    };
    session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    try {
        await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    } finally {
        session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    }
    fs.writeFileSync(file, chunks.join(''));
}

interface RawSnapshot {
    snapshot: {
        meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] };
    };
    nodes: number[];
    edges: number[];
    strings: string[];
}

/** A parsed snapshot: flat arrays as V8 writes them, with the lookups the analyzer needs. */
export class HeapSnapshot {
    readonly nodeCount: number;
    private readonly nf: number;
    private readonly ef: number;
    private readonly nodes: number[];
    private readonly edges: number[];
    private readonly strings: string[];
    private readonly nodeTypes: string[];
    private readonly edgeTypes: string[];
    private readonly firstEdge: Uint32Array;
    private readonly iType: number;
    private readonly iName: number;
    private readonly iId: number;
    private readonly iSize: number;
    private readonly iEdgeCount: number;
    private readonly iDetached: number;
    private readonly eType: number;
    private readonly eName: number;
    private readonly eTo: number;

    constructor(raw: RawSnapshot) {
        const meta = raw.snapshot.meta;
        this.nf = meta.node_fields.length;
        this.ef = meta.edge_fields.length;
        this.nodes = raw.nodes;
        this.edges = raw.edges;
        this.strings = raw.strings;
        this.nodeTypes = meta.node_types[0];
        this.edgeTypes = meta.edge_types[0];
        this.iType = meta.node_fields.indexOf('type');
        this.iName = meta.node_fields.indexOf('name');
        this.iId = meta.node_fields.indexOf('id');
        this.iSize = meta.node_fields.indexOf('self_size');
        this.iEdgeCount = meta.node_fields.indexOf('edge_count');
        this.iDetached = meta.node_fields.indexOf('detachedness');
        this.eType = meta.edge_fields.indexOf('type');
        this.eName = meta.edge_fields.indexOf('name_or_index');
        this.eTo = meta.edge_fields.indexOf('to_node');
        this.nodeCount = this.nodes.length / this.nf;
        this.firstEdge = new Uint32Array(this.nodeCount + 1);
        for (let n = 0, e = 0; n < this.nodeCount; n++) {
            this.firstEdge[n] = e;
            e += (this.nodes[n * this.nf + this.iEdgeCount] as number) * this.ef;
        }
        this.firstEdge[this.nodeCount] = this.edges.length;
    }

    static read(file: string): HeapSnapshot {
        return new HeapSnapshot(JSON.parse(fs.readFileSync(file, 'utf8')) as RawSnapshot);
    }

    type(n: number): string {
        return this.nodeTypes[this.nodes[n * this.nf + this.iType] as number] ?? '?';
    }
    rawName(n: number): string {
        return this.strings[this.nodes[n * this.nf + this.iName] as number] ?? '';
    }
    id(n: number): number {
        return this.nodes[n * this.nf + this.iId] as number;
    }
    size(n: number): number {
        return this.nodes[n * this.nf + this.iSize] as number;
    }
    detached(n: number): boolean {
        return this.iDetached >= 0 && this.nodes[n * this.nf + this.iDetached] === 2;
    }

    /** What DevTools' Summary groups a node under: the constructor for objects, the kind otherwise. */
    className(n: number): string {
        const type = this.type(n);
        switch (type) {
            case 'object':
            case 'closure':
            case 'native': {
                const name = this.rawName(n).split(' / ')[0] ?? '';
                const label = type === 'closure' ? `(closure) ${name || 'anonymous'}` : name;
                return this.detached(n) && !label.startsWith('Detached') ? `Detached ${label}` : label;
            }
            case 'string':
            case 'concatenated string':
            case 'sliced string':
                return '(string)';
            case 'hidden':
            case 'array':
            case 'code':
                return `(${type}) ${this.rawName(n).slice(0, 40)}`;
            default:
                return `(${type})`;
        }
    }

    /** Entries a container holds: its edges, and those of its hash table (Map, Set, WeakMap). */
    entries(n: number): number {
        let count = 0;
        for (const e of this.edgesOf(n)) {
            if (e.type === 'element' || e.type === 'property') count += 1;
            // A hash table's free and deleted slots all point at one hole: count distinct targets,
            // so a table that grew its capacity does not look like one that holds more.
            if (e.name === 'table' && this.type(e.to) === 'array')
                count += new Set([...this.edgesOf(e.to)].map((entry) => entry.to)).size;
        }
        return count;
    }

    /** A short label for paths: the class, with a string's start or a window's URL. */
    label(n: number): string {
        const type = this.type(n);
        if (type.includes('string')) return JSON.stringify(this.rawName(n).slice(0, 30));
        const name = this.rawName(n);
        if (type === 'object' && name.includes(' / ')) return name.slice(0, 80);
        if (type === 'object' && name === 'Object') {
            // An LWC engine VM (a component instance's record): name it by its element's tag.
            let tag = '';
            let isVm = false;
            for (const e of this.edgesOf(n)) {
                if (e.name === 'tagName' && this.type(e.to).includes('string')) tag = this.rawName(e.to);
                if (e.name === 'velements') isVm = true;
            }
            if (isVm && tag) return `VM <${tag}>`;
        }
        return this.className(n).slice(0, 60);
    }

    *edgesOf(n: number): Generator<{ type: string; name: string; to: number }> {
        for (let e = this.firstEdge[n] as number; e < (this.firstEdge[n + 1] as number); e += this.ef) {
            const type = this.edgeTypes[this.edges[e + this.eType] as number] ?? '?';
            const raw = this.edges[e + this.eName] as number;
            const name = type === 'element' || type === 'hidden' ? `[${raw}]` : (this.strings[raw] ?? '');
            yield { type, name, to: (this.edges[e + this.eTo] as number) / this.nf };
        }
    }

    /**
     * A shortest-path tree from the root (node 0) over strong edges, the page's windows first (the
     * root's shortcut edges), as DevTools' retainer distances: parent node and edge name per node.
     * A WeakMap's table holds a value only while its key lives, so those edges are followed last:
     * a value's parent is whatever else holds it, usually through its key, not the map.
     */
    retainerTree(): { parent: Int32Array; edge: string[] } {
        const parent = new Int32Array(this.nodeCount).fill(-1);
        const edge: string[] = new Array<string>(this.nodeCount);
        const queue = new Uint32Array(this.nodeCount);
        let head = 0;
        let tail = 0;
        parent[0] = 0;
        const rootEdges = [...this.edgesOf(0)].sort(
            (a, b) => Number(b.type === 'shortcut') - Number(a.type === 'shortcut')
        );
        for (const e of rootEdges) {
            if (parent[e.to] !== -1) continue;
            parent[e.to] = 0;
            edge[e.to] = e.name;
            queue[tail++] = e.to;
        }
        const ephemeron = (name: string): boolean => name.startsWith('part of key') || name.includes('pair in WeakMap');
        for (let round = 0; round < 50; round++) {
            while (head < tail) {
                const n = queue[head++] as number;
                for (const e of this.edgesOf(n)) {
                    if (e.type === 'weak' || parent[e.to] !== -1 || ephemeron(e.name)) continue;
                    parent[e.to] = n;
                    edge[e.to] = e.name;
                    queue[tail++] = e.to;
                }
            }
            // Then the values reachable only through a live key's WeakMap entry: from the key when it
            // is reached (V8 writes the pair as an edge from the key and one from the table), else the table.
            const before = tail;
            for (const fromTable of [false, true]) {
                for (let i = 0; i < before; i++) {
                    const n = queue[i] as number;
                    const table = ` (table @${this.id(n)})`;
                    for (const e of this.edgesOf(n)) {
                        if (e.type === 'weak' || parent[e.to] !== -1 || !ephemeron(e.name)) continue;
                        if (e.name.includes(table) !== fromTable) continue;
                        parent[e.to] = n;
                        edge[e.to] = e.name;
                        queue[tail++] = e.to;
                    }
                }
                if (tail > before) break;
            }
            if (tail === before) break;
        }
        return { parent, edge };
    }

    /** The path from the root to `n` in the retainer tree, as `label.edge → label.edge → …`. */
    pathTo(n: number, tree: { parent: Int32Array; edge: string[] }, hops = 12): string {
        const parts: string[] = [];
        for (let at = n, i = 0; at > 0 && i < 200; at = tree.parent[at] as number, i++) {
            const up = tree.parent[at] as number;
            if (up < 0) {
                parts.push(`${this.label(at)} (unreachable)`);
                break;
            }
            parts.push(`${up > 0 ? '' : ''}${tree.edge[at] ?? '?'} → ${this.label(at)}`);
        }
        parts.reverse();
        const shown = parts.length > hops ? [...parts.slice(0, 3), '…', ...parts.slice(-(hops - 3))] : parts;
        return shown.join(' · ');
    }
}

export interface ClassDelta {
    name: string;
    countBefore: number;
    countAfter: number;
    bytesBefore: number;
    bytesAfter: number;
}

export interface GrowthAnchor {
    /** The object that existed at the earlier snapshot and holds the new ones (through `edge`). */
    anchor: string;
    edge: string;
    /** Self size of the new objects under it, bytes, and how many. */
    bytes: number;
    count: number;
    /** The biggest classes among them. */
    classes: { name: string; bytes: number; count: number }[];
    /** The anchor's path from the root (the page's window, or GC roots). */
    path: string;
}

/** An object in both snapshots whose entries grew (an array, a Map, an object used as a map). */
export interface GrowingContainer {
    label: string;
    before: number;
    after: number;
    path: string;
}

export interface SnapshotDiff {
    totalBefore: number;
    totalAfter: number;
    /** Self size of objects present only in the later snapshot. */
    newBytes: number;
    newCount: number;
    byClass: ClassDelta[];
    anchors: GrowthAnchor[];
    /** Objects present in both whose entries grew the most: where a shift's growth accumulates. */
    containers: GrowingContainer[];
}

/** Compares two snapshots of one renderer: growth by class, and the new objects grouped by what holds them. */
export function diffSnapshots(before: HeapSnapshot, after: HeapSnapshot, top = 25): SnapshotDiff {
    const classes = new Map<string, ClassDelta>();
    const entry = (name: string): ClassDelta => {
        let found = classes.get(name);
        if (!found) classes.set(name, (found = { name, countBefore: 0, countAfter: 0, bytesBefore: 0, bytesAfter: 0 }));
        return found;
    };
    const oldIds = new Set<number>();
    const oldEntries = new Map<number, number>();
    let totalBefore = 0;
    for (let n = 0; n < before.nodeCount; n++) {
        oldIds.add(before.id(n));
        if (before.type(n) === 'object' || before.type(n) === 'array') oldEntries.set(before.id(n), before.entries(n));
        const c = entry(before.className(n));
        c.countBefore += 1;
        c.bytesBefore += before.size(n);
        totalBefore += before.size(n);
    }
    let totalAfter = 0;
    let newBytes = 0;
    let newCount = 0;
    const tree = after.retainerTree();
    const grown: { node: number; before: number; after: number }[] = [];
    const anchors = new Map<
        string,
        {
            node: number;
            edge: string;
            bytes: number;
            count: number;
            classes: Map<string, { bytes: number; count: number }>;
        }
    >();
    for (let n = 0; n < after.nodeCount; n++) {
        const name = after.className(n);
        const size = after.size(n);
        const c = entry(name);
        c.countAfter += 1;
        c.bytesAfter += size;
        totalAfter += size;
        if (oldIds.has(after.id(n))) {
            const was = oldEntries.get(after.id(n));
            if (was !== undefined) {
                const now = after.entries(n);
                if (now - was >= 10) grown.push({ node: n, before: was, after: now });
            }
            continue;
        }
        newBytes += size;
        newCount += 1;
        // Up the retainer tree to the first object that was already there.
        let at = n;
        let edge = '';
        for (let i = 0; i < 10_000; i++) {
            const up = tree.parent[at] as number;
            if (up < 0) {
                edge = '(unreachable)';
                break;
            }
            edge = tree.edge[at] ?? '?';
            at = up;
            if (at === 0 || oldIds.has(after.id(at))) break;
        }
        const key = `${after.id(at)}|${edge}`;
        let a = anchors.get(key);
        if (!a) anchors.set(key, (a = { node: at, edge, bytes: 0, count: 0, classes: new Map() }));
        a.bytes += size;
        a.count += 1;
        const k = a.classes.get(name) ?? { bytes: 0, count: 0 };
        k.bytes += size;
        k.count += 1;
        a.classes.set(name, k);
    }
    const byClass = [...classes.values()]
        .filter((c) => c.bytesAfter !== c.bytesBefore || c.countAfter !== c.countBefore)
        .sort((x, y) => y.bytesAfter - y.bytesBefore - (x.bytesAfter - x.bytesBefore))
        .slice(0, top);
    const anchorList = [...anchors.values()]
        .sort((x, y) => y.bytes - x.bytes)
        .slice(0, top)
        .map((a) => ({
            anchor: `${after.label(a.node)} @${after.id(a.node)}`,
            edge: a.edge,
            bytes: a.bytes,
            count: a.count,
            classes: [...a.classes]
                .map(([name, v]) => ({ name, ...v }))
                .sort((x, y) => y.bytes - x.bytes)
                .slice(0, 4),
            path: after.pathTo(a.node, tree)
        }));
    const containers = grown
        .sort((x, y) => y.after - y.before - (x.after - x.before))
        .slice(0, top)
        .map((g) => ({
            label: `${after.label(g.node)} @${after.id(g.node)}`,
            before: g.before,
            after: g.after,
            path: after.pathTo(g.node, tree)
        }));
    return { totalBefore, totalAfter, newBytes, newCount, byClass, anchors: anchorList, containers };
}

const kB = (bytes: number): string => fixed(bytes / 1024, 1);

/** The diff of two heap snapshots, printed: growth by class, then the new objects by what holds them. */
export function snapshotReport(from: string, to: string, diff: SnapshotDiff): string {
    const out: string[] = [];
    out.push(
        `Heap snapshot ${from} → ${to}: ${kB(diff.totalBefore)} → ${kB(diff.totalAfter)} kB ` +
            `(self sizes); ${diff.newCount.toLocaleString('en-US')} objects new since ${from}, ${kB(diff.newBytes)} kB`
    );
    out.push(
        table(
            ['growth by class', 'count', 'Δ count', 'kB', 'Δ kB'],
            diff.byClass
                .slice(0, 20)
                .map((c) => [
                    c.name.slice(0, 60),
                    String(c.countAfter),
                    String(c.countAfter - c.countBefore),
                    kB(c.bytesAfter),
                    kB(c.bytesAfter - c.bytesBefore)
                ])
        )
    );
    out.push('');
    out.push("Objects in both snapshots whose entries grew (edges, and a Map/Set table's entries):");
    for (const c of diff.containers.slice(0, 15)) {
        out.push(`  ${c.before} → ${c.after} (+${c.after - c.before}): ${c.label}`);
        out.push(`      ${c.path}`);
    }
    out.push('');
    out.push(
        'New objects (churn included: what replaced older ones counts too) by the older object holding them (edge from it), with its shortest path from the root:'
    );
    for (const a of diff.anchors.slice(0, 15)) {
        out.push(
            `  ${kB(a.bytes)} kB, ${a.count} objects: ${a.anchor} .${a.edge}  [${a.classes
                .map((c) => `${c.name.slice(0, 30)} ${c.count}`)
                .join(', ')}]`
        );
        out.push(`      ${a.path}`);
    }
    return out.join('\n');
}
