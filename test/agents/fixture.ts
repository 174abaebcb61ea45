/**
 * A real install for core tests: the embedded daemons (wazuh-db, authd, remoted, modulesd) running in this process
 * on a short temporary WAZUH_PATH, the socket clients of `src/ipc`, and a direct read-only view of global.db for
 * checking what the API says against what is stored.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { arLogPath } from '../../src/daemons/remoted/ar-queue';
import Database from 'better-sqlite3';
import { startDaemonHost, type DaemonHost } from '../../src/daemons/host';
import { createAgentDeps, type AgentClients } from '../../src/core/agents';
import { seedFleet } from '../../scripts/seed';

export interface CoreFixture {
  root: string;
  deps: AgentClients;
  host: DaemonHost;
  /** A query on global.db (opened for each call, so it sees the daemon's latest writes). */
  sql<T = Record<string, unknown>>(text: string, ...params: unknown[]): T[];
  /** A change made straight in global.db (what remoted would record when agents connect). */
  exec(text: string, ...params: unknown[]): void;
  /** The datagrams remoted's queue received, as the stand-in records them. */
  arMessages(): Array<{ agent?: string; flags?: string; kind: string; command?: string; message: string }>;
  close(): Promise<void>;
}

export async function startCoreFixture(options: { agents?: number; seed?: number } = {}): Promise<CoreFixture> {
  const root = mkdtempSync('/tmp/wa');
  if (options.agents) seedFleet(root, { agents: options.agents, seed: options.seed ?? 7 });
  const host = await startDaemonHost(root, { hostname: 'wazuh-manager' });
  const deps = createAgentDeps(root);
  return {
    root,
    deps,
    host,
    sql<T>(text: string, ...params: unknown[]): T[] {
      const db = new Database(deps.paths.globalDb, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(text).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    exec(text: string, ...params: unknown[]): void {
      const db = new Database(deps.paths.globalDb);
      db.pragma('busy_timeout = 5000');
      try {
        db.prepare(text).run(...params);
      } finally {
        db.close();
      }
    },
    arMessages() {
      const file = arLogPath(deps.paths);
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    },
    async close() {
      deps.close();
      await host.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
