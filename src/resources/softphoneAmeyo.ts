/**
 * Static resource `softphoneAmeyo`: the Ameyo generic web toolbar's glue (src/bridge/ameyo/), kept
 * out of the adapter script so that wrapper call centers never load it. The adapter page loads it
 * only when the call center's protocol is `ameyoToolbar` (src/bridge/opencti/ameyoLoader.ts), and
 * it hands its entry point over on the window; it starts nothing by itself.
 */
import { AMEYO_MODULE_GLOBAL } from '../bridge/ameyo/shared';
import { createAmeyoToolbar } from '../bridge/ameyo/toolbar';
import type { AmeyoModule } from '../bridge/opencti/ameyoLoader';

const module: AmeyoModule = { createAmeyoToolbar };
(window as unknown as Record<string, unknown>)[AMEYO_MODULE_GLOBAL] = Object.freeze(module);
