/**
 * Salesforce's GraphQL API over the workbench org, built on the `graphql` reference implementation:
 * a schema generated from the org's object metadata (objectInfo.ts) and an executor over its records.
 * Both the app origin (for the `lightning/graphql` wire adapter, platform/modules/lightning/graphql)
 * and the Visualforce origin (`POST /services/data/vXX.X/graphql` with the page's session id) answer
 * from here.
 *
 * Follows the GraphQL API Developer Guide (developer.salesforce.com/docs/platform/graphql/guide/):
 * - shape (graphql-wire-lwc-query.html, paginate.html): `query { uiapi { query { Lead(where:, first:,
 *   after:, orderBy:) { edges { node { Id Name { value displayValue } } cursor } totalCount
 *   pageResultCount pageInfo { hasNextPage endCursor ... } } } } }`; every field but Id is wrapped in a
 *   `<Type>Value` object with `value` and `displayValue`; parent relationships (Contact.Account) nest a record;
 * - filters (filter-fields.html, filter-boolean.html): each filterable field has an `<Type>Operators`
 *   input on `<Object>_Filter`: eq (strings case-insensitive), ne, like (SOQL LIKE: % and _,
 *   case-insensitive), lt, gt, lte, gte, in, nin; several operators on one field are ANDed; `and` and
 *   `or` take lists, `not` one filter; a field without the Filter property is not on the filter type;
 * - orderBy (order-by.html): `{ Name: { order: ASC|DESC, nulls: FIRST|LAST } }`;
 * - limits (query-limits.html): up to 10 subqueries (record queries) per query; each returns up to
 *   2000 records; the first 10 by default; only UI API objects; "Event and Task (Beta) available in
 *   API v59.0 and later" (Task is in the schema only from 59.0);
 * - errors: the GraphQL response spec's `{ data, errors: [{ message, locations, extensions }] }`; an
 *   unknown field is "Field 'X' in type 'Y' is undefined" (query-limits.html) with the
 *   `ValidationError` classification Salesforce's (graphql-java) server reports.
 * - mutations (mutations-schema.html, mutations-create.html, mutations-update.html; Beta v59.0–65.0,
 *   GA from v66.0): `mutation { uiapi(input: { allOrNone }) { TaskCreate(input: { Task: {...} }) {
 *   Record { Id } } TaskUpdate(input: { Id, Task: {...} }) { Record { Id } } } }`, allOrNone true by
 *   default (one failure rolls every operation back); only objects UI API supports. The workbench org
 *   writes Tasks only (store.ts); a create or update of another object is refused with an error.
 * Field types have their own scalars, as in the real schema (the types Salesforce generates from an
 * org's schema, shipped in @salesforce/templates' graphql-operations-types.ts: `PhoneNumberOperators`
 * takes `PhoneNumber`, `EmailOperators` `Email`, and so on): a variable declared `[String]` used in
 * a Phone filter's `in` fails validation here as it does in an org.
 */
import {
    buildSchema,
    execute,
    GraphQLError,
    Kind,
    OperationTypeNode,
    parse,
    validate,
    type DocumentNode,
    type GraphQLSchema,
    type OperationDefinitionNode,
    type SelectionNode
} from 'graphql';
import {
    NO_HIDDEN_FIELDS,
    OBJECT_INFO,
    visibleObjectInfo,
    type FieldInfo,
    type HiddenFields,
    type ObjectInfo,
    type UiDataType
} from './objectInfo';
import type { SObjectName, SampleRecord } from './sampleData';

/** Reads records for the executor (the OrgStore satisfies it). */
export interface GraphqlOrg {
    list(apiName: SObjectName): SampleRecord[];
    get(recordId: string): { apiName: SObjectName; record: SampleRecord } | undefined;
    /** Creates (entityApiName) or updates (Id) a record; throws an OrgError. */
    save(value: Record<string, unknown>): string;
    /** Runs writes all-or-none. */
    transaction<T>(run: () => T): T;
}

/** The first API version with GraphQL mutations (Beta v59.0, GA v66.0). */
export const MUTATIONS_SINCE = 59;

export interface GraphqlRequest {
    query?: unknown;
    variables?: unknown;
    operationName?: unknown;
}

export interface GraphqlErrorJson {
    message: string;
    locations?: { line: number; column: number }[];
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
}

export interface GraphqlResponse {
    data?: unknown;
    errors?: GraphqlErrorJson[];
}

/** Documented limits (query-limits.html). */
export const MAX_SUBQUERIES = 10;
export const MAX_RECORDS_PER_SUBQUERY = 2000;
export const DEFAULT_PAGE_SIZE = 10;
/** A request body bigger than this is refused before parsing (the workbench's own guard). */
export const MAX_QUERY_CHARS = 100_000;

const VALUE_TYPE: Record<UiDataType, string> = {
    Id: 'IDValue',
    Reference: 'IDValue',
    String: 'StringValue',
    Phone: 'PhoneNumberValue',
    Email: 'EmailValue',
    Picklist: 'PicklistValue',
    TextArea: 'TextAreaValue',
    Url: 'UrlValue',
    Date: 'DateValue',
    DateTime: 'DateTimeValue',
    Int: 'IntValue',
    Boolean: 'BooleanValue'
};
const SCALAR: Record<string, string> = {
    IDValue: 'ID',
    IntValue: 'Int',
    BooleanValue: 'Boolean',
    PhoneNumberValue: 'PhoneNumber',
    EmailValue: 'Email',
    PicklistValue: 'Picklist',
    TextAreaValue: 'TextArea',
    UrlValue: 'Url'
};
/** The real schema's scalars for these field types (their operators take them). */
const FIELD_SCALAR: Partial<Record<UiDataType, string>> = {
    Phone: 'PhoneNumber',
    Email: 'Email',
    Picklist: 'Picklist',
    TextArea: 'TextArea',
    Url: 'Url'
};
const OPERATORS: Record<UiDataType, string> = {
    Id: 'IDOperators',
    Reference: 'IDOperators',
    String: 'StringOperators',
    Phone: 'PhoneNumberOperators',
    Email: 'EmailOperators',
    Picklist: 'PicklistOperators',
    TextArea: 'TextAreaOperators',
    Url: 'UrlOperators',
    Date: 'DateOperators',
    DateTime: 'DateTimeOperators',
    Int: 'IntegerOperators',
    Boolean: 'BooleanOperators'
};

/** The objects in the schema at an API version, each with the fields the user can read. */
function objectsFor(apiVersion: number, hidden: HiddenFields = NO_HIDDEN_FIELDS): ObjectInfo[] {
    return Object.values(OBJECT_INFO)
        .filter((o) => apiVersion >= o.graphqlSince)
        .map((o) => visibleObjectInfo(o, hidden));
}

/** The schema's SDL for an API version (generated from the org's object metadata). */
export function schemaSdl(apiVersion: number, hidden: HiddenFields = NO_HIDDEN_FIELDS): string {
    const objects = objectsFor(apiVersion, hidden);
    const known = new Set(objects.map((o) => o.apiName));
    const out: string[] = [
        'type Query { uiapi: UIAPI! }',
        'type UIAPI { query: RecordQuery! }',
        'type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }',
        'enum ResultOrder { ASC DESC }',
        'enum NullOrder { FIRST LAST }',
        'input OrderByClause { order: ResultOrder nulls: NullOrder }',
        ...[...new Set(Object.values(FIELD_SCALAR))].map((scalar) => `scalar ${scalar}`)
    ];
    const valueTypes = new Set(Object.values(VALUE_TYPE));
    for (const type of valueTypes) out.push(`type ${type} { value: ${SCALAR[type] ?? 'String'} displayValue: String }`);
    const operators = new Map<string, string>();
    for (const [dataType, name] of Object.entries(OPERATORS) as [UiDataType, string][]) {
        const scalar =
            dataType === 'Int'
                ? 'Int'
                : dataType === 'Boolean'
                  ? 'Boolean'
                  : dataType === 'Id' || dataType === 'Reference'
                    ? 'ID'
                    : (FIELD_SCALAR[dataType] ?? 'String');
        const ordered = dataType !== 'Boolean';
        const text = ['String', 'Phone', 'Email', 'Picklist', 'TextArea', 'Url'].includes(dataType);
        operators.set(
            name,
            `input ${name} { eq: ${scalar} ne: ${scalar}${text ? ` like: ${scalar}` : ''}${
                ordered ? ` lt: ${scalar} gt: ${scalar} lte: ${scalar} gte: ${scalar}` : ''
            } in: [${scalar}] nin: [${scalar}] }`
        );
    }
    out.push(...operators.values());
    const queryFields: string[] = [];
    for (const object of objects) {
        const name = object.apiName;
        const nodeFields = ['Id: ID!', 'ApiName: String!', 'DisplayValue: String'];
        const filterFields = [
            `and: [${name}_Filter]`,
            `or: [${name}_Filter]`,
            `not: ${name}_Filter`,
            'Id: IDOperators'
        ];
        const orderFields = ['Id: OrderByClause'];
        for (const field of object.fields) {
            nodeFields.push(`${field.apiName}: ${VALUE_TYPE[field.dataType]}`);
            if (field.filterable) filterFields.push(`${field.apiName}: ${OPERATORS[field.dataType]}`);
            if (field.sortable) orderFields.push(`${field.apiName}: OrderByClause`);
            const parent = field.referenceTo?.length === 1 ? field.referenceTo[0] : undefined;
            if (field.relationshipName && parent && known.has(parent)) {
                nodeFields.push(`${field.relationshipName}: ${parent}`);
                filterFields.push(`${field.relationshipName}: ${parent}_Filter`);
            }
        }
        out.push(`type ${name} { ${nodeFields.join(' ')} }`);
        out.push(`type ${name}Edge { node: ${name} cursor: String! }`);
        out.push(
            `type ${name}Connection { edges: [${name}Edge] pageInfo: PageInfo! totalCount: Int! pageResultCount: Int! }`
        );
        out.push(`input ${name}_Filter { ${filterFields.join(' ')} }`);
        out.push(`input ${name}_OrderBy { ${orderFields.join(' ')} }`);
        queryFields.push(
            `${name}(first: Int, after: String, where: ${name}_Filter, orderBy: ${name}_OrderBy, upperBound: Int): ${name}Connection`
        );
    }
    out.push(`type RecordQuery { ${queryFields.join(' ')} }`);
    if (apiVersion >= MUTATIONS_SINCE) {
        const mutationFields: string[] = [];
        const inputScalar = (dataType: UiDataType): string =>
            dataType === 'Int'
                ? 'Int'
                : dataType === 'Boolean'
                  ? 'Boolean'
                  : dataType === 'Reference'
                    ? 'ID'
                    : 'String';
        for (const object of objects) {
            const name = object.apiName;
            const writable = object.fields
                .filter((field) => field.updateable !== false)
                .map((field) => `${field.apiName}: ${inputScalar(field.dataType)}`);
            out.push(`input ${name}CreateRepresentation { ${writable.join(' ')} }`);
            out.push(`input ${name}UpdateRepresentation { ${writable.join(' ')} }`);
            out.push(`input ${name}CreateInput { ${name}: ${name}CreateRepresentation! }`);
            out.push(`input ${name}UpdateInput { Id: ID! ${name}: ${name}UpdateRepresentation! }`);
            out.push(`type ${name}CreatePayload { Record: ${name} }`);
            out.push(`type ${name}UpdatePayload { success: Boolean Record: ${name} }`);
            mutationFields.push(
                `${name}Create(input: ${name}CreateInput!): ${name}CreatePayload`,
                `${name}Update(input: ${name}UpdateInput!): ${name}UpdatePayload`
            );
        }
        out.push('input UIAPIMutationsInput { allOrNone: Boolean }');
        out.push(`type UIAPIMutations { ${mutationFields.join(' ')} }`);
        out.push('type Mutation { uiapi(input: UIAPIMutationsInput): UIAPIMutations! }');
        out.push('schema { query: Query mutation: Mutation }');
    }
    return out.join('\n');
}

const schemas = new Map<string, GraphQLSchema>();

/** The schema a user gets at an API version (Task only from 59.0), without the fields FLS hides from them. */
export function uiapiSchema(apiVersion: number, hidden: HiddenFields = NO_HIDDEN_FIELDS): GraphQLSchema {
    const key = `${apiVersion}|${[...hidden].sort().join(',')}`;
    let schema = schemas.get(key);
    if (!schema) {
        schema = buildSchema(schemaSdl(apiVersion, hidden));
        schemas.set(key, schema);
    }
    return schema;
}

/* ------------------------------------------------------------------ filters */

type Filter = Record<string, unknown>;

/** SOQL LIKE: % any run, _ one character, backslash escapes; case-insensitive (SOQL reference, "Comparison Operators"). */
export function soqlLike(value: string, pattern: string): boolean {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
        const ch = pattern[i] as string;
        if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i] as string);
        else if (ch === '%') source += '[\\s\\S]*';
        else if (ch === '_') source += '[\\s\\S]';
        else source += escapeRegExp(ch);
    }
    return new RegExp(`^${source}$`, 'i').test(value);
}

function escapeRegExp(ch: string): string {
    return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function comparable(value: unknown): string | number | boolean | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return value.toLowerCase();
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    return JSON.stringify(value);
}

function idEquals(a: unknown, b: unknown): boolean {
    return typeof a === 'string' && typeof b === 'string' && a.slice(0, 15) === b.slice(0, 15);
}

function matchesOperators(raw: unknown, ops: Filter, isId: boolean): boolean {
    const value = comparable(raw);
    const eq = (other: unknown): boolean =>
        isId ? (raw == null ? other == null : idEquals(raw, other)) : value === comparable(other);
    for (const [op, operand] of Object.entries(ops)) {
        if (operand === undefined) continue;
        const target = comparable(operand);
        switch (op) {
            case 'eq':
                if (!eq(operand)) return false;
                break;
            case 'ne':
                if (eq(operand)) return false;
                break;
            case 'like':
                if (typeof raw !== 'string' || typeof operand !== 'string' || !soqlLike(raw, operand)) return false;
                break;
            case 'in':
                if (!Array.isArray(operand) || !operand.some(eq)) return false;
                break;
            case 'nin':
                if (!Array.isArray(operand) || operand.some(eq)) return false;
                break;
            case 'lt':
            case 'gt':
            case 'lte':
            case 'gte': {
                // SOQL: a comparison with null is false.
                if (value === null || target === null) return false;
                const cmp = value < target ? -1 : value > target ? 1 : 0;
                if (op === 'lt' && !(cmp < 0)) return false;
                if (op === 'gt' && !(cmp > 0)) return false;
                if (op === 'lte' && !(cmp <= 0)) return false;
                if (op === 'gte' && !(cmp >= 0)) return false;
                break;
            }
        }
    }
    return true;
}

function fieldInfo(object: ObjectInfo, name: string): FieldInfo | undefined {
    return object.fields.find((f) => f.apiName === name);
}

/** A field's value on a record: what it holds, else the field's default (a checkbox never set is false), else null. */
function fieldValue(object: ObjectInfo, record: SampleRecord, name: string): unknown {
    const value = record[name];
    if (value !== undefined && value !== null) return value;
    return fieldInfo(object, name)?.defaultValue ?? null;
}

function matches(
    org: GraphqlOrg,
    object: ObjectInfo,
    record: SampleRecord,
    filter: Filter | null | undefined
): boolean {
    if (!filter) return true;
    for (const [key, clause] of Object.entries(filter)) {
        if (clause === undefined || clause === null) continue;
        if (key === 'and') {
            if (!(clause as Filter[]).every((c) => matches(org, object, record, c))) return false;
        } else if (key === 'or') {
            const list = clause as Filter[];
            if (list.length && !list.some((c) => matches(org, object, record, c))) return false;
        } else if (key === 'not') {
            if (matches(org, object, record, clause as Filter)) return false;
        } else if (key === 'Id') {
            if (!matchesOperators(record.Id, clause as Filter, true)) return false;
        } else {
            const relationship = object.fields.find((f) => f.relationshipName === key);
            if (relationship) {
                const parentId = record[relationship.apiName];
                const parent = typeof parentId === 'string' ? org.get(parentId) : undefined;
                if (!parent) return false;
                if (!matches(org, OBJECT_INFO[parent.apiName], parent.record, clause as Filter)) return false;
                continue;
            }
            const info = fieldInfo(object, key);
            if (!matchesOperators(fieldValue(object, record, key), clause as Filter, info?.dataType === 'Reference'))
                return false;
        }
    }
    return true;
}

/* ------------------------------------------------------------------ nodes */

function wrap(value: unknown, dataType: UiDataType): { value: unknown; displayValue: string | null } {
    if (value === undefined) value = null;
    // displayValue is the formatted value where it differs (picklist labels, dates); null when the value is its own display.
    const displayValue =
        dataType === 'Date' || dataType === 'DateTime' || dataType === 'Picklist'
            ? typeof value === 'string'
                ? value
                : null
            : null;
    return { value, displayValue };
}

function node(org: GraphqlOrg, object: ObjectInfo, record: SampleRecord): Record<string, unknown> {
    const out: Record<string, unknown> = {
        Id: record.Id,
        ApiName: object.apiName,
        DisplayValue:
            typeof record.Name === 'string' ? record.Name : typeof record.Subject === 'string' ? record.Subject : null
    };
    for (const field of object.fields) {
        out[field.apiName] = wrap(fieldValue(object, record, field.apiName), field.dataType);
        if (field.relationshipName) {
            const parentId = record[field.apiName];
            out[field.relationshipName] = () => {
                const parent = typeof parentId === 'string' ? org.get(parentId) : undefined;
                return parent ? node(org, OBJECT_INFO[parent.apiName], parent.record) : null;
            };
        }
    }
    return out;
}

interface ConnectionArgs {
    first?: number | null;
    after?: string | null;
    where?: Filter | null;
    orderBy?: Record<string, { order?: 'ASC' | 'DESC'; nulls?: 'FIRST' | 'LAST' } | null> | null;
    upperBound?: number | null;
}

function cursorOf(index: number): string {
    return Buffer.from(`v1:${index}`).toString('base64');
}

function indexOf(cursor: string): number {
    const match = /^v1:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!match) throw new GraphQLError(`Invalid cursor: ${cursor.slice(0, 40)}`);
    return Number(match[1]);
}

function connection(org: GraphqlOrg, object: ObjectInfo, args: ConnectionArgs): Record<string, unknown> {
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    if (first < 0) throw new GraphQLError('first must be a non-negative number.');
    if (first > MAX_RECORDS_PER_SUBQUERY)
        throw new GraphQLError(`first: a subquery returns up to ${MAX_RECORDS_PER_SUBQUERY} records.`);
    let rows = org.list(object.apiName).filter((r) => matches(org, object, r, args.where));
    for (const [field, clause] of Object.entries(args.orderBy ?? {}).reverse()) {
        if (!clause) continue;
        const direction = clause.order === 'DESC' ? -1 : 1;
        // SOQL sorts nulls first in ascending order and last in descending order unless told otherwise.
        const nullsFirst = clause.nulls ? clause.nulls === 'FIRST' : direction === 1;
        rows = [...rows].sort((a, b) => {
            const x = comparable(fieldValue(object, a, field));
            const y = comparable(fieldValue(object, b, field));
            if (x === y) return 0;
            if (x === null) return nullsFirst ? -1 : 1;
            if (y === null) return nullsFirst ? 1 : -1;
            return (x < y ? -1 : 1) * direction;
        });
    }
    const start = args.after ? indexOf(args.after) + 1 : 0;
    const page = rows.slice(start, start + first);
    const edges = page.map((record, i) => ({ node: node(org, object, record), cursor: cursorOf(start + i) }));
    return {
        edges,
        totalCount: rows.length,
        pageResultCount: edges.length,
        pageInfo: {
            hasNextPage: start + first < rows.length,
            hasPreviousPage: start > 0,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges[edges.length - 1]?.cursor ?? null
        }
    };
}

/* ------------------------------------------------------------------ mutations */

class RolledBack extends Error {
    constructor(readonly result: { data?: unknown; errors?: readonly GraphQLError[] }) {
        super('rolled back');
    }
}

/** A create (no Id) or update of one record; the answer's Record is the record as saved. */
function write(
    org: GraphqlOrg,
    object: ObjectInfo,
    id: string | undefined,
    fields: unknown
): { Record: unknown; success?: boolean } {
    if (object.apiName !== 'Task')
        throw new GraphQLError(`The workbench org writes Tasks only; ${object.apiName} records are read-only here.`, {
            extensions: { errorType: 'INSUFFICIENT_ACCESS' }
        });
    const values = { ...(fields as Record<string, unknown>) };
    let saved: string;
    try {
        saved =
            id === undefined ? org.save({ ...values, entityApiName: object.apiName }) : org.save({ ...values, Id: id });
    } catch (error) {
        const code = (error as { statusCode?: unknown }).statusCode;
        throw new GraphQLError(error instanceof Error ? error.message : String(error), {
            extensions: typeof code === 'string' ? { errorType: code } : {}
        });
    }
    const record = org.get(saved);
    return { Record: record ? node(org, object, record.record) : null, ...(id === undefined ? {} : { success: true }) };
}

/* ------------------------------------------------------------------ errors */

/** graphql-js validation messages in the words Salesforce's server uses (query-limits.html). */
function salesforceMessage(message: string): string {
    const undefinedField = /^Cannot query field "([^"]+)" on type "([^"]+)"\./.exec(message);
    if (undefinedField)
        return `Validation error (FieldUndefined) : Field '${undefinedField[1]}' in type '${undefinedField[2]}' is undefined`;
    const undefinedInput = /^Field "([^"]+)" is not defined by type "([^"]+)"\./.exec(message);
    if (undefinedInput)
        return `Validation error (WrongType) : Field '${undefinedInput[1]}' in type '${undefinedInput[2]}' is undefined`;
    return `Validation error : ${message}`;
}

function errorJson(error: GraphQLError, classification: string, translate: boolean): GraphqlErrorJson {
    const out: GraphqlErrorJson = {
        message: translate ? salesforceMessage(error.message) : error.message,
        extensions: { classification }
    };
    if (error.locations?.length) out.locations = error.locations.map(({ line, column }) => ({ line, column }));
    if (error.path?.length) out.path = [...error.path];
    return out;
}

function countSubqueries(document: DocumentNode, operation: OperationDefinitionNode | undefined): number {
    // Record queries are the fields under uiapi { query { ... } } (aliases count separately).
    let count = 0;
    const fragments = new Map(
        document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d])
    );
    const visit = (selections: readonly SelectionNode[], depth: string[], seen: Set<string>): void => {
        for (const selection of selections) {
            if (selection.kind === Kind.FIELD) {
                const field = selection;
                const path = [...depth, field.name.value];
                if (path.length === 3 && path[0] === 'uiapi' && path[1] === 'query') count++;
                else if (field.selectionSet && path.length < 3) visit(field.selectionSet.selections, path, seen);
            } else if (selection.kind === Kind.INLINE_FRAGMENT) {
                visit(selection.selectionSet.selections, depth, seen);
            } else if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
                const fragment = fragments.get(selection.name.value);
                if (fragment) visit(fragment.selectionSet.selections, depth, new Set([...seen, selection.name.value]));
            }
        }
    };
    if (operation) visit(operation.selectionSet.selections, [], new Set());
    return count;
}

/** Runs one GraphQL request against the org at an API version, as a user who cannot read `hidden`; never throws. */
export function executeGraphql(
    org: GraphqlOrg,
    request: GraphqlRequest,
    apiVersion: number,
    hidden: HiddenFields = NO_HIDDEN_FIELDS
): GraphqlResponse {
    const { query, variables, operationName } = request ?? {};
    if (typeof query !== 'string' || query.trim() === '')
        return {
            errors: [{ message: 'Request must include a query.', extensions: { classification: 'ValidationError' } }]
        };
    if (query.length > MAX_QUERY_CHARS)
        return {
            errors: [
                {
                    message: `Query over ${MAX_QUERY_CHARS} characters.`,
                    extensions: { classification: 'ValidationError' }
                }
            ]
        };
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables)))
        return {
            errors: [{ message: 'variables must be an object.', extensions: { classification: 'ValidationError' } }]
        };
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
        return {
            errors: [{ message: 'operationName must be a string.', extensions: { classification: 'ValidationError' } }]
        };
    let document: DocumentNode;
    try {
        document = parse(query);
    } catch (error) {
        return { errors: [errorJson(error as GraphQLError, 'InvalidSyntax', false)] };
    }
    const schema = uiapiSchema(apiVersion, hidden);
    const validation = validate(schema, document);
    if (validation.length) return { errors: validation.map((e) => errorJson(e, 'ValidationError', true)) };
    const operations = document.definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION
    );
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    if (countSubqueries(document, operation) > MAX_SUBQUERIES)
        return {
            errors: [
                {
                    message: `A GraphQL query can contain up to ${MAX_SUBQUERIES} subqueries.`,
                    extensions: { classification: 'ValidationError' }
                }
            ]
        };
    const recordQuery: Record<string, (args: ConnectionArgs) => unknown> = {};
    const mutations: Record<string, (args: { input: Record<string, unknown> }) => unknown> = {};
    for (const object of objectsFor(apiVersion)) {
        recordQuery[object.apiName] = (args) => connection(org, object, args);
        mutations[`${object.apiName}Create`] = ({ input }) => write(org, object, undefined, input[object.apiName]);
        mutations[`${object.apiName}Update`] = ({ input }) =>
            write(org, object, typeof input.Id === 'string' ? input.Id : '', input[object.apiName]);
    }
    let allOrNone = true;
    const run = () => {
        const attempt = execute({
            schema,
            document,
            rootValue: {
                uiapi: (args: { input?: { allOrNone?: boolean | null } | null }) => {
                    if (args.input?.allOrNone === false) allOrNone = false;
                    return { query: recordQuery, ...mutations };
                }
            },
            variableValues: (variables ?? undefined) as Record<string, unknown> | undefined,
            operationName: operationName ?? undefined
        });
        if ('then' in attempt) throw new Error('Unexpected asynchronous result.');
        return attempt;
    };
    let result: ReturnType<typeof run>;
    if (operation?.operation === OperationTypeNode.MUTATION) {
        try {
            result = org.transaction(() => {
                const attempt = run();
                if (attempt.errors?.length && allOrNone) throw new RolledBack(attempt);
                return attempt;
            });
        } catch (error) {
            if (!(error instanceof RolledBack)) throw error;
            // allOrNone: every operation rolled back, so none produced a record.
            result = { data: null, errors: error.result.errors ?? [] };
        }
    } else {
        result = run();
    }
    const out: GraphqlResponse = { data: result.data ?? null };
    if (result.errors?.length) out.errors = result.errors.map((e) => errorJson(e, 'DataFetchingException', false));
    return JSON.parse(JSON.stringify(out)) as GraphqlResponse;
}
