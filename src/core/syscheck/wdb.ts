/**
 * What the monitoring modules (syscheck, rootcheck, tasks, MITRE) need from wazuh-db, and how they read a list.
 *
 * `WdbReader` is the slice of the wazuh-db client (`src/ipc`) core uses; core never opens a socket itself. A list is
 * read the way Wazuh's framework reads it: the count first, then the page, and no page request at all when the count
 * says there is nothing to show. The page statement comes from `compileQuery`; its trailing `LIMIT ? OFFSET ?` is
 * handed to the client's pager, which asks wazuh-db in slices that fit the 64 KiB reply cap.
 */
import { renderSqlLiteral, type CompiledQuery } from '../query';

/** Which database a command goes to: `global`, `task`, `mitre` or `agent <id>`. */
export type WdbActor = 'global' | 'task' | 'mitre' | `agent ${string}`;
export type WdbRow = Record<string, unknown>;

export interface WdbCallOptions {
  signal?: AbortSignal;
}

export interface WdbReader {
  /** A `select` without its own limit/offset, read in slices; `limit` undefined means every row. */
  query<T extends WdbRow = WdbRow>(
    actor: WdbActor,
    sql: string,
    options?: WdbCallOptions & { limit?: number; offset?: number },
  ): Promise<T[]>;
  /** One `sql` request, no paging (`delete`, small selects). */
  sql<T extends WdbRow = WdbRow>(actor: WdbActor, sql: string, options?: WdbCallOptions): Promise<T[]>;
  /** First value of the first row. */
  scalar(actor: WdbActor, sql: string, options?: WdbCallOptions): Promise<unknown>;
}

/** The client can also clear rootcheck results (`agent NNN rootcheck delete`). */
export interface WdbClient extends WdbReader {
  rootcheckDelete(agentId: string, options?: WdbCallOptions): Promise<void>;
}

export interface ListPage<T = WdbRow> {
  /** Every matching row, not only the page. */
  total: number;
  rows: T[];
}

const PAGE_TAIL = / LIMIT \? OFFSET \?$/;

/** Runs a compiled list query against one wazuh-db actor. */
export async function readList<T extends WdbRow = WdbRow>(
  wdb: WdbReader,
  actor: WdbActor,
  compiled: CompiledQuery,
  options: WdbCallOptions = {},
): Promise<ListPage<T>> {
  const total = Number(await wdb.scalar(actor, renderSqlLiteral(compiled.countSql, compiled.countParams), options));
  if (!Number.isFinite(total) || total <= 0 || compiled.offset >= total) {
    return { total: Number.isFinite(total) && total > 0 ? total : 0, rows: [] };
  }
  if (!PAGE_TAIL.test(compiled.rowsSql)) throw new Error('compiled query does not end with LIMIT ? OFFSET ?');
  const base = compiled.rowsSql.replace(PAGE_TAIL, '');
  const text = renderSqlLiteral(base, compiled.rowsParams.slice(0, -2));
  const rows = await wdb.query<T>(actor, text, {
    ...options,
    offset: compiled.offset,
    limit: compiled.limit ?? undefined,
  });
  return { total, rows };
}
