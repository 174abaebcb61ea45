/** Rootcheck operations: RBAC on the agents (`rootcheck:run|read|clear` on `agent:id`), core, result envelope. */
import { AffectedItemsResult } from '../core/results';
import {
  clearRootcheck,
  lastRootcheckScan,
  listRootcheck,
  restartRootcheckScans,
  ROOTCHECK_MESSAGES,
  type RootcheckQuery,
} from '../core/rootcheck';
import type { LastScan } from '../core/monitoring';
import { actOnAgents, listResult, monitoringStore, requireAgent, type MonitoringCall } from './monitoring';

/** `PUT /rootcheck`. */
export function runRootcheck(call: MonitoringCall, agentsList?: readonly string[]) {
  return actOnAgents(call, 'rootcheck:run', agentsList, ROOTCHECK_MESSAGES.run, [1701, 1707], (ids) =>
    restartRootcheckScans({ ...call.deps, clientKeys: call.deps.paths.clientKeys }, ids, { signal: call.signal }),
  );
}

/** `GET /rootcheck/{agent_id}`. */
export async function getRootcheck(call: MonitoringCall, agentId: string, query: RootcheckQuery) {
  await requireAgent(call, 'rootcheck:read', agentId);
  const list = await listRootcheck(monitoringStore(call.deps), agentId, query, { signal: call.signal });
  return listResult(ROOTCHECK_MESSAGES.list, list);
}

/** `DELETE /rootcheck/{agent_id}`. */
export function clearRootcheckResults(call: MonitoringCall, agentId: string) {
  return actOnAgents(call, 'rootcheck:clear', [agentId], ROOTCHECK_MESSAGES.clear, [], (ids) =>
    clearRootcheck({ wdb: call.deps.wdb, clientKeys: call.deps.paths.clientKeys }, ids, { signal: call.signal }),
  );
}

/** `GET /rootcheck/{agent_id}/last_scan`. */
export async function getRootcheckLastScan(call: MonitoringCall, agentId: string) {
  await requireAgent(call, 'rootcheck:read', agentId);
  const scan = await lastRootcheckScan(monitoringStore(call.deps), agentId, { signal: call.signal });
  return new AffectedItemsResult<LastScan>(ROOTCHECK_MESSAGES.lastScan).addAffected(scan);
}
