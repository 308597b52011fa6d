import { createElement } from 'lwc';
import SoftphoneDialList from 'c/softphoneDialList';

type DialElement = HTMLElement & Record<string, unknown>;
type Button = HTMLElement & { label: string; disabled: boolean };

const TARGETS = [
    { key: 'Phone', field: 'Phone', label: 'Call phone (503) 555-0000' },
    { key: 'MobilePhone', field: 'MobilePhone', label: 'Call mobile (503) 555-1212' }
];

function create(props: Record<string, unknown>): DialElement {
    const element = createElement('c-softphone-dial-list', { is: SoftphoneDialList }) as unknown as DialElement;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function $(element: HTMLElement, id: string): HTMLElement | null {
    return element.shadowRoot!.querySelector(`[data-id="${id}"]`);
}

function buttons(element: HTMLElement): Button[] {
    return [...element.shadowRoot!.querySelectorAll<Button>('[data-id="dial-targets"] lightning-button')];
}

describe('c-softphone-dial-list', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it("offers one button per number and asks the parent to dial the clicked one's field", async () => {
        const element = create({ targets: TARGETS });
        const dial = jest.fn();
        element.addEventListener('dial', dial);

        expect(buttons(element).map((button) => button.label)).toEqual(TARGETS.map((target) => target.label));
        expect(buttons(element).every((button) => !button.disabled)).toBe(true);
        expect($(element, 'dial-blocked')).toBeNull();
        expect($(element, 'dialing')).toBeNull();
        await expect(element).toBeAccessible();

        buttons(element)[1]!.click();
        expect((dial.mock.calls[0]![0] as CustomEvent).detail).toEqual({ field: 'MobilePhone' });
    });

    it('says why the agent cannot dial, with the buttons disabled, and sends nothing', async () => {
        const element = create({ targets: TARGETS, disabled: true, blockedText: 'Your status is Offline.' });
        const dial = jest.fn();
        element.addEventListener('dial', dial);

        expect($(element, 'dial-blocked')!.textContent.trim()).toBe('Your status is Offline.');
        expect(buttons(element).every((button) => button.disabled)).toBe(true);
        buttons(element)[0]!.click();
        expect(dial).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('shows the dial in progress', async () => {
        const element = create({ targets: TARGETS, disabled: true, dialingText: 'Calling (503) 555-1212…' });

        expect($(element, 'dialing')!.textContent).toBe('Calling (503) 555-1212…');
        await expect(element).toBeAccessible();
    });

    it('says when the record has no number, and when it cannot be read', async () => {
        const element = create({ noPhone: true });
        expect($(element, 'no-phone')!.textContent).toBe('c.SoftphoneBridge_No_Phone');
        expect($(element, 'dial-targets')).toBeNull();
        await expect(element).toBeAccessible();

        const unreadable = create({ errorText: 'The record could not be read: Insufficient access' });
        expect($(unreadable, 'record-error')!.getAttribute('role')).toBe('alert');
        expect($(unreadable, 'no-phone')).toBeNull();
        await expect(unreadable).toBeAccessible();
    });
});
