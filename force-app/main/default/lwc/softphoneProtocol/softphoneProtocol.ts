/**
 * The softphone message channel protocol: what the Open CTI adapter page (through the
 * bridge core) and the `softphoneBridge` LWC say to each other over Lightning Message
 * Service. One source of truth for both sides: specs as data, types derived from them,
 * one validator (`validateChannelMessage`) that both sides run on everything they receive.
 *
 * Wire shape (JSON-safe, as LMS requires):
 *   event   (adapter → components): `{ version: 1, kind: 'event', type, payload }`
 *   command (component → adapter):  `{ version: 1, kind: 'command', id, type, payload }`
 * Both kinds travel on the same channel; each side acts on the kind meant for it and
 * ignores the other. A command that fails validation is answered with an `error` event
 * carrying its `commandId` when the id could be read.
 *
 * Versioning: `version` is bumped only for incompatible changes; a receiver rejects a
 * higher version with UNSUPPORTED_VERSION (deploy the adapter page and the component
 * together). Adding an optional field is compatible only once every receiver knows it,
 * because unknown fields are rejected.
 */
import { checkFields, copyShape, checkValue, fail, isPlainObject } from 'c/softphoneSchema';
import type { FieldSpec, Result, SchemaError, ShapeLimits, ValueOf } from 'c/softphoneSchema';

/** The protocol version this module speaks. */
export const CHANNEL_PROTOCOL_VERSION = 1;

/** API name of the Lightning Message Channel (messageChannels/SoftphoneBridge.messageChannel-meta.xml). */
export const MESSAGE_CHANNEL_NAME = 'SoftphoneBridge__c';

/** How often the adapter publishes `heartbeat`; a component that hears none for 2.5 intervals shows "not connected". */
export const HEARTBEAT_INTERVAL_MS = 15_000;

/** Largest channel message accepted, as JSON characters (a snapshot with a few calls fits easily). */
export const MAX_CHANNEL_MESSAGE_CHARS = 256_000;

/**
 * What one channel message may hold, checked (without serializing) before any field is read.
 * The largest legitimate message, a snapshot of 100 calls with 50 matches each plus 200 logs,
 * has about 25,000 values, 7 levels deep.
 */
export const CHANNEL_MESSAGE_LIMITS: ShapeLimits = {
    maxChars: MAX_CHANNEL_MESSAGE_CHARS,
    maxNodes: 30_000,
    maxDepth: 12
};

/** Call states of the bridge's call model (src/bridge/core/callModel.ts). */
export const CALL_STATES = ['ringing', 'dialing', 'connected', 'ended', 'wrappedUp', 'rejected'] as const;
export type CallState = (typeof CALL_STATES)[number];

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/**
 * How a call ended: answered; missed (inbound, ended while ringing); rejected (the softphone
 * reported callRejected); unanswered (outbound, ended before connecting); unknown (only the
 * end was ever reported).
 */
export const CALL_OUTCOMES = ['answered', 'missed', 'rejected', 'unanswered', 'unknown'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Where a call's Task stands: pending (saving or waiting to retry), saved, failed (still retried). */
export const LOG_STATUSES = ['pending', 'saved', 'failed'] as const;
export type LogStatus = (typeof LOG_STATUSES)[number];
/** Lasting save errors, each with its own advice to the agent (validation rule, access, expired session). */
export const LOG_ERROR_KINDS = ['validation', 'access', 'session'] as const;
export type LogErrorKind = (typeof LOG_ERROR_KINDS)[number];

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** A Salesforce record the call relates to. */
const RECORD_REF = {
    kind: 'object',
    fields: {
        recordId: {
            kind: 'text',
            required: true,
            maxLength: 18,
            pattern: ID_PATTERN,
            patternHint: 'a 15- or 18-character Salesforce record Id'
        },
        /** API name, e.g. Contact, Lead, Account, Case. */
        objectType: { kind: 'text', maxLength: 80 },
        name: { kind: 'text', maxLength: 255 }
    }
} as const satisfies FieldSpec;

/**
 * Longest call id (conversation id) the package accepts: what Task.CallObject holds (string(255)),
 * where every call's Task is written and found again. Vendors' ids are usually GUIDs (36); a
 * longer one cannot be written as given.
 */
export const CALL_ID_MAX_LENGTH = 255;
const CONVERSATION_ID = { kind: 'text', required: true, maxLength: CALL_ID_MAX_LENGTH } as const;
/** The vendor's presence status id. */
const SOFTPHONE_ID = { kind: 'text', required: true, maxLength: 128 } as const;
/** Epoch milliseconds. */
const TIMESTAMP = { kind: 'number', min: 0, max: 8.64e15, integer: true } as const;

/** What the softphone reported with callAccepted. */
const CALL_DETAILS = {
    kind: 'object',
    fields: {
        language: { kind: 'text', maxLength: 35 },
        ivrExitPath: { kind: 'text', maxLength: 255 },
        channelName: { kind: 'text', maxLength: 255 },
        reservationStartDate: { kind: 'text', maxLength: 255 },
        specialEvent: { kind: 'text', maxLength: 255 },
        escalationType: { kind: 'text', maxLength: 255 },
        /** As the softphone reported it: ON, OFF or another value it uses (e.g. PAUSED). */
        recordingStatus: {
            kind: 'text',
            maxLength: 40,
            oneOf: ['ON', 'OFF'],
            keepOtherValues: true
        }
    }
} as const satisfies FieldSpec;

const CALL_VIEW = {
    kind: 'object',
    fields: {
        conversationId: CONVERSATION_ID,
        direction: { kind: 'text', required: true, maxLength: 8, oneOf: CALL_DIRECTIONS },
        state: { kind: 'text', required: true, maxLength: 9, oneOf: CALL_STATES },
        outcome: { kind: 'text', maxLength: 10, oneOf: CALL_OUTCOMES },
        /** Caller ANI (inbound) or dialled number (outbound). */
        phoneNumber: { kind: 'text', maxLength: 40 },
        startedAt: { ...TIMESTAMP, required: true },
        connectedAt: TIMESTAMP,
        endedAt: TIMESTAMP,
        durationSeconds: { kind: 'number', min: 0, max: 86_400, integer: true },
        disposition: { kind: 'text', maxLength: 255 },
        notes: { kind: 'text', maxLength: 32_000 },
        details: CALL_DETAILS,
        /** Records the screen pop found; more than one means the agent should choose (choosePopTarget). */
        matches: {
            kind: 'list',
            required: true,
            maxItems: 50,
            items: RECORD_REF
        },
        /** The record the call is logged against (Who/What of the Task). */
        record: RECORD_REF
    }
} as const satisfies FieldSpec;

const LOG_VIEW = {
    kind: 'object',
    fields: {
        conversationId: CONVERSATION_ID,
        status: { kind: 'text', required: true, maxLength: 7, oneOf: LOG_STATUSES },
        taskId: { kind: 'text', maxLength: 18, pattern: ID_PATTERN, patternHint: 'a Salesforce record Id' },
        attempts: { kind: 'number', required: true, min: 0, max: 1_000_000, integer: true },
        nextAttemptAt: TIMESTAMP,
        /** The last save error, for the "failed" banner. */
        error: { kind: 'text', maxLength: 1_000 },
        /** A lasting error the agent or admin must act on: validation rule, access, expired session. */
        errorKind: {
            kind: 'text',
            maxLength: 11,
            oneOf: LOG_ERROR_KINDS
        },
        /** False while the log is kept in memory only (browser storage full): a reload would lose it. */
        stored: {
            kind: 'boolean'
        }
    }
} as const satisfies FieldSpec;

const PRESENCE_OPTION = {
    kind: 'object',
    fields: { softphoneId: SOFTPHONE_ID, label: { kind: 'text', required: true, maxLength: 80 } }
} as const satisfies FieldSpec;

const PRESENCE_VIEW = {
    kind: 'object',
    fields: {
        softphoneId: SOFTPHONE_ID,
        label: { kind: 'text', maxLength: 80 },
        changedAt: { ...TIMESTAMP, required: true }
    }
} as const satisfies FieldSpec;

const CONFIG_VIEW = {
    kind: 'object',
    fields: {
        dispositions: { kind: 'list', required: true, maxItems: 500, items: { kind: 'text', maxLength: 255 } },
        presenceOptions: { kind: 'list', required: true, maxItems: 100, items: PRESENCE_OPTION },
        /** False when the call center settings lack what start_call needs (partner ids, dialFrom). */
        clickToDialReady: {
            kind: 'boolean',
            required: true
        }
    }
} as const satisfies FieldSpec;

const ERROR_VIEW = {
    kind: 'object',
    fields: {
        code: { kind: 'text', required: true, maxLength: 40 },
        message: { kind: 'text', required: true, maxLength: 1_000 },
        /** Who can act on it: agent (retry, choose), admin (settings), developer (a bug). */
        audience: {
            kind: 'text',
            required: true,
            maxLength: 9,
            oneOf: ['agent', 'admin', 'developer']
        },
        field: { kind: 'text', maxLength: 255 },
        /** The command this answers, when it answers one. */
        commandId: { kind: 'text', maxLength: 64 },
        conversationId: { kind: 'text', maxLength: CALL_ID_MAX_LENGTH }
    }
} as const satisfies FieldSpec;

const HEARTBEAT = {
    kind: 'object',
    fields: {
        /** Changes when the adapter page reloads. */
        adapterId: { kind: 'text', required: true, maxLength: 64 },
        /** The vendor softphone has called load(). */
        softphoneConnected: { kind: 'boolean', required: true },
        intervalMs: { kind: 'number', required: true, min: 1_000, max: 600_000, integer: true },
        sentAt: { ...TIMESTAMP, required: true }
    }
} as const satisfies FieldSpec;

/** Where the agent's contact-center session stands (protocols with their own login, e.g. the Ameyo toolbar). */
export const SESSION_STATUSES = ['loggedOut', 'loggedIn', 'forceLoginRequired', 'loginFailed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

const AGENT_SESSION = {
    kind: 'object',
    fields: {
        status: { kind: 'text', required: true, maxLength: 18, oneOf: SESSION_STATUSES },
        /** The contact center's own words (login failure, takeover prompt). */
        message: {
            kind: 'text',
            maxLength: 1_000
        },
        campaign: { kind: 'text', maxLength: 255 },
        extension: { kind: 'text', maxLength: 255 },
        dialMode: { kind: 'text', maxLength: 6, oneOf: ['manual', 'auto'] },
        /** Ready, or the break reason. */
        availability: { kind: 'text', maxLength: 255 },
        changedAt: { ...TIMESTAMP, required: true }
    }
} as const satisfies FieldSpec;

const DISPOSITION_TREE = {
    kind: 'object',
    fields: {
        groups: {
            kind: 'list',
            required: true,
            maxItems: 100,
            items: {
                kind: 'object',
                fields: {
                    label: { kind: 'text', required: true, maxLength: 255 },
                    codes: {
                        kind: 'list',
                        required: true,
                        maxItems: 200,
                        items: { kind: 'text', maxLength: 255 }
                    }
                }
            }
        }
    }
} as const satisfies FieldSpec;

const CALL_TIMELINE = {
    kind: 'object',
    fields: {
        conversationId: CONVERSATION_ID,
        entries: {
            kind: 'list',
            required: true,
            maxItems: 100,
            items: {
                kind: 'object',
                fields: {
                    at: { ...TIMESTAMP, required: true },
                    kind: { kind: 'text', required: true, maxLength: 10, oneOf: ['transfer', 'conference'] },
                    text: { kind: 'text', required: true, maxLength: 255 }
                }
            }
        }
    }
} as const satisfies FieldSpec;

/** Events the adapter publishes. Each `payload` spec is the single source of its type. */
export const EVENT_SPECS = {
    /** The adapter is alive; published on start and every HEARTBEAT_INTERVAL_MS. */
    heartbeat: { payload: HEARTBEAT },
    /** The agent presence on the softphone changed (statusChanged). */
    presenceChanged: { payload: PRESENCE_VIEW },
    /** A call was created or changed. */
    callStateChanged: { payload: CALL_VIEW },
    /** Dispositions, presence options and click-to-dial readiness. */
    configAnnounced: { payload: CONFIG_VIEW },
    /** A call's Task save state changed. */
    logStatus: { payload: LOG_VIEW },
    /** Something the agent, admin or developer should see. */
    error: { payload: ERROR_VIEW },
    /** The agent's contact-center session: login, takeover prompt, campaign, dial mode (Ameyo toolbar). */
    agentSession: {
        payload: AGENT_SESSION
    },
    /** Two-level disposition codes (class, then code) replacing the flat list in wrap-up. */
    dispositionTree: {
        payload: DISPOSITION_TREE
    },
    /** A call's transfers and conferences, oldest first. */
    callTimeline: { payload: CALL_TIMELINE },
    /** Everything a freshly loaded component needs; the answer to requestState. */
    snapshot: {
        payload: {
            kind: 'object',
            fields: {
                heartbeat: { ...HEARTBEAT, required: true },
                config: { ...CONFIG_VIEW, required: true },
                presence: PRESENCE_VIEW,
                calls: { kind: 'list', required: true, maxItems: 100, items: CALL_VIEW },
                logs: { kind: 'list', required: true, maxItems: 200, items: LOG_VIEW }
            }
        }
    }
} as const satisfies Record<string, { payload: FieldSpec }>;

/** Commands components send to the adapter. */
export const COMMAND_SPECS = {
    /** Ask the softphone to change presence (update_presence). */
    setPresence: {
        payload: { kind: 'object', fields: { softphoneId: SOFTPHONE_ID } }
    },
    /** Click-to-dial: start an outbound call; the record becomes the Who/What of its Task. */
    dial: {
        payload: {
            kind: 'object',
            fields: { number: { kind: 'text', required: true, maxLength: 40 }, record: RECORD_REF }
        }
    },
    /** Disposition and notes entered in Salesforce for a call. */
    saveWrapUp: {
        payload: {
            kind: 'object',
            fields: {
                conversationId: CONVERSATION_ID,
                disposition: { kind: 'text', maxLength: 255 },
                notes: { kind: 'text', maxLength: 32_000 }
            }
        }
    },
    /** The agent chose which of several matched records the call belongs to. */
    choosePopTarget: {
        payload: {
            kind: 'object',
            fields: { conversationId: CONVERSATION_ID, record: { ...RECORD_REF, required: true } }
        }
    },
    /** Ask the adapter for a snapshot event. */
    requestState: { payload: { kind: 'none' } },
    /** The agent confirmed taking over a session open elsewhere (agentSession forceLoginRequired). */
    confirmForceLogin: {
        payload: { kind: 'none' }
    },
    /** End the agent's contact-center session. */
    signOut: { payload: { kind: 'none' } },
    /** Dispose the call with this disposition and dial the next number at once. */
    disposeAndDial: {
        payload: {
            kind: 'object',
            fields: {
                conversationId: CONVERSATION_ID,
                disposition: { kind: 'text', required: true, maxLength: 255 },
                notes: { kind: 'text', maxLength: 32_000 },
                number: { kind: 'text', required: true, maxLength: 40 }
            }
        }
    },
    /** Retry failed or pending Task saves now. */
    retryLogs: { payload: { kind: 'none' } }
} as const satisfies Record<string, { payload: FieldSpec }>;

export type ChannelEventType = keyof typeof EVENT_SPECS;
export type ChannelCommandType = keyof typeof COMMAND_SPECS;
export type ChannelEventPayload<T extends ChannelEventType> = ValueOf<(typeof EVENT_SPECS)[T]['payload']>;
export type ChannelCommandPayload<T extends ChannelCommandType> = ValueOf<(typeof COMMAND_SPECS)[T]['payload']>;

/** A record reference on the channel. */
export type RecordRef = ValueOf<typeof RECORD_REF>;
/** A call as components see it. */
export type CallView = ValueOf<typeof CALL_VIEW>;
/** Extra call facts reported by callAccepted. */
export type CallDetails = ValueOf<typeof CALL_DETAILS>;
/** A Task save state as components see it. */
export type LogView = ValueOf<typeof LOG_VIEW>;
export type PresenceView = ValueOf<typeof PRESENCE_VIEW>;
export type PresenceOption = ValueOf<typeof PRESENCE_OPTION>;
export type ConfigView = ValueOf<typeof CONFIG_VIEW>;
export type ErrorView = ValueOf<typeof ERROR_VIEW>;
export type ErrorAudience = ErrorView['audience'];
export type AgentSessionView = ValueOf<typeof AGENT_SESSION>;
export type DispositionTreeView = ValueOf<typeof DISPOSITION_TREE>;
export type CallTimelineView = ValueOf<typeof CALL_TIMELINE>;

/** An event on the channel, discriminated by `type`. */
export type ChannelEvent = {
    [T in ChannelEventType]: { version: number; kind: 'event'; type: T; payload: ChannelEventPayload<T> };
}[ChannelEventType];

/** A command on the channel, discriminated by `type`. */
export type ChannelCommand = {
    [T in ChannelCommandType]: {
        version: number;
        kind: 'command';
        id: string;
        type: T;
        payload: ChannelCommandPayload<T>;
    };
}[ChannelCommandType];

export type ChannelMessage = ChannelEvent | ChannelCommand;

const ENVELOPE_FIELDS = new Set(['version', 'kind', 'type', 'id', 'payload']);
const COMMAND_ID = { kind: 'text', required: true, maxLength: 64 } as const;

/**
 * Validates anything received on the channel. Returns the normalised message or a
 * structured error; never throws. Both the adapter and the component use this.
 */
export function validateChannelMessage(message: unknown): Result<ChannelMessage> {
    // Walked once within the limits and copied: the checks below read the copy, not the platform's
    // object (under Lightning Web Security every read of it crosses the membrane).
    const copied = copyShape(message, CHANNEL_MESSAGE_LIMITS, 'The softphone channel message');
    if (!copied.ok) return copied;
    const raw = copied.value;
    if (!isPlainObject(raw)) return fail('NOT_AN_OBJECT', 'A softphone channel message must be an object.');
    const version = raw.version;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
        return fail('WRONG_TYPE', 'version must be a positive integer.', 'version');
    }
    if (version > CHANNEL_PROTOCOL_VERSION) {
        return fail(
            'UNSUPPORTED_VERSION',
            `This message uses softphone channel version ${version}; this side understands ${CHANNEL_PROTOCOL_VERSION}. Deploy the adapter page and the softphoneBridge component from the same release.`,
            'version'
        );
    }
    const unknownField = Object.keys(raw).find((key) => !ENVELOPE_FIELDS.has(key));
    if (unknownField !== undefined) {
        return fail('UNKNOWN_FIELD', `${unknownField} is not a channel message field.`, unknownField);
    }
    if (raw.kind === 'event') return validateEvent(raw, version);
    if (raw.kind === 'command') return validateCommand(raw, version);
    return fail('INVALID_VALUE', 'kind must be "event" or "command".', 'kind');
}

function validateEvent(raw: Record<string, unknown>, version: number): Result<ChannelMessage> {
    if (raw.id !== undefined) return fail('UNKNOWN_FIELD', 'Events carry no id.', 'id');
    const type = raw.type;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(EVENT_SPECS, type)) {
        return fail(
            'UNKNOWN_TYPE',
            `Unknown event type "${String(type)}" (known: ${Object.keys(EVENT_SPECS).join(', ')}).`,
            'type'
        );
    }
    const spec: FieldSpec = EVENT_SPECS[type as ChannelEventType].payload;
    const payload = checkValue(spec, raw.payload, 'payload');
    if (!payload.ok) return payload;
    return { ok: true, value: { version, kind: 'event', type, payload: payload.value } as ChannelEvent };
}

function validateCommand(raw: Record<string, unknown>, version: number): Result<ChannelMessage> {
    const id = checkValue(COMMAND_ID, raw.id, 'id');
    if (!id.ok) return id;
    const type = raw.type;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(COMMAND_SPECS, type)) {
        return fail(
            'UNKNOWN_TYPE',
            `Unknown command type "${String(type)}" (known: ${Object.keys(COMMAND_SPECS).join(', ')}).`,
            'type'
        );
    }
    const spec: FieldSpec = COMMAND_SPECS[type as ChannelCommandType].payload;
    const payload = checkValue(spec, raw.payload, 'payload');
    if (!payload.ok) return payload;
    return {
        ok: true,
        value: { version, kind: 'command', id: id.value, type, payload: payload.value } as ChannelCommand
    };
}

/** The command id of a raw message when it has a readable one, so a rejection can name it. */
export function readCommandId(raw: unknown): string | undefined {
    return isPlainObject(raw) && typeof raw.id === 'string' && raw.id.length <= 64 ? raw.id : undefined;
}

/** Builds and validates an event; the adapter publishes only what passes. */
export function createEvent<T extends ChannelEventType>(
    type: T,
    payload: ChannelEventPayload<T>
): Result<ChannelEvent> {
    const result = validateChannelMessage({ version: CHANNEL_PROTOCOL_VERSION, kind: 'event', type, payload });
    return result.ok ? { ok: true, value: result.value as ChannelEvent } : result;
}

/** Builds and validates a command; `id` should be unique per sender (e.g. a counter with a random prefix). */
export function createCommand<T extends ChannelCommandType>(
    type: T,
    payload: ChannelCommandPayload<T>,
    id: string
): Result<ChannelCommand> {
    const result = validateChannelMessage({ version: CHANNEL_PROTOCOL_VERSION, kind: 'command', id, type, payload });
    return result.ok ? { ok: true, value: result.value as ChannelCommand } : result;
}

/** Builds the `error` event payload answering a rejected command. */
export function errorFor(error: SchemaError<string>, audience: ErrorAudience, commandId?: string): ErrorView {
    const view: ErrorView = { code: error.code, message: error.message.slice(0, 1_000), audience };
    if (error.field !== undefined) view.field = error.field.slice(0, 255);
    if (commandId !== undefined) view.commandId = commandId;
    return view;
}

/** Validates a payload on its own, e.g. to check a CallView before building an event. */
export function checkRecordRef(raw: unknown): Result<RecordRef> {
    return checkFields(RECORD_REF.fields, raw, 'record');
}

export type { Result, SchemaError } from 'c/softphoneSchema';
