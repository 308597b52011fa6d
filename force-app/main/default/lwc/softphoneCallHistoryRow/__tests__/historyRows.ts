/** Rows as softphoneBridge/views.ts builds them, shared by the history list's and the row's tests. */
export const TASK_ID = '00T5e00000TaSk1AAA';
export const LEAD_ID = '00Q5e00000AbCdEEAV';

/** A call that ended and was logged: its record and its Task. */
export const LOGGED_ROW = {
    key: 'conv-1',
    icon: 'utility:incoming_call',
    directionLabel: 'Inbound call',
    number: '(503) 555-1212',
    startedAt: 1_790_000_000_000,
    summary: 'Ended · 2:05',
    record: { recordId: LEAD_ID, label: 'Joe Customer', url: '/lead' },
    task: { recordId: TASK_ID, label: 'View Task', url: '/task' },
    taskLabel: 'View Task for the call with (503) 555-1212'
};

/** A missed call: no record, no Task. */
export const MISSED_ROW = {
    key: 'conv-2',
    icon: 'utility:missed_call',
    directionLabel: 'Inbound call',
    number: '+44 20 7123 4567',
    startedAt: 1_790_000_100_000,
    summary: 'Missed'
};
