/**
 * Whether a manager daemon runs, read from `var/run` as Wazuh's framework reads it (protocol.md §9): a `.failed`
 * or `.start` marker wins, then a `<name>-<pid>.pid` file whose process exists.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WazuhPaths } from '../paths';

export type DaemonState = 'running' | 'stopped' | 'failed' | 'restarting' | 'starting';

export function daemonState(paths: WazuhPaths, name: string): DaemonState {
  const run = paths.varRun;
  if (existsSync(join(run, `${name}.failed`))) return 'failed';
  if (existsSync(join(run, '.restart'))) return 'restarting';
  if (existsSync(join(run, `${name}.start`))) return 'starting';
  let entries: string[];
  try {
    entries = readdirSync(run);
  } catch {
    return 'stopped';
  }
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}-(\\d+)\\.pid$`);
  const pids = entries.map((entry) => pattern.exec(entry)?.[1]).filter((pid): pid is string => pid !== undefined);
  if (pids.length === 0) return 'stopped';
  return pids.some((pid) => existsSync(`/proc/${pid}`)) ? 'running' : 'failed';
}
