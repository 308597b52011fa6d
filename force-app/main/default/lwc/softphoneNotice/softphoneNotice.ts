/**
 * Inside softphoneBridge: one SLDS scoped notification (storage full, what to do about a failing
 * log, version skew, signed out), so the parent names what to say and how urgent it is, not the
 * markup. An error is announced at once (`role="alert"`); the others politely (`role="status"`).
 */
import { LightningElement, api } from 'lwc';

export type NoticeVariant = 'error' | 'warning' | 'info';

const THEMES: Record<NoticeVariant, string> = {
    error: ' slds-theme_error',
    warning: ' slds-theme_warning',
    info: ''
};

export default class SoftphoneNotice extends LightningElement {
    /** How urgent: error, warning or info (anything else shows as info). */
    @api variant: string = 'info';
    /** What the agent or admin should read. */
    @api message = '';
    /** The notice's `data-id` (what tests and the workbench find it by). */
    @api noticeId?: string;

    private get kind(): NoticeVariant {
        return this.variant === 'error' || this.variant === 'warning' ? this.variant : 'info';
    }

    get containerClass(): string {
        return `slds-scoped-notification slds-media slds-m-bottom_small${THEMES[this.kind]}`;
    }

    get role(): string {
        return this.kind === 'error' ? 'alert' : 'status';
    }

    get iconName(): string {
        return `utility:${this.kind}`;
    }

    /** White on the coloured themes; the default grey on the plain one. */
    get iconVariant(): string | undefined {
        return this.kind === 'info' ? undefined : 'inverse';
    }
}
