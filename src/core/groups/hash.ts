/** File checksums with the algorithm names the API accepts (Python's hashlib names). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const NODE_NAMES: Readonly<Record<string, string>> = {
  md5: 'md5',
  sha1: 'sha1',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  blake2b: 'blake2b512',
  blake2s: 'blake2s256',
  sha3_224: 'sha3-224',
  sha3_256: 'sha3-256',
  sha3_384: 'sha3-384',
  sha3_512: 'sha3-512',
};

export const HASH_ALGORITHMS = Object.keys(NODE_NAMES);

/** The file's checksum, or undefined when it cannot be read (a folder, a missing file). */
export function fileHash(path: string, algorithm = 'md5'): string | undefined {
  const name = NODE_NAMES[algorithm] ?? 'md5';
  try {
    return createHash(name).update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}
