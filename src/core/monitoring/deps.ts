/**
 * The daemon clients the monitoring operations (syscheck, rootcheck, active response, events, tasks, MITRE) use,
 * built once per install by the composition root and closed at shutdown.
 */
import { DatagramQueue, RequestSocketClient, WazuhDBClient } from '../../ipc';
import type { WazuhPaths } from '../paths';
import type { RequestPort, WazuhDbPort } from '../agents/ports';
import type { EventQueue } from '../events';
import type { ArQueue } from './agent-queue';
import type { WdbClient } from './wdb';

export interface MonitoringDeps {
  paths: WazuhPaths;
  /** Lists and clears in the agent databases, agent lookups and group members (RBAC `agent:group:<name>`). */
  wdb: WdbClient & WazuhDbPort;
  /** remoted's active-response queue, `queue/alerts/ar`. */
  ar: ArQueue;
  /** analysisd's event queue, `queue/sockets/queue`. */
  events: EventQueue;
  /** remoted's request socket, `queue/sockets/remote`. */
  remote: RequestPort;
  /** The cluster node name when the cluster is enabled, null on a standalone manager. */
  clusterNodeName: string | null;
}

export interface MonitoringClients extends MonitoringDeps {
  close(): void;
}

export function createMonitoringDeps(
  paths: WazuhPaths,
  options: { clusterNodeName?: string | null; wdb?: WazuhDBClient } = {},
): MonitoringClients {
  const ownWdb = options.wdb === undefined;
  const wdb = options.wdb ?? WazuhDBClient.forInstall(paths.root);
  const remote = new RequestSocketClient({ path: paths.sockets.remote, name: 'wazuh-remoted' });
  return {
    paths,
    wdb,
    ar: new DatagramQueue({ path: paths.sockets.activeResponse }),
    events: new DatagramQueue({ path: paths.sockets.eventQueue }),
    remote,
    clusterNodeName: options.clusterNodeName ?? null,
    close() {
      if (ownWdb) wdb.close();
      remote.close();
    },
  };
}
