/**
 * The real API on a throw-away WAZUH_PATH, for every test suite of the project:
 *
 *   const server = await startTestServer({ apiYaml: { access: { max_request_per_minute: 5 } } });
 *   const res = await server.request('GET', '/agents', { token: await server.login() });
 *   await server.close();
 *
 * It writes an api.yaml (plain HTTP on 127.0.0.1, an ephemeral port, the rate limit off unless asked, plus the
 * options given), starts the app with response validation on, and removes the directory on close. The embedded
 * daemons start only with `{ daemons: true }`.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { startApi, type RunningApi, type StartOptions } from '../../src/app';
import { SecurityService } from '../../src/rbac';
import { send, type RawRequest, type RawResponse } from './http';

export interface TestServerOptions {
  /** Options merged over the test defaults (a YAML text is written as is, without defaults). */
  apiYaml?: Record<string, unknown> | string;
  /** Start the embedded daemons (src/daemons). */
  daemons?: boolean;
  /** Reuse this WAZUH_PATH (e.g. to restart on the same files); it is then not deleted on close. */
  wazuhPath?: string;
  /** Serve Swagger UI (off by default in tests). */
  ui?: boolean;
  /** Any other start option (security override, node name...). */
  start?: Partial<StartOptions>;
}

export interface TestRequest {
  token?: string;
  query?: Record<string, string | number | boolean | Array<string | number>>;
  body?: RawRequest['body'];
  headers?: Record<string, string>;
  /** HTTP Basic credentials (the login routes). */
  basic?: { username: string; password: string };
  localAddress?: string;
}

export interface TestServer {
  baseUrl: string;
  wazuhPath: string;
  api: RunningApi;
  request(method: string, path: string, options?: TestRequest): Promise<RawResponse>;
  /** Logs in with HTTP Basic and returns the JWT (default user: `wazuh`). */
  login(user?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

const TEST_DEFAULTS = {
  host: ['127.0.0.1'],
  port: 0,
  https: { enabled: false },
  access: { max_request_per_minute: 0 },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = isObject(out[key]) && isObject(value) ? merge(out[key] as Record<string, unknown>, value) : value;
  }
  return out;
}

/** A short temporary WAZUH_PATH (Unix socket paths must stay under 107 bytes). */
export function makeWazuhPath(): string {
  return mkdtempSync(join(tmpdir().length < 20 ? tmpdir() : '/tmp', 'w'));
}

export function writeApiYaml(wazuhPath: string, apiYaml: Record<string, unknown> | string = {}): void {
  const dir = join(wazuhPath, 'api', 'configuration');
  mkdirSync(dir, { recursive: true });
  const text = typeof apiYaml === 'string' ? apiYaml : dump(merge(TEST_DEFAULTS, apiYaml));
  writeFileSync(join(dir, 'api.yaml'), text);
}

export function queryString(query: TestRequest['query'] = {}): string {
  const parts = Object.entries(query).map(
    ([name, value]) => `${encodeURIComponent(name)}=${(Array.isArray(value) ? value : [value]).map((v) => encodeURIComponent(String(v))).join(',')}`,
  );
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const owned = options.wazuhPath === undefined;
  const wazuhPath = options.wazuhPath ?? makeWazuhPath();
  writeApiYaml(wazuhPath, options.apiYaml);
  let api: RunningApi;
  try {
    api = await startApi({
      wazuhPath,
      validateResponses: true,
      ui: options.ui ?? false,
      daemons: options.daemons ?? false,
      shutdownGraceMs: 5_000,
      ...options.start,
    });
  } catch (error) {
    if (owned) rmSync(wazuhPath, { recursive: true, force: true });
    throw error;
  }
  const baseUrl = `${api.protocol}://127.0.0.1:${api.port}`;

  const request = (method: string, path: string, req: TestRequest = {}) => {
    const headers: Record<string, string> = { ...req.headers };
    if (req.token) headers.Authorization = `Bearer ${req.token}`;
    if (req.basic) headers.Authorization = `Basic ${Buffer.from(`${req.basic.username}:${req.basic.password}`).toString('base64')}`;
    return send(`${baseUrl}${path}${queryString(req.query)}`, { method, headers, body: req.body, localAddress: req.localAddress });
  };

  return {
    baseUrl,
    wazuhPath,
    api,
    request,
    async login(user = 'wazuh', password = 'wazuh') {
      const res = await request('POST', '/security/user/authenticate', { basic: { username: user, password } });
      if (res.status === 501 && api.services.security instanceof SecurityService) {
        // This build has no login handler yet: the real security module issues the token itself.
        return api.services.security.login(user, password);
      }
      const token = (res.body as { data?: { token?: string } })?.data?.token;
      if (res.status !== 200 || !token) throw new Error(`login as ${user} failed: ${res.status} ${res.text}`);
      return token;
    },
    async close() {
      await api.close();
      if (owned) rmSync(wazuhPath, { recursive: true, force: true });
    },
  };
}
