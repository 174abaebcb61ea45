/**
 * Rendering a parameterised statement as plain SQL text for the wazuh-db socket, which only takes
 * `global sql <text>`. This is the one place where values become SQL text, so it accepts only values it can
 * quote without doubt and refuses the rest (WazuhError 2004).
 *
 * Placeholders are the bare `?` of the compiler. A `?` inside a string literal, a quoted identifier or a comment of
 * the statement is not a placeholder.
 */
import { WazuhError } from '../errors';

function refuse(reason: string): never {
  throw new WazuhError(2004, { extra: reason });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** One value as an SQLite literal. */
export function sqlLiteral(value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) refuse('a parameter is not a finite number');
    const text = Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
    // Parenthesised so that `x - ?` with a negative value never becomes the comment marker `--`.
    return value < 0 ? `(${text})` : text;
  }
  if (typeof value === 'bigint') return value < 0n ? `(${value.toString()})` : value.toString();
  if (typeof value === 'string') {
    if (value.includes('\0')) refuse('a parameter holds a NUL character');
    if (LONE_SURROGATE.test(value)) refuse('a parameter is not valid Unicode text');
    return `'${value.replace(/'/g, "''")}'`;
  }
  return refuse(`a parameter of type ${typeof value} cannot be sent`);
}

/** Ends of the quoted or commented regions that may contain a literal `?`. */
function skipRegion(sql: string, at: number): number {
  const ch = sql[at];
  const closer = ch === "'" || ch === '"' || ch === '`' ? ch : ch === '[' ? ']' : undefined;
  if (closer) {
    let i = at + 1;
    for (;;) {
      const end = sql.indexOf(closer, i);
      if (end < 0) refuse('unterminated quote in statement');
      // A doubled quote is an escaped quote inside the same literal ('it''s').
      if (closer !== ']' && sql[end + 1] === closer) {
        i = end + 2;
        continue;
      }
      return end + 1;
    }
  }
  if (sql.startsWith('--', at)) {
    const end = sql.indexOf('\n', at);
    return end < 0 ? sql.length : end + 1;
  }
  if (sql.startsWith('/*', at)) {
    const end = sql.indexOf('*/', at + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return at;
}

/**
 * Replaces each placeholder of `sql` with the literal of the matching entry of `params`: strings quoted with `'`
 * doubled, finite numbers, bigints and NULL. Anything else (booleans, objects, NaN, NUL bytes, broken Unicode), or
 * a count of params that differs from the count of placeholders, is refused with WazuhError 2004.
 */
export function renderSqlLiteral(sql: string, params: readonly unknown[]): string {
  let out = '';
  let used = 0;
  let i = 0;
  while (i < sql.length) {
    const next = skipRegion(sql, i);
    if (next !== i) {
      out += sql.slice(i, next);
      i = next;
      continue;
    }
    const ch = sql[i];
    if (ch === '?') {
      if (/[0-9]/.test(sql[i + 1] ?? '')) refuse('numbered placeholders are not supported');
      if (used >= params.length) refuse('more placeholders than parameters');
      out += sqlLiteral(params[used++]);
    } else {
      out += ch;
    }
    i++;
  }
  if (used !== params.length) refuse('more parameters than placeholders');
  return out;
}
