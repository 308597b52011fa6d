/**
 * softphoneBridge: the live call inside Lightning (utility bar, record and app pages). It talks to
 * the Open CTI adapter page over the SoftphoneBridge message channel only: it listens to the
 * adapter's events (validated with c/softphoneProtocol, since they cross a window boundary) and
 * sends the protocol's commands (setPresence, dial, saveWrapUp, choosePopTarget, requestState,
 * retryLogs). The logic lives in the pure modules beside it; this class wires them to the platform
 * and coordinates the child components that show each part (c-softphone-presence, -session,
 * -current-call, -wrap-up, -dial-list, -call-history, -connection-help): once per render it reads
 * its fields into ./bridgeView.ts, which works out everything the template shows (each child's
 * value memoized, so a child re-renders only when what it shows changed), and acts on their events.
 */
import { LightningElement, api, wire } from 'lwc';
import { APPLICATION_SCOPE, MessageContext, publish, subscribe, unsubscribe } from 'lightning/messageService';
import type { Subscription, createMessageContext } from 'lightning/messageService';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import type { PageReference } from 'lightning/navigation';
import { getFieldValue, getRecord } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { createCommand, validateChannelMessage } from 'c/softphoneProtocol';
import type {
    CallView,
    ChannelCommandPayload,
    ChannelCommandType,
    ChannelEvent,
    ErrorView,
    RecordRef
} from 'c/softphoneProtocol';
import SOFTPHONE_BRIDGE_CHANNEL from '@salesforce/messageChannel/SoftphoneBridge__c';
import LOCALE from '@salesforce/i18n/locale';
import {
    FIRST_ANSWER_TIMEOUT_MS,
    INITIAL_STATE,
    applyEvent,
    canWrapUp,
    currentCall,
    silenceLimitMs
} from './bridgeState';
import type { BridgeState } from './bridgeState';
import { addCapped, onlyKeys, pruneMap } from './bookkeeping';
import { createBridgeView } from './bridgeView';
import type { BridgeInputs, BridgeView, Connection } from './bridgeView';
import { onDraftsChanged, readDrafts, removeDraft, updateDraft } from './drafts';
import type { DraftMap, WrapUpValues } from './drafts';
import { readHistory, recordCall, recordLog, writeHistory } from './history';
import type { HistoryEntry } from './history';
import { LABELS } from './labels';
import { phoneFieldsFor, readRecordName, recordFieldsFor } from 'c/phoneNumbers';
import { safeStorage } from './storage';
import type { KeyValueStorage } from './storage';
import { formValues, isSubmissionConfirmed, valuesTaken, wrapUpPayload } from './wrapUp';
import type { WrapUpFacts } from './wrapUp';
import { applyVendorEvent, EMPTY_VENDOR_STATE } from './vendorSession';
import type { VendorState } from './vendorSession';
import template from './softphoneBridge.html';

/** The message context type (named without the adapter, which may only appear in @wire). */
type LmsContext = ReturnType<typeof createMessageContext>;

/** The view each instance rendered last (kept outside the component: a field set while rendering would render again). */
const RENDERED_VIEWS = new WeakMap<object, BridgeView>();

/** A Salesforce record Id (15 or 18 characters). */
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
/** An sObject API name (Lead, My_Object__c). */
const OBJECT_API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
/** How long "Calling…" waits for the softphone's outbound call before the buttons work again. */
const DIAL_ANSWER_TIMEOUT_MS = 20_000;
/** How long a record URL asked for (GenerateUrl) may go unanswered before it is asked for again. */
const URL_ANSWER_TIMEOUT_MS = 10_000;
/** How often a record URL is asked for before the plain link is left as it is. */
const URL_ASKS = 3;
/** Our own command ids remembered, to tell our errors from others' (an error answers within seconds). */
const OWN_COMMANDS_KEPT = 50;

export default class SoftphoneBridge extends NavigationMixin(LightningElement) {
    /** Id of the record on the page (set by Lightning on record pages). */
    @api recordId?: string;
    /** API name of the record's object (set by Lightning on record pages). */
    @api objectApiName?: string;
    /** Presence statuses (labels or softphone ids, comma-separated) in which the agent cannot dial. */
    @api offlineStatuses = 'Offline';
    /** Phone fields offered for one-click dialing (comma-separated API names); blank uses the object's standard ones. */
    @api phoneFields = '';
    /** Hide this session's calls (e.g. on a narrow record page column). */
    @api hideHistory = false;

    /** Channel messages ignored because they failed validation (for diagnostics). */
    @api
    get invalidMessageCount(): number {
        return this.invalidCount;
    }

    labels = LABELS;

    state: BridgeState = INITIAL_STATE;
    /** The protocol's own session, two-level dispositions and call timelines (Ameyo toolbar; ./vendorSession.ts). */
    vendor: VendorState = EMPTY_VENDOR_STATE;
    connection: Connection = 'connecting';
    drafts: DraftMap = {};
    history: HistoryEntry[] = [];
    /** Record page URLs by record Id, for hrefs (GenerateUrl is asynchronous). */
    recordUrls: Record<string, string> = {};
    /** A presence the agent asked for and the softphone has not confirmed yet. */
    pendingPresenceId?: string;
    /** The last click-to-dial sent, until its call appears or an error answers it. */
    dialRequest?: { commandId: string; number: string };
    /** The error banner the agent dismissed. */
    dismissedError?: ErrorView;
    /** A local problem (a command that failed validation), shown like an adapter error. */
    localError?: string;
    /** Some message used a newer protocol version: the adapter page and component differ. */
    versionMismatch = false;
    record?: RecordRepresentation;
    recordError?: unknown;

    @wire(MessageContext) messageContext!: LmsContext;

    private subscription: Subscription | null = null;
    private invalidCount = 0;
    private commandCounter = 0;
    private readonly senderId = Math.random().toString(36).slice(2, 10);
    private readonly ownCommandIds = new Set<string>();
    private presenceCommandId?: string;
    /** Per conversation: how many logStatus events arrived, and how many had when our values were taken. */
    private readonly logSeq = new Map<string, number>();
    private readonly takenAtSeq = new Map<string, number>();
    /** The adapter whose snapshot we hold, and the one we last asked for a snapshot. */
    private snapshotFrom?: string;
    private stateRequestedFor?: string;
    private watchdog?: ReturnType<typeof setTimeout>;
    /** When the watchdog timer fires, and when the adapter's silence would really be too long. */
    private watchdogAt = 0;
    private silenceDeadline = 0;
    private dialTimer?: ReturnType<typeof setTimeout>;
    private draftStore: KeyValueStorage = safeStorage(() => window.localStorage);
    private historyStore: KeyValueStorage = safeStorage(() => window.sessionStorage);
    private stopDraftListener?: () => void;
    private historyWrite?: ReturnType<typeof setTimeout>;
    /** The history as last stored (or read), so a write stores only what changed since. */
    private storedHistory: readonly HistoryEntry[] = [];
    /** Record URLs asked for and not answered yet: when last asked, and how often. */
    private readonly pendingUrls = new Map<string, { at: number; asks: number }>();
    private fieldsCache?: { key: string; fields: string[] };

    /** The tab is going away (or into the back/forward cache): store what is pending now. */
    private readonly handlePageHide = (): void => this.storeHistoryNow();

    /** Back in view: pick up drafts another tab may have changed meanwhile. */
    private readonly handleVisibility = (): void => {
        if (!document.hidden) this.reloadDrafts();
    };

    /** Builds what the template shows (./bridgeView.ts), with its per-child memory. */
    private readonly viewOf = createBridgeView();
    private readonly factsForCall = (call: CallView): WrapUpFacts => this.factsFor(call);

    // ---- lifecycle ----------------------------------------------------------------------

    override connectedCallback(): void {
        this.drafts = readDrafts(this.draftStore, Date.now());
        this.history = readHistory(this.historyStore);
        this.storedHistory = this.history;
        this.subscription = subscribe(
            this.messageContext,
            SOFTPHONE_BRIDGE_CHANNEL,
            (message: unknown) => this.handleMessage(message),
            { scope: APPLICATION_SCOPE }
        );
        this.stopDraftListener = onDraftsChanged(() => this.reloadDrafts());
        document.addEventListener('visibilitychange', this.handleVisibility);
        window.addEventListener('pagehide', this.handlePageHide);
        this.lookForAdapter();
        this.refreshUrls();
    }

    override disconnectedCallback(): void {
        unsubscribe(this.subscription);
        this.subscription = null;
        this.stopDraftListener?.();
        document.removeEventListener('visibilitychange', this.handleVisibility);
        window.removeEventListener('pagehide', this.handlePageHide);
        this.storeHistoryNow();
        clearTimeout(this.watchdog);
        this.watchdog = undefined;
        clearTimeout(this.dialTimer);
    }

    // ---- the channel ----------------------------------------------------------------------

    /** Asks the adapter for a snapshot and waits a few seconds for any answer. */
    private lookForAdapter(): void {
        this.connection = 'connecting';
        this.send('requestState', undefined);
        this.armWatchdog(FIRST_ANSWER_TIMEOUT_MS);
    }

    /**
     * The adapter counts as gone once `ms` pass without a message. Every event pushes the deadline
     * on, but the timer is set again only when it fires early or must fire sooner: timers cost
     * about half a millisecond each under Lightning Web Security, and events come several a second.
     */
    private armWatchdog(ms: number): void {
        const deadline = Date.now() + ms;
        this.silenceDeadline = deadline;
        if (this.watchdog !== undefined && this.watchdogAt <= deadline) return;
        this.scheduleWatchdog(ms);
    }

    private scheduleWatchdog(ms: number): void {
        clearTimeout(this.watchdog);
        this.watchdogAt = Date.now() + ms;
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- the adapter's silence is only observable as time passing
        this.watchdog = setTimeout(() => {
            this.watchdog = undefined;
            const left = this.silenceDeadline - Date.now();
            if (left > 0) {
                this.scheduleWatchdog(left);
                return;
            }
            this.connection = 'notConnected';
            // Whatever answers next, reloaded or back from a pause, is asked for the whole picture again.
            this.snapshotFrom = undefined;
            this.stateRequestedFor = undefined;
        }, ms);
    }

    handleMessage(raw: unknown): void {
        const result = validateChannelMessage(raw);
        if (!result.ok) {
            // Never trust what crosses the window boundary: count it, show an admin hint for version skew.
            this.invalidCount += 1;
            if (result.error.code === 'UNSUPPORTED_VERSION') this.versionMismatch = true;
            return;
        }
        // Commands (ours echoed back, or other components') are for the adapter.
        if (result.value.kind === 'event') this.receive(result.value);
    }

    private receive(event: ChannelEvent): void {
        const now = Date.now();
        this.state = applyEvent(this.state, event, now);
        this.vendor = applyVendorEvent(this.vendor, event);
        this.connection = 'connected';
        this.armWatchdog(silenceLimitMs(this.state));
        let history = this.history;

        switch (event.type) {
            case 'heartbeat': {
                // An adapter we hold no snapshot of (new, reloaded, or our first request was lost): ask once.
                const { adapterId } = event.payload;
                if (adapterId !== this.snapshotFrom && adapterId !== this.stateRequestedFor) {
                    this.stateRequestedFor = adapterId;
                    this.send('requestState', undefined);
                }
                break;
            }
            case 'snapshot':
                this.snapshotFrom = event.payload.heartbeat.adapterId;
                for (const call of event.payload.calls) {
                    history = recordCall(history, call);
                    this.noteTaken(call);
                }
                for (const log of event.payload.logs) {
                    this.bumpLogSeq(log.conversationId);
                    history = recordLog(history, log);
                }
                this.pendingPresenceId = undefined;
                this.resendUntaken(event.payload.calls);
                break;
            case 'callStateChanged':
                history = recordCall(history, event.payload);
                this.noteTaken(event.payload);
                if (this.dialRequest && event.payload.direction === 'outbound') this.dialRequest = undefined;
                break;
            case 'logStatus':
                this.bumpLogSeq(event.payload.conversationId);
                history = recordLog(history, event.payload);
                break;
            case 'presenceChanged':
                this.pendingPresenceId = undefined;
                break;
            case 'error': {
                const commandId = event.payload.commandId;
                if (commandId !== undefined && commandId === this.presenceCommandId) this.pendingPresenceId = undefined;
                if (commandId !== undefined && commandId === this.dialRequest?.commandId) this.dialRequest = undefined;
                break;
            }
            default:
                break;
        }

        if (history !== this.history) {
            this.history = history;
            this.storeHistorySoon();
        }
        this.reconcileDrafts();
        this.pruneBookkeeping();
        this.refreshUrls();
    }

    /** Forgets the wrap-up counters of conversations neither held nor drafted (one per call otherwise, all shift). */
    private pruneBookkeeping(): void {
        const kept = new Set(this.state.calls.map((call) => call.conversationId));
        for (const conversationId of Object.keys(this.drafts)) kept.add(conversationId);
        pruneMap(this.logSeq, kept);
        pruneMap(this.takenAtSeq, kept);
    }

    /** Publishes a validated command; returns its id, or undefined when it could not be built. */
    private send<T extends ChannelCommandType>(type: T, payload: ChannelCommandPayload<T>): string | undefined {
        this.commandCounter += 1;
        const id = `bridge-${this.senderId}-${this.commandCounter}`;
        const command = createCommand(type, payload, id);
        if (!command.ok) {
            this.localError = command.error.message;
            return undefined;
        }
        addCapped(this.ownCommandIds, id, OWN_COMMANDS_KEPT);
        try {
            publish(this.messageContext, SOFTPHONE_BRIDGE_CHANNEL, command.value);
        } catch (error) {
            this.localError = error instanceof Error ? error.message : String(error);
            return undefined;
        }
        return id;
    }

    /**
     * Stores the history once the event's task is done: the write (the changed call's entry, and
     * the index of ids when a call came or went) stays off the path from the event to what the
     * agent sees, and a burst writes once.
     */
    private storeHistorySoon(): void {
        if (this.historyWrite !== undefined) return;
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- defers the storage write past the render
        this.historyWrite = setTimeout(() => this.storeHistoryNow(), 0);
    }

    /** Stores the history now if a write is pending (leaving the page, or the deferred write's turn). */
    private storeHistoryNow(): void {
        if (this.historyWrite === undefined) return;
        clearTimeout(this.historyWrite);
        this.historyWrite = undefined;
        this.storedHistory = writeHistory(this.historyStore, this.history, this.storedHistory);
    }

    // ---- wrap-up bookkeeping ---------------------------------------------------------------

    private bumpLogSeq(conversationId: string): void {
        this.logSeq.set(conversationId, (this.logSeq.get(conversationId) ?? 0) + 1);
    }

    /** Remembers when the adapter took our submitted values, so only later log statuses count for them. */
    private noteTaken(call: CallView): void {
        const submitted = this.drafts[call.conversationId]?.submitted;
        if (!submitted || this.takenAtSeq.has(call.conversationId) || !valuesTaken(call, submitted)) return;
        this.takenAtSeq.set(call.conversationId, this.logSeq.get(call.conversationId) ?? 0);
    }

    private factsFor(call: CallView): WrapUpFacts {
        const { conversationId } = call;
        const draft = this.drafts[conversationId];
        const takenAt = this.takenAtSeq.get(conversationId);
        const facts: WrapUpFacts = {
            call,
            logFresh: takenAt !== undefined && (this.logSeq.get(conversationId) ?? 0) > takenAt
        };
        if (draft) facts.draft = draft;
        const { logs, errors } = this.state;
        const log = logs[conversationId];
        if (log) facts.log = log;
        const commandId = draft?.submitted?.commandId;
        const commandError = commandId ? errors.find((error) => error.commandId === commandId) : undefined;
        if (commandError) facts.commandError = commandError;
        return facts;
    }

    /** Drops drafts whose values the Task now holds. */
    private reconcileDrafts(): void {
        // Only a call with submitted values can be confirmed; most events have none to look at.
        const drafts = this.drafts;
        for (const call of this.state.calls) {
            if (!drafts[call.conversationId]?.submitted) continue;
            const facts = this.factsFor(call);
            if (!facts.draft || !isSubmissionConfirmed(facts)) continue;
            const { draft } = facts;
            const submitted = draft.submitted!;
            this.takenAtSeq.delete(call.conversationId);
            this.drafts =
                draft.disposition === submitted.disposition && draft.notes === submitted.notes
                    ? removeDraft(this.draftStore, call.conversationId, Date.now())
                    : updateDraft(this.draftStore, call.conversationId, { submitted: null }, draft, Date.now());
        }
    }

    /** After a reconnect: submissions the adapter never took (it was away) are sent again. */
    private resendUntaken(calls: readonly CallView[]): void {
        for (const call of calls) {
            const facts = this.factsFor(call);
            const submitted = facts.draft?.submitted;
            if (!submitted || facts.commandError || !canWrapUp(call) || valuesTaken(call, submitted)) continue;
            this.submit(call, submitted);
        }
    }

    /** Sends the wrap-up (saveWrapUp), or with `dialNext` disposes and dials that number (disposeAndDial). */
    private submit(call: CallView, values: WrapUpValues, dialNext?: string): void {
        const payload = wrapUpPayload(call.conversationId, values);
        const commandId =
            dialNext !== undefined && payload.disposition !== undefined
                ? this.send('disposeAndDial', { ...payload, disposition: payload.disposition, number: dialNext })
                : this.send('saveWrapUp', payload);
        if (commandId === undefined) return;
        const now = Date.now();
        this.takenAtSeq.delete(call.conversationId);
        this.drafts = updateDraft(
            this.draftStore,
            call.conversationId,
            { ...values, submitted: { ...values, commandId, at: now } },
            values,
            now
        );
        // Values the call already carries are taken; the log status we hold already speaks for them.
        if (valuesTaken(call, values)) {
            this.takenAtSeq.set(call.conversationId, (this.logSeq.get(call.conversationId) ?? 0) - 1);
        }
        this.reconcileDrafts();
    }

    private reloadDrafts(): void {
        this.drafts = readDrafts(this.draftStore, Date.now());
    }

    // ---- record (phone fields for click-to-dial) -------------------------------------------------

    /** The record page the agent is on, read once per navigation (CurrentPageReference). */
    pageRecord?: { recordId: string; objectApiName?: string };

    /** In the utility bar, which Lightning gives no recordId, the record comes from the page the agent is on. */
    @wire(CurrentPageReference)
    handlePageReference(pageReference?: PageReference): void {
        const attributes = pageReference?.type === 'standard__recordPage' ? pageReference.attributes : undefined;
        const recordId = attributes?.recordId;
        const objectApiName = attributes?.objectApiName;
        const next =
            typeof recordId === 'string' && RECORD_ID.test(recordId)
                ? {
                      recordId,
                      ...(typeof objectApiName === 'string' && OBJECT_API_NAME.test(objectApiName)
                          ? { objectApiName }
                          : {})
                  }
                : undefined;
        // Only a change re-renders: the same record page again is no news.
        if (next?.recordId !== this.pageRecord?.recordId || next?.objectApiName !== this.pageRecord?.objectApiName)
            this.pageRecord = next;
    }

    /**
     * The record the bridge serves: Lightning's own on a record page; in the utility bar the page's
     * (Console API guide, "utility bar page context": for an LWC, the CurrentPageReference wire adapter).
     */
    get contextRecordId(): string | undefined {
        return this.recordId ?? this.pageRecord?.recordId;
    }

    get contextObjectApiName(): string | undefined {
        return this.recordId ? this.objectApiName : this.pageRecord?.objectApiName;
    }

    @wire(getRecord, { recordId: '$contextRecordId', fields: '$idFields', optionalFields: '$optionalFields' })
    handleRecord({ data, error }: { data?: RecordRepresentation; error?: unknown }): void {
        this.record = data;
        this.recordError = data ? undefined : error;
    }

    /** getRecord `fields`: Id, readable by anyone who sees the record. */
    get idFields(): string[] | undefined {
        const objectApiName = this.contextObjectApiName;
        return this.contextRecordId && objectApiName ? [`${objectApiName}.Id`] : undefined;
    }

    /** getRecord `optionalFields`: the phone fields and the name (a field the user cannot see is left out, not an error). */
    get optionalFields(): string[] | undefined {
        const objectApiName = this.contextObjectApiName;
        if (!this.contextRecordId || !objectApiName) return undefined;
        const fields = recordFieldsFor(objectApiName, this.phoneFieldNames);
        const key = fields.join(',');
        // The same array while the fields are the same, so the wire is not re-provisioned per render.
        if (this.fieldsCache?.key !== key) this.fieldsCache = { key, fields };
        return this.fieldsCache.fields;
    }

    private get phoneFieldNames(): string[] {
        return phoneFieldsFor(this.contextObjectApiName, this.phoneFields);
    }

    private readonly lookup = (field: string): unknown => {
        if (!this.record) return undefined;
        return getFieldValue(this.record, `${this.contextObjectApiName ?? ''}.${field}`);
    };

    // ---- what the template shows ---------------------------------------------------------------

    /**
     * Works out the view once per render: each field is read once here (a read of a component field
     * crosses Lightning Web Security's membrane), and LWC tracks these reads, so a change to any of
     * them renders again. The template reads `view.*`.
     */
    override render(): ReturnType<LightningElement['render']> {
        RENDERED_VIEWS.set(this, this.viewOf(this.inputs()));
        return template;
    }

    /** What the template shows (as worked out for this render). */
    get view(): BridgeView {
        return RENDERED_VIEWS.get(this) ?? this.current();
    }

    /** The view as of now, for handlers (fields may have changed since the last render). */
    private current(): BridgeView {
        return this.viewOf(this.inputs());
    }

    private inputs(): BridgeInputs {
        return {
            state: this.state,
            vendor: this.vendor,
            connection: this.connection,
            drafts: this.drafts,
            history: this.history,
            recordUrls: this.recordUrls,
            pendingPresenceId: this.pendingPresenceId,
            dialRequest: this.dialRequest,
            dismissedError: this.dismissedError,
            localError: this.localError,
            versionMismatch: this.versionMismatch,
            record: this.record,
            recordError: this.recordError,
            recordId: this.contextRecordId,
            objectApiName: this.contextObjectApiName,
            offlineStatuses: this.offlineStatuses,
            phoneFields: this.phoneFields,
            hideHistory: this.hideHistory,
            locale: LOCALE,
            ownCommandIds: this.ownCommandIds,
            factsFor: this.factsForCall,
            lookup: this.lookup
        };
    }

    // ---- links -------------------------------------------------------------------------------------

    private refreshUrls(): void {
        // Each `this.` read crosses Lightning Web Security's membrane: read each field once.
        const { state, history, recordUrls, pendingUrls } = this;
        const ids = new Set<string>();
        const call = currentCall(state);
        if (call?.record) ids.add(call.record.recordId);
        for (const log of Object.values(state.logs)) if (log.taskId) ids.add(log.taskId);
        for (const entry of history) {
            if (entry.record) ids.add(entry.record.recordId);
            if (entry.taskId) ids.add(entry.taskId);
        }
        // URLs of records no longer shown are dropped: a shift's Tasks would pile up otherwise.
        const kept = onlyKeys(recordUrls, ids);
        if (kept !== recordUrls) this.recordUrls = kept;
        pruneMap(pendingUrls, ids);
        const now = Date.now();
        for (const recordId of ids) {
            // An answer that never comes (navigation services may not answer while the utility bar is
            // minimized) is asked for again after a while, a few times at most, while the tab is shown.
            const asked = pendingUrls.get(recordId);
            if (recordId in kept) continue;
            if (asked && (now - asked.at < URL_ANSWER_TIMEOUT_MS || asked.asks >= URL_ASKS || document.hidden))
                continue;
            const ask = { at: now, asks: (asked?.asks ?? 0) + 1 };
            pendingUrls.set(recordId, ask);
            this[NavigationMixin.GenerateUrl](recordPage(recordId)).then(
                (url) => {
                    if (pendingUrls.get(recordId) === ask) pendingUrls.delete(recordId);
                    this.recordUrls = { ...this.recordUrls, [recordId]: url };
                },
                () => {
                    // Keep the fallback href (Navigate still works on click); asked again later, a few times at most.
                }
            );
        }
    }

    // ---- handlers (events from the child components) -------------------------------------------------

    handleRetryConnection(): void {
        this.lookForAdapter();
    }

    handleDismissError(): void {
        if (this.localError === undefined) this.dismissedError = this.current().shownError;
        this.localError = undefined;
    }

    handleDisposeAndDial(event: CustomEvent<{ number: string }>): void {
        const { call, canDisposeAndDial, wrapUpValues } = this.current();
        const number = event.detail?.number?.trim();
        if (!call || !number || !canDisposeAndDial) return;
        this.submit(call, wrapUpValues, number);
    }
    handleForceLogin(): void {
        this.send('confirmForceLogin', undefined);
    }
    handleSignOut(): void {
        this.send('signOut', undefined);
    }

    handlePresenceChange(event: CustomEvent<{ softphoneId: string }>): void {
        const softphoneId = event.detail.softphoneId;
        if (!softphoneId || softphoneId === this.state.presence?.softphoneId) return;
        const commandId = this.send('setPresence', { softphoneId });
        if (commandId === undefined) return;
        this.presenceCommandId = commandId;
        this.pendingPresenceId = softphoneId;
    }

    handleOpenRecord(event: CustomEvent<{ recordId: string }>): void {
        const recordId = event.detail?.recordId;
        if (recordId) this[NavigationMixin.Navigate](recordPage(recordId));
    }

    handleChooseRecord(event: CustomEvent<{ recordId: string }>): void {
        const call = currentCall(this.state);
        const recordId = event.detail?.recordId;
        const record: RecordRef | undefined = call?.matches.find((match) => match.recordId === recordId);
        if (!call || !record) return;
        this.send('choosePopTarget', { conversationId: call.conversationId, record });
    }

    handleDispositionChange(event: CustomEvent<{ value: string }>): void {
        this.editWrapUp({ disposition: event.detail.value ?? '' });
    }

    handleNotesChange(event: CustomEvent<{ value: string }>): void {
        this.editWrapUp({ notes: event.detail.value ?? '' });
    }

    private editWrapUp(patch: Partial<WrapUpValues>): void {
        const call = currentCall(this.state);
        if (!call || !canWrapUp(call)) return;
        this.drafts = updateDraft(this.draftStore, call.conversationId, patch, formValues(call, undefined), Date.now());
    }

    handleSave(): void {
        const { call, saveDisabled, wrapUpValues } = this.current();
        if (!call || !canWrapUp(call) || saveDisabled) return;
        this.submit(call, wrapUpValues);
    }

    handleRetryLogs(): void {
        this.send('retryLogs', undefined);
    }

    handleDial(event: CustomEvent<{ field: string }>): void {
        const field = event.detail?.field;
        const { dialTargets, dialDisabled } = this.current();
        const target = dialTargets.find((candidate) => candidate.field === field);
        const recordId = this.contextRecordId;
        const objectApiName = this.contextObjectApiName;
        if (!target || dialDisabled || !recordId) return;
        const record: RecordRef = { recordId };
        if (objectApiName) record.objectType = objectApiName;
        const name = readRecordName(objectApiName, this.lookup);
        if (name) record.name = name;
        const commandId = this.send('dial', { number: target.number, record });
        if (commandId === undefined) return;
        this.dialRequest = { commandId, number: target.number };
        clearTimeout(this.dialTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- a dial the softphone never starts must not block the buttons
        this.dialTimer = setTimeout(() => {
            this.dialRequest = undefined;
        }, DIAL_ANSWER_TIMEOUT_MS);
    }
}

function recordPage(recordId: string): { type: string; attributes: Record<string, unknown> } {
    return { type: 'standard__recordPage', attributes: { recordId, actionName: 'view' } };
}
