/**
 * The adapter's message boundary: only the softphone frame, from the softphone origin, may talk to
 * it. Forged messages (another origin, another frame on the softphone's origin, the workbench's
 * hostile frame) are ignored; malformed ones from the softphone are answered with one error and
 * change nothing. Every forged step is proven delivered (a listener in the adapter frame records
 * what reached it) before it is proven refused, so "nothing happened" cannot mean "nothing was
 * sent". Each test ends with a real call that works, so it is not just a dead adapter either.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { JOE_LEAD_ID } from '../workbench/platform/org/sampleData';
import { PARTNER_CONFIG } from '../workbench/softphone/constants';
import {
    adapterFrame,
    appPath,
    HOME,
    JOE_E164,
    openWithSoftphone,
    ringIncoming,
    screenshot,
    softphoneLog,
    TEST_TIMEOUT_MS,
    useWorkbench,
    waitForLog,
    waitForRecordPage,
    waitUntil
} from './harness';

/** A well-formed contract message, as the wrapper would post it. */
function envelope(id: string, type: string, payload: unknown): Record<string, unknown> {
    return { protocol: 'streem-softphone-bridge', version: 1, id, kind: 'call', type, payload };
}

function forgedIncoming(id: string): Record<string, unknown> {
    return envelope(id, 'incomingCall', {
        partnerId: PARTNER_CONFIG.partnerId,
        conversationId: `forged-${id}`,
        callerANI: JOE_E164
    });
}

/** The real softphone still works: a call from Joe pops his Lead. */
async function assertRealCallPops(page: Page, softphone: Frame): Promise<void> {
    await ringIncoming(softphone, JOE_E164);
    await waitForRecordPage(page, 'Lead', JOE_LEAD_ID);
}

/** Records, in the adapter frame, the origin and id of every message that reaches it. */
async function watchAdapter(adapter: Frame): Promise<void> {
    await adapter.evaluate(() => {
        const w = window as unknown as { reachedAdapter?: { origin: string; id: string }[] };
        if (w.reachedAdapter) return;
        const reached: { origin: string; id: string }[] = [];
        w.reachedAdapter = reached;
        window.addEventListener(
            'message',
            (event) => {
                const data: unknown = event.data;
                const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined;
                reached.push({ origin: event.origin, id: String(id) });
            },
            true
        );
    });
}

/** Waits until the adapter frame has received the message `id` from `origin`; returns how many did. */
async function deliveredToAdapter(adapter: Frame, origin: string, id?: string): Promise<number> {
    return waitUntil(`the adapter frame to receive ${id ?? 'messages'} from ${origin}`, async () => {
        const reached = await adapter.evaluate(
            () => (window as unknown as { reachedAdapter: { origin: string; id: string }[] }).reachedAdapter
        );
        const matching = reached.filter((m) => m.origin === origin && (id === undefined || m.id === id));
        return matching.length || undefined;
    });
}

async function countEvents(softphone: Frame, type: string): Promise<number> {
    return (await softphoneLog(softphone)).filter((e) => e.kind === 'event' && e.type === type).length;
}

void describe('Message boundary', { timeout: TEST_TIMEOUT_MS * 4 }, () => {
    const e2e = useWorkbench();

    void it(
        'ignores contract messages from a foreign origin or from another frame',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { page, softphone } = await openWithSoftphone(e2e);
            const dispositionsBefore = await countEvents(softphone, 'disposition');
            const adapter = adapterFrame(page, e2e);
            assert.ok(adapter, 'the adapter frame');
            await watchAdapter(adapter);

            // 1. Another origin: the Lightning page itself posts into the adapter frame. The frame sits
            // in the utility bar's shadow tree, so it is reached through its element handle.
            const adapterElement = await adapter.frameElement();
            await page.evaluate(
                ({ frame, message }) => {
                    const target = (frame as HTMLIFrameElement).contentWindow;
                    if (!target) throw new Error('the adapter frame has no window');
                    target.postMessage(message, '*');
                },
                { frame: adapterElement, message: forgedIncoming('from-app') }
            );
            await deliveredToAdapter(adapter, e2e.workbench.urls.app, 'from-app');

            // 2. The softphone's origin, but not the softphone's frame: a second frame in the adapter page.
            const softphoneOrigin = e2e.workbench.urls.softphone;
            await adapter.evaluate((src) => {
                const extra = document.createElement('iframe');
                extra.src = src;
                extra.title = 'Not the softphone';
                document.body.appendChild(extra);
            }, `${softphoneOrigin}/not-the-softphone`);
            const impostor = await waitUntil('the impostor frame', () =>
                page.frames().find((f) => f.url() === `${softphoneOrigin}/not-the-softphone`)
            );
            await impostor.waitForLoadState();
            const visualforce = e2e.workbench.urls.visualforce;
            await impostor.evaluate(
                ({ messages, target }) => {
                    const replies: unknown[] = [];
                    (window as unknown as { replies: unknown[] }).replies = replies;
                    window.addEventListener('message', (event) => replies.push(event.data));
                    for (const message of messages) window.parent.postMessage(message, target);
                },
                {
                    messages: [
                        {
                            protocol: 'streem-softphone-bridge',
                            version: 1,
                            id: 'impostor-hello',
                            kind: 'hello',
                            type: 'load',
                            payload: { wrapperVersion: '1.0.0' }
                        },
                        forgedIncoming('impostor'),
                        envelope('impostor-end', 'callEnded', {
                            partnerId: PARTNER_CONFIG.partnerId,
                            conversationId: 'forged-impostor',
                            duration: 5
                        })
                    ],
                    target: visualforce
                }
            );
            for (const id of ['impostor-hello', 'impostor', 'impostor-end'])
                await deliveredToAdapter(adapter, softphoneOrigin, id);

            await page.waitForTimeout(1_500);
            assert.equal(appPath(page), HOME, 'a forged incomingCall must not pop a record');
            assert.equal(e2e.workbench.org.allTasks().length, 0, 'a forged callEnded must not log a Task');
            const replies = await impostor.evaluate(() => (window as unknown as { replies: unknown[] }).replies);
            assert.deepEqual(replies, [], 'the adapter must not answer (or send events to) a foreign frame');
            assert.equal(
                await countEvents(softphone, 'disposition'),
                dispositionsBefore,
                'a forged hello must not re-run start-up'
            );

            await assertRealCallPops(page, softphone);
        }
    );

    void it("ignores the hostile frame's forged messages (workbench fault)", { timeout: TEST_TIMEOUT_MS }, async () => {
        const { page, softphone } = await openWithSoftphone(e2e);
        const logBefore = await softphoneLog(softphone);
        const adapter = adapterFrame(page, e2e);
        assert.ok(adapter, 'the adapter frame');
        await watchAdapter(adapter);

        await page.locator('[data-id="workbench-toggle"]').click();
        await page.locator('[data-id="hostile-toggle"]').click();
        const hostile = await waitUntil('the hostile frame', () =>
            page.frames().find((f) => f.url().startsWith(`${e2e.workbench.urls.hostile}/hostile`))
        );
        // It attacks on load and every 2 s: wait for a second round.
        const sentCount = async (): Promise<number> =>
            Number(/(\d+)/.exec((await hostile.locator('#log').textContent()) ?? '')?.[1] ?? 0);
        const first = await waitUntil('the first attack', async () => (await sentCount()) || undefined);
        await waitUntil('a second attack', async () => (await sentCount()) > first, 5_000);
        // Its forgeries did reach the adapter frame (two rounds of them), and were ignored.
        const reached = await deliveredToAdapter(adapter, e2e.workbench.urls.hostile);
        assert.ok(reached >= 2, `forged messages that reached the adapter: ${reached}`);
        await screenshot(page, 'hostile-frame-ignored');

        assert.equal(appPath(page), HOME, 'forged screenPop / incomingCall must not navigate');
        assert.deepEqual(e2e.workbench.org.allTasks(), [], 'forged saveLog / callEnded must not write Tasks');
        const logAfter = await softphoneLog(softphone);
        const newEntries = logAfter.slice(logBefore.length);
        assert.deepEqual(
            newEntries.filter((e) => e.kind === 'event' || e.kind === 'error'),
            [],
            'no forged event (start_call, …) may reach the softphone'
        );
        await page.locator('[data-id="workbench-toggle"]').click();
        await assertRealCallPops(page, softphone);
    });

    void it(
        'answers malformed contract calls with an error, and they change nothing',
        { timeout: TEST_TIMEOUT_MS },
        async () => {
            const { page, softphone } = await openWithSoftphone(e2e);

            // The wrapper refuses a malformed call itself: nothing is sent.
            const refused = await softphone.evaluate(() => {
                const bridge = (window as unknown as { StreemSoftphoneBridge: { incomingCall(p: unknown): unknown } })
                    .StreemSoftphoneBridge;
                return bridge.incomingCall({
                    partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
                    callerAni: '+15035551212'
                });
            });
            assert.equal((refused as { ok: boolean }).ok, false);

            // Raw messages past the wrapper (an older or hand-rolled wrapper): Salesforce answers each with an error.
            await softphone.locator('[data-id="developer-tools"] summary').click();
            const cases: { message: Record<string, unknown>; codes: string[]; replyType?: string; sparse?: boolean }[] =
                [
                    { message: envelope('raw-no-payload', 'callEnded', undefined), codes: ['MISSING_FIELD'] },
                    {
                        message: envelope('raw-missing', 'incomingCall', {
                            partnerId: PARTNER_CONFIG.partnerId,
                            callerANI: JOE_E164
                        }),
                        codes: ['MISSING_FIELD']
                    },
                    {
                        message: envelope('raw-id-object', 'callEnded', {
                            partnerId: PARTNER_CONFIG.partnerId,
                            conversationId: { id: 'c-1' },
                            duration: '95'
                        }),
                        codes: ['WRONG_TYPE']
                    },
                    {
                        message: envelope('raw-blank-type', '', { conversationId: 'c-2' }),
                        codes: ['MISSING_FIELD'],
                        replyType: 'unknown'
                    },
                    { message: envelope('raw-unknown-type', 'callTeleported', {}), codes: ['UNKNOWN_TYPE'] },
                    {
                        message: envelope('raw-not-object', 'callAccepted', 'not an object'),
                        codes: ['NOT_AN_OBJECT', 'NOT_JSON']
                    },
                    {
                        // Posted as a structured clone, which JSON cannot express: a conversationId that
                        // is a tiny sparse new Array(1e8), refused in constant time.
                        message: envelope('raw-sparse', 'callEnded', { partnerId: PARTNER_CONFIG.partnerId }),
                        codes: ['WRONG_TYPE'],
                        sparse: true
                    }
                ];
            for (const { message, codes, replyType, sparse } of cases) {
                if (sparse) {
                    await softphone.evaluate(
                        ({ raw, target }) => {
                            (raw.payload as Record<string, unknown>).conversationId = new Array(1e8);
                            window.parent.postMessage(raw, target);
                        },
                        { raw: message, target: e2e.workbench.urls.visualforce }
                    );
                } else {
                    await softphone.locator('[data-id="raw-message"]').fill(JSON.stringify(message));
                    await softphone.locator('[data-id="send-raw"]').click();
                }
                const answer = await waitForLog(softphone, 'error', replyType ?? String(message.type), (e) =>
                    e.text.includes(`reply to ${String(message.id)}`)
                );
                const code = (answer.payload as { code?: string }).code ?? '';
                assert.ok(
                    codes.includes(code),
                    `${String(message.id)}: expected ${codes.join(' or ')}, got ${JSON.stringify(answer.payload)}`
                );
            }
            await screenshot(page, 'malformed-message-errors');

            await page.waitForTimeout(500);
            // One error per malformed message, and nothing bounced back and forth (the `type: ""` storm).
            const errors = (await softphoneLog(softphone)).filter((e) => e.kind === 'error');
            assert.deepEqual(
                errors.map((e) => /reply to ([^\s)]+)/.exec(e.text)?.[1]),
                cases.map((c) => String(c.message.id))
            );
            assert.equal(appPath(page), HOME, 'a rejected message must not pop a record');
            assert.deepEqual(e2e.workbench.org.allTasks(), [], 'a rejected message must not write a Task');
            await assertRealCallPops(page, softphone);
        }
    );
});
