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
