/**
 * Files derived from one source of truth. Each generator writes its output and
 * returns the paths it wrote; `npm run build` runs them all, and each has a test
 * that the committed output is current (where the output is committed).
 */
import { generateCallCenter } from './generate-call-center';
import { generatePhoneNumbers } from './generate-phone-numbers';
import type { Generator } from './lib/generator';

const GENERATORS: Generator[] = [generateCallCenter, generatePhoneNumbers];

export async function generateAll(): Promise<string[]> {
    const written: string[] = [];
    for (const generator of GENERATORS) written.push(...(await generator()));
    return written;
}

if (require.main === module) {
    generateAll()
        .then((paths) => paths.forEach((p) => console.log(`generated ${p}`)))
        .catch((error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        });
}
