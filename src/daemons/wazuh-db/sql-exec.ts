/**
 * `<actor> sql <SQL>`: runs the statement on a real SQLite database and prints the rows as wazuh-db does. The
 * reply is cut at 65536 bytes like the daemon's `snprintf` cuts it; rows past the cap are not even read. Small
 * replies of costly reads are reused until the database changes (`read-cache.ts`).
 */
import type { SqlDatabase, Statement } from './sql-database';
import { ReadCache } from './read-cache';
import { formatRows } from './row-format';

export const REPLY_CAP_BYTES = 65536;

const columnKeys = new WeakMap<Statement, string[]>();

function keysOf(statement: Statement): string[] {
  let keys = columnKeys.get(statement);
  if (!keys) {
    keys = statement.columns().map((column) => JSON.stringify(column.name));
    columnKeys.set(statement, keys);
  }
  return keys;
}

export type SqlOutcome = { ok: true; reply: string } | { ok: false; error: string };

export function executeSql(database: SqlDatabase, sql: string): SqlOutcome {
  try {
    const cached = ReadCache.eligible(sql) ? database.reads.lookup(sql) : undefined;
    if (cached && 'reply' in cached) return { ok: true, reply: cached.reply };
    const started = process.hrtime.bigint();
    const statement = database.statement(sql);
    if (!statement.reader) {
      statement.run();
      return { ok: true, reply: 'ok []' };
    }
    statement.raw(true);
    const rows = statement.iterate() as Iterable<unknown[]>;
    const reply = formatRows('ok ', keysOf(statement), rows, REPLY_CAP_BYTES);
    if (cached) database.reads.offer(sql, cached.stamp, reply, Number(process.hrtime.bigint() - started) / 1e6);
    return { ok: true, reply };
  } catch (error) {
    // Not `instanceof Error`: under jest the native module's errors come from another realm.
    const message = (error as { message?: unknown } | null)?.message;
    return { ok: false, error: typeof message === 'string' ? message : String(error) };
  }
}

/** The reply as bytes, cut at the cap (a cut reply is no longer valid JSON; clients detect it by its size). */
export function capReply(reply: string): Buffer {
  const bytes = Buffer.from(reply, 'utf8');
  return bytes.length > REPLY_CAP_BYTES ? bytes.subarray(0, REPLY_CAP_BYTES) : bytes;
}
