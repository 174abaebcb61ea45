/**
 * Syscheck operations as the API exposes them: RBAC on the agents (`syscheck:run|read|clear` on `agent:id`), then
 * core, then the result envelope. Also home of what the monitoring framework modules share: the per-request call
 * (permissions, daemon clients, abort signal) and the "per-agent action" result shaping.
 */
import type { AuthInfo } from '../api/context';
import type { ResultMessages } from '../core/results';
import { AffectedItemsResult } from '../core/results';
import {
  clearFimEntries,
  lastFimScan,
  listFimEntries,
  outcomeToResult,
  restartScans,
  SYSCHECK_MESSAGES,
  systemAgentIds,
  type FimQuery,
  type ItemOutcome,
  type LastScan,
  type ListResult,
  type MonitoringDeps,
} from '../core/syscheck';
import type { CompiledPermissions } from '../rbac/enforcer';
import { exposeIds, exposeResources, reportDenied, requireAllowed, type RbacScope } from './rbac-filter';

/** Everything a monitoring framework function needs for one request. */
export interface MonitoringCall {
  scope: RbacScope;
  deps: MonitoringDeps;
  signal?: AbortSignal;
}

export interface PermissionSource {
  permissionsOf(auth: Pick<AuthInfo, 'roleIds' | 'rbacMode'>): CompiledPermissions;
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
    return members.map((id) => String(id).padStart(3, '0')).filter((id) => system.has(id));
  };
  return { scope: { permissions: security.permissionsOf(auth), groupMembers }, deps, signal };
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
  const result = new AffectedItemsResult(messages);
  result.affectedItems = list.items;
  result.totalAffectedItems = list.total;
  return result;
}

/** A resourceless read (`*:*:*`): 403 unless allowed. */
export function requireResourceless(call: MonitoringCall, action: string): void {
  requireAllowed(call.scope, action);
}

/** `PUT /syscheck`. */
export function runSyscheck(call: MonitoringCall, agentsList?: readonly string[]) {
  return actOnAgents(call, 'syscheck:run', agentsList, SYSCHECK_MESSAGES.run, [1701, 1707], (ids) =>
    restartScans({ ...call.deps, clientKeys: call.deps.paths.clientKeys }, ids, { signal: call.signal }),
  );
}

/** `GET /syscheck/{agent_id}`. */
export async function getSyscheckFiles(call: MonitoringCall, agentId: string, query: FimQuery) {
  await requireAgent(call, 'syscheck:read', agentId);
  const list = await listFimEntries(monitoringStore(call.deps), agentId, query, { signal: call.signal });
  return listResult(SYSCHECK_MESSAGES.files, list);
}

/** `DELETE /syscheck/{agent_id}`. */
export function clearSyscheck(call: MonitoringCall, agentId: string) {
  return actOnAgents(call, 'syscheck:clear', [agentId], SYSCHECK_MESSAGES.clear, [1760, 1015], (ids) =>
    clearFimEntries({ ...monitoringStore(call.deps), clientKeys: call.deps.paths.clientKeys }, ids, { signal: call.signal }),
  );
}

/** `GET /syscheck/{agent_id}/last_scan`. */
export async function getSyscheckLastScan(call: MonitoringCall, agentId: string) {
  await requireAgent(call, 'syscheck:read', agentId);
  const scan = await lastFimScan(monitoringStore(call.deps), agentId, { signal: call.signal });
  return new AffectedItemsResult<LastScan>(SYSCHECK_MESSAGES.lastScan).addAffected(scan);
}

export function monitoringStore(deps: MonitoringDeps) {
  return { wdb: deps.wdb, agentDb: (id: string) => deps.paths.agentDb(id) };
}
