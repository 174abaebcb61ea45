/**
 * Handlers of the `Agents` tag: each reads its typed parameters and makes one framework call. DAPI (deadline,
 * dapi_errors) and route-level RBAC are applied by the dispatcher around them.
 */
import { setMaxListeners } from 'node:events';
import type { Handler, RequestContext } from '../src/api/context';
import type { operations } from '../generated/api';
import {
  AGENT_FIELD_FILTERS,
  type AgentDeps,
  type AgentFilters,
} from '../src/core/agents';
import { WazuhError, WazuhInternalError } from '../src/core/errors';
import * as agents from '../src/framework/agents';
import { checkComponentConfiguration } from '../src/framework/manager';
import { rbacScope, type PermissionSource, type RbacScope } from '../src/framework/rbac-filter';
import { list, listParams } from './params';

type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

/** The agent clients the composition root built for this install. */
export function agentDeps(ctx: RequestContext): AgentDeps {
  return ctx.services.agents;
}

/** The caller's RBAC scope, with group members resolved through wazuh-db for `agent:group:<g>` policies. */
export function requestRbac(ctx: RequestContext, deps: AgentDeps): RbacScope {
  const security = (ctx.services as { security?: Partial<PermissionSource> }).security;
  if (!ctx.auth || !security || typeof security.permissionsOf !== 'function') {
    throw new WazuhInternalError(1000, { extra: 'no RBAC decision available for this request' });
  }
  return rbacScope(security as PermissionSource, ctx.auth, agents.groupMembersResolver(deps));
}

export function frameworkCall(ctx: RequestContext): agents.FrameworkCall {
  const deps = agentDeps(ctx);
  // Every socket call of the request listens to its signal; many run at once in the multi-agent operations.
  setMaxListeners(0, ctx.signal);
  return { deps, rbac: requestRbac(ctx, deps), signal: ctx.signal };
}

/** The field filters of the agent endpoints, in the order Wazuh reports them. */
export function agentFilters(query: Record<string, unknown>, names: readonly string[] = AGENT_FIELD_FILTERS): AgentFilters {
  const filters: Record<string, string | string[]> = {};
  for (const name of names) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    filters[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return filters as AgentFilters;
}

const get_agents: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'get_agents'> & Record<string, unknown>;
  return agents.getAgents(frameworkCall(ctx), {
    agentsList: list(query.agents_list),
    params: listParams(query),
    filters: agentFilters(query),
  });
};

const delete_agents: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'delete_agents'> & Record<string, unknown>;
  const filters = agentFilters({ ...query, older_than: query.older_than ?? '7d' }, AGENT_FIELD_FILTERS.filter((n) => n !== 'group_config_status'));
  return agents.deleteAgents(frameworkCall(ctx), {
    agentsList: agents.listOrAll(list(query.agents_list)),
    purge: query.purge === true,
    filters,
    q: query.q,
  });
};

interface AgentBody {
  name?: string;
  ip?: string;
  id?: string;
  key?: string;
  force?: agents.AddAgentArgs['force'];
}

function body(ctx: RequestContext): AgentBody {
  const value = ctx.params.body;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new WazuhError(1018);
  return value as AgentBody;
}

const add_agent: Handler = async (ctx) => {
  const { name, ip, force } = body(ctx);
  return agents.addAgent(frameworkCall(ctx), { name: String(name), ip, force, insert: false });
};

const insert_agent: Handler = async (ctx) => {
  const { name, ip, id, key, force } = body(ctx);
  return agents.addAgent(frameworkCall(ctx), { name: String(name), ip, id, key, force, insert: true });
};

const post_new_agent: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'post_new_agent'>;
  return agents.addAgent(frameworkCall(ctx), { name: String(query.agent_name), insert: false });
};

const get_agent_config: Handler = async (ctx) => {
  const { agent_id, component, configuration } = ctx.params.path;
  checkComponentConfiguration(component, configuration);
  return agents.getAgentConfig(frameworkCall(ctx), agent_id, component, configuration);
};

const delete_single_agent_multiple_groups: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'delete_single_agent_multiple_groups'>;
  return agents.removeAgentFromGroups(frameworkCall(ctx), ctx.params.path.agent_id, list(query.groups_list));
};

const get_sync_agent: Handler = async (ctx) => agents.getAgentsSyncGroup(frameworkCall(ctx), [ctx.params.path.agent_id]);

const delete_single_agent_single_group: Handler = async (ctx) =>
  agents.removeAgentFromGroup(frameworkCall(ctx), ctx.params.path.agent_id, ctx.params.path.group_id);

const put_agent_single_group: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'put_agent_single_group'>;
  return agents.assignAgentsToGroup(frameworkCall(ctx), {
    group: ctx.params.path.group_id,
    agentsList: [ctx.params.path.agent_id],
    replace: query.force_single_group === true,
  });
};

const get_agent_key: Handler = async (ctx) => agents.getAgentKeys(frameworkCall(ctx), [ctx.params.path.agent_id]);

const restart_agent: Handler = async (ctx) => agents.restartAgents(frameworkCall(ctx), [ctx.params.path.agent_id]);

const agent_get_daemon_stats: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'agent_get_daemon_stats'>;
  return agents.getDaemonStats(frameworkCall(ctx), ctx.params.path.agent_id, list(query.daemons_list));
};

const get_component_stats: Handler = async (ctx) =>
  agents.getComponentStats(frameworkCall(ctx), ctx.params.path.agent_id, ctx.params.path.component);

function upgradeFilters(query: Record<string, unknown>): AgentFilters {
  return agentFilters(query, ['manager', 'version', 'group', 'node_name', 'name', 'ip', 'registerIP', 'os.version', 'os.name', 'os.platform']);
}

const put_upgrade_agents: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'put_upgrade_agents'> & Record<string, unknown>;
  return agents.upgradeAgents(frameworkCall(ctx), {
    agentsList: agents.listOrAll(list(query.agents_list)),
    wpk_repo: query.wpk_repo,
    version: query.upgrade_version,
    use_http: query.use_http === true,
    force: query.force === true,
    package_type: query.package_type,
    filters: upgradeFilters(query),
    q: query.q,
  });
};

const put_upgrade_custom_agents: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'put_upgrade_custom_agents'> & Record<string, unknown>;
  return agents.upgradeAgents(frameworkCall(ctx), {
    agentsList: agents.listOrAll(list(query.agents_list)),
    file_path: query.file_path,
    installer: query.installer,
    filters: upgradeFilters(query),
    q: query.q,
  });
};

const get_agent_upgrade: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'get_agent_upgrade'> & Record<string, unknown>;
  return agents.getUpgradeResult(frameworkCall(ctx), {
    agentsList: agents.listOrAll(list(query.agents_list)),
    filters: upgradeFilters(query),
    q: query.q,
  });
};

const get_agent_uninstall_permission: Handler = async (ctx) => agents.checkUninstallPermission(frameworkCall(ctx));

const put_multiple_agent_single_group: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'put_multiple_agent_single_group'>;
  return agents.assignAgentsToGroup(frameworkCall(ctx), {
    group: String(query.group_id),
    agentsList: list(query.agents_list),
    replace: query.force_single_group === true,
  });
};

const delete_multiple_agent_single_group: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'delete_multiple_agent_single_group'>;
  return agents.removeAgentsFromGroup(frameworkCall(ctx), String(query.group_id), agents.listOrAll(list(query.agents_list)));
};

const restart_agents_by_group: Handler = async (ctx) => agents.restartAgentsByGroup(frameworkCall(ctx), ctx.params.path.group_id);

const get_agent_no_group: Handler = async (ctx) => agents.getAgentsWithoutGroup(frameworkCall(ctx), listParams(ctx.params.query));

const restart_agents_by_node: Handler = async (ctx) => agents.restartAgentsByNode(frameworkCall(ctx), ctx.params.path.node_id);

const get_agent_outdated: Handler = async (ctx) => agents.getOutdatedAgents(frameworkCall(ctx), listParams(ctx.params.query));

const reconnect_agents: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'reconnect_agents'>;
  return agents.reconnectAgents(frameworkCall(ctx), list(query.agents_list));
};

const restart_agents: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'restart_agents'>;
  return agents.restartAgents(frameworkCall(ctx), list(query.agents_list));
};

const get_agent_fields: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'get_agent_fields'>;
  return agents.getDistinctAgents(frameworkCall(ctx), list(query.fields) ?? [], listParams(ctx.params.query));
};

const get_agents_summary: Handler = async (ctx) => {
  const query = ctx.params.query as Query<'get_agents_summary'>;
  return agents.getAgentsSummary(frameworkCall(ctx), list(query.agents_list));
};

const get_agent_summary_os: Handler = async (ctx) => agents.getAgentsSummaryOs(frameworkCall(ctx));

const get_agent_summary_status: Handler = async (ctx) => agents.getAgentsSummaryStatus(frameworkCall(ctx));

export const handlers: Record<string, Handler> = {
  get_agents,
  add_agent,
  delete_agents,
  get_agent_config,
  delete_single_agent_multiple_groups,
  get_sync_agent,
  put_agent_single_group,
  delete_single_agent_single_group,
  get_agent_key,
  restart_agent,
  agent_get_daemon_stats,
  get_component_stats,
  put_upgrade_agents,
  put_upgrade_custom_agents,
  get_agent_upgrade,
  get_agent_uninstall_permission,
  put_multiple_agent_single_group,
  delete_multiple_agent_single_group,
  restart_agents_by_group,
  insert_agent,
  post_new_agent,
  get_agent_no_group,
  restart_agents_by_node,
  get_agent_outdated,
  reconnect_agents,
  restart_agents,
  get_agent_fields,
  get_agents_summary,
  get_agent_summary_os,
  get_agent_summary_status,
};
