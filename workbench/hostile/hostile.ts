/**
 * The hostile frame (a workbench fault, on its own origin). It sits in the Lightning page and keeps
 * posting forged messages: Open CTI requests at the app (as if it were the adapter), Open CTI
 * events at the adapter frame (as if it were Lightning), and softphone-contract look-alikes at every
 * frame it can reach. The package and the stand-ins must ignore all of them; this page lists what it sent.
 */
const logEl = document.getElementById('log') as HTMLElement;
let sent = 0;

function send(target: Window, message: unknown): void {
    try {
        target.postMessage(message, '*');
        sent += 1;
    } catch {
        // A frame that went away; keep going.
    }
}

const TAG = 'workbench:opencti';
const forgedNumber = '+1 900 555 0666';

function frames(root: Window): Window[] {
    const out: Window[] = [];
    for (let i = 0; i < root.frames.length; i++) {
        const child: Window | undefined = root.frames[i];
        if (!child) continue;
        out.push(child, ...frames(child));
    }
    return out;
}

function attack(): void {
    const top = window.parent;
    // As the adapter: try to write a Task and to navigate Lightning.
    send(top, {
        tag: TAG,
        kind: 'request',
        id: 900000 + sent,
        method: 'saveLog',
        args: { value: { entityApiName: 'Task', Subject: 'FORGED by hostile frame' } }
    });
    send(top, {
        tag: TAG,
        kind: 'request',
        id: 910000 + sent,
        method: 'screenPop',
        args: { type: 'url', params: { url: '/lightning/o/Lead/list?forged=1' } }
    });
    for (const frame of frames(top)) {
        if (frame === window) continue;
        // As Lightning: a click-to-dial and an LMS message the adapter never asked for.
        send(frame, {
            tag: TAG,
            kind: 'event',
            listener: 'clickToDial',
            payload: { number: forgedNumber, recordId: '00Q000000000001AAA', recordName: 'Forged', objectType: 'Lead' }
        });
        send(frame, {
            tag: TAG,
            kind: 'response',
            id: 1,
            response: { success: true, returnValue: { recordId: '00T000000000666AAA' }, errors: null }
        });
        // As the softphone or the wrapper: contract-shaped messages.
        for (const type of ['incomingCall', 'callAccepted', 'callEnded', 'start_call']) {
            send(frame, {
                type,
                payload: {
                    partnerId: 'forged',
                    conversationId: 'forged',
                    callerANI: forgedNumber,
                    dialTo: forgedNumber
                }
            });
            send(frame, { event: type, data: { callerANI: forgedNumber } });
        }
    }
    logEl.textContent = `forged messages sent: ${sent}`;
}

attack();
setInterval(attack, 2000);

export {};
