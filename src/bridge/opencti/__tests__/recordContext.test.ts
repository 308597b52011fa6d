/** @jest-environment node */
import type { CallView, RecordRef } from 'c/softphoneProtocol';
import { createRecordContext, CREATED_RECORD_WINDOW_MS } from '../recordContext';
import type { AppViewInfo } from '../openCtiApi';

const LEAD = '00Q000000000001AAA';
const OTHER_LEAD = '00Q000000000002AAA';
const CONTACT = '003000000000001AAA';
const leadPage = (id: string): AppViewInfo => ({
    url: `/lightning/r/Lead/${id}/view`,
    recordId: id,
    objectType: 'Lead'
});

function call(conversationId: string, fields: Partial<CallView> = {}): CallView {
    return {
        conversationId,
        direction: 'inbound',
        state: 'connected',
        startedAt: 1,
        matches: [],
        ...fields
    };
}

/** "Now" in these tests: a minute after the calls below started. */
const NOW = 60_000;

function setup(calls: CallView[], noMatch = 'none', linkWorks = true, now = NOW) {
    const links: [string, RecordRef][] = [];
    const byId = new Map(calls.map((c) => [c.conversationId, c]));
    const context = createRecordContext({
        now: () => now,
        calls: () => byId.values(),
        call: (id) => byId.get(id),
        noMatch: () => noMatch,
        link: (id, record) => {
            links.push([id, record]);
            return linkWorks;
        }
    });
    return { context, links, byId };
}

describe('c-softphone-adapter recordContext', () => {
    it('links a live call to the match the agent opens, and keeps that open silent once', () => {
        const matches = [{ recordId: LEAD }, { recordId: OTHER_LEAD }];
        const { context, links } = setup([call('c1', { matches })]);
        const previous = context.navigate(leadPage(OTHER_LEAD));
        context.linkAfterNavigation(previous, leadPage(OTHER_LEAD));
        expect(links).toEqual([['c1', { recordId: OTHER_LEAD }]]);
        expect(context.takeSilentOpen({ recordId: OTHER_LEAD })).toBe(true);
        expect(context.takeSilentOpen({ recordId: OTHER_LEAD })).toBe(false);
    });

    it('never links a page that is not among the matches, nor a finished call', () => {
        const matches = [{ recordId: LEAD }, { recordId: OTHER_LEAD }];
        const { context, links } = setup([
            call('c1', { matches }),
            call('c2', { matches, state: 'ended', conversationId: 'c2' })
        ]);
        context.linkAfterNavigation(context.navigate(leadPage('00Q000000000009AAA')), leadPage('00Q000000000009AAA'));
        expect(links).toEqual([]);
        context.navigate(leadPage(LEAD));
        context.callEnding('c2');
        expect(links).toEqual([]);
    });

    it('at the end, links the match the agent is on, or was on when the call connected', () => {
        const matches = [{ recordId: LEAD }, { recordId: OTHER_LEAD }];
        const { context, links } = setup([call('c1', { matches })]);
        context.navigate(leadPage(LEAD));
        context.callAccepted('c1');
        context.navigate({ url: '/lightning/page/home' });
        context.callEnding('c1');
        expect(links).toEqual([['c1', { recordId: LEAD }]]);
    });

    it("links the record created from a no-match pop's New form to the newest such call", () => {
        const phone = { phoneNumber: '+15035550100' };
        const { context, links } = setup(
            [
                call('old', { startedAt: 1, ...phone }),
                call('new', { startedAt: 2, state: 'ended', endedAt: 3, ...phone }),
                call('withheld', { startedAt: 4 }),
                call('out', { direction: 'outbound', startedAt: 5, ...phone })
            ],
            'newContact'
        );
        context.navigate({ url: '/lightning/o/Contact/new?count=1' });
        const next: AppViewInfo = { url: `/lightning/r/Contact/${CONTACT}/view`, recordId: CONTACT };
        context.linkAfterNavigation(context.navigate(next), next);
        expect(links).toEqual([['new', { recordId: CONTACT, objectType: 'Contact' }]]);

        // A Contact made long after the call ended is not that call's.
        const later = setup(
            [call('done', { state: 'wrappedUp', startedAt: 1, endedAt: 2, ...phone })],
            'newContact',
            true,
            2 + CREATED_RECORD_WINDOW_MS + 1
        );
        later.context.navigate({ url: '/lightning/o/Contact/new' });
        later.context.linkAfterNavigation(later.context.navigate(next), next);
        expect(later.links).toEqual([]);

        // Another object's new form, or the setting off: nothing.
        const off = setup([call('c1')], 'none');
        off.context.navigate({ url: '/lightning/o/Contact/new' });
        off.context.linkAfterNavigation(off.context.navigate(next), next);
        expect(off.links).toEqual([]);
    });

    it('a link that could not be sent leaves no silent open behind', () => {
        const matches = [{ recordId: LEAD }, { recordId: OTHER_LEAD }];
        const { context } = setup([call('c1', { matches })], 'none', false);
        context.linkAfterNavigation(context.navigate(leadPage(LEAD)), leadPage(LEAD));
        expect(context.takeSilentOpen({ recordId: LEAD })).toBe(false);
    });

    it('keeps a navigation that came before getAppViewInfo answered', () => {
        const { context } = setup([]);
        context.navigate(leadPage(LEAD));
        context.initialView(leadPage(OTHER_LEAD));
        expect(context.view?.recordId).toBe(LEAD);
        const fresh = setup([]).context;
        fresh.initialView(leadPage(OTHER_LEAD));
        expect(fresh.view?.recordId).toBe(OTHER_LEAD);
    });
});
