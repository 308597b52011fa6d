/**
 * Text helpers shared by softphoneBridge and the components inside it, the bridge core and the
 * URL pop: label placeholders and call durations, written and read. Pure, no `lwc`.
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

/** A duration as a clock (`1:05`, `00:01:05`), or seconds with a unit (`65s`, `65 sec`) or a decimal comma (`65,4`). */
const CLOCK_DURATION = /^\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\s*$/;
const SECONDS_DURATION = /^\s*(\d{1,6})(?:[.,](\d+))?\s*(?:s|secs?|seconds?)?\s*$/i;

/**
 * Seconds from a duration as vendors write it: `95`, `95.4`, `95,4`, `95s`, `95 sec`, `1:35`,
 * `00:01:35`; undefined for anything else (an impossible clock such as `1:75` included).
 */
export function readDuration(text: string): number | undefined {
    const clock = CLOCK_DURATION.exec(text);
    if (clock) {
        const [, hours, minutes, seconds] = clock;
        if (Number(seconds) > 59 || (hours !== undefined && Number(minutes) > 59)) return undefined;
        return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds);
    }
    const plain = SECONDS_DURATION.exec(text);
    if (!plain) return undefined;
    // `1,234` is a thousands separator (1,234 s), `65,4` a decimal comma.
    if (/^\s*\d{1,3},\d{3}\b/.test(text)) return Number(`${plain[1]}${plain[2]}`);
    return Number(`${plain[1]}.${plain[2] ?? 0}`);
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
