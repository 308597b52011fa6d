/**
 * The user-visible strings softphoneBridge itself shows or builds views with (each child component
 * imports the labels it shows), from the custom labels in
 * labels/SoftphoneBridge.labels-meta.xml (an admin can translate or reword them in Setup).
 */
import ANNOUNCE_CALL from '@salesforce/label/c.SoftphoneBridge_Announce_Call';
import CHOOSE_RECORD_ACTION from '@salesforce/label/c.SoftphoneBridge_Choose_Record_Action';
import CHOOSE_RECORD_THIS from '@salesforce/label/c.SoftphoneBridge_Choose_Record_This';
import CONNECTING from '@salesforce/label/c.SoftphoneBridge_Connecting';
import DIAL_BLOCKED_ACTIVE_CALL from '@salesforce/label/c.SoftphoneBridge_Dial_Blocked_Active_Call';
import DIAL_BLOCKED_NOT_CONFIGURED from '@salesforce/label/c.SoftphoneBridge_Dial_Blocked_Not_Configured';
import DIAL_BLOCKED_NOT_CONNECTED from '@salesforce/label/c.SoftphoneBridge_Dial_Blocked_Not_Connected';
import DIAL_BLOCKED_OFFLINE from '@salesforce/label/c.SoftphoneBridge_Dial_Blocked_Offline';
import DIAL_BLOCKED_SIGNED_OUT from '@salesforce/label/c.SoftphoneBridge_Dial_Blocked_Signed_Out';
import DIAL_FIELD from '@salesforce/label/c.SoftphoneBridge_Dial_Field';
import DIAL_NUMBER from '@salesforce/label/c.SoftphoneBridge_Dial_Number';
import DIALING_REQUESTED from '@salesforce/label/c.SoftphoneBridge_Dialing_Requested';
import DIRECTION_INBOUND from '@salesforce/label/c.SoftphoneBridge_Direction_Inbound';
import DIRECTION_OUTBOUND from '@salesforce/label/c.SoftphoneBridge_Direction_Outbound';
import DISMISS from '@salesforce/label/c.SoftphoneBridge_Dismiss';
import ERROR_HEADING from '@salesforce/label/c.SoftphoneBridge_Error_Heading';
import FIELD_ASSISTANT from '@salesforce/label/c.SoftphoneBridge_Field_Assistant';
import FIELD_CONTACT_MOBILE from '@salesforce/label/c.SoftphoneBridge_Field_Contact_Mobile';
import FIELD_CONTACT_PHONE from '@salesforce/label/c.SoftphoneBridge_Field_Contact_Phone';
import FIELD_HOME from '@salesforce/label/c.SoftphoneBridge_Field_Home';
import FIELD_MOBILE from '@salesforce/label/c.SoftphoneBridge_Field_Mobile';
import FIELD_OTHER from '@salesforce/label/c.SoftphoneBridge_Field_Other';
import FIELD_PHONE from '@salesforce/label/c.SoftphoneBridge_Field_Phone';
import FIELD_WEB_PHONE from '@salesforce/label/c.SoftphoneBridge_Field_Web_Phone';
import HISTORY_TASK_LINK from '@salesforce/label/c.SoftphoneBridge_History_Task_Link';
import LOG_FIX_ACCESS from '@salesforce/label/c.SoftphoneBridge_Log_Fix_Access';
import LOG_FIX_SESSION from '@salesforce/label/c.SoftphoneBridge_Log_Fix_Session';
import LOG_FIX_VALIDATION from '@salesforce/label/c.SoftphoneBridge_Log_Fix_Validation';
import LOG_STORAGE_FULL from '@salesforce/label/c.SoftphoneBridge_Log_Storage_Full';
import OUTCOME_MISSED from '@salesforce/label/c.SoftphoneBridge_Outcome_Missed';
import OUTCOME_REJECTED from '@salesforce/label/c.SoftphoneBridge_Outcome_Rejected';
import OUTCOME_UNANSWERED from '@salesforce/label/c.SoftphoneBridge_Outcome_Unanswered';
import PRESENCE_UNKNOWN from '@salesforce/label/c.SoftphoneBridge_Presence_Unknown';
import RECORD_ERROR from '@salesforce/label/c.SoftphoneBridge_Record_Error';
import SIGNED_OUT from '@salesforce/label/c.SoftphoneBridge_Signed_Out';
import STATE_CONNECTED from '@salesforce/label/c.SoftphoneBridge_State_Connected';
import STATE_DIALING from '@salesforce/label/c.SoftphoneBridge_State_Dialing';
import STATE_ENDED from '@salesforce/label/c.SoftphoneBridge_State_Ended';
import STATE_REJECTED from '@salesforce/label/c.SoftphoneBridge_State_Rejected';
import STATE_RINGING from '@salesforce/label/c.SoftphoneBridge_State_Ringing';
import STATE_WRAPPED_UP from '@salesforce/label/c.SoftphoneBridge_State_Wrapped_Up';
import STATUS_DRAFT from '@salesforce/label/c.SoftphoneBridge_Status_Draft';
import STATUS_FAILED from '@salesforce/label/c.SoftphoneBridge_Status_Failed';
import STATUS_PENDING from '@salesforce/label/c.SoftphoneBridge_Status_Pending';
import STATUS_REJECTED from '@salesforce/label/c.SoftphoneBridge_Status_Rejected';
import STATUS_SAVED from '@salesforce/label/c.SoftphoneBridge_Status_Saved';
import STATUS_SAVING from '@salesforce/label/c.SoftphoneBridge_Status_Saving';
import TITLE from '@salesforce/label/c.SoftphoneBridge_Title';
import UNKNOWN_NUMBER from '@salesforce/label/c.SoftphoneBridge_Unknown_Number';
import VERSION_MISMATCH from '@salesforce/label/c.SoftphoneBridge_Version_Mismatch';
import VIEW_TASK from '@salesforce/label/c.SoftphoneBridge_View_Task';

/** The labels by purpose. */
export const LABELS = {
    announceCall: ANNOUNCE_CALL,
    chooseRecordAction: CHOOSE_RECORD_ACTION,
    chooseRecordThis: CHOOSE_RECORD_THIS,
    connecting: CONNECTING,
    logFixAccess: LOG_FIX_ACCESS,
    logFixSession: LOG_FIX_SESSION,
    logFixValidation: LOG_FIX_VALIDATION,
    logStorageFull: LOG_STORAGE_FULL,
    dialBlockedActiveCall: DIAL_BLOCKED_ACTIVE_CALL,
    dialBlockedNotConfigured: DIAL_BLOCKED_NOT_CONFIGURED,
    dialBlockedNotConnected: DIAL_BLOCKED_NOT_CONNECTED,
    dialBlockedOffline: DIAL_BLOCKED_OFFLINE,
    dialBlockedSignedOut: DIAL_BLOCKED_SIGNED_OUT,
    dialField: DIAL_FIELD,
    dialNumber: DIAL_NUMBER,
    dialingRequested: DIALING_REQUESTED,
    directionInbound: DIRECTION_INBOUND,
    directionOutbound: DIRECTION_OUTBOUND,
    dismiss: DISMISS,
    errorHeading: ERROR_HEADING,
    fieldAssistant: FIELD_ASSISTANT,
    fieldContactMobile: FIELD_CONTACT_MOBILE,
    fieldContactPhone: FIELD_CONTACT_PHONE,
    fieldHome: FIELD_HOME,
    fieldMobile: FIELD_MOBILE,
    fieldOther: FIELD_OTHER,
    fieldPhone: FIELD_PHONE,
    fieldWebPhone: FIELD_WEB_PHONE,
    historyTaskLink: HISTORY_TASK_LINK,
    outcomeMissed: OUTCOME_MISSED,
    outcomeRejected: OUTCOME_REJECTED,
    outcomeUnanswered: OUTCOME_UNANSWERED,
    presenceUnknown: PRESENCE_UNKNOWN,
    recordError: RECORD_ERROR,
    signedOut: SIGNED_OUT,
    stateConnected: STATE_CONNECTED,
    stateDialing: STATE_DIALING,
    stateEnded: STATE_ENDED,
    stateRejected: STATE_REJECTED,
    stateRinging: STATE_RINGING,
    stateWrappedUp: STATE_WRAPPED_UP,
    statusDraft: STATUS_DRAFT,
    statusFailed: STATUS_FAILED,
    statusPending: STATUS_PENDING,
    statusRejected: STATUS_REJECTED,
    statusSaved: STATUS_SAVED,
    statusSaving: STATUS_SAVING,
    title: TITLE,
    unknownNumber: UNKNOWN_NUMBER,
    versionMismatch: VERSION_MISMATCH,
    viewTask: VIEW_TASK
} as const;
