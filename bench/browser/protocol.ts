/**
 * What the benchmark's two in-browser parts share: the config global the runner sets before
 * each script, the tag of the bench's own postMessage traffic, and the shapes handed back to
 * Node. The runner (bench/bridge.ts) bundles adapterProbe.ts and vendorDriver.ts with esbuild
 * and installs them as Playwright init scripts; each one acts only on its own origin.
 */

/** Global the runner defines (a JSON literal) in front of each bundled script. */
export const CONFIG_GLOBAL = '__bridgeBenchConfig';
/** Global the adapter-frame probe exposes to the runner. */
export const PROBE_GLOBAL = '__bridgeBenchProbe';
/** Global the vendor-frame driver exposes to the runner. */
export const DRIVER_GLOBAL = '__bridgeBenchDriver';
/** `tag` of the bare baseline messages (the bridge ignores anything without its own protocol). */
export const BARE_TAG = 'bridge-bench-bare';
/** The bridge envelope's `protocol` (src/bridge/core/validate.ts ENVELOPE_PROTOCOL; not imported, to keep this bundle tiny). */
export const ENVELOPE_PROTOCOL = 'streem-softphone-bridge';

/** softphoneId prefixes that tell the probe which phase a presenceChanged belongs to. */
export const HOP_PREFIX = 'hop-';
export const WARM_PREFIX = 'warm-';
export const BURST_PREFIX = 'burst-';

export interface BenchConfig {
    /** Origin of the adapter page (the "Visualforce" origin). */
    adapterOrigin: string;
    /** Origin the vendor softphone runs on. */
    vendorOrigin: string;
}

/**
 * The bench's own messages: a bare `ping` and its `echo` (the baseline hop); `quiet`, answered
 * with `quiet-ok` once the adapter frame's main thread (shared with the Lightning page) has had
 * an idle period, so the next sample measures one hop and not a queue behind earlier work.
 */
export interface BareMessage {
    tag: typeof BARE_TAG;
    kind: 'ping' | 'echo' | 'quiet' | 'quiet-ok';
    seq: number;
    /** echo only: when the probe's listener received the ping, and when it posted the echo (adapter clock). */
    received?: number;
    replied?: number;
}

/** Main-thread time in the adapter frame, exclusive, by owner (see adapterProbe.ts). */
export interface BusyTotals {
    /** The package's adapter code: its message listener, Open CTI callbacks and listeners, its timers. */
    adapterMs: number;
    /** The workbench's sforce.opencti stand-in: its message listener, its timers, the time inside its methods. */
    standInMs: number;
    /** Anything else this frame ran through a listener or timer. */
    otherMs: number;
    /** The adapter's share by entry point: 'window message', '<method> callback', 'subscribe listener', … (ms). */
    entries: Record<string, number>;
    /** Top-level listener/timer invocations, and the longest one (ms). */
    tasks: number;
    maxTaskMs: number;
    /** Long tasks (>50 ms) the frame's PerformanceObserver attributed to itself, and their total duration. */
    longTasks: number;
    longTaskMs: number;
}

/** What the probe recorded at the Open CTI boundary (epoch ms, adapter clock). */
export interface ProbeDump {
    /** presenceChanged publishes: [softphoneId, sforce.opencti.publish invoked at, returned at]. */
    publishes: [string, number, number][];
    /** Bridge envelopes from the vendor frame: [envelope id, first adapter listener ran at]. */
    arrivals: [string, number][];
    /** searchAndScreenPop calls: [searchParams, invoked at]. */
    searches: [string, number][];
    /** Other Open CTI calls seen, by method (how much else each event causes). */
    otherCalls: Record<string, number>;
}

/** One bridge hop measured from the vendor frame (epoch ms, vendor clock). */
export interface BridgeSample {
    key: string;
    /** The envelope id the wrapper returned. */
    id: string;
    /** Just before the contract call. */
    start: number;
    /** The contract call returned (wrapper validation + postMessage). */
    returned: number;
    /** The adapter's ack arrived back in the vendor frame. */
    acked: number;
}

/** One bare hop: start/echoed on the vendor clock, received/replied on the adapter clock. */
export interface BareSample {
    seq: number;
    start: number;
    received: number;
    replied: number;
    echoed: number;
}

export interface HopRun {
    bridge: BridgeSample[];
    bare: BareSample[];
    timeouts: number;
}

export interface IncomingSample {
    seq: number;
    id: string;
    callerANI: string;
    start: number;
    returned: number;
    acked: number;
}

export interface IncomingRun {
    samples: IncomingSample[];
    timeouts: number;
    refused: number;
}

export interface BurstRun {
    count: number;
    /** Before the first contract call / after the last one returned / when the last ack arrived (vendor clock). */
    start: number;
    sent: number;
    lastAck: number;
    /** Calls the wrapper accepted, calls it refused, acks and error envelopes received. */
    accepted: number;
    refused: number;
    acks: number;
    errors: number;
    /** True when every ack arrived before the timeout. */
    complete: boolean;
}
