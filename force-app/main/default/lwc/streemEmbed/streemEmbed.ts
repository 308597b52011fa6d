/**
 * streemEmbed: starts a Streem video session for the record on the page, inside Salesforce.
 * Reads exactly the fields its merge-field templates name, lets the agent fix a missing or
 * wrong phone/name, then frames Streem's /embed page (with a new-window fallback). The card, its
 * new-window link and the loading and error states are c-streem-card's.
 */
import { LightningElement, api, wire } from 'lwc';
import { getFieldValue, getRecord } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { StreemUrlError, formatLabel, frameHeightPx, parsePhone } from 'c/streemUrl';
import { checkInvite, embedFields, readInvite, resolveEmbedConfig } from './embedModel';
import type { EmbedConfig, Invite, InviteProblem } from './embedModel';

import STREEM_BASE_URL from '@salesforce/label/c.Streem_Base_Url';
import TITLE from '@salesforce/label/c.Streem_Embed_Title';
import FRAME_TITLE from '@salesforce/label/c.Streem_Embed_Frame_Title';
import OPEN_NEW_WINDOW_HINT from '@salesforce/label/c.Streem_Open_New_Window_Hint';
import EDIT_DETAILS from '@salesforce/label/c.Streem_Edit_Details';
import DETAILS_INTRO from '@salesforce/label/c.Streem_Details_Intro';
import DETAILS_PHONE_MISSING from '@salesforce/label/c.Streem_Details_Phone_Missing';
import DETAILS_PHONE_INVALID from '@salesforce/label/c.Streem_Details_Phone_Invalid';
import DETAILS_NAME_MISSING from '@salesforce/label/c.Streem_Details_Name_Missing';
import NAME_LABEL from '@salesforce/label/c.Streem_Name_Label';
import PHONE_LABEL from '@salesforce/label/c.Streem_Phone_Label';
import PHONE_HELP from '@salesforce/label/c.Streem_Phone_Help';
import PHONE_ERROR from '@salesforce/label/c.Streem_Phone_Error';
import START from '@salesforce/label/c.Streem_Start';
import EDIT_KEEPS_SESSION from '@salesforce/label/c.Streem_Edit_Keeps_Session';
import CANCEL_EDIT from '@salesforce/label/c.Streem_Cancel_Edit';

const DEFAULT_FRAME_HEIGHT = 600;

/** What to show; c-streem-card draws 'loading', 'config' and 'recordError'. */
type View =
    | { kind: 'config'; error: StreemUrlError }
    | { kind: 'loading' }
    | { kind: 'recordError'; error: unknown }
    | { kind: 'details'; intro: string }
    | { kind: 'ready'; url: string };

export default class StreemEmbed extends LightningElement {
    /**
     * Id of the record on the page (set by Lightning on record pages). When it changes under a live
     * component, everything taken from or typed for the earlier record is dropped: the invite must
     * never carry one record's name or number with another's reference ID.
     */
    @api
    get recordId(): string | undefined {
        return this.pageRecordId;
    }
    set recordId(value: string | undefined) {
        if (value === this.pageRecordId) return;
        const hadRecord = this.pageRecordId !== undefined;
        this.pageRecordId = value;
        if (hadRecord) this.forgetRecord();
    }
    /** API name of the record's object (set by Lightning on record pages). */
    @api objectApiName?: string;
    /** Streem address, e.g. https://acme.streempro.app; blank uses the Streem_Base_Url label. */
    @api baseUrl = '';
    /** Invitee name, e.g. {{FirstName}} {{LastName}} (or {!FirstName}); blank uses the object's name field. */
    @api nameTemplate = '';
    /** Phone for the SMS invite, e.g. {{MobilePhone}}; blank uses the object's mobile, then phone. */
    @api phoneTemplate = '';
    /** Streem reference ID shared by this record's calls; blank is the record Id. */
    @api refIdTemplate = '';
    /** Source from your Streem account manager. */
    @api source = 'SFDC';
    /** Calling code for numbers without one, e.g. +44; blank lets Streem assume +1. */
    @api callingCode = '';
    /** After the call: streems (this record's call log), call, blank, or an https URL. */
    @api redirect = 'streems';
    /** Height of the Streem frame in pixels. */
    @api frameHeight = DEFAULT_FRAME_HEIGHT;

    labels = {
        title: TITLE,
        frameTitle: FRAME_TITLE,
        openNewWindowHint: OPEN_NEW_WINDOW_HINT,
        editDetails: EDIT_DETAILS,
        nameLabel: NAME_LABEL,
        nameMissing: DETAILS_NAME_MISSING,
        phoneLabel: PHONE_LABEL,
        phoneHelp: PHONE_HELP,
        phoneError: PHONE_ERROR,
        start: START,
        editKeepsSession: EDIT_KEEPS_SESSION,
        cancelEdit: CANCEL_EDIT
    };

    /** The record the invite is built from; frozen while Streem is showing (see handleRecord). */
    record?: RecordRepresentation;
    /** The newest record from LDS, to prefill the form when the agent edits. */
    latestRecord?: RecordRepresentation;
    recordError?: unknown;
    recordLoaded = false;
    /** Name/phone the agent entered; they win over the record. */
    overrides?: { name: string; phone: string };
    /** The agent asked to edit the details of a ready invite. */
    editing = false;
    /**
     * The Streem session showing when the agent chose Edit Details: it stays on screen (a new src
     * would drop the call) until Start replaces it with the new details, or Cancel returns to it.
     */
    liveUrl?: string;
    /** Why the form is showing after a failed Start (else the record's own problem). */
    formProblem?: InviteProblem;
    /** The phone that Start refused, named in the intro until the next Start. */
    refusedPhone?: string;
    draftName?: string;
    draftPhone?: string;

    private fieldsCache?: { key: string; fields: string[] };
    private pageRecordId?: string;

    private forgetRecord(): void {
        this.record = undefined;
        this.latestRecord = undefined;
        this.recordError = undefined;
        this.recordLoaded = false;
        this.overrides = undefined;
        this.editing = false;
        this.liveUrl = undefined;
        this.formProblem = undefined;
        this.refusedPhone = undefined;
        this.draftName = undefined;
        this.draftPhone = undefined;
    }

    @wire(getRecord, { recordId: '$recordId', fields: '$idFields', optionalFields: '$optionalFields' })
    handleRecord({ data, error }: { data?: RecordRepresentation; error?: unknown }): void {
        if (!data && !error) return; // the wire's initial empty value: still loading
        this.latestRecord = data ?? this.latestRecord;
        // A live Streem session must not reload: a new src would drop the call. So once the
        // frame shows (also while the agent edits beside it), later record changes wait until the
        // agent starts a new invite or reloads the page; the form reads latestRecord.
        if (this.recordLoaded && (this.view.kind === 'ready' || this.liveUrl)) return;
        this.record = data;
        this.recordError = error;
        this.recordLoaded = true;
    }

    /** getRecord `fields`: Id, which every user who can see the record can read. */
    get idFields(): string[] | undefined {
        return this.objectApiName ? [`${this.objectApiName}.Id`] : undefined;
    }

    /** getRecord `optionalFields`: exactly the template fields; a field the user can't see is blank. */
    get optionalFields(): string[] | undefined {
        const objectApiName = this.objectApiName;
        const config = this.config;
        if (!objectApiName || config instanceof StreemUrlError) return undefined;
        const fields = embedFields(config, objectApiName);
        const key = fields.join(',');
        // Same array while the fields are the same, so the wire is not re-provisioned per render.
        if (this.fieldsCache?.key !== key) this.fieldsCache = { key, fields };
        return this.fieldsCache.fields;
    }

    get config(): EmbedConfig | StreemUrlError {
        try {
            return resolveEmbedConfig(
                {
                    baseUrl: this.baseUrl,
                    labelBaseUrl: STREEM_BASE_URL,
                    nameTemplate: this.nameTemplate,
                    phoneTemplate: this.phoneTemplate,
                    refIdTemplate: this.refIdTemplate,
                    source: this.source,
                    callingCode: this.callingCode,
                    redirect: this.redirect
                },
                this.objectApiName
            );
        } catch (error) {
            if (error instanceof StreemUrlError) return error;
            throw error;
        }
    }

    get hasRecordContext(): boolean {
        return Boolean(this.recordId && this.objectApiName);
    }

    get view(): View {
        const config = this.config;
        if (config instanceof StreemUrlError) return { kind: 'config', error: config };
        if (this.hasRecordContext && !this.recordLoaded) return { kind: 'loading' };
        if (this.recordError && !this.record) return { kind: 'recordError', error: this.recordError };
        const invite = this.invite(config, this.record);
        if (this.editing) return { kind: 'details', intro: this.introFor(this.formProblem, invite) };
        const check = checkInvite(config, invite);
        if (!check.ok) return { kind: 'details', intro: this.introFor(this.formProblem ?? check.problem, invite) };
        return { kind: 'ready', url: check.url };
    }

    private invite(config: EmbedConfig, record: RecordRepresentation | undefined): Invite {
        const lookup = (field: string): unknown => (record ? getFieldValue(record, field) : undefined);
        const fromRecord = readInvite(config, this.objectApiName, lookup);
        return this.overrides ? { ...fromRecord, ...this.overrides } : fromRecord;
    }

    private introFor(problem: InviteProblem | undefined, invite: Invite): string {
        // With no record (an app page), nothing is missing from a record: the agent just fills the form.
        if (!this.hasRecordContext && problem !== 'phoneInvalid') return DETAILS_INTRO;
        switch (problem) {
            case 'phoneMissing':
                return DETAILS_PHONE_MISSING;
            case 'phoneInvalid':
                return formatLabel(DETAILS_PHONE_INVALID, this.refusedPhone ?? invite.phone);
            case 'nameMissing':
                return DETAILS_NAME_MISSING;
            default:
                return DETAILS_INTRO;
        }
    }

    // ---- template state -------------------------------------------------------------

    get isDetails(): boolean {
        return this.view.kind === 'details';
    }
    get isReady(): boolean {
        return this.view.kind === 'ready';
    }

    get detailsIntro(): string {
        const view = this.view;
        return view.kind === 'details' ? view.intro : '';
    }
    /** The Streem address shown and opened: the ready invite, or the session kept while the agent edits. */
    get embedUrl(): string | undefined {
        const view = this.view;
        return view.kind === 'ready' ? view.url : this.liveUrl;
    }

    /** Values shown in the form: what the agent typed, else the invite's. */
    get formName(): string {
        return this.draftName ?? this.currentInvite()?.name ?? '';
    }
    get formPhone(): string {
        return this.draftPhone ?? this.currentInvite()?.phone ?? '';
    }

    private currentInvite(): Invite | undefined {
        const config = this.config;
        return config instanceof StreemUrlError ? undefined : this.invite(config, this.latestRecord ?? this.record);
    }

    get frameHeightPx(): number {
        return frameHeightPx(this.frameHeight, DEFAULT_FRAME_HEIGHT);
    }

    // ---- handlers ---------------------------------------------------------------------

    handleNameChange(event: CustomEvent<{ value: string }>): void {
        this.draftName = event.detail.value;
    }

    /**
     * Typing never changes what the form says: fields are checked on Start only. lightning-input
     * re-reports its validity when it loses focus, which is the press on Start; a message that
     * vanished then would move Start up under the pointer and the click would be lost.
     */
    handlePhoneChange(event: CustomEvent<{ value: string }>): void {
        this.draftPhone = event.detail.value;
    }

    handleEdit(): void {
        const view = this.view;
        if (view.kind === 'ready') this.liveUrl = view.url;
        const invite = this.currentInvite();
        this.draftName = invite?.name ?? '';
        this.draftPhone = invite?.phone ?? '';
        this.formProblem = undefined;
        this.refusedPhone = undefined;
        this.editing = true;
    }

    /** Shows Streem with the entered details, or says what is still wrong. */
    handleStart(): void {
        const config = this.config;
        if (config instanceof StreemUrlError) return;
        const name = this.formName.trim();
        const phone = this.formPhone.trim();
        const check = checkInvite(config, { ...this.invite(config, this.latestRecord ?? this.record), name, phone });
        if (!check.ok) {
            this.formProblem = check.problem;
            this.refusedPhone = phone;
            // Custom validity, not just `required`: it stays when the field is fixed and left,
            // until the next Start checks again.
            reportField(this.phoneInput(), parsePhone(phone, config.callingCode).ok ? '' : PHONE_ERROR);
            reportField(this.nameInput(), name ? '' : DETAILS_NAME_MISSING);
            return;
        }
        this.overrides = { name, phone };
        this.record = this.latestRecord ?? this.record;
        this.formProblem = undefined;
        this.refusedPhone = undefined;
        this.editing = false;
        this.liveUrl = undefined;
        this.draftName = undefined;
        this.draftPhone = undefined;
    }

    /** Back to the session that is still running, the details as they were. */
    handleCancelEdit(): void {
        this.editing = false;
        this.liveUrl = undefined;
        this.formProblem = undefined;
        this.refusedPhone = undefined;
        this.draftName = undefined;
        this.draftPhone = undefined;
    }

    private phoneInput(): LightningInput | null {
        return this.template?.querySelector<LightningInput>('lightning-input[data-id="phone"]') ?? null;
    }

    private nameInput(): LightningInput | null {
        return this.template?.querySelector<LightningInput>('lightning-input[data-id="name"]') ?? null;
    }
}

/** The lightning-input methods the form uses. */
type LightningInput = HTMLElement & Pick<HTMLInputElement, 'setCustomValidity' | 'reportValidity'>;

/** Shows `message` under the field now, or clears it ('' when the value is fine). */
function reportField(input: LightningInput | null, message: string): void {
    if (!input) return;
    input.setCustomValidity(message);
    input.reportValidity();
}
