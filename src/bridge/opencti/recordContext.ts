/**
 * Record context: which record the agent is on, and when that record may become a call's Who/What.
 *
 * Only where it is the call's own record: the agent opened one of its matches while it was live,
 * or when it ended (or where they were when it connected), or the record they just created from
 * its no-match pop's New Lead / New Contact form. Never any other page: a call without a match is
 * logged without Who/What rather than against whatever the agent opened afterwards.
 */
import type { CallView, RecordRef } from 'c/softphoneProtocol';
import type { AppViewInfo, ClickToDialPayload } from './openCtiApi';

/** Objects a call may be logged against from the page the agent is on (Task WhoId / WhatId). */
const LOGGABLE_OBJECTS: Readonly<Record<string, string>> = {
    Lead: '00Q',
    Contact: '003',
    Account: '001',
    Case: '500',
    Opportunity: '006'
};
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
/** Calls whose accept-time page is remembered (older ones are forgotten first). */
const REMEMBERED_VIEWS = 50;

function sameId(a: string | undefined, b: string | undefined): boolean {
    return !!a && !!b && a.slice(0, 15) === b.slice(0, 15);
}

function isLive(call: CallView): boolean {
    return call.state === 'ringing' || call.state === 'connected' || call.state === 'dialing';
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

/** How long after a call ended a record created from its no-match form still belongs to it. */
export const CREATED_RECORD_WINDOW_MS = 10 * 60_000;

export interface RecordContextOptions {
    /** Epoch ms; Date.now by default. */
    now?: () => number;
    /** The calls as the component sees them (channel events), by conversationId. */
    calls(): Iterable<CallView>;
    call(conversationId: string): CallView | undefined;
    /** The no-match pop setting: a record created from its form belongs to the call. */
    noMatch(): string | undefined;
    /** Links the call to the record (a choosePopTarget command); false when the command was not sent. */
    link(conversationId: string, record: RecordRef): boolean;
}

export interface RecordContext {
    /** The page the agent is on now. */
    readonly view: AppViewInfo | undefined;
    /** getAppViewInfo's answer at boot: kept only when no navigation event came first (that is newer). */
    initialView(info: AppViewInfo): void;
    /** onNavigationChange: the new page, now; returns the previous one (for `linkAfterNavigation`). */
    navigate(info: AppViewInfo): AppViewInfo | undefined;
    /** After a navigation (once the bridge runs): a created record or a match opened links its call. */
    linkAfterNavigation(previous: AppViewInfo | undefined, next: AppViewInfo): void;
    /** A call connected: remember the page the agent was on. */
    callAccepted(conversationId: string): void;
    /** A call is ending: the match the agent is on (or was on when it connected) links it. */
    callEnding(conversationId: string): void;
    /** True (once) when opening `record` is the echo of a silent link: the agent stays where they are. */
    takeSilentOpen(record: RecordRef): boolean;
}

export function createRecordContext(options: RecordContextOptions): RecordContext {
    const now = options.now ?? ((): number => Date.now());
    let current: AppViewInfo | undefined;
    const acceptedViews = new Map<string, AppViewInfo>();
    const silentOpens = new Set<string>();

    function linkSilently(conversationId: string, record: RecordRef): void {
        // Before the command: the bridge's openRecord that follows must find it.
        const key = record.recordId.slice(0, 15);
        const had = silentOpens.has(key);
        silentOpens.add(key);
        if (!options.link(conversationId, record) && !had) silentOpens.delete(key);
    }

    function linkOpenedMatch(conversationId: string, mode: 'match' | 'end'): void {
        const call = options.call(conversationId);
        if (!call || call.record || call.matches.length === 0) return;
        // Only the call being worked on: a finished call is never linked from navigation.
        if (!isLive(call)) return;
        const candidates =
            mode === 'end'
                ? [loggableRecord(current), loggableRecord(acceptedViews.get(conversationId))]
                : [loggableRecord(current)];
        for (const record of candidates) {
            const match = record && call.matches.find((m) => sameId(m.recordId, record.recordId));
            if (match) {
                linkSilently(conversationId, match);
                return;
            }
        }
    }

    /**
     * Lightning goes from `/lightning/o/<Object>/new` to the new record's page. It belongs to the
     * newest call that popped that form (one with a number, still live or ended within the last
     * CREATED_RECORD_WINDOW_MS) and has no record: a Lead made hours later is not that call's.
     */
    function linkCreatedRecord(previous: AppViewInfo | undefined, next: AppViewInfo): void {
        const noMatch = options.noMatch();
        if (noMatch !== 'newLead' && noMatch !== 'newContact') return;
        const objectType = noMatch === 'newLead' ? 'Lead' : 'Contact';
        const from = typeof previous?.url === 'string' ? previous.url : '';
        if (!new RegExp(`/lightning/o/${objectType}/new(?:[?#]|$)`).test(from)) return;
        const record = loggableRecord(next);
        if (!record || record.objectType !== objectType) return;
        const call = [...options.calls()]
            .filter(
                (c) =>
                    c.direction === 'inbound' &&
                    !c.record &&
                    c.matches.length === 0 &&
                    Boolean(c.phoneNumber) &&
                    (c.state === 'ringing' ||
                        c.state === 'connected' ||
                        ((c.state === 'ended' || c.state === 'wrappedUp') &&
                            now() - (c.endedAt ?? c.startedAt) <= CREATED_RECORD_WINDOW_MS))
            )
            .sort((a, b) => b.startedAt - a.startedAt)[0];
        if (call) linkSilently(call.conversationId, record);
    }

    return {
        get view() {
            return current;
        },
        initialView(info) {
            if (!current) current = info;
        },
        navigate(info) {
            const previous = current;
            current = info;
            return previous;
        },
        linkAfterNavigation(previous, next) {
            linkCreatedRecord(previous, next);
            for (const call of [...options.calls()]) linkOpenedMatch(call.conversationId, 'match');
        },
        callAccepted(conversationId) {
            if (!current) return;
            // Where the agent was when the call connected (Who/What if the pop found none).
            acceptedViews.set(conversationId, current);
            if (acceptedViews.size > REMEMBERED_VIEWS)
                acceptedViews.delete(acceptedViews.keys().next().value as string);
        },
        callEnding(conversationId) {
            linkOpenedMatch(conversationId, 'end');
        },
        takeSilentOpen(record) {
            return silentOpens.delete(record.recordId.slice(0, 15));
        }
    };
}
