/**
 * Graceful shutdown: new connections are refused at once, a request in flight still gets its answer (and its
 * access-log line), idle keep-alive connections do not hold the shutdown, and a request that never ends is cut
 * off after the grace period.
 */
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWazuhPath, startTestServer } from '../helpers/server';
import { rmSync } from 'node:fs';

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/**
 * Starts a POST with `Expect: 100-continue`: the server's 100 Continue proves the request is being served (its
 * body is awaited). Returns a function sending the body, and the answer.
 */
function slowPost(baseUrl: string) {
  let answered!: (value: { status: number; body: string }) => void;
  const answer = new Promise<{ status: number; body: string }>((resolve) => (answered = resolve));
  const req = httpRequest(`${baseUrl}/security/user/authenticate/run_as`, {
    method: 'POST',
    agent: false,
    headers: { 'Content-Type': 'application/json', 'Content-Length': 8, Authorization: 'Basic d2F6dWg6eA==', Expect: '100-continue' },
  });
  const continued = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  req.on('response', (res) => {
    let body = '';
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => answered({ status: res.statusCode ?? 0, body }));
  });
  const failed = new Promise<Error>((resolve) => req.on('error', resolve));
  req.flushHeaders();
  return { finish: () => req.end('{"a":12}'), continued, answer, failed };
}

let wazuhPath: string;
beforeEach(() => {
  wazuhPath = makeWazuhPath();
});
afterEach(() => rmSync(wazuhPath, { recursive: true, force: true }));

it('lets the request in flight finish, refuses new connections and drains the log', async () => {
  const server = await startTestServer({ wazuhPath });
  const port = server.api.port;
  // An idle keep-alive connection must not delay the shutdown.
  const agent = new Agent({ keepAlive: true });
  await new Promise<void>((resolve) => httpRequest(`${server.baseUrl}/`, { agent }, (res) => res.resume().on('end', resolve)).end());

  const inFlight = slowPost(server.baseUrl);
  await inFlight.continued;
  const started = Date.now();
  const closing = server.api.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await connectionRefused(port)).toBe(true);

  inFlight.finish();
  const answer = await inFlight.answer;
  expect(answer.status).toBeGreaterThanOrEqual(200); // served to the end: a real HTTP answer, not a cut connection
  await closing;
  expect(Date.now() - started).toBeLessThan(3_000);
  agent.destroy();

  const log = readFileSync(join(wazuhPath, 'logs', 'api.log'), 'utf8');
  expect(log).toContain(`"POST /security/user/authenticate/run_as" with parameters {} and body {"a":12} done in`);
  expect(log).toMatch(new RegExp(`and body \\{"a":12\\} done in [\\d.]+s: ${answer.status}\n`));
});

it('cuts off a request that outlives the grace period', async () => {
  const server = await startTestServer({ wazuhPath, start: { shutdownGraceMs: 300 } });
  const stuck = slowPost(server.baseUrl);
  await stuck.continued;
  const started = Date.now();
  await server.api.close();
  const elapsed = Date.now() - started;
  expect(elapsed).toBeGreaterThanOrEqual(250);
  expect(elapsed).toBeLessThan(2_000);
  expect((await stuck.failed).message).toMatch(/socket hang up|ECONNRESET/);
});
