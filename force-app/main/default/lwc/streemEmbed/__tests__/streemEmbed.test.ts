import { createElement } from 'lwc';
import StreemEmbed from 'c/streemEmbed';
import { getRecord } from 'lightning/uiRecordApi';
import { buildEmbedUrl } from 'c/streemUrl';

import LEAD from './data/getRecordLead.json';
import LEAD_NO_PHONE from './data/getRecordLeadNoPhone.json';
import LEAD_BAD_PHONE from './data/getRecordLeadBadPhone.json';
import CONTACT_UK from './data/getRecordContactUk.json';
import CASE_RECORD from './data/getRecordCase.json';

// The shipped label value: an admin who never changed it must get a clear message, not a broken frame.
jest.mock('@salesforce/label/c.Streem_Base_Url', () => ({ default: 'https://yourcompany.streempro.app' }), {
    virtual: true
});

const BASE = 'https://acme.streempro.app';
const LEAD_ID = '00Q5e00000AbCdEEAV';

// The jest mock of getRecord is an LDS test adapter (force-app/test/jest-mocks/lightning/uiRecordApi.ts).
// eslint-disable-next-line @lwc/lwc/no-unexpected-wire-adapter-usages -- tests drive the adapter
const getRecordAdapter = getRecord as unknown as {
    emit(data: unknown): void;
    error(body?: unknown, status?: number, statusText?: string): void;
    getLastConfig(): Record<string, unknown>;
};

type StreemEmbedElement = HTMLElement & Record<string, unknown>;

function flushPromises(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

function create(props: Record<string, unknown>): StreemEmbedElement {
    const element = createElement('c-streem-embed', { is: StreemEmbed }) as unknown as StreemEmbedElement;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function shadow(element: HTMLElement): ShadowRoot {
    return element.shadowRoot!;
}

function frame(element: HTMLElement): HTMLIFrameElement | null {
    return shadow(element).querySelector('iframe');
}

function byDataId<T extends Element = HTMLElement>(element: HTMLElement, id: string): T | null {
    return shadow(element).querySelector<T>(`[data-id="${id}"]`);
}

async function type(element: HTMLElement, id: string, value: string): Promise<void> {
    byDataId(element, id)!.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flushPromises();
}

async function clickStart(element: HTMLElement): Promise<void> {
    byDataId(element, 'start')!.click();
    await flushPromises();
}

const onLead = { recordId: LEAD_ID, objectApiName: 'Lead', baseUrl: BASE };

describe('c-streem-embed', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    describe('configuration errors (admin-facing)', () => {
        it('explains the untouched placeholder label instead of framing it', async () => {
            const element = create({ recordId: LEAD_ID, objectApiName: 'Lead' });
            await flushPromises();

            expect(frame(element)).toBeNull();
            expect(byDataId(element, 'admin-message')!.textContent).toBe('c.Streem_Config_Base_Url_Placeholder');
            expect(shadow(element).textContent).toContain('c.Streem_Config_Error_Heading');
            await expect(element).toBeAccessible();
        });

        it.each([
            [{ baseUrl: 'http://acme.streempro.app' }, 'c.Streem_Config_Base_Url_Invalid'],
            // eslint-disable-next-line no-script-url -- hostile input under test
            [{ redirect: 'javascript:alert(1)' }, 'c.Streem_Config_Redirect_Invalid'],
            [{ callingCode: '+999' }, 'c.Streem_Config_Calling_Code_Invalid'],
            [{ nameTemplate: '{!IF(IsConverted, Name, "")}' }, 'c.Streem_Config_Name_Template_Invalid'],
            [{ phoneTemplate: '{!MobilePhone' }, 'c.Streem_Config_Phone_Template_Invalid'],
            [{ refIdTemplate: '{!$User.Id}' }, 'c.Streem_Config_RefId_Template_Invalid']
        ])('names the property at fault: %j', async (props, label) => {
            const element = create({ ...onLead, ...props });
            await flushPromises();

            expect(byDataId(element, 'admin-message')!.textContent).toBe(label);
            expect(frame(element)).toBeNull();
            await expect(element).toBeAccessible();
        });
    });

    describe('record page', () => {
        it('shows a spinner until the record arrives', async () => {
            const element = create(onLead);
            await flushPromises();

            expect(shadow(element).querySelector('lightning-spinner')).not.toBeNull();
            expect(frame(element)).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('asks getRecord for exactly the default fields (Id, Name, MobilePhone, Phone)', async () => {
            create(onLead);
            await flushPromises();

            const config = getRecordAdapter.getLastConfig();
            expect(config.recordId).toBe(LEAD_ID);
            expect(config.fields).toEqual(['Lead.Id']);
            expect(config.optionalFields).toEqual(['Lead.Id', 'Lead.Name', 'Lead.MobilePhone', 'Lead.Phone']);
        });

        it('asks only for the fields the templates name', async () => {
            create({
                ...onLead,
                nameTemplate: '{!FirstName} {!Lead.LastName}',
                phoneTemplate: '{!Phone}',
                refIdTemplate: 'lead-{!Id}'
            });
            await flushPromises();

            expect(getRecordAdapter.getLastConfig().optionalFields).toEqual([
                'Lead.Id',
                'Lead.FirstName',
                'Lead.LastName',
                'Lead.Phone'
            ]);
        });

        it('frames /embed for the record with the same URL as the new-window link', async () => {
            const element = create(onLead);
            getRecordAdapter.emit(LEAD);
            await flushPromises();

            const expected =
                `${BASE}/embed?name=Joe%20O'Customer%20%26%20Sons&phone=5035551212&refId=${LEAD_ID}` +
                `&source=SFDC&redirect=${encodeURIComponent(`${BASE}/streems?refId=${LEAD_ID}`)}`;
            const iframe = frame(element)!;
            expect(iframe.getAttribute('src')).toBe(expected);
            expect(iframe.getAttribute('allow')).toBe('camera; microphone; autoplay; display-capture');
            expect(iframe.getAttribute('title')).toBe('c.Streem_Embed_Frame_Title');
            expect(iframe.getAttribute('height')).toBe('600');

            const link = byDataId<HTMLAnchorElement>(element, 'open-new-window')!;
            expect(link.getAttribute('href')).toBe(expected);
            expect(link.getAttribute('target')).toBe('_blank');
            expect(link.getAttribute('rel')).toBe('noopener noreferrer');
            await expect(element).toBeAccessible();
        });

        it("takes the first number that reads as one: 'n/a' in Mobile does not hide a good Phone", async () => {
            const element = create(onLead);
            getRecordAdapter.emit({
                ...LEAD,
                fields: { ...LEAD.fields, MobilePhone: { value: 'n/a', displayValue: null } }
            });
            await flushPromises();
            expect(new URL(frame(element)!.getAttribute('src')!).searchParams.get('phone')).toBe('5035550000');
        });

        it("sends the record's Id when the reference ID template is blank on this record", async () => {
            const element = create({ ...onLead, refIdTemplate: '{!External_Ref__c}' });
            getRecordAdapter.emit(LEAD);
            await flushPromises();
            expect(new URL(frame(element)!.getAttribute('src')!).searchParams.get('refId')).toBe(LEAD_ID);
        });

        it("drops a number typed for one record when the page's record changes", async () => {
            const element = create(onLead);
            getRecordAdapter.emit(LEAD_NO_PHONE);
            await flushPromises();
            await type(element, 'phone', '(971) 555-0101');

            const other = '00Q5e00000YyYyYYAA';
            element.recordId = other;
            getRecordAdapter.emit({
                ...LEAD,
                id: other,
                fields: { ...LEAD.fields, Id: { value: other, displayValue: null } }
            });
            await flushPromises();
            const src = new URL(frame(element)!.getAttribute('src')!);
            expect([src.searchParams.get('phone'), src.searchParams.get('refId')]).toEqual(['5035551212', other]);
        });

        it("drops what was read for one record when the page's record changes", async () => {
            const element = create(onLead);
            getRecordAdapter.emit(LEAD);
            await flushPromises();
            expect(frame(element)!.getAttribute('src')).toContain(LEAD_ID);

            const other = '00Q5e00000ZzZzZZAA';
            element.recordId = other;
            await flushPromises();
            expect(frame(element)).toBeNull();
            getRecordAdapter.emit({
                ...LEAD,
                id: other,
                fields: {
                    ...LEAD.fields,
                    Id: { value: other, displayValue: null },
                    Name: { value: 'Ann Other', displayValue: null }
                }
            });
            await flushPromises();
            const src = new URL(frame(element)!.getAttribute('src')!);
            expect([src.searchParams.get('name'), src.searchParams.get('refId')]).toEqual(['Ann Other', other]);
        });

        it('renders custom templates with literal text and applies the frame height', async () => {
            const element = create({
                ...onLead,
                nameTemplate: '{!FirstName} {!LastName}',
                phoneTemplate: '{!Phone}',
                source: 'ACME',
                redirect: 'call',
                frameHeight: 450
            });
            getRecordAdapter.emit(LEAD);
            await flushPromises();

            const iframe = frame(element)!;
            expect(iframe.getAttribute('src')).toBe(
                buildEmbedUrl({
                    baseUrl: BASE,
                    name: "Joe O'Customer & Sons",
                    phone: '5035550000',
                    callingCode: '+1',
                    refId: LEAD_ID,
                    source: 'ACME',
                    redirect: 'call'
                })
            );
            expect(iframe.getAttribute('height')).toBe('450');
        });

        it('splits an international mobile number into callingCode and national digits', async () => {
            const element = create({ recordId: CONTACT_UK.id, objectApiName: 'Contact', baseUrl: BASE, redirect: '' });
            getRecordAdapter.emit(CONTACT_UK);
            await flushPromises();

            const src = new URL(frame(element)!.getAttribute('src')!);
            expect(src.searchParams.get('callingCode')).toBe('+44');
            expect(src.searchParams.get('phone')).toBe('7700900123');
            expect(src.searchParams.get('name')).toBe('Zoë Brontë 📞');
            expect(src.searchParams.has('redirect')).toBe(false);
        });

        it('keeps the +44 a record number is written with when the default calling code is +1', async () => {
            const element = create({
                recordId: CONTACT_UK.id,
                objectApiName: 'Contact',
                baseUrl: BASE,
                callingCode: '+1'
            });
            getRecordAdapter.emit(CONTACT_UK);
            await flushPromises();

            expect(byDataId(element, 'details')).toBeNull();
            const src = new URL(frame(element)!.getAttribute('src')!);
            expect(src.searchParams.get('callingCode')).toBe('+44');
            expect(src.searchParams.get('phone')).toBe('7700900123');
        });

        it('uses the Case contact through a relationship path and falls back to Contact Phone', async () => {
            const element = create({ recordId: CASE_RECORD.id, objectApiName: 'Case', baseUrl: BASE });
            await flushPromises();
            expect(getRecordAdapter.getLastConfig().optionalFields).toEqual([
                'Case.Id',
                'Case.Contact.Name',
                'Case.SuppliedName',
                'Case.ContactMobile',
                'Case.ContactPhone',
                'Case.SuppliedPhone'
            ]);

            getRecordAdapter.emit(CASE_RECORD);
            await flushPromises();

            const src = new URL(frame(element)!.getAttribute('src')!);
            expect(src.searchParams.get('name')).toBe('Ann Example');
            expect(src.searchParams.get('phone')).toBe('5035557777');
            expect(src.searchParams.get('refId')).toBe(CASE_RECORD.id);
        });

        it('reads a two-level relationship path from a template', async () => {
            const element = create({
                recordId: CASE_RECORD.id,
                objectApiName: 'Case',
                baseUrl: BASE,
                nameTemplate: '{!Contact.Name} ({!Contact.Account.Name})',
                refIdTemplate: '{!CaseNumber}'
            });
            getRecordAdapter.emit(CASE_RECORD);
            await flushPromises();

            const src = new URL(frame(element)!.getAttribute('src')!);
            expect(src.searchParams.get('name')).toBe('Ann Example (Acme, Inc.)');
            expect(src.searchParams.get('refId')).toBe('00001026');
        });

        it('shows the record error', async () => {
            const element = create(onLead);
            getRecordAdapter.error({ message: 'You do not have access to this record.' }, 403, 'Forbidden');
            await flushPromises();

            expect(byDataId(element, 'record-error')!.textContent).toBe('c.Streem_Record_Error');
            expect(frame(element)).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('keeps a live session when the record changes underneath it', async () => {
            const element = create(onLead);
            getRecordAdapter.emit(LEAD);
            await flushPromises();
            const before = frame(element)!.getAttribute('src');

            getRecordAdapter.emit({
                ...LEAD,
                fields: { ...LEAD.fields, MobilePhone: { value: '503 555 9999', displayValue: null } }
            });
            await flushPromises();

            expect(frame(element)!.getAttribute('src')).toBe(before);
        });
    });

    describe('missing or invalid details (agent-facing)', () => {
        it('asks for a missing phone, then frames Streem with the number the agent typed', async () => {
            const element = create(onLead);
            getRecordAdapter.emit(LEAD_NO_PHONE);
            await flushPromises();

            expect(frame(element)).toBeNull();
            expect(byDataId(element, 'details-intro')!.textContent).toBe('c.Streem_Details_Phone_Missing');
            expect(byDataId<HTMLInputElement>(element, 'name')!.value).toBe('Joe Customer');
            await expect(element).toBeAccessible();

            await type(element, 'phone', '+44 20 7946 0958');
            await clickStart(element);

            const src = new URL(frame(element)!.getAttribute('src')!);
            expect(src.searchParams.get('phone')).toBe('2079460958');
            expect(src.searchParams.get('callingCode')).toBe('+44');
            expect(src.searchParams.get('name')).toBe('Joe Customer');
            await expect(element).toBeAccessible();
        });

        it('flags an invalid phone and keeps the form until it is corrected', async () => {
            const element = create(onLead);
            getRecordAdapter.emit(LEAD_BAD_PHONE);
            await flushPromises();

            expect(byDataId(element, 'details-intro')!.textContent).toBe('c.Streem_Details_Phone_Invalid');
            expect(byDataId<HTMLInputElement>(element, 'phone')!.value).toBe('call reception');
            await expect(element).toBeAccessible();

            await type(element, 'phone', '555-12');
            await clickStart(element);
            expect(frame(element)).toBeNull();
            expect(byDataId(element, 'details-intro')!.textContent).toBe('c.Streem_Details_Phone_Invalid');

            await type(element, 'phone', '503-555-1212');
            await clickStart(element);
            expect(new URL(frame(element)!.getAttribute('src')!).searchParams.get('phone')).toBe('5035551212');
        });

        it('keeps a refusal on its field until the next Start, so leaving the field cannot move Start away', async () => {
            // lightning-input re-checks its validity when it loses focus (the press on Start): a
            // message that vanished then would move Start up under the pointer and lose the click.
            const element = create({ ...onLead, nameTemplate: '{!FirstName}' });
            getRecordAdapter.emit(LEAD_BAD_PHONE);
            await flushPromises();
            const phone = byDataId<HTMLElement & { setCustomValidity(message: string): void }>(element, 'phone')!;
            const name = byDataId<HTMLElement & { setCustomValidity(message: string): void }>(element, 'name')!;
            const phoneValidity = jest.spyOn(phone, 'setCustomValidity');
            const nameValidity = jest.spyOn(name, 'setCustomValidity');

            await type(element, 'name', ' ');
            await type(element, 'phone', '555-12');
            await clickStart(element);
            expect(phoneValidity).toHaveBeenLastCalledWith('c.Streem_Phone_Error');
            expect(nameValidity).toHaveBeenLastCalledWith('c.Streem_Details_Name_Missing');
            expect(byDataId(element, 'details-intro')!.textContent).toBe('c.Streem_Details_Phone_Invalid');
            await expect(element).toBeAccessible();

            phoneValidity.mockClear();
            nameValidity.mockClear();
            await type(element, 'phone', '503-555-1212');
            await type(element, 'name', 'Joe');
            expect(phoneValidity).not.toHaveBeenCalled();
            expect(nameValidity).not.toHaveBeenCalled();
            expect(byDataId(element, 'details-intro')!.textContent).toBe('c.Streem_Details_Phone_Invalid');

            await clickStart(element);
            const src = new URL(frame(element)!.getAttribute('src')!);
            expect(src.searchParams.get('phone')).toBe('5035551212');
            expect(src.searchParams.get('name')).toBe('Joe');
        });

        it('asks for a missing name', async () => {
            const element = create({ ...onLead, nameTemplate: '{!FirstName}' });
            getRecordAdapter.emit(LEAD_NO_PHONE);
            await flushPromises();
            await type(element, 'phone', '5035551212');
            await clickStart(element);

            expect(frame(element)).toBeNull();
            expect(byDataId(element, 'details-intro')!.textContent).toBe('c.Streem_Details_Name_Missing');

            await type(element, 'name', 'Joe');
            await clickStart(element);
            expect(new URL(frame(element)!.getAttribute('src')!).searchParams.get('name')).toBe('Joe');
        });

        /** A Lead's Streem session showing, then Edit Details pressed: the element, its frame and src. */
        async function editBesideLiveSession(): Promise<{
            element: HTMLElement;
            liveFrame: HTMLIFrameElement;
            live: string | null;
        }> {
            const element = create(onLead);
            getRecordAdapter.emit(LEAD);
            await flushPromises();
            const liveFrame = frame(element)!;
            const live = liveFrame.getAttribute('src');
            shadow(element).querySelector<HTMLElement>('lightning-button')!.click();
            await flushPromises();
            return { element, liveFrame, live };
        }

        it('lets the agent edit the details of a ready invite while the session keeps running', async () => {
            const { element, liveFrame, live } = await editBesideLiveSession();
            // A new src, or a new frame element, would drop the call: the running session stays under the form.
            expect(frame(element)).toBe(liveFrame);
            expect(liveFrame.getAttribute('src')).toBe(live);
            expect(byDataId(element, 'details-intro')!.textContent).toBe('c.Streem_Details_Intro');
            expect(byDataId(element, 'edit-keeps-session')!.textContent.trim()).toBe('c.Streem_Edit_Keeps_Session');
            expect(byDataId<HTMLInputElement>(element, 'phone')!.value).toBe('(503) 555-1212');
            await expect(element).toBeAccessible();

            // A number Streem refuses leaves the running session as it is.
            await type(element, 'phone', 'call reception');
            await clickStart(element);
            expect(frame(element)).toBe(liveFrame);

            await type(element, 'phone', '(971) 555-0101');
            await clickStart(element);
            expect(new URL(frame(element)!.getAttribute('src')!).searchParams.get('phone')).toBe('9715550101');
            expect(byDataId(element, 'details-intro')).toBeNull();
        });

        it('Cancel returns to the running session with nothing changed, even after the record changed meanwhile', async () => {
            const { element, liveFrame, live } = await editBesideLiveSession();
            await type(element, 'phone', '(971) 555-0101');
            // The agent fixes the Lead's mobile in the highlights panel while the form is open.
            getRecordAdapter.emit({
                ...LEAD,
                fields: { ...LEAD.fields, MobilePhone: { value: '971 555 0199', displayValue: null } }
            });
            await flushPromises();
            expect(frame(element)).toBe(liveFrame);
            byDataId<HTMLElement>(element, 'cancel-edit')!.click();
            await flushPromises();
            expect(byDataId(element, 'details-intro')).toBeNull();
            // The same frame element: re-creating it (even with the same src) would reload Streem and drop the call.
            expect(frame(element)).toBe(liveFrame);
            expect(liveFrame.getAttribute('src')).toBe(live);
            await expect(element).toBeAccessible();
        });
    });

    describe('app page (no record)', () => {
        it('collects name and phone, then frames Streem without a refId', async () => {
            const element = create({ baseUrl: BASE, callingCode: '+44' });
            await flushPromises();

            expect(byDataId(element, 'details-intro')!.textContent).toBe('c.Streem_Details_Intro');
            await expect(element).toBeAccessible();

            await type(element, 'name', 'Walk-in Customer');
            await type(element, 'phone', '07700 900123');
            await clickStart(element);

            // UK national format: the admin's calling code applies and its trunk 0 is dropped.
            expect(frame(element)!.getAttribute('src')).toBe(
                `${BASE}/embed?name=Walk-in%20Customer&phone=7700900123&source=SFDC&callingCode=%2B44` +
                    `&redirect=${encodeURIComponent(`${BASE}/streems`)}`
            );
        });

        it('keeps the +code the agent types in the correction form over the default calling code', async () => {
            const element = create({ baseUrl: BASE, callingCode: '+44' });
            await flushPromises();

            await type(element, 'name', 'Visitor');
            await type(element, 'phone', '+1 (503) 555-1212');
            await clickStart(element);

            const src = new URL(frame(element)!.getAttribute('src')!);
            expect(src.searchParams.get('callingCode')).toBe('+1');
            expect(src.searchParams.get('phone')).toBe('5035551212');
        });
    });
});
