import { elapsedSeconds, formatDuration, formatLabel, readDuration } from 'c/softphoneFormat';

describe('c-softphone-format', () => {
    it('reads durations as vendors write them', () => {
        expect(['95', '95.5', '95,5', '95s', '95 sec', '1:35', '00:01:35', '1:00:00'].map(readDuration)).toEqual([
            95, 95.5, 95.5, 95, 95, 95, 95, 3600
        ]);
        expect(['1:75', '1:60:00', 'abc', '-5', '1e3', ''].map(readDuration)).toEqual(Array(6).fill(undefined));
    });

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
