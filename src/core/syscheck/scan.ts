/**
 * Starting an integrity or rootcheck scan on agents (`PUT /syscheck`, `PUT /rootcheck`). Both send the same control
 * message: agents run syscheck and rootcheck together, so "restart syscheck" restarts both scans.
 *
 * Per agent, in Wazuh's order: unknown id -> 1701; known but not active -> 1707; otherwise one `N!S` datagram to
 * remoted's active-response queue (`(msg_to_agent) [] N!S 001 syscheck restart`).
 */
import { WazuhError } from '../errors';
import { agentStates, idScope } from '../agents/lookup';
import type { WazuhDbPort } from '../agents/ports';
import { cond } from '../query';
import {
  agentQueueMessage,
  byAgentId,
  emptyOutcome,
  knownAgents,
  sendToAgents,
  type ArQueue,
  type ItemOutcome,
  type WdbCallOptions,
} from '../monitoring';

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
  const outcome = emptyOutcome<string>();
  if (agentIds.length === 0) return outcome;
  const { system, known } = await knownAgents(deps.clientKeys, agentIds, outcome);

  const inactive = new Set<string>();
  if (known.length > 0) {
    const wanted = new Set(known);
    const notActive = cond('status', '!=', 'active');
    for (const agent of await agentStates(deps.wdb, idScope(system, known), notActive, options)) {
      // An `except` scope may also match agents of global.db that were not asked for.
      if (!wanted.has(agent.id)) continue;
      inactive.add(agent.id);
      outcome.failed.push({ id: agent.id, error: new WazuhError(1707) });
    }
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
