/**
 * The long-lived objects the manager functions use, one set per running API: the IPC ports to the daemons and the
 * update-check service's memory. The composition root builds it once (`Services.manager`) and closes it at
 * shutdown.
 */
import type { WazuhDBClient } from '../ipc';
import { createManagerPorts, getInstallationUid, UpdateCheckService, type ClosableManagerPorts } from '../core/manager';
import { ctiUrl, updateCheckEnabled } from '../core/ossec-conf';
import type { WazuhPaths } from '../core/paths';
import { nodeView } from './manager';

export interface ManagerRuntime {
  ports: ClosableManagerPorts;
  updateCheck: UpdateCheckService;
  /**
   * What the API does at start on a master (or single node): make sure the installation id exists and, when
   * `<update_check>` is on, ask the CTI service now and once a day. Failures are kept as the last answer (the
   * endpoint reports them); nothing here can stop the start.
   */
  start(): void;
  close(): void;
}

/** `wdb`: a wazuh-db client to share (the caller keeps owning it); otherwise the ports open their own. */
export function createManagerRuntime(paths: WazuhPaths, options: { wdb?: WazuhDBClient } = {}): ManagerRuntime {
  const ports = createManagerPorts(paths, { wdb: options.wdb });
  const updateCheck = new UpdateCheckService();
  return {
    ports,
    updateCheck,
    start() {
      try {
        if (!nodeView(paths).isMaster) return;
        const uid = getInstallationUid(paths);
        if (updateCheckEnabled(paths)) updateCheck.startDaily(uid, ctiUrl(paths));
      } catch {
        // an unreadable ossec.conf or security folder: the endpoints report it when asked
      }
    },
    close() {
      ports.close();
      updateCheck.stop();
    },
  };
}
