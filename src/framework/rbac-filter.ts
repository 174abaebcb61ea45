/**
 * Resource-level RBAC for framework functions ("expose resources"), one implementation for every resource kind:
 * agents (by id, and by group through `agent:group:<g>` entries), groups, nodes, users, roles, policies and
 * security rules.
 *
 * A framework function states the action it performs, the resource type it acts on and the ids the request named
 * (or none, meaning "everything that exists"):
 * - ids named and none allowed -> 403, code 4000, `Permission denied: Resource type: <type>`;
 * - ids named and some allowed -> run on the allowed ones; `reportDenied` turns the rest into failed items (4000);
 * - no ids named -> run on whatever is allowed, possibly nothing (an empty result, not a 403). For list endpoints
 *   the allowed set comes as an `id IN (...)` / `id NOT IN (...)` filter so no row is checked one by one.
 * Resourceless actions (`*:*:*`) and fixed resources (`node:id:<this node>`) use `requireAllowed`.
 *
 * Every decision comes from the token's Casbin enforcer (`CompiledPermissions.decide`).
 */
import type { AuthInfo } from '../api/context';
import { WazuhPermissionError } from '../core/errors';
import type { AffectedItemsResult, ItemId } from '../core/results';
import type { CompiledPermissions } from '../rbac/enforcer';
import { UNLISTED } from '../rbac/enforcer';

/** Returns the ids of the agents currently in `group` (provided by the agents layer). */
export type GroupMembersResolver = (group: string) => Promise<readonly string[]>;

export interface RbacScope {
  permissions: CompiledPermissions;
  /** Needed only for `agent:id` checks when the caller's policies name `agent:group:<g>` entries. */
  groupMembers?: GroupMembersResolver;
}

/** What compiles a caller's permissions: the security service of the composition root. */
export interface PermissionSource {
  permissionsOf(auth: Pick<AuthInfo, 'roleIds' | 'rbacMode'>): CompiledPermissions;
}

/** Builds the scope of a request from the security service and the caller. */
export function rbacScope(
  security: PermissionSource,
  auth: AuthInfo,
  groupMembers?: GroupMembersResolver,
): RbacScope {
  return { permissions: security.permissionsOf(auth), groupMembers };
}

/** `id IN (...)` when only some ids are allowed, `id NOT IN (...)` when all but some are. */
export interface IdFilter {
  operator: 'in' | 'not in';
  ids: string[];
}

export interface ExposedIds<T extends ItemId> {
  /** Requested ids the caller may act on, in request order. */
  allowed: T[];
  /** Requested ids refused by RBAC. */
  denied: T[];
}

function permissionDenied(type: string): WazuhPermissionError {
  return new WazuhPermissionError(4000, { extra: `Resource type: ${type}` });
}

/** The groups named by the action's `agent:group:<g>` entries (not `*`, which matches every agent anyway). */
function namedGroups(scope: RbacScope, action: string): string[] {
  const groups: string[] = [];
  for (const [resource] of scope.permissions.entries(action)) {
    if (resource.includes('&') || !resource.startsWith('agent:group:')) continue;
    const group = resource.slice('agent:group:'.length);
    if (group !== '*') groups.push(group);
  }
  return groups;
}

/** agent id -> the named groups it belongs to. */
async function groupIndex(scope: RbacScope, action: string): Promise<Map<string, string[]>> {
  const index = new Map<string, string[]>();
  const groups = namedGroups(scope, action);
  if (groups.length === 0) return index;
  if (!scope.groupMembers) throw new Error('agent:group policies need a group members resolver');
  const members = await Promise.all(groups.map((group) => scope.groupMembers!(group)));
  groups.forEach((group, i) => {
    for (const agent of members[i]) {
      const list = index.get(agent);
      if (list) list.push(group);
      else index.set(agent, [group]);
    }
  });
  return index;
}

/**
 * Splits explicitly requested ids into allowed and denied. Throws 403 when none is allowed (unless
 * `allowEmpty`, for callers that must report every id as a failed item instead).
 */
export async function exposeIds<T extends ItemId>(
  scope: RbacScope,
  action: string,
  type: string,
  requested: readonly T[],
  options: { allowEmpty?: boolean } = {},
): Promise<ExposedIds<T>> {
  const groups = type === 'agent:id' ? await groupIndex(scope, action) : new Map<string, string[]>();
  const allowed: T[] = [];
  const denied: T[] = [];
  for (const id of requested) {
    const value = String(id);
    const ok = scope.permissions.decide(action, `${type}:${value}`, groups.get(value) ?? []);
    (ok ? allowed : denied).push(id);
  }
  if (requested.length > 0 && allowed.length === 0 && !options.allowEmpty) throw permissionDenied(type);
  return { allowed, denied };
}

/**
 * The allowed subset of "everything" as a filter on ids. Ids no policy names share one answer (the enforcer's
 * answer for an unlisted value); only the ids policies name (directly or through a group) can differ from it.
 */
export async function allowedFilter(scope: RbacScope, action: string, type: string): Promise<IdFilter> {
  const groups = type === 'agent:id' ? await groupIndex(scope, action) : new Map<string, string[]>();
  const byDefault = scope.permissions.decide(action, `${type}:${UNLISTED}`);
  const named = new Set<string>(groups.keys());
  for (const [resource] of scope.permissions.entries(action)) {
    if (resource.includes('&')) continue;
    const cut = resource.lastIndexOf(':');
    const value = resource.slice(cut + 1);
    if (resource.slice(0, cut) === type && value !== '*') named.add(value);
  }
  const exceptions: string[] = [];
  for (const id of named) {
    if (scope.permissions.decide(action, `${type}:${id}`, groups.get(id) ?? []) !== byDefault) exceptions.push(id);
  }
  exceptions.sort();
  return byDefault ? { operator: 'not in', ids: exceptions } : { operator: 'in', ids: exceptions };
}

/** True when the filter lets `id` through. */
export function filterAllows(filter: IdFilter, id: ItemId): boolean {
  const listed = filter.ids.includes(String(id));
  return filter.operator === 'in' ? listed : !listed;
}

/** Keeps the ids of `all` the filter lets through (for resources listed in memory: users, roles, groups...). */
export function applyFilter<T extends ItemId>(filter: IdFilter, all: readonly T[]): T[] {
  const listed = new Set(filter.ids);
  return all.filter((id) => listed.has(String(id)) === (filter.operator === 'in'));
}

/**
 * The usual entry point: with ids, `exposeIds`; without, every id of `all()` the caller may act on. `all` is only
 * called when no ids were given.
 */
export async function exposeResources<T extends ItemId>(
  scope: RbacScope,
  action: string,
  type: string,
  requested: readonly T[] | undefined,
  all: () => Promise<readonly T[]> | readonly T[],
): Promise<ExposedIds<T> & { explicit: boolean }> {
  if (requested !== undefined && requested.length > 0) {
    return { ...(await exposeIds(scope, action, type, requested)), explicit: true };
  }
  const filter = await allowedFilter(scope, action, type);
  return { allowed: applyFilter(filter, await all()), denied: [], explicit: false };
}

/** Adds one failed item (code 4000, `Resource type: <type>`) per denied id. */
export function reportDenied(result: AffectedItemsResult, type: string, denied: readonly ItemId[]): void {
  for (const id of denied) result.addFailedItem(id, permissionDenied(type));
}

/** For resourceless actions (`*:*:*`) and fixed resources such as `node:id:<this node>`: 403 unless allowed. */
export function requireAllowed(scope: RbacScope, action: string, resource = '*:*:*'): void {
  if (scope.permissions.decide(action, resource)) return;
  const cut = resource.lastIndexOf(':');
  throw permissionDenied(resource.slice(0, cut));
}

/** Whether the caller may perform `action` on one resource (no error). */
export function isAllowed(scope: RbacScope, action: string, resource: string, agentGroups: string[] = []): boolean {
  return scope.permissions.decide(action, resource, agentGroups);
}

/**
 * Whether configuration secrets (`authd.pass`) may be shown unmasked: Wazuh shows them to callers whose policies
 * mention `manager:update_config` or `cluster:update_config` at all, whatever the effect or resource.
 */
export function mayReadSecrets(scope: RbacScope): boolean {
  return ['manager:update_config', 'cluster:update_config'].some((action) => scope.permissions.entries(action).length > 0);
}
