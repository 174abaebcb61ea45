/**
 * `etc/shared/ar.conf`: the active-response commands agents may be sent by name, one `name - executable - timeout`
 * line each. A manager writes it from `ossec.conf`: first the agent restart commands, then one line per enabled
 * `<active-response>` block, named after its `<command>` and timeout (`firewall-drop180 - firewall-drop - 180`).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { getOssecConf, type ConfObject, type ConfValue } from '../ossec-conf';
import type { WazuhPaths } from '../paths';

/** Written by every manager before the configured responses: what the framework's agent restarts rely on. */
const RESTART_COMMANDS = [
  'restart-ossec0 - restart-ossec.sh - 0',
  'restart-ossec0 - restart-ossec.cmd - 0',
  'restart-wazuh0 - restart-ossec.sh - 0',
  'restart-wazuh0 - restart-ossec.cmd - 0',
  'restart-wazuh0 - restart-wazuh - 0',
  'restart-wazuh0 - restart-wazuh.exe - 0',
];

function blocks(value: ConfValue | undefined): ConfObject[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((item): item is ConfObject => typeof item === 'object' && item !== null && !Array.isArray(item));
}

const textOf = (value: ConfValue | undefined): string | undefined => (typeof value === 'string' ? value.trim() : undefined);

/** The lines of `ar.conf` for a configuration (`ossec.conf` as JSON); blocks a manager would refuse are left out. */
export function arConfLines(conf: ConfObject): string[] {
  const executables = new Map<string, string>();
  for (const command of blocks(conf.command)) {
    const name = textOf(command.name);
    const executable = textOf(command.executable);
    if (name && executable) executables.set(name, executable);
  }
  const lines = [...RESTART_COMMANDS];
  for (const response of blocks(conf['active-response'])) {
    const command = textOf(response.command);
    const executable = command === undefined ? undefined : executables.get(command);
    if (textOf(response.disabled) === 'yes' || !textOf(response.location) || executable === undefined) continue;
    const timeout = Number.parseInt(textOf(response.timeout) ?? '0', 10) || 0;
    lines.push(`${command}${timeout} - ${executable} - ${timeout}`);
  }
  return lines;
}

/**
 * Writes `ar.conf` from `ossec.conf` unless it exists; a configuration that cannot be read gives the restart
 * commands only. Returns whether a file was written.
 */
export function writeDefaultArConf(paths: Pick<WazuhPaths, 'ossecConf' | 'arConf'>): boolean {
  if (existsSync(paths.arConf)) return false;
  let conf: ConfObject = {};
  try {
    conf = getOssecConf(paths);
  } catch {
    // no readable configuration: the commands every manager has
  }
  mkdirSync(dirname(paths.arConf), { recursive: true });
  writeFileSync(paths.arConf, `${arConfLines(conf).join('\n')}\n`, { mode: 0o660 });
  return true;
}

/** First field of each line of `ar.conf` (`name - script - timeout`). A missing file defines nothing. */
export async function definedCommands(arConfPath: string): Promise<Set<string>> {
  let text = '';
  try {
    text = await readFile(arConfPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const commands = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.trim() !== '') commands.add(line.split(' - ')[0]);
  }
  return commands;
}
