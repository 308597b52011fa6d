/** @jest-environment node */
/**
 * What the adapter page's script carries (issue 12: adapter page JS ≤ 25 KB gzip; `npm run
 * bench:sizes` prints the figure). Bundled exactly as `npm run build` bundles it, in memory: the
 * Ameyo toolbar is the separate resource softphoneAmeyo, loaded only in ameyoToolbar mode, and the
 * call center's help text for admins stays in the generated files (runtimeTable.ts has none). The
 * vendor's wrapper script carries only the vendor contract.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { CALL_CENTER } from '../../src/callCenter/definition';
import { resourceBuildOptions } from '../build';
import { ROOT } from '../lib/paths';

async function bundle(name: string): Promise<{ code: string; inputs: string[] }> {
    const result = await build({ ...resourceBuildOptions(name), write: false, metafile: true });
    const output = Object.values(result.metafile.outputs)[0];
    const inputs = Object.entries(output?.inputs ?? {})
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([file]) => path.relative(ROOT, path.resolve(ROOT, file)));
    return { code: result.outputFiles?.[0]?.text ?? '', inputs };
}

describe('the adapter page script (static resource softphoneAdapter)', () => {
    let adapter: { code: string; inputs: string[] };
    beforeAll(async () => {
        adapter = await bundle('softphoneAdapter');
    }, 60_000);

    it('holds no Ameyo toolbar code: only the constants it shares with it', () => {
        expect(adapter.inputs.filter((file) => file.includes('bridge/ameyo/'))).toEqual(['src/bridge/ameyo/shared.ts']);
        expect(adapter.code).not.toContain('ameyo-integration-v');
    });

    it('holds no description written for admins', () => {
        const descriptions = CALL_CENTER.sections.flatMap((s) => s.items.map((i) => i.description));
        expect(descriptions.length).toBeGreaterThan(20);
        // The first 40 characters of each: long enough to be unique, short of the minifier's quoting.
        expect(descriptions.filter((d) => adapter.code.includes(d.slice(0, 40)))).toEqual([]);
    });
});

describe('the Ameyo toolbar script (static resource softphoneAmeyo)', () => {
    it('holds the toolbar and hands it over on the window, starting nothing itself', async () => {
        const ameyo = await bundle('softphoneAmeyo');
        expect(ameyo.inputs).toEqual(
            expect.arrayContaining(['src/bridge/ameyo/toolbar.ts', 'src/bridge/ameyo/mapping.ts'])
        );
        expect(ameyo.inputs.filter((file) => file.startsWith('src/bridge/opencti/'))).toEqual([]);
        // The message contract comes from the adapter script (AmeyoToolbarOptions.contract): one copy per page.
        expect(
            ameyo.inputs.filter((file) => /softphoneProtocol|softphoneSchema|core\/(contract|validate)/.test(file))
        ).toEqual([]);
        expect(ameyo.code).toContain('StreemSoftphoneAmeyo');
    }, 60_000);
});

describe("the vendor's wrapper script (static resource softphoneWrapper)", () => {
    it('carries the vendor contract, not the component channel protocol', async () => {
        const wrapper = await bundle('softphoneWrapper');
        expect(wrapper.inputs).toEqual(expect.arrayContaining(['src/bridge/core/contract.ts']));
        expect(wrapper.inputs.filter((file) => /softphoneProtocol|bridge\/opencti\//.test(file))).toEqual([]);
    }, 60_000);
});
