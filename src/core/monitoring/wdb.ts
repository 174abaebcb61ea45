/**
 * What the monitoring modules (syscheck, rootcheck, tasks, MITRE) need from wazuh-db, and how they read a list.
 *
 * `WdbReader` is the slice of the wazuh-db client (`src/ipc`) core uses; core never opens a socket itself. A list is
 * read the way Wazuh's framework reads it: the count first, then the page, and no page request at all when the count
 * says there is nothing to show. The page statement comes from `compileQuery`; the client's pager takes its trailing
 * `LIMIT ? OFFSET ?` and asks wazuh-db in slices that fit the 64 KiB reply cap.
 */
import { shapeRows, type ApiItem, type CompiledQuery, type QueryModel } from '../query';

/** Which database a command goes to: `global`, `task`, `mitre` or `agent <id>`. */
export type WdbActor = 'global' | 'task' | 'mitre' | `agent ${string}`;
export type WdbRow = Record<string, unknown>;

export interface WdbCallOptions {
  signal?: AbortSignal;
}

export interface WdbSqlOptions extends WdbCallOptions {
  /** Values of the statement's `?` placeholders (rendered as SQL literals by the client). */
  params?: readonly unknown[];
}

export interface WdbReader {
  /**
   * A `select` read in slices. A statement ending with `LIMIT ? OFFSET ?` (as `compileQuery` writes it) takes its
   * page from the last two params; a limit of -1 means every row.
   */
  query<T extends WdbRow = WdbRow>(actor: WdbActor, sql: string, options?: WdbSqlOptions): Promise<T[]>;
  /** One `sql` request, no paging (`delete`, small selects). */
  sql<T extends WdbRow = WdbRow>(actor: WdbActor, sql: string, options?: WdbSqlOptions): Promise<T[]>;
  /** First value of the first row. */
  scalar(actor: WdbActor, sql: string, options?: WdbSqlOptions): Promise<unknown>;
}

/** The client can also clear rootcheck results (`agent NNN rootcheck delete`). */
export interface WdbClient extends WdbReader {
  rootcheckDelete(agentId: string, options?: WdbCallOptions): Promise<void>;
}

/** A page of API items and the number of items of the whole list. */
export interface ListResult {
  total: number;
  items: ApiItem[];
}

export interface ListPage<T = WdbRow> {
  /** Every matching row, not only the page. */
  total: number;
  rows: T[];
}

/** Runs a compiled list query against one wazuh-db actor. */
export async function readList<T extends WdbRow = WdbRow>(
  wdb: WdbReader,
  actor: WdbActor,
  compiled: CompiledQuery,
  options: WdbCallOptions = {},
): Promise<ListPage<T>> {
  const counted = Number(await wdb.scalar(actor, compiled.countSql, { ...options, params: compiled.countParams }));
  const total = Number.isFinite(counted) && counted > 0 ? counted : 0;
  if (total === 0 || compiled.offset >= total) return { total, rows: [] };
  const rows = await wdb.query<T>(actor, compiled.rowsSql, { ...options, params: compiled.rowsParams });
  return { total, rows };
}

/** A listing of `model` as API items: the count, the page `compiled` asks for, each row shaped by the model. */
export async function readItems(
  wdb: WdbReader,
  actor: WdbActor,
  model: QueryModel,
  compiled: CompiledQuery,
  options: WdbCallOptions = {},
): Promise<ListResult> {
  const page = await readList(wdb, actor, compiled, options);
  return { total: page.total, items: shapeRows(model, compiled, page.rows) };
}
