/**
 * One line of `logs/ossec.log` (plain) or `logs/ossec.json` as `GET /manager/logs` shows it. Lines that do not
 * have the expected shape (stack traces, wrapped messages, partial writes) are skipped, as Wazuh skips them.
 */
export type LogFormat = 'plain' | 'json';

export interface ManagerLogEntry {
  /** `YYYY-MM-DDTHH:MM:SSZ`; the log's local time is taken as UTC, without conversion, as Wazuh does. */
  timestamp: string;
  tag: string;
  level: string;
  description: string;
}

// `2024/05/01 10:00:00 wazuh-remoted[123]: INFO: text`; the tag is the first word before `: LEVEL:`, and the
// description keeps whatever follows the level's colon, leading space included.
const PLAIN_LINE = /^(\d{4}\/\d\d\/\d\d\s\d\d:\d\d:\d\d)\s(\S+)(?:\[.*)?:\s(DEBUG|INFO|CRITICAL|ERROR|WARNING):(.*)$/;
const LOG_TIME = /^(\d{4})\/(\d\d)\/(\d\d)\s(\d\d):(\d\d):(\d\d)$/;

/** `YYYY/MM/DD HH:MM:SS` → `YYYY-MM-DDTHH:MM:SSZ`, or null when it is not a real date and time. */
export function logTimeToIso(value: string): string | null {
  const match = LOG_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day &&
    hour < 24 && minute < 60 && second < 60;
  if (!real) return null;
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`;
}

function entry(time: string, tag: string, level: string, description: string): ManagerLogEntry | null {
  const timestamp = logTimeToIso(time);
  if (!timestamp) return null;
  return {
    timestamp,
    tag: tag.includes('rootcheck') ? 'wazuh-rootcheck' : tag,
    level: level.toLowerCase(),
    description,
  };
}

function parsePlain(line: string): ManagerLogEntry | null {
  const match = PLAIN_LINE.exec(line);
  return match ? entry(match[1], match[2], match[3], match[4]) : null;
}

function parseJson(line: string): ManagerLogEntry | null {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return null;
  }
  if (!record || typeof record !== 'object') return null;
  const { timestamp, tag, level, description } = record as Record<string, unknown>;
  if (typeof timestamp !== 'string' || typeof tag !== 'string' || typeof level !== 'string') return null;
  if (description === undefined) return null;
  return entry(timestamp, tag, level, typeof description === 'string' ? description : JSON.stringify(description));
}

export function parseLogLine(line: string, format: LogFormat = 'plain'): ManagerLogEntry | null {
  return format === 'json' ? parseJson(line) : parsePlain(line);
}
