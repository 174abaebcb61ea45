/**
 * `GET /manager/logs`: the parsed tail of the manager's log run through the one query language (`q`, `search`,
 * `sort`, `select`, `distinct`, paging), through the query language's in-memory list support.
 */
import { defineQueryModel, type ApiItem, type QueryParams, queryArray } from '../query';

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
  return queryArray(
    MANAGER_LOGS_MODEL,
    { name: 'logs', columns: { line: 'INTEGER', timestamp: 'TEXT', tag: 'TEXT', level: 'TEXT', description: 'TEXT' } },
    entries.map((entry, line) => ({ line, ...entry })),
    { ...rest, q: combinedQuery(query) },
  );
}
