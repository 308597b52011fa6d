/** Repository paths every script shares, so no script guesses where things live. */
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_DIR = path.join(ROOT, 'force-app');
export const DEFAULT_DIR = path.join(PACKAGE_DIR, 'main', 'default');
export const LWC_DIR = path.join(DEFAULT_DIR, 'lwc');
export const STATIC_RESOURCES_DIR = path.join(DEFAULT_DIR, 'staticresources');
/** Each src/resources/<name>.ts becomes the static resource <name> (a browser bundle). */
export const RESOURCE_ENTRIES_DIR = path.join(ROOT, 'src', 'resources');
export const BUILD_DIR = path.join(ROOT, '.build');
export const BIN = path.join(ROOT, 'node_modules', '.bin');
