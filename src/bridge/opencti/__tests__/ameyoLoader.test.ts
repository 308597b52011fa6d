/**
 * The Ameyo toolbar's code is the static resource softphoneAmeyo, loaded by the adapter page only
 * for the ameyoToolbar protocol (ameyoLoader.ts). jsdom runs no external script, so these tests play
 * the browser: they set the resource's window global where the script would, then fire the script
 * element's load or error event.
 */
import { AMEYO_MODULE_GLOBAL } from '../../ameyo/shared';
import { createAmeyoToolbar } from '../../ameyo/toolbar';
import { AMEYO_LOAD_TIMEOUT_MS, loadAmeyoModule } from '../ameyoLoader';
import type { AmeyoModule } from '../ameyoLoader';
import { callCenterSettings, settle, snapshotForA11y, useAdapterPages, waitReady } from './harness';

const RESOURCE = '/resource/1700000000000/softphoneAmeyo';
const AMEYO_SETTINGS = {
    '/softphoneProtocol/protocol': 'ameyoToolbar',
    '/softphoneProtocol/ameyoBaseUrl': 'https://ameyo.example.net:8443',
    '/softphoneProtocol/ameyoScriptVersion': '4.2'
};
const host = window as unknown as Record<string, unknown>;
const timers = {
    setTimeout: (cb: () => void, ms: number) => setTimeout(cb, ms),
    clearTimeout: (h: unknown) => clearTimeout(h as number)
};
// Fake timers, empty storage, pages ended and every rendered panel state checked for accessibility.
const { page } = useAdapterPages();

function resourceScripts(): HTMLScriptElement[] {
    return [...document.querySelectorAll<HTMLScriptElement>('script')].filter((s) => s.src.includes('softphoneAmeyo'));
}

/** What the resource does when it runs: hands its module over on the window. */
function runResource(script: HTMLScriptElement): void {
    host[AMEYO_MODULE_GLOBAL] = { createAmeyoToolbar };
    script.dispatchEvent(new Event('load'));
}

function settingsItems(root: HTMLElement): string[] {
    return [...root.querySelectorAll('.sfa-settings li')].map((li) => li.textContent ?? '');
}

afterEach(() => {
    delete host[AMEYO_MODULE_GLOBAL];
    document.head.replaceChildren();
});

describe('loadAmeyoModule', () => {
    it('adds one script element for the resource and resolves with the module it sets up', async () => {
        const loading = loadAmeyoModule({ window, document, src: RESOURCE, timers });
        const [script, ...more] = resourceScripts();
        expect(more).toEqual([]);
        expect(script?.getAttribute('src')).toBe(RESOURCE);
        runResource(script as HTMLScriptElement);
        const loaded: AmeyoModule = await loading;
        expect(loaded.createAmeyoToolbar).toBe(createAmeyoToolbar);
    });

    it('uses the module already on the page without loading it again', async () => {
        host[AMEYO_MODULE_GLOBAL] = { createAmeyoToolbar };
        await expect(loadAmeyoModule({ window, document, src: RESOURCE, timers })).resolves.toBeDefined();
        expect(resourceScripts()).toEqual([]);
    });

    it('rejects, naming the resource and what to do, when the script fails to load', async () => {
        const loading = loadAmeyoModule({ window, document, src: RESOURCE, timers });
        resourceScripts()[0]?.dispatchEvent(new Event('error'));
        await expect(loading).rejects.toThrow(
            `The Ameyo toolbar script ${RESOURCE} could not be loaded. Deploy the whole package again (the static resource softphoneAmeyo and the page SoftphoneAdapter).`
        );
    });

    it('rejects when the script loads but sets up no module', async () => {
        const loading = loadAmeyoModule({ window, document, src: RESOURCE, timers });
        resourceScripts()[0]?.dispatchEvent(new Event('load'));
        await expect(loading).rejects.toThrow(`The Ameyo toolbar script ${RESOURCE} loaded but set up nothing.`);
    });

    it('rejects instead of waiting for ever when the script never answers', async () => {
        const loading = loadAmeyoModule({ window, document, src: RESOURCE, timers });
        const outcome = loading.then(
            () => 'resolved',
            (error: Error) => error.message
        );
        await jest.advanceTimersByTimeAsync(AMEYO_LOAD_TIMEOUT_MS - 1);
        let settled = false;
        void outcome.then(() => (settled = true));
        await Promise.resolve();
        expect(settled).toBe(false);
        await jest.advanceTimersByTimeAsync(1);
        expect(await outcome).toContain(`The Ameyo toolbar script ${RESOURCE} did not load within 20 s.`);
        // A late answer changes nothing.
        runResource(resourceScripts()[0] as HTMLScriptElement);
    });

    it('rejects at once when the page names no resource', async () => {
        await expect(loadAmeyoModule({ window, document, src: undefined, timers })).rejects.toThrow(
            'The adapter page does not name the Ameyo toolbar script'
        );
        expect(resourceScripts()).toEqual([]);
    });
});

describe('c-softphone-adapter loads the Ameyo toolbar only in ameyoToolbar mode', () => {
    it('a wrapper call center never loads the resource', async () => {
        const loadAmeyo = jest.fn(() => Promise.resolve({ createAmeyoToolbar }));
        const { adapter, root } = page({ loadAmeyo });
        await waitReady(adapter);
        expect(loadAmeyo).not.toHaveBeenCalled();
        expect(resourceScripts()).toEqual([]);
        expect(root.querySelector('iframe')).not.toBeNull();
    });

    it('a wrapper call center with the page loader adds no script element either', async () => {
        const { adapter } = page({ defaultAmeyoLoader: true, ameyoScriptUrl: RESOURCE });
        await waitReady(adapter);
        expect(resourceScripts()).toEqual([]);
    });

    it('an ameyoToolbar call center loads the page-named resource, then Ameyo’s own script', async () => {
        const { adapter } = page({
            settings: callCenterSettings(AMEYO_SETTINGS),
            defaultAmeyoLoader: true,
            ameyoScriptUrl: RESOURCE
        });
        await settle();
        const [script] = resourceScripts();
        expect(script?.getAttribute('src')).toBe(RESOURCE);
        expect(document.querySelector('script[src*="ameyo-integration"]')).toBeNull();
        runResource(script as HTMLScriptElement);
        await waitReady(adapter);
        expect(adapter.config()?.ameyo).not.toBeNull();
        expect(document.querySelector('script[src*="ameyo-integration-v4.2.js"]')).not.toBeNull();
    });

    it('shows a clear issue in the panel and keeps the softphone running when the resource cannot load', async () => {
        const { wb, adapter, root } = page({
            settings: callCenterSettings(AMEYO_SETTINGS),
            defaultAmeyoLoader: true,
            ameyoScriptUrl: RESOURCE
        });
        await settle();
        resourceScripts()[0]?.dispatchEvent(new Event('error'));
        await waitReady(adapter);
        const box = root.querySelector('.sfa-settings');
        expect(box?.querySelector('.slds-alert_error')).not.toBeNull();
        expect(box?.textContent).toContain('The softphone stays off until its address is set.');
        expect(settingsItems(root)).toContainEqual(
            `Softphone Protocol > Protocol: The Ameyo toolbar cannot start: The Ameyo toolbar script ${RESOURCE} could not be loaded. Deploy the whole package again (the static resource softphoneAmeyo and the page SoftphoneAdapter).`
        );
        // Started all the same: initialized, the bridge running for stored logs, click-to-dial off.
        expect(adapter.bridge()).not.toBeNull();
        expect(wb.host.isInitialized()).toBe(true);
        expect(wb.host.isClickToDialEnabled()).toBe(false);
        expect(document.querySelector('script[src*="ameyo-integration"]')).toBeNull();
        snapshotForA11y(root);
    });

    it('shows the issue when the page names no resource (an old adapter page)', async () => {
        const { adapter, root } = page({ settings: callCenterSettings(AMEYO_SETTINGS), defaultAmeyoLoader: true });
        await waitReady(adapter);
        expect(settingsItems(root).some((t) => t.includes('does not name the Ameyo toolbar script'))).toBe(true);
    });

    it('does not stall when the resource never answers', async () => {
        const { wb, adapter, root } = page({
            settings: callCenterSettings(AMEYO_SETTINGS),
            defaultAmeyoLoader: true,
            ameyoScriptUrl: RESOURCE
        });
        await waitReady(adapter);
        expect(wb.host.isInitialized()).toBe(true);
        expect(settingsItems(root).some((t) => t.includes('did not load within 20 s'))).toBe(true);
    });
});
