/**
 * Text helpers shared by softphoneBridge and the components inside it: label placeholders and
 * call durations. Pure, no `lwc`.
 */

/** Replaces `{0}`, `{1}`… in a custom label with the given values (missing ones become ''). */
export function formatLabel(label: string, ...args: readonly (string | number | undefined)[]): string {
    return label.replace(/\{(\d+)\}/g, (_match, index: string) => {
        const value = args[Number(index)];
        return value === undefined ? '' : String(value);
    });
}

/** Whole seconds from `from` to `now` (epoch ms), never negative (clocks of two windows can disagree slightly). */
export function elapsedSeconds(from: number, now: number): number {
    return Math.max(0, Math.floor((now - from) / 1000));
}

/** A call duration as m:ss, or h:mm:ss from one hour on (digits only, so it reads the same in every locale). */
export function formatDuration(totalSeconds: number): string {
    const safe = Number.isFinite(totalSeconds) ? Math.max(0, Math.floor(totalSeconds)) : 0;
    const hours = Math.floor(safe / 3600);
    const minutes = Math.floor((safe % 3600) / 60);
    const seconds = safe % 60;
    const ss = String(seconds).padStart(2, '0');
    return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}
