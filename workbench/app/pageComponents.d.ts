/** Types of the module workbench/build.ts generates (.build/workbench/gen/pageComponents.js) from workbench/layout.ts. */
export interface GeneratedSlot {
    key: string;
    /** The FlexiPage's componentName. */
    componentName: string;
    /** 'c/<bundle>' for a package component the page can hold. */
    specifier?: string;
    tag: string;
    /** The component's constructor, when it can go on this page. */
    ctor?: unknown;
    properties?: Record<string, unknown>;
    /** A standard component the workbench draws in its place. */
    draws?: 'details' | 'activity';
    /** Why the slot shows a notice instead of the component. */
    notice?: string;
}
export interface GeneratedUtilityItem {
    key: string;
    kind: 'softphone' | 'component';
    label: string;
    icon: string;
    width: number;
    height: number;
    eager: boolean;
    slot?: GeneratedSlot;
}
export declare const APP_LABEL: string;
export declare const PAGES: Record<string, { flexiPage: string; main: GeneratedSlot[]; sidebar: GeneratedSlot[] }>;
export declare const UTILITY_ITEMS: GeneratedUtilityItem[];
/** Constructors of the package's URL-addressable components, by their URL name (c__<bundle>). */
export declare const URL_COMPONENTS: Record<string, unknown>;
