import { createElement } from 'lwc';
import SoftphoneCallHistory from 'c/softphoneCallHistory';
import { LOGGED_ROW, MISSED_ROW, TASK_ID } from '../../softphoneCallHistoryRow/__tests__/historyRows';

type HistoryElement = HTMLElement & { newest?: unknown; earlier?: unknown };
type RowElement = HTMLElement & { row: unknown };

function create(newest: unknown, earlier: unknown[]): HistoryElement {
    const element = createElement('c-softphone-call-history', {
        is: SoftphoneCallHistory
    }) as unknown as HistoryElement;
    element.newest = newest === undefined ? [] : [newest];
    element.earlier = earlier;
    document.body.appendChild(element);
    return element;
}

function $(element: HTMLElement, id: string): HTMLElement | null {
    return element.shadowRoot!.querySelector(`[data-id="${id}"]`);
}

/** The list's items in order: the newest call's list of one, then the earlier calls' list. */
function items(element: HTMLElement): RowElement[] {
    const lists = [...element.shadowRoot!.querySelectorAll('[data-id="history-list"] > c-softphone-call-history-list')];
    expect(lists).toHaveLength(2);
    return lists.flatMap((list) => [...list.shadowRoot!.querySelectorAll<RowElement>('c-softphone-call-history-row')]);
}

describe('c-softphone-call-history', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('says when this session has no calls yet', async () => {
        const element = create(undefined, []);

        expect($(element, 'history-empty')!.textContent).toBe('c.SoftphoneBridge_History_Empty');
        expect($(element, 'history-list')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('lists the newest call, then the earlier ones, as the items of one list', async () => {
        const element = create(MISSED_ROW, [LOGGED_ROW]);

        expect($(element, 'history-list')!.getAttribute('role')).toBe('list');
        const rows = items(element);
        expect(rows.map((row) => row.dataset.conversationId)).toEqual(['conv-2', 'conv-1']);
        expect(rows.map((row) => row.getAttribute('role'))).toEqual(['listitem', 'listitem']);
        expect(rows.map((row) => row.row)).toEqual([MISSED_ROW, LOGGED_ROW]);
        expect(rows[1]!.shadowRoot!.querySelector('[data-id="history-task"]')!.getAttribute('aria-label')).toBe(
            'View Task for the call with (503) 555-1212'
        );
        await expect(element).toBeAccessible();
    });

    it('lists a first call alone', async () => {
        const element = create(LOGGED_ROW, []);

        expect(items(element).map((row) => row.dataset.conversationId)).toEqual(['conv-1']);
        await expect(element).toBeAccessible();
    });

    it("passes a row's request to open a record or Task on to the parent, from the newest and the earlier calls", () => {
        const element = create(MISSED_ROW, [LOGGED_ROW]);
        const opened = jest.fn();
        element.addEventListener('openrecord', opened);

        const row = items(element)[1]!;
        row.shadowRoot!.querySelector<HTMLElement>('[data-id="history-task"]')!.click();
        row.shadowRoot!.querySelector<HTMLElement>('[data-id="history-record"]')!.click();

        expect(opened.mock.calls.map(([event]) => (event as CustomEvent).detail)).toEqual([
            { recordId: TASK_ID },
            { recordId: '00Q5e00000AbCdEEAV' }
        ]);
    });
});
