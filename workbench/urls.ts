/** Where each workbench origin is served; computed by server.ts, read by the org setup and the tests. */
export interface WorkbenchUrls {
    app: string;
    visualforce: string;
    softphone: string;
    streem: string;
    hostile: string;
    ameyo: string;
    puzzel: string;
}
