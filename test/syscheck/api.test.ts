/** `/syscheck` through the real API, the embedded daemons and real sockets, with response validation on. */
import { dataOf, failuresOf, startApiFixture, type ApiFixture } from './api-fixture';
import { eventually } from '../helpers/async';
import { insertFim } from './fixture';

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
let fx: ApiFixture;
/** May run and read syscheck on agent 001 only. */
let limited: string;

beforeAll(async () => {
  fx = await startApiFixture();
  insertFim(await fx.agentDb(1), [
    { full_path: '/etc/passwd', file: '/etc/passwd', date: 1700000550, mtime: 1699999999, size: 1234, md5: MD5, uname: 'root' },
    { full_path: '/etc/shadow', file: '/etc/shadow', mtime: 1699999000, size: 800, md5: 'a'.repeat(32) },
    { full_path: '/usr/bin/ls', file: '/usr/bin/ls', mtime: 1700000100, size: 140000, md5: 'b'.repeat(32) },
  ]);
  (await fx.agentDb(1)).prepare("UPDATE scan_info SET start_scan = 1700000500, end_scan = 1700000600 WHERE module = 'fim'").run();
  insertFim(await fx.agentDb(2), [{ full_path: '/etc/hosts', file: '/etc/hosts', mtime: 1 }]);
  limited = await fx.userWith([
    { actions: ['syscheck:run', 'syscheck:read', 'syscheck:clear'], resources: ['agent:id:001'], effect: 'allow' },
  ]);
});

afterAll(() => fx.close());

describe('PUT /syscheck', () => {
  it('restarts the scan of active agents and reports the others', async () => {
    const res = await fx.call('PUT', '/syscheck', { query: { agents_list: ['001', '003', '099'] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ message: 'Syscheck scan was not restarted on some agents', error: 2 });
    expect(dataOf(res)).toMatchObject({ affected_items: ['001'], total_affected_items: 1, total_failed_items: 2 });
    expect(dataOf(res).failed_items).toEqual([
      {
        error: { code: 1701, message: 'Agent does not exist', remediation: expect.stringContaining('GET /agents') },
        id: ['099'],
      },
      {
        error: { code: 1707, message: 'Cannot send request, agent is not active', remediation: expect.any(String) },
        id: ['003'],
      },
    ]);
    await eventually(() => expect(fx.arMessages()).toContain('(msg_to_agent) [] N!S 001 syscheck restart'));
  });

  it('over all agents, hides the agents that are not active', async () => {
    const res = await fx.call('PUT', '/syscheck');
    expect(res.body).toMatchObject({ message: 'Syscheck scan was restarted on returned agents', error: 0 });
    expect(dataOf(res)).toMatchObject({ affected_items: ['000', '001', '002', '005'], failed_items: [] });
  });

  it('reports agents outside the caller permissions as 4000, and runs on the others', async () => {
    const res = await fx.call('PUT', '/syscheck', { as: limited, query: { agents_list: ['001', '002'] } });
    expect(res.status).toBe(200);
    expect(dataOf(res).affected_items).toEqual(['001']);
    expect(dataOf(res).failed_items).toEqual([
      {
        error: {
          code: 4000,
          message: 'Permission denied: Resource type: agent:id',
          remediation: expect.stringContaining('permissions'),
        },
        id: ['002'],
      },
    ]);
    const all = await fx.call('PUT', '/syscheck', { as: limited });
    expect(dataOf(all)).toMatchObject({ affected_items: ['001'], failed_items: [] });
  });

  it('refuses a malformed agent list before running anything', async () => {
    const res = await fx.call('PUT', '/syscheck', { query: { agents_list: 'abc' } });
    expect(res.status).toBe(400);
  });
});

describe('GET /syscheck/{agent_id}', () => {
  it('lists entries with their fields, oldest change first', async () => {
    const res = await fx.call('GET', '/syscheck/001');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ message: 'FIM findings of the agent were returned', error: 0 });
    const data = dataOf(res);
    expect(data.total_affected_items).toBe(3);
    expect(data.affected_items.map((item) => item.file)).toEqual(['/etc/shadow', '/etc/passwd', '/usr/bin/ls']);
    expect(data.affected_items[1]).toMatchObject({
      file: '/etc/passwd',
      type: 'file',
      date: '2023-11-14T22:22:30+00:00',
      mtime: '2023-11-14T22:13:19+00:00',
      size: 1234,
      md5: MD5,
      uname: 'root',
    });
  });

  it('takes the filters, q, select, sort, search, summary and paging', async () => {
    const files = async (query: Record<string, string | number | boolean | string[]>) =>
      dataOf(await fx.call('GET', '/syscheck/001', { query })).affected_items;
    expect(await files({ hash: MD5.toUpperCase() })).toEqual([expect.objectContaining({ file: '/etc/passwd' })]);
    expect(await files({ md5: 'a'.repeat(32), type: 'file' })).toEqual([expect.objectContaining({ file: '/etc/shadow' })]);
    expect(await files({ q: 'size>1000', select: ['size'], sort: '-size' })).toEqual([
      { file: '/usr/bin/ls', size: 140000 },
      { file: '/etc/passwd', size: 1234 },
    ]);
    expect(await files({ search: 'shad', summary: true })).toEqual([
      { file: '/etc/shadow', date: '2023-11-14T22:13:20+00:00', mtime: '2023-11-14T21:56:40+00:00' },
    ]);
    const page = dataOf(await fx.call('GET', '/syscheck/001', { query: { limit: 1, offset: 2, select: ['file'] } }));
    expect(page).toMatchObject({ affected_items: [{ file: '/usr/bin/ls' }], total_affected_items: 3 });
  });

  it('shows a date and mtime of 0 (never set) as null, which the response schema admits', async () => {
    insertFim(await fx.agentDb(5), [{ full_path: '/tmp/unset', file: '/tmp/unset', date: 0, mtime: 0, size: 0 }]);
    const res = await fx.call('GET', '/syscheck/005', { query: { select: ['file', 'date', 'mtime'] } });
    expect(res.status).toBe(200);
    expect(dataOf(res)).toMatchObject({ affected_items: [{ file: '/tmp/unset', date: null, mtime: null }], total_affected_items: 1 });
  });

  it('answers Wazuh errors for bad fields, a missing database, a refused agent', async () => {
    const bad = await fx.call('GET', '/syscheck/001', { query: { select: ['nope'] } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ title: 'Bad Request', error: 1724 });

    const missing = await fx.call('GET', '/syscheck/003');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      title: 'Bad Request',
      detail:
        'Error retrieving data from Wazuh DB: There is no database for agent 003. Please check if the agent has connected to the manager',
      dapi_errors: { node01: { error: expect.stringContaining('There is no database for agent 003') } },
      error: 2007,
    });

    const denied = await fx.call('GET', '/syscheck/002', { as: limited });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ title: 'Permission Denied', detail: 'Permission denied: Resource type: agent:id', error: 4000 });
    expect((await fx.call('GET', '/syscheck/001', { as: limited })).status).toBe(200);
  });
});

describe('GET /syscheck/{agent_id}/last_scan', () => {
  it('returns the last scan, or nulls for an agent that never connected', async () => {
    const res = await fx.call('GET', '/syscheck/001/last_scan');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        affected_items: [{ start: '2023-11-14T22:21:40+00:00', end: '2023-11-14T22:23:20+00:00' }],
        total_affected_items: 1,
        total_failed_items: 0,
        failed_items: [],
      },
      message: 'Last syscheck scan of the agent was returned',
      error: 0,
    });
    const never = await fx.call('GET', '/syscheck/004/last_scan');
    expect(dataOf(never).affected_items).toEqual([{ start: null, end: null }]);
  });

  it('is 404 for an unknown agent', async () => {
    const res = await fx.call('GET', '/syscheck/099/last_scan');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ title: 'Resource Not Found', detail: 'Agent does not exist', error: 1701 });
  });
});

describe('DELETE /syscheck/{agent_id}', () => {
  it('clears an agent older than 3.12.0', async () => {
    const res = await fx.call('DELETE', '/syscheck/002');
    expect(res.body).toMatchObject({ message: 'Syscheck database was cleared on returned agents', error: 0 });
    expect(dataOf(res).affected_items).toEqual(['002']);
    expect(dataOf(await fx.call('GET', '/syscheck/002')).total_affected_items).toBe(0);
  });

  it('refuses newer agents with 1760', async () => {
    const res = await fx.call('DELETE', '/syscheck/001');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        affected_items: [],
        total_affected_items: 0,
        total_failed_items: 1,
        failed_items: [
          {
            error: {
              code: 1760,
              message:
                "Feature only available for older agent versions, it doesn't apply for more recent ones.: Agent version should be < v3.12.0.",
            },
            id: ['001'],
          },
        ],
      },
      message: 'No syscheck database was cleared',
      error: 1,
    });
    expect(failuresOf(await fx.call('DELETE', '/syscheck/099'))).toEqual({ 1701: ['099'] });
  });
});
