/**
 * The Ameyo stand-in's `ameyo.integration` object: what ameyo-integration-v<version>.js gives the CRM
 * page (seed 004, "add the integration script" and every API the seed names). Each call goes to the
 * toolbar (a `Link`: postMessage in the browser, the model directly in Jest); each handler call
 * coming back goes only to the function the CRM registered with registerCustomFunction (seed 004,
 * "initialize handlers and load lifecycle" and "screen pop flow"). The seed also shows handlers as
 * the CRM's global functions, but public copies of Ameyo's namespaced script call registered ones
 * only, so the stand-in is as strict as that: a handler only on `window` is never called. Never
 * part of the package.
 */

/** The toolbar side: API calls out, handler calls in, and the CRM's getExtensionInfo asked for. */
export interface Link {
    call(name: string, args: unknown[]): Promise<unknown>;
}

export interface IntegrationHost {
    [name: string]: unknown;
}

export interface StandInIntegration {
    registerCustomFunction(name: string, functions: Record<string, (...args: unknown[]) => unknown>): void;
    doLogin(userName: string, password: string, authType: string): void;
    doForceLogin(): void;
    doLogout(): void;
    doDial(phone: string, customerId: string, additionalParameters: unknown): void;
    populateNumberInDialBox(phone: string): void;
    getDispositionCodes(campaignId?: string): void;
    disposeCallByDisposition(dispositionCode: string): void;
    disposeNDial(dispositionCode: string, phone: string): void;
    api: {
        setRecordInfoForShowCrm(
            requestId: string,
            recordId: string,
            phone: string,
            callback?: (r: unknown) => void
        ): void;
    };
    /** The toolbar calls a CRM handler (or showCrm). */
    dispatch(name: string, args: unknown[]): void;
    /** The toolbar asks for the CRM's getExtensionInfo(). */
    extensionInfo(): unknown;
}

/** Builds `ameyo.integration` for a CRM page (`host` is its window). */
export function createIntegration(host: IntegrationHost, link: Link, log: (line: string) => void): StandInIntegration {
    const custom = new Map<string, (...args: unknown[]) => unknown>();
    const send = (name: string, args: unknown[]): void => {
        void link.call(name, args).catch((error: unknown) => log(`${name} failed: ${String(error)}`));
    };
    return {
        registerCustomFunction(name, functions) {
            const fn = functions?.[name];
            if (typeof fn === 'function') custom.set(name, fn);
        },
        doLogin: (userName, password, authType) => send('doLogin', [userName, password, authType]),
        doForceLogin: () => send('doForceLogin', []),
        doLogout: () => send('doLogout', []),
        doDial: (phone, customerId, additionalParameters) => send('doDial', [phone, customerId, additionalParameters]),
        populateNumberInDialBox: (phone) => send('populateNumberInDialBox', [phone]),
        getDispositionCodes: (campaignId) => send('getDispositionCodes', campaignId === undefined ? [] : [campaignId]),
        disposeCallByDisposition: (code) => send('disposeCallByDisposition', [code]),
        disposeNDial: (code, phone) => send('disposeNDial', [code, phone]),
        api: {
            setRecordInfoForShowCrm(requestId, recordId, phone, callback) {
                void link
                    .call('setRecordInfoForShowCrm', [requestId, recordId, phone])
                    .then((response) => callback?.(response))
                    .catch((error: unknown) => log(`setRecordInfoForShowCrm failed: ${String(error)}`));
            }
        },
        dispatch(name, args) {
            const fn = custom.get(name);
            if (typeof fn !== 'function') {
                log(
                    `the CRM registered no ${name}${typeof host[name] === 'function' ? ' (only a window function)' : ''}`
                );
                return;
            }
            try {
                fn(...args);
            } catch (error) {
                log(`${name} threw: ${String(error)}`);
            }
        },
        extensionInfo() {
            const fn = host.getExtensionInfo;
            return typeof fn === 'function' ? (fn as () => unknown)() : undefined;
        }
    };
}
