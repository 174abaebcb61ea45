/**
 * The `upload_configuration` protections of `api.yaml`, applied when a new `ossec.conf` is uploaded: each one
 * compares a part of the new file with the same part of the current file and refuses changes to it while the
 * corresponding `allow` is false.
 */
import { defaultApiConfig } from '../config/defaults';
import type { ApiConfig } from '../config/types';
import { WazuhError } from '../errors';
import { childrenNamed, XmlElement } from './xml';

/** The `upload_configuration` block of `api.yaml`, with its key names. */
export type UploadConfigurationRules = ApiConfig['upload_configuration'];

/** What applies when the API configuration does not say: Wazuh's defaults, every change allowed. */
export const DEFAULT_UPLOAD_RULES: UploadConfigurationRules = Object.freeze(defaultApiConfig().upload_configuration);

/**
 * Asks VirusTotal for the hourly request quota of an API key. Core has no network access, so callers that can
 * reach VirusTotal inject this; without it a key that must be checked is answered with error 1131.
 */
export type VirusTotalQuotaLookup = (apiKey: string) => Promise<number>;

type Leaf = { attrib: Record<string, string>; value: string | null };
type Tree = { [tag: string]: Tree | Leaf };

function leafOf(element: XmlElement): Leaf {
  return { attrib: element.attrs, value: element.text ? element.text.trim() : null };
}

function treeOf(element: XmlElement): Tree {
  const out: Tree = {};
  for (const child of element.children) out[child.tag] = child.children.length > 0 ? treeOf(child) : leafOf(child);
  return out;
}

/**
 * The elements found under `path` (tag names from the root), each as `{tag: content}`. Unlike Wazuh 4.14, which
 * compares only the children of the selected element, a selected leaf keeps its own value here, so switching
 * `<allow_higher_versions>` from `no` to `yes` counts as a change.
 */
function sectionsAt(root: XmlElement, path: string[]): Record<string, Tree | Leaf>[] {
  let nodes = [root];
  for (const part of path) nodes = nodes.flatMap((node) => childrenNamed(node, part));
  return nodes.map((node) => ({ [node.tag]: node.children.length > 0 ? treeOf(node) : leafOf(node) }));
}

/** A comparison key: object keys sorted, lists below the top level sorted, the top-level order kept. */
function canonical(value: unknown, top = true): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item, false));
    return `[${(top ? items : [...items].sort()).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key], false)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function sameAt(newRoot: XmlElement, currentRoot: XmlElement, path: string[]): boolean {
  return canonical(sectionsAt(newRoot, path)) === canonical(sectionsAt(currentRoot, path));
}

function valueAt(tree: Tree | Leaf | undefined, key: string): string | null | undefined {
  const node = (tree as Tree | undefined)?.[key] as Leaf | undefined;
  return node && 'value' in node ? node.value : undefined;
}

function remoteLocalfiles(root: XmlElement, exceptions: string[]) {
  return sectionsAt(root, ['ossec_config', 'localfile']).filter((entry) => {
    const format = valueAt(entry.localfile, 'log_format');
    const command = valueAt(entry.localfile, 'command');
    return (format === 'command' || format === 'full_command') && !exceptions.includes(command ?? '');
  });
}

function commandWodles(root: XmlElement, exceptions: string[]) {
  return sectionsAt(root, ['ossec_config', 'wodle']).filter((entry) => {
    const wodle = entry.wodle as Tree;
    return 'command' in wodle && !exceptions.includes(valueAt(wodle, 'command') ?? '');
  });
}

function virusTotalKeys(root: XmlElement): string[] {
  return sectionsAt(root, ['ossec_config', 'integration'])
    .filter((entry) => valueAt(entry.integration, 'name') === 'virustotal')
    .map((entry) => valueAt(entry.integration, 'api_key') ?? '');
}

async function checkVirusTotal(
  newRoot: XmlElement,
  rule: UploadConfigurationRules['integrations']['virustotal']['public_key'],
  lookup?: VirusTotalQuotaLookup,
): Promise<void> {
  for (const key of virusTotalKeys(newRoot)) {
    if (!lookup) {
      throw new WazuhError(1131, {
        extra: 'the VirusTotal API cannot be reached from this server, so the API key could not be checked',
      });
    }
    let quota: number;
    try {
      quota = await lookup(key);
    } catch (error) {
      throw new WazuhError(1131, { extra: (error as Error).message || 'Unexpected VirusTotal response' });
    }
    if (quota === rule.minimum_quota) throw new WazuhError(1130, { extra: 'integrations > virustotal' });
  }
}

/**
 * Applies every protection whose `allow` is false, in Wazuh's order: remote commands (1124), higher-version
 * agents (1129), VirusTotal public keys (1130/1131), the indexer section and the global limits (1127).
 */
export async function checkUploadRules(
  newRoot: XmlElement,
  currentRoot: XmlElement,
  rules: UploadConfigurationRules = DEFAULT_UPLOAD_RULES,
  virusTotalQuota?: VirusTotalQuotaLookup,
): Promise<void> {
  const { localfile, wodle_command: wodle } = rules.remote_commands;
  if (!localfile.allow &&
      canonical(remoteLocalfiles(newRoot, localfile.exceptions)) !==
      canonical(remoteLocalfiles(currentRoot, localfile.exceptions))) {
    throw new WazuhError(1124, { extra: 'localfile' });
  }
  if (!wodle.allow &&
      canonical(commandWodles(newRoot, wodle.exceptions)) !== canonical(commandWodles(currentRoot, wodle.exceptions))) {
    throw new WazuhError(1124, { extra: 'wodle' });
  }
  if (!rules.agents.allow_higher_versions.allow) {
    for (const section of ['auth', 'remote']) {
      if (!sameAt(newRoot, currentRoot, ['ossec_config', section, 'allow_higher_versions'])) {
        throw new WazuhError(1129, { extra: `${section} > allow_higher_versions` });
      }
    }
  }
  const publicKey = rules.integrations.virustotal.public_key;
  if (!publicKey.allow) await checkVirusTotal(newRoot, publicKey, virusTotalQuota);
  if (!rules.indexer.allow && !sameAt(newRoot, currentRoot, ['ossec_config', 'indexer'])) {
    throw new WazuhError(1127, { extra: 'indexer' });
  }
  for (const [limit, { allow }] of Object.entries(rules.limits)) {
    if (!allow && !sameAt(newRoot, currentRoot, ['ossec_config', 'global', 'limits', limit])) {
      throw new WazuhError(1127, { extra: `global > limits > ${limit}` });
    }
  }
}
