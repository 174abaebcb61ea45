/**
 * Reads `api.yaml` the way Wazuh does: yes/no strings become booleans, strings are lower-cased (except the ssl
 * file names), the result is checked against the schema, merged over the defaults, and the ssl file names are
 * resolved inside `api/configuration/ssl/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { defaultApiConfig } from './defaults';
import { validateApiYaml } from './schema';
import { ApiConfigError, type ApiConfig } from './types';

/** Keys whose string values keep their case: they are file names. */
const CASE_SENSITIVE = new Set(['https.key', 'https.cert', 'https.ca']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** yes/no → booleans and lower-casing, applied to the values of mappings (list items are left as written). */
function normalise(section: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(section)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (isPlainObject(value)) out[name] = normalise(value, key);
    else if (typeof value === 'string' && /^(yes|no)$/i.test(value)) out[name] = value.toLowerCase() === 'yes';
    else if (typeof value === 'string' && !CASE_SENSITIVE.has(key)) out[name] = value.toLowerCase();
    else out[name] = value;
  }
  return out;
}

function mergeOver(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(override)) {
    const current = out[name];
    out[name] = isPlainObject(current) && isPlainObject(value) ? mergeOver(current, value) : value;
  }
  return out;
}

/** `'1M'` → 1048576, `'512k'` → 524288. */
export function parseLogSize(size: string): number {
  const match = /^(\d+)([km])$/i.exec(size);
  if (!match) throw new ApiConfigError(`api.yaml: 'logs.max_size.size' must be a size such as '1M' or '2048K'`);
  return Number(match[1]) * (match[2].toLowerCase() === 'm' ? 1024 * 1024 : 1024);
}

/** Parses the text of an `api.yaml`; `sslDir` is where the https file names are resolved. */
export function parseApiConfig(text: string, sslDir: string): ApiConfig {
  let document: unknown;
  // An empty or all-comment file means every default (js-yaml refuses a stream without a document).
  if (text.replace(/^\s*#.*$/gm, '').trim() === '') return parseApiConfig('{}', sslDir);
  try {
    document = load(text);
  } catch (error) {
    throw new ApiConfigError(`api.yaml: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (document === undefined || document === null) document = {};
  if (!isPlainObject(document)) throw new ApiConfigError('api.yaml: the file must hold a mapping of options');

  const user = normalise(document, '');
  validateApiYaml(user);
  if (typeof user.host === 'string') user.host = [user.host];
  const config = mergeOver(defaultApiConfig() as unknown as Record<string, unknown>, user) as unknown as ApiConfig;

  if (config.logs.max_size.enabled && parseLogSize(config.logs.max_size.size) < 1024 * 1024) {
    throw new ApiConfigError(`api.yaml: 'logs.max_size.size' must be at least 1M`);
  }
  if (config.host.length === 0) throw new ApiConfigError(`api.yaml: 'host' must list at least one address`);
  config.https.key = join(sslDir, config.https.key);
  config.https.cert = join(sslDir, config.https.cert);
  config.https.ca = join(sslDir, config.https.ca);
  return config;
}

/** Reads `apiYaml`; a missing or empty file means every default. */
export function loadApiConfig(apiYaml: string, sslDir: string): ApiConfig {
  const text = existsSync(apiYaml) ? readFileSync(apiYaml, 'utf8') : '';
  return parseApiConfig(text, sslDir);
}
