/**
 * The compiler: (model, user params, code options) -> a count statement and a page statement with positional
 * parameters. Checks run in Wazuh's order (select, filters, q, search, sort, limit) so the first reported error is
 * the one Wazuh reports.
 *
 * The SQL is shaped for indexes: conditions compare bare columns with values (no function around a column unless
 * the field itself is an expression), ORDER BY and LIMIT/OFFSET run in SQLite, and the count is a separate
 * `COUNT(*)` without a sub-select unless rows are distinct or grouped.
 */
import { WazuhError } from '../errors';
import { checkedSort, checkPaging, resolveSelect, splitList, type SortItem } from './clauses';
import { grouped, inListSql, treeSql, validateTree, type EmitContext, type Fragment } from './conditions';
import { namedFilterSql, searchSql } from './filters';
import type { QueryModel } from './model';
import { parseQuery } from './q-parser';
import type { CompileOptions, CompiledQuery, QueryParams } from './types';

export { DEFAULT_LIMIT, MAXIMUM_LIMIT, parseSort } from './clauses';

/** The column grouped queries add. */
const COUNT_FIELD = 'count';

interface Shape {
  distinct: boolean;
  /** Fields grouped on (`CompileOptions.groupBy`), empty otherwise. */
  groupFields: string[];
  /** What the user selected (or the default). */
  selected: string[];
  /** Everything in the SELECT list: selected, always-selected and internal fields. */
  columns: string[];
  internal: string[];
}

function chooseColumns(model: QueryModel, params: QueryParams, options: CompileOptions): Shape {
  const grouping = options.groupBy !== undefined;
  if (grouping && model.spec.groupBy) throw new Error(`query model '${model.spec.name}' is already grouped`);
  const distinct = !grouping && params.distinct === true;
  const singleField = distinct && options.distinctSingleField === true;

  const requested = params.select === undefined ? [] : splitList(params.select);
  if (singleField && requested.length > 1) throw new WazuhError(1410);
  let selected = requested.length > 0 ? resolveSelect(model, requested) : [...model.defaultSelect];
  if (singleField && selected.length > 1) throw new WazuhError(1410);

  let groupFields: string[] = [];
  if (grouping) {
    groupFields = resolveSelect(model, splitList(options.groupBy ?? []));
    const aggregate = groupFields.filter((name) => model.field(name).aggregate);
    if (aggregate.length > 0) throw new Error(`query model '${model.spec.name}': cannot group by ${aggregate}`);
    selected = groupFields;
  }
  const internal = [...(options.internalSelect ?? [])];
  internal.forEach((name) => model.field(name));
  const always = distinct || grouping ? [] : model.alwaysSelect;
  return { distinct, groupFields, selected, columns: [...new Set([...selected, ...always, ...internal])], internal };
}

function whereClause(ctx: EmitContext, params: QueryParams, options: CompileOptions, shape: Shape): Fragment {
  const { model } = ctx;
  const parts: (Fragment | undefined)[] = [];
  if (model.spec.where) parts.push({ sql: `(${model.spec.where})`, params: [] });
  for (const restriction of options.restrict ?? []) {
    parts.push(inListSql(model.field(restriction.field), restriction.values, restriction.negate === true));
  }
  for (const [name, raw] of Object.entries(params.filters ?? {})) {
    if (raw !== undefined) parts.push(namedFilterSql(ctx, name, raw));
  }
  const tree = params.q === undefined ? undefined : parseQuery(params.q);
  if (tree) {
    validateTree(model, tree);
    parts.push(treeSql(ctx, tree));
  }
  if (options.where) {
    validateTree(model, options.where, true);
    parts.push(treeSql(ctx, options.where));
  }
  if (params.search !== undefined) parts.push(searchSql(model, params.search));
  if (shape.distinct) {
    for (const name of shape.selected) {
      const expr = grouped(model.field(name).sql);
      parts.push({ sql: `(${expr} IS NOT NULL AND ${expr} != '')`, params: [] });
    }
  }
  const present = parts.filter((part): part is Fragment => part !== undefined);
  return {
    sql: present.length > 0 ? ` WHERE ${present.map((part) => part.sql).join(' AND ')}` : '',
    params: present.flatMap((part) => part.params),
  };
}

function orderClause(model: QueryModel, params: QueryParams, shape: Shape): string {
  const spec = model.spec;
  const grouping = shape.groupFields.length > 0;
  let items: SortItem[];
  if (params.sort !== undefined && params.sort.trim() !== '') {
    items = checkedSort(params.sort, grouping ? new Set([...shape.groupFields, COUNT_FIELD]) : model.sortableFields);
  } else if (grouping) {
    items = [{ field: shape.groupFields[0], desc: false }];
  } else if (shape.distinct && !shape.selected.includes(spec.defaultSort.field)) {
    items = [{ field: shape.selected[0], desc: false }];
  } else {
    items = [{ field: spec.defaultSort.field, desc: spec.defaultSort.order === 'desc' }];
  }
  const terms = items.flatMap((item) => {
    const def = item.field === COUNT_FIELD && grouping ? undefined : model.field(item.field);
    const exprs = def ? (def.sortSql ?? [def.sql]) : ['COUNT(*)'];
    return exprs.map((expr) => `${expr} ${item.desc ? 'DESC' : 'ASC'}`);
  });
  // A unique last term keeps pages stable when the sort field has ties.
  const key = spec.key;
  if (key !== undefined && !shape.distinct && !grouping && !spec.groupBy && !items.some((i) => i.field === key)) {
    terms.push(`${model.field(key).sql} ASC`);
  }
  return ` ORDER BY ${terms.join(', ')}`;
}

function selectList(model: QueryModel, names: readonly string[]): string {
  return names.map((name) => `${model.field(name).sql} AS "${name}"`).join(', ');
}

/**
 * Compiles a request against a model. Throws WazuhError 1400/1401/1403/1405/1406/1407/1408/1409/1410/1411/1412/
 * 1724 for bad user input, plain `Error` for programming errors (unknown filter names, bad code options).
 */
export function compileQuery(model: QueryModel, params: QueryParams = {}, options: CompileOptions = {}): CompiledQuery {
  const spec = model.spec;
  const ctx: EmitContext = { model, now: options.now ?? Math.floor(Date.now() / 1000) };
  const shape = chooseColumns(model, params, options);
  const where = whereClause(ctx, params, options, shape);
  const orderBy = orderClause(model, params, shape);
  const { limit, offset } = checkPaging(params);

  const from = ` FROM ${spec.from}${where.sql}`;
  let rowsSql: string;
  let countSql: string;
  if (shape.groupFields.length > 0) {
    const groupBy = ` GROUP BY ${shape.groupFields.map((name) => model.field(name).sql).join(', ')}`;
    rowsSql = `SELECT ${selectList(model, shape.groupFields)}, COUNT(*) AS "${COUNT_FIELD}"${from}${groupBy}`;
    countSql = `SELECT COUNT(*) AS total FROM (SELECT 1${from}${groupBy})`;
  } else if (spec.groupBy) {
    rowsSql = `SELECT ${selectList(model, shape.columns)}${from} GROUP BY ${spec.groupBy}`;
    countSql = `SELECT COUNT(*) AS total FROM (SELECT 1${from} GROUP BY ${spec.groupBy})`;
  } else if (shape.distinct) {
    rowsSql = `SELECT DISTINCT ${selectList(model, shape.columns)}${from}`;
    countSql = `SELECT COUNT(*) AS total FROM (${rowsSql})`;
  } else {
    rowsSql = `SELECT ${selectList(model, shape.columns)}${from}`;
    countSql = `SELECT COUNT(*) AS total${from}`;
  }
  rowsSql += `${orderBy} LIMIT ? OFFSET ?`;

  const internal = new Set(shape.internal);
  const outputFields =
    shape.groupFields.length > 0
      ? [...shape.groupFields, COUNT_FIELD]
      : Object.keys(spec.fields).filter(
          (name) => shape.columns.includes(name) && (!model.field(name).hidden || internal.has(name)),
        );

  return {
    countSql,
    countParams: [...where.params],
    rowsSql,
    rowsParams: [...where.params, limit ?? -1, offset],
    limit,
    offset,
    outputFields,
    groupFields: shape.groupFields,
  };
}
