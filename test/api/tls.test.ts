/**
 * HTTPS as Wazuh sets it up: a self-signed RSA-2048 certificate (CN wazuh.com, SAN localhost, one year, key
 * mode 0400) generated on first start and reused afterwards, HSTS only over HTTPS, `ssl_protocol` honoured,
 * and client certificates required with `use_ca`.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { send } from '../helpers/http';
import { makeWazuhPath, startTestServer } from '../helpers/server';

let wazuhPath: string;
beforeEach(() => {
  wazuhPath = makeWazuhPath();
});
afterEach(() => rmSync(wazuhPath, { recursive: true, force: true }));

const ssl = () => join(wazuhPath, 'api', 'configuration', 'ssl');

it('generates a self-signed certificate on first start and reuses it on restart', async () => {
  const first = await startTestServer({ wazuhPath, apiYaml: { https: { enabled: true } } });
  let fingerprint: string;
  try {
    expect(first.baseUrl).toMatch(/^https:/);
    const cert = new X509Certificate(readFileSync(join(ssl(), 'server.crt')));
    fingerprint = cert.fingerprint256;
    expect(cert.subject).toContain('CN=wazuh.com');
    expect(cert.subjectAltName).toBe('DNS:localhost');
    const lifetimeDays = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000;
    expect(Math.round(lifetimeDays)).toBe(365);
    const key = createPrivateKey(readFileSync(join(ssl(), 'server.key')));
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(statSync(join(ssl(), 'server.key')).mode & 0o777).toBe(0o400);

    // The client trusts exactly this certificate, for the name it carries.
    const res = await send(`${first.baseUrl}/`, { ca: cert.toString(), servername: 'localhost' });
    expect(res.status).toBe(401);
    expect(res.headers['strict-transport-security']).toBe('max-age=63072000; includeSubdomains');
    expect(res.tlsProtocol).toBe('TLSv1.3');
  } finally {
    await first.close();
  }
  const second = await startTestServer({ wazuhPath, apiYaml: { https: { enabled: true, ssl_protocol: 'TLSv1.2' } } });
  try {
    expect(new X509Certificate(readFileSync(join(ssl(), 'server.crt'))).fingerprint256).toBe(fingerprint);
    const res = await send(`${second.baseUrl}/`);
    expect(res.status).toBe(401);
    expect(res.tlsProtocol).toBe('TLSv1.2');
  } finally {
    await second.close();
  }
});

it('serves plain HTTP when https is disabled', async () => {
  const server = await startTestServer({ wazuhPath, apiYaml: { https: { enabled: false } } });
  try {
    expect(server.baseUrl).toMatch(/^http:/);
    expect((await send(`${server.baseUrl}/`)).status).toBe(401);
  } finally {
    await server.close();
  }
});

it('requires a client certificate signed by the configured CA with use_ca', async () => {
  const ca = await generate([{ name: 'commonName', value: 'test-ca' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const client = await generate([{ name: 'commonName', value: 'client' }], {
    keySize: 2048,
    algorithm: 'sha256',
    ca: { key: ca.private, cert: ca.cert },
    extensions: [{ name: 'extKeyUsage', clientAuth: true }],
  });
  // A stranger's certificate, from another CA.
  const stranger = await generate([{ name: 'commonName', value: 'stranger' }], { keySize: 2048, algorithm: 'sha256' });
  mkdirSync(ssl(), { recursive: true });
  writeFileSync(join(ssl(), 'ca.crt'), ca.cert);
  const server = await startTestServer({ wazuhPath, apiYaml: { https: { enabled: true, use_ca: true } } });
  try {
    const ok = await send(`${server.baseUrl}/`, { cert: client.cert, key: client.private });
    expect(ok.status).toBe(401); // TLS accepted: the API itself answers
    await expect(send(`${server.baseUrl}/`)).rejects.toThrow();
    await expect(send(`${server.baseUrl}/`, { cert: stranger.cert, key: stranger.private })).rejects.toThrow();
  } finally {
    await server.close();
  }
});
