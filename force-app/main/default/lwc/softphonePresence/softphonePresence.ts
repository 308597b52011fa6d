/**
 * Inside softphoneBridge: the agent's presence. A picker when the call center offers statuses,
 * else the status as a badge. Event: `presencechange` (detail `{ softphoneId }`); the parent
 * sends setPresence and says through `pending` that the softphone has not confirmed it yet.
 */
import { LightningElement, api } from 'lwc';
import PRESENCE_CHANGING from '@salesforce/label/c.SoftphoneBridge_Presence_Changing';
import PRESENCE_LABEL from '@salesforce/label/c.SoftphoneBridge_Presence_Label';
import PRESENCE_UNKNOWN from '@salesforce/label/c.SoftphoneBridge_Presence_Unknown';

export default class SoftphonePresence extends LightningElement {
    /** The statuses the agent may pick (label, softphone id as value); none shows a badge instead. */
    @api options: readonly { label: string; value: string }[] = [];
    /** The softphone id of the current (or requested) status. */
    @api value?: string;
    /** The current status in words, for the badge. */
    @api statusLabel = '';
    /** The picker cannot be used (no adapter, softphone signed out, a change pending). */
    @api disabled = false;
    /** A change was asked for and the softphone has not confirmed it yet. */
    @api pending = false;

    readonly labels = {
        presenceChanging: PRESENCE_CHANGING,
        presenceLabel: PRESENCE_LABEL,
        presenceUnknown: PRESENCE_UNKNOWN
    };

    get hasOptions(): boolean {
        return this.options.length > 0;
    }

    handleChange(event: CustomEvent<{ value?: string }>): void {
        const softphoneId = event.detail?.value;
        if (!softphoneId) return;
        this.dispatchEvent(new CustomEvent('presencechange', { detail: { softphoneId } }));
    }
}
