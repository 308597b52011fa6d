import { createElement } from 'lwc';
import SoftphonePresence from 'c/softphonePresence';

const OPTIONS = [
    { label: 'Available', value: 'available-id' },
    { label: 'Break', value: 'break-id' }
];

type PresenceElement = HTMLElement & Record<string, unknown>;

function create(props: Record<string, unknown>): PresenceElement {
    const element = createElement('c-softphone-presence', { is: SoftphonePresence }) as unknown as PresenceElement;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function $(element: HTMLElement, id: string): (HTMLElement & Record<string, any>) | null {
    return element.shadowRoot!.querySelector(`[data-id="${id}"]`);
}

async function flush(): Promise<void> {
    await Promise.resolve();
}

describe('c-softphone-presence', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('offers the statuses in a picker showing the current one', async () => {
        const element = create({ options: OPTIONS, value: 'available-id', statusLabel: 'Available' });

        const picker = $(element, 'presence-picker')!;
        expect(picker.label).toBe('c.SoftphoneBridge_Presence_Label');
        expect(picker.options).toEqual(OPTIONS);
        expect(picker.value).toBe('available-id');
        expect(picker.disabled).toBe(false);
        expect(element.shadowRoot!.textContent).not.toContain('c.SoftphoneBridge_Presence_Changing');
        expect($(element, 'presence-badge')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says a change is pending and is disabled meanwhile', async () => {
        const element = create({ options: OPTIONS, value: 'break-id', disabled: true, pending: true });

        expect($(element, 'presence-picker')!.disabled).toBe(true);
        expect(element.shadowRoot!.textContent).toContain('c.SoftphoneBridge_Presence_Changing');
        await expect(element).toBeAccessible();
    });

    it('shows the status as a badge when there are no statuses to pick', async () => {
        const element = create({ options: [], statusLabel: 'Available' });

        expect($(element, 'presence-picker')).toBeNull();
        expect($(element, 'presence-badge')!.label).toBe('Available');
        await expect(element).toBeAccessible();
    });

    it('reports the picked status to the parent, and nothing for an empty pick', async () => {
        const element = create({ options: OPTIONS, value: 'available-id' });
        const changed = jest.fn();
        element.addEventListener('presencechange', changed);

        $(element, 'presence-picker')!.dispatchEvent(new CustomEvent('change', { detail: { value: 'break-id' } }));
        $(element, 'presence-picker')!.dispatchEvent(new CustomEvent('change', { detail: { value: '' } }));
        await flush();

        expect(changed).toHaveBeenCalledTimes(1);
        expect((changed.mock.calls[0]![0] as CustomEvent).detail).toEqual({ softphoneId: 'break-id' });
    });
});
