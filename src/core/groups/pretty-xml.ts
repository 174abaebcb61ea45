/**
 * How an uploaded `agent.conf` is stored: checked as XML, then laid out again one element per line with two-space
 * indentation (elements holding only text stay on one line), blank lines dropped — the layout Wazuh's framework
 * gives the files it writes. Escape sequences that Wazuh keeps literally (`\<`, `\>`, `&lt;`, `&gt;`) survive
 * unchanged.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Stand-ins for sequences that must reach the file as written. */
const KEEP: ReadonlyArray<[text: string, mark: string]> = [
  ['\\<', '_custom_open_tag_'],
  ['\\>', '_custom_close_tag_'],
  ['&lt;', '_custom_amp_lt_'],
  ['&gt;', '_custom_amp_gt_'],
];

export class XmlFormatError extends Error {}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  commentPropName: '#comment',
  allowBooleanAttributes: false,
});

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

function tagOf(node: Node): string {
  return Object.keys(node).find((key) => key !== ':@') as string;
}

function textOf(node: Node): string {
  return String(node['#text'] ?? '');
}

function commentOf(node: Node): string {
  const parts = node['#comment'] as Node[];
  return parts.map((part) => textOf(part)).join('');
}

function attributes(node: Node): string {
  const attrs = node[':@'] ?? {};
  return Object.entries(attrs)
    .map(([name, value]) => ` ${name}="${value}"`)
    .join('');
}

function render(node: Node, indent: string, out: string[]): void {
  const tag = tagOf(node);
  if (tag === '#text') {
    out.push(`${indent}${textOf(node)}`);
    return;
  }
  if (tag === '#comment') {
    out.push(`${indent}<!--${commentOf(node)}-->`);
    return;
  }
  if (tag.startsWith('?')) return;
  const children = (node[tag] as Node[]) ?? [];
  const open = `${indent}<${tag}${attributes(node)}`;
  if (children.length === 0) {
    out.push(`${open}/>`);
  } else if (children.length === 1 && tagOf(children[0]) === '#text') {
    out.push(`${open}>${textOf(children[0])}</${tag}>`);
  } else {
    out.push(`${open}>`);
    for (const child of children) render(child, `${indent}  `, out);
    out.push(`${indent}</${tag}>`);
  }
}

/**
 * Checks `content` as the body of one XML document and returns it laid out again. Throws `XmlFormatError` with
 * the parser's explanation when it is not well-formed XML.
 */
export function prettyAgentConf(content: string): string {
  let body = content;
  for (const [text, mark] of KEEP) body = body.split(text).join(mark);
  const wrapped = `<root>\n${body}\n</root>`;
  const verdict = XMLValidator.validate(wrapped, { allowBooleanAttributes: false });
  if (verdict !== true) {
    throw new XmlFormatError(`${verdict.err.msg} (line ${verdict.err.line}, column ${verdict.err.col})`);
  }
  const tree = parser.parse(wrapped) as Node[];
  const root = tree.find((node) => tagOf(node) === 'root') as Node;
  const out: string[] = [];
  for (const child of (root.root as Node[]) ?? []) render(child, '  ', out);
  // Multi-line text keeps its own lines; blank lines go, and spaces after a line-ending backslash are folded.
  let text = `${out.join('\n').split('\n').filter((line) => line.trim() !== '').join('\n')}\n`;
  text = text.replace(/(?<=\\) +/g, '').split('\\\n').join('\\');
  for (const [original, mark] of KEEP) text = text.split(mark).join(original);
  return text;
}
