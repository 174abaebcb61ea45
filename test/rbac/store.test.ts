import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecurityStore } from '../../src/rbac/store';
import { verifyPassword } from '../../src/rbac/passwords';
import { WazuhInternalError } from '../../src/core/errors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rbac-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SecurityStore on a new file', () => {
  it('creates Wazuh’s tables, version 1 and mode 0640', () => {
    const path = join(dir, 'security', 'rbac.db');
    const store = new SecurityStore(path);
    expect(store.db.pragma('user_version', { simple: true })).toBe(1);
    const columns = (table: string) =>
      (store.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('users')).toEqual(['id', 'username', 'password', 'allow_run_as', 'created_at']);
    expect(columns('roles_policies')).toEqual(['id', 'role_id', 'policy_id', 'level', 'created_at']);
    expect(columns('users_token_blacklist')).toEqual(['user_id', 'nbf_invalid_until', 'is_valid_until']);
    expect(columns('runas_token_blacklist')).toEqual(['nbf_invalid_until', 'is_valid_until']);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    store.close();
  });

  it('holds the default users, roles, rules, policies and links with Wazuh’s ids', async () => {
    const store = new SecurityStore(join(dir, 'rbac.db'));
    const users = store.users();
    expect(users.map((u) => [u.id, u.username, u.allow_run_as])).toEqual([
      [1, 'wazuh', true],
      [2, 'wazuh-wui', true],
    ]);
    await expect(verifyPassword(users[0].password, 'wazuh')).resolves.toBe(true);
    await expect(verifyPassword(users[1].password, 'wazuh-wui')).resolves.toBe(true);
    expect(users[0].password).toMatch(/^scrypt:32768:8:1\$/);
    expect(store.roles().map((r) => r.name)).toEqual([
      'administrator',
      'readonly',
      'users_admin',
      'agents_readonly',
      'agents_admin',
      'cluster_readonly',
      'cluster_admin',
    ]);
    const policies = store.policies();
    expect(policies).toHaveLength(35);
    expect(policies[0].name).toBe('agents_all_resourceless');
    expect(policies[34].name).toBe('events_ingest_resourceless');
    const text = store.db.prepare('SELECT policy FROM policies WHERE id = 1').pluck().get();
    expect(text).toBe(
      '{"actions": ["agent:create", "group:create", "agent:uninstall"], "resources": ["*:*:*"], "effect": "allow"}',
    );
    expect(store.db.prepare('SELECT rule FROM rules WHERE id = 2').pluck().get()).toBe(
      '{"FIND": {"user_name": "admin"}}',
    );
    expect(store.roleIdsOfUser(1)).toEqual([1]);
    expect(store.policiesOfRole(6).map((p) => p.name)).toEqual(['cluster_read_resourceless', 'cluster_read_nodes']);
    expect(store.policiesOfRole(1).map((p) => p.id).slice(0, 8)).toEqual([1, 2, 3, 6, 7, 8, 29, 30]);
    expect(store.rulesOfRole(1).map((r) => r.id)).toEqual([1, 2]);
    store.close();
  });

  it('gives user-created objects ids from 100 and keeps link levels ordered', () => {
    const store = new SecurityStore(join(dir, 'rbac.db'));
    const first = store.insertUser('alice', 'x')!;
    const second = store.insertUser('bob', 'x')!;
    expect([first.id, second.id]).toEqual([100, 101]);
    expect(store.insertUser('alice', 'y')).toBeUndefined();
    const role = store.insertRole('ops');
    expect(role.id).toBe(100);
    store.linkUserRole(first.id, 2);
    store.linkUserRole(first.id, 3);
    store.linkUserRole(first.id, role.id, 0);
    expect(store.roleIdsOfUser(first.id)).toEqual([100, 2, 3]);
    store.close();
  });

  it('writes blacklist rules that replace older ones and notifies listeners', () => {
    const store = new SecurityStore(join(dir, 'rbac.db'));
    let changes = 0;
    store.onChange(() => (changes += 1));
    store.invalidateTokens({ users: [1], roles: [2], runAs: true }, 900, 1000);
    store.invalidateTokens({ users: [1] }, 900, 1010);
    const rules = store.blacklists();
    expect(rules.users.get(1)).toBe(1010);
    expect(rules.roles.get(2)).toBe(1000);
    expect(rules.runAs).toBe(1000);
    // Rules older than their validity are purged on the next write.
    store.invalidateTokens({ users: [2] }, 900, 5000);
    expect(store.blacklists().users.has(1)).toBe(false);
    expect(store.blacklists().roles.size).toBe(0);
    expect(changes).toBe(3);
    store.close();
  });
});

describe('SecurityStore on an existing file', () => {
  it('opens a database laid out as Wazuh writes it, unchanged, and reads its pbkdf2 users', async () => {
    const path = join(dir, 'rbac.db');
    // Table text as SQLAlchemy emits it for the 4.14 models (tabs, trailing spaces), one user from an old install.
    const raw = new Database(path);
    raw.exec(`CREATE TABLE users (
\tid INTEGER NOT NULL, 
\tusername VARCHAR(32) NOT NULL, 
\tpassword VARCHAR(256) NOT NULL, 
\tallow_run_as BOOLEAN NOT NULL, 
\tcreated_at DATETIME, 
\tPRIMARY KEY (id), 
\tCONSTRAINT username_restriction UNIQUE (username)
);
CREATE TABLE roles (id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, created_at DATETIME, PRIMARY KEY (id),
  CONSTRAINT name_role UNIQUE (name), CHECK (length(name) <= 64));
CREATE TABLE rules (id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, rule TEXT NOT NULL, created_at DATETIME,
  PRIMARY KEY (id), CONSTRAINT rule_name UNIQUE (name), CONSTRAINT rule_definition UNIQUE (rule));
CREATE TABLE policies (id INTEGER NOT NULL, name VARCHAR(20) NOT NULL, policy TEXT NOT NULL, created_at DATETIME,
  PRIMARY KEY (id), CONSTRAINT name_policy UNIQUE (name), CONSTRAINT policy_definition UNIQUE (policy));
CREATE TABLE user_roles (id INTEGER NOT NULL, user_id INTEGER, role_id INTEGER, level INTEGER, created_at DATETIME,
  PRIMARY KEY (id), CONSTRAINT user_role UNIQUE (user_id, role_id));
CREATE TABLE roles_policies (id INTEGER NOT NULL, role_id INTEGER, policy_id INTEGER, level INTEGER,
  created_at DATETIME, PRIMARY KEY (id), CONSTRAINT role_policy UNIQUE (role_id, policy_id));
CREATE TABLE roles_rules (id INTEGER NOT NULL, role_id INTEGER, rule_id INTEGER, created_at DATETIME,
  PRIMARY KEY (id), CONSTRAINT role_rule UNIQUE (role_id, rule_id));
CREATE TABLE users_token_blacklist (user_id INTEGER NOT NULL, nbf_invalid_until INTEGER NOT NULL,
  is_valid_until INTEGER NOT NULL, PRIMARY KEY (user_id));
CREATE TABLE roles_token_blacklist (role_id INTEGER NOT NULL, nbf_invalid_until INTEGER NOT NULL,
  is_valid_until INTEGER NOT NULL, PRIMARY KEY (role_id));
CREATE TABLE runas_token_blacklist (nbf_invalid_until INTEGER NOT NULL, is_valid_until INTEGER NOT NULL,
  PRIMARY KEY (nbf_invalid_until));
PRAGMA user_version = 1;`);
    raw
      .prepare('INSERT INTO users VALUES (?, ?, ?, ?, ?)')
      .run(
        1,
        'wazuh',
        'pbkdf2:sha256:150000$x1y2z3$ed144ccc4f4da47c5556f34bfeeea26935a1e3ac373f1912ca3d4af2040dca1f',
        1,
        '2024-01-01 00:00:00.000000',
      );
    raw.close();
    const before = readFileSync(path);
    const store = new SecurityStore(path);
    const user = store.userByName('wazuh')!;
    await expect(verifyPassword(user.password, 'wazuh')).resolves.toBe(true);
    expect(store.roles()).toEqual([]);
    store.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a file that is not an RBAC database with 2008', () => {
    const path = join(dir, 'rbac.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE something (x)');
    raw.close();
    expect(() => new SecurityStore(path)).toThrow(WazuhInternalError);
    try {
      new SecurityStore(path);
    } catch (error) {
      expect((error as WazuhInternalError).code).toBe(2008);
    }
  });
});
