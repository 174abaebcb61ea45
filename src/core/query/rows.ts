/**
 * From flat SQL rows to API items: keeps the output fields only, drops NULLs (wazuh-db leaves NULL columns out of
 * its replies, so items never carry them), converts values (`FieldDef.format`) and nests dotted names
 * (`os.name` -> `{os: {name}}`).
 *
 * A listing shapes up to 100 000 rows with the same field list, so the per-field work (splitting dotted names,
 * looking up formats) is planned once per field list and reused; dates are printed from integer arithmetic
 * instead of a `Date` per value. Short texts that repeat down a column (statuses, OS names, versions, node
 * names) are shared between the items of one query instead of each item holding its own copy: 100 000 agents
 * take a third less memory.
 */
import type { QueryModel } from './model';
import type { CompiledQuery, FieldDef, OutputFormat } from './types';

export type ApiItem = Record<string, unknown>;

// ---- dates ----------------------------------------------------------------------------------------------------

/** Epoch seconds of 0000-01-01T00:00:00 and 9999-12-31T23:59:59 UTC: the years an ISO date prints in 4 digits. */
const FIRST_SECOND = -62_167_219_200;
const LAST_SECOND = 253_402_300_799;
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** `YYYY-MM-DD` of a day number since 1970-01-01 (proleptic Gregorian calendar, eras of 400 years). */
function dayText(days: number): string {
  const shifted = days + 719_468; // days since 0000-03-01
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

// Rows of one listing often share days (registrations, keep-alives): remember the last day printed.
let lastDay = Number.NaN;
let lastDayText = '';

/** `YYYY-MM-DDTHH:MM:SS` of epoch seconds, or undefined when the value is not a usable timestamp. */
function isoSeconds(value: unknown): string | undefined {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  const whole = Math.floor(seconds);
  if (whole < FIRST_SECOND || whole > LAST_SECOND) return undefined;
  const days = Math.floor(whole / 86_400);
  let inDay = whole - days * 86_400;
  if (days !== lastDay) {
    lastDay = days;
    lastDayText = dayText(days);
  }
  const hours = Math.floor(inDay / 3600);
  inDay -= hours * 3600;
  const minutes = Math.floor(inDay / 60);
  return `${lastDayText}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[inDay - minutes * 60]}`;
}

/** Epoch seconds as a database date is shown: `2025-06-24T22:13:27+00:00`. Other values pass unchanged. */
export function formatEpochOffset(value: unknown): unknown {
  const iso = isoSeconds(value);
  return iso === undefined ? value : `${iso}+00:00`;
}

/** Epoch seconds as the framework formats dates itself: `2025-06-24T22:13:27Z`. Other values pass unchanged. */
export function formatEpochZ(value: unknown): unknown {
  const iso = isoSeconds(value);
  return iso === undefined ? value : `${iso}Z`;
}

// ---- conversions ----------------------------------------------------------------------------------------------

const pad3 = (value: unknown) => String(value).padStart(3, '0');
const split = (value: unknown) => (typeof value === 'string' ? value.split(',') : value);
function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function converter(format: OutputFormat | undefined): ((value: unknown) => unknown) | undefined {
  if (format === undefined || typeof format === 'function') return format;
  switch (format) {
    case 'date':
      return formatEpochOffset;
    case 'dateZ':
      return formatEpochZ;
    case 'pad3':
      return pad3;
    case 'split':
      return split;
    case 'json':
      return parseJson;
  }
}

// ---- plans ----------------------------------------------------------------------------------------------------

/** What to do with one output column, decided once per field list. */
interface Step {
  /** Column name in the row. */
  name: string;
  /** Keys leading to the value's parent object (`['os']` for `os.name`), empty for top-level names. */
  parents: string[];
  leaf: string;
  /** A group field: a missing value is reported as `N/A`. */
  group: boolean;
  omit?: readonly unknown[];
  convert?: (value: unknown) => unknown;
}

/** Field lists come from user `select`s: keep a bounded number of plans per model. */
const PLAN_LIMIT = 256;
const plans = new WeakMap<QueryModel, Map<string, Step[]>>();

function planFor(model: QueryModel, outputFields: readonly string[], groupFields: readonly string[]): Step[] {
  let byFields = plans.get(model);
  if (!byFields) {
    byFields = new Map();
    plans.set(model, byFields);
  }
  const key = `${outputFields.join(',')}|${groupFields.join(',')}`;
  let steps = byFields.get(key);
  if (steps) return steps;
  const fields = model.spec.fields;
  const groups = new Set(groupFields);
  steps = outputFields.map((name) => {
    const def: FieldDef | undefined = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
    const path = name.split('.');
    return {
      name,
      parents: path.slice(0, -1),
      leaf: path[path.length - 1],
      group: groups.has(name),
      omit: def?.omit,
      convert: converter(def?.format),
    };
  });
  if (byFields.size >= PLAN_LIMIT) byFields.clear();
  byFields.set(key, steps);
  return steps;
}

/** Texts up to this long may be shared; each column keeps at most this many distinct ones per query. */
const SHARED_TEXT_CHARS = 64;
const SHARED_TEXTS_PER_COLUMN = 256;

/** Per compiled query (so per request, across its pages): one table of texts per output column. */
const sharedTexts = new WeakMap<object, Array<Map<string, string>>>();

function sharedTextsOf(compiled: object, columns: number): Array<Map<string, string>> {
  let tables = sharedTexts.get(compiled);
  if (!tables) {
    tables = Array.from({ length: columns }, () => new Map<string, string>());
    sharedTexts.set(compiled, tables);
  }
  return tables;
}

function share(table: Map<string, string>, text: string): string {
  const known = table.get(text);
  if (known !== undefined) return known;
  if (table.size < SHARED_TEXTS_PER_COLUMN) table.set(text, text);
  return text;
}

/** Sets the value at the step's path, replacing anything on the way that is not a plain object. */
function place(item: ApiItem, step: Step, value: unknown): void {
  let target = item;
  for (const key of step.parents) {
    const next = target[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) target[key] = {};
    target = target[key] as ApiItem;
  }
  target[step.leaf] = value;
}

/**
 * Shapes the rows of `compiled.rowsSql` into API items. Rows may come from better-sqlite3 (NULLs present) or from a
 * wazuh-db reply (NULLs absent): both give the same items.
 */
export function shapeRows(
  model: QueryModel,
  compiled: Pick<CompiledQuery, 'outputFields' | 'groupFields'>,
  rows: readonly Record<string, unknown>[],
): ApiItem[] {
  const steps = planFor(model, compiled.outputFields, compiled.groupFields);
  const texts = sharedTextsOf(compiled, steps.length);
  const items: ApiItem[] = new Array<ApiItem>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const item: ApiItem = {};
    for (let c = 0; c < steps.length; c++) {
      const step = steps[c];
      const value = row[step.name];
      if (value === null || value === undefined) {
        // Grouped rows name the bucket of NULLs, as Wazuh does.
        if (step.group) place(item, step, 'N/A');
        continue;
      }
      if (step.omit?.includes(value)) continue;
      let shown = step.convert ? step.convert(value) : value;
      if (typeof shown === 'string' && shown.length <= SHARED_TEXT_CHARS) shown = share(texts[c], shown);
      if (step.parents.length === 0) item[step.leaf] = shown;
      else place(item, step, shown);
    }
    items[r] = item;
  }
  return items;
}
