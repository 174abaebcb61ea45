/**
 * `npm run seed` leaves a living manager: after seeding, the API (embedded daemons, real sockets) shows FIM
 * entries and their last scan, rootcheck findings, manager statistics and log lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wazuhPaths } from '../../src/core/paths';
import { seedActivity } from '../../scripts/seed-activity';
import { seedFleet } from '../../scripts/seed';
import { startTestServer, type TestServer } from '../helpers/server';

type Body = { data: { affected_items: Array<Record<string, unknown>>; total_affected_items: number } };

let server: TestServer;
let wazuhPath: string;
let token: string;

beforeAll(async () => {
  wazuhPath = mkdtempSync(join(tmpdir(), 'seedact-'));
  seedFleet(wazuhPath, { agents: 200, seed: 3 });
  const summary = seedActivity(wazuhPaths(wazuhPath), { sampleAgents: 5, seed: 3, now: Math.floor(Date.now() / 1000) });
  expect(summary.agentDatabases).toHaveLength(6); // the manager and five agents
  server = await startTestServer({ wazuhPath, daemons: true });
  token = await server.login();
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(wazuhPath, { recursive: true, force: true });
});

const get = async (path: string, query?: Record<string, string | number | boolean>) => {
  const res = await server.request('GET', path, { token, query });
  expect(`${path} ${res.status}`).toBe(`${path} 200`);
  return res.body as Body;
};

it('shows FIM entries and the last FIM scan of the manager', async () => {
  const files = await get('/syscheck/000', { limit: 5 });
  expect(files.data.total_affected_items).toBeGreaterThan(5);
  expect(files.data.affected_items[0]).toHaveProperty('file');
  const scan = await get('/syscheck/000/last_scan');
  expect(scan.data.affected_items[0].end).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
});

it('shows rootcheck findings and the last rootcheck scan', async () => {
  const findings = await get('/rootcheck/000');
  expect(findings.data.total_affected_items).toBeGreaterThan(0);
  const scan = await get('/rootcheck/000/last_scan');
  expect(scan.data.affected_items[0].end).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
});

it('shows manager statistics and log lines', async () => {
  const hourly = await get('/manager/stats/hourly');
  expect(hourly.data.affected_items[0]).toHaveProperty('averages');
  const summary = await get('/manager/logs/summary');
  expect(summary.data.total_affected_items).toBeGreaterThan(3);
  const errors = await get('/manager/logs', { level: 'error', limit: 3 });
  expect(errors.data.affected_items.every((line) => line.level === 'error')).toBe(true);
});
