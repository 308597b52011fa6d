import { CALL_CENTER, toSettingsMap } from '../definition';
import { formatIssue, parseCallCenterSettings, renderTaskSubject, subjectFormatter } from '../settings';
import type { ParsedSettings, SettingIssue } from '../settings';

const PARTNER = '215fd887-39be-4935-981f-2670d6afeaa7';
const SEGMENT = 'd6afeaa7-39be-4935-981f-2670215fd887';
const CHANNEL = '57053e21-0440-4689-a27a-513d7dceebde';

/** A call center an admin has finished setting up. */
const CONFIGURED: Record<string, string> = {
    '/vendorSoftphone/softphoneUrl': 'https://softphone.vendor.example/agent?tenant=acme',
    '/vendorSoftphone/partnerId': PARTNER,
    '/vendorSoftphone/businessSegmentId': SEGMENT,
    '/vendorSoftphone/channelOriginId': CHANNEL,
    '/vendorSoftphone/dialFrom': '+18449401117',
    '/vendorSoftphone/presenceStatuses': `${SEGMENT}=Available;${PARTNER}=Break`
};

/** Parses the shipped defaults with `values` on top, as getCallCenterSettings would return them. */
function parseWith(values: Record<string, string> = {}): ParsedSettings {
    return parseCallCenterSettings({ ...toSettingsMap(CALL_CENTER, values), ...values });
}

function issuesFor(parsed: ParsedSettings, key: string): SettingIssue[] {
    return parsed.issues.filter((i) => i.key === key);
}

/** The single error for `key` when only it is set to `value` on a configured call center. */
function errorFor(key: string, value: string): { parsed: ParsedSettings; issue: SettingIssue } {
    const parsed = parseWith({ ...CONFIGURED, [key]: value });
    const errors = parsed.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    const issue = errors[0] as SettingIssue;
    expect(issue.key).toBe(key);
    expect(parsed.ok).toBe(false);
    return { parsed, issue };
}

describe('parseCallCenterSettings', () => {
    describe('defaults', () => {
        it('parses the shipped call center to valid settings that still need the vendor values', () => {
            const parsed = parseWith();
            expect(parsed.ok).toBe(true);
            expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
            expect(parsed.issues.map((i) => `${i.code} ${i.key}`)).toEqual([
                'placeholder /vendorSoftphone/softphoneUrl',
                'missing /vendorSoftphone/partnerId',
                'missing /vendorSoftphone/businessSegmentId',
                'missing /vendorSoftphone/channelOriginId'
            ]);
            expect(parsed.settings).toEqual({
                callCenter: {
                    internalName: 'SoftphoneBridge',
                    displayName: 'Softphone Bridge',
                    adapterUrl: '/apex/SoftphoneAdapter',
                    useApi: true,
                    softphoneHeight: 550,
                    softphoneWidth: 400,
                    compatibilityMode: 'Lightning',
                    standby: null
                },
                softphone: {
                    url: null,
                    origin: null,
                    partnerConfig: null,
                    dialFrom: null,
                    participantType: 'Traveler',
                    defaultCountry: 'US',
                    presenceStatuses: []
                },
                screenPop: { noMatch: 'none', multipleMatches: 'search', popDialpadCalls: true },
                logging: {
                    dispositionCodes: [
                        'Resolved',
                        'Follow-up needed',
                        'Callback requested',
                        'No answer',
                        'Wrong number'
                    ],
                    logMissedCalls: true,
                    taskSubjectTemplate: null,
                    failedAfterAttempts: 3,
                    retryDelayMs: 2000
                },
                protocol: 'wrapper',
                ameyo: { baseUrl: null, scriptVersion: null, dialConfirm: false, extension: null }
            });
        });

        it('uses the defaults for items a call center imported from an older definition lacks', () => {
            const parsed = parseCallCenterSettings({
                '/vendorSoftphone/softphoneUrl': 'https://softphone.vendor.example'
            });
            expect(parsed.settings.screenPop.noMatch).toBe('none');
            expect(parsed.settings.logging.failedAfterAttempts).toBe(3);
            expect(parsed.settings.callCenter.softphoneHeight).toBe(550);
            expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
        });

        it('uses the default for a blank item that has one', () => {
            const parsed = parseWith({
                ...CONFIGURED,
                '/screenPop/noMatch': '   ',
                '/callLogging/logRetryDelayMs': ''
            });
            expect(parsed.settings.screenPop.noMatch).toBe('none');
            expect(parsed.settings.logging.retryDelayMs).toBe(2000);
            expect(parsed.issues).toEqual([]);
        });

        it('parses every default and every example without an error', () => {
            for (const section of CALL_CENTER.sections) {
                for (const item of section.items) {
                    const key = `/${section.name}/${item.name}`;
                    for (const value of [item.defaultValue, item.example]) {
                        const errors = parseWith({ ...CONFIGURED, [key]: value }).issues.filter(
                            (i) => i.severity === 'error'
                        );
                        expect({ key, value, errors }).toEqual({ key, value, errors: [] });
                    }
                }
            }
        });
    });

    describe('a configured call center', () => {
        it('has no issues and typed values', () => {
            const parsed = parseWith({
                ...CONFIGURED,
                '/vendorSoftphone/participantType': 'supplier',
                '/vendorSoftphone/defaultCountry': 'gb',
                '/screenPop/noMatch': 'NEWCONTACT',
                '/screenPop/multipleMatches': 'ask',
                '/screenPop/popDialpadCalls': 'FALSE',
                '/callLogging/dispositionCodes': ' Sale ; ;No sale;',
                '/callLogging/logMissedCalls': 'false',
                '/callLogging/taskSubject': '{callType} call {number}',
                '/callLogging/logFailedAfter': '5',
                '/callLogging/logRetryDelayMs': '1000'
            });
            expect(parsed.issues).toEqual([]);
            expect(parsed.ok).toBe(true);
            const { softphone, screenPop, logging } = parsed.settings;
            expect(softphone).toEqual({
                url: 'https://softphone.vendor.example/agent?tenant=acme',
                origin: 'https://softphone.vendor.example',
                partnerConfig: { partnerId: PARTNER, businessSegmentId: SEGMENT, channelOriginId: CHANNEL },
                dialFrom: '+18449401117',
                participantType: 'Supplier',
                defaultCountry: 'GB',
                presenceStatuses: [
                    { softphoneId: SEGMENT, label: 'Available' },
                    { softphoneId: PARTNER, label: 'Break' }
                ]
            });
            expect(screenPop).toEqual({ noMatch: 'newContact', multipleMatches: 'ask', popDialpadCalls: false });
            expect(logging).toEqual({
                dispositionCodes: ['Sale', 'No sale'],
                logMissedCalls: false,
                taskSubjectTemplate: '{callType} call {number}',
                failedAfterAttempts: 5,
                retryDelayMs: 1000
            });
        });

        it('takes an explicit softphone origin (normalised) over the URL origin', () => {
            const parsed = parseWith({
                ...CONFIGURED,
                '/vendorSoftphone/softphoneOrigin': 'https://Login.Vendor.example:8443/'
            });
            expect(parsed.issues).toEqual([]);
            expect(parsed.settings.softphone.origin).toBe('https://login.vendor.example:8443');
        });

        it('accepts a dial-from number typed with spaces and dashes, and stores it as E.164', () => {
            const parsed = parseWith({ ...CONFIGURED, '/vendorSoftphone/dialFrom': '+1 (844) 940-1117' });
            expect(parsed.issues).toEqual([]);
            expect(parsed.settings.softphone.dialFrom).toBe('+18449401117');
        });

        it('reads the unset keywords as "not set", whatever their case', () => {
            const parsed = parseWith({
                ...CONFIGURED,
                '/vendorSoftphone/dialFrom': 'NONE',
                '/vendorSoftphone/softphoneOrigin': 'Auto',
                '/vendorSoftphone/presenceStatuses': 'none',
                '/callLogging/dispositionCodes': 'none',
                '/callLogging/taskSubject': 'AUTO'
            });
            expect(parsed.issues).toEqual([]);
            expect(parsed.settings.softphone.dialFrom).toBeNull();
            expect(parsed.settings.softphone.origin).toBe('https://softphone.vendor.example');
            expect(parsed.settings.softphone.presenceStatuses).toEqual([]);
            expect(parsed.settings.logging.dispositionCodes).toEqual([]);
            expect(parsed.settings.logging.taskSubjectTemplate).toBeNull();
        });

        it('accepts numbers and booleans where the platform might send them typed', () => {
            const parsed = parseCallCenterSettings({
                ...toSettingsMap(CALL_CENTER, CONFIGURED),
                '/reqGeneralInfo/reqSoftphoneHeight': 600,
                '/callLogging/logMissedCalls': false
            });
            expect(parsed.issues).toEqual([]);
            expect(parsed.settings.callCenter.softphoneHeight).toBe(600);
            expect(parsed.settings.logging.logMissedCalls).toBe(false);
        });

        it('reads a standby softphone when both reqStandbyUrl and reqTimeout are set', () => {
            const parsed = parseWith({
                ...CONFIGURED,
                '/reqGeneralInfo/reqStandbyUrl': '/apex/SoftphoneStandby',
                '/reqGeneralInfo/reqTimeout': '10000'
            });
            expect(parsed.issues).toEqual([]);
            expect(parsed.settings.callCenter.standby).toEqual({ url: '/apex/SoftphoneStandby', timeoutMs: 10000 });
        });
    });

    describe('each invalid value gives a clear error and a safe value', () => {
        it('a softphone URL that is not https: no softphone, and the admin learns why', () => {
            const { parsed, issue } = errorFor('/vendorSoftphone/softphoneUrl', 'http://softphone.vendor.example');
            expect(issue).toMatchObject({
                code: 'not-https',
                where: 'Vendor Softphone > Softphone URL (https)',
                value: 'http://softphone.vendor.example',
                example: 'https://softphone.vendor.example/agent'
            });
            expect(issue.message).toMatch(/Use https:\/\//);
            expect(issue.message).toMatch(/needed for showing the softphone/);
            expect(parsed.settings.softphone.url).toBeNull();
            expect(parsed.settings.softphone.origin).toBeNull();
        });

        it('a softphone on loopback http is a secure context, so it is accepted (a local softphone, the workbench)', () => {
            const parsed = parseWith({
                '/vendorSoftphone/softphoneUrl': 'http://127.0.0.1:4802/',
                '/vendorSoftphone/softphoneOrigin': 'auto'
            });
            expect(parsed.issues.filter((i) => i.key.startsWith('/vendorSoftphone/softphone'))).toEqual([]);
            expect(parsed.settings.softphone.url).toBe('http://127.0.0.1:4802/');
            expect(parsed.settings.softphone.origin).toBe('http://127.0.0.1:4802');
            expect(errorFor('/vendorSoftphone/softphoneUrl', 'http://127.0.0.2/').issue.code).toBe('not-https');
        });

        it('a softphone URL that is no URL, or carries a user name and password', () => {
            expect(errorFor('/vendorSoftphone/softphoneUrl', 'softphone.vendor.example').issue.message).toMatch(
                /full address starting with https:\/\//
            );
            expect(
                errorFor('/vendorSoftphone/softphoneUrl', 'https://agent:secret@softphone.vendor.example').issue.message
            ).toMatch(/Remove the user name and password/);
        });

        it('an origin with a path, or not https', () => {
            const withPath = errorFor('/vendorSoftphone/softphoneOrigin', 'https://softphone.vendor.example/agent');
            expect(withPath.issue.message).toMatch(/origin only, without a path.*https:\/\/softphone\.vendor\.example/);
            expect(withPath.parsed.settings.softphone.origin).toBe('https://softphone.vendor.example');
            expect(errorFor('/vendorSoftphone/softphoneOrigin', 'http://softphone.vendor.example').issue.code).toBe(
                'invalid'
            );
        });

        it('a partner id that is no GUID: outbound calls stay disabled', () => {
            const { parsed, issue } = errorFor('/vendorSoftphone/partnerId', 'acme-partner');
            expect(issue.message).toMatch(/8-4-4-4-12 hexadecimal/);
            expect(issue.message).toMatch(/needed for calls from the dialpad and click-to-dial/);
            expect(issue.example).toBe(PARTNER);
            expect(parsed.settings.softphone.partnerConfig).toBeNull();
        });

        it('a dial-from number without +, or not a valid number', () => {
            expect(errorFor('/vendorSoftphone/dialFrom', '18449401117').issue.message).toMatch(/E\.164 form/);
            const invalidNumber = errorFor('/vendorSoftphone/dialFrom', '+1555');
            expect(invalidNumber.issue.message).toMatch(/not a valid phone number/);
            expect(invalidNumber.parsed.settings.softphone.dialFrom).toBeNull();
        });

        it('an unknown country: the default US applies', () => {
            for (const bad of ['XX', 'USA', 'U5']) {
                const { parsed, issue } = errorFor('/vendorSoftphone/defaultCountry', bad);
                expect(issue.message).toMatch(/two-letter ISO 3166 country code.*Using the default "US" meanwhile/);
                expect(parsed.settings.softphone.defaultCountry).toBe('US');
            }
        });

        it('an unknown participant type, no-match or several-matches behaviour', () => {
            const participant = errorFor('/vendorSoftphone/participantType', 'Customer');
            expect(participant.issue.message).toMatch(/Enter one of: Traveler, Supplier, Agent/);
            expect(participant.parsed.settings.softphone.participantType).toBe('Traveler');
            const noMatch = errorFor('/screenPop/noMatch', 'popLead');
            expect(noMatch.issue.message).toMatch(/newLead, newContact, search, none.*default "none"/);
            expect(noMatch.parsed.settings.screenPop.noMatch).toBe('none');
            expect(errorFor('/screenPop/multipleMatches', 'first').parsed.settings.screenPop.multipleMatches).toBe(
                'search'
            );
        });

        it('a boolean that is not true or false', () => {
            const { parsed, issue } = errorFor('/callLogging/logMissedCalls', 'yes');
            expect(issue.message).toMatch(/Enter true or false\. Using the default "true" meanwhile\./);
            expect(parsed.settings.logging.logMissedCalls).toBe(true);
        });

        it('numbers out of range or not whole', () => {
            const high = errorFor('/callLogging/logFailedAfter', '11');
            expect(high.issue).toMatchObject({ code: 'out-of-range', value: '11' });
            expect(high.issue.message).toMatch(/11 is outside 1 to 10/);
            expect(high.parsed.settings.logging.failedAfterAttempts).toBe(3);
            expect(errorFor('/callLogging/logRetryDelayMs', '2s').issue.message).toMatch(
                /whole number from 500 to 60000 ms/
            );
            const height = errorFor('/reqGeneralInfo/reqSoftphoneHeight', '100');
            expect(height.issue.message).toMatch(/100 is outside 240 to 2560 px/);
            expect(height.parsed.settings.callCenter.softphoneHeight).toBe(550);
            expect(
                errorFor('/reqGeneralInfo/reqSoftphoneWidth', '2000').parsed.settings.callCenter.softphoneWidth
            ).toBe(400);
        });

        it('a disposition code too long for Task Call Result: left out, the others kept', () => {
            const { parsed, issue } = errorFor('/callLogging/dispositionCodes', `Sale;${'x'.repeat(256)};No sale`);
            expect(issue.code).toBe('too-long');
            expect(issue.message).toMatch(/longer than 255 characters and was left out/);
            expect(parsed.settings.logging.dispositionCodes).toEqual(['Sale', 'No sale']);
        });

        it('more than 50 disposition codes: the first 50 are used', () => {
            const codes = Array.from({ length: 51 }, (_, i) => `Code ${i}`).join(';');
            const { parsed, issue } = errorFor('/callLogging/dispositionCodes', codes);
            expect(issue.message).toMatch(/first 50 of 51/);
            expect(parsed.settings.logging.dispositionCodes).toHaveLength(50);
        });

        it('a duplicate disposition code: a warning, shown once', () => {
            const parsed = parseWith({ ...CONFIGURED, '/callLogging/dispositionCodes': 'Sale;No sale;Sale' });
            expect(parsed.ok).toBe(true);
            expect(parsed.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'duplicate' })]);
            expect(parsed.settings.logging.dispositionCodes).toEqual(['Sale', 'No sale']);
        });

        it('presence statuses that are not id=Label pairs: left out, the others kept', () => {
            const parsed = parseWith({
                ...CONFIGURED,
                '/vendorSoftphone/presenceStatuses': `${PARTNER}=Available;Break;=Lunch`
            });
            const issues = issuesFor(parsed, '/vendorSoftphone/presenceStatuses');
            expect(issues.map((i) => i.severity)).toEqual(['error', 'error']);
            expect(issues[0]?.message).toMatch(
                /"Break" is not an id=Label pair and was left out\. Write each as id=Label/
            );
            expect(issues[1]?.message).toMatch(/"=Lunch" is not an id=Label pair/);
            expect(parsed.settings.softphone.presenceStatuses).toEqual([{ softphoneId: PARTNER, label: 'Available' }]);
        });

        it('a Task subject with an unknown placeholder or an unclosed brace: the package subjects apply', () => {
            const unknown = errorFor('/callLogging/taskSubject', 'Call {caller}');
            expect(unknown.issue.message).toMatch(
                /Unknown placeholder \{caller\}\. Use only \{callType\}, \{number\}, \{outcome\}/
            );
            expect(unknown.parsed.settings.logging.taskSubjectTemplate).toBeNull();
            expect(errorFor('/callLogging/taskSubject', 'Call {number').issue.message).toMatch(/brace is not closed/);
            expect(errorFor('/callLogging/taskSubject', 'x'.repeat(256)).issue.code).toBe('too-long');
        });

        it('a value that is not text at all', () => {
            const parsed = parseCallCenterSettings({
                ...toSettingsMap(CALL_CENTER, CONFIGURED),
                '/screenPop/noMatch': { pop: 'lead' }
            });
            expect(issuesFor(parsed, '/screenPop/noMatch')).toEqual([
                expect.objectContaining({ severity: 'error', code: 'invalid', value: null })
            ]);
            expect(parsed.settings.screenPop.noMatch).toBe('none');
        });
    });

    describe('warnings', () => {
        it('the placeholder softphone URL, whatever its case or trailing slash', () => {
            const parsed = parseWith({
                ...CONFIGURED,
                '/vendorSoftphone/softphoneUrl': 'https://SOFTPHONE.example.com/'
            });
            expect(parsed.ok).toBe(true);
            expect(issuesFor(parsed, '/vendorSoftphone/softphoneUrl')).toEqual([
                expect.objectContaining({ severity: 'warning', code: 'placeholder' })
            ]);
            expect(parsed.settings.softphone.url).toBeNull();
        });

        it('a cleared required item without a default', () => {
            const parsed = parseWith({ ...CONFIGURED, '/vendorSoftphone/channelOriginId': '' });
            expect(issuesFor(parsed, '/vendorSoftphone/channelOriginId')).toEqual([
                expect.objectContaining({
                    severity: 'warning',
                    code: 'missing',
                    message: expect.stringMatching(/^Not set\. It is needed for/)
                })
            ]);
            expect(parsed.settings.softphone.partnerConfig).toBeNull();
        });

        it('a cleared required item with a default', () => {
            const parsed = parseWith({ ...CONFIGURED, '/screenPop/noMatch': '' });
            expect(parsed.issues).toEqual([]);
        });

        it('Classic compatibility mode, and reqUseApi false', () => {
            const parsed = parseWith({
                ...CONFIGURED,
                '/reqGeneralInfo/reqSalesforceCompatibilityMode': 'Classic',
                '/reqGeneralInfo/reqUseApi': 'false'
            });
            expect(parsed.ok).toBe(true);
            expect(parsed.issues.map((i) => i.code)).toEqual(['not-lightning', 'invalid']);
            expect(parsed.issues[0]?.message).toMatch(/blank softphone panel in Lightning Experience/);
        });

        it('reqStandbyUrl without reqTimeout: no standby', () => {
            const parsed = parseWith({ ...CONFIGURED, '/reqGeneralInfo/reqStandbyUrl': '/apex/SoftphoneStandby' });
            expect(parsed.issues).toEqual([
                expect.objectContaining({ code: 'incomplete', key: '/reqGeneralInfo/reqTimeout', severity: 'warning' })
            ]);
            expect(parsed.settings.callCenter.standby).toBeNull();
        });

        it('an item of the package sections this version does not know, but not label and sortOrder keys', () => {
            const parsed = parseWith({ ...CONFIGURED, '/screenPop/popOnHover': 'true' });
            expect(parsed.issues).toEqual([
                expect.objectContaining({
                    code: 'unknown-item',
                    key: '/screenPop',
                    message: expect.stringMatching(/popOnHover/)
                })
            ]);
        });
    });

    describe('input that is no settings map', () => {
        it.each([null, undefined, 'settings', 42, ['a']])('%p gives an error and the defaults', (raw) => {
            const parsed = parseCallCenterSettings(raw);
            expect(parsed.ok).toBe(false);
            expect(parsed.issues[0]).toMatchObject({ code: 'no-settings', severity: 'error' });
            expect(parsed.issues[0]?.message).toMatch(/Manage Call Center Users/);
            expect(parsed.settings.callCenter.softphoneHeight).toBe(550);
            expect(parsed.settings.softphone.url).toBeNull();
            expect(parsed.issues).toHaveLength(1);
        });

        it('says why the call failed, when it did', () => {
            const parsed = parseCallCenterSettings(null, 'getCallCenterSettings: SERVER_ERROR: A problem was encountered');
            expect(parsed.issues).toEqual([
                expect.objectContaining({
                    code: 'no-settings',
                    message: expect.stringMatching(/^Salesforce did not give the call center settings \(getCallCenterSettings: SERVER_ERROR: A problem was encountered\)\. Reload the page/)
                })
            ]);
        });
    });

    it('gives every item issue a place, a message and an example an admin can act on', () => {
        const parsed = parseWith({
            '/vendorSoftphone/softphoneUrl': 'ftp://x',
            '/vendorSoftphone/partnerId': 'x',
            '/vendorSoftphone/dialFrom': 'x',
            '/screenPop/noMatch': 'x',
            '/callLogging/logFailedAfter': 'x'
        });
        expect(parsed.issues.length).toBeGreaterThanOrEqual(5);
        for (const issue of parsed.issues) {
            expect(issue.where).toMatch(/ > /);
            expect(issue.message.length).toBeGreaterThan(10);
            expect(issue.example).not.toBe('');
        }
    });
});

describe('formatIssue', () => {
    it('puts place, problem and example on one line', () => {
        const { issue } = errorFor('/screenPop/noMatch', 'popLead');
        expect(formatIssue(issue)).toBe(
            'Screen Pop > When No Record Matches (newLead, newContact, search or none): Enter one of: newLead, newContact, search, none. Using the default "none" meanwhile. Example: newContact'
        );
    });
});

describe('renderTaskSubject', () => {
    it('fills the placeholders', () => {
        expect(
            renderTaskSubject('{callType} call {number} ({outcome})', {
                callType: 'Inbound',
                number: '+18005550100',
                outcome: 'missed'
            })
        ).toBe('Inbound call +18005550100 (missed)');
    });

    it('closes the gaps missing values leave, and cuts to 255 characters', () => {
        expect(renderTaskSubject('{callType}  call {number}', { callType: 'Outbound' })).toBe('Outbound call');
        expect(renderTaskSubject(`{number} ${'x'.repeat(300)}`, { number: '+1' })).toHaveLength(255);
        expect(renderTaskSubject('{number}', {})).toBe('');
    });
});

describe('subjectFormatter', () => {
    it('is undefined for auto, so the bridge core keeps its own subjects', () => {
        expect(subjectFormatter(null)).toBeUndefined();
    });

    it('maps the call to the placeholders', () => {
        const format = subjectFormatter('{callType} {outcome} {number}');
        expect(format?.({ direction: 'outbound', outcome: 'answered', phoneNumber: '+442071234567' })).toBe(
            'Outbound answered +442071234567'
        );
    });
});

describe('the softphone protocol', () => {
    const AMEYO = {
        '/softphoneProtocol/protocol': 'ameyoToolbar',
        '/softphoneProtocol/ameyoBaseUrl': 'https://ameyo.example.net:8443',
        '/softphoneProtocol/ameyoScriptVersion': '4.2',
        '/softphoneProtocol/ameyoDialConfirm': 'true',
        '/softphoneProtocol/ameyoExtensionName': 'sip-1001',
        '/softphoneProtocol/ameyoExtensionPhone': '1001'
    };

    it('reads the Ameyo toolbar settings in ameyoToolbar mode', () => {
        const { settings, issues } = parseCallCenterSettings(AMEYO);
        expect(settings.protocol).toBe('ameyoToolbar');
        expect(settings.ameyo).toEqual({
            baseUrl: 'https://ameyo.example.net:8443',
            scriptVersion: '4.2',
            dialConfirm: true,
            extension: { name: 'sip-1001', phone: '1001' }
        });
        expect(issues.filter((i) => i.key.startsWith('/softphoneProtocol/'))).toEqual([]);
    });

    it('accepts only an https Ameyo origin, and never reads the Ameyo items in wrapper mode', () => {
        const insecure = parseCallCenterSettings({ ...AMEYO, '/softphoneProtocol/ameyoBaseUrl': 'http://ameyo.example.net' });
        expect(insecure.settings.ameyo.baseUrl).toBeNull();
        expect(insecure.issues.map((i) => `${i.severity} ${i.key}`)).toContain('error /softphoneProtocol/ameyoBaseUrl');
        const wrapper = parseCallCenterSettings({ ...AMEYO, '/softphoneProtocol/protocol': 'wrapper' });
        expect(wrapper.settings.ameyo.baseUrl).toBeNull();
        expect(wrapper.issues.filter((i) => i.key.startsWith('/softphoneProtocol/'))).toEqual([]);
    });

    it('treats the shipped placeholder address and an invalid version as not set', () => {
        const parsed = parseCallCenterSettings({
            '/softphoneProtocol/protocol': 'ameyoToolbar',
            '/softphoneProtocol/ameyoScriptVersion': '../x.js'
        });
        expect(parsed.settings.ameyo.baseUrl).toBeNull();
        expect(parsed.settings.ameyo.scriptVersion).toBeNull();
    });
});
