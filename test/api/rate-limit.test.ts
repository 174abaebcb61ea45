/**
 * `access.max_request_per_minute` per client address (not one global counter as in Wazuh), Wazuh's 429 bodies,
 * Retry-After, the separate `/events` limit, and bounded memory for tracked clients.
 */
import { FixedWindowCounter } from '../../src/api/middlewares/rate-limit';
import { startTestServer, type TestServer } from '../helpers/server';

const LIMIT = 40;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ apiYaml: { access: { max_request_per_minute: LIMIT } } });
});
afterAll(() => server.close());

async function burst(count: number, localAddress: string, method = 'GET', path = '/') {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await server.request(method, path, { localAddress })).status);
  return statuses;
}

it('limits each client address on its own, with Wazuh 429 body and a Retry-After', async () => {
  const first = await burst(LIMIT, '127.0.0.1');
  expect(first.every((status) => status === 401)).toBe(true); // counted even when unauthenticated

  const refused = await server.request('GET', '/', { localAddress: '127.0.0.1' });
  expect(refused.status).toBe(429);
  expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(refused.body).toEqual({
    title: 'Too Many Requests',
    detail: 'Maximum number of requests per minute reached',
    remediation:
      'This limit can be changed in api.yaml file. More information here: https://documentation.wazuh.com/4.14/user-manual/api/configuration.html#configuration-file',
    error: 6001,
  });
  const retryAfter = Number(refused.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(refused.headers['x-frame-options']).toBe('deny');

  // Another client is not affected by the first one's burst.
  const other = await server.request('GET', '/', { localAddress: '127.0.0.2' });
  expect(other.status).toBe(401);
});

it('limits POST /events to 30 a minute with 6005', async () => {
  const statuses = await burst(30, '127.0.0.3', 'POST', '/events');
  expect(statuses.every((status) => status === 401)).toBe(true);
  const refused = await server.request('POST', '/events', { localAddress: '127.0.0.3' });
  expect(refused.status).toBe(429);
  expect(refused.body).toEqual({ title: 'Too Many Requests', detail: 'Maximum number of requests per minute reached', error: 6005 });
  // Other endpoints stay open to that client.
  expect((await server.request('GET', '/', { localAddress: '127.0.0.3' })).status).toBe(401);
});

describe('FixedWindowCounter', () => {
  it('opens a new window 60 s after the first request of the previous one', () => {
    const counter = new FixedWindowCounter(2);
    expect(counter.hit('a', 0)).toBe(0);
    expect(counter.hit('a', 10_000)).toBe(0);
    expect(counter.hit('a', 20_000)).toBe(40); // seconds left in the window
    expect(counter.hit('a', 59_999)).toBe(1);
    expect(counter.hit('a', 60_000)).toBe(0);
  });

  it('keeps at most maxTracked clients, forgetting the oldest windows', () => {
    const counter = new FixedWindowCounter(1, 3);
    for (const key of ['a', 'b', 'c', 'd', 'e']) counter.hit(key, 0);
    expect(counter.tracked).toBe(3);
    expect(counter.hit('e', 1)).toBeGreaterThan(0); // recent clients are still counted
    expect(counter.hit('a', 1)).toBe(0); // the oldest was forgotten
  });
});
