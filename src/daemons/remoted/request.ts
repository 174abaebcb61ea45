/**
 * The request socket of the wazuh-remoted stand-in (`queue/sockets/remote`, protocol.md §5.1-§5.2):
 *
 * - JSON commands for remoted itself: `getstats`, `getagentsstats`, `getconfig`;
 * - `NNN <component> <command>` requests forwarded to agent NNN: answered as that agent would answer when it is
 *   connected (`active`), with remoted's `err Cannot send request` when it is not, and no answer at all (the
 *   connection is closed) for an agent remoted does not know.
 */
import type { WazuhPaths } from '../../core/paths';
import type { AgentDirectory } from '../components/agents';
import { agentSelection, dispatchGetconfig, dispatchReply, parseJsonRequest, type JsonRequest } from '../components/json-dispatch';
import { splitCommand } from '../components/plain-service';
import { REMOTED_SECTIONS } from '../components/sections';
import { agentGetconfig, agentGetstate } from './agent-config';

/** remoted refuses `getagentsstats` lists of 150 agents or more. */
export const REMOTED_MAX_AGENTS = 150;
const AGENTS_PAGE = 150;

export const SEND_ERROR = 'err Cannot send request';

export class RemotedRequestService {
  private readonly startedAt = Math.floor(Date.now() / 1000);
  private requests = 0;

  constructor(
    private readonly paths: WazuhPaths,
    private readonly agents: AgentDirectory,
  ) {}

  /** One request; null means "close without answering". */
  handle(request: Buffer | string): string | null {
    const text = request.toString().replace(/\0+$/, '');
    if (text.trimStart().startsWith('{')) return this.handleJson(text);
    return this.forward(text);
  }

  private forward(text: string): string | null {
    const match = /^(\d{1,8}) (\S+) ([\s\S]*)$/.exec(text);
    if (!match) return null;
    const agent = this.agents.agent(Number(match[1]));
    if (!agent || agent.id === 0) return null;
    if (agent.status !== 'active') return SEND_ERROR;
    this.requests += 1;
    const [component, request] = [match[2], match[3]];
    const [command, args] = splitCommand(request);
    if (command === 'getconfig') return agentGetconfig(agent, component, args);
    if (command === 'getstate') return agentGetstate(agent, component);
    return 'err Unrecognized command';
  }

  /** The deprecated `var/run/wazuh-remoted.state`, rewritten every few seconds like remoted's. */
  stateFileText(): string {
    const counters: [string, number][] = [
      ['queue_size', 0],
      ['total_queue_size', 131072],
      ['tcp_sessions', 0],
      ['evt_count', 0],
      ['ctrl_msg_count', 0],
      ['discarded_count', 0],
      ['sent_bytes', 0],
      ['recv_bytes', 0],
      ['dequeued_after_close', 0],
      ['ctrl_msg_queue_usage', 0],
      ['ctrl_msg_queue_inserted', 0],
      ['ctrl_msg_queue_replaced', 0],
      ['ctrl_msg_queue_processed', 0],
    ];
    let text = '# State file for wazuh-remoted\n\n';
    for (const [key, value] of counters) text += `${key}='${value}'\n`;
    return text;
  }

  private handleJson(text: string): string {
    const parsed = parseJsonRequest(text);
    if (typeof parsed === 'string') return parsed;
    switch (parsed.command) {
      case 'getstats':
        return dispatchReply('ok', this.stats());
      case 'getagentsstats':
        return this.agentsStats(parsed);
      case 'getconfig':
        return dispatchGetconfig(parsed, REMOTED_SECTIONS, this.paths);
      default:
        return dispatchReply('unrecognizedCommand');
    }
  }

  private stats(): Record<string, unknown> {
    return {
      uptime: this.startedAt,
      timestamp: Math.floor(Date.now() / 1000),
      name: 'wazuh-remoted',
      metrics: {
        bytes: { received: 0, sent: 0 },
        keys_reload_count: 0,
        messages: {
          received_breakdown: { control: 0, dequeued_after: 0, discarded: 0, event: 0, ping: 0, unknown: 0 },
          sent_breakdown: { ack: 0, ar: 0, discarded: 0, request: this.requests, sca: 0, shared: 0 },
        },
        queues: { received: { size: 131072, usage: 0 } },
        tcp_sessions: 0,
      },
    };
  }

  private agentEntry(id: number): Record<string, unknown> {
    const agent = this.agents.agent(id);
    return {
      id,
      uptime: agent?.lastKeepAlive ?? this.startedAt,
      metrics: {
        messages: {
          received_breakdown: { control: 0, control_breakdown: { keepalive: 0, request: 0, shutdown: 0, startup: 0 }, event: 0 },
          sent_breakdown: { ack: 0, ar: 0, discarded: 0, request: 0, sca: 0, shared: 0 },
        },
      },
    };
  }

  private agentsStats(request: JsonRequest): string {
    const selection = agentSelection(request, REMOTED_MAX_AGENTS);
    if (selection.kind === 'error') return selection.reply;
    const timestamp = Math.floor(Date.now() / 1000);
    if (selection.kind === 'list') {
      const ids = selection.ids.filter((id) => this.agents.agent(id)?.status === 'active');
      return dispatchReply('ok', { timestamp, name: 'wazuh-remoted', agents: ids.map((id) => this.agentEntry(id)) });
    }
    const page = this.agents.activeAgentIds(selection.lastId, AGENTS_PAGE + 1);
    const data = { timestamp, name: 'wazuh-remoted', agents: page.slice(0, AGENTS_PAGE).map((id) => this.agentEntry(id)) };
    return dispatchReply(page.length > AGENTS_PAGE ? 'due' : 'ok', data);
  }
}
