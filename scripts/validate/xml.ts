/**
 * XML as validate needs it: elements in document order with their attributes, text
 * and 1-based line, so every problem can point at a line. fast-xml-parser keeps the
 * order (`preserveOrder`) and each element's start offset (`captureMetaData`).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
    name: string;
    attributes: Record<string, string>;
    children: XmlElement[];
    /** The element's own text (CDATA included, entities decoded, trimmed). */
    text: string;
    line: number;
}

export type XmlParseResult =
    | {
          ok: true;
          root: XmlElement;
          /** An XML comment sits between the declaration and the root element. */
          commentBeforeRoot: boolean;
      }
    | { ok: false; message: string; line: number };

/** One node of fast-xml-parser's `preserveOrder` output: `{ [tag]: children, ':@'?: attributes }`. */
type OrderedNode = Record<string, unknown>;

const ATTRIBUTES_KEY = ':@';
const TEXT_KEY = '#text';

const parser = new XMLParser({
    preserveOrder: true,
    captureMetaData: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** Parses `text`; malformed XML gives the parser's message and line instead of throwing. */
export function parseXml(text: string): XmlParseResult {
    const valid = XMLValidator.validate(text);
    if (valid !== true) return { ok: false, message: valid.err.msg, line: valid.err.line };
    let nodes: OrderedNode[];
    try {
        nodes = parser.parse(text) as OrderedNode[];
    } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error), line: 1 };
    }
    const lineAt = lineLocator(text);
    const elements = nodes.map((node) => toElement(node, lineAt)).filter((e): e is XmlElement => e !== undefined);
    const root = elements[0];
    if (!root) return { ok: false, message: 'no root element', line: 1 };
    if (elements.length > 1)
        return {
            ok: false,
            message: `more than one root element (<${root.name}>, <${elements[1]?.name}>)`,
            line: elements[1]?.line ?? 1
        };
    const rootNode = nodes.find((node) => Object.keys(node).includes(root.name));
    const rootOffset = rootNode
        ? ((rootNode as Record<symbol, { startIndex?: number } | undefined>)[META]?.startIndex ?? 0)
        : 0;
    return { ok: true, root, commentBeforeRoot: text.slice(0, rootOffset).includes('<!--') };
}

function toElement(node: OrderedNode, lineAt: (offset: number) => number): XmlElement | undefined {
    const name = Object.keys(node).find((key) => key !== ATTRIBUTES_KEY);
    if (name === undefined || name === TEXT_KEY || name.startsWith('#') || name.startsWith('?')) return undefined;
    const rawChildren = node[name];
    const children: XmlElement[] = [];
    const texts: string[] = [];
    if (Array.isArray(rawChildren)) {
        for (const child of rawChildren as OrderedNode[]) {
            if (TEXT_KEY in child) texts.push(String(child[TEXT_KEY]));
            else {
                const element = toElement(child, lineAt);
                if (element) children.push(element);
            }
        }
    }
    const rawAttributes = node[ATTRIBUTES_KEY];
    const attributes: Record<string, string> = {};
    if (rawAttributes && typeof rawAttributes === 'object') {
        for (const [key, value] of Object.entries(rawAttributes as Record<string, unknown>))
            attributes[key] = String(value);
    }
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
    return { name, attributes, children, text: texts.join('').trim(), line: lineAt(meta?.startIndex ?? 0) };
}

/** Maps a character offset to a 1-based line number (binary search over line starts). */
export function lineLocator(text: string): (offset: number) => number {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    return (offset) => {
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if ((starts[mid] ?? 0) <= offset) low = mid;
            else high = mid - 1;
        }
        return low + 1;
    };
}

/** The first child named `name`, if any. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
    return element.children.find((child) => child.name === name);
}
