/**
 * The softphone bridge core: contract, validation, call model, call logs and the bridge.
 * Plain TypeScript with no DOM, no Open CTI and no Node (checked by ./tsconfig.json), so
 * the Open CTI adapter page and a future Salesforce Voice connector share it.
 *
 * Start with `createBridge` (crm.ts) for the adapter, and `readFromAdapter` /
 * `payloadFromArguments` (validate.ts) for the vendor-side wrapper.
 */
export * from './contract';
export * from './validate';
export * from './callModel';
export * from './callLog';
export * from './logQueue';
export * from './crm';
