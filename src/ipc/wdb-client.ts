/**
 * Client of the wazuh-db command socket (`queue/db/wdb`, protocol.md §2).
 *
 * Connections are kept and reused (wazuh-db serves many requests per connection); a small pool lets several API
 * requests query at once without interleaving frames. Replies are `<status>[ <payload>]`; `err` becomes framework
 * error 2003 (HTTP 400, like Wazuh), and a reply that reached the 64 KiB cap is re-requested in smaller pages.
 */
import { jsonRequest, parseJsonReply, type DaemonJsonReply } from './dispatcher';
import { StreamClient, type CallOptions } from './stream-client';
import { WDB_SOCKET_CODES } from './errors';
import { WDB_MAX_REPLY_BYTES } from './framing';
import { renderSqlLiteral } from '../core/query/sql-literal';
import { wazuhPaths } from '../core/paths';
import { WazuhError, WazuhInternalError } from '../core/errors';

/** Which database a command goes to: `global`, `task`, `mitre` or `agent <id>` (id with or without zeros). */
export type WdbActor = 'global' | 'task' | 'mitre' | `agent ${string}`;

export type WdbRow = Record<string, unknown>;

export interface WdbReply {
  /** `ok`, `due`, `err`, `ign`, `unk` (anything else is passed through). */
  status: string;
  /** Text after the first space ('' when there is none). */
  payload: string;
  /** Size of the whole reply frame; 65536 means wazuh-db cut it. */
  bytes: number;
}

export interface WdbSqlOptions extends CallOptions {
  /** Values for `?` placeholders, rendered with the project's one quoting function (`renderSqlLiteral`). */
  params?: readonly unknown[];
}

export interface WdbPageOptions extends WdbSqlOptions {
  /** Rows wanted (default: all). */
  limit?: number;
  /** Rows skipped (default 0). */
  offset?: number;
}

export type SetAgentGroupsMode = 'override' | 'append' | 'empty_only' | 'remove';

export interface SetAgentGroupsRequest {
  mode: SetAgentGroupsMode;
  /** Group sync flag stored with the change (the API sends `syncreq`). */
  syncStatus?: 'synced' | 'syncreq';
  data: Array<{ id: number | string; groups: string[] }>;
}

export interface WazuhDBClientOptions {
  /** `queue/db/wdb` of the install. */
  path: string;
  /** Connections kept open at once (default 4). */
  maxConnections?: number;
  /** Calls allowed to wait for a free connection (default 1024). */
  maxPending?: number;
  /** Default time budget of one request in ms (default 30 000). */
  timeoutMs?: number;
  /** Rows asked for in the first page of a paged query (default 500, like Wazuh's `request_slice`). */
  requestSlice?: number;
}

const HALF_CAP = WDB_MAX_REPLY_BYTES / 2;

export class WazuhDBClient {
  private readonly stream: StreamClient;
  private readonly requestSlice: number;

  constructor(options: WazuhDBClientOptions) {
    this.stream = new StreamClient({
      path: options.path,
      codes: WDB_SOCKET_CODES,
      reuse: true,
      maxConnections: options.maxConnections ?? 4,
      maxPending: options.maxPending,
      timeoutMs: options.timeoutMs ?? 30_000,
      name: 'wazuh-db',
    });
    this.requestSlice = Math.max(1, options.requestSlice ?? 500);
  }

  static forInstall(wazuhPath: string, options: Omit<WazuhDBClientOptions, 'path'> = {}): WazuhDBClient {
    return new WazuhDBClient({ ...options, path: wazuhPaths(wazuhPath).sockets.wdb });
  }

  get stats() {
    return this.stream.stats;
  }

  close(): void {
    this.stream.close();
  }

  /** Sends any command and returns the split reply; only transport failures throw. */
  async send(command: string, options: CallOptions = {}): Promise<WdbReply> {
    const frame = await this.stream.request(command, options);
    const text = frame.toString('utf8');
    const space = text.indexOf(' ');
    return {
      status: space < 0 ? text : text.slice(0, space),
      payload: space < 0 ? '' : text.slice(space + 1),
      bytes: frame.length,
    };
  }

  /** Sends a command whose reply is `ok [<json>]`; returns the parsed payload (undefined when there is none). */
  async command(command: string, options: CallOptions = {}): Promise<unknown> {
    const reply = await this.send(command, options);
    return parsePayload(expectOk(reply));
  }

  /** One `sql` request, no paging. The statement is checked like Wazuh's framework checks it (error 2004). */
  async sql<T extends WdbRow = WdbRow>(actor: WdbActor, sql: string, options: WdbSqlOptions = {}): Promise<T[]> {
    const text = this.prepare(actor, sql, options.params);
    const reply = await this.send(`${actor} sql ${text}`, options);
    if (reply.bytes >= WDB_MAX_REPLY_BYTES && reply.status !== 'err') throw new WazuhInternalError(2009);
    return parseRows<T>(expectOk(reply));
  }

  /**
   * Reads a `select` in pages, as Wazuh's framework does. The statement either has no `limit`/`offset` (give them
   * in `options`), or ends with `LIMIT ? OFFSET ?` whose values are the last two `params` (a limit of -1: none), as
   * `compileQuery` produces it. The first page asks
   * for `requestSlice` rows, a page that came back under half the reply cap doubles the next one, and a page that
   * hit the cap is asked again in two halves (down to one row; a single row over the cap is error 2009), after
   * which pages keep the size that fitted.
   */
  async query<T extends WdbRow = WdbRow>(actor: WdbActor, sql: string, options: WdbPageOptions = {}): Promise<T[]> {
    const paging = splitPaging(sql, options);
    const text = this.prepare(actor, paging.sql, paging.params);
    const base = `${actor} sql ${text}`;
    const rows: T[] = [];
    let offset = Math.max(0, paging.offset ?? 0);
    let remaining = paging.limit === undefined ? Number.POSITIVE_INFINITY : Math.max(0, paging.limit);
    let step = Math.min(this.requestSlice, remaining);
    while (remaining > 0) {
      const page = await this.page<T>(base, step, offset, options);
      for (const row of page.rows) rows.push(row);
      offset += page.rows.length;
      remaining -= page.rows.length;
      if (page.rows.length < step) break;
      step = Math.min(page.nextStep, remaining);
    }
    return rows;
  }

  /** First value of the first row of `sql` (for `select count(*) ...`, `select max(...) ...`). */
  async scalar(actor: WdbActor, sql: string, options: WdbSqlOptions = {}): Promise<unknown> {
    const rows = await this.sql(actor, sql, options);
    const first = rows[0];
    return first === undefined ? undefined : Object.values(first)[0];
  }

  /** Number of rows `sql` returns: `select count(*) from (<sql>)`, as the list endpoints count. */
  async countRows(actor: WdbActor, sql: string, options: WdbSqlOptions = {}): Promise<number> {
    const value = await this.scalar(actor, `select count(*) from (${sql})`, options);
    return typeof value === 'number' ? value : 0;
  }

  /** Ids of the agents in a group, following `due` replies (RBAC expansion of `agent:group:<name>`). */
  async getGroupAgents(group: string, options: CallOptions = {}): Promise<number[]> {
    if (!group || /\s/.test(group)) throw new WazuhError(2004, { extra: `Invalid group name '${group}'` });
    const ids: number[] = [];
    let lastId = 0;
    for (;;) {
      const reply = await this.send(`global get-group-agents ${group} last_id ${lastId}`, options);
      const chunk = parsePayload(expectOk(reply, true));
      if (!Array.isArray(chunk)) throw new WazuhInternalError(2006, { extra: 'get-group-agents' });
      for (const id of chunk) ids.push(Number(id));
      if (reply.status !== 'due' || chunk.length === 0) return ids;
      lastId = ids[ids.length - 1];
    }
  }

  /** `global set-agent-groups {...}`: assigns, appends or removes groups of agents. */
  async setAgentGroups(request: SetAgentGroupsRequest, options: CallOptions = {}): Promise<void> {
    const body = {
      mode: request.mode,
      sync_status: request.syncStatus ?? 'syncreq',
      data: request.data.map((item) => ({ id: Number(item.id), groups: item.groups })),
    };
    expectOk(await this.send(`global set-agent-groups ${JSON.stringify(body)}`, options));
  }

  /** `agent NNN rootcheck delete`: clears an agent's rootcheck results. */
  async rootcheckDelete(agentId: number | string, options: CallOptions = {}): Promise<void> {
    expectOk(await this.send(`agent ${formatAgentId(agentId)} rootcheck delete`, options));
  }

  /** JSON command dispatcher on the same socket (`getstats`, `getconfig`). */
  async jsonCommand<T = unknown>(
    command: string,
    parameters?: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<DaemonJsonReply<T>> {
    const frame = await this.stream.request(jsonRequest(command, parameters), options);
    return parseJsonReply<T>(frame.toString('utf8'));
  }

  getStats(options: CallOptions = {}): Promise<DaemonJsonReply> {
    return this.jsonCommand('getstats', undefined, options);
  }

  getConfig(section: string, options: CallOptions = {}): Promise<DaemonJsonReply> {
    return this.jsonCommand('getconfig', { section }, options);
  }

  private prepare(actor: WdbActor, sql: string, params: readonly unknown[] | undefined): string {
    const text = (params ? renderSqlLiteral(sql, params) : sql).trim();
    checkStatement(actor, text);
    return text;
  }

  /**
   * One page at `offset`; a page that hit the cap is fetched as two halves. `nextStep` is the page size to ask next:
   * doubled after a page under half the cap, kept after a fuller one, and after a split, what the second half
   * suggests (so the pager settles on a size that fits instead of splitting every page).
   */
  private async page<T>(
    base: string,
    step: number,
    offset: number,
    options: CallOptions,
  ): Promise<{ rows: T[]; nextStep: number }> {
    const reply = await this.send(`${base} limit ${step} offset ${offset}`, options);
    if (reply.status === 'err' || reply.bytes < WDB_MAX_REPLY_BYTES) {
      return { rows: parseRows<T>(expectOk(reply)), nextStep: reply.bytes < HALF_CAP ? step * 2 : step };
    }
    if (step === 1) throw new WazuhInternalError(2009);
    const firstHalf = Math.floor(step / 2);
    const first = await this.page<T>(base, firstHalf, offset, options);
    if (first.rows.length < firstHalf) return first;
    const second = await this.page<T>(base, step - firstHalf, offset + firstHalf, options);
    return { rows: first.rows.concat(second.rows), nextStep: second.nextStep };
  }
}

const PAGING_TAIL = /\s+limit\s+\?\s+offset\s+\?\s*$/i;

/** Separates a trailing `LIMIT ? OFFSET ?` (and its two values) from a statement, for the pager to re-bind. */
function splitPaging(
  sql: string,
  options: WdbPageOptions,
): { sql: string; params?: readonly unknown[]; limit?: number; offset?: number } {
  const params = options.params;
  if (!params || params.length < 2 || !PAGING_TAIL.test(sql)) {
    return { sql, params, limit: options.limit, offset: options.offset };
  }
  const boundLimit = params[params.length - 2];
  const boundOffset = params[params.length - 1];
  return {
    sql: sql.replace(PAGING_TAIL, ''),
    params: params.slice(0, -2),
    limit: options.limit ?? (typeof boundLimit === 'number' && boundLimit >= 0 ? boundLimit : undefined),
    offset: options.offset ?? (typeof boundOffset === 'number' ? boundOffset : 0),
  };
}

export function formatAgentId(agentId: number | string): string {
  return String(agentId).padStart(3, '0');
}

/** The checks Wazuh's framework applies before sending SQL (framework error 2004). */
function checkStatement(actor: WdbActor, sql: string): void {
  const [kind, id, extra] = actor.split(' ');
  if (extra !== undefined || !['agent', 'global', 'task', 'mitre'].includes(kind)) {
    throw new WazuhError(2004, { extra: `The ${kind} database is not valid` });
  }
  if (kind === 'agent' && !/^\d+$/.test(id ?? '')) throw new WazuhError(2004, { extra: `Incorrect agent ID ${id}` });
  if (kind !== 'agent' && id !== undefined) throw new WazuhError(2004, { extra: `The ${actor} database is not valid` });
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toLowerCase();
  if (kind === 'mitre') {
    if (verb !== 'select') throw new WazuhError(2004, { extra: 'Wrong SQL query for Mitre database' });
  } else if (verb !== 'select' && verb !== 'delete' && verb !== 'update') {
    throw new WazuhError(2004, { extra: 'Only "select", "delete" or "update" requests can be sent to WDB' });
  }
  if (hasBareSemicolon(sql)) throw new WazuhError(2004, { extra: 'Found a not valid symbol in database query: ;' });
}

/** A `;` outside quoted text would let a second statement ride along. */
function hasBareSemicolon(sql: string): boolean {
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === ';') {
      return true;
    }
  }
  return false;
}

function expectOk(reply: WdbReply, allowDue = false): string {
  if (reply.status === 'ok' || (allowDue && reply.status === 'due')) return reply.payload;
  if (reply.status === 'err') throw new WazuhError(2003, { extra: reply.payload });
  throw new WazuhInternalError(2007, { extra: reply.payload ? `${reply.status} ${reply.payload}` : reply.status });
}

function parsePayload(payload: string): unknown {
  if (payload.trim() === '') return undefined;
  try {
    return JSON.parse(payload);
  } catch (error) {
    throw new WazuhInternalError(2006, { extra: (error as Error).message });
  }
}

function parseRows<T>(payload: string): T[] {
  const rows = parsePayload(payload);
  if (rows === undefined) return [];
  if (!Array.isArray(rows)) throw new WazuhInternalError(2006, { extra: 'expected a JSON array of rows' });
  return rows as T[];
}
