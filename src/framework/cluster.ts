/**
 * The API-facing cluster functions. On a single node only `GET /cluster/status` answers; everything else starts
 * with `clusterNodes`, which fails with 3013 until a cluster transport exists. The functions behind it are already
 * the ones a cluster node runs locally (node info, cluster configuration); the per-node variants of the manager
 * endpoints reuse `framework/manager.ts`.
 */
import { clusterStatus, localNodeInfo, systemNodes, type ClusterTransport } from '../core/cluster';
import { readClusterConfig, type ClusterConfig } from '../core/ossec-conf';
import { WazuhError } from '../core/errors';
import type { WazuhPaths } from '../core/paths';
import { AffectedItemsResult, WazuhResult } from '../core/results';
import { requireAllowed, type RbacScope } from './rbac-filter';

export interface ClusterEnv {
  paths: WazuhPaths;
  scope: RbacScope;
  /** The link to the other nodes; absent on a single node. */
  transport?: ClusterTransport;
  signal?: AbortSignal;
}

/** The `<cluster>` settings; a file that cannot be read is 3006, a bad section 3004. */
export function clusterConfig(paths: Pick<WazuhPaths, 'ossecConf'>): ClusterConfig {
  return readClusterConfig(paths);
}

/** `GET /cluster/status`: `cluster:status` on `*:*:*`, then enabled/running. */
export function getClusterStatus(env: ClusterEnv): WazuhResult {
  requireAllowed(env.scope, 'cluster:status', '*:*:*');
  return new WazuhResult({ data: clusterStatus(clusterConfig(env.paths), env.paths) });
}

/**
 * The node list every other `/cluster` operation asks for first (before the request runs, so failures carry no
 * `dapi_errors`). A cluster section that cannot be read counts as no cluster.
 */
export async function clusterNodes(env: Pick<ClusterEnv, 'paths' | 'transport' | 'signal'>): Promise<string[]> {
  let disabled = true;
  try {
    disabled = clusterConfig(env.paths).disabled;
  } catch (error) {
    if (!(error instanceof WazuhError)) throw error;
  }
  return systemNodes({ disabled }, env.transport, { signal: env.signal });
}

const INFORMATION = { all: 'All selected information was returned', some: '', none: 'No information was returned' };

/** `GET /cluster/local/info` on a running cluster: this node's name, cluster and type. */
export function getNodeInfo(env: ClusterEnv): AffectedItemsResult {
  const config = clusterConfig(env.paths);
  requireAllowed(env.scope, 'cluster:read', `node:id:${config.node_name}`);
  return new AffectedItemsResult(INFORMATION).addAffected(localNodeInfo(config));
}

/** `GET /cluster/local/config` on a running cluster: the `<cluster>` section with its defaults. */
export function getLocalConfig(env: ClusterEnv): AffectedItemsResult {
  const config = clusterConfig(env.paths);
  requireAllowed(env.scope, 'cluster:read', `node:id:${config.node_name}`);
  return new AffectedItemsResult(INFORMATION).addAffected({ ...config.settings });
}
