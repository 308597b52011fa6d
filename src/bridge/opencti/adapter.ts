/**
 * The Open CTI adapter: the boot sequence and the glue between `sforce.opencti`, the vendor
 * softphone iframe, the bridge core and the panel UI. The static resource `softphoneAdapter`
 * (src/resources/softphoneAdapter.ts) calls `startAdapter` once, as soon as the script runs.
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
import { createCommand, createEvent, errorFor, MESSAGE_CHANNEL_NAME } from 'c/softphoneProtocol';
import type { CallView, ChannelEvent, LogView, RecordRef } from 'c/softphoneProtocol';
import { createAmeyoToolbar } from '../ameyo/toolbar';
import type { AmeyoToolbar } from '../ameyo/toolbar';
import { createBridge, createEnvelope, createIdGenerator, isBridgeMessage, readFromSoftphone } from '../core/index';
import type { Bridge, BridgeError, DialRequest, Envelope, Scheduler, WrapperEvent } from '../core/index';
import { configFromSettings, formatLabel } from './adapterConfig';
import type { AdapterConfig, AdapterLabels } from './adapterConfig';
import { callOpenCti, createOpenCtiCrm, describeErrors } from './openCtiCrm';
import type { Timers } from './openCtiCrm';
import type { AppViewInfo, ClickToDialPayload, LmsSubscription, OpenCti } from './openCtiApi';
import { createPanelView } from './panelView';
import type { PanelView, PendingChoice } from './panelView';
import { phoneNormalizer } from 'c/phoneNumbers';
import { openTabStorage } from './storage';
import { createTaskFinder } from './taskQuery';
import type { FetchLike } from './taskQuery';
import type { LockManagerLike, TabStorage } from './storage';

/** Events kept while the adapter starts; more than this (a runaway sender) are dropped with a warning. */
export const MAX_EARLY_EVENTS = 500;
/** How long a click-to-dial waits for the softphone to finish loading. */
export const DIAL_WAIT_MS = 60_000;
/** Objects a call may be logged against from the page the agent is on (Task WhoId / WhatId). */
const LOGGABLE_OBJECTS: Readonly<Record<string, string>> = {
    Lead: '00Q',
    Contact: '003',
    Account: '001',
    Case: '500',
    Opportunity: '006'
};
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

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

function sameId(a: string | undefined, b: string | undefined): boolean {
    return !!a && !!b && a.slice(0, 15) === b.slice(0, 15);
}

/** The record a click-to-dial came from: a person account's contact as Who, else the clicked record. */
export function recordFromClick(payload: ClickToDialPayload): RecordRef | undefined {
    const name =
        typeof payload.recordName === 'string' && payload.recordName ? payload.recordName.slice(0, 255) : undefined;
    if (payload.personAccount === true && typeof payload.contactId === 'string' && RECORD_ID.test(payload.contactId))
        return { recordId: payload.contactId, objectType: 'Contact', ...(name ? { name } : {}) };
    const recordId = payload.recordId;
    if (typeof recordId !== 'string' || !RECORD_ID.test(recordId)) return undefined;
    const objectType =
        typeof payload.objectType === 'string' && payload.objectType ? payload.objectType.slice(0, 80) : undefined;
    // A User (or Group) record cannot own activities: the call is logged without Who/What.
    if (objectType === 'User' || objectType === 'Group' || recordId.startsWith('005') || recordId.startsWith('00G'))
        return undefined;
    return { recordId, ...(objectType ? { objectType } : {}), ...(name ? { name } : {}) };
}

/** The record the agent is on, when a call may be logged against it. */
export function loggableRecord(view: AppViewInfo | undefined): RecordRef | undefined {
    const recordId = view?.recordId;
    if (typeof recordId !== 'string' || !RECORD_ID.test(recordId)) return undefined;
    const objectType =
        typeof view?.objectType === 'string' && view.objectType
            ? view.objectType
            : Object.keys(LOGGABLE_OBJECTS).find((name) => recordId.startsWith(LOGGABLE_OBJECTS[name] ?? '-'));
    if (!objectType || !(objectType in LOGGABLE_OBJECTS)) return undefined;
    const name = typeof view?.recordName === 'string' && view.recordName ? view.recordName.slice(0, 255) : undefined;
    return { recordId, objectType, ...(name ? { name } : {}) };
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
    let iframe: HTMLIFrameElement | null = null;
    /** Protocol ameyoToolbar: Ameyo's toolbar instead of the wrapper softphone (src/bridge/ameyo/). */
    let ameyo: AmeyoToolbar | null = null;
    let acceptedOrigin: string | null = null;
    let ready = false;
    let disposed = false;
    let currentView: AppViewInfo | undefined;
    let subscription: LmsSubscription | undefined;
    let pendingDial: { request: DialRequest; at: number } | undefined;
    const early: Array<() => void> = [];
    let droppedEarly = 0;
    const calls = new Map<string, CallView>();
    const logViews = new Map<string, LogView>();
    const acceptedViews = new Map<string, AppViewInfo>();
    const silentOpens = new Set<string>();

    const view = createPanelView({
        document: env.document,
        root: env.root,
        labels,
        onRetryLogs: () => runCommand('retryLogs', undefined),
        onChoose: (conversationId, record) => runCommand('choosePopTarget', { conversationId, record })
    });

    /** Runs now when started, or later in arrival order. */
    function whenReady(task: () => void): void {
        if (disposed) return;
        if (ready) {
            guarded(task);
            return;
        }
        if (early.length >= MAX_EARLY_EVENTS) {
            droppedEarly += 1;
            return;
        }
        early.push(task);
    }

    function guarded(task: () => void): void {
        try {
            task();
        } catch (error) {
            log.error('[SoftphoneAdapter] An event could not be handled:', error);
        }
    }

    /** Sends a command through the same validation as the softphoneBridge component's. */
    function runCommand(type: 'retryLogs' | 'choosePopTarget', payload: unknown): void {
        const command = createCommand(type as 'retryLogs', payload as undefined, nextCommandId());
        if (!command.ok) {
            warn(`Internal ${type} command rejected: ${command.error.message}`);
            return;
        }
        whenReady(() => bridge?.receiveChannelMessage(command.value));
    }

    /* ------------------------------------------------------------------ panel state from channel events */

    function refreshChoice(): void {
        if (config?.pop.multipleMatches !== 'ask') {
            view.setChoice(null);
            return;
        }
        let choice: PendingChoice | null = null;
        for (const call of calls.values()) {
            const live = call.state === 'ringing' || call.state === 'connected' || call.state === 'dialing';
            if ((live || call.state === 'ended') && !call.record && call.matches.length > 1) {
                if (!choice || call.startedAt > (calls.get(choice.conversationId)?.startedAt ?? 0)) {
                    choice = { conversationId: call.conversationId, matches: call.matches };
                    if (call.phoneNumber) choice.phoneNumber = call.phoneNumber;
                }
            }
        }
        view.setChoice(choice);
    }

    function observe(event: ChannelEvent): void {
        switch (event.type) {
            case 'callStateChanged':
                calls.set(event.payload.conversationId, event.payload);
                if (calls.size > 50) calls.delete(calls.keys().next().value as string);
                refreshChoice();
                return;
            case 'logStatus':
                logViews.set(event.payload.conversationId, event.payload);
                if (event.payload.status === 'saved') logViews.delete(event.payload.conversationId);
                view.setLogs([...logViews.values()]);
                return;
            case 'error':
                if (event.payload.audience !== 'developer') view.showNotice(event.payload.message);
                else warn(event.payload.message);
                return;
            default:
                return;
        }
    }

    /* ------------------------------------------------------------------ the softphone iframe */

    function postToSoftphone(envelope: Envelope): void {
        const target = iframe?.contentWindow;
        if (!target || !acceptedOrigin) throw new Error('the softphone frame is not loaded.');
        // Never '*': only the configured softphone origin may read call data.
        target.postMessage(envelope, acceptedOrigin);
    }

    function afterCall(type: string, conversationId: string): void {
        if (type === 'callAccepted' && currentView) {
            // Remember where the agent was when the call connected (Who/What if the pop found none).
            acceptedViews.set(conversationId, currentView);
            if (acceptedViews.size > 50) acceptedViews.delete(acceptedViews.keys().next().value as string);
        }
        if (type === 'callEnded' || type === 'callRejected') enableClickToDial();
    }

    function handleSoftphoneMessage(data: unknown): void {
        if (!bridge) return;
        // Validated once, here: the bridge acts on this result rather than validating `data` again.
        const peek = readFromSoftphone(data);
        const call = peek.ok && peek.value.kind === 'call' ? peek.value.call : undefined;
        const conversationId = call && 'conversationId' in call.payload ? call.payload.conversationId : undefined;
        // The record the agent opened during the call, before its Task is first written.
        if (call?.type === 'callEnded' && conversationId) attachCurrentRecord(conversationId, 'end');
        const reply = bridge.answerSoftphone(peek, data);
        if (reply) {
            try {
                postToSoftphone(reply);
            } catch (error) {
                warn(`Could not answer the softphone: ${error instanceof Error ? error.message : String(error)}`);
            }
        }
        if (call && conversationId) afterCall(call.type, conversationId);
        if (peek.ok && peek.value.kind === 'hello') retryPendingDial();
    }

    function handleWindowMessage(event: MessageEvent): void {
        const frameWindow = iframe?.contentWindow;
        // Both checks, always: the frame's window (not another frame of the same vendor) and its origin.
        if (!frameWindow || event.source !== frameWindow || !acceptedOrigin || event.origin !== acceptedOrigin) return;
        const data: unknown = event.data;
        if (!isBridgeMessage(data)) return;
        whenReady(() => handleSoftphoneMessage(data));
    }

    /* ------------------------------------------------------------------ click-to-dial */

    function enableClickToDial(): void {
        if (!env.opencti || !config?.clickToDialReady) return;
        // Peers' lesson (Amazon Connect adapter #76, demo adapter #8): enable again after each call.
        env.opencti.enableClickToDial({
            callback: (response) => {
                if (!response.success) warn(`enableClickToDial failed: ${describeErrors(response.errors)}`);
            }
        });
    }

    function reportDialError(number: string, error: BridgeError): void {
        const audience = error.code === 'NOT_CONFIGURED' ? 'admin' : 'agent';
        const event = createEvent('error', errorFor(error, audience));
        if (event.ok) publish(event.value);
        // After publishing: the panel shows this fuller text rather than the event's.
        view.showNotice(formatLabel(labels.dialFailed, number, error.message));
    }

    function dial(request: DialRequest): void {
        if (!bridge) return;
        const result = bridge.clickToDial(request);
        if (result.ok) {
            pendingDial = undefined;
        } else if (result.error.code === 'NOT_CONNECTED' && iframe) {
            // The softphone is still loading: dial as soon as it says hello.
            pendingDial = { request, at: clock() };
        } else {
            reportDialError(request.number, result.error);
        }
        enableClickToDial();
    }

    function retryPendingDial(): void {
        const waiting = pendingDial;
        pendingDial = undefined;
        if (waiting && clock() - waiting.at <= DIAL_WAIT_MS) dial(waiting.request);
    }

    function handleClickToDial(payload: ClickToDialPayload): void {
        const raw = payload as ClickToDialPayload & { returnValue?: ClickToDialPayload };
        // Older guide versions show the payload under returnValue; accept both.
        const click =
            raw && typeof raw === 'object' && raw.number === undefined && raw.returnValue ? raw.returnValue : raw;
        const number =
            click && (typeof click.number === 'string' || typeof click.number === 'number') ? String(click.number) : '';
        const record = click ? recordFromClick(click) : undefined;
        whenReady(() => dial({ number, ...(record ? { record } : {}) }));
    }

    /* ------------------------------------------------------------------ the agent's page */

    /**
     * Who/What from the agent's page, only where it is the call's own record: the agent opened one
     * of its matches while it was live (`match`) or when it ended (`end`), or the record they just
     * created from its no-match pop (`created`). Never any other page: a call without a match is
     * logged without Who/What rather than against whatever the agent opened afterwards.
     */
    function attachCurrentRecord(conversationId: string, mode: 'match' | 'end'): void {
        const call = calls.get(conversationId);
        if (!call || call.record || call.matches.length === 0) return;
        // Only the call being worked on: a finished call is never linked from navigation.
        const live = call.state === 'ringing' || call.state === 'connected' || call.state === 'dialing';
        if (!live) return;
        const candidates =
            mode === 'end'
                ? [loggableRecord(currentView), loggableRecord(acceptedViews.get(conversationId))]
                : [loggableRecord(currentView)];
        for (const record of candidates) {
            const match = record && call.matches.find((m) => sameId(m.recordId, record.recordId));
            if (match) {
                attachSilently(conversationId, match);
                return;
            }
        }
    }

    /** Links the call without navigating (the agent stays where they are). */
    function attachSilently(conversationId: string, record: RecordRef): void {
        const command = createCommand('choosePopTarget', { conversationId, record }, nextCommandId());
        if (!command.ok) return;
        silentOpens.add(record.recordId.slice(0, 15));
        bridge?.receiveChannelMessage(command.value);
    }

    /**
     * The record the agent saved from a no-match pop's New Lead / New Contact form: Lightning goes
     * from `/lightning/o/<Object>/new` to the new record's page. It belongs to the newest call that
     * popped that form (still live, or ended within its wrap-up) and has no record.
     */
    function attachCreatedRecord(previous: AppViewInfo | undefined, next: AppViewInfo): void {
        const noMatch = config?.pop.noMatch;
        if (noMatch !== 'newLead' && noMatch !== 'newContact') return;
        const objectType = noMatch === 'newLead' ? 'Lead' : 'Contact';
        const from = typeof previous?.url === 'string' ? previous.url : '';
        if (!new RegExp(`/lightning/o/${objectType}/new(?:[?#]|$)`).test(from)) return;
        const record = loggableRecord(next);
        if (!record || record.objectType !== objectType) return;
        const call = [...calls.values()]
            .filter(
                (c) =>
                    c.direction === 'inbound' &&
                    !c.record &&
                    c.matches.length === 0 &&
                    (c.state === 'ringing' || c.state === 'connected' || c.state === 'ended' || c.state === 'wrappedUp')
            )
            .sort((a, b) => b.startedAt - a.startedAt)[0];
        if (call) attachSilently(call.conversationId, record);
    }

    function handleNavigation(info: AppViewInfo): void {
        if (!info || typeof info !== 'object') return;
        const previous = currentView;
        currentView = info;
        whenReady(() => {
            attachCreatedRecord(previous, info);
            for (const call of [...calls.values()]) attachCurrentRecord(call.conversationId, 'match');
        });
    }

    /* ------------------------------------------------------------------ LMS */

    function publish(event: ChannelEvent): void {
        crm?.publish(event);
    }

    function handleChannelMessage(message: unknown): void {
        whenReady(() => {
            if (ameyo?.receiveChannelMessage(message)) return;
            bridge?.receiveChannelMessage(message);
        });
    }

    /* ------------------------------------------------------------------ start: listeners first */

    let crm: ReturnType<typeof createOpenCtiCrm> | null = null;
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
        win.addEventListener('message', handleWindowMessage);
        try {
            opencti.onClickToDial({ listener: handleClickToDial });
            opencti.onNavigationChange({ listener: handleNavigation });
            opencti.subscribe({
                channelName: MESSAGE_CHANNEL_NAME,
                listener: handleChannelMessage,
                callback: (response) => {
                    if (response.success && response.returnValue) subscription = response.returnValue;
                    else warn(`Subscribing to ${MESSAGE_CHANNEL_NAME} failed: ${describeErrors(response.errors)}`);
                }
            });
        } catch (error) {
            log.error('[SoftphoneAdapter] Registering Open CTI listeners failed:', error);
        }
        opencti.getAppViewInfo({
            callback: (response) => {
                // A navigation event that came first is newer: keep it.
                if (response.success && response.returnValue && !currentView) currentView = response.returnValue;
            }
        });
        void boot(opencti).finally(finishReady);
    }

    async function boot(api: OpenCti): Promise<void> {
        try {
            const settings = await callOpenCti(
                'getCallCenterSettings',
                (callback) => api.getCallCenterSettings({ callback }),
                timers
            ).catch((error: unknown) => {
                warn(`getCallCenterSettings failed: ${error instanceof Error ? error.message : String(error)}`);
                return null;
            });
            const current = configFromSettings(settings, { adapterOrigin: win.location.origin, labels });
            config = current;
            view.showSettingsIssues(current.issues, current.softphoneSrc === null && current.ameyo === null);
            if (current.ameyo) {
                ameyo = createAmeyoToolbar({
                    ...current.ameyo,
                    window: win,
                    document: env.document,
                    crmOrigin: win.location.origin,
                    mountFrame: (src) => view.mountSoftphone(src),
                    publish: (event) => publish(event),
                    clock,
                    timers,
                    onWarning: warn
                });
            } else if (current.softphoneSrc && current.softphoneOrigin) {
                acceptedOrigin = current.softphoneOrigin;
                // Load the softphone now: it may take long, and its early messages are queued.
                iframe = view.mountSoftphone(current.softphoneSrc);
            }
            const fetchFn: FetchLike | undefined =
                env.fetch ?? (typeof win.fetch === 'function' ? (input, init) => win.fetch(input, init) : undefined);
            const session = env.apiSession;
            crm = createOpenCtiCrm({
                opencti: api,
                timers,
                pop: current.pop,
                currentRecordId: () => currentView?.recordId,
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
            if (!crm.findLog)
                warn('No API session on the page: a log whose save was interrupted may be created twice.');
            const base = crm;
            crm = {
                ...base,
                publish(event) {
                    base.publish(event);
                    observe(event);
                    ameyo?.observe(event);
                },
                openRecord(record) {
                    if (silentOpens.delete(record.recordId.slice(0, 15))) return Promise.resolve();
                    return base.openRecord(record);
                }
            };
            tab = await openTabStorage({
                local:
                    env.localStorage === null ? undefined : (env.localStorage ?? safeStorage(() => win.localStorage)),
                session:
                    env.sessionStorage === null
                        ? undefined
                        : (env.sessionStorage ?? safeStorage(() => win.sessionStorage)),
                locks:
                    env.locks === null
                        ? undefined
                        : (env.locks ?? (win.navigator as Navigator & { locks?: LockManagerLike }).locks),
                clock,
                timers,
                newId,
                onWarning: warn
            });
            if (disposed) return;
            const scheduler: Scheduler = timers;
            bridge = createBridge({
                crm,
                softphone: ameyo?.port ?? {
                    send(event: WrapperEvent) {
                        postToSoftphone(createEnvelope('event', event.type, nextEnvelopeId(), event.payload));
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
            ready = true;
            const queued = early.splice(0);
            for (const task of queued) guarded(task);
            if (droppedEarly > 0) warn(`${droppedEarly} events that arrived during start-up were dropped (too many).`);
            if (current.clickToDialReady) enableClickToDial();
            else api.disableClickToDial({});
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
        win.removeEventListener('message', handleWindowMessage);
        bridge?.dispose();
        ameyo?.dispose();
        tab?.release();
        if (subscription && opencti) opencti.unsubscribe({ subscription });
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
