/** @jest-environment node */
/**
 * The hand-written deploy metadata of the softphone bridge: message channel, permission set and
 * CSP trusted site. Checks what a deploy cannot: that they say what the rest of the package expects.
 */
import { MESSAGE_CHANNEL_NAME, validateChannelMessage } from 'c/softphoneProtocol';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';
import { CALL_CENTER, PLACEHOLDER_SOFTPHONE_URL, findItem } from '../../src/callCenter/definition';
import { DEFAULT_DIR } from '../lib/paths';

type Xml = Record<string, unknown>;

function readMetadata(relative: string, root: string): Xml {
    const xml = fs.readFileSync(path.join(DEFAULT_DIR, relative), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parser = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '@',
        parseTagValue: false,
        isArray: (name) => ['lightningMessageFields', 'pageAccesses', 'userPermissions'].includes(name)
    });
    const doc = parser.parse(xml) as Xml;
    const element = doc[root] as Xml;
    expect(element['@xmlns']).toBe('http://soap.sforce.com/2006/04/metadata');
    return element;
}

describe('message channel SoftphoneBridge', () => {
    const channel = readMetadata('messageChannels/SoftphoneBridge.messageChannel-meta.xml', 'LightningMessageChannel');
    const fields = (channel.lightningMessageFields as Xml[]).map((f) => String(f.fieldName));

    it('is the channel the protocol publishes on', () => {
        expect(MESSAGE_CHANNEL_NAME).toBe('SoftphoneBridge__c');
        expect(channel.masterLabel).toBe('Softphone Bridge');
    });

    it('is exposed, because the Visualforce adapter page uses it', () => {
        expect(channel.isExposed).toBe('true');
    });

    it('declares every envelope field the protocol sends, and none it rejects', () => {
        const command = { version: 1, kind: 'command', id: 'c-1', type: 'requestState' };
        const result = validateChannelMessage(command);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        for (const key of Object.keys(result.value)) expect(fields).toContain(key);
        for (const field of fields) {
            const probe = validateChannelMessage({ ...command, [field]: (command as Record<string, unknown>)[field] });
            expect({ field, ok: probe.ok }).toEqual({ field, ok: true });
        }
        expect(fields).toContain('payload');
    });

    it('describes the channel and each field', () => {
        expect(String(channel.description).length).toBeGreaterThan(20);
        for (const field of channel.lightningMessageFields as Xml[])
            expect(String(field.description).length).toBeGreaterThan(10);
    });
});

describe('permission set Softphone_Bridge_User', () => {
    const permissionSet = readMetadata('permissionsets/Softphone_Bridge_User.permissionset-meta.xml', 'PermissionSet');

    it('opens the adapter page the call center points at, and the URL call pop page', () => {
        const adapterUrl = findItem(CALL_CENTER, 'reqGeneralInfo', 'reqAdapterUrl')?.defaultValue;
        const pages = (permissionSet.pageAccesses as Xml[]).filter((p) => p.enabled === 'true').map((p) => p.apexPage);
        expect(pages).toEqual(['CallPop', 'SoftphoneAdapter']);
        expect(adapterUrl).toBe('/apex/SoftphoneAdapter');
    });

    it('lets agents read the URL call pop settings ($Setup) and no other custom setting', () => {
        const settings = ([permissionSet.customSettingAccesses].flat() as Xml[]).map(
            (s) => `${String(s.name)}=${String(s.enabled)}`
        );
        expect(settings).toEqual(['Call_Pop_Settings__c=true']);
    });

    it('grants Edit Tasks for call logging and nothing beyond it', () => {
        expect((permissionSet.userPermissions as Xml[]).map((p) => `${String(p.name)}=${String(p.enabled)}`)).toEqual([
            'EditTask=true'
        ]);
        expect(permissionSet.objectPermissions).toBeUndefined();
        expect(permissionSet.fieldPermissions).toBeUndefined();
    });

    it("makes the package's app visible, so agents get its utility bar and record pages", () => {
        expect(permissionSet.applicationVisibilities).toEqual({ application: 'Streem_Softphone', visible: 'true' });
    });

    it('has a label and a description within 255 characters', () => {
        expect(permissionSet.label).toBe('Softphone Bridge User');
        expect(String(permissionSet.description).length).toBeLessThanOrEqual(255);
    });
});

describe('permission set Softphone_Bridge_API_Access', () => {
    const permissionSet = readMetadata(
        'permissionsets/Softphone_Bridge_API_Access.permissionset-meta.xml',
        'PermissionSet'
    );

    it('grants API Enabled and nothing else, so an org opts in to API access on its own', () => {
        expect(
            [permissionSet.userPermissions]
                .flat()
                .map((p) => `${String((p as Xml).name)}=${String((p as Xml).enabled)}`)
        ).toEqual(['ApiEnabled=true']);
        for (const other of [
            'pageAccesses',
            'objectPermissions',
            'fieldPermissions',
            'applicationVisibilities',
            'customSettingAccesses'
        ])
            expect(permissionSet[other]).toBeUndefined();
    });

    it('has a label and a description within 255 characters', () => {
        expect(permissionSet.label).toBe('Softphone Bridge API Access');
        expect(String(permissionSet.description).length).toBeLessThanOrEqual(255);
    });
});

describe('CSP trusted site Softphone_Vendor', () => {
    const site = readMetadata('cspTrustedSites/Softphone_Vendor.cspTrustedSite-meta.xml', 'CspTrustedSite');

    it('ships inactive with the same placeholder as the call center, so it trusts no real domain', () => {
        expect(site.isActive).toBe('false');
        expect(site.endpointUrl).toBe(PLACEHOLDER_SOFTPHONE_URL);
        expect(findItem(CALL_CENTER, 'vendorSoftphone', 'softphoneUrl')?.defaultValue).toBe(PLACEHOLDER_SOFTPHONE_URL);
    });

    it('allows framing and the microphone, and nothing else', () => {
        expect(site.isApplicableToFrameSrc).toBe('true');
        expect(site.canAccessMicrophone).toBe('true');
        for (const flag of [
            'canAccessCamera',
            'isApplicableToConnectSrc',
            'isApplicableToFontSrc',
            'isApplicableToImgSrc',
            'isApplicableToMediaSrc',
            'isApplicableToStyleSrc'
        ]) {
            expect({ flag, value: site[flag] }).toEqual({ flag, value: 'false' });
        }
        expect(site.context).toBe('All');
    });

    it('tells the admin what to change, within 255 characters', () => {
        expect(String(site.description)).toMatch(/Placeholder, inactive/);
        expect(String(site.description).length).toBeLessThanOrEqual(255);
    });
});
