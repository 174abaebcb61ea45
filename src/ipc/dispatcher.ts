/**
 * The JSON command dispatcher wazuh-db, remoted, analysisd, authd and the modules answer on their sockets
 * (protocol.md §2.7, §5.2): requests `{"version": 1, "origin": {"module": ...}, "command": ..., "parameters": ...}`,
 * replies `{"error": N, "message": ..., "data": ...}`.
 */
import { WazuhInternalError } from '../core/errors';

/** Reply of the JSON command dispatcher. */
export interface DaemonJsonReply<T = unknown> {
  error: number;
  message: string;
  data?: T;
}

/** A dispatcher request; `module` is `API` for most requests, `api` where Wazuh's framework writes it that way. */
export function jsonRequest(command: string, parameters?: Record<string, unknown>, module = 'API'): string {
  const request: Record<string, unknown> = { version: 1, origin: { module }, command };
  if (parameters !== undefined) request.parameters = parameters;
  return JSON.stringify(request);
}

export function parseJsonReply<T>(text: string): DaemonJsonReply<T> {
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch (error) {
    throw new WazuhInternalError(2006, { extra: (error as Error).message });
  }
  if (typeof reply !== 'object' || reply === null || typeof (reply as DaemonJsonReply).error !== 'number') {
    throw new WazuhInternalError(2006, { extra: 'reply has no numeric "error" field' });
  }
  return reply as DaemonJsonReply<T>;
}
