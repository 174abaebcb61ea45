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
import { NOT_MANAGER } from '../agents/list';
import type { AgentState } from '../agents/lookup';
import type { RequestPort, WazuhDbPort } from '../agents/ports';
import { agentActiveConfiguration, requireConfigurationReports } from '../agents/remote';
import { JSON_AR_VERSION, versionAtLeast } from '../agents/version';
import { WazuhError } from '../errors';
import { forEachLimited } from '../concurrency';
import { definedCommands } from './ar-conf';
import {
  agentQueueMessage,
  byAgentId,
  sendToAgents,
  targetAgents,
  targetStates,
  type ArQueue,
  type ItemOutcome,
  type WdbCallOptions,
} from '../monitoring';
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

/** Whether the agent's active response is enabled, asked through remoted. Throws the Wazuh error otherwise. */
export async function requireArEnabled(remote: RequestPort, agent: AgentState, options: WdbCallOptions = {}): Promise<void> {
  if (agent.version === undefined) throw new WazuhError(1015);
  requireConfigurationReports(agent.version);
  const config = await agentActiveConfiguration(remote, agent.id, 'com', 'active-response', options);
  const section = config['active-response'] as Record<string, unknown> | undefined;
  if (section?.disabled === 'yes') throw new WazuhError(1750);
}

export interface ActiveResponseDeps {
  wdb: WazuhDbPort;
  ar: ArQueue;
  /** remoted's request socket (`queue/sockets/remote`). */
  remote: RequestPort;
  clientKeys: string;
  arConf: string;
  /** The cluster node name when the cluster is enabled, null otherwise (it goes into `origin.name`). */
  clusterNodeName: string | null;
}

/** Builds the payload for one agent, checking the command as Wazuh does (per agent, after the AR checks). */
function payloadFor(agent: AgentState, request: ArRequest, commands: Set<string>, nodeName: string | null): string {
  if (!request.command) throw new WazuhError(1650);
  if (!request.command.startsWith('!') && !commands.has(request.command)) throw new WazuhError(1652);
  const legacy = !versionAtLeast(agent.version, JSON_AR_VERSION);
  return legacy ? legacyArPayload(request) : jsonArPayload(request, nodeName);
}

/** Agents whose AR settings are asked from remoted at the same time (each ask is one connection). */
const AGENT_CHECKS_IN_FLIGHT = 8;

/** Sends `request` to the agents of `agentIds` (already filtered by RBAC). */
export async function runActiveResponse(
  deps: ActiveResponseDeps,
  agentIds: readonly string[],
  request: ArRequest,
  options: WdbCallOptions = {},
): Promise<ItemOutcome<string>> {
  const targets = await targetAgents(deps.clientKeys, agentIds);
  const { outcome } = targets;
  const agents = await targetStates(deps.wdb, targets, NOT_MANAGER, options);
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

export { arConfLines, definedCommands, writeDefaultArConf } from './ar-conf';

export const ACTIVE_RESPONSE_MESSAGES = {
  all: 'AR command was sent to all agents',
  some: 'AR command was not sent to some agents',
  none: 'AR command was not sent to any agent',
} as const;

