/**
 * The API-facing agent operations: RBAC first (which of the requested agents the caller may touch, denied ones
 * reported as failed items 4000, a 403 when none may be touched), then one core call, then the result in Wazuh's
 * envelope with the operation's own messages. When the caller named no agents, failures that only say "this one
 * did not apply" (unknown, manager, not active...) are left out, as Wazuh does.
 */
import * as core from '../core/agents';
import type { AgentDeps, AgentFilters, Outcome, Scope } from '../core/agents';
import { WazuhError, WazuhResourceNotFound } from '../core/errors';
import { groupExists } from '../core/groups';
import { readClusterConfig } from '../core/ossec-conf';
import type { QueryParams } from '../core/query';
import { AffectedItemsResult, WazuhResult, type ResultMessages } from '../core/results';
import {
  allowedFilter,
  exposeIds,
  reportDenied,
  requireAllowed,
  type IdFilter,
  type RbacScope,
} from './rbac-filter';

/** What every framework call needs: the socket clients, the caller's permissions and the request's signal. */
export interface FrameworkCall {
  deps: AgentDeps;
  rbac: RbacScope;
  signal?: AbortSignal;
}

const AGENT = 'agent:id';
const GROUP = 'group:id';

export const AGENT_MESSAGES = {
  read: {
    all: 'All selected agents information was returned',
    some: 'Some agents information was not returned',
    none: 'No agent information was returned',
  },
  os: {
    all: 'Showing the operative system of all specified agents',
    some: 'Could not get the operative system of some agents',
    none: 'Could not get the operative system of the agents',
  },
  reconnect: {
    all: 'Force reconnect command was sent to all agents',
    some: 'Force reconnect command was not sent to some agents',
    none: 'Force reconnect command was not sent to any agent',
  },
  restart: {
    all: 'Restart command was sent to all agents',
    some: 'Restart command was not sent to some agents',
    none: 'Restart command was not sent to any agent',
  },
  keys: {
    all: 'Obtained keys for all selected agents',
    some: 'Some agent keys were not obtained',
    none: 'No agent keys were obtained',
  },
  delete: {
    all: 'All selected agents were deleted',
    some: 'Some agents were not deleted',
    none: 'No agents were deleted',
  },
  upgrade: {
    all: 'All upgrade tasks were created',
    some: 'Some upgrade tasks were not created',
    none: 'No upgrade task was created',
  },
  upgradeResult: {
    all: 'All upgrade tasks were returned',
    some: 'Some upgrade tasks were not returned',
    none: 'No upgrade task was returned',
  },
  sync: {
    all: 'Sync info was returned for all selected agents',
    some: 'Sync info was not returned for some selected agents',
    none: 'No sync info was returned',
  },
  componentStats: {
    all: 'Statistical information for each agent was successfully read',
    some: 'Could not read statistical information for some agents',
    none: 'Could not read statistical information for any agent',
  },
  daemonStats: {
    all: 'Statistical information for each daemon was successfully read',
    some: 'Could not read statistical information for some daemons',
    none: 'Could not read statistical information for any daemon',
  },
  removeFromGroups: {
    all: 'Specified agent was removed from returned groups',
    some: 'Specified agent was not removed from some groups',
    none: 'Specified agent was not removed from any group',
  },
} satisfies Record<string, ResultMessages>;

function assignMessages(group: string, replace: boolean): ResultMessages {
  const tail = replace ? ' and removed from the other groups' : '';
  return {
    all: `All selected agents were assigned to ${group}${tail}`,
    some: `Some agents were not assigned to ${group}${tail}`,
    none: `No agents were assigned to ${group}`,
  };
}

function removeFromGroupMessages(group: string): ResultMessages {
  return {
    all: `All selected agents were removed from group ${group}`,
    some: `Some agents were not removed from group ${group}`,
    none: `No agent was removed from group ${group}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// RBAC helpers

/** An RBAC filter on ids as a core scope. */
export function scopeOf(filter: IdFilter): Scope {
  if (filter.operator === 'in') return core.only(filter.ids);
  return filter.ids.length === 0 ? core.ALL : core.except(filter.ids);
}

/** The agents (or groups) a request acts on: the allowed part of an explicit list, or the allowed scope. */
export interface Targets {
  explicit: boolean;
  /** The allowed requested values (explicit requests only). */
  ids?: string[];
  denied: string[];
  scope: Scope;
}

/** `'all'` in a list means "no list". */
export function listOrAll(values: readonly string[] | undefined): string[] | undefined {
  if (!values || values.length === 0 || values.includes('all')) return undefined;
  return [...values];
}

export async function targetsOf(
  rbac: RbacScope,
  action: string,
  type: string,
  requested: readonly string[] | undefined,
): Promise<Targets> {
  if (requested && requested.length > 0) {
    const unique = [...new Set(requested)];
    const { allowed, denied } = await exposeIds(rbac, action, type, unique);
    return { explicit: true, ids: allowed, denied, scope: core.only(allowed) };
  }
  return { explicit: false, denied: [], scope: scopeOf(await allowedFilter(rbac, action, type)) };
}

/** Folds a core outcome into a result: 4000 for denied ids, and (when no list was given) hides `exclude` codes. */
export function resultOf<T>(
  messages: ResultMessages,
  outcome: Outcome<T>,
  targets: Pick<Targets, 'explicit' | 'denied'>,
  type: string,
  exclude: readonly number[] = [],
  force = false,
): AffectedItemsResult<T> {
  const result = new AffectedItemsResult<T>(messages);
  result.addAffected(...outcome.affected);
  const hide = !targets.explicit || force ? new Set(exclude) : new Set<number>();
  for (const [id, error] of outcome.failed) if (!hide.has(error.code)) result.addFailedItem(id, error);
  reportDenied(result as AffectedItemsResult, type, targets.denied);
  return result;
}

function call(fc: FrameworkCall) {
  return { signal: fc.signal };
}

// ---------------------------------------------------------------------------------------------------------------
// Listings

export interface AgentListArgs {
  agentsList?: readonly string[];
  params: QueryParams;
  filters?: AgentFilters;
}

/** `GET /agents`. Named agents that do not exist are reported (1701). */
export async function getAgents(fc: FrameworkCall, args: AgentListArgs): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'agent:read', AGENT, args.agentsList);
  const list = await core.openAgentList(fc.deps.wdb, { params: args.params, filters: args.filters, scope: targets.scope }, call(fc));
  const outcome: Outcome<unknown> = { affected: [], failed: [] };
  if (targets.ids) {
    const existing = await core.existingAgentIds(fc.deps.wdb, targets.ids, call(fc));
    for (const id of targets.ids) if (!existing.has(id)) outcome.failed.push([id, new WazuhResourceNotFound(1701)]);
  }
  return resultOf(AGENT_MESSAGES.read, outcome, targets, AGENT, [1701]).addPages(list);
}

function listResult(list: core.ListResult): AffectedItemsResult {
  return new AffectedItemsResult(AGENT_MESSAGES.read).addPage(list);
}

/** An agent listing whose long tail is read as the answer is written (see `AffectedItemsResult.addPages`). */
async function pagedListResult(fc: FrameworkCall, request: core.AgentListRequest): Promise<AffectedItemsResult> {
  return new AffectedItemsResult(AGENT_MESSAGES.read).addPages(await core.openAgentList(fc.deps.wdb, request, call(fc)));
}

/** `GET /agents/no_group`. */
export async function getAgentsWithoutGroup(fc: FrameworkCall, params: QueryParams): Promise<AffectedItemsResult> {
  const { scope } = await targetsOf(fc.rbac, 'agent:read', AGENT, undefined);
  return pagedListResult(fc, core.withoutGroup({ params, scope }));
}

/** `GET /agents/outdated`. */
export async function getOutdatedAgents(fc: FrameworkCall, params: QueryParams): Promise<AffectedItemsResult> {
  const { scope } = await targetsOf(fc.rbac, 'agent:read', AGENT, undefined);
  return pagedListResult(fc, await core.outdatedOnly(fc.deps.wdb, { params, scope }, call(fc)));
}

/** `GET /groups/{group_id}/agents`: `group:read` on the group, then the agents the caller may read. */
export async function getAgentsInGroup(
  fc: FrameworkCall,
  group: string,
  args: { params: QueryParams; filters?: AgentFilters },
): Promise<AffectedItemsResult> {
  await exposeIds(fc.rbac, 'group:read', GROUP, [group]);
  if (!groupExists(fc.deps.paths, group)) throw new WazuhResourceNotFound(1710);
  const { scope } = await targetsOf(fc.rbac, 'agent:read', AGENT, undefined);
  return pagedListResult(fc, core.inGroup(group, { params: args.params, filters: args.filters, scope }));
}

/** `GET /agents/stats/distinct`. */
export async function getDistinctAgents(
  fc: FrameworkCall,
  fields: readonly string[],
  params: QueryParams,
): Promise<AffectedItemsResult> {
  const { scope } = await targetsOf(fc.rbac, 'agent:read', AGENT, undefined);
  return listResult(await core.distinctAgentValues(fc.deps.wdb, fields, params, scope, undefined, call(fc)));
}

/** `GET /agents/summary/status`. */
export async function getAgentsSummaryStatus(fc: FrameworkCall): Promise<WazuhResult> {
  const { scope } = await targetsOf(fc.rbac, 'agent:read', AGENT, undefined);
  return new WazuhResult({ data: await core.summarizeStatus(fc.deps.wdb, scope, call(fc)) });
}

/** `GET /agents/summary/os`. */
export async function getAgentsSummaryOs(fc: FrameworkCall): Promise<AffectedItemsResult> {
  const { scope } = await targetsOf(fc.rbac, 'agent:read', AGENT, undefined);
  const result = new AffectedItemsResult(AGENT_MESSAGES.os);
  result.addAffected(...(await core.summarizeOs(fc.deps.wdb, scope, call(fc))));
  return result;
}

/** `GET /agents/summary`: counts by status, OS and group from wazuh-db, for the readable agents. */
export async function getAgentsSummary(fc: FrameworkCall, agentsList?: readonly string[]): Promise<WazuhResult> {
  const targets = await targetsOf(fc.rbac, 'agent:read', AGENT, agentsList);
  let ids: number[];
  if (targets.ids) ids = targets.ids.map(Number);
  else {
    const all = [0, ...(await fc.deps.wdbHttp.agentIds(call(fc)))];
    ids = all.filter((id) => core.scopeAllows(targets.scope, core.padAgentId(id)));
  }
  // An empty list would read as "no filter" (top groups and OS of everyone): nothing readable means zeros.
  const summary = ids.length > 0 ? await fc.deps.wdbHttp.agentsSummary(ids, call(fc)) : {};
  const status = summary.agents_by_status ?? {};
  return new WazuhResult({
    data: {
      status: {
        active: status.active ?? 0,
        disconnected: status.disconnected ?? 0,
        never_connected: status.never_connected ?? 0,
        pending: status.pending ?? 0,
      },
      os: summary.agents_by_os ?? {},
      groups: summary.agents_by_groups ?? {},
    },
  });
}

/** `GET /agents/{agent_id}/key`. */
export async function getAgentKeys(fc: FrameworkCall, ids: readonly string[]): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'agent:read', AGENT, ids);
  const outcome = await core.agentKeys(fc.deps, targets.ids ?? [], call(fc));
  return resultOf(AGENT_MESSAGES.keys, outcome, targets, AGENT, [1701]);
}

/** `GET /agents/{agent_id}/group/is_sync`. */
export async function getAgentsSyncGroup(fc: FrameworkCall, ids: readonly string[]): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'agent:read', AGENT, ids);
  const outcome = await core.agentsSyncStatus(fc.deps, targets.ids ?? [], call(fc));
  return resultOf(AGENT_MESSAGES.sync, outcome, targets, AGENT, [1701, 1703]);
}

// ---------------------------------------------------------------------------------------------------------------
// Registration and removal

export interface AddAgentArgs {
  name: string;
  ip?: string;
  id?: string;
  key?: string;
  force?: core.NewAgent['force'];
  /** `POST /agents/insert` replaces clashing agents unless told otherwise; the other forms do not. */
  insert: boolean;
}

/** `POST /agents`, `POST /agents/insert`, `POST /agents/insert/quick`. */
export async function addAgent(fc: FrameworkCall, args: AddAgentArgs): Promise<WazuhResult> {
  requireAllowed(fc.rbac, 'agent:create');
  const added = await core.addAgent(
    fc.deps,
    { name: args.name, ip: args.ip, id: args.id, key: args.key, force: args.force, forceByDefault: args.insert },
    call(fc),
  );
  return new WazuhResult({ data: added });
}

export interface DeleteAgentsArgs {
  agentsList?: readonly string[];
  purge: boolean;
  filters: AgentFilters;
  q?: string;
}

/** `DELETE /agents`. */
export async function deleteAgents(fc: FrameworkCall, args: DeleteAgentsArgs): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'agent:delete', AGENT, args.agentsList);
  const outcome = await core.deleteAgents(
    fc.deps,
    { ids: targets.ids, scope: targets.scope, purge: args.purge, filters: args.filters, q: args.q },
    call(fc),
  );
  return resultOf(AGENT_MESSAGES.delete, outcome, targets, AGENT, [1701, 1703, 1731]);
}

// ---------------------------------------------------------------------------------------------------------------
// Commands

/** `PUT /agents/restart`, `PUT /agents/{agent_id}/restart`. */
export async function restartAgents(fc: FrameworkCall, agentsList?: readonly string[]): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'agent:restart', AGENT, agentsList);
  const outcome = await core.restartAgents(fc.deps, { ids: targets.ids, scope: targets.scope }, call(fc));
  return resultOf(AGENT_MESSAGES.restart, outcome, targets, AGENT, [1701, 1703, 1707]);
}

/**
 * `PUT /agents/group/{group_id}/restart`: the readable agents of the group, then a restart of those the caller may
 * restart. Unknown, manager and inactive agents are not reported, even though the list is explicit.
 */
export async function restartAgentsByGroup(fc: FrameworkCall, group: string): Promise<AffectedItemsResult> {
  const members = await (await getAgentsInGroup(fc, group, { params: { select: ['id'], limit: null } })).settle();
  const ids = members.affectedItems.map((item) => String((item as { id: string }).id));
  if (ids.length === 0) return new AffectedItemsResult({ ...AGENT_MESSAGES.restart });
  const readable = await exposeIds(fc.rbac, 'agent:read', AGENT, ids);
  const targets = await targetsOf(fc.rbac, 'agent:restart', AGENT, readable.allowed);
  const outcome = await core.restartAgents(fc.deps, { ids: targets.ids, scope: targets.scope }, call(fc));
  const result = resultOf(AGENT_MESSAGES.restart, outcome, targets, AGENT, [1701, 1703, 1707], true);
  reportDenied(result as AffectedItemsResult, AGENT, readable.denied);
  return result;
}

/**
 * `PUT /agents/node/{node_id}/restart`. A standalone manager has no cluster to ask for its nodes: Wazuh answers
 * 3013 then, before anything else.
 */
export async function restartAgentsByNode(fc: FrameworkCall, node: string): Promise<AffectedItemsResult> {
  let enabled = false;
  let nodeName = fc.deps.nodeName;
  try {
    const cluster = readClusterConfig(fc.deps.paths);
    enabled = cluster.enabled;
    nodeName = cluster.node_name;
  } catch {
    enabled = false;
  }
  if (!enabled) throw new WazuhError(3013);
  requireAllowed(fc.rbac, 'cluster:read', `node:id:${nodeName}`);
  if (node !== nodeName) throw new WazuhResourceNotFound(1730, { extra: node });
  const { scope } = await targetsOf(fc.rbac, 'agent:restart', AGENT, undefined);
  const onNode = await core.listAgents(
    fc.deps.wdb,
    { params: { select: ['id'], limit: null }, filters: { node_name: node }, scope, where: core.NOT_MANAGER },
    call(fc),
  );
  const ids = onNode.items.map((item) => String(item.id));
  const outcome = ids.length > 0 ? await core.restartAgents(fc.deps, { ids, scope: core.only(ids) }, call(fc)) : { affected: [], failed: [] };
  return resultOf(AGENT_MESSAGES.restart, outcome, { explicit: false, denied: [] }, AGENT, [1701, 1703, 1707], true);
}

/** `PUT /agents/reconnect`. */
export async function reconnectAgents(fc: FrameworkCall, agentsList?: readonly string[]): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'agent:reconnect', AGENT, agentsList);
  const outcome = await core.reconnectAgents(fc.deps, { ids: targets.ids, scope: targets.scope }, call(fc));
  return resultOf(AGENT_MESSAGES.reconnect, outcome, targets, AGENT, [1701, 1703, 1707]);
}

// ---------------------------------------------------------------------------------------------------------------
// Groups of agents

/** Every agent id of a scope (for operations that act on "all agents" one by one), manager excluded. */
async function idsOfScope(fc: FrameworkCall, scope: Scope): Promise<string[]> {
  const all = await core.listAgents(
    fc.deps.wdb,
    { params: { select: ['id'], limit: null }, scope, where: core.NOT_MANAGER },
    call(fc),
  );
  return all.items.map((item) => String(item.id));
}

/** `PUT /agents/{agent_id}/group/{group_id}`, `PUT /agents/group`. */
export async function assignAgentsToGroup(
  fc: FrameworkCall,
  args: { group: string; agentsList?: readonly string[]; replace: boolean },
): Promise<AffectedItemsResult> {
  const replaceable = scopeOf(await allowedFilter(fc.rbac, 'group:modify_assignments', GROUP));
  await exposeIds(fc.rbac, 'group:modify_assignments', GROUP, [args.group]);
  const targets = await targetsOf(fc.rbac, 'agent:modify_group', AGENT, args.agentsList);
  const ids = targets.ids ?? (await idsOfScope(fc, targets.scope));
  const outcome = await core.assignAgentsToGroup(
    fc.deps,
    { group: args.group, ids, replace: args.replace, mayReplace: (group) => core.scopeAllows(replaceable, group) },
    call(fc),
  );
  return resultOf(assignMessages(args.group, args.replace), outcome, targets, AGENT, [1701, 1703, 1751, 1752]);
}

/** `DELETE /agents/{agent_id}/group/{group_id}`. */
export async function removeAgentFromGroup(fc: FrameworkCall, agentId: string, group: string): Promise<WazuhResult> {
  await exposeIds(fc.rbac, 'group:modify_assignments', GROUP, [group]);
  await exposeIds(fc.rbac, 'agent:modify_group', AGENT, [agentId]);
  return new WazuhResult({ message: await core.removeAgentFromGroup(fc.deps, agentId, group, call(fc)) });
}

/** `DELETE /agents/{agent_id}/group`: from the listed groups, or from every group the caller may change. */
export async function removeAgentFromGroups(
  fc: FrameworkCall,
  agentId: string,
  groupsList?: readonly string[],
): Promise<AffectedItemsResult> {
  await exposeIds(fc.rbac, 'agent:modify_group', AGENT, [agentId]);
  const targets = await targetsOf(fc.rbac, 'group:modify_assignments', GROUP, groupsList);
  let groups = targets.ids;
  if (!groups) {
    // Every group the caller may change; only those the agent is in can do anything (the others are hidden 1734).
    const current = agentId === core.MANAGER_ID ? [] : await fc.deps.wdbHttp.agentGroups(agentId, call(fc)).catch(() => []);
    groups = current.filter((group) => core.scopeAllows(targets.scope, group));
  }
  const outcome = await core.removeAgentFromGroups(fc.deps, agentId, groups, call(fc));
  return resultOf(AGENT_MESSAGES.removeFromGroups, outcome, targets, GROUP, [1710, 1734, 1745]);
}

/** `DELETE /agents/group`: the listed agents (or all the caller may change) out of one group. */
export async function removeAgentsFromGroup(
  fc: FrameworkCall,
  group: string,
  agentsList?: readonly string[],
): Promise<AffectedItemsResult> {
  await exposeIds(fc.rbac, 'group:modify_assignments', GROUP, [group]);
  const targets = await targetsOf(fc.rbac, 'agent:modify_group', AGENT, agentsList);
  let ids = targets.ids;
  if (!ids) {
    if (!groupExists(fc.deps.paths, group)) throw new WazuhResourceNotFound(1710);
    // Agents outside the group would only fail with 1734, which is hidden here: ask for the members.
    const members = await core.groupMemberIds(fc.deps, group, call(fc));
    ids = members.filter((id) => id !== core.MANAGER_ID && core.scopeAllows(targets.scope, id));
  }
  const outcome = await core.removeAgentsFromGroup(fc.deps, group, ids, call(fc));
  return resultOf(removeFromGroupMessages(group), outcome, targets, AGENT, [1701, 1703, 1734]);
}

// ---------------------------------------------------------------------------------------------------------------
// Upgrades

export interface UpgradeArgs extends core.UpgradeOptions {
  agentsList?: readonly string[];
  filters: AgentFilters;
  q?: string;
}

/** `PUT /agents/upgrade`, `PUT /agents/upgrade_custom`. */
export async function upgradeAgents(fc: FrameworkCall, args: UpgradeArgs): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'agent:upgrade', AGENT, args.agentsList);
  const { agentsList: _list, filters, q, ...options } = args;
  const outcome = await core.upgradeAgents(fc.deps, { ids: targets.ids, scope: targets.scope, filters, q }, options, call(fc));
  return resultOf(AGENT_MESSAGES.upgrade, outcome, targets, AGENT, [1701, 1703, 1707, 1731, 1819, 1820, 1821, 1822]);
}

/** `GET /agents/upgrade_result`. */
export async function getUpgradeResult(
  fc: FrameworkCall,
  args: { agentsList?: readonly string[]; filters: AgentFilters; q?: string },
): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'agent:upgrade', AGENT, args.agentsList);
  const outcome = await core.upgradeResults(fc.deps, { ids: targets.ids, scope: targets.scope, filters: args.filters, q: args.q }, call(fc));
  return resultOf(AGENT_MESSAGES.upgradeResult, outcome, targets, AGENT, [1701, 1703, 1707, 1731, 1813]);
}

/** `GET /agents/uninstall`. */
export function checkUninstallPermission(fc: FrameworkCall): WazuhResult {
  requireAllowed(fc.rbac, 'agent:uninstall');
  return new WazuhResult({ message: 'User has permission to uninstall agents' });
}

// ---------------------------------------------------------------------------------------------------------------
// Asking the agent

/** `GET /agents/{agent_id}/config/{component}/{configuration}`. */
export async function getAgentConfig(
  fc: FrameworkCall,
  agentId: string,
  component: string,
  configuration: string,
): Promise<WazuhResult> {
  await exposeIds(fc.rbac, 'agent:read', AGENT, [agentId]);
  return new WazuhResult({ data: await core.agentConfiguration(fc.deps, agentId, component, configuration, call(fc)) });
}

/** `GET /agents/{agent_id}/stats/{component}`. */
export async function getComponentStats(fc: FrameworkCall, agentId: string, component: string): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'agent:read', AGENT, [agentId]);
  const outcome = await core.agentComponentStats(fc.deps, agentId, component, call(fc));
  return resultOf(AGENT_MESSAGES.componentStats, outcome, targets, AGENT);
}

/** `GET /agents/{agent_id}/daemons/stats`. */
export async function getDaemonStats(
  fc: FrameworkCall,
  agentId: string,
  daemons?: readonly string[],
): Promise<AffectedItemsResult> {
  const targets = await targetsOf(fc.rbac, 'agent:read', AGENT, [agentId]);
  const outcome = await core.agentDaemonStats(fc.deps, agentId, daemons, call(fc));
  return resultOf(AGENT_MESSAGES.daemonStats, outcome, targets, AGENT, [1701, 1703, 1707]);
}

/** The members of a group, for RBAC policies written on `agent:group:<g>`. */
export function groupMembersResolver(deps: AgentDeps): (group: string) => Promise<string[]> {
  return (group) => core.groupMemberIds(deps, group);
}
