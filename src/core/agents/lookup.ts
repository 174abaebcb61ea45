/**
 * The agent facts operations check before acting on agents: which ids the manager knows, and each agent's
 * connection status and version. Listing and shaping agents is `list.ts`'s job; this answers "does it exist, is it
 * active, how old is it" for scans, clears, active responses and configuration requests.
 */
import { readFile } from 'node:fs/promises';
import type { QueryNode } from '../query';
import { listAgents } from './list';
import type { CallOpts, WazuhDbPort } from './ports';
import { except, only, type Scope } from './scope';

/** A registered agent line of client.keys: id (3+ digits), then a name that is not `!` (a removed agent). */
const CLIENT_KEYS_LINE = /^(\d{3,}) [^!].* .* .*$/gm;

/**
 * Ids of every agent of `etc/client.keys` plus `000`: what Wazuh's framework counts as "agents in the system" for
 * the monitoring operations (protocol.md §10). A missing file means no agents.
 */
export async function systemAgentIds(clientKeysPath: string): Promise<Set<string>> {
  let text = '';
  try {
    text = await readFile(clientKeysPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const ids = new Set<string>(['000']);
  for (const match of text.matchAll(CLIENT_KEYS_LINE)) ids.add(match[1]);
  return ids;
}

/**
 * `ids` as the shorter scope to send: `only(ids)` or `except(every other id of system)`, as Wazuh's framework
 * chooses between `IN` and `NOT IN`, so an action over thousands of agents does not send thousands of ids. An
 * `except` scope also matches agents outside `system`: callers keep the rows of the ids they asked for.
 */
export function idScope(system: ReadonlySet<string>, ids: readonly string[]): Scope {
  const wanted = new Set(ids);
  const others = [...system].filter((id) => !wanted.has(id));
  return wanted.size <= others.length ? only(wanted) : except(others);
}

export interface AgentState {
  /** Zero-padded id (`001`). */
  id: string;
  /** `active`, `disconnected`, `pending`, `never_connected`. */
  status?: string;
  /** `Wazuh v4.7.0`; absent for agents that never connected. */
  version?: string;
}

/** Status and version of the agents of `scope` (and `where`, written by code), ordered by id. */
export async function agentStates(
  wdb: WazuhDbPort,
  scope: Scope,
  where?: QueryNode,
  call: CallOpts = {},
): Promise<AgentState[]> {
  const params = { select: ['id', 'status', 'version'], limit: null };
  const list = await listAgents(wdb, { params, scope, where }, call);
  return list.items.map((item) => {
    const state: AgentState = { id: String(item.id) };
    if (typeof item.status === 'string') state.status = item.status;
    if (typeof item.version === 'string') state.version = item.version;
    return state;
  });
}

/** The state of one agent, or undefined when `global.db` has no such agent. */
export async function agentState(
  wdb: WazuhDbPort,
  agentId: string,
  call: CallOpts = {},
): Promise<AgentState | undefined> {
  const [state] = await agentStates(wdb, only([agentId]), undefined, call);
  return state;
}
