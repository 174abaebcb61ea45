/** The user's `select`, `sort`, `offset` and `limit`, checked against a model. */
import { WazuhError } from '../errors';
import type { QueryModel } from './model';
import type { QueryParams } from './types';

/** Page size when the request gives none. */
export const DEFAULT_LIMIT = 500;
/** Largest page a request may ask for. */
export const MAXIMUM_LIMIT = 100000;

export function sortedList(names: Iterable<string>): string {
  return [...names].sort().join(', ');
}

/** `a,b` or `['a', 'b']` -> trimmed names, empty ones dropped. */
export function splitList(value: readonly string[] | string): string[] {
  const items = typeof value === 'string' ? value.split(',') : [...value];
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** Expands parents (`os` -> every `os.*` field) and rejects unknown or hidden names with 1724. */
export function resolveSelect(model: QueryModel, requested: string[]): string[] {
  const chosen: string[] = [];
  const bad: string[] = [];
  for (const name of requested) {
    if (model.userFields.has(name)) {
      chosen.push(name);
      continue;
    }
    const children = [...model.userFields].filter((field) => field.startsWith(`${name}.`));
    if (children.length > 0) chosen.push(...children);
    else bad.push(name);
  }
  if (bad.length > 0) {
    throw new WazuhError(1724, {
      extra: `Allowed select fields: ${sortedList(model.userFields)}. Fields: ${bad.join(', ')}`,
    });
  }
  return [...new Set(chosen)];
}

export interface SortItem {
  field: string;
  desc: boolean;
}

/**
 * `+a,b`, `-a,b` (the leading sign orders every field, as in Wazuh), `a,-b` (a later field may carry its own
 * sign). Leading spaces are a `+` that was URL-decoded to a space.
 */
export function parseSort(sort: string): SortItem[] {
  let text = sort.replace(/^\s+/, '');
  let desc = false;
  if (text.startsWith('-') || text.startsWith('+')) {
    desc = text.startsWith('-');
    text = text.slice(1);
  }
  return text.split(',').map((part) => {
    const item = part.trim();
    if (item.startsWith('-') || item.startsWith('+')) {
      return { field: item.slice(1).trim(), desc: item.startsWith('-') };
    }
    return { field: item, desc };
  });
}

/** Parses `sort` and rejects fields outside `allowed` with 1403. */
export function checkedSort(sort: string, allowed: ReadonlySet<string>): SortItem[] {
  const items = parseSort(sort);
  const bad = items.map((item) => item.field).filter((field) => !allowed.has(field));
  if (bad.length > 0) {
    throw new WazuhError(1403, { extra: `Allowed sort fields: ${sortedList(allowed)}. Fields: ${bad.join(', ')}` });
  }
  return items;
}

export function checkPaging(params: QueryParams): { limit: number | null; offset: number } {
  const offset = params.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0) throw new WazuhError(1400);
  const limit = params.limit === undefined ? DEFAULT_LIMIT : params.limit;
  if (limit === null) return { limit, offset };
  if (limit > MAXIMUM_LIMIT) throw new WazuhError(1405, { extra: String(limit) });
  if (limit === 0) throw new WazuhError(1406);
  if (!Number.isInteger(limit) || limit < 0) throw new WazuhError(1401);
  return { limit, offset };
}
