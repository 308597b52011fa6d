/** @jest-environment node */
/**
 * The workbench's GraphQL stand-in (workbench/platform/org/graphql.ts) answers as the GraphQL API
 * Developer Guide says Salesforce does: the uiapi query shape with { value, displayValue } wrappers,
 * field operators and and/or/not, the documented limits, Task only from API v59.0, mutations with
 * allOrNone, and "Field 'X' in type 'Y' is undefined" for a field the schema lacks.
 */
import { executeGraphql, soqlLike } from '../../workbench/platform/org/graphql';
import { JOE_LEAD_ID, SHARED_CONTACT_ID, SHARED_LEAD_ID } from '../../workbench/platform/org/sampleData';
import { OrgStore } from '../../workbench/platform/org/store';

type Data = {
    uiapi: {
        query: Record<
            string,
            {
                edges: { node: Record<string, { value: unknown }> & { Id: string } }[];
                totalCount: number;
                pageInfo: { hasNextPage: boolean; endCursor: string | null };
            }
        >;
    };
};

describe('workbench GraphQL stand-in', () => {
    let org: OrgStore;
    const run = (query: string, variables?: Record<string, unknown>, version = 68) =>
        executeGraphql(org, { query, variables }, version);
    beforeEach(() => {
        org = new OrgStore();
    });

    it('finds callers by phone with in / like across objects, as the pop does', () => {
        const answer = run(
            `query Callers($forms: [PhoneNumber]) { uiapi { query {
                Lead(where: { and: [{ IsConverted: { eq: false } }, { or: [{ Phone: { in: $forms } }, { MobilePhone: { in: $forms } }] }] }) {
                    edges { node { Id Name { value displayValue } } } totalCount }
                Contact(where: { Phone: { like: "%555.0199" } }) { edges { node { Id Account { Name { value } } } } }
            } } }`,
            { forms: ['(415) 555-0199', '+1 503 555 0100'] }
        );
        expect(answer.errors).toBeUndefined();
        const data = answer.data as Data;
        expect(data.uiapi.query.Lead!.edges.map((e) => e.node.Id).sort()).toEqual([JOE_LEAD_ID, SHARED_LEAD_ID].sort());
        expect(data.uiapi.query.Lead!.totalCount).toBe(2);
        expect(data.uiapi.query.Lead!.edges[0]!.node.Name).toEqual({ value: expect.any(String), displayValue: null });
        expect(data.uiapi.query.Contact!.edges).toEqual([
            { node: { Id: SHARED_CONTACT_ID, Account: { Name: { value: 'Acme Corporation' } } } }
        ]);
    });

    it('types phone filters with the PhoneNumber scalar, as the real schema does: a [String] variable is refused', () => {
        const answer = run(
            `query Callers($forms: [String]) { uiapi { query {
                Lead(where: { Phone: { in: $forms } }) { edges { node { Id } } }
            } } }`,
            { forms: ['(415) 555-0199'] }
        );
        expect(answer.data).toBeUndefined();
        expect(answer.errors?.[0]?.message).toMatch(/\$forms.*\[String\].*\[PhoneNumber\]/);
    });

    it('eq on strings ignores case; ne, not and orderBy behave as documented', () => {
        const data = run(`{ uiapi { query {
            a: Lead(where: { LastName: { eq: "CUSTOMER" } }) { totalCount }
            b: Lead(where: { not: { LastName: { eq: "customer" } } }) { totalCount }
            c: Lead(orderBy: { Name: { order: DESC } }, first: 1) { edges { node { Name { value } } } pageInfo { hasNextPage endCursor } }
        } } }`).data as Data;
        expect(data.uiapi.query.a!.totalCount).toBe(1);
        expect(data.uiapi.query.b!.totalCount).toBe(1);
        expect(data.uiapi.query.c!.edges[0]!.node.Name!.value).toBe('Joe Customer');
        expect(data.uiapi.query.c!.pageInfo.hasNextPage).toBe(true);
    });

    it('SOQL LIKE: % and _ wildcards, case-insensitive, backslash escapes', () => {
        expect(soqlLike('(415) 555-0199', '%555-0199')).toBe(true);
        expect(soqlLike('Joe', 'j_e')).toBe(true);
        expect(soqlLike('50%', '50\\%')).toBe(true);
        expect(soqlLike('500', '50\\%')).toBe(false);
    });

    it('an unknown field or filter field is a ValidationError in Salesforce words', () => {
        const field = run('{ uiapi { query { Lead { edges { node { Foo { value } } } } } } }');
        expect(field.data).toBeUndefined();
        expect(field.errors?.[0]?.message).toContain("Field 'Foo' in type 'Lead' is undefined");
        expect(field.errors?.[0]?.extensions).toEqual({ classification: 'ValidationError' });
        const filter = run('{ uiapi { query { Task(where: { Description: { eq: "x" } }) { totalCount } } } }');
        expect(filter.errors?.[0]?.message).toContain("Field 'Description' in type 'Task_Filter' is undefined");
    });

    it('Task is in the schema from API v59.0 only (Beta)', () => {
        expect(run('{ uiapi { query { Task { totalCount } } } }', undefined, 58).errors?.[0]?.message).toContain(
            "Field 'Task' in type 'RecordQuery' is undefined"
        );
        expect(run('{ uiapi { query { Task { totalCount } } } }', undefined, 59).errors).toBeUndefined();
    });

    it('limits: 10 subqueries, 2000 records a subquery, 10 by default', () => {
        const eleven = Array.from({ length: 11 }, (_, i) => `q${i}: Lead { totalCount }`).join(' ');
        expect(run(`{ uiapi { query { ${eleven} } } }`).errors?.[0]?.message).toContain('up to 10 subqueries');
        expect(run('{ uiapi { query { Lead(first: 2001) { totalCount } } } }').errors?.[0]?.message).toContain('2000');
        for (let i = 0; i < 12; i++) org.save({ entityApiName: 'Task', Subject: `t${i}` });
        const page = run(
            '{ uiapi { query { Task { edges { node { Id } } totalCount pageInfo { hasNextPage endCursor } } } } }'
        ).data as Data;
        expect(page.uiapi.query.Task!.edges).toHaveLength(10);
        expect(page.uiapi.query.Task!.totalCount).toBe(12);
        const rest = run(
            `{ uiapi { query { Task(after: "${page.uiapi.query.Task!.pageInfo.endCursor}") { edges { node { Id } } pageInfo { hasNextPage } } } } }`
        ).data as Data;
        expect(rest.uiapi.query.Task!.edges).toHaveLength(2);
        expect(rest.uiapi.query.Task!.pageInfo.hasNextPage).toBe(false);
    });

    it('mutations update a Task; allOrNone rolls every operation back when one fails', () => {
        const id = org.save({ entityApiName: 'Task', Subject: 'Call', CallObject: 'c-1' });
        const update = `mutation { uiapi { a: TaskUpdate(input: { Id: "${id}", Task: { Description: "first" } }) { Record { Id } }
            b: TaskUpdate(input: { Id: "${id}", Task: { Status: "Bogus" } }) { Record { Id } } } }`;
        const failed = run(update);
        expect(failed.data).toBeNull();
        expect(failed.errors?.[0]?.message).toContain('restricted picklist');
        expect(org.get(id)?.record.Description).toBeUndefined();
        const partial = run(update.replace('mutation { uiapi {', 'mutation { uiapi(input: { allOrNone: false }) {'));
        expect(org.get(id)?.record.Description).toBe('first');
        expect(partial.errors).toHaveLength(1);
        const lead = run(
            `mutation { uiapi { LeadUpdate(input: { Id: "${JOE_LEAD_ID}", Lead: { Title: "x" } }) { Record { Id } } } }`
        );
        expect(lead.errors?.[0]?.message).toContain('Tasks only');
    });

    it('never throws on malformed requests', () => {
        expect(run('{ uiapi {').errors?.[0]?.extensions).toEqual({ classification: 'InvalidSyntax' });
        expect(executeGraphql(org, { query: 42 }, 68).errors?.[0]?.message).toBe('Request must include a query.');
        expect(
            executeGraphql(org, { query: '{ uiapi { query { Lead { totalCount } } } }', variables: [] }, 68).errors
        ).toHaveLength(1);
        expect(executeGraphql(org, { query: 'x'.repeat(200_000) }, 68).errors).toHaveLength(1);
    });
});
