/**
 * A temporary install with a stock ossec.conf, and a small `agent` table answering wazuh-db's `global sql` text
 * protocol, for exercising the stand-ins' request handlers without the daemon host.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { writeDefaultOssecConf } from '../../../src/core/ossec-conf';
import { wazuhPaths, type WazuhPaths } from '../../../src/core/paths';
import type { WdbRequestHandler } from '../../../src/daemons/components/agents';

export interface Install {
  root: string;
  paths: WazuhPaths;
  cleanup(): void;
}

export function tempInstall(): Install {
  const root = mkdtempSync('/tmp/wmd-');
  const paths = wazuhPaths(root);
  for (const dir of [paths.etc, paths.logs, paths.varRun, `${root}/queue/sockets`, `${root}/queue/alerts`]) {
    mkdirSync(dir, { recursive: true });
  }
  writeDefaultOssecConf(paths);
  return { root, paths, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface TestAgent {
  id: number;
  name: string;
  status: string;
  version?: string;
}

/** An in-memory global.db `agent` table behind wazuh-db's `global sql <statement>` -> `ok <rows>` protocol. */
export function agentTable(agents: TestAgent[]): WdbRequestHandler & { close(): void } {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE agent (id INTEGER PRIMARY KEY, name TEXT, ip TEXT, connection_status TEXT, version TEXT,
    last_keepalive INTEGER, date_add INTEGER)`);
  const insert = db.prepare('INSERT INTO agent VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const agent of agents) {
    insert.run(agent.id, agent.name, 'any', agent.status, agent.version ?? 'Wazuh v4.14.4', 1_700_000_000, 1_690_000_000);
  }
  return {
    handle(request: string): string {
      const match = /^global sql (.*)$/s.exec(request);
      if (!match) return 'err Invalid request';
      try {
        const rows = db.prepare(match[1]).all() as Record<string, unknown>[];
        return `ok ${JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null))))}`;
      } catch (error) {
        return `err ${(error as Error).message}`;
      }
    },
    close: () => db.close(),
  };
}
