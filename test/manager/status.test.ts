import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASIC_SERVICES, MANAGER_DAEMONS, checkDaemonsReady, managerStatus } from '../../src/core/manager';
import { WazuhError } from '../../src/core/errors';
import { wazuhPaths } from '../../src/core/paths';

/** A pid that cannot be alive: above the kernel's pid_max ceiling. */
const DEAD_PID = 4_194_399;

describe('daemon status from var/run', () => {
  let root: string;
  let paths: ReturnType<typeof wazuhPaths>;
  const touch = (name: string) => writeFileSync(join(paths.varRun, name), '');

  beforeEach(() => {
    root = mkdtempSync('/tmp/wm-');
    paths = wazuhPaths(root);
    mkdirSync(paths.varRun, { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reports every daemon, in Wazuh order, stopped when no pid file exists', () => {
    const status = managerStatus(paths);
    expect(Object.keys(status)).toEqual([...MANAGER_DAEMONS]);
    expect(new Set(Object.values(status))).toEqual(new Set(['stopped']));
  });

  it('is running when a pid file names a live process and failed when all its pids are dead', () => {
    touch(`wazuh-db-${process.pid}.pid`);
    touch(`wazuh-remoted-${DEAD_PID}.pid`);
    touch(`wazuh-analysisd-${DEAD_PID}.pid`);
    touch(`wazuh-analysisd-${process.pid}.pid`);
    const status = managerStatus(paths);
    expect(status['wazuh-db']).toBe('running');
    expect(status['wazuh-remoted']).toBe('failed');
    expect(status['wazuh-analysisd']).toBe('running');
    expect(status['wazuh-execd']).toBe('stopped');
  });

  it('gives .failed precedence over .restart, and .restart over .start and pid files', () => {
    touch(`wazuh-db-${process.pid}.pid`);
    touch('wazuh-execd.start');
    expect(managerStatus(paths)['wazuh-execd']).toBe('starting');
    touch('.restart');
    touch('wazuh-modulesd.failed');
    const status = managerStatus(paths);
    expect(status['wazuh-db']).toBe('restarting');
    expect(status['wazuh-execd']).toBe('restarting');
    expect(status['wazuh-modulesd']).toBe('failed');
  });

  it('raises 1913 when /proc cannot be read', () => {
    expect(() => managerStatus(paths, { procDir: join(root, 'no-proc') })).toThrow(
      expect.objectContaining({ code: 1913, httpStatus: 500 }),
    );
  });

  it('lets requests run when the basic services are running or starting', () => {
    for (const daemon of BASIC_SERVICES) touch(`${daemon}-${process.pid}.pid`);
    expect(() => checkDaemonsReady(paths, 'node01')).not.toThrow();
    rmSync(join(paths.varRun, `wazuh-execd-${process.pid}.pid`));
    touch('wazuh-execd.start');
    expect(() => checkDaemonsReady(paths, 'node01')).not.toThrow();
  });

  it('refuses with 1017 naming the node and each daemon that is not ready, in Wazuh order', () => {
    for (const daemon of BASIC_SERVICES) touch(`${daemon}-${process.pid}.pid`);
    rmSync(join(paths.varRun, `wazuh-db-${process.pid}.pid`));
    rmSync(join(paths.varRun, `wazuh-remoted-${process.pid}.pid`));
    touch(`wazuh-remoted-${DEAD_PID}.pid`);
    let error: unknown;
    try {
      checkDaemonsReady(paths, 'node01');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WazuhError);
    expect((error as WazuhError).code).toBe(1017);
    expect((error as WazuhError).httpStatus).toBe(500);
    expect((error as WazuhError).message).toBe(
      'Some Wazuh daemons are not ready yet in node "node01" (wazuh-db->stopped, wazuh-remoted->failed)',
    );
  });

  it('treats a manager-wide restart as not ready', () => {
    for (const daemon of BASIC_SERVICES) touch(`${daemon}-${process.pid}.pid`);
    touch('.restart');
    expect(() => checkDaemonsReady(paths, 'master-a')).toThrow(
      'Some Wazuh daemons are not ready yet in node "master-a" (wazuh-modulesd->restarting, wazuh-analysisd->restarting, ' +
        'wazuh-execd->restarting, wazuh-db->restarting, wazuh-remoted->restarting)',
    );
  });
});
