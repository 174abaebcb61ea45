/**
 * Turning condition trees into SQL. Identifiers come only from the model; every user value becomes a `?` with its
 * value in `params`.
 *
 * Semantics follow Wazuh's framework where they are deliberate:
 * - comparisons of text fields ignore case (`COLLATE NOCASE`); `~` is LIKE `%value%` (so `%` and `_` typed by the
 *   user are wildcards there, as in Wazuh);
 * - the value `null` tests for NULL (`!=null` for NOT NULL);
 * - the value `all` means "no condition": the condition is dropped;
 * - date fields take a time frame, where `<`/`=` mean "more recent than" and `>`/`!=` "older than", or a date;
 * - list fields (agents' `group`) test membership in the comma-separated list.
 * Where Wazuh mangles values (quotes replaced by `_` and `=` turned into LIKE), values here are compared as typed.
 */
import { WazuhError } from '../errors';
import type { QueryModel } from './model';
import type { FieldDef, QueryCondition, QueryNode, QueryOperator } from './types';

export interface Fragment {
  sql: string;
  params: unknown[];
}

export interface EmitContext {
  model: QueryModel;
  /** Epoch seconds used for time frames. */
  now: number;
}

const OPERATORS: readonly QueryOperator[] = ['=', '!=', '<', '>', '~'];
const LIST_OPERATORS: readonly QueryOperator[] = ['=', '!=', '~'];
const SIMPLE_IDENTIFIER = /^(?:[A-Za-z_][A-Za-z0-9_]*|`[^`]+`|"[^"]+")$/;

/** Wraps an expression in parentheses unless it is a bare identifier. */
export function grouped(sql: string): string {
  return SIMPLE_IDENTIFIER.test(sql) ? sql : `(${sql})`;
}

function sortedList(names: Iterable<string>): string {
  return [...names].sort().join(', ');
}

/**
 * Checks every condition of a tree in reading order: unknown field -> 1408, bad operator -> 1409 (Wazuh checks
 * each condition's field, then its operator, left to right). `allowHidden` is for trees written by code.
 */
export function validateTree(model: QueryModel, node: QueryNode, allowHidden = false): void {
  if (node.type !== 'condition') {
    node.children.forEach((child) => validateTree(model, child, allowHidden));
    return;
  }
  const known = allowHidden
    ? Object.prototype.hasOwnProperty.call(model.spec.fields, node.field) && !model.field(node.field).aggregate
    : model.queryableFields.has(node.field);
  if (!known) {
    throw new WazuhError(1408, {
      extra: `Available fields: ${sortedList(model.queryableFields)}. Field: ${node.field}`,
    });
  }
  if (!(OPERATORS as readonly string[]).includes(node.operator)) {
    throw new WazuhError(1409, { extra: `Valid operators: ${OPERATORS.join(', ')}. Used operator: ${node.operator}` });
  }
}

const TIMEFRAME_UNITS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };

/** Seconds of a time frame (`3600`, `1d`, `12h`, `1d12h`), or undefined when the text is not one. */
export function timeframeSeconds(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^(?:\d+[dhms])+$/.test(text)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([dhms])/g)) seconds += Number(amount) * TIMEFRAME_UNITS[unit];
  return seconds;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?Z?)?$/;

/** Epoch seconds (UTC) of `YYYY-MM-DD[( |T)HH:MM:SS[.ffffff][Z]]`, or undefined when not a real date. */
export function dateSeconds(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  const real =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return real ? Math.floor(ms / 1000) : undefined;
}

/** Binds a value for a comparison with a field: integer-looking text becomes a number for number fields. */
function bindValue(def: FieldDef, value: string | number): string | number {
  if (typeof value === 'number') return value;
  let text = def.normalize ? def.normalize(value) : value;
  if (def.type === 'number' && /^-?\d+(\.\d+)?$/.test(text) && Number.isSafeInteger(Math.trunc(Number(text)))) {
    return Number(text);
  }
  if (def.type === 'json' && /^[[{]/.test(text)) {
    try {
      text = JSON.stringify(JSON.parse(text));
    } catch {
      // not JSON: compared as typed
    }
  }
  return text;
}

function collation(def: FieldDef): string {
  return def.type === 'number' || def.type === 'date' ? '' : ' COLLATE NOCASE';
}

function dateCondition(ctx: EmitContext, def: FieldDef, operator: QueryOperator, value: string | number): Fragment {
  const expr = grouped(def.sql);
  const guard = ctx.model.spec.dateGuard ? ` AND ${ctx.model.spec.dateGuard}` : '';
  if (typeof value === 'number') {
    const op = operator === '~' ? '=' : operator;
    return { sql: `(${expr} IS NOT NULL AND ${expr} ${op} ?${guard})`, params: [value] };
  }
  const frame = timeframeSeconds(value);
  if (frame !== undefined) {
    // "lastKeepAlive<1d": the last keepalive is less than one day old, i.e. after now - 1 day.
    const op = operator === '<' || operator === '=' ? '>' : '<';
    return { sql: `(${expr} IS NOT NULL AND ${expr} ${op} ?${guard})`, params: [ctx.now - frame] };
  }
  const epoch = dateSeconds(value);
  if (epoch === undefined) throw new WazuhError(1412, { extra: value });
  const op = operator === '~' ? '=' : operator;
  return { sql: `(${expr} IS NOT NULL AND ${expr} ${op} ?${guard})`, params: [epoch] };
}

function listCondition(fieldName: string, def: FieldDef, operator: QueryOperator, value: string | number): Fragment {
  const expr = grouped(def.sql);
  const text = String(def.normalize && typeof value === 'string' ? def.normalize(value) : value);
  switch (operator) {
    case '=':
      return { sql: `((',' || ${expr} || ',') LIKE ?)`, params: [`%,${text},%`] };
    case '!=':
      return { sql: `(NOT (',' || ${expr} || ',') LIKE ?)`, params: [`%,${text},%`] };
    case '~':
      return { sql: `(${expr} LIKE ?)`, params: [`%${text}%`] };
    default:
      throw new WazuhError(1409, {
        extra: `Valid operators for '${fieldName}' field: ${LIST_OPERATORS.join(', ')}. Used operator: ${operator}`,
      });
  }
}

/** SQL of one validated condition; `undefined` when its value is `all` (no condition). */
export function conditionSql(ctx: EmitContext, cond: QueryCondition): Fragment | undefined {
  const def = ctx.model.field(cond.field);
  const operator = cond.operator as QueryOperator;
  const value = cond.value === 'null' ? null : cond.value;
  if (value === 'all') return undefined;
  const expr = grouped(def.sql);
  if (value === null) {
    return { sql: `(${expr} IS ${operator === '!=' ? 'NOT NULL' : 'NULL'})`, params: [] };
  }
  if (def.type === 'date') return dateCondition(ctx, def, operator, value);
  if (def.type === 'list') return listCondition(cond.field, def, operator, value);
  if (operator === '~') {
    const text = def.normalize && typeof value === 'string' ? def.normalize(value) : String(value);
    return { sql: `(${expr} LIKE ?)`, params: [`%${text}%`] };
  }
  return { sql: `(${expr} ${operator} ?${collation(def)})`, params: [bindValue(def, value)] };
}

/** SQL of a validated tree; `undefined` when every condition in it was dropped. */
export function treeSql(ctx: EmitContext, node: QueryNode): Fragment | undefined {
  if (node.type === 'condition') return conditionSql(ctx, node);
  const parts = node.children.map((child) => treeSql(ctx, child)).filter((part): part is Fragment => !!part);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return {
    sql: `(${parts.map((part) => part.sql).join(node.type === 'and' ? ' AND ' : ' OR ')})`,
    params: parts.flatMap((part) => part.params),
  };
}

/**
 * `field IN (...)` for many equality values at once (named filters, RBAC lists): one IN keeps the SQL flat where a
 * chain of thousands of ORs would exceed SQLite's expression depth.
 */
export function inListSql(def: FieldDef, values: ReadonlyArray<string | number>, negate: boolean): Fragment {
  const expr = grouped(def.sql);
  const lhs = collation(def) ? `${expr}${collation(def)}` : expr;
  return {
    sql: `(${lhs} ${negate ? 'NOT IN' : 'IN'} (${values.map(() => '?').join(', ')}))`,
    params: values.map((value) => bindValue(def, value)),
  };
}
