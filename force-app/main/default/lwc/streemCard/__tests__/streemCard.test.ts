import { createElement } from 'lwc';
import StreemCard from 'c/streemCard';
import { StreemUrlError, parseTemplate, resolveBaseUrl } from 'c/streemUrl';

// A label with a placeholder, to see the error's text reach the agent.
jest.mock('@salesforce/label/c.Streem_Record_Error', () => ({ default: 'Cannot read this record: {0}' }), {
    virtual: true
});

type Element = HTMLElement & Record<string, unknown>;

function flushPromises(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A card as a parent would render it (light DOM: its markup is the element's own children). */
async function create(props: Record<string, unknown>): Promise<Element> {
    const element = createElement('c-streem-card', { is: StreemCard }) as unknown as Element;
    Object.assign(element, { cardTitle: 'Streem', ...props });
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

function byDataId(element: HTMLElement, id: string): HTMLElement | null {
    return element.querySelector<HTMLElement>(`[data-id="${id}"]`);
}

/** The StreemUrlError the parents pass for a configuration problem. */
function configError(run: () => unknown): StreemUrlError {
    try {
        run();
    } catch (error) {
        if (error instanceof StreemUrlError) return error;
    }
    throw new Error('expected a StreemUrlError');
}

describe('c-streem-card', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('renders in light DOM, so the parent reaches its markup', async () => {
        const element = await create({ state: 'loading' });
        expect(element.shadowRoot).toBeNull();
        expect(element.querySelector('lightning-spinner')).not.toBeNull();
        expect(byDataId(element, 'open-new-window')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it.each([
        [() => resolveBaseUrl('', ''), 'c.Streem_Config_Base_Url_Missing'],
        [() => resolveBaseUrl('', 'https://yourcompany.streempro.app'), 'c.Streem_Config_Base_Url_Placeholder'],
        [() => parseTemplate('{!Name', 'nameTemplate'), 'c.Streem_Config_Name_Template_Invalid'],
        [() => parseTemplate('{!Id', 'refIdTemplate'), 'c.Streem_Config_RefId_Template_Invalid']
    ])('shows the admin the label for each configuration error (%#)', async (run, label) => {
        const element = await create({ state: 'config', error: configError(run) });
        expect(element.querySelector('[role="alert"] h2')!.textContent).toBe('c.Streem_Config_Error_Heading');
        expect(byDataId(element, 'admin-message')!.textContent).toBe(label);
        await expect(element).toBeAccessible();
    });

    it("falls back to the error's own message for a configuration error without a label", async () => {
        const error = new StreemUrlError('TEMPLATE_INVALID', 'otherTemplate', '{!', 'is broken', '{!Id}');
        const element = await create({ state: 'config', error });
        expect(byDataId(element, 'admin-message')!.textContent).toBe(error.message);
    });

    it.each([
        [{ body: { message: 'No access' } }, 'No access'],
        [{ body: [{ message: 'No access' }] }, 'No access'],
        [{ message: 'No access' }, 'No access'],
        [undefined, '']
    ])('shows a record error: %j', async (error, text) => {
        const element = await create({ state: 'recordError', error });
        expect(byDataId(element, 'record-error')!.textContent).toBe(`Cannot read this record: ${text}`);
        await expect(element).toBeAccessible();
    });

    it('offers the new-window link and its hint when given a URL', async () => {
        const url = 'https://acme.streempro.app/streems?refId=42';
        const element = await create({ state: 'ready', newWindowUrl: url, newWindowHint: 'Blocked camera? Use this.' });
        const link = byDataId(element, 'open-new-window')!;
        expect(link.getAttribute('href')).toBe(url);
        expect(link.getAttribute('target')).toBe('_blank');
        expect(link.getAttribute('rel')).toBe('noopener noreferrer');
        expect(link.textContent.trim()).toBe('c.Streem_Open_New_Window');
        expect(element.querySelector('p[slot="footer"]')!.textContent).toBe('Blocked camera? Use this.');
        await expect(element).toBeAccessible();
    });

    it('has no link, actions or hint without a URL', async () => {
        const element = await create({ state: 'details', newWindowHint: 'Blocked camera? Use this.' });
        expect(element.querySelector('[slot="actions"]')).toBeNull();
        expect(element.querySelector('p[slot="footer"]')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
