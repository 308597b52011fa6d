/**
 * lightning/navigation for Jest: NavigationMixin records every page reference a component asks
 * for, so tests can assert on it (lwc-recipes pattern). Navigate(pageReference, replace) and
 * GenerateUrl(pageReference) -> Promise<string> follow the NavigationMixin docs; URLs are the ones
 * the workbench builds (workbench/platform/core/pageReference.ts, which cites the PageReference
 * types) so a test sees the same href a person sees.
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';
import { pageReferenceToUrl } from '../../../../workbench/platform/core/pageReference';
import type { PageReference } from '../../../../workbench/platform/core/pageReference';

export type { PageReference };

export const CurrentPageReference = createTestWireAdapter(jest.fn());

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

let navigateCalls: { pageReference: PageReference; replace: boolean }[] = [];
let generateUrlCalls: PageReference[] = [];
/** False: GenerateUrl's promises never settle (an inactive page, such as a minimized utility, may not answer). */
let generateUrlAnswers = true;

type Constructor<T = object> = new (...args: any[]) => T;

export const NavigationMixin = Object.assign(
    <TBase extends Constructor>(Base: TBase) =>
        class extends Base {
            [Navigate](pageReference: PageReference, replace = false): void {
                navigateCalls.push({ pageReference, replace });
            }
            [GenerateUrl](pageReference: PageReference): Promise<string> {
                generateUrlCalls.push(pageReference);
                if (!generateUrlAnswers) return new Promise(() => undefined);
                // An invalid page reference rejects, as the platform does.
                return new Promise((resolve) => resolve(pageReferenceToUrl(pageReference)));
            }
        },
    { Navigate, GenerateUrl }
);

/** The last page reference passed to Navigate (undefined if none). */
export function getNavigateCalledWith(): PageReference | undefined {
    return navigateCalls[navigateCalls.length - 1]?.pageReference;
}

/** Every Navigate call since the last reset, oldest first. */
export function getNavigateCalls(): { pageReference: PageReference; replace: boolean }[] {
    return [...navigateCalls];
}

/** Every GenerateUrl call since the last reset, oldest first. */
export function getGenerateUrlCalls(): PageReference[] {
    return [...generateUrlCalls];
}

/** Whether GenerateUrl answers (true, the default) or leaves its promises pending. */
export function setGenerateUrlAnswers(answers: boolean): void {
    generateUrlAnswers = answers;
}

export function resetNavigation(): void {
    navigateCalls = [];
    generateUrlCalls = [];
    generateUrlAnswers = true;
}
