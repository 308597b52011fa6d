/**
 * Where the published Metadata API types (@salesforce/types, metadata.d.ts) and the
 * source-format XML we deploy disagree. Every exception the schema check makes is
 * listed here with its reason; nothing else is relaxed.
 */

/** The namespace every Metadata API root element must declare (`xmlns`). */
export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

/**
 * Attributes are not part of the Metadata API types (fields are elements), but the
 * XML itself needs some: `xmlns` (and `xmlns:xsi`) on the root, and `xsi:nil` /
 * `xsi:type` where the SOAP encoding uses them (retrieved files carry them).
 */
export const ROOT_ATTRIBUTES = new Set(['xmlns', 'xmlns:xsi']);
export const ANY_ELEMENT_ATTRIBUTES = new Set(['xsi:nil', 'xsi:type']);

/**
 * Fields typed as a scalar in the .d.ts that are nested XML in source format. The
 * schema check treats them as opaque; a dedicated check validates their structure.
 * - LightningComponentBundle.targetConfigs is `base64Binary` in the Metadata API
 *   (typed `string`), but in a .js-meta.xml it is `<targetConfig>` elements: checked
 *   by targetConfigs.ts. (Metadata API reference: LightningComponentBundle.)
 */
export const OPAQUE_FIELDS: Readonly<Record<string, readonly string[]>> = {
    LightningComponentBundle: ['targetConfigs']
};

/**
 * Fields of a metadata type (the file's root element) that source format carries in
 * another file, so the element must not appear in the -meta.xml (a nested type's field
 * of the same name, such as AppActionOverride.content, is an ordinary element):
 * - `content` (MetadataWithContent: ApexPage, StaticResource, ...) is the content file
 *   beside the -meta.xml (X.page, X.js, ...).
 * - LightningComponentBundle.lwcResources is the bundle's own files.
 */
export const CONTENT_FILE_FIELDS: Readonly<Record<string, string>> = {
    content: 'source format keeps the content in the file beside the -meta.xml, not in a <content> element',
    lwcResources: 'source format keeps the bundle files in the component folder, not in <lwcResources>'
};

/**
 * Fields the platform accepts that the .d.ts lacks, by type. Add one only after
 * checking the Metadata API reference (and cite it here). None is needed for the
 * types this package deploys: CspTrustedSite, CallCenter, LightningComponentBundle,
 * CustomLabels, ApexPage, StaticResource, LightningMessageChannel, PermissionSet,
 * WebLink, CustomApplication and FlexiPage match their Metadata API reference pages
 * (checked 2026-11; FlexiPage and CustomApplication 2026-12).
 */
export const EXTRA_FIELDS: Readonly<
    Record<string, Readonly<Record<string, { kind: 'string' | 'number' | 'boolean' }>>>
> = {};
