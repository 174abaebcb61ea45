/**
 * Which resources of one kind (agent ids, group names) a request may touch, as RBAC decided it. Kept symbolic
 * (everything / only these / everything but these) so that "all agents" never has to be enumerated: a scope
 * becomes an `IN` or `NOT IN` condition of the SQL sent to wazuh-db.
 */
import type { Restriction } from '../query';

export type Scope =
  | { kind: 'all' }
  | { kind: 'only'; values: ReadonlySet<string> }
  | { kind: 'except'; values: ReadonlySet<string> };

export const ALL: Scope = { kind: 'all' };

export function only(values: Iterable<string>): Scope {
  return { kind: 'only', values: new Set(values) };
}

export function except(values: Iterable<string>): Scope {
  const set = new Set(values);
  return set.size === 0 ? ALL : { kind: 'except', values: set };
}

export function scopeAllows(scope: Scope, value: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'only':
      return scope.values.has(value);
    case 'except':
      return !scope.values.has(value);
  }
}

export function isEmptyScope(scope: Scope): boolean {
  return scope.kind === 'only' && scope.values.size === 0;
}

/** The scope narrowed to an explicit list: the listed values it allows, in list order, without repeats. */
export function allowedOf(scope: Scope, values: readonly string[]): string[] {
  return [...new Set(values)].filter((value) => scopeAllows(scope, value));
}

/** SQL restriction of an agent scope over the numeric `id` field ([] when everything is allowed). */
export function agentRestriction(scope: Scope): Restriction[] {
  if (scope.kind === 'all') return [];
  const values = [...scope.values].map(Number).filter(Number.isFinite);
  return [{ field: 'id', values, negate: scope.kind === 'except' }];
}

/** SQL restriction of a group scope over the `name` field. */
export function groupRestriction(scope: Scope, field = 'name'): Restriction[] {
  if (scope.kind === 'all') return [];
  return [{ field, values: [...scope.values], negate: scope.kind === 'except' }];
}
