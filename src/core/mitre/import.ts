/**
 * Builds `var/db/mitre.db` from an ATT&CK Enterprise STIX bundle (MITRE's `enterprise-attack.json`).
 *
 * The database is written to a temporary file next to the target and renamed over it only once complete, so a
 * bad bundle leaves the previous database untouched and wazuh-db never sees a half-filled one.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { MITRE_SCHEMA_SQL, MITRE_TABLES, MitreTable } from './schema';
import { bundleToRows, MitreBundleError, MitreRows, Row } from './stix';

export type MitreImportSummary = Record<MitreTable, number>;

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function insertAll(db: Database.Database, table: MitreTable, rows: Row[]): number {
  if (rows.length === 0) return 0;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  // Repeated keys do occur in ATT&CK data (the same alias or reference listed twice); the first one is kept.
  const statement = db.prepare(
    `INSERT OR IGNORE INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) ` +
    `VALUES (${columns.map((column) => `@${column}`).join(', ')})`,
  );
  let inserted = 0;
  for (const row of rows) {
    const complete: Row = {};
    for (const column of columns) complete[column] = row[column] ?? null;
    inserted += statement.run(complete).changes;
  }
  return inserted;
}

/** Creates a MITRE database at `dbPath` from already converted rows. */
export function writeMitreDatabase(rows: MitreRows, dbPath: string): MitreImportSummary {
  mkdirSync(dirname(dbPath), { recursive: true, mode: 0o770 });
  const temp = `${dbPath}.${process.pid}.tmp`;
  if (existsSync(temp)) unlinkSync(temp);
  const summary = {} as MitreImportSummary;
  try {
    const db = new Database(temp);
    try {
      db.exec(MITRE_SCHEMA_SQL);
      db.transaction(() => {
        for (const table of MITRE_TABLES) summary[table] = insertAll(db, table, rows[table]);
      })();
    } finally {
      db.close();
    }
    chmodSync(temp, 0o660);
    renameSync(temp, dbPath);
  } catch (error) {
    if (existsSync(temp)) unlinkSync(temp);
    throw error;
  }
  return summary;
}

/**
 * Reads the bundle at `stixJsonPath` and replaces the database at `dbPath` with its content. Returns the number
 * of rows stored per table. Throws `MitreBundleError` for a file that is not a usable bundle.
 */
export function importMitreBundle(stixJsonPath: string, dbPath: string): MitreImportSummary {
  let bundle: unknown;
  try {
    bundle = JSON.parse(readFileSync(stixJsonPath, 'utf8'));
  } catch (error) {
    throw new MitreBundleError(`cannot read ${stixJsonPath}: ${(error as Error).message}`);
  }
  return writeMitreDatabase(bundleToRows(bundle), dbPath);
}
