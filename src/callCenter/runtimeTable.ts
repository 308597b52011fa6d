/**
 * GENERATED FILE: do not edit. Written by scripts/generate-call-center.ts (`npm run build`) from
 * src/callCenter/definition.ts: each section and item as the settings parser reads them at run time,
 * without the descriptions for admins and the sort orders, which the adapter script need not carry.
 */
import type { RuntimeSection } from './definition';

export const RUNTIME_SECTIONS: readonly RuntimeSection[] = [
    {
        name: "reqGeneralInfo",
        label: "General Information",
        items: [
            { name: "reqInternalName", label: "Internal Name", defaultValue: "SoftphoneBridge", rule: { kind: "text", maxLength: 40, pattern: /^[A-Za-z][A-Za-z0-9]*$/, patternHint: "letters and digits, starting with a letter" }, required: true, example: "SoftphoneBridge" },
            { name: "reqDisplayName", label: "Display Name", defaultValue: "Softphone Bridge", rule: { kind: "text", maxLength: 1000 }, required: true, example: "Softphone Bridge" },
            { name: "reqAdapterUrl", label: "CTI Adapter URL", defaultValue: "/apex/SoftphoneAdapter", rule: { kind: "url", allowRelative: true }, required: true, example: "/apex/SoftphoneAdapter" },
            { name: "reqUseApi", label: "Use CTI API", defaultValue: "true", rule: { kind: "boolean" }, required: true, example: "true" },
            { name: "reqSoftphoneHeight", label: "Softphone Height (240-2560 px)", defaultValue: "550", rule: { kind: "integer", min: 240, max: 2560, unit: "px" }, required: true, example: "550" },
            { name: "reqSoftphoneWidth", label: "Softphone Width (200-1920 px)", defaultValue: "400", rule: { kind: "integer", min: 200, max: 1920, unit: "px" }, required: true, example: "400" },
            { name: "reqSalesforceCompatibilityMode", label: "Salesforce Compatibility Mode", defaultValue: "Lightning", rule: { kind: "enum", values: ["Lightning", "Classic_and_Lightning", "Classic"] }, required: true, example: "Lightning" },
        ]
    },
    {
        name: "vendorSoftphone",
        label: "Vendor Softphone",
        items: [
            { name: "softphoneUrl", label: "Softphone URL (https)", defaultValue: "https://softphone.example.com", defaultIsPlaceholder: true, rule: { kind: "url", allowRelative: false }, required: true, neededFor: "showing the softphone", example: "https://softphone.vendor.example/agent" },
            { name: "softphoneOrigin", label: "Softphone Origin (auto = origin of Softphone URL)", defaultValue: "auto", unsetKeyword: "auto", rule: { kind: "origin" }, required: false, example: "https://softphone.vendor.example" },
            { name: "partnerId", label: "Partner ID (GUID, or not set)", defaultValue: "not set", unsetKeyword: "not set", rule: { kind: "guid" }, required: true, neededFor: "calls from the dialpad and click-to-dial (partner_config, start_call)", example: "215fd887-39be-4935-981f-2670d6afeaa7" },
            { name: "businessSegmentId", label: "Business Segment ID (GUID, or not set)", defaultValue: "not set", unsetKeyword: "not set", rule: { kind: "guid" }, required: true, neededFor: "calls from the dialpad and click-to-dial (partner_config, start_call)", example: "d6afeaa7-39be-4935-981f-2670215fd887" },
            { name: "channelOriginId", label: "Channel Origin ID (GUID, or not set)", defaultValue: "not set", unsetKeyword: "not set", rule: { kind: "guid" }, required: true, neededFor: "calls from the dialpad and click-to-dial (partner_config, start_call)", example: "57053e21-0440-4689-a27a-513d7dceebde" },
            { name: "dialFrom", label: "Dial From Number (E.164 such as +18449401117, or none)", defaultValue: "none", unsetKeyword: "none", rule: { kind: "e164" }, required: false, example: "+18449401117" },
            { name: "participantType", label: "Participant Type for Click-to-Dial (Traveler, Supplier or Agent)", defaultValue: "Traveler", rule: { kind: "enum", values: ["Traveler", "Supplier", "Agent"] }, required: true, example: "Traveler" },
            { name: "defaultCountry", label: "Default Country for Phone Numbers (ISO code, e.g. US)", defaultValue: "US", rule: { kind: "country" }, required: true, example: "US" },
            { name: "presenceStatuses", label: "Presence Statuses (statusId=Label;statusId=Label, or none)", defaultValue: "none", unsetKeyword: "none", rule: { kind: "pairs", separator: ";", pairSeparator: "=", maxItems: 50, maxKeyLength: 128, maxValueLength: 80 }, required: false, example: "d6afeaa7-39be-4935-981f-2670215fd887=Available;215fd887-39be-4935-981f-2670d6afeaa7=Break" },
        ]
    },
    {
        name: "screenPop",
        label: "Screen Pop",
        items: [
            { name: "noMatch", label: "When No Record Matches (newLead, newContact, search or none)", defaultValue: "none", rule: { kind: "enum", values: ["newLead", "newContact", "search", "none"] }, required: true, example: "newContact" },
            { name: "multipleMatches", label: "When Several Records Match (search, ask or none)", defaultValue: "search", rule: { kind: "enum", values: ["search", "ask", "none"] }, required: true, example: "search" },
            { name: "popDialpadCalls", label: "Pop Records for Dialpad Calls (true or false)", defaultValue: "true", rule: { kind: "boolean" }, required: true, example: "true" },
        ]
    },
    {
        name: "callLogging",
        label: "Call Logging",
        items: [
            { name: "dispositionCodes", label: "Disposition Codes (separated by ;, or none)", defaultValue: "Resolved;Follow-up needed;Callback requested;No answer;Wrong number", unsetKeyword: "none", rule: { kind: "list", separator: ";", maxItems: 50, maxItemLength: 255 }, required: false, example: "Resolved;Follow-up needed;Wrong number" },
            { name: "logMissedCalls", label: "Log Missed Calls (true or false)", defaultValue: "true", rule: { kind: "boolean" }, required: true, example: "true" },
            { name: "taskSubject", label: "Task Subject (auto, or a text with {callType}, {number}, {outcome})", defaultValue: "auto", unsetKeyword: "auto", rule: { kind: "template", placeholders: ["callType", "number", "outcome"], maxLength: 255 }, required: false, example: "{callType} call {number} ({outcome})" },
            { name: "logFailedAfter", label: "Failed Saves Before a Call Log Shows as Failed (1-10)", defaultValue: "3", rule: { kind: "integer", min: 1, max: 10 }, required: true, example: "3" },
            { name: "logRetryDelayMs", label: "Delay Before the First Retry (500-60000 ms)", defaultValue: "2000", rule: { kind: "integer", min: 500, max: 60000, unit: "ms" }, required: true, example: "2000" },
        ]
    },
    {
        name: "softphoneProtocol",
        label: "Softphone Protocol",
        items: [
            { name: "protocol", label: "Protocol (wrapper or ameyoToolbar)", defaultValue: "wrapper", rule: { kind: "enum", values: ["wrapper", "ameyoToolbar"] }, required: true, example: "ameyoToolbar" },
            { name: "ameyoBaseUrl", label: "Ameyo Address (https://host:port, for ameyoToolbar)", defaultValue: "https://ameyo.example.com", defaultIsPlaceholder: true, rule: { kind: "origin" }, required: false, neededFor: "the ameyoToolbar protocol", example: "https://ameyo.example.net:8443" },
            { name: "ameyoScriptVersion", label: "Ameyo Integration Script Version (as Ameyo gives it, for ameyoToolbar)", defaultValue: "not set", unsetKeyword: "not set", rule: { kind: "text", maxLength: 20, pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/, patternHint: "letters, digits, dots, dashes or underscores, such as 4.2" }, required: false, neededFor: "the ameyoToolbar protocol", example: "4.2" },
            { name: "ameyoDialConfirm", label: "Agent Confirms Click-to-Dial in the Ameyo Toolbar (true or false)", defaultValue: "false", rule: { kind: "boolean" }, required: true, example: "false" },
            { name: "ameyoExtensionName", label: "Ameyo Extension Name (or none)", defaultValue: "none", unsetKeyword: "none", rule: { kind: "text", maxLength: 80 }, required: false, example: "sip-1001" },
            { name: "ameyoExtensionPhone", label: "Ameyo Extension Endpoint (or none)", defaultValue: "none", unsetKeyword: "none", rule: { kind: "text", maxLength: 80 }, required: false, example: "1001" },
        ]
    },
];
