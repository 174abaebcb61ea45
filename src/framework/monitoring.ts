/**
 * What the monitoring framework modules (syscheck, rootcheck, active response, events, tasks, MITRE) share: the
 * per-request call (permissions, daemon clients, abort signal) and the shaping of per-agent actions and lists.
 */
import type { AuthInfo } from '../api/context';
import { systemAgentIds } from '../core/agents/lookup';
import { outcomeToResult, type ItemOutcome, type ListResult, type MonitoringDeps } from '../core/monitoring';
import { AffectedItemsResult, type ResultMessages } from '../core/results';
import {
  exposeIds,
  exposeResources,
  rbacScope,
  reportDenied,
  requireAllowed,
  type PermissionSource,
  type RbacScope,
} from './rbac-filter';
import { padAgentId } from '../core/agents/model';

/** Everything a monitoring framework function needs for one request. */
export interface MonitoringCall {
  scope: RbacScope;
  deps: MonitoringDeps;
  signal?: AbortSignal;
}

/** Builds the call of one request: the caller's permissions, with `agent:group` entries resolved by wazuh-db. */
export function monitoringCall(
  security: PermissionSource,
  auth: AuthInfo,
  deps: MonitoringDeps,
  signal?: AbortSignal,
): MonitoringCall {
  const groupMembers = async (group: string) => {
    const [members, system] = await Promise.all([
      deps.wdb.getGroupAgents(group, { signal }),
      systemAgentIds(deps.paths.clientKeys),
    ]);
    return members.map(padAgentId).filter((id) => system.has(id));
  };
  return { scope: rbacScope(security, auth, groupMembers), deps, signal };
}

/** Every agent the manager knows, for actions over "all agents" (`agent:id:*`). */
export async function allAgentIds(call: MonitoringCall): Promise<string[]> {
  return [...(await systemAgentIds(call.deps.paths.clientKeys))];
}

/**
 * An action over agents named by `agents_list` (or all of them): RBAC first, the action on the allowed ones, then
 * the refused ones as 4000 failed items. When no ids were named, the failures in `hideWhenAll` are left out, as
 * Wazuh leaves out "agent does not exist" and "not active" for whole-fleet actions.
 */
export async function actOnAgents(
  call: MonitoringCall,
  action: string,
  agentsList: readonly string[] | undefined,
  messages: ResultMessages,
  hideWhenAll: readonly number[],
  run: (agentIds: string[]) => Promise<ItemOutcome<string>>,
): Promise<AffectedItemsResult<string>> {
  const exposed = await exposeResources(call.scope, action, 'agent:id', agentsList, () => allAgentIds(call));
  const outcome = await run(exposed.allowed);
  const result = outcomeToResult(messages, outcome, { hide: exposed.explicit ? [] : hideWhenAll });
  reportDenied(result, 'agent:id', exposed.denied);
  return result;
}

/** One agent from the path: 403 unless the caller may act on it. */
export async function requireAgent(call: MonitoringCall, action: string, agentId: string): Promise<void> {
  await exposeIds(call.scope, action, 'agent:id', [agentId]);
}

export function listResult(messages: ResultMessages, list: ListResult): AffectedItemsResult {
  return new AffectedItemsResult(messages).addPage(list);
}

/** A resourceless read (`*:*:*`): 403 unless allowed. */
export function requireResourceless(call: MonitoringCall, action: string): void {
  requireAllowed(call.scope, action);
}

/** The agent databases and lookups of the install. */
export function monitoringStore(deps: MonitoringDeps) {
  return { wdb: deps.wdb, agentDb: (id: string) => deps.paths.agentDb(id) };
}
