/**
 * `npm run bench`: load scenarios with autocannon on loopback, and the agent endpoints on a seeded fleet, side by
 * side with a baseline, in one table.
 *
 *   npm run bench                          load scenarios + agent scenarios on 10 000 agents
 *   npm run bench -- --agents 100000       agent scenarios on 100 000 agents (or BENCH_AGENTS=100000)
 *   npm run bench -- --only agents         agent scenarios only (`--only load`: load scenarios only)
 *
 * Each server runs in its own child process (this file, started with `--serve <kind>`; the seeded API is started
 * by `scenarios/agents-bench.ts`), so the load generator does not share an event loop with the server it
 * measures.
 *
 * Load rows (20 connections): each scenario runs `BENCH_RUNS` times (default 3) for `BENCH_SECONDS` (default 5)
 * after a warm-up; the table shows medians of req/s, p50 and p99 latency.
 * One-client rows: the agent scenarios, and the baseline again, sent one request at a time (`BENCH_REQUESTS`,
 * default 30, fewer for the slow ones); p50 and p99 of their latencies and that client's req/s.
 * In both, "vs baseline" is req/s divided by the baseline's req/s with the same number of clients, and RSS is
 * the server's after the runs.
 *
 * On a shared 2-core machine the load generator and the server compete for CPU: read the ratios, not the
 * absolute numbers. To add a scenario, append to SCENARIOS (it names the server it needs and builds its request
 * from the context: base URL and a token), or to AGENT_SCENARIOS for the seeded fleet.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_SCENARIOS, measureOneClient, startAgentServer } from './scenarios/agents-bench';
import { forgedTokenScenario, loginScenario } from './scenarios/login';
import { rbacGetScenario } from './scenarios/rbac-get';

type ServerKind = 'baseline' | 'api';

interface BenchContext {
  baseUrl: string;
  token?: string;
}

interface Scenario {
  name: string;
  server: ServerKind;
  /** Scenarios that need a token are skipped (with the reason) when logging in is not possible. */
  needsToken?: boolean;
  request(ctx: BenchContext): { method?: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string; headers?: Record<string, string>; body?: string };
  /** The status every answer must have for the run to count. */
  expectStatus: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'baseline: bare node:http, same JSON as GET /', server: 'baseline', request: () => ({ path: '/' }), expectStatus: 200 },
  {
    name: 'GET / with a token',
    server: 'api',
    needsToken: true,
    request: ({ token }) => ({ path: '/', headers: { Authorization: `Bearer ${token}` } }),
    expectStatus: 200,
  },
  { name: 'GET / without a token (401)', server: 'api', request: () => ({ path: '/' }), expectStatus: 401 },
  forgedTokenScenario,
  loginScenario,
  rbacGetScenario,
];

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30);

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const AGENTS = Number(option('--agents') ?? process.env.BENCH_AGENTS ?? 10_000);
const ONLY = option('--only') as 'load' | 'agents' | undefined;

// ---------------------------------------------------------------------------------------------------------------
// Child side: the servers.

function infoBody(): string {
  return JSON.stringify({
    data: {
      title: 'Wazuh API REST',
      api_version: '4.14.4',
      revision: '41400',
      license_name: 'GPL 2.0',
      license_url: 'https://github.com/wazuh/wazuh/blob/v4.14.4/LICENSE',
      hostname: hostname(),
      timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    error: 0,
  });
}

async function serve(kind: ServerKind): Promise<void> {
  let port: number;
  let close: () => Promise<void>;
  if (kind === 'baseline') {
    const server = createServer((_req, res) => {
      const body = infoBody();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  } else {
    const wazuhPath = mkdtempSync('/tmp/wb');
    mkdirSync(join(wazuhPath, 'api', 'configuration'), { recursive: true });
    writeFileSync(
      join(wazuhPath, 'api', 'configuration', 'api.yaml'),
      'host: [127.0.0.1]\nport: 0\nhttps:\n  enabled: no\naccess:\n  max_request_per_minute: 0\n',
    );
    const { startApi } = await import('../src/app.js');
    const api = await startApi({ wazuhPath, ui: false, validateResponses: false });
    port = api.port;
    close = async () => {
      await api.close();
      rmSync(wazuhPath, { recursive: true, force: true });
    };
  }
  process.on('message', (message: { type: string }) => {
    if (message.type === 'rss') process.send?.({ type: 'rss', rss: process.memoryUsage().rss });
    if (message.type === 'stop') void close().then(() => process.exit(0));
  });
  process.send?.({ type: 'ready', port });
}

// ---------------------------------------------------------------------------------------------------------------
// Parent side: start servers, run the load, print the table.

interface Running {
  child: ChildProcess;
  baseUrl: string;
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

async function startServer(kind: ServerKind): Promise<Running> {
  const child = fork(__filename, ['--serve', kind], { execArgv: process.execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const { port } = await ask<{ port: number }>(child, '', 'ready');
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

async function login(server: Running): Promise<{ token?: string; why?: string }> {
  const res = await fetch(`${server.baseUrl}/security/user/authenticate`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('wazuh:wazuh').toString('base64')}` },
  });
  const body = (await res.json().catch(() => ({}))) as { data?: { token?: string }; detail?: string };
  if (res.status === 200 && body.data?.token) return { token: body.data.token };
  return { why: `login answered ${res.status}${body.detail ? ` (${body.detail})` : ''}` };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

interface Measure {
  reqPerSec: number;
  p50: number;
  p99: number;
  rssMb: number;
}

/** A scenario's medians, or why it was not measured. */
interface Row {
  name: string;
  /** Concurrent clients: the load rows use CONNECTIONS, the agent rows one. */
  clients: number;
  measure?: Measure;
  note?: string;
}

async function runScenario(scenario: Scenario, server: Running, ctx: BenchContext): Promise<Row> {
  const { method = 'GET', path, headers, body } = scenario.request(ctx);
  const options = { url: server.baseUrl + path, method, headers, body, connections: CONNECTIONS };
  // Loaded here, not at the top: the server children run this file too and should not carry the load generator.
  const { default: autocannon } = await import('autocannon');
  await autocannon({ ...options, duration: 1 }); // warm-up: JIT, caches, validator compilation
  const samples: Array<{ rps: number; p50: number; p99: number }> = [];
  for (let run = 0; run < RUNS; run += 1) {
    const result = await autocannon({ ...options, duration: SECONDS });
    const good = scenario.expectStatus === 200 ? result['2xx'] : result['4xx'];
    if (result.errors > 0 || result.timeouts > 0 || good < result.requests.total * 0.99) {
      return {
        name: scenario.name,
        clients: CONNECTIONS,
        note: `unexpected answers: ${result.errors} errors, ${result.non2xx} non-2xx of ${result.requests.total}`,
      };
    }
    samples.push({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 });
  }
  const { rss } = await ask<{ rss: number }>(server.child, 'rss', 'rss');
  return {
    name: scenario.name,
    clients: CONNECTIONS,
    measure: {
      reqPerSec: median(samples.map((s) => s.rps)),
      p50: median(samples.map((s) => s.p50)),
      p99: median(samples.map((s) => s.p99)),
      rssMb: rss / 1024 / 1024,
    },
  };
}

function print(rows: Row[]): void {
  const baseline = (clients: number) =>
    rows.find((row) => row.name.startsWith('baseline') && row.clients === clients)?.measure?.reqPerSec;
  const header = ['scenario', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'RSS MB'];
  const lines: string[][] = [];
  for (const { name, clients, measure } of rows) {
    if (!measure) continue;
    const base = baseline(clients);
    const ratio = base ? (measure.reqPerSec / base).toPrecision(3) : '-';
    lines.push([
      name,
      String(clients),
      measure.reqPerSec.toFixed(measure.reqPerSec < 100 ? 1 : 0),
      measure.p50.toFixed(1),
      measure.p99.toFixed(1),
      ratio,
      measure.rssMb.toFixed(0),
    ]);
  }
  const widths = header.map((_, i) => Math.max(header[i].length, ...lines.map((line) => line[i].length)));
  const format = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\nnode ${process.version}`);
  if (rows.some((row) => row.clients !== 1)) console.log(`load rows: ${RUNS} runs x ${SECONDS} s, ${CONNECTIONS} connections, medians`);
  if (rows.some((row) => row.clients === 1)) {
    console.log(`one-client rows: ${REQUESTS} sequential requests (fewer for slow scenarios), agent rows on ${AGENTS} seeded agents`);
  }
  console.log('');
  console.log(format(header));
  for (const line of lines) console.log(format(line));
  for (const row of rows) if (!row.measure) console.log(`skipped: ${row.name}: ${row.note}`);
}

async function runLoad(servers: Map<ServerKind, Running>, rows: Row[]): Promise<void> {
  for (const scenario of SCENARIOS) {
    let server = servers.get(scenario.server);
    if (!server) {
      server = await startServer(scenario.server);
      servers.set(scenario.server, server);
    }
    const ctx: BenchContext = { baseUrl: server.baseUrl };
    if (scenario.needsToken) {
      const { token, why } = await login(server);
      if (!token) {
        rows.push({ name: scenario.name, clients: CONNECTIONS, note: why });
        continue;
      }
      ctx.token = token;
    }
    process.stderr.write(`running: ${scenario.name}\n`);
    rows.push(await runScenario(scenario, server, ctx));
  }
}

/** The baseline with one client, then every agent scenario on a fleet of AGENTS agents. */
async function runAgents(servers: Map<ServerKind, Running>, rows: Row[]): Promise<void> {
  let baseline = servers.get('baseline');
  if (!baseline) {
    baseline = await startServer('baseline');
    servers.set('baseline', baseline);
  }
  const base = await measureOneClient(baseline.baseUrl, { path: '/' }, Math.max(REQUESTS, 200), 200);
  const { rss } = await ask<{ rss: number }>(baseline.child, 'rss', 'rss');
  rows.push({ name: 'baseline: bare node:http, same JSON as GET /', clients: 1, measure: { ...base, rssMb: rss / 1024 / 1024 } });
  process.stderr.write(`seeding ${AGENTS} agents\n`);
  const fleet = await startAgentServer(AGENTS);
  try {
    for (const scenario of AGENT_SCENARIOS) {
      process.stderr.write(`running: ${scenario.name}\n`);
      const spec = scenario.request({ baseUrl: fleet.baseUrl, token: fleet.token });
      const measure = await measureOneClient(fleet.baseUrl, spec, Math.min(REQUESTS, scenario.runs ?? REQUESTS), scenario.expectStatus);
      rows.push({ name: `${scenario.name} @${AGENTS}`, clients: 1, measure: { ...measure, rssMb: await fleet.rssMb() } });
    }
  } finally {
    fleet.stop();
  }
}

async function main(): Promise<void> {
  const servers = new Map<ServerKind, Running>();
  const rows: Row[] = [];
  try {
    if (ONLY !== 'agents') await runLoad(servers, rows);
    if (ONLY !== 'load' && AGENTS > 0) await runAgents(servers, rows);
  } finally {
    for (const { child } of servers.values()) child.send({ type: 'stop' });
  }
  print(rows);
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) {
  void serve(process.argv[serveIndex + 1] as ServerKind);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
