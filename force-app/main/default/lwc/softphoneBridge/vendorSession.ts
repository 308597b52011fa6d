/**
 * What the channel says about a protocol's own session (agentSession), its two-level dispositions
 * (dispositionTree) and each call's transfers and conferences (callTimeline): the Ameyo toolbar
 * sends these; the wrapper protocol never does, and then nothing here shows. Pure.
 */
import type { AgentSessionView, CallTimelineView, ChannelEvent, DispositionTreeView } from 'c/softphoneProtocol';

export interface VendorState {
    session?: AgentSessionView;
    tree?: DispositionTreeView;
    /** Timeline entries by conversationId (the newest 20 calls). */
    timelines: Readonly<Record<string, CallTimelineView['entries']>>;
}

export const EMPTY_VENDOR_STATE: VendorState = { timelines: {} };

/** The state after one channel event (unchanged for events that are not about the vendor session). */
export function applyVendorEvent(state: VendorState, event: ChannelEvent): VendorState {
    switch (event.type) {
        case 'agentSession':
            return { ...state, session: event.payload };
        case 'dispositionTree':
            return { ...state, tree: event.payload };
        case 'callTimeline': {
            const timelines = { ...state.timelines, [event.payload.conversationId]: event.payload.entries };
            const keys = Object.keys(timelines);
            for (const key of keys.slice(0, Math.max(0, keys.length - 20))) delete timelines[key];
            return { ...state, timelines };
        }
        default:
            return state;
    }
}

/** Two-level dispositions as combobox options: "Class › Code", the code as the value sent. */
export function treeOptions(tree: DispositionTreeView | undefined): { label: string; value: string }[] {
    const options: { label: string; value: string }[] = [];
    for (const group of tree?.groups ?? []) {
        for (const code of group.codes) {
            if (!options.some((option) => option.value === code))
                options.push({ label: `${group.label} › ${code}`, value: code });
        }
    }
    return options;
}
