/**
 * The query language over in-memory lists (groups with their checksums, the files of a group folder, the tail of
 * the manager's log):
 * the rows go into a throw-away in-memory SQLite table and the same compiler as every database listing runs over
 * it, so `q`, `search`, `sort`, `select`, `distinct` and paging behave — and fail — exactly as elsewhere.
 * No file of the install is opened here.
 */
import Database from 'better-sqlite3';
import { compileQuery } from './compile';
import type { QueryModel } from './model';
import { shapeRows, type ApiItem } from './rows';
import type { QueryParams } from './types';

export interface ArrayTable {
  /** Table name used by the model's `from`. */
  name: string;
  /** Column name -> SQLite type (`TEXT`, `INTEGER`). */
  columns: Record<string, 'TEXT' | 'INTEGER'>;
}

export function queryArray(
  model: QueryModel,
  table: ArrayTable,
  rows: ReadonlyArray<Record<string, unknown>>,
  params: QueryParams,
): { items: ApiItem[]; total: number } {
  const compiled = compileQuery(model, params);
  const db = new Database(':memory:');
  try {
    const names = Object.keys(table.columns);
    db.exec(`CREATE TABLE ${table.name} (${names.map((name) => `"${name}" ${table.columns[name]}`).join(', ')})`);
    const insert = db.prepare(
      `INSERT INTO ${table.name} (${names.map((name) => `"${name}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    );
    db.transaction(() => {
      for (const row of rows) insert.run(...names.map((name) => row[name] ?? null));
    })();
    const total = (db.prepare(compiled.countSql).get(...compiled.countParams) as { total: number }).total;
    const found = db.prepare(compiled.rowsSql).all(...compiled.rowsParams) as Record<string, unknown>[];
    return { items: shapeRows(model, compiled, found), total };
  } finally {
    db.close();
  }
}
