/**
 * The `/security` operations as framework functions: RBAC on the resources they touch (through `rbac-filter`),
 * input checks, the store calls, token invalidation, and Wazuh's result messages and error codes.
 * Each function takes the security service, the caller and typed arguments; HTTP details stay in the handlers.
 */
import type { AuthInfo } from '../api/context';
import { WazuhError, WazuhResourceNotFound } from '../core/errors';
import { compileQuery, shapeRows, type QueryModel, type QueryParams } from '../core/query';
import { AffectedItemsResult, WazuhResult, type ItemId } from '../core/results';
import { MAX_RESERVED_ID, type PolicyBody } from '../rbac/defaults';
import { POLICIES_MODEL, ROLES_MODEL, RULES_MODEL, USERS_MODEL } from '../rbac/list-models';
import { checkPasswordStrength, hashPassword } from '../rbac/passwords';
import { policyMapToJson } from '../rbac/permissions';
import type { SecurityService } from '../rbac/security';
import type { SecurityConfig } from '../rbac/config';
import {
  allowedFilter,
  exposeIds,
  exposeResources,
  rbacScope,
  reportDenied,
  requireAllowed,
  type RbacScope,
} from './rbac-filter';

type Messages = { all: string; some?: string; none: string };

function newResult<T = unknown>(messages: Messages): AffectedItemsResult<T> {
  return new AffectedItemsResult<T>({ all: messages.all, some: messages.some ?? '', none: messages.none });
}

function scopeOf(security: SecurityService, auth: AuthInfo): RbacScope {
  return rbacScope(security, auth);
}

function lifetime(security: SecurityService): number {
  return security.config.auth_token_exp_timeout;
}

// ---- items -----------------------------------------------------------------------------------------------------

export function userItem(security: SecurityService, id: number): Record<string, unknown> | undefined {
  const user = security.store.userById(id);
  if (!user) return undefined;
  return { id: user.id, username: user.username, allow_run_as: user.allow_run_as, roles: security.store.roleIdsOfUser(id) };
}

export function roleItem(security: SecurityService, id: number): Record<string, unknown> | undefined {
  const role = security.store.roleById(id);
  if (!role) return undefined;
  const { store } = security;
  return {
    id: role.id,
    name: role.name,
    policies: store.policyIdsOfRole(id),
    users: store.userIdsOfRole(id),
    rules: store.ruleIdsOfRole(id),
  };
}

export function policyItem(security: SecurityService, id: number): Record<string, unknown> | undefined {
  const policy = security.store.policyById(id);
  if (!policy) return undefined;
  return { id: policy.id, name: policy.name, policy: policy.policy, roles: security.store.roleIdsOfPolicy(id) };
}

export function ruleItem(security: SecurityService, id: number): Record<string, unknown> | undefined {
  const rule = security.store.ruleById(id);
  if (!rule) return undefined;
  return { id: rule.id, name: rule.name, rule: rule.rule, roles: security.store.roleIdsOfRule(id) };
}

/** Python's `sort(key=str)` on the items Wazuh returns: effectively by the text of the id. */
function sortByIdText(items: Record<string, unknown>[]): void {
  items.sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0));
}

// ---- lists -----------------------------------------------------------------------------------------------------

interface ListSpec {
  type: string;
  model: QueryModel;
  table: 'users' | 'roles' | 'policies' | 'rules';
  notFound: number;
  messages: Messages;
}

async function listObjects(
  security: SecurityService,
  auth: AuthInfo,
  spec: ListSpec,
  ids: number[] | undefined,
  query: QueryParams,
): Promise<AffectedItemsResult> {
  const scope = scopeOf(security, auth);
  const result = newResult(spec.messages);
  let restrict;
  if (ids && ids.length) {
    const { allowed, denied } = await exposeIds(scope, 'security:read', spec.type, ids);
    const existing = new Set(security.store.allIds(spec.table));
    const present = allowed.filter((id) => existing.has(id));
    for (const id of allowed) if (!existing.has(id)) result.addFailedItem(id, new WazuhError(spec.notFound));
    reportDenied(result, spec.type, denied);
    restrict = [{ field: 'id', values: present }];
  } else {
    const filter = await allowedFilter(scope, 'security:read', spec.type);
    restrict = [{ field: 'id', values: filter.ids.map(Number), negate: filter.operator === 'not in' }];
  }
  const compiled = compileQuery(spec.model, query, { restrict });
  const { total, rows } = security.store.listPage(compiled);
  return result.addPage({ items: shapeRows(spec.model, compiled, rows), total });
}

export function getUsers(s: SecurityService, auth: AuthInfo, ids: number[] | undefined, query: QueryParams = {}) {
  return listObjects(s, auth, {
    type: 'user:id',
    model: USERS_MODEL,
    table: 'users',
    notFound: 5001,
    messages: { all: 'All specified users were returned', some: 'Some users were not returned', none: 'No user was returned' },
  }, ids, query);
}

export function getRoles(s: SecurityService, auth: AuthInfo, ids: number[] | undefined, query: QueryParams = {}) {
  return listObjects(s, auth, {
    type: 'role:id',
    model: ROLES_MODEL,
    table: 'roles',
    notFound: 4002,
    messages: { all: 'All specified roles were returned', some: 'Some roles were not returned', none: 'No role was returned' },
  }, ids, query);
}

export function getPolicies(s: SecurityService, auth: AuthInfo, ids: number[] | undefined, query: QueryParams = {}) {
  return listObjects(s, auth, {
    type: 'policy:id',
    model: POLICIES_MODEL,
    table: 'policies',
    notFound: 4007,
    messages: {
      all: 'All specified policies were returned',
      some: 'Some policies were not returned',
      none: 'No policy was returned',
    },
  }, ids, query);
}

export function getRules(s: SecurityService, auth: AuthInfo, ids: number[] | undefined, query: QueryParams = {}) {
  return listObjects(s, auth, {
    type: 'rule:id',
    model: RULES_MODEL,
    table: 'rules',
    notFound: 4022,
    messages: {
      all: 'All specified security rules were returned',
      some: 'Some security rules were not returned',
      none: 'No security rule was returned',
    },
  }, ids, query);
}

// ---- the caller ------------------------------------------------------------------------------------------------

export function getUserMe(s: SecurityService, auth: AuthInfo): AffectedItemsResult {
  const result = newResult({ all: 'Current user information was returned', none: '' });
  const user = s.store.userByName(auth.username);
  if (!user) {
    result.addFailedItem(auth.username, new WazuhError(5001));
    return result;
  }
  const roles = auth.roleIds
    .map((roleId) => roleItem(s, roleId))
    .filter((role): role is Record<string, unknown> => role !== undefined)
    .map((role) => {
      const { users: _users, ...rest } = role;
      return {
        ...rest,
        policies: (role.policies as number[]).map((id) => {
          const { roles: _r, ...policy } = policyItem(s, id)!;
          return policy;
        }),
        rules: (role.rules as number[]).map((id) => {
          const { roles: _r, ...rule } = ruleItem(s, id)!;
          return rule;
        }),
      };
    });
  result.addAffected({ id: user.id, username: user.username, allow_run_as: user.allow_run_as, roles });
  return result;
}

export function getUserMePolicies(s: SecurityService, auth: AuthInfo): WazuhResult {
  const permissions = s.permissionsOf(auth);
  return new WazuhResult({
    data: { ...policyMapToJson(permissions.map), rbac_mode: auth.rbacMode },
    message: 'Current user processed policies information was returned',
  });
}

export function logout(s: SecurityService, auth: AuthInfo): WazuhResult {
  s.revokeUserTokens(auth.username);
  return new WazuhResult({ message: `User ${auth.username} was successfully logged out` });
}

export function revokeAllTokens(s: SecurityService, auth: AuthInfo): WazuhResult {
  requireAllowed(scopeOf(s, auth), 'security:revoke');
  s.revokeAllTokens();
  return new WazuhResult({ message: 'Tokens were successfully revoked' });
}

// ---- users -----------------------------------------------------------------------------------------------------

export async function createUser(s: SecurityService, auth: AuthInfo, username: string, password: string) {
  requireAllowed(scopeOf(s, auth), 'security:create_user');
  checkPasswordStrength(password);
  const result = newResult({ all: 'User was successfully created', none: 'User could not be created' });
  const created = s.store.userByName(username) ? undefined : s.store.insertUser(username, await hashPassword(password));
  if (!created) result.addFailedItem(username, new WazuhError(5000));
  else result.addAffected(userItem(s, created.id));
  return result;
}

export async function updateUser(s: SecurityService, auth: AuthInfo, userId: number, password: string | undefined) {
  await exposeIds(scopeOf(s, auth), 'security:update', 'user:id', [userId]);
  if (password === undefined) throw new WazuhError(4001);
  if (password) {
    checkPasswordStrength(password);
    const caller = s.store.userByName(auth.username);
    if (userId <= MAX_RESERVED_ID && caller && caller.id > MAX_RESERVED_ID) throw new WazuhError(5011);
  }
  const result = newResult({ all: 'User was successfully updated', none: 'User could not be updated' });
  if (!s.store.userById(userId) || !password) {
    result.addFailedItem(userId, new WazuhError(5001));
    return result;
  }
  s.store.setPasswordHash(userId, await hashPassword(password));
  s.store.invalidateTokens({ users: [userId] }, lifetime(s));
  result.addAffected(userItem(s, userId));
  return result;
}

export async function deleteUsers(s: SecurityService, auth: AuthInfo, ids: number[] | undefined) {
  const exposed = await exposeResources(scopeOf(s, auth), 'security:delete', 'user:id', ids, () =>
    s.store.allIds('users'),
  );
  const result = newResult<Record<string, unknown>>({
    all: 'Users were successfully deleted',
    some: 'Some users were not deleted',
    none: 'No user was deleted',
  });
  const caller = s.store.userByName(auth.username);
  const fail = (id: number, code: number) => exposed.explicit && result.addFailedItem(id, new WazuhError(code));
  for (const id of exposed.allowed) {
    if (caller && id === caller.id && id > MAX_RESERVED_ID) {
      fail(id, 5008);
      continue;
    }
    const item = userItem(s, id);
    if (!item) fail(id, 5001);
    else if (id <= MAX_RESERVED_ID) fail(id, 5004);
    else {
      s.store.deleteUser(id);
      s.store.invalidateTokens({ users: [id] }, lifetime(s));
      result.addAffected(item);
    }
  }
  sortByIdText(result.affectedItems);
  reportDenied(result, 'user:id', exposed.denied);
  return result;
}

export function editRunAs(s: SecurityService, auth: AuthInfo, userId: number, allow: boolean) {
  requireAllowed(scopeOf(s, auth), 'security:edit_run_as');
  const state = allow ? 'enabled' : 'disabled';
  const result = newResult({
    all: `Parameter allow_run_as has been ${state} for the user`,
    none: `The parameter allow_run_as could not be ${state} for the user`,
  });
  if (!s.store.setAllowRunAs(userId, allow)) {
    result.addFailedItem(userId, new WazuhError(5001));
    return result;
  }
  s.store.invalidateTokens({ users: [userId] }, lifetime(s));
  result.addAffected(userItem(s, userId));
  return result;
}

// ---- roles, policies, rules ------------------------------------------------------------------------------------

export function addRole(s: SecurityService, auth: AuthInfo, name: string) {
  requireAllowed(scopeOf(s, auth), 'security:create');
  const result = newResult({ all: 'Role was successfully created', none: 'Role was not created' });
  const role = s.store.createRole(name);
  if (!role) result.addFailedItem(name, new WazuhError(4005));
  else result.addAffected(roleItem(s, role.id));
  return result;
}

export async function updateRole(s: SecurityService, auth: AuthInfo, roleId: number, name: string | undefined) {
  await exposeIds(scopeOf(s, auth), 'security:update', 'role:id', [roleId]);
  if (name === undefined) throw new WazuhError(4001);
  const result = newResult({ all: 'Role was successfully updated', none: 'Role was not updated' });
  if (!s.store.roleById(roleId)) result.addFailedItem(roleId, new WazuhError(4002));
  else if (roleId <= MAX_RESERVED_ID) result.addFailedItem(roleId, new WazuhError(4008));
  else if (!s.store.renameRole(roleId, name)) result.addFailedItem(roleId, new WazuhError(4005));
  else {
    s.store.invalidateTokens({ roles: [roleId] }, lifetime(s));
    result.addAffected(roleItem(s, roleId));
  }
  return result;
}

async function removeObjects(
  s: SecurityService,
  auth: AuthInfo,
  ids: number[] | undefined,
  spec: {
    type: string;
    table: 'roles' | 'policies' | 'rules';
    notFound: number;
    messages: Messages;
    item: (id: number) => Record<string, unknown> | undefined;
    remove: (id: number) => boolean;
    invalidate: (item: Record<string, unknown>) => { roles?: number[]; runAs?: boolean };
  },
) {
  const exposed = await exposeResources(scopeOf(s, auth), 'security:delete', spec.type, ids, () =>
    s.store.allIds(spec.table),
  );
  const result = newResult<Record<string, unknown>>(spec.messages);
  for (const id of exposed.allowed) {
    const item = spec.item(id);
    if (!item) {
      if (exposed.explicit) result.addFailedItem(id, new WazuhError(spec.notFound));
    } else if (id <= MAX_RESERVED_ID) {
      if (exposed.explicit) result.addFailedItem(id, new WazuhError(4008));
    } else {
      spec.remove(id);
      const targets = spec.invalidate(item);
      if (targets.roles?.length || targets.runAs) s.store.invalidateTokens(targets, lifetime(s));
      result.addAffected(item);
    }
  }
  result.affectedItems.sort((a, b) => (a.id as number) - (b.id as number));
  reportDenied(result, spec.type, exposed.denied);
  return result;
}

export function removeRoles(s: SecurityService, auth: AuthInfo, ids: number[] | undefined) {
  return removeObjects(s, auth, ids, {
    type: 'role:id',
    table: 'roles',
    notFound: 4002,
    messages: { all: 'All specified roles were deleted', some: 'Some roles were not deleted', none: 'No role was deleted' },
    item: (id) => roleItem(s, id),
    remove: (id) => s.store.deleteRole(id),
    invalidate: (item) => ({ roles: [item.id as number] }),
  });
}

export function removePolicies(s: SecurityService, auth: AuthInfo, ids: number[] | undefined) {
  return removeObjects(s, auth, ids, {
    type: 'policy:id',
    table: 'policies',
    notFound: 4007,
    messages: {
      all: 'All specified policies were deleted',
      some: 'Some policies were not deleted',
      none: 'No policy was deleted',
    },
    item: (id) => policyItem(s, id),
    remove: (id) => s.store.deletePolicy(id),
    invalidate: (item) => ({ roles: item.roles as number[] }),
  });
}

export function removeRules(s: SecurityService, auth: AuthInfo, ids: number[] | undefined) {
  return removeObjects(s, auth, ids, {
    type: 'rule:id',
    table: 'rules',
    notFound: 4022,
    messages: {
      all: 'All specified security rules were deleted',
      some: 'Some security rules were not deleted',
      none: 'No security rule was deleted',
    },
    item: (id) => ruleItem(s, id),
    remove: (id) => s.store.deleteRule(id),
    invalidate: (item) => ({ roles: item.roles as number[] }),
  });
}

const ACTION = /^[a-zA-Z_-]+:[a-zA-Z_-]+$/;
const RESOURCE = /^[a-zA-Z_\-*]+:[\w\-*]+:[\w\-/.*]+$/;

/** Lower-cases actions, resource types/attributes and the effect, as Wazuh stores them. */
function sanitizePolicy(policy: Record<string, unknown>): void {
  if (Array.isArray(policy.actions)) policy.actions = policy.actions.map((a) => (typeof a === 'string' ? a.toLowerCase() : a));
  if (Array.isArray(policy.resources)) {
    policy.resources = policy.resources.map((resource) =>
      typeof resource !== 'string'
        ? resource
        : resource
            .split('&')
            .map((part) => {
              const pieces = part.split(':');
              return [...pieces.slice(0, -1).map((p) => p.toLowerCase()), pieces[pieces.length - 1]].join(':');
            })
            .join('&'),
    );
  }
  if (typeof policy.effect === 'string') policy.effect = policy.effect.toLowerCase();
}

/** A policy body with exactly actions (list), resources (list) and effect (text), all well formed. */
function validPolicy(policy: unknown): policy is PolicyBody {
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) return false;
  const body = policy as Record<string, unknown>;
  if (Object.keys(body).length !== 3) return false;
  if (!Array.isArray(body.actions) || !Array.isArray(body.resources) || typeof body.effect !== 'string') return false;
  if (!body.actions.every((a) => typeof a === 'string' && ACTION.test(a))) return false;
  return body.resources.every(
    (r) => typeof r === 'string' && r.split('&').every((part) => RESOURCE.test(part)),
  );
}

export function addPolicy(s: SecurityService, auth: AuthInfo, name: string, policy: unknown) {
  requireAllowed(scopeOf(s, auth), 'security:create');
  const result = newResult({ all: 'Policy was successfully created', none: 'Policy was not created' });
  const body = policy && typeof policy === 'object' ? { ...(policy as Record<string, unknown>) } : policy;
  if (body && typeof body === 'object') sanitizePolicy(body as Record<string, unknown>);
  if (!validPolicy(body)) {
    result.addFailedItem(name, new WazuhError(4006));
    return result;
  }
  const created = s.store.createPolicy(name, body);
  if (!created) result.addFailedItem(name, new WazuhError(4009));
  else result.addAffected(policyItem(s, created.id));
  return result;
}

export async function updatePolicy(
  s: SecurityService,
  auth: AuthInfo,
  policyId: number,
  name: string | undefined,
  policy: unknown,
) {
  await exposeIds(scopeOf(s, auth), 'security:update', 'policy:id', [policyId]);
  if (name === undefined && policy === undefined) throw new WazuhError(4001);
  const result = newResult({ all: 'Policy was successfully updated', none: 'Policy was not updated' });
  let body: PolicyBody | undefined;
  if (policy !== undefined) {
    const copy = policy && typeof policy === 'object' ? { ...(policy as Record<string, unknown>) } : policy;
    if (copy && typeof copy === 'object') sanitizePolicy(copy as Record<string, unknown>);
    if (!validPolicy(copy)) {
      result.addFailedItem(policyId, new WazuhError(s.store.policyById(policyId) ? 4006 : 4007));
      return result;
    }
    body = copy;
  }
  if (!s.store.policyById(policyId)) result.addFailedItem(policyId, new WazuhError(4007));
  else if (policyId <= MAX_RESERVED_ID) result.addFailedItem(policyId, new WazuhError(4008));
  else if (!s.store.updatePolicy(policyId, name, body)) result.addFailedItem(policyId, new WazuhError(4013));
  else {
    const item = policyItem(s, policyId)!;
    s.store.invalidateTokens({ roles: item.roles as number[] }, lifetime(s));
    result.addAffected(item);
  }
  return result;
}

function validRule(rule: unknown): rule is Record<string, unknown> {
  return rule !== null && typeof rule === 'object' && !Array.isArray(rule);
}

export function addRule(s: SecurityService, auth: AuthInfo, name: string, rule: unknown) {
  requireAllowed(scopeOf(s, auth), 'security:create');
  const result = newResult({ all: 'Security rule was successfully created', none: 'Security rule was not created' });
  if (!validRule(rule)) {
    result.addFailedItem(name, new WazuhError(4003));
    return result;
  }
  const created = s.store.createRule(name, rule);
  if (!created) result.addFailedItem(name, new WazuhError(4005));
  else result.addAffected(ruleItem(s, created.id));
  return result;
}

export async function updateRule(
  s: SecurityService,
  auth: AuthInfo,
  ruleId: number,
  name: string | undefined,
  rule: unknown,
) {
  await exposeIds(scopeOf(s, auth), 'security:update', 'rule:id', [ruleId]);
  if (name === undefined && rule === undefined) throw new WazuhError(4001);
  const result = newResult({ all: 'Security rule was successfully updated', none: 'Security rule was not updated' });
  if (!s.store.ruleById(ruleId)) result.addFailedItem(ruleId, new WazuhError(4022));
  else if (ruleId <= MAX_RESERVED_ID) result.addFailedItem(ruleId, new WazuhError(4008));
  else if (rule !== undefined && !validRule(rule)) result.addFailedItem(ruleId, new WazuhError(4003));
  else if (!s.store.updateRule(ruleId, name, rule as Record<string, unknown> | undefined)) {
    result.addFailedItem(ruleId, new WazuhError(4005));
  } else {
    const item = ruleItem(s, ruleId)!;
    s.store.invalidateTokens({ roles: item.roles as number[] }, lifetime(s));
    result.addAffected(item);
  }
  return result;
}

// ---- links -----------------------------------------------------------------------------------------------------

function checkPosition(position: number | undefined): void {
  if (position !== undefined && position < 0) throw new WazuhError(4018);
}

export async function setUserRole(
  s: SecurityService,
  auth: AuthInfo,
  userId: number,
  roleIds: number[],
  position?: number,
) {
  checkPosition(position);
  const scope = scopeOf(s, auth);
  await exposeIds(scope, 'security:update', 'user:id', [userId]);
  const { allowed, denied } = await exposeIds(scope, 'security:update', 'role:id', roleIds);
  const username = s.store.userById(userId)?.username ?? 'unknown';
  const result = newResult({
    all: `All roles were linked to user ${username}`,
    some: `Some roles were not linked to user ${username}`,
    none: `No link was created to user ${username}`,
  });
  let linked = false;
  let at = position;
  for (const roleId of allowed) {
    if (!s.store.userById(userId)) {
      result.addFailedItem(userId, new WazuhError(5001));
      break;
    }
    if (!s.store.roleById(roleId)) result.addFailedItem(roleId, new WazuhError(4002));
    else if (userId <= MAX_RESERVED_ID) result.addFailedItem(userId, new WazuhError(4008));
    else if (s.store.hasUserRole(userId, roleId)) result.addFailedItem(roleId, new WazuhError(4017));
    else {
      s.store.linkUserRole(userId, roleId, at);
      if (at !== undefined) at += 1;
      linked = true;
    }
  }
  if (linked) {
    s.store.invalidateTokens({ users: [userId] }, lifetime(s));
    result.affectedItems.push(userItem(s, userId));
    result.totalAffectedItems = 1;
  }
  reportDenied(result, 'role:id', denied);
  return result;
}

/** Without `roleIds`, every role linked to the user. */
export async function removeUserRole(s: SecurityService, auth: AuthInfo, userId: number, roleIds?: number[]) {
  const scope = scopeOf(s, auth);
  await exposeIds(scope, 'security:delete', 'user:id', [userId]);
  const { allowed, denied } = await exposeIds(scope, 'security:delete', 'role:id', roleIds ?? s.store.roleIdsOfUser(userId));
  const user = s.store.userById(userId);
  if (!user) throw new WazuhResourceNotFound(5001);
  const result = newResult({
    all: `All roles were unlinked from user ${user.username}`,
    some: `Some roles were not unlinked from user ${user.username}`,
    none: `No role was unlinked from user ${user.username}`,
  });
  let unlinked = false;
  for (const roleId of allowed) {
    if (!s.store.roleById(roleId)) result.addFailedItem(roleId, new WazuhError(4002));
    else if (userId <= MAX_RESERVED_ID) result.addFailedItem(userId, new WazuhError(4008));
    else if (!s.store.unlinkUserRole(userId, roleId)) result.addFailedItem(roleId, new WazuhError(4016));
    else unlinked = true;
  }
  if (unlinked) {
    s.store.invalidateTokens({ users: [userId] }, lifetime(s));
    result.affectedItems.push(userItem(s, userId));
    result.totalAffectedItems = 1;
  }
  reportDenied(result, 'role:id', denied);
  return result;
}

export async function setRolePolicy(
  s: SecurityService,
  auth: AuthInfo,
  roleId: number,
  policyIds: number[],
  position?: number,
) {
  checkPosition(position);
  const scope = scopeOf(s, auth);
  await exposeIds(scope, 'security:update', 'role:id', [roleId]);
  const { allowed, denied } = await exposeIds(scope, 'security:update', 'policy:id', policyIds);
  const result = newResult({
    all: `All policies were linked to role ${roleId}`,
    some: `Some policies were not linked to role ${roleId}`,
    none: `No link was created to role ${roleId}`,
  });
  let linked = false;
  let at = position;
  for (const policyId of allowed) {
    if (!s.store.roleById(roleId)) result.addFailedItem(roleId, new WazuhError(4002));
    else if (!s.store.policyById(policyId)) result.addFailedItem(policyId, new WazuhError(4007));
    else if (roleId <= MAX_RESERVED_ID) result.addFailedItem(roleId, new WazuhError(4008));
    else if (s.store.hasRolePolicy(roleId, policyId)) result.addFailedItem(policyId, new WazuhError(4011));
    else {
      s.store.linkRolePolicy(roleId, policyId, at);
      if (at !== undefined) at += 1;
      linked = true;
    }
  }
  if (linked) {
    s.store.invalidateTokens({ roles: [roleId] }, lifetime(s));
    result.affectedItems.push(roleItem(s, roleId));
    result.totalAffectedItems = 1;
  }
  reportDenied(result, 'policy:id', denied);
  return result;
}

/** Without `policyIds`, every policy linked to the role. */
export async function removeRolePolicy(s: SecurityService, auth: AuthInfo, roleId: number, policyIds?: number[]) {
  const scope = scopeOf(s, auth);
  await exposeIds(scope, 'security:delete', 'role:id', [roleId]);
  const { allowed, denied } = await exposeIds(scope, 'security:delete', 'policy:id', policyIds ?? s.store.policyIdsOfRole(roleId));
  if (!s.store.roleById(roleId)) throw new WazuhResourceNotFound(4002);
  const result = newResult({
    all: `All policies were unlinked from role ${roleId}`,
    some: `Some policies were not unlinked from role ${roleId}`,
    none: `No policy was unlinked from role ${roleId}`,
  });
  let unlinked = false;
  for (const policyId of allowed) {
    if (!s.store.policyById(policyId)) result.addFailedItem(policyId, new WazuhError(4007));
    else if (roleId <= MAX_RESERVED_ID) result.addFailedItem(roleId, new WazuhError(4008));
    else if (!s.store.unlinkRolePolicy(roleId, policyId)) result.addFailedItem(policyId, new WazuhError(4010));
    else unlinked = true;
  }
  if (unlinked) {
    s.store.invalidateTokens({ roles: [roleId] }, lifetime(s));
    result.affectedItems.push(roleItem(s, roleId));
    result.totalAffectedItems = 1;
  }
  reportDenied(result, 'policy:id', denied);
  return result;
}

export async function setRoleRule(s: SecurityService, auth: AuthInfo, roleId: number, ruleIds: number[]) {
  const scope = scopeOf(s, auth);
  await exposeIds(scope, 'security:update', 'role:id', [roleId]);
  const { allowed, denied } = await exposeIds(scope, 'security:update', 'rule:id', ruleIds);
  const result = newResult({
    all: `All security rules were linked to role ${roleId}`,
    some: `Some security rules were not linked to role ${roleId}`,
    none: `No link was created to role ${roleId}`,
  });
  let linked = false;
  for (const ruleId of allowed) {
    if (!s.store.roleById(roleId)) result.addFailedItem(roleId, new WazuhError(4002));
    else if (!s.store.ruleById(ruleId)) result.addFailedItem(ruleId, new WazuhError(4022));
    else if (roleId <= MAX_RESERVED_ID) result.addFailedItem(roleId, new WazuhError(4008));
    else if (s.store.hasRoleRule(roleId, ruleId)) result.addFailedItem(ruleId, new WazuhError(4023));
    else {
      s.store.linkRoleRule(roleId, ruleId);
      linked = true;
    }
  }
  if (linked) {
    s.store.invalidateTokens({ runAs: true }, lifetime(s));
    result.affectedItems.push(roleItem(s, roleId));
    result.totalAffectedItems = 1;
  }
  reportDenied(result, 'rule:id', denied);
  return result;
}

/** Without `ruleIds`, every security rule linked to the role. */
export async function removeRoleRule(s: SecurityService, auth: AuthInfo, roleId: number, ruleIds?: number[]) {
  const scope = scopeOf(s, auth);
  await exposeIds(scope, 'security:delete', 'role:id', [roleId]);
  const { allowed, denied } = await exposeIds(scope, 'security:delete', 'rule:id', ruleIds ?? s.store.ruleIdsOfRole(roleId));
  if (!s.store.roleById(roleId)) throw new WazuhResourceNotFound(4002);
  const result = newResult({
    all: `All security rules were unlinked from role ${roleId}`,
    some: `Some security rules were not unlinked from role ${roleId}`,
    none: `No security rule was unlinked from role ${roleId}`,
  });
  let unlinked = false;
  for (const ruleId of allowed) {
    if (!s.store.ruleById(ruleId)) result.addFailedItem(ruleId, new WazuhError(4022));
    else if (roleId <= MAX_RESERVED_ID) result.addFailedItem(roleId, new WazuhError(4008));
    else if (!s.store.unlinkRoleRule(roleId, ruleId)) result.addFailedItem(ruleId, new WazuhError(4024));
    else unlinked = true;
  }
  if (unlinked) {
    s.store.invalidateTokens({ runAs: true }, lifetime(s));
    result.affectedItems.push(roleItem(s, roleId));
    result.totalAffectedItems = 1;
  }
  reportDenied(result, 'rule:id', denied);
  return result;
}

// ---- configuration and catalogue -------------------------------------------------------------------------------

export function getSecurityConfig(s: SecurityService, auth: AuthInfo): WazuhResult {
  requireAllowed(scopeOf(s, auth), 'security:read_config');
  return new WazuhResult({ data: { ...s.config } });
}

/** `PUT /security/config` (exactly the keys given) and `DELETE /security/config` (`undefined`: the defaults). */
export function updateSecurityConfig(
  s: SecurityService,
  auth: AuthInfo,
  config: Partial<SecurityConfig> | undefined,
): WazuhResult {
  requireAllowed(scopeOf(s, auth), 'security:update_config');
  if (config === undefined) s.resetConfig();
  else if (Object.keys(config).length === 0) {
    const error = new WazuhError(4021);
    return new WazuhResult({ message: `Configuration could not be updated. Error: Error ${error.code} - ${error.message}` });
  } else s.replaceConfig(config);
  return new WazuhResult({ message: 'Configuration was successfully updated' });
}

export function getRbacResources(s: SecurityService, resource?: string): WazuhResult {
  const resources = s.catalog.resources;
  if (!resource) return new WazuhResult({ data: Object.fromEntries(resources) });
  const entry = resources.get(resource);
  if (!entry) throw new WazuhError(4019);
  return new WazuhResult({ data: { [resource]: entry } });
}

/** Each action with its catalogue entry and the endpoints (`METHOD /path`) that need it. */
export function getRbacActions(
  s: SecurityService,
  routes: readonly { method: string; path: string; rbacActions: readonly string[] }[],
  endpoint?: string,
): WazuhResult {
  const endpoints = routes.map((r) => `${r.method.toUpperCase()} ${r.path}`);
  if (endpoint && !endpoints.includes(endpoint)) throw new WazuhError(4020);
  const data: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const name = `${route.method.toUpperCase()} ${route.path}`;
    if (endpoint && name !== endpoint) continue;
    for (const action of route.rbacActions) {
      const entry = s.catalog.actions.get(action);
      if (!entry) continue;
      data[action] ??= {
        description: entry.description,
        resources: [...entry.resources],
        ...entry.extra,
        related_endpoints: [] as string[],
      };
      (data[action].related_endpoints as string[]).push(name);
    }
  }
  return new WazuhResult({ data });
}

export type { ItemId };
