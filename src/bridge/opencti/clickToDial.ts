/**
 * Click-to-dial: Open CTI's onClickToDial payload to a dial request, the dial itself (waiting for a
 * softphone that is still loading), and enabling click-to-dial again after each call (peers'
 * lesson, Amazon Connect adapter #76, demo adapter #8: Lightning turns it off).
 */
import type { Bridge, BridgeError, DialRequest } from '../core/index';
import { describeErrors } from './openCtiCrm';
import type { ClickToDialPayload, OpenCti } from './openCtiApi';
import { recordFromClick } from './recordContext';

/** How long a click-to-dial waits for the softphone to finish loading. */
export const DIAL_WAIT_MS = 60_000;

/** The dial request in an onClickToDial payload (older guide versions put it under returnValue). */
export function readClickToDial(payload: ClickToDialPayload): DialRequest {
    const raw = payload as ClickToDialPayload & { returnValue?: ClickToDialPayload };
    const click = raw && typeof raw === 'object' && raw.number === undefined && raw.returnValue ? raw.returnValue : raw;
    const number =
        click && (typeof click.number === 'string' || typeof click.number === 'number') ? String(click.number) : '';
    const record = click ? recordFromClick(click) : undefined;
    return { number, ...(record ? { record } : {}) };
}

export interface ClickToDialOptions {
    opencti: Pick<OpenCti, 'enableClickToDial'> | undefined;
    /** The bridge, once started. */
    bridge(): Bridge | null;
    /** The call center has what click-to-dial needs (partner, segment, channel origin). */
    configured(): boolean;
    /** A softphone frame is loading: a dial that finds it not connected waits for its hello. */
    softphoneLoading(): boolean;
    clock(): number;
    /** A dial failed: tell the agent (or the admin). */
    onDialError(number: string, error: BridgeError): void;
    onWarning(message: string): void;
}

export interface ClickToDial {
    dial(request: DialRequest): void;
    /** The softphone said hello: a dial that waited (no longer than DIAL_WAIT_MS) goes now. */
    retryPending(): void;
    /** Turns click-to-dial on (again) when the call center allows it. */
    enable(): void;
}

export function createClickToDial(options: ClickToDialOptions): ClickToDial {
    let pending: { request: DialRequest; at: number } | undefined;

    function enable(): void {
        if (!options.opencti || !options.configured()) return;
        options.opencti.enableClickToDial({
            callback: (response) => {
                if (!response.success)
                    options.onWarning(`enableClickToDial failed: ${describeErrors(response.errors)}`);
            }
        });
    }

    function dial(request: DialRequest): void {
        const bridge = options.bridge();
        if (!bridge) return;
        const result = bridge.clickToDial(request);
        if (result.ok) {
            pending = undefined;
        } else if (result.error.code === 'NOT_CONNECTED' && options.softphoneLoading()) {
            // The softphone is still loading: dial as soon as it says hello.
            pending = { request, at: options.clock() };
        } else {
            options.onDialError(request.number, result.error);
        }
        enable();
    }

    return {
        dial,
        retryPending() {
            const waiting = pending;
            pending = undefined;
            if (waiting && options.clock() - waiting.at <= DIAL_WAIT_MS) dial(waiting.request);
        },
        enable
    };
}
