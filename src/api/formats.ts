/**
 * The string formats Wazuh's spec uses, with the patterns Wazuh's API enforces (errors.md §2.3), for
 * express-openapi-validator's `formats` option. As in Wazuh, a value that is not a string always passes.
 *
 * Python's `\w` matches Unicode letters and digits unless a pattern is ASCII-only, so `W` below spells that out
 * for JavaScript (`\w` there is ASCII-only).
 */
import { realpathSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

type Check = (value: string) => boolean;

const W = String.raw`\p{L}\p{N}_`;
const u = (pattern: string) => new RegExp(pattern, 'u');
const test = (pattern: RegExp): Check => (value) => pattern.test(value);

const PATH_CHARS = String.raw`[${W}\-.\\/:]+`;
const patterns = {
  alphanumeric: u(String.raw`^[${W},\-.+\s:]+$`),
  alphanumeric_symbols: u(String.raw`^[${W},*<>!\-.+\s:/()\[\]'"|=~#]+$`),
  base64: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  cdb_filename_path: u(String.raw`^[\-${W}]+$`),
  dirnames: u(String.raw`^(((etc|ruleset)/(decoders|rules)[${W}\-/]*)|(etc/lists[${W}\-/]*))$`),
  group_names: /^(?!^(\.{1,2}|all)$)[A-Za-z0-9.\-_]+$/,
  group_names_or_all: /^(?!^\.{1,2}$)[A-Za-z0-9.\-_]+$/,
  hash: /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128})?$/,
  ips: /^(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)(?:\/(?:[0-9]|[1-2][0-9]|3[0-2]))?$|^any$|^ANY$/,
  iso_date: /^([0-9]{4})-(1[0-2]|0[1-9])-(3[01]|0[1-9]|[12][0-9])$/,
  iso_date_time:
    /^([0-9]{4})-(1[0-2]|0[1-9])-(3[01]|0[1-9]|[12][0-9])[tT](2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]+)?([zZ]|[+-](?:2[0-3]|[01][0-9]):[0-5][0-9])$/,
  names: /^[\w\-.%]+$/,
  numbers: /^\d+$/,
  numbers_or_all: /^(\d+|all)$/,
  paths: u(`^${PATH_CHARS}$`),
  active_response_command: u(`^!?${PATH_CHARS}$`),
  query: u(String.raw`^[${W}.\-]+(?:=|!=|<|>|~)[${W}.\- ]+(?:[;,][${W}.\-]+(?:=|!=|<|>|~)[${W}.\- ]+)*$`),
  range: /^(?:\d+$|\d{1,2}-\d{1,2}$)/,
  search: /^[^;|&^*>]+$/,
  sort: u(String.raw`^[${W}\-,\s+.]+$`),
  timeframe: /^(\d+[dhms]?)$/,
  wazuh_key: /^[a-zA-Z0-9]+$/,
  wazuh_version: /^(?:wazuh |)v?\d+\.\d+\.\d+$/i,
  wpk_path: u(String.raw`^[${W}\-.\\/:\s]*[^/]\.wpk$`),
  xml_filename: u(String.raw`^[${W}\-]+\.xml(,[${W}\-]+\.xml)*$`),
  xml_filename_path: u(String.raw`^[${W}\-]+\.xml$`),
};

/**
 * A path a client names must stay inside the installation: no `..` segments, and once symbolic links are
 * resolved it still lies under `root` (relative paths are taken from `root`).
 */
export function isSafePath(value: string, root: string, relative = true): boolean {
  if (['../', '..\\', '/..', '\\..'].some((bad) => value.includes(bad))) return false;
  const base = resolve(root);
  const candidate = relative ? join(base, value.replace(/^\/+/, '')) : value;
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    real = resolve(candidate); // a path that does not exist yet is judged as written
  }
  return real === base || real.startsWith(base + sep);
}

/** Format name → check, for a server rooted at `wazuhPath`. */
export function wazuhFormats(wazuhPath: string): Record<string, Check> {
  const base: Record<string, Check> = {
    alphanumeric: test(patterns.alphanumeric),
    alphanumeric_symbols: test(patterns.alphanumeric_symbols),
    base64: test(patterns.base64),
    cdb_filename_path: test(patterns.cdb_filename_path),
    get_dirnames_path: (v) => isSafePath(v, wazuhPath) && patterns.dirnames.test(v),
    group_names: test(patterns.group_names),
    group_names_or_all: test(patterns.group_names_or_all),
    hash: test(patterns.hash),
    ips: test(patterns.ips),
    date: test(patterns.iso_date),
    'date-time': test(patterns.iso_date_time),
    names: test(patterns.names),
    numbers: test(patterns.numbers),
    numbers_or_all: test(patterns.numbers_or_all),
    path: (v) => isSafePath(v, wazuhPath) && patterns.paths.test(v),
    active_response_command: (v) => isSafePath(v.replace(/^!/, ''), wazuhPath) && patterns.active_response_command.test(v),
    query: test(patterns.query),
    range: test(patterns.range),
    search: test(patterns.search),
    sort: test(patterns.sort),
    timeframe: test(patterns.timeframe),
    wazuh_key: test(patterns.wazuh_key),
    wazuh_version: test(patterns.wazuh_version),
    wpk_path: (v) => isSafePath(v, wazuhPath, false) && patterns.wpk_path.test(v),
    xml_filename: test(patterns.xml_filename),
    xml_filename_path: test(patterns.xml_filename_path),
  };
  const out: Record<string, Check> = {};
  for (const [name, check] of Object.entries(base)) {
    out[name] = (value) => typeof value !== 'string' || check(value);
    out[`${name}_or_empty`] = (value) => typeof value !== 'string' || value === '' || check(value);
  }
  return out;
}

/**
 * Formats Wazuh's spec names without Wazuh ever checking them (`paths`, `symbols_alphanumeric_param`...): they
 * are accepted as they are, as in Wazuh. Collected from the spec so a new one cannot break start-up.
 */
export function unknownFormats(spec: unknown, known: Record<string, unknown>): string[] {
  const builtIn = new Set(['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'uri', 'email', 'uuid']);
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'format' && typeof value === 'string') found.add(value);
        else walk(value);
      }
    }
  };
  walk(spec);
  return [...found].filter((name) => !(name in known) && !builtIn.has(name)).sort();
}
