/**
 * Stand-in for wazuh-modulesd's agent-upgrade and task-manager modules: the `queue/tasks/upgrade` socket
 * (protocol.md §8). Upgrade requests are validated per agent as the module does (manager, unknown, inactive,
 * platform without WPK, too old, same or newer version, newer than the manager without force, already
 * upgrading), and each accepted one becomes a task in `queue/tasks/tasks.db`. With no real agents to push a WPK
 * to, a task then moves on its own through the states a successful upgrade goes through — `Pending`, `In progress`,
 * `Done` — and the agent's row reports the new version, as the agent would after restarting.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EmbeddedDaemon } from '../types';
import { startFramedServer } from '../common/framed-server';
import { WAZUH_DB_SERVICE, type WazuhDb } from '../wazuh-db';

/** The module's answer codes (`upgrade_error_codes`) and their texts. */
const ERRORS = {
  parse: [1, 'Could not parse message JSON'],
  required: [2, 'Required parameters in json message where not found'],
  noTask: [3, 'No task in DB'],
  agentMissing: [6, 'Agent information not found in database'],
  manager: [7, 'Action not available for Manager (agent 000)'],
  inactive: [8, 'Agent is not active'],
  platform: [9, 'The WPK for this platform is not available'],
  busy: [10, 'Upgrade procedure could not start. Agent already upgrading'],
  tooOld: [11, 'Remote upgrade is not available for this agent version'],
  notNewer: [12, 'Current agent version is greater or equal'],
  aboveManager: [13, 'Upgrading an agent to a version higher than the manager requires the force flag'],
  noFile: [16, 'The WPK file does not exist'],
} as const;

type ErrorName = keyof typeof ERRORS;

/** Platforms with published WPK packages. */
const WPK_PLATFORMS = new Set(['ubuntu', 'debian', 'centos', 'rhel', 'redhat', 'amzn', 'ol', 'fedora', 'opensuse', 'sles', 'rocky', 'almalinux', 'windows', 'darwin']);

/** How long a new task waits before each state change (ms). */
export const UPGRADE_STEP_MS = { start: 500, finish: 1500 };

type Version = [number, number, number];

function parseVersion(text: unknown): Version | undefined {
  const match = typeof text === 'string' ? /v?(\d+)\.(\d+)\.(\d+)/.exec(text) : null;
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** `YYYY/MM/DD HH:MM:SS` in local time, as the module prints task times. */
function moduleTime(epoch: number | null | undefined): string | undefined {
  if (epoch === null || epoch === undefined) return undefined;
  const d = new Date(epoch * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}/${pad(d.getMonth() + 1)}/${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

interface AgentInfo {
  connection_status: string;
  version: string | null;
  os_platform: string | null;
}

interface TaskRow {
  TASK_ID: number;
  AGENT_ID: number;
  NODE: string;
  MODULE: string;
  COMMAND: string;
  CREATE_TIME: number;
  LAST_UPDATE_TIME: number | null;
  STATUS: string;
  ERROR_MESSAGE: string | null;
}

export const upgradeDaemon: EmbeddedDaemon = {
  name: 'wazuh-modulesd:agent-upgrade',
  async start(context) {
    const wdb = context.services.require<WazuhDb>(WAZUH_DB_SERVICE);
    const tasks = () => wdb.store.tasks();
    const timers = new Set<NodeJS.Timeout>();
    const now = () => Math.floor(Date.now() / 1000);
    const managerVersion = () =>
      parseVersion((wdb.store.global.statement('SELECT version FROM agent WHERE id = 0').get() as { version?: string })?.version) ??
      ([4, 14, 4] as Version);

    const later = (ms: number, step: () => void) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        try {
          step();
        } catch (error) {
          context.log('wazuh-modulesd:agent-upgrade', 'ERROR', `Task update failed: ${String(error)}`);
        }
      }, ms);
      timers.add(timer);
    };

    const setStatus = (taskId: number, status: string) =>
      tasks().statement('UPDATE TASKS SET STATUS = ?, LAST_UPDATE_TIME = ? WHERE TASK_ID = ?').run(status, now(), taskId);

    const item = (agent: number, error: ErrorName | undefined, extra: Record<string, unknown> = {}) =>
      error ? { error: ERRORS[error][0], message: ERRORS[error][1], agent } : { error: 0, message: 'Success', agent, ...extra };

    const upgrade = (command: string, parameters: Record<string, unknown>) => {
      const agents = parameters.agents as unknown[];
      const custom = command === 'upgrade_custom';
      const force = parameters.force_upgrade === true;
      const manager = managerVersion();
      const target = parseVersion(parameters.version) ?? manager;
      return agents.map((raw) => {
        const id = Number(raw);
        if (id === 0) return item(id, 'manager');
        const agent = wdb.store.global
          .statement('SELECT connection_status, version, os_platform FROM agent WHERE id = ?')
          .get(id) as AgentInfo | undefined;
        if (!agent) return item(id, 'agentMissing');
        if (agent.connection_status !== 'active') return item(id, 'inactive');
        const running = tasks()
          .statement("SELECT 1 FROM TASKS WHERE AGENT_ID = ? AND STATUS IN ('Pending', 'In progress') LIMIT 1")
          .get(id);
        if (running) return item(id, 'busy');
        if (!agent.os_platform || !WPK_PLATFORMS.has(agent.os_platform)) return item(id, 'platform');
        const current = parseVersion(agent.version);
        if (!current) return item(id, 'agentMissing');
        if (compare(current, [3, 0, 0]) < 0 || (agent.os_platform === 'darwin' && compare(current, [4, 3, 0]) < 0)) {
          return item(id, 'tooOld');
        }
        if (custom) {
          // Daemons run from the install folder: a relative package path is relative to it.
          const file = typeof parameters.file_path === 'string' ? resolve(context.paths.root, parameters.file_path) : undefined;
          if (!file || !existsSync(file)) return item(id, 'noFile');
        } else if (!force) {
          if (compare(current, target) >= 0) return item(id, 'notNewer');
          if (compare(target, manager) > 0) return item(id, 'aboveManager');
        }
        const created = now();
        const taskId = Number(
          tasks()
            .statement('INSERT INTO TASKS (AGENT_ID, NODE, MODULE, COMMAND, CREATE_TIME, LAST_UPDATE_TIME, STATUS) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(id, context.manager.nodeName, 'upgrade_module', command, created, created, 'Pending').lastInsertRowid,
        );
        const version = `Wazuh v${target.join('.')}`;
        later(UPGRADE_STEP_MS.start, () => setStatus(taskId, 'In progress'));
        later(UPGRADE_STEP_MS.start + UPGRADE_STEP_MS.finish, () => {
          setStatus(taskId, 'Done');
          if (!custom) wdb.store.global.statement('UPDATE agent SET version = ? WHERE id = ?').run(version, id);
        });
        return item(id, undefined, { task_id: taskId });
      });
    };

    const results = (parameters: Record<string, unknown>) =>
      (parameters.agents as unknown[]).map((raw) => {
        const id = Number(raw);
        const task = tasks()
          .statement("SELECT * FROM TASKS WHERE AGENT_ID = ? AND MODULE = 'upgrade_module' ORDER BY TASK_ID DESC LIMIT 1")
          .get(id) as TaskRow | undefined;
        if (!task) return item(id, 'noTask');
        const details: Record<string, unknown> = {
          task_id: task.TASK_ID,
          node: task.NODE,
          module: task.MODULE,
          command: task.COMMAND,
          status: task.STATUS,
          create_time: moduleTime(task.CREATE_TIME),
          update_time: moduleTime(task.LAST_UPDATE_TIME),
        };
        if (task.ERROR_MESSAGE) details.error_msg = task.ERROR_MESSAGE;
        return item(id, undefined, details);
      });

    const handle = (request: Buffer): string => {
      let message: { command?: unknown; parameters?: Record<string, unknown> };
      try {
        message = JSON.parse(request.toString('utf8'));
      } catch {
        return JSON.stringify({ error: ERRORS.parse[0], data: [], message: ERRORS.parse[1] });
      }
      const parameters = message.parameters;
      if (!parameters || !Array.isArray(parameters.agents) || typeof message.command !== 'string') {
        return JSON.stringify({ error: ERRORS.required[0], data: [], message: ERRORS.required[1] });
      }
      let data: unknown[];
      if (message.command === 'upgrade' || message.command === 'upgrade_custom') data = upgrade(message.command, parameters);
      else if (message.command === 'upgrade_result') data = results(parameters);
      else return JSON.stringify({ error: 3, data: [], message: 'JSON parameter not recognized' });
      return JSON.stringify({ error: 0, data, message: 'Success' });
    };

    const server = await startFramedServer(context.paths.sockets.upgrade, handle, {
      oneShot: true,
      onError: (error) => context.log('wazuh-modulesd:agent-upgrade', 'ERROR', `Request failed: ${String(error)}`),
    });
    return {
      async stop() {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        await server.close();
      },
    };
  },
};
