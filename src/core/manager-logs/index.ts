/**
 * `GET /manager/logs` and `/manager/logs/summary`: the last 2000 lines of the manager's log, parsed.
 *
 * Which file is read depends on the active logging format, which Wazuh asks execd for (`getconfig logging` on
 * `queue/sockets/com`); the caller does that and passes the format here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WazuhInternalError } from '../errors';
import type { WazuhPaths } from '../paths';
import { LogFormat, ManagerLogEntry, parseLogLine } from './parse';
import { tailLines } from './tail';

export { logTimeToIso, parseLogLine } from './parse';
export type { LogFormat, ManagerLogEntry } from './parse';
export { tailLines } from './tail';

/** How many trailing lines of the log the API looks at. */
export const LOG_LINES = 2000;

/** The fields a client may select or sort by. */
export const MANAGER_LOG_FIELDS = ['timestamp', 'tag', 'level', 'description'] as const;

export function managerLogFile(paths: Pick<WazuhPaths, 'logs'>, format: LogFormat): string {
  return join(paths.logs, format === 'json' ? 'ossec.json' : 'ossec.log');
}

/** Parsed entries of the last `limit` lines, oldest first. A missing log file is error 1020. */
export function readManagerLogs(
  paths: Pick<WazuhPaths, 'logs'>,
  format: LogFormat = 'plain',
  limit: number = LOG_LINES,
): ManagerLogEntry[] {
  const file = managerLogFile(paths, format);
  if (!existsSync(file)) throw new WazuhInternalError(1020);
  const entries: ManagerLogEntry[] = [];
  for (const line of tailLines(file, limit)) {
    const parsed = parseLogLine(line, format);
    if (parsed) entries.push(parsed);
  }
  return entries;
}

export interface LogLevelCounts {
  all: number;
  info: number;
  error: number;
  critical: number;
  warning: number;
  debug: number;
}

/**
 * Per-tag counts, as the affected items of `/manager/logs/summary`: `[{<tag>: counts}]` sorted by tag. A level
 * outside the five known ones is counted in `all` only.
 */
export function summarizeManagerLogs(entries: ManagerLogEntry[]): Record<string, LogLevelCounts>[] {
  const byTag = new Map<string, LogLevelCounts>();
  for (const { tag, level } of entries) {
    let counts = byTag.get(tag);
    if (!counts) {
      counts = { all: 0, info: 0, error: 0, critical: 0, warning: 0, debug: 0 };
      byTag.set(tag, counts);
    }
    counts.all += 1;
    if (level !== 'all' && level in counts) counts[level as keyof LogLevelCounts] += 1;
  }
  return [...byTag.keys()].sort().map((tag) => ({ [tag]: byTag.get(tag) as LogLevelCounts }));
}

/**
 * TEMPORARY — to be replaced by the shared query language of `src/core/query` (lead: switch `GET /manager/logs`
 * to it, feeding `level`/`tag` as `level=<x>;tag=<y>` ahead of the user's `q`, as Wazuh does). Until then only the
 * two exact-match filters are applied here.
 */
export function filterManagerLogs(
  entries: ManagerLogEntry[],
  filters: { level?: string; tag?: string },
): ManagerLogEntry[] {
  return entries.filter(
    (item) => (filters.level === undefined || item.level === filters.level) &&
      (filters.tag === undefined || item.tag === filters.tag),
  );
}
