/**
 * The success and error schemas of spec.yaml must admit what a real Wazuh 4.14 manager sends. Each fixture below is
 * a reply shaped exactly as Wazuh produces it (dates with `+00:00`, `error` 0/1/2 at the top, failed items grouped
 * by error, Windows owners in FIM data...). A real HTTP server validates every reply with express-openapi-validator,
 * the way the project's server does in its tests; a reply that the spec rejects comes back as a 500.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as OpenApiValidator from 'express-openapi-validator';
import { wazuhFormats } from '../../src/api/formats';

interface Fixture {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  status?: number;
  type?: string;
  body: unknown;
}

const failedInactive = {
  error: {
    code: 1707,
    message: 'Cannot send request, agent is not active',
    remediation: 'Please, check non-active agents connection and try again.',
  },
  id: ['002'],
};

const agent = {
  id: '001',
  name: 'web01',
  ip: '10.0.0.5',
  registerIP: 'any',
  status: 'active',
  status_code: 0,
  dateAdd: '2025-06-24T22:13:27+00:00',
  lastKeepAlive: '2025-06-25T08:01:10+00:00',
  version: 'Wazuh v4.14.4',
  manager: 'wazuh-manager',
  node_name: 'node01',
  group: ['default', 'web'],
  group_config_status: 'synced',
  configSum: 'ab73af41699f13fdd81903b5f23d8d00',
  mergedSum: 'f8d49771911ed9d5c45b03a40babd065',
  os: { arch: 'x86_64', codename: 'Jammy Jellyfish', major: '22', minor: '04', name: 'Ubuntu', platform: 'ubuntu', uname: 'Linux |web01 |5.15.0 |#1 SMP |x86_64', version: '22.04.4 LTS' },
};

const ACCEPTED: Fixture[] = [
  {
    method: 'GET',
    url: '/',
    body: { data: { title: 'Wazuh API REST', api_version: '4.14.4', revision: '41400', license_name: 'GPL 2.0', license_url: 'https://github.com/wazuh/wazuh/blob/v4.14.4/LICENSE', hostname: 'wazuh-manager', timestamp: '2025-06-25T08:01:10Z' }, error: 0 },
  },
  {
    method: 'GET',
    url: '/agents?select=name,status&sort=-name&q=status=active',
    body: { data: { affected_items: [{ id: '001', status: 'active', name: 'web01' }, { id: '000', status: 'active', name: 'wazuh-manager' }], total_affected_items: 2, total_failed_items: 0, failed_items: [] }, message: 'All selected agents information was returned', error: 0 },
  },
  {
    method: 'GET',
    url: '/agents?limit=1',
    body: { data: { affected_items: [{ ...agent, id: '000', lastKeepAlive: '9999-12-31T23:59:59+00:00' }], total_affected_items: 3, total_failed_items: 0, failed_items: [] }, message: 'All selected agents information was returned', error: 0 },
  },
  {
    method: 'DELETE',
    url: '/syscheck/002',
    body: { data: { affected_items: [], total_affected_items: 0, total_failed_items: 1, failed_items: [{ error: { code: 1760, message: "Feature only available for older agent versions, it doesn't apply for more recent ones.: Agent version should be < v3.12.0." }, id: ['002'] }] }, message: 'No syscheck database was cleared', error: 1 },
  },
  {
    method: 'PUT',
    url: '/agents/restart?agents_list=001,002',
    body: { data: { affected_items: ['001'], total_affected_items: 1, total_failed_items: 1, failed_items: [failedInactive] }, message: 'Restart command was not sent to some agents', error: 2 },
  },
  {
    method: 'POST',
    url: '/security/user/authenticate',
    body: { data: { token: 'eyJhbGciOiJFUzUxMiJ9.eyJpc3MiOiJ3YXp1aCJ9.c2ln' }, error: 0 },
  },
  {
    method: 'POST',
    url: '/security/user/authenticate?raw=true',
    type: 'text/plain',
    body: 'eyJhbGciOiJFUzUxMiJ9.eyJpc3MiOiJ3YXp1aCJ9.c2ln',
  },
  {
    method: 'POST',
    url: '/security/user/authenticate/run_as',
    body: { data: { token: 'eyJhbGciOiJFUzUxMiJ9.eyJydW5fYXMiOnRydWV9.c2ln' }, error: 0 },
  },
  { method: 'POST', url: '/groups', body: { message: "Group 'webservers' created.", error: 0 } },
  { method: 'POST', url: '/agents', body: { data: { id: '004', key: 'MDA0IG5ldzAxIGFueSBhYmNkZWY=' }, error: 0 } },
  {
    method: 'GET',
    url: '/agents/summary/status',
    body: { data: { connection: { active: 1, disconnected: 1, never_connected: 1, pending: 0, total: 3 }, configuration: { synced: 1, not_synced: 2, total: 3 } }, error: 0 },
  },
  {
    method: 'GET',
    url: '/security/users',
    body: { data: { affected_items: [{ id: 1, username: 'wazuh', allow_run_as: true, roles: [1] }, { id: 100, username: 'ops', allow_run_as: false, roles: [] }], total_affected_items: 2, total_failed_items: 0, failed_items: [] }, message: 'All specified users were returned', error: 0 },
  },
  {
    method: 'DELETE',
    url: '/security/roles?role_ids=1,100',
    body: { data: { affected_items: [{ id: 100, name: 'ops', policies: [], users: [], rules: [] }], total_affected_items: 1, total_failed_items: 1, failed_items: [{ error: { code: 4008, message: "The specified resource is required for a correct Wazuh's functionality" }, id: [1] }] }, message: 'Some roles were not deleted', error: 2 },
  },
  {
    method: 'PUT',
    url: '/security/rules/100',
    body: { data: { affected_items: [{ id: 100, name: 'ops-rule', rule: { FIND: { user_name: 'ops' } }, roles: [100] }], total_affected_items: 1, total_failed_items: 0, failed_items: [] }, message: 'Security rule was successfully updated', error: 0 },
  },
  {
    method: 'GET',
    url: '/manager/status',
    body: { data: { affected_items: [{ 'wazuh-agentlessd': 'stopped', 'wazuh-analysisd': 'running', 'wazuh-authd': 'failed', 'wazuh-db': 'restarting', 'wazuh-modulesd': 'starting' }], total_affected_items: 1, total_failed_items: 0, failed_items: [] }, message: 'Processes status was successfully read', error: 0 },
  },
  {
    method: 'GET',
    url: '/syscheck/001',
    body: { data: { affected_items: [{ file: 'c:\\windows\\system32\\drivers\\etc\\hosts', type: 'file', changes: 1, size: 824, inode: 5_000_000_000, uid: 'S-1-5-32-544', gid: '', uname: 'NT AUTHORITY\\SYSTEM', gname: '', perm: '{"S-1-5-32-544": {"name": "Administrators", "allowed": ["full_control"]}}', md5: 'd41d8cd98f00b204e9800998ecf8427e', sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709', sha256: '', date: '2025-06-24T22:13:27+00:00', mtime: '2024-01-02T03:04:05+00:00' }], total_affected_items: 1, total_failed_items: 0, failed_items: [] }, message: 'FIM findings of the agent were returned', error: 0 },
  },
  {
    method: 'GET',
    url: '/syscheck/001/last_scan',
    body: { data: { affected_items: [{ start: null, end: null }], total_affected_items: 1, total_failed_items: 0, failed_items: [] }, message: 'FIM scan info was returned', error: 0 },
  },
  {
    method: 'GET',
    url: '/manager/daemons/stats?daemons_list=wazuh-remoted',
    body: { data: { affected_items: [{ uptime: '2025-06-24T22:13:27+00:00', timestamp: '2025-06-25T08:01:10+00:00', name: 'wazuh-remoted', metrics: { bytes: { received: 9_876_543_210, sent: 3_000_000_000 }, keys_reload_count: 4 } }], total_affected_items: 1, total_failed_items: 0, failed_items: [] }, message: 'Statistical information for each daemon was successfully read', error: 0 },
  },
  {
    method: 'PUT',
    url: '/manager/restart',
    status: 202,
    body: { data: { affected_items: ['node01'], total_affected_items: 1, total_failed_items: 0, failed_items: [] }, message: 'Restart request sent to  all specified nodes', error: 0 },
  },
  { method: 'GET', url: '/cluster/status', body: { data: { enabled: 'no', running: 'no' }, error: 0 } },
  {
    method: 'GET',
    url: '/manager/configuration?raw=true',
    type: 'application/xml; charset=utf-8',
    body: '<ossec_config><global><jsonout_output>yes</jsonout_output></global></ossec_config>',
  },
  {
    method: 'DELETE',
    url: '/agents/999/group/web',
    status: 404,
    type: 'application/problem+json; charset=utf-8',
    body: { title: 'Resource Not Found', detail: 'Agent does not exist', remediation: 'Please, use `GET /agents?select=id,name` to find all available agents', dapi_errors: { node01: { error: 'Agent does not exist' } }, error: 1701 },
  },
  {
    method: 'GET',
    url: '/agents/001/key',
    status: 403,
    type: 'application/problem+json; charset=utf-8',
    body: { title: 'Permission Denied', detail: 'Permission denied: Resource type: agent:id', dapi_errors: { 'unknown-node': { error: 'Permission denied: Resource type: agent:id' } }, error: 4000 },
  },
];

/** Shapes that must be refused, so that the checks above cannot pass by accident. */
const REJECTED: Fixture[] = [
  // The run_as reply as Wazuh's own spec documents it: the token is in `data`, and `error` is at the top.
  { method: 'POST', url: '/security/user/authenticate/run_as', body: { token: 'abc' } },
  { method: 'POST', url: '/security/user/authenticate', body: { data: { token: 'abc' } } },
  { method: 'PUT', url: '/agents/restart', body: { data: { affected_items: ['001'], total_affected_items: 1, total_failed_items: 0, failed_items: [] }, error: 3 } },
  { method: 'PUT', url: '/agents/restart', body: { data: { affected_items: ['001'], total_affected_items: 1, total_failed_items: 1, failed_items: [{ error: 'agent is not active', id: ['002'] }] }, error: 2 } },
  { method: 'GET', url: '/agents', body: { data: { affected_items: [], failed_items: [] }, error: 0 } },
  // `GET /manager/status` lists the daemons inside `affected_items`, not directly under `data`.
  { method: 'GET', url: '/manager/status', body: { data: { 'wazuh-db': 'running' }, error: 0 } },
];

const byRoute = new Map<string, Fixture>();
let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  app.use(
    OpenApiValidator.middleware({
      apiSpec: join(__dirname, '..', '..', 'spec.yaml'),
      validateRequests: false,
      validateResponses: true,
      validateSecurity: false,
      // Wazuh's formats, as the server registers them.
      formats: wazuhFormats(mkdtempSync(join(tmpdir(), 'spec-'))),
    }),
  );
  app.use((req, res) => {
    const fixture = byRoute.get(`${req.method} ${req.originalUrl}`);
    if (!fixture) return void res.status(418).end();
    res.status(fixture.status ?? 200);
    if (fixture.type) res.type(fixture.type);
    if (typeof fixture.body === 'string') res.send(fixture.body);
    else res.json(fixture.body);
  });
  app.use((err: { status?: number; message: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(err.status ?? 500).json({ validation: err.message });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function send(fixture: Fixture): Promise<{ status: number; text: string }> {
  byRoute.set(`${fixture.method} ${fixture.url}`, fixture);
  const res = await fetch(base + fixture.url, { method: fixture.method });
  return { status: res.status, text: await res.text() };
}

describe('response schemas', () => {
  it.each(ACCEPTED.map((f) => [`${f.method} ${f.url} ${f.status ?? 200}`, f] as const))('admit %s', async (_name, fixture) => {
    const res = await send(fixture);
    expect({ status: res.status, text: res.text.slice(0, 300) }).toEqual({
      status: fixture.status ?? 200,
      text: expect.not.stringContaining('"validation"'),
    });
  });

  it.each(REJECTED.map((f, i) => [i, f] as const))('refuse malformed reply #%s', async (_i, fixture) => {
    const res = await send(fixture);
    expect(res.status).toBe(500);
    expect(res.text).toContain('/response');
  });
});
