/**
 * `var/run/<daemon>-<pid>.pid` files: the API decides whether a daemon runs from them (protocol.md §9). All
 * stand-ins live in one process, so every file carries that process's pid.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The daemons the API checks before each request, authd (checked before agent registration), and the component
 * daemons a stock manager always runs (their request sockets are served by `components/`). Optional components
 * (maild, integratord...) write their own pid file when the configuration starts them.
 */
export const PID_FILE_DAEMONS = [
  'wazuh-db',
  'wazuh-authd',
  'wazuh-remoted',
  'wazuh-analysisd',
  'wazuh-execd',
  'wazuh-modulesd',
  'wazuh-logcollector',
  'wazuh-syscheckd',
  'wazuh-monitord',
] as const;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes pid files of these daemons left by a process that no longer exists (a crashed or killed host). */
export function removeStalePidFiles(varRun: string, daemons: readonly string[]): void {
  let entries: string[];
  try {
    entries = readdirSync(varRun);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = /^(.+)-(\d+)\.pid$/.exec(entry);
    if (!match || !daemons.includes(match[1])) continue;
    const pid = Number(match[2]);
    if (pid !== process.pid && !processAlive(pid)) rmSync(join(varRun, entry), { force: true });
  }
}

export function writePidFiles(varRun: string, daemons: readonly string[], pid = process.pid): string[] {
  return daemons.map((daemon) => {
    const file = join(varRun, `${daemon}-${pid}.pid`);
    writeFileSync(file, `${pid}\n`);
    return file;
  });
}

export function removePidFiles(files: readonly string[]): void {
  for (const file of files) rmSync(file, { force: true });
}
