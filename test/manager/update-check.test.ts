import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { queryUpdateCheckService, updateInformationResult, UpdateCheckService } from '../../src/core/manager';
import { wazuhPaths } from '../../src/core/paths';
import { createManagerRuntime } from '../../src/framework/manager-runtime';

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

describe('update check', () => {
  const servers: Server[] = [];
  afterAll(() =>
    servers.forEach((server) => {
      server.closeAllConnections();
      server.close();
    }),
  );

  it('asks <cti-url>/api/v1/ping with the installation headers and keeps the last release of each kind', async () => {
    const seen: Record<string, unknown> = {};
    const { server, url } = await listen((req, res) => {
      seen.url = req.url;
      seen.uid = req.headers['wazuh-uid'];
      seen.tag = req.headers['wazuh-tag'];
      seen.agent = req.headers['user-agent'];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { major: [], minor: [{ tag: 'v4.15.0' }, { tag: 'v4.16.0' }], patch: [{ tag: 'v4.14.5' }] } }));
    });
    servers.push(server);
    const result = await queryUpdateCheckService('uid-1', { ctiUrl: `${url}/` });
    expect(seen).toEqual({ url: '/api/v1/ping', uid: 'uid-1', tag: 'v4.14.4', agent: 'Wazuh UpdateCheckService/v4.14.4' });
    expect(result).toMatchObject({
      status_code: 200,
      uuid: 'uid-1',
      current_version: 'v4.14.4',
      update_check: true,
      last_available_major: {},
      last_available_minor: { tag: 'v4.16.0' },
      last_available_patch: { tag: 'v4.14.5' },
    });
    expect(result.last_check_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(updateInformationResult('uid-1', result)).not.toHaveProperty('status_code');
  });

  it('answers quickly with 2100 when the service cannot be reached', async () => {
    const { server, url } = await listen(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    const started = Date.now();
    const result = await queryUpdateCheckService('uid-2', { ctiUrl: url });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.status_code).toBe(500);
    expect(result.message).toMatch(/ECONNREFUSED/);
    expect(() => updateInformationResult('uid-2', result)).toThrow(
      expect.objectContaining({ code: 2100, httpStatus: 500, message: expect.stringContaining('Error in CTI service request: ') }),
    );
  });

  it('gives up after the timeout when the service never answers', async () => {
    const { server, url } = await listen(() => undefined);
    servers.push(server);
    const service = new UpdateCheckService({ timeoutMs: 300 });
    const started = Date.now();
    const result = await service.refresh('uid-3', url);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.message).toBe(`No answer from ${url} within 0.3 seconds`);
    expect(service.last).toBe(result);
  });

  it('reports a 401 with the uid and version, and the service text for other statuses', async () => {
    let status = 401;
    const { server, url } = await listen((_req, res) => {
      res.statusCode = status;
      res.end(JSON.stringify({ errors: { detail: 'Quota exceeded' } }));
    });
    servers.push(server);
    const unauthorized = await queryUpdateCheckService('uid-4', { ctiUrl: url });
    expect(() => updateInformationResult('uid-4', unauthorized)).toThrow('Error in CTI service request: uid-4, v4.14.4');
    status = 429;
    const limited = await queryUpdateCheckService('uid-4', { ctiUrl: url });
    expect(() => updateInformationResult('uid-4', limited)).toThrow('Error in CTI service request: Quota exceeded');
  });

  it('answers the disabled template before any query', () => {
    expect(updateInformationResult('uid-5', undefined)).toEqual({
      uuid: 'uid-5',
      last_check_date: '',
      current_version: 'v4.14.4',
      update_check: false,
      last_available_major: {},
      last_available_minor: {},
      last_available_patch: {},
    });
  });

  it('starts querying at API start on a master with update_check on, once a day after that', async () => {
    let calls = 0;
    const { server, url } = await listen((_req, res) => {
      calls += 1;
      res.end(JSON.stringify({ data: { major: [{ tag: 'v5.0.0' }], minor: [], patch: [] } }));
    });
    servers.push(server);
    const root = mkdtempSync('/tmp/wu-');
    const paths = wazuhPaths(root);
    mkdirSync(paths.etc, { recursive: true });
    writeFileSync(paths.ossecConf, `<ossec_config><global><update_check>yes</update_check><cti-url>${url}</cti-url></global></ossec_config>`);
    const runtime = createManagerRuntime(paths);
    try {
      runtime.start();
      const service = runtime.updateCheck;
      for (let i = 0; i < 100 && !service.last; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(calls).toBe(1);
      expect(service.last).toMatchObject({ status_code: 200, last_available_major: { tag: 'v5.0.0' } });
      expect(service.last?.uuid).toBe(readFileSync(paths.api.installationUid, 'utf8'));
    } finally {
      runtime.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('does not query when update_check is off', () => {
    const root = mkdtempSync('/tmp/wu-');
    const paths = wazuhPaths(root);
    mkdirSync(paths.etc, { recursive: true });
    writeFileSync(paths.ossecConf, '<ossec_config><global><update_check>no</update_check></global></ossec_config>');
    const runtime = createManagerRuntime(paths);
    try {
      runtime.start();
      expect(runtime.updateCheck.last).toBeUndefined();
    } finally {
      runtime.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
