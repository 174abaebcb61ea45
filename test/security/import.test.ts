/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked structurally */
/**
 * An rbac.db written by a Wazuh manager (its tables, the default objects, a few custom users whose passwords were
 * hashed by Werkzeug in the two formats found in the wild) placed in a fresh WAZUH_PATH: the API opens it as it
 * is and its users log in over HTTP with their own passwords and roles.
 */
import { pbkdf2Sync, scryptSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_POLICIES, DEFAULT_ROLES, DEFAULT_RULES, DEFAULT_USERS } from '../../src/rbac/defaults';
import { RBAC_DB_VERSION, RBAC_TABLES } from '../../src/rbac/schema';
import { startTestServer, type TestServer } from '../helpers/server';

/** Werkzeug 3.1's default: `scrypt:32768:8:1$<salt>$<hex of 64 bytes>`. */
function werkzeugScrypt(password: string, salt: string): string {
  const hash = scryptSync(password, salt, 64, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt:32768:8:1$${salt}$${hash.toString('hex')}`;
}

/** What older Wazuh releases stored: `pbkdf2:sha256:<iterations>$<salt>$<hex>`. */
function werkzeugPbkdf2(password: string, salt: string, iterations = 260000): string {
  return `pbkdf2:sha256:${iterations}$${salt}$${pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('hex')}`;
}

function writeWazuhRbacDb(file: string): void {
  const db = new Database(file);
  const now = '2025-03-01 10:00:00.000000';
  for (const statement of RBAC_TABLES) db.exec(statement);
  db.pragma(`user_version = ${RBAC_DB_VERSION}`);
  const insert = (sql: string, ...rows: unknown[][]) => rows.forEach((row) => db.prepare(sql).run(...row));
  insert(
    'INSERT INTO users (id, username, password, allow_run_as, created_at) VALUES (?, ?, ?, ?, ?)',
    ...DEFAULT_USERS.map((u) => [u.id, u.username, werkzeugScrypt(u.password, `salt${u.id}salt${u.id}abcd`), u.allowRunAs ? 1 : 0, now]),
    [100, 'analyst', werkzeugPbkdf2('Analyst-2024!', 'oldSaltValue'), 0, now],
    [101, 'operator', werkzeugScrypt('Operat0r-pass!', 'QzW8rT5yU1iO3pAs'), 0, now],
  );
  insert('INSERT INTO roles (id, name, created_at) VALUES (?, ?, ?)', ...DEFAULT_ROLES.map((r) => [r.id, r.name, now]));
  insert(
    'INSERT INTO policies (id, name, policy, created_at) VALUES (?, ?, ?, ?)',
    ...DEFAULT_POLICIES.map((p) => [p.id, p.name, JSON.stringify(p.policy), now]),
  );
  insert('INSERT INTO rules (id, name, rule, created_at) VALUES (?, ?, ?, ?)', ...DEFAULT_RULES.map((r) => [r.id, r.name, JSON.stringify(r.rule), now]));
  const links: unknown[][] = [];
  for (const role of DEFAULT_ROLES) role.policyIds.forEach((policyId, level) => links.push([role.id, policyId, level, now]));
  insert('INSERT INTO roles_policies (role_id, policy_id, level, created_at) VALUES (?, ?, ?, ?)', ...links);
  insert(
    'INSERT INTO user_roles (user_id, role_id, level, created_at) VALUES (?, ?, ?, ?)',
    [1, 1, 0, now],
    [2, 1, 0, now],
    [100, 2, 0, now], // readonly
    [101, 5, 0, now], // agents_admin
  );
  db.close();
}

let server: TestServer;
let wazuhPath: string;
let dbFile: string;

beforeAll(async () => {
  wazuhPath = mkdtempSync(join(tmpdir(), 'rbacimport-'));
  const securityDir = join(wazuhPath, 'api', 'configuration', 'security');
  mkdirSync(securityDir, { recursive: true });
  dbFile = join(securityDir, 'rbac.db');
  writeWazuhRbacDb(dbFile);
  server = await startTestServer({ wazuhPath, daemons: true });
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(wazuhPath, { recursive: true, force: true });
});

it('opens the file unchanged: no seeding over existing objects', () => {
  const db = new Database(dbFile, { readonly: true });
  expect(db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 4 });
  expect(db.prepare('SELECT COUNT(*) AS n FROM policies').get()).toEqual({ n: DEFAULT_POLICIES.length });
  db.close();
  expect(readFileSync(dbFile).length).toBeGreaterThan(0);
});

it('lets the default and the custom users log in with their Werkzeug-hashed passwords', async () => {
  for (const [user, password] of [
    ['wazuh', 'wazuh'],
    ['analyst', 'Analyst-2024!'],
    ['operator', 'Operat0r-pass!'],
  ]) {
    const res = await server.request('POST', '/security/user/authenticate', { basic: { username: user, password } });
    expect(`${user} ${res.status}`).toBe(`${user} 200`);
  }
  const wrong = await server.request('POST', '/security/user/authenticate', { basic: { username: 'analyst', password: 'nope' } });
  expect(wrong.status).toBe(401);
});

it('gives each user the roles the file links to them', async () => {
  const analyst = await server.login('analyst', 'Analyst-2024!');
  const me = await server.request('GET', '/security/users/me', { token: analyst });
  expect((me.body as any).data.affected_items[0]).toMatchObject({ id: 100, username: 'analyst', roles: [{ id: 2, name: 'readonly' }] });
  expect((await server.request('GET', '/agents', { token: analyst })).status).toBe(200);
  // readonly may not restart: a named agent is refused outright (with no list, nothing would be restarted).
  const restart = await server.request('PUT', '/agents/restart', { token: analyst, query: { agents_list: '001' } });
  expect(restart.status).toBe(403);
  expect((restart.body as any).error).toBe(4000);

  const operator = await server.login('operator', 'Operat0r-pass!');
  const create = await server.request('POST', '/security/users', {
    token: operator,
    body: { username: 'intruder', password: 'Intrud3r-pass!' },
  });
  expect(create.status).toBe(403);
  const agents = await server.request('GET', '/agents', { token: operator });
  expect((agents.body as any).data.affected_items.map((a: { id: string }) => a.id)).toEqual(['000']);
});
