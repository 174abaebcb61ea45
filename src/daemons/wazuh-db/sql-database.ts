/**
 * A better-sqlite3 handle with a bounded cache of prepared statements (wazuh-db re-prepares nothing it has seen)
 * and a cache of costly small read replies (`read-cache.ts`).
 */
import Database from 'better-sqlite3';
import { ReadCache } from './read-cache';

export type Statement = Database.Statement<unknown[], unknown>;

export class SqlDatabase {
  private readonly statements = new Map<string, Statement>();
  readonly reads: ReadCache;

  constructor(
    readonly db: Database.Database,
    readonly file: string,
    private readonly cacheSize = 256,
  ) {
    this.reads = new ReadCache(db);
  }

  /** Prepared statement for `sql`, from the cache when possible (least recently used ones are dropped). */
  statement(sql: string): Statement {
    const cached = this.statements.get(sql);
    if (cached) {
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const prepared = this.db.prepare(sql);
    this.statements.set(sql, prepared);
    if (this.statements.size > this.cacheSize) {
      const oldest = this.statements.keys().next().value as string;
      this.statements.delete(oldest);
    }
    return prepared;
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating if asked) a database the way wazuh-db keeps them: WAL journal, foreign keys enforced. */
export function openDatabase(file: string, options: { create: boolean; readonly?: boolean }): Database.Database {
  const db = new Database(file, { fileMustExist: !options.create, readonly: options.readonly ?? false });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
