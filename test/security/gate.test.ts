import { createHmac, createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { routes, type RouteDef } from '../../generated/routes';
import { AuthenticationError, WazuhPermissionError } from '../../src/core/errors';
import { wazuhPaths } from '../../src/core/paths';
import { createSecurity, type SecurityService } from '../../src/rbac';
import { hashPassword } from '../../src/rbac/passwords';

let dir: string;
let security: SecurityService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rbac-gate-'));
  security = createSecurity({ paths: wazuhPaths(dir), nodeName: 'node01' });
});
afterEach(() => {
  security.close();
  rmSync(dir, { recursive: true, force: true });
});

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function ourPrivateKey(): KeyObject {
  return createPrivateKey(readFileSync(wazuhPaths(dir).api.privateKey));
}

function claims(overrides: Record<string, unknown> = {}) {
  const nbf = now();
  return {
    iss: 'wazuh',
    aud: 'Wazuh API REST',
    nbf,
    exp: nbf + 900,
    sub: 'wazuh',
    run_as: false,
    rbac_roles: [1],
    rbac_mode: 'white',
    ...overrides,
  };
}

async function rejection(token: string): Promise<string> {
  try {
    await security.authenticateBearer(token);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return (error as AuthenticationError).detail;
  }
}

describe('keys', () => {
  it('creates an ES512 key pair as PKCS#8/SPKI PEM with mode 0640, and reuses it after a restart', async () => {
    const paths = wazuhPaths(dir).api;
    expect(readFileSync(paths.privateKey, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(paths.publicKey, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(statSync(paths.privateKey).mode & 0o777).toBe(0o640);
    expect(statSync(paths.publicKey).mode & 0o777).toBe(0o640);
    const token = await security.login('wazuh', 'wazuh');
    security.close();
    security = createSecurity({ paths: wazuhPaths(dir), nodeName: 'node01' });
    await expect(security.authenticateBearer(token)).resolves.toMatchObject({ username: 'wazuh' });
  });
});

describe('login and token contents', () => {
  it('issues Wazuh’s claims, verifiable by an independent JWT library', async () => {
    const token = await security.login('wazuh', 'wazuh');
    const [header] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'ES512', typ: 'JWT' });
    const publicKey = readFileSync(wazuhPaths(dir).api.publicKey);
    const payload = jwt.verify(token, publicKey, { algorithms: ['ES512'], audience: 'Wazuh API REST' }) as Record<
      string,
      unknown
    >;
    expect(Object.keys(payload)).toEqual(['iss', 'aud', 'nbf', 'exp', 'sub', 'run_as', 'rbac_roles', 'rbac_mode']);
    expect(payload).toMatchObject({ iss: 'wazuh', sub: 'wazuh', run_as: false, rbac_roles: [1], rbac_mode: 'white' });
    expect((payload.exp as number) - (payload.nbf as number)).toBe(900);
    const auth = await security.authenticateBearer(token);
    expect(auth).toEqual({
      username: 'wazuh',
      roleIds: [1],
      runAs: false,
      rbacMode: 'white',
      notBefore: payload.nbf,
      expires: payload.exp,
    });
  });

  it('refuses wrong passwords and unknown users with "Invalid credentials"', async () => {
    await expect(security.login('wazuh', 'nope')).rejects.toThrow('Invalid credentials');
    await expect(security.login('ghost', 'wazuh')).rejects.toThrow('Invalid credentials');
  });

  it('adds hash_auth_context (BLAKE2b-128 of Python’s json.dumps) to run_as tokens', async () => {
    const user = security.store.userByName('wazuh-wui')!;
    const token = await security.issueToken(user, {
      roleIds: [1],
      authContext: { username: 'elastic', roles: ['admin', 'ops'], n: 3 },
    });
    const payload = jwt.decode(token) as Record<string, unknown>;
    expect(payload.run_as).toBe(true);
    // Value computed with CPython: hashlib.blake2b(json.dumps(ctx).encode(), digest_size=16).hexdigest()
    expect(payload.hash_auth_context).toBe('090badc29feef896756e0fce0578d9c8');
    await expect(security.authenticateBearer(token)).resolves.toMatchObject({
      runAs: true,
      hashAuthContext: '090badc29feef896756e0fce0578d9c8',
    });
  });
});

describe('bearer verification refuses', () => {
  it('alg none, HS256 keyed with the public key, RS256, a foreign P-521 key and ES256', async () => {
    const body = b64(claims());
    expect(await rejection(`${b64({ alg: 'none', typ: 'JWT' })}.${body}.`)).toBe('Invalid token');
    expect(await rejection(`${b64({ alg: 'ES512', typ: 'JWT' })}.${body}.`)).toBe('Invalid token');

    const publicPem = readFileSync(wazuhPaths(dir).api.publicKey);
    const hsInput = `${b64({ alg: 'HS256', typ: 'JWT' })}.${body}`;
    const hsSig = createHmac('sha256', publicPem).update(hsInput).digest('base64url');
    expect(await rejection(`${hsInput}.${hsSig}`)).toBe('Invalid token');

    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(await rejection(jwt.sign(claims(), rsa.privateKey, { algorithm: 'RS256' }))).toBe('Invalid token');

    const foreign = generateKeyPairSync('ec', { namedCurve: 'P-521' });
    expect(await rejection(jwt.sign(claims(), foreign.privateKey, { algorithm: 'ES512' }))).toBe('Invalid token');

    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const es256 = jwt.sign(claims(), p256.privateKey, { algorithm: 'ES256' });
    const [, es256Body, es256Sig] = es256.split('.');
    expect(await rejection(`${b64({ alg: 'ES512', typ: 'JWT' })}.${es256Body}.${es256Sig}`)).toBe('Invalid token');
  });

  it('a bad audience, an expired token and a token not yet valid', async () => {
    const key = ourPrivateKey();
    const sign = (c: object) => jwt.sign(c, key, { algorithm: 'ES512' });
    // Sanity: the same signer produces accepted tokens.
    expect(await rejection(sign(claims()))).toBe('accepted');
    expect(await rejection(sign(claims({ aud: 'Other API' })))).toBe('Invalid token');
    expect(await rejection(sign(claims({ aud: undefined })))).toBe('Invalid token');
    expect(await rejection(sign(claims({ nbf: now() - 1000, exp: now() - 100 })))).toBe('Invalid token');
    // exp reached this very second: no leeway.
    expect(await rejection(sign(claims({ nbf: now() - 900, exp: now() })))).toBe('Invalid token');
    expect(await rejection(sign(claims({ nbf: now() + 60, exp: now() + 960 })))).toBe('Invalid token');
    expect(await rejection('not-a-token')).toBe('Invalid token');
    expect(await rejection('a.b.c.d')).toBe('Invalid token');
  });

  it('a token whose mode or lifetime differs from security.yaml: "Token expired"', async () => {
    const key = ourPrivateKey();
    const sign = (c: object) => jwt.sign(c, key, { algorithm: 'ES512' });
    expect(await rejection(sign(claims({ rbac_mode: 'black' })))).toBe('Token expired');
    const nbf = now();
    expect(await rejection(sign(claims({ nbf, exp: nbf + 600 })))).toBe('Token expired');
  });

  it('tokens of a user that no longer exists or whose roles changed', async () => {
    const alice = security.store.insertUser('alice', await hashPassword('Alice-123!'))!;
    security.store.linkUserRole(alice.id, 2);
    const token = await security.login('alice', 'Alice-123!');
    expect(await rejection(token)).toBe('accepted');
    security.store.linkUserRole(alice.id, 3);
    expect(await rejection(token)).toBe('Invalid token');
    const key = ourPrivateKey();
    expect(await rejection(jwt.sign(claims({ sub: 'ghost' }), key, { algorithm: 'ES512' }))).toBe('Invalid token');
  });
});

describe('revocation', () => {
  it('logout kills tokens issued up to the same second, not later ones', async () => {
    const token = await security.login('wazuh', 'wazuh');
    await security.authenticateBearer(token); // now cached
    security.revokeUserTokens('wazuh');
    expect(await rejection(token)).toBe('Invalid token');
    const nbf = (jwt.decode(token) as { nbf: number }).nbf;
    // A rule written one second before the token's nbf does not touch it.
    security.store.invalidateTokens({ users: [1] }, 900, nbf - 1);
    expect(await rejection(token)).toBe('accepted');
    security.store.invalidateTokens({ roles: [1] }, 900, nbf);
    expect(await rejection(token)).toBe('Invalid token');
  });

  it('the run_as rule applies to run_as tokens only', async () => {
    const user = security.store.userByName('wazuh')!;
    const plain = await security.issueToken(user, { roleIds: [1] });
    const runAs = await security.issueToken(user, { roleIds: [1], authContext: { a: 1 } });
    security.store.invalidateTokens({ runAs: true }, 900);
    expect(await rejection(plain)).toBe('accepted');
    expect(await rejection(runAs)).toBe('Invalid token');
  });

  it('revoke-all rotates the key pair; config changes revoke and change the claims', async () => {
    const before = readFileSync(wazuhPaths(dir).api.privateKey, 'utf8');
    const token = await security.login('wazuh', 'wazuh');
    await security.authenticateBearer(token);
    security.revokeAllTokens();
    expect(readFileSync(wazuhPaths(dir).api.privateKey, 'utf8')).not.toBe(before);
    expect(await rejection(token)).toBe('Invalid token');

    const second = await security.login('wazuh', 'wazuh');
    security.replaceConfig({ rbac_mode: 'black', auth_token_exp_timeout: 60 });
    expect(await rejection(second)).toBe('Invalid token');
    expect(readFileSync(wazuhPaths(dir).api.securityYaml, 'utf8')).toBe('rbac_mode: black\nauth_token_exp_timeout: 60\n');
    const third = await security.login('wazuh', 'wazuh');
    const payload = jwt.decode(third) as Record<string, number | string>;
    expect(payload.rbac_mode).toBe('black');
    expect((payload.exp as number) - (payload.nbf as number)).toBe(60);
    expect(security.resetConfig()).toEqual({ auth_token_exp_timeout: 900, rbac_mode: 'white' });
    expect(await rejection(third)).toBe('Invalid token');
  });
});

describe('authorizeRoute', () => {
  const route = (method: string, path: string): RouteDef => {
    const found = routes.find((r) => r.method === method && r.path === path);
    if (!found) throw new Error(`no route ${method} ${path}`);
    return found;
  };
  const refusal = (roleIds: number[], r: RouteDef, mode: 'white' | 'black' = 'white'): string => {
    try {
      security.authorizeRoute({ username: 'x', roleIds, runAs: false, rbacMode: mode }, r);
      return 'allowed';
    } catch (error) {
      expect(error).toBeInstanceOf(WazuhPermissionError);
      expect((error as WazuhPermissionError).code).toBe(4000);
      expect((error as WazuhPermissionError).httpStatus).toBe(403);
      return (error as WazuhPermissionError).message;
    }
  };

  it('lets the administrator through every route', () => {
    for (const r of routes) expect(`${r.method} ${r.path} ${refusal([1], r)}`).toBe(`${r.method} ${r.path} allowed`);
  });

  it('refuses resourceless actions and path-named resources that no policy allows', () => {
    const agentsReadonly = [4];
    expect(refusal(agentsReadonly, route('post', '/agents'))).toBe('Permission denied: Resource type: *:*');
    expect(refusal(agentsReadonly, route('get', '/manager/status'))).toBe('Permission denied: Resource type: *:*');
    expect(refusal(agentsReadonly, route('put', '/security/users/{user_id}'))).toBe(
      'Permission denied: Resource type: user:id',
    );
    expect(refusal(agentsReadonly, route('put', '/security/users/{user_id}/run_as'))).toBe(
      'Permission denied: Resource type: *:*',
    );
    expect(refusal(agentsReadonly, route('get', '/agents/{agent_id}/key'))).toBe('allowed');
    expect(refusal(agentsReadonly, route('get', '/groups/{group_id}/files'))).toBe('allowed');
  });

  it('lets list routes through: Wazuh answers them with the allowed subset, maybe empty', () => {
    expect(refusal([4], route('get', '/security/users'))).toBe('allowed');
    expect(refusal([], route('get', '/agents'))).toBe('allowed');
  });

  it('in black mode refuses only what is denied', () => {
    expect(refusal([], route('post', '/agents'), 'black')).toBe('allowed');
    const role = security.store.insertRole('no_create');
    const policy = security.store.insertPolicy('deny_create', {
      actions: ['agent:create'],
      resources: ['*:*:*'],
      effect: 'deny',
    });
    security.store.linkRolePolicy(role.id, policy.id);
    expect(refusal([role.id], route('post', '/agents'), 'black')).toBe('Permission denied: Resource type: *:*');
    expect(refusal([role.id], route('get', '/manager/status'), 'black')).toBe('allowed');
  });
});
