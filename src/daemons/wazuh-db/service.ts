/**
 * The wazuh-db stand-in: parses the text commands of the `queue/db/wdb` socket (protocol.md §2) and the JSON
 * dispatcher commands, and offers the same operations in-process to the other stand-ins (authd inserts and
 * deletes agents through it, as the real authd does through the socket).
 */
import type { WazuhPaths } from '../../core/paths';
import { WdbStore } from './store';
import { executeSql, REPLY_CAP_BYTES } from './sql-exec';
import { AgentGroups, GROUP_SET_MODES, type GroupSetMode } from './groups';
import { WdbStats, type WdbActorName } from './stats';
import { parseRelaxedJson } from './relaxed-json';
import type { ManagerIdentity } from './manager-identity';

/** wazuh-db quotes at most 32 characters of the offending text in its syntax errors (`%.32s`). */
const near = (text: string) => text.slice(0, 32);

const syntaxError = (text: string) => `err Invalid DB query syntax, near '${near(text)}'`;

function splitFirst(text: string): [string, string | undefined] {
  const space = text.indexOf(' ');
  return space < 0 ? [text, undefined] : [text.slice(0, space), text.slice(space + 1)];
}

export interface NewAgent {
  id: number;
  name: string;
  ip?: string | null;
  registerIp?: string | null;
  internalKey?: string | null;
  dateAdd?: number;
}

export interface AgentRow {
  id: number;
  name: string;
  ip: string | null;
  register_ip: string | null;
  internal_key: string | null;
  connection_status: string;
  disconnection_time: number | null;
  date_add: number;
  version: string | null;
}

export class WazuhDb {
  readonly store: WdbStore;
  readonly groups: AgentGroups;
  readonly stats = new WdbStats();

  constructor(
    readonly paths: WazuhPaths,
    manager: ManagerIdentity,
  ) {
    this.store = new WdbStore(paths, manager);
    this.groups = new AgentGroups(this.store.global, paths.shared);
  }

  close(): void {
    this.store.close();
  }

  /** Handles one request of the command socket and returns the reply text (the server applies the byte cap). */
  handle(request: string): string {
    let input = request.replace(/^[ \n]+/, '');
    const newline = input.endsWith('\n');
    if (newline) input = input.slice(0, -1);
    const reply = input.startsWith('{') ? this.handleJson(input) : this.dispatch(input);
    return newline ? `${reply}\n` : reply;
  }

  // ---- in-process operations used by the other stand-ins ----

  agentExists(id: number): boolean {
    return this.store.global.statement('SELECT 1 FROM agent WHERE id = ?').get(id) !== undefined;
  }

  agentRow(id: number): AgentRow | undefined {
    return this.store.global
      .statement(
        'SELECT id, name, ip, register_ip, internal_key, connection_status, disconnection_time, date_add, version FROM agent WHERE id = ?',
      )
      .get(id) as AgentRow | undefined;
  }

  insertAgent(agent: NewAgent): void {
    this.store.global
      .statement(
        'INSERT INTO agent (id, name, ip, register_ip, internal_key, date_add, `group`) VALUES (?, ?, ?, ?, ?, ?, NULL)',
      )
      .run(
        agent.id,
        agent.name,
        agent.ip ?? null,
        agent.registerIp ?? null,
        agent.internalKey ?? null,
        agent.dateAdd ?? Math.floor(Date.now() / 1000),
      );
  }

  /** Removes the agent's rows (labels and memberships cascade) and its database file. */
  deleteAgent(id: number): boolean {
    const deleted = this.store.global.statement('DELETE FROM agent WHERE id = ?').run(id).changes > 0;
    if (id !== 0) this.store.removeAgentDb(id);
    return deleted;
  }

  setAgentGroups(mode: GroupSetMode, syncStatus: string, data: Array<{ id: number; groups: string[] }>): boolean {
    return this.groups.set(mode, syncStatus, data);
  }

  // ---- text protocol ----

  private dispatch(input: string): string {
    const [actor, rest] = splitFirst(input);
    if (rest === undefined) {
      this.stats.recordUnclassified();
      return syntaxError(input);
    }
    switch (actor) {
      case 'global':
        return this.timed('global', () => this.global(rest));
      case 'agent':
        return this.timed('agent', () => this.agent(rest));
      case 'task':
        return this.timed('task', () => this.task(rest));
      case 'mitre':
        return this.timed('mitre', () => this.mitre(rest));
      case 'wazuhdb':
        return this.timed('wazuhdb', () => this.wazuhdb(rest));
      default:
        this.stats.recordUnclassified();
        return `err Invalid DB query actor: '${near(actor)}'`;
    }
  }

  /** Runs a handler and books its time under the path it reports. */
  private timed(actor: WdbActorName, handler: () => [string[], string]): string {
    const started = process.hrtime.bigint();
    const [path, reply] = handler();
    this.stats.record(actor, path, Number(process.hrtime.bigint() - started) / 1e6);
    return reply;
  }

  private global(rest: string): [string[], string] {
    const [command, args] = splitFirst(rest);
    switch (command) {
      case 'sql': {
        if (args === undefined) return [['db', 'sql'], syntaxError(command)];
        const outcome = executeSql(this.store.global, args);
        return [['db', 'sql'], outcome.ok ? outcome.reply : `err Cannot execute Global database query; ${outcome.error}`];
      }
      case 'get-group-agents':
        return [['tables', 'belongs', command], args === undefined ? syntaxError(command) : this.getGroupAgents(args)];
      case 'set-agent-groups':
        return [['tables', 'agent', command], args === undefined ? syntaxError(command) : this.setAgentGroupsCommand(args)];
      case 'insert-agent':
        return [['tables', 'agent', command], args === undefined ? syntaxError(command) : this.insertAgentCommand(args)];
      case 'delete-agent': {
        if (args === undefined) return [['tables', 'agent', command], syntaxError(command)];
        this.store.global.statement('DELETE FROM agent WHERE id = ?').run(Number.parseInt(args, 10) || 0);
        return [['tables', 'agent', command], 'ok'];
      }
      default:
        return [['db', 'unknown'], syntaxError(command)];
    }
  }

  private agent(rest: string): [string[], string] {
    const [idText, query] = splitFirst(rest);
    if (query === undefined) return [['db', 'unknown'], syntaxError(idText)];
    if (!/^\s*[+-]?\d*$/.test(idText)) return [['db', 'unknown'], `err Invalid agent ID '${near(idText)}'`];
    const id = Number.parseInt(idText, 10) || 0;
    if (id !== 0 && !this.agentExists(id)) return [['db', 'unknown'], 'err Agent not found'];
    let database;
    try {
      database = this.store.agent(id);
    } catch {
      return [['db', 'unknown'], `err Couldn't open DB for agent ${id}`];
    }
    const [command, args] = splitFirst(query);
    switch (command) {
      case 'sql': {
        if (args === undefined) return [['db', 'sql'], syntaxError(command)];
        const outcome = executeSql(database, args);
        return [['db', 'sql'], outcome.ok ? outcome.reply : 'err Cannot execute SQL query'];
      }
      case 'rootcheck': {
        const path = ['tables', 'rootcheck', 'rootcheck'];
        if (args === undefined) return [path, `err Invalid Rootcheck query syntax, near '${near(command)}'`];
        if (args.trim() !== 'delete') return [path, `err Invalid rootcheck query syntax, near '${near(args)}'`];
        database.statement('DELETE FROM pm_event').run();
        return [path, 'ok 0'];
      }
      default:
        return [['db', 'unknown'], syntaxError(command)];
    }
  }

  private task(rest: string): [string[], string] {
    const [command, args] = splitFirst(rest);
    if (command !== 'sql' || args === undefined) return [['db', 'unknown'], syntaxError(command)];
    const outcome = executeSql(this.store.tasks(), args);
    return [['db', 'sql'], outcome.ok ? outcome.reply : `err Cannot execute Tasks database query; ${outcome.error}`];
  }

  private mitre(rest: string): [string[], string] {
    const database = this.store.mitre();
    if (!database) return [['db', 'unknown'], "err Couldn't open DB mitre"];
    const [command, args] = splitFirst(rest);
    if (args === undefined) return [['db', 'unknown'], syntaxError(command)];
    if (command !== 'sql') return [['db', 'unknown'], syntaxError(command)];
    const outcome = executeSql(database, args);
    return [['db', 'sql'], outcome.ok ? outcome.reply : `err Cannot execute Mitre database query; ${outcome.error}`];
  }

  /** `wazuhdb remove <id> ...`: deletes agent database files. */
  private wazuhdb(rest: string): [string[], string] {
    const [command, args] = splitFirst(rest);
    if (command !== 'remove' || args === undefined) return [['db', 'remove'], 'err No agents id provided'];
    const agents: Record<string, string> = {};
    for (const token of args.split(' ').filter(Boolean)) {
      const id = Number.parseInt(token, 10);
      if (!Number.isFinite(id) || id <= 0) {
        agents[token] = 'Invalid agent ID';
        continue;
      }
      agents[String(id).padStart(3, '0')] = this.store.removeAgentDb(id) ? 'Ok' : 'DB not found';
    }
    return [['db', 'remove'], `ok ${JSON.stringify({ agents })}`];
  }

  private getGroupAgents(args: string): string {
    const tokens = args.split(' ').filter(Boolean);
    if (tokens.length === 0) return 'err Invalid arguments, group name not found.';
    if (tokens[1] !== 'last_id') return "err Invalid arguments, 'last_id' not found.";
    if (tokens[2] === undefined) return 'err Invalid arguments, last agent id not found.';
    const lastId = Number.parseInt(tokens[2], 10) || 0;
    // The chunk must fit a reply with its status word; what does not fit is left for the next `due` round.
    const budget = REPLY_CAP_BYTES - 4;
    let body = '';
    for (const id of this.groups.agentIdsIn(tokens[0], lastId)) {
      const piece = body === '' ? String(id) : `,${id}`;
      if (body.length + piece.length + 2 > budget) return `due [${body}]`;
      body += piece;
    }
    return `ok [${body}]`;
  }

  private setAgentGroupsCommand(args: string): string {
    let request: { mode?: unknown; sync_status?: unknown; data?: unknown };
    try {
      request = parseRelaxedJson(args) as typeof request;
    } catch {
      return `err Invalid JSON syntax, near '${near(args)}'`;
    }
    if (!request || typeof request !== 'object' || typeof request.mode !== 'string' || !Array.isArray(request.data)) {
      return 'err Invalid JSON data, missing required fields';
    }
    if (!GROUP_SET_MODES.includes(request.mode as GroupSetMode)) {
      return `err Invalid mode '${request.mode}' in set_agent_groups command`;
    }
    const syncStatus = typeof request.sync_status === 'string' ? request.sync_status : 'synced';
    const ok = this.groups.set(request.mode as GroupSetMode, syncStatus, request.data);
    return ok ? 'ok' : 'err An error occurred during the set of the groups';
  }

  private insertAgentCommand(args: string): string {
    let data: Record<string, unknown>;
    try {
      data = parseRelaxedJson(args) as Record<string, unknown>;
    } catch {
      return `err Invalid JSON syntax, near '${near(args)}'`;
    }
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    if (!data || typeof data.id !== 'number' || typeof data.name !== 'string' || typeof data.date_add !== 'number') {
      return `err Invalid JSON data, near '${near(args)}'`;
    }
    try {
      this.store.global
        .statement(
          'INSERT INTO agent (id, name, ip, register_ip, internal_key, date_add, `group`) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(data.id, data.name, text(data.ip), text(data.register_ip), text(data.internal_key), data.date_add, text(data.group));
      return 'ok';
    } catch (error) {
      return `err Cannot execute Global database query; ${(error as Error).message}`;
    }
  }

  // ---- JSON dispatcher ----

  private handleJson(input: string): string {
    this.stats.recordUnclassified();
    let request: { command?: unknown; parameters?: { section?: unknown } };
    try {
      request = JSON.parse(input) as typeof request;
    } catch {
      return jsonReply(2, 'Invalid JSON input');
    }
    if (typeof request?.command !== 'string' || request.command === '') return jsonReply(3, 'Empty command');
    switch (request.command) {
      case 'getstats':
        return jsonReply(0, 'ok', this.stats.snapshot());
      case 'getconfig': {
        if (!request.parameters || typeof request.parameters !== 'object') return jsonReply(5, 'Empty parameters');
        const section = request.parameters.section;
        if (typeof section !== 'string' || section === '') return jsonReply(6, 'Empty section');
        const config = WDB_CONFIG[section];
        return config ? jsonReply(0, 'ok', { [section]: config }) : jsonReply(7, 'Unrecognized or not configured section');
      }
      default:
        return jsonReply(4, 'Unrecognized command');
    }
  }
}

function jsonReply(error: number, message: string, data: unknown = {}): string {
  return JSON.stringify({ error, message, data });
}

/** What the stand-in reports for `getconfig` (the defaults of a stock manager). */
const WDB_CONFIG: Record<string, unknown> = {
  wdb: { backup: [{ database: 'global', enabled: true, interval: 86400, max_files: 3 }] },
  internal: {
    wazuh_db: {
      commit_time_max: 60,
      commit_time_min: 10,
      open_db_limit: 64,
      worker_pool_size: 8,
      fragmentation_threshold: 75,
      fragmentation_delta: 5,
      free_pages_percentage: 0,
      max_fragmentation: 90,
      check_fragmentation_interval: 7200,
    },
  },
};
