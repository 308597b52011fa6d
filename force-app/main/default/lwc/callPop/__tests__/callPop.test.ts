import { createElement } from 'lwc';
import CallPop from 'c/callPop';
import { CurrentPageReference } from 'lightning/navigation';
import { executeMutation, graphql } from 'lightning/graphql';
import { IsConsoleNavigation, focusTab, getAllTabInfo, openTab } from 'lightning/platformWorkspaceApi';
import { encodeDefaultFieldValues } from 'lightning/pageReferenceUtils';
import { getObjectInfos } from 'lightning/uiObjectInfoApi';
import { getNavigateCalls, resetNavigation } from '../../../../../test/jest-mocks/lightning/navigation';

// Test adapters from force-app/test/jest-mocks and sfdx-lwc-jest's stubs: tests drive them.
// eslint-disable-next-line @lwc/lwc/no-unexpected-wire-adapter-usages
const pageReference = CurrentPageReference as unknown as { emit(value: unknown): void };

const callers = graphql as unknown as {
    emitData(value: unknown): void;
    emitErrors(errors: unknown[]): void;
    getLastConfig(): { query?: unknown; variables?: { forms: string[] } } | null;
};

// eslint-disable-next-line @lwc/lwc/no-unexpected-wire-adapter-usages
const objectInfos = getObjectInfos as unknown as { emit(value: unknown): void; error(): void };

/** The agent's object info (UI API getObjectInfos): the fields given per object, each filterable. */
function objectInfosWith(fields: Record<string, string[] | null>): unknown {
    const result = ([apiName, names]: [string, string[] | null]): unknown => {
        if (names === null)
            return { statusCode: 403, result: [{ errorCode: 'INSUFFICIENT_ACCESS', message: 'No access' }] };
        const byName = Object.fromEntries(names.map((name) => [name, { apiName: name, filterable: true }]));
        return { statusCode: 200, result: { apiName, fields: byName } };
    };
    return { results: Object.entries(fields).map(result) };
}

const EVERY_FIELD = {
    Lead: ['Id', 'Name', 'Company', 'Phone', 'MobilePhone'],
    Contact: ['Id', 'Name', 'AccountId', 'Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'],
    Account: ['Id', 'Name', 'Phone']
};

const isConsole = IsConsoleNavigation as unknown as { emit(value: unknown): void };
const mutation = executeMutation as unknown as jest.Mock;
const encode = encodeDefaultFieldValues as unknown as jest.Mock;

const LEAD = { Id: '00Q000000000001AAA', Name: { value: 'Joe Customer' }, Company: { value: 'Acme' } };
const LEAD2 = { Id: '00Q000000000002AAA', Name: { value: 'Jane Other' }, Company: { value: 'Beta' } };
const CONTACT = { Id: '003000000000001AAA', Name: { value: 'Ann Buyer' }, Account: { Name: { value: 'Acme' } } };
const TASK_ID = '00T000000000001AAA';

type Element = HTMLElement & Record<string, unknown>;

function answer(lead: unknown[], contact: unknown[] = [], account: unknown[] = []): unknown {
    const edges = (nodes: unknown[]) => ({ edges: nodes.map((node) => ({ node })) });
    return { uiapi: { query: { Lead: edges(lead), Contact: edges(contact), Account: edges(account) } } };
}

function flush(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

async function pop(
    state: Record<string, string>,
    access: Record<string, string[] | null> = EVERY_FIELD
): Promise<Element> {
    const element = createElement('c-call-pop', { is: CallPop }) as unknown as Element;
    document.body.appendChild(element);
    pageReference.emit({ type: 'standard__component', attributes: { componentName: 'c__callPop' }, state });
    objectInfos.emit(objectInfosWith(access));
    await flush();
    return element;
}

function $(element: Element, selector: string): HTMLElement | null {
    return element.shadowRoot!.querySelector<HTMLElement>(selector);
}

function text(element: Element): string {
    return element.shadowRoot!.textContent ?? '';
}

describe('c-call-pop', () => {
    beforeEach(() => {
        resetNavigation();
        window.sessionStorage.clear();
        encode.mockImplementation((values: Record<string, string>) =>
            Object.entries(values)
                .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
                .join(',')
        );
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('looks the caller up by the written forms of the number and opens the one Lead in place', async () => {
        const element = await pop({ c__event: 'ring', c__phone: '+15035551212', c__callId: 'c1', c__queue: 'Sales' });
        expect($(element, '.callpop-searching')).not.toBeNull();
        await expect(element).toBeAccessible();
        const config = callers.getLastConfig()!;
        expect(config.query).toBeDefined();
        expect(config.variables!.forms).toEqual(expect.arrayContaining(['(503) 555-1212', '+15035551212']));

        callers.emitData(answer([LEAD]));
        await flush();
        expect(getNavigateCalls()).toEqual([
            {
                pageReference: {
                    type: 'standard__recordPage',
                    attributes: { recordId: LEAD.Id, objectApiName: 'Lead', actionName: 'view' }
                },
                replace: true
            }
        ]);
        expect($(element, '.callpop-opening')).not.toBeNull();
        expect($(element, '[data-field="queue"]')!.textContent.trim()).toBe('Sales');
        await expect(element).toBeAccessible();
    });

    it('lets the agent choose among several matches', async () => {
        const element = await pop({ c__phone: '5035551212' });
        callers.emitData(answer([LEAD, LEAD2], [CONTACT]));
        await flush();
        expect(getNavigateCalls()).toEqual([]);
        const buttons = [
            ...element.shadowRoot!.querySelectorAll<HTMLElement & { label: string }>(
                '.callpop-matches lightning-button'
            )
        ];
        expect(buttons.map((b) => b.label)).toEqual(['Joe Customer (Acme)', 'Jane Other (Beta)', 'Ann Buyer (Acme)']);
        await expect(element).toBeAccessible();

        buttons[2]!.click();
        await flush();
        expect(getNavigateCalls()[0]!.pageReference).toEqual({
            type: 'standard__recordPage',
            attributes: { recordId: CONTACT.Id, objectApiName: 'Contact', actionName: 'view' }
        });
    });

    it('offers a new Lead or Contact with the number filled in when nobody has it', async () => {
        const element = await pop({ c__phone: '+1 503 555 0000' });
        callers.emitData(answer([]));
        await flush();
        expect($(element, '.callpop-no-match')).not.toBeNull();
        expect(getNavigateCalls()).toEqual([]);
        await expect(element).toBeAccessible();

        $(element, '.callpop-new-lead')!.click();
        await flush();
        expect(encode).toHaveBeenCalledWith({ Phone: '+1 503 555 0000' });
        expect(getNavigateCalls()[0]!.pageReference).toEqual({
            type: 'standard__objectPage',
            attributes: { objectApiName: 'Lead', actionName: 'new' },
            state: { defaultFieldValues: 'Phone=%2B1%20503%20555%200000' }
        });
    });

    it("opens the new Lead form at once when the admin's No_Match__c says newLead, once per pop", async () => {
        await pop({ c__phone: '5550000', c__callId: 'n1', c__noMatch: 'newLead' });
        callers.emitData(answer([]));
        await flush();
        expect(getNavigateCalls()).toHaveLength(1);
        expect(getNavigateCalls()[0]!.pageReference.type).toBe('standard__objectPage');

        // The agent comes back to the same pop (Back, reload): nothing opens again.
        document.body.innerHTML = '';
        resetNavigation();
        const again = await pop({ c__phone: '5550000', c__callId: 'n1', c__noMatch: 'newLead' });
        callers.emitData(answer([]));
        await flush();
        expect(getNavigateCalls()).toEqual([]);
        expect($(again, '.callpop-new-lead')).not.toBeNull();
    });

    it('opens or focuses a workspace tab in a console app', async () => {
        (getAllTabInfo as jest.Mock).mockResolvedValueOnce([{ tabId: 'tab9', recordId: LEAD.Id }]);
        const element = createElement('c-call-pop', { is: CallPop }) as unknown as Element;
        document.body.appendChild(element);
        isConsole.emit(true);
        objectInfos.emit(objectInfosWith(EVERY_FIELD));
        pageReference.emit({ type: 'standard__component', state: { c__phone: '5035551212' } });
        await flush();
        callers.emitData(answer([LEAD]));
        await flush();
        expect(focusTab).toHaveBeenCalledWith('tab9');
        expect(openTab).not.toHaveBeenCalled();
        expect(getNavigateCalls()).toEqual([]);

        (getAllTabInfo as jest.Mock).mockResolvedValueOnce([]);
        pageReference.emit({ type: 'standard__component', state: { c__phone: '4155550199', c__callId: 'c2' } });
        await flush();
        callers.emitData(answer([LEAD2]));
        await flush();
        expect(openTab).toHaveBeenCalledWith({
            pageReference: {
                type: 'standard__recordPage',
                attributes: { recordId: LEAD2.Id, objectApiName: 'Lead', actionName: 'view' }
            },
            focus: true
        });
    });

    it('updates the call on screen for its hang-up instead of searching or opening again', async () => {
        const element = await pop({ c__event: 'ring', c__phone: '5035551212', c__callId: 'c1' });
        callers.emitData(answer([LEAD]));
        await flush();
        expect(getNavigateCalls()).toHaveLength(1);
        const ringConfig = callers.getLastConfig();

        pageReference.emit({
            type: 'standard__component',
            state: {
                c__event: 'hangup',
                c__phone: '5035551212',
                c__callId: 'c1',
                c__taskId: TASK_ID,
                c__duration: '65'
            }
        });
        await flush();
        expect(getNavigateCalls()).toHaveLength(1);
        expect(callers.getLastConfig()).toBe(ringConfig);
        expect($(element, '.callpop-task-logged')).not.toBeNull();
        expect($(element, '[data-field="duration"]')!.textContent.trim()).toBe('1:05');
        await expect(element).toBeAccessible();
    });

    it("links the Task to the caller's one record at once, then saves only the notes the agent added", async () => {
        mutation.mockResolvedValue({
            data: { uiapi: { TaskUpdate: { Record: { Id: TASK_ID } } } },
            errors: undefined
        });
        const element = await pop({
            c__event: 'hangup',
            c__phone: '5035551212',
            c__callId: 'c1',
            c__taskId: TASK_ID,
            c__disposition: 'Sale'
        });
        callers.emitData(answer([LEAD]));
        await flush();
        // Closing the tab now would still leave the Task on the Lead (a Lead's Task has no Related To).
        expect(mutation).toHaveBeenCalledTimes(1);
        const link = mutation.mock.calls[0]![0] as { variables: unknown; operationName: string };
        expect(link.operationName).toBe('CallPopTaskUpdate');
        expect(link.variables).toEqual({ input: { Id: TASK_ID, Task: { WhoId: LEAD.Id, WhatId: null } } });
        expect($(element, '.callpop-saved')).toBeNull(); // the agent saved nothing yet
        const notes = $(element, '.callpop-notes') as HTMLElement & { value: string };
        notes.value = 'Wants a callback';
        notes.dispatchEvent(new CustomEvent('change'));
        $(element, '.callpop-save')!.click();
        await flush();
        expect(mutation).toHaveBeenCalledTimes(2);
        // The result is the vendor's, already on the Task, and the link is written: only the notes.
        const config = mutation.mock.calls[1]![0] as { variables: unknown };
        expect(config.variables).toEqual({ input: { Id: TASK_ID, Task: { Description: 'Wants a callback' } } });
        expect($(element, '.callpop-saved')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('never overwrites the Task with an empty notes box or an unchanged result', async () => {
        mutation.mockResolvedValue({ data: { uiapi: { TaskUpdate: { Record: { Id: TASK_ID } } } } });
        const element = await pop({ c__event: 'hangup', c__callId: 'c1', c__taskId: TASK_ID, c__disposition: 'Sale' });
        $(element, '.callpop-save')!.click();
        await flush();
        expect(mutation).not.toHaveBeenCalled();
        expect($(element, '.callpop-saved')).not.toBeNull();
        const disposition = $(element, '.callpop-disposition') as HTMLElement & { value: string };
        disposition.value = 'No sale';
        disposition.dispatchEvent(new CustomEvent('change'));
        $(element, '.callpop-save')!.click();
        await flush();
        expect((mutation.mock.calls[0]![0] as { variables: unknown }).variables).toEqual({
            input: { Id: TASK_ID, Task: { CallDisposition: 'No sale' } }
        });
    });

    it('relates the Task as Salesforce allows: a Lead clears Related To, an Account clears that Lead', async () => {
        mutation.mockResolvedValue({ data: { uiapi: { TaskUpdate: { Record: { Id: TASK_ID } } } } });
        const ACCOUNT = { Id: '001000000000001AAA', Name: { value: 'Acme' } };
        const element = await pop({ c__event: 'hangup', c__phone: '5035551212', c__callId: 'c1', c__taskId: TASK_ID });
        callers.emitData(answer([LEAD], [], [ACCOUNT]));
        await flush();
        expect(mutation).not.toHaveBeenCalled(); // two matches: the agent chooses
        const choose = async (recordId: string): Promise<void> => {
            const related = $(element, '.callpop-related') as HTMLElement & { value: string };
            related.value = recordId;
            related.dispatchEvent(new CustomEvent('change'));
            $(element, '.callpop-save')!.click();
            await flush();
        };
        await choose(LEAD.Id);
        await choose(ACCOUNT.Id);
        expect(
            mutation.mock.calls.map((call) => (call[0] as { variables: { input: unknown } }).variables.input)
        ).toEqual([
            { Id: TASK_ID, Task: { WhoId: LEAD.Id, WhatId: null } },
            { Id: TASK_ID, Task: { WhatId: ACCOUNT.Id, WhoId: null } }
        ]);
    });

    it('offers the Task itself when the notes cannot be saved here', async () => {
        mutation.mockResolvedValueOnce({ data: undefined, errors: [{ message: 'Object Task is not supported' }] });
        const element = await pop({ c__event: 'hangup', c__callId: 'c1', c__taskId: TASK_ID });
        const notes = $(element, '.callpop-notes') as HTMLElement & { value: string };
        notes.value = 'Wants a callback';
        notes.dispatchEvent(new CustomEvent('change'));
        $(element, '.callpop-save')!.click();
        await flush();
        expect($(element, '.callpop-save-failed')!.textContent).toContain('c.CallPop_Save_Failed');
        await expect(element).toBeAccessible();
        $(element, '.callpop-open-task')!.click();
        await flush();
        expect(getNavigateCalls()[0]!.pageReference).toEqual({
            type: 'standard__recordPage',
            attributes: { recordId: TASK_ID, objectApiName: 'Task', actionName: 'edit' }
        });
    });

    it('says why a hang-up was not logged, and hands a direct hang-up to the CallPop page', async () => {
        const failed = await pop({ c__event: 'hangup', c__callId: 'c1', c__logError: 'session' });
        expect($(failed, '.callpop-log-error')!.textContent.trim()).toBe('c.CallPop_Log_Session');
        await expect(failed).toBeAccessible();
        document.body.innerHTML = '';

        // The org's own refusal (as the CallPop page passes it) picks the label that quotes it.
        const refused = await pop({
            c__event: 'hangup',
            c__callId: 'c1',
            c__logError: 'failed',
            c__logDetail: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Call Result is required'
        });
        expect($(refused, '.callpop-log-error')!.textContent.trim()).toBe('c.CallPop_Log_Failed_Detail');
        await expect(refused).toBeAccessible();
        document.body.innerHTML = '';
        const plain = await pop({ c__event: 'hangup', c__callId: 'c1', c__logError: 'failed' });
        expect($(plain, '.callpop-log-error')!.textContent.trim()).toBe('c.CallPop_Log_Failed');
        document.body.innerHTML = '';

        const direct = await pop({ c__event: 'hangup', c__callId: 'c&1', c__phone: '5551234' });
        $(direct, '.callpop-log-call')!.click();
        await flush();
        expect(getNavigateCalls()[0]!.pageReference).toEqual({
            type: 'standard__webPage',
            attributes: { url: '/apex/CallPop?c__event=hangup&c__phone=5551234&c__callId=c%261' }
        });
    });

    it('shows hostile values only as text and names what it ignored', async () => {
        const element = await pop({
            c__phone: '5551234',
            c__queue: '<img src=x onerror="window.__pwned=1">',
            c__agent: '\u202Enimda',
            c__callId: '"><script>window.__pwned=1</script>',
            c__duration: 'NaN'
        });
        expect(element.shadowRoot!.querySelector('img, script')).toBeNull();
        expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
        expect($(element, '[data-field="queue"]')!.textContent.trim()).toBe('<img src=x onerror="window.__pwned=1">');
        expect($(element, '[data-field="agent"]')!.textContent.trim()).toBe('nimda');
        expect($(element, '.callpop-refused')!.textContent).toContain('c.CallPop_Refused');
        await expect(element).toBeAccessible();
    });

    it('says so when the link carries no call, and when the lookup fails', async () => {
        const empty = await pop({ c__event: 'ring' });
        expect($(empty, '.callpop-invalid')).not.toBeNull();
        expect(callers.getLastConfig()?.query).toBeUndefined();
        await expect(empty).toBeAccessible();
        document.body.innerHTML = '';

        const element = await pop({ c__phone: '5551234' });
        callers.emitErrors([{ message: 'Field Phone in type Lead_Filter is undefined' }]);
        await flush();
        expect($(element, '.callpop-lookup-error')).not.toBeNull();
        expect(text(element)).not.toContain('undefined is not');
        await expect(element).toBeAccessible();
    });

    describe('searches only the phone fields the agent can read (field-level security)', () => {
        it('leaves a hidden field and an unreadable object out of the query, and still pops the match', async () => {
            const element = await pop(
                { c__event: 'ring', c__phone: '+15035551212', c__callId: 'c1' },
                {
                    Lead: ['Id', 'Name', 'Company', 'Phone'],
                    Contact: ['Id', 'Name', 'Phone', 'MobilePhone'],
                    Account: null
                }
            );
            const source = (callers.getLastConfig()!.query as { source: string }).source;
            expect(source).toContain(
                'Lead(where: { and: [{ IsConverted: { eq: false } }, { Phone: { in: $forms } }] }'
            );
            expect(source).toContain(
                'Contact(where: { or: [{ Phone: { in: $forms } }, { MobilePhone: { in: $forms } }] }'
            );
            expect(source).not.toMatch(/HomePhone|OtherPhone|AssistantPhone|Account\(|Account \{/);
            expect(source).toContain('$forms: [PhoneNumber]');
            callers.emitData(answer([LEAD]));
            await flush();
            expect(getNavigateCalls()).toHaveLength(1);
            await expect(element).toBeAccessible();
        });

        it('waits for the object info before searching', async () => {
            const element = createElement('c-call-pop', { is: CallPop }) as unknown as Element;
            document.body.appendChild(element);
            pageReference.emit({ type: 'standard__component', state: { c__phone: '5035551212' } });
            await flush();
            expect(callers.getLastConfig()?.query).toBeUndefined();
            expect($(element, '.callpop-searching')).not.toBeNull();
            objectInfos.emit(objectInfosWith(EVERY_FIELD));
            await flush();
            expect((callers.getLastConfig()!.query as { source: string }).source).toContain('AssistantPhone');
        });

        it('searches every standard field when the object info cannot be read', async () => {
            const element = createElement('c-call-pop', { is: CallPop }) as unknown as Element;
            document.body.appendChild(element);
            pageReference.emit({ type: 'standard__component', state: { c__phone: '5035551212' } });
            objectInfos.error();
            await flush();
            expect((callers.getLastConfig()!.query as { source: string }).source).toContain('HomePhone');
        });

        it('tells the agent to ask their admin when no phone field is readable, and searches nothing', async () => {
            const element = await pop(
                { c__event: 'ring', c__phone: '5035551212', c__callId: 'c1' },
                { Lead: ['Id', 'Name'], Contact: null, Account: ['Id', 'Name'] }
            );
            expect(callers.getLastConfig()?.query).toBeUndefined();
            expect($(element, '.callpop-searching')).toBeNull();
            expect($(element, '.callpop-lookup-error')!.textContent).toContain('CallPop_Search_No_Access');
            expect(getNavigateCalls()).toEqual([]);
            await expect(element).toBeAccessible();
        });
    });
});
