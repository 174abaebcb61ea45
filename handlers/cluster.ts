/**
 * `/cluster` operations. As in Wazuh, every one but `GET /cluster/status` first asks the cluster for its nodes;
 * on a single node that is 3013 (HTTP 400, no `dapi_errors`). Past that point (a cluster transport in
 * `services`, future work) the per-node operations run the manager functions when they target this node.
 */
import type { Handler, RequestContext } from '../src/api/context';
import type { ClusterTransport } from '../src/core/cluster';
import { WazuhError, WazuhResourceNotFound } from '../src/core/errors';
import type { OperationResult } from '../src/core/results';
import * as cluster from '../src/framework/cluster';
import * as manager from '../src/framework/manager';
import {
  accepted,
  beforeDapi,
  checkPair,
  logQuery,
  managerEnv,
  query,
  scopeOf,
  statsDate,
  uploadRules,
  uploadedConf,
} from './manager';
import { flag, list, text } from './params';


function transportOf(ctx: RequestContext): ClusterTransport | undefined {
  return (ctx.services as unknown as { clusterTransport?: ClusterTransport }).clusterTransport;
}

/** The cluster's node names, or 3013 before anything runs. */
async function nodesOrFail(ctx: RequestContext): Promise<string[]> {
  try {
    return await cluster.clusterNodes({ paths: ctx.services.paths, transport: transportOf(ctx), signal: ctx.signal });
  } catch (error) {
    throw error instanceof WazuhError ? beforeDapi(error) : error;
  }
}

/** A cluster operation: the node list (3013 when the cluster is off) first, then the work. */
function clustered(work: (ctx: RequestContext) => OperationResult | Promise<OperationResult>): Handler {
  return async (ctx) => {
    await nodesOrFail(ctx);
    return work(ctx);
  };
}

/**
 * A per-node operation: runs here when `node_id` is this node; other nodes need request forwarding, which the
 * cluster transport will bring (until then they are reported as not found). `checks` are the controller's own
 * checks that Wazuh makes after asking for the nodes (the component/configuration pair).
 */
function onNode(
  work: (ctx: RequestContext) => OperationResult | Promise<OperationResult>,
  checks: (ctx: RequestContext) => void = () => undefined,
): Handler {
  return async (ctx) => {
    const nodes = await nodesOrFail(ctx);
    checks(ctx);
    const target = ctx.params.path.node_id;
    if (!nodes.includes(target) || target !== manager.nodeView(ctx.services.paths).nodeId) {
      throw new WazuhResourceNotFound(1730);
    }
    return work(ctx);
  };
}

/** Operations that need the other nodes' answers: only reachable once a transport exists. */
const needsTransport: Handler = clustered(() => {
  throw new WazuhResourceNotFound(1730);
});

export const handlers: Record<string, Handler> = {
  cluster_get_status: async (ctx) => {
    return cluster.getClusterStatus({ paths: ctx.services.paths, scope: scopeOf(ctx) });
  },
  get_cluster_node: clustered((ctx) => cluster.getNodeInfo({ paths: ctx.services.paths, scope: scopeOf(ctx) })),
  get_config: clustered((ctx) => cluster.getLocalConfig({ paths: ctx.services.paths, scope: scopeOf(ctx) })),
  get_cluster_nodes: needsTransport,
  get_healthcheck: needsTransport,
  get_nodes_ruleset_sync_status: needsTransport,
  cluster_get_api_config: clustered((ctx) => manager.getApiConfig(managerEnv(ctx), ctx.services.apiConfig)),
  cluster_put_restart: clustered(async (ctx) => accepted(await manager.restart(managerEnv(ctx)))),
  cluster_put_reload_analysisd: clustered((ctx) => manager.reloadAnalysisd(managerEnv(ctx))),
  cluster_get_conf_validation: clustered((ctx) => manager.validation(managerEnv(ctx))),
  get_status_node: onNode((ctx) => manager.getStatus(managerEnv(ctx))),
  get_info_node: onNode((ctx) => manager.getBasicInfo(managerEnv(ctx))),
  get_configuration_node: onNode((ctx) =>
    manager.readOssecConf(managerEnv(ctx), {
      section: text(query(ctx).section),
      field: text(query(ctx).field),
      raw: flag(query(ctx).raw),
    }),
  ),
  cluster_update_configuration: async (ctx) => {
    // Wazuh checks the body's type before asking for the nodes.
    const content = uploadedConf(ctx);
    return onNode((running) => manager.updateOssecConf(managerEnv(running), content, { rules: uploadRules(running) }))(ctx);
  },
  get_daemon_stats_node: onNode((ctx) => manager.getDaemonsStats(managerEnv(ctx), list(query(ctx).daemons_list))),
  get_stats_node: onNode((ctx) => manager.totals(managerEnv(ctx), statsDate(query(ctx).date))),
  get_stats_hourly_node: onNode((ctx) => manager.hourly(managerEnv(ctx))),
  get_stats_weekly_node: onNode((ctx) => manager.weekly(managerEnv(ctx))),
  get_stats_analysisd_node: onNode((ctx) => manager.daemonStateStats(managerEnv(ctx), 'analysisd')),
  get_stats_remoted_node: onNode((ctx) => manager.daemonStateStats(managerEnv(ctx), 'remoted')),
  get_log_node: onNode((ctx) => manager.ossecLog(managerEnv(ctx), logQuery(ctx))),
  get_log_summary_node: onNode((ctx) => manager.ossecLogSummary(managerEnv(ctx))),
  get_node_config: onNode(
    (ctx) => manager.getActiveConfig(managerEnv(ctx), ctx.params.path.component, ctx.params.path.configuration),
    (ctx) => checkPair(ctx.params.path.component, ctx.params.path.configuration),
  ),
};
