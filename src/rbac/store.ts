/**
 * The security store: users, roles, policies, security rules, their links and the token blacklists, kept in
 * `api/configuration/security/rbac.db` with the table layout of Wazuh 4.14 (see `schema.ts`).
 *
 * A missing database is created and filled with the defaults; an existing one is opened as it is, so a copy of a
 * real manager's file works. Every write calls the change listener, which is how the token and permission caches
 * learn that what they hold may be stale.
 *
 * SQLite is used synchronously (better-sqlite3): the database is tiny and each statement costs microseconds.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WazuhInternalError } from '../core/errors';
import type { CompiledQuery } from '../core/query';
import {
  DEFAULT_POLICIES,
  DEFAULT_ROLES,
  DEFAULT_RULES,
  DEFAULT_USERS,
  MAX_RESERVED_ID,
  type PolicyBody,
} from './defaults';
import { hashPasswordSync } from './passwords';
import { pythonJsonDumps } from '../core/pyjson';
import { RBAC_DB_VERSION, RBAC_TABLES } from './schema';

export interface UserRow {
  id: number;
  username: string;
  password: string;
  allow_run_as: boolean;
  created_at: string | null;
}

export interface RoleRow {
  id: number;
  name: string;
  created_at: string | null;
}

export interface PolicyRow {
  id: number;
  name: string;
  /** The stored JSON text, parsed. */
  policy: PolicyBody;
  created_at: string | null;
}

export interface RuleRow {
  id: number;
  name: string;
  rule: Record<string, unknown>;
  created_at: string | null;
}

export interface BlacklistState {
  users: Map<number, number>;
  roles: Map<number, number>;
  /** `nbf_invalid_until` of the run_as rule, if one is in force. */
  runAs?: number;
}

/** `created_at` as SQLAlchemy writes a UTC datetime into SQLite: `YYYY-MM-DD HH:MM:SS.ffffff`. */
export function sqlTimestamp(date = new Date()): string {
  return `${date.toISOString().replace('T', ' ').slice(0, 23)}000`;
}

export type ChangeListener = () => void;

export class SecurityStore {
  readonly db: Database.Database;
  private readonly listeners: ChangeListener[] = [];

  /** Opens (creating and seeding if needed) the database at `path`. */
  constructor(readonly path: string) {
    const fresh = !existsSync(path);
    if (fresh) mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
    let db: Database.Database | undefined;
    try {
      db = new Database(path);
      this.db = db;
      db.pragma('foreign_keys = ON');
      if (fresh) {
        this.createAndSeed();
        chmodSync(path, 0o640);
      } else {
        this.checkLayout();
      }
    } catch (error) {
      if (db?.open) db.close();
      if (error instanceof WazuhInternalError) throw error;
      throw new WazuhInternalError(2008);
    }
  }

  close(): void {
    this.db.close();
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Runs `work` in one transaction and tells the listeners once it committed. */
  write<T>(work: () => T): T {
    const result = this.db.transaction(work)();
    for (const listener of this.listeners) listener();
    return result;
  }

  private createAndSeed(): void {
    const now = sqlTimestamp();
    this.db.transaction(() => {
      for (const ddl of RBAC_TABLES) this.db.exec(ddl);
      const insertUser = this.db.prepare(
        'INSERT INTO users (id, username, password, allow_run_as, created_at) VALUES (?, ?, ?, ?, ?)',
      );
      for (const user of DEFAULT_USERS) {
        insertUser.run(user.id, user.username, hashPasswordSync(user.password), user.allowRunAs ? 1 : 0, now);
      }
      const insertRole = this.db.prepare('INSERT INTO roles (id, name, created_at) VALUES (?, ?, ?)');
      for (const role of DEFAULT_ROLES) insertRole.run(role.id, role.name, now);
      const insertRule = this.db.prepare('INSERT INTO rules (id, name, rule, created_at) VALUES (?, ?, ?, ?)');
      for (const rule of DEFAULT_RULES) insertRule.run(rule.id, rule.name, pythonJsonDumps(rule.rule), now);
      const insertPolicy = this.db.prepare('INSERT INTO policies (id, name, policy, created_at) VALUES (?, ?, ?, ?)');
      for (const policy of DEFAULT_POLICIES) {
        insertPolicy.run(policy.id, policy.name, pythonJsonDumps(policy.policy), now);
      }
      const linkUser = this.db.prepare(
        'INSERT INTO user_roles (user_id, role_id, level, created_at) VALUES (?, ?, ?, ?)',
      );
      for (const user of DEFAULT_USERS) user.roleIds.forEach((roleId, level) => linkUser.run(user.id, roleId, level, now));
      const linkPolicy = this.db.prepare(
        'INSERT INTO roles_policies (role_id, policy_id, level, created_at) VALUES (?, ?, ?, ?)',
      );
      for (const role of DEFAULT_ROLES) {
        role.policyIds.forEach((policyId, level) => linkPolicy.run(role.id, policyId, level, now));
      }
      const linkRule = this.db.prepare('INSERT INTO roles_rules (role_id, rule_id, created_at) VALUES (?, ?, ?)');
      for (const role of DEFAULT_ROLES) for (const ruleId of role.ruleIds) linkRule.run(role.id, ruleId, now);
      this.db.pragma(`user_version = ${RBAC_DB_VERSION}`);
    })();
  }

  private checkLayout(): void {
    const integrity = this.db.pragma('quick_check', { simple: true });
    if (integrity !== 'ok') throw new WazuhInternalError(2008);
    const tables = new Set(
      (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    for (const required of ['users', 'roles', 'rules', 'policies', 'user_roles', 'roles_policies', 'roles_rules']) {
      if (!tables.has(required)) throw new WazuhInternalError(2008);
    }
  }

  // ---- reads -------------------------------------------------------------------------------------------------

  private static toUser(row: Record<string, unknown> | undefined): UserRow | undefined {
    if (!row) return undefined;
    return {
      id: row.id as number,
      username: row.username as string,
      password: row.password as string,
      allow_run_as: Boolean(row.allow_run_as),
      created_at: (row.created_at as string | null) ?? null,
    };
  }

  userByName(username: string): UserRow | undefined {
    return SecurityStore.toUser(
      this.db.prepare('SELECT * FROM users WHERE username = ? LIMIT 1').get(username) as Record<string, unknown>,
    );
  }

  userById(id: number): UserRow | undefined {
    return SecurityStore.toUser(
      this.db.prepare('SELECT * FROM users WHERE id = ? LIMIT 1').get(id) as Record<string, unknown>,
    );
  }

  users(): UserRow[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY id').all() as Record<string, unknown>[]).map(
      (row) => SecurityStore.toUser(row) as UserRow,
    );
  }

  /** The user's role ids in priority order (`user_roles.level`). */
  roleIdsOfUser(userId: number): number[] {
    const rows = this.db
      .prepare('SELECT role_id FROM user_roles WHERE user_id = ? ORDER BY level, id')
      .all(userId) as { role_id: number }[];
    return rows.map((row) => row.role_id);
  }

  roleById(id: number): RoleRow | undefined {
    return this.db.prepare('SELECT id, name, created_at FROM roles WHERE id = ?').get(id) as RoleRow | undefined;
  }

  roles(): RoleRow[] {
    return this.db.prepare('SELECT id, name, created_at FROM roles ORDER BY id').all() as RoleRow[];
  }

  private static toPolicy(row: Record<string, unknown>): PolicyRow {
    return {
      id: row.id as number,
      name: row.name as string,
      policy: JSON.parse(row.policy as string) as PolicyBody,
      created_at: (row.created_at as string | null) ?? null,
    };
  }

  /** The policies linked to a role, in link order (`roles_policies.level`). */
  policiesOfRole(roleId: number): PolicyRow[] {
    const rows = this.db
      .prepare(
        `SELECT p.id, p.name, p.policy, p.created_at FROM roles_policies rp JOIN policies p ON p.id = rp.policy_id
         WHERE rp.role_id = ? ORDER BY rp.level, rp.id`,
      )
      .all(roleId) as Record<string, unknown>[];
    return rows.map(SecurityStore.toPolicy);
  }

  policies(): PolicyRow[] {
    return (this.db.prepare('SELECT * FROM policies ORDER BY id').all() as Record<string, unknown>[]).map(
      SecurityStore.toPolicy,
    );
  }

  private static toRule(row: Record<string, unknown>): RuleRow {
    return {
      id: row.id as number,
      name: row.name as string,
      rule: JSON.parse(row.rule as string) as Record<string, unknown>,
      created_at: (row.created_at as string | null) ?? null,
    };
  }

  rules(): RuleRow[] {
    return (this.db.prepare('SELECT * FROM rules ORDER BY id').all() as Record<string, unknown>[]).map(
      SecurityStore.toRule,
    );
  }

  /** Security rules linked to a role. */
  rulesOfRole(roleId: number): RuleRow[] {
    const rows = this.db
      .prepare(
        `SELECT r.* FROM roles_rules rr JOIN rules r ON r.id = rr.rule_id WHERE rr.role_id = ? ORDER BY rr.id`,
      )
      .all(roleId) as Record<string, unknown>[];
    return rows.map(SecurityStore.toRule);
  }

  /** Ids of the roles linked to a rule. */
  roleIdsOfRule(ruleId: number): number[] {
    const rows = this.db.prepare('SELECT role_id FROM roles_rules WHERE rule_id = ? ORDER BY id').all(ruleId) as {
      role_id: number;
    }[];
    return rows.map((row) => row.role_id);
  }

  // ---- users -------------------------------------------------------------------------------------------------

  /**
   * Next id for a user-created object: 100 while only defaults exist (ids up to 99 are reserved), else the
   * highest id plus one.
   */
  private nextId(table: 'users' | 'roles' | 'policies' | 'rules'): number {
    const row = this.db.prepare(`SELECT MAX(id) AS top FROM ${table}`).get() as { top: number | null };
    const top = row.top ?? 0;
    return top < MAX_RESERVED_ID ? MAX_RESERVED_ID + 1 : top + 1;
  }

  /** Inserts a user with an already hashed password; undefined when the name is taken. */
  insertUser(username: string, passwordHash: string, allowRunAs = false): UserRow | undefined {
    if (this.userByName(username)) return undefined;
    return this.write(() => {
      const id = this.nextId('users');
      this.db
        .prepare('INSERT INTO users (id, username, password, allow_run_as, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, username, passwordHash, allowRunAs ? 1 : 0, sqlTimestamp());
      return this.userById(id);
    });
  }

  setPasswordHash(userId: number, passwordHash: string): boolean {
    return this.write(
      () => this.db.prepare('UPDATE users SET password = ? WHERE id = ?').run(passwordHash, userId).changes > 0,
    );
  }

  /** Appends a role to a user (or inserts it at `position`, shifting the following ones). */
  linkUserRole(userId: number, roleId: number, position?: number): void {
    this.write(() => {
      const count = (
        this.db.prepare('SELECT COUNT(*) AS n FROM user_roles WHERE user_id = ?').get(userId) as { n: number }
      ).n;
      const level = position === undefined || position > count ? count : position;
      this.db
        .prepare('UPDATE user_roles SET level = level + 1 WHERE user_id = ? AND level >= ?')
        .run(userId, level);
      this.db
        .prepare('INSERT INTO user_roles (user_id, role_id, level, created_at) VALUES (?, ?, ?, ?)')
        .run(userId, roleId, level, sqlTimestamp());
    });
  }

  insertRole(name: string): RoleRow {
    return this.write(() => {
      const id = this.nextId('roles');
      this.db.prepare('INSERT INTO roles (id, name, created_at) VALUES (?, ?, ?)').run(id, name, sqlTimestamp());
      return this.roleById(id) as RoleRow;
    });
  }

  insertPolicy(name: string, body: PolicyBody): PolicyRow {
    return this.write(() => {
      const id = this.nextId('policies');
      this.db
        .prepare('INSERT INTO policies (id, name, policy, created_at) VALUES (?, ?, ?, ?)')
        .run(id, name, pythonJsonDumps(body), sqlTimestamp());
      return SecurityStore.toPolicy(this.db.prepare('SELECT * FROM policies WHERE id = ?').get(id) as never);
    });
  }

  linkRolePolicy(roleId: number, policyId: number, position?: number): void {
    this.write(() => {
      const count = (
        this.db.prepare('SELECT COUNT(*) AS n FROM roles_policies WHERE role_id = ?').get(roleId) as { n: number }
      ).n;
      const level = position === undefined || position > count ? count : position;
      this.db
        .prepare('UPDATE roles_policies SET level = level + 1 WHERE role_id = ? AND level >= ?')
        .run(roleId, level);
      this.db
        .prepare('INSERT INTO roles_policies (role_id, policy_id, level, created_at) VALUES (?, ?, ?, ?)')
        .run(roleId, policyId, level, sqlTimestamp());
    });
  }

  // ---- links and objects (used by the /security operations) -------------------------------------------------

  private ids(sql: string, ...params: unknown[]): number[] {
    return this.db.prepare(sql).pluck().all(...params) as number[];
  }

  userIdsOfRole(roleId: number): number[] {
    return this.ids('SELECT user_id FROM user_roles WHERE role_id = ? ORDER BY id', roleId);
  }

  policyIdsOfRole(roleId: number): number[] {
    return this.ids('SELECT policy_id FROM roles_policies WHERE role_id = ? ORDER BY level, id', roleId);
  }

  ruleIdsOfRole(roleId: number): number[] {
    return this.ids('SELECT rule_id FROM roles_rules WHERE role_id = ? ORDER BY id', roleId);
  }

  roleIdsOfPolicy(policyId: number): number[] {
    return this.ids('SELECT role_id FROM roles_policies WHERE policy_id = ? ORDER BY id', policyId);
  }

  /** Runs a listing compiled by the query language (`compileQuery` over a model of `list-models.ts`). */
  listPage(compiled: Pick<CompiledQuery, 'countSql' | 'countParams' | 'rowsSql' | 'rowsParams'>): {
    total: number;
    rows: Record<string, unknown>[];
  } {
    const { total } = this.db.prepare(compiled.countSql).get(...compiled.countParams) as { total: number };
    const rows = this.db.prepare(compiled.rowsSql).all(...compiled.rowsParams) as Record<string, unknown>[];
    return { total, rows };
  }

  allIds(table: 'users' | 'roles' | 'policies' | 'rules'): number[] {
    return this.ids(`SELECT id FROM ${table} ORDER BY id`);
  }

  policyById(id: number): PolicyRow | undefined {
    const row = this.db.prepare('SELECT * FROM policies WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row && SecurityStore.toPolicy(row);
  }

  ruleById(id: number): RuleRow | undefined {
    const row = this.db.prepare('SELECT * FROM rules WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    return row && SecurityStore.toRule(row);
  }

  /** Runs an insert/update, answering false instead of throwing when a UNIQUE constraint refuses it. */
  private unique(work: () => void): boolean {
    try {
      this.write(work);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) return false;
      throw error;
    }
  }

  setAllowRunAs(userId: number, allow: boolean): boolean {
    return this.write(
      () => this.db.prepare('UPDATE users SET allow_run_as = ? WHERE id = ?').run(allow ? 1 : 0, userId).changes > 0,
    );
  }

  /** Deletes a user with its role links. */
  deleteUser(userId: number): boolean {
    return this.write(() => {
      this.db.prepare('DELETE FROM user_roles WHERE user_id = ?').run(userId);
      return this.db.prepare('DELETE FROM users WHERE id = ?').run(userId).changes > 0;
    });
  }

  /** Creates a role; undefined when the name is taken (or longer than 64 characters). */
  createRole(name: string): RoleRow | undefined {
    if (this.db.prepare('SELECT 1 FROM roles WHERE name = ?').get(name)) return undefined;
    let created: RoleRow | undefined;
    const ok = this.unique(() => {
      const id = this.nextId('roles');
      this.db.prepare('INSERT INTO roles (id, name, created_at) VALUES (?, ?, ?)').run(id, name, sqlTimestamp());
      created = this.roleById(id);
    });
    return ok ? created : undefined;
  }

  renameRole(roleId: number, name: string): boolean {
    return this.unique(() => {
      this.db.prepare('UPDATE roles SET name = ? WHERE id = ?').run(name, roleId);
    });
  }

  deleteRole(roleId: number): boolean {
    return this.write(() => {
      for (const table of ['user_roles', 'roles_policies', 'roles_rules']) {
        this.db.prepare(`DELETE FROM ${table} WHERE role_id = ?`).run(roleId);
      }
      return this.db.prepare('DELETE FROM roles WHERE id = ?').run(roleId).changes > 0;
    });
  }

  /** Creates a policy; undefined when its name or its body already exists. */
  createPolicy(name: string, body: PolicyBody): PolicyRow | undefined {
    let created: PolicyRow | undefined;
    const ok = this.unique(() => {
      const id = this.nextId('policies');
      this.db
        .prepare('INSERT INTO policies (id, name, policy, created_at) VALUES (?, ?, ?, ?)')
        .run(id, name, pythonJsonDumps(body), sqlTimestamp());
      created = this.policyById(id);
    });
    return ok ? created : undefined;
  }

  updatePolicy(policyId: number, name: string | undefined, body: PolicyBody | undefined): boolean {
    return this.unique(() => {
      if (name !== undefined) this.db.prepare('UPDATE policies SET name = ? WHERE id = ?').run(name, policyId);
      if (body !== undefined) {
        this.db.prepare('UPDATE policies SET policy = ? WHERE id = ?').run(pythonJsonDumps(body), policyId);
      }
    });
  }

  deletePolicy(policyId: number): boolean {
    return this.write(() => {
      this.db.prepare('DELETE FROM roles_policies WHERE policy_id = ?').run(policyId);
      return this.db.prepare('DELETE FROM policies WHERE id = ?').run(policyId).changes > 0;
    });
  }

  createRule(name: string, rule: Record<string, unknown>): RuleRow | undefined {
    let created: RuleRow | undefined;
    const ok = this.unique(() => {
      const id = this.nextId('rules');
      this.db
        .prepare('INSERT INTO rules (id, name, rule, created_at) VALUES (?, ?, ?, ?)')
        .run(id, name, pythonJsonDumps(rule), sqlTimestamp());
      created = this.ruleById(id);
    });
    return ok ? created : undefined;
  }

  updateRule(ruleId: number, name: string | undefined, rule: Record<string, unknown> | undefined): boolean {
    return this.unique(() => {
      if (name !== undefined) this.db.prepare('UPDATE rules SET name = ? WHERE id = ?').run(name, ruleId);
      if (rule !== undefined) this.db.prepare('UPDATE rules SET rule = ? WHERE id = ?').run(pythonJsonDumps(rule), ruleId);
    });
  }

  deleteRule(ruleId: number): boolean {
    return this.write(() => {
      this.db.prepare('DELETE FROM roles_rules WHERE rule_id = ?').run(ruleId);
      return this.db.prepare('DELETE FROM rules WHERE id = ?').run(ruleId).changes > 0;
    });
  }

  hasUserRole(userId: number, roleId: number): boolean {
    return this.db.prepare('SELECT 1 FROM user_roles WHERE user_id = ? AND role_id = ?').get(userId, roleId) !== undefined;
  }

  hasRolePolicy(roleId: number, policyId: number): boolean {
    return (
      this.db.prepare('SELECT 1 FROM roles_policies WHERE role_id = ? AND policy_id = ?').get(roleId, policyId) !==
      undefined
    );
  }

  hasRoleRule(roleId: number, ruleId: number): boolean {
    return this.db.prepare('SELECT 1 FROM roles_rules WHERE role_id = ? AND rule_id = ?').get(roleId, ruleId) !== undefined;
  }

  /** Removes a user-role link and closes the gap in the levels. */
  unlinkUserRole(userId: number, roleId: number): boolean {
    return this.write(() => {
      const level = this.db
        .prepare('SELECT level FROM user_roles WHERE user_id = ? AND role_id = ?')
        .pluck()
        .get(userId, roleId) as number | undefined;
      if (level === undefined) return false;
      this.db.prepare('DELETE FROM user_roles WHERE user_id = ? AND role_id = ?').run(userId, roleId);
      this.db.prepare('UPDATE user_roles SET level = level - 1 WHERE user_id = ? AND level > ?').run(userId, level);
      return true;
    });
  }

  unlinkRolePolicy(roleId: number, policyId: number): boolean {
    return this.write(() => {
      const level = this.db
        .prepare('SELECT level FROM roles_policies WHERE role_id = ? AND policy_id = ?')
        .pluck()
        .get(roleId, policyId) as number | undefined;
      if (level === undefined) return false;
      this.db.prepare('DELETE FROM roles_policies WHERE role_id = ? AND policy_id = ?').run(roleId, policyId);
      this.db.prepare('UPDATE roles_policies SET level = level - 1 WHERE role_id = ? AND level > ?').run(roleId, level);
      return true;
    });
  }

  linkRoleRule(roleId: number, ruleId: number): void {
    this.write(() => {
      this.db
        .prepare('INSERT INTO roles_rules (role_id, rule_id, created_at) VALUES (?, ?, ?)')
        .run(roleId, ruleId, sqlTimestamp());
    });
  }

  unlinkRoleRule(roleId: number, ruleId: number): boolean {
    return this.write(
      () => this.db.prepare('DELETE FROM roles_rules WHERE role_id = ? AND rule_id = ?').run(roleId, ruleId).changes > 0,
    );
  }

  // ---- token blacklists --------------------------------------------------------------------------------------

  blacklists(): BlacklistState {
    const users = new Map<number, number>();
    const roles = new Map<number, number>();
    for (const row of this.db.prepare('SELECT user_id, nbf_invalid_until FROM users_token_blacklist').all() as {
      user_id: number;
      nbf_invalid_until: number;
    }[]) {
      users.set(row.user_id, row.nbf_invalid_until);
    }
    for (const row of this.db.prepare('SELECT role_id, nbf_invalid_until FROM roles_token_blacklist').all() as {
      role_id: number;
      nbf_invalid_until: number;
    }[]) {
      roles.set(row.role_id, row.nbf_invalid_until);
    }
    const runAs = this.db.prepare('SELECT nbf_invalid_until FROM runas_token_blacklist LIMIT 1').get() as
      | { nbf_invalid_until: number }
      | undefined;
    return { users, roles, runAs: runAs?.nbf_invalid_until };
  }

  /**
   * Invalidates every token issued up to now (inclusive, second resolution) for the given users and roles, and
   * all run_as tokens when asked. Each rule lives as long as a token could, then is purged.
   */
  invalidateTokens(
    targets: { users?: Iterable<number>; roles?: Iterable<number>; runAs?: boolean },
    tokenLifetime: number,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): void {
    const until = nowSeconds + tokenLifetime;
    this.write(() => {
      this.purgeExpired(nowSeconds);
      const user = this.db.prepare(
        'INSERT OR REPLACE INTO users_token_blacklist (user_id, nbf_invalid_until, is_valid_until) VALUES (?, ?, ?)',
      );
      for (const id of targets.users ?? []) user.run(id, nowSeconds, until);
      const role = this.db.prepare(
        'INSERT OR REPLACE INTO roles_token_blacklist (role_id, nbf_invalid_until, is_valid_until) VALUES (?, ?, ?)',
      );
      for (const id of targets.roles ?? []) role.run(id, nowSeconds, until);
      if (targets.runAs) {
        this.db.prepare('DELETE FROM runas_token_blacklist').run();
        this.db
          .prepare('INSERT INTO runas_token_blacklist (nbf_invalid_until, is_valid_until) VALUES (?, ?)')
          .run(nowSeconds, until);
      }
    });
  }

  private purgeExpired(nowSeconds: number): void {
    this.db.prepare('DELETE FROM users_token_blacklist WHERE is_valid_until < ?').run(nowSeconds);
    this.db.prepare('DELETE FROM roles_token_blacklist WHERE is_valid_until < ?').run(nowSeconds);
    this.db.prepare('DELETE FROM runas_token_blacklist WHERE is_valid_until < ?').run(nowSeconds);
  }

  /** Drops every blacklist row (used with a key rotation, which already kills every token). */
  clearBlacklists(): void {
    this.write(() => {
      this.db.prepare('DELETE FROM users_token_blacklist').run();
      this.db.prepare('DELETE FROM roles_token_blacklist').run();
      this.db.prepare('DELETE FROM runas_token_blacklist').run();
    });
  }
}
