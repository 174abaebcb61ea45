/**
 * The wazuh-analysisd stand-in's logic: events arriving on `queue/sockets/queue` are written to
 * `logs/archives/archives.json` the way analysisd archives them (one JSON object per line), and the command socket
 * `queue/sockets/analysis` answers `getstats`, `getagentsstats`, `getconfig` and `reload-ruleset`
 * (protocol.md §6). There is no rule engine: events are archived, never alerted on.
 */
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { WazuhPaths } from '../../core/paths';
import type { AgentDirectory } from '../components/agents';
import { readManagerConf, sectionObject } from '../components/conf';
import {
  agentSelection,
  dispatchGetconfig,
  dispatchReply,
  parseJsonRequest,
  type JsonRequest,
} from '../components/json-dispatch';
import { ANALYSISD_SECTIONS } from '../components/sections';

/** analysisd refuses `getagentsstats` lists of 75 agents or more. */
export const ANALYSISD_MAX_AGENTS = 75;
/** Agents per `all` page before the reply says `due`. */
const AGENTS_PAGE = 150;

export interface QueueMessage {
  /** The queue character (`1` local file, `4` syscheck...). */
  queue: string;
  location: string;
  event: string;
}

/**
 * `<queue>:<location>:<event>`. Inside the location a colon is written `|:`; the event is everything after the
 * first unescaped colon. Returns null for a message without both separators.
 */
export function parseQueueMessage(message: string): QueueMessage | null {
  const first = message.indexOf(':');
  if (first < 1) return null;
  let index = first + 1;
  while (index < message.length) {
    const colon = message.indexOf(':', index);
    if (colon < 0) return null;
    if (message[colon - 1] !== '|') {
      return {
        queue: message.slice(0, first),
        location: message.slice(first + 1, colon).replace(/\|:/g, ':'),
        event: message.slice(colon + 1),
      };
    }
    index = colon + 1;
  }
  return null;
}

/** `2024-05-01T10:00:00.123+0200`: local time with the offset, as analysisd stamps archived events. */
export function archiveTimestamp(date = new Date()): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:` +
    `${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

interface Counters {
  bytes: number;
  received: number;
  archived: number;
  dropped: number;
  byQueue: Record<string, number>;
}

export class AnalysisdService {
  private readonly startedAt = Math.floor(Date.now() / 1000);
  private readonly counters: Counters = { bytes: 0, received: 0, archived: 0, dropped: 0, byQueue: {} };
  private sequence = 0;
  private readonly managerName: string;

  constructor(
    private readonly paths: WazuhPaths,
    private readonly agents: AgentDirectory,
    options: { managerName?: string } = {},
  ) {
    this.managerName = options.managerName ?? hostname();
  }

  /** One datagram of `queue/sockets/queue`. */
  handleEvent(message: Buffer | string): void {
    const text = message.toString();
    this.counters.bytes += Buffer.byteLength(text);
    this.counters.received += 1;
    const parsed = parseQueueMessage(text);
    if (!parsed) {
      this.counters.dropped += 1;
      return;
    }
    this.counters.byQueue[parsed.queue] = (this.counters.byQueue[parsed.queue] ?? 0) + 1;
    this.archive(parsed);
  }

  private archive({ location, event }: QueueMessage): void {
    const now = new Date();
    const record: Record<string, unknown> = {
      timestamp: archiveTimestamp(now),
      agent: { id: '000', name: this.managerName },
      manager: { name: this.managerName },
      id: `${Math.floor(now.getTime() / 1000)}.${this.sequence++}`,
      full_log: event,
      decoder: {},
      location,
    };
    if (event.trimStart().startsWith('{')) {
      try {
        const data = JSON.parse(event) as unknown;
        if (data && typeof data === 'object' && !Array.isArray(data)) {
          record.decoder = { name: 'json' };
          record.data = data;
        }
      } catch {
        // not JSON after all: archived as plain text
      }
    }
    const file = this.paths.archivesJson;
    mkdirSync(dirname(file), { recursive: true });
    appendFileSync(file, `${JSON.stringify(record)}\n`);
    this.counters.archived += 1;
  }

  /**
   * The deprecated `var/run/wazuh-analysisd.state` (`key='value'` lines) analysisd rewrites every few seconds,
   * with this stand-in's counters.
   */
  stateFileText(): string {
    const { received, archived, dropped, byQueue } = this.counters;
    const counters: [string, number][] = [
      ['total_events_decoded', archived],
      ['syscheck_events_decoded', byQueue['8'] ?? 0],
      ['syscollector_events_decoded', byQueue.d ?? 0],
      ['rootcheck_events_decoded', byQueue['9'] ?? 0],
      ['sca_events_decoded', byQueue.p ?? 0],
      ['winevt_events_decoded', 0],
      ['dbsync_messages_dispatched', 0],
      ['other_events_decoded', byQueue['1'] ?? 0],
      ['events_processed', archived],
      ['events_received', received],
      ['events_dropped', dropped],
      ['alerts_written', 0],
      ['firewall_written', 0],
      ['fts_written', 0],
    ];
    const queues = ['syscheck', 'syscollector', 'rootcheck', 'sca', 'hostinfo', 'winevt', 'dbsync', 'upgrade', 'event',
      'rule_matching', 'alerts', 'firewall', 'statistical', 'archives'];
    let text = '# State file for wazuh-analysisd\n\n';
    for (const [key, value] of counters) text += `${key}='${value}'\n`;
    for (const queue of queues) text += `${queue}_queue_usage='0.00'\n${queue}_queue_size='16384'\n`;
    return text;
  }

  /** One request of `queue/sockets/analysis`. */
  handleCommand(request: Buffer | string): string {
    const parsed = parseJsonRequest(request.toString());
    if (typeof parsed === 'string') return parsed;
    switch (parsed.command) {
      case 'getstats':
        return dispatchReply('ok', this.stats());
      case 'getagentsstats':
        return this.agentsStats(parsed);
      case 'getconfig':
        return dispatchGetconfig(parsed, ANALYSISD_SECTIONS, this.paths);
      case 'reload-ruleset':
        return this.reloadRuleset();
      default:
        return dispatchReply('unrecognizedCommand');
    }
  }

  private stats(): Record<string, unknown> {
    const { bytes, received, archived, dropped, byQueue } = this.counters;
    return {
      uptime: this.startedAt,
      timestamp: Math.floor(Date.now() / 1000),
      name: 'wazuh-analysisd',
      metrics: {
        bytes: { received: bytes },
        events: {
          processed: archived,
          received,
          received_breakdown: {
            decoded_breakdown: {
              agent: 0,
              dbsync: 0,
              monitor: 0,
              remote: 0,
              syslog: byQueue['2'] ?? 0,
              integrations: { virustotal: 0 },
              modules: {
                logcollector: { eventchannel: 0, eventlog: 0, others: byQueue['1'] ?? 0 },
                syscheck: byQueue['8'] ?? 0,
                syscollector: byQueue['d'] ?? 0,
              },
            },
            dropped_breakdown: { agent: 0, others: dropped },
          },
          written_breakdown: { alerts: 0, archives: archived, firewall: 0, fts: 0, stats: 0 },
        },
        queues: {
          archives: { size: 16384, usage: 0 },
          alerts: { size: 16384, usage: 0 },
          event: { size: 16384, usage: 0 },
        },
      },
    };
  }

  private agentEntry(id: number): Record<string, unknown> {
    const agent = this.agents.agent(id);
    return {
      id,
      uptime: agent?.dateAdd ?? this.startedAt,
      metrics: {
        events: { processed: 0, received_breakdown: { decoded_breakdown: { agent: 0, modules: {} } } },
        written_breakdown: { alerts: 0, archives: 0, firewall: 0 },
      },
    };
  }

  private agentsStats(request: JsonRequest): string {
    const selection = agentSelection(request, ANALYSISD_MAX_AGENTS);
    if (selection.kind === 'error') return selection.reply;
    const timestamp = Math.floor(Date.now() / 1000);
    if (selection.kind === 'list') {
      const ids = selection.ids.filter((id) => this.agents.agent(id) !== undefined);
      return dispatchReply('ok', { timestamp, name: 'wazuh-analysisd', agents: ids.map((id) => this.agentEntry(id)) });
    }
    const page = this.agents.activeAgentIds(selection.lastId, AGENTS_PAGE + 1);
    const more = page.length > AGENTS_PAGE;
    const data = { timestamp, name: 'wazuh-analysisd', agents: page.slice(0, AGENTS_PAGE).map((id) => this.agentEntry(id)) };
    return dispatchReply(more ? 'due' : 'ok', data);
  }

  /**
   * Checks what a reload would load: the configuration must be readable, and each rule or decoder directory it
   * names should exist (a missing one is a warning, as analysisd skips it).
   */
  private reloadRuleset(): string {
    const conf = readManagerConf(this.paths);
    if (conf.problem) return JSON.stringify({ error: 1, message: 'due', data: [conf.problem] });
    const ruleset = sectionObject(conf, 'ruleset') ?? {};
    const warnings: string[] = [];
    for (const key of ['rule_dir', 'decoder_dir']) {
      const dirs = [ruleset[key] ?? []].flat().filter((dir): dir is string => typeof dir === 'string');
      for (const dir of dirs) {
        const full = isAbsolute(dir) ? dir : join(this.paths.root, dir);
        if (!existsSync(full)) warnings.push(`Could not open directory '${dir}'`);
      }
    }
    return JSON.stringify({ error: 0, message: 'ok', data: warnings });
  }
}
