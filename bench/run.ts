/**
 * `npm run bench`: load scenarios with autocannon on loopback, side by side with a baseline.
 *
 * Each server runs in its own child process (this file, started with `--serve <kind>`), so the load generator
 * does not share an event loop with the server it measures. Each scenario runs `BENCH_RUNS` times
 * (default 3) for `BENCH_SECONDS` (default 5) after a warm-up; the table shows medians: req/s, p50 and p99
 * latency, the ratio to the baseline's req/s, and the server's RSS after the runs.
 *
 * On a shared 2-core machine the load generator and the server compete for CPU: read the ratios, not the
 * absolute numbers. To add a scenario, append to SCENARIOS (it names the server it needs and builds its request
 * from the context: base URL and a token).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
      return { name: scenario.name, note: `unexpected answers: ${result.errors} errors, ${result.non2xx} non-2xx of ${result.requests.total}` };
    }
    samples.push({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 });
  }
  const { rss } = await ask<{ rss: number }>(server.child, 'rss', 'rss');
  return {
    name: scenario.name,
    measure: {
      reqPerSec: median(samples.map((s) => s.rps)),
      p50: median(samples.map((s) => s.p50)),
      p99: median(samples.map((s) => s.p99)),
      rssMb: rss / 1024 / 1024,
    },
  };
}

function print(rows: Row[]): void {
  const baseline = rows.find((row) => row.name.startsWith('baseline'))?.measure?.reqPerSec;
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'RSS MB'];
  const lines: string[][] = [];
  for (const { name, measure } of rows) {
    if (!measure) continue;
    const ratio = baseline ? (measure.reqPerSec / baseline).toFixed(3) : '-';
    lines.push([name, measure.reqPerSec.toFixed(0), measure.p50.toFixed(1), measure.p99.toFixed(1), ratio, measure.rssMb.toFixed(0)]);
  }
  const widths = header.map((_, i) => Math.max(header[i].length, ...lines.map((line) => line[i].length)));
  const format = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  console.log(`\n${RUNS} runs x ${SECONDS} s, ${CONNECTIONS} connections, medians (node ${process.version})\n`);
  console.log(format(header));
  for (const line of lines) console.log(format(line));
  for (const row of rows) if (!row.measure) console.log(`skipped: ${row.name}: ${row.note}`);
}

async function main(): Promise<void> {
  const servers = new Map<ServerKind, Running>();
  const rows: Row[] = [];
  try {
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
          rows.push({ name: scenario.name, note: why });
          continue;
        }
        ctx.token = token;
      }
      process.stderr.write(`running: ${scenario.name}\n`);
      rows.push(await runScenario(scenario, server, ctx));
    }
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
