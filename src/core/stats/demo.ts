/**
 * Plausible statistics files for a demo install, in the formats analysisd and remoted write them: a week of
 * daily totals up to the current hour, hourly and weekly averages, and the two deprecated state files. The
 * numbers come from a generator seeded by the day, so one day's seeding is reproducible.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { WazuhPaths } from '../paths';
import { analysisdStateFile, remotedStateFile, statsTotalsFile } from './read';
import { seededRandom } from '../seeded-random';

// Rules commonly seen on a small Linux fleet: [sigid, level, typical firings per hour, counts as syscheck].
const RULES: [number, number, number, boolean][] = [
  [221, 0, 600, false],
  [530, 0, 120, false],
  [1002, 2, 6, false],
  [5402, 3, 8, false],
  [5501, 3, 12, false],
  [5502, 3, 12, false],
  [5715, 3, 5, false],
  [5710, 5, 3, false],
  [510, 7, 1, false],
  [550, 7, 2, true],
  [554, 5, 3, true],
  [31101, 5, 4, false],
];

function write(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o770 });
  writeFileSync(file, content, { mode: 0o640 });
}

function dayTotals(random: () => number, hours: number): string {
  let out = '';
  for (let hour = 0; hour < hours; hour += 1) {
    // Office hours are busier than the night.
    const load = hour >= 8 && hour <= 19 ? 1 : 0.4;
    let alerts = 0;
    let syscheck = 0;
    for (const [sigid, level, typical, isSyscheck] of RULES) {
      const times = Math.round(typical * load * (0.5 + random()));
      if (times === 0) continue;
      out += `${hour}-${sigid}-${level}-${times}\n`;
      alerts += times;
      if (isSyscheck) syscheck += times;
    }
    const events = alerts * 6 + Math.round(random() * 500);
    out += `${hour}--${alerts}--${events}--${syscheck}--0\n\n`;
  }
  return out;
}

function averages(random: () => number, base: number): number[] {
  return Array.from({ length: 24 }, (_, hour) => Math.round(base * (hour >= 8 && hour <= 19 ? 1 : 0.4) * (0.8 + random() * 0.4)));
}

function analysisdState(random: () => number): string {
  const decoded = 4000 + Math.round(random() * 2000);
  const counters: [string, number][] = [
    ['total_events_decoded', decoded],
    ['syscheck_events_decoded', Math.round(decoded * 0.05)],
    ['syscollector_events_decoded', Math.round(decoded * 0.1)],
    ['rootcheck_events_decoded', Math.round(decoded * 0.02)],
    ['sca_events_decoded', Math.round(decoded * 0.03)],
    ['winevt_events_decoded', 0],
    ['dbsync_messages_dispatched', Math.round(decoded * 0.2)],
    ['other_events_decoded', Math.round(decoded * 0.6)],
    ['events_processed', Math.round(decoded * 0.65)],
    ['events_received', decoded + 3],
    ['events_dropped', 0],
    ['alerts_written', Math.round(decoded * 0.04)],
    ['firewall_written', 0],
    ['fts_written', Math.round(random() * 5)],
  ];
  const queues = ['syscheck', 'syscollector', 'rootcheck', 'sca', 'hostinfo', 'winevt', 'dbsync', 'upgrade', 'event',
    'rule_matching', 'alerts', 'firewall', 'statistical', 'archives'];
  let out = '# State file for wazuh-analysisd (deprecated format)\n\n';
  for (const [key, value] of counters) out += `${key}='${value}'\n`;
  for (const queue of queues) out += `${queue}_queue_usage='${(random() * 0.05).toFixed(2)}'\n${queue}_queue_size='16384'\n`;
  return out;
}

function remotedState(random: () => number): string {
  const events = 9000 + Math.round(random() * 1000);
  const counters: [string, number][] = [
    ['queue_size', 0],
    ['total_queue_size', 131072],
    ['tcp_sessions', 4],
    ['evt_count', events],
    ['ctrl_msg_count', Math.round(events / 4)],
    ['discarded_count', 0],
    ['sent_bytes', events * 86],
    ['recv_bytes', events * 500],
    ['dequeued_after_close', 0],
    ['ctrl_msg_queue_usage', 0],
    ['ctrl_msg_queue_inserted', Math.round(events / 4)],
    ['ctrl_msg_queue_replaced', 0],
    ['ctrl_msg_queue_processed', Math.round(events / 4)],
  ];
  let out = '# State file for wazuh-remoted (deprecated format)\n\n';
  for (const [key, value] of counters) out += `${key}='${value}'\n`;
  return out;
}

/** Writes every statistics file the manager endpoints read. Existing files are overwritten. */
export function writeDemoStats(paths: Pick<WazuhPaths, 'stats' | 'varRun'>, now: Date = new Date()): void {
  const dayStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const random = seededRandom(dayStart / 86_400_000);
  for (let back = 6; back >= 0; back -= 1) {
    const day = new Date(dayStart - back * 86_400_000);
    write(statsTotalsFile(paths, day), dayTotals(random, back === 0 ? now.getUTCHours() + 1 : 24));
  }
  const hourly = averages(random, 900);
  hourly.forEach((value, hour) => write(join(paths.stats, 'hourly-average', String(hour)), String(value)));
  write(join(paths.stats, 'hourly-average', '24'), '7');
  for (let weekDay = 0; weekDay < 7; weekDay += 1) {
    const folder = join(paths.stats, 'weekly-average', String(weekDay));
    const base = weekDay === 0 || weekDay === 6 ? 500 : 1000;
    averages(random, base).forEach((value, hour) => write(join(folder, String(hour)), String(value)));
    write(join(folder, '24'), '1');
  }
  write(analysisdStateFile(paths), analysisdState(random));
  write(remotedStateFile(paths), remotedState(random));
}
