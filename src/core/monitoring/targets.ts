/**
 * Which of the agents an action names it can act on: the monitoring operations count the agents of
 * `etc/client.keys` (plus the manager) as the agents in the system, and report any other id as 1701.
 */
import { WazuhResourceNotFound } from '../errors';
import { agentState, systemAgentIds, type AgentState } from '../agents/lookup';
import type { WazuhDbPort } from '../agents/ports';
import type { ItemOutcome } from './outcome';
import type { WdbCallOptions } from './wdb';

export interface Targets {
  /** Every agent in the system. */
  system: Set<string>;
  /** The requested ids that are in the system, without repeats, in request order. */
  known: string[];
}

/** Splits `agentIds` into known agents and 1701 failures (recorded in `outcome`). */
export async function knownAgents(
  clientKeys: string,
  agentIds: readonly string[],
  outcome: ItemOutcome<string>,
): Promise<Targets> {
  const system = await systemAgentIds(clientKeys);
  const known: string[] = [];
  for (const id of new Set(agentIds)) {
    if (system.has(id)) known.push(id);
    else outcome.failed.push({ id, error: new WazuhResourceNotFound(1701) });
  }
  return { system, known };
}

/** The agent's state in `global.db`; 1701 when it has no such agent. */
export async function requireAgentState(wdb: WazuhDbPort, agentId: string, options: WdbCallOptions = {}): Promise<AgentState> {
  const state = await agentState(wdb, agentId, options);
  if (!state) throw new WazuhResourceNotFound(1701);
  return state;
}
