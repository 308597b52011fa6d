/** The "New <Object>" modal a NEW_RECORD_MODAL screen pop opens, showing the default field values it got. */
import { LightningElement, api } from 'lwc';
// The shell reads the stand-in directly (the package imports it as lightning/pageReferenceUtils).
import { decodeDefaultFieldValues } from '../../../../platform/modules/lightning/pageReferenceUtils/pageReferenceUtils';

export default class NewRecord extends LightningElement {
    /** The object to create. */
    @api objectApiName = '';
    /** The default field values: JSON from an Open CTI screen pop, or encodeDefaultFieldValues' `Field=value,...`. */
    @api defaultFieldValues = '';

    get cardTitle(): string {
        return `New ${this.objectApiName}`;
    }
    get values(): { name: string; value: string }[] {
        const raw = this.defaultFieldValues.trim();
        if (raw && !raw.startsWith('{'))
            return Object.entries(decodeDefaultFieldValues(raw)).map(([name, value]) => ({ name, value }));
        try {
            const parsed = JSON.parse(raw || '{}') as Record<string, unknown>;
            return Object.entries(parsed).map(([name, value]) => ({ name, value: String(value) }));
        } catch {
            return [{ name: '(unreadable defaultFieldValues)', value: this.defaultFieldValues }];
        }
    }

    handleCancel(): void {
        window.history.back();
    }
}
