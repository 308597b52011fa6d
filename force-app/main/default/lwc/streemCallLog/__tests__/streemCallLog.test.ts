import { createElement } from 'lwc';
import StreemCallLog from 'c/streemCallLog';
import { getRecord } from 'lightning/uiRecordApi';
import { CurrentPageReference } from 'lightning/navigation';
import { buildCallLogPageReference } from 'c/streemUrl';

import LEAD from './data/getRecordLead.json';
import CASE_RECORD from './data/getRecordCase.json';

jest.mock('@salesforce/label/c.Streem_Base_Url', () => ({ default: 'https://yourcompany.streempro.app' }), {
    virtual: true
});

const BASE = 'https://acme.streempro.app';

// Test adapters from force-app/test/jest-mocks: tests drive them, which the wire lint rule cannot know.
// eslint-disable-next-line @lwc/lwc/no-unexpected-wire-adapter-usages
const getRecordAdapter = getRecord as unknown as {
    emit(data: unknown): void;
    error(body?: unknown, status?: number, statusText?: string): void;
    getLastConfig(): Record<string, unknown> | null;
};
// eslint-disable-next-line @lwc/lwc/no-unexpected-wire-adapter-usages
const pageReferenceAdapter = CurrentPageReference as unknown as { emit(value: unknown): void };

type Element = HTMLElement & Record<string, unknown>;

function flushPromises(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

function create(props: Record<string, unknown>): Element {
    const element = createElement('c-streem-call-log', { is: StreemCallLog }) as unknown as Element;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function frameSrc(element: HTMLElement): string | null | undefined {
    return element.shadowRoot!.querySelector('iframe')?.getAttribute('src');
}

function byDataId(element: HTMLElement, id: string): HTMLElement | null {
    return element.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);
}

describe('c-streem-call-log', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('explains the placeholder Streem address to the admin', async () => {
        const element = create({ recordId: LEAD.id, objectApiName: 'Lead' });
        await flushPromises();

        expect(byDataId(element, 'admin-message')!.textContent).toBe('c.Streem_Config_Base_Url_Placeholder');
        expect(frameSrc(element)).toBeUndefined();
        await expect(element).toBeAccessible();
    });

    it('names a bad reference ID template', async () => {
        const element = create({ recordId: LEAD.id, objectApiName: 'Lead', baseUrl: BASE, refIdTemplate: '{!Id' });
        await flushPromises();

        expect(byDataId(element, 'admin-message')!.textContent).toBe('c.Streem_Config_RefId_Template_Invalid');
        await expect(element).toBeAccessible();
    });

    it('shows a spinner, then the call log for the record Id', async () => {
        const element = create({ recordId: LEAD.id, objectApiName: 'Lead', baseUrl: BASE });
        await flushPromises();
        expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
        expect(getRecordAdapter.getLastConfig()).toMatchObject({ fields: ['Lead.Id'], optionalFields: ['Lead.Id'] });

        getRecordAdapter.emit(LEAD);
        await flushPromises();

        const url = `${BASE}/streems?refId=${LEAD.id}`;
        expect(frameSrc(element)).toBe(url);
        expect(element.shadowRoot!.querySelector('iframe')!.getAttribute('title')).toBe('c.Streem_CallLog_Frame_Title');
        const link = byDataId(element, 'open-new-window')!;
        expect(link.getAttribute('href')).toBe(url);
        expect(link.getAttribute('target')).toBe('_blank');
        expect(link.getAttribute('rel')).toBe('noopener noreferrer');
        await expect(element).toBeAccessible();
    });

    it('reads exactly the template field and encodes it', async () => {
        const element = create({
            recordId: CASE_RECORD.id,
            objectApiName: 'Case',
            baseUrl: BASE,
            refIdTemplate: 'case #{!CaseNumber}'
        });
        await flushPromises();
        expect(getRecordAdapter.getLastConfig()).toMatchObject({ optionalFields: ['Case.CaseNumber'] });

        getRecordAdapter.emit(CASE_RECORD);
        await flushPromises();
        expect(frameSrc(element)).toBe(`${BASE}/streems?refId=case%20%2300001026`);
    });

    it("shows the record Id's calls when the reference ID template is blank on this record, as streemEmbed sends it", async () => {
        const element = create({
            recordId: LEAD.id,
            objectApiName: 'Lead',
            baseUrl: BASE,
            refIdTemplate: '{!External_Ref__c}'
        });
        getRecordAdapter.emit(LEAD);
        await flushPromises();

        expect(byDataId(element, 'no-ref')).toBeNull();
        expect(frameSrc(element)).toBe(`${BASE}/streems?refId=${LEAD.id}`);
        await expect(element).toBeAccessible();
    });

    it('shows the record error', async () => {
        const element = create({ recordId: LEAD.id, objectApiName: 'Lead', baseUrl: BASE });
        getRecordAdapter.error({ message: 'Insufficient access' }, 403, 'Forbidden');
        await flushPromises();

        expect(byDataId(element, 'record-error')!.textContent).toBe('c.Streem_Record_Error');
        await expect(element).toBeAccessible();
    });

    it('opens by URL with c__refId (lightning__UrlAddressable)', async () => {
        const element = create({ baseUrl: BASE });
        // What another component or a post-call flow navigates to.
        pageReferenceAdapter.emit(buildCallLogPageReference('ticket 42/7 & more'));
        await flushPromises();

        expect(frameSrc(element)).toBe(`${BASE}/streems?refId=ticket%2042%2F7%20%26%20more`);
        await expect(element).toBeAccessible();
    });

    it('shows the whole call log on an app page', async () => {
        const element = create({ baseUrl: `${BASE}/` });
        await flushPromises();

        expect(frameSrc(element)).toBe(`${BASE}/streems`);
        expect(element.shadowRoot!.querySelector('iframe')!.getAttribute('height')).toBe('500');
    });
});
