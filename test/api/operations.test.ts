/**
 * Requests that reach the handlers, with a real token from the real security module: `GET /`, `pretty`, the
 * request deadline (500 / 3021 with an ERROR line in each log format), the events body in the access log,
 * and the operations still answering 501.
 */
import { hostname } from 'node:os';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findHandler } from '../../handlers';
import { routes } from '../../generated/routes';
import { SecurityService } from '../../src/rbac';
import { makeWazuhPath, startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
});
afterAll(() => server.close());

describe('GET /', () => {
  it("answers the API's identity from the spec", async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await server.request('GET', '/', { token });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toEqual({
      data: {
        title: 'Wazuh API REST',
        api_version: '4.14.4',
        revision: '41400',
        license_name: 'GPL 2.0',
        license_url: 'https://github.com/wazuh/wazuh/blob/v4.14.4/LICENSE',
        hostname: hostname(),
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      },
      error: 0,
    });
    const stamp = Date.parse((res.body as { data: { timestamp: string } }).data.timestamp) / 1000;
    expect(stamp).toBeGreaterThanOrEqual(before - 1);
    expect(stamp).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    expect(res.text).not.toContain('\n');
  });

  it('indents with 3 spaces for pretty=true', async () => {
    const res = await server.request('GET', '/', { token, query: { pretty: true } });
    expect(res.text.split('\n')[1]).toBe('   "data": {');
    expect(res.text.split('\n')[2]).toBe('      "title": "Wazuh API REST",');
  });

  it('refuses a token that was tampered with', async () => {
    const forged = `${token.slice(0, -4)}AAAA`;
    const res = await server.request('GET', '/', { token: forged });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ title: 'Unauthorized', detail: 'Invalid token' });
  });
});

it('logs the size of an events batch, not the events', async () => {
  const events = ['secret event one', 'secret event two'];
  await server.request('POST', '/events', { token, body: { events } });
  const deadline = Date.now() + 2_000;
  let log = '';
  while (Date.now() < deadline && !log.includes('"POST /events"')) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    log = readFileSync(join(server.wazuhPath, 'logs', 'api.log'), 'utf8');
  }
  expect(log).toMatch(/wazuh 127\.0\.0\.1 "POST \/events" with parameters \{\} and body \{"events":2\}/);
  expect(log).not.toContain('secret event');
});

it('times requests out after intervals.request_timeout with 3021, logging an ERROR in each format', async () => {
  const wazuhPath = makeWazuhPath();
  try {
    const slow = await startTestServer({ wazuhPath, apiYaml: { intervals: { request_timeout: 0 }, logs: { format: 'plain,json' } } });
    try {
      // The token comes from the security module itself: over HTTP, login is bounded by the deadline too.
      const slowToken = await (slow.api.services.security as SecurityService).login('wazuh', 'wazuh');
      const res = await slow.request('GET', '/', { token: slowToken });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        title: 'Wazuh Internal Error',
        detail: 'Timeout executing API request',
        dapi_errors: { node01: { error: 'Timeout executing API request', logfile: join(wazuhPath, 'logs', 'api.log') } },
        error: 3021,
      });
      const loginRoute = routes.find((route) => route.operationId === 'login_user');
      if (loginRoute && findHandler(loginRoute)) {
        const login = await slow.request('POST', '/security/user/authenticate', { basic: { username: 'wazuh', password: 'wazuh' } });
        expect([login.status, (login.body as { error?: number }).error]).toEqual([500, 3021]);
      }
    } finally {
      await slow.close();
    }
    expect(readFileSync(join(wazuhPath, 'logs', 'api.log'), 'utf8')).toMatch(/ERROR: Timeout executing API request \(GET \/\)/);
    const json = readFileSync(join(wazuhPath, 'logs', 'api.json'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(json).toContainEqual({
      timestamp: expect.any(String),
      levelname: 'ERROR',
      data: { type: 'error', payload: 'Timeout executing API request (GET /)' },
    });
  } finally {
    rmSync(wazuhPath, { recursive: true, force: true });
  }
});

it('lists the operations without a handler (they would answer 501): none are left', async () => {
  const missing = routes.filter((route) => !findHandler(route));
  console.log(
    `${missing.length} of ${routes.length} operations have no handler yet:\n` +
      missing.map((route) => `  ${route.method.toUpperCase()} ${route.path} (${route.operationId}, handlers/${route.handlerModule}.ts)`).join('\n'),
  );
  // Every in-scope operation has its handler now: a new operation in spec.yaml without one fails here.
  expect(missing.map((route) => route.operationId)).toEqual([]);
});
