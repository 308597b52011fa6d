/**
 * The Open CTI adapter: the boot sequence and the wiring between `sforce.opencti`, the vendor
 * softphone iframe, the bridge core and the panel UI. The static resource `softphoneAdapter`
 * (src/resources/softphoneAdapter.ts) calls `startAdapter` once, as soon as the script runs.
 *
 * Each job is a unit of its own, tested on its own: startupQueue.ts (what arrives before the
 * bridge runs), softphoneChannel.ts (the iframe and its messages), clickToDial.ts,
 * recordContext.ts (the agent's page and when it becomes a call's Who/What), componentChannel.ts
 * (the message channel and the panel's view of it), storage.ts (this tab's storage).
 *
 * Boot order (peers' lesson, Amazon Connect adapter #248: calls during a 20 s start-up created no
 * Task): listeners first, synchronously (window `message`, onClickToDial, onNavigationChange, the
 * LMS subscription); then, asynchronously, settings → softphone iframe → this tab's storage →
 * bridge.start() → replay of everything that arrived meanwhile, in order → click-to-dial on →
 * notifyInitializationComplete.
 *
 * Trust: a window message is handled only when `event.source` is the softphone iframe's window AND
 * `event.origin` is the configured softphone origin; everything else is ignored. A message that
 * claims the bridge protocol but is malformed is answered with an error envelope and changes
 * nothing; an error is never answered. Each message is validated once (`readFromSoftphone`,
 * bounded before any work) and the bridge acts on that result. Channel commands are
 * validated by the core too.
 */
import { createEvent, errorFor, validateChannelMessage } from 'c/softphoneProtocol';
import type { AmeyoToolbar } from '../ameyo/toolbar';
import { createBridge, createEnvelope, createIdGenerator, validateSoftphoneCall } from '../core/index';
import type { Bridge, CrmActions, Scheduler, WrapperEvent } from '../core/index';
import { configFromSettings, formatLabel, withoutAmeyo } from './adapterConfig';
import type { AdapterConfig, AdapterLabels } from './adapterConfig';
import { loadAmeyoModule } from './ameyoLoader';
import type { AmeyoModule } from './ameyoLoader';
import { createClickToDial, readClickToDial } from './clickToDial';
import { createComponentChannel } from './componentChannel';
import { callOpenCtiOnceReady, createOpenCtiCrm, describeErrors } from './openCtiCrm';
import type { Timers } from './openCtiCrm';
import type { AppViewInfo, OpenCti } from './openCtiApi';
import { createPanelView } from './panelView';
import type { PanelView } from './panelView';
import { phoneNormalizer } from 'c/phoneNumbers';
import { createRecordContext } from './recordContext';
import { createSoftphoneChannel } from './softphoneChannel';
import type { RelayHooks } from './softphoneChannel';
import { createStartupQueue } from './startupQueue';
import { openTabStorage } from './storage';
import type { LockManagerLike, TabStorage } from './storage';
import { createTaskFinder } from './taskQuery';
import type { FetchLike } from './taskQuery';

/** Events kept while the adapter starts; more than this (a runaway sender) are dropped with a warning. */
export const MAX_EARLY_EVENTS = 500;
export { DIAL_WAIT_MS } from './clickToDial';
export { loggableRecord, recordFromClick } from './recordContext';

export interface AdapterEnvironment {
    /** The adapter page's window: `message` events, origin, storage, navigator.locks. */
    window: Window;
    document: Document;
    /** Where the panel renders. */
    root: HTMLElement;
    /** `window.sforce.opencti`, or undefined when opencti_min.js did not load. */
    opencti: OpenCti | undefined;
    labels: AdapterLabels;
    /** Defaults: the window's timers and Date.now; the window's navigator.locks and storages. */
    timers?: Timers;
    clock?: () => number;
    locks?: LockManagerLike | null;
    localStorage?: Storage | null;
    sessionStorage?: Storage | null;
    newId?: () => string;
    console?: Pick<Console, 'warn' | 'error'>;
    /**
     * The page's API session (`{!$Api.Session_ID}`, `{!$User.Id}`), for finding a call's Task by
     * CallObject (taskQuery.ts). Without it a create whose outcome is unknown is made again.
     */
    apiSession?: { sessionId: string; userId?: string };
    /** Default: the window's fetch (same-origin requests to the Visualforce domain). */
    fetch?: FetchLike;
    /**
     * The agent's Salesforce time zone (`{!$User.TimeZoneSidKey}` on the page's root, `data-time-zone`),
     * which dates the Tasks as Salesforce's own "Log a Call" does. Default: the browser's zone.
     */
    timeZone?: string;
    /** URL of the static resource softphoneAmeyo (`data-ameyo-script` on the page's root), loaded in ameyoToolbar mode only. */
    ameyoScriptUrl?: string;
    /** Default: loads `ameyoScriptUrl` with a script element (ameyoLoader.ts). */
    loadAmeyo?: () => Promise<AmeyoModule>;
}

/** REST API version of the Task lookup: the page's Open CTI version (SoftphoneAdapter.page). */
export const REST_API_VERSION = '68.0';

export interface AdapterHandle {
    /** Resolves when start-up finished (also after a failure, which the panel shows). */
    readonly ready: Promise<void>;
    bridge(): Bridge | null;
    config(): AdapterConfig | null;
    tab(): TabStorage | null;
    readonly view: PanelView;
    /** Stops timers and releases the tab's lock (pending logs stay stored). */
    dispose(): void;
}

function randomId(): string {
    const bytes = new Uint8Array(8);
    globalThis.crypto?.getRandomValues?.(bytes);
    const random = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${Date.now().toString(36)}${random || Math.random().toString(36).slice(2)}`;
}

function safeStorage(get: () => Storage | null | undefined): Storage | undefined {
    try {
        return get() ?? undefined;
    } catch {
        return undefined; // blocked third-party storage throws on access
    }
}

/** Starts the adapter. Registers every listener before it returns; the rest continues asynchronously. */
export function startAdapter(env: AdapterEnvironment): AdapterHandle {
    const win = env.window;
    const log = env.console ?? console;
    const timers: Timers = env.timers ?? {
        setTimeout: (callback, delayMs) => win.setTimeout(callback, delayMs),
        clearTimeout: (handle) => win.clearTimeout(handle as number)
    };
    const clock = env.clock ?? (() => Date.now());
    const newId = env.newId ?? randomId;
    const labels = env.labels;
    const adapterId = newId().slice(0, 40);
    const nextEnvelopeId = createIdGenerator(`adapter-${adapterId}`);
    const nextCommandId = createIdGenerator(`panel-${adapterId}`);
    const warn = (message: string): void => log.warn(`[SoftphoneAdapter] ${message}`);

    let bridge: Bridge | null = null;
    let config: AdapterConfig | null = null;
    let tab: TabStorage | null = null;
    /** This tab's storage while it opens (its lock taken first thing at boot). */
    let tabOpening: Promise<TabStorage> | null = null;
    let crm: CrmActions | null = null;
    /** Protocol ameyoToolbar: Ameyo's toolbar instead of the wrapper softphone (src/bridge/ameyo/). */
    let ameyo: AmeyoToolbar | null = null;
    let disposed = false;

    const queue = createStartupQueue({
        limit: MAX_EARLY_EVENTS,
        onError: (error) => log.error('[SoftphoneAdapter] An event could not be handled:', error),
        onWarning: warn
    });
    const view = createPanelView({
        document: env.document,
        root: env.root,
        labels,
        onRetryLogs: () => void channel.send({ type: 'retryLogs', payload: undefined }, 'queued'),
        onChoose: (conversationId, record) =>
            void channel.send({ type: 'choosePopTarget', payload: { conversationId, record } }, 'queued')
    });
    const channel = createComponentChannel({
        view,
        multipleMatches: () => config?.pop.multipleMatches,
        bridge: () => bridge,
        interceptor: () => ameyo,
        whenReady: (task) => queue.run(task),
        nextCommandId,
        onWarning: warn,
        later: (task, delayMs) =>
            void timers.setTimeout(() => {
                if (!disposed) task();
            }, delayMs)
    });
    const context = createRecordContext({
        now: () => clock(),
        calls: () => channel.calls(),
        call: (conversationId) => channel.call(conversationId),
        noMatch: () => config?.pop.noMatch,
        link: (conversationId, record) =>
            channel.send({ type: 'choosePopTarget', payload: { conversationId, record } }, 'now')
    });
    const softphone = createSoftphoneChannel({
        window: win,
        onMessage: (data) => queue.run(() => bridge && softphone.relay(bridge, data, relayHooks))
    });
    const dialer = createClickToDial({
        opencti: env.opencti,
        bridge: () => bridge,
        configured: () => config?.clickToDialReady === true,
        softphoneLoading: () => softphone.attached,
        clock,
        onDialError: (number, error) => {
            const event = createEvent('error', errorFor(error, error.code === 'NOT_CONFIGURED' ? 'admin' : 'agent'));
            if (event.ok) crm?.publish(event.value);
            // After publishing: the panel shows this fuller text rather than the event's.
            view.showNotice(formatLabel(labels.dialFailed, number, error.message));
        },
        onWarning: warn
    });
    const relayHooks: RelayHooks = {
        // The record the agent opened during the call, before its Task is first written.
        beforeCall: (call, conversationId) => {
            if (call.type === 'callEnded') context.callEnding(conversationId);
        },
        afterCall: (call, conversationId) => {
            if (call.type === 'callAccepted') context.callAccepted(conversationId);
            if (call.type === 'callEnded' || call.type === 'callRejected') dialer.enable();
        },
        afterHello: () => dialer.retryPending(),
        onWarning: warn
    };

    /* ------------------------------------------------------------------ listeners first, synchronously */

    const opencti = env.opencti;
    let finishReady: () => void = () => undefined;
    const readyPromise = new Promise<void>((resolve) => (finishReady = resolve));

    if (!opencti || typeof opencti.getCallCenterSettings !== 'function') {
        view.showFatal(labels.noOpenCti);
        log.error(
            '[SoftphoneAdapter] sforce.opencti is not available: opencti_min.js did not load, or this page is not inside the Open CTI softphone utility.'
        );
        finishReady();
    } else {
        softphone.listen();
        try {
            opencti.onClickToDial({
                listener: (payload) => {
                    const request = readClickToDial(payload);
                    queue.run(() => dialer.dial(request));
                }
            });
            opencti.onNavigationChange({
                listener: (info) => {
                    if (!info || typeof info !== 'object') return;
                    const previous = context.navigate(info);
                    queue.run(() => context.linkAfterNavigation(previous, info));
                }
            });
            channel.subscribe(opencti);
        } catch (error) {
            log.error('[SoftphoneAdapter] Registering Open CTI listeners failed:', error);
        }
        // Asked again while the softphone container is starting; without an answer the page is known
        // from the first navigation event.
        void callOpenCtiOnceReady<AppViewInfo>(
            'getAppViewInfo',
            (callback) => opencti.getAppViewInfo({ callback }),
            timers
        ).then(
            (info) => {
                if (info && !disposed) context.initialView(info);
            },
            () => undefined
        );
        void boot(opencti).finally(finishReady);
    }

    /* ------------------------------------------------------------------ then the rest, in order */

    /** The CRM actions the bridge uses: Open CTI, seen by the panel (and Ameyo), silent links kept silent. */
    function createCrm(api: OpenCti, current: AdapterConfig): CrmActions {
        const fetchFn: FetchLike | undefined =
            env.fetch ?? (typeof win.fetch === 'function' ? (input, init) => win.fetch(input, init) : undefined);
        const session = env.apiSession;
        const base = createOpenCtiCrm({
            opencti: api,
            timers,
            pop: current.pop,
            currentRecordId: () => context.view?.recordId,
            onWarning: warn,
            ...(session?.sessionId && fetchFn
                ? {
                      findLog: createTaskFinder({
                          fetch: fetchFn,
                          sessionId: session.sessionId,
                          ...(session.userId ? { userId: session.userId } : {}),
                          apiVersion: REST_API_VERSION,
                          timers
                      })
                  }
                : {})
        });
        if (!base.findLog) warn('No API session on the page: a log whose save was interrupted may be created twice.');
        const seen: CrmActions = {
            ...base,
            publish(event) {
                base.publish(event);
                channel.observe(event);
                ameyo?.observe(event);
            },
            openRecord(record) {
                if (context.takeSilentOpen(record)) return Promise.resolve();
                return base.openRecord(record);
            }
        };
        return seen;
    }

    /** The Ameyo toolbar's module (static resource softphoneAmeyo), or why it cannot start. */
    async function loadAmeyo(): Promise<AmeyoModule | string> {
        try {
            return await (
                env.loadAmeyo ??
                (() => loadAmeyoModule({ window: win, document: env.document, src: env.ameyoScriptUrl, timers }))
            )();
        } catch (error) {
            log.error('[SoftphoneAdapter] The Ameyo toolbar could not start:', error);
            return error instanceof Error ? error.message : String(error);
        }
    }

    async function boot(api: OpenCti): Promise<void> {
        // This tab's lock first, before the settings round trip: a tab reloading mid-call holds it
        // again at once, so another adapter starting meanwhile does not take its calls as a closed tab's.
        const tabStorage = (tabOpening = openTabStorage({
            local: env.localStorage === null ? undefined : (env.localStorage ?? safeStorage(() => win.localStorage)),
            session:
                env.sessionStorage === null ? undefined : (env.sessionStorage ?? safeStorage(() => win.sessionStorage)),
            locks:
                env.locks === null
                    ? undefined
                    : (env.locks ?? (win.navigator as Navigator & { locks?: LockManagerLike }).locks),
            clock,
            timers,
            newId,
            onWarning: warn
        }));
        tabStorage.catch(() => undefined); // awaited below; a failure surfaces there
        try {
            let failure: string | undefined;
            const settings = await callOpenCtiOnceReady(
                'getCallCenterSettings',
                (callback) => api.getCallCenterSettings({ callback }),
                timers
            ).catch((error: unknown) => {
                failure = error instanceof Error ? error.message : String(error);
                warn(`getCallCenterSettings failed: ${failure}`);
                return null;
            });
            let current = configFromSettings(settings, {
                adapterOrigin: win.location.origin,
                labels,
                ...(failure === undefined ? {} : { failure }),
                ...(env.timeZone ? { timeZone: env.timeZone } : {})
            });
            let toolbar: AmeyoModule | null = null;
            if (current.ameyo) {
                // Only now, and only for this protocol: the wrapper softphone never loads the toolbar's code.
                const loaded = await loadAmeyo();
                if (typeof loaded === 'string') current = withoutAmeyo(current, loaded);
                else toolbar = loaded;
            }
            config = current;
            view.showSettingsIssues(current.issues, current.softphoneSrc === null && current.ameyo === null);
            if (current.ameyo && toolbar) {
                ameyo = toolbar.createAmeyoToolbar({
                    ...current.ameyo,
                    contract: { createEvent, validateChannelMessage, validateSoftphoneCall },
                    window: win,
                    document: env.document,
                    crmOrigin: win.location.origin,
                    mountFrame: (src, ids) => view.mountSoftphone(src, ids),
                    publish: (event) => crm?.publish(event),
                    clock,
                    timers,
                    onWarning: warn
                });
            } else if (current.softphoneSrc && current.softphoneOrigin) {
                // Load the softphone now: it may take long, and its early messages are queued.
                softphone.attach(view.mountSoftphone(current.softphoneSrc), current.softphoneOrigin);
            }
            crm = createCrm(api, current);
            tab = await tabStorage;
            if (disposed) return; // dispose releases it once it has opened
            const scheduler: Scheduler = timers;
            bridge = createBridge({
                crm,
                softphone: ameyo?.port ?? {
                    send(event: WrapperEvent) {
                        softphone.post(createEnvelope('event', event.type, nextEnvelopeId(), event.payload));
                    }
                },
                settings: current.bridge,
                store: tab.store,
                scheduler,
                clock,
                normalizePhone: phoneNormalizer(current.defaultCountry),
                adapterId,
                retryPolicy: current.retryPolicy,
                onWarning: warn,
                ...(ameyo ? { amendLog: ameyo.amendLog.bind(ameyo) } : {})
            });
            bridge.start();
            ameyo?.attach(bridge, tab.store);
            queue.open();
            if (current.clickToDialReady) dialer.enable();
            // opencti.js throws for an empty argument object here (validateArguments): pass a callback,
            // as the dialer's enableClickToDial does.
            else
                api.disableClickToDial({
                    callback: (response) => {
                        if (!response.success) warn(`disableClickToDial failed: ${describeErrors(response.errors)}`);
                    }
                });
            api.notifyInitializationComplete({});
            view.setReady();
        } catch (error) {
            log.error('[SoftphoneAdapter] Start-up failed:', error);
            view.showFatal(error instanceof Error ? error.message : String(error));
        }
    }

    function dispose(): void {
        if (disposed) return;
        disposed = true;
        queue.close();
        softphone.dispose();
        bridge?.dispose();
        ameyo?.dispose();
        tab?.release();
        // Still opening (or boot stopped before it was needed): released once it has opened.
        tabOpening?.then((opened) => opened.release()).catch(() => undefined);
        if (opencti) channel.unsubscribe(opencti);
    }

    return {
        ready: readyPromise,
        bridge: () => bridge,
        config: () => config,
        tab: () => tab,
        view,
        dispose
    };
}
