/**
 * What `GET /mitre/*` returns for each resource, as data: the table behind it, its columns (API field = column
 * name), and the lists attached to every item from the relation tables and from `reference`.
 *
 * Reading goes through wazuh-db (`mitre sql ...`); the caller runs the queries of a model and hands the rows to
 * `buildMitreItems`, which assembles the items exactly as Wazuh shows them:
 * - `created_time`/`modified_time` as `YYYY-MM-DDTHH:MM:SS.ffffffZ`; NULL columns absent (wazuh-db omits them);
 * - relation lists of ids, e.g. a technique's `tactics`, `mitigations`, `software`, `groups`;
 * - `references`: `{url, description, source, external_id}` of the item, except the first one from
 *   `mitre-attack` with an external id, whose `url`, `source` and `external_id` become fields of the item.
 */

export type MitreResource = 'metadata' | 'tactics' | 'techniques' | 'groups' | 'software' | 'mitigations' | 'references';
export type MitreRow = Record<string, unknown>;

export interface MitreRelation {
  /** The item field that receives the list. */
  field: string;
  table: 'phase' | 'mitigate' | 'use';
  /** Column holding the item's id. */
  match: string;
  /** Column whose values make the list. */
  value: string;
  /** Equality conditions on the relation table (`use` links several kinds). */
  where: Record<string, string>;
  /** Order of the list: the relation table's default sort column, as Wazuh's relation query uses. */
  orderBy: string;
}

export interface MitreResourceModel {
  /** Table name as it must appear in SQL (`group` is a keyword). */
  table: string;
  fields: readonly string[];
  /** Fields always returned whatever `select` says. */
  requiredFields: readonly string[];
  defaultSort: string;
  dateFields: readonly string[];
  relations: readonly MitreRelation[];
  /** `reference.type` of the references attached to each item; none for metadata and references. */
  referenceType?: string;
}

/** The reference columns attached to items (the item id is used to match and then dropped). */
export const MITRE_REFERENCE_FIELDS = ['url', 'description', 'source', 'external_id'] as const;
/** Fields lifted from the main `mitre-attack` reference onto the item. */
export const MITRE_EXTRA_FIELDS = ['url', 'source', 'external_id'] as const;

const COMMON = ['id', 'name', 'description', 'created_time', 'modified_time'] as const;
const DATES = ['created_time', 'modified_time'] as const;

const relation = (
  field: string,
  table: MitreRelation['table'],
  match: string,
  value: string,
  where: Record<string, string> = {},
): MitreRelation => ({ field, table, match, value, where, orderBy: table === 'phase' ? 'tactic_id' : 'source_id' });

const USE_SOFTWARE_TECHNIQUE = { source_type: 'software', target_type: 'technique' };
const USE_GROUP_TECHNIQUE = { source_type: 'group', target_type: 'technique' };
const USE_GROUP_SOFTWARE = { source_type: 'group', target_type: 'software' };

export const MITRE_MODELS: Readonly<Record<MitreResource, MitreResourceModel>> = Object.freeze({
  metadata: {
    table: 'metadata', fields: ['key', 'value'], requiredFields: ['key', 'value'], defaultSort: 'key', dateFields: [],
    relations: [],
  },
  references: {
    table: 'reference', fields: ['id', 'source', 'external_id', 'url', 'description', 'type'], requiredFields: ['id'],
    defaultSort: 'id', dateFields: [], relations: [],
  },
  tactics: {
    table: 'tactic', fields: [...COMMON, 'short_name'], requiredFields: ['id'], defaultSort: 'id', dateFields: DATES,
    relations: [relation('techniques', 'phase', 'tactic_id', 'tech_id')],
    referenceType: 'tactic',
  },
  techniques: {
    table: 'technique',
    fields: [...COMMON, 'mitre_version', 'mitre_detection', 'network_requirements', 'remote_support', 'revoked_by',
      'deprecated', 'subtechnique_of'],
    requiredFields: ['id'], defaultSort: 'id', dateFields: DATES,
    relations: [
      relation('tactics', 'phase', 'tech_id', 'tactic_id'),
      relation('mitigations', 'mitigate', 'target_id', 'source_id'),
      relation('software', 'use', 'target_id', 'source_id', USE_SOFTWARE_TECHNIQUE),
      relation('groups', 'use', 'target_id', 'source_id', USE_GROUP_TECHNIQUE),
    ],
    referenceType: 'technique',
  },
  groups: {
    table: '`group`', fields: [...COMMON, 'mitre_version', 'revoked_by', 'deprecated'], requiredFields: ['id'],
    defaultSort: 'id', dateFields: DATES,
    relations: [
      relation('software', 'use', 'source_id', 'target_id', USE_GROUP_SOFTWARE),
      relation('techniques', 'use', 'source_id', 'target_id', USE_GROUP_TECHNIQUE),
    ],
    referenceType: 'group',
  },
  software: {
    table: 'software', fields: [...COMMON, 'mitre_version', 'revoked_by', 'deprecated'], requiredFields: ['id'],
    defaultSort: 'id', dateFields: DATES,
    relations: [
      relation('groups', 'use', 'target_id', 'source_id', USE_GROUP_SOFTWARE),
      relation('techniques', 'use', 'source_id', 'target_id', USE_SOFTWARE_TECHNIQUE),
    ],
    referenceType: 'software',
  },
  mitigations: {
    table: 'mitigation', fields: [...COMMON, 'mitre_version', 'revoked_by', 'deprecated'], requiredFields: ['id'],
    defaultSort: 'id', dateFields: DATES,
    relations: [relation('techniques', 'mitigate', 'source_id', 'target_id')],
    referenceType: 'mitigation',
  },
});

/** Every field a client may `select`, `sort` or search on for a resource. */
export function mitreAllowedFields(model: MitreResourceModel): string[] {
  const fields = new Set<string>(model.fields);
  for (const item of model.relations) fields.add(item.field);
  if (model.referenceType) {
    fields.add('references');
    for (const extra of MITRE_EXTRA_FIELDS) fields.add(extra);
  }
  return [...fields];
}

const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The whole main table, in the model's default order (paging is the wazuh-db client's business). */
export function mitreItemsSql(model: MitreResourceModel): string {
  return `select ${model.fields.join(', ')} from ${model.table} order by ${model.defaultSort} asc`;
}

/** The rows of one relation list for every item. */
export function mitreRelationSql(item: MitreRelation): string {
  const conditions = Object.entries(item.where).map(([column, value]) => `${column} = ${sqlString(value)}`);
  const where = conditions.length > 0 ? ` where ${conditions.join(' and ')}` : '';
  return `select ${item.match}, ${item.value} from ${item.table}${where} order by ${item.orderBy} asc, ${item.value} asc`;
}

/** The references of every item of one kind. */
export function mitreReferencesSql(type: string): string {
  return `select id, ${MITRE_REFERENCE_FIELDS.join(', ')} from reference where type = ${sqlString(type)} ` +
    'order by id asc, source asc, url asc';
}

/** `2018-10-17 00:14:20.652000` (database) → `2018-10-17T00:14:20.652000Z` (API). */
export function formatMitreDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const match = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?$/.exec(value);
  return match ? `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(6, '0')}Z` : value;
}

function withoutNulls(row: MitreRow): MitreRow {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null && value !== undefined));
}

function groupRelation(item: MitreRelation, rows: MitreRow[]): Map<unknown, unknown[]> {
  const lists = new Map<unknown, unknown[]>();
  for (const row of rows) {
    const key = row[item.match];
    const list = lists.get(key);
    if (list) list.push(row[item.value]);
    else lists.set(key, [row[item.value]]);
  }
  return lists;
}

export interface MitreRelatedRows {
  /** Rows of each relation query, keyed by the relation's `field`. */
  relations?: Record<string, MitreRow[]>;
  /** Rows of the references query (with `id`). */
  references?: MitreRow[];
}

/** Turns main-table rows and the rows of the related queries into the items `GET /mitre/<resource>` returns. */
export function buildMitreItems(model: MitreResourceModel, rows: MitreRow[], related: MitreRelatedRows = {}): MitreRow[] {
  const lists = model.relations.map((item) => [item.field, groupRelation(item, related.relations?.[item.field] ?? [])] as const);
  const referencesById = new Map<unknown, MitreRow[]>();
  for (const reference of related.references ?? []) {
    const { id, ...rest } = withoutNulls(reference);
    const list = referencesById.get(id);
    if (list) list.push(rest);
    else referencesById.set(id, [rest]);
  }
  return rows.map((raw) => {
    const item = withoutNulls(raw);
    for (const field of model.dateFields) if (field in item) item[field] = formatMitreDate(item[field]);
    for (const [field, byId] of lists) item[field] = [...(byId.get(item.id) ?? [])];
    if (model.referenceType) {
      const references = (referencesById.get(item.id) ?? []).map((reference) => ({ ...reference }));
      const main = references.findIndex((reference) => reference.external_id && reference.source === 'mitre-attack');
      item.references = references;
      if (main >= 0) {
        const [lifted] = references.splice(main, 1);
        delete lifted.description;
        Object.assign(item, lifted);
      }
    }
    return item;
  });
}
