/**
 * The reference softphone's identity, shared by its page script, the workbench admin's call center
 * setup (workbench/orgSetup.ts) and the e2e tests: what a softphone team would hand a customer's admin.
 */

/** The softphone's presence statuses: softphoneId GUIDs (what statusChanged / update_presence carry) and labels. */
export const PRESENCE_STATUSES: readonly { id: string; label: string }[] = [
    { id: 'd6afeaa7-39be-4935-981f-2670215fd887', label: 'Available' },
    { id: '215fd887-39be-4935-981f-2670d6afeaa7', label: 'Break' },
    { id: '7c4e1a52-96f3-4d0b-8a1e-5b2f0c9d3e61', label: 'Offline' }
];

/** The partner configuration the softphone team issued (the contract's sample values). */
export const PARTNER_CONFIG = {
    partnerId: '215fd887-39be-4935-981f-2670d6afeaa7',
    businessSegmentId: 'd6afeaa7-39be-4935-981f-2670215fd887',
    channelOriginId: '57053e21-0440-4689-a27a-513d7dceebde'
} as const;

/** The caller id for click-to-dial calls (the contract's sample dialFrom). */
export const DIAL_FROM = '+18449401117';

/** What the virtual agent learnt before the agent took the call (callAccepted's optional fields). */
export const IVR_CONTEXT = {
    language: 'en_US',
    ivrExitPath: 'ChangeBooking',
    channelName: 'Voice US',
    reservationStartDate: '2026-12-24',
    specialEvent: 'Anniversary',
    escalationType: 'Tier 1',
    recordingStatus: 'ON'
} as const;
