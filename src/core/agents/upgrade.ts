/**
 * Agent upgrades: eligible agents are sent in chunks to the upgrade module (`queue/tasks/upgrade`, protocol.md §8),
 * which records one task per agent in the task manager database and reports progress through `upgrade_result`.
 */
import { WazuhError, WazuhInternalError, WazuhResourceNotFound } from '../errors';
import type { QueryParams } from '../query';
import { agentsById, listAgents } from './list';
import { MANAGER_ID, padAgentId, type AgentFilters } from './model';
import { emptyOutcome, type Outcome } from './outcome';
import type { AgentDeps, CallOpts } from './ports';
import type { Scope } from './scope';
import { pythonStr } from '../pyrepr';
import { jsonRequest } from '../../ipc/dispatcher';

const UPGRADE_CHUNK = 500;
const RESULT_CHUNK = 97;
/** Module answers per agent: error N becomes framework code 1810 + N. */
const PER_AGENT_CODES = new Set([1819, 1820, 1821, 1822]);
const WHOLE_REQUEST_CODES = new Set([1823]);
const NO_TASK = 1813;
/** "Task manager communication error": the chunk is retried in halves. */
const RETRY_SMALLER = 4;

export interface UpgradeOptions {
  wpk_repo?: string;
  /** Target version, any of `4.8.0`, `v4.8.0`, `Wazuh v4.8.0`. */
  version?: string;
  force?: boolean;
  use_http?: boolean;
  package_type?: string;
  file_path?: string;
  installer?: string;
}

export interface EligibilityRequest {
  ids?: readonly string[];
  scope: Scope;
  filters: AgentFilters;
  q?: string;
}

interface ModuleItem {
  error: number;
  message?: string;
  agent: number;
  task_id?: number;
  [key: string]: unknown;
}

interface ModuleReply {
  error?: number;
  message?: string;
  data?: ModuleItem[];
}

function upgradeVersion(version: string | undefined): string | undefined {
  if (!version) return undefined;
  const match = /\d+\.\d+\.\d+$/i.exec(version);
  return match ? `v${match[0]}` : undefined;
}

/**
 * The agents an upgrade (or its result) may concern: the listed or scoped agents that match the filters and are
 * active. Named agents are reported when they are the manager (1703), unknown (1701), not active (1707) or miss a
 * filter (1731).
 */
async function eligibleAgents(deps: AgentDeps, request: EligibilityRequest, outcome: Outcome<unknown>, call: CallOpts) {
  const explicit = request.ids ? [...new Set(request.ids)] : undefined;
  const scope: Scope = explicit ? { kind: 'only', values: new Set(explicit) } : request.scope;
  const params: QueryParams = { select: ['id', 'status'], limit: null, q: request.q };
  const matching = await listAgents(deps.wdb, { params, filters: request.filters, scope }, call);
  const status = new Map(matching.items.map((item) => [String(item.id), String(item.status)]));
  const eligible: number[] = [];
  if (explicit) {
    const existing = await agentsById(deps.wdb, explicit, ['id'], call);
    const requirements = Object.entries(request.filters)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => `${key}: ${pythonStr(value)}`)
      .join(', ');
    for (const id of explicit) {
      if (id === MANAGER_ID) outcome.failed.push([id, new WazuhError(1703)]);
      else if (!existing.has(id)) outcome.failed.push([id, new WazuhResourceNotFound(1701)]);
      else if (status.has(id) && status.get(id) !== 'active') outcome.failed.push([id, new WazuhError(1707)]);
      else if (!status.has(id)) {
        const extra = `some of the requirements are not met -> ${requirements}${request.q ? `, q: ${request.q}` : ''}`;
        outcome.failed.push([id, new WazuhError(1731, { extra })]);
      } else eligible.push(Number(id));
    }
  } else {
    for (const [id, state] of status) if (id !== MANAGER_ID && state === 'active') eligible.push(Number(id));
  }
  return eligible.sort((a, b) => a - b);
}

async function askModule(deps: AgentDeps, request: string, call: CallOpts): Promise<ModuleReply> {
  const text = await deps.upgrade.requestText(request, call);
  try {
    return JSON.parse(text) as ModuleReply;
  } catch (error) {
    throw new WazuhInternalError(2006, { extra: `upgrade module: ${(error as Error).message}` });
  }
}

/** Sends the agents in chunks; a chunk that meets a task-manager error is sent again in halves. */
async function sendInChunks(
  deps: AgentDeps,
  agents: number[],
  chunk: number,
  build: (part: number[]) => string,
  call: CallOpts,
): Promise<ModuleItem[]> {
  const items: ModuleItem[] = [];
  for (let i = 0; i < agents.length; i += chunk) {
    const part = agents.slice(i, i + chunk);
    const reply = await askModule(deps, build(part), call);
    const data = reply.data ?? [];
    if (chunk > 1 && data.some((item) => item.error === RETRY_SMALLER)) {
      return sendInChunks(deps, agents, Math.floor(chunk / 2), build, call);
    }
    items.push(...data);
  }
  return items;
}

/** Module times are local `YYYY/MM/DD HH:MM:SS`; the API shows them in UTC as `YYYY-MM-DDTHH:MM:SSZ`. */
export function moduleTimeToUtc(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!m) return value;
  const local = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return local.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function moduleError(code: number, message: string | undefined, internal: boolean): WazuhError {
  const text = message ?? '';
  return internal ? new WazuhInternalError(code, { verbatim: text }) : new WazuhError(code, { verbatim: text });
}

/** `PUT /agents/upgrade` and `PUT /agents/upgrade_custom`: creates upgrade tasks. */
export async function upgradeAgents(
  deps: AgentDeps,
  request: EligibilityRequest,
  options: UpgradeOptions,
  call: CallOpts = {},
): Promise<Outcome<{ agent: string; task_id: number }>> {
  const outcome = emptyOutcome<{ agent: string; task_id: number }>();
  const eligible = await eligibleAgents(deps, request, outcome, call);
  if (eligible.length === 0) return outcome;
  const custom = options.installer !== undefined || options.file_path !== undefined;
  const parameters = (part: number[]) =>
    Object.fromEntries(
      Object.entries({
        agents: part,
        version: upgradeVersion(options.version),
        force_upgrade: options.force ?? false,
        use_http: options.use_http ?? false,
        package_type: options.package_type,
        wpk_repo: options.wpk_repo,
        file_path: options.file_path,
        installer: options.installer,
      }).filter(([, value]) => value !== undefined),
    );
  const items = await sendInChunks(
    deps,
    eligible,
    UPGRADE_CHUNK,
    // The framework names itself `api` in its requests to the upgrade module.
    (part) => jsonRequest(custom ? 'upgrade_custom' : 'upgrade', parameters(part), 'api'),
    call,
  );
  for (const item of items) {
    const id = padAgentId(item.agent);
    if (item.error === 0) {
      outcome.affected.push({ agent: id, task_id: Number(item.task_id) });
      continue;
    }
    const code = 1810 + item.error;
    if (PER_AGENT_CODES.has(code)) outcome.failed.push([id, moduleError(code, item.message, false)]);
    else if (WHOLE_REQUEST_CODES.has(code)) throw moduleError(code, item.message, false);
    else throw moduleError(code, item.message, true);
  }
  outcome.affected.sort((a, b) => a.agent.localeCompare(b.agent));
  return outcome;
}

/** `GET /agents/upgrade_result`: the latest upgrade task of each agent. */
export async function upgradeResults(
  deps: AgentDeps,
  request: EligibilityRequest,
  call: CallOpts = {},
): Promise<Outcome<Record<string, unknown>>> {
  const outcome = emptyOutcome<Record<string, unknown>>();
  const eligible = await eligibleAgents(deps, request, outcome, call);
  if (eligible.length === 0) return outcome;
  const items = await sendInChunks(
    deps,
    eligible,
    RESULT_CHUNK,
    (part) => jsonRequest('upgrade_result', { agents: part }, 'api'),
    call,
  );
  for (const item of items) {
    const { error, ...rest } = item;
    const id = padAgentId(item.agent);
    if (error === 0) {
      const task: Record<string, unknown> = { ...rest, agent: id };
      for (const key of ['create_time', 'update_time']) if (key in task) task[key] = moduleTimeToUtc(task[key]);
      outcome.affected.push(task);
      continue;
    }
    const code = 1810 + error;
    if (code === NO_TASK) outcome.failed.push([id, moduleError(code, item.message, false)]);
    else throw moduleError(code, item.message, true);
  }
  outcome.affected.sort((a, b) => String(a.agent).localeCompare(String(b.agent)));
  return outcome;
}
