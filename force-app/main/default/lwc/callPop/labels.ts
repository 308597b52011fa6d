/** The callPop component's text: custom labels (labels/CallPop.labels-meta.xml). */
import TITLE from '@salesforce/label/c.CallPop_Title';
import RINGING from '@salesforce/label/c.CallPop_Ringing';
import RINGING_UNKNOWN from '@salesforce/label/c.CallPop_Ringing_Unknown';
import ENDED from '@salesforce/label/c.CallPop_Ended';
import SEARCHING from '@salesforce/label/c.CallPop_Searching';
import OPENING_RECORD from '@salesforce/label/c.CallPop_Opening_Record';
import CHOOSE from '@salesforce/label/c.CallPop_Choose';
import NO_MATCH from '@salesforce/label/c.CallPop_No_Match';
import NEW_LEAD from '@salesforce/label/c.CallPop_New_Lead';
import NEW_CONTACT from '@salesforce/label/c.CallPop_New_Contact';
import OPEN from '@salesforce/label/c.CallPop_Open';
import SEARCH_FAILED from '@salesforce/label/c.CallPop_Search_Failed';
import SEARCH_NO_ACCESS from '@salesforce/label/c.CallPop_Search_No_Access';
import INVALID from '@salesforce/label/c.CallPop_Invalid';
import REFUSED from '@salesforce/label/c.CallPop_Refused';
import FIELD_PHONE from '@salesforce/label/c.CallPop_Field_Phone';
import FIELD_QUEUE from '@salesforce/label/c.CallPop_Field_Queue';
import FIELD_AGENT from '@salesforce/label/c.CallPop_Field_Agent';
import FIELD_DURATION from '@salesforce/label/c.CallPop_Field_Duration';
import FIELD_CALL_ID from '@salesforce/label/c.CallPop_Field_Call_Id';
import TASK_LOGGED from '@salesforce/label/c.CallPop_Task_Logged';
import OPEN_TASK from '@salesforce/label/c.CallPop_Open_Task';
import NOTES from '@salesforce/label/c.CallPop_Notes';
import DISPOSITION from '@salesforce/label/c.CallPop_Disposition';
import RELATED from '@salesforce/label/c.CallPop_Related';
import SAVE from '@salesforce/label/c.CallPop_Save';
import SAVED from '@salesforce/label/c.CallPop_Saved';
import SAVE_FAILED from '@salesforce/label/c.CallPop_Save_Failed';
import LOG_SESSION from '@salesforce/label/c.CallPop_Log_Session';
import LOG_ACCESS from '@salesforce/label/c.CallPop_Log_Access';
import LOG_FAILED from '@salesforce/label/c.CallPop_Log_Failed';
import LOG_FAILED_DETAIL from '@salesforce/label/c.CallPop_Log_Failed_Detail';
import LOG_NO_CALL_ID from '@salesforce/label/c.CallPop_Log_No_Call_Id';
import LOG_NOT_YET from '@salesforce/label/c.CallPop_Log_Not_Yet';

export const LABELS = {
    title: TITLE,
    ringing: RINGING,
    ringingUnknown: RINGING_UNKNOWN,
    ended: ENDED,
    searching: SEARCHING,
    openingRecord: OPENING_RECORD,
    choose: CHOOSE,
    noMatch: NO_MATCH,
    newLead: NEW_LEAD,
    newContact: NEW_CONTACT,
    openMatch: OPEN,
    searchFailed: SEARCH_FAILED,
    searchNoAccess: SEARCH_NO_ACCESS,
    invalid: INVALID,
    refused: REFUSED,
    fieldPhone: FIELD_PHONE,
    fieldQueue: FIELD_QUEUE,
    fieldAgent: FIELD_AGENT,
    fieldDuration: FIELD_DURATION,
    fieldCallId: FIELD_CALL_ID,
    taskLogged: TASK_LOGGED,
    openTask: OPEN_TASK,
    notes: NOTES,
    disposition: DISPOSITION,
    related: RELATED,
    save: SAVE,
    saved: SAVED,
    saveFailed: SAVE_FAILED,
    logSession: LOG_SESSION,
    logAccess: LOG_ACCESS,
    logFailed: LOG_FAILED,
    logFailedDetail: LOG_FAILED_DETAIL,
    logNoCallId: LOG_NO_CALL_ID,
    logNotYet: LOG_NOT_YET
};

/** A label with `{0}` filled in (as text; the template renders it escaped). */
export function format(label: string, value: string): string {
    // A function, so `$&` and the like in the value stay as written.
    return label.replace('{0}', () => value);
}
