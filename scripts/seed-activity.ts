/**
 * The activity half of `npm run seed`: what a manager accumulates besides its agent list, so that a newcomer who
 * opens the dashboard sees a living manager. For the manager and a sample of active agents it writes their
 * per-agent databases (`queue/db/NNN.db`, Wazuh's schema) with file-integrity entries, the last FIM scan and
 * rootcheck findings between scan markers; it also writes the statistics files (`stats/`) and a few days of
 * `logs/ossec.log`. Everything is drawn from a seeded generator, like the fleet.
 */
import { appendFileSync, existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { seededRandom } from '../src/core/seeded-random';
import { writeDemoStats } from '../src/core/stats';
import type { WazuhPaths } from '../src/core/paths';
import { schemaText } from '../src/daemons/wazuh-db/store';
import { padAgentId } from '../src/core/agents/model';

export interface ActivityOptions {
  /** How many active agents (besides the manager) get FIM and rootcheck data. */
  sampleAgents: number;
  seed: number;
  /** Epoch seconds. */
  now: number;
}

export interface ActivitySummary {
  agentDatabases: string[];
  logLines: number;
}

const LINUX_FILES = [
  '/etc/passwd', '/etc/shadow', '/etc/group', '/etc/hosts', '/etc/sudoers', '/etc/ssh/sshd_config',
  '/etc/crontab', '/etc/resolv.conf', '/usr/bin/ssh', '/usr/bin/sudo', '/usr/sbin/sshd', '/bin/bash', '/bin/ls',
];
const WINDOWS_FILES = [
  'c:\\windows\\system32\\drivers\\etc\\hosts', 'c:\\windows\\system32\\cmd.exe', 'c:\\windows\\regedit.exe',
  'c:\\windows\\system32\\wbem\\wmic.exe', 'c:\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe',
];
const ROOTCHECK_FINDINGS: Array<[log: string, pciDss: string | null, cis: string | null]> = [
  ['System Audit: SSH Hardening - Root can log in. File: /etc/ssh/sshd_config. Reference: 3 .', '2.2.4', '5.2.8'],
  ["Trojaned version of file '/bin/diff' detected. Signature used: 'bash|^/bin/sh|file\\.h|proc\\.h' (Generic).", null, null],
  ['File /dev/.blkid.tab present on /dev. Possible hidden file.', null, null],
  ['System Audit: CIS - Partition /tmp without nodev option. File: /etc/fstab. Reference: 1.1.3 .', '2.2.4', '1.1.3'],
  ['Process 1872 hidden from /proc. Possible kernel level rootkit.', '11.4', null],
];
const LOG_LINES: Array<[tag: string, level: string, text: string]> = [
  ['wazuh-remoted', 'INFO', 'Agent key already in use: agent ID'],
  ['wazuh-analysisd', 'INFO', 'Total rules enabled: 6843'],
  ['wazuh-syscheckd', 'INFO', '(6009): File integrity monitoring scan ended.'],
  ['wazuh-rootcheck', 'INFO', 'Ending rootcheck scan.'],
  ['wazuh-modulesd:syscollector', 'INFO', 'Evaluation finished.'],
  ['wazuh-authd', 'INFO', 'New connection from 10.0.4.17'],
  ['wazuh-db', 'WARNING', 'DB(012) Cannot open database: file is not a database'],
  ['wazuh-remoted', 'WARNING', 'Unable to send message to agent 044: agent is not connected'],
  ['wazuh-analysisd', 'ERROR', 'Invalid decoder name: mycustom'],
  ['wazuh-execd', 'INFO', 'Active response command: restart-wazuh'],
];

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** Agents that get activity: the manager, then a sample of active agents spread over the id range. */
function sampleAgents(globalDb: string, count: number): Array<{ id: number; platform: string }> {
  const db = new Database(globalDb, { readonly: true });
  try {
    const active = db
      .prepare("SELECT id, COALESCE(os_platform, '') AS platform FROM agent WHERE id > 0 AND connection_status = 'active'")
      .all() as Array<{ id: number; platform: string }>;
    const step = Math.max(1, Math.floor(active.length / Math.max(1, count)));
    const sample = active.filter((_, index) => index % step === 0).slice(0, count);
    return [{ id: 0, platform: 'ubuntu' }, ...sample];
  } finally {
    db.close();
  }
}

function writeAgentDatabase(file: string, platform: string, random: () => number, now: number): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(schemaText('agents'));
    const windows = platform === 'windows';
    const insertFile = db.prepare(
      `INSERT OR REPLACE INTO fim_entry (full_path, file, type, date, changes, arch, size, perm, uid, gid, md5, sha1,
         uname, gname, mtime, inode, sha256, attributes, checksum)
       VALUES (?, ?, 'file', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertEvent = db.prepare('INSERT INTO pm_event (date_first, date_last, log, pci_dss, cis) VALUES (?, ?, ?, ?, ?)');
    const scanStart = now - 3600 - Math.floor(random() * 3600);
    db.transaction(() => {
      for (const path of windows ? WINDOWS_FILES : LINUX_FILES) {
        const changed = now - Math.floor(random() * 30 * 86400);
        insertFile.run(
          path, path, changed, 1 + Math.floor(random() * 4), windows ? '[x64]' : null, 200 + Math.floor(random() * 900_000),
          windows ? null : random() < 0.2 ? 'rw-r-----' : 'rw-r--r--', windows ? 'S-1-5-32-544' : '0', windows ? null : '0',
          hex(random, 32), hex(random, 40), windows ? 'Administrators' : 'root', windows ? null : 'root',
          changed - Math.floor(random() * 86400), windows ? null : 100_000 + Math.floor(random() * 900_000), hex(random, 64),
          windows ? 'ARCHIVE' : null, hex(random, 40),
        );
      }
      db.prepare(
        `INSERT OR REPLACE INTO scan_info (module, first_start, first_end, start_scan, end_scan, fim_first_check,
           fim_second_check, fim_third_check) VALUES ('fim', ?, ?, ?, ?, ?, ?, ?)`,
      ).run(scanStart - 86400 * 7, scanStart - 86400 * 7 + 240, scanStart, scanStart + 180, scanStart, scanStart, scanStart);
      const rootcheckStart = scanStart + 300;
      insertEvent.run(rootcheckStart - 86400 * 7, rootcheckStart, 'Starting rootcheck scan.', null, null);
      for (const [log, pci, cis] of ROOTCHECK_FINDINGS) {
        if (random() < 0.4) continue;
        insertEvent.run(rootcheckStart - Math.floor(random() * 86400 * 7), rootcheckStart + 20, log, pci, cis);
      }
      insertEvent.run(rootcheckStart - 86400 * 7, rootcheckStart + 60, 'Ending rootcheck scan.', null, null);
    })();
  } finally {
    db.close();
  }
}

function logTimestamp(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A few days of ossec.log, oldest first, appended after whatever the file already holds. */
function writeOssecLog(file: string, random: () => number, now: number): number {
  const lines: string[] = [];
  let at = now - 3 * 86400;
  while (at < now) {
    const [tag, level, text] = LOG_LINES[Math.floor(random() * LOG_LINES.length)];
    lines.push(`${logTimestamp(at)} ${tag}: ${level}: ${text}`);
    at += 60 + Math.floor(random() * 900);
  }
  appendFileSync(file, `${lines.join('\n')}\n`);
  return lines.length;
}

export function seedActivity(paths: WazuhPaths, options: ActivityOptions): ActivitySummary {
  const random = seededRandom(options.seed * 7919 + 17);
  const agentDatabases: string[] = [];
  for (const { id, platform } of sampleAgents(paths.globalDb, options.sampleAgents)) {
    const file = paths.agentDb(padAgentId(id));
    if (existsSync(file)) continue; // an agent database already there is real data: leave it
    writeAgentDatabase(file, platform, random, options.now);
    agentDatabases.push(file);
  }
  writeDemoStats(paths, new Date(options.now * 1000));
  const logLines = writeOssecLog(paths.ossecLog, random, options.now);
  return { agentDatabases, logLines };
}
