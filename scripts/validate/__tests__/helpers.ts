/** Shared set-up for the validate tests: fixture paths and the (cached) schema and registries. */
import path from 'node:path';
import { BUILD_DIR, ROOT } from '../../lib/paths';
import { loadTypeRegistry, type TypeRegistry } from '../fileTypes';
import { loadLightningModules } from '../lwcReferences';
import { loadMetadataSchema, type MetadataSchema } from '../metadataSchema';
import type { MetadataContext } from '../metadataFiles';
import type { Problem } from '../problems';

export const FIXTURES = path.join(__dirname, '..', '__fixtures__');
export const GOOD = path.join(FIXTURES, 'good');
export const BROKEN = path.join(FIXTURES, 'broken');
/** force-app/main/default inside a fixture project. */
export const defaultDir = (project: string): string => path.join(project, 'force-app', 'main', 'default');

let schema: MetadataSchema | undefined;
let registry: TypeRegistry | undefined;
let lightning: Set<string> | undefined;

export function testSchema(): MetadataSchema {
    schema ??= loadMetadataSchema(ROOT, path.join(BUILD_DIR, 'metadata-schema.json'));
    return schema;
}

export function testRegistry(): TypeRegistry {
    registry ??= loadTypeRegistry(ROOT);
    return registry;
}

export function lightningModules(): Set<string> {
    lightning ??= loadLightningModules(ROOT);
    return lightning;
}

export function metadataContext(): MetadataContext {
    return { schema: testSchema(), registry: testRegistry(), sourceApiVersion: '68.0' };
}

/** Problems as `line path: message` strings, the way a reader scans them. */
export function describeProblems(problems: readonly Problem[]): string[] {
    return problems.map((p) => `${p.severity} ${p.line ?? '-'} ${p.path ?? ''}: ${p.message}`);
}
