/**
 * Lightning's Content Security Policy and Permissions-Policy, built from the org's CSP Trusted Sites
 * the way Salesforce builds them.
 *
 * Sources:
 * - LWC/Aura guide, "Content Security Policy Overview" (security_csp.htm): script-src 'self' (all
 *   JavaScript from the org; stricter CSP, always on, forbids 'unsafe-inline' for scripts,
 *   security_csp_stricter.htm); font-src, img-src, media-src, frame-src, style-src and connect-src
 *   are 'self' plus the trusted URLs that allow each directive.
 * - Metadata API, CspTrustedSite: `isActive`, `context` (All | LEX | VisualForce | …), one
 *   `isApplicableTo*Src` flag per directive (no script-src flag exists), `canAccessCamera` /
 *   `canAccessMicrophone`, which apply when Session Settings turn the Permissions-Policy header on
 *   with camera and microphone limited to trusted URLs (shared/reference/wave2-platform-notes.md §5).
 * - 'unsafe-eval' stays in script-src: Lightning Web Security evaluates each namespace's code in its
 *   sandbox realm with that realm's evaluator (`@locker/sandbox`, createRedConnector), which a
 *   policy without it refuses — so Lightning's own policy must carry it.
 * - Visualforce pages without `cspHeader="true"` are not limited by trusted sites; Salesforce's
 *   clickjack protection lets only Salesforce frame them (frame-ancestors).
 */

/** A trusted site as the org has it: the package's metadata, then whatever the admin changed in Setup. */
export interface OrgTrustedSite {
    name: string;
    endpointUrl: string;
    isActive: boolean;
    context: string;
    connectSrc: boolean;
    fontSrc: boolean;
    frameSrc: boolean;
    imgSrc: boolean;
    mediaSrc: boolean;
    styleSrc: boolean;
    canAccessCamera: boolean;
    canAccessMicrophone: boolean;
}

/** Where a policy is served: Lightning Experience pages, or Visualforce pages. */
export type CspContext = 'LEX' | 'VisualForce';

const FLAG_DIRECTIVES = [
    ['connectSrc', 'connect-src'],
    ['fontSrc', 'font-src'],
    ['frameSrc', 'frame-src'],
    ['imgSrc', 'img-src'],
    ['mediaSrc', 'media-src'],
    ['styleSrc', 'style-src']
] as const;

/** The sites that count on a page of this context: active, for All or for this context. */
export function sitesFor(sites: readonly OrgTrustedSite[], context: CspContext): OrgTrustedSite[] {
    return sites.filter((s) => s.isActive && s.endpointUrl && (s.context === 'All' || s.context === context));
}

/**
 * The Lightning page's CSP. `platformOrigins` are the org's own other domains that Lightning itself
 * frames or calls (the Visualforce domain of the Open CTI adapter); they are Salesforce's, not
 * trusted sites.
 */
export function lightningCsp(
    sites: readonly OrgTrustedSite[],
    platform: { frameOrigins: readonly string[]; connectOrigins?: readonly string[] }
): string {
    const active = sitesFor(sites, 'LEX');
    const allowed = (flag: (typeof FLAG_DIRECTIVES)[number][0]) =>
        active.filter((s) => s[flag]).map((s) => s.endpointUrl);
    const extra: Record<string, readonly string[]> = {
        'frame-src': platform.frameOrigins,
        'connect-src': platform.connectOrigins ?? [],
        // Lightning and synthetic shadow insert component styles as <style> elements.
        'style-src': ["'unsafe-inline'"],
        'img-src': ['data:']
    };
    const directives = [
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval'",
        "object-src 'none'",
        "base-uri 'self'",
        ...FLAG_DIRECTIVES.map(([flag, name]) => [name, "'self'", ...(extra[name] ?? []), ...allowed(flag)].join(' '))
    ];
    return directives.join('; ');
}

/**
 * The Permissions-Policy header with camera and microphone limited to trusted URLs (Session Settings:
 * "Enable Permissions-Policy header", camera and microphone "Trusted URLs only"). Structured-field
 * syntax: `camera=(self "https://a.example")`.
 */
export function lightningPermissionsPolicy(sites: readonly OrgTrustedSite[]): string {
    const active = sitesFor(sites, 'LEX');
    const list = (allowedSites: OrgTrustedSite[]) =>
        ['self', ...allowedSites.map((s) => JSON.stringify(s.endpointUrl))].join(' ');
    return [
        `camera=(${list(active.filter((s) => s.canAccessCamera))})`,
        `microphone=(${list(active.filter((s) => s.canAccessMicrophone))})`
    ].join(', ');
}

/** What a Visualforce page without cspHeader gets: framed only by its own domain and Lightning. */
export function visualforceCsp(lightningOrigin: string): string {
    return `frame-ancestors 'self' ${lightningOrigin}`;
}
