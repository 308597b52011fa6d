/**
 * Runs in the vendor frame (the reference softphone's origin) as a Playwright init script and
 * does nothing elsewhere. It works the reference softphone as an agent would, through its own
 * controls (`data-id`s in workbench/softphone/page.ts), one step at a time: ring, accept, end
 * with a disposition and notes, wrap-up notes.
 */
import { SHIFT_CONFIG_GLOBAL, SHIFT_VENDOR_GLOBAL, type ShiftConfig } from './shiftProtocol';

const host = window as unknown as Record<string, unknown> & Window;
const config = host[SHIFT_CONFIG_GLOBAL] as ShiftConfig | undefined;

if (config && window.location.origin === config.vendorOrigin) {
    const el = <T extends HTMLElement>(id: string): T => {
        const found = document.querySelector<T>(`[data-id="${id}"]`);
        if (!found) throw new Error(`no [data-id="${id}"] in the reference softphone`);
        return found;
    };
    const click = (id: string): void => {
        const button = el<HTMLButtonElement>(id);
        if (button.disabled) throw new Error(`the softphone's ${id} button is disabled`);
        button.click();
    };
    const fill = (id: string, value: string): void => {
        const field = el<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(id);
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true }));
        field.dispatchEvent(new Event('change', { bubbles: true }));
    };
    host[SHIFT_VENDOR_GLOBAL] = Object.freeze({
        ready: (): boolean => el('connection').dataset.connection === 'connected',
        /** The dispositions Salesforce sent (the drop-down's options). */
        dispositions: (): string[] =>
            [...el<HTMLSelectElement>('disposition').options].map((o) => o.value).filter(Boolean),
        /** Rings an incoming call from `number`; returns its conversationId. */
        ring(number: string): string {
            fill('caller-number', number);
            click('incoming');
            return el('conversation-id').dataset.conversationId ?? '';
        },
        accept(): void {
            click('accept');
        },
        /** Ends the call with a disposition and notes (the callEnded payload carries both). */
        end(args: { disposition: string; notes: string }): void {
            fill('disposition', args.disposition);
            fill('notes', args.notes);
            click('end');
        },
        /** Wrap-up after the call: new notes, sent as callNotesSubmitted. */
        wrapUp(notes: string): void {
            fill('notes', notes);
            click('submit-notes');
        }
    });
}
