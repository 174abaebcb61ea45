import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pyTruthy, rolesMatchingContext, ruleMatches } from '../../src/rbac/auth-context';
import { SecurityStore } from '../../src/rbac/store';

describe('security rule language', () => {
  // Examples rbac.md records as checked against Wazuh 4.14.
  it('FIND searches every depth, MATCH only the top', () => {
    expect(ruleMatches({ FIND: { username: 'elastic' } }, { username: 'elastic' })).toBe(true);
    expect(ruleMatches({ FIND: { username: 'elastic' } }, { user: { username: 'elastic' } })).toBe(true);
    expect(ruleMatches({ MATCH: { username: 'elastic' } }, { user: { username: 'elastic' } })).toBe(false);
    expect(ruleMatches({ FIND: { name: 'x' } }, { users: [{ id: 1 }, { deep: { name: 'x' } }] })).toBe(true);
    expect(ruleMatches({ FIND: { username: 'elastic' } }, { username: 'kibana' })).toBe(false);
  });

  it('MATCH accepts subsets of context lists, MATCH$ wants the same items', () => {
    const context = { roles: ['admin', 'ops'] };
    expect(ruleMatches({ MATCH: { roles: ['admin'] } }, context)).toBe(true);
    expect(ruleMatches({ MATCH: { roles: 'admin' } }, context)).toBe(true);
    expect(ruleMatches({ 'MATCH$': { roles: ['admin'] } }, context)).toBe(false);
    expect(ruleMatches({ 'MATCH$': { roles: ['admin', 'ops'] } }, { roles: ['ops', 'admin'] })).toBe(true);
    expect(ruleMatches({ MATCH: { roles: ['admin', 'dev'] } }, context)).toBe(false);
  });

  it('regexes drop their last two characters and anchor at the start only', () => {
    const rule = { AND: [{ FIND: { "r'^auth[a-zA-Z]+$'": 'wazuh' } }, { MATCH: { office: "r'^[0-9]+$'" } }] };
    expect(ruleMatches(rule, { authName: 'wazuh', office: '12a' })).toBe(true);
    expect(ruleMatches(rule, { authName: 'wazuh', office: 'a12' })).toBe(false);
    expect(ruleMatches(rule, { other: 'wazuh', office: '12' })).toBe(false);
    expect(ruleMatches({ MATCH: { groups: "r'^adm'" } }, { groups: ['users', 'admins'] })).toBe(true);
  });

  it('AND, OR and NOT combine clauses', () => {
    const ctx = { a: 1, b: 'x' };
    expect(ruleMatches({ OR: [{ MATCH: { a: 2 } }, { MATCH: { b: 'x' } }] }, ctx)).toBe(true);
    expect(ruleMatches({ AND: [{ MATCH: { a: 2 } }, { MATCH: { b: 'x' } }] }, ctx)).toBe(false);
    expect(ruleMatches({ NOT: { MATCH: { a: 2 } } }, ctx)).toBe(true);
    expect(ruleMatches({ NOT: [{ MATCH: { a: 1 } }, { MATCH: { b: 'x' } }] }, ctx)).toBe(false);
    expect(ruleMatches({ NOT: [{ MATCH: { a: 1 } }, { MATCH: { b: 'y' } }] }, ctx)).toBe(true);
    expect(ruleMatches({ UNKNOWN: {} }, ctx)).toBe(false);
    expect(ruleMatches({ FIND: { a: 1 } }, 'not an object')).toBe(false);
  });

  it('Python truthiness decides whether a run_as body counts as a context', () => {
    expect([{}, [], '', 0, false, null].map(pyTruthy)).toEqual([false, false, false, false, false, false]);
    expect([{ a: 1 }, [0], 'x', 1, true].map(pyTruthy)).toEqual([true, true, true, true, true]);
  });
});

describe('roles for a run_as context', () => {
  let dir: string;
  let store: SecurityStore;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rbac-ctx-'));
    store = new SecurityStore(join(dir, 'rbac.db'));
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('default rules count only for wazuh-wui; user rules for everyone, in role order', () => {
    expect(rolesMatchingContext(store, { username: 'elastic' }, 2)).toEqual([1]);
    expect(rolesMatchingContext(store, { username: 'elastic' }, 1)).toEqual([]);
    const role = store.insertRole('dash_readers');
    store.write(() => {
      store.db.prepare("INSERT INTO rules (id, name, rule) VALUES (100, 'r1', ?)").run('{"FIND": {"team": "blue"}}');
      store.db.prepare('INSERT INTO roles_rules (role_id, rule_id) VALUES (?, 100), (2, 100)').run(role.id);
    });
    expect(rolesMatchingContext(store, { user: { team: 'blue' } }, 1)).toEqual([2, role.id]);
    expect(rolesMatchingContext(store, { user: { team: 'blue' }, username: 'elastic' }, 2)).toEqual([1, 2, role.id]);
  });
});
