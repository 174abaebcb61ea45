/** `GET /tasks/status` through the real API and the embedded wazuh-db, with response validation on. */
import { dataOf, startApiFixture, type ApiFixture } from '../syscheck/api-fixture';

let fx: ApiFixture;

beforeAll(async () => {
  fx = await startApiFixture();
  const insert = (await fx.tasksDb()).prepare(
    'INSERT INTO tasks (agent_id, node, module, command, create_time, last_update_time, status, error_message) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  insert.run(1, 'node01', 'upgrade_module', 'upgrade', 1700000000, 1700000100, 'Done', null);
  insert.run(2, 'node01', 'upgrade_module', 'upgrade', 1700000200, null, 'In progress', null);
  insert.run(3, 'node01', 'upgrade_module', 'upgrade_custom', 1700000300, 1700000400, 'Failed', 'The WPK file does not exist');
});

afterAll(() => fx.close());

describe('GET /tasks/status', () => {
  it('lists tasks', async () => {
    const res = await fx.call('GET', '/tasks/status', { query: { limit: 1 } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        affected_items: [
          {
            task_id: 1, agent_id: '001', node: 'node01', module: 'upgrade_module', command: 'upgrade',
            create_time: '2023-11-14T22:13:20Z', last_update_time: '2023-11-14T22:15:00Z', status: 'Done',
          },
        ],
        total_affected_items: 3,
        total_failed_items: 0,
        failed_items: [],
      },
      message: "All specified task's status were returned",
      error: 0,
    });
  });

  it('filters by agents, tasks, status, command, node and module, and takes q, select and sort', async () => {
    const ids = async (query: Record<string, string | string[]>) =>
      dataOf(await fx.call('GET', '/tasks/status', { query })).affected_items.map((item) => item.task_id);
    expect(await ids({ agents_list: ['002', '003'] })).toEqual([2, 3]);
    expect(await ids({ tasks_list: ['1', '3'], status: 'failed' })).toEqual([3]);
    expect(await ids({ command: 'upgrade', node: 'node01', module: 'upgrade_module' })).toEqual([1, 2]);
    expect(await ids({ q: 'status!=done', sort: '-task_id' })).toEqual([3, 2]);
    const selected = dataOf(await fx.call('GET', '/tasks/status', { query: { select: ['error_message'], search: 'wpk' } }));
    expect(selected.affected_items).toEqual([{ task_id: 3, error_message: 'The WPK file does not exist' }]);
  });

  it('answers an empty list with the "none" message, and 403 without task:status', async () => {
    const none = await fx.call('GET', '/tasks/status', { query: { agents_list: ['099'] } });
    expect(none.body).toMatchObject({ data: { affected_items: [], total_affected_items: 0 }, message: 'No status was returned', error: 0 });
    const reader = await fx.userWith([{ actions: ['agent:read'], resources: ['agent:id:*'], effect: 'allow' }]);
    const denied = await fx.call('GET', '/tasks/status', { as: reader });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: 4000 });
    const bad = await fx.call('GET', '/tasks/status', { query: { sort: 'nope' } });
    expect(bad.body).toMatchObject({ error: 1403 });
  });
});
