/**
 * JSON written the way Python's `json.dumps` writes it with its defaults: `", "` and `": "` separators and every
 * non-ASCII character escaped as `\uXXXX`. Agents parse either form; this one keeps the datagrams byte-identical
 * to what Wazuh's framework sends, which matters to anyone comparing captures.
 */
function escapeNonAscii(text: string): string {
  return text.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function encode(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return escapeNonAscii(JSON.stringify(value));
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(encode).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([key, v]) => `${escapeNonAscii(JSON.stringify(key))}: ${encode(v)}`).join(', ')}}`;
  }
  return 'null';
}

export function pythonJson(value: unknown): string {
  return encode(value);
}
