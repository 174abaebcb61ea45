/**
 * A manager install in a temp dir with the embedded daemons running (wazuh-db, authd, remoted's AR queue...), the
 * real IPC clients the API uses, and helpers to seed the databases the monitoring endpoints read: agents in
 * global.db and client.keys, FIM and rootcheck rows in the agents' databases, tasks in tasks.db.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WazuhPaths } from '../../src/core/paths';
import { DatagramQueue, WazuhDBClient } from '../../src/ipc';
import { startHostFixture, type HostFixture } from '../daemons/helpers';

export interface SeedAgent {
  id: number;
  name: string;
  status: 'active' | 'disconnected' | 'never_connected' | 'pending';
  /** `Wazuh v4.14.4`; omitted for agents that never connected. */
  version?: string;
}

/** 001 current and active, 002 active but older than 3.12, 003 disconnected, 004 never connected. */
export const AGENTS: SeedAgent[] = [
  { id: 1, name: 'web01', status: 'active', version: 'Wazuh v4.14.4' },
  { id: 2, name: 'legacy02', status: 'active', version: 'Wazuh v3.11.0' },
  { id: 3, name: 'db03', status: 'disconnected', version: 'Wazuh v4.7.0' },
  { id: 4, name: 'new04', status: 'never_connected' },
  { id: 5, name: 'old05', status: 'active', version: 'Wazuh v4.1.5' },
];

export const pad = (id: number) => String(id).padStart(3, '0');

export interface MonitoringFixture {
  host: HostFixture;
  wdb: WazuhDBClient;
  ar: DatagramQueue;
  /** Opens an agent's database (wazuh-db creates it on first use). */
  agentDb(id: number): Promise<Database.Database>;
  tasksDb(): Promise<Database.Database>;
  /** Datagrams remoted's stand-in received on the AR queue so far. */
  arMessages(): string[];
  close(): Promise<void>;
}

export function seedAgents(global: Database.Database, clientKeys: string, agents: SeedAgent[] = AGENTS): void {
  const insert = global.prepare(
    'INSERT OR REPLACE INTO agent (id, name, register_ip, internal_key, date_add, connection_status, version) ' +
      "VALUES (?, ?, 'any', ?, 1700000000, ?, ?)",
  );
  global.transaction(() => {
    for (const agent of agents) insert.run(agent.id, agent.name, 'k'.repeat(64), agent.status, agent.version ?? null);
  })();
  const lines = agents.map((agent) => `${pad(agent.id)} ${agent.name} any ${'a'.repeat(64)}`);
  writeFileSync(clientKeys, `${lines.join('\n')}\n`);
}

/** The databases and records of an install the tests seed and read, opened beside the running daemons. */
export interface InstallData {
  /** Opens a SQLite file (closed by `close`). */
  open(file: string): Database.Database;
  /** Opens an agent's database (wazuh-db creates it on first use). */
  agentDb(id: number): Promise<Database.Database>;
  tasksDb(): Promise<Database.Database>;
  /** Datagrams remoted's stand-in received on the AR queue so far. */
  arMessages(): string[];
  close(): void;
}

export function installData(wdb: WazuhDBClient, paths: WazuhPaths): InstallData {
  const opened: Database.Database[] = [];
  const open = (file: string) => {
    const db = new Database(file);
    db.pragma('busy_timeout = 5000');
    opened.push(db);
    return db;
  };
  return {
    open,
    async agentDb(id) {
      // Any request makes wazuh-db build the database from Wazuh's schema.
      await wdb.sql(`agent ${pad(id)}`, 'SELECT count(*) FROM fim_entry');
      return open(paths.agentDb(pad(id)));
    },
    async tasksDb() {
      await wdb.sql('task', 'SELECT count(*) FROM tasks');
      return open(paths.tasksDb);
    },
    arMessages() {
      const file = join(paths.logs, 'active-responses-received.log');
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { message: string }).message);
    },
    close() {
      for (const db of opened) if (db.open) db.close();
    },
  };
}

export async function startMonitoringFixture(agents: SeedAgent[] = AGENTS): Promise<MonitoringFixture> {
  const host = await startHostFixture();
  const wdb = WazuhDBClient.forInstall(host.root);
  const ar = new DatagramQueue({ path: host.paths.sockets.activeResponse });
  seedAgents(host.openGlobal(), host.paths.clientKeys, agents);
  const data = installData(wdb, host.paths);
  return {
    host,
    wdb,
    ar,
    agentDb: data.agentDb,
    tasksDb: data.tasksDb,
    arMessages: data.arMessages,
    async close() {
      data.close();
      wdb.close();
      await host.close();
    },
  };
}

export interface FimRow {
  full_path: string;
  file?: string;
  type?: string;
  date?: number;
  mtime?: number;
  changes?: number;
  size?: number;
  perm?: string;
  uid?: string;
  gid?: string;
  uname?: string;
  gname?: string;
  md5?: string;
  sha1?: string;
  sha256?: string;
  inode?: number;
  attributes?: string;
  arch?: string;
  value_name?: string;
  value_type?: string;
}

export function insertFim(db: Database.Database, rows: FimRow[]): void {
  const columns = [
    'full_path', 'file', 'type', 'date', 'mtime', 'changes', 'size', 'perm', 'uid', 'gid', 'uname', 'gname', 'md5',
    'sha1', 'sha256', 'inode', 'attributes', 'arch', 'value_name', 'value_type',
  ] as const;
  const insert = db.prepare(
    `INSERT INTO fim_entry (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  db.transaction(() => {
    for (const row of rows) {
      const values: Record<string, unknown> = {};
      for (const column of columns) values[column] = row[column] ?? null;
      values.type ??= 'file';
      values.date ??= 1700000000;
      values.changes ??= 1;
      insert.run(values);
    }
  })();
}
