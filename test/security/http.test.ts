/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked structurally */
/**
 * The security subsystem over real HTTP: logins, bad tokens, revocation, run_as, password rules, protected
 * defaults, white/black mode, and a route-table sweep of the RBAC gate.
 */
import { createHmac, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { routes, type RouteDef } from '../../generated/routes';
import { wazuhPaths } from '../../src/core/paths';
import type { SecurityService } from '../../src/rbac';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let security: SecurityService;
let wazuhPath: string;

const MAX_LOGIN_ATTEMPTS = 4;

beforeAll(async () => {
  server = await startTestServer({ apiYaml: { access: { max_login_attempts: MAX_LOGIN_ATTEMPTS, block_time: 300 } } });
  wazuhPath = server.wazuhPath;
  security = server.api.services.security as SecurityService;
});

afterAll(async () => {
  await server.close();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: 'wazuh',
  aud: 'Wazuh API REST',
  nbf: now(),
  exp: now() + 900,
  sub: 'wazuh',
  run_as: false,
  rbac_roles: [1],
  rbac_mode: 'white',
  ...extra,
});
const ourKey = () => createPrivateKey(readFileSync(wazuhPaths(wazuhPath).api.privateKey));
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));

async function detailFor(token: string): Promise<string> {
  const res = await server.request('GET', '/security/users/me/policies', { token });
  return res.status === 200 ? 'ok' : `${res.status} ${(res.body as any).detail}`;
}

describe('login', () => {
  it('answers a JSON token, or text/plain with raw=true, also on the deprecated GET form', async () => {
    const basic = { username: 'wazuh', password: 'wazuh' };
    const json = await server.request('POST', '/security/user/authenticate', { basic });
    expect(json.status).toBe(200);
    expect(Object.keys(json.body as object)).toEqual(['data', 'error']);
    const raw = await server.request('POST', '/security/user/authenticate', { basic, query: { raw: true } });
    expect(raw.headers['content-type']).toMatch(/^text\/plain/);
    expect(raw.text.split('.')).toHaveLength(3);
    const old = await server.request('GET', '/security/user/authenticate', { basic });
    expect(old.status).toBe(200);
    expect((old.body as any).data.token).toMatch(/\./);
    expect(old.headers['deprecated']).toBe('true');
    expect(old.headers['link']).toMatch(/login_user>; rel="Deprecated"$/);
    expect(json.headers['deprecated']).toBeUndefined();
    const bad = await server.request('POST', '/security/user/authenticate', {
      basic: { username: 'wazuh', password: 'nope' },
      localAddress: '127.0.0.9',
    });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ title: 'Unauthorized', detail: 'Invalid credentials' });
  });

  it('blocks an IP after max_login_attempts parallel failures; at most that many reach the password check', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 2 * MAX_LOGIN_ATTEMPTS }, () =>
        server.request('POST', '/security/user/authenticate', {
          basic: { username: 'wazuh', password: 'wrong' },
          localAddress: '127.0.0.5',
        }),
      ),
    );
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_LOGIN_ATTEMPTS);
    expect(statuses.filter((s) => s === 403)).toHaveLength(MAX_LOGIN_ATTEMPTS);
    const blocked = await server.request('POST', '/security/user/authenticate', {
      basic: { username: 'wazuh', password: 'wazuh' },
      localAddress: '127.0.0.5',
    });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({
      title: 'Permission Denied',
      detail:
        'Limit of login attempts reached. The current IP has been blocked due to a high number of login attempts',
      error: 6000,
    });
  });
});

describe('bearer tokens', () => {
  it('refuses alg none, HS256 with the public key, a foreign key, a bad audience and an expired token', async () => {
    const body = b64(claims());
    expect(await detailFor(`${b64({ alg: 'none', typ: 'JWT' })}.${body}.`)).toBe('401 Invalid token');
    const publicPem = readFileSync(wazuhPaths(wazuhPath).api.publicKey);
    const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${body}`;
    expect(await detailFor(`${input}.${createHmac('sha256', publicPem).update(input).digest('base64url')}`)).toBe(
      '401 Invalid token',
    );
    const foreign = generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey;
    expect(await detailFor(jwt.sign(claims(), foreign, { algorithm: 'ES512' }))).toBe('401 Invalid token');
    expect(await detailFor(jwt.sign(claims({ aud: 'x' }), ourKey(), { algorithm: 'ES512' }))).toBe(
      '401 Invalid token',
    );
    expect(
      await detailFor(jwt.sign(claims({ nbf: now() - 1000, exp: now() - 10 }), ourKey(), { algorithm: 'ES512' })),
    ).toBe('401 Invalid token');
    expect(await detailFor(jwt.sign(claims({ rbac_mode: 'black' }), ourKey(), { algorithm: 'ES512' }))).toBe(
      '401 Token expired',
    );
    expect(await detailFor(jwt.sign(claims(), ourKey(), { algorithm: 'ES512' }))).toBe('ok');
    const none = await server.request('GET', '/security/users/me/policies');
    expect(none.body).toEqual({ title: 'Unauthorized', detail: 'No authorization token provided' });
  });

  it('logout revokes the caller’s tokens; revoke-all rotates the keys', async () => {
    const token = await server.login();
    expect(await detailFor(token)).toBe('ok');
    const out = await server.request('DELETE', '/security/user/authenticate', { token });
    expect(out.body).toEqual({ message: 'User wazuh was successfully logged out', error: 0 });
    expect(await detailFor(token)).toBe('401 Invalid token');
    await nextSecond();
    const second = await server.login();
    const revoke = await server.request('PUT', '/security/user/revoke', { token: second });
    expect(revoke.body).toEqual({ message: 'Tokens were successfully revoked', error: 0 });
    expect(await detailFor(second)).toBe('401 Invalid token');
  });

  it('run_as: roles from the matching rules, hash of the context in the token', async () => {
    const res = await server.request('POST', '/security/user/authenticate/run_as', {
      basic: { username: 'wazuh-wui', password: 'wazuh-wui' },
      body: { username: 'elastic' },
    });
    expect(res.status).toBe(200);
    const token = (res.body as any).data.token;
    expect(jwt.decode(token)).toMatchObject({ run_as: true, rbac_roles: [1], sub: 'wazuh-wui' });
    const me = await server.request('GET', '/security/users/me/policies', { token });
    expect((me.body as any).data.rbac_mode).toBe('white');
  });
});

describe('users, roles and policies over HTTP', () => {
  let admin: string;
  beforeAll(async () => {
    await nextSecond();
    admin = await server.login();
  });

  it('GET /security/users/me expands the roles into policies and rules (valid against the spec)', async () => {
    const me = await server.request('GET', '/security/users/me', { token: admin });
    expect(me.status).toBe(200);
    const [user] = (me.body as any).data.affected_items;
    expect(user.username).toBe('wazuh');
    expect(user.roles[0]).toMatchObject({ id: 1, name: 'administrator' });
    expect(user.roles[0].policies.length).toBeGreaterThan(0);
  });

  it('enforces password rules and protects default ids', async () => {
    const weak = await server.request('POST', '/security/users', {
      token: admin,
      body: { username: 'weak', password: 'password' },
    });
    expect(weak.status).toBe(400);
    expect((weak.body as any).error).toBe(5007);
    const del = await server.request('DELETE', '/security/users', { token: admin, query: { user_ids: '1' } });
    expect((del.body as any).data.failed_items[0].error.code).toBe(5004);
    const role = await server.request('PUT', '/security/roles/1', { token: admin, body: { name: 'x' } });
    expect((role.body as any).data.failed_items[0].error.code).toBe(4008);
  });

  it('white vs black mode, and role/policy ordering, seen by a new user', async () => {
    const user = await server.request('POST', '/security/users', {
      token: admin,
      body: { username: 'ordered', password: 'Ord3red-pass!' },
    });
    const userId = (user.body as any).data.affected_items[0].id;
    const mkPolicy = async (name: string, effect: string, resources: string[]) =>
      (
        (
          await server.request('POST', '/security/policies', {
            token: admin,
            body: { name, policy: { actions: ['security:read'], resources, effect } },
          })
        ).body as any
      ).data.affected_items[0].id;
    const allowAll = await mkPolicy('read_users_all', 'allow', ['user:id:*']);
    const denyOne = await mkPolicy('read_users_not1', 'deny', ['user:id:1']);
    const role = ((await server.request('POST', '/security/roles', { token: admin, body: { name: 'ordered' } })).body as any)
      .data.affected_items[0].id;
    await server.request('POST', `/security/roles/${role}/policies`, {
      token: admin,
      query: { policy_ids: `${allowAll},${denyOne}` },
    });
    await server.request('POST', `/security/users/${userId}/roles`, { token: admin, query: { role_ids: role } });
    await nextSecond();
    const token = await server.login('ordered', 'Ord3red-pass!');
    const listed = await server.request('GET', '/security/users', { token });
    expect((listed.body as any).data.affected_items.map((u: any) => u.id)).not.toContain(1);
    const explicit = await server.request('GET', '/security/users', { token, query: { user_ids: '1' } });
    expect(explicit.status).toBe(403);
    expect((explicit.body as any).detail).toBe('Permission denied: Resource type: user:id');
    // Resourceless action not granted: 403 in white mode, allowed in black mode.
    const config = await server.request('GET', '/security/config', { token });
    expect(config.status).toBe(403);
    await server.request('PUT', '/security/config', { token: admin, body: { rbac_mode: 'black' } });
    await nextSecond();
    const blackToken = await server.login('ordered', 'Ord3red-pass!');
    expect((await server.request('GET', '/security/config', { token: blackToken })).status).toBe(200);
    await server.request('DELETE', '/security/config', { token: await server.login() });
  });
});

describe('the RBAC gate over the whole route table', () => {
  /** A path with every parameter filled in. */
  const concrete = (route: RouteDef) =>
    route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'agent_id') return '001';
      if (/^(user|role|policy|rule)_id$/.test(name)) return '100';
      return 'default';
    });
  const gated = routes.filter((r) => r.auth === 'jwt' && r.rbacActions.length > 0);
  /** Where Wazuh refuses whatever the request holds: resourceless actions, or a resource named in the path. */
  const refusedOutright = (route: RouteDef) =>
    route.rbacActions.every((a) => (security.catalog.actions.get(a)?.resources ?? ['*:*']).every((t) => t === '*:*')) ||
    /\{(agent|group|node|user|role|policy|rule)_id\}/.test(route.path);

  it('a user without the actions gets 403/4000 wherever Wazuh refuses outright, and is let through elsewhere', async () => {
    await nextSecond();
    const admin = await server.login();
    await server.request('POST', '/security/users', { token: admin, body: { username: 'nobody', password: 'N0body-pass!' } });
    await nextSecond();
    const nobody = await server.login('nobody', 'N0body-pass!');
    let provedByHttp = 0;
    for (const route of gated) {
      const res = await server.request(route.method.toUpperCase(), concrete(route), { token: nobody });
      const label = `${route.method.toUpperCase()} ${route.path}`;
      // Request validation (400, 406) runs before the gate, and so does the handler lookup (501): those answers
      // prove nothing about RBAC (test/security/gate.test.ts checks the gate on every route directly).
      if ([400, 406, 501].includes(res.status)) continue;
      provedByHttp += 1;
      const gateRefusal = res.status === 403 && (res.body as any).error === 4000;
      expect(`${label} refused=${gateRefusal}`).toBe(`${label} refused=${refusedOutright(route)}`);
    }
    expect(provedByHttp).toBeGreaterThanOrEqual(8);
  });

  it('the administrator is never refused by RBAC (GET operations)', async () => {
    await nextSecond();
    const admin = await server.login();
    for (const route of gated.filter((r) => r.method === 'get')) {
      const res = await server.request('GET', concrete(route), { token: admin });
      expect(`${route.path} ${res.status} ${(res.body as any)?.error}`).not.toMatch(/ 403 4000$/);
    }
  });
});
