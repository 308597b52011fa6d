/**
 * What bench/shift.ts and its in-browser scripts share. The runner bundles shiftPage.ts and
 * shiftVendor.ts with esbuild and installs them as Playwright init scripts after a config global;
 * each acts only on its own origin and reads or clicks only what an agent or a vendor could: the
 * reference softphone's controls, the page's window messages, the component's element.
 */

/** Global the runner defines (a JSON literal) in front of the scripts. */
export const SHIFT_CONFIG_GLOBAL = '__shiftBenchConfig';
/** Global the Lightning-page probe exposes. */
export const SHIFT_PAGE_GLOBAL = '__shiftBenchPage';
/** Global the vendor-frame driver exposes. */
export const SHIFT_VENDOR_GLOBAL = '__shiftBenchVendor';

export interface ShiftConfig {
    /** The Lightning page's origin (the app). */
    appOrigin: string;
    /** The adapter page's origin (Visualforce). */
    adapterOrigin: string;
    /** The vendor softphone's origin. */
    vendorOrigin: string;
    /** Tag name of the component whose rendering is timed. */
    componentTag: string;
}

/**
 * One channel event published by the adapter, as the Lightning page saw it (ms, page clock):
 * [type, from its arrival in the page to the component's DOM updated in that task, or -1 when the
 * component's DOM did not change, to the end of that task's microtasks].
 */
export type RenderSample = [type: string, renderedMs: number, taskMs: number];

export interface PageTake {
    samples: RenderSample[];
    /** Times the component's element was replaced (a new instance, e.g. the record page rebuilt). */
    hostsReplaced: number;
    /** Channel events seen while no component element was on the page. */
    noComponent: number;
}

/**
 * What one storage area holds: characters of keys and values (UTF-16 code units), and the biggest
 * keys; and what was written to it since the page loaded: `setItem` calls and their characters.
 */
export interface StorageFigures {
    keys: number;
    chars: number;
    largest: [key: string, chars: number][];
    writes: number;
    writtenChars: number;
}

export interface OriginStorage {
    local: StorageFigures;
    session: StorageFigures;
}
