import { createElement } from 'lwc';
import SoftphoneCallHistory from 'c/softphoneCallHistory';
import { LOGGED_ROW, MISSED_ROW, TASK_ID } from '../../softphoneCallHistoryRow/__tests__/historyRows';

type HistoryElement = HTMLElement & { rows?: unknown };

const ROWS = [MISSED_ROW, LOGGED_ROW];

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
