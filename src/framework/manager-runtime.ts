/**
 * The long-lived objects the manager functions use, one set per running API: the IPC ports to the daemons and the
 * update-check service's memory. Kept beside the composition root's `Services` (keyed by it) so the manager
 * endpoints need nothing added there; `closeManagerRuntime` releases the sockets at shutdown.
 */
import { createManagerPorts, UpdateCheckService, type ClosableManagerPorts } from '../core/manager';
import type { WazuhPaths } from '../core/paths';

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

export function closeManagerRuntime(owner: object): void {
  const runtime = runtimes.get(owner);
  if (!runtime) return;
  runtime.ports.close();
  runtime.updateCheck.stop();
  runtimes.delete(owner);
}
