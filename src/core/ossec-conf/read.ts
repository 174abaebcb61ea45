/**
 * `GET /manager/configuration`: `ossec.conf` as JSON, optionally narrowed to one section and one field, or the
 * file as it is (`raw`).
 */
import { readFileSync } from 'node:fs';
import { WazuhError } from '../errors';
import type { WazuhPaths } from '../paths';
import { isKnownSection } from './sections';
import { ConfObject, ConfValue, ossecConfToJson } from './to-json';
import { loadWazuhXml, XmlElement } from './xml';

export interface OssecConfQuery {
  section?: string;
  field?: string;
  /** With `section=ruleset` and `field=rule_dir|decoder_dir`: drop repeated folders. */
  distinct?: boolean;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new WazuhError(1101, { extra: (error as Error).message });
  }
}

/** Parses a configuration file with Wazuh's tolerant reader; unreadable or broken files are error 1101. */
export function loadConfFile(file: string): XmlElement {
  const text = readText(file);
  try {
    return loadWazuhXml(text);
  } catch (error) {
    throw new WazuhError(1101, { extra: (error as Error).message });
  }
}

/** `etc/ossec.conf` exactly as stored, for `raw=true`. */
export function readOssecConfRaw(paths: Pick<WazuhPaths, 'ossecConf'>): string {
  try {
    return readFileSync(paths.ossecConf, 'utf8');
  } catch (error) {
    throw new WazuhError(1101, { extra: (error as Error).message });
  }
}

function pickField(section: string, data: ConfValue, field: string, distinct: boolean): ConfValue {
  if (Array.isArray(data)) {
    return data.map((item) => {
      if (!item || typeof item !== 'object' || Array.isArray(item) || !(field in item)) throw new WazuhError(1103);
      return { [field]: item[field] };
    });
  }
  if (!data || typeof data !== 'object' || !(field in data)) throw new WazuhError(1103);
  const value = data[field];
  if (distinct && section === 'ruleset' && (field === 'decoder_dir' || field === 'rule_dir') && Array.isArray(value)) {
    const seen = new Set<string>();
    return { [field]: value.filter((item) => !seen.has(JSON.stringify(item)) && !!seen.add(JSON.stringify(item))) };
  }
  return { [field]: value };
}

/**
 * Narrows a converted configuration as the API does: an absent section is 1106 when it is one the converter
 * knows, 1102 otherwise; an absent field is 1103.
 */
export function selectConf(data: ConfObject, query: OssecConfQuery = {}): ConfObject {
  const { section, field } = query;
  if (!section) return data;
  if (!Object.prototype.hasOwnProperty.call(data, section)) {
    throw new WazuhError(isKnownSection(section) ? 1106 : 1102, { extra: section });
  }
  if (!field) return { [section]: data[section] };
  return { [section]: pickField(section, data[section], field, query.distinct ?? false) };
}

/** `etc/ossec.conf` converted to JSON, narrowed by `section`/`field`. */
export function getOssecConf(paths: Pick<WazuhPaths, 'ossecConf'>, query: OssecConfQuery = {}): ConfObject {
  return selectConf(ossecConfToJson(loadConfFile(paths.ossecConf)), query);
}

const DEFAULT_CTI_URL = 'https://cti.wazuh.com';

function globalSection(paths: Pick<WazuhPaths, 'ossecConf'>): ConfObject {
  try {
    return getOssecConf(paths, { section: 'global' }).global as ConfObject;
  } catch (error) {
    if (error instanceof WazuhError && error.code === 1106) return {};
    throw error;
  }
}

/** `<global><update_check>`: the update check runs unless it says something other than `yes`. */
export function updateCheckEnabled(paths: Pick<WazuhPaths, 'ossecConf'>): boolean {
  return (globalSection(paths).update_check ?? 'yes') === 'yes';
}

/** `<global><cti-url>`, the base URL of the update check service. */
export function ctiUrl(paths: Pick<WazuhPaths, 'ossecConf'>): string {
  const value = globalSection(paths)['cti-url'];
  return typeof value === 'string' ? value : DEFAULT_CTI_URL;
}
