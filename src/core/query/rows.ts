/**
 * From flat SQL rows to API items: keeps the output fields only, drops NULLs (wazuh-db leaves NULL columns out of
 * its replies, so items never carry them), converts values (`FieldDef.format`) and nests dotted names
 * (`os.name` -> `{os: {name}}`).
 */
import type { QueryModel } from './model';
import type { CompiledQuery, OutputFormat } from './types';

export type ApiItem = Record<string, unknown>;

/** `YYYY-MM-DDTHH:MM:SS` of epoch seconds, or undefined when the value is not a usable timestamp. */
function isoSeconds(value: unknown): string | undefined {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  const date = new Date(Math.floor(seconds) * 1000);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 || date.getUTCFullYear() < 0) return undefined;
  return date.toISOString().slice(0, 19);
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

function applyFormat(format: OutputFormat | undefined, value: unknown): unknown {
  if (format === undefined) return value;
  if (typeof format === 'function') return format(value);
  switch (format) {
    case 'date':
      return formatEpochOffset(value);
    case 'dateZ':
      return formatEpochZ(value);
    case 'pad3':
      return String(value).padStart(3, '0');
    case 'split':
      return typeof value === 'string' ? value.split(',') : value;
    case 'json':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
  }
}

/** Sets `item[a][b]...` for the dotted name `a.b...`. */
function setNested(item: ApiItem, name: string, value: unknown): void {
  const path = name.split('.');
  let target = item;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) target[key] = {};
    target = target[key] as ApiItem;
  }
  target[path[path.length - 1]] = value;
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
  const fields = model.spec.fields;
  const groupFields = new Set(compiled.groupFields);
  return rows.map((row) => {
    const item: ApiItem = {};
    for (const name of compiled.outputFields) {
      let value = row[name];
      if (value === null || value === undefined) {
        // Grouped rows name the bucket of NULLs, as Wazuh does.
        if (groupFields.has(name)) setNested(item, name, 'N/A');
        continue;
      }
      const def = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
      if (def?.omit?.includes(value)) continue;
      value = applyFormat(def?.format, value);
      setNested(item, name, value);
    }
    return item;
  });
}
