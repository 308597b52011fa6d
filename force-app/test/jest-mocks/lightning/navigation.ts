/**
 * lightning/navigation for Jest: NavigationMixin records every page reference a
 * component asks for, so tests can assert on it (lwc-recipes pattern).
 * Behaviour follows the NavigationMixin docs: Navigate(pageReference, replace)
 * and GenerateUrl(pageReference) -> Promise<string>.
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, string | undefined>;
}

export const CurrentPageReference = createTestWireAdapter(jest.fn());

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

let navigateCalls: { pageReference: PageReference; replace: boolean }[] = [];

type Constructor<T = object> = new (...args: any[]) => T;

export const NavigationMixin = Object.assign(
    <TBase extends Constructor>(Base: TBase) =>
        class extends Base {
            [Navigate](pageReference: PageReference, replace = false): void {
                navigateCalls.push({ pageReference, replace });
            }
            [GenerateUrl](pageReference: PageReference): Promise<string> {
                return Promise.resolve(toUrl(pageReference));
            }
        },
    { Navigate, GenerateUrl }
);

/** A stable fake URL for a page reference, so tests can assert on hrefs. */
export function toUrl(pageReference: PageReference): string {
    const attrs = pageReference.attributes ?? {};
    const id = (attrs.recordId ?? attrs.componentName ?? attrs.objectApiName ?? '') as string;
    const state = new URLSearchParams(
        Object.entries(pageReference.state ?? {}).filter((e): e is [string, string] => e[1] !== undefined)
    ).toString();
    return `/lightning/${pageReference.type}/${id}${state ? `?${state}` : ''}`;
}

/** The last page reference passed to Navigate (undefined if none). */
export function getNavigateCalledWith(): PageReference | undefined {
    return navigateCalls[navigateCalls.length - 1]?.pageReference;
}

/** Every Navigate call since the last reset, oldest first. */
export function getNavigateCalls(): { pageReference: PageReference; replace: boolean }[] {
    return [...navigateCalls];
}

export function resetNavigation(): void {
    navigateCalls = [];
}
