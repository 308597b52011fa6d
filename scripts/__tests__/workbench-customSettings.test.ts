/** @jest-environment node */
/**
 * `{!$Setup.Setting__c.Field__c}` in the workbench's Visualforce renderer: hierarchy custom settings only,
 * resolved for the running user field by field (user, then profile, then org default), empty with no data,
 * and a loud error for what the package does not define (workbench/platform/customSettings.ts).
 */
import {
    resolveSetup,
    type CustomSettingData,
    type CustomSettingDefinition
} from '../../workbench/platform/customSettings';
import { renderVisualforce } from '../../workbench/platform/visualforce';
import { parseVisualforceJson } from '../../src/shared/visualforceJson';

const DEFINITIONS = new Map<string, CustomSettingDefinition>([
    [
        'Pop__c',
        {
            name: 'Pop__c',
            type: 'Hierarchy',
            fields: new Map([
                ['A__c', { type: 'Text' }],
                ['B__c', { type: 'Text' }]
            ])
        }
    ],
    ['Codes__c', { name: 'Codes__c', type: 'List', fields: new Map([['Code__c', { type: 'Text' }]]) }]
]);
const USER = { userId: '005000000000001AAA', profileId: '00e000000000001AAA' };

describe('workbench $Setup (hierarchy custom settings)', () => {
    it('user over profile over org default, field by field; empty when no level sets it', () => {
        const data: CustomSettingData = {
            Pop__c: {
                organization: { A__c: 'org A', B__c: 'org B' },
                profiles: { [USER.profileId]: { A__c: 'profile A' } },
                users: { [USER.userId]: { B__c: 'user B' }, '005000000000002AAA': { A__c: 'someone else' } }
            }
        };
        expect(resolveSetup(DEFINITIONS, data, USER, 'Pop__c', 'A__c')).toBe('profile A');
        expect(resolveSetup(DEFINITIONS, data, USER, 'Pop__c', 'B__c')).toBe('user B');
        expect(resolveSetup(DEFINITIONS, {}, USER, 'Pop__c', 'A__c')).toBe('');
    });

    it('refuses list settings, unknown settings and unknown fields', () => {
        expect(() => resolveSetup(DEFINITIONS, {}, USER, 'Codes__c', 'Code__c')).toThrow(
            /hierarchy custom settings only/
        );
        expect(() => resolveSetup(DEFINITIONS, {}, USER, 'Nope__c', 'A__c')).toThrow(/no custom setting/);
        expect(() => resolveSetup(DEFINITIONS, {}, USER, 'Pop__c', 'C__c')).toThrow(/no field/);
    });

    it('renders in a page with JSENCODE, and $Api.Partner_Server_URL_680 on the org host', () => {
        const html = renderVisualforce(
            `<apex:page showHeader="false"><script type="application/json">{"a":"{!JSENCODE($Setup.Pop__c.A__c)}","u":"{!$Api.Partner_Server_URL_680}"}</script></apex:page>`,
            {
                resourceUrl: () => undefined,
                labels: new Map(),
                sldsUrl: '/slds.css',
                setup: (setting, field) =>
                    resolveSetup(
                        DEFINITIONS,
                        { Pop__c: { organization: { A__c: 'say "hi"</script>' } } },
                        USER,
                        setting,
                        field
                    ),
                orgUrl: 'https://acme.my.salesforce.com',
                orgId: '00D000000000001AAA'
            }
        );
        expect(html).toContain('"a":"say \\"hi\\"\\u003C/script\\u003E"');
        expect(html).toContain('"u":"https://acme.my.salesforce.com/services/Soap/u/68.0/00D000000000001AAA"');
    });

    it("renders $Label.Name as Visualforce does, an apostrophe JSENCODE-d as \\' that the page's reader takes back; refuses Aura's $Label.c.Name", () => {
        const context = {
            resourceUrl: () => undefined,
            labels: new Map([['CallPop_Page_Opening', "Opening the caller's record…"]]),
            sldsUrl: '/slds.css'
        };
        const html = renderVisualforce(
            `<apex:page showHeader="false"><script type="application/json" id="l">{"opening":"{!JSENCODE($Label.CallPop_Page_Opening)}"}</script></apex:page>`,
            context
        );
        const island = /<script type="application\/json" id="l">(.*?)<\/script>/.exec(html)?.[1];
        expect(island).toContain("caller\\'s");
        expect(() => JSON.parse(island ?? '')).toThrow();
        expect(parseVisualforceJson(island)).toEqual({ opening: "Opening the caller's record…" });
        expect(() =>
            renderVisualforce('<apex:page>{!JSENCODE($Label.c.CallPop_Page_Opening)}</apex:page>', context)
        ).toThrow(/\$Label\.Name/);
    });
});
