/** `/rootcheck` through the real API, the embedded daemons and real sockets, with response validation on. */
import { dataOf, failuresOf, startApiFixture, type ApiFixture } from '../syscheck/api-fixture';
import { eventually } from '../helpers/async';

const END = 1700100000;
const SSH = 'System Audit: SSH Hardening - 3: Root can log in.';
const TROJAN = 'Trojaned version of file detected: /bin/ls';
let fx: ApiFixture;

beforeAll(async () => {
  fx = await startApiFixture();
  const db = await fx.agentDb(1);
  const insert = db.prepare('INSERT INTO pm_event (log, date_first, date_last, pci_dss, cis) VALUES (?, ?, ?, ?, ?)');
  insert.run('Starting rootcheck scan.', END - 300, END - 300, null, null);
  insert.run('Ending rootcheck scan.', END, END, null, null);
  insert.run(SSH, END - 1000, END - 10, '2.2.4', '1.1');
  insert.run(TROJAN, END - 200000, END - 90000, '1.1.1', '2.3');
});

afterAll(() => fx.close());

describe('PUT /rootcheck', () => {
  it('restarts the scans of the listed active agents', async () => {
    const res = await fx.call('PUT', '/rootcheck', { query: { agents_list: ['002', '004'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ message: 'Rootcheck scan was not restarted on some agents', error: 2 });
    expect(dataOf(res).affected_items).toEqual(['002']);
    expect(failuresOf(res)).toEqual({ 1707: ['004'] });
    await eventually(() => expect(fx.arMessages()).toContain('(msg_to_agent) [] N!S 002 syscheck restart'));
  });
});

describe('GET /rootcheck/{agent_id}', () => {
  it('lists findings with their status', async () => {
    const res = await fx.call('GET', '/rootcheck/001');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        affected_items: [
          { status: 'outstanding', log: SSH, date_first: '2023-11-16T01:43:20Z', date_last: '2023-11-16T01:59:50Z', pci_dss: '2.2.4', cis: '1.1' },
          { status: 'solved', log: TROJAN, date_first: '2023-11-13T18:26:40Z', date_last: '2023-11-15T01:00:00Z', pci_dss: '1.1.1', cis: '2.3' },
        ],
        total_affected_items: 2,
        total_failed_items: 0,
        failed_items: [],
      },
      message: 'All selected rootcheck information was returned',
      error: 0,
    });
  });

  it('filters by status (case-insensitive), pci_dss and cis', async () => {
    const logs = async (query: Record<string, string>) =>
      dataOf(await fx.call('GET', '/rootcheck/001', { query })).affected_items.map((item) => item.log);
    expect(await logs({ status: 'SOLVED' })).toEqual([TROJAN]);
    expect(await logs({ pci_dss: '2.2.4' })).toEqual([SSH]);
    expect(await logs({ cis: '2.3', status: 'outstanding' })).toEqual([]);
  });

  it('refuses an unknown status and an unknown agent', async () => {
    const status = await fx.call('GET', '/rootcheck/001', { query: { status: 'fixed' } });
    expect(status.status).toBe(400);
    expect(status.body).toMatchObject({
      detail: 'Invalid status. Valid statuses are: all, solved and outstanding: fixed',
      error: 1603,
    });
    const unknown = await fx.call('GET', '/rootcheck/099');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 1701 });
  });
});

describe('GET /rootcheck/{agent_id}/last_scan', () => {
  it('returns the last scan', async () => {
    const res = await fx.call('GET', '/rootcheck/001/last_scan');
    expect(res.body).toMatchObject({
      data: { affected_items: [{ start: '2023-11-16T01:55:00Z', end: '2023-11-16T02:00:00Z' }] },
      message: 'Last rootcheck scan of the agent was returned',
    });
  });
});

describe('DELETE /rootcheck/{agent_id}', () => {
  it('clears the findings; a refused agent is 403', async () => {
    const limited = await fx.userWith([{ actions: ['rootcheck:clear'], resources: ['agent:id:002'], effect: 'allow' }]);
    const denied = await fx.call('DELETE', '/rootcheck/001', { as: limited });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: 4000, detail: 'Permission denied: Resource type: agent:id' });

    const res = await fx.call('DELETE', '/rootcheck/001');
    expect(res.body).toMatchObject({ message: 'Rootcheck database was cleared on returned agents', error: 0 });
    expect(dataOf(res).affected_items).toEqual(['001']);
    expect(dataOf(await fx.call('GET', '/rootcheck/001')).total_affected_items).toBe(0);
    expect(failuresOf(await fx.call('DELETE', '/rootcheck/099'))).toEqual({ 1701: ['099'] });
  });
});
