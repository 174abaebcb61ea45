/**
 * Query strings as Wazuh clients write them must get through request validation: comma lists, the query language
 * with `=`, `;`, `,`, `!`, `(`, `)`, a `+` sort prefix, `[x64]`, `agent:id`, `GET /agents`... The server validates
 * with express-openapi-validator, which refuses reserved characters unless the parameter allows them.
 * The validator is the server's own (`specValidator`), Wazuh's custom formats included.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadSpec } from '../../src/api/spec';
import { specValidator } from '../../src/api/validator';

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(
    specValidator(loadSpec(), { wazuhPath: mkdtempSync(join(tmpdir(), 'spec-')), validateResponses: false }),
  );
  app.use((req, res) => void res.json({ query: req.query }));
  app.use((err: { status?: number; message: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(err.status ?? 500).json({ error: err.message });
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(path: string, method = 'GET'): Promise<{ status: number; body: { query?: Record<string, unknown>; error?: string } }> {
  const res = await fetch(base + path, { method });
  return { status: res.status, body: (await res.json()) as { query?: Record<string, unknown>; error?: string } };
}

describe('query strings written the Wazuh way', () => {
  it('splits comma lists and keeps the query language intact', async () => {
    const res = await get('/agents?agents_list=001,002&select=name,os.platform&status=active,disconnected&q=(status=active,status=pending);os.platform!=windows&sort=-name,id&search=web');
    expect(res).toEqual({
      status: 200,
      body: {
        query: expect.objectContaining({
          agents_list: ['001', '002'],
          select: ['name', 'os.platform'],
          status: ['active', 'disconnected'],
          q: '(status=active,status=pending);os.platform!=windows',
          sort: '-name,id',
          search: 'web',
        }),
      },
    });
  });

  it('accepts the repeated form of a list as well', async () => {
    const res = await get('/agents?agents_list=001&agents_list=002');
    expect(res.body.query?.agents_list).toEqual(['001', '002']);
  });

  it('lets an unencoded + in sort through as a space, and an encoded one as itself', async () => {
    expect((await get('/agents?sort=+name')).body.query?.sort).toBe(' name');
    expect((await get('/agents?sort=%2Bname')).body.query?.sort).toBe('+name');
  });

  it.each([
    ['/syscheck/001?arch=[x64]&file=c:\\windows\\hosts', 'arch', '[x64]'],
    ['/agents?group_config_status=not+synced', 'group_config_status', 'not synced'],
    ['/security/resources?resource=agent:id', 'resource', 'agent:id'],
    ['/security/actions?endpoint=GET%20/agents', 'endpoint', 'GET /agents'],
    ['/agents?ip=fe80::1&older_than=7d', 'ip', 'fe80::1'],
    ['/agents/upgrade?agents_list=001&wpk_repo=packages.example.com/4.x/wpk/', 'wpk_repo', 'packages.example.com/4.x/wpk/'],
  ])('accepts %s', async (path, name, value) => {
    const method = path.startsWith('/agents/upgrade') ? 'PUT' : 'GET';
    const res = await get(path, method);
    expect({ status: res.status, value: res.body.query?.[name], error: res.body.error }).toEqual({ status: 200, value, error: undefined });
  });

  it('still refuses what Wazuh refuses', async () => {
    expect((await get('/agents?limit=0')).status).toBe(400);
    expect((await get('/agents?status=sleeping')).status).toBe(400);
    expect((await get('/agents?unknown=1')).status).toBe(400);
    expect((await get('/agents', 'DELETE')).status).toBe(400); // agents_list and status are required
  });
});
