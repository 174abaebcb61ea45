/**
 * Starting an integrity or rootcheck scan on agents (`PUT /syscheck`, `PUT /rootcheck`). Both send the same control
 * message: agents run syscheck and rootcheck together, so "restart syscheck" restarts both scans.
 *
 * Per agent, in Wazuh's order: unknown id -> 1701; known but not active -> 1707; otherwise one `N!S` datagram to
 * remoted's active-response queue (`(msg_to_agent) [] N!S 001 syscheck restart`).
 */
import { WazuhError, WazuhInternalError, WazuhResourceNotFound } from '../errors';
import { idRestriction, inactiveAgents, systemAgentIds } from './agents';
import { byAgentId, emptyOutcome, type ItemOutcome } from './outcome';
import type { WdbCallOptions, WdbReader } from './wdb';

/** Remoted's datagram queue (`queue/alerts/ar`), as the IPC layer provides it. */
export interface ArQueue {
  readonly path: string;
  /** One datagram per message; one entry per message: undefined when sent, the error otherwise. */
  sendBatch(messages: string[], options?: WdbCallOptions): Promise<Array<WazuhError | undefined>>;
}

export const SYSCHECK_RESTART = 'syscheck restart';

/**
 * A message for one agent on the AR queue. `flag` is three characters: all agents or not (`A`/`N`), the kind of
 * payload (`N` active response, `!` control message), specific agent or not (`S`/`N`).
 */
export function agentQueueMessage(flag: 'NNS' | 'N!S', agentId: string, payload: string): string {
  return `(msg_to_agent) [] ${flag} ${agentId} ${payload}`;
}

/**
 * Sends the messages and sorts the answers out as Wazuh does: a queue that cannot be reached fails the whole request
 * (500, 1010); a message that could not be delivered fails its agent (1014).
 */
export async function sendToAgents(
  queue: ArQueue,
  messages: ReadonlyArray<{ agentId: string; message: string }>,
  outcome: ItemOutcome<string>,
  options: WdbCallOptions = {},
): Promise<void> {
  if (messages.length === 0) return;
  const errors = await queue.sendBatch(
    messages.map((item) => item.message),
    options,
  );
  if (errors.some((error) => error?.code === 1010)) throw new WazuhInternalError(1010, { extra: queue.path });
  messages.forEach(({ agentId }, i) => {
    if (errors[i] === undefined) outcome.affected.push(agentId);
    else outcome.failed.push({ id: agentId, error: queueFailure(queue.path) });
  });
}

export function queueFailure(path: string): WazuhError {
  return new WazuhError(1014, { extra: `: WazuhQueue socket with path ${path}` });
}

export interface ScanDeps {
  wdb: WdbReader;
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
  const requested = [...new Set(agentIds)];
  if (requested.length === 0) return outcome;
  const system = await systemAgentIds(deps.clientKeys);
  const known = requested.filter((id) => system.has(id));
  for (const id of requested) if (!system.has(id)) outcome.failed.push({ id, error: new WazuhResourceNotFound(1701) });

  const inactive = new Set<string>();
  if (known.length > 0) {
    const wanted = new Set(known);
    for (const agent of await inactiveAgents(deps.wdb, idRestriction(system, known), options)) {
      // A NOT IN restriction may also match agents of global.db that were not asked for.
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
