/**
 * The stand-ins' view of `etc/ossec.conf`: the file is read again on every question, so a configuration uploaded
 * through the API shows at once (a real manager would need a restart; the stand-ins have nothing to restart). A
 * missing or broken file is not fatal: the daemons answer from an empty configuration and report the problem.
 */
import { readFileSync } from 'node:fs';
import { loadWazuhXml, ossecConfToJson, type ConfObject, type ConfValue, type XmlElement } from '../../core/ossec-conf';
import type { WazuhPaths } from '../../core/paths';

export interface ManagerConf {
  /** The configuration as `GET /manager/configuration` shows it. */
  json: ConfObject;
  /** Every `<ossec_config>` block, for sections the JSON conversion leaves out (`logging`, `wodle`...). */
  blocks: XmlElement[];
  /** Why the file could not be used, when it could not. */
  problem?: string;
}

export function readManagerConf(paths: Pick<WazuhPaths, 'ossecConf'>): ManagerConf {
  let text: string;
  try {
    text = readFileSync(paths.ossecConf, 'utf8');
  } catch (error) {
    return { json: {}, blocks: [], problem: `Could not read '${paths.ossecConf}': ${(error as Error).message}` };
  }
  try {
    const root = loadWazuhXml(text);
    const blocks = root.children.filter((child) => child.tag.toLowerCase() === 'ossec_config');
    return { json: ossecConfToJson(root), blocks };
  } catch (error) {
    return { json: {}, blocks: [], problem: (error as Error).message };
  }
}

/** Every `<tag>` element directly inside an `<ossec_config>` block, in file order. */
export function sectionElements(conf: ManagerConf, tag: string): XmlElement[] {
  return conf.blocks.flatMap((block) => block.children.filter((child) => child.tag === tag));
}

/** A generic element -> JSON: text leaves become strings, repeated children become lists, attributes are kept. */
export function elementValue(element: XmlElement): ConfValue {
  if (element.children.length === 0) {
    const text = (element.text ?? '').trim();
    if (Object.keys(element.attrs).length === 0) return text;
    return { ...element.attrs, item: text };
  }
  const out: ConfObject = { ...element.attrs };
  for (const child of element.children) {
    const value = elementValue(child);
    const previous = out[child.tag];
    if (previous === undefined) out[child.tag] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else out[child.tag] = [previous, value];
  }
  return out;
}

/** A section as one object (the last one wins), or undefined when absent. */
export function sectionObject(conf: ManagerConf, name: string): ConfObject | undefined {
  const value = conf.json[name];
  if (Array.isArray(value)) return value.length > 0 ? (value[value.length - 1] as ConfObject) : undefined;
  return value && typeof value === 'object' ? (value as ConfObject) : undefined;
}

/** A section as a list of blocks (empty when absent). */
export function sectionList(conf: ManagerConf, name: string): ConfObject[] {
  const value = conf.json[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((item): item is ConfObject => typeof item === 'object' && item !== null);
}

/** `"12"` -> 12; anything that is not a plain integer stays as it is. */
export function asNumber(value: unknown, fallback?: number): unknown {
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return value === undefined ? fallback : value;
}

/** Which formats `<logging><log_format>` enables: `plain`, `json` or both (plain when unset). */
export function loggingFormats(conf: ManagerConf): { plain: 'yes' | 'no'; json: 'yes' | 'no' } {
  const element = sectionElements(conf, 'logging').at(-1);
  const format = element?.children.find((child) => child.tag === 'log_format')?.text?.trim().toLowerCase() ?? 'plain';
  const parts = new Set(format.split(',').map((part) => part.trim()));
  const json = parts.has('json');
  const plain = parts.has('plain') || !json;
  return { plain: plain ? 'yes' : 'no', json: json ? 'yes' : 'no' };
}
