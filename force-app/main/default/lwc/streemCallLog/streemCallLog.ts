/**
 * streemCallLog: Streem's /streems call log for a reference ID, inside Salesforce.
 * On a record page the reference ID comes from a merge-field template (default {!Id}, as
 * streemEmbed sends); opened by URL (lightning__UrlAddressable) it comes from `c__refId`;
 * on an app page without either it shows the agent's whole Streem call log.
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
    parseTemplate,
    renderTemplate,
    resolveBaseUrl,
    templateFields
} from 'c/streemUrl';
import type { ParsedTemplate } from 'c/streemUrl';

import STREEM_BASE_URL from '@salesforce/label/c.Streem_Base_Url';
import TITLE from '@salesforce/label/c.Streem_CallLog_Title';
import TITLE_FOR from '@salesforce/label/c.Streem_CallLog_Title_For';
import LOADING from '@salesforce/label/c.Streem_Loading';
import FRAME_TITLE from '@salesforce/label/c.Streem_CallLog_Frame_Title';
import OPEN_NEW_WINDOW from '@salesforce/label/c.Streem_Open_New_Window';
import NO_REF from '@salesforce/label/c.Streem_CallLog_No_Ref';
import CONFIG_ERROR_HEADING from '@salesforce/label/c.Streem_Config_Error_Heading';
import CONFIG_ERROR_AGENT from '@salesforce/label/c.Streem_Config_Error_Agent';
import CONFIG_BASE_URL_MISSING from '@salesforce/label/c.Streem_Config_Base_Url_Missing';
import CONFIG_BASE_URL_INVALID from '@salesforce/label/c.Streem_Config_Base_Url_Invalid';
import CONFIG_BASE_URL_PLACEHOLDER from '@salesforce/label/c.Streem_Config_Base_Url_Placeholder';
import CONFIG_REFID_TEMPLATE_INVALID from '@salesforce/label/c.Streem_Config_RefId_Template_Invalid';
import RECORD_ERROR from '@salesforce/label/c.Streem_Record_Error';

const DEFAULT_FRAME_HEIGHT = 500;
const MIN_FRAME_HEIGHT = 200;
const MAX_FRAME_HEIGHT = 2000;
const DEFAULT_REF_ID_TEMPLATE = '{!Id}';

const CONFIG_MESSAGES: Record<string, string> = {
    BASE_URL_MISSING: CONFIG_BASE_URL_MISSING,
    BASE_URL_INVALID: CONFIG_BASE_URL_INVALID,
    BASE_URL_PLACEHOLDER: CONFIG_BASE_URL_PLACEHOLDER,
    TEMPLATE_INVALID: CONFIG_REFID_TEMPLATE_INVALID
};

interface CallLogConfig {
    baseUrl: string;
    refId: ParsedTemplate;
}

type View =
    | { kind: 'config'; message: string }
    | { kind: 'loading' }
    | { kind: 'recordError'; message: string }
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
    @api refIdTemplate = DEFAULT_REF_ID_TEMPLATE;
    /** Height of the call log frame in pixels. */
    @api frameHeight = DEFAULT_FRAME_HEIGHT;

    labels = {
        loading: LOADING,
        frameTitle: FRAME_TITLE,
        openNewWindow: OPEN_NEW_WINDOW,
        noRef: NO_REF,
        configErrorHeading: CONFIG_ERROR_HEADING,
        configErrorAgent: CONFIG_ERROR_AGENT
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
            const template = this.refIdTemplate?.trim() ? this.refIdTemplate : DEFAULT_REF_ID_TEMPLATE;
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
        if (config instanceof StreemUrlError) {
            const label = CONFIG_MESSAGES[config.code];
            return {
                kind: 'config',
                message: label ? formatLabel(label, config.value, config.example) : config.message
            };
        }
        if (this.pageRefId) return this.ready(config, this.pageRefId);
        if (!this.readsRecord) return this.ready(config, ''); // app page: the whole call log
        if (!this.recordLoaded) return { kind: 'loading' };
        if (this.recordError || !this.record) {
            return { kind: 'recordError', message: formatLabel(RECORD_ERROR, errorText(this.recordError)) };
        }
        const record = this.record;
        const refId = renderTemplate(config.refId, this.objectApiName, (field) => getFieldValue(record, field)).trim();
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

    get isLoading(): boolean {
        return this.view.kind === 'loading';
    }
    get isConfigError(): boolean {
        return this.view.kind === 'config';
    }
    get isRecordError(): boolean {
        return this.view.kind === 'recordError';
    }
    get isNoRef(): boolean {
        return this.view.kind === 'noRef';
    }
    get isReady(): boolean {
        return this.view.kind === 'ready';
    }
    get message(): string {
        const view = this.view;
        return view.kind === 'config' || view.kind === 'recordError' ? view.message : '';
    }
    get callLogUrl(): string | undefined {
        const view = this.view;
        return view.kind === 'ready' ? view.url : undefined;
    }

    get frameHeightPx(): number {
        const height = Number(this.frameHeight);
        if (!Number.isFinite(height)) return DEFAULT_FRAME_HEIGHT;
        return Math.min(MAX_FRAME_HEIGHT, Math.max(MIN_FRAME_HEIGHT, Math.round(height)));
    }
}

/** The readable part of a UI API / LDS error. */
function errorText(error: unknown): string {
    type Described = { message?: unknown };
    const { body, message } = (error ?? {}) as Described & { body?: Described | Described[] };
    const first = Array.isArray(body) ? body[0] : body;
    if (typeof first?.message === 'string') return first.message;
    return typeof message === 'string' ? message : '';
}
