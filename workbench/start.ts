/**
 * npm start: builds the package and the workbench, serves the six origins on loopback, prints the
 * app URL, and stays up until Ctrl-C. WORKBENCH_PORT sets the first port (default 4800);
 * --skip-package reuses the package's last build; --ameyo sets the call center to the Ameyo toolbar
 * protocol with the Ameyo stand-in (as an admin would in Setup).
 */
import { buildWorkbench, describeBuild } from './build';
import { startWorkbench } from './server';

async function main(): Promise<void> {
    const stats = await buildWorkbench({ buildPackage: !process.argv.includes('--skip-package') });
    console.log(describeBuild(stats));
    const workbench = await startWorkbench({ verbose: true });
    const { urls } = workbench;
    if (process.argv.includes('--ameyo')) {
        Object.assign(workbench.callCenterOverrides, {
            '/softphoneProtocol/protocol': 'ameyoToolbar',
            '/softphoneProtocol/ameyoBaseUrl': urls.ameyo,
            '/softphoneProtocol/ameyoScriptVersion': '4.2'
        });
    }
    console.log(
        [
            '',
            `Workbench running: ${urls.app}/lightning/page/home`,
            `  Visualforce (adapter)  ${urls.visualforce}/apex/SoftphoneAdapter`,
            `  reference softphone    ${urls.softphone}/`,
            `  Streem stand-in        ${urls.streem}/embed`,
            `  hostile frame          ${urls.hostile}/hostile`,
            `  Ameyo toolbar stand-in ${urls.ameyo}/ameyowebaccess/toolbar-crm.htm`,
            'Ctrl-C to stop.'
        ].join('\n')
    );
    const stop = (): void => {
        void workbench.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
