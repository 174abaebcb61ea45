/**
 * What only the agent itself knows: its running configuration and its components' statistics, asked through
 * remoted (`queue/sockets/remote`, protocol.md §5.1–5.2). For the manager (`000`) the same questions go to the
 * manager's own component sockets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WazuhError, WazuhInternalError, WazuhResourceNotFound } from '../errors';
import { formatEpochOffset } from '../query';
import { agentsById } from './list';
import { MANAGER_ID } from './model';
import { emptyOutcome, itemFailure, pythonText, type Outcome } from './outcome';
import type { AgentDeps, CallOpts, RequestPort } from './ports';
import { ACTIVE_CONFIG_VERSION, versionAtLeast } from './version';

/** Component / configuration pairs the API accepts (others are 1128, raised before anything is asked). */
export const CONFIGURATION_PAIRS: Readonly<Record<string, readonly string[]>> = {
  agent: ['client', 'buffer', 'labels', 'internal', 'anti_tampering'],
  agentless: ['agentless'],
  analysis: ['global', 'active_response', 'alerts', 'command', 'rules', 'decoders', 'internal', 'rule_test'],
  auth: ['auth'],
  com: ['active-response', 'logging', 'internal', 'cluster'],
  csyslog: ['csyslog'],
  integrator: ['integration'],
  logcollector: ['localfile', 'socket', 'internal'],
  mail: ['global', 'alerts', 'internal'],
  monitor: ['global', 'internal', 'reports'],
  request: ['global', 'remote', 'internal'],
  syscheck: ['syscheck', 'rootcheck', 'internal'],
  'wazuh-db': ['wdb', 'internal'],
  wmodules: ['wmodules'],
};

export function checkConfigurationPair(component: string, configuration: string): void {
  if (!CONFIGURATION_PAIRS[component]?.includes(configuration)) {
    throw new WazuhError(1128, {
      extra: `Valid configuration values for '${component}': ${pythonText([...(CONFIGURATION_PAIRS[component] ?? [])])}`,
    });
  }
}

/** Manager components: the socket each one answers on, and whether it speaks the JSON dispatcher protocol. */
const MANAGER_SOCKETS: Readonly<Record<string, { dir: 'sockets' | 'db'; name: string; json: boolean }>> = {
  agent: { dir: 'sockets', name: 'analysis', json: true },
  agentless: { dir: 'sockets', name: 'agentless', json: false },
  analysis: { dir: 'sockets', name: 'analysis', json: true },
  auth: { dir: 'sockets', name: 'auth', json: false },
  com: { dir: 'sockets', name: 'com', json: false },
  csyslog: { dir: 'sockets', name: 'csyslog', json: false },
  integrator: { dir: 'sockets', name: 'integrator', json: false },
  logcollector: { dir: 'sockets', name: 'logcollector', json: false },
  mail: { dir: 'sockets', name: 'mail', json: false },
  monitor: { dir: 'sockets', name: 'monitor', json: false },
  request: { dir: 'sockets', name: 'remote', json: true },
  syscheck: { dir: 'sockets', name: 'syscheck', json: false },
  'wazuh-db': { dir: 'db', name: 'wdb', json: true },
  wmodules: { dir: 'sockets', name: 'wmodules', json: false },
};

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

async function askManagerComponent(deps: AgentDeps, component: string, configuration: string, call: CallOpts) {
  const target = MANAGER_SOCKETS[component];
  const path = join(deps.paths.root, 'queue', target.dir, target.name);
  if (!existsSync(path)) {
    throw new WazuhError(1121, { extra: `Please verify that the component '${component}' is properly configured` });
  }
  if (target.name === 'wdb') {
    const request = JSON.stringify({ version: 1, origin: { module: 'API' }, command: 'getconfig', parameters: { section: configuration } });
    const reply = await deps.wdb.send(request, call);
    const text = reply.payload ? `${reply.status} ${reply.payload}` : reply.status;
    const parsed = parseJson(text, 'wazuh-db');
    return { ok: parsed.error === 0, data: parsed.data, text: String(parsed.message ?? '') };
  }
  const port: RequestPort = deps.component(target.name);
  if (target.json) {
    const request = JSON.stringify({ version: 1, origin: { module: 'API' }, command: 'getconfig', parameters: { section: configuration } });
    const parsed = parseJson(await port.requestText(request, call), component);
    return { ok: parsed.error === 0, data: parsed.data, text: String(parsed.message ?? '') };
  }
  const [status, payload] = splitReply(await port.requestText(`getconfig ${configuration}`, call));
  return { ok: status === 'ok', data: status === 'ok' ? parseJson(payload.trim(), component) : undefined, text: payload };
}

/**
 * A component's running configuration, from the agent (through remoted) or from the manager's own socket.
 * `authd.pass` is added when authd uses a password, as Wazuh does.
 */
export async function activeConfiguration(
  deps: AgentDeps,
  agentId: string,
  component: string,
  configuration: string,
  call: CallOpts = {},
): Promise<Record<string, unknown>> {
  if (!component || !configuration) throw new WazuhError(1307);
  if (!(component in MANAGER_SOCKETS)) {
    throw new WazuhError(1101, { extra: `Valid components: ${Object.keys(MANAGER_SOCKETS).join(', ')}` });
  }
  let answer: { ok: boolean; data: unknown; text: string };
  if (agentId === MANAGER_ID) {
    answer = await askManagerComponent(deps, component, configuration, call);
  } else {
    const [status, payload] = splitReply(
      await deps.remote.requestText(`${agentId.padStart(3, '0')} ${component} getconfig ${configuration}`, call),
    );
    answer = { ok: status === 'ok', data: status === 'ok' ? parseJson(payload, 'remoted') : undefined, text: payload };
  }
  if (!answer.ok) {
    const unreachable = answer.text.includes('No such file or directory') || answer.text.includes('Cannot send request');
    throw new WazuhError(unreachable ? 1117 : 1116, { extra: `${component}:${configuration}` });
  }
  const data = (answer.data ?? {}) as Record<string, unknown>;
  const auth = data.auth as Record<string, unknown> | undefined;
  if (auth?.use_password === 'yes') {
    try {
      data['authd.pass'] = readFileSync(join(deps.paths.etc, 'authd.pass'), 'utf8').trimEnd();
    } catch {
      // no password file: nothing to add
    }
  }
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
  if (!versionAtLeast(row.version, ACTIVE_CONFIG_VERSION)) {
    throw new WazuhInternalError(1735, { extra: `Minimum required version is ${ACTIVE_CONFIG_VERSION}` });
  }
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
      const request = JSON.stringify({
        version: 1,
        origin: { module: 'API' },
        command: 'getagentsstats',
        parameters: { agents: [Number(agentId)] },
      });
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
