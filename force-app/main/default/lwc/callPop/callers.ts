/**
 * The caller lookup's answer and what a ring pop does with it. The query itself is built in
 * callerQuery.ts for the fields the agent can read (the GraphQL wire adapter of lightning/graphql).
 * Pure, no `lwc`.
 */
import type { CallPop, NoMatchChoice } from 'c/callPopParams';
import { formatDuration as formatCallDuration } from 'c/softphoneFormat';
import { CALLER_OBJECTS } from './callerQuery';
import type { CallerObject } from './callerQuery';

/** A record that has the caller's number. */
export interface CallerMatch {
    recordId: string;
    objectApiName: CallerObject;
    name: string;
    /** Company (Lead) or account name (Contact), shown to tell matches apart. */
    detail?: string;
}

const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
/** Matches kept per object (the query asks for 10 of each). */
const MAX_PER_OBJECT = 10;

function valueOf(field: unknown): string | undefined {
    const value = (field as { value?: unknown } | null | undefined)?.value;
    return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 255) : undefined;
}

/** The matches in a GraphQL answer (`data.uiapi.query.<Object>.edges[].node`), Leads first; malformed nodes skipped. */
export function readMatches(data: unknown): CallerMatch[] {
    const query = (data as { uiapi?: { query?: Record<string, unknown> } } | null | undefined)?.uiapi?.query;
    const matches: CallerMatch[] = [];
    const seen = new Set<string>();
    for (const objectApiName of CALLER_OBJECTS) {
        const edges = (query?.[objectApiName] as { edges?: unknown } | undefined)?.edges;
        if (!Array.isArray(edges)) continue;
        for (const edge of edges.slice(0, MAX_PER_OBJECT)) {
            const node = (edge as { node?: Record<string, unknown> } | null)?.node;
            const recordId = node?.Id;
            if (typeof recordId !== 'string' || !RECORD_ID.test(recordId) || seen.has(recordId)) continue;
            seen.add(recordId);
            const detail =
                objectApiName === 'Lead'
                    ? valueOf(node?.Company)
                    : objectApiName === 'Contact'
                      ? valueOf((node?.Account as { Name?: unknown } | null | undefined)?.Name)
                      : undefined;
            matches.push({
                recordId,
                objectApiName,
                name: valueOf(node?.Name) ?? recordId,
                ...(detail ? { detail } : {})
            });
        }
    }
    return matches;
}

/** What a ring pop does once the lookup answered. */
export type RingOutcome =
    | { kind: 'open'; match: CallerMatch }
    | { kind: 'choose'; matches: CallerMatch[] }
    | { kind: 'noMatch'; create?: 'Lead' | 'Contact' };

/**
 * One match opens it; several let the agent choose (whatever Multiple_Matches__c says: Lightning has
 * no search page a component can open without Open CTI, so the pop's list is the search result); none creates a Lead or Contact when
 * the admin chose so, otherwise the agent chooses. The softphone's Screen Pop choices, for a URL pop.
 */
export function ringOutcome(matches: readonly CallerMatch[], noMatch: NoMatchChoice | undefined): RingOutcome {
    const [first] = matches;
    if (matches.length === 1 && first) return { kind: 'open', match: first };
    if (matches.length > 1) return { kind: 'choose', matches: [...matches] };
    if (noMatch === 'newLead') return { kind: 'noMatch', create: 'Lead' };
    if (noMatch === 'newContact') return { kind: 'noMatch', create: 'Contact' };
    return { kind: 'noMatch' };
}

/** The identity of a pop: one call's ring, or its hang-up. Pops with the same key are the same pop. */
export function popKey(pop: CallPop): string {
    return `${pop.event}|${pop.callId ?? ''}|${pop.phone ?? ''}`;
}

/** Whether a new pop belongs to the call already on screen (same call id), so it updates it. */
export function sameCall(current: CallPop | undefined, next: CallPop): boolean {
    return !!current?.callId && current.callId === next.callId;
}

/** `mm:ss` or `h:mm:ss` for a duration in seconds. */
export function formatDuration(seconds: number | undefined): string | undefined {
    return seconds === undefined ? undefined : formatCallDuration(seconds);
}
