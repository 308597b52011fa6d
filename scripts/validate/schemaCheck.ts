/**
 * Checks one parsed metadata file against the Metadata API schema: unknown elements,
 * missing required fields, repeated single fields and values of the wrong type, each
 * with the element path and what was expected.
 */
import {
    ANY_ELEMENT_ATTRIBUTES,
    CONTENT_FILE_FIELDS,
    EXTRA_FIELDS,
    METADATA_NAMESPACE,
    OPAQUE_FIELDS,
    ROOT_ATTRIBUTES
} from './knownGaps';
import type { FieldSchema, MetadataSchema, ObjectSchema, ValueType } from './metadataSchema';
import type { ProblemSink } from './problems';
import type { XmlElement } from './xml';

/** Checks `root` (a whole metadata file) against `schema`, reporting into `sink`. */
export function checkMetadataXml(root: XmlElement, schema: MetadataSchema, sink: ProblemSink): void {
    const type = schema.objects[root.name];
    if (!type?.isMetadata) {
        const hint = suggest(root.name, metadataTypeNames(schema));
        sink.error(`<${root.name}> is not a Metadata API type${hint ? ` (did you mean <${hint}>?)` : ''}`, {
            line: root.line,
            path: root.name
        });
        return;
    }
    checkRootAttributes(root, sink);
    checkObject(root, root.name, type, root.name, schema, sink);
}

function checkRootAttributes(root: XmlElement, sink: ProblemSink): void {
    const namespace = root.attributes['xmlns'];
    if (namespace === undefined)
        sink.error(`missing xmlns="${METADATA_NAMESPACE}" on the root element`, { line: root.line, path: root.name });
    else if (namespace !== METADATA_NAMESPACE) {
        sink.error(`xmlns is "${namespace}"; expected "${METADATA_NAMESPACE}"`, { line: root.line, path: root.name });
    }
    for (const attribute of Object.keys(root.attributes)) {
        if (!ROOT_ATTRIBUTES.has(attribute) && !ANY_ELEMENT_ATTRIBUTES.has(attribute)) {
            sink.error(
                `unexpected attribute ${attribute}="…" on the root element; metadata fields are elements, not attributes`,
                { line: root.line, path: root.name }
            );
        }
    }
}

function checkObject(
    element: XmlElement,
    typeName: string,
    type: ObjectSchema,
    path: string,
    schema: MetadataSchema,
    sink: ProblemSink
): void {
    if (element.text !== '') {
        sink.error(
            `unexpected text "${clip(element.text)}"; <${element.name}> is a ${typeName} and holds only elements (${fieldList(type, typeName)})`,
            { line: element.line, path }
        );
    }
    const counts = new Map<string, number>();
    for (const child of element.children) {
        const index = counts.get(child.name) ?? 0;
        counts.set(child.name, index + 1);
        const field = fieldOf(typeName, type, child.name);
        if (!field) {
            reportUnknown(child, typeName, type, path, sink);
            continue;
        }
        const childPath = field.array || index > 0 ? `${path}.${child.name}[${index}]` : `${path}.${child.name}`;
        if (!field.array && index === 1) {
            sink.error(
                `<${child.name}> appears more than once; ${typeName}.${child.name} is a single ${describe(field.type, schema)}`,
                { line: child.line, path: childPath }
            );
        }
        checkAttributes(child, childPath, sink);
        if (OPAQUE_FIELDS[typeName]?.includes(child.name)) continue;
        checkValue(child, field.type, childPath, schema, sink);
    }
    for (const [name, field] of Object.entries(type.fields)) {
        if (field.optional || field.array || counts.has(name) || isContentFileField(type, name)) continue;
        sink.error(`missing required element <${name}> (${describe(field.type, schema)}) in ${typeName}`, {
            line: element.line,
            path: `${path}.${name}`
        });
    }
}

/**
 * A field source format keeps in a file of its own: only on a metadata type (the file's root), so
 * an element that merely shares the name (CustomApplication.actionOverrides[].content, the page a
 * record page override names) is checked like any other field.
 */
function isContentFileField(type: ObjectSchema, name: string): boolean {
    return type.isMetadata && name in CONTENT_FILE_FIELDS && type.fields[name] !== undefined;
}

function fieldOf(typeName: string, type: ObjectSchema, name: string): FieldSchema | undefined {
    if (isContentFileField(type, name)) return undefined;
    const field = type.fields[name];
    if (field) return field;
    const extra = EXTRA_FIELDS[typeName]?.[name];
    return extra ? { type: extra, optional: true, array: false } : undefined;
}

function reportUnknown(child: XmlElement, typeName: string, type: ObjectSchema, path: string, sink: ProblemSink): void {
    const where = { line: child.line, path: `${path}.${child.name}` };
    const contentReason = isContentFileField(type, child.name) ? CONTENT_FILE_FIELDS[child.name] : undefined;
    if (contentReason) {
        sink.error(`<${child.name}> does not belong in a source-format file: ${contentReason}`, where);
        return;
    }
    const names = Object.keys(type.fields).filter((name) => !isContentFileField(type, name));
    const hint = suggest(child.name, names);
    sink.error(
        `unknown element <${child.name}> in ${typeName}${hint ? ` (did you mean <${hint}>?)` : ''}; expected one of: ${fieldList(type, typeName)}`,
        where
    );
}

function checkAttributes(element: XmlElement, path: string, sink: ProblemSink): void {
    for (const attribute of Object.keys(element.attributes)) {
        if (ANY_ELEMENT_ATTRIBUTES.has(attribute)) continue;
        sink.error(
            `unexpected attribute ${attribute}="${clip(element.attributes[attribute] ?? '')}"; metadata fields are elements, not attributes`,
            { line: element.line, path }
        );
    }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function checkValue(
    element: XmlElement,
    type: ValueType,
    path: string,
    schema: MetadataSchema,
    sink: ProblemSink
): void {
    const where = { line: element.line, path };
    if (type.kind === 'object') {
        const objectType = schema.objects[type.name];
        if (objectType) checkObject(element, type.name, objectType, path, schema, sink);
        return;
    }
    if (type.kind === 'any') return;
    if (element.children.length > 0) {
        const names = [...new Set(element.children.map((child) => `<${child.name}>`))].join(', ');
        sink.error(`expected ${describe(type, schema)} text, found nested elements ${names}`, where);
        return;
    }
    const value = element.text;
    if (element.attributes['xsi:nil'] === 'true' && value === '') return;
    switch (type.kind) {
        case 'string':
            return;
        case 'number':
            if (!NUMBER.test(value)) sink.error(`${quote(value)} is not a number; expected number (e.g. 68.0)`, where);
            return;
        case 'boolean':
            if (value !== 'true' && value !== 'false')
                sink.error(`${quote(value)} is not a boolean; expected true | false`, where);
            return;
        case 'date':
            if (!DATE.test(value))
                sink.error(`${quote(value)} is not a date; expected YYYY-MM-DD or an ISO 8601 date-time`, where);
            return;
        case 'enum': {
            const values = schema.enums[type.name] ?? [];
            if (!values.includes(value)) {
                const hint = suggest(value, values);
                sink.error(
                    `${quote(value)} is not a valid ${enumLabel(type.name)}${hint ? ` (did you mean ${hint}?)` : ''}; expected one of: ${values.join(' | ')}`,
                    where
                );
            }
            return;
        }
    }
}

/** How a value type reads in a message: `boolean`, `CspTrustedSiteContext (All | LEX | …)`, `CallCenterItem`. */
export function describe(type: ValueType, schema: MetadataSchema): string {
    if (type.kind === 'enum') return `${enumLabel(type.name)}: ${(schema.enums[type.name] ?? []).join(' | ')}`;
    if (type.kind === 'object') return type.name;
    return type.kind;
}

function enumLabel(name: string): string {
    // Inline unions are registered as `Owner.field`; name them after the field.
    return name.includes('.') ? `value for ${name}` : name;
}

function fieldList(type: ObjectSchema, typeName: string): string {
    const names = Object.keys(type.fields).filter((name) => !isContentFileField(type, name));
    names.push(...Object.keys(EXTRA_FIELDS[typeName] ?? {}));
    return names.join(', ');
}

function metadataTypeNames(schema: MetadataSchema): string[] {
    return Object.entries(schema.objects)
        .filter(([, type]) => type.isMetadata)
        .map(([name]) => name);
}

function quote(value: string): string {
    return value === '' ? 'an empty value' : `"${clip(value)}"`;
}

function clip(value: string): string {
    return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

/** The candidate closest to `word` (case-insensitive edit distance ≤ 2, or ≤ a third of its length). */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
    const lower = word.toLowerCase();
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
    for (const candidate of candidates) {
        const distance = editDistance(lower, candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

function editDistance(a: string, b: string): number {
    if (Math.abs(a.length - b.length) > 3) return Infinity;
    let beforePrevious: number[] = [];
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
            // An adjacent swap ("vaule" for "value") counts as one edit.
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
            current.push(value);
        }
        beforePrevious = previous;
        previous = current;
    }
    return previous[b.length] ?? Infinity;
}
