/**
 * Hierarchy custom settings, as `{!$Setup.Setting__c.Field__c}` reads them on a Visualforce page.
 *
 * Follows the Visualforce Developer Guide's "$Setup" (developer.salesforce.com/docs/platform/
 * salesforce-pages-developers-guide/guide/pages-variables-global-setup.html): $Setup reads custom
 * settings of type "hierarchy" only ("Custom settings of type 'list' aren't available on Visualforce
 * pages using this global variable"); a value can be set for the Organization (the default for
 * everyone), a Profile (overrides the Organization value) and a User (overrides both), and "Salesforce
 * automatically determines the correct value ... based on the running user's current context". Each
 * field is resolved on its own, from the lowest level that defines it (Apex Developer Guide,
 * "Hierarchy Custom Setting Methods", getInstance: "fields ... merged based on the lowest level fields
 * that are defined in the hierarchy"). A setting with no data reads empty: packages carry custom
 * setting definitions, not data (Salesforce Help, "Protection and Privacy Options for Custom Settings":
 * "Only custom settings definitions are included in packages, not data"); the admin adds the records.
 *
 * Definitions come from the package's objects/<Name>/ metadata (customSettingsType, fields); the data
 * is the workbench org's (orgSetup.ts, then what a test sets as an admin would in Setup).
 */
import { XMLParser } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_DIR } from '../paths';

export interface CustomSettingDefinition {
    name: string;
    type: 'Hierarchy' | 'List';
    /** Field API names and their metadata types (Text, Checkbox, Number, ...). */
    fields: Map<string, { type: string; length?: number }>;
}

/** One setting's records: the org default, per profile Id, per user Id; each a field → value map. */
export interface HierarchyData {
    organization?: Record<string, string | number | boolean | null>;
    profiles?: Record<string, Record<string, string | number | boolean | null>>;
    users?: Record<string, Record<string, string | number | boolean | null>>;
}

export type CustomSettingData = Record<string, HierarchyData>;

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

/** The package's custom settings (objects whose object-meta.xml has customSettingsType). */
export function readCustomSettings(
    dir: string = path.join(DEFAULT_DIR, 'objects')
): Map<string, CustomSettingDefinition> {
    const out = new Map<string, CustomSettingDefinition>();
    if (!fs.existsSync(dir)) return out;
    for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name, `${name}.object-meta.xml`);
        if (!fs.existsSync(file)) continue;
        const object = (
            parser.parse(fs.readFileSync(file, 'utf8')) as { CustomObject?: { customSettingsType?: string } }
        ).CustomObject;
        const type = object?.customSettingsType;
        if (type !== 'Hierarchy' && type !== 'List') continue;
        const fields = new Map<string, { type: string; length?: number }>();
        const fieldsDir = path.join(dir, name, 'fields');
        for (const fieldFile of fs.existsSync(fieldsDir) ? fs.readdirSync(fieldsDir) : []) {
            if (!fieldFile.endsWith('.field-meta.xml')) continue;
            const field = (
                parser.parse(fs.readFileSync(path.join(fieldsDir, fieldFile), 'utf8')) as {
                    CustomField?: { fullName?: string; type?: string; length?: string };
                }
            ).CustomField;
            const fieldName = field?.fullName ?? fieldFile.replace(/\.field-meta\.xml$/, '');
            fields.set(fieldName, {
                type: field?.type ?? 'Text',
                length: field?.length ? Number(field.length) : undefined
            });
        }
        out.set(name, { name, type, fields });
    }
    return out;
}

export class CustomSettingError extends Error {}

/**
 * The value `{!$Setup.<setting>.<field>}` renders for a user: the user's record, then the profile's,
 * then the org default, field by field; '' when no level sets it.
 */
export function resolveSetup(
    definitions: ReadonlyMap<string, CustomSettingDefinition>,
    data: CustomSettingData,
    user: { userId: string; profileId: string },
    setting: string,
    field: string
): string {
    const definition = definitions.get(setting);
    if (!definition) throw new CustomSettingError(`no custom setting ${setting} in the package.`);
    if (definition.type !== 'Hierarchy')
        throw new CustomSettingError(
            `${setting} is a list custom setting; $Setup reads hierarchy custom settings only.`
        );
    if (!definition.fields.has(field)) throw new CustomSettingError(`${setting} has no field ${field}.`);
    const records = data[setting] ?? {};
    for (const level of [records.users?.[user.userId], records.profiles?.[user.profileId], records.organization]) {
        const value = level?.[field];
        if (value !== undefined && value !== null && value !== '') return String(value);
    }
    return '';
}
