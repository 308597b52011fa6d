/** Where the workbench reads the package and writes its build; one place so no file guesses. */
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const WORKBENCH_DIR = __dirname;
export const DEFAULT_DIR = path.join(ROOT, 'force-app', 'main', 'default');
export const LWC_DIR = path.join(DEFAULT_DIR, 'lwc');
export const LABELS_DIR = path.join(DEFAULT_DIR, 'labels');
export const MESSAGE_CHANNELS_DIR = path.join(DEFAULT_DIR, 'messageChannels');
export const STATIC_RESOURCES_DIR = path.join(DEFAULT_DIR, 'staticresources');
export const PAGES_DIR = path.join(DEFAULT_DIR, 'pages');

export const PLATFORM_DIR = path.join(WORKBENCH_DIR, 'platform');

export const OUT_DIR = path.join(ROOT, '.build', 'workbench');
export const APP_OUT_DIR = path.join(OUT_DIR, 'app');
export const GEN_DIR = path.join(OUT_DIR, 'gen');
export const SCREENSHOTS_DIR = path.join(ROOT, '.build', 'screenshots');

export const SLDS_ASSETS_DIR = path.join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');

/** The Open CTI script path the adapter page loads (relative on a Visualforce page). */
export const API_VERSION = '68.0';
