/**
 * What `npm run deploy` sends to an org. The first install sends everything under force-app. An
 * update (the call center SoftphoneBridge is already in the org) leaves out the components an admin
 * sets up after the install, because a deploy replaces a component whole: deploying them again
 * would put the shipped placeholders back (the softphone address, the trusted sites, Streem's
 * address) and silently break the softphone for every agent. `--include-config` sends them anyway.
 */

/** Components the admin owns once installed: `Type:Member` as a manifest lists them, and why. */
export const ADMIN_OWNED: ReadonlyArray<{ type: string; member: string; why: string }> = [
    { type: 'CallCenter', member: 'SoftphoneBridge', why: 'the softphone address, partner ids and every setting' },
    { type: 'CspTrustedSite', member: 'Softphone_Vendor', why: "the vendor's address, made active" },
    { type: 'CspTrustedSite', member: 'Streem', why: "Streem's address, made active" },
    { type: 'CustomLabel', member: 'Streem_Base_Url', why: "your company's Streem address" },
    { type: 'WebLink', member: 'Lead.Streem_Video_Call', why: "the Lead button's Streem address" }
];

/** The SOQL that tells an update from a first install. */
export const INSTALLED_QUERY = "SELECT Id FROM CallCenter WHERE InternalName = 'SoftphoneBridge'";

/**
 * The manifest without the admin-owned members (a type left with no member is dropped); also the
 * members left out, as `Type:Member`.
 */
export function withoutAdminOwned(manifest: string): { xml: string; leftOut: string[] } {
    return withoutMembers(manifest, ADMIN_OWNED);
}

/** The manifest without these members (a type left with no member is dropped), and what was left out. */
export function withoutMembers(
    manifest: string,
    members: ReadonlyArray<{ type: string; member: string }>
): { xml: string; leftOut: string[] } {
    const leftOut: string[] = [];
    const xml = manifest.replace(/[ \t]*<types>([\s\S]*?)<\/types>\r?\n?/g, (block: string, body: string) => {
        const type = /<name>([^<]+)<\/name>/.exec(body)?.[1]?.trim() ?? '';
        const owned = new Set(members.filter((c) => c.type === type).map((c) => c.member));
        if (owned.size === 0) return block;
        let kept = 0;
        const filtered = block.replace(/[ \t]*<members>([^<]*)<\/members>\r?\n?/g, (line: string, member: string) => {
            if (owned.has(member.trim())) {
                leftOut.push(`${type}:${member.trim()}`);
                return '';
            }
            kept += 1;
            return line;
        });
        return kept > 0 ? filtered : '';
    });
    return { xml, leftOut };
}
