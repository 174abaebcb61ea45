/**
 * `GET /manager/logs`: the parsed tail of the manager's log run through the one query language (`q`, `search`,
 * `sort`, `select`, `distinct`, paging). The entries are loaded into a throw-away in-memory SQLite table so the
 * compiled query runs exactly as it does over wazuh-db tables.
 */
import Database from 'better-sqlite3';
import { compileQuery, defineQueryModel, shapeRows, type ApiItem, type QueryParams } from '../query';

export interface LogEntry {
  timestamp: string;
  tag: string;
  level: string;
  description: string;
}

export const MANAGER_LOGS_MODEL = defineQueryModel({
  name: 'manager-logs',
  from: 'logs',
  fields: {
    timestamp: { sql: 'timestamp' },
    tag: { sql: 'tag' },
    level: { sql: 'level' },
    description: { sql: 'description' },
    // File order: entries with the same timestamp keep the order they were written in.
    line: { sql: 'line', type: 'number', hidden: true },
  },
  defaultSort: { field: 'timestamp', order: 'desc' },
  key: 'line',
});

export interface LogQuery extends Omit<QueryParams, 'filters'> {
  level?: string;
  tag?: string;
}

/** `level` and `tag` act as `q` conditions placed before the user's own, as Wazuh joins them. */
function combinedQuery(query: LogQuery): string | undefined {
  const parts: string[] = [];
  if (query.level) parts.push(`level=${query.level}`);
  if (query.tag) parts.push(`tag=${query.tag}`);
  if (query.q) parts.push(query.q);
  return parts.length > 0 ? parts.join(';') : undefined;
}

/** Filters, sorts and pages log entries; `total` counts every match, `items` is the page. */
export function queryManagerLogs(entries: readonly LogEntry[], query: LogQuery = {}): { items: ApiItem[]; total: number } {
  const { level: _level, tag: _tag, ...rest } = query;
  const compiled = compileQuery(MANAGER_LOGS_MODEL, { ...rest, q: combinedQuery(query) });
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE logs (line INTEGER PRIMARY KEY, timestamp TEXT, tag TEXT, level TEXT, description TEXT)');
    const insert = db.prepare('INSERT INTO logs (line, timestamp, tag, level, description) VALUES (?, ?, ?, ?, ?)');
    db.transaction(() => {
      entries.forEach((entry, index) => insert.run(index, entry.timestamp, entry.tag, entry.level, entry.description));
    })();
    const total = Number((db.prepare(compiled.countSql).get(...compiled.countParams) as { total: number }).total);
    const rows = db.prepare(compiled.rowsSql).all(...compiled.rowsParams) as Record<string, unknown>[];
    return { items: shapeRows(MANAGER_LOGS_MODEL, compiled, rows), total };
  } finally {
    db.close();
  }
}
