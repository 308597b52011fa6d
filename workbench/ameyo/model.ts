/**
 * The Ameyo stand-in's server side: what Ameyo's toolbar (toolbar-crm.htm) does with each API call
 * the CRM makes and which handler it calls back, following seed 004
 * (/work/shared/seeds/004_*.txt, "Generic Toolbar Integration"); section names below are the seed's.
 * Framework-free so the browser toolbar (toolbar.ts) and the Jest adapter tests share it. Never part
 * of the package.
 *
 * Reconstructed where the seed is silent (it lost case and punctuation; see
 * src/bridge/ameyo/mapping.ts): the handler argument order is (status or text, userCustomerCrtInfo);
 * showCrm is called as (phone, additionalParameters, requestId); call ids are `crtObjectId`.
 */

/** Two-level disposition codes the stand-in's campaigns use ("disposition and wrap-up"). */
export const STAND_IN_DISPOSITIONS: Record<string, { dispositionClassName: string; dispositionCodes: string[] }[]> = {
    '1': [
        { dispositionClassName: 'Contacted', dispositionCodes: ['Sale', 'Not interested', 'callback'] },
        { dispositionClassName: 'Not contacted', dispositionCodes: ['No answer', 'Wrong number'] }
    ],
    '2': [{ dispositionClassName: 'Support', dispositionCodes: ['Resolved', 'Escalated'] }]
};
export const STAND_IN_CAMPAIGNS: Record<string, string> = { '1': 'Inbound Sales', '2': 'Support' };

/** The payload text each transfer / conference handler carries ("events and handlers" table). */
export const ROUTING_TEXT: Record<string, string> = {
    transferToPhoneHandler: 'transfer to phone request sent',
    transferInCallHandler: 'transfer to phone incall request sent',
    transferToAQHandler: 'transfer to agent queue request sent',
    transferToIVRHandler: 'transfer to IVR request sent',
    transferToUserHandler: 'transfer to user request sent',
    transferToCampaignHandler: 'transfer to campaign request sent',
    conferWithPhoneHandler: 'confer phone request sent',
    conferWithTPVHandler: 'confer with TPV request sent',
    conferWithUserHandler: 'confer with user request sent',
    conferWithLocalIVRHandler: 'confer with local IVR request sent'
};

export interface StandInCall {
    crtObjectId: string;
    phone: string;
    callType: string;
    state: 'connected' | 'ended';
}

export type Emit = (name: string, args: unknown[]) => void;
export type Log = (kind: 'api' | 'event' | 'info', name: string, detail: unknown) => void;

/** An API argument as text (Ameyo's API takes strings and numbers). */
function text(value: unknown): string {
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export class AmeyoModel {
    loggedIn = false;
    /** "handle login state and force login": the same user is logged in elsewhere. */
    sessionClash = false;
    campaignId = '1';
    extension: string | null = null;
    call: StandInCall | null = null;
    dialBox = '';
    /** A reason: the next dispose fails with handleFailedDispositionNotifyGeneric (panel switch). */
    failNextDispose: string | null = null;
    readonly acks: { requestId: string; recordId: string; phone: string }[] = [];
    private counter = 0;

    constructor(
        private readonly emit: Emit,
        private readonly log: Log,
        private readonly extensionInfo: () => Promise<unknown> = () => Promise.resolve(undefined)
    ) {}

    private nextId(prefix: string): string {
        this.counter += 1;
        return `${prefix}-${Date.now().toString(36)}-${this.counter}`;
    }

    private fire(name: string, ...args: unknown[]): void {
        this.log('event', name, args);
        this.emit(name, args);
    }

    private crtInfo(): Record<string, string> {
        return this.call ? { crtObjectId: this.call.crtObjectId, phone: this.call.phone } : {};
    }

    /* ------------------------------------------------------------ lifecycle ("initialize handlers and load lifecycle") */

    /** The toolbar page loaded: onLoadHandler, then loginStatusHandler once per load. */
    loaded(): void {
        this.fire('onLoadHandler');
        this.fire('loginStatusHandler', this.loggedIn ? 'logged in' : 'logged out');
    }

    /** The agent logs in from the toolbar (or doLogin): success, force login, or a failure reason. */
    async login(failure?: string): Promise<void> {
        if (failure) return this.fire('loginHandler', failure);
        if (this.sessionClash)
            return this.fire(
                'forceLoginHandler',
                'forceLoginRequired',
                'User is already logged in from another place.'
            );
        await this.completeLogin();
    }

    private async completeLogin(): Promise<void> {
        this.loggedIn = true;
        this.fire('loginHandler', 'success');
        // "auto-select the agent's extension": the toolbar reads the CRM's getExtensionInfo().
        const info = (await this.extensionInfo()) as { name?: string; phone?: string } | undefined;
        if (info && typeof info.name === 'string') {
            this.extension = info.name;
            this.fire('selectExtensionHandler', 'success', { extensionName: info.name, phone: info.phone ?? '' });
        }
        this.selectCampaign(this.campaignId);
    }

    /**
     * The agent selects or modifies the extension in the toolbar (events table: "onsuccess success,
     * usercustomercrtinfo; onexception responsetext detail, usercustomercrtinfo").
     */
    changeExtension(
        handler: 'selectExtensionHandler' | 'modifyExtensionHandler',
        name: string,
        failure?: string
    ): void {
        const info = { extensionName: name, phone: name.replace(/\D/g, '') };
        if (failure) return this.fire(handler, failure, info);
        this.extension = name;
        this.fire(handler, 'success', info);
    }

    selectCampaign(id: string): void {
        this.campaignId = id;
        this.fire('selectCampaignHandler', `${STAND_IN_CAMPAIGNS[id] ?? 'Campaign'} (${id})`);
    }

    /** "logouthandler": the server deleted the session (logout, supervisor, timeout). */
    serverLogout(): void {
        this.loggedIn = false;
        this.call = null;
        this.fire('logoutHandler', 'success');
    }

    /* ------------------------------------------------------------ presence ("campaign selection and agent presence") */

    emitReady(): string {
        this.fire('readyHandler', 'available');
        return 'available';
    }

    emitBreak(reason: string): string {
        this.fire('breakHandler', reason);
        return reason;
    }

    emitAuto(on: boolean): void {
        this.fire(on ? 'autoCallOnHandler' : 'autoCallOffHandler', 'success');
    }

    /* ------------------------------------------------------------ calls ("screen pop flow") */

    private startCall(phone: string, callType: string): void {
        this.call = { crtObjectId: this.nextId('crt'), phone, callType, state: 'connected' };
        const requestId = this.nextId('req');
        this.fire('showCrm', phone, { crtObjectId: this.call.crtObjectId, callType }, requestId);
    }

    incoming(phone: string): void {
        this.startCall(phone, 'inbound');
    }

    hangup(): void {
        if (!this.call) return;
        this.call.state = 'ended';
        this.fire('hangupHandler', 'success', this.crtInfo());
    }

    /** "transfers and conferences": one of the ten handlers, with its request-sent text. */
    route(handler: string): void {
        this.fire(handler, ROUTING_TEXT[handler] ?? handler, this.crtInfo());
    }

    /* ------------------------------------------------------------ API calls from the CRM */

    async api(name: string, args: unknown[]): Promise<unknown> {
        this.log('api', name, args);
        switch (name) {
            case 'doLogin':
                return this.login();
            case 'doForceLogin':
                // "when force login is required, call doforcelogin() ... to take over the prior session".
                this.sessionClash = false;
                return this.completeLogin();
            case 'doLogout':
                this.serverLogout();
                return undefined;
            case 'doDial':
                // "click-to-dial from crm records": doDial(phone, customerId, additionalParameters).
                if (!this.loggedIn) return this.fire('loginHandler', 'unknown error occurred please refresh or retry');
                return this.startCall(text(args[0]), 'outbound.manual.dial');
            case 'populateNumberInDialBox':
                this.dialBox = text(args[0]);
                return undefined;
            case 'getDispositionCodes': {
                const campaign = args[0] === undefined || args[0] === null ? this.campaignId : text(args[0]);
                return this.fire('handleDispositionCodes', STAND_IN_DISPOSITIONS[campaign] ?? []);
            }
            case 'disposeCallByDisposition':
                return this.dispose(text(args[0]));
            case 'disposeNDial': {
                const code = text(args[0]);
                // "dispose-and-dial": the default release disallows the callback disposition there.
                if (code.trim().toLowerCase() === 'callback')
                    return this.fire(
                        'handleFailedDispositionNotifyGeneric',
                        'callback disposition is not allowed in disposeNDial'
                    );
                if (this.dispose(code)) this.startCall(text(args[1]), 'outbound.manual.dial');
                return undefined;
            }
            case 'setRecordInfoForShowCrm': {
                const [requestId, recordId, phone] = args.map(text);
                this.acks.push({ requestId: requestId ?? '', recordId: recordId ?? '', phone: phone ?? '' });
                return 'success';
            }
            default:
                this.log('info', 'unknown API', name);
                return undefined;
        }
    }

    /** "disposition and wrap-up": errors such as null crtObjectId or invalid codes go to handleFailedDispositionNotifyGeneric. */
    private dispose(code: string): boolean {
        const codes = (STAND_IN_DISPOSITIONS[this.campaignId] ?? []).flatMap((c) => c.dispositionCodes);
        let failure: string | null = null;
        if (!this.call) failure = 'crtObjectId is null';
        else if (!codes.includes(code)) failure = `invalid disposition code ${code}`;
        else if (this.failNextDispose) failure = this.failNextDispose;
        if (failure) {
            this.failNextDispose = null;
            this.fire('handleFailedDispositionNotifyGeneric', failure);
            return false;
        }
        this.call = null;
        this.fire('handleDisposeCallByDispositionCode', 'success');
        return true;
    }
}
