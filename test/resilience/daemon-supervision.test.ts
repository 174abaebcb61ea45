/**
 * The embedded daemons' child process dies under a running API: requests that need it fail fast with a Wazuh
 * error, the rest of the API keeps serving, and the supervisor brings the child back. Also: stopping the API
 * with SIGTERM leaves no daemon process behind.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeWazuhPath, startTestServer, writeApiYaml, type TestServer } from '../helpers/server';
import { eventually, waitFor } from '../helpers/async';

const ROOT = join(__dirname, '..', '..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in `var/run/wazuh-db-<pid>.pid` other than `except` (the daemon host's), if any. */
function daemonPid(wazuhPath: string, except?: number): number | undefined {
  for (const entry of readdirSync(join(wazuhPath, 'var', 'run'))) {
    const match = /^wazuh-db-(\d+)\.pid$/.exec(entry);
    if (match && Number(match[1]) !== except) return Number(match[1]);
  }
  return undefined;
}

/** Fails instead of hanging when `promise` takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('embedded daemons supervision', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  test('a killed daemon child fails requests fast, then is restarted', async () => {
    server = await startTestServer({ daemons: true });
    const token = await server.login();
    expect((await server.request('GET', '/agents', { token })).status).toBe(200);

    const pid = await waitFor(() => daemonPid(server.wazuhPath), 5_000, 'the wazuh-db pid file');
    expect(pid).not.toBe(process.pid);
    process.kill(pid, 'SIGKILL');
    // The child is this process's own: wait for it to be reaped (no zombie entry left in /proc).
    await waitFor(() => (alive(pid) ? undefined : true), 2_000, 'the killed child to be reaped');

    for (const path of ['/agents', '/manager/info']) {
      const started = Date.now();
      const res = await within(server.request('GET', path, { token }), 5_000, `GET ${path}`);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(res.status).toBe(500);
      const body = res.body as { title?: string; error?: number };
      expect(body.title).toBe('Wazuh Internal Error');
      expect([1017, 2005, 2010]).toContain(body.error);
    }
    const status = await server.request('GET', '/manager/status', { token });
    expect(status.status).toBe(200);
    const states = (status.body as { data: { affected_items: Array<Record<string, string>> } }).data.affected_items[0];
    expect(states['wazuh-db']).not.toBe('running');
    expect((await server.request('GET', '/', { token })).status).toBe(200);
    await server.login();

    const restarted = await waitFor(() => daemonPid(server.wazuhPath, pid), 10_000, 'a restarted daemon child');
    expect(alive(restarted)).toBe(true);
    const res = await waitFor(async () => {
      const answer = await within(server.request('GET', '/agents', { token }), 5_000, 'GET /agents');
      return answer.status === 200 ? answer : undefined;
    }, 10_000, 'GET /agents to work again');
    expect((res.body as { data: { total_affected_items: number } }).data.total_affected_items).toBeGreaterThanOrEqual(1);
    // The exit and the restart are in the API log (written asynchronously).
    const logged = () => readFileSync(join(server.wazuhPath, 'logs', 'api.log'), 'utf8');
    await waitFor(() => (/Embedded daemons restarted \(pid \d+\)/.test(logged()) ? true : undefined), 2_000, 'the restart log line');
    expect(logged()).toContain(`Embedded daemons (pid ${pid}) exited unexpectedly (code null, signal SIGKILL)`);
  }, 30_000);

  test('SIGTERM on the API stops the daemon child too', async () => {
    const wazuhPath = makeWazuhPath();
    writeApiYaml(wazuhPath);
    const api = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, WAZUH_PATH: wazuhPath, WAZUH_EMBEDDED_DAEMONS: 'on', WAZUH_API_UI: 'off' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let output = '';
      api.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      await waitFor(() => (output.includes('Listening on') ? true : undefined), 20_000, 'the API to listen');
      const child = daemonPid(wazuhPath);
      expect(child).toBeDefined();
      expect(child).not.toBe(api.pid);
      expect(alive(child!)).toBe(true);

      const exited = new Promise<number | null>((resolve) => api.once('exit', (code) => resolve(code)));
      api.kill('SIGTERM');
      expect(await exited).toBe(0);
      await eventually(() => expect(alive(child!)).toBe(false));
    } finally {
      if (api.exitCode === null && api.signalCode === null) api.kill('SIGKILL');
      rmSync(wazuhPath, { recursive: true, force: true });
    }
  }, 30_000);
});
