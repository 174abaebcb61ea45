/**
 * The framework layer over a real install with the embedded daemons: RBAC decisions, Wazuh's result messages and
 * failed items, masking of the enrolment password.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createManagerPorts, UpdateCheckService, type ClosableManagerPorts } from '../../src/core/manager';
import { writeDefaultOssecConf } from '../../src/core/ossec-conf';
import { wazuhPaths } from '../../src/core/paths';
import { startDaemonHost, type DaemonHost } from '../../src/daemons/host';
import * as cluster from '../../src/framework/cluster';
import * as manager from '../../src/framework/manager';
import type { RbacScope } from '../../src/framework/rbac-filter';
import { CompiledPermissions } from '../../src/rbac/enforcer';
import { mergePolicies } from '../../src/rbac/permissions';
import type { AffectedItemsResult } from '../../src/core/results';
import { shortTempDir } from '../daemons/helpers';

function scopeOf(actions: string[], resources = ['*:*:*']): RbacScope {
  return { permissions: new CompiledPermissions(mergePolicies([{ actions, resources, effect: 'allow' }]), 'white') };
}

const ADMIN = scopeOf(['manager:read', 'manager:update_config', 'manager:restart', 'manager:read_api_config', 'cluster:status']);
const READER = scopeOf(['manager:read']);

describe('manager framework', () => {
  const tmp = shortTempDir();
  const paths = wazuhPaths(tmp.dir);
  let host: DaemonHost;
  let ports: ClosableManagerPorts;
  const env = (scope: RbacScope = ADMIN) => ({ paths, ports, scope });

  beforeAll(async () => {
    writeDefaultOssecConf(paths);
    host = await startDaemonHost(tmp.dir, { hostname: 'wazuh-test' });
    ports = createManagerPorts(paths, { timeoutMs: 5000 });
  });
  afterAll(async () => {
    ports.close();
    await host.stop();
    tmp.cleanup();
  });

  it('answers status and info as node "manager" on a single node', async () => {
    const status = manager.getStatus(env()).render();
    expect(status).toMatchObject({ message: 'Processes status was successfully read', error: 0 });
    expect((status.data as { affected_items: Record<string, string>[] }).affected_items[0]['wazuh-db']).toBe('running');
    const info = (await manager.getBasicInfo(env())).render();
    expect(info).toMatchObject({ message: 'Basic information was successfully read', data: { total_affected_items: 1 } });
  });

  it('refuses callers without the permission with 4000', () => {
    expect(() => manager.getStatus(env(scopeOf(['agent:read'])))).toThrow(
      expect.objectContaining({ code: 4000, httpStatus: 403, message: 'Permission denied: Resource type: *:*' }),
    );
    return expect(manager.restart(env(READER))).rejects.toMatchObject({ code: 4000 });
  });

  it('reads the configuration with section and field, failures as items of node "manager"', () => {
    expect((manager.readOssecConf(env(), { section: 'global', field: 'logall' }) as AffectedItemsResult).render()).toMatchObject({
      data: { affected_items: [{ global: { logall: 'no' } }], total_affected_items: 1 },
      message: 'Configuration was successfully read',
    });
    const missing = (manager.readOssecConf(env(), { section: 'labels' }) as AffectedItemsResult).render();
    expect(missing).toMatchObject({
      data: { affected_items: [], total_failed_items: 1, failed_items: [{ error: { code: 1106 }, id: ['manager'] }] },
      message: 'Could not read configuration',
      error: 1,
    });
    const raw = manager.readOssecConf(env(), { raw: true });
    expect(raw).toMatchObject({ contentType: 'application/xml; charset=utf-8' });
    expect((raw as { body: string }).body).toBe(readFileSync(paths.ossecConf, 'utf8'));
  });

  it('masks the enrolment password unless the caller may update the configuration', () => {
    const items = () => [{ auth: { use_password: 'yes' }, 'authd.pass': 'secret' }];
    const forReader = items();
    manager.maskSensitive(READER, forReader);
    expect(forReader[0]['authd.pass']).toBe('*****');
    const forAdmin = items();
    manager.maskSensitive(ADMIN, forAdmin);
    expect(forAdmin[0]['authd.pass']).toBe('secret');
    const nested = [{ authd: { pass: 'x' } }];
    manager.maskSensitive(READER, nested);
    expect(nested[0].authd.pass).toBe('*****');
  });

  it('replaces the configuration only when execd validates it, restoring the old file otherwise', async () => {
    const original = readFileSync(paths.ossecConf, 'utf8');
    const bad = original.replace('<global>', '<nonsense/><global>');
    const refused = (await manager.updateOssecConf(env(), bad)).render();
    expect(refused).toMatchObject({
      data: { failed_items: [{ error: { code: 1908 }, id: ['manager'] }] },
      message: 'Could not update configuration',
    });
    expect(readFileSync(paths.ossecConf, 'utf8')).toBe(original);
    const changed = original.replace('<logall>no</logall>', '<logall>yes</logall>');
    expect((await manager.updateOssecConf(env(), changed)).render()).toMatchObject({
      data: { affected_items: ['manager'] },
      message: 'Configuration was successfully updated',
    });
    expect(readFileSync(paths.ossecConf, 'utf8')).toBe(changed);
    writeFileSync(paths.ossecConf, original);
  });

  it('reports daemon statistics per daemon, an unreachable one as a failed item', async () => {
    const stats = (await manager.getDaemonsStats(env(), ['wazuh-db', 'wazuh-remoted'])).render();
    expect(stats).toMatchObject({ data: { total_affected_items: 2, total_failed_items: 0 } });
    const socket = paths.sockets.analysis;
    const saved = `${socket}.moved`;
    renameSync(socket, saved);
    try {
      const partial = (await manager.getDaemonsStats(env())).render();
      expect(partial).toMatchObject({
        data: { total_affected_items: 2, failed_items: [{ error: { code: 1121, message: `Error connecting with socket: ${socket}` }, id: ['wazuh-analysisd'] }] },
        message: 'Could not read statistical information for some daemons',
        error: 2,
      });
    } finally {
      renameSync(saved, socket);
    }
  });

  it('reads stats files, raising 1308 for a day without statistics', () => {
    expect(() => manager.totals(env(), new Date('2020-01-01'))).toThrow(expect.objectContaining({ code: 1308 }));
    mkdirSync(join(paths.stats, 'totals', '2020', 'Jan'), { recursive: true });
    writeFileSync(join(paths.stats, 'totals', '2020', 'Jan', 'ossec-totals-01.log'), '0-5501-3-2\n0--2--10--0--0\n');
    expect(manager.totals(env(), new Date('2020-01-01')).render()).toMatchObject({
      data: { affected_items: [{ hour: 0, totalAlerts: 2, events: 10, alerts: [{ sigid: 5501, level: 3, times: 2 }] }] },
      message: 'Statistical information for each node was successfully read',
    });
    expect(manager.hourly(env()).render()).toMatchObject({ data: { total_affected_items: 1 } });
    expect(manager.weekly(env()).render()).toMatchObject({ data: { total_affected_items: 7 } });
    expect(manager.daemonStateStats(env(), 'analysisd').render()).toMatchObject({
      data: { affected_items: [expect.objectContaining({ events_received: expect.any(Number), archives_queue_size: 16384 })] },
    });
    expect(manager.daemonStateStats(env(), 'remoted').render()).toMatchObject({
      data: { affected_items: [expect.objectContaining({ total_queue_size: 131072 })] },
    });
    // The daemons rewrite their state file every few seconds; right after a removal it is missing.
    rmSync(join(paths.varRun, 'wazuh-remoted.state'));
    expect(() => manager.daemonStateStats(env(), 'remoted')).toThrow(expect.objectContaining({ code: 1308 }));
  });

  it('queries the manager log in the format execd reports', async () => {
    const logs = (await manager.ossecLog(env(), { tag: 'wazuh-execd', limit: 1 })).render();
    expect(logs).toMatchObject({ message: 'Logs were successfully read', data: { affected_items: [{ tag: 'wazuh-execd', level: 'info' }] } });
    const summary = (await manager.ossecLogSummary(env())).render();
    expect((summary.data as { affected_items: object[] }).affected_items).toContainEqual({
      'wazuh-execd': expect.objectContaining({ all: expect.any(Number), info: expect.any(Number) }),
    });
    rmSync(paths.ossecLog);
    await expect(manager.ossecLog(env())).rejects.toMatchObject({ code: 1020, httpStatus: 500 });
    writeFileSync(paths.ossecLog, '');
  });

  it('answers restart, reload, validation, api config and active configuration with Wazuh messages', async () => {
    expect((await manager.restart(env())).render()).toMatchObject({ data: { affected_items: ['manager'] }, message: 'Restart request sent to ' });
    expect((await manager.reloadAnalysisd(env())).render()).toMatchObject({
      data: { affected_items: [{ name: 'manager', msg: expect.stringContaining('Could not open directory') }] },
      message: 'Reload request sent to ',
    });
    expect((await manager.validation(env())).render()).toMatchObject({
      data: { affected_items: [{ name: 'manager', status: 'OK' }] },
      message: 'Validation was successfully checked',
    });
    expect(manager.getApiConfig(env(scopeOf(['manager:read_api_config'])), { port: 55000 }).render()).toMatchObject({
      data: { affected_items: [{ node_name: 'manager', node_api_config: { port: 55000 } }] },
      message: 'API configuration was successfully read',
    });
    expect((await manager.getActiveConfig(env(), 'com', 'logging')).render()).toMatchObject({
      data: { affected_items: [{ logging: { plain: 'yes', json: 'no' } }] },
      message: 'Active configuration was successfully read',
    });
    expect((await manager.getActiveConfig(env(), 'mail', 'global')).render()).toMatchObject({
      data: { failed_items: [{ error: { code: 1121 }, id: ['manager'] }] },
      message: 'Could not read active configuration',
      error: 1,
    });
  });

  it('answers the update check from memory, querying only when forced and enabled', async () => {
    const service = new UpdateCheckService({ timeoutMs: 500 });
    const result = await manager.checkAvailableVersion(env(), service, 'uid', true);
    expect(result.render()).toMatchObject({ data: { uuid: 'uid', update_check: false, current_version: 'v4.14.4' }, error: 0 });
    expect(service.last).toBeUndefined();
  });

  it('gives cluster status on a single node and 3013 for the rest', async () => {
    expect(cluster.getClusterStatus({ paths, scope: ADMIN }).render()).toEqual({ data: { enabled: 'no', running: 'no' }, error: 0 });
    expect(() => cluster.getClusterStatus({ paths, scope: READER })).toThrow(expect.objectContaining({ code: 4000 }));
    await expect(cluster.clusterNodes({ paths })).rejects.toMatchObject({ code: 3013, httpStatus: 400 });
  });
});
