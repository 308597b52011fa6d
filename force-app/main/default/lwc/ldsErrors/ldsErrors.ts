/**
 * Readable text from the errors Lightning Data Service and the UI API hand to components
 * (a wire's `error`, a rejected `updateRecord`): `{ body: { message } }`, `{ body: [{ message }] }`
 * or a plain `Error`. Pure; no `lwc` imports.
 */

/** The readable part of a UI API / LDS error, or '' when it has none. */
export function ldsErrorText(error: unknown): string {
    type Described = { message?: unknown };
    const { body, message } = (error ?? {}) as Described & { body?: Described | Described[] };
    const first = Array.isArray(body) ? body[0] : body;
    if (typeof first?.message === 'string') return first.message;
    return typeof message === 'string' ? message : '';
}
