/** The "New <Object>" modal a NEW_RECORD_MODAL screen pop opens, showing the default field values it got. */
import { LightningElement, api } from 'lwc';

export default class NewRecord extends LightningElement {
    /** The object to create. */
    @api objectApiName = '';
    /** JSON of the default field values passed to the screen pop. */
    @api defaultFieldValues = '';

    get cardTitle(): string {
        return `New ${this.objectApiName}`;
    }
    get values(): { name: string; value: string }[] {
        try {
            const parsed = JSON.parse(this.defaultFieldValues || '{}') as Record<string, unknown>;
            return Object.entries(parsed).map(([name, value]) => ({ name, value: String(value) }));
        } catch {
            return [{ name: '(unreadable defaultFieldValues)', value: this.defaultFieldValues }];
        }
    }

    handleCancel(): void {
        window.history.back();
    }
}
