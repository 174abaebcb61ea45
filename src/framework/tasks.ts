/** `GET /tasks/status`: `task:status` on `*:*:*`, then the task manager's table. */
import { listTasks, TASKS_MESSAGES, type TasksQuery } from '../core/tasks';
import { listResult, requireResourceless, type MonitoringCall } from './monitoring';

export async function getTasksStatus(call: MonitoringCall, query: TasksQuery) {
  requireResourceless(call, 'task:status');
  return listResult(TASKS_MESSAGES, await listTasks(call.deps.wdb, query, { signal: call.signal }));
}
