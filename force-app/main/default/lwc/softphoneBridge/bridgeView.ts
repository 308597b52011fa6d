/**
 * Everything softphoneBridge's template shows, worked out in one pass from the component's fields.
 * Pure: the component reads its fields once per render (`render()`), hands them here, and its
 * template reads the result (`view.*`). Under Lightning Web Security every read of a component
 * field crosses the sandbox's membrane, so a getter per template binding, each reading several
 * fields, cost several hundred crossings per render; this costs one per field.
 *
 * Each child's value is memoized, so an event gives a child a new object only when what it shows
 * changed (LWC re-renders a child only when a property it got is a new value).
 */
import type { CallView, ErrorView } from 'c/softphoneProtocol';
import { displayPhone, phoneFieldsFor, readDialTargets } from 'c/phoneNumbers';
import { formatLabel } from 'c/softphoneFormat';
import { ldsErrorText } from 'c/ldsErrors';
import { canWrapUp, currentCall, dialBlock, parseStatusList } from './bridgeState';
import type { BridgeState, DialBlock } from './bridgeState';
import { MAX_NOTES_LENGTH } from './drafts';
import type { DraftMap, WrapUpValues } from './drafts';
import type { HistoryEntry } from './history';
import { LABELS } from './labels';
import type { VendorState } from './vendorSession';
import {
    callAnnouncement,
    callCard,
    dialButtons,
    dispositionOptions,
    historyRowsKeeper,
    keepEqual,
    keepRest,
    linksFrom,
    memoizeLast,
    presenceOptions,
    wrapUpStatusView
} from './views';
import type { CallCard, DialButton, HistoryRow, Option, WrapUpStatusView } from './views';
import { formValues, hasContent, hasUnsavedChanges, wrapUpStatus } from './wrapUp';
import type { WrapUpFacts, WrapUpStatus } from './wrapUp';

export type Connection = 'connecting' | 'connected' | 'notConnected';

/** A banner above the call (c-softphone-notice), most urgent first. */
export interface Notice {
    /** Its data-id and key. */
    id: 'storage-full' | 'log-advice' | 'version-mismatch' | 'signed-out';
    variant: 'error' | 'warning' | 'info';
    message: string;
}

/** The component's fields the view is made of, each read once. */
export interface BridgeInputs {
    state: BridgeState;
    vendor: VendorState;
    connection: Connection;
    drafts: DraftMap;
    history: readonly HistoryEntry[];
    recordUrls: Readonly<Record<string, string>>;
    pendingPresenceId: string | undefined;
    dialRequest: { commandId: string; number: string } | undefined;
    dismissedError: ErrorView | undefined;
    localError: string | undefined;
    versionMismatch: boolean;
    /** The page record as getRecord delivered it (identity only: its fields are read through `lookup`). */
    record: object | undefined;
    recordError: unknown;
    recordId: string | undefined;
    objectApiName: string | undefined;
    offlineStatuses: string;
    phoneFields: string;
    hideHistory: boolean;
    locale: string | undefined;
    /** Our own command ids (to tell errors answering them from others'). */
    ownCommandIds: ReadonlySet<string>;
    /** The wrap-up facts of a call (the component's log-sequence bookkeeping; changes only with state or drafts). */
    factsFor: (call: CallView) => WrapUpFacts;
    /** A field of the page record. */
    lookup: (field: string) => unknown;
}

export interface BridgeView {
    // connection and banners
    isConnecting: boolean;
    isNotConnected: boolean;
    /** Storage full, what to do about a failing log, version skew, signed out: the same array while unchanged. */
    notices: Notice[];
    visibleError: string | undefined;
    hasError: boolean;
    /** The adapter error shown (undefined when none, or dismissed). */
    shownError: ErrorView | undefined;
    announcement: string;
    // presence (c-softphone-presence)
    showPresence: boolean;
    presenceOptions: Option[];
    presenceValue: string | undefined;
    presenceLabel: string;
    presenceDisabled: boolean;
    isPresencePending: boolean;
    // the current call (c-softphone-current-call)
    call: CallView | undefined;
    callCard: CallCard | undefined;
    showCallSection: boolean;
    // wrap-up (c-softphone-wrap-up)
    showWrapUp: boolean;
    wrapUpValues: WrapUpValues;
    dispositionOptions: Option[];
    disposition: string;
    notes: string;
    notesMaxLength: number;
    saveDisabled: boolean;
    showSaveOffline: boolean;
    canRetryLogs: boolean;
    wrapUpStatus: WrapUpStatusView;
    // the protocol's own session (c-softphone-session)
    vendorSession: VendorState['session'];
    callTimeline: VendorState['timelines'][string] | undefined;
    canDisposeAndDial: boolean;
    // dial (c-softphone-dial-list)
    onRecordPage: boolean;
    dialTargets: DialButton[];
    showNoPhone: boolean;
    recordErrorText: string | undefined;
    dialDisabled: boolean;
    dialBlockedText: string | undefined;
    dialingText: string | undefined;
    // history (c-softphone-call-history)
    showHistorySection: boolean;
    /** The newest call's row as a list of one (none before the first call), the same array while it is the same row. */
    historyNewest: readonly HistoryRow[];
    /** The earlier calls' rows, the same array while none of them changed. */
    historyEarlier: readonly HistoryRow[];
}

const DIAL_BLOCK_LABELS: Record<Exclude<DialBlock, 'offline'>, string> = {
    notConnected: LABELS.dialBlockedNotConnected,
    signedOut: LABELS.dialBlockedSignedOut,
    notConfigured: LABELS.dialBlockedNotConfigured,
    activeCall: LABELS.dialBlockedActiveCall
};

const LOG_ADVICE: Partial<Record<string, string>> = {
    validation: LABELS.logFixValidation,
    access: LABELS.logFixAccess,
    session: LABELS.logFixSession
};

interface WrapUpModel {
    facts: WrapUpFacts | undefined;
    status: WrapUpStatus;
    values: WrapUpValues;
}

/** A view builder with its own memory (one per component instance). */
export function createBridgeView(): (inputs: BridgeInputs) => BridgeView {
    const currentCallOf = memoizeLast(currentCall);
    const callCardOf = memoizeLast(
        (
            call: CallView,
            recordUrl: string | undefined,
            pageRecordId: string | undefined,
            locale: string | undefined
        ): CallCard =>
            callCard(
                call,
                linksFrom(recordUrl && call.record ? { [call.record.recordId]: recordUrl } : {}),
                pageRecordId,
                locale
            )
    );
    const keptHistoryRows = historyRowsKeeper();
    const historyRowsOf = memoizeLast(
        (history: readonly HistoryEntry[], recordUrls: Readonly<Record<string, string>>, locale?: string) =>
            keptHistoryRows(history, linksFrom(recordUrls), locale)
    );
    const historyNewestOf = memoizeLast((row: HistoryRow | undefined): readonly HistoryRow[] => (row ? [row] : []));
    const historyEarlierOf = keepRest<HistoryRow>();
    const presenceOptionsOf = memoizeLast(presenceOptions);
    const dispositionOptionsOf = memoizeLast(dispositionOptions);
    const dialButtonsOf = memoizeLast(
        (
            record: object | undefined,
            objectApiName: string | undefined,
            phoneFields: string,
            lookup: (field: string) => unknown,
            locale: string | undefined
        ): DialButton[] => {
            if (!record) return [];
            return dialButtons(readDialTargets(phoneFieldsFor(objectApiName, phoneFields), lookup), locale);
        }
    );
    const offlineStatusesOf = memoizeLast(parseStatusList);
    const wrapUpStatusKept = keepEqual<WrapUpStatusView>();
    const noticesKept = keepEqual<Notice[]>();
    // Keyed by everything factsFor reads: the log sequence maps change only with the state or drafts.
    const wrapUpModelOf = memoizeLast(
        (
            call: CallView | undefined,
            drafts: DraftMap,
            _state: BridgeState,
            factsFor: (call: CallView) => WrapUpFacts
        ): WrapUpModel => {
            const facts = call && canWrapUp(call) ? factsFor(call) : undefined;
            return {
                facts,
                status: facts ? wrapUpStatus(facts) : { kind: 'none' },
                values: call ? formValues(call, drafts[call.conversationId]) : { disposition: '', notes: '' }
            };
        }
    );

    return (inputs) => {
        const { state, vendor, connection, drafts, recordUrls, locale } = inputs;
        const connected = connection === 'connected';

        // banners
        const shownError = findShownError(inputs);
        const visibleError = inputs.localError ?? shownError?.message;
        const logs = Object.values(state.logs);
        const unstored = logs.filter((log) => log.stored === false && log.status !== 'saved').length;
        const adviceKind = logs.find((log) => log.status === 'failed' && log.errorKind)?.errorKind;

        // presence
        const presence = state.presence;
        const presenceLabel = !presence
            ? LABELS.presenceUnknown
            : (presence.label ??
              state.config?.presenceOptions.find((option) => option.softphoneId === presence.softphoneId)?.label ??
              presence.softphoneId);

        // the current call and its wrap-up
        const call = currentCallOf(state);
        const card = call
            ? callCardOf(call, call.record ? recordUrls[call.record.recordId] : undefined, inputs.recordId, locale)
            : undefined;
        const showWrapUp = canWrapUp(call);
        const wrapUp = wrapUpModelOf(call, drafts, state, inputs.factsFor);
        const values = wrapUp.values;
        const status = wrapUp.status;
        const taskId = 'taskId' in status ? status.taskId : undefined;

        // dial
        const reason = dialBlock(state, connected, offlineStatusesOf(inputs.offlineStatuses));
        const dialTargets = dialButtonsOf(
            inputs.record,
            inputs.objectApiName,
            inputs.phoneFields,
            inputs.lookup,
            locale
        );
        const dialingText = inputs.dialRequest
            ? formatLabel(LABELS.dialingRequested, displayPhone(inputs.dialRequest.number, locale))
            : undefined;

        // history
        const historyRows = historyRowsOf(inputs.history, recordUrls, locale);

        const notices: Notice[] = [];
        // Logs kept only in the adapter page's memory (browser storage full): a reload would lose them.
        if (unstored > 0) {
            notices.push({
                id: 'storage-full',
                variant: 'error',
                message: formatLabel(LABELS.logStorageFull, unstored)
            });
        }
        // What to do about a lasting save error (validation rule, access, expired session) of any log.
        const advice = adviceKind ? LOG_ADVICE[adviceKind] : undefined;
        if (advice) notices.push({ id: 'log-advice', variant: 'warning', message: advice });
        if (inputs.versionMismatch) {
            notices.push({ id: 'version-mismatch', variant: 'warning', message: LABELS.versionMismatch });
        }
        if (connected && !state.softphoneConnected) {
            notices.push({ id: 'signed-out', variant: 'info', message: LABELS.signedOut });
        }

        return {
            isConnecting: connection === 'connecting',
            isNotConnected: connection === 'notConnected',
            notices: noticesKept(notices),
            visibleError,
            hasError: visibleError !== undefined,
            shownError,
            // What a screen reader hears when the call changes (not every second).
            announcement: dialingText ?? (card ? callAnnouncement(card) : ''),

            showPresence: connected || presence !== undefined,
            presenceOptions: presenceOptionsOf(state.config?.presenceOptions),
            presenceValue: inputs.pendingPresenceId ?? presence?.softphoneId,
            presenceLabel,
            presenceDisabled: !connected || !state.softphoneConnected || inputs.pendingPresenceId !== undefined,
            isPresencePending: inputs.pendingPresenceId !== undefined,

            call,
            callCard: card,
            // Once the adapter answered, or while a call is known (even if the adapter went away).
            showCallSection: connected || call !== undefined,

            showWrapUp,
            wrapUpValues: values,
            dispositionOptions: dispositionOptionsOf(vendor.tree, state.config?.dispositions, values.disposition),
            disposition: values.disposition,
            notes: values.notes,
            notesMaxLength: MAX_NOTES_LENGTH,
            saveDisabled:
                !wrapUp.facts ||
                !connected ||
                !hasContent(values) ||
                status.kind === 'saving' ||
                !hasUnsavedChanges(wrapUp.facts.call, wrapUp.facts.draft),
            showSaveOffline: showWrapUp && !connected && hasContent(values),
            canRetryLogs: status.kind === 'failed' && connected,
            wrapUpStatus: wrapUpStatusKept(
                wrapUpStatusView(status, taskId ? linksFrom(recordUrls)(taskId, LABELS.viewTask) : undefined)
            ),

            vendorSession: vendor.session,
            callTimeline: call ? vendor.timelines[call.conversationId] : undefined,
            // The protocol's session is up and the wrap-up has a disposition: it may be disposed with the next call.
            canDisposeAndDial:
                vendor.session?.status === 'loggedIn' &&
                showWrapUp &&
                values.disposition.trim() !== '' &&
                status.kind !== 'saving',

            onRecordPage: Boolean(inputs.recordId && inputs.objectApiName),
            dialTargets,
            showNoPhone: inputs.record !== undefined && dialTargets.length === 0,
            recordErrorText:
                inputs.recordError && !inputs.record
                    ? formatLabel(LABELS.recordError, ldsErrorText(inputs.recordError))
                    : undefined,
            dialDisabled: reason !== undefined || inputs.dialRequest !== undefined,
            dialBlockedText:
                reason === undefined
                    ? undefined
                    : reason === 'offline'
                      ? formatLabel(LABELS.dialBlockedOffline, presenceLabel)
                      : DIAL_BLOCK_LABELS[reason],
            dialingText,

            showHistorySection: !inputs.hideHistory,
            historyNewest: historyNewestOf(historyRows[0]),
            historyEarlier: historyEarlierOf(historyRows)
        };
    };
}

/** The newest adapter error meant for this component's user (answering our command, or a broadcast for an agent or admin). */
function findShownError(inputs: BridgeInputs): ErrorView | undefined {
    const submissions = new Set(Object.values(inputs.drafts).map((draft) => draft.submitted?.commandId));
    const error = inputs.state.errors.find((candidate) => {
        const { commandId } = candidate;
        if (commandId === undefined) return candidate.audience !== 'developer';
        // Errors answering a saveWrapUp are shown in the wrap-up section instead.
        return inputs.ownCommandIds.has(commandId) && !submissions.has(commandId);
    });
    return error === inputs.dismissedError ? undefined : error;
}
