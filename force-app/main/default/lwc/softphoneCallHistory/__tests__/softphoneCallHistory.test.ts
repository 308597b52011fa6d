import { createElement } from 'lwc';
import SoftphoneCallHistory from 'c/softphoneCallHistory';

type HistoryElement = HTMLElement & { rows?: unknown };

const TASK_ID = '00T5e00000TaSk1AAA';
const ROWS = [
    {
        key: 'conv-2',
        icon: 'utility:missed_call',
        directionLabel: 'Inbound call',
        number: '+44 20 7123 4567',
        startedAt: 1_790_000_100_000,
        summary: 'Missed'
    },
    {
        key: 'conv-1',
        icon: 'utility:incoming_call',
        directionLabel: 'Inbound call',
        number: '(503) 555-1212',
        startedAt: 1_790_000_000_000,
        summary: 'Ended · 2:05',
        record: { recordId: '00Q5e00000AbCdEEAV', label: 'Joe Customer', url: '/lead' },
        task: { recordId: TASK_ID, label: 'View Task', url: '/task' },
        taskLabel: 'View Task for the call with (503) 555-1212'
    }
];

function create(rows: unknown): HistoryElement {
    const element = createElement('c-softphone-call-history', {
        is: SoftphoneCallHistory
    }) as unknown as HistoryElement;
    element.rows = rows;
    document.body.appendChild(element);
    return element;
}

function $(element: HTMLElement, id: string): HTMLElement | null {
    return element.shadowRoot!.querySelector(`[data-id="${id}"]`);
}

describe('c-softphone-call-history', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('says when this session has no calls yet', async () => {
        const element = create([]);

        expect($(element, 'history-empty')!.textContent).toBe('c.SoftphoneBridge_History_Empty');
        expect($(element, 'history-list')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('lists the calls in the order given, one row component each', async () => {
        const element = create(ROWS);

        const items = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[data-id="history-list"] > li')];
        expect(items.map((item) => item.dataset.conversationId)).toEqual(['conv-2', 'conv-1']);
        const rows = items.map(
            (item) => item.querySelector('c-softphone-call-history-row') as HTMLElement & { row: unknown }
        );
        expect(rows.map((row) => row.row)).toEqual(ROWS);
        expect(rows[1]!.shadowRoot!.querySelector('[data-id="history-task"]')!.getAttribute('aria-label')).toBe(
            'View Task for the call with (503) 555-1212'
        );
        await expect(element).toBeAccessible();
    });

    it("passes a row's request to open a record or Task on to the parent", () => {
        const element = create(ROWS);
        const opened = jest.fn();
        element.addEventListener('openrecord', opened);

        const row = element.shadowRoot!.querySelectorAll('c-softphone-call-history-row')[1]!;
        row.shadowRoot!.querySelector<HTMLElement>('[data-id="history-task"]')!.click();
        row.shadowRoot!.querySelector<HTMLElement>('[data-id="history-record"]')!.click();

        expect(opened.mock.calls.map(([event]) => (event as CustomEvent).detail)).toEqual([
            { recordId: TASK_ID },
            { recordId: '00Q5e00000AbCdEEAV' }
        ]);
    });
});
