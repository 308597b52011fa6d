/**
 * streemEmbed's decisions as pure functions: which fields to read, what the invite says,
 * and whether it can be shown. The component only wires these to the platform.
 */
import {
    buildEmbedUrl,
    defaultTemplates,
    normalizeCallingCode,
    normalizeRedirect,
    parsePhone,
    parseTemplate,
    RECORD_ID_TEMPLATE,
    renderFirst,
    renderRefId,
    renderTemplate,
    resolveBaseUrl,
    templateFields
} from 'c/streemUrl';
import type { FieldLookup, ParsedTemplate, PhoneProblem } from 'c/streemUrl';

/** The App Builder properties, as set (blank means "use the default"). */
export interface EmbedSettings {
    baseUrl?: string | null;
    /** Value of the Streem_Base_Url custom label, used when baseUrl is blank. */
    labelBaseUrl: string;
    nameTemplate?: string | null;
    phoneTemplate?: string | null;
    refIdTemplate?: string | null;
    source?: string | null;
    callingCode?: string | null;
    redirect?: string | null;
}

/** Checked settings for one object. */
export interface EmbedConfig {
    baseUrl: string;
    callingCode: string | undefined;
    source: string;
    redirect: string;
    name: ParsedTemplate[];
    phone: ParsedTemplate[];
    refId: ParsedTemplate;
}

/** What the invite will carry. */
export interface Invite {
    name: string;
    phone: string;
    refId: string;
}

/** Why the agent must check the details before inviting. */
export type InviteProblem = 'phoneMissing' | 'phoneInvalid' | 'nameMissing';

export type InviteCheck = { ok: true; url: string } | { ok: false; problem: InviteProblem };

/** Checks every setting once; throws StreemUrlError naming the property at fault. */
export function resolveEmbedConfig(settings: EmbedSettings, objectApiName: string | null | undefined): EmbedConfig {
    const defaults = defaultTemplates(objectApiName);
    const baseUrl = resolveBaseUrl(settings.baseUrl, settings.labelBaseUrl);
    const callingCode = normalizeCallingCode(settings.callingCode);
    const redirect = settings.redirect ?? '';
    normalizeRedirect(redirect);
    const name = orDefaults(settings.nameTemplate, defaults.name, 'nameTemplate');
    const phone = orDefaults(settings.phoneTemplate, defaults.phone, 'phoneTemplate');
    const refIdTemplate = settings.refIdTemplate?.trim() ? settings.refIdTemplate : defaults.refId;
    const refId = parseTemplate(refIdTemplate, 'refIdTemplate');
    return { baseUrl, callingCode, source: (settings.source ?? '').trim(), redirect, name, phone, refId };
}

function orDefaults(
    template: string | null | undefined,
    defaults: readonly string[],
    property: string
): ParsedTemplate[] {
    const chosen = template && template.trim() ? [template] : defaults;
    return chosen.map((t) => parseTemplate(t, property));
}

/** The getRecord optionalFields for the config on this object (always including Id). */
export function embedFields(config: EmbedConfig, objectApiName: string): string[] {
    return templateFields(
        [parseTemplate(RECORD_ID_TEMPLATE), config.refId, ...config.name, ...config.phone],
        objectApiName
    );
}

/**
 * The invite values from the record (missing fields are blank). The phone is the first template's
 * number that reads as one ("n/a" in Mobile does not hide a good Phone); when none does, the first
 * non-blank value, so the agent is told what is wrong with it. A reference ID template that is
 * blank on this record gives the record's Id, as streemCallLog reads it, so the call still lands
 * in this record's call log.
 */
export function readInvite(config: EmbedConfig, objectApiName: string | null | undefined, lookup: FieldLookup): Invite {
    return {
        name: renderFirst(config.name, objectApiName, lookup),
        phone: firstUsablePhone(config, objectApiName, lookup),
        refId: renderRefId(config.refId, objectApiName, lookup)
    };
}

function firstUsablePhone(config: EmbedConfig, objectApiName: string | null | undefined, lookup: FieldLookup): string {
    let firstWritten = '';
    for (const template of config.phone) {
        const value = renderTemplate(template, objectApiName, lookup).trim();
        if (!value) continue;
        if (parsePhone(value, config.callingCode).ok) return value;
        firstWritten ||= value;
    }
    return firstWritten;
}

/** The embed URL for an invite, or the first problem the agent must fix (phone before name). */
export function checkInvite(config: EmbedConfig, invite: Invite): InviteCheck {
    const phone = parsePhone(invite.phone, config.callingCode);
    if (!phone.ok) return { ok: false, problem: phoneProblem(phone.reason) };
    if (!invite.name.trim()) return { ok: false, problem: 'nameMissing' };
    const url = buildEmbedUrl({
        baseUrl: config.baseUrl,
        name: invite.name.trim(),
        phone: invite.phone,
        refId: invite.refId,
        source: config.source,
        callingCode: config.callingCode,
        redirect: config.redirect
    });
    return { ok: true, url };
}

function phoneProblem(reason: PhoneProblem): InviteProblem {
    return reason === 'missing' ? 'phoneMissing' : 'phoneInvalid';
}
