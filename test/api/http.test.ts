/**
 * What every client sees before any handler runs, over a real server: Wazuh's security headers (errors
 * included), the fixed 404/405/401 bodies, request validation answers, body limits (413/417), CORS,
 * X-Request-Id, and the unauthenticated spec and UI.
 */
import { load } from 'js-yaml';
import { request as httpRequest } from 'node:http';
import { send } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

const PROBLEM = 'application/problem+json; charset=utf-8';
const SECURITY_HEADERS = {
  server: 'Wazuh',
  'x-frame-options': 'deny',
  'x-xss-protection': '0',
  'x-content-type-options': 'nosniff',
  'content-security-policy': 'none',
  'referrer-policy': 'no-referrer, strict-origin-when-cross-origin',
  'cache-control': 'no-store',
};
const basic = { username: 'wazuh', password: 'not-checked-before-the-handler' };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    ui: true,
    apiYaml: {
      max_upload_size: 100,
      cors: {
        enabled: true,
        source_route: 'https://allowed.example',
        expose_headers: ['Test-expose', 'another-expose'],
        allow_headers: ['Content-type'],
        allow_credentials: true,
      },
    },
  });
});
afterAll(() => server.close());

describe('security headers', () => {
  it.each([
    ['GET', '/spec.json', 200],
    ['GET', '/no/such/path', 404],
    ['DELETE', '/', 405],
    ['GET', '/agents', 401],
  ])('are on %s %s (%i)', async (method, path, status) => {
    const res = await server.request(method, path);
    expect(res.status).toBe(status);
    expect(res.headers).toMatchObject(SECURITY_HEADERS);
    expect(res.headers['strict-transport-security']).toBeUndefined(); // HSTS only over HTTPS
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('fixed error bodies', () => {
  it('404 for an unknown path', async () => {
    const res = await server.request('GET', '/agentz');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe(PROBLEM);
    expect(res.text).toBe('{"title":"Not Found","detail":"404: Not Found"}');
  });

  it('404 is case sensitive, like Wazuh', async () => {
    expect((await server.request('GET', '/AGENTS')).status).toBe(404);
  });

  it('405 for a known path with another method, with Allow', async () => {
    const res = await server.request('PATCH', '/agents');
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ title: 'Method Not Allowed', detail: '405: Method Not Allowed' });
    expect(String(res.headers.allow).split(', ').sort()).toEqual(['DELETE', 'GET', 'POST']);
  });

  it.each([
    [undefined, 'No authorization token provided'],
    ['Basic d2F6dWg6d2F6dWg=', 'No authorization token provided'],
    ['garbage', 'Invalid authorization header'],
    ['Bearer', 'Invalid authorization header'],
    ['Bearer not.a.token', 'Invalid token'],
  ])('401 for Authorization %j on a bearer route', async (authorization, detail) => {
    const res = await server.request('GET', '/agents', { headers: authorization ? { Authorization: authorization } : {} });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe(PROBLEM);
    expect(res.body).toEqual({ title: 'Unauthorized', detail });
  });

  it('401 on the login route without Basic credentials', async () => {
    const res = await server.request('POST', '/security/user/authenticate', { token: 'abc' });
    expect(res.body).toEqual({ title: 'Unauthorized', detail: 'No authorization token provided' });
    const bad = await server.request('POST', '/security/user/authenticate', { headers: { Authorization: 'Basic bm9jb2xvbg==' } });
    expect(bad.body).toEqual({ title: 'Unauthorized', detail: 'Invalid authorization header' });
  });
});

describe('request validation (on the Basic-authenticated login routes)', () => {
  it('names the wrong value and the type', async () => {
    const res = await server.request('POST', '/security/user/authenticate', { basic, query: { raw: 'maybe' } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM);
    expect(res.body).toEqual({ title: 'Bad Request', detail: "'maybe' is not of type 'boolean'" });
  });

  it('lists every unknown query parameter', async () => {
    const res = await server.request('POST', '/security/user/authenticate', { basic, query: { foo: 1, bar: 2 } });
    expect(res.body).toEqual({ title: 'Bad Request', detail: 'Extra query parameter(s) foo,bar not in spec' });
  });

  it('refuses a JSON body that does not parse, and a body of the wrong shape', async () => {
    const broken = await server.request('POST', '/security/user/authenticate/run_as', {
      basic,
      body: '{"a":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect((broken.body as { title: string }).title).toBe('Bad Request');
    const array = await server.request('POST', '/security/user/authenticate/run_as', { basic, body: [1] });
    expect(array.body).toEqual({ title: 'Bad Request', detail: "[1] is not of type 'object'" });
  });

  it('answers 406 / 6002 to a body of another content type', async () => {
    const res = await server.request('POST', '/security/user/authenticate/run_as', {
      basic,
      body: '<a/>',
      headers: { 'Content-Type': 'application/xml' },
    });
    expect(res.status).toBe(406);
    expect(res.body).toEqual({
      title: 'Not Acceptable',
      detail: 'The body type is not the one specified in the content-type',
      error: 6002,
    });
  });
});

describe('request bodies', () => {
  it('refuses a declared Content-Length over max_upload_size before reading it', async () => {
    const res = await server.request('POST', '/security/user/authenticate/run_as', { basic, body: { padding: 'x'.repeat(200) } });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toBe(PROBLEM);
    expect(res.body).toEqual({ title: 'Content size exceeded.', detail: 'Maximum content size limit (100) exceeded (214 bytes read)' });
    expect(res.headers.connection).toBe('close');
  });

  it('cuts a streamed (chunked) body off at max_upload_size', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${server.baseUrl}/security/user/authenticate/run_as`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Basic d2F6dWg6eA==', 'Transfer-Encoding': 'chunked' },
      });
      req.on('response', (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{"padding":"');
      const timer = setInterval(() => req.write('x'.repeat(40)), 5);
      req.on('close', () => clearInterval(timer));
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).detail).toMatch(/^Maximum content size limit \(100\) exceeded \(\d+ bytes read\)$/);
  });

  it('lets a body under the limit through', async () => {
    const res = await server.request('POST', '/security/user/authenticate/run_as', { basic, body: { a: 1 } });
    expect(res.status).not.toBe(413);
  });

  it('answers 417 to an Expect other than 100-continue, and to 100-continue over the limit', async () => {
    const unknown = await server.request('GET', '/', { headers: { Expect: 'something-else' } });
    expect(unknown.status).toBe(417);
    expect(unknown.body).toEqual({ title: 'Expectation failed', detail: 'Unknown Expect' });
    const big = await send(`${server.baseUrl}/security/user/authenticate/run_as`, {
      method: 'POST',
      headers: { Expect: '100-continue', 'Content-Type': 'application/json', 'Content-Length': 5000 },
    });
    expect(big.status).toBe(417);
    expect(big.body).toEqual({ title: 'Expectation failed', detail: 'Maximum content size limit (100) exceeded (5000 bytes read)' });
  });
});

describe('X-Request-Id', () => {
  it('echoes a plain incoming id and creates one otherwise', async () => {
    const echoed = await server.request('GET', '/', { headers: { 'X-Request-Id': 'trace-42.a:b' } });
    expect(echoed.headers['x-request-id']).toBe('trace-42.a:b');
    const made = await server.request('GET', '/');
    const other = await server.request('GET', '/', { headers: { 'X-Request-Id': 'bad id with spaces' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(other.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(other.headers['x-request-id']).not.toBe(made.headers['x-request-id']);
  });
});

describe('CORS', () => {
  it('answers an allowed origin with the configured headers', async () => {
    const res = await server.request('GET', '/spec.json', { headers: { Origin: 'https://allowed.example' } });
    expect(res.headers['access-control-allow-origin']).toBe('https://allowed.example');
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-expose-headers']).toBe('Test-expose, another-expose');
  });

  it('gives nothing to another origin', async () => {
    const res = await server.request('GET', '/spec.json', { headers: { Origin: 'https://other.example' } });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight', async () => {
    const res = await server.request('OPTIONS', '/agents', {
      headers: { Origin: 'https://allowed.example', 'Access-Control-Request-Method': 'DELETE' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-methods']).toContain('DELETE');
    expect(res.headers['access-control-allow-headers']).toBe('Content-type');
  });
});

describe('the contract and its UI', () => {
  it('serves the spec as JSON and YAML without authentication', async () => {
    const json = await server.request('GET', '/spec.json');
    const yaml = await server.request('GET', '/spec.yaml');
    expect(json.status).toBe(200);
    expect(yaml.status).toBe(200);
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    expect(load(yaml.text)).toEqual(json.body);
    expect((json.body as { info: { title: string } }).info.title).toBe('Wazuh API REST');
  });

  it('serves Swagger UI from local assets', async () => {
    const page = await send(`${server.baseUrl}/ui/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const bundle = await send(`${server.baseUrl}/ui/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    const init = await send(`${server.baseUrl}/ui/swagger-ui-init.js`);
    expect(init.text).toContain('/spec.json');
  });

  it('has no UI when switched off', async () => {
    const off = await startTestServer({ ui: false });
    try {
      expect((await off.request('GET', '/ui/')).status).toBe(404);
      expect((await off.request('GET', '/spec.json')).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});
