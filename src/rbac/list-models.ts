/**
 * Query models of the security lists (`GET /security/users|roles|policies|rules`) over `rbac.db`, so `q`,
 * `search`, `select`, `sort`, `offset`, `limit` and `distinct` behave as on every other list endpoint. The linked
 * ids (a user's roles, a role's policies...) are computed in SQL, in link order.
 */
import { defineQueryModel, type FieldDef } from '../core/query';

const idList = (value: unknown): number[] =>
  value === null || value === undefined || value === '' ? [] : String(value).split(',').map(Number);

function linked(sql: string): FieldDef {
  return { sql: `coalesce((SELECT group_concat(x) FROM (${sql})), '')`, format: idList };
}

const ID: FieldDef = { sql: 'id', type: 'number', search: 'exact' };

export const USERS_MODEL = defineQueryModel({
  name: 'security users',
  from: 'users',
  fields: {
    id: ID,
    username: { sql: 'username' },
    allow_run_as: { sql: 'allow_run_as', type: 'number', format: (v) => Boolean(v), search: false },
    roles: linked('SELECT role_id AS x FROM user_roles WHERE user_roles.user_id = users.id ORDER BY level, id'),
  },
  alwaysSelect: ['id'],
  sortable: ['id', 'username'],
  defaultSort: { field: 'id', order: 'asc' },
  key: 'id',
});

export const ROLES_MODEL = defineQueryModel({
  name: 'security roles',
  from: 'roles',
  fields: {
    id: ID,
    name: { sql: 'name' },
    policies: linked(
      'SELECT policy_id AS x FROM roles_policies WHERE roles_policies.role_id = roles.id ORDER BY level, id',
    ),
    users: linked('SELECT user_id AS x FROM user_roles WHERE user_roles.role_id = roles.id ORDER BY id'),
    rules: linked('SELECT rule_id AS x FROM roles_rules WHERE roles_rules.role_id = roles.id ORDER BY id'),
  },
  alwaysSelect: ['id'],
  sortable: ['id', 'name'],
  defaultSort: { field: 'id', order: 'asc' },
  key: 'id',
});

export const POLICIES_MODEL = defineQueryModel({
  name: 'security policies',
  from: 'policies',
  fields: {
    id: ID,
    name: { sql: 'name' },
    policy: { sql: 'policy', type: 'json', format: 'json' },
    roles: linked('SELECT role_id AS x FROM roles_policies WHERE roles_policies.policy_id = policies.id ORDER BY id'),
  },
  alwaysSelect: ['id'],
  sortable: ['id', 'name'],
  defaultSort: { field: 'id', order: 'asc' },
  key: 'id',
});

export const RULES_MODEL = defineQueryModel({
  name: 'security rules',
  from: 'rules',
  fields: {
    id: ID,
    name: { sql: 'name' },
    rule: { sql: 'rule', type: 'json', format: 'json' },
    roles: linked('SELECT role_id AS x FROM roles_rules WHERE roles_rules.rule_id = rules.id ORDER BY id'),
  },
  alwaysSelect: ['id'],
  sortable: ['id', 'name'],
  defaultSort: { field: 'id', order: 'asc' },
  key: 'id',
});
