import { formatDuration, popKey, readMatches, ringOutcome, sameCall } from '../callers';
import { HANDLED_KEY, MAX_HANDLED, markHandled, wasHandled } from '../handled';
import { logPageUrl, newRecordPage, recordPage } from '../pageRefs';
import { MAX_FORMS, writtenForms } from '../phoneForms';

const LEAD = { Id: '00Q000000000001AAA', Name: { value: 'Joe Customer' }, Company: { value: 'Acme' } };
const CONTACT = { Id: '003000000000001AAA', Name: { value: 'Ann Buyer' }, Account: { Name: { value: 'Acme' } } };
const ACCOUNT = { Id: '001000000000001AAA', Name: { value: 'Acme' } };

function answer(lead: unknown[], contact: unknown[] = [], account: unknown[] = []): unknown {
    const edges = (nodes: unknown[]) => ({ edges: nodes.map((node) => ({ node })) });
    return { uiapi: { query: { Lead: edges(lead), Contact: edges(contact), Account: edges(account) } } };
}

describe('c-call-pop callers', () => {
    it('reads matches from a GraphQL answer, Leads first, skipping malformed and repeated nodes', () => {
        expect(readMatches(answer([LEAD, { Id: 'bad' }, null, LEAD], [CONTACT], [ACCOUNT]))).toEqual([
            { recordId: LEAD.Id, objectApiName: 'Lead', name: 'Joe Customer', detail: 'Acme' },
            { recordId: CONTACT.Id, objectApiName: 'Contact', name: 'Ann Buyer', detail: 'Acme' },
            { recordId: ACCOUNT.Id, objectApiName: 'Account', name: 'Acme' }
        ]);
        for (const data of [undefined, null, {}, { uiapi: {} }, { uiapi: { query: { Lead: { edges: 'x' } } } }])
            expect(readMatches(data)).toEqual([]);
        expect(readMatches(answer([{ Id: LEAD.Id, Name: { value: 42 } }]))[0]!.name).toBe(LEAD.Id);
    });

    it('opens one match, lets the agent choose among several, creates on none only when the admin chose so', () => {
        const [lead, contact] = readMatches(answer([LEAD], [CONTACT]));
        expect(ringOutcome([lead!], 'none')).toEqual({ kind: 'open', match: lead });
        expect(ringOutcome([lead!, contact!], 'newLead')).toEqual({ kind: 'choose', matches: [lead, contact] });
        expect(ringOutcome([], 'newLead')).toEqual({ kind: 'noMatch', create: 'Lead' });
        expect(ringOutcome([], 'newContact')).toEqual({ kind: 'noMatch', create: 'Contact' });
        expect(ringOutcome([], 'search')).toEqual({ kind: 'noMatch' });
        expect(ringOutcome([], undefined)).toEqual({ kind: 'noMatch' });
    });

    it('tells pops and calls apart', () => {
        expect(popKey({ event: 'ring', callId: 'c', phone: '1' })).not.toBe(
            popKey({ event: 'hangup', callId: 'c', phone: '1' })
        );
        expect(sameCall({ event: 'ring', callId: 'c' }, { event: 'hangup', callId: 'c' })).toBe(true);
        expect(sameCall({ event: 'ring' }, { event: 'hangup' })).toBe(false);
        expect([undefined, 5, 65, 3725].map(formatDuration)).toEqual([undefined, '0:05', '1:05', '1:02:05']);
    });

    it('searches the usual written forms of a number', () => {
        const forms = writtenForms('+1 503 555 1212');
        expect(forms).toEqual(
            expect.arrayContaining([
                '+1 503 555 1212',
                '(503) 555-1212',
                '503-555-1212',
                '503.555.1212',
                '+15035551212',
                '5035551212'
            ])
        );
        expect(writtenForms('(415) 555-0199')).toEqual(expect.arrayContaining(['415.555.0199', '+1 415 555 0199']));
        expect(writtenForms('+442079460958')).toEqual(expect.arrayContaining(['+442079460958', '02079460958']));
        // Grouped international form, as an agent types it into a UK contact's phone field.
        expect(writtenForms('+442079460958')).toContain('+44 20 7946 0958');
        expect(writtenForms('2149')).toEqual(['2149']);
        expect(writtenForms(undefined)).toEqual([]);
        expect(writtenForms('+1 503 555 1212').length).toBeLessThanOrEqual(MAX_FORMS);
    });

    it('builds page references for records, new records, the Task and the logging page', () => {
        expect(recordPage('00Q000000000001AAA', 'Lead')).toEqual({
            type: 'standard__recordPage',
            attributes: { recordId: '00Q000000000001AAA', objectApiName: 'Lead', actionName: 'view' }
        });
        expect(newRecordPage('Lead', 'Phone=5551234')).toEqual({
            type: 'standard__objectPage',
            attributes: { objectApiName: 'Lead', actionName: 'new' },
            state: { defaultFieldValues: 'Phone=5551234' }
        });
        expect(logPageUrl({ event: 'hangup', callId: 'a&b', phone: '+1 503', durationSeconds: 5 })).toBe(
            '/apex/CallPop?c__event=hangup&c__phone=%2B1%20503&c__callId=a%26b&c__duration=5'
        );
    });

    it('remembers handled pops in a bounded session store that may fail', () => {
        const data = new Map<string, string>();
        const store = {
            getItem: (k: string) => data.get(k) ?? null,
            setItem: (k: string, v: string) => {
                data.set(k, v);
            }
        };
        for (let i = 0; i < MAX_HANDLED + 5; i++) markHandled(store, `ring|c${i}|`);
        expect(wasHandled(store, 'ring|c0|')).toBe(false);
        expect(wasHandled(store, `ring|c${MAX_HANDLED + 4}|`)).toBe(true);
        data.set(HANDLED_KEY, '{not json');
        expect(wasHandled(store, 'x')).toBe(false);
        const full = {
            getItem: () => null,
            setItem: () => {
                throw new Error('QuotaExceededError');
            }
        };
        expect(() => markHandled(full, 'x')).not.toThrow();
        expect(wasHandled(undefined, 'x')).toBe(false);
    });
});
