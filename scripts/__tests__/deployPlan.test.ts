/** @jest-environment node */
import fs from 'node:fs';
import { ADMIN_OWNED, withoutAdminOwned } from '../lib/deployPlan';

// The shape `sf project generate manifest --source-dir force-app` writes (one <types> per type).
const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types>
        <members>CallPop</members>
        <members>SoftphoneAdapter</members>
        <name>ApexPage</name>
    </types>
    <types>
        <members>SoftphoneBridge</members>
        <name>CallCenter</name>
    </types>
    <types>
        <members>Softphone_Vendor</members>
        <members>Streem</members>
        <name>CspTrustedSite</name>
    </types>
    <types>
        <members>CallPop_Choose</members>
        <members>Streem_Base_Url</members>
        <members>Streem_Title</members>
        <name>CustomLabel</name>
    </types>
    <types>
        <members>Lead.Streem_Video_Call</members>
        <name>WebLink</name>
    </types>
    <version>68.0</version>
</Package>
`;

describe('npm run deploy on an org that has the package', () => {
    it('leaves out exactly what the admin sets up after the install, and keeps the rest as written', () => {
        const { xml, leftOut } = withoutAdminOwned(MANIFEST);
        expect(leftOut.sort()).toEqual(ADMIN_OWNED.map((c) => `${c.type}:${c.member}`).sort());
        expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types>
        <members>CallPop</members>
        <members>SoftphoneAdapter</members>
        <name>ApexPage</name>
    </types>
    <types>
        <members>CallPop_Choose</members>
        <members>Streem_Title</members>
        <name>CustomLabel</name>
    </types>
    <version>68.0</version>
</Package>
`);
    });

    it('names only shipped components (each is in force-app)', () => {
        const files: Record<string, string> = {
            CallCenter: 'force-app/main/default/callCenters/SoftphoneBridge.callCenter-meta.xml',
            'CspTrustedSite:Softphone_Vendor':
                'force-app/main/default/cspTrustedSites/Softphone_Vendor.cspTrustedSite-meta.xml',
            'CspTrustedSite:Streem': 'force-app/main/default/cspTrustedSites/Streem.cspTrustedSite-meta.xml',
            WebLink: 'force-app/main/default/objects/Lead/webLinks/Streem_Video_Call.webLink-meta.xml'
        };
        for (const file of Object.values(files)) expect(fs.existsSync(file)).toBe(true);
        expect(fs.readFileSync('force-app/main/default/labels/Streem.labels-meta.xml', 'utf8')).toContain(
            '<fullName>Streem_Base_Url</fullName>'
        );
    });
});
