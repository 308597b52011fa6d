/**
 * What softphoneBridge hands its child components: small view objects built from the bridge's
 * state, with their text in the user's words (custom labels, formatted numbers, record links).
 * Pure, no `lwc`. The component memoizes each builder (`memoizeLast`), so a child gets a new
 * object only when what it shows changed and a call event re-renders only the parts it touched.
 */
import type { CallView, ConfigView, DispositionTreeView } from 'c/softphoneProtocol';
import { formatDuration, formatLabel } from 'c/softphoneFormat';
import { sameRecordId } from './bridgeState';
import type { HistoryEntry } from './history';
import { LABELS } from './labels';
import { displayPhone, formattedPhoneValue } from 'c/phoneNumbers';
import type { DialTarget, PhoneFieldKind } from 'c/phoneNumbers';
import type { WrapUpStatus } from './wrapUp';
import { treeOptions } from './vendorSession';

/** A record link: the record Navigate opens and the URL GenerateUrl made for it (for the href). */
export interface RecordLink {
    recordId: string;
    label: string;
    url: string;
}

/** A combobox option. */
export interface Option {
    label: string;
    value: string;
}

/** The current call as c-softphone-current-call shows it. */
export interface CallCard {
    state: CallView['state'];
    icon: string;
    directionLabel: string;
    stateLabel: string;
    /** For lightning-formatted-phone; undefined when the call has no number. */
    phoneValue?: string;
    /** The number as text (for the announcement), or the unknown-number label. */
    numberText: string;
    /** Epoch ms the live timer counts from, while the call is connected. */
    timerFrom?: number;
    /** m:ss once a finished call has its duration. */
    finalDuration?: string;
    record?: RecordLink;
    /** The call's record is the page's record. */
    aboutThisRecord: boolean;
    /** Several records match and none is chosen yet: the agent picks one. */
    choices: { key: string; recordId: string; label: string }[];
    /** A live call whose number matches no record. */
    noMatch: boolean;
}

/** One row of the session history. */
export interface HistoryRow {
    key: string;
    icon: string;
    directionLabel: string;
    number: string;
    startedAt: number;
    summary: string;
    record?: RecordLink;
    task?: RecordLink;
    /** The Task link's accessible name: "View Task" plus which call, as several rows have one. */
    taskLabel?: string;
}

/** A dial button: the field it reads and its label ("Call mobile (503) 555-1212"). */
export type DialButton = DialTarget & { key: string; label: string };

/** The wrap-up status line of c-softphone-wrap-up. */
export interface WrapUpStatusView {
    kind: WrapUpStatus['kind'];
    text?: string;
    detail?: string;
    taskLink?: RecordLink;
}

/** How a record Id becomes a link (the component knows the URLs GenerateUrl made). */
export type LinkFor = (recordId: string, label: string) => RecordLink;

const STATE_LABELS: Record<CallView['state'], string> = {
    ringing: LABELS.stateRinging,
    dialing: LABELS.stateDialing,
    connected: LABELS.stateConnected,
    ended: LABELS.stateEnded,
    wrappedUp: LABELS.stateWrappedUp,
    rejected: LABELS.stateRejected
};

const OUTCOME_LABELS: Partial<Record<NonNullable<CallView['outcome']>, string>> = {
    missed: LABELS.outcomeMissed,
    rejected: LABELS.outcomeRejected,
    unanswered: LABELS.outcomeUnanswered
};

const FIELD_WORDS: Record<PhoneFieldKind, string> = {
    phone: LABELS.fieldPhone,
    mobile: LABELS.fieldMobile,
    home: LABELS.fieldHome,
    other: LABELS.fieldOther,
    assistant: LABELS.fieldAssistant,
    contactPhone: LABELS.fieldContactPhone,
    contactMobile: LABELS.fieldContactMobile,
    webPhone: LABELS.fieldWebPhone
};

const STATUS_LABELS: Partial<Record<WrapUpStatus['kind'], string>> = {
    draft: LABELS.statusDraft,
    saving: LABELS.statusSaving,
    pending: LABELS.statusPending,
    saved: LABELS.statusSaved,
    failed: LABELS.statusFailed
};

/**
 * `compute` remembering its last answer: the same result (same object) while every argument is
 * the same (===), so a child given it does not re-render.
 */
export function memoizeLast<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
    let last: { args: A; result: R } | undefined;
    return (...args: A): R => {
        if (last?.args.length === args.length && last.args.every((arg, index) => arg === args[index])) {
            return last.result;
        }
        const result = compute(...args);
        last = { args, result };
        return result;
    };
}

/** `next`, or the previous object when it says the same (as JSON): for small views built afresh each time. */
export function keepEqual<T>(): (next: T) => T {
    let last: { json: string; value: T } | undefined;
    return (next: T): T => {
        const json = JSON.stringify(next);
        if (last?.json === json) return last.value;
        last = { json, value: next };
        return next;
    };
}

/**
 * The items after the first, as the same array while they are the same objects in the same order:
 * the history's earlier calls, which an event about the newest call leaves as they were.
 */
export function keepRest<T>(): (items: readonly T[]) => readonly T[] {
    let kept: readonly T[] = [];
    return (items) => {
        const count = Math.max(items.length - 1, 0);
        if (count !== kept.length || kept.some((item, index) => item !== items[index + 1])) kept = items.slice(1);
        return kept;
    };
}

/** Links to record pages: the URL GenerateUrl gave (asynchronous), until then a Lightning URL that resolves any record Id. */
export function linksFrom(urls: Readonly<Record<string, string>>): LinkFor {
    return (recordId, label) => ({ recordId, label, url: urls[recordId] ?? `/lightning/r/${recordId}/view` });
}

/** The call's icon: missed and rejected calls have their own; otherwise its direction's. */
export function callIcon(
    direction: CallView['direction'],
    state: CallView['state'],
    outcome: CallView['outcome']
): string {
    if (outcome === 'missed' || state === 'rejected') return 'utility:missed_call';
    return direction === 'outbound' ? 'utility:outbound_call' : 'utility:incoming_call';
}

function directionLabel(direction: CallView['direction']): string {
    return direction === 'outbound' ? LABELS.directionOutbound : LABELS.directionInbound;
}

/** The current call for c-softphone-current-call; `pageRecordId` is the record page's record, if any. */
export function callCard(
    call: CallView,
    linkFor: LinkFor,
    pageRecordId: string | undefined,
    locale: string | undefined
): CallCard {
    const card: CallCard = {
        state: call.state,
        icon: callIcon(call.direction, call.state, call.outcome),
        directionLabel: directionLabel(call.direction),
        stateLabel: STATE_LABELS[call.state],
        numberText: call.phoneNumber ? displayPhone(call.phoneNumber, locale) : LABELS.unknownNumber,
        aboutThisRecord: sameRecordId(call.record?.recordId, pageRecordId),
        choices: [],
        // Only while the call is live: a finished call with no record simply has none.
        noMatch: !call.record && call.matches.length === 0 && call.state !== 'dialing'
    };
    if (call.phoneNumber) card.phoneValue = formattedPhoneValue(call.phoneNumber, locale);
    if (call.state === 'connected') card.timerFrom = call.connectedAt ?? call.startedAt;
    else if (call.durationSeconds !== undefined) card.finalDuration = formatDuration(call.durationSeconds);
    if (call.record) card.record = linkFor(call.record.recordId, call.record.name ?? call.record.recordId);
    else if (call.matches.length > 1) {
        card.choices = call.matches.map((match) => {
            const name = match.name ?? match.recordId;
            const label = sameRecordId(match.recordId, pageRecordId)
                ? LABELS.chooseRecordThis
                : LABELS.chooseRecordAction;
            return {
                key: match.recordId,
                recordId: match.recordId,
                label: formatLabel(label, name, match.objectType ?? '')
            };
        });
    }
    return card;
}

/** What a screen reader hears when the call changes (not every second). */
export function callAnnouncement(card: CallCard): string {
    return formatLabel(LABELS.announceCall, card.directionLabel, card.stateLabel, card.numberText);
}

/** One row of the session history. */
export function historyRow(entry: HistoryEntry, linkFor: LinkFor, locale: string | undefined): HistoryRow {
    const number = entry.phoneNumber ? displayPhone(entry.phoneNumber, locale) : LABELS.unknownNumber;
    const outcome = entry.outcome ? OUTCOME_LABELS[entry.outcome] : undefined;
    const parts = [outcome ?? STATE_LABELS[entry.state]];
    if (entry.durationSeconds) parts.push(formatDuration(entry.durationSeconds));
    const row: HistoryRow = {
        key: entry.conversationId,
        icon: callIcon(entry.direction, entry.state, entry.outcome),
        directionLabel: directionLabel(entry.direction),
        number,
        startedAt: entry.startedAt,
        summary: parts.join(' · ')
    };
    if (entry.record) row.record = linkFor(entry.record.recordId, entry.record.name ?? entry.record.recordId);
    if (entry.taskId) {
        row.task = linkFor(entry.taskId, LABELS.viewTask);
        row.taskLabel = formatLabel(LABELS.historyTaskLink, number);
    }
    return row;
}

/**
 * The session history's rows, newest first. A call whose row would read the same keeps its row
 * object, so its row component does not re-render, and when every row is kept the list itself
 * comes back the same (an event that changes nothing shown, such as a log status the row does not
 * show, does not re-render the history at all). Only the rows of changed entries are built again,
 * so an event costs about the same with 1 call or 50.
 */
export function historyRowsKeeper(): (
    entries: readonly HistoryEntry[],
    linkFor: LinkFor,
    locale: string | undefined
) => HistoryRow[] {
    /** Per call: the entry its row was built from, the row, and the row as JSON (to compare). */
    type Built = { entry: HistoryEntry; row: HistoryRow; json: string };
    let previous = new Map<string, Built>();
    let previousRows: HistoryRow[] = [];
    const sameUrl = (link: RecordLink | undefined, recordId: string | undefined, linkFor: LinkFor): boolean =>
        link?.recordId === recordId && (recordId === undefined || link?.url === linkFor(recordId, '').url);
    const build = (entry: HistoryEntry, old: Built | undefined, linkFor: LinkFor, locale?: string): Built => {
        if (
            old?.entry === entry &&
            sameUrl(old.row.record, entry.record?.recordId, linkFor) &&
            sameUrl(old.row.task, entry.taskId, linkFor)
        ) {
            return old;
        }
        const row = historyRow(entry, linkFor, locale);
        const json = JSON.stringify(row);
        return { entry, row: old?.json === json ? old.row : row, json };
    };
    return (entries, linkFor, locale) => {
        const kept = new Map<string, Built>();
        const rows = entries.map((entry) => {
            const built = build(entry, previous.get(entry.conversationId), linkFor, locale);
            kept.set(entry.conversationId, built);
            return built.row;
        });
        previous = kept;
        if (rows.length === previousRows.length && rows.every((row, index) => row === previousRows[index])) {
            return previousRows;
        }
        previousRows = rows;
        return rows;
    };
}

/** One button per number on the record, labelled with the field and the number as the user reads it. */
export function dialButtons(targets: readonly DialTarget[], locale: string | undefined): DialButton[] {
    return targets.map((target) => {
        const number = displayPhone(target.number, locale);
        const label = target.kind
            ? formatLabel(LABELS.dialField, FIELD_WORDS[target.kind], number)
            : formatLabel(LABELS.dialNumber, number);
        return { ...target, key: target.field, label };
    });
}

/** The presence statuses the call center offers, as combobox options (the softphone's id as value). */
export function presenceOptions(statuses: ConfigView['presenceOptions'] | undefined): Option[] {
    return (statuses ?? []).map((option) => ({ label: option.label, value: option.softphoneId }));
}

/**
 * The dispositions: the protocol's two-level tree when it sent one, else the call center's list.
 * A value the agent (or the softphone) chose stays selectable even if the announced list changed.
 */
export function dispositionOptions(
    tree: DispositionTreeView | undefined,
    announced: readonly string[] | undefined,
    current: string
): Option[] {
    const fromTree = treeOptions(tree);
    if (fromTree.length > 0) {
        return current && !fromTree.some((option) => option.value === current)
            ? [...fromTree, { label: current, value: current }]
            : fromTree;
    }
    const list = announced ?? [];
    const values = current && !list.includes(current) ? [...list, current] : list;
    return values.map((value) => ({ label: value, value }));
}

/** The wrap-up status line: its text, the failure's detail and the Task link once there is a Task. */
export function wrapUpStatusView(status: WrapUpStatus, taskLink: RecordLink | undefined): WrapUpStatusView {
    const view: WrapUpStatusView = { kind: status.kind };
    const text =
        status.kind === 'rejected' ? formatLabel(LABELS.statusRejected, status.message) : STATUS_LABELS[status.kind];
    if (text !== undefined) view.text = text;
    if (status.kind === 'failed' && status.message !== undefined) view.detail = status.message;
    if (taskLink) view.taskLink = taskLink;
    return view;
}
