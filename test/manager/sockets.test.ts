/**
 * Core manager functions against the embedded daemons over real sockets: the same requests the API sends, and the
 * errors a stopped daemon gives.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createManagerPorts,
  getDaemonStats,
  getManagerActiveConfiguration,
  getManagerInfo,
  managerStatus,
  reloadMessage,
  reloadRuleset,
  requestManagerRestart,
  validateOssecConf,
  type ClosableManagerPorts,
} from '../../src/core/manager';
import { writeDefaultOssecConf } from '../../src/core/ossec-conf';
import { wazuhPaths } from '../../src/core/paths';
import { startFramedServer } from '../../src/daemons/common/framed-server';
import { startDaemonHost, type DaemonHost } from '../../src/daemons/host';
import { DatagramQueue } from '../../src/ipc';
import { shortTempDir, sleep } from '../daemons/helpers';

describe('manager core over the embedded daemons', () => {
  const tmp = shortTempDir();
  const paths = wazuhPaths(tmp.dir);
  let host: DaemonHost | undefined;
  let ports: ClosableManagerPorts;

  beforeAll(async () => {
    writeDefaultOssecConf(paths);
    host = await startDaemonHost(tmp.dir, { hostname: 'wazuh-test' });
    ports = createManagerPorts(paths, { timeoutMs: 5000 });
  });
  afterAll(async () => {
    ports.close();
    await host?.stop();
    tmp.cleanup();
  });

  it('sees the stand-ins as running daemons', () => {
    const status = managerStatus(paths);
    for (const daemon of ['wazuh-db', 'wazuh-analysisd', 'wazuh-remoted', 'wazuh-execd', 'wazuh-modulesd', 'wazuh-logcollector', 'wazuh-syscheckd', 'wazuh-monitord']) {
      expect([daemon, status[daemon as keyof typeof status]]).toEqual([daemon, 'running']);
    }
    expect(status['wazuh-maild']).toBe('stopped');
    expect(status['wazuh-clusterd']).toBe('stopped');
  });

  it('reads live configuration from every kind of component socket', async () => {
    expect(await getManagerActiveConfiguration(paths, ports, 'com', 'logging')).toEqual({ logging: { plain: 'yes', json: 'no' } });
    expect(await getManagerActiveConfiguration(paths, ports, 'analysis', 'alerts')).toEqual({
      alerts: { log_alert_level: 3, email_alert_level: 12 },
    });
    expect((await getManagerActiveConfiguration(paths, ports, 'request', 'remote')).remote).toEqual([
      expect.objectContaining({ port: '1514', protocol: ['TCP'] }),
    ]);
    expect(await getManagerActiveConfiguration(paths, ports, 'wazuh-db', 'wdb')).toHaveProperty('wdb.backup');
    expect(await getManagerActiveConfiguration(paths, ports, 'logcollector', 'localfile')).toHaveProperty('localfile');
    expect(await getManagerActiveConfiguration(paths, ports, 'auth', 'auth')).toHaveProperty('auth');
  });

  it('maps component failures to 1116/1117/1121', async () => {
    await expect(getManagerActiveConfiguration(paths, ports, 'agent', 'client')).rejects.toMatchObject({
      code: 1116,
      message: 'Requested component configuration does not exist: agent:client',
    });
    await expect(getManagerActiveConfiguration(paths, ports, 'logcollector', 'socket')).rejects.toMatchObject({ code: 1116 });
    await expect(getManagerActiveConfiguration(paths, ports, 'mail', 'global')).rejects.toMatchObject({
      code: 1121,
      httpStatus: 400,
      message: "Error connecting with socket: Please verify that the component 'mail' is properly configured",
    });
    await expect(getManagerActiveConfiguration(paths, ports, 'com', 'cluster')).rejects.toMatchObject({ code: 1116 });
  });

  it('adds the enrolment password when authd says it uses one', async () => {
    // The embedded authd always reports the stock `use_password: no`; a one-reply server plays an authd with
    // passwords enabled on a second install.
    const other = shortTempDir();
    const otherPaths = wazuhPaths(other.dir);
    const authd = await startFramedServer(otherPaths.sockets.auth, () => 'ok {"auth":{"disabled":"no","use_password":"yes"}}', {
      oneShot: true,
    });
    try {
      const withoutFile = await getManagerActiveConfiguration(otherPaths, ports, 'auth', 'auth');
      expect(withoutFile).toEqual({ auth: { disabled: 'no', use_password: 'yes' } });
      mkdirSync(otherPaths.etc, { recursive: true });
      writeFileSync(join(otherPaths.etc, 'authd.pass'), 'TopSecret\n');
      expect(await getManagerActiveConfiguration(otherPaths, ports, 'auth', 'auth')).toEqual({
        auth: { disabled: 'no', use_password: 'yes' },
        'authd.pass': 'TopSecret',
      });
      expect(await getManagerActiveConfiguration(paths, ports, 'auth', 'auth')).not.toHaveProperty('authd.pass');
    } finally {
      await authd.close();
      other.cleanup();
    }
  });

  it('validates the configuration through execd', async () => {
    await expect(validateOssecConf(paths, ports)).resolves.toEqual({ status: 'OK' });
    const original = readFileSync(paths.ossecConf, 'utf8');
    writeFileSync(paths.ossecConf, original.replace('<global>', '<nonsense/><global>'));
    try {
      await expect(validateOssecConf(paths, ports)).rejects.toMatchObject({
        code: 1908,
        message: "Error validating configuration: (1230): Invalid element in the configuration: 'nonsense'., (1202): Configuration error at 'etc/ossec.conf'.",
      });
    } finally {
      writeFileSync(paths.ossecConf, original);
    }
  });

  it('reads the three daemons statistics with dates', async () => {
    for (const daemon of ['wazuh-remoted', 'wazuh-analysisd', 'wazuh-db'] as const) {
      const stats = await getDaemonStats(paths, ports, daemon);
      expect(stats.name).toBe(daemon);
      expect(stats.uptime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      expect(stats.timestamp).toMatch(/\+00:00$/);
    }
  });

  it('reloads the ruleset and archives events sent to the queue', async () => {
    expect(reloadMessage(await reloadRuleset(paths, ports))).toMatch(/^Could not open directory 'ruleset\/rules'/);
    await new DatagramQueue({ path: paths.sockets.eventQueue }).send('1:API-Webhook:{"hello":"world"}');
    for (let i = 0; i < 100 && !existsSync(paths.archivesJson); i++) await sleep(10);
    expect(JSON.parse(readFileSync(paths.archivesJson, 'utf8').trim())).toMatchObject({ data: { hello: 'world' }, location: 'API-Webhook' });
  });

  it('reads basic information with openssl support from wazuh-db', async () => {
    const info = await getManagerInfo(paths, ports);
    expect(info).toMatchObject({ path: tmp.dir, version: 'v4.14.4', type: 'server', max_agents: 'unlimited' });
    expect(info.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(await getManagerInfo(paths, ports)).toHaveProperty('uuid', info.uuid);
    expect(info.tz_offset).toMatch(/^[+-]\d{4}$/);
  });

  it('queues a restart, which execd acts out', async () => {
    await requestManagerRestart(paths, ports);
    for (let i = 0; i < 100 && !readFileSync(paths.ossecLog, 'utf8').includes('Restarting Wazuh manager'); i++) await sleep(10);
    expect(readFileSync(paths.ossecLog, 'utf8')).toContain('wazuh-execd: INFO: Restarting Wazuh manager');
    expect(existsSync(join(paths.varRun, '.api_execq_lock'))).toBe(true);
  });

  it('gives Wazuh transport errors once the daemons are gone', async () => {
    await host?.stop();
    host = undefined;
    await expect(getDaemonStats(paths, ports, 'wazuh-remoted')).rejects.toMatchObject({
      code: 1121,
      message: `Error connecting with socket: ${paths.sockets.remote}`,
    });
    await expect(validateOssecConf(paths, ports)).rejects.toMatchObject({ code: 1901, httpStatus: 500 });
    await expect(requestManagerRestart(paths, ports)).rejects.toMatchObject({ code: 1901 });
    await expect(reloadRuleset(paths, ports)).rejects.toMatchObject({ code: 1013 });
    expect((await getManagerInfo(paths, ports)).openssl_support).toBe('N/A');
  });
});
