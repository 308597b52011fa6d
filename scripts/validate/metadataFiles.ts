/**
 * Checks every `*-meta.xml` of the package: well-formed XML, the file name matches
 * the root element's type, the content matches the Metadata API schema, and
 * type-specific rules (LWC targetConfigs, content files, apiVersion, labels).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileKindOf, type FileKind, type TypeRegistry } from './fileTypes';
import type { MetadataSchema } from './metadataSchema';
import { problemSink, type Problem } from './problems';
import { checkMetadataXml } from './schemaCheck';
import { checkTargetConfigs, type DeclaredProperty } from './targetConfigs';
import { childNamed, parseXml, type XmlElement } from './xml';

export interface MetadataContext {
    schema: MetadataSchema;
    registry: TypeRegistry;
    /** sfdx-project.json sourceApiVersion; components on another version get a warning. */
    sourceApiVersion?: string;
}

/** A metadata file that parsed, with what later checks need from it. */
export interface ParsedMetadataFile {
    /** Relative to the project root, forward slashes. */
    file: string;
    root: XmlElement;
    kind?: FileKind;
    fullName?: string;
    /** LightningComponentBundle only: the targetConfigs properties. */
    declaredProperties?: DeclaredProperty[];
}

/**
 * Checks one metadata file. `absolutePath` is read; `file` names it in problems.
 * Returns the parsed file when it is well-formed XML.
 */
export function checkMetadataFile(
    absolutePath: string,
    file: string,
    context: MetadataContext,
    problems: Problem[]
): ParsedMetadataFile | undefined {
    const sink = problemSink('schema', file, problems);
    const source = fs.readFileSync(absolutePath, 'utf8');
    const parsed = parseXml(source);
    if (!parsed.ok) {
        sink.error(`not well-formed XML: ${parsed.message}`, { line: parsed.line });
        return undefined;
    }
    const { root } = parsed;
    const result: ParsedMetadataFile = { file, root };
    const kindResult = fileKindOf(file, context.registry);
    if ('problem' in kindResult) sink.error(kindResult.problem, { line: root.line });
    else {
        result.kind = kindResult.kind;
        result.fullName = kindResult.fullName;
        if (root.name !== kindResult.kind.typeName) {
            sink.error(
                `a ${path.posix.basename(file).replace(/^[^.]*/, '')} file holds a <${kindResult.kind.typeName}>, but the root element is <${root.name}>`,
                { line: root.line, path: root.name }
            );
        }
        if (kindResult.kind.child && parsed.commentBeforeRoot) {
            // Found on a WebLink: the CLI's decomposed-child parser takes the comment for the root.
            sink.error(
                `an XML comment before <${root.name}> makes sf project convert source fail ("Invalid XML tags or unable to find matching parent xml file"); move the comment inside <${root.name}>`,
                { line: 1 }
            );
        }
        const fullNameElement = childNamed(root, 'fullName');
        if (fullNameElement && fullNameElement.text !== kindResult.fullName) {
            sink.error(
                `<fullName>${fullNameElement.text}</fullName> does not match the file name (${kindResult.fullName}); the CLI uses the file name`,
                { line: fullNameElement.line, path: `${root.name}.fullName` }
            );
        }
    }
    checkMetadataXml(root, context.schema, sink);

    if (root.name === 'LightningComponentBundle') result.declaredProperties = checkTargetConfigs(root, sink);
    checkDescriptionLength(root, source, sink);
    const apiVersion = childNamed(root, 'apiVersion');
    if (
        apiVersion &&
        context.sourceApiVersion &&
        /^\d+(\.\d+)?$/.test(apiVersion.text) &&
        Number(apiVersion.text) !== Number(context.sourceApiVersion)
    ) {
        sink.warning(
            `apiVersion ${apiVersion.text} differs from sourceApiVersion ${context.sourceApiVersion} in sfdx-project.json`,
            { line: apiVersion.line, path: `${root.name}.apiVersion` }
        );
    }
    if (result.kind && result.fullName && context.schema.objects[root.name]?.fields['content']) {
        checkContentFile(absolutePath, result.fullName, root, sink);
    }
    return result;
}

/**
 * Description limits the org enforces at deploy ("Description: data value too large ... (max
 * length=255)"), counted on the element's text as the CLI sends it: line breaks and indentation
 * count. Sources: Tooling API LightningComponentBundle.Description and Metadata API PermissionSet
 * description, "Maximum size of 255 characters" each.
 */
const DESCRIPTION_LIMITS: Readonly<Record<string, number>> = {
    LightningComponentBundle: 255,
    PermissionSet: 255,
    PermissionSetGroup: 255
};

function checkDescriptionLength(root: XmlElement, source: string, sink: ReturnType<typeof problemSink>): void {
    const limit = DESCRIPTION_LIMITS[root.name];
    const description = childNamed(root, 'description');
    if (limit === undefined || !description) return;
    // The parsed text is trimmed; the org keeps what is between the tags, entities read as one character.
    const raw = /<description>([\s\S]*?)<\/description>/.exec(source)?.[1] ?? description.text;
    const length = raw.replace(/&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, '_').length;
    if (length <= limit) return;
    sink.error(
        `<description> is ${length} characters as written (line breaks and indentation count); the org refuses more than ${limit} ("data value too large"): shorten it, on one line`,
        { line: description.line, path: `${root.name}.description` }
    );
}

/** A MetadataWithContent type (ApexPage, StaticResource) needs its content file beside the -meta.xml. */
function checkContentFile(
    absolutePath: string,
    fullName: string,
    root: XmlElement,
    sink: ReturnType<typeof problemSink>
): void {
    const dir = path.dirname(absolutePath);
    const metaName = path.basename(absolutePath);
    const hasContent = fs
        .readdirSync(dir)
        .some(
            (entry) =>
                entry !== metaName &&
                (entry === fullName || entry.startsWith(`${fullName}.`)) &&
                !entry.endsWith('-meta.xml')
        );
    if (hasContent) return;
    const built =
        root.name === 'StaticResource'
            ? ` (if it is built from src/resources/${fullName}.ts, run npm run build first)`
            : '';
    sink.error(`${root.name} ${fullName} has no content file beside ${metaName}${built}`, { line: root.line });
}

/** Labels defined twice (across labels/*.labels-meta.xml) fail the deploy once the CLI merges them. */
export function checkLabelNames(files: readonly ParsedMetadataFile[], problems: Problem[]): Set<string> {
    const seen = new Map<string, string>();
    for (const parsed of files) {
        if (parsed.root.name !== 'CustomLabels') continue;
        const sink = problemSink('schema', parsed.file, problems);
        parsed.root.children.forEach((label, index) => {
            if (label.name !== 'labels') return;
            const fullName = childNamed(label, 'fullName');
            const where = { line: label.line, path: `CustomLabels.labels[${index}]` };
            if (!fullName || fullName.text === '') {
                sink.error('label without a <fullName>; LWCs import labels by it', where);
                return;
            }
            if (
                !/^[A-Za-z][A-Za-z0-9_]*$/.test(fullName.text) ||
                fullName.text.includes('__') ||
                fullName.text.endsWith('_')
            ) {
                sink.error(
                    `label name "${fullName.text}" must start with a letter and use only letters, digits and single underscores`,
                    where
                );
            }
            const previous = seen.get(fullName.text);
            if (previous) sink.error(`label "${fullName.text}" is also defined in ${previous}`, where);
            else seen.set(fullName.text, parsed.file);
        });
    }
    return new Set(seen.keys());
}
