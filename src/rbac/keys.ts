/**
 * The JWT signing key pair: ECDSA P-521 (ES512), stored as `private_key.pem` (PKCS#8) and `public_key.pem` (SPKI)
 * next to `rbac.db`, as a Wazuh manager keeps them. The files are read once into KeyObjects: reading or parsing PEM
 * per request is what made Wazuh's API stall under token floods (CVE-2026-25771).
 */
import { KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { WazuhInternalError } from '../core/errors';

export interface SigningKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const FILE_MODE = 0o640;

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, text, { mode: FILE_MODE });
  chmodSync(temporary, FILE_MODE);
  renameSync(temporary, path);
}

/** Generates a new pair and replaces both files; every token signed with the old pair stops verifying. */
export function rotateKeys(privatePath: string, publicPath: string): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-521' });
  mkdirSync(dirname(privatePath), { recursive: true, mode: 0o750 });
  try {
    writeAtomically(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    writeAtomically(publicPath, publicKey.export({ type: 'spki', format: 'pem' }) as string);
  } catch {
    throw new WazuhInternalError(6003);
  }
  return { privateKey, publicKey };
}

/** Loads the pair, creating it when either file is missing. Unreadable or foreign keys give 6003. */
export function loadOrCreateKeys(privatePath: string, publicPath: string): SigningKeys {
  if (!existsSync(privatePath) || !existsSync(publicPath)) return rotateKeys(privatePath, publicPath);
  try {
    const privateKey = createPrivateKey(readFileSync(privatePath));
    const publicKey = createPublicKey(readFileSync(publicPath));
    const curve = publicKey.asymmetricKeyDetails?.namedCurve;
    if (publicKey.asymmetricKeyType !== 'ec' || curve !== 'secp521r1') throw new Error('not a P-521 key');
    return { privateKey, publicKey };
  } catch {
    throw new WazuhInternalError(6003);
  }
}
