/** Types of the module workbench/build.ts generates (.build/workbench/gen/pageComponents.js). */
export interface GeneratedSlot {
    key: string;
    specifier: string;
    tag: string;
    /** The component's constructor, when it can go on this page. */
    ctor?: unknown;
    properties?: Record<string, unknown>;
    /** Why the slot shows a notice instead of the component. */
    notice?: string;
}
export declare const PAGES: Record<string, { main: GeneratedSlot[]; sidebar: GeneratedSlot[] }>;
