/**
 * The workbench's Lightning pages: which of the package's components sit where on each record
 * page, as an admin would arrange them in Lightning App Builder. A component that does not exist
 * yet, is not exposed, or is not allowed on that object shows a notice instead (App Builder would
 * not offer it). Design properties start from the js-meta.xml defaults; `properties` overrides them.
 */

export interface PageSlot {
    /** 'c/<bundle>' */
    component: string;
    /** Design-attribute values, as set in App Builder. */
    properties?: Record<string, string | number | boolean>;
}

export interface RecordPageLayout {
    /** The wide column, under the record details. */
    main: PageSlot[];
    /** The right sidebar. */
    sidebar: PageSlot[];
}

export const RECORD_PAGES: Record<string, RecordPageLayout> = {
    Lead: {
        main: [{ component: 'c/streemEmbed' }],
        sidebar: [{ component: 'c/softphoneBridge' }, { component: 'c/streemCallLog' }]
    },
    Account: {
        main: [{ component: 'c/streemEmbed' }],
        sidebar: [{ component: 'c/softphoneBridge' }, { component: 'c/streemCallLog' }]
    },
    Contact: {
        main: [{ component: 'c/streemEmbed' }],
        sidebar: [{ component: 'c/softphoneBridge' }, { component: 'c/streemCallLog' }]
    }
};
