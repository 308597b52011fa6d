/**
 * The adapter page's small UI inside the Open CTI softphone panel, in plain DOM (the page is
 * Visualforce; no framework): the vendor softphone iframe, banners for call logs pending or failed
 * (with "Retry now"), for settings an admin must fix (each item, what is wrong, an example), for a
 * failed click-to-dial, and the "several records match: choose" list. Text comes from custom labels
 * and is set with textContent only. SLDS classes (the page loads SLDS with <apex:slds/>).
 */
import type { LogView, RecordRef } from 'c/softphoneProtocol';
import type { SettingIssue } from '../../callCenter/settings';
import { formatLabel } from './adapterConfig';
import type { AdapterLabels } from './adapterConfig';

/** The iframe's `allow`: the softphone needs the microphone, and plays ring tones. */
export const SOFTPHONE_ALLOW = 'microphone; autoplay';

/** A call whose caller matched several records and has none chosen yet. */
export interface PendingChoice {
    conversationId: string;
    phoneNumber?: string;
    matches: RecordRef[];
}

export interface PanelViewOptions {
    document: Document;
    /** Where the panel renders (emptied first). */
    root: HTMLElement;
    labels: AdapterLabels;
    onRetryLogs: () => void;
    onChoose: (conversationId: string, record: RecordRef) => void;
}

export interface PanelView {
    /** Start-up is over (hides "Starting…"). */
    setReady(): void;
    /** Open CTI is missing or broken: nothing else can work. */
    showFatal(message: string): void;
    /** Settings problems for the admin; `softphoneOff` when the softphone cannot load at all. */
    showSettingsIssues(issues: readonly SettingIssue[], softphoneOff: boolean): void;
    /** Adds the softphone iframe (once); with `ids`, inside a container of its own (Ameyo's markup). */
    mountSoftphone(src: string, ids?: { containerId: string; frameId: string }): HTMLIFrameElement;
    /** The current Task save states; shows a banner while any is pending or failed. */
    setLogs(views: readonly LogView[]): void;
    /** Offers the matches of one call to choose from, or hides the list (null). */
    setChoice(choice: PendingChoice | null): void;
    /** An agent-facing message (e.g. click-to-dial failed), dismissible. */
    showNotice(text: string): void;
    readonly iframe: HTMLIFrameElement | null;
}

function el<K extends keyof HTMLElementTagNameMap>(
    doc: Document,
    tag: K,
    className?: string,
    text?: string
): HTMLElementTagNameMap[K] {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
}

/** Renders the panel skeleton into `root` and returns its controller. */
export function createPanelView(options: PanelViewOptions): PanelView {
    const { document: doc, root, labels } = options;
    root.replaceChildren();
    const panel = el(doc, 'div', 'sfa-panel');

    const heading = el(doc, 'h1', 'slds-assistive-text', labels.panelTitle);
    const status = el(doc, 'div', 'sfa-status slds-p-around_x-small slds-text-body_small', labels.starting);
    status.setAttribute('role', 'status');

    const fatal = el(doc, 'div', 'sfa-fatal');
    const settings = el(doc, 'div', 'sfa-settings');

    // Log banner: a polite live region that exists from the start, so changes are announced.
    const logs = el(doc, 'div', 'sfa-logs');
    logs.setAttribute('aria-live', 'polite');

    const notice = el(doc, 'div', 'sfa-notice');
    const choice = el(doc, 'div', 'sfa-choice');
    const frameBox = el(doc, 'div', 'sfa-frame');

    panel.append(heading, status, fatal, settings, logs, notice, choice, frameBox);
    root.append(panel);

    let iframe: HTMLIFrameElement | null = null;
    let choiceKey = '';
    let logsKey = '';

    function alertBox(variant: 'warning' | 'error' | 'info', role: 'alert' | 'status'): HTMLDivElement {
        const box = el(doc, 'div', `slds-notify slds-notify_alert slds-alert_${variant} sfa-alert`);
        box.setAttribute('role', role);
        return box;
    }

    return {
        get iframe() {
            return iframe;
        },

        setReady() {
            status.textContent = '';
            status.hidden = true;
        },

        showFatal(message) {
            status.hidden = true;
            const box = alertBox('error', 'alert');
            box.append(el(doc, 'p', 'sfa-alert__text', message));
            fatal.replaceChildren(box);
        },

        showSettingsIssues(issues, softphoneOff) {
            if (issues.length === 0 && !softphoneOff) {
                settings.replaceChildren();
                return;
            }
            const hasError = softphoneOff || issues.some((issue) => issue.severity === 'error');
            const section = el(
                doc,
                'section',
                `slds-notify slds-notify_alert slds-alert_${hasError ? 'error' : 'warning'} sfa-alert sfa-settings__box`
            );
            section.setAttribute('aria-labelledby', 'sfa-settings-title');
            const title = el(doc, 'h2', 'slds-text-heading_small', labels.settingsTitle);
            title.id = 'sfa-settings-title';
            const body = el(doc, 'div', 'sfa-alert__text');
            // Without settings at all, the issue itself says why; "until its address is set" would mislead.
            const noSettings = issues.some((issue) => issue.code === 'no-settings');
            if (softphoneOff && !noSettings) body.append(el(doc, 'p', 'slds-m-bottom_x-small', labels.softphoneOff));
            if (issues.length > 0) {
                body.append(el(doc, 'p', '', labels.settingsIntro));
                const list = el(doc, 'ul', 'slds-list_dotted sfa-settings__list');
                for (const issue of issues) {
                    const item = el(doc, 'li', `sfa-settings__issue sfa-settings__issue_${issue.severity}`);
                    item.append(el(doc, 'strong', '', issue.where), doc.createTextNode(`: ${issue.message}`));
                    if (issue.example) {
                        item.append(
                            doc.createTextNode(' '),
                            el(doc, 'span', 'sfa-settings__example', formatLabel(labels.settingsExample, issue.example))
                        );
                    }
                    list.append(item);
                }
                body.append(list);
            }
            section.append(title, body);
            settings.replaceChildren(section);
        },

        mountSoftphone(src, ids) {
            if (iframe) return iframe;
            iframe = el(doc, 'iframe', 'sfa-frame__iframe');
            iframe.title = labels.frameTitle;
            iframe.setAttribute('allow', SOFTPHONE_ALLOW);
            let outer: HTMLElement = iframe;
            if (ids) {
                // Container first, frame inside, src last: an iframe moved after it started loading loads again.
                iframe.id = ids.frameId;
                outer = el(doc, 'div', 'sfa-frame__iframe');
                outer.id = ids.containerId;
                outer.append(iframe);
            }
            frameBox.replaceChildren(outer);
            iframe.src = src;
            return iframe;
        },

        setLogs(views) {
            const pending = views.filter((view) => view.status === 'pending');
            const failed = views.filter((view) => view.status === 'failed');
            const unstored = views.filter((view) => view.stored === false && view.status !== 'saved');
            const key = JSON.stringify([
                pending.length,
                unstored.length,
                failed.map((view) => [view.conversationId, view.error, view.errorKind])
            ]);
            if (key === logsKey) return;
            logsKey = key;
            const boxes: HTMLElement[] = [];
            if (unstored.length > 0) {
                // Storage full: the one state in which a reload would lose a log. Said first, as an error.
                const box = alertBox('error', 'alert');
                box.classList.add('sfa-logs__storage');
                box.append(el(doc, 'p', 'sfa-alert__text', formatLabel(labels.logStorageFull, unstored.length)));
                boxes.push(box);
            }
            if (failed.length > 0) {
                const box = alertBox('warning', 'status');
                const lastError = failed.find((view) => view.error)?.error ?? '';
                box.append(
                    el(
                        doc,
                        'p',
                        'sfa-alert__text',
                        formatLabel(labels.logFailed, failed.length + pending.length, lastError)
                    )
                );
                const kind = failed.find((view) => view.errorKind)?.errorKind;
                const advice =
                    kind === 'validation'
                        ? labels.logFixValidation
                        : kind === 'access'
                          ? labels.logFixAccess
                          : kind === 'session'
                            ? labels.logFixSession
                            : '';
                if (advice) box.append(el(doc, 'p', 'sfa-alert__text sfa-logs__advice', advice));
                const retry = el(doc, 'button', 'slds-button slds-button_neutral sfa-alert__action', labels.retryNow);
                retry.type = 'button';
                retry.addEventListener('click', () => options.onRetryLogs());
                box.append(retry);
                boxes.push(box);
            } else if (pending.length > 0) {
                const box = el(doc, 'div', 'slds-scoped-notification slds-theme_info sfa-logs__pending');
                box.append(el(doc, 'p', 'slds-text-body_small', formatLabel(labels.logPending, pending.length)));
                boxes.push(box);
            }
            logs.replaceChildren(...boxes);
        },

        setChoice(next) {
            const key = next ? JSON.stringify(next) : '';
            if (key === choiceKey) return;
            choiceKey = key;
            if (!next || next.matches.length < 2) {
                choice.replaceChildren();
                return;
            }
            const section = el(doc, 'section', 'slds-box slds-box_x-small slds-m-around_x-small sfa-choice__box');
            section.setAttribute('aria-labelledby', 'sfa-choice-title');
            const title = el(
                doc,
                'h2',
                'slds-text-heading_small',
                formatLabel(labels.chooseTitle, next.phoneNumber ?? labels.unknownNumber)
            );
            title.id = 'sfa-choice-title';
            const hint = el(doc, 'p', 'slds-text-body_small slds-m-bottom_x-small', labels.chooseHint);
            const list = el(doc, 'ul', 'sfa-choice__list');
            for (const match of next.matches) {
                const item = el(doc, 'li', 'slds-m-bottom_xx-small');
                const name = match.name ?? match.recordId;
                const button = el(
                    doc,
                    'button',
                    'slds-button slds-button_neutral slds-button_stretch sfa-choice__option',
                    match.objectType ? `${name} (${match.objectType})` : name
                );
                button.type = 'button';
                button.dataset.recordId = match.recordId;
                button.addEventListener('click', () => options.onChoose(next.conversationId, match));
                item.append(button);
                list.append(item);
            }
            section.append(title, hint, list);
            choice.replaceChildren(section);
        },

        showNotice(text) {
            const box = alertBox('warning', 'alert');
            box.append(el(doc, 'p', 'sfa-alert__text', text));
            const close = el(doc, 'button', 'slds-button slds-button_neutral sfa-alert__action', labels.dismiss);
            close.type = 'button';
            close.addEventListener('click', () => notice.replaceChildren());
            box.append(close);
            notice.replaceChildren(box);
        }
    };
}
