/**
 * What the workbench org's admin has set up after deploying the package, as the package's
 * post-install steps tell an admin to: the Streem address in the Streem_Base_Url custom label
 * (Setup > Custom Labels), the CSP Trusted Sites pointed at the addresses actually used and
 * activated (Setup > Trusted URLs; the package ships them inactive), and the call center's vendor
 * values the softphone team handed over (Setup > Call Centers). Here those addresses are the workbench's own origins and the softphone
 * is the reference softphone (workbench/softphone/).
 */
import type { CustomSettingData } from './platform/customSettings';
import type { WorkbenchUrls } from './urls';
import { DIAL_FROM, PARTNER_CONFIG, PRESENCE_STATUSES } from './softphone/constants';

export interface OrgSetup {
    /** Custom label values an admin edited in Setup (the package's labels hold the shipped defaults). */
    labelOverrides: Record<string, string>;
    /**
     * CSP Trusted Sites as the admin left them in Setup > Trusted URLs, by name: the address actually
     * used, and whether the admin activated the site (the package ships both inactive).
     */
    trustedSites: Record<string, { endpointUrl: string; isActive: boolean }>;
    /** Call center item values the admin entered, keyed '/section/item' (the softphone URL is set by the workbench). */
    callCenterValues: Record<string, string>;
    /**
     * Hierarchy custom setting records the admin added (Setup > Custom Settings > Manage): packages carry
     * no custom setting data, so an org starts with none. Call_Pop_Settings__c: the org default the URL
     * pop guide suggests (docs/url-pop.md): a ring nobody matches offers a new Lead, several matches ask.
     */
    customSettings: CustomSettingData;
}

export function orgSetup(urls: WorkbenchUrls): OrgSetup {
    return {
        labelOverrides: { Streem_Base_Url: urls.streem },
        trustedSites: {
            Streem: { endpointUrl: urls.streem, isActive: true },
            Softphone_Vendor: { endpointUrl: urls.softphone, isActive: true }
        },
        callCenterValues: {
            '/vendorSoftphone/partnerId': PARTNER_CONFIG.partnerId,
            '/vendorSoftphone/businessSegmentId': PARTNER_CONFIG.businessSegmentId,
            '/vendorSoftphone/channelOriginId': PARTNER_CONFIG.channelOriginId,
            '/vendorSoftphone/dialFrom': DIAL_FROM,
            '/vendorSoftphone/presenceStatuses': PRESENCE_STATUSES.map((s) => `${s.id}=${s.label}`).join(';')
        },
        customSettings: {
            Call_Pop_Settings__c: { organization: { No_Match__c: 'newLead', Multiple_Matches__c: 'ask' } }
        }
    };
}
