/**
 * The workbench page's entry. Synthetic shadow loads first (Lightning Experience runs LWCs in
 * synthetic shadow, so SLDS's global styles reach into components), then the shell mounts.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'wb/app';
import { config, startRouter } from 'lex/runtime';
import { installLwsConsole } from './lwsConsole';

installLwsConsole(config().runtime.lws);
startRouter();
const root = document.getElementById('workbench-root');
if (root) root.appendChild(createElement('wb-app', { is: App }));
