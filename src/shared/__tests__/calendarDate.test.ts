import { localDate, readTimeZone } from '../calendarDate';

// 03:00 UTC on 2 December 2026: still 1 December in California, already the 2nd east of UTC.
const AT = Date.UTC(2026, 11, 2, 3, 0);

describe('calendarDate', () => {
    it.each([
        ['America/Los_Angeles', '2026-12-01'],
        ['GMT', '2026-12-02'],
        ['Europe/Paris', '2026-12-02'],
        ['Pacific/Kiritimati', '2026-12-02'],
        ['Etc/GMT+12', '2026-12-01']
    ])('dates a time in the user time zone %s', (timeZone, date) => {
        expect(localDate(AT, timeZone)).toBe(date);
    });

    it("uses the browser's zone without a zone, or for one the browser does not know", () => {
        const d = new Date(AT);
        const browser = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
        expect(localDate(AT)).toBe(browser);
        expect(localDate(AT, 'Mars/Olympus_Mons')).toBe(browser);
    });

    it.each([
        ['America/Los_Angeles', 'America/Los_Angeles'],
        [' America/Argentina/Buenos_Aires ', 'America/Argentina/Buenos_Aires'],
        ['GMT', 'GMT'],
        ['Etc/GMT+12', 'Etc/GMT+12'],
        ['', undefined],
        [null, undefined],
        ['{!$User.TimeZoneSidKey}', undefined],
        ['America/Los_Angeles"><script>', undefined],
        ['a/b/c/d', undefined],
        [`Europe/${'x'.repeat(80)}`, undefined]
    ])('reads the page attribute %p as %p', (raw, zone) => {
        expect(readTimeZone(raw)).toBe(zone);
    });
});
