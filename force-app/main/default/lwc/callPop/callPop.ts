/**
 * callPop: the URL call pop (`/lightning/cmp/c__callPop?c__event=ring&c__phone=…`, issue 14;
 * docs/url-pop.md). Reads its `c__` parameters from CurrentPageReference (c/callPopParams validates
 * them), finds the caller with the GraphQL wire adapter, and opens, offers or creates the record;
 * after a hang-up it shows the call's Task (logged once by the CallPop page) for notes and result.
 * Thin: decisions live in callers.ts, page references in pageRefs.ts.
 */
import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import type { PageReference } from 'lightning/navigation';
import { executeMutation, gql, graphql } from 'lightning/graphql';
import type { GraphQLDocument, GraphQLResult } from 'lightning/graphql';
import { IsConsoleNavigation, focusTab, getAllTabInfo, openTab } from 'lightning/platformWorkspaceApi';
import type { TabInfo } from 'lightning/platformWorkspaceApi';
import { encodeDefaultFieldValues } from 'lightning/pageReferenceUtils';
import { getObjectInfos } from 'lightning/uiObjectInfoApi';
import { readCallPop } from 'c/callPopParams';
import type { CallPop as Pop } from 'c/callPopParams';
import { CALLER_OBJECTS, FULL_SEARCH, callerQueryText, readCallerSearch } from './callerQuery';
import type { CallerSearch } from './callerQuery';
import { formatDuration, popKey, readMatches, ringOutcome, sameCall } from './callers';
import type { CallerMatch } from './callers';
import { markHandled, wasHandled } from './handled';
import type { SessionStore } from './handled';
import { LABELS, format } from './labels';
import { logPageUrl, newRecordPage, recordPage } from './pageRefs';
import type { PageRef } from './pageRefs';
import { writtenForms } from './phoneForms';
import { linkAfter, taskChanges } from './taskChanges';
import type { WrittenLink } from './taskChanges';

/** The agent's notes and result on the call's Task (GraphQL mutations, GA from API v66.0; Task: see docs). */
const TASK_UPDATE = gql`
    mutation CallPopTaskUpdate($input: TaskUpdateInput!) {
        uiapi {
            TaskUpdate(input: $input) {
                Record {
                    Id
                }
            }
        }
    }
`;

/** Task.Description holds up to 32,000 characters. */
const MAX_NOTES = 32_000;

/** `noAccess`: the agent can read no phone field to search. */
type LookupState = 'idle' | 'searching' | 'done' | 'error' | 'noAccess';

interface MatchView extends CallerMatch {
    key: string;
    label: string;
    title: string;
}

function readString(value: unknown): string {
    return typeof value === 'string' ? value : '';
}

function sessionStore(): SessionStore | undefined {
    try {
        return window.sessionStorage;
    } catch {
        return undefined;
    }
}

function messageOf(errors: unknown): string {
    const first: unknown = Array.isArray(errors) ? errors[0] : errors;
    const message = (first as { message?: unknown } | null | undefined)?.message;
    return (typeof message === 'string' ? message : typeof first === 'string' ? first : 'unknown error').slice(0, 300);
}

/** The value of a lightning-input / lightning-textarea change event. */
function inputValue(event: Event): string {
    const value = (event.target as { value?: unknown } | null)?.value;
    return typeof value === 'string' ? value : '';
}

export default class CallPopComponent extends NavigationMixin(LightningElement) {
    labels = LABELS;
    pop: Pop | undefined;
    refused: string[] = [];
    lookup: LookupState = 'idle';
    lookupError = '';
    matches: CallerMatch[] = [];
    /** The record this pop opened (or is opening). */
    opened: CallerMatch | undefined;
    notes = '';
    disposition = '';
    relatedId = '';
    saving = false;
    saveState: 'idle' | 'saved' | 'failed' = 'idle';
    saveError = '';
    isConsole = false;

    callerQuery: GraphQLDocument | undefined;
    callerVariables: { forms: string[] } | undefined;
    /** The phone fields the agent may search (from their object info); undefined until it answers. */
    callerSearch: CallerSearch | undefined;
    /** The written forms of the pop's number, waiting for the search to start. */
    private searchForms: string[] = [];
    /** The query for the fields last searched (parsed once while they stay the same). */
    private parsedQuery?: { text: string; document: GraphQLDocument };
    private currentKey = '';
    private acted = false;
    /** The result the form opened with, and the Who/What it wrote to the Task (taskChanges.ts). */
    private initialDisposition = '';
    private written: WrittenLink = {};

    @wire(IsConsoleNavigation)
    wiredConsole(value: unknown): void {
        this.isConsole = value === true;
    }

    @wire(CurrentPageReference)
    wiredPageReference(pageReference: PageReference | undefined): void {
        if (!pageReference) return;
        this.receive(pageReference.state);
    }

    /** The agent's view of the caller objects: only the phone fields their profile can read are searched. */
    @wire(getObjectInfos, { objectApiNames: CALLER_OBJECTS })
    wiredObjectInfos({ data, error }: { data?: unknown; error?: unknown }): void {
        if (data === undefined && error === undefined) return;
        // Without the object info (a network or access failure), search every standard field: its error shows if one is hidden.
        this.callerSearch = data !== undefined ? readCallerSearch(data) : FULL_SEARCH;
        this.startSearch();
    }

    @wire(graphql, { query: '$callerQuery', variables: '$callerVariables' })
    wiredCallers(result: GraphQLResult | undefined): void {
        if (!this.callerQuery || !result) return;
        if (result.errors && result.errors.length > 0) {
            this.lookup = 'error';
            this.lookupError = messageOf(result.errors);
            return;
        }
        if (result.data === undefined) return;
        this.matches = readMatches(result.data);
        this.lookup = 'done';
        this.act();
    }

    /** A new CurrentPageReference state: a new pop, or an update of the call on screen. */
    receive(state: unknown): void {
        const { pop, refused } = readCallPop(state);
        const key = popKey(pop);
        if (key === this.currentKey) {
            // The same pop again (the wire re-emits, or the page added c__taskId): keep what is on screen.
            if (this.pop && pop.taskId && !this.pop.taskId) {
                this.pop = { ...this.pop, taskId: pop.taskId };
                this.linkOnlyMatch();
            }
            return;
        }
        const keepCaller = sameCall(this.pop, pop) && this.lookup === 'done';
        this.currentKey = key;
        this.pop = pop;
        this.refused = refused;
        this.acted = false;
        this.saveState = 'idle';
        this.saveError = '';
        this.disposition = pop.disposition ?? '';
        this.initialDisposition = this.disposition;
        this.written = {};
        this.notes = '';
        if (keepCaller) {
            // The hang-up of the call on screen: the caller is known, nothing to search or open again.
            this.acted = true;
            this.preselectRelated();
            return;
        }
        this.matches = [];
        this.opened = undefined;
        this.relatedId = '';
        this.searchForms = writtenForms(pop.phone);
        this.callerQuery = undefined;
        this.callerVariables = undefined;
        this.lookup = this.searchForms.length > 0 ? 'searching' : 'idle';
        this.startSearch();
    }

    /** Starts the caller search once both the number and the agent's searchable fields are known. */
    private startSearch(): void {
        const search = this.callerSearch;
        if (!search || this.lookup !== 'searching' || this.callerQuery) return;
        const text = callerQueryText(search);
        if (!text) {
            // Nothing the agent may search: say so (their admin can grant field access); the pop stays usable.
            this.lookup = 'noAccess';
            return;
        }
        if (this.parsedQuery?.text !== text)
            this.parsedQuery = {
                text,
                document: gql`
                    ${text}
                `
            };
        this.callerVariables = { forms: this.searchForms };
        this.callerQuery = this.parsedQuery.document;
    }

    /** Acts once per pop on the lookup's answer: a ring opens or creates; a hang-up only preselects. */
    private act(): void {
        const pop = this.pop;
        if (!pop || this.acted) return;
        this.acted = true;
        if (pop.event === 'hangup') {
            this.preselectRelated();
            return;
        }
        const outcome = ringOutcome(this.matches, pop.noMatch);
        const store = sessionStore();
        // A pop acted on before (Back, a reload) shows its result without opening anything again.
        if (wasHandled(store, this.currentKey)) return;
        if (outcome.kind === 'open') {
            markHandled(store, this.currentKey);
            this.later(this.openRecord(outcome.match));
        } else if (outcome.kind === 'noMatch' && outcome.create) {
            markHandled(store, this.currentKey);
            this.later(this.openNew(outcome.create));
        }
    }

    private preselectRelated(): void {
        const [only] = this.matches;
        if (this.matches.length === 1 && only) this.relatedId = only.recordId;
        this.linkOnlyMatch();
    }

    /**
     * The caller's one record becomes the Task's Name / Related To at once, as the softphone does
     * for its calls: an agent who closes the tab without saving still leaves the Task on the
     * record. Once per Task in this tab, so a link the agent changed is not put back after a reload.
     */
    private linkOnlyMatch(): void {
        const taskId = this.pop?.taskId;
        const [only] = this.matches;
        if (!taskId || this.matches.length !== 1 || !only || this.pop?.event !== 'hangup') return;
        const store = sessionStore();
        const key = `link:${taskId}`;
        if (wasHandled(store, key)) return;
        markHandled(store, key);
        const link = taskChanges({ notes: '', disposition: '', initialDisposition: '', related: only, written: {} });
        this.later(this.write(link, { quiet: true }));
    }

    /** One TaskUpdate of the call's Task; shows the outcome (`quiet`: a failure only, as the agent saved nothing). */
    private async write(task: Record<string, string | null>, { quiet = false } = {}): Promise<void> {
        const taskId = this.pop?.taskId;
        if (!taskId || this.saving) return;
        if (Object.keys(task).length === 0) {
            this.saveState = 'saved';
            return;
        }
        this.saving = true;
        if (!quiet) this.saveState = 'idle';
        try {
            const result = await executeMutation({
                query: TASK_UPDATE,
                variables: { input: { Id: taskId, Task: task } },
                operationName: 'CallPopTaskUpdate'
            });
            if (result.errors && result.errors.length > 0) throw new Error(messageOf(result.errors));
            this.written = linkAfter(this.written, task);
            if ('CallDisposition' in task) this.initialDisposition = task.CallDisposition ?? '';
            if (!quiet) this.saveState = 'saved';
        } catch (error) {
            this.saveState = 'failed';
            this.saveError = error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
        } finally {
            this.saving = false;
        }
    }

    /** Console: focus the record's tab or open one; standard app: navigate in place (replacing the pop). */
    private async go(pageReference: PageRef, recordId?: string): Promise<void> {
        if (this.isConsole) {
            try {
                if (recordId) {
                    const tabs: TabInfo[] = await getAllTabInfo();
                    const tab = tabs.find(
                        (info) =>
                            (info.recordId ?? readString(info.pageReference?.attributes?.recordId)).slice(0, 15) ===
                            recordId.slice(0, 15)
                    );
                    if (tab) {
                        await focusTab(tab.tabId);
                        return;
                    }
                }
                await openTab({ pageReference, focus: true });
                return;
            } catch {
                // Not a console after all, or the workspace refused: navigate as a standard app does.
            }
        }
        this[NavigationMixin.Navigate](pageReference, true);
    }

    /** Runs a navigation without waiting; a failure leaves the pop on screen with its buttons. */
    private later(promise: Promise<void>): void {
        promise.catch(() => undefined);
    }

    private async openRecord(match: CallerMatch): Promise<void> {
        this.opened = match;
        await this.go(recordPage(match.recordId, match.objectApiName), match.recordId);
    }

    private async openNew(objectApiName: 'Lead' | 'Contact'): Promise<void> {
        const phone = this.pop?.phone;
        await this.go(newRecordPage(objectApiName, phone ? encodeDefaultFieldValues({ Phone: phone }) : undefined));
    }

    handleOpenMatch(event: Event): void {
        const recordId = (event.currentTarget as HTMLElement | null)?.dataset.recordId;
        const match = this.matches.find((candidate) => candidate.recordId === recordId);
        if (match) this.later(this.openRecord(match));
    }

    handleNewLead(): void {
        this.later(this.openNew('Lead'));
    }

    handleNewContact(): void {
        this.later(this.openNew('Contact'));
    }

    handleLogCall(): void {
        if (!this.pop) return;
        this[NavigationMixin.Navigate]({ type: 'standard__webPage', attributes: { url: logPageUrl(this.pop) } }, true);
    }

    handleOpenTask(): void {
        const taskId = this.pop?.taskId;
        if (taskId) this.later(this.go(recordPage(taskId, 'Task', 'edit')));
    }

    handleNotesChange(event: Event): void {
        this.notes = inputValue(event).slice(0, MAX_NOTES);
    }

    handleDispositionChange(event: Event): void {
        this.disposition = inputValue(event).trim().slice(0, 255);
    }

    handleRelatedChange(event: Event): void {
        this.relatedId = inputValue(event);
    }

    async handleSave(): Promise<void> {
        const related = this.matches.find((match) => match.recordId === this.relatedId);
        await this.write(
            taskChanges({
                notes: this.notes,
                disposition: this.disposition,
                initialDisposition: this.initialDisposition,
                ...(related ? { related } : {}),
                written: this.written
            })
        );
    }

    // ------------------------------------------------------------------ view

    get hasPop(): boolean {
        return !!this.pop && (!!this.pop.phone || !!this.pop.callId || !!this.pop.taskId);
    }

    get isRing(): boolean {
        return this.hasPop && this.pop?.event === 'ring';
    }

    get isHangup(): boolean {
        return this.hasPop && this.pop?.event === 'hangup';
    }

    get headline(): string {
        if (this.pop?.event === 'hangup') return LABELS.ended;
        return this.pop?.phone ? format(LABELS.ringing, this.pop.phone) : LABELS.ringingUnknown;
    }

    get details(): { key: string; label: string; value: string }[] {
        const pop = this.pop;
        if (!pop) return [];
        const rows: { key: string; label: string; value: string | undefined }[] = [
            { key: 'phone', label: LABELS.fieldPhone, value: pop.phone },
            { key: 'queue', label: LABELS.fieldQueue, value: pop.queue },
            { key: 'agent', label: LABELS.fieldAgent, value: pop.agent },
            { key: 'duration', label: LABELS.fieldDuration, value: formatDuration(pop.durationSeconds) },
            { key: 'callId', label: LABELS.fieldCallId, value: pop.callId }
        ];
        return rows.filter((row): row is { key: string; label: string; value: string } => row.value !== undefined);
    }

    get refusedText(): string {
        return this.refused.length > 0 ? format(LABELS.refused, this.refused.join(', ')) : '';
    }

    get isSearching(): boolean {
        return this.lookup === 'searching';
    }

    get lookupErrorText(): string {
        if (this.lookup === 'noAccess') return LABELS.searchNoAccess;
        return this.lookup === 'error' ? format(LABELS.searchFailed, this.lookupError) : '';
    }

    get openingText(): string {
        return this.isRing && this.opened ? format(LABELS.openingRecord, this.opened.name) : '';
    }

    get matchViews(): MatchView[] {
        return this.matches.map((match) => ({
            ...match,
            key: match.recordId,
            label: match.detail ? `${match.name} (${match.detail})` : match.name,
            title: `${LABELS.openMatch} ${match.name}`
        }));
    }

    get showChoices(): boolean {
        return this.isRing && this.lookup === 'done' && this.matches.length > 1;
    }

    get showNoMatch(): boolean {
        return this.isRing && this.lookup === 'done' && this.matches.length === 0;
    }

    get hasTask(): boolean {
        return this.isHangup && !!this.pop?.taskId;
    }

    get logErrorText(): string {
        switch (this.isHangup ? this.pop?.logError : undefined) {
            case 'session':
                return LABELS.logSession;
            case 'access':
                return LABELS.logAccess;
            case 'failed':
                return this.pop?.logDetail ? format(LABELS.logFailedDetail, this.pop.logDetail) : LABELS.logFailed;
            case 'noCallId':
                return LABELS.logNoCallId;
            default:
                return '';
        }
    }

    get canLogCall(): boolean {
        return this.isHangup && !this.pop?.taskId && !this.pop?.logError && !!this.pop?.callId;
    }

    get relatedOptions(): { label: string; value: string }[] {
        return this.matchViews.map((match) => ({ label: match.label, value: match.recordId }));
    }

    get hasRelatedOptions(): boolean {
        return this.hasTask && this.matches.length > 0;
    }

    get saveDisabled(): boolean {
        return this.saving;
    }

    get savedText(): string {
        return this.saveState === 'saved' ? LABELS.saved : '';
    }

    get saveFailedText(): string {
        return this.saveState === 'failed' ? format(LABELS.saveFailed, this.saveError) : '';
    }
}
