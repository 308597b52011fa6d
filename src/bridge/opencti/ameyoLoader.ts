/**
 * Loads the Ameyo toolbar glue (static resource `softphoneAmeyo`, src/resources/softphoneAmeyo.ts)
 * into the adapter page, only for a call center whose protocol is `ameyoToolbar`: the wrapper
 * softphone never pays for it. The page names the resource's URL on the adapter root
 * (`data-ameyo-script="{!$Resource.softphoneAmeyo}"`, SoftphoneAdapter.page); the script is a
 * same-origin static resource, which the Visualforce domain's script-src allows.
 *
 * Never stalls: a missing URL, a script that fails or never answers, or a script that sets up no
 * module rejects with an Error whose message tells the admin what to check; the adapter shows it in
 * the panel and keeps the rest of the softphone (pending call logs) running.
 */
import { AMEYO_MODULE_GLOBAL } from '../ameyo/shared';
import type { AmeyoToolbar, AmeyoToolbarOptions } from '../ameyo/toolbar';
import type { Timers } from './openCtiCrm';

/** What the resource puts on the window: its entry point. */
export interface AmeyoModule {
    createAmeyoToolbar(options: AmeyoToolbarOptions): AmeyoToolbar;
}

/** How long the resource may take (a same-origin, cached static resource loads in well under a second). */
export const AMEYO_LOAD_TIMEOUT_MS = 20_000;

export interface AmeyoLoaderOptions {
    window: Window;
    document: Document;
    /** The resource's URL from the page, or undefined when the page does not name it. */
    src: string | undefined;
    timers: Timers;
    timeoutMs?: number;
}

const PACKAGE_HINT =
    'Deploy the whole package again (the static resource softphoneAmeyo and the page SoftphoneAdapter).';

function moduleOf(win: Window): AmeyoModule | undefined {
    const value = (win as unknown as Record<string, unknown>)[AMEYO_MODULE_GLOBAL] as Partial<AmeyoModule> | undefined;
    return value && typeof value.createAmeyoToolbar === 'function' ? (value as AmeyoModule) : undefined;
}

/** Loads the resource once per page; resolves with its module, or rejects with an admin-facing Error. */
export function loadAmeyoModule(options: AmeyoLoaderOptions): Promise<AmeyoModule> {
    const { window: win, document: doc, src, timers } = options;
    const already = moduleOf(win);
    if (already) return Promise.resolve(already);
    if (!src) {
        return Promise.reject(
            new Error(
                `The adapter page does not name the Ameyo toolbar script (${AMEYO_MODULE_GLOBAL}). ${PACKAGE_HINT}`
            )
        );
    }
    return new Promise<AmeyoModule>((resolve, reject) => {
        const script = doc.createElement('script');
        let done = false;
        const finish = (error: string | null): void => {
            if (done) return;
            done = true;
            timers.clearTimeout(timer);
            script.onload = null;
            script.onerror = null;
            const loaded = error === null ? moduleOf(win) : undefined;
            if (loaded) resolve(loaded);
            else
                reject(
                    new Error(
                        `The Ameyo toolbar script ${src} ${error ?? 'loaded but set up nothing'}. ${PACKAGE_HINT}`
                    )
                );
        };
        const timer = timers.setTimeout(
            () => finish(`did not load within ${Math.round((options.timeoutMs ?? AMEYO_LOAD_TIMEOUT_MS) / 1000)} s`),
            options.timeoutMs ?? AMEYO_LOAD_TIMEOUT_MS
        );
        script.onload = () => finish(null);
        script.onerror = () => finish('could not be loaded');
        script.src = src;
        (doc.head ?? doc.documentElement).append(script);
    });
}
