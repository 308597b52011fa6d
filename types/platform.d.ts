/**
 * Types for Salesforce platform modules that @salesforce/lightning-types does not
 * (yet) declare. Only what this package uses; shapes follow the LWC developer
 * guide for each module. Test-only helpers live in force-app/test/jest-mocks.
 */
/// <reference types="@salesforce/lightning-types" />

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/messageChannel/*' {
    const channel: unknown;
    export default channel;
}

declare module '@salesforce/resourceUrl/*' {
    const url: string;
    export default url;
}

declare module '@salesforce/i18n/*' {
    const value: string;
    export default value;
}

declare module 'lightning/uiRecordApi' {
    import type { WireAdapterConstructor } from 'lwc';

    export interface FieldValueRepresentation {
        value: unknown;
        displayValue: string | null;
    }
    export interface RecordRepresentation {
        id: string;
        apiName: string;
        fields: Record<string, FieldValueRepresentation>;
    }
    export type FieldId = string | { objectApiName: string; fieldApiName: string };
    export interface GetRecordConfig {
        recordId?: string;
        fields?: FieldId[];
        optionalFields?: FieldId[];
        layoutTypes?: string[];
        modes?: string[];
    }
    /** What an LDS wire delivers: data or error, never both. */
    export interface WireResult<T> {
        data?: T;
        error?: unknown;
    }
    export const getRecord: WireAdapterConstructor<GetRecordConfig, WireResult<RecordRepresentation>>;
    export function getFieldValue(record: RecordRepresentation | undefined, field: FieldId): unknown;
    export function getFieldDisplayValue(
        record: RecordRepresentation | undefined,
        field: FieldId
    ): string | null | undefined;
    export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void>;
}

declare module 'lightning/navigation' {
    import type { WireAdapterConstructor } from 'lwc';

    export interface PageReference {
        type: string;
        attributes?: Record<string, unknown>;
        state?: Record<string, string | undefined>;
    }
    // Mixins take a constructor of any signature (TypeScript's mixin pattern requires any[] here).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    type Constructor<T = object> = new (...args: any[]) => T;
    interface NavigationMixinApi {
        <TBase extends Constructor>(
            Base: TBase
        ): TBase &
            Constructor<{
                [NavigationMixin.Navigate](pageReference: PageReference, replace?: boolean): void;
                [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
            }>;
        readonly Navigate: unique symbol;
        readonly GenerateUrl: unique symbol;
    }
    export const NavigationMixin: NavigationMixinApi;
    export const CurrentPageReference: WireAdapterConstructor<Record<string, never>, PageReference>;
}

declare module 'lightning/messageService' {
    import type { WireAdapterConstructor } from 'lwc';

    export interface MessageContext {
        readonly __brand: 'MessageContext';
    }
    export interface Subscription {
        readonly __brand: 'Subscription';
    }
    export const APPLICATION_SCOPE: symbol;
    export const MessageContext: WireAdapterConstructor<Record<string, never>, MessageContext>;
    export function publish(context: MessageContext, channel: unknown, message?: unknown): void;
    export function subscribe(
        context: MessageContext,
        channel: unknown,
        listener: (message: unknown) => void,
        subscriberOptions?: { scope?: symbol }
    ): Subscription;
    export function unsubscribe(subscription: Subscription | null | undefined): void;
    export function createMessageContext(): MessageContext;
    export function releaseMessageContext(context: MessageContext): void;
}

declare module 'lightning/graphql' {
    import type { WireAdapterConstructor } from 'lwc';

    /** A parsed GraphQL document (LWC guide, reference-graphql-wire). */
    export interface GraphQLDocument {
        readonly __brand?: 'GraphQLDocument';
    }
    export interface GraphQLError {
        message: string;
        [key: string]: unknown;
    }
    /** What the wire delivers: `data` and `errors` (GraphQL's own response shape, not `error`). */
    export interface GraphQLResult<T = unknown> {
        data?: T;
        errors?: GraphQLError[];
        refresh?: () => Promise<void>;
    }
    export interface GraphQLConfig {
        query?: GraphQLDocument;
        variables?: Record<string, unknown>;
        operationName?: string;
    }
    export function gql(strings: TemplateStringsArray, ...values: unknown[]): GraphQLDocument;
    export const graphql: WireAdapterConstructor<GraphQLConfig, GraphQLResult>;
    /** Imperative mutations (LWC guide, reference-graphql-mutation); resolves `{ data, errors }`. */
    export function executeMutation<T = unknown>(config: {
        query: GraphQLDocument;
        variables?: Record<string, unknown>;
        operationName?: string;
    }): Promise<GraphQLResult<T>>;
}

declare module 'lightning/platformWorkspaceApi' {
    import type { WireAdapterConstructor } from 'lwc';
    import type { PageReference } from 'lightning/navigation';

    /** A workspace tab (Console guide, getAllTabInfo): the fields used here. */
    export interface TabInfo {
        tabId: string;
        recordId?: string;
        pageReference?: PageReference;
        subtabs?: TabInfo[];
        focused?: boolean;
    }
    export const IsConsoleNavigation: WireAdapterConstructor<Record<string, never>, boolean>;
    export function openTab(options: {
        pageReference?: PageReference;
        recordId?: string;
        url?: string;
        focus?: boolean;
        label?: string;
    }): Promise<string>;
    export function focusTab(tabId: string): Promise<void>;
    export function getAllTabInfo(): Promise<TabInfo[]>;
}

declare module 'lightning/pageReferenceUtils' {
    export function encodeDefaultFieldValues(values: Record<string, unknown>): string;
    export function decodeDefaultFieldValues(encoded: string): Record<string, string>;
}

declare module 'lightning/uiObjectInfoApi' {
    import type { WireAdapterConstructor } from 'lwc';

    /** getObjectInfos (LWC guide, reference-get-object-infos): one result per object, `statusCode` 200 when readable. */
    export interface GetObjectInfosConfig {
        objectApiNames: readonly string[];
    }
    export const getObjectInfos: WireAdapterConstructor<GetObjectInfosConfig, { data?: unknown; error?: unknown }>;
}
