/** Rootcheck core against the embedded wazuh-db over its real socket. */
import type Database from 'better-sqlite3';
import { clearRootcheck, lastRootcheckScan, listRootcheck, type RootcheckQuery } from '../../src/core/rootcheck';
import type { MonitoringStore } from '../../src/core/monitoring';
import { startMonitoringFixture, type MonitoringFixture } from '../syscheck/fixture';

/** End of the last scan: findings seen less than a day before it are outstanding. */
const END = 1700100000;

let fx: MonitoringFixture;
let store: MonitoringStore;

function insertEvents(db: Database.Database, rows: Array<[string, number, number, string | null, string | null]>) {
  const insert = db.prepare('INSERT INTO pm_event (log, date_first, date_last, pci_dss, cis) VALUES (?, ?, ?, ?, ?)');
  for (const row of rows) insert.run(...row);
}

beforeAll(async () => {
  fx = await startMonitoringFixture();
  store = { wdb: fx.wdb, agentDb: (id) => fx.host.paths.agentDb(id) };
  insertEvents(await fx.agentDb(1), [
    ['Starting rootcheck scan.', END - 300, END - 300, null, null],
    ['Ending rootcheck scan.', END, END, null, null],
    ['Starting syscheck scan.', END - 50, END - 50, null, null],
    ['System Audit: SSH Hardening - 3: Root can log in.', END - 1000, END - 10, '2.2.4', '1.1'],
    ['Trojaned version of file detected: /bin/ls', END - 200000, END - 90000, '1.1.1', '2.3'],
    ['File /tmp/.x is owned by root and has written permissions to anyone.', END - 500, END - 100, null, '4.4'],
  ]);
});

afterAll(() => fx.close());

const logs = async (query: RootcheckQuery) => (await listRootcheck(store, '001', query)).items.map((item) => item.log);
const SSH = 'System Audit: SSH Hardening - 3: Root can log in.';
const TROJAN = 'Trojaned version of file detected: /bin/ls';
const TMP = 'File /tmp/.x is owned by root and has written permissions to anyone.';

describe('GET /rootcheck/{agent_id}', () => {
  it('lists findings (never the scan markers) with a computed status, newest first', async () => {
    const { total, items } = await listRootcheck(store, '001', {});
    expect(total).toBe(3);
    expect(items).toEqual([
      {
        status: 'outstanding',
        log: SSH,
        date_first: '2023-11-16T01:43:20Z',
        date_last: '2023-11-16T01:59:50Z',
        pci_dss: '2.2.4',
        cis: '1.1',
      },
      { status: 'outstanding', log: TMP, date_first: '2023-11-16T01:51:40Z', date_last: '2023-11-16T01:58:20Z', cis: '4.4' },
      {
        status: 'solved',
        log: TROJAN,
        date_first: '2023-11-13T18:26:40Z',
        date_last: '2023-11-15T01:00:00Z',
        pci_dss: '1.1.1',
        cis: '2.3',
      },
    ]);
  });

  it('filters by status, pci_dss, cis and q', async () => {
    expect(await logs({ status: 'outstanding' })).toEqual([SSH, TMP]);
    expect(await logs({ status: 'solved' })).toEqual([TROJAN]);
    expect(await logs({ status: 'all', pci_dss: '2.2.4' })).toEqual([SSH]);
    expect(await logs({ cis: '2.3' })).toEqual([TROJAN]);
    expect(await logs({ q: 'status=solved' })).toEqual([TROJAN]);
    expect(await logs({ q: 'pci_dss=null' })).toEqual([TMP]);
    expect(await logs({ search: 'trojan' })).toEqual([TROJAN]);
    expect(await logs({ sort: '+date_first' })).toEqual([TROJAN, SSH, TMP]);
  });

  it('selects, distincts and pages', async () => {
    const statuses = await listRootcheck(store, '001', { select: ['status'], distinct: true, sort: 'status' });
    expect(statuses).toEqual({ total: 2, items: [{ status: 'outstanding' }, { status: 'solved' }] });
    const page = await listRootcheck(store, '001', { select: ['cis'], limit: 1, offset: 1 });
    expect(page).toEqual({ total: 3, items: [{ cis: '4.4' }] });
  });

  it('refuses an unknown status (1603), an unknown agent (1701, 404), an agent without database (2007)', async () => {
    await expect(listRootcheck(store, '001', { status: 'fixed' })).rejects.toMatchObject({ code: 1603 });
    await expect(listRootcheck(store, '099', {})).rejects.toMatchObject({ code: 1701, httpStatus: 404 });
    await expect(listRootcheck(store, '003', {})).rejects.toMatchObject({ code: 2007, httpStatus: 400 });
  });
});

describe('GET /rootcheck/{agent_id}/last_scan', () => {
  it('returns the latest start and end markers', async () => {
    expect(await lastRootcheckScan(store, '001')).toEqual({ start: '2023-11-16T01:55:00Z', end: '2023-11-16T02:00:00Z' });
  });

  it('is empty for an agent without scans, and 1701 for an unknown agent', async () => {
    expect(await lastRootcheckScan(store, '005')).toEqual({ start: null, end: null });
    await expect(lastRootcheckScan(store, '099')).rejects.toMatchObject({ code: 1701 });
  });
});

describe('DELETE /rootcheck/{agent_id}', () => {
  it("empties the agent's rootcheck table through wazuh-db", async () => {
    const outcome = await clearRootcheck({ wdb: fx.wdb, clientKeys: fx.host.paths.clientKeys }, ['099', '001']);
    expect(outcome.affected).toEqual(['001']);
    expect(outcome.failed.map(({ id, error }) => [id, error.code])).toEqual([['099', 1701]]);
    expect((await listRootcheck(store, '001', {})).total).toBe(0);
    expect(await lastRootcheckScan(store, '001')).toEqual({ start: null, end: null });
  });
});
