/**
 * The XML → JSON conversion behind `GET /manager/configuration` (and the group `agent.conf` reader), following
 * the shape Wazuh 4.14 produces:
 *
 * - a leaf option is its text; an option with attributes and no children is `{...attributes, item: text}`;
 *   an option with children is `{...attributes, child: [values]}` (children always become lists);
 * - empty values are dropped; section kinds and always-list options come from `SECTION_RULES`;
 * - `<wodle name="x">` is section `x`; section and option names are lower-cased;
 * - a handful of options have their own shape (syscheck `directories`, cluster `nodes`, labels, `protocol`...).
 */
import { SECTION_RULES } from './sections';
import type { XmlElement } from './xml';

export type ConfValue = string | null | ConfValue[] | { [key: string]: ConfValue };
export type ConfObject = { [key: string]: ConfValue };

function isEmpty(value: ConfValue): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function listsOf(section: string): readonly string[] {
  return SECTION_RULES[section]?.lists ?? [];
}

function allTexts(element: XmlElement): (string | null)[] {
  return [element.text, ...element.children.flatMap(allTexts)];
}

function escapeMarkup(text: string): string {
  return text.replace(/&(?!(?:lt|gt);)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Values of a nested block read option by option, each child read as if it were its own section. */
function nestedBlock(element: XmlElement, splitCommas: boolean): ConfObject {
  const out: ConfObject = {};
  for (const child of element.children) {
    const [name, value] = readOption(child.tag.toLowerCase(), child);
    out[name] = splitCommas && typeof value === 'string' && value.indexOf(',') > 0 ? value.split(',') : value;
  }
  return out;
}

function readOption(section: string, option: XmlElement): [string, ConfValue] {
  const name = option.tag.toLowerCase();
  const hasAttrs = Object.keys(option.attrs).length > 0;

  if (section === 'open-scap') {
    return [name, hasAttrs ? { ...option.attrs, profiles: allTexts(option) } : option.text];
  }
  if (section === 'syscheck' && name === 'directories') {
    // One entry per comma-separated path, each carrying the element's attributes.
    const paths = option.text ? option.text.split(',') : [];
    return [name, paths.map((path) => ({ ...option.attrs, path: path.trim() }))];
  }
  if ((section === 'syscheck' && (name === 'synchronization' || name === 'whodata')) ||
      (section === 'cluster' && name === 'haproxy_helper')) {
    return [name, nestedBlock(option, true)];
  }
  if ((section === 'cluster' && name === 'nodes') ||
      (section === 'haproxy_helper' && name === 'excluded_nodes') ||
      (section === 'sca' && name === 'policies') ||
      (section === 'indexer' && name === 'hosts')) {
    return [name, option.children.map((child) => child.text)];
  }
  if (section === 'labels' && name === 'label') {
    return [name, { value: option.text, ...option.attrs }];
  }
  if (section === 'localfile' && name === 'query') {
    // Event-channel queries are returned as markup-escaped text with indentation newlines removed.
    return [name, escapeMarkup(option.text ?? '').replace(/\n +/g, '').trim()];
  }
  if (section === 'remote' && name === 'protocol') {
    return [name, (option.text ?? '').split(',').map((part) => part.trim())];
  }
  if (hasAttrs || option.children.length > 0) {
    const value: ConfObject = { ...option.attrs };
    if (option.children.length === 0) {
      value.item = option.text;
      return [name, value];
    }
    for (const child of option.children) {
      const [childName, childValue] = readOption(child.tag.toLowerCase(), child);
      const existing = value[childName];
      if (Array.isArray(existing)) existing.push(childValue);
      else value[childName] = [childValue];
    }
    return [name, value];
  }
  return [name, option.text];
}

function insertOption(target: ConfObject, section: string, option: string, value: ConfValue): void {
  if (isEmpty(value)) return;
  if (Object.prototype.hasOwnProperty.call(target, option)) {
    const existing = target[option];
    if (Array.isArray(existing)) existing.push(value);
    else target[option] = value;
    return;
  }
  target[option] = listsOf(section).includes(option) ? [value] : value;
}

function insertSection(target: ConfObject, section: string, data: ConfObject): void {
  const rule = SECTION_RULES[section];
  if (!rule) return;
  const existing = target[section];
  if (rule.kind === 'duplicate') {
    if (Array.isArray(existing)) existing.push(data);
    else target[section] = [data];
  } else if (rule.kind === 'merge') {
    if (existing && typeof existing === 'object' && !Array.isArray(existing)) {
      for (const [option, value] of Object.entries(data)) {
        const previous = existing[option];
        if (Array.isArray(previous) && Array.isArray(value) && rule.lists.includes(option)) previous.push(...value);
        else existing[option] = value;
      }
    } else {
      target[section] = data;
    }
  } else {
    target[section] = data;
  }
}

/** Folds the sections of one configuration block (`<ossec_config>`, `<agent_config>`) into `target`. */
export function blockToJson(block: XmlElement, target: ConfObject = {}): ConfObject {
  for (const section of block.children) {
    const tag = section.tag.toLowerCase();
    const name = tag === 'wodle' ? section.attrs.name : tag;
    if (name === undefined) continue; // a wodle without a name cannot be placed anywhere
    const data: ConfObject = {};
    for (const option of section.children) {
      const [optionName, value] = readOption(name, option);
      if (Array.isArray(value) && !(name === 'remote' && optionName === 'protocol')) {
        for (const item of value) insertOption(data, name, optionName, item);
      } else {
        insertOption(data, name, optionName, value);
      }
    }
    insertSection(target, name, data);
  }
  return target;
}

/** Every `<ossec_config>` block of a parsed `ossec.conf`, merged into one object. */
export function ossecConfToJson(root: XmlElement): ConfObject {
  const out: ConfObject = {};
  for (const block of root.children) {
    if (block.tag.toLowerCase() === 'ossec_config') blockToJson(block, out);
  }
  return out;
}

export interface AgentConfBlock {
  filters: Record<string, string>;
  config: ConfObject;
}

function* descendants(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* descendants(child);
}

function filtersKey(filters: Record<string, string>): string {
  return JSON.stringify(Object.entries(filters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A group's `agent.conf`: one entry per distinct set of `<agent_config>` attributes (os, name, profile). */
export function agentConfToJson(root: XmlElement): AgentConfBlock[] {
  const out: AgentConfBlock[] = [];
  for (const element of descendants(root)) {
    if (element.tag.toLowerCase() !== 'agent_config') continue;
    const filters = { ...element.attrs };
    const key = filtersKey(filters);
    const previous = out.find((entry) => filtersKey(entry.filters) === key);
    if (previous) blockToJson(element, previous.config);
    else out.push({ filters, config: blockToJson(element) });
  }
  return out;
}
