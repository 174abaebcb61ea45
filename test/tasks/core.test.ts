/** Task list against the embedded wazuh-db's `task` actor (queue/tasks/tasks.db) over its real socket. */
import { listTasks, type TasksQuery } from '../../src/core/tasks';
import { startMonitoringFixture, type MonitoringFixture } from '../syscheck/fixture';

let fx: MonitoringFixture;

beforeAll(async () => {
  fx = await startMonitoringFixture();
  const db = await fx.tasksDb();
  const insert = db.prepare(
    'INSERT INTO tasks (agent_id, node, module, command, create_time, last_update_time, status, error_message) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  insert.run(1, 'node01', 'upgrade_module', 'upgrade', 1700000000, 1700000100, 'Done', null);
  insert.run(2, 'node01', 'upgrade_module', 'upgrade', 1700000200, null, 'In progress', null);
  insert.run(12, 'worker1', 'upgrade_module', 'upgrade_custom', 1700000300, 1700000400, 'Failed', 'The WPK file does not exist');
  insert.run(1, 'worker1', 'upgrade_module', 'upgrade', 1700000500, 1700000600, 'Legacy', null);
});

afterAll(() => fx.close());

const ids = async (query: TasksQuery) => (await listTasks(fx.wdb, query)).items.map((item) => item.task_id);

describe('GET /tasks/status', () => {
  it('lists tasks by id, agent ids padded, dates in the framework format, NULL columns left out', async () => {
    const { total, items } = await listTasks(fx.wdb, { limit: 2 });
    expect(total).toBe(4);
    expect(items).toEqual([
      {
        task_id: 1, agent_id: '001', node: 'node01', module: 'upgrade_module', command: 'upgrade',
        create_time: '2023-11-14T22:13:20Z', last_update_time: '2023-11-14T22:15:00Z', status: 'Done',
      },
      {
        task_id: 2, agent_id: '002', node: 'node01', module: 'upgrade_module', command: 'upgrade',
        create_time: '2023-11-14T22:16:40Z', status: 'In progress',
      },
    ]);
  });

  it('filters by task and agent lists, status, module, command and node', async () => {
    expect(await ids({ filters: { tasks_list: ['2', '3'] } })).toEqual([2, 3]);
    expect(await ids({ filters: { agents_list: ['001'] } })).toEqual([1, 4]);
    expect(await ids({ filters: { agents_list: ['012', '002'] } })).toEqual([2, 3]);
    expect(await ids({ filters: { status: 'failed' } })).toEqual([3]);
    expect(await ids({ filters: { command: 'upgrade', node: 'worker1' } })).toEqual([4]);
    expect(await ids({ filters: { module: 'upgrade_module' } })).toEqual([1, 2, 3, 4]);
  });

  it('applies q, search, select and sort', async () => {
    expect(await ids({ q: 'agent_id=1;status!=done' })).toEqual([4]);
    expect(await ids({ search: 'wpk' })).toEqual([3]);
    expect(await ids({ sort: '-create_time', limit: 2 })).toEqual([4, 3]);
    const selected = await listTasks(fx.wdb, { select: ['error_message'], q: 'task_id=3' });
    expect(selected).toEqual({ total: 1, items: [{ task_id: 3, error_message: 'The WPK file does not exist' }] });
    await expect(listTasks(fx.wdb, { sort: 'nope' })).rejects.toMatchObject({ code: 1403 });
  });
});
