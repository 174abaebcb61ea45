/** Named filters (`status=active,disconnected`, `group=web`, `older_than=1d`) and `search`, as SQL fragments. */
import { WazuhError } from '../errors';
import { conditionSql, grouped, inListSql, treeSql, validateTree, type EmitContext, type Fragment } from './conditions';
import type { QueryModel } from './model';
import type { FieldFilterDef, FilterValue, NamedFilterDef, QueryNode, TemplateFilterDef } from './types';

type Scalar = string | number | null;

function anyOf(parts: (Fragment | undefined)[]): Fragment | undefined {
  const present = parts.filter((part): part is Fragment => part !== undefined);
  if (present.length <= 1) return present[0];
  return { sql: `(${present.map((part) => part.sql).join(' OR ')})`, params: present.flatMap((part) => part.params) };
}

/** Puts a user value into the `$value` leaves of a parsed template, leaving the tree's shape untouched. */
function fillTemplate(node: QueryNode, value: string | number): QueryNode {
  if (node.type === 'condition') return node.value === '$value' ? { ...node, value } : node;
  return { ...node, children: node.children.map((child) => fillTemplate(child, value)) };
}

/** The values that filter: split if asked, without `all` and the filter's own "no filter" values. */
function filterValues(raw: FilterValue, def: NamedFilterDef): Scalar[] {
  const list: Scalar[] = Array.isArray(raw) ? [...(raw as readonly Scalar[])] : [raw as Scalar];
  const split = 'field' in def && def.split === true;
  const pieces = (value: Scalar): Scalar[] => (typeof value === 'string' ? value.split(',') : [value]);
  const values = split ? list.flatMap(pieces) : list;
  return values.filter((value) => value !== 'all' && !(typeof value === 'string' && def.ignore?.includes(value)));
}

function templateFilterSql(ctx: EmitContext, name: string, def: TemplateFilterDef, values: Scalar[]) {
  const tree = ctx.model.templates.get(name) as QueryNode;
  return anyOf(
    values.map((value) => {
      if (def.pattern && (value === null || !def.pattern.test(String(value)))) {
        throw new WazuhError(def.invalidCode ?? 1407, { extra: String(value) });
      }
      const filled = fillTemplate(tree, value ?? 'null');
      validateTree(ctx.model, filled, true);
      return treeSql(ctx, filled);
    }),
  );
}

function fieldFilterSql(ctx: EmitContext, def: FieldFilterDef, values: Scalar[]) {
  const field = def.field;
  const fdef = ctx.model.field(field);
  const isNull = (value: Scalar) => value === null || value === 'null';
  const plain = values.filter((value): value is string | number => !isNull(value));
  const parts: (Fragment | undefined)[] = [];
  if (fdef.type === 'date' || fdef.type === 'list') {
    // Membership and time frames are not plain equality: one condition per value.
    for (const value of plain) parts.push(conditionSql(ctx, { type: 'condition', field, operator: '=', value }));
  } else if (plain.length > 0) {
    parts.push(inListSql(fdef, plain, false));
  }
  if (values.some(isNull)) parts.push({ sql: `(${grouped(fdef.sql)} IS NULL)`, params: [] });
  return anyOf(parts);
}

/**
 * One named filter. Filters the model does not declare may still name a queryable field (`node_name=node01`);
 * any other name is a programming error. Several values are ORed; `undefined` means the filter matched anything.
 */
export function namedFilterSql(ctx: EmitContext, name: string, raw: FilterValue): Fragment | undefined {
  const { model } = ctx;
  const declared = model.spec.filters?.[name];
  if (!declared && !model.queryableFields.has(name)) {
    throw new Error(`query model '${model.spec.name}': unknown filter '${name}'`);
  }
  const def: NamedFilterDef = declared ?? { field: name };
  const values = filterValues(raw, def);
  if (values.length === 0) return undefined;
  return 'template' in def ? templateFilterSql(ctx, name, def, values) : fieldFilterSql(ctx, def, values);
}

/**
 * `search`: the text anywhere in the searchable fields (a leading `-` negates). `%` and `_` typed by the user are
 * LIKE wildcards, as in Wazuh.
 */
export function searchSql(model: QueryModel, search: string): Fragment | undefined {
  if (search === '') return undefined;
  const negate = search.startsWith('-');
  const text = negate ? search.slice(1) : search;
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const name of model.searchFields) {
    const def = model.field(name);
    const expr = grouped(def.sql);
    // IS NOT NULL keeps a NULL column from turning the negated test into NULL (which would drop the row).
    parts.push(`(${expr} LIKE ? AND ${expr} IS NOT NULL)`);
    // `exact` is LIKE without wildcards: an id 15 is not found by `1`. Text, not a number, is bound: SQLite turns
    // the integer column into text for LIKE, and a number bound as a double would read `1.0`.
    params.push(def.search === 'exact' ? text : `%${text}%`);
  }
  if (parts.length === 0) return undefined;
  return { sql: `${negate ? 'NOT ' : ''}(${parts.join(' OR ')})`, params };
}
