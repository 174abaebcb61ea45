/**
 * The long-lived objects the manager functions use, one set per running API: the IPC ports to the daemons and the
 * update-check service's memory. Kept beside the composition root's `Services` (keyed by it) so the manager
 * endpoints need nothing added there; `closeManagerRuntime` releases the sockets at shutdown.
 */
import { createManagerPorts, getInstallationUid, UpdateCheckService, type ClosableManagerPorts } from '../core/manager';
import { ctiUrl, updateCheckEnabled } from '../core/ossec-conf';
import type { WazuhPaths } from '../core/paths';
import { nodeView } from './manager';

export interface ManagerRuntime {
  ports: ClosableManagerPorts;
  updateCheck: UpdateCheckService;
}

const runtimes = new WeakMap<object, ManagerRuntime>();

export function managerRuntime(owner: { paths: WazuhPaths }): ManagerRuntime {
  let runtime = runtimes.get(owner);
  if (!runtime) {
    runtime = { ports: createManagerPorts(owner.paths), updateCheck: new UpdateCheckService() };
    runtimes.set(owner, runtime);
  }
  return runtime;
}

/**
 * What the API does at start on a master (or single node): make sure the installation id exists and, when
 * `<update_check>` is on, ask the CTI service now and once a day. Failures are kept as the last answer (the
 * endpoint reports them); nothing here can stop the start.
 */
export function startManagerRuntime(owner: { paths: WazuhPaths }): void {
  try {
    if (!nodeView(owner.paths).isMaster) return;
    const uid = getInstallationUid(owner.paths);
    if (updateCheckEnabled(owner.paths)) managerRuntime(owner).updateCheck.startDaily(uid, ctiUrl(owner.paths));
  } catch {
    // an unreadable ossec.conf or security folder: the endpoints report it when asked
  }
}

export function closeManagerRuntime(owner: object): void {
  const runtime = runtimes.get(owner);
  if (!runtime) return;
  runtime.ports.close();
  runtime.updateCheck.stop();
  runtimes.delete(owner);
}
