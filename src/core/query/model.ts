/**
 * Checking a `ResourceQueryModel` once, when a module defines it, and precomputing the field lists the compiler
 * uses on every request. A broken model is a programming error (plain `Error`), found by the first test that loads
 * the module, never a user-visible one.
 */
import { parseQuery } from './q-parser';
import type { FieldDef, NamedFilterDef, QueryNode, ResourceQueryModel } from './types';

const API_NAME = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

/** A model ready for `compileQuery`: the description plus derived lists. */
export interface QueryModel {
  readonly spec: Readonly<ResourceQueryModel>;
  /** Fields a user may name in `q`, `select`, filters: not hidden. */
  readonly userFields: ReadonlySet<string>;
  readonly queryableFields: ReadonlySet<string>;
  readonly sortableFields: ReadonlySet<string>;
  readonly searchFields: readonly string[];
  readonly defaultSelect: readonly string[];
  readonly alwaysSelect: readonly string[];
  /** Parsed trees of template filters. */
  readonly templates: ReadonlyMap<string, QueryNode>;
  field(name: string): FieldDef;
}

function check(condition: unknown, model: string, message: string): asserts condition {
  if (!condition) throw new Error(`query model '${model}': ${message}`);
}

function templateFields(node: QueryNode, out: string[] = []): string[] {
  if (node.type === 'condition') out.push(node.field);
  else node.children.forEach((child) => templateFields(child, out));
  return out;
}

export function defineQueryModel(spec: ResourceQueryModel): QueryModel {
  const name = spec.name;
  const fields = spec.fields;
  const names = Object.keys(fields);
  check(names.length > 0, name, 'no fields');
  for (const api of names) {
    check(API_NAME.test(api), name, `bad API name '${api}'`);
    check(typeof fields[api].sql === 'string' && fields[api].sql.trim() !== '', name, `field '${api}' has no SQL`);
    check(!(fields[api].aggregate && !spec.groupBy), name, `aggregate field '${api}' needs a groupBy`);
    check(!(fields[api].aggregate && fields[api].type === 'date'), name, `aggregate field '${api}' cannot be a date`);
  }
  const exists = (api: string) => Object.prototype.hasOwnProperty.call(fields, api);
  const visible = names.filter((api) => !fields[api].hidden);
  const queryable = visible.filter((api) => !fields[api].aggregate);

  const listed = (list: readonly string[] | undefined, what: string, pool: readonly string[]): string[] => {
    for (const api of list ?? []) check(pool.includes(api), name, `${what} names unknown or hidden field '${api}'`);
    return list ? [...list] : [...pool];
  };
  const defaultSelect = listed(spec.defaultSelect, 'defaultSelect', visible);
  const alwaysSelect = spec.alwaysSelect ? listed(spec.alwaysSelect, 'alwaysSelect', names) : [];
  const sortable = listed(spec.sortable, 'sortable', visible);
  check(exists(spec.defaultSort.field), name, `defaultSort names unknown field '${spec.defaultSort.field}'`);
  check(spec.key === undefined || exists(spec.key), name, `key names unknown field '${spec.key}'`);
  if (spec.dateGuard !== undefined) check(!spec.dateGuard.includes('?'), name, 'dateGuard must not hold placeholders');

  const searchFields = queryable.filter((api) => fields[api].search !== false);

  const templates = new Map<string, QueryNode>();
  for (const [filterName, def] of Object.entries(spec.filters ?? {}) as [string, NamedFilterDef][]) {
    if ('template' in def) {
      const tree = parseQuery(def.template);
      check(tree !== undefined, name, `filter '${filterName}' has an empty template`);
      for (const used of templateFields(tree)) {
        check(exists(used), name, `filter '${filterName}' uses unknown '${used}'`);
      }
      templates.set(filterName, tree);
    } else {
      check(exists(def.field) && !fields[def.field].aggregate, name, `filter '${filterName}' names bad '${def.field}'`);
    }
  }

  return {
    spec: Object.freeze({ ...spec }),
    userFields: new Set(visible),
    queryableFields: new Set(queryable),
    sortableFields: new Set(sortable),
    searchFields,
    defaultSelect,
    alwaysSelect,
    templates,
    field(api: string): FieldDef {
      const def = fields[api];
      if (!def || !exists(api)) throw new Error(`query model '${name}': unknown field '${api}'`);
      return def;
    },
  };
}
