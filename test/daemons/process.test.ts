import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { WazuhDBClient } from '../../src/ipc';
import { wazuhPaths } from '../../src/core/paths';
import { startEmbeddedDaemons, type EmbeddedDaemonsHandle } from '../../src/daemons';
import { PID_FILE_DAEMONS } from '../../src/daemons/pid-files';
import { shortTempDir, sleep } from './helpers';
import { waitFor, wazuhErrorOf } from '../helpers/async';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A query SQLite needs seconds for, so it is still running when the daemon dies. */
const SLOW_SQL =
  'select count(*) from (with recursive c(x) as (select 1 union all select x + 1 from c where x < 200000000) select x from c)';

describe('embedded daemons in a child process', () => {
  const tmp = shortTempDir();
  const paths = wazuhPaths(tmp.dir);
  const client = WazuhDBClient.forInstall(tmp.dir, { timeoutMs: 3000 });
  let daemons: EmbeddedDaemonsHandle | undefined;
  let unexpectedExits = 0;

  afterAll(async () => {
    client.close();
    await daemons?.stop();
    tmp.cleanup();
  });

  it('starts from jest through tsx and writes the pid files with the child\'s pid', async () => {
    daemons = await startEmbeddedDaemons(tmp.dir, { hostname: 'wazuh-manager', onExit: () => unexpectedExits++ });
    expect(daemons.pid).not.toBe(process.pid);
    const pidFiles = readdirSync(paths.varRun).filter((file) => file.endsWith('.pid')).sort();
    expect(pidFiles).toEqual(PID_FILE_DAEMONS.map((name) => `${name}-${daemons?.pid}.pid`).sort());
    expect(readFileSync(`${paths.varRun}/wazuh-db-${daemons.pid}.pid`, 'utf8').trim()).toBe(String(daemons.pid));
    expect(await client.scalar('global', 'select name from agent where id = 0')).toBe('wazuh-manager');
  });

  it('fails calls quickly with Wazuh errors when the child is killed mid-run, then recovers after a restart', async () => {
    const killed = daemons as EmbeddedDaemonsHandle;
    const inFlight = wazuhErrorOf(client.sql('global', SLOW_SQL, { timeoutMs: 10_000 }));
    await sleep(200);
    const killedAt = Date.now();
    process.kill(killed.pid, 'SIGKILL');
    const cut = await inFlight;
    expect([2005, 2010]).toContain(cut.code);
    expect(Date.now() - killedAt).toBeLessThan(2000);
    await waitFor(() => !processAlive(killed.pid));
    await waitFor(() => unexpectedExits === 1);

    const started = Date.now();
    const down = await wazuhErrorOf(client.sql('global', 'select 1', { timeoutMs: 1000 }));
    expect(down.code).toBe(2005);
    expect(Date.now() - started).toBeLessThan(1500);

    daemons = await startEmbeddedDaemons(tmp.dir, { hostname: 'wazuh-manager' });
    // pid files of the dead child were cleaned up, the new child's are in place
    const pids = readdirSync(paths.varRun).filter((file) => file.endsWith('.pid'));
    expect(pids.length > 0 && pids.every((file) => file.endsWith(`-${daemons?.pid}.pid`))).toBe(true);
    expect(await client.sql('global', 'select id from agent')).toEqual([{ id: 0 }]);
  });

  it('removes its pid files and sockets on stop', async () => {
    await daemons?.stop();
    // The daemons' state files stay, as on a real manager; pid files go.
    expect(readdirSync(paths.varRun).filter((file) => file.endsWith('.pid'))).toEqual([]);
    expect(existsSync(paths.sockets.wdb)).toBe(false);
    expect(existsSync(paths.sockets.auth)).toBe(false);
    expect((await wazuhErrorOf(client.sql('global', 'select 1', { timeoutMs: 500 }))).code).toBe(2005);
    daemons = undefined;
  });
});
