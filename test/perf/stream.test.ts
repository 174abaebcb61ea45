/**
 * Long lists are streamed when responses are not validated (production): the bytes must be those of the whole
 * body, which the second API on the same install (response validation on, so never streamed) sends in one piece.
 */
import { request } from 'node:http';
import { seedFleet } from '../../scripts/seed';
import { makeWazuhPath, startTestServer, type TestServer } from '../helpers/server';

describe('streamed lists', () => {
  let streaming: TestServer;
  let whole: TestServer;
  let token: string;

  beforeAll(async () => {
    const root = makeWazuhPath();
    seedFleet(root, { agents: 3000, seed: 5 });
    streaming = await startTestServer({ daemons: true, wazuhPath: root, start: { validateResponses: false } });
    // The same install, through the daemons the first API started.
    whole = await startTestServer({ wazuhPath: root });
    token = await streaming.login();
  });
  afterAll(async () => {
    await whole.close();
    await streaming.close();
  });

  it('sends the bytes of the whole body, in chunks', async () => {
    const query = { limit: 2500, offset: 100, sort: '-name' };
    const streamed = await streaming.request('GET', '/agents', { token, query });
    const complete = await whole.request('GET', '/agents', { token, query });
    expect(streamed.status).toBe(200);
    expect(streamed.headers['transfer-encoding']).toBe('chunked');
    expect(streamed.headers['content-length']).toBeUndefined();
    expect(streamed.headers['content-type']).toMatch(/^application\/json/);
    expect(complete.headers['content-length']).toBe(String(Buffer.byteLength(complete.text)));
    expect(streamed.text).toBe(complete.text);
    const body = streamed.body as { data: { affected_items: unknown[]; total_affected_items: number } };
    expect(body.data.affected_items).toHaveLength(2500);
    expect(body.data.total_affected_items).toBe(3001);
  });

  it('writes listings read page by page with the bytes of the whole body', async () => {
    const cases: Array<[string, Record<string, string | number>]> = [
      ['/agents', { limit: 3001 }],
      ['/agents', { limit: 2600, offset: 7, select: 'name,status,os.platform' }],
      ['/agents', { limit: 100000, q: 'id>10' }],
      ['/groups/default/agents', { limit: 2500 }],
    ];
    for (const [path, query] of cases) {
      const streamed = await streaming.request('GET', path, { token, query });
      const complete = await whole.request('GET', path, { token, query });
      expect(streamed.status).toBe(200);
      expect(streamed.headers['transfer-encoding']).toBe('chunked');
      expect(complete.headers['content-length']).toBe(String(Buffer.byteLength(complete.text)));
      expect(streamed.text).toBe(complete.text);
    }
    const count = (answer: { body: unknown }) => (answer.body as { data: { affected_items: unknown[] } }).data.affected_items.length;
    expect(count(await streaming.request('GET', '/agents', { token, query: { limit: 100000, q: 'id>10' } }))).toBe(2990); // agents 011..3000
  });

  it('keeps short lists and pretty bodies in one piece', async () => {
    const short = await streaming.request('GET', '/agents', { token, query: { limit: 1999 } });
    expect(short.headers['content-length']).toBe(String(Buffer.byteLength(short.text)));
    const pretty = await streaming.request('GET', '/agents', { token, query: { limit: 2500, pretty: true } });
    expect(pretty.headers['content-length']).toBe(String(Buffer.byteLength(pretty.text)));
    expect(pretty.text).toBe(JSON.stringify(pretty.body, null, 3));
  });

  it('stops writing when the client goes away, and keeps serving', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = request(`${streaming.baseUrl}/agents?limit=3001`, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve() : reject(error)));
      req.end();
    });
    const after = await streaming.request('GET', '/agents', { token, query: { limit: 3001, select: 'name' } });
    expect(after.status).toBe(200);
    expect((after.body as { data: { affected_items: unknown[] } }).data.affected_items).toHaveLength(3001);
  });
});
