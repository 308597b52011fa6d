/**
 * Wrap-up drafts: the disposition and notes an agent types for a call, kept in web storage per
 * conversationId on every change, so a reload, a navigation or a second softphoneBridge on the
 * same page never loses them. A draft is removed only when the Task is confirmed saved with its
 * values (see wrapUp.ts). Pure apart from the in-page change notification.
 */
import { readJson } from './storage';
import type { KeyValueStorage } from './storage';

/** Storage key (localStorage: a draft must survive closing the tab by mistake). */
export const DRAFT_STORE_KEY = 'softphoneBridge.wrapUpDrafts.v1';
/**
 * Drafts untouched this long are dropped: notes may hold customer data and must not linger. Two
 * hours, the adapter's wrap-up window (bridge core WRAP_UP_WINDOW_MS): once submitted, the notes
 * live in the adapter's pending log until the Task has them, and the draft is removed as soon as
 * the Task is confirmed saved with its values.
 */
export const DRAFT_TTL_MS = 2 * 60 * 60 * 1000;
/** Most drafts kept (the oldest go first). */
export const MAX_DRAFTS = 20;
/** Longest notes the channel carries (c/softphoneProtocol saveWrapUp.notes). */
export const MAX_NOTES_LENGTH = 32_000;
/** Longest disposition the channel carries. */
export const MAX_DISPOSITION_LENGTH = 255;

/** What the agent entered. */
export interface WrapUpValues {
    disposition: string;
    notes: string;
}

/** A saveWrapUp the component sent and has not seen confirmed yet. */
export interface Submission extends WrapUpValues {
    commandId: string;
    /** Epoch ms. */
    at: number;
}

export interface WrapUpDraft extends WrapUpValues {
    conversationId: string;
    /** Epoch ms of the last change. */
    updatedAt: number;
    submitted?: Submission;
}

export type DraftMap = Record<string, WrapUpDraft>;

function isText(value: unknown, max: number): value is string {
    return typeof value === 'string' && value.length <= max;
}

function readSubmission(raw: unknown): Submission | undefined {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { disposition, notes, commandId, at } = raw as Record<string, unknown>;
    if (!isText(disposition, MAX_DISPOSITION_LENGTH) || !isText(notes, MAX_NOTES_LENGTH)) return undefined;
    if (!isText(commandId, 64) || typeof at !== 'number') return undefined;
    return { disposition, notes, commandId, at };
}

function readDraft(conversationId: string, raw: unknown): WrapUpDraft | undefined {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const { disposition, notes, updatedAt, submitted } = raw as Record<string, unknown>;
    if (!isText(disposition, MAX_DISPOSITION_LENGTH) || !isText(notes, MAX_NOTES_LENGTH)) return undefined;
    if (typeof updatedAt !== 'number' || !Number.isFinite(updatedAt)) return undefined;
    const draft: WrapUpDraft = { conversationId, disposition, notes, updatedAt };
    const submission = readSubmission(submitted);
    if (submission) draft.submitted = submission;
    return draft;
}

/** Keeps the newest MAX_DRAFTS drafts younger than DRAFT_TTL_MS. */
export function pruneDrafts(drafts: DraftMap, now: number): DraftMap {
    const kept = Object.values(drafts)
        .filter((draft) => now - draft.updatedAt <= DRAFT_TTL_MS)
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .slice(0, MAX_DRAFTS);
    return Object.fromEntries(kept.map((draft) => [draft.conversationId, draft]));
}

/** The stored drafts; unreadable or foreign data counts as none, expired drafts are left out. */
export function readDrafts(storage: KeyValueStorage, now: number): DraftMap {
    const parsed = readJson(storage, DRAFT_STORE_KEY) as { version?: unknown; drafts?: unknown } | undefined;
    if (parsed?.version !== 1 || typeof parsed.drafts !== 'object' || parsed.drafts === null) return {};
    const drafts: DraftMap = {};
    for (const [conversationId, raw] of Object.entries(parsed.drafts as Record<string, unknown>)) {
        const draft = readDraft(conversationId, raw);
        if (draft) drafts[conversationId] = draft;
    }
    return pruneDrafts(drafts, now);
}

function writeDrafts(storage: KeyValueStorage, drafts: DraftMap): void {
    if (Object.keys(drafts).length === 0) storage.removeItem(DRAFT_STORE_KEY);
    else storage.setItem(DRAFT_STORE_KEY, JSON.stringify({ version: 1, drafts }));
}

/**
 * Applies one change to the stored draft of a call and returns all drafts. Only the fields in
 * `patch` change, so two components editing the same call do not overwrite each other's field.
 * `initial` fills a draft that does not exist yet (the values the call already has).
 */
export function updateDraft(
    storage: KeyValueStorage,
    conversationId: string,
    patch: Partial<WrapUpValues> & { submitted?: Submission | null },
    initial: WrapUpValues,
    now: number
): DraftMap {
    const drafts = readDrafts(storage, now);
    const current = drafts[conversationId] ?? { conversationId, ...initial, updatedAt: now };
    const next: WrapUpDraft = {
        conversationId,
        disposition: (patch.disposition ?? current.disposition).slice(0, MAX_DISPOSITION_LENGTH),
        notes: (patch.notes ?? current.notes).slice(0, MAX_NOTES_LENGTH),
        updatedAt: now
    };
    const submitted = patch.submitted === undefined ? current.submitted : patch.submitted;
    if (submitted) next.submitted = submitted;
    const result = pruneDrafts({ ...drafts, [conversationId]: next }, now);
    writeDrafts(storage, result);
    notifyDraftsChanged();
    return result;
}

/** Removes a call's draft (its save was confirmed) and returns the remaining drafts. */
export function removeDraft(storage: KeyValueStorage, conversationId: string, now: number): DraftMap {
    const drafts = readDrafts(storage, now);
    if (!(conversationId in drafts)) return drafts;
    delete drafts[conversationId];
    writeDrafts(storage, drafts);
    notifyDraftsChanged();
    return drafts;
}

// Components in one page share this module, so a change made in the utility bar reaches the
// record page's instance at once. Other tabs hear of it on a BroadcastChannel: Lightning Web
// Security refuses `storage` event listeners on window (@locker/distortion docs/distortions.md,
// "Window 'storage' event") and keeps a namespace's channels to that namespace (same doc,
// "BroadcastChannel"). Where neither reaches, the component re-reads when its tab becomes visible.
const listeners = new Set<() => void>();

/** The channel name other tabs of this package listen on. */
export const DRAFTS_CHANNEL = 'softphoneBridge.drafts';

let channel: BroadcastChannel | undefined;

function notifyListeners(): void {
    for (const listener of [...listeners]) {
        try {
            listener();
        } catch {
            // One broken listener must not stop the others.
        }
    }
}

/** Opens the cross-tab channel while anyone listens; absent or refused channels leave tabs to the visibility re-read. */
function openChannel(): void {
    if (channel || typeof BroadcastChannel !== 'function') return;
    try {
        channel = new BroadcastChannel(DRAFTS_CHANNEL);
        channel.addEventListener('message', notifyListeners);
    } catch {
        channel = undefined;
    }
}

function closeChannel(): void {
    channel?.close();
    channel = undefined;
}

/** Calls `listener` whenever a component on this page or in another tab changes a draft; returns the unsubscribe. */
export function onDraftsChanged(listener: () => void): () => void {
    listeners.add(listener);
    openChannel();
    return () => {
        listeners.delete(listener);
        if (listeners.size === 0) closeChannel();
    };
}

function notifyDraftsChanged(): void {
    notifyListeners();
    try {
        // Only a signal: each tab reads the drafts from storage itself, so no customer data crosses.
        channel?.postMessage('changed');
    } catch {
        // A closed or refused channel only costs other tabs the instant refresh.
    }
}
