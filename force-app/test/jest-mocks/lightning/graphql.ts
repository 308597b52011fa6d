/**
 * lightning/graphql for Jest: the `graphql` wire adapter as a test wire adapter that emits
 * `{ data, errors }` (the module's documented result shape; LWC guide, reference-graphql-wire),
 * `gql` that keeps the query text (sfdx-lwc-jest's stub returns undefined, which a component cannot
 * tell from "no query"), and `executeMutation` as a mock resolving `{ data, errors }` (LWC guide,
 * reference-graphql-mutation).
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

type TestAdapterClass = (new (dataCallback: (value: unknown) => void) => object) & {
    emit(value: unknown): void;
    getLastConfig(): unknown;
};
const TestAdapter = createTestWireAdapter() as unknown as TestAdapterClass;

export class graphql extends TestAdapter {
    static emitData(value: unknown): void {
        graphql.emit({ data: value, errors: undefined });
    }

    static emitErrors(errors: unknown[]): void {
        graphql.emit({ data: undefined, errors });
    }
}

export const gql = jest.fn((strings: TemplateStringsArray, ...values: unknown[]) => ({
    kind: 'Document',
    source: String.raw(strings, ...values)
}));

export const executeMutation = jest.fn().mockResolvedValue({ data: {}, errors: undefined });
