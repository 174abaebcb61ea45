/**
 * Restarting agents and forcing them to reconnect: one datagram per agent on `queue/alerts/ar`, which remoted
 * forwards to the agent (protocol.md §5.3). Only active agents can receive them; the manager never does.
 */
import { WazuhError, WazuhResourceNotFound } from '../errors';
import { pythonJsonDumps } from '../pyjson';
import { agentsById, allAgentIds, listAgents, NOT_MANAGER } from './list';
import { MANAGER_ID, padAgentId } from './model';
import { emptyOutcome, sortIds, type Outcome } from './outcome';
import type { AgentDeps, CallOpts } from './ports';
import type { Scope } from './scope';
import { JSON_AR_VERSION, versionAtLeast } from './version';
import { wdbScalar } from './wdb-sql';

// The framework builds this message once at import time, so its origin is `framework`.
const RESTART_JSON = pythonJsonDumps({
  version: 1,
  origin: { module: 'framework' },
  command: 'restart-wazuh0',
  parameters: { extra_args: [], alert: {} },
});
const RESTART_LEGACY = 'restart-ossec0';
const RESTART_SUFFIX = ' - null (from_the_server) (no_rule_id)';

/**
 * A message for one agent on the AR queue. `flag` is three characters: all agents or not (`A`/`N`), the kind of
 * payload (`N` active response, `!` control message), specific agent or not (`S`/`N`).
 */
export function agentQueueMessage(flag: 'NNS' | 'N!S', agentId: string, payload: string): string {
  return `(msg_to_agent) [] ${flag} ${agentId} ${payload}`;
}

export function restartMessage(id: string, version: string | undefined): string {
  // Agents that report no version are treated as current ones.
  const legacy = version !== undefined && !versionAtLeast(version, JSON_AR_VERSION);
  return agentQueueMessage('NNS', id, `${legacy ? RESTART_LEGACY : RESTART_JSON}${RESTART_SUFFIX}`);
}

export function reconnectMessage(id: string): string {
  return agentQueueMessage('N!S', id, 'force_reconnect');
}

/** Time a batch may spend waiting on a congested queue (the datagram client retries while it is full). */
const QUEUE_BUDGET_MS = 30_000;

/**
 * Sends the datagrams and records each agent as affected or failed. A queue nobody listens on fails the whole
 * request (Wazuh connects before sending anything); a single failed send fails that agent only.
 */
async function deliver(
  deps: AgentDeps,
  messages: Array<[id: string, message: string]>,
  outcome: Outcome,
  call: CallOpts,
): Promise<void> {
  const results = await deps.ar.sendBatch(
    messages.map(([, message]) => message),
    { ...call, timeoutMs: call.timeoutMs ?? QUEUE_BUDGET_MS },
  );
  const unreachable = results.find((error) => error instanceof WazuhError && error.code === 1010);
  if (unreachable) throw unreachable;
  results.forEach((error, i) => {
    const id = messages[i][0];
    if (!error) {
      outcome.affected.push(id);
      return;
    }
    const reason = (error instanceof WazuhError ? error.extraMessage : undefined) ?? error.message;
    outcome.failed.push([
      id,
      new WazuhError(1014, { extra: `: WazuhQueue socket with path ${deps.paths.sockets.activeResponse}. ${reason}` }),
    ]);
  });
}

/** The ids sent to `restartinfo`: the shorter of "these" and "all but these", as Wazuh chooses. */
async function restartInfoFor(deps: AgentDeps, ids: readonly string[], call: CallOpts) {
  const total = await wdbScalar(deps.wdb, 'global', 'SELECT COUNT(*) FROM agent', [], call);
  const numeric = ids.map(Number);
  if (numeric.length < total - numeric.length) return deps.wdbHttp.restartInfo(numeric, false, call);
  const chosen = new Set(ids);
  const others = (await allAgentIds(deps.wdb, call)).filter((id) => !chosen.has(id)).map(Number);
  return deps.wdbHttp.restartInfo(others, true, call);
}

/** The ids for a whole scope: `restartinfo` with the manager (and denied agents) excluded. */
function scopeRestartInfo(deps: AgentDeps, scope: Scope, call: CallOpts) {
  if (scope.kind === 'only') {
    const ids = [...scope.values].filter((id) => id !== MANAGER_ID).map(Number);
    // wazuh-db reads an empty list as "no condition": nothing allowed must not become everything.
    if (ids.length === 0) return Promise.resolve({ items: [] });
    return deps.wdbHttp.restartInfo(ids, false, call);
  }
  const denied = scope.kind === 'except' ? [...scope.values] : [];
  return deps.wdbHttp.restartInfo([...new Set([MANAGER_ID, ...denied])].map(Number), true, call);
}

/**
 * `PUT /agents/restart` and friends. With `ids`, each listed agent is restarted or reported (1703 manager, 1701
 * unknown, 1707 not active); without, every active agent of the scope is restarted.
 */
export async function restartAgents(
  deps: AgentDeps,
  request: { ids?: readonly string[]; scope: Scope },
  call: CallOpts = {},
): Promise<Outcome> {
  const outcome = emptyOutcome();
  const messages: Array<[string, string]> = [];
  if (request.ids) {
    const ids = [...new Set(request.ids)];
    if (ids.includes(MANAGER_ID)) outcome.failed.push([MANAGER_ID, new WazuhError(1703)]);
    const candidates = ids.filter((id) => id !== MANAGER_ID);
    if (candidates.length === 0) return outcome;
    const existing = await agentsById(deps.wdb, candidates, ['id'], call);
    const info = await restartInfoFor(deps, candidates, call);
    const active = new Map(info.items.map((item) => [padAgentId(item.id), item.version]));
    for (const id of candidates) {
      if (!existing.has(id)) outcome.failed.push([id, new WazuhResourceNotFound(1701)]);
      else if (!active.has(id)) outcome.failed.push([id, new WazuhError(1707)]);
      else messages.push([id, restartMessage(id, active.get(id))]);
    }
  } else {
    const info = await scopeRestartInfo(deps, request.scope, call);
    for (const item of info.items) {
      const id = padAgentId(item.id);
      if (id !== MANAGER_ID) messages.push([id, restartMessage(id, item.version)]);
    }
  }
  await deliver(deps, messages, outcome, call);
  sortIds(outcome.affected);
  return outcome;
}

/** `PUT /agents/reconnect`: asks active agents to reconnect (1701 unknown, 1703 manager, 1707 not active). */
export async function reconnectAgents(
  deps: AgentDeps,
  request: { ids?: readonly string[]; scope: Scope },
  call: CallOpts = {},
): Promise<Outcome> {
  const outcome = emptyOutcome();
  const messages: Array<[string, string]> = [];
  if (request.ids) {
    const ids = [...new Set(request.ids)];
    const rows = await agentsById(deps.wdb, ids, ['id', 'status'], call);
    for (const id of ids) {
      const row = rows.get(id);
      if (!row) outcome.failed.push([id, new WazuhResourceNotFound(1701)]);
      else if (id === MANAGER_ID) outcome.failed.push([id, new WazuhError(1703)]);
      else if (String(row.status).toLowerCase() !== 'active') outcome.failed.push([id, new WazuhError(1707)]);
      else messages.push([id, reconnectMessage(id)]);
    }
  } else {
    const active = await listAgents(
      deps.wdb,
      { params: { select: ['id'], limit: null }, filters: { status: 'active' }, scope: request.scope, where: NOT_MANAGER },
      call,
    );
    for (const item of active.items) messages.push([String(item.id), reconnectMessage(String(item.id))]);
  }
  await deliver(deps, messages, outcome, call);
  sortIds(outcome.affected);
  return outcome;
}
