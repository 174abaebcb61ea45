/**
 * Active responses (`PUT /active-response`): a command sent to agents through remoted's AR queue
 * (`queue/alerts/ar`), as `(msg_to_agent) [] NNS <id> <payload>`.
 *
 * Per agent, in Wazuh's order: unknown -> 1701; not active -> 1707; the agent's own `active-response` settings are
 * asked through remoted (`<id> com getconfig active-response`; agents older than 3.7.0 cannot answer -> 1735), and a
 * disabled AR -> 1750; then the payload is built for the agent's version and checked: empty command -> 1650, a
 * command without `!` that `etc/shared/ar.conf` does not define -> 1652.
 *
 * Payloads: agents from 4.2.0 on get a JSON message (`{"version": 1, "origin": {...}, "command": ...,
 * "parameters": {"extra_args": [...], "alert": {...}}}`); older agents get `<command> <escaped args>` or
 * `<command> - -`. The manager (000) is never a target.
 */
import { readFile } from 'node:fs/promises';
import { WazuhError, WazuhInternalError, WazuhResourceNotFound } from '../errors';
import { cond } from '../query';
import {
  agentFacts,
  agentQueueMessage,
  byAgentId,
  compareWazuhVersions,
  emptyOutcome,
  idRestriction,
  sendToAgents,
  systemAgentIds,
  type AgentFacts,
  type ArQueue,
  type ItemOutcome,
  type WdbCallOptions,
  type WdbReader,
} from '../syscheck';
import { ACTIVE_CONFIG_VERSION, JSON_AR_VERSION } from '../agents/version';
import { pythonJsonDumps } from '../pyjson';


/** Characters a legacy (shell) argument has escaped with a backslash. */
const SHELL_SPECIALS = new Set(['"', "'", '\t', ';', '`', '>', '<', '|', '#', '*', '[', ']', '{', '}', '&', '$', '!', ':', '(', ')']);

export function shellEscape(argument: string): string {
  let out = '';
  for (const ch of argument) out += SHELL_SPECIALS.has(ch) ? `\\${ch}` : ch;
  return out;
}

export interface ArRequest {
  command: string;
  arguments?: readonly string[];
  alert?: Record<string, unknown>;
}

/** The payload for agents older than 4.2.0. */
export function legacyArPayload(request: ArRequest): string {
  const args = request.arguments ?? [];
  return args.length > 0 ? `${request.command} ${args.map((arg) => shellEscape(String(arg))).join(' ')}` : `${request.command} - -`;
}

/** The JSON payload; `nodeName` is the cluster node name, null when the cluster is disabled. */
export function jsonArPayload(request: ArRequest, nodeName: string | null): string {
  return pythonJsonDumps({
    version: 1,
    origin: { name: nodeName, module: 'API' },
    command: request.command,
    parameters: {
      extra_args: request.arguments && request.arguments.length > 0 ? [...request.arguments] : [],
      alert: request.alert && Object.keys(request.alert).length > 0 ? request.alert : {},
    },
  });
}

/** First field of each line of `etc/shared/ar.conf` (`name - script - timeout`). A missing file defines nothing. */
export async function definedCommands(arConfPath: string): Promise<Set<string>> {
  let text = '';
  try {
    text = await readFile(arConfPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const commands = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.trim() !== '') commands.add(line.split(' - ')[0]);
  }
  return commands;
}

/** remoted's request socket (`queue/sockets/remote`), as the IPC layer provides it. */
export interface RemoteRequests {
  plain(request: string, options?: WdbCallOptions): Promise<{ status: string; payload: string }>;
}

/** Whether the agent's active response is enabled, asked through remoted. Throws the Wazuh error otherwise. */
export async function requireArEnabled(
  remote: RemoteRequests,
  agent: AgentFacts,
  options: WdbCallOptions = {},
): Promise<void> {
  if (agent.version === undefined) throw new WazuhError(1015);
  if (compareWazuhVersions(agent.version, ACTIVE_CONFIG_VERSION) < 0) {
    throw new WazuhInternalError(1735, { extra: `Minimum required version is ${ACTIVE_CONFIG_VERSION}` });
  }
  const reply = await remote.plain(`${agent.id} com getconfig active-response`, options);
  if (reply.status !== 'ok') {
    const unreachable = /No such file or directory|Cannot send request/.test(reply.payload);
    throw new WazuhError(unreachable ? 1117 : 1116, { extra: 'com:active-response' });
  }
  let config: unknown;
  try {
    config = JSON.parse(reply.payload);
  } catch {
    throw new WazuhInternalError(1118, { extra: 'Data could not be received' });
  }
  const section = (config as Record<string, unknown> | null)?.['active-response'] as Record<string, unknown> | undefined;
  if (section?.disabled === 'yes') throw new WazuhError(1750);
}

export interface ActiveResponseDeps {
  wdb: WdbReader;
  ar: ArQueue;
  remote: RemoteRequests;
  clientKeys: string;
  arConf: string;
  /** The cluster node name when the cluster is enabled, null otherwise (it goes into `origin.name`). */
  clusterNodeName: string | null;
}

/** Builds the payload for one agent, checking the command as Wazuh does (per agent, after the AR checks). */
function payloadFor(agent: AgentFacts, request: ArRequest, commands: Set<string>, nodeName: string | null): string {
  if (!request.command) throw new WazuhError(1650);
  if (!request.command.startsWith('!') && !commands.has(request.command)) throw new WazuhError(1652);
  const legacy = compareWazuhVersions(agent.version as string, JSON_AR_VERSION) < 0;
  return legacy ? legacyArPayload(request) : jsonArPayload(request, nodeName);
}

/** Agents whose AR settings are asked from remoted at the same time (each ask is one connection). */
const AGENT_CHECKS_IN_FLIGHT = 8;

/** Runs `work` over `items` with at most `limit` running at once; the first unexpected error stops it. */
async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Sends `request` to the agents of `agentIds` (already filtered by RBAC). */
export async function runActiveResponse(
  deps: ActiveResponseDeps,
  agentIds: readonly string[],
  request: ArRequest,
  options: WdbCallOptions = {},
): Promise<ItemOutcome<string>> {
  const outcome = emptyOutcome<string>();
  const requested = [...new Set(agentIds)];
  if (requested.length === 0) return outcome;
  const system = await systemAgentIds(deps.clientKeys);
  for (const id of requested) if (!system.has(id)) outcome.failed.push({ id, error: new WazuhResourceNotFound(1701) });

  const wanted = new Set(requested);
  const agents = (await agentFacts(deps.wdb, idRestriction(system, requested), cond('id', '!=', 0), options)).filter(
    (agent) => wanted.has(agent.id),
  );
  let commandsRead: Promise<Set<string>> | undefined;
  const commands = () => (commandsRead ??= definedCommands(deps.arConf));
  const messages: Array<{ agentId: string; message: string }> = [];
  await forEachLimited(agents, AGENT_CHECKS_IN_FLIGHT, async (agent) => {
    try {
      if (agent.status !== 'active') throw new WazuhError(1707);
      await requireArEnabled(deps.remote, agent, options);
      const payload = payloadFor(agent, request, await commands(), deps.clusterNodeName);
      messages.push({ agentId: agent.id, message: agentQueueMessage('NNS', agent.id, payload) });
    } catch (error) {
      if (!(error instanceof WazuhError)) throw error;
      outcome.failed.push({ id: agent.id, error });
    }
  });
  messages.sort((a, b) => byAgentId(a.agentId, b.agentId));
  await sendToAgents(deps.ar, messages, outcome, options);
  outcome.affected.sort(byAgentId);
  return outcome;
}

export const ACTIVE_RESPONSE_MESSAGES = {
  all: 'AR command was sent to all agents',
  some: 'AR command was not sent to some agents',
  none: 'AR command was not sent to any agent',
} as const;

