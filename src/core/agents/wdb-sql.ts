/**
 * Running compiled queries over the wazuh-db command socket, whose replies are capped at 64 KiB.
 *
 * Wazuh's own pager starts with 500 rows and halves a page whenever the reply hits the cap, so a page of full agent
 * rows costs several wasted queries. Here the page size is chosen from the size of rows seen so far for the same
 * column list, so a page is nearly always one query that fits. When the order is the table key (the default for
 * agents), later pages continue after the last key instead of using OFFSET, so reading 100 000 rows does not make
 * SQLite step over the earlier rows again for every page.
 */
import { WazuhError, WazuhInternalError } from '../errors';
import { and, cond, compileQuery, renderSqlLiteral, shapeRows } from '../query';
import type { ApiItem, CompileOptions, CompiledQuery, QueryModel, QueryParams } from '../query';
import type { CallOpts, WazuhDbPort } from './ports';

/** wazuh-db never sends more than this; a reply of this size was cut. */
export const WDB_REPLY_CAP = 65536;
/** Aim below the cap: rows of one listing differ in size. */
const PAGE_TARGET_BYTES = 56 * 1024;
const FIRST_PAGE_ROWS = 500;
const MAX_PAGE_ROWS = 20_000;

export type WdbActorName = 'global' | 'task' | `agent ${string}`;
type Row = Record<string, unknown>;

function parseRows(payload: string): Row[] {
  if (payload.trim() === '') return [];
  let rows: unknown;
  try {
    rows = JSON.parse(payload);
  } catch (error) {
    throw new WazuhInternalError(2006, { extra: (error as Error).message });
  }
  if (!Array.isArray(rows)) throw new WazuhInternalError(2006, { extra: 'expected a JSON array of rows' });
  return rows as Row[];
}

interface SqlReply {
  rows: Row[];
  bytes: number;
  /** The reply reached the cap: the rows are incomplete. */
  cut: boolean;
}

async function sqlRequest(wdb: WazuhDbPort, actor: WdbActorName, sql: string, call: CallOpts): Promise<SqlReply> {
  const reply = await wdb.send(`${actor} sql ${sql}`, call);
  if (reply.status === 'err') throw new WazuhError(2003, { extra: reply.payload });
  if (reply.status !== 'ok') throw new WazuhInternalError(2007, { extra: `${reply.status} ${reply.payload}`.trim() });
  if (reply.bytes >= WDB_REPLY_CAP) return { rows: [], bytes: reply.bytes, cut: true };
  return { rows: parseRows(reply.payload), bytes: reply.bytes, cut: false };
}

/** Rows of one statement that is known to be small (a count, a handful of ids). */
export async function wdbRows(
  wdb: WazuhDbPort,
  actor: WdbActorName,
  sql: string,
  params: readonly unknown[],
  call: CallOpts = {},
): Promise<Row[]> {
  const reply = await sqlRequest(wdb, actor, renderSqlLiteral(sql, params), call);
  if (reply.cut) throw new WazuhInternalError(2009);
  return reply.rows;
}

/** First value of the first row (counts). */
export async function wdbScalar(
  wdb: WazuhDbPort,
  actor: WdbActorName,
  sql: string,
  params: readonly unknown[],
  call: CallOpts = {},
): Promise<number> {
  const rows = await wdbRows(wdb, actor, sql, params, call);
  const value = rows[0] === undefined ? undefined : Object.values(rows[0])[0];
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** Learned bytes per row, by column list. */
const rowSizes = new Map<string, number>();

function stepFor(signature: string): number {
  const size = rowSizes.get(signature);
  if (size === undefined) return FIRST_PAGE_ROWS;
  return Math.max(1, Math.min(MAX_PAGE_ROWS, Math.floor(PAGE_TARGET_BYTES / size)));
}

function learn(signature: string, reply: SqlReply): void {
  if (reply.rows.length === 0) return;
  const perRow = Math.max(1, Math.ceil(reply.bytes / reply.rows.length));
  const known = rowSizes.get(signature);
  // Rows differ in size: keep the larger of the old and new estimates, slowly forgetting old large ones.
  rowSizes.set(signature, known === undefined ? perRow : Math.max(perRow, Math.round(known * 0.9)));
}

/** A statement whose last two placeholders are LIMIT and OFFSET, as `compileQuery` produces them. */
interface PagedStatement {
  sql: string;
  params: unknown[];
}

/**
 * Fetches `want` rows (all when null), one capped reply at a time. The next page is asked for as soon as the
 * current one has arrived, and the current one is handed on while wazuh-db computes the next, so the two
 * processes overlap instead of taking turns; a consumer that stops early leaves at most one request behind.
 */
async function* readPages(
  wdb: WazuhDbPort,
  actor: WdbActorName,
  signature: string,
  want: number | null,
  statement: (position: number, count: number, lastRow: Row | undefined) => PagedStatement,
  call: CallOpts,
  first?: { count: number; reply: Promise<SqlReply> },
): AsyncGenerator<Row[]> {
  let remaining = want ?? Number.POSITIVE_INFINITY;
  let position = 0;
  let lastRow: Row | undefined;
  const ask = (count: number) => {
    const { sql, params } = statement(position, count, lastRow);
    const reply = sqlRequest(wdb, actor, renderSqlLiteral(sql, params), call);
    reply.catch(() => undefined); // awaited below, unless the consumer has stopped
    return { count, reply };
  };
  let pending: { count: number; reply: Promise<SqlReply> } | undefined =
    first ?? ask(Math.min(stepFor(signature), remaining));
  while (pending) {
    const { count, reply: replyPromise } = pending;
    const reply = await replyPromise;
    pending = undefined;
    if (call.signal?.aborted) throw call.signal.reason ?? new WazuhInternalError(3021);
    if (reply.cut) {
      if (count === 1) throw new WazuhInternalError(2009);
      pending = ask(Math.max(1, Math.floor(count / 2)));
      continue;
    }
    learn(signature, reply);
    position += reply.rows.length;
    remaining -= reply.rows.length;
    if (reply.rows.length > 0) lastRow = reply.rows[reply.rows.length - 1];
    if (reply.rows.length === count && remaining > 0) pending = ask(Math.min(stepFor(signature), remaining));
    yield reply.rows;
  }
}

/** Page requests of one listing waiting in wazuh-db at once: enough to keep it busy, few replies held at a time. */
const PAGES_IN_FLIGHT = 8;

/**
 * Reads the rows `[from, to)` of an OFFSET-paged statement, in order, with a window of page requests in flight:
 * wazuh-db answers the next ones while the page at the head is being used, and a long listing never has more than
 * the window's raw replies in memory. A page that comes back cut is asked again in halves.
 */
async function* readChunks(
  wdb: WazuhDbPort,
  actor: WdbActorName,
  signature: string,
  from: number,
  to: number,
  statement: (position: number, count: number) => PagedStatement,
  call: CallOpts,
): AsyncGenerator<Row[]> {
  const step = stepFor(signature);
  const read = async (position: number, count: number): Promise<Row[]> => {
    const { sql, params } = statement(position, count);
    const reply = await sqlRequest(wdb, actor, renderSqlLiteral(sql, params), call);
    if (!reply.cut) {
      learn(signature, reply);
      return reply.rows;
    }
    if (count === 1) throw new WazuhInternalError(2009);
    const half = Math.floor(count / 2);
    const head = await read(position, half);
    return head.length < half ? head : head.concat(await read(position + half, count - half));
  };
  const pages = Math.ceil(Math.max(0, to - from) / step);
  const window: Promise<Row[]>[] = [];
  let next = 0;
  const fill = () => {
    while (window.length < PAGES_IN_FLIGHT && next < pages) {
      const position = from + next++ * step;
      const page = read(position, Math.min(step, to - position));
      page.catch(() => undefined); // awaited in turn, unless the consumer stops or an earlier page fails
      window.push(page);
    }
  };
  fill();
  while (window.length > 0) {
    const rows = await (window.shift() as Promise<Row[]>);
    fill();
    yield rows;
  }
}

/** Pages at most this long are read with parallel OFFSET requests; longer reads continue after the last key. */
const PARALLEL_ROWS = 5000;

export interface ListResult {
  items: ApiItem[];
  total: number;
}

/**
 * A listing whose items are read on demand: the count is known, the items come page by page (already shaped) as
 * `pages` is iterated, so a long listing can be passed on without ever being whole in memory. Iterate once.
 */
export interface PagedList {
  total: number;
  pages: AsyncIterable<ApiItem[]>;
}

export interface RunOptions {
  actor?: WdbActorName;
  /** Skip the count (callers that only need rows). */
  noCount?: boolean;
  call?: CallOpts;
}

function keysetEligible(model: QueryModel, params: QueryParams, options: CompileOptions): boolean {
  const key = model.spec.key;
  return (
    key !== undefined &&
    model.spec.defaultSort.field === key &&
    model.spec.defaultSort.order === 'asc' &&
    (params.sort === undefined || params.sort.trim() === '') &&
    !params.distinct &&
    options.groupBy === undefined &&
    model.spec.groupBy === undefined
  );
}

function withoutPaging(compiled: CompiledQuery): PagedStatement {
  return { sql: compiled.rowsSql, params: compiled.rowsParams.slice(0, -2) };
}

/**
 * Count and page of a listing: one count statement, sent together with the first page, then as many page
 * statements as the reply cap requires. Nothing is read beyond the requested page.
 */
export async function runQuery(
  wdb: WazuhDbPort,
  model: QueryModel,
  params: QueryParams,
  options: CompileOptions = {},
  run: RunOptions = {},
): Promise<ListResult> {
  const list = await openQuery(wdb, model, params, options, run);
  const items: ApiItem[] = [];
  for await (const page of list.pages) for (const item of page) items.push(item);
  return { items, total: run.noCount ? items.length : list.total };
}

/** An empty listing, still an async iterable. */
async function* noPages(): AsyncGenerator<ApiItem[]> {}

/**
 * `runQuery` without collecting: resolves once the count is known (the first page is asked for at the same time),
 * and reads the rest of the pages as they are consumed.
 */
export async function openQuery(
  wdb: WazuhDbPort,
  model: QueryModel,
  params: QueryParams,
  options: CompileOptions = {},
  run: RunOptions = {},
): Promise<PagedList> {
  const actor = run.actor ?? 'global';
  const call = run.call ?? {};
  const compiled = compileQuery(model, params, options);
  const signature = `${model.spec.name}:${compiled.outputFields.join(',')}`;
  const base = withoutPaging(compiled);
  const keyset = keysetEligible(model, params, options);
  const keyField = model.spec.key as string;
  const want = compiled.limit;
  const statement = (position: number, count: number, lastRow: Row | undefined): PagedStatement => {
    if (keyset && lastRow !== undefined) {
      // Continue after the last key read: same filters, no OFFSET.
      const after = cond(keyField, '>', Number(lastRow[keyField]));
      const next = compileQuery(
        model,
        { ...params, offset: 0, limit: null },
        { ...options, where: options.where ? and(options.where, after) : after },
      );
      const stmt = withoutPaging(next);
      return { sql: stmt.sql, params: [...stmt.params, count, 0] };
    }
    return { sql: base.sql, params: [...base.params, count, compiled.offset + position] };
  };

  const counting = run.noCount
    ? undefined
    : wdbScalar(wdb, actor, compiled.countSql, compiled.countParams, call);
  let first: { count: number; reply: Promise<SqlReply> } | undefined;
  if (want !== 0) {
    const count = Math.min(stepFor(signature), want ?? Number.POSITIVE_INFINITY);
    const { sql, params: values } = statement(0, count, undefined);
    first = { count, reply: sqlRequest(wdb, actor, renderSqlLiteral(sql, values), call) };
    // Not awaited yet: a failed count must not leave this rejection unobserved.
    first.reply.catch(() => undefined);
  }
  const total = counting ? await counting : -1;
  const shape = (rows: Row[]) => shapeRows(model, compiled, rows);
  const available = total < 0 ? Number.POSITIVE_INFINITY : Math.max(0, total - compiled.offset);
  const needed = Math.min(want ?? Number.POSITIVE_INFINITY, available);

  async function* pages(head: { count: number; reply: Promise<SqlReply> }): AsyncGenerator<ApiItem[]> {
    if (Number.isFinite(needed) && (needed <= PARALLEL_ROWS || !keyset)) {
      // Small pages, and orders that cannot continue after a key: the first page is in flight already, the rest of
      // the range is asked for as soon as it has arrived.
      const reply = await head.reply;
      if (reply.cut || reply.rows.length < Math.min(head.count, needed)) {
        // The first estimate was wrong (cut reply) or rows changed under us: fall back to reading in sequence.
        const again = { count: head.count, reply: Promise.resolve(reply) };
        for await (const rows of readPages(wdb, actor, signature, want, statement, call, again)) yield shape(rows);
        return;
      }
      learn(signature, reply);
      const rest = readChunks(
        wdb,
        actor,
        signature,
        reply.rows.length,
        needed,
        (position, count) => ({ sql: base.sql, params: [...base.params, count, compiled.offset + position] }),
        call,
      );
      // Started before the first page is shaped, so wazuh-db works on the next pages meanwhile.
      const started = rest.next();
      started.catch(() => undefined);
      yield shape(reply.rows);
      let step = await started;
      while (!step.done) {
        yield shape(step.value);
        step = await rest.next();
      }
      return;
    }
    if (total !== 0) {
      for await (const rows of readPages(wdb, actor, signature, want, statement, call, head)) yield shape(rows);
    } else {
      await head.reply;
    }
  }
  if (!first) return { total: Math.max(total, 0), pages: noPages() };
  return { total, pages: pages(first) };
}
