/**
 * `lightning/navigation` for the workbench.
 *
 * Follows "Navigate to Different Page Types" and "NavigationMixin"
 * (developer.salesforce.com/docs/platform/lwc/guide/use-navigate.html, reference-page-reference-type.html):
 * `this[NavigationMixin.Navigate](pageReference, replace)` opens the page (web pages in a new tab),
 * `this[NavigationMixin.GenerateUrl](pageReference)` resolves to its URL, and the
 * `CurrentPageReference` wire delivers the current page reference and a new one after each navigation.
 * lightning-base-components ships a `lightning/navigation` that re-exports the platform-internal
 * `force/navigation`, which is not published, so the workbench provides this one instead.
 */
import { currentPageReference, log, navigate, on, urlFor, type PageReference } from 'lex/runtime';

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin must accept any constructor
type Constructor<T = object> = new (...args: any[]) => T;

function mixin<TBase extends Constructor>(Base: TBase) {
    return class extends Base {
        [Navigate](pageReference: PageReference, replace = false): void {
            try {
                navigate(pageReference, replace);
            } catch (error) {
                // The platform logs an invalid page reference and stays put; it does not throw into the caller.
                log('navigation', error instanceof Error ? error.message : String(error), false);
                console.error(error);
            }
        }
        [GenerateUrl](pageReference: PageReference): Promise<string> {
            try {
                return Promise.resolve(urlFor(pageReference));
            } catch (error) {
                return Promise.reject(error instanceof Error ? error : new Error(String(error)));
            }
        }
    };
}

export const NavigationMixin = Object.assign(mixin, { Navigate, GenerateUrl });

type DataCallback = (value: PageReference) => void;

/** Wire adapter: delivers the current page reference, then again after every navigation. */
export class CurrentPageReference {
    private stop: (() => void) | undefined;

    constructor(private readonly dataCallback: DataCallback) {}

    connect(): void {
        this.dataCallback(currentPageReference());
        this.stop = on('navigate', () => this.dataCallback(currentPageReference()));
    }

    update(): void {
        // No configuration: the value only changes on navigation.
    }

    disconnect(): void {
        this.stop?.();
        this.stop = undefined;
    }
}
