/**
 * `PUT /manager/restart`: one `restart-wazuh` datagram to execd's `queue/alerts/execq` (protocol.md §7.2). The API
 * answers as soon as the request is queued; execd restarts the manager afterwards.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { WazuhInternalError } from '../errors';
import type { WazuhPaths } from '../paths';
import { jsonRequest, type ManagerPorts, type PortCallOptions } from './ports';

export const RESTART_COMMAND = 'restart-wazuh';

export function restartMessage(): string {
  return jsonRequest(RESTART_COMMAND, { extra_args: [], alert: {} });
}

// Wazuh serialises restarts with a `lockf` on `var/run/.api_execq_lock`. Node has no lockf, so restarts are
// serialised inside this process and the lock file is only created, for tools that look for it.
let previous: Promise<unknown> = Promise.resolve();

function touchLockFile(varRun: string): void {
  try {
    closeSync(openSync(join(varRun, '.api_execq_lock'), 'a', 0o660));
  } catch {
    // a missing var/run only matters to the sender below
  }
}

/** Queues a manager restart. No execq socket is 1901, one nobody reads is 1902, a failed send 1014. */
export function requestManagerRestart(
  paths: Pick<WazuhPaths, 'sockets' | 'varRun'>,
  ports: ManagerPorts,
  options: PortCallOptions = {},
): Promise<void> {
  const run = async () => {
    touchLockFile(paths.varRun);
    if (!existsSync(paths.sockets.execq)) throw new WazuhInternalError(1901);
    await ports.sendDatagram(paths.sockets.execq, restartMessage(), { connect: 1902, send: 1014 }, options);
  };
  const result = previous.then(run, run);
  previous = result.catch(() => undefined);
  return result;
}
