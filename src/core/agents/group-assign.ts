/**
 * Assigning agents to groups and taking them out. Each change reads the agent's current groups from wazuh-db's
 * HTTP API and sends one `global set-agent-groups` command, as Wazuh does (protocol-transcripts.md); wazuh-db keeps
 * `belongs`, the agent's `group` column and the sync flag consistent, and puts an agent left without groups back
 * into `default`.
 */
import { WazuhError, WazuhInternalError, WazuhResourceNotFound } from '../errors';
import { DEFAULT_GROUP, groupExists, groupNames } from '../groups/folders';
import { agentsById } from './list';
import { MANAGER_ID, padAgentId } from './model';
import { emptyOutcome, itemFailure, sortIds, type Outcome } from './outcome';
import type { AgentDeps, CallOpts } from './ports';
import { forEachLimited } from '../concurrency';

/** Most groups one agent may belong to. */
export const MAX_GROUPS_PER_AGENT = 128;
/** Agents processed at once by the multi-agent operations. */
const CONCURRENCY = 8;

async function currentGroups(deps: AgentDeps, id: string, call: CallOpts): Promise<string[]> {
  try {
    return await deps.wdbHttp.agentGroups(id, call);
  } catch (error) {
    if (error instanceof WazuhError) throw error;
    throw new WazuhInternalError(2007, { extra: String(error) });
  }
}

export interface AssignRequest {
  group: string;
  ids: readonly string[];
  /** `force_single_group`: the group becomes the agent's only group. */
  replace: boolean;
  /** With `replace`: may the caller take the agent out of this group? (all current groups must pass) */
  mayReplace: (group: string) => boolean;
}

/** `PUT /agents/{id}/group/{group}` and `PUT /agents/group`. */
export async function assignAgentsToGroup(deps: AgentDeps, request: AssignRequest, call: CallOpts = {}): Promise<Outcome> {
  if (!groupExists(deps.paths, request.group)) throw new WazuhResourceNotFound(1710);
  const outcome = emptyOutcome();
  const ids = [...new Set(request.ids)];
  if (ids.includes(MANAGER_ID)) outcome.failed.push([MANAGER_ID, new WazuhError(1703)]);
  const candidates = ids.filter((id) => id !== MANAGER_ID);
  const existing = await agentsById(deps.wdb, candidates, ['id'], call);
  const targets: string[] = [];
  for (const id of candidates) {
    if (existing.has(id)) targets.push(id);
    else outcome.failed.push([id, new WazuhResourceNotFound(1701)]);
  }
  await forEachLimited(
    targets,
    CONCURRENCY,
    async (id) => {
      try {
        const groups = await currentGroups(deps, id, call);
        if (request.replace) {
          if (!groups.every((group) => request.mayReplace(group))) throw new WazuhError(1752);
        } else if (groups.includes(request.group)) {
          throw new WazuhError(1751);
        }
        if (groups.length >= MAX_GROUPS_PER_AGENT) throw new WazuhError(1737);
        await deps.wdb.setAgentGroups(
          { mode: request.replace ? 'override' : 'append', syncStatus: 'syncreq', data: [{ id, groups: [request.group] }] },
          call,
        );
        outcome.affected.push(id);
      } catch (error) {
        outcome.failed.push([id, itemFailure(error)]);
      }
    },
    call.signal,
  );
  sortIds(outcome.affected);
  return outcome;
}

/**
 * Takes one agent out of one group; the agent and group are known to exist. Returns Wazuh's confirmation text.
 * An agent whose only group is this one goes back to `default` (1745 if that group already is `default`).
 */
export async function unsetAgentGroup(deps: AgentDeps, id: string, group: string, call: CallOpts = {}): Promise<string> {
  const groups = new Set(await currentGroups(deps, id, call));
  let reassigned = false;
  if (!groups.has(group)) throw new WazuhError(1734);
  if (groups.size === 1) {
    if (group === DEFAULT_GROUP) throw new WazuhError(1745);
    reassigned = true;
  }
  await deps.wdb.setAgentGroups({ mode: 'remove', syncStatus: 'syncreq', data: [{ id, groups: [group] }] }, call);
  return `Agent '${id}' removed from '${group}'.${reassigned ? ' Agent reassigned to group default.' : ''}`;
}

async function requireAgent(deps: AgentDeps, id: string, call: CallOpts): Promise<void> {
  const existing = await agentsById(deps.wdb, [id], ['id'], call);
  if (!existing.has(id)) throw new WazuhResourceNotFound(1701);
}

/** `DELETE /agents/{id}/group/{group}`. */
export async function removeAgentFromGroup(deps: AgentDeps, id: string, group: string, call: CallOpts = {}): Promise<string> {
  await requireAgent(deps, id, call);
  if (id === MANAGER_ID) throw new WazuhError(1703);
  if (!groupNames(deps.paths).has(group)) throw new WazuhResourceNotFound(1710);
  return unsetAgentGroup(deps, id, group, call);
}

/**
 * `DELETE /agents/{id}/group`: takes the agent out of each listed group. `default` is tried last, so an agent
 * losing all its groups is not moved back into `default` before leaving it.
 */
export async function removeAgentFromGroups(
  deps: AgentDeps,
  id: string,
  groups: readonly string[],
  call: CallOpts = {},
): Promise<Outcome> {
  if (id === MANAGER_ID) throw new WazuhError(1703);
  await requireAgent(deps, id, call);
  const ordered = [...new Set(groups)];
  const at = ordered.indexOf(DEFAULT_GROUP);
  if (at >= 0) ordered.push(...ordered.splice(at, 1));
  const system = groupNames(deps.paths);
  const outcome = emptyOutcome();
  for (const group of ordered) {
    try {
      if (!system.has(group)) throw new WazuhResourceNotFound(1710);
      await unsetAgentGroup(deps, id, group, call);
      outcome.affected.push(group);
    } catch (error) {
      outcome.failed.push([group, itemFailure(error)]);
    }
  }
  outcome.affected.sort();
  return outcome;
}

/** `DELETE /agents/group`: takes each listed agent out of one group. */
export async function removeAgentsFromGroup(
  deps: AgentDeps,
  group: string,
  ids: readonly string[],
  call: CallOpts = {},
): Promise<Outcome> {
  if (!groupNames(deps.paths).has(group)) throw new WazuhResourceNotFound(1710);
  const outcome = emptyOutcome();
  const unique = [...new Set(ids)];
  const existing = await agentsById(
    deps.wdb,
    unique.filter((id) => id !== MANAGER_ID),
    ['id'],
    call,
  );
  const targets: string[] = [];
  for (const id of unique) {
    if (id === MANAGER_ID) outcome.failed.push([id, new WazuhError(1703)]);
    else if (!existing.has(id)) outcome.failed.push([id, new WazuhResourceNotFound(1701)]);
    else targets.push(id);
  }
  await forEachLimited(
    targets,
    CONCURRENCY,
    async (id) => {
      try {
        await unsetAgentGroup(deps, id, group, call);
        outcome.affected.push(id);
      } catch (error) {
        outcome.failed.push([id, itemFailure(error)]);
      }
    },
    call.signal,
  );
  sortIds(outcome.affected);
  return outcome;
}

/** Ids of the agents in a group, from wazuh-db (`get-group-agents`, following `due` replies). */
export async function groupMemberIds(deps: AgentDeps, group: string, call: CallOpts = {}): Promise<string[]> {
  const ids = await deps.wdb.getGroupAgents(group, call);
  return ids.map(padAgentId);
}
