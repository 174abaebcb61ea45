/**
 * Renders `?` placeholders as SQL literals for the wazuh-db wire, which only carries SQL text.
 *
 * Interim copy: the query helper owns `src/core/query/sql-literal.ts` with the same signature; once merged, this
 * file should re-export it so there is one quoting function in the project.
 *
 * Literals: strings are single-quoted with embedded quotes doubled; finite numbers and bigints as written;
 * booleans as 1/0; null/undefined as NULL; arrays as a comma-separated list of literals (for `in (?)`).
 * Placeholders inside quoted text (`'...'`, `"..."`, `` `...` ``) are left alone.
 */

export function quoteSqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return quoteSqlString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot render ${value} as an SQL literal`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return value.map(literal).join(',');
  throw new TypeError(`cannot render a ${typeof value} as an SQL literal`);
}

export function renderSqlLiteral(sql: string, params: readonly unknown[]): string {
  let out = '';
  let next = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === '?') {
      if (next >= params.length) throw new RangeError(`missing value for placeholder ${next + 1}`);
      out += sql.slice(start, i) + literal(params[next++]);
      start = i + 1;
    }
  }
  if (next !== params.length) throw new RangeError(`${params.length} values for ${next} placeholders`);
  return out + sql.slice(start);
}
