import { createElement } from 'lwc';
import SoftphoneCallHistoryRow from 'c/softphoneCallHistoryRow';
import { LEAD_ID, LOGGED_ROW as LOGGED, TASK_ID } from './historyRows';

type RowElement = HTMLElement & { row?: unknown };

function create(row: unknown): RowElement {
    const element = createElement('c-softphone-call-history-row', {
        is: SoftphoneCallHistoryRow
    }) as unknown as RowElement;
    element.row = row;
    document.body.appendChild(element);
    return element;
}

function $(element: HTMLElement, id: string): HTMLElement | null {
    return element.shadowRoot!.querySelector(`[data-id="${id}"]`);
}

describe('c-softphone-call-history-row', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('shows a logged call: number, time and outcome, its record and its Task', async () => {
        const element = create(LOGGED);

        const icon = element.shadowRoot!.querySelector('lightning-icon') as HTMLElement & Record<string, unknown>;
        expect(icon.iconName).toBe('utility:incoming_call');
        expect(icon.alternativeText).toBe('Inbound call');
        expect(element.shadowRoot!.textContent).toContain('(503) 555-1212');
        expect(element.shadowRoot!.textContent).toContain('Ended · 2:05');
        expect($(element, 'history-record')!.textContent).toBe('Joe Customer');
        expect($(element, 'history-record')!.getAttribute('href')).toBe('/lead');
        const task = $(element, 'history-task')!;
        expect(task.textContent).toBe('c.SoftphoneBridge_View_Task');
        expect(task.getAttribute('aria-label')).toBe('View Task for the call with (503) 555-1212');
        expect(task.getAttribute('href')).toBe('/task');
        await expect(element).toBeAccessible();
    });

    it('says when a call has no Task (yet), and shows no record link without a record', async () => {
        const { record: _record, task: _task, taskLabel: _label, ...unlogged } = LOGGED;
        const element = create({ ...unlogged, icon: 'utility:missed_call', summary: 'Missed' });

        expect($(element, 'history-record')).toBeNull();
        expect($(element, 'history-task')).toBeNull();
        expect(element.shadowRoot!.textContent).toContain('c.SoftphoneBridge_History_No_Task');
        await expect(element).toBeAccessible();
    });

    it('asks to open the record or the Task, and does not follow the href itself', () => {
        const element = create(LOGGED);
        const opened = jest.fn();
        element.addEventListener('openrecord', opened);

        const click = new MouseEvent('click', { cancelable: true });
        $(element, 'history-task')!.dispatchEvent(click);
        $(element, 'history-record')!.click();

        expect(click.defaultPrevented).toBe(true);
        expect(opened.mock.calls.map(([event]) => (event as CustomEvent).detail)).toEqual([
            { recordId: TASK_ID },
            { recordId: LEAD_ID }
        ]);
    });

    it('renders nothing without a row', async () => {
        const element = create(undefined);
        expect(element.shadowRoot!.children).toHaveLength(0);
        await expect(element).toBeAccessible();
    });
});
