/**
 * The statistics files analysisd leaves under `stats/` and the deprecated daemon state files under `var/run/`,
 * read for `GET /manager/stats`, `/stats/hourly`, `/stats/weekly`, `/stats/analysisd` and `/stats/remoted`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WazuhError, WazuhInternalError } from '../errors';
import type { WazuhPaths } from '../paths';

export const WEEK_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export interface RuleFirings {
  sigid: number;
  level: number;
  times: number;
}

/** One hour of `stats/totals/...`: the rules that fired and the hour's counters. */
export interface HourTotals {
  hour: number;
  alerts: RuleFirings[];
  totalAlerts: number;
  events: number;
  syscheck: number;
  firewall: number;
}

export interface HourlyAverages {
  averages: number[];
  interactions: number;
}

export type WeeklyAverages = Partial<Record<(typeof WEEK_DAYS)[number], { hours: number[]; interactions: number }>>;

const pad2 = (value: number) => String(value).padStart(2, '0');

/** `stats/totals/<YYYY>/<Mon>/ossec-totals-<DD>.log` for the UTC calendar day of `date`. */
export function statsTotalsFile(paths: Pick<WazuhPaths, 'stats'>, date: Date): string {
  return join(
    paths.stats,
    'totals',
    String(date.getUTCFullYear()),
    MONTHS[date.getUTCMonth()],
    `ossec-totals-${pad2(date.getUTCDate())}.log`,
  );
}

function integer(text: string): number {
  if (!/^\s*-?\d+\s*$/.test(text)) throw new WazuhInternalError(1309);
  return Number.parseInt(text, 10);
}

/**
 * Parses a totals file: `hour-sigid-level-times` lines list the rules that fired, and each
 * `hour--alerts--events--syscheck--firewall` line closes an hour with the lines read since the previous one.
 */
export function parseStatsTotals(content: string): HourTotals[] {
  const hours: HourTotals[] = [];
  let alerts: RuleFirings[] = [];
  for (const line of content.split('\n')) {
    const single = line.split('-');
    if (single.length === 4) {
      alerts.push({ sigid: integer(single[1]), level: integer(single[2]), times: integer(single[3]) });
      continue;
    }
    const double = line.split('--');
    if (double.length === 1) continue;
    if (double.length !== 5) throw new WazuhInternalError(1309);
    const [hour, totalAlerts, events, syscheck, firewall] = double.map(integer);
    hours.push({ hour, alerts, totalAlerts, events, syscheck, firewall });
    alerts = [];
  }
  return hours;
}

/** The totals of one day; a missing file is error 1308 naming it. */
export function readStatsTotals(paths: Pick<WazuhPaths, 'stats'>, date: Date): HourTotals[] {
  const file = statsTotalsFile(paths, date);
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    throw new WazuhError(1308, { extra: file });
  }
  return parseStatsTotals(content);
}

/** Files 0-23 hold per-hour averages, file 24 the number of days averaged; a missing file counts as 0. */
function readAverageFolder(folder: string): HourlyAverages {
  const averages: number[] = [];
  let interactions = 0;
  for (let index = 0; index <= 24; index += 1) {
    let value = 0;
    try {
      value = integer(readFileSync(join(folder, String(index)), 'utf8'));
    } catch (error) {
      if (error instanceof WazuhError) throw error;
    }
    if (index === 24) interactions = value;
    else averages.push(value);
  }
  return { averages, interactions };
}

export function readHourlyStats(paths: Pick<WazuhPaths, 'stats'>): HourlyAverages[] {
  return [readAverageFolder(join(paths.stats, 'hourly-average'))];
}

/** One item per week day, `Sun` (folder 0) to `Sat` (folder 6), each with `hours` and `interactions`. */
export function readWeeklyStats(paths: Pick<WazuhPaths, 'stats'>): WeeklyAverages[] {
  return WEEK_DAYS.map((day, index) => {
    const { averages, interactions } = readAverageFolder(join(paths.stats, 'weekly-average', String(index)));
    return { [day]: { hours: averages, interactions } };
  });
}

const STATE_LINE = /^(\w*)=(.*)$/gm;

/**
 * A `key='value'` state file (comments and blank lines ignored), every value a number. A missing file is error
 * 1308; a value that is not a number is internal error 1104.
 */
export function readDaemonStateFile(file: string): Record<string, number>[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    throw new WazuhError(1308, { extra: file });
  }
  const items: Record<string, number> = {};
  for (const [, key, quoted] of content.matchAll(STATE_LINE)) {
    const text = quoted.slice(1, -1);
    const value = Number(text);
    if (text.trim() === '' || Number.isNaN(value)) {
      throw new WazuhInternalError(1104, { extra: `could not convert string to float: '${text}'` });
    }
    items[key] = value;
  }
  return [items];
}

export function analysisdStateFile(paths: Pick<WazuhPaths, 'varRun'>): string {
  return join(paths.varRun, 'wazuh-analysisd.state');
}

export function remotedStateFile(paths: Pick<WazuhPaths, 'varRun'>): string {
  return join(paths.varRun, 'wazuh-remoted.state');
}

export function readAnalysisdState(paths: Pick<WazuhPaths, 'varRun'>): Record<string, number>[] {
  return readDaemonStateFile(analysisdStateFile(paths));
}

export function readRemotedState(paths: Pick<WazuhPaths, 'varRun'>): Record<string, number>[] {
  return readDaemonStateFile(remotedStateFile(paths));
}
