/**
 * Agent listings: the list itself, the views derived from it (group members, agents without group, outdated
 * agents), the summaries and the distinct values. Filters, RBAC scopes and paging all go into the SQL sent to
 * wazuh-db; counting and grouping happen in SQLite.
 */
import { and, cond } from '../query';
import type { ApiItem, QueryNode, QueryParams } from '../query';
import { AGENT_MODEL, padAgentId, unifyVersionFilter, type AgentFilters } from './model';
import type { CallOpts, WazuhDbPort } from './ports';
import { agentRestriction, type Scope } from './scope';
import { openQuery, runQuery, wdbRows, type ListResult, type PagedList } from './wdb-sql';

export interface AgentListRequest {
  params?: QueryParams;
  filters?: AgentFilters;
  /** The agents RBAC lets the caller see. */
  scope: Scope;
  /** Conditions added by the endpoint itself (group membership, manager excluded...). */
  where?: QueryNode;
}

/** The manager row is left out of summaries and of the agent-only views. */
export const NOT_MANAGER = cond('id', '!=', 0);

function filterParams(filters: AgentFilters | undefined): QueryParams['filters'] {
  if (!filters) return undefined;
  const out: NonNullable<QueryParams['filters']> = {};
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue;
    if (name === 'version') {
      out.version = Array.isArray(value)
        ? (value as string[]).map(unifyVersionFilter)
        : unifyVersionFilter(String(value));
    } else {
      out[name] = value as string | string[];
    }
  }
  return out;
}

function joinWhere(...nodes: (QueryNode | undefined)[]): QueryNode | undefined {
  const present = nodes.filter((node): node is QueryNode => node !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : and(...present);
}

export async function listAgents(wdb: WazuhDbPort, request: AgentListRequest, call: CallOpts = {}): Promise<ListResult> {
  const params: QueryParams = { ...request.params, filters: filterParams(request.filters) };
  return runQuery(
    wdb,
    AGENT_MODEL,
    params,
    { restrict: agentRestriction(request.scope), where: request.where, distinctSingleField: false },
    { call },
  );
}

/** `listAgents` read on demand: the count now, the agents page by page as they are consumed. */
export function openAgentList(wdb: WazuhDbPort, request: AgentListRequest, call: CallOpts = {}): Promise<PagedList> {
  const params: QueryParams = { ...request.params, filters: filterParams(request.filters) };
  return openQuery(
    wdb,
    AGENT_MODEL,
    params,
    { restrict: agentRestriction(request.scope), where: request.where, distinctSingleField: false },
    { call },
  );
}

/** The request narrowed to the agents of a group. */
export function inGroup(group: string, request: AgentListRequest): AgentListRequest {
  return { ...request, where: joinWhere(cond('group', '=', group), request.where) };
}

/** The request narrowed to the agents other than the manager that belong to no group. */
export function withoutGroup(request: AgentListRequest): AgentListRequest {
  return { ...request, where: joinWhere(NOT_MANAGER, cond('group', '=', null), request.where) };
}

/** The request narrowed to the agents whose version differs from the manager's. */
export async function outdatedOnly(wdb: WazuhDbPort, request: AgentListRequest, call: CallOpts = {}): Promise<AgentListRequest> {
  const version = await managerVersion(wdb, call);
  return { ...request, where: joinWhere(cond('version', '!=', version ?? null), request.where) };
}

/** Agents of a group (`GET /groups/{group_id}/agents`, restart by group). */
export function listGroupAgents(
  wdb: WazuhDbPort,
  group: string,
  request: AgentListRequest,
  call: CallOpts = {},
): Promise<ListResult> {
  return listAgents(wdb, inGroup(group, request), call);
}

/** Agents other than the manager that belong to no group. */
export function listAgentsWithoutGroup(wdb: WazuhDbPort, request: AgentListRequest, call: CallOpts = {}) {
  return listAgents(wdb, withoutGroup(request), call);
}

/** The manager's own version, e.g. `Wazuh v4.14.4` (undefined when the manager row has none). */
export async function managerVersion(wdb: WazuhDbPort, call: CallOpts = {}): Promise<string | undefined> {
  const rows = await wdbRows(wdb, 'global', 'SELECT version FROM agent WHERE id = 0', [], call);
  const version = rows[0]?.version;
  return typeof version === 'string' ? version : undefined;
}

/** Agents whose version differs from the manager's. */
export async function listOutdatedAgents(wdb: WazuhDbPort, request: AgentListRequest, call: CallOpts = {}) {
  return listAgents(wdb, await outdatedOnly(wdb, request, call), call);
}

/**
 * `GET /agents/summary/status`: counts by connection state and by group configuration sync state, from one
 * `GROUP BY` over both columns (an index holds the pair, so a million agents are one index pass, not two).
 */
export async function summarizeStatus(wdb: WazuhDbPort, scope: Scope, call: CallOpts = {}) {
  const connection: Record<string, number> = { active: 0, disconnected: 0, never_connected: 0, pending: 0, total: 0 };
  const configuration: Record<string, number> = { synced: 0, not_synced: 0, total: 0 };
  const pairs = await runQuery(
    wdb,
    AGENT_MODEL,
    { limit: null },
    { restrict: agentRestriction(scope), where: NOT_MANAGER, groupBy: ['status', 'group_config_status'] },
    { noCount: true, call },
  );
  let total = 0;
  for (const row of pairs.items) {
    const count = Number(row.count);
    const status = String(row.status);
    const sync = row.group_config_status === 'not synced' ? 'not_synced' : String(row.group_config_status);
    connection[status] = (connection[status] ?? 0) + count;
    configuration[sync] = (configuration[sync] ?? 0) + count;
    total += count;
  }
  connection.total = total;
  configuration.total = total;
  return { connection, configuration };
}

/** `GET /agents/summary/os`: the distinct OS platforms of the agents (manager excluded). */
export async function summarizeOs(wdb: WazuhDbPort, scope: Scope, call: CallOpts = {}): Promise<string[]> {
  const result = await runQuery(
    wdb,
    AGENT_MODEL,
    { select: ['os.platform'], distinct: true, limit: null, sort: '+os.platform' },
    { restrict: agentRestriction(scope), where: NOT_MANAGER },
    { noCount: true, call },
  );
  return result.items.map((item) => (item.os as { platform: string }).platform);
}

/**
 * The agents (manager excluded) per combination of values of `fields`, ordered by the first field, without the
 * number of combinations (the overview needs the groups only).
 */
export async function countAgentsBy(
  wdb: WazuhDbPort,
  fields: readonly string[],
  scope: Scope,
  call: CallOpts = {},
): Promise<ApiItem[]> {
  const options = { restrict: agentRestriction(scope), where: NOT_MANAGER, groupBy: fields };
  return (await runQuery(wdb, AGENT_MODEL, { limit: null }, options, { noCount: true, call })).items;
}

/** The agent (not the manager) registered last, with every field; none when the scope has no agents. */
export async function lastRegisteredAgent(wdb: WazuhDbPort, scope: Scope, call: CallOpts = {}): Promise<ApiItem[]> {
  const options = { restrict: agentRestriction(scope), where: NOT_MANAGER };
  return (await runQuery(wdb, AGENT_MODEL, { limit: 1, sort: '-dateAdd' }, options, { noCount: true, call })).items;
}

/**
 * `GET /agents/stats/distinct`: each combination of values of `fields` with the number of agents having it.
 * Sorting applies to the grouped fields and `count`.
 */
export function distinctAgentValues(
  wdb: WazuhDbPort,
  fields: readonly string[],
  params: QueryParams,
  scope: Scope,
  where?: QueryNode,
  call: CallOpts = {},
): Promise<ListResult> {
  return runQuery(wdb, AGENT_MODEL, params, { restrict: agentRestriction(scope), groupBy: fields, where }, { call });
}

const ID_CHUNK = 2000;

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/**
 * Rows (API items with the given fields, `id` always included) of the listed agents that exist, keyed by padded id.
 * The ids go to wazuh-db in chunks that keep each statement well under its request limit.
 */
export async function agentsById(
  wdb: WazuhDbPort,
  ids: readonly string[],
  select: readonly string[] = ['id'],
  call: CallOpts = {},
  internal: readonly string[] = [],
): Promise<Map<string, ApiItem>> {
  const out = new Map<string, ApiItem>();
  const numeric = [...new Set(ids.filter((id) => /^\d+$/.test(id)).map(Number))];
  for (const part of chunks(numeric, ID_CHUNK)) {
    const result = await runQuery(
      wdb,
      AGENT_MODEL,
      { select: [...select], limit: null },
      { restrict: [{ field: 'id', values: part }], internalSelect: internal },
      { noCount: true, call },
    );
    for (const item of result.items) out.set(String(item.id), item);
  }
  return out;
}

/** Which of the listed ids are registered agents (the manager `000` included). */
export async function existingAgentIds(wdb: WazuhDbPort, ids: readonly string[], call: CallOpts = {}): Promise<Set<string>> {
  return new Set((await agentsById(wdb, ids, ['id'], call)).keys());
}

/** Every registered agent id, manager included (used where Wazuh needs the whole set). */
export async function allAgentIds(wdb: WazuhDbPort, call: CallOpts = {}): Promise<string[]> {
  const result = await runQuery(wdb, AGENT_MODEL, { select: ['id'], limit: null }, {}, { noCount: true, call });
  return result.items.map((item) => padAgentId(item.id as string));
}
