/**
 * Casbin decides: every allow/deny for an (action, resource) pair comes from an enforcer running
 * `rbac-model.conf` over the lines built from a token's permission map (see the comment in that file for how
 * Wazuh's "last matching entry wins" ordering maps onto Casbin's priority effect).
 *
 * One `CompiledPermissions` exists per (role list, rbac_mode): tokens sharing them share it, and all of them are
 * dropped whenever the security store changes. Each has its own small enforcer, so an enforce call scans only that
 * token's lines (a few dozen), and answers are memoised, so a hot (action, resource) pair costs a Map lookup.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Enforcer, newModelFromString } from 'casbin';
import type { RbacMode } from './config';
import type { Effect, PolicyMap } from './permissions';

/** A resource value no policy names: the answer for it is the answer for "any value not mentioned". */
export const UNLISTED = '\u0000unlisted';

function findProjectFile(name: string): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`${name} not found above ${__dirname}`);
}

let modelText: string | undefined;

function loadModelText(): string {
  modelText ??= readFileSync(findProjectFile('rbac-model.conf'), 'utf8');
  return modelText;
}

function partMatches(requested: string, pattern: string, groups: string): boolean {
  const p = pattern.lastIndexOf(':');
  const r = requested.lastIndexOf(':');
  if (p < 0 || r < 0) return false;
  const patternType = pattern.slice(0, p);
  const patternValue = pattern.slice(p + 1);
  const requestedType = requested.slice(0, r);
  const requestedValue = requested.slice(r + 1);
  if (patternType === 'agent:group' && requestedType === 'agent:id') {
    return patternValue === '*' || (groups !== '' && groups.split(',').includes(patternValue));
  }
  return patternType === requestedType && (patternValue === '*' || patternValue === requestedValue);
}

/** The matcher's `resourceMatch(r.obj, r.grp, p.obj)`. */
export function resourceMatch(requested: string, groups: string, pattern: string): boolean {
  if (pattern === '*') return true;
  const patternParts = pattern.split('&');
  const requestedParts = requested.split('&');
  if (patternParts.length !== requestedParts.length) return false;
  return patternParts.every((part, i) => partMatches(requestedParts[i], part, groups));
}

const PRIORITY_WIDTH = 9;
const MEMO_LIMIT = 20_000;

function priority(n: number): string {
  return String(n).padStart(PRIORITY_WIDTH, '0');
}

/** The policy lines for a permission map: later entries get smaller (stronger) priorities. */
export function policyLines(map: PolicyMap, mode: RbacMode): string[][] {
  const lines: string[][] = [];
  let total = 0;
  for (const entries of map.values()) total += entries.size;
  let index = 0;
  for (const [action, entries] of map) {
    for (const [resource, effect] of entries) {
      lines.push([action, resource, effect, priority(total - 1 - index)]);
      index += 1;
    }
  }
  if (mode === 'black') lines.push(['*', '*', 'allow', priority(total)]);
  return lines;
}

export class CompiledPermissions {
  private readonly enforcer: Enforcer;
  private readonly memo = new Map<string, boolean>();

  constructor(
    readonly map: PolicyMap,
    readonly mode: RbacMode,
  ) {
    this.enforcer = new Enforcer();
    this.enforcer.setModel(newModelFromString(loadModelText()));
    this.enforcer.initRmMap();
    // Registration is synchronous despite the Promise the method returns.
    void this.enforcer.addFunction('resourceMatch', resourceMatch);
    const lines = policyLines(map, mode);
    if (lines.length) this.enforcer.getModel().addPolicies('p', 'p', lines);
    this.enforcer.sortPolicies();
  }

  /**
   * May `action` be performed on `resource`? For agents, `groups` lists the agent's groups (only the ones this
   * map names matter) so that `agent:group:<g>` entries apply.
   */
  decide(action: string, resource: string, groups: readonly string[] = []): boolean {
    const groupText = groups.join(',');
    const key = `${action}\u0001${resource}\u0001${groupText}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const answer = this.enforcer.enforceSync(action, resource, groupText);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, answer);
    return answer;
  }

  /** The entries of the map for one action, in precedence order (weakest first). */
  entries(action: string): [string, Effect][] {
    return [...(this.map.get(action) ?? new Map<string, Effect>())];
  }

  /**
   * Could the caller perform `action` on at least one resource? Asks the enforcer about a value no policy names,
   * for each of the given types (the catalogue's types for the action), and about each resource an allow entry of
   * the map names, whatever its type: the catalogue does not always name the type a function checks (e.g.
   * `cluster:read_api_config` is declared `*:*` but checked on `node:id`), so this errs on the side of "maybe"
   * and leaves the exact answer to the resource-level check.
   */
  mayPerform(action: string, types: readonly string[]): boolean {
    for (const type of types) {
      const effectiveType = type === 'agent:group' ? 'agent:id' : type;
      const probe = effectiveType === '*:*' ? '*:*:*' : `${effectiveType}:${UNLISTED}`;
      if (this.decide(action, probe)) return true;
    }
    for (const [resource, effect] of this.entries(action)) {
      if (effect !== 'allow') continue;
      const allowed = resource.startsWith('agent:group:')
        ? this.decide(action, `agent:id:${UNLISTED}`, [resource.slice('agent:group:'.length)])
        : this.decide(action, resource);
      if (allowed) return true;
    }
    return false;
  }
}
