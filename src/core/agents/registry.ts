/**
 * Registering and removing agents, and reading their keys. Registration and removal go through authd, which keeps
 * `etc/client.keys` and global.db in step (protocol.md §4); the API never writes agents into the database itself.
 */
import { WazuhError, WazuhResourceNotFound } from '../errors';
import { daemonState } from './daemon-state';
import { isValidAgentIp } from './ip';
import { agentsById, listAgents } from './list';
import { MANAGER_ID, padAgentId, type AgentFilters } from './model';
import { emptyOutcome, sortIds, type Outcome } from './outcome';
import type { AgentDeps, AuthdForce, CallOpts } from './ports';
import type { Scope } from './scope';
import type { QueryParams } from '../query';
import { pythonStr } from '../pyrepr';

/** Longest agent name authd accepts through the API. */
export const AGENT_NAME_MAX = 128;

export interface ForceOptions {
  enabled?: boolean;
  disconnected_time?: { enabled?: boolean; value?: string | number };
  after_registration_time?: string | number;
}

export interface NewAgent {
  name: string;
  /** `any` when absent. */
  ip?: string;
  /** Only for inserts: the id (padded to three digits) and key (64 characters or more) to register with. */
  id?: string;
  key?: string;
  force?: ForceOptions;
  /** Whether replacing an agent with the same name or IP is allowed when `force.enabled` is not given. */
  forceByDefault: boolean;
}

/** The `force` object authd receives: the body's values over the defaults, plus `key_mismatch` (always true). */
export function authdForce(force: ForceOptions | undefined, enabledByDefault: boolean): AuthdForce {
  const given = force ?? {};
  return {
    enabled: given.enabled ?? (force ? true : enabledByDefault),
    disconnected_time: {
      enabled: given.disconnected_time?.enabled ?? true,
      value: given.disconnected_time?.value ?? '1h',
    },
    after_registration_time: given.after_registration_time ?? '1h',
    key_mismatch: true,
  };
}

function requireAuthd(deps: AgentDeps): void {
  if (daemonState(deps.paths, 'wazuh-authd') !== 'running') throw new WazuhError(1726);
}

/** The key an agent is enrolled with: base64 of `<id> <name> <registration IP> <internal key>`. */
export function agentKey(id: string, name: string, registerIp: unknown, internalKey: unknown): string {
  const ip = registerIp === undefined || registerIp === null ? 'None' : String(registerIp);
  const key = internalKey === undefined || internalKey === null ? 'None' : String(internalKey);
  return Buffer.from(`${id} ${name} ${ip} ${key}`, 'utf8').toString('base64');
}

export async function addAgent(deps: AgentDeps, agent: NewAgent, call: CallOpts = {}): Promise<{ id: string; key: string }> {
  if ([...agent.name].length > AGENT_NAME_MAX) throw new WazuhError(1738);
  const givenIp = agent.ip ?? 'any';
  const ip = givenIp.toLowerCase();
  if (!isValidAgentIp(ip)) throw new WazuhError(1706, { extra: ip });
  requireAuthd(deps);
  const id = agent.id === undefined ? undefined : padAgentId(agent.id);
  if (agent.key !== undefined && agent.key.length < 64) throw new WazuhError(1709);

  const args: Parameters<AgentDeps['authd']['add']>[0] = {
    name: agent.name,
    ip,
    force: authdForce(agent.force, agent.forceByDefault),
  };
  if (id) args.id = id;
  if (agent.key) args.key = agent.key;
  let added: { id: string; key: string };
  try {
    added = await deps.authd.add(args, call);
  } catch (error) {
    // authd's duplicate answers arrive as bare codes; Wazuh names the clashing value.
    if (error instanceof WazuhError && [1705, 1706, 1708].includes(error.code) && !error.extraMessage) {
      const extra = error.code === 1705 ? agent.name : error.code === 1706 ? ip : (id ?? '');
      throw new WazuhError(error.code, { extra });
    }
    throw error;
  }
  const newId = padAgentId(added.id);
  return { id: newId, key: agentKey(newId, agent.name, givenIp, added.key) };
}

/** `GET /agents/{id}/key`: keys of the listed agents (the manager has none). */
export async function agentKeys(deps: AgentDeps, ids: readonly string[], call: CallOpts = {}) {
  const outcome = emptyOutcome<{ id: string; key: string }>();
  const rows = await agentsById(deps.wdb, ids, ['id', 'name', 'registerIP'], call, ['internal_key']);
  for (const id of new Set(ids)) {
    const row = rows.get(id);
    if (!row) outcome.failed.push([id, new WazuhResourceNotFound(1701)]);
    else if (id === MANAGER_ID) outcome.failed.push([id, new WazuhError(1703)]);
    else outcome.affected.push({ id, key: agentKey(id, String(row.name), row.registerIP, row.internal_key) });
  }
  outcome.affected.sort((a, b) => a.id.localeCompare(b.id));
  return outcome;
}

export interface DeleteRequest {
  /** The ids named by the caller (after RBAC); undefined means every agent in `scope`. */
  ids?: readonly string[];
  scope: Scope;
  purge: boolean;
  /** Filters in the order Wazuh lists them in the 1731 message; `older_than` defaults to `7d` upstream. */
  filters: AgentFilters;
  q?: string;
}

/** Text of the 1731 failure: which filters an agent did not meet. */
function requirementsText(filters: AgentFilters, q: string | undefined): string {
  const parts = Object.entries(filters)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${key}: ${pythonStr(value)}`);
  return `some of the requirements are not met -> ${parts.join(', ')}${q ? `, q: ${q}` : ''}`;
}

/**
 * `DELETE /agents`: removes, through authd, the agents that match the filters. Named agents that do not exist,
 * the manager, and named agents that miss a filter become failures (1701, 1703, 1731).
 */
export async function deleteAgents(deps: AgentDeps, request: DeleteRequest, call: CallOpts = {}): Promise<Outcome> {
  const outcome = emptyOutcome();
  const explicit = request.ids ? [...new Set(request.ids)] : undefined;
  const params: QueryParams = { select: ['id'], limit: null, q: request.q };
  const scope: Scope = explicit ? { kind: 'only', values: new Set(explicit) } : request.scope;
  const eligible = await listAgents(deps.wdb, { params, filters: request.filters, scope }, call);
  const eligibleIds = new Set(eligible.items.map((item) => String(item.id)));

  let targets: string[];
  if (explicit) {
    const existing = new Set((await agentsById(deps.wdb, explicit, ['id'], call)).keys());
    targets = [];
    for (const id of explicit) {
      if (id === MANAGER_ID) outcome.failed.push([id, new WazuhError(1703)]);
      else if (!existing.has(id)) outcome.failed.push([id, new WazuhResourceNotFound(1701)]);
      else if (!eligibleIds.has(id)) {
        outcome.failed.push([id, new WazuhError(1731, { extra: requirementsText(request.filters, request.q) })]);
      } else targets.push(id);
    }
  } else {
    targets = [...eligibleIds].filter((id) => id !== MANAGER_ID);
  }
  if (targets.length === 0) return outcome;
  requireAuthd(deps);
  for (const id of sortIds(targets)) {
    if (call.signal?.aborted) throw call.signal.reason;
    try {
      await deps.authd.remove(id, request.purge, call);
      outcome.affected.push(id);
    } catch (error) {
      if (error instanceof WazuhError && error.code !== 1726) outcome.failed.push([id, error]);
      else throw error;
    }
  }
  return outcome;
}
