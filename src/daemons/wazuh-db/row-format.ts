/**
 * Row formatting exactly as wazuh-db prints query results: a compact JSON array with one object per row, keys as
 * SQLite names the columns, NULL columns left out, numbers printed the way cJSON prints a double.
 */

/** C's `%.<precision>g` for a finite, non-zero double. */
function formatG(value: number, precision: number): string {
  const exponential = value.toExponential(precision - 1);
  const exponent = Number(exponential.slice(exponential.indexOf('e') + 1));
  if (exponent < -4 || exponent >= precision) {
    const [mantissa, exp] = exponential.split('e');
    const digits = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    const sign = exp.startsWith('-') ? '-' : '+';
    const magnitude = exp.replace(/^[+-]/, '').padStart(2, '0');
    return `${digits}e${sign}${magnitude}`;
  }
  const fixed = value.toFixed(Math.max(0, precision - 1 - exponent));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/**
 * cJSON: integral values that fit an int print as `%d`; anything else as `%1.15g`, or `%1.17g` when fifteen
 * digits do not read back as the same double; NaN and infinities as `null`.
 */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && value >= -2147483648 && value <= 2147483647) return String(value);
  if (!Number.isFinite(value)) return 'null';
  if (value === 0) return '0';
  const short = formatG(value, 15);
  const back = Number(short);
  if (Math.abs(back - value) <= Math.max(Math.abs(back), Math.abs(value)) * Number.EPSILON) return short;
  return formatG(value, 17);
}

export function formatValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'number':
      return formatNumber(value);
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return formatNumber(Number(value));
    case 'object':
      if (value === null) return undefined;
      if (Buffer.isBuffer(value)) return JSON.stringify(value.toString('utf8'));
      return JSON.stringify(String(value));
    default:
      return value === undefined ? undefined : JSON.stringify(String(value));
  }
}

/** Strings JSON can print between quotes as they are: printable ASCII without `"` or a backslash. */
const NEEDS_ESCAPING = /["\\\u0000-\u001f\u007f-\uffff]/;

/**
 * Appends `rows` (raw arrays) as JSON objects to `head` and returns the text, stopping early once it is longer than
 * `stopAfterChars`: the caller cuts the reply at the byte cap anyway, so rows past it are never read. Strings and
 * small integers, nearly every value of a listing, are printed inline; the rest goes through `formatValue`.
 */
export function formatRows(head: string, keys: string[], rows: Iterable<unknown[]>, stopAfterChars: number): string {
  const prefixes = keys.map((key) => `${key}:`);
  let out = `${head}[`;
  let opening = '{';
  for (const row of rows) {
    let object = opening;
    opening = ',{';
    let separator = '';
    for (let i = 0; i < prefixes.length; i++) {
      const value = row[i];
      let text: string | undefined;
      if (typeof value === 'string') text = NEEDS_ESCAPING.test(value) ? JSON.stringify(value) : `"${value}"`;
      else if (typeof value === 'number' && (value | 0) === value) text = String(value);
      else if (value === null || value === undefined) continue;
      else text = formatValue(value);
      if (text === undefined) continue;
      object += separator + prefixes[i] + text;
      separator = ',';
    }
    out += `${object}}`;
    if (out.length > stopAfterChars) break;
  }
  return `${out}]`;
}
