/**
 * The cluster as the API sees it. On a single node (no `<cluster>` block, or `<disabled>yes</disabled>`) only the
 * status endpoint answers; every other `/cluster` operation first asks the cluster for its nodes and fails with
 * 3013 (protocol.md §11). A `ClusterTransport` is where a multi-node implementation plugs in: with one, the same
 * functions list real nodes.
 */
import { WazuhError, WazuhInternalError } from '../errors';
import type { WazuhPaths } from '../paths';
import { managerStatus, type StatusOptions } from '../manager/status';
import type { ClusterConfig } from '../ossec-conf';

/** The parts of the parsed `<cluster>` section this module reads. */
export type ClusterSettings = Pick<ClusterConfig, 'disabled' | 'name' | 'node_name' | 'node_type' | 'settings'>;

/** What a running cluster offers the API; absent on a single node. */
export interface ClusterTransport {
  /** Names of the connected nodes (master first); throws when the cluster daemon cannot be reached. */
  nodeNames(options?: { signal?: AbortSignal }): Promise<string[]>;
}

export interface ClusterStatus {
  enabled: 'yes' | 'no';
  running: 'yes' | 'no';
}

/** `GET /cluster/status`: enabled from the configuration, running from `wazuh-clusterd`'s pid file. */
export function clusterStatus(
  config: Pick<ClusterSettings, 'disabled'>,
  paths: Pick<WazuhPaths, 'varRun'>,
  options: StatusOptions = {},
): ClusterStatus {
  let running: 'yes' | 'no' = 'no';
  try {
    running = managerStatus(paths, options)['wazuh-clusterd'] === 'running' ? 'yes' : 'no';
  } catch (error) {
    if (!(error instanceof WazuhInternalError)) throw error;
  }
  return { enabled: config.disabled ? 'no' : 'yes', running };
}

/**
 * The node names every `/cluster` operation (but status) starts with. Without a reachable cluster this is 3013,
 * raised before the request runs, so the answer carries no `dapi_errors`.
 */
export async function systemNodes(
  config: Pick<ClusterSettings, 'disabled'>,
  transport: ClusterTransport | undefined,
  options: { signal?: AbortSignal } = {},
): Promise<string[]> {
  if (config.disabled || transport === undefined) throw new WazuhError(3013);
  try {
    return await transport.nodeNames(options);
  } catch (error) {
    if (error instanceof WazuhError && error.code === 3012) throw new WazuhError(3013);
    throw error;
  }
}

/** `GET /cluster/local/info`: this node's name, its cluster's name and its type. */
export function localNodeInfo(config: ClusterSettings): { node: string; cluster: string; type: string } {
  return { node: config.node_name, cluster: config.name, type: config.node_type };
}

/** True for a master or a standalone manager: the nodes that own the global database and the update check. */
export function isMasterNode(config: Pick<ClusterSettings, 'disabled' | 'node_type'>): boolean {
  return config.disabled || config.node_type === 'master';
}

/**
 * The node name the manager framework reports in results: `manager` on a single node (Wazuh's framework uses this
 * placeholder, e.g. `GET /manager/api/config` answers `node_name: "manager"`), the configured name otherwise.
 */
export function resultNodeId(config: Pick<ClusterSettings, 'disabled' | 'node_name'>): string {
  return config.disabled ? 'manager' : config.node_name;
}
