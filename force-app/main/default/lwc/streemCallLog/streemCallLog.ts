/**
 * streemCallLog: Streem's /streems call log for a reference ID, inside Salesforce.
 * On a record page the reference ID comes from a merge-field template (default {!Id}, as
 * streemEmbed sends); opened by URL (lightning__UrlAddressable) it comes from `c__refId`;
 * on an app page without either it shows the agent's whole Streem call log. The card, its
 * new-window link and the loading and error states are c-streem-card's.
 */
import { LightningElement, api, wire } from 'lwc';
import { getFieldValue, getRecord } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { CurrentPageReference } from 'lightning/navigation';
import type { PageReference } from 'lightning/navigation';
import {
    StreemUrlError,
    buildCallLogUrl,
    formatLabel,
    frameHeightPx,
    parseTemplate,
    RECORD_ID_TEMPLATE,
    renderRefId,
    resolveBaseUrl,
    templateFields
} from 'c/streemUrl';
import type { ParsedTemplate } from 'c/streemUrl';

import STREEM_BASE_URL from '@salesforce/label/c.Streem_Base_Url';
import TITLE from '@salesforce/label/c.Streem_CallLog_Title';
import TITLE_FOR from '@salesforce/label/c.Streem_CallLog_Title_For';
import FRAME_TITLE from '@salesforce/label/c.Streem_CallLog_Frame_Title';
import NO_REF from '@salesforce/label/c.Streem_CallLog_No_Ref';

const DEFAULT_FRAME_HEIGHT = 500;

interface CallLogConfig {
    baseUrl: string;
    refId: ParsedTemplate;
}

/** What to show; c-streem-card draws 'loading', 'config' and 'recordError'. */
type View =
    | { kind: 'config'; error: StreemUrlError }
    | { kind: 'loading' }
    | { kind: 'recordError'; error: unknown }
    | { kind: 'noRef' }
    | { kind: 'ready'; url: string; refId: string };

export default class StreemCallLog extends LightningElement {
    /** Id of the record on the page (set by Lightning on record pages). */
    @api recordId?: string;
    /** API name of the record's object (set by Lightning on record pages). */
    @api objectApiName?: string;
    /** Streem address, e.g. https://acme.streempro.app; blank uses the Streem_Base_Url label. */
    @api baseUrl = '';
    /** Streem reference ID of this record's calls; must match streemEmbed's. */
    @api refIdTemplate = RECORD_ID_TEMPLATE;
    /** Height of the call log frame in pixels. */
    @api frameHeight = DEFAULT_FRAME_HEIGHT;

    labels = {
        frameTitle: FRAME_TITLE,
        noRef: NO_REF
    };

    record?: RecordRepresentation;
    recordError?: unknown;
    recordLoaded = false;
    /** c__refId from the URL when opened as lightning__UrlAddressable. */
    pageRefId?: string;

    private fieldsCache?: { key: string; fields: string[] };

    @wire(CurrentPageReference)
    handlePageReference(pageReference?: PageReference): void {
        const refId = pageReference?.state?.c__refId;
        this.pageRefId = typeof refId === 'string' && refId.trim() ? refId.trim() : undefined;
    }

    @wire(getRecord, { recordId: '$recordId', fields: '$idFields', optionalFields: '$optionalFields' })
    handleRecord({ data, error }: { data?: RecordRepresentation; error?: unknown }): void {
        if (!data && !error) return; // the wire's initial empty value: still loading
        this.record = data;
        this.recordError = error;
        this.recordLoaded = true;
    }

    get idFields(): string[] | undefined {
        return this.readsRecord && this.objectApiName ? [`${this.objectApiName}.Id`] : undefined;
    }

    /** Exactly the fields the reference ID template names. */
    get optionalFields(): string[] | undefined {
        const config = this.config;
        if (!this.readsRecord || !this.objectApiName || config instanceof StreemUrlError) return undefined;
        const fields = templateFields([config.refId], this.objectApiName);
        const key = fields.join(',');
        if (this.fieldsCache?.key !== key) this.fieldsCache = { key, fields };
        return this.fieldsCache.fields;
    }

    /** A record page that was not given a reference ID in the URL. */
    get readsRecord(): boolean {
        return Boolean(this.recordId && this.objectApiName && !this.pageRefId);
    }

    get config(): CallLogConfig | StreemUrlError {
        try {
            const template = this.refIdTemplate?.trim() ? this.refIdTemplate : RECORD_ID_TEMPLATE;
            return {
                baseUrl: resolveBaseUrl(this.baseUrl, STREEM_BASE_URL),
                refId: parseTemplate(template, 'refIdTemplate')
            };
        } catch (error) {
            if (error instanceof StreemUrlError) return error;
            throw error;
        }
    }

    get view(): View {
        const config = this.config;
        if (config instanceof StreemUrlError) return { kind: 'config', error: config };
        if (this.pageRefId) return this.ready(config, this.pageRefId);
        if (!this.readsRecord) return this.ready(config, ''); // app page: the whole call log
        if (!this.recordLoaded) return { kind: 'loading' };
        if (this.recordError || !this.record) return { kind: 'recordError', error: this.recordError };
        const record = this.record;
        const refId = renderRefId(config.refId, this.objectApiName, (field) => getFieldValue(record, field));
        return refId ? this.ready(config, refId) : { kind: 'noRef' };
    }

    private ready(config: CallLogConfig, refId: string): View {
        return { kind: 'ready', url: buildCallLogUrl({ baseUrl: config.baseUrl, refId }), refId };
    }

    get cardTitle(): string {
        const view = this.view;
        // By URL the page has no record around it, so the title says whose calls these are.
        return view.kind === 'ready' && this.pageRefId ? formatLabel(TITLE_FOR, view.refId) : TITLE;
    }

    get isNoRef(): boolean {
        return this.view.kind === 'noRef';
    }
    get isReady(): boolean {
        return this.view.kind === 'ready';
    }
    get callLogUrl(): string | undefined {
        const view = this.view;
        return view.kind === 'ready' ? view.url : undefined;
    }

    get frameHeightPx(): number {
        return frameHeightPx(this.frameHeight, DEFAULT_FRAME_HEIGHT);
    }
}
