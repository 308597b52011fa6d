import { createElement } from 'lwc';
import SoftphoneWrapUp from 'c/softphoneWrapUp';

type WrapUpElement = HTMLElement & Record<string, unknown>;

const OPTIONS = [
    { label: 'Resolved', value: 'Resolved' },
    { label: 'Call back', value: 'Call back' }
];
const TASK = { recordId: '00T5e00000TaSk1AAA', label: 'View Task', url: '/lightning/r/00T5e00000TaSk1AAA/view' };

function create(props: Record<string, unknown> = {}): WrapUpElement {
    const element = createElement('c-softphone-wrap-up', { is: SoftphoneWrapUp }) as unknown as WrapUpElement;
    Object.assign(element, { options: OPTIONS, notesMaxLength: 32_000, ...props });
    document.body.appendChild(element);
    return element;
}

function $(element: HTMLElement, id: string): (HTMLElement & Record<string, any>) | null {
    return element.shadowRoot!.querySelector(`[data-id="${id}"]`);
}

function text(element: HTMLElement, id: string): string {
    return ($(element, id)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function listen(element: HTMLElement, type: string): jest.Mock {
    const handler = jest.fn();
    element.addEventListener(type, handler);
    return handler;
}

describe('c-softphone-wrap-up', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('offers the dispositions, a notes box and Save, with nothing to say yet', async () => {
        const element = create({ saveDisabled: true });

        expect($(element, 'disposition')!.options).toEqual(OPTIONS);
        expect($(element, 'disposition')!.label).toBe('c.SoftphoneBridge_Disposition_Label');
        expect($(element, 'notes')!.maxLength).toBe(32_000);
        expect($(element, 'save')!.disabled).toBe(true);
        expect($(element, 'wrap-up-status')!.dataset.status).toBe('none');
        expect($(element, 'wrap-up-status-text')).toBeNull();
        expect($(element, 'retry-logs')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('has no disposition picker when there are no dispositions', async () => {
        const element = create({ options: [] });

        expect($(element, 'disposition')).toBeNull();
        expect($(element, 'notes')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('reports edits and Save to the parent', async () => {
        const element = create({ disposition: 'Resolved', notes: 'Typed', status: { kind: 'draft', text: 'Draft' } });
        const disposition = listen(element, 'dispositionchange');
        const notes = listen(element, 'noteschange');
        const save = listen(element, 'save');

        $(element, 'disposition')!.dispatchEvent(new CustomEvent('change', { detail: { value: 'Call back' } }));
        $(element, 'notes')!.dispatchEvent(new CustomEvent('change', { detail: { value: 'More' } }));
        $(element, 'save')!.click();

        expect((disposition.mock.calls[0]![0] as CustomEvent).detail).toEqual({ value: 'Call back' });
        expect((notes.mock.calls[0]![0] as CustomEvent).detail).toEqual({ value: 'More' });
        expect(save).toHaveBeenCalledTimes(1);
        expect($(element, 'disposition')!.value).toBe('Resolved');
        expect($(element, 'notes')!.value).toBe('Typed');
        expect(text(element, 'wrap-up-status-text')).toBe('Draft');
        await expect(element).toBeAccessible();
    });

    it('does not ask to save while Save is disabled', () => {
        const element = create({ saveDisabled: true });
        const save = listen(element, 'save');

        $(element, 'save')!.click();

        expect(save).not.toHaveBeenCalled();
    });

    it('shows a saved Task with its link, which it asks the parent to open', async () => {
        const element = create({ saveDisabled: true, status: { kind: 'saved', text: 'Saved', taskLink: TASK } });
        const opened = listen(element, 'openrecord');

        expect($(element, 'wrap-up-status')!.dataset.status).toBe('saved');
        expect($(element, 'task-link')!.getAttribute('href')).toBe(TASK.url);
        expect(text(element, 'task-link')).toBe('c.SoftphoneBridge_View_Task');
        await expect(element).toBeAccessible();

        $(element, 'task-link')!.click();
        expect((opened.mock.calls[0]![0] as CustomEvent).detail).toEqual({ recordId: TASK.recordId });
    });

    it('shows a failed save with its reason and a retry', async () => {
        const element = create({
            canRetry: true,
            status: { kind: 'failed', text: 'Not saved yet', detail: 'UNABLE_TO_LOCK_ROW' }
        });
        const retry = listen(element, 'retry');

        expect(text(element, 'wrap-up-status-detail')).toBe('UNABLE_TO_LOCK_ROW');
        expect($(element, 'wrap-up-status')!.querySelector('p')!.className).toContain('slds-text-color_error');
        await expect(element).toBeAccessible();

        $(element, 'retry-logs')!.click();
        expect(retry).toHaveBeenCalledTimes(1);
    });

    it('says the draft is kept while the softphone is away', async () => {
        const element = create({ saveDisabled: true, saveOffline: true, notes: 'Notes' });

        expect(text(element, 'save-offline')).toBe('c.SoftphoneBridge_Status_Save_Offline');
        await expect(element).toBeAccessible();
    });
});
