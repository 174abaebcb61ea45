/**
 * The databases wazuh-db serves, laid out as a real manager keeps them: `queue/db/global.db`,
 * `queue/db/NNN.db` (one per agent, created on first use), `queue/tasks/tasks.db` and `var/db/mitre.db` (never
 * created here: it ships with Wazuh, or `npm run mitre:import` builds it). Missing files are built from Wazuh's
 * own DDL (`schema/`); existing files are opened as they are, only gaining the extra indexes below.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { WazuhPaths } from '../../core/paths';
import type Database from 'better-sqlite3';
import { SqlDatabase, openDatabase } from './sql-database';
import { hostOsColumns, type ManagerIdentity } from './manager-identity';

/**
 * Indexes that keep agent listings and summaries fast at 100k–1M agents. The framework filters with
 * `collate nocase` and groups or sorts with the default collation, so both forms are indexed where both are used.
 * Several are composite so that a filtered count or a summary reads one index and never the table:
 * status + platform (`q=status=active;os.platform=...`), status + configuration sync (`/agents/summary/status` in
 * one pass), node + status, name/platform/version (the overview's OS list), and registration date descending with
 * the id ascending inside it (the overview's last registered agent, `sort=-dateAdd`). `IF NOT EXISTS` keeps them
 * harmless on a real manager's file.
 */
const GLOBAL_EXTRA_INDEXES: Array<[name: string, definition: string]> = [
  ['api_agent_name_nocase', 'agent (name COLLATE NOCASE)'],
  ['api_agent_status_config', 'agent (connection_status, group_config_status)'],
  ['api_agent_status_nocase_name', 'agent (connection_status COLLATE NOCASE, name)'],
  ['api_agent_status_platform_nocase', 'agent (connection_status COLLATE NOCASE, os_platform COLLATE NOCASE)'],
  ['api_agent_os_platform', 'agent (os_platform)'],
  ['api_agent_os_platform_nocase', 'agent (os_platform COLLATE NOCASE)'],
  ['api_agent_os', 'agent (os_name, os_platform, os_version)'],
  ['api_agent_last_keepalive', 'agent (last_keepalive)'],
  ['api_agent_date_add', 'agent (date_add)'],
  ['api_agent_date_add_desc', 'agent (date_add DESC)'],
  ['api_agent_node_status', 'agent (node_name, connection_status)'],
  ['api_agent_node_name_nocase', 'agent (node_name COLLATE NOCASE)'],
  ['api_agent_group_nocase', 'agent (`group` COLLATE NOCASE)'],
  ['api_agent_version', 'agent (version)'],
  ['api_agent_group_config_status', 'agent (group_config_status)'],
  ['api_agent_register_ip', 'agent (register_ip)'],
];

/** Indexes earlier versions added that a composite one above now covers (only our own `api_` names). */
const SUPERSEDED_INDEXES = ['api_agent_status'];

/**
 * Creates the missing extra indexes and keeps the planner's statistics usable. Indexes created on a file that
 * already holds agents are analysed at once, fully: without statistics SQLite takes `connection_status = ?` for
 * a selective filter and sorts every active agent to serve a page, and sampled statistics (`analysis_limit`) are
 * no better here, since the first entries of such an index all share one value. That costs seconds once on a file
 * with a million agents. `PRAGMA optimize` then keeps statistics current as tables grow.
 */
function prepareGlobalIndexes(db: Database.Database): void {
  const existing = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'api\\_%' ESCAPE '\\'").all() as Array<{ name: string }>)
      .map((row) => row.name),
  );
  const missing = GLOBAL_EXTRA_INDEXES.filter(([name]) => !existing.has(name));
  for (const name of SUPERSEDED_INDEXES) if (existing.has(name)) db.exec(`DROP INDEX IF EXISTS ${name}`);
  for (const [name, definition] of missing) db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`);
  const populated = db.prepare('SELECT 1 FROM agent WHERE id != 0 LIMIT 1').get() !== undefined;
  if (missing.length > 0 && populated) db.exec('ANALYZE');
  db.pragma('optimize = 0x10002');
}

/** Open per-agent databases kept at once (wazuh-db's `open_db_limit` plays the same role). */
const AGENT_DB_LIMIT = 64;

function schemaDir(): string {
  const beside = join(__dirname, 'schema');
  if (existsSync(beside)) return beside;
  // compiled to dist/: the DDL stays with the sources
  return resolve(__dirname, '..', '..', '..', '..', 'src', 'daemons', 'wazuh-db', 'schema');
}

const schemaCache = new Map<string, string>();
export function schemaText(name: 'global' | 'agents' | 'tasks'): string {
  let text = schemaCache.get(name);
  if (text === undefined) {
    text = readFileSync(join(schemaDir(), `${name}.sql`), 'utf8');
    schemaCache.set(name, text);
  }
  return text;
}

export class WdbStore {
  readonly global: SqlDatabase;
  private readonly agents = new Map<number, SqlDatabase>();
  private tasksDb: SqlDatabase | undefined;
  private mitreDb: SqlDatabase | undefined;

  constructor(
    readonly paths: WazuhPaths,
    readonly manager: ManagerIdentity,
  ) {
    mkdirSync(paths.queueDb, { recursive: true });
    this.global = this.openGlobal();
  }

  agentDbFile(id: number): string {
    return this.paths.agentDb(String(id).padStart(3, '0'));
  }

  /** The agent's database, created from the agents schema when it does not exist yet. */
  agent(id: number): SqlDatabase {
    const open = this.agents.get(id);
    if (open) {
      this.agents.delete(id);
      this.agents.set(id, open);
      return open;
    }
    const file = this.agentDbFile(id);
    const fresh = !existsSync(file);
    const db = openDatabase(file, { create: true });
    if (fresh) db.exec(schemaText('agents'));
    const handle = new SqlDatabase(db, file);
    this.agents.set(id, handle);
    if (this.agents.size > AGENT_DB_LIMIT) {
      const [oldestId, oldest] = this.agents.entries().next().value as [number, SqlDatabase];
      this.agents.delete(oldestId);
      oldest.close();
    }
    return handle;
  }

  /** Closes and deletes an agent's database files (the agent was removed). */
  removeAgentDb(id: number): boolean {
    this.agents.get(id)?.close();
    this.agents.delete(id);
    const file = this.agentDbFile(id);
    const existed = existsSync(file);
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
    return existed;
  }

  tasks(): SqlDatabase {
    if (!this.tasksDb) {
      const file = this.paths.tasksDb;
      mkdirSync(dirname(file), { recursive: true });
      const fresh = !existsSync(file);
      const db = openDatabase(file, { create: true });
      if (fresh) db.exec(schemaText('tasks'));
      this.tasksDb = new SqlDatabase(db, file);
    }
    return this.tasksDb;
  }

  /** The MITRE database, or undefined when the install has none (wazuh-db then answers `err Couldn't open DB mitre`). */
  mitre(): SqlDatabase | undefined {
    if (!this.mitreDb) {
      if (!existsSync(this.paths.mitreDb)) return undefined;
      this.mitreDb = new SqlDatabase(openDatabase(this.paths.mitreDb, { create: false }), this.paths.mitreDb);
    }
    return this.mitreDb;
  }

  close(): void {
    for (const handle of this.agents.values()) handle.close();
    this.agents.clear();
    this.tasksDb?.close();
    this.mitreDb?.close();
    this.tasksDb = undefined;
    this.mitreDb = undefined;
    this.global.close();
  }

  private openGlobal(): SqlDatabase {
    const file = this.paths.globalDb;
    const fresh = !existsSync(file);
    const db = openDatabase(file, { create: true });
    if (fresh) {
      db.exec(schemaText('global'));
      const columns = {
        name: this.manager.hostname,
        version: this.manager.version,
        manager_host: this.manager.hostname,
        node_name: this.manager.nodeName,
        group_config_status: 'synced',
        ...hostOsColumns(this.manager.hostname),
      };
      const names = Object.keys(columns);
      db.prepare(`UPDATE agent SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = 0`).run(columns);
    }
    prepareGlobalIndexes(db);
    return new SqlDatabase(db, file);
  }
}
