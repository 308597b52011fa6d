/**
 * References between metadata files of this package that a deploy to a clean org
 * (or the running softphone) needs to resolve: Visualforce pages named by a call
 * center's adapter URL, a permission set's page access or a WebLink.
 */
import type { ParsedMetadataFile } from './metadataFiles';
import { problemSink, type Problem } from './problems';
import { suggest } from './schemaCheck';
import type { XmlElement } from './xml';

/** Checks page references of `files` against the pages they define. */
export function checkCrossReferences(files: readonly ParsedMetadataFile[], problems: Problem[]): void {
    const pages = new Set(
        files.filter((f) => f.root.name === 'ApexPage' && f.fullName).map((f) => f.fullName as string)
    );
    const pageProblem = (name: string, why: string): string => {
        const hint = suggest(name, [...pages]);
        return `${why} names the Visualforce page "${name}", which is not in this package (pages/${name}.page)${hint ? `; did you mean ${hint}?` : ''}`;
    };
    for (const file of files) {
        const sink = problemSink('schema', file.file, problems);
        const root = file.root;
        if (root.name === 'CallCenter') {
            for (const { element, path } of urlElements(root)) {
                const page = /^\/apex\/([A-Za-z][A-Za-z0-9_]*)/.exec(element.text)?.[1];
                if (page && !pages.has(page))
                    sink.error(pageProblem(page, `${element.text}`), { line: element.line, path });
            }
        } else if (root.name === 'PermissionSet') {
            let pageIndex = 0;
            for (const access of root.children) {
                if (access.name === 'classAccesses')
                    sink.error('grants access to an Apex class; this package has no Apex', {
                        line: access.line,
                        path: 'PermissionSet.classAccesses'
                    });
                if (access.name !== 'pageAccesses') continue;
                const page = access.children.find((child) => child.name === 'apexPage');
                const path = `PermissionSet.pageAccesses[${pageIndex++}].apexPage`;
                if (page && !pages.has(page.text))
                    sink.error(pageProblem(page.text, 'page access'), { line: page.line, path });
            }
        } else if (root.name === 'WebLink') {
            const type = root.children.find((child) => child.name === 'linkType')?.text;
            const page = root.children.find((child) => child.name === 'page');
            if (type === 'page' && page && !pages.has(page.text))
                sink.error(pageProblem(page.text, 'the link'), { line: page.line, path: 'WebLink.page' });
        }
    }
}

/** The call center's adapter URL and every `req*Url` item value, with their element paths. */
function urlElements(root: XmlElement): { element: XmlElement; path: string }[] {
    const found: { element: XmlElement; path: string }[] = [];
    const adapterUrl = root.children.find((child) => child.name === 'adapterUrl');
    if (adapterUrl) found.push({ element: adapterUrl, path: 'CallCenter.adapterUrl' });
    let sectionIndex = 0;
    for (const section of root.children) {
        if (section.name !== 'sections') continue;
        let itemIndex = 0;
        for (const item of section.children) {
            if (item.name !== 'items') continue;
            const name = item.children.find((child) => child.name === 'name')?.text ?? '';
            const value = item.children.find((child) => child.name === 'value');
            if (value && /Url$/.test(name))
                found.push({ element: value, path: `CallCenter.sections[${sectionIndex}].items[${itemIndex}].value` });
            itemIndex++;
        }
        sectionIndex++;
    }
    return found;
}

/**
 * Custom labels nothing in the package names: a label is reached only as an LWC's
 * `@salesforce/label/c.<Name>` or a page's `$Label.<Name>`, so a name found in no source file is dead
 * weight every translator still sees. A warning, not an error: it breaks nothing in an org.
 */
export function checkUnusedLabels(
    files: readonly ParsedMetadataFile[],
    sourceTexts: readonly string[],
    problems: Problem[]
): void {
    const used = new Set<string>();
    for (const text of sourceTexts)
        for (const match of text.matchAll(/(?:\bc|\$Label)\.([A-Za-z][A-Za-z0-9_]*)/g)) used.add(match[1] as string);
    for (const file of files) {
        if (file.root.name !== 'CustomLabels') continue;
        const sink = problemSink('schema', file.file, problems);
        file.root.children.forEach((label, index) => {
            const name = label.children.find((child) => child.name === 'fullName')?.text;
            if (label.name !== 'labels' || !name || used.has(name)) return;
            sink.warning(`label "${name}" is used nowhere in the package (no c.${name}); remove it or use it`, {
                line: label.line,
                path: `CustomLabels.labels[${index}]`
            });
        });
    }
}
