/**
 * The Agents, Groups and Overview operations end to end: the real API (responses validated against spec.yaml)
 * over the embedded daemons on real sockets, on a seeded fleet and on a fresh install (global.db from Wazuh's
 * schema only, agent 000 alone). Expected values are read from global.db and the install's files, never
 * hard-coded.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seedFleet } from '../../scripts/seed';
import { SecurityService } from '../../src/rbac';
import { hashPasswordSync } from '../../src/rbac/passwords';
import { arLogPath } from '../../src/daemons/remoted/ar-queue';
import { makeWazuhPath, startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/async';

type Body = {
  data: {
    affected_items: Array<Record<string, unknown>>;
    total_affected_items: number;
    total_failed_items: number;
    failed_items: Array<{ error: { code: number; message: string }; id: string[] }>;
  };
  message: string;
  error: number;
};
type Problem = { title: string; detail: string; error: number };

const pad = (n: number) => String(n).padStart(3, '0');

function failures(body: Body): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of body.data.failed_items) for (const id of entry.id) out[id] = entry.error.code;
  return out;
}

interface Env {
  server: TestServer;
  token: string;
  root: string;
  sql<T = Record<string, unknown>>(text: string, ...params: unknown[]): T[];
  exec(text: string, ...params: unknown[]): void;
  call(method: string, path: string, options?: Parameters<TestServer['request']>[2]): Promise<{ status: number; body: unknown; text: string; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

async function startEnv(agents: number): Promise<Env> {
  const root = makeWazuhPath();
  if (agents > 0) seedFleet(root, { agents, seed: 11 });
  const server = await startTestServer({ daemons: true, wazuhPath: root });
  const token = await server.login();
  const open = (readonly: boolean) => {
    const db = new Database(join(root, 'queue', 'db', 'global.db'), { readonly });
    db.pragma('busy_timeout = 5000');
    return db;
  };
  return {
    server,
    token,
    root,
    sql<T>(text: string, ...params: unknown[]) {
      const db = open(true);
      try {
        return db.prepare(text).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    exec(text: string, ...params: unknown[]) {
      const db = open(false);
      try {
        db.prepare(text).run(...params);
      } finally {
        db.close();
      }
    },
    call: (method, path, options = {}) => server.request(method, path, { token, ...options }) as never,
    async close() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

describe('on a seeded fleet', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv(400);
  }, 60_000);
  afterAll(() => env.close());

  describe('GET /agents', () => {
    it('pages through every agent, the manager included, with the total of all matches', async () => {
      const res = await env.call('GET', '/agents', { query: { limit: 150, offset: 100 } });
      expect(res.status).toBe(200);
      const body = res.body as Body;
      expect(body.error).toBe(0);
      expect(body.message).toBe('All selected agents information was returned');
      expect(body.data.total_affected_items).toBe(401);
      expect(body.data.affected_items.map((a) => a.id)).toEqual(Array.from({ length: 150 }, (_, i) => pad(i + 100)));
      const row = env.sql<{ name: string; date_add: number }>('SELECT name, date_add FROM agent WHERE id = 100')[0];
      expect(body.data.affected_items[0]).toMatchObject({
        id: '100',
        name: row.name,
        dateAdd: new Date(row.date_add * 1000).toISOString().replace('.000Z', '+00:00'),
      });
      expect(body.data.affected_items[0]).not.toHaveProperty('internal_key');
    });

    it('filters, searches, sorts and selects in SQL', async () => {
      const res = await env.call('GET', '/agents', {
        query: { status: 'active', 'os.platform': 'ubuntu', select: 'name,status', sort: '-name', limit: 5 },
      });
      const body = res.body as Body;
      const expected = env.sql<{ id: number; name: string }>(
        "SELECT id, name FROM agent WHERE connection_status = 'active' AND os_platform = 'ubuntu' ORDER BY name DESC LIMIT 5",
      );
      expect(body.data.affected_items).toEqual(expected.map((r) => ({ id: pad(r.id), name: r.name, status: 'active' })));
      const total = env.sql<{ n: number }>(
        "SELECT COUNT(*) AS n FROM agent WHERE connection_status = 'active' AND os_platform = 'ubuntu'",
      )[0].n;
      expect(body.data.total_affected_items).toBe(total);

      const q = (await env.call('GET', '/agents', { query: { q: 'group=webservers;status!=active', select: 'group' } })).body as Body;
      const members = env.sql<{ n: number }>(
        "SELECT COUNT(*) AS n FROM agent WHERE (',' || `group` || ',') LIKE '%,webservers,%' AND connection_status != 'active'",
      )[0].n;
      expect(q.data.total_affected_items).toBe(members);
      for (const item of q.data.affected_items) expect(item.group).toContain('webservers');

      const named = env.sql<{ name: string }>('SELECT name FROM agent WHERE id = 7')[0].name;
      const search = (await env.call('GET', '/agents', { query: { search: named } })).body as Body;
      expect(search.data.affected_items.map((a) => a.id)).toEqual(['007']);
    });

    it('reports named agents that do not exist and answers Wazuh errors for bad input', async () => {
      const res = await env.call('GET', '/agents', { query: { agents_list: '001,002,9999' } });
      const body = res.body as Body;
      expect(body.error).toBe(2);
      expect(body.data.affected_items.map((a) => a.id)).toEqual(['001', '002']);
      expect(failures(body)).toEqual({ '9999': 1701 });
      expect(body.message).toBe('Some agents information was not returned');

      const badField = await env.call('GET', '/agents', { query: { q: 'nosuch=1' } });
      expect(badField.status).toBe(400);
      expect((badField.body as Problem).error).toBe(1408);
      const badSort = await env.call('GET', '/agents', { query: { sort: '-nosuch' } });
      expect((badSort.body as Problem).error).toBe(1403);
    });
  });

  describe('views, summaries and the overview', () => {
    it('summarizes status and sync state without the manager', async () => {
      const body = (await env.call('GET', '/agents/summary/status')).body as { data: Record<string, Record<string, number>> };
      for (const row of env.sql<{ s: string; n: number }>('SELECT connection_status AS s, COUNT(*) AS n FROM agent WHERE id != 0 GROUP BY s')) {
        expect(body.data.connection[row.s]).toBe(row.n);
      }
      expect(body.data.connection.total).toBe(400);
      const notSynced = env.sql<{ n: number }>("SELECT COUNT(*) AS n FROM agent WHERE id != 0 AND group_config_status = 'not synced'")[0].n;
      expect(body.data.configuration).toEqual({ synced: 400 - notSynced, not_synced: notSynced, total: 400 });
    });

    it('lists OS platforms, distinct values, the summary, outdated agents and agents without group', async () => {
      const os = (await env.call('GET', '/agents/summary/os')).body as Body;
      const platforms = env.sql<{ p: string }>(
        "SELECT DISTINCT os_platform AS p FROM agent WHERE id != 0 AND os_platform IS NOT NULL AND os_platform != '' ORDER BY p",
      );
      expect(os.data.affected_items).toEqual(platforms.map((r) => r.p));

      const distinct = (await env.call('GET', '/agents/stats/distinct', { query: { fields: 'os.platform', sort: '-count', limit: 1 } })).body as Body;
      const top = env.sql<{ p: string | null; n: number }>('SELECT os_platform AS p, COUNT(*) AS n FROM agent GROUP BY p ORDER BY n DESC LIMIT 1')[0];
      expect(distinct.data.affected_items).toEqual([{ os: { platform: top.p ?? 'N/A' }, count: top.n }]);

      const summary = (await env.call('GET', '/agents/summary')).body as { data: { status: Record<string, number>; groups: Record<string, number> } };
      const active = env.sql<{ n: number }>("SELECT COUNT(*) AS n FROM agent WHERE id != 0 AND connection_status = 'active'")[0].n;
      expect(summary.data.status.active).toBe(active);

      const outdated = (await env.call('GET', '/agents/outdated', { query: { limit: 1 } })).body as Body;
      const stale = env.sql<{ n: number }>("SELECT COUNT(*) AS n FROM agent WHERE version != (SELECT version FROM agent WHERE id = 0)")[0].n;
      expect(outdated.data.total_affected_items).toBe(stale);

      const noGroup = (await env.call('GET', '/agents/no_group')).body as Body;
      expect(noGroup.data.total_affected_items).toBe(0);
    });

    it('gives the overview of the fleet', async () => {
      const res = await env.call('GET', '/overview/agents');
      expect(res.status).toBe(200);
      const data = (res.body as { data: Record<string, unknown> }).data;
      expect(data.nodes).toEqual([{ node_name: 'node01', count: 400 }]);
      const newest = env.sql<{ id: number }>('SELECT id FROM agent WHERE id != 0 ORDER BY date_add DESC, id LIMIT 1')[0];
      expect((data.last_registered_agent as Array<{ id: string }>)[0].id).toBe(pad(newest.id));
      expect((data.agent_status as { connection: { total: number } }).connection.total).toBe(400);
      const groups = data.groups as Array<{ name: string; count: number }>;
      const web = env.sql<{ n: number }>("SELECT COUNT(*) AS n FROM belongs JOIN `group` ON id = id_group WHERE name = 'webservers'")[0].n;
      expect(groups.find((g) => g.name === 'webservers')?.count).toBe(web);
    });
  });

  describe('groups', () => {
    it('creates a group, lists it once wazuh-db has it, reads and replaces its configuration', async () => {
      const created = await env.call('POST', '/groups', { body: { group_id: 'api-test' } });
      expect(created.body).toEqual({ message: "Group 'api-test' created.", error: 0 });
      const dup = await env.call('POST', '/groups', { body: { group_id: 'api-test' } });
      expect(dup.status).toBe(400);
      expect((dup.body as Problem).error).toBe(1711);

      const listed = await waitFor(async () => {
        const body = (await env.call('GET', '/groups', { query: { groups_list: 'api-test' } })).body as Body;
        return body.data.total_affected_items === 1 ? body : undefined;
      }, 8000);
      expect(listed.data.affected_items[0]).toMatchObject({ name: 'api-test', count: 0 });

      const xml = '<agent_config>\n  <localfile>\n    <location>/var/log/api.log</location>\n    <log_format>syslog</log_format>\n  </localfile>\n</agent_config>';
      const put = await env.call('PUT', '/groups/api-test/configuration', { body: xml, headers: { 'Content-Type': 'application/xml' } });
      expect(put.body).toEqual({ message: 'Agent configuration was successfully updated', error: 0 });
      const conf = (await env.call('GET', '/groups/api-test/configuration')).body as { data: { affected_items: unknown[]; total_affected_items: number } };
      expect(conf.data).toEqual({
        total_affected_items: 1,
        affected_items: [{ filters: {}, config: { localfile: [{ location: '/var/log/api.log', log_format: 'syslog' }] } }],
      });
      const bad = await env.call('PUT', '/groups/api-test/configuration', {
        body: '<agent_config><nosuch/></agent_config>',
        headers: { 'Content-Type': 'application/xml' },
      });
      expect(bad.status).toBe(400);
      expect((bad.body as Problem).error).toBe(1114);

      const raw = await env.call('GET', '/groups/api-test/files/agent.conf', { query: { raw: true } });
      expect(raw.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(raw.text).toBe(readFileSync(join(env.root, 'etc', 'shared', 'api-test', 'agent.conf'), 'utf8'));
      const files = (await env.call('GET', '/groups/api-test/files')).body as Body;
      expect(files.data.affected_items.map((f) => f.filename)).toEqual(['agent.conf', 'ar.conf']);
    });

    it('assigns and removes agents, and lists group members', async () => {
      const put = (await env.call('PUT', '/agents/group', { query: { group_id: 'api-test', agents_list: '001,002,000,9999' } })).body as Body;
      expect(put.data.affected_items).toEqual(['001', '002']);
      expect(failures(put)).toEqual({ '000': 1703, '9999': 1701 });
      expect(put.message).toBe('Some agents were not assigned to api-test');

      const members = (await env.call('GET', '/groups/api-test/agents', { query: { select: 'id' } })).body as Body;
      expect(members.data.affected_items).toEqual([{ id: '001' }, { id: '002' }]);

      const single = await env.call('DELETE', '/agents/001/group/api-test');
      expect(single.body).toEqual({ message: "Agent '001' removed from 'api-test'.", error: 0 });
      const missing = await env.call('DELETE', '/agents/001/group/nosuchgroup');
      expect(missing.status).toBe(404);
      expect((missing.body as Problem).error).toBe(1710);

      const many = (await env.call('DELETE', '/agents/group', { query: { group_id: 'api-test', agents_list: 'all' } })).body as Body;
      expect(many.data.affected_items).toEqual(['002']);
      expect(many.data.failed_items).toEqual([]);

      const deleted = (await env.call('DELETE', '/groups', { query: { groups_list: 'api-test,default,nosuch' } })).body as Body;
      expect(deleted.data.affected_items).toEqual(['api-test']);
      expect(failures(deleted)).toEqual({ default: 1712, nosuch: 1710 });
    });
  });

  describe('commands', () => {
    it('restarts and reconnects active agents through the active-response queue', async () => {
      const [active] = env.sql<{ id: number }>("SELECT id FROM agent WHERE connection_status = 'active' AND id != 0 ORDER BY id LIMIT 1");
      const [idle] = env.sql<{ id: number }>("SELECT id FROM agent WHERE connection_status = 'disconnected' ORDER BY id LIMIT 1");
      const body = (await env.call('PUT', '/agents/restart', { query: { agents_list: `${pad(active.id)},${pad(idle.id)},000` } })).body as Body;
      expect(body.data.affected_items).toEqual([pad(active.id)]);
      expect(failures(body)).toEqual({ [pad(idle.id)]: 1707, '000': 1703 });
      const reconnect = (await env.call('PUT', '/agents/reconnect', { query: { agents_list: pad(active.id) } })).body as Body;
      expect(reconnect.message).toBe('Force reconnect command was sent to all agents');
      const records = await waitFor(() => {
        try {
          const lines = readFileSync(arLogPath({ logs: join(env.root, 'logs') } as never), 'utf8').split('\n').filter(Boolean);
          const parsed = lines.map((line) => JSON.parse(line) as { kind: string; agent: string; message: string });
          return parsed.some((r) => r.kind === 'reconnect' && r.agent === pad(active.id)) ? parsed : undefined;
        } catch {
          return undefined;
        }
      }, 8000);
      const restartSent = records.find((r) => r.kind === 'restart' && r.agent === pad(active.id));
      expect(restartSent?.message).toMatch(new RegExp(`^\\(msg_to_agent\\) \\[\\] NNS ${pad(active.id)} \\{"version": 1, `));

      const byNode = await env.call('PUT', '/agents/node/node01/restart');
      expect(byNode.status).toBe(400);
      expect((byNode.body as Problem).error).toBe(3013);

      const byGroup = (await env.call('PUT', '/agents/group/webservers/restart')).body as Body;
      const activeWeb = env.sql<{ n: number }>(
        "SELECT COUNT(*) AS n FROM agent WHERE connection_status = 'active' AND (',' || `group` || ',') LIKE '%,webservers,%'",
      )[0].n;
      expect(body.error === 2 || body.error === 0).toBe(true);
      expect(byGroup.data.total_affected_items).toBe(activeWeb);
      expect(byGroup.data.failed_items).toEqual([]);
    });

    it('creates upgrade tasks and reports them', async () => {
      const [old, other] = env.sql<{ id: number }>(
        "SELECT id FROM agent WHERE connection_status = 'active' AND version = 'Wazuh v4.7.5' AND os_platform IN ('ubuntu','debian','windows') ORDER BY id LIMIT 2",
      );
      const created = (await env.call('PUT', '/agents/upgrade', { query: { agents_list: `${pad(old.id)},000` } })).body as Body;
      expect(created.data.affected_items).toEqual([{ agent: pad(old.id), task_id: expect.any(Number) }]);
      expect(failures(created)).toEqual({ '000': 1703 });
      const result = (await env.call('GET', '/agents/upgrade_result', { query: { agents_list: pad(old.id) } })).body as Body;
      expect(result.data.affected_items[0]).toMatchObject({ agent: pad(old.id), command: 'upgrade', module: 'upgrade_module' });
      // The package must exist on the manager: the module's answer for a missing one fails the request.
      const missing = join(env.root, 'var', 'upgrade', 'none.wpk');
      const custom = await env.call('PUT', '/agents/upgrade_custom', { query: { agents_list: pad(other.id), file_path: missing } });
      expect(custom.status).toBe(500);
      expect((custom.body as Problem).error).toBe(1826);
      expect((custom.body as Problem).detail).toBe('The WPK file does not exist');
      expect((await env.call('GET', '/agents/uninstall')).body).toEqual({ message: 'User has permission to uninstall agents', error: 0 });
    });

    it('asks agents for configuration and stats only when they can answer', async () => {
      const [idle] = env.sql<{ id: number }>("SELECT id FROM agent WHERE connection_status = 'disconnected' ORDER BY id LIMIT 1");
      const config = await env.call('GET', `/agents/${pad(idle.id)}/config/com/active-response`);
      expect(config.status).toBe(400);
      expect((config.body as Problem).error).toBe(1740);
      const pair = await env.call('GET', '/agents/001/config/com/syscheck');
      expect((pair.body as Problem).error).toBe(1128);
      const stats = (await env.call('GET', `/agents/${pad(idle.id)}/daemons/stats`)).body as Body;
      expect(failures(stats)).toEqual({ [pad(idle.id)]: 1707 });
      const sync = (await env.call('GET', `/agents/${pad(idle.id)}/group/is_sync`)).body as Body;
      expect(sync.data.affected_items).toEqual([{ id: pad(idle.id), synced: expect.any(Boolean) }]);
    });
  });

  describe('single-agent operations and missing things', () => {
    it('restarts one agent, reads stats only of agents that report a version, reports missing groups and files', async () => {
      const [active] = env.sql<{ id: number }>("SELECT id FROM agent WHERE connection_status = 'active' AND id != 0 ORDER BY id LIMIT 1");
      const one = (await env.call('PUT', `/agents/${pad(active.id)}/restart`)).body as Body;
      expect(one.data.affected_items).toEqual([pad(active.id)]);
      const manager = (await env.call('PUT', '/agents/000/restart')).body as Body;
      expect(failures(manager)).toEqual({ '000': 1703 });

      const [never] = env.sql<{ id: number }>("SELECT id FROM agent WHERE connection_status = 'never_connected' ORDER BY id LIMIT 1");
      const stats = (await env.call('GET', `/agents/${pad(never.id)}/stats/logcollector`)).body as Body;
      expect(failures(stats)).toEqual({ [pad(never.id)]: 1015 });
      const unknown = (await env.call('GET', '/agents/99999/stats/logcollector')).body as Body;
      expect(failures(unknown)).toEqual({ '99999': 1701 });

      const files = (await env.call('GET', '/groups/nosuchgroup/files')).body as Body;
      expect(failures(files)).toEqual({ nosuchgroup: 1710 });
      const file = await env.call('GET', '/groups/default/files/nosuch.txt');
      expect(file.status).toBe(400);
      expect((file.body as Problem).error).toBe(1006);
      const agentsOfNothing = await env.call('GET', '/groups/nosuchgroup/agents');
      expect(agentsOfNothing.status).toBe(404);
      expect((agentsOfNothing.body as Problem).error).toBe(1710);
    });
  });

  describe('RBAC with a limited user', () => {
    let limited: string;
    beforeAll(async () => {
      const security = env.server.api.services.security as SecurityService;
      const store = security.store;
      const user = store.insertUser('limited', hashPasswordSync('Limited-pass1'))!;
      const role = store.insertRole('agents_some');
      const policy = store.insertPolicy('read_some', {
        actions: ['agent:read'],
        resources: ['agent:id:001', 'agent:id:002', 'agent:group:dmz'],
        effect: 'allow',
      });
      const groups = store.insertPolicy('read_groups', { actions: ['group:read'], resources: ['group:id:default'], effect: 'allow' });
      store.linkRolePolicy(role.id, policy.id);
      store.linkRolePolicy(role.id, groups.id);
      store.linkUserRole(user.id, role.id);
      limited = await env.server.login('limited', 'Limited-pass1');
    });

    it('lists only permitted agents, in SQL, and reports denied ones as failed items 4000', async () => {
      const dmz = env.sql<{ id: number }>("SELECT id FROM agent WHERE (',' || `group` || ',') LIKE '%,dmz,%' ORDER BY id");
      const expected = [...new Set([1, 2, ...dmz.map((r) => r.id)])].sort((a, b) => a - b).map(pad);
      const all = (await env.call('GET', '/agents', { token: limited, query: { select: 'id', limit: 500 } })).body as Body;
      expect(all.data.affected_items.map((a) => a.id)).toEqual(expected);
      expect(all.data.total_affected_items).toBe(expected.length);

      const mixed = (await env.call('GET', '/agents', { token: limited, query: { agents_list: '001,003' } })).body as Body;
      const outside = dmz.some((r) => r.id === 3) ? {} : { '003': 4000 };
      expect(failures(mixed)).toEqual(outside);

      const [denied] = env.sql<{ id: number }>(
        "SELECT id FROM agent WHERE id > 2 AND (',' || `group` || ',') NOT LIKE '%,dmz,%' ORDER BY id LIMIT 1",
      );
      const none = await env.call('GET', '/agents', { token: limited, query: { agents_list: pad(denied.id) } });
      expect(none.status).toBe(403);
      expect((none.body as Problem).error).toBe(4000);
      expect((none.body as Problem).detail).toBe('Permission denied: Resource type: agent:id');

      const status = (await env.call('GET', '/agents/summary/status', { token: limited })).body as { data: { connection: { total: number } } };
      expect(status.data.connection.total).toBe(expected.filter((id) => id !== '000').length);

      const groups = (await env.call('GET', '/groups', { token: limited })).body as Body;
      expect(groups.data.affected_items.map((g) => g.name)).toEqual(['default']);
      // No agent may be restarted: without a list that is an empty answer, not a 403.
      const restart = await env.call('PUT', '/agents/restart', { token: limited });
      expect(restart.status).toBe(200);
      expect(restart.body).toEqual({
        data: { affected_items: [], total_affected_items: 0, total_failed_items: 0, failed_items: [] },
        message: 'Restart command was not sent to any agent',
        error: 0,
      });
      const named = await env.call('PUT', '/agents/restart', { token: limited, query: { agents_list: '001' } });
      expect(named.status).toBe(403);
    });
  });

  describe('registration', () => {
    it('adds, inserts, reads keys and deletes agents', async () => {
      const added = await env.call('POST', '/agents', { body: { name: 'api-new01' } });
      expect(added.status).toBe(200);
      const { id, key } = (added.body as { data: { id: string; key: string } }).data;
      const row = env.sql<{ internal_key: string }>('SELECT internal_key FROM agent WHERE id = ?', Number(id))[0];
      expect(Buffer.from(key, 'base64').toString()).toBe(`${id} api-new01 any ${row.internal_key}`);
      expect(((await env.call('GET', `/agents/${id}/key`)).body as Body).data.affected_items).toEqual([{ id, key }]);

      const dup = await env.call('POST', '/agents', { body: { name: 'api-new01' } });
      expect(dup.status).toBe(400);
      expect((dup.body as Problem).error).toBe(1705);

      const inserted = await env.call('POST', '/agents/insert', { body: { name: 'api-ins01', ip: '10.77.0.1', id: '9000', key: 'b'.repeat(64) } });
      expect((inserted.body as { data: { id: string } }).data.id).toBe('9000');
      const quick = await env.call('POST', '/agents/insert/quick', { query: { agent_name: 'api-quick01' } });
      expect(quick.status).toBe(200);

      const young = await env.call('DELETE', '/agents', { query: { agents_list: `${id},9000`, status: 'all' } });
      expect(failures(young.body as Body)).toEqual({ [id]: 1731, '9000': 1731 });
      const gone = await env.call('DELETE', '/agents', { query: { agents_list: `${id},9000,000`, status: 'all', older_than: '0s', purge: true } });
      expect((gone.body as Body).data.affected_items).toEqual([id, '9000']);
      expect(failures(gone.body as Body)).toEqual({ '000': 1703 });
      expect(env.sql('SELECT id FROM agent WHERE id IN (?, 9000)', Number(id))).toEqual([]);
    });
  });
});

describe('on a fresh install (Wazuh schema, agent 000 only)', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv(0);
  }, 60_000);
  afterAll(() => env.close());

  it('lists the manager alone and empty summaries', async () => {
    const agents = (await env.call('GET', '/agents')).body as Body;
    expect(agents.data.affected_items.map((a) => a.id)).toEqual(['000']);
    expect(agents.data.affected_items[0]).toMatchObject({ status: 'active', lastKeepAlive: '9999-12-31T23:59:59+00:00' });
    const status = (await env.call('GET', '/agents/summary/status')).body as { data: { connection: Record<string, number> } };
    expect(status.data.connection).toEqual({ active: 0, disconnected: 0, never_connected: 0, pending: 0, total: 0 });
    const os = (await env.call('GET', '/agents/summary/os')).body as Body;
    expect(os).toEqual({
      data: { affected_items: [], total_affected_items: 0, total_failed_items: 0, failed_items: [] },
      message: 'Could not get the operative system of the agents',
      error: 0,
    });
    const overview = (await env.call('GET', '/overview/agents')).body as { data: { last_registered_agent: unknown[] } };
    expect(overview.data.last_registered_agent).toEqual([]);
  });

  it('registers the first agent, assigns it and removes it', async () => {
    mkdirSync(join(env.root, 'etc', 'shared', 'web'), { recursive: true });
    writeFileSync(join(env.root, 'etc', 'shared', 'web', 'agent.conf'), '<agent_config/>\n');
    const added = (await env.call('POST', '/agents', { body: { name: 'first', ip: '10.1.1.1' } })).body as { data: { id: string } };
    expect(added.data.id).toBe('001');
    const listed = (await env.call('GET', '/agents', { query: { agents_list: '001' } })).body as Body;
    expect(listed.data.affected_items[0]).toMatchObject({ id: '001', name: 'first', status: 'never_connected', group: ['default'] });
    const assigned = (await env.call('PUT', '/agents/001/group/web')).body as Body;
    expect(assigned.data.affected_items).toEqual(['001']);
    const groups = (await env.call('DELETE', '/agents/001/group')).body as Body;
    expect(groups.data.affected_items).toEqual(['web']);
    const deleted = (await env.call('DELETE', '/agents', { query: { agents_list: 'all', status: 'never_connected', older_than: '0s' } })).body as Body;
    expect(deleted.data.affected_items).toEqual(['001']);
  });
});
