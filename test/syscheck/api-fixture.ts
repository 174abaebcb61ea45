/**
 * The real API with the embedded daemons (wazuh-db, authd, remoted, analysisd...) on a temp WAZUH_PATH, response
 * validation on, seeded with the agents of `fixture.ts`; plus a token for `wazuh` and a way to log in as a user
 * whose only policies are the ones given.
 */
import Database from 'better-sqlite3';
import { wazuhPaths, type WazuhPaths } from '../../src/core/paths';
import { WazuhDBClient } from '../../src/ipc';
import { hashPassword, SecurityService } from '../../src/rbac';
import type { PolicyBody } from '../../src/rbac/defaults';
import type { RawResponse } from '../helpers/http';
import { startTestServer, type TestRequest, type TestServer } from '../helpers/server';
import { AGENTS, installData, seedAgents, type SeedAgent } from './fixture';

export interface ApiFixture {
  server: TestServer;
  paths: WazuhPaths;
  /** Token of the default administrator (`wazuh`). */
  admin: string;
  wdb: WazuhDBClient;
  /** Logs in as a new user whose one role holds exactly these policies. */
  userWith(policies: PolicyBody[]): Promise<string>;
  call(method: string, path: string, options?: TestRequest & { as?: string }): Promise<RawResponse>;
  agentDb(id: number): Promise<Database.Database>;
  tasksDb(): Promise<Database.Database>;
  arMessages(): string[];
  close(): Promise<void>;
}

let users = 0;

export async function startApiFixture(agents: SeedAgent[] = AGENTS): Promise<ApiFixture> {
  const server = await startTestServer({ daemons: true });
  const paths = wazuhPaths(server.wazuhPath);
  const wdb = WazuhDBClient.forInstall(server.wazuhPath);
  const data = installData(wdb, paths);
  seedAgents(data.open(paths.globalDb), paths.clientKeys, agents);
  const admin = await server.login();
  const security = server.api.services.security as SecurityService;
  return {
    server,
    paths,
    admin,
    wdb,
    async userWith(policies) {
      const name = `user${++users}`;
      const password = 'Secret.Pass1';
      const { store } = security;
      const user = store.insertUser(name, await hashPassword(password));
      const role = store.insertRole(`role_${name}`);
      policies.forEach((policy, i) => store.linkRolePolicy(role.id, store.insertPolicy(`policy_${name}_${i}`, policy).id));
      store.linkUserRole(user!.id, role.id);
      return server.login(name, password);
    },
    call(method, path, options = {}) {
      const { as, ...request } = options;
      return server.request(method, path, { token: as ?? admin, ...request });
    },
    agentDb: data.agentDb,
    tasksDb: data.tasksDb,
    arMessages: data.arMessages,
    async close() {
      data.close();
      wdb.close();
      await server.close();
    },
  };
}

/** The `data` of a list answer. */
export interface ListData<T = Record<string, unknown>> {
  affected_items: T[];
  total_affected_items: number;
  total_failed_items: number;
  failed_items: Array<{ error: { code: number; message: string; remediation?: string }; id: Array<string | number> }>;
}

export function dataOf<T = Record<string, unknown>>(res: RawResponse): ListData<T> {
  return (res.body as { data: ListData<T> }).data;
}

/** Failed items as `{code: ids}`. */
export function failuresOf(res: RawResponse): Record<number, Array<string | number>> {
  return Object.fromEntries(dataOf(res).failed_items.map((item) => [item.error.code, item.id]));
}
