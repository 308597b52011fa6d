/**
 * The CCaaS softphone wrapper contract (seed 002) as data: every softphone → wrapper
 * call and every wrapper → softphone callback event, with its fields' types, limits,
 * required-ness and defaults. TypeScript types are derived from these specs and
 * `validate.ts` checks against them, so the two cannot drift.
 *
 * Decisions the seed leaves open (also stated in docs/vendor-integration.md):
 * - Required: a payload on every call, with `conversationId` (without it a call cannot be
 *   told apart) or, on `statusChanged`, `softphoneId`. `partnerId` is expected on every call
 *   but a call without it is still usable. `language` defaults to `en_US` as the seed says;
 *   no other field has a default.
 * - Calls from the softphone are read liberally (real vendors send more than the contract;
 *   see `readSoftphoneCall` in validate.ts and the schema engine's rules): unknown fields
 *   are ignored, numbers and numeric strings converted, an unusable optional field dropped,
 *   free text and notes over their limit cut, each with a warning for the vendor.
 * - Lengths follow the Task fields the values end up in: conversation ids 255 (CallObject),
 *   other ids 128, phone numbers 40 (Phone fields), disposition 255 (CallDisposition), notes 32,000
 *   (Description), other free text 255.
 * - `duration` is seconds from 0 to 86,400 (one day); fractions are allowed and rounded
 *   when logged (CallDurationInSeconds is an integer).
 * - Enumerations match case-insensitively. `reason` and `recordingStatus` only describe the
 *   call: another value (`timeout`, `PAUSED`) is kept as given. `callType` sets a call's
 *   direction: another value (`transfer`) is dropped with a warning.
 * - `outboundCallInitiated.dialledTo` is the dialled phone number (the seed's description
 *   "Disposition code selected by agent." is a copy-paste slip).
 * - `start_call.dialTo` is E.164; `dialFrom` and `participantType` are optional, sent when
 *   the call center settings define them.
 */
import type { FieldSpec, InputOf, ValueOf } from 'c/softphoneSchema';

/**
 * Unique guid to identify partner in platform. Expected on every call, but a call without it is
 * still usable (it is only echoed back).
 */
const PARTNER_ID = { kind: 'text', maxLength: 128 } as const;
/**
 * Longest conversation id: c/softphoneProtocol's CALL_ID_MAX_LENGTH (what Task.CallObject holds),
 * written here so the vendor's wrapper script does not carry the channel protocol (validate.test.ts
 * pins the two together).
 */
export const CALL_ID_MAX_LENGTH = 255;
/** Unique guid to identify conversation. */
const CONVERSATION_ID = { kind: 'text', required: true, maxLength: CALL_ID_MAX_LENGTH } as const;
const PHONE_NUMBER = { kind: 'text', maxLength: 40 } as const;
const FREE_TEXT = { kind: 'text', maxLength: 255, truncate: true } as const;
/** Disposition code selected by agent. */
const DISPOSITION = { kind: 'text', maxLength: 255 } as const;
/** Call notes entered by agent. */
const NOTES = { kind: 'text', maxLength: 32_000, truncate: true } as const;
/** Language selected by caller. */
const LANGUAGE = { kind: 'text', maxLength: 35, default: 'en_US' } as const;
const GUID = { kind: 'text', required: true, maxLength: 128 } as const;

/** E.164: a plus sign, a non-zero country digit, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
const E164 = {
    kind: 'text',
    maxLength: 16,
    pattern: E164_PATTERN,
    patternHint: 'an E.164 number such as +18883973342'
} as const;

/** Softphone → wrapper calls (seed items 2–8). Field order is the seed's table order (used for positional arguments). */
export const SOFTPHONE_CALLS = {
    /** An incoming call is routed to the agent (it rings). */
    incomingCall: {
        payload: {
            kind: 'object',
            required: true,
            fields: {
                partnerId: PARTNER_ID,
                conversationId: CONVERSATION_ID,
                /** Phone number of caller. */
                callerANI: PHONE_NUMBER,
                language: LANGUAGE
            }
        }
    },
    /** The agent accepted the call. */
    callAccepted: {
        payload: {
            kind: 'object',
            required: true,
            fields: {
                partnerId: PARTNER_ID,
                conversationId: CONVERSATION_ID,
                /** Phone number of caller. */
                callerANI: PHONE_NUMBER,
                language: LANGUAGE,
                /** Intent. */
                ivrExitPath: FREE_TEXT,
                channelName: FREE_TEXT,
                /** Booking start date if booking was identified during interaction with Virtual Agent. */
                reservationStartDate: FREE_TEXT,
                specialEvent: FREE_TEXT,
                escalationType: FREE_TEXT,
                /** Descriptive: another value (e.g. PAUSED) is kept as given. */
                recordingStatus: {
                    kind: 'text',
                    maxLength: 40,
                    oneOf: ['ON', 'OFF'],
                    keepOtherValues: true
                }
            }
        }
    },
    /** The call was rejected, actively (by the agent) or passively (not answered in time). */
    callRejected: {
        payload: {
            kind: 'object',
            required: true,
            fields: {
                partnerId: PARTNER_ID,
                conversationId: CONVERSATION_ID,
                /** Descriptive: another value (e.g. timeout) is kept as given. */
                reason: {
                    kind: 'text',
                    maxLength: 40,
                    oneOf: ['active', 'passive'],
                    keepOtherValues: true
                }
            }
        }
    },
    /** The call ended; carries duration and, when the agent already entered them, disposition and notes. */
    callEnded: {
        payload: {
            kind: 'object',
            required: true,
            fields: {
                partnerId: PARTNER_ID,
                conversationId: CONVERSATION_ID,
                /** Call duration in seconds. */
                duration: { kind: 'number', min: 0, max: 86_400 },
                disposition: DISPOSITION,
                notes: NOTES,
                /** Sets the direction of a call Salesforce has not seen start: another value is dropped. */
                callType: {
                    kind: 'text',
                    maxLength: 8,
                    oneOf: ['inbound', 'outbound']
                }
            }
        }
    },
    /** The agent submitted disposition and notes. */
    callNotesSubmitted: {
        payload: {
            kind: 'object',
            required: true,
            fields: { partnerId: PARTNER_ID, conversationId: CONVERSATION_ID, disposition: DISPOSITION, notes: NOTES }
        }
    },
    /** The agent started an outbound call (from the dialpad or after start_call). */
    outboundCallInitiated: {
        payload: {
            kind: 'object',
            required: true,
            fields: {
                partnerId: PARTNER_ID,
                conversationId: CONVERSATION_ID,
                /** The dialled phone number. */
                dialledTo: PHONE_NUMBER
            }
        }
    },
    /** The agent presence changed on the softphone (also the answer to get_presence). */
    statusChanged: {
        payload: {
            kind: 'object',
            required: true,
            /** Unique guid of status on softphone. */
            fields: { softphoneId: GUID }
        }
    }
} as const satisfies Record<string, { payload: FieldSpec & { kind: 'object' } }>;

/** Wrapper → softphone callback events, delivered as `callback(eventType, payload)` (seed item 1). */
export const WRAPPER_EVENTS = {
    /** Disposition codes the softphone shows as a drop-down. */
    disposition: {
        payload: { kind: 'list', required: true, maxItems: 500, items: { kind: 'text', maxLength: 255 } }
    },
    /** Lets the agent use the dialpad for independent outbound calls. */
    partner_config: {
        payload: {
            kind: 'object',
            required: true,
            fields: { partnerId: GUID, businessSegmentId: GUID, channelOriginId: GUID }
        }
    },
    /** Asks for the current presence; the softphone answers with statusChanged(). */
    get_presence: {
        payload: { kind: 'none' }
    },
    /** Asks the softphone to change the agent presence. */
    update_presence: {
        payload: { kind: 'object', required: true, fields: { softphoneId: GUID } }
    },
    /** Asks the softphone to start an outbound call (click-to-dial). */
    start_call: {
        payload: {
            kind: 'object',
            required: true,
            fields: {
                partnerId: GUID,
                businessSegmentId: GUID,
                channelOriginId: GUID,
                dialTo: { ...E164, required: true },
                dialFrom: E164,
                /** e.g. Traveler, Supplier or Agent. */
                participantType: { kind: 'text', maxLength: 40 }
            }
        }
    }
} as const satisfies Record<string, { payload: FieldSpec }>;

export type SoftphoneCallType = keyof typeof SOFTPHONE_CALLS;
export type WrapperEventType = keyof typeof WRAPPER_EVENTS;

/** A validated call payload (defaults applied). */
export type SoftphoneCallPayload<T extends SoftphoneCallType> = ValueOf<(typeof SOFTPHONE_CALLS)[T]['payload']>;
/** What the vendor may pass to a call (fields with a default may be left out). */
export type SoftphoneCallInput<T extends SoftphoneCallType> = InputOf<(typeof SOFTPHONE_CALLS)[T]['payload']>;
/** A validated callback event payload. */
export type WrapperEventPayload<T extends WrapperEventType> = ValueOf<(typeof WRAPPER_EVENTS)[T]['payload']>;

/** A validated softphone call, discriminated by `type`. */
export type SoftphoneCall = {
    [T in SoftphoneCallType]: { type: T; payload: SoftphoneCallPayload<T> };
}[SoftphoneCallType];

/** A validated callback event, discriminated by `type`. */
export type WrapperEvent = {
    [T in WrapperEventType]: { type: T; payload: WrapperEventPayload<T> };
}[WrapperEventType];

/** The call types in the seed's order. */
export const SOFTPHONE_CALL_TYPES = Object.keys(SOFTPHONE_CALLS) as SoftphoneCallType[];
/** The callback event types in the seed's order. */
export const WRAPPER_EVENT_TYPES = Object.keys(WRAPPER_EVENTS) as WrapperEventType[];

/** True when `type` names a softphone call. */
export function isSoftphoneCallType(type: unknown): type is SoftphoneCallType {
    return typeof type === 'string' && Object.prototype.hasOwnProperty.call(SOFTPHONE_CALLS, type);
}

/** True when `type` names a callback event. */
export function isWrapperEventType(type: unknown): type is WrapperEventType {
    return typeof type === 'string' && Object.prototype.hasOwnProperty.call(WRAPPER_EVENTS, type);
}
