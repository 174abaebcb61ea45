/**
 * Types of the query language: how a resource describes itself to the compiler (`ResourceQueryModel`), what a
 * caller asks for (`QueryParams`, `CompileOptions`) and what comes out (`CompiledQuery`).
 *
 * Trust boundary: everything in a `ResourceQueryModel` is written by developers and may contain SQL; everything in
 * `QueryParams` comes from users and never reaches SQL text except as a `?` placeholder value.
 */

/**
 * How a field behaves in filters:
 * - `string`: compared case-insensitively (`COLLATE NOCASE`), `~` is a LIKE "contains";
 * - `number`: compared as a number (integer-looking values are bound as numbers), no collation;
 * - `date`: epoch seconds in the database; filter values are time frames (`1d`, `12h`, `30m`, `45s`, plain seconds)
 *   or dates (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DDTHH:MM:SSZ`);
 * - `list`: a comma-separated list in one column (agent groups): `=` means "is a member", `!=` "is not a member";
 * - `json`: text holding JSON; JSON filter values are compacted before comparing.
 */
export type FieldType = 'string' | 'number' | 'date' | 'list' | 'json';

/**
 * How a field value is turned into its API form by `shapeRows`:
 * - `date`: epoch seconds -> `2025-06-24T22:13:27+00:00` (dates read from the database);
 * - `dateZ`: epoch seconds -> `2025-06-24T22:13:27Z` (dates the framework formats itself);
 * - `pad3`: zero-padded to at least 3 digits (agent ids);
 * - `split`: comma-separated text -> array of strings;
 * - `json`: parsed as JSON when it is valid JSON, kept as text otherwise.
 */
export type OutputFormat = 'date' | 'dateZ' | 'pad3' | 'split' | 'json' | ((value: unknown) => unknown);

export interface FieldDef {
  /** SQL expression of the field (a column, `coalesce(ip,register_ip)`, `` `group` ``...). Trusted text. */
  sql: string;
  /** Filter semantics; `string` when absent. */
  type?: FieldType;
  /** Output conversion applied by `shapeRows`. */
  format?: OutputFormat;
  /** Values that make the field disappear from an item (agents' `disconnection_time` of 0). */
  omit?: readonly unknown[];
  /**
   * Internal field (agents' `internal_key`): never filterable, sortable or selectable by users, never in the output
   * unless code selects it through `CompileOptions.internalSelect`.
   */
  hidden?: boolean;
  /** An aggregate expression (`count(id_group)`): selectable and sortable only, needs the model's `groupBy`. */
  aggregate?: boolean;
  /** SQL expressions used instead of `sql` when sorting (agents' `os.version` sorts by numeric major, minor). */
  sortSql?: readonly string[];
  /**
   * How `search` looks at this field: `contains` (LIKE `%text%`, the default), `exact` (LIKE `text`: agent ids,
   * so that `1` does not find agent 15), or `false` to leave the field out of searches.
   */
  search?: 'contains' | 'exact' | false;
  /** Rewrites a user value before it is bound (e.g. `Wazuhv4.2.0` -> `Wazuh v4.2.0` for agent versions). */
  normalize?: (value: string) => string;
}

/** A named filter whose values are compared with `=` to one field; several values are ORed (IN). */
export interface FieldFilterDef {
  field: string;
  /** Split string values on `,` (`status=active,disconnected`). Arrays are always taken as several values. */
  split?: boolean;
  /** Values meaning "no filter" besides `all` (e.g. `0s` for `older_than`). */
  ignore?: readonly string[];
}

/**
 * A named filter written in the `q` language, where `$value` stands for the user value, e.g. agents' `older_than`:
 * `(lastKeepAlive>$value;status!=never_connected,dateAdd>$value;status=never_connected)`. The template is parsed
 * once; the user value is put into the parsed tree, so it can never change the tree's shape.
 */
export interface TemplateFilterDef {
  template: string;
  /** The whole value must match, otherwise the filter fails with `invalidCode` (1411 for time frames). */
  pattern?: RegExp;
  invalidCode?: number;
  ignore?: readonly string[];
}

export type NamedFilterDef = FieldFilterDef | TemplateFilterDef;

/** Everything the compiler needs to know about one listable resource. Data, not code per endpoint. */
export interface ResourceQueryModel {
  /** Used in programming-error messages only. */
  name: string;
  /** What follows `FROM`: a table, a join, or a parenthesised sub-select. Trusted text without placeholders. */
  from: string;
  /** A fixed condition always ANDed (e.g. rootcheck's exclusion of scan markers). Trusted, no placeholders. */
  where?: string;
  /** A fixed `GROUP BY` for aggregate resources (groups: `name`). Trusted. */
  groupBy?: string;
  /** API name -> definition. Nested API names use dots (`os.name`). Insertion order is the output order. */
  fields: Record<string, FieldDef>;
  /** Fields returned when the request has no `select`; all non-hidden fields when absent. */
  defaultSelect?: readonly string[];
  /** Fields always selected and returned whatever `select` says (agents: `id`). Not added in distinct mode. */
  alwaysSelect?: readonly string[];
  /** Fields `sort` may use; all non-hidden fields when absent. */
  sortable?: readonly string[];
  defaultSort: { field: string; order: 'asc' | 'desc' };
  /** A unique field appended to every ORDER BY so that pages are stable (agents: `id`). */
  key?: string;
  /** Named filters (query parameters such as `status`, `group`, `older_than`). */
  filters?: Record<string, NamedFilterDef>;
  /** Trusted SQL ANDed to every date comparison (agents: `id != 0`, so the manager never looks old). */
  dateGuard?: string;
}

/** The comparison operators of `q`. */
export type QueryOperator = '=' | '!=' | '<' | '>' | '~';

/** One `field<op>value` of a parsed `q`. `operator` is kept raw so that a bad one is reported with code 1409. */
export interface QueryCondition {
  type: 'condition';
  field: string;
  operator: string;
  /** `null` (or the text `null` from `q`) tests for NULL. */
  value: string | number | null;
}

export interface QueryGroup {
  type: 'and' | 'or';
  children: QueryNode[];
}

export type QueryNode = QueryCondition | QueryGroup;

/** A value of a named filter: one value, several (ORed), or absent. */
export type FilterValue = string | number | null | ReadonlyArray<string | number | null>;

/** What a user asked for, as the API layer received it. */
export interface QueryParams {
  /** The `q` query language. */
  q?: string;
  /** Fields to return; a string is split on commas. A parent (`os`) selects all its children. */
  select?: readonly string[] | string;
  /** `+f1,f2`, `-f1`, `f1`: the leading sign orders all fields; a later field may carry its own sign. */
  sort?: string;
  /** Substring searched in every searchable field; a leading `-` keeps the items that do NOT contain it. */
  search?: string;
  offset?: number;
  /** Page size: 500 when absent, at most 100000; `null` means no limit (internal callers only). */
  limit?: number | null;
  /** Distinct rows over the selected fields (rows with an empty or null selected field are left out). */
  distinct?: boolean;
  /** Named filters by name; `undefined` values are ignored. */
  filters?: Record<string, FilterValue | undefined>;
}

/** An RBAC-style restriction: the field must (or must not) be one of the values. */
export interface Restriction {
  field: string;
  values: ReadonlyArray<string | number>;
  negate?: boolean;
}

/** What only code may ask for. */
export interface CompileOptions {
  /** Lists of permitted (or denied, with `negate`) values, ANDed. An empty permitted list matches nothing. */
  restrict?: readonly Restriction[];
  /** A condition tree built by code (see `cond`/`and`/`or`), ANDed; it may use hidden fields. */
  where?: QueryNode;
  /** Hidden fields code wants selected and returned (agents' `internal_key` for `GET /agents/{id}/key`). */
  internalSelect?: readonly string[];
  /** Distinct over one field only: more than one selected field is error 1410. */
  distinctSingleField?: boolean;
  /** Group by these fields and add `count` (number of rows per group); output is the fields and `count`. */
  groupBy?: readonly string[];
  /** Current time in epoch seconds for time frames; the clock when absent. */
  now?: number;
}

/** The compiled query. `countParams` go with `countSql`; `rowsParams` (same plus limit, offset) with `rowsSql`. */
export interface CompiledQuery {
  /** One row with one column, `total`: the number of matching items (rows, distinct rows or groups). */
  countSql: string;
  countParams: unknown[];
  /**
   * The page. It always ends with `LIMIT ? OFFSET ?` and the last two `rowsParams` are limit (-1: none) and offset,
   * so a pager may re-bind them to fetch the page in smaller slices.
   */
  rowsSql: string;
  rowsParams: unknown[];
  limit: number | null;
  offset: number;
  /** API names kept by `shapeRows`, in output order. */
  outputFields: string[];
  /** Group fields when grouping: a missing one is reported as `N/A`. */
  groupFields: string[];
}
