/**
 * Inside softphoneBridge on a record page: one button per phone number of the record, why the
 * agent cannot dial right now, the dial in progress, or why there is nothing to dial (no number,
 * the record cannot be read). Event: `dial` (detail `{ field }`); the parent sends the command.
 */
import { LightningElement, api } from 'lwc';
import DIAL_HEADING from '@salesforce/label/c.SoftphoneBridge_Dial_Heading';
import NO_PHONE from '@salesforce/label/c.SoftphoneBridge_No_Phone';

export default class SoftphoneDialList extends LightningElement {
    /** The numbers to dial: the field each comes from and the button's label. */
    @api targets: readonly { key: string; field: string; label: string }[] = [];
    /** The buttons cannot be used (see `blockedText`, or a dial is in progress). */
    @api disabled = false;
    /** Why the agent cannot dial right now, if they cannot. */
    @api blockedText?: string;
    /** The dial sent and not yet started by the softphone ("Calling (503) 555-1212…"). */
    @api dialingText?: string;
    /** The record could not be read, and why. */
    @api errorText?: string;
    /** The record was read and has no phone number. */
    @api noPhone = false;

    readonly labels = { dialHeading: DIAL_HEADING, noPhone: NO_PHONE };

    get hasTargets(): boolean {
        return this.targets.length > 0;
    }

    handleDial(event: Event): void {
        const field = (event.currentTarget as HTMLElement).dataset.field;
        if (field && !this.disabled) this.dispatchEvent(new CustomEvent('dial', { detail: { field } }));
    }
}
