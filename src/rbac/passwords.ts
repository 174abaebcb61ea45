/**
 * Password hashes in Werkzeug's `method$salt$hexdigest` format, the format of `users.password` in Wazuh's
 * `rbac.db`. Hashing runs through node:crypto's scrypt and PBKDF2, which are OpenSSL's implementations: no
 * JavaScript crypto to keep up to date, and the asynchronous forms run on libuv's thread pool so a login never
 * stalls the event loop for the ~100 ms an scrypt derivation costs.
 *
 * - written: `scrypt:32768:8:1$<16 chars>$<128 hex>` (what Wazuh 4.14 writes, so a real manager reads our db);
 * - accepted: that, other scrypt parameters, and `pbkdf2:<digest>[:<iterations>]$salt$hex` from older installs.
 */
import { getHashes, pbkdf2, randomInt, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { WazuhError } from '../core/errors';

const SALT_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SALT_LENGTH = 16;
const SCRYPT_DEFAULT = { N: 32768, r: 8, p: 1 };
const SCRYPT_KEY_LENGTH = 64;
/** Werkzeug 3.1's default when a stored pbkdf2 method carries no iteration count. */
const PBKDF2_DEFAULT_ITERATIONS = 1_000_000;
/** Refuse absurd cost parameters from a tampered database instead of burning minutes of CPU. */
const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024;
const MAX_PBKDF2_ITERATIONS = 10_000_000;

function newSalt(): string {
  let salt = '';
  for (let i = 0; i < SALT_LENGTH; i += 1) salt += SALT_ALPHABET[randomInt(SALT_ALPHABET.length)];
  return salt;
}

function scryptHex(password: string, salt: string, N: number, r: number, p: number): Promise<string> {
  const needed = 128 * N * r * p;
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(password, 'utf8'),
      Buffer.from(salt, 'utf8'),
      SCRYPT_KEY_LENGTH,
      { N, r, p, maxmem: needed + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key.toString('hex'))),
    );
  });
}

function pbkdf2Hex(password: string, salt: string, digest: string, iterations: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Werkzeug leaves the key length to hashlib, which uses the digest size.
    const size = digestSize(digest);
    pbkdf2(Buffer.from(password, 'utf8'), Buffer.from(salt, 'utf8'), iterations, size, digest, (err, key) =>
      err ? reject(err) : resolve(key.toString('hex')),
    );
  });
}

const DIGEST_SIZES: Record<string, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64, md5: 16 };

function digestSize(digest: string): number {
  const size = DIGEST_SIZES[digest];
  if (!size) throw new Error(`unsupported digest ${digest}`);
  return size;
}

/** Derives the hex digest the stored `method` asks for, or undefined when the method is not one we accept. */
async function deriveFor(method: string, salt: string, password: string): Promise<string | undefined> {
  const [name, ...args] = method.split(':');
  if (name === 'scrypt') {
    const [N, r, p] = args.length ? args.map(Number) : [SCRYPT_DEFAULT.N, SCRYPT_DEFAULT.r, SCRYPT_DEFAULT.p];
    const valid = [N, r, p].every((v) => Number.isInteger(v) && v > 0) && (N & (N - 1)) === 0 && N > 1;
    if (!valid || 128 * N * r * p > MAX_SCRYPT_MEMORY) return undefined;
    return scryptHex(password, salt, N, r, p);
  }
  if (name === 'pbkdf2') {
    const digest = (args[0] || 'sha256').toLowerCase();
    const iterations = args[1] !== undefined ? Number(args[1]) : PBKDF2_DEFAULT_ITERATIONS;
    if (!DIGEST_SIZES[digest] || !getHashes().includes(digest)) return undefined;
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) return undefined;
    return pbkdf2Hex(password, salt, digest, iterations);
  }
  return undefined;
}

/** A new hash in the format Wazuh 4.14 writes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = newSalt();
  const { N, r, p } = SCRYPT_DEFAULT;
  return `scrypt:${N}:${r}:${p}$${salt}$${await scryptHex(password, salt, N, r, p)}`;
}

/** The same, blocking: only for seeding the default users when a database is created. */
export function hashPasswordSync(password: string): string {
  const salt = newSalt();
  const { N, r, p } = SCRYPT_DEFAULT;
  const key = scryptSync(Buffer.from(password, 'utf8'), Buffer.from(salt, 'utf8'), SCRYPT_KEY_LENGTH, {
    N,
    r,
    p,
    maxmem: 128 * N * r * p + 1024 * 1024,
  });
  return `scrypt:${N}:${r}:${p}$${salt}$${key.toString('hex')}`;
}

/** True when `password` matches the stored Werkzeug hash; false for a wrong password or an unreadable hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const first = stored.indexOf('$');
  const second = first < 0 ? -1 : stored.indexOf('$', first + 1);
  if (second < 0) return false;
  const method = stored.slice(0, first);
  const salt = stored.slice(first + 1, second);
  const expected = stored.slice(second + 1);
  const actual = await deriveFor(method, salt, password);
  if (actual === undefined || actual.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(actual), Buffer.from(expected));
}

let decoyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real check. Called for unknown user names so that response time does not reveal
 * which names exist.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword(newSalt());
  await verifyPassword(await decoyHash, password);
  return false;
}

// Python's `.` excludes only "\n" and its `$` also matches before a final "\n"; `\d` covers every Unicode digit.
const STRONG_PASSWORD = /^(?=[^\n]*[a-z])(?=[^\n]*[A-Z])(?=[^\n]*\p{Nd})(?=[^\n]*[^A-Za-z0-9])[^\n]{8,}\n?$/u;

/** Wazuh's rule for new passwords: 8 to 64 characters (5009), with lower, upper, digit and symbol (5007). */
export function checkPasswordStrength(password: string): void {
  const length = [...password].length;
  if (length > 64 || length < 8) throw new WazuhError(5009);
  if (!STRONG_PASSWORD.test(password)) throw new WazuhError(5007);
}
