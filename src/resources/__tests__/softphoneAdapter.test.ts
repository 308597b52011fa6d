/**
 * The adapter page's entry script (static resource softphoneAdapter): what it takes from the
 * Visualforce page before anything else runs there.
 */
describe('static resource softphoneAdapter', () => {
    afterEach(() => {
        const host = window as unknown as { __softphoneAdapter?: { dispose(): void } };
        host.__softphoneAdapter?.dispose();
        delete host.__softphoneAdapter;
        document.body.replaceChildren();
    });

    it("reads the page's API session once and takes it out of the DOM, before a script the page loads later (Ameyo's) could read it", async () => {
        document.body.innerHTML = `
            <div id="softphone-adapter"></div>
            <script type="application/json" id="softphone-adapter-session">
                { "sessionId": "00D-session-for-the-task-lookup", "userId": "005000000000001AAA" }
            </script>`;
        await jest.isolateModulesAsync(async () => {
            await import('../softphoneAdapter');
        });
        expect(document.getElementById('softphone-adapter-session')).toBeNull();
        expect(document.body.innerHTML).not.toContain('00D-session-for-the-task-lookup');
        // Started all the same (here without Open CTI, which it says).
        expect((window as unknown as { __softphoneAdapter?: unknown }).__softphoneAdapter).toBeDefined();
    });
});
