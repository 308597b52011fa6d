/**
 * The Metadata API schema, derived at validate time from the types Salesforce
 * publishes in `@salesforce/types` (lib/metadata.d.ts) with the TypeScript compiler
 * API. Nothing here is hand-written per type: the .d.ts is the source of truth, and
 * its known gaps are handled in knownGaps.ts. The result is cached as JSON under
 * .build/ keyed by the .d.ts identity, because loading the compiler and parsing
 * 19,000 lines costs about a second.
 */
import fs from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';

/** What one XML element's content must be. */
export type ValueType =
    | { kind: 'string' | 'number' | 'boolean' | 'date' | 'any' }
    | { kind: 'enum'; name: string }
    | { kind: 'object'; name: string };

export interface FieldSchema {
    type: ValueType;
    /** Declared with `?`: may be absent. */
    optional: boolean;
    /** Declared as `T[]`: may repeat or be absent. */
    array: boolean;
}

export interface ObjectSchema {
    fields: Record<string, FieldSchema>;
    /** Extends `Metadata`, so it can be the root element of a metadata file. */
    isMetadata: boolean;
}

export interface MetadataSchema {
    /** Identity of the .d.ts the schema came from (the cache key). */
    source: string;
    objects: Record<string, ObjectSchema>;
    enums: Record<string, string[]>;
    /** Property types the deriver could not map (checked as `any`); empty with today's .d.ts. */
    unmapped: string[];
}

/** Bump when the shape of MetadataSchema or the derivation changes, to drop stale caches. */
const SCHEMA_FORMAT = 1;

/** `node_modules/@salesforce/types/lib/metadata.d.ts` as resolved from `root`. */
export function metadataTypesPath(root: string): string {
    // The package's "exports" hide lib/, so resolve its package.json directory instead.
    return path.join(packageDir(root, '@salesforce/types'), 'lib', 'metadata.d.ts');
}

/** The installed directory of `name` as seen from `root` (found by walking node_modules). */
export function packageDir(root: string, name: string): string {
    for (let dir = root; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, 'node_modules', name);
        if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
        if (path.dirname(dir) === dir)
            throw new Error(`${name} is not installed (looked in node_modules above ${root}); run npm ci`);
    }
}

/** Loads the schema from `cacheFile` when it matches the installed .d.ts, else derives and caches it. */
export function loadMetadataSchema(root: string, cacheFile: string): MetadataSchema {
    const dtsPath = metadataTypesPath(root);
    const source = schemaSource(dtsPath);
    try {
        const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as MetadataSchema;
        if (cached.source === source) return cached;
    } catch {
        // No cache or an unreadable one: derive below.
    }
    const schema = deriveMetadataSchema(fs.readFileSync(dtsPath, 'utf8'), source);
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    // Write then rename, so a concurrent run never reads half a file.
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(schema));
    fs.renameSync(temp, cacheFile);
    return schema;
}

function schemaSource(dtsPath: string): string {
    const stat = fs.statSync(dtsPath);
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(dtsPath), '..', 'package.json'), 'utf8')) as {
        version?: string;
    };
    return `@salesforce/types@${pkg.version ?? '?'}:${stat.size}:${Math.round(stat.mtimeMs)}:format${SCHEMA_FORMAT}`;
}

type Resolved =
    { kind: 'primitive'; type: ValueType } | { kind: 'enum'; name: string } | { kind: 'object'; name: string };

/** Derives the schema from the text of metadata.d.ts (exported type aliases only). */
export function deriveMetadataSchema(dtsText: string, source = 'inline'): MetadataSchema {
    // Loaded here, not at the top, so a cached run never pays for the compiler.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require('typescript') as typeof TS;
    const file = ts.createSourceFile('metadata.d.ts', dtsText, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const aliases = new Map<string, TS.TypeNode>();
    for (const statement of file.statements) {
        if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement.type);
    }

    const schema: MetadataSchema = { source, objects: {}, enums: {}, unmapped: [] };
    const resolving = new Set<string>();
    const resolvedCache = new Map<string, Resolved>();

    const keywordType = (node: TS.TypeNode): ValueType | undefined => {
        switch (node.kind) {
            case ts.SyntaxKind.StringKeyword:
                return { kind: 'string' };
            case ts.SyntaxKind.NumberKeyword:
                return { kind: 'number' };
            case ts.SyntaxKind.BooleanKeyword:
                return { kind: 'boolean' };
            case ts.SyntaxKind.UnknownKeyword:
            case ts.SyntaxKind.AnyKeyword:
                return { kind: 'any' };
            default:
                return undefined;
        }
    };

    const literalUnion = (node: TS.TypeNode): string[] | undefined => {
        const members = ts.isUnionTypeNode(node) ? node.types : [node];
        const values: string[] = [];
        for (const member of members) {
            if (ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal)) values.push(member.literal.text);
            else return undefined;
        }
        return values;
    };

    /** Resolves a named alias to a primitive, an enum or an object (registering the latter two). */
    const resolveName = (name: string): Resolved => {
        const cached = resolvedCache.get(name);
        if (cached) return cached;
        const node = aliases.get(name);
        let resolved: Resolved;
        if (!node) {
            // `Date` comes from lib.d.ts, not from this file.
            resolved = { kind: 'primitive', type: name === 'Date' ? { kind: 'date' } : { kind: 'any' } };
            if (name !== 'Date') schema.unmapped.push(name);
        } else if (resolving.has(name)) {
            // A type that contains itself (e.g. nested flow elements): refer to it by name.
            resolved = { kind: 'object', name };
        } else {
            resolving.add(name);
            resolved = resolveNode(name, node);
            resolving.delete(name);
        }
        resolvedCache.set(name, resolved);
        return resolved;
    };

    const resolveNode = (name: string, node: TS.TypeNode): Resolved => {
        const keyword = keywordType(node);
        if (keyword) return { kind: 'primitive', type: keyword };
        const values = literalUnion(node);
        if (values) {
            schema.enums[name] = values;
            return { kind: 'enum', name };
        }
        if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) return resolveName(node.typeName.text);
        if (ts.isTypeLiteralNode(node) || ts.isIntersectionTypeNode(node)) {
            const object: ObjectSchema = { fields: {}, isMetadata: name === 'Metadata' };
            schema.objects[name] = object; // registered first so self-references resolve
            const parts = ts.isIntersectionTypeNode(node) ? node.types : [node];
            for (const part of parts) {
                if (ts.isTypeReferenceNode(part) && ts.isIdentifier(part.typeName)) {
                    const base = resolveName(part.typeName.text);
                    const baseObject = base.kind === 'object' ? schema.objects[base.name] : undefined;
                    if (baseObject) {
                        Object.assign(object.fields, baseObject.fields);
                        object.isMetadata ||= baseObject.isMetadata;
                    } else schema.unmapped.push(`${name} & ${part.typeName.text}`);
                } else if (ts.isTypeLiteralNode(part)) {
                    for (const member of part.members) addField(name, object, member);
                } else schema.unmapped.push(`${name}: ${ts.SyntaxKind[part.kind]}`);
            }
            return { kind: 'object', name };
        }
        schema.unmapped.push(`${name}: ${ts.SyntaxKind[node.kind]}`);
        return { kind: 'primitive', type: { kind: 'any' } };
    };

    const addField = (owner: string, object: ObjectSchema, member: TS.TypeElement): void => {
        if (!ts.isPropertySignature(member) || !member.type) return;
        const fieldName =
            ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : undefined;
        if (fieldName === undefined) return;
        let typeNode = member.type;
        let array = false;
        if (ts.isArrayTypeNode(typeNode)) {
            array = true;
            typeNode = typeNode.elementType;
        }
        object.fields[fieldName] = {
            type: valueTypeOf(`${owner}.${fieldName}`, typeNode),
            optional: member.questionToken !== undefined,
            array
        };
    };

    const valueTypeOf = (where: string, node: TS.TypeNode): ValueType => {
        const keyword = keywordType(node);
        if (keyword) return keyword;
        if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
            const resolved = resolveName(node.typeName.text);
            return resolved.kind === 'primitive' ? resolved.type : resolved;
        }
        const values = literalUnion(node);
        if (values) {
            schema.enums[where] = values;
            return { kind: 'enum', name: where };
        }
        schema.unmapped.push(`${where}: ${ts.SyntaxKind[node.kind]}`);
        return { kind: 'any' };
    };

    for (const name of aliases.keys()) resolveName(name);
    return schema;
}
