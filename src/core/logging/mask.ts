/**
 * Secret masking for the access log. Wazuh masks only a couple of keys on some paths; we mask by key name
 * everywhere, at any depth, so a password, agent key or token never reaches a log file.
 */

const SECRET_KEYS = new Set(['password', 'key', 'token', 'api_key', 'authorization', 'secret']);
const SECRET_SUFFIXES = ['_password', '_token', '_secret', '_key'];

export const MASK = '****';

export function isSecretKey(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_KEYS.has(lower) || SECRET_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

/** A copy of `value` where every secret-named property (at any depth, inside arrays too) reads `****`. */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 32) return MASK; // pathological nesting: refuse to walk further rather than risk a leak
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1));
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    out[name] = isSecretKey(name) ? MASK : maskSecrets(item, depth + 1);
  }
  return out;
}
