/**
 * Glue between Ameyo's generic web toolbar (seed 004) and the bridge core, for the adapter page in
 * `ameyoToolbar` mode. It loads Ameyo's integration script, frames the toolbar in the seed's
 * `ameyoIframeDiv`, installs the CRM side Ameyo calls (getExtensionInfo, showCrm through
 * registerCustomFunction, every handler as a window function), and turns what happens into core
 * calls and channel events. Everything it decides is in ./mapping.ts (pure, unit-tested).
 *
 * Trust: Ameyo's script runs in the adapter page with the page's rights (as the seed requires); it
 * talks to its own frame itself. Everything it hands us is read liberally and validated by the core
 * before anything is written.
 */
import type {
    AgentSessionView,
    ChannelCommand,
    ChannelEvent,
    ChannelEventPayload,
    ChannelEventType,
    DispositionTreeView,
    createEvent,
    validateChannelMessage
} from 'c/softphoneProtocol';
import type { Bridge, CallLog, KeyValueStore, SoftphonePort, WrapperEvent, validateSoftphoneCall } from '../core/index';
import {
    AMEYO_CONTAINER_ID,
    AMEYO_FRAME_ID,
    AMEYO_HANDLERS,
    AMEYO_STORE_KEY,
    HANDLER_ALIASES,
    MAX_STORED_CALLS,
    ROUTING_HANDLERS,
    STORED_CALL_MS,
    ameyoScriptUrl,
    ameyoToolbarUrl,
    appendTimeline,
    callEndedFor,
    callsForShowCrm,
    extensionInfo,
    mergeToolbarState,
    notesSubmittedFor,
    planDial,
    readAvailability,
    readCallId,
    readCampaign,
    readDisposeResult,
    readDispositionCodes,
    readExtensionResult,
    readLogin,
    readShowCrm,
    readText,
    readToolbarState,
    refusesDisposeAndDial,
    timelineEntry,
    toolbarStateJson,
    withTimeline
} from './mapping';
import type { AmeyoCallState, AmeyoHandler, AmeyoToolbarState, RoutingHandler, SoftphoneCallDraft } from './mapping';

/** How long a disposition waits for Ameyo's answer before the wrap-up is reopened with an error. */
export const DISPOSE_TIMEOUT_MS = 20_000;

/** `ameyo.integration` as seed 004 documents it (names reconstructed, see mapping.ts). */
export interface AmeyoIntegration {
    registerCustomFunction(name: string, functions: Record<string, (...args: unknown[]) => unknown>): void;
    doForceLogin(): void;
    doLogout(): void;
    doDial(phone: string, customerId: string, additionalParameters: Record<string, string>): void;
    populateNumberInDialBox(phone: string): void;
    getDispositionCodes(campaignId?: string): void;
    disposeCallByDisposition(dispositionCode: string): void;
    disposeNDial(dispositionCode: string, phone: string): void;
    api: {
        setRecordInfoForShowCrm(
            requestId: string,
            recordId: string,
            phone: string,
            callback: (r: unknown) => void
        ): void;
    };
}

/**
 * The message contract, handed over by the adapter script that loads this one: the page then holds
 * one copy of it (this script stays about 4.5 KB gzip smaller), and both validate alike.
 */
export interface AmeyoContract {
    createEvent: typeof createEvent;
    validateChannelMessage: typeof validateChannelMessage;
    validateSoftphoneCall: typeof validateSoftphoneCall;
}

export interface AmeyoToolbarOptions {
    contract: AmeyoContract;
    window: Window;
    document: Document;
    baseUrl: string;
    scriptVersion: string;
    dialConfirm: boolean;
    extension: { name: string; phone: string } | null;
    /** The adapter page's origin (the toolbar's `origin` parameter). */
    crmOrigin: string;
    /** Frames the toolbar where the softphone frame goes; returns the iframe. */
    /** Adds the toolbar frame (`frameId`) inside a container (`containerId`), both created before it loads. */
    mountFrame(src: string, ids: { containerId: string; frameId: string }): HTMLIFrameElement;
    /** Publishes a validated event on the message channel. */
    publish(event: ChannelEvent): void;
    clock(): number;
    timers: { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
    onWarning(message: string): void;
}

export interface AmeyoToolbar {
    /** The core's vendor port: start_call becomes doDial / populateNumberInDialBox. */
    readonly port: SoftphonePort;
    /**
     * Hands the started bridge and the tab's store over: the pops and timelines stored before a
     * reload come back (merged with what came since), handler calls that came earlier run now, in
     * order, and pops whose call already has its record are acknowledged.
     */
    attach(bridge: Bridge, store?: KeyValueStore): void;
    /** Takes the channel commands Ameyo handles (returns true), leaves the rest to the core. */
    receiveChannelMessage(raw: unknown): boolean;
    /** Sees every event the core publishes (to acknowledge pops once the record is known). */
    observe(event: ChannelEvent): void;
    /** The bridge's `amendLog`: each call's transfer and conference timeline in its Task Description. */
    amendLog(conversationId: string, log: Partial<CallLog>): Partial<CallLog>;
    dispose(): void;
}

interface PendingDispose {
    conversationId: string;
    commandId: string;
    disposition: string;
    notes?: string;
    timer: unknown;
}

interface AmeyoHost {
    ameyo?: { integration?: AmeyoIntegration };
    [name: string]: unknown;
}

/** Loads the toolbar and installs the CRM side. */
export function createAmeyoToolbar(options: AmeyoToolbarOptions): AmeyoToolbar {
    const host = options.window as unknown as AmeyoHost;
    const warn = (message: string): void => options.onWarning(message);
    let bridge: Bridge | null = null;
    let disposed = false;
    const early: Array<() => void> = [];
    let session: AgentSessionView = { status: 'loggedOut', changedAt: options.clock() };
    let tree: DispositionTreeView | null = null;
    let current: AmeyoToolbarState['current'] | null = null;
    /** Each Ameyo call's pops and timeline; kept in the tab's store once attached (survives a reload). */
    const known = new Map<string, AmeyoCallState>();
    let store: KeyValueStore | null = null;
    let disposing: PendingDispose | null = null;
    /**
     * The disposition whose confirmation did not come in time. Ameyo may still confirm it (a slow
     * server); then it is logged as confirmed, since Ameyo has disposed the call and would refuse
     * the agent's retry ("null crtObjectId"), which would lose the disposition and notes.
     */
    let unconfirmed: PendingDispose | null = null;

    function callState(conversationId: string): AmeyoCallState {
        let call = known.get(conversationId);
        if (!call) {
            call = { conversationId, pops: [], timeline: [], updatedAt: options.clock() };
            known.set(conversationId, call);
        }
        call.updatedAt = options.clock();
        return call;
    }

    /** Writes the calls' pops and timelines to the tab's store (none before attach). */
    function persist(): void {
        const now = options.clock();
        // Memory keeps what storage keeps: the newest calls of the last hours.
        const newestFirst = [...known.values()].sort((a, b) => b.updatedAt - a.updatedAt);
        newestFirst.forEach((call, index) => {
            if (index >= MAX_STORED_CALLS || now - call.updatedAt > STORED_CALL_MS) known.delete(call.conversationId);
        });
        if (!store) return;
        const json = toolbarStateJson({ ...(current ? { current } : {}), calls: [...known.values()] }, now);
        try {
            if (json === null) store.removeItem(AMEYO_STORE_KEY);
            else store.setItem(AMEYO_STORE_KEY, json);
        } catch (error) {
            warn(
                `Ameyo call state could not be stored (${error instanceof Error ? error.message : String(error)}): transfers and pops since the last save would not survive a reload.`
            );
        }
    }

    function restore(from: KeyValueStore): void {
        let raw: string | null = null;
        try {
            raw = from.getItem(AMEYO_STORE_KEY);
        } catch (error) {
            warn(
                `Stored Ameyo call state could not be read (${error instanceof Error ? error.message : String(error)}).`
            );
        }
        const merged = mergeToolbarState(readToolbarState(raw, options.clock()), {
            ...(current ? { current } : {}),
            calls: [...known.values()]
        });
        known.clear();
        for (const call of merged.calls) known.set(call.conversationId, call);
        current = merged.current ?? null;
        store = from;
        persist();
    }

    function api(): AmeyoIntegration | undefined {
        return host.ameyo?.integration;
    }

    function publish<T extends ChannelEventType>(type: T, payload: ChannelEventPayload<T>): void {
        const event = options.contract.createEvent(type, payload);
        if (event.ok) options.publish(event.value);
        else warn(`Not published: ${type} (${event.error.message}).`);
    }

    /** Validates what Ameyo's handlers describe and hands it to the core; one that fails is reported, not dropped silently. */
    function handleCalls(b: Bridge, drafts: readonly SoftphoneCallDraft[]): void {
        for (const draft of drafts) {
            const result = options.contract.validateSoftphoneCall(draft.type, draft.payload);
            if (result.ok) b.handleSoftphoneCall(result.value.call);
            else
                warn(
                    `Ameyo's ${draft.type} for call ${String(draft.payload.conversationId)} was not handled: ${result.error.message}`
                );
        }
    }

    function updateSession(change: Partial<AgentSessionView>): void {
        const next: AgentSessionView = { ...session, ...change, changedAt: options.clock() };
        for (const key of Object.keys(next) as (keyof AgentSessionView)[])
            if (next[key] === undefined) delete next[key];
        session = next;
        publish('agentSession', session);
    }

    /** Ameyo may call before the bridge is started: keep the call for later, in order. */
    function withBridge(task: (b: Bridge) => void): void {
        if (disposed) return;
        if (bridge) task(bridge);
        else if (early.length < 500) early.push(() => bridge && task(bridge));
    }

    function callAmeyo(name: string, run: (integration: AmeyoIntegration) => void): void {
        const integration = api();
        if (!integration) throw new Error('the Ameyo toolbar is not loaded yet');
        run(integration);
    }

    function agentError(message: string, commandId?: string, conversationId?: string, code = 'AMEYO_REFUSED'): void {
        publish('error', {
            code,
            message: message.slice(0, 1_000),
            audience: 'agent',
            ...(commandId ? { commandId } : {}),
            ...(conversationId ? { conversationId } : {})
        });
    }

    /* ---------------------------------------------------------------- showCrm and acknowledgement */

    /** Acknowledges each pop of the call not acknowledged yet, once (stored before Ameyo is asked). */
    function acknowledge(conversationId: string): void {
        const call = known.get(conversationId);
        const waiting = call?.pops.filter((pop) => !pop.acked) ?? [];
        if (waiting.length === 0) return;
        for (const pop of waiting) pop.acked = true;
        persist();
        for (const pop of waiting) {
            try {
                // Seed 004, "screen pop flow": setRecordInfoForShowCrm(requestId, requestId, phone, callback).
                callAmeyo('setRecordInfoForShowCrm', (integration) =>
                    integration.api.setRecordInfoForShowCrm(pop.requestId, pop.requestId, pop.phone, (response) => {
                        if (!/success|true/i.test(readText(response) ?? 'success'))
                            warn(`setRecordInfoForShowCrm answered ${readText(response) ?? 'nothing'}.`);
                    })
                );
            } catch (error) {
                pop.acked = false;
                persist();
                warn(`Could not acknowledge the screen pop: ${error instanceof Error ? error.message : String(error)}`);
            }
        }
    }

    /** Acknowledges the pops of calls the bridge already has a record for (after a reload, a repeated showCrm). */
    function acknowledgeKnown(b: Bridge, conversationId?: string): void {
        for (const call of b.snapshot().calls)
            if (call.record && (conversationId === undefined || call.conversationId === conversationId))
                acknowledge(call.conversationId);
    }

    function showCrm(phone: unknown, additionalParameters: unknown, requestId: unknown): void {
        const request = readShowCrm(phone, additionalParameters, requestId);
        if (!request) {
            warn('showCrm without a request id was ignored.');
            return;
        }
        current = { conversationId: request.conversationId, direction: request.direction };
        const call = callState(request.conversationId);
        call.direction = request.direction;
        // Each request is acknowledged once; a repeated one (same request id) is not a new pop.
        if (!call.pops.some((pop) => pop.requestId === request.requestId))
            call.pops = [...call.pops, { requestId: request.requestId, phone: request.phone, acked: false }].slice(-20);
        persist();
        withBridge((b) => {
            handleCalls(b, callsForShowCrm(request));
            acknowledgeKnown(b, request.conversationId);
        });
    }

    /* ---------------------------------------------------------------- handlers */

    function conversationOf(crtInfo: unknown): string | undefined {
        return readCallId(crtInfo) ?? current?.conversationId;
    }

    function settleDispose(result: { ok: boolean; message?: string }): void {
        const pending = disposing ?? (result.ok ? unconfirmed : null);
        unconfirmed = null;
        if (!pending) {
            if (!result.ok)
                agentError(result.message ?? 'Ameyo refused the disposition.', undefined, current?.conversationId);
            return;
        }
        disposing = null;
        options.timers.clearTimeout(pending.timer);
        if (!result.ok) {
            // Seed 004: keep the wrap-up form open for correction, with Ameyo's reason.
            agentError(
                result.message ?? 'Ameyo refused the disposition.',
                pending.commandId,
                pending.conversationId,
                'DISPOSE_FAILED'
            );
            return;
        }
        const call = notesSubmittedFor(pending.conversationId, pending.disposition, pending.notes);
        withBridge((b) => handleCalls(b, [call]));
        if (result.message) warn(`Disposed; the next dial reported: ${result.message}`);
    }

    /** The agent bar shows the bound extension; a failed binding says Ameyo's detail and shows none. */
    function extensionChanged(result: ReturnType<typeof readExtensionResult>): void {
        if (result.ok) {
            updateSession({ extension: result.extension });
            return;
        }
        updateSession({ extension: undefined });
        agentError(`Ameyo could not bind the extension: ${result.message}`, undefined, undefined, 'AMEYO_EXTENSION');
    }

    function loggedIn(): void {
        withBridge((b) => b.handleSoftphoneLoaded());
        try {
            callAmeyo('getDispositionCodes', (integration) => integration.getDispositionCodes());
        } catch (error) {
            warn(`getDispositionCodes failed: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    const handlers: Record<AmeyoHandler, (...args: unknown[]) => void> = {
        // Seed 004: "verify the page and iframe are ready" (it may fire more than once, on redirects).
        onLoadHandler: () => {
            if (!options.document.getElementById(AMEYO_FRAME_ID))
                warn(`onLoadHandler: the toolbar frame #${AMEYO_FRAME_ID} is not on the page.`);
        },
        loginHandler: (status) => {
            const login = readLogin(status);
            updateSession({ status: login.status, message: login.message });
            if (login.status === 'loggedIn') loggedIn();
        },
        loginStatusHandler: (status) => {
            const login = readLogin(status);
            updateSession({ status: login.status === 'loginFailed' ? 'loggedOut' : login.status, message: undefined });
            if (login.status === 'loggedIn') loggedIn();
        },
        forceLoginHandler: (status, responseText) => {
            updateSession({
                status: 'forceLoginRequired',
                message: readText(responseText) ?? readText(status) ?? 'forceLoginRequired'
            });
        },
        logoutHandler: (status) => {
            // Seed 004: clear cached call context and disposition UI remnants.
            current = null;
            persist();
            if (disposing)
                settleDispose({ ok: false, message: 'Signed out of Ameyo before the disposition was confirmed.' });
            updateSession({
                status: 'loggedOut',
                message: readText(status),
                campaign: undefined,
                extension: undefined,
                dialMode: undefined,
                availability: undefined
            });
        },
        selectExtensionHandler: (response, crtInfo) => extensionChanged(readExtensionResult(response, crtInfo)),
        modifyExtensionHandler: (response, crtInfo) => extensionChanged(readExtensionResult(response, crtInfo)),
        selectCampaignHandler: (campaignNameWithId) => {
            const campaign = readCampaign(campaignNameWithId);
            updateSession({ campaign: campaign?.name });
            try {
                callAmeyo('getDispositionCodes', (integration) => integration.getDispositionCodes(campaign?.id));
            } catch (error) {
                warn(`getDispositionCodes failed: ${error instanceof Error ? error.message : String(error)}`);
            }
        },
        autoCallOnHandler: () => updateSession({ dialMode: 'auto' }),
        autoCallOffHandler: () => updateSession({ dialMode: 'manual' }),
        readyHandler: (status) => updateSession({ availability: readAvailability('readyHandler', status) }),
        breakHandler: (status) => updateSession({ availability: readAvailability('breakHandler', status) }),
        hangupHandler: (_response, crtInfo) => {
            const conversationId = conversationOf(crtInfo);
            if (!conversationId) return;
            const direction =
                current?.conversationId === conversationId
                    ? current.direction
                    : (known.get(conversationId)?.direction ?? 'inbound');
            const call = callEndedFor(conversationId, direction);
            withBridge((b) => handleCalls(b, [call]));
        },
        ...(Object.fromEntries(
            (Object.keys(ROUTING_HANDLERS) as RoutingHandler[]).map((name) => [
                name,
                (response: unknown, crtInfo: unknown) => {
                    const conversationId = conversationOf(crtInfo);
                    if (!conversationId) return;
                    const call = callState(conversationId);
                    call.timeline = appendTimeline(call.timeline, timelineEntry(name, response, options.clock()));
                    persist();
                    publish('callTimeline', { conversationId, entries: call.timeline });
                    // The Task already written gets the new line now, once (amendLog adds the timeline).
                    withBridge((b) => b.refreshLog(conversationId));
                }
            ])
        ) as Record<RoutingHandler, (...args: unknown[]) => void>),
        handleDispositionCodes: (codes) => {
            tree = readDispositionCodes(codes);
            publish('dispositionTree', tree);
        },
        handleDisposeCallByDispositionCode: (status, dialStatus) =>
            settleDispose(readDisposeResult(status, dialStatus)),
        handleFailedDispositionNotifyGeneric: (reason) =>
            settleDispose({ ok: false, message: readText(reason) ?? 'Ameyo refused the disposition.' })
    };

    function guard(name: string, handler: (...args: unknown[]) => void): (...args: unknown[]) => void {
        return (...args: unknown[]) => {
            try {
                handler(...args);
            } catch (error) {
                warn(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
            }
        };
    }

    /** Every handler under each name Ameyo may call it by (the seed's and its aliases). */
    const installed = new Map<string, (...args: unknown[]) => void>();

    function install(): void {
        // Seed 004, "auto-select the agent's extension": a global getExtensionInfo().
        host.getExtensionInfo = () => extensionInfo(options.extension);
        for (const name of AMEYO_HANDLERS) {
            const handler = guard(name, handlers[name]);
            for (const each of [name, ...(HANDLER_ALIASES[name] ?? [])]) installed.set(each, handler);
        }
        for (const [name, handler] of installed) host[name] = handler;
    }

    function register(): void {
        const integration = api();
        if (!integration || typeof integration.registerCustomFunction !== 'function') {
            updateSession({ status: 'loginFailed', message: 'The Ameyo integration script did not start.' });
            return;
        }
        // Seed 004: registerCustomFunction("showCrm", { showCrm: customShowCrm }) takes over the pop.
        integration.registerCustomFunction('showCrm', { showCrm: guard('showCrm', showCrm) });
        // Ameyo's script versions differ: some call only handlers registered this way, never a
        // window function of the same name, so every handler is registered too.
        for (const [name, handler] of installed) {
            try {
                integration.registerCustomFunction(name, { [name]: handler });
            } catch (error) {
                warn(
                    `registerCustomFunction(${name}) failed: ${error instanceof Error ? error.message : String(error)}`
                );
            }
        }
    }

    function load(): void {
        install();
        // Seed 004, "create the iframe container": a div #ameyoIframeDiv holding the toolbar frame,
        // there before Ameyo's script runs, as on a page whose markup has it.
        // The frame is created inside its container: moving a loaded iframe would load the toolbar twice.
        options.mountFrame(ameyoToolbarUrl(options.baseUrl, options.crmOrigin), {
            containerId: AMEYO_CONTAINER_ID,
            frameId: AMEYO_FRAME_ID
        });
        // The seed's sample page declares Ameyo's address for its script (`var ameyoBaseUrl`); some
        // script versions read it, others take the address of the page's last script, so it goes last.
        host.ameyoBaseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
        const scriptUrl = ameyoScriptUrl(options.baseUrl, options.scriptVersion);
        const script = options.document.createElement('script');
        script.src = scriptUrl;
        script.addEventListener('load', () => register());
        script.addEventListener('error', () => {
            warn(`The Ameyo integration script did not load from ${scriptUrl}.`);
            updateSession({
                status: 'loginFailed',
                message: `The Ameyo integration script did not load from ${scriptUrl}.`
            });
        });
        (options.document.body ?? options.document.documentElement).append(script);
    }

    /* ---------------------------------------------------------------- commands from Salesforce */

    function startDispose(command: ChannelCommand & { type: 'saveWrapUp' | 'disposeAndDial' }): void {
        const { conversationId } = command.payload;
        const disposition = command.payload.disposition?.trim() ?? '';
        if (disposing) {
            agentError(
                'Ameyo is still saving the previous disposition; try again in a moment.',
                command.id,
                conversationId
            );
            return;
        }
        if (command.type === 'disposeAndDial' && refusesDisposeAndDial(disposition)) {
            agentError(
                'The callback disposition cannot be used with dispose and dial next; dispose the call alone.',
                command.id,
                conversationId
            );
            return;
        }
        unconfirmed = null;
        const timer = options.timers.setTimeout(() => {
            const late = disposing;
            settleDispose({ ok: false, message: 'Ameyo did not confirm the disposition in time. Try again.' });
            unconfirmed = late;
        }, DISPOSE_TIMEOUT_MS);
        disposing = {
            conversationId,
            commandId: command.id,
            disposition,
            timer,
            ...(command.payload.notes !== undefined ? { notes: command.payload.notes } : {})
        };
        try {
            if (command.type === 'disposeAndDial')
                callAmeyo('disposeNDial', (integration) =>
                    integration.disposeNDial(disposition, command.payload.number)
                );
            else
                callAmeyo('disposeCallByDisposition', (integration) =>
                    integration.disposeCallByDisposition(disposition)
                );
        } catch (error) {
            settleDispose({
                ok: false,
                message: `Ameyo could not be asked: ${error instanceof Error ? error.message : String(error)}`
            });
        }
    }

    function runSessionCommand(command: ChannelCommand, name: 'doForceLogin' | 'doLogout'): void {
        try {
            callAmeyo(name, (integration) => integration[name]());
        } catch (error) {
            agentError(
                `Ameyo could not be asked: ${error instanceof Error ? error.message : String(error)}`,
                command.id
            );
        }
    }

    function republish(): void {
        publish('agentSession', session);
        if (tree) publish('dispositionTree', tree);
        for (const call of known.values())
            if (call.timeline.length > 0)
                publish('callTimeline', { conversationId: call.conversationId, entries: call.timeline });
    }

    load();

    return {
        port: {
            send(event: WrapperEvent) {
                switch (event.type) {
                    case 'start_call': {
                        const plan = planDial(event.payload, options.dialConfirm);
                        callAmeyo(plan.api, (integration) => {
                            if (plan.api === 'doDial') integration.doDial(...plan.args);
                            else integration.populateNumberInDialBox(...plan.args);
                        });
                        return;
                    }
                    case 'update_presence':
                        throw new Error('presence is changed in the Ameyo toolbar itself');
                    default:
                        // disposition, partner_config, get_presence: Ameyo has its own (handleDispositionCodes, readyHandler).
                        return;
                }
            }
        },
        attach(started, tabStore) {
            if (tabStore) restore(tabStore);
            bridge = started;
            for (const task of early.splice(0)) task();
            acknowledgeKnown(started);
            republish();
        },
        receiveChannelMessage(raw) {
            const message = options.contract.validateChannelMessage(raw);
            if (!message.ok || message.value.kind !== 'command') return false;
            const command = message.value;
            switch (command.type) {
                case 'confirmForceLogin':
                    runSessionCommand(command, 'doForceLogin');
                    return true;
                case 'signOut':
                    runSessionCommand(command, 'doLogout');
                    return true;
                case 'disposeAndDial':
                    startDispose(command);
                    return true;
                case 'saveWrapUp':
                    // Notes alone need no Ameyo call; a disposition is Ameyo's to confirm first.
                    if (!command.payload.disposition?.trim()) return false;
                    startDispose(command);
                    return true;
                case 'requestState':
                    // The core answers with its snapshot; the Ameyo state follows it.
                    bridge?.receiveChannelMessage(raw);
                    republish();
                    return true;
                default:
                    return false;
            }
        },
        observe(event) {
            if (event.type === 'callStateChanged' && event.payload.record) acknowledge(event.payload.conversationId);
        },
        amendLog(conversationId, log) {
            const entries = known.get(conversationId)?.timeline ?? [];
            // A patch without notes (Subject absent: not the whole log) leaves Description alone.
            if (entries.length === 0 || (log.Subject === undefined && log.Description === undefined)) return {};
            const Description = withTimeline(log.Description, entries);
            return Description === undefined ? {} : { Description };
        },
        dispose() {
            disposed = true;
            if (disposing) options.timers.clearTimeout(disposing.timer);
        }
    };
}
