import { createElement } from 'lwc';
import SoftphoneConnectionHelp from 'c/softphoneConnectionHelp';

function create(): HTMLElement {
    const element = createElement('c-softphone-connection-help', { is: SoftphoneConnectionHelp });
    document.body.appendChild(element);
    return element;
}

function $(element: HTMLElement, id: string): HTMLElement | null {
    return element.shadowRoot!.querySelector(`[data-id="${id}"]`);
}

describe('c-softphone-connection-help', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('says the softphone is not connected and lists what an admin must check', async () => {
        const element = create();

        expect($(element, 'not-connected')!.getAttribute('role')).toBe('status');
        expect($(element, 'not-connected')!.textContent).toContain('c.SoftphoneBridge_Not_Connected_Heading');
        expect($(element, 'not-connected')!.textContent).toContain('c.SoftphoneBridge_Not_Connected_Body');
        const checks = [...$(element, 'admin-checklist')!.querySelectorAll('li')].map((item) => item.textContent);
        expect(checks).toEqual([
            'c.SoftphoneBridge_Check_Call_Center',
            'c.SoftphoneBridge_Check_Utility_Item',
            'c.SoftphoneBridge_Check_Permission_Set'
        ]);
        await expect(element).toBeAccessible();
    });

    it('asks the parent to try again', () => {
        const element = create();
        const retry = jest.fn();
        element.addEventListener('retry', retry);

        $(element, 'retry-connection')!.click();

        expect(retry).toHaveBeenCalledTimes(1);
    });
});
