/**
 * What only the agent itself knows: its running configuration and its components' statistics, asked through
 * remoted (`queue/sockets/remote`, protocol.md §5.1–5.2). For the manager (`000`) the same questions go to the
 * manager's own component sockets.
 */
import { basename } from 'node:path';
import { jsonRequest } from '../../ipc/dispatcher';
import { WazuhError, WazuhInternalError, WazuhResourceNotFound } from '../errors';
import { addAuthdPassword, componentConfigError, getManagerActiveConfiguration } from '../manager/active-config';
import { requireKnownComponent } from '../manager/components';
import type { ManagerPorts } from '../manager/ports';
import { formatEpochOffset } from '../query';
import { agentsById } from './list';
import { MANAGER_ID, padAgentId } from './model';
import { emptyOutcome, itemFailure, type Outcome } from './outcome';
import type { AgentDeps, CallOpts, RequestPort } from './ports';
import { ACTIVE_CONFIG_VERSION, versionAtLeast } from './version';

/** Components whose statistics only agents from a given version on can report. */
const COMPONENT_STATS_VERSION: Readonly<Record<string, string>> = {
  logcollector: 'v4.2.0',
  agent: 'v4.2.0',
};

function splitReply(text: string): [string, string] {
  const space = text.indexOf(' ');
  return space < 0 ? [text, ''] : [text.slice(0, space), text.slice(space + 1)];
}

function parseJson(text: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new WazuhInternalError(1118, { extra: `${what}: ${(error as Error).message}` });
  }
}

/** wazuh-db's command socket as a one-request port (its JSON `getconfig` answer, as one text). */
function wdbRequestPort(deps: AgentDeps): RequestPort {
  return {
    async requestText(request, call) {
      const reply = await deps.wdb.send(request, call);
      return reply.payload ? `${reply.status} ${reply.payload}` : reply.status;
    },
  };
}

/** The manager's component sockets, over this install's clients, as the manager's configuration reader asks them. */
function managerSockets(deps: AgentDeps): Pick<ManagerPorts, 'socket'> {
  return { socket: (path) => (path === deps.paths.sockets.wdb ? wdbRequestPort(deps) : deps.component(basename(path))) };
}

/**
 * One section of a component's running configuration, asked of the agent through remoted
 * (`<id> <component> getconfig <section>`): 1116 or 1117 when the agent or remoted answers an error.
 */
export async function agentActiveConfiguration(
  remote: RequestPort,
  agentId: string,
  component: string,
  configuration: string,
  call: CallOpts = {},
): Promise<Record<string, unknown>> {
  const [status, payload] = splitReply(
    await remote.requestText(`${padAgentId(agentId)} ${component} getconfig ${configuration}`, call),
  );
  if (status !== 'ok') throw componentConfigError(component, configuration, payload);
  return (parseJson(payload, 'remoted') ?? {}) as Record<string, unknown>;
}

/** Agents older than 3.7.0 cannot report their running configuration (1735). */
export function requireConfigurationReports(version: unknown): void {
  if (!versionAtLeast(version, ACTIVE_CONFIG_VERSION)) {
    throw new WazuhInternalError(1735, { extra: `Minimum required version is ${ACTIVE_CONFIG_VERSION}` });
  }
}

/**
 * A component's running configuration, from the agent (through remoted) or, for `000`, from the manager's own
 * socket. `authd.pass` is added when authd uses a password, as Wazuh does.
 */
export async function activeConfiguration(
  deps: AgentDeps,
  agentId: string,
  component: string,
  configuration: string,
  call: CallOpts = {},
): Promise<Record<string, unknown>> {
  if (!component || !configuration) throw new WazuhError(1307);
  requireKnownComponent(component);
  if (agentId === MANAGER_ID) {
    return getManagerActiveConfiguration(deps.paths, managerSockets(deps), component, configuration, call);
  }
  const data = await agentActiveConfiguration(deps.remote, agentId, component, configuration, call);
  addAuthdPassword(deps.paths, data);
  return data;
}

/** `GET /agents/{id}/config/{component}/{configuration}`: only active agents recent enough can answer. */
export async function agentConfiguration(
  deps: AgentDeps,
  agentId: string,
  component: string,
  configuration: string,
  call: CallOpts = {},
): Promise<Record<string, unknown>> {
  const row = (await agentsById(deps.wdb, [agentId], ['id', 'status', 'version'], call)).get(agentId);
  if (!row) throw new WazuhResourceNotFound(1701);
  if (row.status !== 'active') throw new WazuhError(1740);
  requireConfigurationReports(row.version);
  return activeConfiguration(deps, agentId, component, configuration, call);
}

/** `YYYY-MM-DD HH:MM:SS` (UTC) as the framework shows dates: `YYYY-MM-DDTHH:MM:SSZ`. */
function utcText(value: unknown): unknown {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
}

type Paged = Record<string, unknown> & { files?: unknown[] };

function pageStart(data: unknown): Paged {
  if (!data || typeof data !== 'object' || Object.keys(data).length === 0) return {};
  const page = { ...(data as Paged) };
  page.start = utcText(page.start);
  page.end = utcText(page.end);
  return page;
}

function pageMerge(into: Paged, data: unknown): Paged {
  if (Object.keys(into).length === 0) return pageStart(data);
  if (!data || typeof data !== 'object') return into;
  const page = data as Paged;
  into.files = [...(into.files ?? []), ...(page.files ?? [])];
  into.end = utcText(page.end);
  return into;
}

/** One component's state, following `remaining` pages (protocol.md §5.1). */
async function componentState(deps: AgentDeps, agentId: string, component: string, call: CallOpts) {
  const manager = agentId === MANAGER_ID;
  if (manager && component === 'agent') throw new WazuhError(1310);
  const port = manager ? deps.component(component) : deps.remote;
  const command = (next: boolean) => `${manager ? 'getstate' : `${agentId} ${component} getstate`}${next ? ' next' : ''}`;
  const ask = async (next: boolean) => {
    let text: string;
    try {
      text = await port.requestText(command(next), call);
    } catch (error) {
      if (error instanceof WazuhError && error.code === 3021) throw error;
      throw new WazuhInternalError(1121);
    }
    return parseJson(text, component);
  };
  let reply = await ask(false);
  if (reply.error !== undefined && reply.error !== 0) throw new WazuhError(1117, { extra: String(reply.message ?? '') });
  const data = (reply.data ?? {}) as Record<string, unknown>;
  if (!('global' in data && 'interval' in data)) {
    for (const key of ['last_keepalive', 'last_ack']) if (key in data) data[key] = utcText(data[key]);
    return data;
  }
  let global = pageStart(data.global);
  let interval = pageStart(data.interval);
  while (reply.remaining === true) {
    const updated = reply.json_updated === true;
    reply = await ask(!updated);
    const next = (reply.data ?? {}) as Record<string, unknown>;
    if (updated) {
      global = pageStart(next.global);
      interval = pageStart(next.interval);
    } else {
      global = pageMerge(global, next.global);
      interval = pageMerge(interval, next.interval);
    }
  }
  return { global, interval };
}

/** `GET /agents/{id}/stats/{component}`. */
export async function agentComponentStats(
  deps: AgentDeps,
  agentId: string,
  component: string,
  call: CallOpts = {},
): Promise<Outcome<Record<string, unknown>>> {
  const outcome = emptyOutcome<Record<string, unknown>>();
  const row = (await agentsById(deps.wdb, [agentId], ['id', 'version'], call)).get(agentId);
  try {
    if (!row) throw new WazuhResourceNotFound(1701);
    if (row.version === undefined || row.version === null) throw new WazuhInternalError(1015);
    const required = COMPONENT_STATS_VERSION[component] ?? 'v0.0.0';
    if (!versionAtLeast(row.version, required)) {
      throw new WazuhInternalError(1735, { extra: `Minimum required version is ${required}` });
    }
    outcome.affected.push(await componentState(deps, agentId, component, call));
  } catch (error) {
    outcome.failed.push([agentId, itemFailure(error)]);
  }
  return outcome;
}

const STATS_DAEMONS = ['wazuh-remoted', 'wazuh-analysisd'] as const;

/** `GET /agents/{id}/daemons/stats`: remoted's and analysisd's counters for the agent. */
export async function agentDaemonStats(
  deps: AgentDeps,
  agentId: string,
  daemons: readonly string[] | undefined,
  call: CallOpts = {},
): Promise<Outcome<Record<string, unknown>>> {
  const outcome = emptyOutcome<Record<string, unknown>>();
  if (agentId === MANAGER_ID) {
    outcome.failed.push([agentId, new WazuhError(1703)]);
    return outcome;
  }
  const row = (await agentsById(deps.wdb, [agentId], ['id', 'status'], call)).get(agentId);
  if (!row) {
    outcome.failed.push([agentId, new WazuhResourceNotFound(1701)]);
    return outcome;
  }
  if (row.status !== 'active') {
    outcome.failed.push([agentId, new WazuhError(1707)]);
    return outcome;
  }
  for (const daemon of daemons && daemons.length > 0 ? daemons : STATS_DAEMONS) {
    const port = daemon === 'wazuh-remoted' ? deps.remote : deps.analysis;
    const path = daemon === 'wazuh-remoted' ? deps.paths.sockets.remote : deps.paths.sockets.analysis;
    try {
      const request = jsonRequest('getagentsstats', { agents: [Number(agentId)] });
      let text: string;
      try {
        text = await port.requestText(request, call);
      } catch (error) {
        if (error instanceof WazuhError && error.code === 3021) throw error;
        throw new WazuhInternalError(1121, { extra: path });
      }
      const reply = parseJson(text, daemon);
      if (reply.error !== 0) throw new WazuhError(Number(reply.error), { verbatim: String(reply.message ?? '') }, 'internal');
      const data = (reply.data ?? {}) as Record<string, unknown> & { agents?: Array<Record<string, unknown>> };
      data.timestamp = formatEpochOffset(data.timestamp);
      for (const agent of data.agents ?? []) agent.uptime = formatEpochOffset(agent.uptime);
      outcome.affected.push(data);
    } catch (error) {
      outcome.failed.push([daemon, itemFailure(error)]);
    }
  }
  return outcome;
}
