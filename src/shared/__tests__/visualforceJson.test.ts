/** @jest-environment node */
import { parseVisualforceJson } from '../visualforceJson';

describe('parseVisualforceJson', () => {
    it("reads JSENCODE's \\' (not JSON) as an apostrophe, and keeps JSON's own escapes", () => {
        // What {!JSENCODE(...)} writes for: the user's "name" <b>\ and a line break.
        const island = String.raw`{"opening": "the user\'s \"name\" \u003Cb\u003E\\ x\nend", "n": 1}`;
        expect(parseVisualforceJson(island)).toEqual({ opening: 'the user\'s "name" <b>\\ x\nend', n: 1 });
    });

    it('gives undefined for what is absent or unreadable', () => {
        expect(parseVisualforceJson(undefined)).toBeUndefined();
        expect(parseVisualforceJson('')).toBeUndefined();
        expect(parseVisualforceJson('{"a": ')).toBeUndefined();
    });
});
