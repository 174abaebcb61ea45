/**
 * Security rules for run_as logins: a JSON rule is evaluated against the authorization context a client sends
 * (typically what a dashboard knows about its own user), and the roles whose rules match are the token's roles.
 *
 * Language (as Wazuh 4.14 evaluates it, oddities included):
 * - `MATCH: {k: v}`: every pattern key exists at the top of the context and its value matches; a string or
 *   regex matches an equal value or an item of a context list; a pattern list matches when its items are found
 *   in the context list; objects recurse.
 * - `MATCH$`: the same, but lists must match item for item (same count).
 * - `FIND` / `FIND$`: `MATCH` / `MATCH$` tried on the context and on every object nested in it, at any depth.
 * - `AND: [...]`, `OR: [...]`, `NOT: rule | [...]` (true unless all enclosed clauses hold).
 * - `"r'<regex>$'"`: a regular expression, as a value or as a key. The two last characters are dropped before
 *   compiling (so a closing `$` never anchors) and the match is anchored at the start only.
 */
import type { SecurityStore } from './store';
import { MAX_RESERVED_ID, WUI_USER_ID } from './defaults';

type Json = unknown;
type Mode = 'MATCH' | 'MATCH$';

const LOGICAL = new Set(['AND', 'OR', 'NOT']);

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The regex a rule string stands for, or undefined when it is not one (or does not compile). */
function ruleRegex(expression: Json): RegExp | undefined {
  if (typeof expression !== 'string' || !expression.startsWith("r'")) return undefined;
  try {
    // Sticky: anchored at the start of the subject, like Python's re.match.
    return new RegExp(expression.slice(2, -2), 'y');
  } catch {
    return undefined;
  }
}

function regexMatches(regex: RegExp, subject: Json): boolean {
  if (typeof subject !== 'string') return false;
  regex.lastIndex = 0;
  return regex.test(subject);
}

/** Python's `==` on JSON values: booleans compare as 0/1, objects by keys, lists in order. */
function pyEqual(a: Json, b: Json): boolean {
  const scalar = (v: Json) => (typeof v === 'boolean' ? Number(v) : v);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => pyEqual(x, b[i]));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && pyEqual(a[k], b[k]));
  }
  return scalar(a) === scalar(b);
}

/** Sorts like Python's `sorted` for comparable items; other mixes keep a stable, type-grouped order. */
function pySorted(list: Json[]): Json[] {
  const rank = (v: Json) => (typeof v === 'number' || typeof v === 'boolean' ? 0 : typeof v === 'string' ? 1 : 2);
  return [...list].sort((x, y) => {
    const byType = rank(x) - rank(y);
    if (byType !== 0) return byType;
    if (rank(x) === 0) return Number(x) - Number(y);
    if (rank(x) === 1) return (x as string) < (y as string) ? -1 : (x as string) > (y as string) ? 1 : 0;
    return 0;
  });
}

/** Counts pattern items found in the context list; MATCH needs all pattern items, MATCH$ also every context item. */
function matchLists(pattern: Json[], context: Json[], mode: Mode): boolean {
  let found = 0;
  for (const value of context) {
    for (const item of pattern) {
      const regex = ruleRegex(item);
      if (regex ? regexMatches(regex, value) : pyEqual(value, item)) found += 1;
      if (mode === 'MATCH' && found === pattern.length) return true;
      if (mode === 'MATCH$' && found === context.length && found === pattern.length) return true;
    }
  }
  return false;
}

function matchItem(pattern: Json, context: Json, mode: Mode): boolean {
  if (isObject(pattern) && isObject(context)) {
    let matched = 0;
    for (const [key, value] of Object.entries(pattern)) {
      const keyRegex = ruleRegex(key);
      if (keyRegex) {
        for (const contextKey of Object.keys(context)) {
          if (regexMatches(keyRegex, contextKey) && matchItem(value, context[contextKey], mode)) matched += 1;
        }
      }
      if (key in context && matchItem(value, context[key], mode)) matched += 1;
    }
    return matched === Object.keys(pattern).length;
  }
  const sortedPattern = Array.isArray(pattern) ? pySorted(pattern) : pattern;
  const sortedContext = Array.isArray(context) ? pySorted(context) : context;
  const regex = ruleRegex(sortedPattern);
  if (regex) {
    const subjects = Array.isArray(sortedContext) ? sortedContext : [sortedContext];
    if (subjects.some((subject) => regexMatches(regex, subject))) return true;
  }
  if (pyEqual(sortedPattern, sortedContext)) return true;
  const patternList = typeof sortedPattern === 'string' ? [sortedPattern] : sortedPattern;
  if (Array.isArray(patternList) && Array.isArray(sortedContext)) return matchLists(patternList, sortedContext, mode);
  // An empty pattern object matches anything that is not an object.
  return isObject(pattern) && Object.keys(pattern).length === 0;
}

function findItem(pattern: Json, context: Json, mode: Mode): boolean {
  if (matchItem(pattern, context, mode)) return true;
  if (!isObject(context)) return false;
  for (const value of Object.values(context)) {
    if (matchItem(pattern, value, mode)) return true;
    if (isObject(value)) {
      if (findItem(pattern, value, mode)) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) if (isObject(item) && findItem(pattern, item, mode)) return true;
    }
  }
  return false;
}

/** Evaluates a rule against an authorization context. */
export function ruleMatches(rule: Json, context: Json): boolean {
  return evaluate(rule, context) > 0;
}

function evaluate(rule: Json, context: Json): number {
  if (!isObject(rule)) return 0;
  for (const [key, value] of Object.entries(rule)) {
    if (LOGICAL.has(key)) {
      let holds = 0;
      if (Array.isArray(value)) for (const clause of value) holds += evaluate(clause, context);
      else if (isObject(value)) holds += evaluate(value, context);
      const size = Array.isArray(value)
        ? value.length
        : isObject(value)
          ? Object.keys(value).length
          : String(value).length;
      // An AND or OR that does not hold is not an answer yet: later keys of the same object still count.
      if (key === 'AND' && holds === size) return 1;
      if (key === 'OR' && holds > 0) return 1;
      if (key === 'NOT') return holds === size ? 0 : 1;
    } else if (key === 'MATCH' || key === 'MATCH$') {
      if (matchItem(value, context, key)) return 1;
    } else if (key === 'FIND' || key === 'FIND$') {
      if (findItem(value, context, key === 'FIND' ? 'MATCH' : 'MATCH$')) return 1;
    }
  }
  return 0;
}

/**
 * The ids of the roles whose security rules match the context, in role order. Default rules (ids up to 99) only
 * count for the default `wazuh-wui` user.
 */
export function rolesMatchingContext(store: SecurityStore, context: Json, userId: number): number[] {
  const matched: number[] = [];
  for (const role of store.roles()) {
    for (const rule of store.rulesOfRole(role.id)) {
      if ((rule.id > MAX_RESERVED_ID || userId === WUI_USER_ID) && ruleMatches(rule.rule, context)) {
        matched.push(role.id);
        break;
      }
    }
  }
  return matched;
}

/** Python truthiness of a JSON value: empty objects, lists and strings, 0, false and null are false. */
export function pyTruthy(value: Json): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}
