/**
 * streemCard: the card around both Streem components: the title, "Open in New Window" (after
 * any actions the parent slots in), and the states they share: loading, a configuration error
 * for the admin, a record that could not be read. In any other state it shows the parent's
 * content (the default slot).
 *
 * Light DOM, so the card's markup joins the parent's shadow tree: the parent and its tests reach
 * it as their own, and what the parent slots in stays the parent's.
 */
import { LightningElement, api } from 'lwc';
import { StreemUrlError, formatLabel } from 'c/streemUrl';

import LOADING from '@salesforce/label/c.Streem_Loading';
import OPEN_NEW_WINDOW from '@salesforce/label/c.Streem_Open_New_Window';
import CONFIG_ERROR_HEADING from '@salesforce/label/c.Streem_Config_Error_Heading';
import CONFIG_ERROR_AGENT from '@salesforce/label/c.Streem_Config_Error_Agent';
import CONFIG_BASE_URL_MISSING from '@salesforce/label/c.Streem_Config_Base_Url_Missing';
import CONFIG_BASE_URL_INVALID from '@salesforce/label/c.Streem_Config_Base_Url_Invalid';
import CONFIG_BASE_URL_PLACEHOLDER from '@salesforce/label/c.Streem_Config_Base_Url_Placeholder';
import CONFIG_REDIRECT_INVALID from '@salesforce/label/c.Streem_Config_Redirect_Invalid';
import CONFIG_CALLING_CODE_INVALID from '@salesforce/label/c.Streem_Config_Calling_Code_Invalid';
import CONFIG_NAME_TEMPLATE_INVALID from '@salesforce/label/c.Streem_Config_Name_Template_Invalid';
import CONFIG_PHONE_TEMPLATE_INVALID from '@salesforce/label/c.Streem_Config_Phone_Template_Invalid';
import CONFIG_REFID_TEMPLATE_INVALID from '@salesforce/label/c.Streem_Config_RefId_Template_Invalid';
import RECORD_ERROR from '@salesforce/label/c.Streem_Record_Error';
import { ldsErrorText } from 'c/ldsErrors';

/** Admin-facing label per configuration error (template errors per property). */
const CONFIG_MESSAGES: Record<string, string> = {
    BASE_URL_MISSING: CONFIG_BASE_URL_MISSING,
    BASE_URL_INVALID: CONFIG_BASE_URL_INVALID,
    BASE_URL_PLACEHOLDER: CONFIG_BASE_URL_PLACEHOLDER,
    REDIRECT_INVALID: CONFIG_REDIRECT_INVALID,
    CALLING_CODE_INVALID: CONFIG_CALLING_CODE_INVALID,
    'TEMPLATE_INVALID:nameTemplate': CONFIG_NAME_TEMPLATE_INVALID,
    'TEMPLATE_INVALID:phoneTemplate': CONFIG_PHONE_TEMPLATE_INVALID,
    'TEMPLATE_INVALID:refIdTemplate': CONFIG_REFID_TEMPLATE_INVALID
};

export default class StreemCard extends LightningElement {
    static override renderMode = 'light' as const;

    /** The card's title. */
    @api cardTitle = '';
    /**
     * What the card shows: 'loading', 'config' (the StreemUrlError in `error`), 'recordError' (the
     * UI API error in `error`); any other value shows the parent's content.
     */
    @api state = '';
    /** What went wrong, in the 'config' and 'recordError' states. */
    @api error?: unknown;
    /** The page "Open in New Window" opens; without it there is no link and no actions. */
    @api newWindowUrl?: string;
    /** Footer text shown with the link, e.g. why it is there. */
    @api newWindowHint?: string;

    labels = {
        loading: LOADING,
        openNewWindow: OPEN_NEW_WINDOW,
        configErrorHeading: CONFIG_ERROR_HEADING,
        configErrorAgent: CONFIG_ERROR_AGENT
    };

    get isLoading(): boolean {
        return this.state === 'loading';
    }
    get isConfigError(): boolean {
        return this.state === 'config';
    }
    get isRecordError(): boolean {
        return this.state === 'recordError';
    }
    get showHint(): boolean {
        return Boolean(this.newWindowUrl && this.newWindowHint);
    }

    get message(): string {
        if (this.isConfigError) return configMessage(this.error);
        if (this.isRecordError) return formatLabel(RECORD_ERROR, ldsErrorText(this.error));
        return '';
    }
}

/** The translated admin message for a configuration error. */
function configMessage(error: unknown): string {
    if (!(error instanceof StreemUrlError)) return error instanceof Error ? error.message : '';
    const label = CONFIG_MESSAGES[`${error.code}:${error.property}`] ?? CONFIG_MESSAGES[error.code];
    return label ? formatLabel(label, error.value, error.example) : error.message;
}
