/** @jest-environment node */
/**
 * The package's CSP Trusted Sites ship inactive (a placeholder must never trust a real domain),
 * and the workbench's org setup does what the admin guides tell an admin to do: activate each one
 * with the exact address in use. Only then does Lightning's policy let Streem in.
 */
import { orgSetup } from '../../workbench/orgSetup';
import { lightningCsp, lightningPermissionsPolicy } from '../../workbench/platform/csp';
import { readTrustedSites } from '../../workbench/platform/metadata';

const URLS = {
    app: 'http://127.0.0.1:4800',
    visualforce: 'http://127.0.0.1:4801',
    softphone: 'http://127.0.0.1:4802',
    streem: 'http://127.0.0.1:4803',
    hostile: 'http://127.0.0.1:4804',
    ameyo: 'http://127.0.0.1:4805',
    puzzel: 'http://127.0.0.1:4806'
};
const PLATFORM = { frameOrigins: [URLS.visualforce] };

const directive = (csp: string, name: string): string[] =>
    csp
        .split('; ')
        .find((d) => d.startsWith(`${name} `))!
        .split(' ')
        .slice(1);

describe('workbench org setup: trusted sites', () => {
    const shipped = readTrustedSites();

    it('finds both shipped sites, and each ships inactive', () => {
        expect(shipped.map((site) => site.name).sort()).toEqual(['Softphone_Vendor', 'Streem']);
        for (const site of shipped)
            expect({ site: site.name, isActive: site.isActive }).toEqual({ site: site.name, isActive: false });
        expect(directive(lightningCsp(shipped, PLATFORM), 'frame-src')).toEqual(["'self'", URLS.visualforce]);
    });

    it('activates Streem and the vendor softphone with the exact addresses the workbench serves', () => {
        const { trustedSites } = orgSetup(URLS);
        expect(trustedSites).toEqual({
            Streem: { endpointUrl: URLS.streem, isActive: true },
            Softphone_Vendor: { endpointUrl: URLS.softphone, isActive: true }
        });
        // The admin changes the address and Active; every directive flag stays as shipped.
        const org = shipped.map((site) => ({ ...site, ...trustedSites[site.name] }));
        expect(directive(lightningCsp(org, PLATFORM), 'frame-src')).toContain(URLS.streem);
        expect(lightningPermissionsPolicy(org)).toContain(`camera=(self "${URLS.streem}")`);
    });
});
