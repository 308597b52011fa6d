/**
 * What the adapter core shares with the Ameyo toolbar without loading it: the toolbar itself is a
 * static resource of its own (`softphoneAmeyo`, src/resources/softphoneAmeyo.ts) that the adapter
 * page loads only in `ameyoToolbar` mode (src/bridge/opencti/ameyoLoader.ts). Keep this module tiny
 * and free of imports: everything here ships in the adapter script of every call center.
 */

/** partnerId of calls the toolbar reports (seed 002 requires one; Ameyo has none). */
export const AMEYO_PARTNER_ID = 'ameyoToolbar';

/** Storage key (in the adapter tab's store, next to the log queue's) of the toolbar's call state. */
export const AMEYO_STORE_KEY = 'streemSoftphone.ameyo.v1';

/** The window property the `softphoneAmeyo` resource sets to its module when it runs. */
export const AMEYO_MODULE_GLOBAL = 'StreemSoftphoneAmeyo';

/** The `data-` attribute of the adapter root (SoftphoneAdapter.page) that holds the resource's URL. */
export const AMEYO_SCRIPT_ATTRIBUTE = 'data-ameyo-script';
