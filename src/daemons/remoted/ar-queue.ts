/**
 * Reader of `queue/alerts/ar`, the datagram queue remoted takes agent commands from (protocol.md §5.3). There are
 * no agents behind the stand-in, so each message is recorded as one JSON line in
 * `logs/active-responses-received.log`, classified the way remoted would act on it. None of these messages changes
 * the databases at the time it is sent (a restarted agent reports back later), so nothing else is touched.
 *
 * Restarting 10 000 agents is 10 000 datagrams: lines are gathered and appended together, at the latest
 * `FLUSH_AFTER_MS` after the first one of a batch arrived, and on stop, so readers of the log see every message
 * within a few tens of milliseconds without the daemon paying one synchronous write per datagram.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WazuhPaths } from '../../core/paths';

export const AR_LOG_FILE = 'active-responses-received.log';

export type ArMessageKind = 'restart' | 'reconnect' | 'scan' | 'active-response' | 'unknown';

export interface ArRecord {
  timestamp: string;
  /** Three flag characters, e.g. `NNS` (specific agent), `N!S` (control message). */
  flags?: string;
  /** Target agent id as sent (`001`), or `(null)`. */
  agent?: string;
  kind: ArMessageKind;
  /** The command name for active responses and restarts (`!custom.sh`, `restart-wazuh0`). */
  command?: string;
  payload?: string;
  message: string;
}

export function arLogPath(paths: WazuhPaths): string {
  return join(paths.logs, AR_LOG_FILE);
}

export function classifyArMessage(message: string, now = new Date()): ArRecord {
  const record: ArRecord = { timestamp: now.toISOString(), kind: 'unknown', message };
  const match = /^\(msg_to_agent\) \[\] (\S{3}) (\S+) ([\s\S]*)$/.exec(message);
  if (!match) return record;
  const [, flags, agent, payload] = match;
  Object.assign(record, { flags, agent, payload });
  if (payload === 'force_reconnect') record.kind = 'reconnect';
  else if (payload === 'syscheck restart') record.kind = 'scan';
  else {
    let command: string | undefined;
    if (payload.startsWith('{')) {
      const end = payload.lastIndexOf('}');
      try {
        command = (JSON.parse(payload.slice(0, end + 1)) as { command?: string }).command;
      } catch {
        command = undefined;
      }
    } else {
      command = payload.split(' ')[0];
    }
    record.command = command;
    record.kind = command && /^restart-(wazuh|ossec)\d*$/.test(command) ? 'restart' : 'active-response';
  }
  return record;
}

/** Longest time a recorded line waits in memory. */
const FLUSH_AFTER_MS = 20;
/** A batch this long is written at once. */
const FLUSH_LINES = 2000;

export class ArRecorder {
  private lines: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly file: string;

  constructor(paths: WazuhPaths) {
    this.file = arLogPath(paths);
  }

  record(message: Buffer): ArRecord {
    const record = classifyArMessage(message.toString('utf8'));
    this.lines.push(`${JSON.stringify(record)}\n`);
    if (this.lines.length >= FLUSH_LINES) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_AFTER_MS);
      this.timer.unref();
    }
    return record;
  }

  /** Writes what is waiting (also called on stop). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length === 0) return;
    const text = this.lines.join('');
    this.lines = [];
    try {
      appendFileSync(this.file, text);
    } catch {
      // An unwritable log loses these lines, as it lost single ones before; the queue keeps being read.
    }
  }
}
