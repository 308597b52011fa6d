/**
 * The agent's contact-center session, for protocols with their own login (the Ameyo toolbar):
 * shown inside softphoneBridge, which owns the channel. It asks before a forced login (seed 004,
 * "when force login is required, call doforcelogin() from the crm": the agent confirms first),
 * offers sign-out (doLogout) and "dispose and dial next" (disposeNDial) during wrap-up, and lists
 * the current call's transfers and conferences. Events: `forcelogin`, `signout` and
 * `disposeanddial` (detail `{ number }`); the parent sends the commands.
 */
import { LightningElement, api } from 'lwc';
import type { AgentSessionView, CallTimelineView } from 'c/softphoneProtocol';
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import CONFIRM_TAKEOVER from '@salesforce/label/c.SoftphoneSession_Confirm_Takeover';
import LOGIN_FAILED from '@salesforce/label/c.SoftphoneSession_Login_Failed';
import SIGN_OUT from '@salesforce/label/c.SoftphoneSession_Sign_Out';
import SIGNED_OUT from '@salesforce/label/c.SoftphoneSession_Signed_Out';
import TAKEOVER_PROMPT from '@salesforce/label/c.SoftphoneSession_Takeover_Prompt';
import TIMELINE_HEADING from '@salesforce/label/c.SoftphoneSession_Timeline_Heading';
import DIAL_MODE_AUTO from '@salesforce/label/c.SoftphoneSession_Dial_Mode_Auto';
import DIAL_MODE_MANUAL from '@salesforce/label/c.SoftphoneSession_Dial_Mode_Manual';
import DISPOSE_AND_DIAL from '@salesforce/label/c.SoftphoneSession_Dispose_And_Dial';
import NEXT_NUMBER from '@salesforce/label/c.SoftphoneSession_Next_Number';

type TimelineEntry = CallTimelineView['entries'][number];

export default class SoftphoneSession extends LightningElement {
    /** The latest agentSession event, or undefined when the protocol has no session of its own. */
    @api session?: AgentSessionView;
    /** The current call's transfers and conferences (callTimeline entries), oldest first. */
    @api timeline?: readonly TimelineEntry[];
    /** The wrap-up has a disposition and the session is up: offer "dispose and dial next". */
    @api canDisposeAndDial = false;

    nextNumber = '';

    readonly labels = {
        confirmTakeover: CONFIRM_TAKEOVER,
        loginFailed: LOGIN_FAILED,
        signOut: SIGN_OUT,
        signedOut: SIGNED_OUT,
        takeoverPrompt: TAKEOVER_PROMPT,
        timelineHeading: TIMELINE_HEADING,
        disposeAndDial: DISPOSE_AND_DIAL,
        nextNumber: NEXT_NUMBER
    };

    get hasSession(): boolean {
        return this.session !== undefined;
    }
    get needsTakeover(): boolean {
        return this.session?.status === 'forceLoginRequired';
    }
    get loginFailed(): boolean {
        return this.session?.status === 'loginFailed';
    }
    get isLoggedIn(): boolean {
        return this.session?.status === 'loggedIn';
    }
    get isLoggedOut(): boolean {
        return this.session?.status === 'loggedOut';
    }
    get message(): string {
        return this.session?.message ?? '';
    }
    /** "Inbound Sales · sip-1001 · Manual dialling · lunch": what the agent bar shows. */
    get summary(): string {
        const session = this.session;
        if (!session) return '';
        const mode =
            session.dialMode === 'auto' ? DIAL_MODE_AUTO : session.dialMode === 'manual' ? DIAL_MODE_MANUAL : '';
        return [session.campaign, session.extension, mode, session.availability].filter(Boolean).join(' · ');
    }
    get hasTimeline(): boolean {
        return (this.timeline?.length ?? 0) > 0;
    }
    get timelineItems(): { key: string; time: string; text: string; kind: string }[] {
        return (this.timeline ?? []).map((entry, index) => ({
            key: `${entry.at}-${index}`,
            time: formatTime(entry.at),
            text: entry.text,
            kind: entry.kind
        }));
    }

    get disposeAndDialDisabled(): boolean {
        return this.nextNumber.trim() === '';
    }

    handleNextNumber(event: CustomEvent<{ value?: string }>): void {
        this.nextNumber = event.detail?.value ?? '';
    }
    handleDisposeAndDial(): void {
        const number = this.nextNumber.trim();
        if (!number) return;
        this.dispatchEvent(new CustomEvent('disposeanddial', { detail: { number } }));
    }

    handleTakeover(): void {
        this.dispatchEvent(new CustomEvent('forcelogin'));
    }
    handleSignOut(): void {
        this.dispatchEvent(new CustomEvent('signout'));
    }
}

/** A time in the user's Salesforce locale and time zone (not the browser's), as the history's times are. */
let timeFormat: Intl.DateTimeFormat | undefined;
function formatTime(at: number): string {
    try {
        timeFormat ??= new Intl.DateTimeFormat(LOCALE, { hour: 'numeric', minute: '2-digit', timeZone: TIME_ZONE });
        return timeFormat.format(at);
    } catch {
        return new Date(at).toLocaleTimeString();
    }
}
