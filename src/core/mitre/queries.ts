/**
 * Request-time reading of the MITRE ATT&CK database (`GET /mitre/*`), through wazuh-db's `mitre` actor.
 *
 * Each resource of `MITRE_MODELS` becomes one query model of the query language, so `q`, `select`, `sort`,
 * `search`, `distinct`, the id filters and paging all run in SQLite, in one statement, over the item as the API
 * shows it:
 * - relation lists (a technique's `tactics`, `mitigations`, `software`, `groups`...) come from the relation tables,
 *   grouped once per request and joined on the item id; they are list fields (`q=tactics=<id>` tests membership);
 * - `url`, `source` and `external_id` come from the item's main reference (its first `mitre-attack` reference with
 *   an external id), and `references` holds the others, as JSON (selectable and sortable, not searched);
 * - dates are shown as `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
 *
 * Grouping every relation costs a few tens of milliseconds per statement on the full ATT&CK data, and a page of
 * techniques needs many statements (wazuh-db replies are capped at 64 KiB). So a page is read in two steps: the
 * ids of the page (and the total) first, with the joins only when `q`, `sort` or `search` look at a joined field;
 * then the page's rows, relations and references by id, assembled by `buildMitreItems` (the one place that knows
 * how an item looks), and cut down to the selected fields. `distinct` reads the joined model in one statement.
 *
 * The joined `references` list uses SQLite's JSON functions (built in since SQLite 3.38).
 */
import { access } from 'node:fs/promises';
import { WazuhError, WazuhInternalError } from '../errors';
import {
  compileQuery,
  defineQueryModel,
  parseQuery,
  parseSort,
  type ApiItem,
  type CompiledQuery,
  type FieldDef,
  type QueryModel,
  type QueryNode,
  type QueryParams,
} from '../query';
import { readItems, readList, type ListResult, type WdbCallOptions, type WdbReader } from '../monitoring';
import {
  buildMitreItems,
  formatMitreDate,
  MITRE_EXTRA_FIELDS,
  MITRE_MODELS,
  MITRE_REFERENCE_FIELDS,
  type MitreRelation,
  type MitreResource,
  type MitreResourceModel,
  type MitreRow,
} from './resources';

const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** `a,b` (or '' for none) -> `['a', 'b']`: relation lists are never null, an item without relations shows `[]`. */
const splitList = (value: unknown) => (typeof value === 'string' && value !== '' ? value.split(',') : []);

/** The JSON array of references, with the keys of NULL columns left out (as wazuh-db leaves them out). */
function referencesOf(value: unknown): unknown {
  if (typeof value !== 'string') return [];
  try {
    const list = JSON.parse(value) as Array<Record<string, unknown>>;
    return list.map((entry) => Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== null)));
  } catch {
    return [];
  }
}

function relationJoin(relation: MitreRelation, alias: string): string {
  const conditions = Object.entries(relation.where).map(([column, value]) => `${column} = ${sqlString(value)}`);
  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  const { match, value, table } = relation;
  // Ordered first so each list is built in id order; grouped once, then joined (no per-row subquery).
  return (
    ` LEFT JOIN (SELECT k, group_concat(v, ',') AS v FROM (SELECT ${match} AS k, ${value} AS v FROM ${table}${where}` +
    ` ORDER BY ${match}, ${value}) GROUP BY k) AS ${alias} ON ${alias}.k = item.id`
  );
}

/** The main reference of each item: its first `mitre-attack` reference (by url) that has an external id. */
function mainReference(type: string, alias: string): string {
  return (
    ` LEFT JOIN (SELECT id AS k, min(url) AS url, source, external_id FROM reference WHERE type = ${sqlString(type)}` +
    ` AND source = 'mitre-attack' AND external_id IS NOT NULL AND external_id != '' GROUP BY id) AS ${alias}` +
    ` ON ${alias}.k = item.id`
  );
}

/** Every other reference of each item, as a JSON array ordered by source and url. */
function otherReferences(type: string, main: string, alias: string): string {
  const entry = MITRE_REFERENCE_FIELDS.map((field) => `'${field}', r.${field}`).join(', ');
  return (
    ` LEFT JOIN (SELECT r.id AS k, json_group_array(json_object(${entry})) AS v FROM (SELECT * FROM reference` +
    ` WHERE type = ${sqlString(type)} ORDER BY id, source, url) AS r LEFT JOIN (SELECT id, min(url) AS url FROM reference` +
    ` WHERE type = ${sqlString(type)} AND source = 'mitre-attack' AND external_id IS NOT NULL AND external_id != ''` +
    ` GROUP BY id) AS ${main} ON ${main}.id = r.id WHERE NOT (r.source = 'mitre-attack' AND r.url IS ${main}.url)` +
    ` GROUP BY r.id) AS ${alias} ON ${alias}.k = item.id`
  );
}

/** Text columns sort case-insensitively, as Wazuh sorts MITRE items. */
const column = (name: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  sql: `item.${name}`,
  sortSql: [`item.${name} COLLATE NOCASE`],
  ...extra,
});

/** The model over the main table only: enough to pick a page when no joined field is looked at. */
function mainModel(resource: MitreResource, mitre: MitreResourceModel, joined: boolean): QueryModel {
  const fields: Record<string, FieldDef> = {};
  for (const name of mitre.fields) {
    fields[name] = mitre.dateFields.includes(name) ? column(name, { format: formatMitreDate }) : column(name);
  }
  let from = `${mitre.table} AS item`;
  if (joined) {
    mitre.relations.forEach((relation, i) => {
      const alias = `rel${i}`;
      from += relationJoin(relation, alias);
      fields[relation.field] = { sql: `coalesce(${alias}.v, '')`, type: 'list', format: splitList };
    });
    if (mitre.referenceType) {
      from += mainReference(mitre.referenceType, 'main_ref');
      for (const name of MITRE_EXTRA_FIELDS) {
        fields[name] = { sql: `main_ref.${name}`, sortSql: [`main_ref.${name} COLLATE NOCASE`] };
      }
      from += otherReferences(mitre.referenceType, 'main_key', 'refs');
      fields.references = { sql: `coalesce(refs.v, '[]')`, format: referencesOf, search: false };
    }
  }
  const keyField = resource === 'references' ? 'row_id' : mitre.defaultSort;
  if (resource === 'references') fields.row_id = { sql: 'item.rowid', type: 'number', hidden: true, search: false };
  return defineQueryModel({
    name: `mitre ${resource}${joined ? '' : ' (main table)'}`,
    from,
    fields,
    alwaysSelect: [...mitre.requiredFields],
    defaultSort: { field: mitre.defaultSort, order: 'asc' },
    key: keyField,
    filters: { ids: { field: resource === 'metadata' ? 'key' : 'id' } },
  });
}

const RESOURCES = Object.keys(MITRE_MODELS) as MitreResource[];

/** Every field of each resource, relations and references joined: what `q`, `select`, `sort`, `search` see. */
export const MITRE_QUERY_MODELS: Readonly<Record<MitreResource, QueryModel>> = Object.freeze(
  Object.fromEntries(RESOURCES.map((r) => [r, mainModel(r, MITRE_MODELS[r], true)])) as Record<MitreResource, QueryModel>,
);

const MAIN_TABLE_MODELS: Readonly<Record<MitreResource, QueryModel>> = Object.freeze(
  Object.fromEntries(RESOURCES.map((r) => [r, mainModel(r, MITRE_MODELS[r], false)])) as Record<MitreResource, QueryModel>,
);

export const MITRE_IMPORT_HINT = 'Run `npm run mitre:import -- <enterprise-attack.json>` to build the MITRE ATT&CK database';

function notImported(): WazuhInternalError {
  return new WazuhInternalError(2007, {
    extra: 'The MITRE ATT&CK database (var/db/mitre.db) has not been imported yet',
    extraRemediation: MITRE_IMPORT_HINT,
  });
}

export interface MitreStore {
  wdb: WdbReader;
  /** `var/db/mitre.db`. */
  mitreDb: string;
}

export interface MitreQuery extends Omit<QueryParams, 'filters'> {
  /** Ids of the items to return (`tactic_ids`, `technique_ids`...; object ids for references). */
  ids?: readonly string[];
}

function fieldsOf(node: QueryNode | undefined, out: string[] = []): string[] {
  if (!node) return out;
  if (node.type === 'condition') out.push(node.field);
  else node.children.forEach((child) => fieldsOf(child, out));
  return out;
}

/** Whether picking the page needs the joined fields (searched, filtered or sorted on). */
function looksAtJoinedFields(resource: MitreResource, params: QueryParams): boolean {
  const main = MAIN_TABLE_MODELS[resource].userFields;
  if (params.search !== undefined && params.search !== '') return true;
  const used = [...fieldsOf(params.q ? parseQuery(params.q) : undefined)];
  if (params.sort) used.push(...parseSort(params.sort).map((item) => item.field));
  return used.some((field) => !main.has(field));
}

/** Runs a read, turning "wazuh-db cannot open the MITRE database" into the import hint. */
async function guarded<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    // A wazuh-db elsewhere (or a file removed meanwhile) answers that it cannot open the database.
    if (error instanceof WazuhError && error.code === 2003 && /open DB mitre|no such table/i.test(error.message)) {
      throw notImported();
    }
    throw error;
  }
}

/** Ids per statement of the by-id reads: keeps each request far below wazuh-db's 64 KiB. */
const IDS_PER_READ = 200;

async function readByIds(
  store: MitreStore,
  ids: readonly string[],
  statement: (placeholders: string) => string,
  leading: readonly unknown[],
  options: WdbCallOptions,
): Promise<MitreRow[]> {
  const rows: MitreRow[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_READ) {
    const chunk = ids.slice(i, i + IDS_PER_READ);
    const sql = statement(chunk.map(() => '?').join(', '));
    rows.push(...(await store.wdb.query('mitre', sql, { ...options, params: [...leading, ...chunk] })));
  }
  return rows;
}

/** The items of `ids`, in that order, as `buildMitreItems` assembles them; only `wanted` lists are read. */
async function itemsByIds(
  store: MitreStore,
  mitre: MitreResourceModel,
  ids: readonly string[],
  wanted: ReadonlySet<string>,
  options: WdbCallOptions,
): Promise<MitreRow[]> {
  if (ids.length === 0) return [];
  const rows = await readByIds(
    store,
    ids,
    (list) => `SELECT ${mitre.fields.join(', ')} FROM ${mitre.table} WHERE id IN (${list})`,
    [],
    options,
  );
  const relations: Record<string, MitreRow[]> = {};
  for (const relation of mitre.relations) {
    if (!wanted.has(relation.field)) continue;
    const columns = Object.keys(relation.where);
    relations[relation.field] = await readByIds(
      store,
      ids,
      (list) =>
        `SELECT ${relation.match}, ${relation.value} FROM ${relation.table} WHERE ` +
        `${columns.map((column) => `${column} = ? AND `).join('')}${relation.match} IN (${list})` +
        ` ORDER BY ${relation.match}, ${relation.value}`,
      columns.map((column) => relation.where[column]),
      options,
    );
  }
  const referenced = ['references', ...MITRE_EXTRA_FIELDS].some((field) => wanted.has(field));
  const references =
    mitre.referenceType && referenced
      ? await readByIds(
          store,
          ids,
          (list) =>
            `SELECT id, ${MITRE_REFERENCE_FIELDS.join(', ')} FROM reference WHERE type = ? AND id IN (${list})` +
            ' ORDER BY id, source, url',
          [mitre.referenceType],
          options,
        )
      : [];
  const position = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (position.get(String(a.id)) ?? 0) - (position.get(String(b.id)) ?? 0));
  return buildMitreItems(mitre, rows, { relations, references });
}

/** `GET /mitre/<resource>`. */
export async function listMitre(
  store: MitreStore,
  resource: MitreResource,
  query: MitreQuery = {},
  options: WdbCallOptions = {},
): Promise<ListResult> {
  const model = MITRE_QUERY_MODELS[resource];
  const mitre = MITRE_MODELS[resource];
  const { ids, ...rest } = query;
  const params: QueryParams = { ...rest, filters: { ids: ids && ids.length > 0 ? [...ids] : undefined } };
  // Compiled against every field first: bad select, sort, q or paging fail here with Wazuh's codes.
  const compiled = compileQuery(model, params);
  try {
    await access(store.mitreDb);
  } catch {
    throw notImported();
  }
  if (!mitre.referenceType || params.distinct) {
    return guarded(() => readItems(store.wdb, 'mitre', model, compiled, options));
  }
  const picker = looksAtJoinedFields(resource, params) ? model : MAIN_TABLE_MODELS[resource];
  const idsQuery: CompiledQuery = compileQuery(picker, { ...params, select: ['id'] });
  const page = await guarded(() => readList(store.wdb, 'mitre', idsQuery, options));
  const pageIds = page.rows.map((row) => String(row.id));
  const wanted = new Set(compiled.outputFields);
  const items = await guarded(() => itemsByIds(store, mitre, pageIds, wanted, options));
  return { total: page.total, items: items.map((item) => project(item, compiled.outputFields)) };
}

/** The item with only `fields`, in that order (fields an item does not have stay absent). */
function project(item: ApiItem, fields: readonly string[]): ApiItem {
  const out: ApiItem = {};
  for (const field of fields) if (item[field] !== undefined) out[field] = item[field];
  return out;
}

/** Result messages per resource (Wazuh's texts; the tactics ones differ from the rest). */
export const MITRE_MESSAGES: Readonly<Record<MitreResource, { all: string; some: string; none: string }>> = {
  metadata: { all: 'MITRE metadata information was returned', some: '', none: 'No MITRE metadata information was returned' },
  tactics: { all: 'All tactics information was returned', some: '', none: 'No tactics information was returned' },
  techniques: {
    all: 'MITRE techniques information was returned',
    some: '',
    none: 'No MITRE techniques information was returned',
  },
  groups: { all: 'MITRE groups information was returned', some: '', none: 'No MITRE groups information was returned' },
  software: {
    all: 'MITRE software information was returned',
    some: '',
    none: 'No MITRE software information was returned',
  },
  mitigations: {
    all: 'MITRE mitigations information was returned',
    some: '',
    none: 'No MITRE mitigations information was returned',
  },
  references: {
    all: 'MITRE references information was returned',
    some: '',
    none: 'No MITRE references information was returned',
  },
};
