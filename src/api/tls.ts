/**
 * HTTPS material. Like Wazuh, a missing key or certificate is replaced on start by an RSA-2048 key (mode 0400)
 * and a one-year self-signed certificate for CN wazuh.com with SAN localhost; existing files are reused.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import type { SecureContextOptions, SecureVersion } from 'node:tls';
import { generate } from 'selfsigned';
import { ApiConfigError, type ApiConfig } from '../core/config';
import type { ApiLogger } from '../core/logging';

const SUBJECT = [
  { name: 'countryName', value: 'US' },
  { name: 'ST', value: 'California' },
  { name: 'localityName', value: 'San Francisco' },
  { name: 'organizationName', value: 'Wazuh' },
  { name: 'commonName', value: 'wazuh.com' },
];

export async function ensureSelfSignedCertificate(keyFile: string, certFile: string, logger: ApiLogger): Promise<void> {
  if (existsSync(keyFile) && existsSync(certFile)) return;
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate.getTime() + 365 * 24 * 3600 * 1000);
  const pems = await generate(SUBJECT, {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }],
  });
  for (const file of [keyFile, certFile]) if (existsSync(file)) unlinkSync(file);
  writeFileSync(keyFile, pems.private, { mode: 0o400 });
  writeFileSync(certFile, pems.cert, { mode: 0o640 });
  logger.info(`Generated a self-signed certificate: ${certFile}`);
}

/** `ssl_protocol` → the TLS versions offered ("auto" and "tls" negotiate the best both sides support). */
function versions(protocol: ApiConfig['https']['ssl_protocol']): { minVersion?: SecureVersion; maxVersion?: SecureVersion } {
  switch (protocol) {
    case 'tlsv1':
      return { minVersion: 'TLSv1', maxVersion: 'TLSv1' };
    case 'tlsv1.1':
      return { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1' };
    case 'tlsv1.2':
      return { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' };
    default:
      return {};
  }
}

function read(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ApiConfigError(`api.yaml: cannot read the ${what} '${file}': ${(error as Error).message}`);
  }
}

export interface HttpsOptions extends SecureContextOptions {
  requestCert?: boolean;
  rejectUnauthorized?: boolean;
}

export async function httpsOptions(https: ApiConfig['https'], logger: ApiLogger): Promise<HttpsOptions> {
  await ensureSelfSignedCertificate(https.key, https.cert, logger);
  if (https.ssl_protocol === 'tlsv1' || https.ssl_protocol === 'tlsv1.1') {
    logger.warning(`SSL protocol ${https.ssl_protocol} is deprecated and insecure; consider tlsv1.2 or auto`);
  }
  const options: HttpsOptions = {
    key: read(https.key, 'https key'),
    cert: read(https.cert, 'https certificate'),
    ...versions(https.ssl_protocol),
  };
  if (https.ssl_ciphers) options.ciphers = https.ssl_ciphers.toUpperCase();
  if (https.use_ca) {
    options.ca = read(https.ca, 'https CA bundle');
    options.requestCert = true;
    options.rejectUnauthorized = true;
  }
  return options;
}
