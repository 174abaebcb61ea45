/**
 * Every `/manager` operation through the real server, the embedded daemons (child process) and real sockets, with
 * response validation against the spec on.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { wazuhPaths } from '../../src/core/paths';
import type { SecurityService, UserRow } from '../../src/rbac';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/async';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('/manager over HTTP', () => {
  let server: TestServer;
  let token: string;
  let paths: ReturnType<typeof wazuhPaths>;
  const get = (path: string, query?: Record<string, string | number | boolean | string[]>) =>
    server.request('GET', path, { token, query });
  const put = (path: string, options: { query?: Record<string, string>; body?: string; type?: string } = {}) =>
    server.request('PUT', path, {
      token,
      query: options.query,
      body: options.body,
      headers: options.type ? { 'Content-Type': options.type } : undefined,
    });

  beforeAll(async () => {
    server = await startTestServer({ daemons: true });
    paths = wazuhPaths(server.wazuhPath);
    token = await server.login();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('GET /manager/status reports the embedded daemons as running', async () => {
    const res = await get('/manager/status');
    expect(res.status).toBe(200);
    const body = res.body as Body;
    expect(body.message).toBe('Processes status was successfully read');
    expect(body.data.affected_items[0]).toMatchObject({
      'wazuh-db': 'running',
      'wazuh-analysisd': 'running',
      'wazuh-execd': 'running',
      'wazuh-remoted': 'running',
      'wazuh-modulesd': 'running',
      'wazuh-apid': 'running',
      'wazuh-clusterd': 'stopped',
    });
  });

  it('GET /manager/info', async () => {
    const res = await get('/manager/info');
    expect(res.status).toBe(200);
    expect((res.body as Body).data.affected_items[0]).toMatchObject({
      path: server.wazuhPath,
      version: 'v4.14.4',
      type: 'server',
      max_agents: 'unlimited',
      openssl_support: expect.any(String),
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('GET /manager/configuration as JSON, narrowed, and raw', async () => {
    const whole = await get('/manager/configuration');
    expect(whole.status).toBe(200);
    expect((whole.body as Body).data.affected_items[0]).toHaveProperty('global');
    const field = await get('/manager/configuration', { section: 'global', field: 'logall' });
    expect((field.body as Body).data.affected_items).toEqual([{ global: { logall: 'no' } }]);
    const absent = await get('/manager/configuration', { section: 'labels' });
    expect(absent.status).toBe(200);
    expect(absent.body).toMatchObject({
      data: { affected_items: [], failed_items: [{ error: { code: 1106 }, id: ['manager'] }], total_failed_items: 1 },
      message: 'Could not read configuration',
      error: 1,
    });
    const raw = await get('/manager/configuration', { raw: true });
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(raw.text).toBe(readFileSync(paths.ossecConf, 'utf8'));
  });

  it('PUT /manager/configuration replaces the file after validation, keeps it otherwise', async () => {
    const original = readFileSync(paths.ossecConf, 'utf8');
    const changed = original.replace('<logall>no</logall>', '<logall>yes</logall>');
    const ok = await put('/manager/configuration', { body: changed, type: 'application/octet-stream' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      data: { affected_items: ['manager'], total_affected_items: 1, total_failed_items: 0, failed_items: [] },
      message: 'Configuration was successfully updated',
      error: 0,
    });
    expect(readFileSync(paths.ossecConf, 'utf8')).toBe(changed);

    const invalid = await put('/manager/configuration', { body: changed.replace('<global>', '<bogus/><global>'), type: 'application/octet-stream' });
    expect(invalid.body).toMatchObject({
      data: {
        failed_items: [
          {
            error: {
              code: 1908,
              message: "Error validating configuration: (1230): Invalid element in the configuration: 'bogus'., (1202): Configuration error at 'etc/ossec.conf'.",
            },
            id: ['manager'],
          },
        ],
      },
      message: 'Could not update configuration',
      error: 1,
    });
    expect(readFileSync(paths.ossecConf, 'utf8')).toBe(changed);
    expect(existsSync(`${paths.ossecConf}.backup`)).toBe(false);

    const notXml = await put('/manager/configuration', { body: '<ossec_config><global>', type: 'application/octet-stream' });
    expect((notXml.body as Body).data.failed_items[0].error.code).toBe(1113);

    const wrongType = await put('/manager/configuration', { body: changed, type: 'text/plain' });
    expect(wrongType.status).toBe(406);
    expect(wrongType.body).toEqual({
      title: 'Not Acceptable',
      detail: 'The body type is not the one specified in the content-type',
      error: 6002,
    });
    writeFileSync(paths.ossecConf, original);
  });

  it('GET /manager/configuration/validation', async () => {
    const res = await get('/manager/configuration/validation');
    expect(res.body).toEqual({
      data: { affected_items: [{ name: 'manager', status: 'OK' }], total_affected_items: 1, total_failed_items: 0, failed_items: [] },
      message: 'Validation was successfully checked',
      error: 0,
    });
  });

  it('GET /manager/configuration/{component}/{configuration} from the live daemons', async () => {
    const logging = await get('/manager/configuration/com/logging');
    expect(logging.body).toMatchObject({ data: { affected_items: [{ logging: { plain: 'yes', json: 'no' } }] }, error: 0 });
    for (const [component, configuration] of [
      ['analysis', 'global'],
      ['request', 'remote'],
      ['wazuh-db', 'wdb'],
      ['logcollector', 'localfile'],
      ['syscheck', 'syscheck'],
      ['wmodules', 'wmodules'],
      ['monitor', 'internal'],
      ['auth', 'auth'],
    ]) {
      const res = await get(`/manager/configuration/${component}/${configuration}`);
      expect([component, res.status, (res.body as Body).error]).toEqual([component, 200, 0]);
    }
    const disabled = await get('/manager/configuration/mail/global');
    expect(disabled.body).toMatchObject({
      data: { failed_items: [{ error: { code: 1121 }, id: ['manager'] }] },
      message: 'Could not read active configuration',
      error: 1,
    });
  });

  it('refuses invalid component/configuration pairs with 1128 and no dapi_errors', async () => {
    const res = await get('/manager/configuration/com/syscheck');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      title: 'Bad Request',
      detail:
        "Invalid configuration for the given component: Valid configuration values for 'com': {'active-response', 'logging', 'internal', 'cluster'}",
      error: 1128,
    });
  });

  it('GET /manager/daemons/stats', async () => {
    const all = await get('/manager/daemons/stats');
    expect(all.status).toBe(200);
    expect((all.body as Body).data.affected_items.map((item: Body) => item.name)).toEqual(['wazuh-remoted', 'wazuh-analysisd', 'wazuh-db']);
    const one = await get('/manager/daemons/stats', { daemons_list: ['wazuh-db'] });
    expect((one.body as Body).data.affected_items).toEqual([expect.objectContaining({ name: 'wazuh-db', uptime: expect.stringMatching(/\+00:00$/) })]);
  });

  it('GET /manager/stats for a day, hourly, weekly and the daemons state files', async () => {
    const missing = await get('/manager/stats', { date: '2020-01-01' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 1308, dapi_errors: { node01: { error: expect.stringContaining('Stats file does not exist') } } });
    mkdirSync(join(paths.stats, 'totals', '2020', 'Jan'), { recursive: true });
    writeFileSync(join(paths.stats, 'totals', '2020', 'Jan', 'ossec-totals-01.log'), '3-5501-3-2\n3--2--40--0--0\n');
    const day = await get('/manager/stats', { date: '2020-01-01' });
    expect(day.status).toBe(200);
    expect((day.body as Body).data.affected_items).toEqual([
      { hour: 3, alerts: [{ sigid: 5501, level: 3, times: 2 }], totalAlerts: 2, events: 40, syscheck: 0, firewall: 0 },
    ]);
    expect((await get('/manager/stats/hourly')).status).toBe(200);
    expect((await get('/manager/stats/weekly')).status).toBe(200);
    const analysisd = await get('/manager/stats/analysisd');
    expect((analysisd.body as Body).data.affected_items[0]).toHaveProperty('events_received');
    const remoted = await get('/manager/stats/remoted');
    expect((remoted.body as Body).data.affected_items[0]).toHaveProperty('total_queue_size', 131072);
  });

  it('GET /manager/logs and /manager/logs/summary', async () => {
    const logs = await get('/manager/logs', { tag: 'wazuh-execd', limit: 1 });
    expect(logs.status).toBe(200);
    expect((logs.body as Body).data.affected_items).toEqual([
      expect.objectContaining({ tag: 'wazuh-execd', level: 'info', timestamp: expect.stringMatching(/Z$/) }),
    ]);
    const unknown = await get('/manager/logs', { q: 'pid=1' });
    expect(unknown.status).toBe(400);
    expect((unknown.body as Body).error).toBe(1408);
    const summary = await get('/manager/logs/summary');
    expect((summary.body as Body).data.affected_items).toContainEqual({
      'wazuh-execd': expect.objectContaining({ all: expect.any(Number) }),
    });
  });

  it('GET /manager/api/config', async () => {
    const res = await get('/manager/api/config');
    expect(res.status).toBe(200);
    expect((res.body as Body).data.affected_items[0]).toMatchObject({
      node_name: 'manager',
      node_api_config: { port: 0, intervals: { request_timeout: 10 } },
    });
  });

  it('PUT /manager/analysisd/reload', async () => {
    const res = await put('/manager/analysisd/reload');
    expect(res.body).toMatchObject({
      data: { affected_items: [{ name: 'manager', msg: expect.stringContaining("Could not open directory 'ruleset/rules'") }] },
      message: 'Reload request sent to ',
      error: 0,
    });
  });

  it('GET /manager/version/check answers offline without querying', async () => {
    const res = await get('/manager/version/check');
    expect(res.status).toBe(200);
    expect((res.body as Body).data).toMatchObject({ current_version: 'v4.14.4', update_check: false, last_check_date: '' });
  });

  it('GET /manager/version/check?force_query=true fails fast with 2100 when the service cannot be reached', async () => {
    const original = readFileSync(paths.ossecConf, 'utf8');
    // A local port nobody listens on any more: the query is refused at once, as with no network at all.
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    writeFileSync(
      paths.ossecConf,
      original.replace('<update_check>no</update_check>', `<update_check>yes</update_check><cti-url>${unreachable}</cti-url>`),
    );
    try {
      const started = Date.now();
      const res = await get('/manager/version/check', { force_query: true });
      expect(Date.now() - started).toBeLessThan(6000);
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ title: 'Wazuh Internal Error', error: 2100 });
      expect((res.body as Body).detail).toMatch(/^Error in CTI service request: .*ECONNREFUSED/);
    } finally {
      writeFileSync(paths.ossecConf, original);
    }
  });

  it('applies RBAC: a read-only role reads but may not restart or upload; an agents-only role sees nothing', async () => {
    const security = server.api.services.security as SecurityService;
    const user = security.store.userByName('wazuh') as UserRow;
    const readonly = await security.issueToken(user, { roleIds: [2] });
    const agentsOnly = await security.issueToken(user, { roleIds: [4] });
    expect((await server.request('GET', '/manager/status', { token: readonly })).status).toBe(200);
    const restart = await server.request('PUT', '/manager/restart', { token: readonly });
    expect(restart.status).toBe(403);
    expect((restart.body as Body).error).toBe(4000);
    const upload = await server.request('PUT', '/manager/configuration', {
      token: readonly,
      body: '<ossec_config/>',
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(upload.status).toBe(403);
    const denied = await server.request('GET', '/manager/info', { token: agentsOnly });
    expect(denied.status).toBe(403);
    expect((denied.body as Body).error).toBe(4000);
  });

  it('refuses requests with 1017 while a basic daemon is down, and the API stays up', async () => {
    const pidFile = readdirSync(paths.varRun).find((file) => /^wazuh-db-\d+\.pid$/.test(file)) as string;
    renameSync(join(paths.varRun, pidFile), join(paths.varRun, 'saved'));
    try {
      const res = await get('/manager/info');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        title: 'Wazuh Internal Error',
        detail: 'Some Wazuh daemons are not ready yet in node "node01" (wazuh-db->stopped)',
        dapi_errors: {
          node01: {
            error: 'Some Wazuh daemons are not ready yet in node "node01" (wazuh-db->stopped)',
            logfile: expect.stringMatching(/api\.log$/),
          },
        },
        error: 1017,
      });
      expect((await server.request('GET', '/', { token })).status).toBe(200);
      // The check is DAPI's, so it covers every tag but Security (rbac.db only) and the status read itself.
      expect(((await get('/manager/logs')).body as Body).error).toBe(1017);
      expect(((await server.request('GET', '/cluster/local/info', { token })).body as Body).error).toBe(1017);
      expect((await server.request('GET', '/security/users/me', { token })).status).toBe(200);
      expect((await get('/manager/status')).status).toBe(200);
    } finally {
      renameSync(join(paths.varRun, 'saved'), join(paths.varRun, pidFile));
    }
    expect((await get('/manager/info')).status).toBe(200);
  });

  it('PUT /manager/restart queues a restart that execd acts out', async () => {
    const res = await put('/manager/restart');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      data: { affected_items: ['manager'], total_affected_items: 1, total_failed_items: 0, failed_items: [] },
      message: 'Restart request sent to ',
      error: 0,
    });
    await waitFor(() => existsSync(join(paths.varRun, '.restart')));
    // Other operations are refused while the manager restarts; its status stays readable (Wazuh refuses it too).
    const during = await get('/manager/info');
    expect(during.status).toBe(500);
    expect((during.body as Body).detail).toContain('wazuh-modulesd->restarting');
    const status = await get('/manager/status');
    expect(status.status).toBe(200);
    expect((status.body as Body).data.affected_items[0]['wazuh-modulesd']).toBe('restarting');
    await waitFor(() => !existsSync(join(paths.varRun, '.restart')));
    expect((await get('/manager/status')).status).toBe(200);
    expect(readFileSync(paths.ossecLog, 'utf8')).toContain('wazuh-execd: INFO: Restarting Wazuh manager');
  });

  it('answers configuration reads when ossec.conf is broken or missing', async () => {
    const original = readFileSync(paths.ossecConf, 'utf8');
    try {
      writeFileSync(paths.ossecConf, '<ossec_config><global>');
      const broken = await get('/manager/configuration');
      expect(broken.body).toMatchObject({ data: { failed_items: [{ error: { code: 1101 }, id: ['manager'] }] }, error: 1 });
      const validation = await get('/manager/configuration/validation');
      expect((validation.body as Body).data.failed_items[0].error.code).toBe(1908);
      rmSync(paths.ossecConf);
      const missing = await get('/manager/configuration');
      expect((missing.body as Body).data.failed_items[0].error.code).toBe(1101);
      const raw = await get('/manager/configuration', { raw: true });
      expect(raw.status).toBe(500);
      expect((raw.body as Body).error).toBe(1000);
    } finally {
      writeFileSync(paths.ossecConf, original);
    }
  });
});
