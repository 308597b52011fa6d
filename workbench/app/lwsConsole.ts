/**
 * The workbench's LWS console, like the one Salesforce offers developers (Security for Lightning
 * Components guide, "Evaluate JavaScript Compatibility"): runs a snippet inside the package's
 * sandbox (key `c`, the same one its modules run in) or outside it, so a test or a developer can
 * see what Lightning Web Security does to an API. Part of the shell, never of the package.
 */
import { evaluateInSandbox } from '@locker/sandbox';

export interface ConsoleResult {
    ok: boolean;
    /** The snippet's return value as text, or the error's name and message. */
    text: string;
}

function describeError(error: unknown): string {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Runs `body` (a function body that may `return`) in the `c` sandbox, or in the page when `sandboxed` is false. */
export function evaluateSnippet(body: string, sandboxed: boolean): ConsoleResult {
    let value: unknown;
    try {
        if (sandboxed) {
            evaluateInSandbox('c', `$lockerEvalContext$((function () {\n${body}\n})())`, (result: unknown) => {
                value = result;
            });
        } else {
            // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the console's whole job; Lightning's CSP allows eval for LWS
            value = (new Function(body) as () => unknown)();
        }
        return { ok: true, text: String(value) };
    } catch (error) {
        return { ok: false, text: describeError(error) };
    }
}

declare global {
    interface Window {
        /** The LWS console (workbench only): `workbenchLws.evaluate('return localStorage.length', true)`. */
        workbenchLws?: { enabled: boolean; evaluate: typeof evaluateSnippet };
    }
}

/** Puts the console on window for tests and the browser's developer tools. */
export function installLwsConsole(enabled: boolean): void {
    window.workbenchLws = { enabled, evaluate: evaluateSnippet };
}
