import { createElement } from 'lwc';
import SoftphoneCurrentCall from 'c/softphoneCurrentCall';

type CallElement = HTMLElement & { call?: unknown };

const RINGING = {
    state: 'ringing',
    icon: 'utility:incoming_call',
    directionLabel: 'Inbound call',
    stateLabel: 'Ringing',
    phoneValue: '5035551212',
    numberText: '(503) 555-1212',
    record: { recordId: '00Q5e00000AbCdEEAV', label: 'Joe Customer', url: '/lightning/r/00Q5e00000AbCdEEAV/view' },
    aboutThisRecord: false,
    choices: [],
    noMatch: false
};

function create(call?: unknown): CallElement {
    const element = createElement('c-softphone-current-call', { is: SoftphoneCurrentCall }) as unknown as CallElement;
    element.call = call;
    document.body.appendChild(element);
    return element;
}

function $(element: HTMLElement, id: string): (HTMLElement & Record<string, any>) | null {
    return element.shadowRoot!.querySelector(`[data-id="${id}"]`);
}

function text(element: HTMLElement, id: string): string {
    return ($(element, id)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

async function flush(): Promise<void> {
    // eslint-disable-next-line no-await-in-loop -- one microtask per LWC re-render step, in order
    for (let i = 0; i < 3; i++) await Promise.resolve();
}

describe('c-softphone-current-call', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.useRealTimers();
    });

    it('says there is no active call without one', async () => {
        const element = create();

        expect(text(element, 'idle')).toBe('c.SoftphoneBridge_No_Call');
        expect($(element, 'call')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows a ringing call: direction, number, state and its record, which it asks the parent to open', async () => {
        const element = create(RINGING);
        const opened = jest.fn();
        element.addEventListener('openrecord', opened);

        expect($(element, 'call')!.dataset.state).toBe('ringing');
        expect($(element, 'direction')!.alternativeText).toBe('Inbound call');
        expect($(element, 'caller-number')!.value).toBe('5035551212');
        expect($(element, 'call-state')!.label).toBe('Ringing');
        expect($(element, 'call-state')!.className).toContain('slds-theme_warning');
        expect($(element, 'call-record')!.getAttribute('href')).toBe('/lightning/r/00Q5e00000AbCdEEAV/view');
        expect($(element, 'about-this-record')).toBeNull();
        expect($(element, 'timer')).toBeNull();
        await expect(element).toBeAccessible();

        $(element, 'call-record')!.click();
        expect(opened).toHaveBeenCalledTimes(1);
        expect((opened.mock.calls[0]![0] as CustomEvent).detail).toEqual({ recordId: '00Q5e00000AbCdEEAV' });
    });

    it('marks a call about the page record', async () => {
        const element = create({ ...RINGING, aboutThisRecord: true });

        expect($(element, 'about-this-record')!.label).toBe('c.SoftphoneBridge_About_This_Record');
        await expect(element).toBeAccessible();
    });

    it('offers the matching records to choose from', async () => {
        const { record: _none, ...call } = RINGING;
        const element = create({
            ...call,
            choices: [
                { key: 'a', recordId: '0035e00000XyZaBAAV', label: 'Ann Smith (Contact)' },
                { key: 'b', recordId: '00Q5e00000XyZaBAAV', label: 'Ann Smith (Lead)' }
            ]
        });
        const chosen = jest.fn();
        element.addEventListener('chooserecord', chosen);

        expect(text(element, 'choose-record')).toBe('c.SoftphoneBridge_Choose_Record');
        const buttons = [...element.shadowRoot!.querySelectorAll<HTMLElement>('[data-id="choices"] lightning-button')];
        expect(buttons.map((button) => (button as HTMLElement & { label: string }).label)).toEqual([
            'Ann Smith (Contact)',
            'Ann Smith (Lead)'
        ]);
        await expect(element).toBeAccessible();

        buttons[1]!.click();
        expect((chosen.mock.calls[0]![0] as CustomEvent).detail).toEqual({ recordId: '00Q5e00000XyZaBAAV' });
    });

    it('says when no record matches, and when the number is unknown', async () => {
        const { record: _none, phoneValue: _unknown, ...call } = RINGING;
        const element = create({ ...call, noMatch: true });

        expect(text(element, 'no-match')).toBe('c.SoftphoneBridge_No_Match');
        expect($(element, 'caller-number')).toBeNull();
        expect(text(element, 'current-call')).toContain('c.SoftphoneBridge_Unknown_Number');
        await expect(element).toBeAccessible();
    });

    it('runs a live timer in place while connected, pauses it while hidden, and shows the final duration', async () => {
        jest.useFakeTimers();
        jest.setSystemTime(1_790_000_012_000);
        const element = create({
            ...RINGING,
            state: 'connected',
            stateLabel: 'Connected',
            timerFrom: 1_790_000_005_000
        });

        const timer = $(element, 'timer')!;
        expect(timer.getAttribute('role')).toBe('timer');
        expect(timer.getAttribute('aria-label')).toBe('c.SoftphoneBridge_Timer_Label');
        expect(timer.textContent).toBe('0:07');
        jest.advanceTimersByTime(1_000);
        expect(timer.textContent).toBe('0:08');

        const hidden = jest.spyOn(document, 'hidden', 'get').mockReturnValue(true);
        document.dispatchEvent(new CustomEvent('visibilitychange'));
        jest.advanceTimersByTime(5_000);
        expect(timer.textContent).toBe('0:08');
        hidden.mockReturnValue(false);
        document.dispatchEvent(new CustomEvent('visibilitychange'));
        expect(timer.textContent).toBe('0:13');
        hidden.mockRestore();
        jest.useRealTimers();
        await expect(element).toBeAccessible();

        element.call = { ...RINGING, state: 'ended', stateLabel: 'Ended', finalDuration: '2:05' };
        await flush();
        expect($(element, 'timer')).toBeNull();
        expect($(element, 'duration')!.querySelector('.slds-assistive-text')!.textContent).toBe(
            'c.SoftphoneBridge_Duration_Label'
        );
        expect(text(element, 'duration')).toContain('2:05');
        await expect(element).toBeAccessible();
    });

    it('stops its timer when removed', () => {
        jest.useFakeTimers();
        const element = create({ ...RINGING, state: 'connected', timerFrom: Date.now() });
        expect(jest.getTimerCount()).toBe(1);

        document.body.removeChild(element);
        expect(jest.getTimerCount()).toBe(0);
    });
});
