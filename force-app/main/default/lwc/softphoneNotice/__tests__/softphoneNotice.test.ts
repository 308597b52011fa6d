import { createElement } from 'lwc';
import SoftphoneNotice from 'c/softphoneNotice';

type NoticeElement = HTMLElement & { variant?: string; message?: string; noticeId?: string };

function create(props: { variant?: string; message: string; noticeId?: string }): NoticeElement {
    const element = createElement('c-softphone-notice', { is: SoftphoneNotice }) as unknown as NoticeElement;
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function notice(element: HTMLElement): HTMLElement {
    return element.shadowRoot!.querySelector('.slds-scoped-notification')!;
}

function icon(element: HTMLElement): HTMLElement & { iconName?: string; variant?: string } {
    return element.shadowRoot!.querySelector('lightning-icon')!;
}

describe('c-softphone-notice', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('an error is an alert on the error theme, with its data-id and text', async () => {
        const element = create({ variant: 'error', message: 'Logs kept in memory only', noticeId: 'storage-full' });

        const shown = notice(element);
        expect(shown.getAttribute('role')).toBe('alert');
        expect(shown.classList).toContain('slds-theme_error');
        expect(shown.dataset.id).toBe('storage-full');
        expect(shown.textContent).toBe('Logs kept in memory only');
        expect(icon(element).iconName).toBe('utility:error');
        expect(icon(element).variant).toBe('inverse');
        await expect(element).toBeAccessible();
    });

    it('a warning is a status on the warning theme', async () => {
        const element = create({ variant: 'warning', message: 'Ask your admin', noticeId: 'log-advice' });

        expect(notice(element).getAttribute('role')).toBe('status');
        expect(notice(element).classList).toContain('slds-theme_warning');
        expect(icon(element).iconName).toBe('utility:warning');
        await expect(element).toBeAccessible();
    });

    it('info, or a variant it does not know, is a plain status with the default icon colour', async () => {
        for (const variant of ['info', 'shouting']) {
            const element = create({ variant, message: 'Signed out of the softphone' });

            expect(notice(element).getAttribute('role')).toBe('status');
            expect(notice(element).className).not.toContain('slds-theme_');
            expect(icon(element).iconName).toBe('utility:info');
            expect(icon(element).variant).toBeUndefined();
            // eslint-disable-next-line no-await-in-loop -- each variant's rendering, one after the other
            await expect(element).toBeAccessible();
        }
    });
});
