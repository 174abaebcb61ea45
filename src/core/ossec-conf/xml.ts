/**
 * Reading Wazuh XML files the way the manager's framework reads them.
 *
 * Wazuh configuration files are "almost XML": several root elements, stray `<` and `&` in values, `--` inside
 * comments. The framework repairs those before parsing, and a few values come out different from what a strict
 * parser would give (`&lt;`/`&gt;` written in the file stay as the literal text `&lt;`/`&gt;`). `loadWazuhXml`
 * reproduces that tolerant reading; `checkStrictXml` is the stricter check applied to uploaded files.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One element, shaped like Python's ElementTree node, which is what the framework's conversion rules walk. */
export interface XmlElement {
  tag: string;
  attrs: Record<string, string>;
  /** Text before the first child element; null when there is none (an empty or self-closed element). */
  text: string | null;
  children: XmlElement[];
}

/** A document that cannot be read even after the tolerant repairs. */
export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

// Private-use characters stand in for `&lt;`/`&gt;` written in the file, so they survive entity decoding.
const LT_MARK = '\uE000';
const GT_MARK = '\uE001';
const ROOT = 'root_tag';

const COMMENT = /<!--([\s\S]*?)-->/g;
// A `<` opens markup only when a name follows and the tag closes on the same line, or when it opens a comment.
const STRAY_LT = /<(?!\/?\w+.+>|!--)/g;
const STRAY_AMP = /&(?!(?:amp|lt|gt|apos|quot);)/g;

function neutralizeCommentDashes(data: string, replacement: string): string {
  return data.replace(COMMENT, (_whole, body: string) => `<!--${body.split('--').join(replacement)}-->`);
}

function repair(data: string): string {
  let out = neutralizeCommentDashes(data, '..');
  out = out.split('&lt;').join(LT_MARK).split('&gt;').join(GT_MARK);
  out = out.replace(STRAY_LT, '&lt;');
  out = out.replace(STRAY_AMP, '&amp;');
  return out;
}

/** Decodes the five predefined entities, then turns the markers back into the literal text the file had. */
export function decodeText(raw: string): string {
  return raw
    .replace(/&(lt|gt|apos|quot|amp);/g, (_w, name: string) => ENTITY[name])
    .split(LT_MARK)
    .join('&lt;')
    .split(GT_MARK)
    .join('&gt;');
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', apos: "'", quot: '"', amp: '&' };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  commentPropName: '#comment',
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElement(tag: string, node: OrderedNode): XmlElement {
  const attrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(node[':@'] ?? {})) attrs[name] = decodeText(String(value));
  const children: XmlElement[] = [];
  let text: string | null = null;
  for (const child of (node[tag] as OrderedNode[]) ?? []) {
    const childTag = Object.keys(child).find((key) => key !== ':@');
    if (childTag === undefined || childTag === '#comment' || childTag.startsWith('?')) continue;
    if (childTag === '#text') {
      // ElementTree keeps only the text before the first child in `.text`; later text is another node's tail.
      if (children.length === 0) text = (text ?? '') + decodeText(String(child['#text']));
      continue;
    }
    children.push(toElement(childTag, child));
  }
  return { tag, attrs, text, children };
}

function describeValidation(result: ReturnType<typeof XMLValidator.validate>): string | null {
  if (result === true) return null;
  return `${result.err.msg} (line ${result.err.line}, column ${result.err.col})`;
}

/**
 * Parses a Wazuh XML file (several top-level blocks allowed) into a tree whose root holds them all.
 * Throws `XmlSyntaxError` when the repaired text is still not XML.
 */
export function loadWazuhXml(data: string): XmlElement {
  const wrapped = `<${ROOT}>${repair(data)}</${ROOT}>`;
  const problem = describeValidation(XMLValidator.validate(wrapped));
  if (problem) throw new XmlSyntaxError(problem);
  const parsed = parser.parse(wrapped) as OrderedNode[];
  const rootNode = parsed.find((node) => ROOT in node);
  if (!rootNode) throw new XmlSyntaxError('no content');
  return toElement(ROOT, rootNode);
}

/**
 * The check an uploaded file must pass before anything else: strict XML once every `&` is taken literally,
 * `--` allowed in comments, and no XML declaration or DOCTYPE (they cannot appear inside the wrapping element).
 * Returns a description of the first problem, or null.
 */
export function checkStrictXml(content: string): string | null {
  const body = neutralizeCommentDashes(content, '%%').replace(/&/g, '&amp;');
  if (/<\?xml[\s?]/i.test(body)) return 'XML declaration not at start of document';
  if (/<!DOCTYPE/i.test(body)) return 'DOCTYPE not allowed here';
  return describeValidation(XMLValidator.validate(`<root>${body}</root>`));
}

/** The direct children of `element` named `tag` (case-sensitive, like ElementTree's `findall`). */
export function childrenNamed(element: XmlElement, tag: string): XmlElement[] {
  return element.children.filter((child) => child.tag === tag);
}
