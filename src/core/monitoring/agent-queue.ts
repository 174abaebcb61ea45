/**
 * Messages to agents through remoted's active-response queue (`queue/alerts/ar`, protocol.md §5.3): scan restarts
 * and active responses are one `(msg_to_agent)` datagram per agent.
 */
import { WazuhError, WazuhInternalError } from '../errors';

export { agentQueueMessage } from '../agents/commands';
import type { ItemOutcome } from './outcome';
import type { WdbCallOptions } from './wdb';

/** Remoted's datagram queue (`queue/alerts/ar`), as the IPC layer provides it. */
export interface ArQueue {
  readonly path: string;
  /** One datagram per message; one entry per message: undefined when sent, the error otherwise. */
  sendBatch(messages: string[], options?: WdbCallOptions): Promise<Array<WazuhError | undefined>>;
}

export function queueFailure(path: string): WazuhError {
  return new WazuhError(1014, { extra: `: WazuhQueue socket with path ${path}` });
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
