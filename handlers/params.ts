/** Readers of validated query parameters, shared by the handlers (the validator has already coerced their types). */

export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const int = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
export const list = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : undefined;

/** The list parameters every paginated endpoint takes. */
export function listParams(query: Record<string, unknown>) {
  return {
    offset: int(query.offset),
    limit: int(query.limit),
    sort: text(query.sort),
    search: text(query.search),
    select: list(query.select),
    q: text(query.q),
    distinct: query.distinct === true,
  };
}
