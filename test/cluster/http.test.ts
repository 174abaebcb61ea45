/**
 * `/cluster` on a single node, through the real server and embedded daemons: status answers, every other operation
 * fails with Wazuh's 3013 body (no `dapi_errors`), before any other check Wazuh makes after it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { routes } from '../../generated/routes';
import { wazuhPaths } from '../../src/core/paths';
import { startTestServer, type TestServer } from '../helpers/server';

const NOT_RUNNING = {
  title: 'Bad Request',
  detail: 'Cluster is not running, it might be disabled in `WAZUH_HOME/etc/ossec.conf`',
  remediation:
    'Please, visit the official documentation (https://documentation.wazuh.com/4.14/user-manual/configuring-cluster/index.html) to get more information about how to configure a cluster',
  error: 3013,
};

const PATH_VALUES: Record<string, string> = { node_id: 'node01', component: 'com', configuration: 'logging' };

describe('/cluster on a single node over HTTP', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer({ daemons: true });
    token = await server.login();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('GET /cluster/status says disabled and not running', async () => {
    const res = await server.request('GET', '/cluster/status', { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { enabled: 'no', running: 'no' }, error: 0 });
  });

  const clusterRoutes = routes.filter((route) => route.path.startsWith('/cluster') && route.path !== '/cluster/status');

  it('covers the 22 other cluster operations', () => {
    expect(clusterRoutes).toHaveLength(22);
  });

  it.each(clusterRoutes.map((route) => [route.method.toUpperCase(), route.path] as const))('%s %s answers 3013', async (method, path) => {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => PATH_VALUES[name]);
    const options =
      path === '/cluster/{node_id}/configuration' && method === 'PUT'
        ? { token, body: '<ossec_config/>', headers: { 'Content-Type': 'application/octet-stream' } }
        : { token };
    const res = await server.request(method, url, options);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toEqual(NOT_RUNNING);
  });

  it('checks the component pair only after the node list (3013 first)', async () => {
    const res = await server.request('GET', '/cluster/node01/configuration/com/syscheck', { token });
    expect(res.body).toEqual(NOT_RUNNING);
  });

  it('checks the upload content type before the node list, as Wazuh does', async () => {
    const res = await server.request('PUT', '/cluster/node01/configuration', {
      token,
      body: '<ossec_config/>',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(res.status).toBe(406);
    expect(res.body).toEqual({
      title: 'Not Acceptable',
      detail: 'The body type is not the one specified in the content-type',
      error: 6002,
    });
  });

  it('reports an unreadable cluster section on /cluster/status', async () => {
    const paths = wazuhPaths(server.wazuhPath);
    const original = readFileSync(paths.ossecConf, 'utf8');
    writeFileSync(paths.ossecConf, original.replace('<port>1516</port>', '<port>abc</port>'));
    try {
      const res = await server.request('GET', '/cluster/status', { token });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 3004, detail: 'Error in cluster configuration: Cluster port must be an integer.' });
    } finally {
      writeFileSync(paths.ossecConf, original);
    }
  });
});
