/**
 * The digit regular expressions of libphonenumber's metadata as automata, so the phone-number
 * generator can ask questions a RegExp cannot answer: "can some number that starts with 2682
 * match this pattern?" (which region of a shared calling code owns a prefix), or "which is the
 * smallest number this pattern accepts?". The metadata uses a small subset of regex syntax:
 * digits, `\d`, `[...]` classes, `(?:...)` and `(...)` groups, `|`, `?` and `{n}` / `{n,m}`.
 */

/** A set of digits as a 10-bit mask (bit d set when digit d is allowed). */
type DigitMask = number;

interface State {
    /** Digit transitions. */
    readonly edges: Array<[DigitMask, number]>;
    /** Empty transitions. */
    readonly empty: number[];
}

type Node =
    | { kind: 'digits'; mask: DigitMask }
    | { kind: 'seq'; items: Node[] }
    | { kind: 'alt'; options: Node[] }
    | { kind: 'repeat'; item: Node; min: number; max: number };

const ALL_DIGITS: DigitMask = 0x3ff;

function parse(source: string): Node {
    let at = 0;
    const fail = (why: string): never => {
        throw new Error(`digit pattern ${JSON.stringify(source)}: ${why} at ${at}`);
    };
    const alternation = (): Node => {
        const options = [sequence()];
        while (source[at] === '|') {
            at++;
            options.push(sequence());
        }
        return options.length === 1 ? options[0]! : { kind: 'alt', options };
    };
    const sequence = (): Node => {
        const items: Node[] = [];
        while (at < source.length && source[at] !== '|' && source[at] !== ')') items.push(quantified(atom()));
        return { kind: 'seq', items };
    };
    const atom = (): Node => {
        const char = source[at];
        if (char === '(') {
            at += source.startsWith('(?:', at) ? 3 : 1;
            const inner = alternation();
            if (source[at] !== ')') fail('unclosed group');
            at++;
            return inner;
        }
        if (char === '[') return { kind: 'digits', mask: digitClass() };
        if (source.startsWith('\\d', at)) {
            at += 2;
            return { kind: 'digits', mask: ALL_DIGITS };
        }
        if (char !== undefined && /\d/.test(char)) {
            at++;
            return { kind: 'digits', mask: 1 << Number(char) };
        }
        return fail(`unsupported ${JSON.stringify(char)}`);
    };
    const digitClass = (): DigitMask => {
        at++;
        let mask = 0;
        while (source[at] !== ']') {
            if (source.startsWith('\\d', at)) {
                mask |= ALL_DIGITS;
                at += 2;
                continue;
            }
            const from = Number(source[at]);
            if (!/\d/.test(source[at] ?? '')) fail('unsupported class member');
            let to = from;
            if (source[at + 1] === '-' && /\d/.test(source[at + 2] ?? '')) {
                to = Number(source[at + 2]);
                at += 2;
            }
            for (let digit = from; digit <= to; digit++) mask |= 1 << digit;
            at++;
        }
        at++;
        return mask;
    };
    const quantified = (item: Node): Node => {
        if (source[at] === '?') {
            at++;
            return { kind: 'repeat', item, min: 0, max: 1 };
        }
        const braces = /^\{(\d+)(?:,(\d+))?\}/.exec(source.slice(at));
        if (!braces) return item;
        at += braces[0].length;
        const min = Number(braces[1]);
        return { kind: 'repeat', item, min, max: braces[2] === undefined ? min : Number(braces[2]) };
    };
    const tree = alternation();
    if (at !== source.length) fail('unexpected )');
    return tree;
}

/** A pattern compiled to a nondeterministic automaton over digits. */
export class DigitAutomaton {
    private readonly states: State[] = [];
    private readonly start: number;
    private readonly accept: number;

    /** `anchored`: the whole number must match (libphonenumber's matchesEntirely); else a prefix may. */
    constructor(
        pattern: string,
        private readonly anchored = true
    ) {
        this.start = this.add();
        this.accept = this.add();
        this.build(parse(pattern), this.start, this.accept);
    }

    private add(): number {
        this.states.push({ edges: [], empty: [] });
        return this.states.length - 1;
    }

    private build(node: Node, from: number, to: number): void {
        switch (node.kind) {
            case 'digits':
                this.states[from]!.edges.push([node.mask, to]);
                return;
            case 'alt':
                for (const option of node.options) this.build(option, from, to);
                return;
            case 'seq': {
                let current = from;
                node.items.forEach((item, index) => {
                    const next = index === node.items.length - 1 ? to : this.add();
                    this.build(item, current, next);
                    current = next;
                });
                if (node.items.length === 0) this.states[from]!.empty.push(to);
                return;
            }
            case 'repeat': {
                let current = from;
                for (let count = 0; count < node.max; count++) {
                    const next = count === node.max - 1 ? to : this.add();
                    this.build(node.item, current, next);
                    if (count >= node.min) this.states[current]!.empty.push(to);
                    current = next;
                }
                if (node.max === 0) this.states[from]!.empty.push(to);
            }
        }
    }

    /** State sets are interned as sorted keys so that steps and reads are computed once. */
    private readonly sets = new Map<string, number[]>();
    private readonly steps = new Map<string, string>();
    private readonly reads = new Map<string, { key: string; matched: boolean }>();
    private readonly finishes = new Map<string, boolean>();

    private intern(states: Iterable<number>): string {
        const result = new Set<number>();
        const stack = [...states];
        while (stack.length > 0) {
            const state = stack.pop()!;
            if (result.has(state)) continue;
            result.add(state);
            stack.push(...this.states[state]!.empty);
        }
        const sorted = [...result].sort((a, b) => a - b);
        const key = sorted.join(',');
        if (!this.sets.has(key)) this.sets.set(key, sorted);
        return key;
    }

    private step(key: string, mask: DigitMask): string {
        const cacheKey = `${key}/${mask}`;
        let next = this.steps.get(cacheKey);
        if (next === undefined) {
            const targets: number[] = [];
            for (const state of this.sets.get(key)!) {
                for (const [allowed, target] of this.states[state]!.edges) if (allowed & mask) targets.push(target);
            }
            next = this.intern(targets);
            this.steps.set(cacheKey, next);
        }
        return next;
    }

    private accepts(key: string): boolean {
        return this.sets.get(key)!.includes(this.accept);
    }

    /** The states after reading `digits`, and whether a prefix of them already matched (unanchored). */
    private read(digits: string): { key: string; matched: boolean } {
        let result = this.reads.get(digits);
        if (result) return result;
        if (digits === '') {
            const key = this.intern([this.start]);
            result = { key, matched: !this.anchored && this.accepts(key) };
        } else {
            const before = this.read(digits.slice(0, -1));
            const key = this.step(before.key, 1 << Number(digits.at(-1)));
            result = { key, matched: before.matched || (!this.anchored && this.accepts(key)) };
        }
        this.reads.set(digits, result);
        return result;
    }

    /** True when, from these states, some `remaining` more digits reach a match. */
    private canFinish(key: string, remaining: number): boolean {
        if (key === '') return false;
        const cacheKey = `${key}#${remaining}`;
        let result = this.finishes.get(cacheKey);
        if (result === undefined) {
            result =
                (remaining === 0 || !this.anchored) && this.accepts(key)
                    ? true
                    : remaining > 0 && this.canFinish(this.step(key, ALL_DIGITS), remaining - 1);
            this.finishes.set(cacheKey, result);
        }
        return result;
    }

    /** True when some number of one of `lengths` that starts with `prefix` matches. */
    canMatchAfter(prefix: string, lengths: readonly number[]): boolean {
        const { key, matched } = this.read(prefix);
        const longer = lengths.filter((length) => length >= prefix.length);
        if (matched) return longer.length > 0;
        if (!this.anchored) return longer.length > 0 && this.canFinish(key, Math.max(...longer) - prefix.length);
        return longer.some((length) => this.canFinish(key, length - prefix.length));
    }

    /** Where the automaton is after `prefix`: equal for two prefixes of one length, equal futures. */
    stateAfter(prefix: string): string {
        const { key, matched } = this.read(prefix);
        return matched ? 'matched' : key;
    }

    /** True when every number that starts with `prefix` matches (unanchored patterns only: a prefix matched). */
    matchesEveryNumberAfter(prefix: string): boolean {
        return !this.anchored && this.read(prefix).matched;
    }

    /** The smallest number of the given length that matches, or undefined when none does. */
    smallestMatch(length: number): string | undefined {
        let digits = '';
        for (let position = 0; position < length; position++) {
            const next = [...'0123456789'].find((digit) => this.canMatchAfter(digits + digit, [length]));
            if (next === undefined) return undefined;
            digits += next;
        }
        return digits;
    }
}
