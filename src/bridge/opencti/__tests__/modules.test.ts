/**
 * The adapter's smaller modules: Open CTI promise helpers, settings wiring and labels (E.164 is in
 * c/phoneNumbers' own tests),
 * tab storage, and the shared Open CTI fake's own contract (workbench/platform/opencti).
 */
import type * as NodeFs from 'node:fs';
import type * as NodePath from 'node:path';
import { CALL_CENTER, toSettingsMap } from '../../../callCenter/definition';
import { configFromSettings, DEFAULT_LABELS, formatLabel, readLabels, withCrmOrigin } from '../adapterConfig';
import { loggableRecord, recordFromClick } from '../adapter';
import { callOpenCti, matchesOf, OpenCtiError, savedRecordId } from '../openCtiCrm';
import { mergeStoredState, openTabStorage, TAB_ID_KEY } from '../storage';
import { POPS_KEPT } from '../../../../workbench/platform/opencti/host';
import { createInProcessWorkbench } from '../../../../workbench/platform/opencti/inProcess';
import { JOE_LEAD_ID, ACME_ACCOUNT_ID } from '../../../../workbench/platform/org/sampleData';
import { callCenterSettings, FakeLocks, MemoryStorage } from './harness';

const timers = {
    setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
    clearTimeout: (handle: unknown): void => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

afterEach(() => {
    jest.useRealTimers();
});

describe('c-softphone-adapter openCtiCrm helpers', () => {
    it('resolves returnValue on success and rejects with the errors otherwise', async () => {
        await expect(
            callOpenCti('x', (cb) => setTimeout(() => cb({ success: true, returnValue: 42, errors: null }), 0), timers)
        ).resolves.toBe(42);
        await expect(
            callOpenCti(
                'saveLog',
                (cb) => cb({ success: false, returnValue: null, errors: ['REQUIRED_FIELD_MISSING'] }),
                timers
            )
        ).rejects.toThrow('saveLog: REQUIRED_FIELD_MISSING');
        await expect(
            callOpenCti(
                'x',
                () => {
                    throw new Error('boom');
                },
                timers
            )
        ).rejects.toBeInstanceOf(OpenCtiError);
    });

    it('rejects when no callback comes in time', async () => {
        jest.useFakeTimers();
        const pending = callOpenCti('getAppViewInfo', () => undefined, timers, 1_000);
        const assertion = expect(pending).rejects.toThrow('no answer within 1 s');
        await jest.advanceTimersByTimeAsync(1_000);
        await assertion;
    });

    it('reads saveLog returnValue as a string or an object, and search matches keyed by Id', () => {
        expect(savedRecordId('00T000000000001AAA')).toBe('00T000000000001AAA');
        expect(savedRecordId({ recordId: '00T000000000002AAA' })).toBe('00T000000000002AAA');
        expect(savedRecordId({ id: '00T000000000003AAA' })).toBe('00T000000000003AAA');
        expect(savedRecordId(null)).toBeNull();
        expect(
            matchesOf({
                [JOE_LEAD_ID]: { Id: JOE_LEAD_ID, Name: 'Joe Customer', RecordType: 'Lead' },
                SCREEN_POP_DATA: { type: 'sobject', params: { recordId: JOE_LEAD_ID } },
                junk: { Id: 'not an id' }
            })
        ).toEqual([{ recordId: JOE_LEAD_ID, name: 'Joe Customer', objectType: 'Lead' }]);
        // The guide's other form of a match: object and displayName, keyed by the record Id.
        expect(matchesOf({ '003000000000001AAA': { object: 'Contact', displayName: 'Ann Lee' } })).toEqual([
            { recordId: '003000000000001AAA', objectType: 'Contact', name: 'Ann Lee' }
        ]);
    });
});

describe('c-softphone-adapter settings wiring', () => {
    it('maps the call center to the bridge settings (wiring table)', () => {
        const config = configFromSettings(
            callCenterSettings({
                '/callLogging/dispositionCodes': 'A;B',
                '/callLogging/logMissedCalls': 'false',
                '/screenPop/popDialpadCalls': 'false',
                '/vendorSoftphone/defaultCountry': 'GB'
            }),
            { adapterOrigin: 'https://acme--c.vf.force.com', labels: DEFAULT_LABELS }
        );
        expect(config.bridge).toMatchObject({
            partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
            businessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
            channelOriginId: '57053e21-0440-4689-a27a-513d7dceebde',
            dialFrom: '+18449401117',
            participantType: 'Traveler',
            dispositions: ['A', 'B'],
            logMissedCalls: false,
            popDialpadCalls: false,
            presenceOptions: [
                { softphoneId: 'aaaaaaaa-0000-4000-8000-000000000001', label: 'Available' },
                { softphoneId: 'aaaaaaaa-0000-4000-8000-000000000002', label: 'Break' }
            ]
        });
        expect(config.retryPolicy).toEqual({ baseDelayMs: 1000, failedAfterAttempts: 2 });
        expect(config.defaultCountry).toBe('GB');
        expect(config.softphoneOrigin).toBe('https://softphone.vendor.test');
        expect(config.softphoneSrc).toBe(
            'https://softphone.vendor.test/agent?crmOrigin=https%3A%2F%2Facme--c.vf.force.com'
        );
        expect(
            config.bridge.formatSubject?.({
                direction: 'inbound',
                outcome: 'missed',
                phoneNumber: '+1',
                state: 'ended'
            })
        ).toBe('Missed call from +1');
        expect(config.clickToDialReady).toBe(true);
    });

    it('accepts an http softphone on loopback (a secure context, as the workbench uses), never plain http elsewhere', () => {
        const local = configFromSettings(
            callCenterSettings({
                '/vendorSoftphone/softphoneUrl': 'http://127.0.0.1:4802/',
                '/vendorSoftphone/softphoneOrigin': 'http://127.0.0.1:4802'
            }),
            { adapterOrigin: 'http://127.0.0.1:4801', labels: DEFAULT_LABELS }
        );
        expect(local.softphoneOrigin).toBe('http://127.0.0.1:4802');
        expect(local.issues.filter((i) => i.key.startsWith('/vendorSoftphone/softphone'))).toEqual([]);
        const plainHttp = configFromSettings(
            callCenterSettings({ '/vendorSoftphone/softphoneUrl': 'http://softphone.example.net/' }),
            { adapterOrigin: 'https://acme--c.vf.force.com', labels: DEFAULT_LABELS }
        );
        expect(plainHttp.softphoneSrc).toBeNull();
        expect(plainHttp.issues.some((i) => i.key === '/vendorSoftphone/softphoneUrl')).toBe(true);
    });

    it('with no settings at all, says the user is in no call center', () => {
        const config = configFromSettings(null, { adapterOrigin: 'https://x.vf.force.com', labels: DEFAULT_LABELS });
        expect(config.softphoneSrc).toBeNull();
        expect(config.issues[0]?.code).toBe('no-settings');
        expect(config.clickToDialReady).toBe(false);
    });

    it('reads JSENCODE-d labels (escaped apostrophes), keeps defaults for missing ones, formats {0}', () => {
        const labels = readLabels(
            `{"retryNow": "Don\\'t wait", "frameTitle": "Soft \\"phone\\" \\u003Cb\\u003E", "x": 1}`
        );
        expect(labels.retryNow).toBe("Don't wait");
        expect(labels.frameTitle).toBe('Soft "phone" <b>');
        expect(labels.dismiss).toBe(DEFAULT_LABELS.dismiss);
        expect(readLabels('not json')).toEqual(DEFAULT_LABELS);
        expect(formatLabel('Call {0}: {1} ({2})', 'a', 2)).toBe('Call a: 2 ({2})');
        expect(withCrmOrigin('not a url', 'https://x')).toBeNull();
    });
});

describe('c-softphone-adapter page and labels', () => {
    it('the page passes every label the script reads, and the shipped values are the defaults', () => {
        const fs = jest.requireActual<typeof NodeFs>('node:fs');
        const path = jest.requireActual<typeof NodePath>('node:path');
        const root = path.resolve(__dirname, '../../../..');
        const page = fs.readFileSync(path.join(root, 'force-app/main/default/pages/SoftphoneAdapter.page'), 'utf8');
        const xml = fs.readFileSync(
            path.join(root, 'force-app/main/default/labels/SoftphoneAdapter.labels-meta.xml'),
            'utf8'
        );
        const shipped = new Map(
            [...xml.matchAll(/<fullName>([^<]+)<\/fullName>[\s\S]*?<value>([^<]*)<\/value>/g)].map((m) => [
                m[1],
                (m[2] ?? '').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&')
            ])
        );
        const island = [...page.matchAll(/"(\w+)": "\{!JSENCODE\(\$Label\.(\w+)\)\}"/g)];
        expect(island.map((m) => m[1]).sort()).toEqual(Object.keys(DEFAULT_LABELS).sort());
        for (const [, key, label] of island) {
            expect(shipped.get(label ?? '')).toBe(DEFAULT_LABELS[key as keyof typeof DEFAULT_LABELS]);
        }
        // Open CTI first, by relative path, then the adapter script; nothing escapes unencoded.
        expect(page.indexOf('/support/api/68.0/lightning/opencti_min.js')).toBeLessThan(
            page.indexOf('{!$Resource.softphoneAdapter}')
        );
        // The one bare merge field: the user's time zone, a picklist value (an encode function around a
        // picklist may not compile), in an attribute, which Visualforce HTML-encodes by itself.
        expect(page).toContain('data-time-zone="{!$User.TimeZoneSidKey}"');
        expect([...page.matchAll(/\{!(?!JSENCODE\(|\$Resource\.|\$User\.TimeZoneSidKey\}")/g)]).toEqual([]);
    });
});

describe('c-softphone-adapter records', () => {
    it('takes the clicked record, a person account as its contact, never a User', () => {
        expect(
            recordFromClick({ number: '1', recordId: ACME_ACCOUNT_ID, objectType: 'Account', recordName: 'Acme' })
        ).toEqual({
            recordId: ACME_ACCOUNT_ID,
            objectType: 'Account',
            name: 'Acme'
        });
        expect(
            recordFromClick({
                number: '1',
                recordId: '001000000000009AAA',
                personAccount: true,
                contactId: '003000000000009AAA'
            })
        ).toEqual({ recordId: '003000000000009AAA', objectType: 'Contact' });
        expect(recordFromClick({ number: '1', recordId: '005000000000001AAA', objectType: 'User' })).toBeUndefined();
        expect(recordFromClick({ number: '1' })).toBeUndefined();
    });

    it('logs against the page the agent is on only for objects that take activities', () => {
        expect(loggableRecord({ url: 'x', recordId: JOE_LEAD_ID, objectType: 'Lead' })).toMatchObject({
            recordId: JOE_LEAD_ID
        });
        expect(loggableRecord({ url: 'x', recordId: '500000000000001AAA' })).toMatchObject({ objectType: 'Case' });
        expect(loggableRecord({ url: 'x', recordId: '005000000000001AAA', objectType: 'User' })).toBeUndefined();
        expect(loggableRecord({ url: 'x' })).toBeUndefined();
    });
});

describe('c-softphone-adapter tab storage', () => {
    it("merges another tab's entries without duplicating a conversation", () => {
        const own = JSON.stringify({ version: 1, entries: [{ conversationId: 'a', mine: true }] });
        const other = JSON.stringify({ version: 1, entries: [{ conversationId: 'a' }, { conversationId: 'b' }] });
        expect(JSON.parse(mergeStoredState(own, other, 'entries') ?? 'null')).toEqual({
            version: 1,
            entries: [{ conversationId: 'a', mine: true }, { conversationId: 'b' }]
        });
        expect(mergeStoredState(own, 'garbage', 'entries')).toBeNull();
        expect(mergeStoredState(null, other, 'entries')).not.toBeNull();
    });

    it('a duplicated tab (same sessionStorage id, lock held) gets its own id', async () => {
        const locks = new FakeLocks();
        const local = new MemoryStorage();
        const session = new MemoryStorage();
        let n = 0;
        const env = { local, session, locks, clock: () => Date.now(), timers, newId: () => `tab${++n}` };
        const first = await openTabStorage(env);
        const duplicate = await openTabStorage({
            ...env,
            session: (() => {
                const copy = new MemoryStorage();
                copy.setItem(TAB_ID_KEY, session.getItem(TAB_ID_KEY) ?? '');
                return copy;
            })()
        });
        expect(first.locked).toBe(true);
        expect(duplicate.tabId).not.toBe(first.tabId);
        first.store.setItem('k', 'v');
        expect(duplicate.store.getItem('k')).toBeNull();
        first.release();
        duplicate.release();
    });

    it("without Web Locks, a fresh liveness stamp keeps a live tab's state; a stale one is adopted", async () => {
        const local = new MemoryStorage();
        let now = 1_000_000;
        const base = { locks: undefined, clock: () => now, timers, newId: () => `t${now}` };
        const live = await openTabStorage({ ...base, local, session: new MemoryStorage() });
        live.store.setItem(
            'streemSoftphone.callLogs.v1',
            JSON.stringify({ version: 1, entries: [{ conversationId: 'c1' }] })
        );
        now += 1_000;
        const second = await openTabStorage({ ...base, local, session: new MemoryStorage() });
        expect(second.adoptedFrom).toEqual([]);
        // The first tab dies without cleaning up; its stamp goes stale.
        now += 120_000;
        const third = await openTabStorage({ ...base, local, session: new MemoryStorage() });
        expect(third.adoptedFrom).toContain(live.tabId);
        expect(third.store.getItem('streemSoftphone.callLogs.v1')).toContain('c1');
        for (const t of [live, second, third]) t.release();
    });

    it("takes over a closed tab's one-item keys and list keys, and lists only its own keys", async () => {
        const locks = new FakeLocks();
        const local = new MemoryStorage();
        let n = 0;
        const env = { locks, clock: () => Date.now(), timers, newId: () => `tab${++n}` };
        const gone = await openTabStorage({ ...env, local, session: new MemoryStorage() });
        const entry = (id: string): string => JSON.stringify({ conversationId: id, taskId: '00T000000000001AAA' });
        gone.store.setItem('streemSoftphone.callLogs.v3.c1', entry('c1'));
        gone.store.setItem('streemSoftphone.calls.v2.ended.c2', '{"conversationId":"c2"}');
        gone.store.setItem(
            'streemSoftphone.calls.v2',
            JSON.stringify({ version: 2, calls: [{ conversationId: 'c3' }] })
        );
        gone.store.setItem(
            'streemSoftphone.callLogs.v1',
            JSON.stringify({ version: 2, entries: [{ conversationId: 'c4' }] })
        );
        gone.store.setItem('unrelated', 'stays');
        gone.release(); // the tab closes
        await new Promise((resolve) => setTimeout(resolve, 0));

        const next = await openTabStorage({ ...env, local, session: new MemoryStorage() });
        expect(next.adoptedFrom).toEqual([gone.tabId]);
        expect(next.store.keys?.().sort()).toEqual([
            'streemSoftphone.callLogs.v1',
            'streemSoftphone.callLogs.v3.c1',
            'streemSoftphone.calls.v2',
            'streemSoftphone.calls.v2.ended.c2'
        ]);
        expect(next.store.getItem('streemSoftphone.callLogs.v3.c1')).toBe(entry('c1'));
        expect(next.store.getItem('streemSoftphone.calls.v2')).toContain('c3');
        expect(next.store.getItem('streemSoftphone.callLogs.v1')).toContain('c4');
        // Nothing of the closed tab's state is left under its id; what is not the bridge's stays.
        const keys = Array.from({ length: local.length }, (_, i) => local.key(i) ?? '');
        expect(keys.filter((key) => key.endsWith(`@${gone.tabId}`))).toEqual([`unrelated@${gone.tabId}`]);
        next.release();
    });

    it('keeps state in memory when storage is blocked, and says so', async () => {
        const blocked = {
            getItem: () => {
                throw new Error('SecurityError');
            },
            setItem: () => {
                throw new Error('SecurityError');
            },
            removeItem: () => undefined,
            key: () => null,
            length: 0
        };
        const onWarning = jest.fn();
        const tab = await openTabStorage({
            local: blocked,
            session: undefined,
            locks: undefined,
            clock: () => 0,
            timers,
            newId: () => 'x',
            onWarning
        });
        expect(tab.persistent).toBe(false);
        tab.store.setItem('a', 'b');
        expect(tab.store.getItem('a')).toBe('b');
        expect(onWarning).toHaveBeenCalledWith(expect.stringContaining('only while this page stays open'));
        tab.release();
    });
});

describe('c-softphone-adapter Open CTI fake', () => {
    it('answers asynchronously with { success, returnValue, errors } and validates saveLog like an org', async () => {
        const wb = createInProcessWorkbench({ settings: toSettingsMap(CALL_CENTER) });
        const responses: unknown[] = [];
        let synchronous = true;
        const answered = new Promise<void>((resolve) =>
            wb.opencti.saveLog({
                value: { entityApiName: 'Task', Subject: 'x', WhoId: ACME_ACCOUNT_ID },
                callback: (response) => {
                    responses.push({ response, synchronous });
                    resolve();
                }
            })
        );
        synchronous = false;
        await answered;
        expect(responses).toEqual([
            {
                response: {
                    success: false,
                    returnValue: null,
                    // The guide's shape: GENERIC_ERROR, the org's reason in details.
                    errors: [
                        {
                            code: 'GENERIC_ERROR',
                            description:
                                'An error occurred while calling the saveLog() API method. Review the Details field in the error section.',
                            details: [
                                {
                                    message: 'WhoId must be a Lead or Contact, not a Account.',
                                    statusCode: 'FIELD_INTEGRITY_EXCEPTION'
                                }
                            ]
                        }
                    ]
                },
                synchronous: false
            }
        ]);
        wb.faults.saveLogFailures = 1;
        const results: boolean[] = [];
        for (let i = 0; i < 2; i++) {
            await new Promise<void>((resolve) =>
                wb.opencti.saveLog({
                    value: { entityApiName: 'Task', Subject: 'y' },
                    callback: (response) => {
                        results.push(response.success);
                        resolve();
                    }
                })
            );
        }
        expect(results).toEqual([false, true]);
        expect(wb.org.allTasks()).toHaveLength(1);
    });

    it('needs a callType for searchAndScreenPop and pops per the softphone layout unless deferred', async () => {
        const wb = createInProcessWorkbench({ settings: toSettingsMap(CALL_CENTER) });
        const call = (args: Record<string, unknown>): Promise<{ success: boolean; returnValue: unknown }> =>
            new Promise((resolve) =>
                wb.opencti.searchAndScreenPop({
                    ...(args as { callType: string }),
                    callback: (r) => resolve(r)
                })
            );
        expect((await call({ searchParams: '5035551212' })).success).toBe(false);
        const deferred = await call({
            searchParams: '5035551212',
            callType: wb.opencti.CALL_TYPE.INBOUND,
            deferred: true
        });
        expect(deferred.returnValue).toMatchObject({
            [JOE_LEAD_ID]: { Id: JOE_LEAD_ID, RecordType: 'Lead' },
            SCREEN_POP_DATA: { type: wb.opencti.SCREENPOP_TYPE.SOBJECT, params: { recordId: JOE_LEAD_ID } }
        });
        expect(wb.host.pops).toEqual([]);
        await call({ searchParams: '5035551212', callType: wb.opencti.CALL_TYPE.INBOUND });
        expect(wb.host.pops).toEqual([`/lightning/r/Lead/${JOE_LEAD_ID}/view`]);
    });

    it('remembers the newest POPS_KEPT screen pops, so a shift of calls does not grow the page', async () => {
        const wb = createInProcessWorkbench({ settings: toSettingsMap(CALL_CENTER) });
        for (let i = 0; i < POPS_KEPT + 50; i++) {
            const response = await new Promise<{ success: boolean }>((resolve) =>
                wb.opencti.screenPop({
                    type: wb.opencti.SCREENPOP_TYPE.URL,
                    params: { url: `/lightning/r/Lead/${JOE_LEAD_ID}/view?c__call=${i}` },
                    callback: resolve
                })
            );
            expect(response.success).toBe(true);
        }
        expect(wb.host.pops).toHaveLength(POPS_KEPT);
        expect(wb.host.pops[POPS_KEPT - 1]).toContain(`c__call=${POPS_KEPT + 49}`);
    });
});
