/**
 * Which of the agents an action names it can act on: the monitoring operations count the agents of
 * `etc/client.keys` (plus the manager) as the agents in the system, and report any other id as 1701.
 */
import { agentState, agentStates, idScope, systemAgentIds, type AgentState } from '../agents/lookup';
import type { WazuhDbPort } from '../agents/ports';
import { WazuhResourceNotFound } from '../errors';
import type { QueryNode } from '../query';
import { emptyOutcome, type ItemOutcome } from './outcome';
import type { WdbCallOptions } from './wdb';

export interface Targets {
  /** The action's outcome so far: a 1701 failure for each requested id that is not in the system. */
  outcome: ItemOutcome<string>;
  /** Every agent in the system. */
  system: ReadonlySet<string>;
  /** The requested ids that are in the system, without repeats, in request order. */
  known: string[];
}

/** Splits `agentIds` into known agents and 1701 failures. Nothing is read when no id is requested. */
export async function targetAgents(clientKeys: string, agentIds: readonly string[]): Promise<Targets> {
  const outcome = emptyOutcome<string>();
  if (agentIds.length === 0) return { outcome, system: new Set(), known: [] };
  const system = await systemAgentIds(clientKeys);
  const known: string[] = [];
  for (const id of new Set(agentIds)) {
    if (system.has(id)) known.push(id);
    else outcome.failed.push({ id, error: new WazuhResourceNotFound(1701) });
  }
  return { outcome, system, known };
}

/** Status and version of the known targets that match `where` and are in `global.db`, ordered by id. */
export async function targetStates(
  wdb: WazuhDbPort,
  targets: Pick<Targets, 'system' | 'known'>,
  where?: QueryNode,
  options: WdbCallOptions = {},
): Promise<AgentState[]> {
  if (targets.known.length === 0) return [];
  const wanted = new Set(targets.known);
  // An `except` scope may also match agents of global.db that were not asked for.
  const states = await agentStates(wdb, idScope(targets.system, targets.known), where, options);
  return states.filter((agent) => wanted.has(agent.id));
}

/** The agent's state in `global.db`; 1701 when it has no such agent. */
export async function requireAgentState(
  wdb: WazuhDbPort,
  agentId: string,
  options: WdbCallOptions = {},
): Promise<AgentState> {
  const state = await agentState(wdb, agentId, options);
  if (!state) throw new WazuhResourceNotFound(1701);
  return state;
}
