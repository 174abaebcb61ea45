/**
 * Latency of the agent endpoints for one client, on a seeded fleet:
 *
 *   npx tsx bench/scenarios/agents-bench.ts --agents 10000 [--runs 30] [--json out.json]
 *
 * The API and its embedded daemons run in a child process (so the measuring client does not share their event
 * loop); requests are sent one at a time and each scenario reports the median, 90th and 99th percentile of its
 * latencies, the requests per second of that one client, and the API process's RSS afterwards. The fleet comes from `scripts/seed.ts`; for the restart
 * scenario a block of 10 000 active agents is put in a group `bench10k` before the daemons start, and
 * `PUT /agents/group/bench10k/restart` restarts them (10 000 ids do not fit in a URL's `agents_list`).
 *
 * `npm run bench` runs the same scenarios through `startAgentServer` and `measureOneClient`, beside its baseline.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface AgentScenario {
  name: string;
  server: 'api';
  needsToken: true;
  request(ctx: { baseUrl: string; token?: string }): { method?: 'GET' | 'PUT'; path: string; headers?: Record<string, string> };
  expectStatus: number;
  /** Requests per run of this file (slow scenarios run fewer times). */
  runs?: number;
}

const auth = (token?: string) => ({ Authorization: `Bearer ${token}` });
const get = (name: string, path: string, runs?: number): AgentScenario => ({
  name,
  server: 'api',
  needsToken: true,
  request: ({ token }) => ({ path, headers: auth(token) }),
  expectStatus: 200,
  runs,
});

export const AGENT_SCENARIOS: AgentScenario[] = [
  get('GET /agents?limit=500', '/agents?limit=500'),
  get('GET /agents?limit=500 q', '/agents?limit=500&q=status%3Dactive%3Bos.platform%3Dubuntu'),
  get('GET /agents?limit=500 sort', '/agents?limit=500&sort=-name'),
  get('GET /agents?limit=500 select', '/agents?limit=500&select=name,status,os.platform,version'),
  get('GET /agents?limit=500 q+sort+select', '/agents?limit=500&q=status%3Dactive&sort=-name&select=name,status,os.platform'),
  get('GET /agents?limit=100000', '/agents?limit=100000', 3),
  get('GET /agents/summary/status', '/agents/summary/status'),
  get('GET /agents/summary/os', '/agents/summary/os'),
  get('GET /overview/agents', '/overview/agents', 10),
  {
    name: 'PUT /agents/group/bench10k/restart (10k agents)',
    server: 'api',
    needsToken: true,
    request: ({ token }) => ({ method: 'PUT', path: '/agents/group/bench10k/restart', headers: auth(token) }),
    expectStatus: 200,
    runs: 3,
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Child: seeded install, API with daemons.

/** Seeds in a process of its own, so the API process's memory is only the API's. */
export function seed(agents: number): { wazuhPath: string; seedMs: number } {
  const wazuhPath = mkdtempSync('/tmp/wb');
  mkdirSync(join(wazuhPath, 'api', 'configuration'), { recursive: true });
  writeFileSync(
    join(wazuhPath, 'api', 'configuration', 'api.yaml'),
    'host: [127.0.0.1]\nport: 0\nhttps:\n  enabled: no\naccess:\n  max_request_per_minute: 0\nintervals:\n  request_timeout: 60\n',
  );
  const started = Date.now();
  execFileSync(process.execPath, [...process.execArgv, join(__dirname, '..', '..', 'scripts', 'seed.ts'), '--agents', String(agents), '--wazuh-path', wazuhPath], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  markBenchGroup(wazuhPath, Math.min(10_000, agents));
  return { wazuhPath, seedMs: Date.now() - started };
}

async function serve(wazuhPath: string): Promise<void> {
  const { startApi } = await import('../../src/app.js');
  const api = await startApi({ wazuhPath, ui: false, validateResponses: false, daemons: true });
  // A token straight from the security module, for builds where the login route is not served yet.
  const security = api.services.security as unknown as { login?: (user: string, password: string) => Promise<string> };
  const token = security.login ? await security.login('wazuh', 'wazuh').catch(() => undefined) : undefined;
  process.on('message', (message: { type: string }) => {
    if (message.type === 'rss') process.send?.({ type: 'rss', rss: process.memoryUsage().rss });
    if (message.type === 'stop') {
      void api.close().then(() => {
        rmSync(wazuhPath, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  process.send?.({ type: 'ready', port: api.port, token });
}

/** Puts agents 1..count in group `bench10k` and makes them active, straight in global.db (daemons not running). */
function markBenchGroup(wazuhPath: string, count: number): void {
  mkdirSync(join(wazuhPath, 'etc', 'shared', 'bench10k'), { recursive: true });
  writeFileSync(join(wazuhPath, 'etc', 'shared', 'bench10k', 'agent.conf'), '<agent_config/>\n');
  const db = new Database(join(wazuhPath, 'queue', 'db', 'global.db'));
  try {
    db.prepare('INSERT OR IGNORE INTO `group` (name) VALUES (?)').run('bench10k');
    const group = (db.prepare('SELECT id FROM `group` WHERE name = ?').get('bench10k') as { id: number }).id;
    db.transaction(() => {
      db.prepare("UPDATE agent SET connection_status = 'active', version = 'Wazuh v4.14.4', `group` = `group` || ',bench10k' WHERE id BETWEEN 1 AND ?").run(count);
      db.prepare('INSERT OR IGNORE INTO belongs (id_agent, id_group, priority) SELECT id, ?, 99 FROM agent WHERE id BETWEEN 1 AND ?').run(group, count);
    })();
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Parent: one client, sequential requests.

function once(baseUrl: string, spec: ReturnType<AgentScenario['request']>): Promise<{ status: number; ms: number; bytes: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${spec.path}`, { method: spec.method ?? 'GET', headers: spec.headers, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function ask<T>(child: ChildProcess, type: string, answer: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string } & T) => {
      if (message.type !== answer) return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    if (type) child.send({ type });
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p + 0.5))];
};

async function login(baseUrl: string, fallback?: string): Promise<string> {
  const res = await fetch(`${baseUrl}/security/user/authenticate`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('wazuh:wazuh').toString('base64')}` },
  });
  const body = (await res.json().catch(() => ({}))) as { data?: { token?: string } };
  const token = body.data?.token ?? fallback;
  if (!token) throw new Error(`login failed: ${res.status}`);
  return token;
}

export interface OneClientMeasure {
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  /** What one client sending requests back to back gets. */
  reqPerSec: number;
  /** Size of the last answer. */
  bytes: number;
}

/** Sends `count` requests one after the other (after one warm-up) and reports their latencies. */
export async function measureOneClient(
  baseUrl: string,
  spec: ReturnType<AgentScenario['request']>,
  count: number,
  expectStatus: number,
): Promise<OneClientMeasure> {
  await once(baseUrl, spec); // warm-up
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const result = await once(baseUrl, spec);
    if (result.status !== expectStatus) throw new Error(`${spec.method ?? 'GET'} ${spec.path}: status ${result.status}`);
    times.push(result.ms);
    bytes = result.bytes;
  }
  const mean = times.reduce((sum, ms) => sum + ms, 0) / times.length;
  return {
    requests: count,
    p50: percentile(times, 0.5),
    p90: percentile(times, 0.9),
    p99: percentile(times, 0.99),
    reqPerSec: 1000 / mean,
    bytes,
  };
}

export interface AgentServer {
  baseUrl: string;
  token: string;
  agents: number;
  seedMs: number;
  rssMb(): Promise<number>;
  stop(): void;
}

/** Seeds a fleet of `agents` and starts the API with its daemons over it, in a child process. */
export async function startAgentServer(agents: number): Promise<AgentServer> {
  const seeded = seed(agents);
  const child = fork(__filename, ['--serve', seeded.wazuhPath], { execArgv: process.execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ready = await ask<{ port: number; token?: string }>(child, '', 'ready');
  const baseUrl = `http://127.0.0.1:${ready.port}`;
  const token = await login(baseUrl, ready.token);
  return {
    baseUrl,
    token,
    agents,
    seedMs: seeded.seedMs,
    rssMb: async () => (await ask<{ rss: number }>(child, 'rss', 'rss')).rss / 1024 / 1024,
    stop: () => child.send({ type: 'stop' }),
  };
}

export interface BenchRow extends OneClientMeasure {
  scenario: string;
  rssMb: number;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const agents = Number(option('--agents', '10000'));
  const runs = Number(option('--runs', '30'));
  const jsonOut = option('--json', '');
  const server = await startAgentServer(agents);
  const rows: BenchRow[] = [];
  try {
    for (const scenario of AGENT_SCENARIOS) {
      const spec = scenario.request({ baseUrl: server.baseUrl, token: server.token });
      const measure = await measureOneClient(server.baseUrl, spec, Math.min(runs, scenario.runs ?? runs), scenario.expectStatus);
      rows.push({ scenario: scenario.name, ...measure, rssMb: await server.rssMb() });
      process.stderr.write(`${scenario.name}: median ${measure.p50.toFixed(1)} ms\n`);
    }
  } finally {
    server.stop();
  }
  console.log(`\n${agents} agents (seeded in ${server.seedMs} ms), one client, node ${process.version}\n`);
  const header = ['scenario', 'runs', 'median ms', 'p90 ms', 'p99 ms', 'req/s', 'KB', 'API RSS MB'];
  const lines = rows.map((row) => [
    row.scenario,
    String(row.requests),
    row.p50.toFixed(1),
    row.p90.toFixed(1),
    row.p99.toFixed(1),
    row.reqPerSec.toFixed(1),
    String(Math.round(row.bytes / 1024)),
    row.rssMb.toFixed(0),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  const format = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(format(header));
  for (const line of lines) console.log(format(line));
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ agents, rows }, null, 2));
}

// Only when run as a script: `bench/run.ts` imports this module, and its own server children see `--serve` too.
if (require.main === module) {
  const serveAt = process.argv.indexOf('--serve');
  if (serveAt >= 0) void serve(process.argv[serveAt + 1]);
  else {
    main().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  }
}
