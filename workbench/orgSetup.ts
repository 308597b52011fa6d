/**
 * What the workbench org's admin has set up after deploying the package, as the package's
 * post-install steps tell an admin to: the Streem address in the Streem_Base_Url custom label
 * (Setup > Custom Labels), and the CSP Trusted Sites pointed at the addresses actually used
 * (Setup > Trusted URLs). Here those addresses are the workbench's own origins.
 */
import type { WorkbenchUrls } from './server';

export interface OrgSetup {
    /** Custom label values an admin edited in Setup (the package's labels hold the shipped defaults). */
    labelOverrides: Record<string, string>;
    /** CSP Trusted Site endpoint URLs by trusted site name, as the admin entered them. */
    trustedSiteUrls: Record<string, string>;
}

export function orgSetup(urls: WorkbenchUrls): OrgSetup {
    return {
        labelOverrides: { Streem_Base_Url: urls.streem },
        trustedSiteUrls: { Streem: urls.streem, Softphone_Vendor: urls.softphone }
    };
}
