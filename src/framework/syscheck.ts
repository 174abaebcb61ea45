/** Syscheck operations: RBAC on the agents (`syscheck:run|read|clear` on `agent:id`), core, result envelope. */
import { AffectedItemsResult } from '../core/results';
import type { LastScan } from '../core/monitoring';
import {
  clearFimEntries,
  lastFimScan,
  listFimEntries,
  restartScans,
  SYSCHECK_MESSAGES,
  type FimQuery,
} from '../core/syscheck';
import { actOnAgents, listResult, monitoringStore, requireAgent, type MonitoringCall } from './monitoring';

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
