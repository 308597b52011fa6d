import { elapsedSeconds, formatDuration, formatLabel } from 'c/softphoneFormat';

describe('c-softphone-format', () => {
    it('fills label placeholders', () => {
        expect(formatLabel('Call {0} {1}', 'mobile', '(503) 555-1212')).toBe('Call mobile (503) 555-1212');
        expect(formatLabel('{1} before {0}{2}', 'a', 'b')).toBe('b before a');
    });

    it('formats durations as m:ss and h:mm:ss', () => {
        expect(formatDuration(0)).toBe('0:00');
        expect(formatDuration(65.9)).toBe('1:05');
        expect(formatDuration(3_725)).toBe('1:02:05');
        expect(formatDuration(-5)).toBe('0:00');
        expect(formatDuration(Number.NaN)).toBe('0:00');
        expect(elapsedSeconds(10_000, 9_000)).toBe(0);
        expect(elapsedSeconds(10_000, 12_999)).toBe(2);
    });
});
