/**
 * Starting an integrity or rootcheck scan on agents (`PUT /syscheck`, `PUT /rootcheck`). Both send the same control
 * message: agents run syscheck and rootcheck together, so "restart syscheck" restarts both scans.
 *
 * Per agent, in Wazuh's order: unknown id -> 1701; known but not active -> 1707; otherwise one `N!S` datagram to
 * remoted's active-response queue (`(msg_to_agent) [] N!S 001 syscheck restart`).
 */
import type { WazuhDbPort } from '../agents/ports';
import { WazuhError } from '../errors';
import {
  agentQueueMessage,
  byAgentId,
  sendToAgents,
  targetAgents,
  targetStates,
  type ArQueue,
  type ItemOutcome,
  type WdbCallOptions,
} from '../monitoring';
import { cond } from '../query';

export const SYSCHECK_RESTART = 'syscheck restart';

export interface ScanDeps {
  wdb: WazuhDbPort;
  ar: ArQueue;
  clientKeys: string;
}

/** Restarts the scans of `agentIds` (already filtered by RBAC). */
export async function restartScans(
  deps: ScanDeps,
  agentIds: readonly string[],
  options: WdbCallOptions = {},
): Promise<ItemOutcome<string>> {
  const targets = await targetAgents(deps.clientKeys, agentIds);
  const { outcome, known } = targets;
  const inactive = new Set<string>();
  for (const agent of await targetStates(deps.wdb, targets, cond('status', '!=', 'active'), options)) {
    inactive.add(agent.id);
    outcome.failed.push({ id: agent.id, error: new WazuhError(1707) });
  }
  const eligible = known.filter((id) => !inactive.has(id)).sort(byAgentId);
  await sendToAgents(
    deps.ar,
    eligible.map((agentId) => ({ agentId, message: agentQueueMessage('N!S', agentId, SYSCHECK_RESTART) })),
    outcome,
    options,
  );
  outcome.affected.sort(byAgentId);
  return outcome;
}
