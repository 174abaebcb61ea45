/**
 * The JSON command dispatcher remoted and analysisd share (protocol.md §2.7, §5.2): a request
 * `{"version":1,"origin":{...},"command":...,"parameters":{...}}`, a compact reply `{"error":N,"message":...,"data":...}`
 * with the daemons' fixed error codes and texts.
 */
import type { ManagerConf } from './conf';
import { readManagerConf } from './conf';
import type { SectionBuilder } from './sections';
import type { WazuhPaths } from '../../core/paths';

export const DISPATCH_ERRORS = {
  ok: [0, 'ok'],
  due: [1, 'due'],
  invalidInput: [2, 'Invalid JSON input'],
  emptyCommand: [3, 'Empty command'],
  unrecognizedCommand: [4, 'Unrecognized command'],
  emptyParameters: [5, 'Empty parameters'],
  emptySection: [6, 'Empty section'],
  unrecognizedSection: [7, 'Unrecognized or not configured section'],
  invalidAgents: [8, 'Invalid agents parameter'],
  emptyAgents: [9, 'Error getting agents from DB'],
  emptyLastId: [10, 'Empty last id'],
  tooManyAgents: [11, 'Too many agents'],
} as const satisfies Record<string, readonly [number, string]>;

export type DispatchError = keyof typeof DISPATCH_ERRORS;

export function dispatchReply(kind: DispatchError, data: unknown = {}): string {
  const [error, message] = DISPATCH_ERRORS[kind];
  return JSON.stringify({ error, message, data });
}

export interface JsonRequest {
  command: string;
  parameters?: Record<string, unknown>;
}

/** Parses a request; returns the error reply text when it cannot be used. */
export function parseJsonRequest(text: string): JsonRequest | string {
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch {
    return dispatchReply('invalidInput');
  }
  if (typeof request !== 'object' || request === null) return dispatchReply('invalidInput');
  const { command, parameters } = request as { command?: unknown; parameters?: unknown };
  if (typeof command !== 'string' || command === '') return dispatchReply('emptyCommand');
  return {
    command,
    parameters: typeof parameters === 'object' && parameters !== null && !Array.isArray(parameters)
      ? (parameters as Record<string, unknown>)
      : undefined,
  };
}

/** `getconfig` with `parameters.section`, answered from the daemon's section builders. */
export function dispatchGetconfig(
  request: JsonRequest,
  sections: Record<string, SectionBuilder>,
  paths: Pick<WazuhPaths, 'ossecConf'>,
  read: (paths: Pick<WazuhPaths, 'ossecConf'>) => ManagerConf = readManagerConf,
): string {
  if (!request.parameters) return dispatchReply('emptyParameters');
  const section = request.parameters.section;
  if (typeof section !== 'string' || section === '') return dispatchReply('emptySection');
  const builder = Object.prototype.hasOwnProperty.call(sections, section) ? sections[section] : undefined;
  const data = builder?.(read(paths));
  return data ? dispatchReply('ok', data) : dispatchReply('unrecognizedSection');
}

export type AgentSelection = { kind: 'list'; ids: number[] } | { kind: 'all'; lastId: number } | { kind: 'error'; reply: string };

/**
 * `getagentsstats` parameters: a list of agent ids (at most `maxAgents - 1`), or `"all"` with `last_id` for paging.
 */
export function agentSelection(request: JsonRequest, maxAgents: number): AgentSelection {
  if (!request.parameters) return { kind: 'error', reply: dispatchReply('emptyParameters') };
  const agents = request.parameters.agents;
  if (Array.isArray(agents)) {
    if (agents.length >= maxAgents) return { kind: 'error', reply: dispatchReply('tooManyAgents') };
    const ids = agents.filter((id): id is number => Number.isSafeInteger(id));
    if (ids.length === 0) return { kind: 'error', reply: dispatchReply('emptyAgents') };
    return { kind: 'list', ids };
  }
  if (agents === 'all') {
    const lastId = request.parameters.last_id;
    if (!Number.isSafeInteger(lastId)) return { kind: 'error', reply: dispatchReply('emptyLastId') };
    return { kind: 'all', lastId: lastId as number };
  }
  return { kind: 'error', reply: dispatchReply('invalidAgents') };
}
