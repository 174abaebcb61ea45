/** `GET /tasks/status`. */
import type { Handler } from '../src/api/context';
import { getTasksStatus } from '../src/framework/tasks';
import { callOf } from './monitoring';
import { list, listParams, text } from './params';

const get_tasks_status: Handler = async (ctx) => {
  const query = ctx.params.query;
  const { distinct: _distinct, ...params } = listParams(query);
  return getTasksStatus(callOf(ctx), {
    ...params,
    filters: {
      tasks_list: list(query.tasks_list),
      agents_list: list(query.agents_list),
      status: text(query.status),
      module: text(query.module),
      command: text(query.command),
      node: text(query.node),
    },
  });
};

export const handlers: Record<string, Handler> = { get_tasks_status };
