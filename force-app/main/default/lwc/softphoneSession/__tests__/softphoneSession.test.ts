import { createElement } from 'lwc';
import SoftphoneSession from 'c/softphoneSession';
import type { AgentSessionView, CallTimelineView } from 'c/softphoneProtocol';

type Element = HTMLElement & Record<string, unknown>;

const AT = Date.UTC(2026, 11, 1, 9, 0, 0);

function flushPromises(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

async function create(props: {
    session?: AgentSessionView;
    timeline?: CallTimelineView['entries'];
    canDisposeAndDial?: boolean;
}): Promise<Element> {
    const element = createElement('c-softphone-session', { is: SoftphoneSession }) as unknown as Element;
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

function byDataId(element: HTMLElement, id: string): HTMLElement | null {
    return element.shadowRoot?.querySelector<HTMLElement>(`[data-id="${id}"]`) ?? null;
}

describe('c-softphone-session', () => {
    afterEach(() => {
        document.body.replaceChildren();
    });

    it('renders nothing without a session of its own (the wrapper protocol)', async () => {
        const element = await create({});
        expect(byDataId(element, 'session')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('asks before a forced login, with Ameyo’s text, and only the agent’s click sends forcelogin', async () => {
        const element = await create({
            session: { status: 'forceLoginRequired', message: 'User is already logged in.', changedAt: AT }
        });
        const forced = jest.fn();
        element.addEventListener('forcelogin', forced);
        expect(byDataId(element, 'takeover')?.getAttribute('role')).toBe('alert');
        expect(byDataId(element, 'session-message')?.textContent).toBe('User is already logged in.');
        expect(forced).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
        byDataId(element, 'confirm-force-login')?.click();
        expect(forced).toHaveBeenCalledTimes(1);
    });

    it('shows a failed login with its reason', async () => {
        const element = await create({
            session: { status: 'loginFailed', message: 'auth policy incorrect', changedAt: AT }
        });
        expect(byDataId(element, 'login-failed')?.textContent).toContain('auth policy incorrect');
        await expect(element).toBeAccessible();
    });

    it('shows campaign, extension, dial mode and the break reason, and signs out on request', async () => {
        const element = await create({
            session: {
                status: 'loggedIn',
                campaign: 'Inbound Sales',
                extension: 'sip-1001',
                dialMode: 'auto',
                availability: 'lunch',
                changedAt: AT
            }
        });
        const summary = byDataId(element, 'session-summary')?.textContent ?? '';
        expect(summary).toMatch(/^Inbound Sales · sip-1001 · .+ · lunch$/);
        expect(summary).toContain('SoftphoneSession_Dial_Mode_Auto');
        const signOut = jest.fn();
        element.addEventListener('signout', signOut);
        await expect(element).toBeAccessible();
        byDataId(element, 'sign-out')?.click();
        expect(signOut).toHaveBeenCalledTimes(1);
        element.session = { status: 'loggedIn', dialMode: 'manual', changedAt: AT };
        await flushPromises();
        expect(byDataId(element, 'session-summary')?.textContent).toContain('SoftphoneSession_Dial_Mode_Manual');
    });

    it('says when the agent is signed out', async () => {
        const element = await create({ session: { status: 'loggedOut', changedAt: AT } });
        expect(byDataId(element, 'session-signed-out')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('offers dispose and dial next only with a number, and sends it', async () => {
        const element = await create({ session: { status: 'loggedIn', changedAt: AT }, canDisposeAndDial: true });
        const dial = jest.fn();
        element.addEventListener('disposeanddial', dial);
        const button = byDataId(element, 'dispose-and-dial') as HTMLElement & { disabled?: boolean };
        expect(button.disabled).toBe(true);
        await expect(element).toBeAccessible();
        byDataId(element, 'next-number')?.dispatchEvent(
            new CustomEvent('change', { detail: { value: ' +14155550199 ' } })
        );
        await flushPromises();
        expect(button.disabled).toBe(false);
        button.click();
        expect(dial).toHaveBeenCalledTimes(1);
        expect((dial.mock.calls[0]?.[0] as CustomEvent<{ number: string }>).detail).toEqual({ number: '+14155550199' });
    });

    it('lists the call’s transfers and conferences, oldest first', async () => {
        const element = await create({
            session: { status: 'loggedIn', changedAt: AT },
            timeline: [
                { at: AT, kind: 'transfer', text: 'transfer to agent queue request sent' },
                { at: AT + 60_000, kind: 'conference', text: 'confer with user request sent' }
            ]
        });
        const items = Array.from(byDataId(element, 'timeline')?.querySelectorAll('li') ?? []);
        expect(items.map((li) => li.dataset.kind)).toEqual(['transfer', 'conference']);
        expect(items[1]?.textContent).toContain('confer with user request sent');
        // In the user's Salesforce time zone (@salesforce/i18n/timeZone), not the browser's.
        const expected = new Intl.DateTimeFormat('en-US', {
            hour: 'numeric',
            minute: '2-digit',
            timeZone: 'America/Los_Angeles'
        }).format(AT);
        expect(items[0]?.textContent?.startsWith(expected)).toBe(true);
        await expect(element).toBeAccessible();
    });
});
