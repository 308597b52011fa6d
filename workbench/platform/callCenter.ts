/**
 * What `sforce.opencti.getCallCenterSettings` returns in the workbench: the call center's settings
 * as a flat map keyed '/section/item' (Open CTI guide, getCallCenterSettings() for Lightning
 * Experience), with the softphone URL pointed at the workbench's reference softphone origin.
 *
 * The package's call center definition (src/callCenter/definition.ts) is the source of truth: this
 * module uses its `toSettingsMap(CALL_CENTER, values)`, and a small placeholder map only if that
 * module is missing or does not load (while it is being written).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths';

const DEFINITION = path.join(ROOT, 'src', 'callCenter', 'definition.ts');

/** Placeholder until src/callCenter/definition.ts lands; mirrors the items Lightning needs (platform notes). */
const PLACEHOLDER: Record<string, string> = {
    '/reqGeneralInfo/reqInternalName': 'StreemSoftphone',
    '/reqGeneralInfo/reqDisplayName': 'Streem Softphone',
    '/reqGeneralInfo/reqAdapterUrl': '/apex/SoftphoneAdapter',
    '/reqGeneralInfo/reqUseApi': 'true',
    '/reqGeneralInfo/reqSoftphoneHeight': '460',
    '/reqGeneralInfo/reqSoftphoneWidth': '320',
    '/reqGeneralInfo/reqSalesforceCompatibilityMode': 'Lightning',
    '/vendorSoftphone/softphoneUrl': 'https://softphone.example.com',
    '/vendorSoftphone/softphoneOrigin': 'https://softphone.example.com'
};

export interface CallCenterSettings {
    settings: Record<string, string>;
    source: 'definition' | 'placeholder';
}

function isStringMap(value: unknown): value is Record<string, string> {
    return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

/** Loads the call center settings and points the softphone URL and origin settings at `softphoneOrigin`. */
export async function loadCallCenterSettings(softphoneOrigin: string): Promise<CallCenterSettings> {
    let settings: Record<string, string> = { ...PLACEHOLDER };
    let source: CallCenterSettings['source'] = 'placeholder';
    if (fs.existsSync(DEFINITION)) {
        try {
            const mod = (await import(DEFINITION)) as Record<string, unknown>;
            const candidate =
                typeof mod.toSettingsMap === 'function' && mod.CALL_CENTER
                    ? (mod.toSettingsMap as (d: unknown) => unknown)(mod.CALL_CENTER)
                    : undefined;
            if (isStringMap(candidate)) {
                settings = { ...candidate };
                source = 'definition';
            } else {
                console.warn(
                    'workbench: src/callCenter/definition.ts has no toSettingsMap(CALL_CENTER); using the placeholder settings.'
                );
            }
        } catch (error) {
            console.warn(
                `workbench: could not load src/callCenter/definition.ts (${error instanceof Error ? error.message : String(error)}); using the placeholder settings.`
            );
        }
    }
    for (const key of Object.keys(settings)) {
        // What the workbench's admin entered: the reference softphone's address (not the labels/sortOrders).
        if (/\/label$|\/sortOrder$/.test(key) || /adapter/i.test(key)) continue;
        if (/softphone(Url|Origin)$/i.test(key))
            settings[key] = /Url$/i.test(key) ? `${softphoneOrigin}/` : softphoneOrigin;
    }
    return { settings, source };
}
