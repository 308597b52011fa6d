/** @jest-environment node */
/**
 * Field-level security in the workbench org (objectInfo.ts, graphql.ts): a field the agent's profile
 * hides is missing from their object info and from their GraphQL schema, so a query naming it fails
 * validation as it does in an org; the callPop component's caller query, built from the agent's
 * object info (callPop/callerQuery.ts), still finds the caller.
 */
import { callerQueryText, readCallerSearch } from '../../force-app/main/default/lwc/callPop/callerQuery';
import { executeGraphql } from '../../workbench/platform/org/graphql';
import { objectInfosAnswer, readHiddenFields } from '../../workbench/platform/org/objectInfo';
import { JOE_LEAD_ID, SHARED_CONTACT_ID } from '../../workbench/platform/org/sampleData';
import { OrgStore } from '../../workbench/platform/org/store';

const OBJECTS = ['Lead', 'Contact', 'Account'];
/** Joe's Lead has (503) 555-1212 as its mobile; Sam's Contact has 415.555.0199 as its phone. */
const FORMS = ['(503) 555-1212', '415.555.0199'];

function found(answer: ReturnType<typeof executeGraphql>): string[] {
    const query = (answer.data as { uiapi: { query: Record<string, { edges: { node: { Id: string } }[] }> } }).uiapi
        .query;
    return Object.values(query).flatMap((connection) => connection.edges.map((edge) => edge.node.Id));
}

describe('workbench field-level security', () => {
    const org = new OrgStore();
    const search = (hidden: ReadonlySet<string>) => {
        const text = callerQueryText(readCallerSearch(objectInfosAnswer(OBJECTS, hidden)));
        return text === undefined
            ? undefined
            : executeGraphql(org, { query: text, variables: { forms: FORMS } }, 68, hidden);
    };

    it('with every field readable, the built query searches all eight phone fields and finds both callers', () => {
        const text = callerQueryText(readCallerSearch(objectInfosAnswer(OBJECTS, new Set())))!;
        for (const field of ['MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone', 'Account { Name'])
            expect(text).toContain(field);
        const answer = search(new Set())!;
        expect(answer.errors).toBeUndefined();
        expect(found(answer).sort()).toEqual([SHARED_CONTACT_ID, JOE_LEAD_ID].sort());
    });

    it('a hidden phone field fails a query that names it, in Salesforce words', () => {
        const hidden = new Set(['Contact.HomePhone']);
        const full = callerQueryText(readCallerSearch(objectInfosAnswer(OBJECTS, new Set())))!;
        const answer = executeGraphql(org, { query: full, variables: { forms: FORMS } }, 68, hidden);
        expect(answer.data).toBeUndefined();
        expect(answer.errors?.[0]?.message).toContain("Field 'HomePhone' in type 'Contact_Filter' is undefined");
    });

    it('the query built from the agent object info leaves hidden fields out and still finds the callers', () => {
        const hidden = new Set([
            'Contact.HomePhone',
            'Contact.AssistantPhone',
            'Contact.AccountId',
            'Account.Phone',
            'Lead.Company'
        ]);
        const answer = search(hidden)!;
        expect(answer.errors).toBeUndefined();
        expect(found(answer).sort()).toEqual([SHARED_CONTACT_ID, JOE_LEAD_ID].sort());
    });

    it('hiding Lead.MobilePhone hides the one Lead found only by it, without failing the search', () => {
        const answer = search(new Set(['Lead.MobilePhone']))!;
        expect(answer.errors).toBeUndefined();
        expect(found(answer)).toEqual([SHARED_CONTACT_ID]);
    });

    it('with no phone field readable there is nothing to search', () => {
        const every = ['Lead.Phone', 'Lead.MobilePhone', 'Account.Phone'].concat(
            ['Phone', 'MobilePhone', 'HomePhone', 'OtherPhone', 'AssistantPhone'].map((f) => `Contact.${f}`)
        );
        expect(search(new Set(every))).toBeUndefined();
    });

    it('object info lists only what the agent sees; an unknown object is a 404 result', () => {
        const { results } = objectInfosAnswer(['Contact', 'Nope'], new Set(['Contact.HomePhone']));
        const contact = results[0] as {
            statusCode: number;
            result: { fields: Record<string, { filterable: boolean }> };
        };
        expect(contact.statusCode).toBe(200);
        expect(contact.result.fields.Phone?.filterable).toBe(true);
        expect(contact.result.fields.HomePhone).toBeUndefined();
        expect((results[1] as { statusCode: number }).statusCode).toBe(404);
    });

    it('only known fields FLS can hide are accepted as hidden', () => {
        expect(
            readHiddenFields([
                'Contact.HomePhone',
                'Contact.Id',
                'Lead.Name',
                'Nope.Phone',
                'Lead.Nope',
                'Lead',
                7,
                'Contact.HomePhone'
            ])
        ).toEqual(['Contact.HomePhone']);
        expect(readHiddenFields('Contact.HomePhone')).toEqual([]);
    });
});
