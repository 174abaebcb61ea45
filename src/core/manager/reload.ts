/**
 * `PUT /manager/analysisd/reload`: analysisd reloads its rules and decoders and says how it went (protocol.md §6.2).
 */
import { WazuhError, WazuhInternalError } from '../errors';
import type { WazuhPaths } from '../paths';
import { jsonRequest, type ManagerPorts, type PortCallOptions } from './ports';

export const RELOAD_RULESET_COMMAND = 'reload-ruleset';

export interface ReloadOutcome {
  ok: boolean;
  /** Warnings of a successful reload, or errors of a failed one. */
  notes: string[];
}

function asTexts(data: unknown): string[] {
  if (Array.isArray(data)) return data.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  if (typeof data === 'string' && data.length > 0) return [data];
  return [];
}

export function parseReloadReply(text: string): ReloadOutcome {
  let reply: { error?: unknown; data?: unknown };
  try {
    reply = JSON.parse(text);
  } catch {
    throw new WazuhInternalError(3036);
  }
  if (reply === null || typeof reply !== 'object') throw new WazuhInternalError(3036);
  return { ok: reply.error === 0, notes: asTexts(reply.data) };
}

/** Sends `reload-ruleset` to analysisd and waits for its verdict (it may take a while on big rulesets). */
export async function reloadRuleset(
  paths: Pick<WazuhPaths, 'sockets'>,
  ports: ManagerPorts,
  options: PortCallOptions = {},
): Promise<ReloadOutcome> {
  const text = await ports
    .socket(paths.sockets.analysis, { missing: 1013, refused: 1013, io: 1014, closed: 1014, timeout: 1014 })
    .requestText(jsonRequest(RELOAD_RULESET_COMMAND, undefined, 'api'), options);
  return parseReloadReply(text);
}

/** The affected item's `msg`, or the failure (1914 listing analysisd's errors). */
export function reloadMessage(outcome: ReloadOutcome): string {
  if (!outcome.ok) throw new WazuhError(1914, { extra: outcome.notes.join(', ') });
  return outcome.notes.length > 0 ? outcome.notes.join(', ') : 'Ruleset reload request sent successfully.';
}
