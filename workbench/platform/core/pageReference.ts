/**
 * Page references <-> Lightning Experience URLs, framework-free.
 *
 * Follows "PageReference Types" (developer.salesforce.com/docs/platform/lwc/guide/
 * reference-page-reference-type.html): standard__recordPage {recordId, objectApiName, actionName},
 * standard__objectPage {objectApiName, actionName: home|list|new}, standard__webPage {url},
 * standard__component {componentName} with c__ state, standard__navItemPage {apiName},
 * standard__namedPage {pageName}, standard__search (workbench: state.term). URL shapes are the
 * ones Lightning Experience shows (/lightning/r/Lead/<id>/view, /lightning/o/Lead/list, ...).
 */

export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, string | undefined>;
}

/** Thrown for a page reference the platform would refuse; the message names what is wrong. */
export class InvalidPageReferenceError extends Error {
    constructor(message: string) {
        super(`NavigationMixin: ${message}`);
        this.name = 'InvalidPageReferenceError';
    }
}

function attr(ref: PageReference, name: string): string | undefined {
    const value = ref.attributes?.[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
}

function required(ref: PageReference, name: string): string {
    const value = attr(ref, name);
    if (!value) throw new InvalidPageReferenceError(`${ref.type} needs attributes.${name}.`);
    return value;
}

function stateQuery(ref: PageReference, requirePrefix: boolean): string {
    const entries = Object.entries(ref.state ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
    for (const [key, value] of entries) {
        if (typeof value !== 'string') throw new InvalidPageReferenceError(`state.${key} must be a string.`);
        // The guide: custom state keys need a namespace prefix (c__ for the default namespace).
        if (requirePrefix && !/^[A-Za-z0-9]+__/.test(key)) {
            throw new InvalidPageReferenceError(`state key "${key}" needs a namespace prefix such as c__.`);
        }
    }
    const query = new URLSearchParams(entries).toString();
    return query ? `?${query}` : '';
}

/** A Salesforce record Id: 15 or 18 alphanumerics. */
export function isRecordId(value: unknown): value is string {
    return typeof value === 'string' && /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(value);
}

/**
 * The Lightning Experience URL a page reference opens (path + query), or the absolute URL of a
 * standard__webPage. `objectApiNameOf` supplies the object of a bare record Id, as the platform
 * looks it up from the Id's key prefix.
 */
export function pageReferenceToUrl(
    ref: PageReference,
    objectApiNameOf: (recordId: string) => string | undefined = () => undefined
): string {
    if (!ref || typeof ref.type !== 'string') throw new InvalidPageReferenceError('a page reference needs a type.');
    switch (ref.type) {
        case 'standard__recordPage': {
            const recordId = required(ref, 'recordId');
            if (!isRecordId(recordId)) throw new InvalidPageReferenceError(`"${String(recordId)}" is not a record Id.`);
            const objectApiName = attr(ref, 'objectApiName') ?? objectApiNameOf(recordId) ?? 'sObject';
            const action = attr(ref, 'actionName') ?? 'view';
            return `/lightning/r/${objectApiName}/${recordId}/${action}${stateQuery(ref, false)}`;
        }
        case 'standard__objectPage': {
            const objectApiName = required(ref, 'objectApiName');
            const action = attr(ref, 'actionName') ?? 'home';
            return `/lightning/o/${objectApiName}/${action}${stateQuery(ref, false)}`;
        }
        case 'standard__webPage':
            return required(ref, 'url');
        case 'standard__component':
            return `/lightning/cmp/${required(ref, 'componentName')}${stateQuery(ref, true)}`;
        case 'standard__navItemPage':
            return `/lightning/n/${required(ref, 'apiName')}${stateQuery(ref, false)}`;
        case 'standard__namedPage':
            return `/lightning/page/${required(ref, 'pageName')}${stateQuery(ref, false)}`;
        case 'standard__search':
            return `/lightning/search${stateQuery(ref, false)}`;
        default:
            throw new InvalidPageReferenceError(`page reference type "${ref.type}" is not supported by the workbench.`);
    }
}

/** The page reference for a Lightning Experience path (inverse of pageReferenceToUrl for app URLs). */
export function urlToPageReference(pathAndQuery: string): PageReference {
    const url = new URL(pathAndQuery, 'http://workbench.invalid');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const state: Record<string, string> = {};
    url.searchParams.forEach((value, key) => {
        state[key] = value;
    });
    const withState = (ref: PageReference): PageReference => (Object.keys(state).length ? { ...ref, state } : ref);
    if (parts[0] === 'lightning') {
        const [, kind, a, b, c] = parts;
        if (kind === 'r' && a && b) {
            return withState({
                type: 'standard__recordPage',
                attributes: { objectApiName: a, recordId: b, actionName: c ?? 'view' }
            });
        }
        if (kind === 'o' && a) {
            return withState({
                type: 'standard__objectPage',
                attributes: { objectApiName: a, actionName: b ?? 'home' }
            });
        }
        if (kind === 'cmp' && a) return withState({ type: 'standard__component', attributes: { componentName: a } });
        if (kind === 'n' && a) return withState({ type: 'standard__navItemPage', attributes: { apiName: a } });
        if (kind === 'page' && a) return withState({ type: 'standard__namedPage', attributes: { pageName: a } });
        if (kind === 'search') return withState({ type: 'standard__search', attributes: {} });
    }
    return { type: 'standard__namedPage', attributes: { pageName: 'home' } };
}
