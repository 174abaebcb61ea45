/**
 * An in-memory global.db (Wazuh's schema, as wazuh-db creates it) with a handful of agents, and a runner that
 * executes a compiled query twice (bound parameters, and the literal text `renderSqlLiteral` produces for the
 * wazuh-db socket) and checks that both give the same answer.
 */
import Database from 'better-sqlite3';
import { compileQuery, renderSqlLiteral, shapeRows } from '../../src/core/query';
import type { CompileOptions, CompiledQuery, QueryModel, QueryParams } from '../../src/core/query';
import { schemaText } from '../../src/daemons/wazuh-db/store';

export const NOW = 1_800_000_000;
const DAY = 86400;

export interface AgentRow {
  id: number;
  name: string;
  ip?: string | null;
  register_ip?: string | null;
  internal_key?: string;
  os_name?: string;
  os_version?: string;
  os_major?: string;
  os_minor?: string;
  os_platform?: string;
  version?: string;
  date_add: number;
  last_keepalive?: number | null;
  group?: string | null;
  connection_status: string;
  disconnection_time?: number;
  group_config_status?: string;
  node_name?: string;
}

export const AGENTS: AgentRow[] = [
  {
    id: 0, name: 'wazuh-manager', ip: '127.0.0.1', register_ip: '127.0.0.1', os_name: 'Ubuntu',
    os_version: '22.04.4 LTS', os_major: '22', os_minor: '04', os_platform: 'ubuntu', version: 'Wazuh v4.14.4',
    date_add: 1_700_000_000, last_keepalive: 253402300799, group: null, connection_status: 'active',
    group_config_status: 'synced', node_name: 'node01',
  },
  {
    id: 1, name: 'web01', ip: '10.0.0.11', register_ip: 'any', internal_key: 'secretkeyAAA', os_name: 'CentOS Stream',
    os_version: '9', os_major: '9', os_minor: '0', os_platform: 'centos', version: 'Wazuh v4.14.4',
    date_add: 1_700_000_100, last_keepalive: NOW - 60, group: 'default,webservers', connection_status: 'active',
    group_config_status: 'synced', node_name: 'node01',
  },
  {
    id: 2, name: 'db01', ip: '10.0.0.12', register_ip: '10.0.0.12', internal_key: 'secretkeyBBB', os_name: 'Ubuntu',
    os_version: '20.04.6 LTS', os_major: '20', os_minor: '04', os_platform: 'ubuntu', version: 'Wazuh v4.7.0',
    date_add: 1_700_000_200, last_keepalive: NOW - 3 * DAY, group: 'default', connection_status: 'disconnected',
    disconnection_time: NOW - 3 * DAY + 30, node_name: 'node02',
  },
  {
    id: 3, name: 'old01', ip: null, register_ip: 'any', date_add: NOW - 10 * DAY, last_keepalive: 0, group: null,
    connection_status: 'never_connected',
  },
  {
    id: 4, name: "o'brien-web", ip: '10.0.0.14', register_ip: 'any', os_name: 'Microsoft Windows 10 Pro',
    os_version: '10.0.19045', os_major: '10', os_minor: '0', os_platform: 'windows', version: 'Wazuh v4.14.4',
    date_add: NOW - 2 * DAY, last_keepalive: NOW - 120, group: 'webservers,dbservers', connection_status: 'active',
    node_name: 'node01',
  },
  {
    id: 5, name: 'pct%agent', ip: '10.0.0.15', register_ip: 'any', os_platform: '', date_add: NOW - 3600,
    last_keepalive: null, group: 'default', connection_status: 'pending', node_name: 'node02',
  },
];

export function agentDatabase(rows: AgentRow[] = AGENTS): Database.Database {
  const db = new Database(':memory:');
  // wazuh-db's own schema; its manager row makes way for the fixture's.
  db.exec(schemaText('global'));
  db.exec('DELETE FROM agent');
  const insert = db.prepare(
    `INSERT INTO agent (id, name, ip, register_ip, internal_key, os_name, os_version, os_major, os_minor,
       os_platform, version, date_add, last_keepalive, \`group\`, connection_status, disconnection_time,
       group_config_status, node_name)
     VALUES (@id, @name, @ip, @register_ip, @internal_key, @os_name, @os_version, @os_major, @os_minor,
       @os_platform, @version, @date_add, @last_keepalive, @group, @connection_status, @disconnection_time,
       @group_config_status, @node_name)`,
  );
  for (const row of rows) {
    insert.run({
      ip: null, register_ip: null, internal_key: null, os_name: null, os_version: null, os_major: null,
      os_minor: null, os_platform: null, version: null, last_keepalive: null, group: null,
      disconnection_time: 0, group_config_status: 'not synced', node_name: 'unknown', ...row,
    });
  }
  return db;
}

export interface RunResult {
  total: number;
  rows: Record<string, unknown>[];
  items: Record<string, unknown>[];
  compiled: CompiledQuery;
}

/** Like a wazuh-db reply: NULL columns left out of each row object. */
function withoutNulls(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)));
}

export function run(
  db: Database.Database,
  model: QueryModel,
  params: QueryParams = {},
  options: CompileOptions = {},
): RunResult {
  const compiled = compileQuery(model, params, { now: NOW, ...options });
  const total = (db.prepare(compiled.countSql).get(...compiled.countParams) as { total: number }).total;
  const rows = db.prepare(compiled.rowsSql).all(...compiled.rowsParams) as Record<string, unknown>[];

  const wireTotal = (db.prepare(renderSqlLiteral(compiled.countSql, compiled.countParams)).get() as { total: number })
    .total;
  const wireRows = withoutNulls(
    db.prepare(renderSqlLiteral(compiled.rowsSql, compiled.rowsParams)).all() as Record<string, unknown>[],
  );
  expect(wireTotal).toBe(total);
  expect(wireRows).toEqual(withoutNulls(rows));

  const items = shapeRows(model, compiled, rows);
  expect(shapeRows(model, compiled, wireRows)).toEqual(items);
  return { total, rows, items, compiled };
}

/** Ids (as numbers) of the rows of a run, in answer order. */
export function ids(result: RunResult): number[] {
  return result.rows.map((row) => Number(row.id));
}

/** Runs and expects a WazuhError with this code; returns it for message checks. */
export function failure(fn: () => unknown): { code: number; message: string; remediation?: string } {
  try {
    fn();
  } catch (error) {
    return error as { code: number; message: string };
  }
  throw new Error('expected a failure');
}
