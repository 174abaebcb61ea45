/**
 * JSON text exactly as Python's `json.dumps` writes it with default arguments: `", "` and `": "` separators,
 * non-ASCII characters escaped as `\uXXXX`, floats in Python's `repr` form. Wazuh stores policy and rule bodies
 * in this form (their text is unique in the database), hashes the run_as authorization context in it and sends
 * active-response messages to agents in it, so both sides must produce the same bytes for the same value.
 *
 * Known limit: a value that went through `JSON.parse` cannot tell `1.0` from `1`, so integral floats below 2^53
 * are written as integers (and integers above it as floats).
 */

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function quote(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (SHORT_ESCAPES[ch] !== undefined) out += SHORT_ESCAPES[ch];
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Python's `repr(float)`: shortest round-trip digits, scientific form below 1e-4 and from 1e16 on. */
function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const [mantissa, expText] = value.toExponential().split('e');
  const exponent = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${body}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1) || '0';
  return `${sign}${intPart}.${fraction}`;
}

/** `compact` gives `json.dumps(..., separators=(",", ":"))`, the form PyJWT uses for token segments. */
export function pythonJsonDumps(value: unknown, compact = false): string {
  const item = compact ? ',' : ', ';
  const pair = compact ? ':' : ': ';
  const dumps = (v: unknown): string => pythonJsonDumps(v, compact);
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    // Beyond 2^53 a JavaScript number cannot be an exact integer any more: write it as the float it is.
    return Number.isSafeInteger(value) ? String(value) : floatRepr(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(dumps).join(item)}]`;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${quote(k)}${pair}${dumps(v)}`);
    return `{${parts.join(item)}}`;
  }
  throw new TypeError(`Cannot serialise a ${typeof value} as JSON`);
}
