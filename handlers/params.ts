/**
 * Readers of query parameters, shared by the handlers. The validator has already checked and coerced them (numbers,
 * booleans, arrays; empty values are refused), so these only pick out what was given.
 */
import type { QueryParams } from '../src/core/query';

export const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
export const int = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
export const flag = (value: unknown): boolean => value === true || value === 'true';

/** A list parameter as an array (the validator gives arrays; a plain string is split on commas). */
export function list(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : String(value).split(',');
  return items.map(String).filter((item) => item !== '');
}

/** The paging, sorting, searching and selecting parameters every listing takes; only the given ones are set. */
export function listParams(query: Record<string, unknown>): QueryParams {
  const given: QueryParams = {
    offset: int(query.offset),
    limit: int(query.limit),
    sort: text(query.sort),
    search: text(query.search),
    q: text(query.q),
    select: list(query.select),
    distinct: query.distinct === undefined ? undefined : flag(query.distinct),
  };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as QueryParams;
}
