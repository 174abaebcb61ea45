/**
 * The few agent facts the monitoring operations check before acting: which agent ids the manager knows
 * (`etc/client.keys`, plus the manager itself), and each agent's connection status and version (`global.db`).
 *
 * Kept small on purpose: listing and shaping agents is the agents module's job; this only answers "does it exist,
 * is it active, how old is it" for scans, clears and active responses.
 */
import { readFile } from 'node:fs/promises';
import { compileQuery, cond, defineQueryModel, type QueryNode, type Restriction } from '../query';
import { readList, type WdbCallOptions, type WdbReader } from './wdb';

export { compareWazuhVersions, parseWazuhVersion } from '../agents/version';

/** A registered agent line of client.keys: id (3+ digits), then a name that is not `!` (a removed agent). */
const CLIENT_KEYS_LINE = /^(\d{3,}) [^!].* .* .*$/gm;

/** Ids of every registered agent plus `000`, as Wazuh's framework counts "agents in the system". */
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
 * The shorter way to say "only these ids" in SQL: `id IN (permitted)` or `id NOT IN (everything else)`, as Wazuh's
 * framework does, so a request over thousands of allowed agents does not send thousands of ids.
 */
export function idRestriction(system: ReadonlySet<string>, permitted: readonly string[]): Restriction {
  const allowed = new Set(permitted);
  const others = [...system].filter((id) => !allowed.has(id));
  return allowed.size <= others.length
    ? { field: 'id', values: [...allowed].map(Number) }
    : { field: 'id', values: others.map(Number), negate: true };
}

const AGENT_FACTS = defineQueryModel({
  name: 'agent facts',
  from: 'agent',
  fields: {
    id: { sql: 'id', type: 'number', format: 'pad3' },
    status: { sql: 'connection_status' },
    version: { sql: 'version' },
  },
  defaultSort: { field: 'id', order: 'asc' },
  key: 'id',
});

export interface AgentFacts {
  /** Zero-padded id (`001`). */
  id: string;
  /** `active`, `disconnected`, `pending`, `never_connected`. */
  status?: string;
  /** `Wazuh v4.7.0`; absent for agents that never connected. */
  version?: string;
}

/** Status and version of the agents matching `restriction` (and `where`, written by code), ordered by id. */
export async function agentFacts(
  wdb: WdbReader,
  restriction: Restriction | undefined,
  where?: QueryNode,
  options: WdbCallOptions = {},
): Promise<AgentFacts[]> {
  const compiled = compileQuery(
    AGENT_FACTS,
    { limit: null },
    { restrict: restriction ? [restriction] : [], where },
  );
  const page = await readList(wdb, 'global', compiled, options);
  return page.rows.map((row) => {
    const facts: AgentFacts = { id: String(row.id).padStart(3, '0') };
    if (typeof row.status === 'string') facts.status = row.status;
    if (typeof row.version === 'string') facts.version = row.version;
    return facts;
  });
}

/** The facts of one agent, or undefined when `global.db` has no such agent. */
export async function oneAgentFacts(
  wdb: WdbReader,
  agentId: string,
  options: WdbCallOptions = {},
): Promise<AgentFacts | undefined> {
  const [facts] = await agentFacts(wdb, { field: 'id', values: [Number(agentId)] }, undefined, options);
  return facts;
}

/** Agents of `restriction` whose status is not `active`. */
export function inactiveAgents(wdb: WdbReader, restriction: Restriction, options: WdbCallOptions = {}) {
  return agentFacts(wdb, restriction, cond('status', '!=', 'active'), options);
}
