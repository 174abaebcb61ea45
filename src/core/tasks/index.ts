/**
 * The task manager's table (`queue/tasks/tasks.db`, read through wazuh-db's `task` actor): one row per task the
 * manager handed to a module, agent upgrades mostly (`GET /tasks/status`).
 */
import { readItems, type ListResult, type WdbCallOptions, type WdbReader } from '../monitoring';
import { compileQuery, defineQueryModel, type QueryParams } from '../query';

export const TASKS_MODEL = defineQueryModel({
  name: 'tasks',
  from: 'tasks',
  fields: {
    task_id: { sql: 'task_id', type: 'number', search: 'exact' },
    agent_id: { sql: 'agent_id', type: 'number', format: 'pad3', search: 'exact' },
    node: { sql: 'node' },
    module: { sql: 'module' },
    command: { sql: 'command' },
    create_time: { sql: 'create_time', type: 'date', format: 'dateZ' },
    last_update_time: { sql: 'last_update_time', type: 'date', format: 'dateZ' },
    status: { sql: 'status' },
    error_message: { sql: 'error_message' },
  },
  alwaysSelect: ['task_id'],
  defaultSort: { field: 'task_id', order: 'asc' },
  key: 'task_id',
  filters: {
    tasks_list: { field: 'task_id' },
    agents_list: { field: 'agent_id' },
    status: { field: 'status' },
    module: { field: 'module' },
    command: { field: 'command' },
    node: { field: 'node' },
  },
});

export interface TaskFilters {
  tasks_list?: readonly string[];
  agents_list?: readonly string[];
  status?: string;
  module?: string;
  command?: string;
  node?: string;
}

export interface TasksQuery extends Omit<QueryParams, 'filters' | 'distinct'> {
  filters?: TaskFilters;
}

/** `GET /tasks/status`. */
export async function listTasks(wdb: WdbReader, query: TasksQuery, options: WdbCallOptions = {}): Promise<ListResult> {
  const { filters = {}, ...params } = query;
  const compiled = compileQuery(TASKS_MODEL, { ...params, filters: { ...filters } });
  return readItems(wdb, 'task', TASKS_MODEL, compiled, options);
}

export const TASKS_MESSAGES = {
  all: "All specified task's status were returned",
  some: 'Some status were not returned',
  none: 'No status was returned',
} as const;
