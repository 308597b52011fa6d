/**
 * `lightning/graphql` for the workbench: the `graphql` wire adapter and the `gql` tag, answered by the
 * workbench org's GraphQL API (platform/org/graphql.ts, on the app origin at /workbench/api/graphql).
 *
 * Follows the LWC guide's "graphql" (reference-graphql-wire.html) and "refresh"
 * (reference-graphql-refresh.html), and the GraphQL guide's "Query Your Data" and "Update Cached Query
 * Results" (graphql-wire-lwc-query.html, graphql-wire-lwc-refresh.html):
 * - config `{ query, variables, operationName }`; `query` is a document parsed by `gql` (a syntax error
 *   throws there); a config without a query requests nothing (dynamic query construction);
 * - the wire emits `{ data, errors }` as the GraphQL response specification has them (`errors`, not
 *   `error`), `data` and `errors` together for a partial answer, starting with both undefined while
 *   loading, and a `refresh()` that re-runs the same query, variables and operation name and resolves
 *   once fresh data has been delivered;
 * - results are cached: another wire with the same query and variables gets the cached answer without
 *   a request, and LDS does not re-evaluate a query when records change, only `refresh` does.
 * - `executeMutation({ query, variables, operationName })` (reference-graphql-mutation.html) runs a
 *   mutation imperatively (never with @wire) and resolves `{ data, errors }`; mutations are never cached.
 */
import { parse, print, type DocumentNode } from 'graphql';
import { config, emit, log } from 'lex/runtime';

interface GraphqlConfig {
    query?: DocumentNode | null;
    variables?: Record<string, unknown> | null;
    operationName?: string | null;
}

interface GraphqlError {
    message: string;
    locations?: { line: number; column: number }[];
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
}

interface WireValue {
    data: unknown;
    errors: GraphqlError[] | undefined;
    refresh: () => Promise<void>;
}

/** Parses a GraphQL document; interpolated values are pasted in as text (fragments, field lists). */
export function gql(strings: TemplateStringsArray | string, ...values: unknown[]): DocumentNode {
    const source =
        typeof strings === 'string'
            ? strings
            : strings.reduce((out, part, i) => {
                  const value = i > 0 ? values[i - 1] : '';
                  const text =
                      value && typeof value === 'object' && (value as { kind?: unknown }).kind === 'Document'
                          ? print(value as DocumentNode)
                          : typeof value === 'string' || typeof value === 'number'
                            ? String(value)
                            : '';
                  return out + text + part;
              }, '');
    return parse(source);
}

const cache = new Map<string, { data: unknown; errors: GraphqlError[] | undefined }>();

async function fetchAnswer(body: { query: string; variables: unknown; operationName: unknown }) {
    try {
        const response = await fetch('/workbench/api/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ ...body, apiVersion: config().apiVersion })
        });
        const answer = (await response.json()) as { data?: unknown; errors?: GraphqlError[] };
        if (!response.ok && !answer.errors)
            return { data: undefined, errors: [{ message: `HTTP ${response.status}` }] };
        return { data: answer.data ?? undefined, errors: answer.errors?.length ? answer.errors : undefined };
    } catch (error) {
        return { data: undefined, errors: [{ message: error instanceof Error ? error.message : String(error) }] };
    }
}

/** Wire adapter behind @wire(graphql, { query, variables, operationName }). */
export class graphql {
    private config: GraphqlConfig | undefined;
    private connected = false;
    private request = 0;
    private readonly refresh = (): Promise<void> => this.load(true);

    constructor(private readonly dataCallback: (value: WireValue) => void) {}

    update(config: GraphqlConfig): void {
        this.config = config;
        void this.load(false);
    }

    connect(): void {
        this.connected = true;
        this.dataCallback({ data: undefined, errors: undefined, refresh: this.refresh });
        void this.load(false);
    }

    disconnect(): void {
        this.connected = false;
    }

    private async load(fresh: boolean): Promise<void> {
        const query = this.config?.query;
        if (!this.connected || !query) return;
        const body = {
            query: print(query),
            variables: this.config?.variables ?? {},
            operationName: this.config?.operationName ?? undefined
        };
        const key = JSON.stringify(body);
        const request = ++this.request;
        const cached = cache.get(key);
        const answer = !fresh && cached ? cached : await fetchAnswer(body);
        if (!cached || fresh) {
            cache.set(key, answer);
            log(
                'org',
                `graphql ${body.operationName ?? ''}: ${answer.errors ? `${answer.errors.length} error(s)` : 'ok'}`,
                !answer.errors
            );
        }
        if (request !== this.request || !this.connected) return;
        this.dataCallback({ data: answer.data, errors: answer.errors, refresh: this.refresh });
    }
}

/** Runs a GraphQL mutation (create, update) imperatively; resolves `{ data, errors }`, never rejects for GraphQL errors. */
export async function executeMutation(
    config: GraphqlConfig
): Promise<{ data: unknown; errors: GraphqlError[] | undefined }> {
    if (!config?.query)
        return { data: undefined, errors: [{ message: 'executeMutation needs a query parsed by gql.' }] };
    const answer = await fetchAnswer({
        query: print(config.query),
        variables: config.variables ?? {},
        operationName: config.operationName ?? undefined
    });
    log(
        'org',
        `graphql mutation ${config.operationName ?? ''}: ${answer.errors ? answer.errors.map((e) => e.message).join('; ') : 'ok'}`,
        !answer.errors
    );
    if (!answer.errors) emit('tasks-changed');
    return answer;
}
