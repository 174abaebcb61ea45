import Database from 'better-sqlite3';
import { startDaemonHost, type DaemonHost } from '../../src/daemons/host';
import { wazuhPaths } from '../../src/core/paths';
import { shortTempDir } from '../ipc/helpers';

export { shortTempDir, sleep } from '../ipc/helpers';

export interface HostFixture {
  root: string;
  paths: ReturnType<typeof wazuhPaths>;
  host: DaemonHost;
  /** A second, direct connection to global.db for seeding and checking (WAL allows it beside the daemon). */
  openGlobal(): Database.Database;
  close(): Promise<void>;
}

export async function startHostFixture(hostname = 'wazuh-manager'): Promise<HostFixture> {
  const tmp = shortTempDir();
  const host = await startDaemonHost(tmp.dir, { hostname });
  const paths = wazuhPaths(tmp.dir);
  const opened: Database.Database[] = [];
  return {
    root: tmp.dir,
    paths,
    host,
    openGlobal() {
      const db = new Database(paths.globalDb);
      db.pragma('busy_timeout = 5000');
      opened.push(db);
      return db;
    },
    async close() {
      for (const db of opened) if (db.open) db.close();
      await host.stop();
      tmp.cleanup();
    },
  };
}

/** Inserts agents 1..count straight into global.db, with the given name pattern and status. */
export function seedAgents(db: Database.Database, count: number, name = (i: number) => `agent-${i}`): void {
  const insert = db.prepare(
    "INSERT INTO agent (id, name, register_ip, internal_key, date_add, connection_status, os_platform, version) VALUES (?, ?, 'any', ?, 1700000000, ?, ?, 'Wazuh v4.14.4')",
  );
  const statuses = ['active', 'disconnected', 'never_connected', 'pending'];
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      insert.run(i, name(i), 'k'.repeat(64), statuses[i % 4], i % 3 === 0 ? 'centos' : 'ubuntu');
    }
  })();
}
