/**
 * From the call center settings (getCallCenterSettings → parseCallCenterSettings) and the page's
 * custom labels to what the adapter and the bridge core need. Pure: no DOM, no Open CTI.
 *
 * Wiring (src/callCenter/settings.ts → bridge core):
 *   partner ids ← softphone.partnerConfig            dialFrom ← softphone.dialFrom
 *   participantType ← softphone.participantType      dispositions ← logging.dispositionCodes
 *   presenceOptions ← softphone.presenceStatuses     logMissedCalls ← logging.logMissedCalls
 *   popDialpadCalls ← screenPop.popDialpadCalls      formatSubject ← logging.taskSubjectTemplate, else labels
 *   retryPolicy ← logging.retryDelayMs / failedAfterAttempts
 *   default country ← softphone.defaultCountry       iframe src ← softphone.url + ?crmOrigin=<adapter origin>
 *   accepted origin ← softphone.origin only          pop behaviour ← screenPop.noMatch / multipleMatches
 */
import type { CountryCode } from '../../callCenter/settings';
import { parseCallCenterSettings, subjectFormatter } from '../../callCenter/settings';
import type { SettingIssue } from '../../callCenter/settings';
import { AMEYO_PARTNER_ID } from '../ameyo/shared';
import type { BridgeSettings, RetryPolicy, SubjectFormatter } from '../core/index';
import type { PopPolicy } from './openCtiCrm';
import { parseVisualforceJson } from '../../shared/visualforceJson';

/** Every text the adapter page shows or writes, from custom labels (SoftphoneAdapter.labels-meta.xml). */
export interface AdapterLabels {
    frameTitle: string;
    panelTitle: string;
    starting: string;
    noOpenCti: string;
    settingsTitle: string;
    settingsIntro: string;
    settingsExample: string;
    softphoneOff: string;
    logPending: string;
    logFailed: string;
    logStorageFull: string;
    logFixValidation: string;
    logFixAccess: string;
    logFixSession: string;
    retryNow: string;
    chooseTitle: string;
    chooseHint: string;
    dialFailed: string;
    dismiss: string;
    unknownNumber: string;
    subjectInbound: string;
    subjectOutbound: string;
    subjectMissed: string;
    subjectRejected: string;
    subjectUnanswered: string;
}

/** The labels' shipped values (labels/SoftphoneAdapter.labels-meta.xml); used for any label the page did not pass. */
export const DEFAULT_LABELS: AdapterLabels = {
    frameTitle: 'Softphone',
    panelTitle: 'Softphone bridge',
    starting: 'Starting the softphone…',
    noOpenCti:
        'The softphone runs only inside the Salesforce phone utility, and Open CTI could not start here. Open the softphone from the utility bar.',
    settingsTitle: 'The softphone needs setting up',
    settingsIntro:
        'Ask your Salesforce admin to correct these call center settings (Setup > Call Centers > Softphone Bridge > Edit):',
    settingsExample: 'Example: {0}',
    softphoneOff: 'The softphone stays off until its address is set.',
    logPending: 'Saving call logs: {0} not saved yet.',
    logFailed: 'Call logs not saved: {0}. Nothing is lost; the softphone keeps trying. Last error: {1}',
    logStorageFull:
        "Browser storage is full: {0} call logs are kept only in this page until Salesforce saves them. Don't reload or close Salesforce until this message goes away.",
    logFixValidation:
        "A validation rule refused the call's Task. Ask your Salesforce admin to let softphone call logs through (Setup > Object Manager > Activity > Validation Rules). The softphone retries every few minutes; nothing is lost.",
    logFixAccess:
        "You don't have access to create or edit Tasks. Ask your Salesforce admin to assign you the permission set Softphone_Bridge_User, and Softphone_Bridge_API_Access if your profile lacks API Enabled. The softphone retries every few minutes; nothing is lost.",
    logFixSession:
        'Your Salesforce session expired. Reload the page and log in again; the waiting call logs are saved after that.',
    retryNow: 'Retry now',
    chooseTitle: 'Several records match {0}',
    chooseHint: 'Choose the caller to open the record and log the call against it.',
    dialFailed: 'Could not call {0}: {1}',
    dismiss: 'Dismiss',
    unknownNumber: 'an unknown number',
    subjectInbound: 'Inbound call from {0}',
    subjectOutbound: 'Outbound call to {0}',
    subjectMissed: 'Missed call from {0}',
    subjectRejected: 'Rejected call from {0}',
    subjectUnanswered: 'Unanswered call to {0}'
};

/** Fills `{0}`, `{1}`, … as Salesforce label formatting does. */
export function formatLabel(template: string, ...values: (string | number)[]): string {
    return template.replace(/\{(\d+)\}/g, (token, index: string) => {
        const value = values[Number(index)];
        return value === undefined ? token : String(value);
    });
}

/**
 * Reads the page's label island (JSON whose strings were written with Visualforce JSENCODE).
 * Unknown keys and non-strings are ignored; missing labels fall back to DEFAULT_LABELS.
 */
export function readLabels(text: string | null | undefined): AdapterLabels {
    const parsed = parseVisualforceJson(text);
    const labels: AdapterLabels = { ...DEFAULT_LABELS };
    if (parsed && typeof parsed === 'object') {
        for (const key of Object.keys(DEFAULT_LABELS) as (keyof AdapterLabels)[]) {
            const value = (parsed as Record<string, unknown>)[key];
            if (typeof value === 'string' && value.trim() !== '') labels[key] = value;
        }
    }
    return labels;
}

/** Task subjects from labels ("Inbound call from +1…"), for the `auto` subject setting. */
export function labelSubject(labels: AdapterLabels): SubjectFormatter {
    return (call) => {
        const number = call.phoneNumber || labels.unknownNumber;
        switch (call.outcome) {
            case 'missed':
                return formatLabel(labels.subjectMissed, number);
            case 'rejected':
                return formatLabel(labels.subjectRejected, number);
            case 'unanswered':
                return formatLabel(labels.subjectUnanswered, number);
            default:
                return formatLabel(
                    call.direction === 'inbound' ? labels.subjectInbound : labels.subjectOutbound,
                    number
                );
        }
    };
}

/** Everything the adapter takes from the call center. */
export interface AdapterConfig {
    bridge: BridgeSettings;
    retryPolicy: Partial<RetryPolicy>;
    defaultCountry: CountryCode;
    /** The softphone iframe's src (with `crmOrigin`), or null while the URL is not configured. */
    softphoneSrc: string | null;
    /** The only origin softphone messages are accepted from. */
    softphoneOrigin: string | null;
    pop: PopPolicy & { popDialpadCalls: boolean };
    /** What the admin should fix; shown in the panel. */
    issues: readonly SettingIssue[];
    /** True when click-to-dial can work (all three partner ids set, or the Ameyo toolbar). */
    clickToDialReady: boolean;
    /** Protocol ameyoToolbar with its address and script version set; null otherwise (the wrapper softphone). */
    ameyo: AmeyoConfig | null;
}

/** What the adapter needs to run the Ameyo generic toolbar (docs/ameyo-toolbar.md). */
export interface AmeyoConfig {
    baseUrl: string;
    scriptVersion: string;
    dialConfirm: boolean;
    extension: { name: string; phone: string } | null;
}

const AMEYO_NOT_CONFIGURED: SettingIssue = {
    severity: 'warning',
    code: 'missing',
    key: '/softphoneProtocol/ameyoBaseUrl',
    where: 'Softphone Protocol > Ameyo Address and Ameyo Integration Script Version',
    value: null,
    message:
        'The ameyoToolbar protocol needs both the Ameyo address and the script version; the toolbar stays off until they are set.',
    example: 'https://ameyo.example.net:8443 and 4.2'
};

/**
 * The Ameyo toolbar replaces the wrapper softphone: its URL and partner ids are not used (their
 * issues are dropped), dispositions come from Ameyo (handleDispositionCodes), presence is changed in
 * the toolbar, and click-to-dial goes to doDial (the core's start_call needs partner ids: the
 * toolbar's fixed one stands in).
 */
function forAmeyo(config: AdapterConfig, ameyo: AmeyoConfig | null): AdapterConfig {
    const bridge: BridgeSettings = {
        ...config.bridge,
        partnerId: AMEYO_PARTNER_ID,
        businessSegmentId: AMEYO_PARTNER_ID,
        channelOriginId: AMEYO_PARTNER_ID,
        dispositions: [],
        presenceOptions: []
    };
    delete bridge.dialFrom;
    const issues = config.issues.filter(
        (issue) => !issue.key.startsWith('/vendorSoftphone/') || issue.key.endsWith('/defaultCountry')
    );
    return {
        ...config,
        bridge,
        softphoneSrc: null,
        softphoneOrigin: null,
        issues: ameyo ? issues : [...issues, AMEYO_NOT_CONFIGURED],
        clickToDialReady: ameyo !== null,
        ameyo
    };
}

/**
 * The Ameyo toolbar's own script (static resource softphoneAmeyo) did not load: the toolbar stays
 * off, as when it is not configured, and the panel says why.
 */
export function withoutAmeyo(config: AdapterConfig, reason: string): AdapterConfig {
    const issue: SettingIssue = {
        severity: 'error',
        code: 'internal',
        key: '/softphoneProtocol/protocol',
        where: 'Softphone Protocol > Protocol',
        value: 'ameyoToolbar',
        message: `The Ameyo toolbar cannot start: ${reason}`,
        example: ''
    };
    return { ...config, ameyo: null, clickToDialReady: false, issues: [...config.issues, issue] };
}

/** The softphone URL with `crmOrigin=<adapter origin>` (the wrapper library reads it; docs/vendor-integration.md). */
export function withCrmOrigin(url: string, adapterOrigin: string): string | null {
    try {
        const target = new URL(url);
        target.searchParams.set('crmOrigin', adapterOrigin);
        return target.href;
    } catch {
        return null;
    }
}

/** Builds the adapter's configuration from getCallCenterSettings' returnValue. Never throws. */
export function configFromSettings(
    raw: unknown,
    options: { adapterOrigin: string; labels: AdapterLabels; failure?: string; timeZone?: string }
): AdapterConfig {
    const parsed = parseCallCenterSettings(raw, options.failure);
    const { settings } = parsed;
    const { issues } = parsed;
    const { url, origin } = settings.softphone;
    const partner = settings.softphone.partnerConfig;
    const bridge: BridgeSettings = {
        dispositions: [...settings.logging.dispositionCodes],
        presenceOptions: settings.softphone.presenceStatuses.map(({ softphoneId, label }) => ({ softphoneId, label })),
        logMissedCalls: settings.logging.logMissedCalls,
        popDialpadCalls: settings.screenPop.popDialpadCalls,
        participantType: settings.softphone.participantType,
        formatSubject: subjectFormatter(settings.logging.taskSubjectTemplate) ?? labelSubject(options.labels)
    };
    if (partner) {
        bridge.partnerId = partner.partnerId;
        bridge.businessSegmentId = partner.businessSegmentId;
        bridge.channelOriginId = partner.channelOriginId;
    }
    if (settings.softphone.dialFrom) bridge.dialFrom = settings.softphone.dialFrom;
    if (options.timeZone) bridge.timeZone = options.timeZone;
    const config: AdapterConfig = {
        bridge,
        retryPolicy: {
            baseDelayMs: settings.logging.retryDelayMs,
            failedAfterAttempts: settings.logging.failedAfterAttempts
        },
        defaultCountry: settings.softphone.defaultCountry,
        softphoneSrc: url === null ? null : withCrmOrigin(url, options.adapterOrigin),
        softphoneOrigin: url === null ? null : origin,
        pop: {
            noMatch: settings.screenPop.noMatch,
            multipleMatches: settings.screenPop.multipleMatches,
            popDialpadCalls: settings.screenPop.popDialpadCalls
        },
        issues,
        clickToDialReady: partner !== null,
        ameyo: null
    };
    if (settings.protocol !== 'ameyoToolbar') return config;
    const { baseUrl, scriptVersion, dialConfirm, extension } = settings.ameyo;
    return forAmeyo(
        config,
        baseUrl !== null && scriptVersion !== null ? { baseUrl, scriptVersion, dialConfirm, extension } : null
    );
}
