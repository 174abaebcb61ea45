/**
 * Which manager daemons run, judged the way Wazuh's API judges it: only from the marker files in `var/run` and
 * `/proc` (protocol.md §9). No socket is touched, so the answer is instant even when every daemon is down.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WazuhInternalError } from '../errors';
import type { WazuhPaths } from '../paths';

/** Every daemon `GET /manager/status` reports, in Wazuh's order. */
export const MANAGER_DAEMONS = [
  'wazuh-agentlessd',
  'wazuh-analysisd',
  'wazuh-authd',
  'wazuh-csyslogd',
  'wazuh-dbd',
  'wazuh-monitord',
  'wazuh-execd',
  'wazuh-integratord',
  'wazuh-logcollector',
  'wazuh-maild',
  'wazuh-remoted',
  'wazuh-reportd',
  'wazuh-syscheckd',
  'wazuh-clusterd',
  'wazuh-modulesd',
  'wazuh-db',
  'wazuh-apid',
] as const;

export type ManagerDaemon = (typeof MANAGER_DAEMONS)[number];
export type DaemonState = 'running' | 'stopped' | 'failed' | 'restarting' | 'starting';
export type DaemonStatuses = Record<ManagerDaemon, DaemonState>;

/** The daemons a request needs before it may run; the order is the order of the 1017 message. */
export const BASIC_SERVICES: readonly ManagerDaemon[] = [
  'wazuh-modulesd',
  'wazuh-analysisd',
  'wazuh-execd',
  'wazuh-db',
  'wazuh-remoted',
];

const PID_FILE = /^(.+)-(\d+)\.pid$/;

export interface StatusOptions {
  /** Where live processes are listed; `/proc` except in tests that simulate an unreadable one. */
  procDir?: string;
}

function listRunDir(varRun: string): string[] {
  try {
    return readdirSync(varRun);
  } catch {
    return [];
  }
}

/**
 * The state of every manager daemon. A `.failed` marker wins, then a manager-wide `.restart`, then `.start`; a
 * daemon with pid files is running when one of those pids is alive and failed when none is (it died without
 * cleaning up); no pid file at all means stopped.
 */
export function managerStatus(paths: Pick<WazuhPaths, 'varRun'>, options: StatusOptions = {}): DaemonStatuses {
  const procDir = options.procDir ?? '/proc';
  try {
    statSync(procDir);
  } catch (error) {
    throw new WazuhInternalError(1913, { extra: (error as Error).message });
  }
  const entries = listRunDir(paths.varRun);
  const pidsByDaemon = new Map<string, string[]>();
  for (const entry of entries) {
    const match = PID_FILE.exec(entry);
    if (!match) continue;
    const pids = pidsByDaemon.get(match[1]) ?? [];
    pids.push(match[2]);
    pidsByDaemon.set(match[1], pids);
  }
  // The listing already holds the marker files: no second look at the folder per daemon.
  const present = new Set(entries);
  const marker = (name: string) => present.has(name);
  const restarting = marker('.restart');

  const statuses = {} as DaemonStatuses;
  for (const daemon of MANAGER_DAEMONS) {
    const pids = pidsByDaemon.get(daemon);
    let state: DaemonState;
    if (marker(`${daemon}.failed`)) state = 'failed';
    else if (restarting) state = 'restarting';
    else if (marker(`${daemon}.start`)) state = 'starting';
    else if (pids) state = pids.some((pid) => existsSync(join(procDir, pid))) ? 'running' : 'failed';
    else state = 'stopped';
    statuses[daemon] = state;
  }
  return statuses;
}

const NOT_READY: ReadonlySet<DaemonState> = new Set(['failed', 'restarting', 'stopped']);

/**
 * The check DAPI makes before running a request locally: when a basic daemon is failed, restarting or stopped the
 * request fails with 1017 naming the node and the daemons (`wazuh-db->stopped, wazuh-remoted->failed`). A daemon
 * that is still `starting` does not block.
 */
export function checkDaemonsReady(
  paths: Pick<WazuhPaths, 'varRun'>,
  nodeName: string,
  options: StatusOptions = {},
): void {
  const statuses = managerStatus(paths, options);
  const notReady = BASIC_SERVICES.filter((daemon) => NOT_READY.has(statuses[daemon]));
  if (notReady.length === 0) return;
  throw new WazuhInternalError(1017, {
    extra: {
      node_name: nodeName,
      not_ready_daemons: notReady.map((daemon) => `${daemon}->${statuses[daemon]}`).join(', '),
    },
  });
}
