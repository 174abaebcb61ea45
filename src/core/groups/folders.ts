/**
 * Groups as folders of `etc/shared` (protocol.md §10): a group exists when its folder does. The database side
 * (`group` and `belongs` tables) follows the folders through wazuh-modulesd, never through the API.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { WazuhError, WazuhInternalError } from '../errors';
import type { WazuhPaths } from '../paths';

const GROUP_NAME = /^(?!(?:\.{1,2}|all)$)[A-Za-z0-9.\-_]+$/;
const GROUP_NAME_MAX = 255;

export const DEFAULT_GROUP = 'default';

/** What a group created without `etc/shared/agent-template.conf` starts with. */
const EMPTY_AGENT_CONF = '<agent_config>\n\n  <!-- Shared agent configuration here -->\n\n</agent_config>\n';

export function isValidGroupName(name: string): boolean {
  return name.length <= GROUP_NAME_MAX && GROUP_NAME.test(name);
}

export function groupPath(paths: WazuhPaths, name: string): string {
  return join(paths.shared, name);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether the group exists; a malformed name is error 1722 (it could never be a folder of ours). */
export function groupExists(paths: WazuhPaths, name: string): boolean {
  if (!isValidGroupName(name)) throw new WazuhError(1722);
  return isDirectory(groupPath(paths, name));
}

/** Every group: the folders of `etc/shared`. */
export function groupNames(paths: WazuhPaths): Set<string> {
  try {
    return new Set(
      readdirSync(paths.shared, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name),
    );
  } catch {
    return new Set();
  }
}

/** `POST /groups`: a folder holding a copy of the agent configuration template. */
export function createGroup(paths: WazuhPaths, name: string): string {
  if (!isValidGroupName(name)) throw new WazuhError(1722);
  const folder = groupPath(paths, name);
  if (name.toLowerCase() === DEFAULT_GROUP || existsSync(folder)) {
    throw new WazuhError(isDirectory(folder) || !existsSync(folder) ? 1711 : 1713, { extra: name });
  }
  try {
    mkdirSync(folder, { mode: 0o700 });
    const template = join(paths.shared, 'agent-template.conf');
    const conf = join(folder, 'agent.conf');
    if (existsSync(template)) copyFileSync(template, conf);
    else writeFileSync(conf, EMPTY_AGENT_CONF);
    chmodSync(conf, 0o660);
    chmodSync(folder, 0o700);
  } catch (error) {
    throw new WazuhInternalError(1005, { extra: (error as Error).message });
  }
  return `Group '${name}' created.`;
}

/** Removes the group's folder; the database forgets the group when wazuh-modulesd notices. */
export function deleteGroupFolder(paths: WazuhPaths, name: string): void {
  const folder = groupPath(paths, name);
  if (existsSync(folder)) rmSync(folder, { recursive: true, force: true });
}
