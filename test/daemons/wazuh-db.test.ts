import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WazuhDBClient, WazuhDBHttpClient } from '../../src/ipc';
import { startDaemonHost } from '../../src/daemons/host';
import { wazuhPaths } from '../../src/core/paths';
import { groupHash } from '../../src/daemons/wazuh-db/groups';
import { seedAgents, shortTempDir, startHostFixture, type HostFixture } from './helpers';
import { wazuhErrorOf } from '../helpers/async';

describe('embedded wazuh-db on a fresh install', () => {
  let fx: HostFixture;
  let client: WazuhDBClient;
  let http: WazuhDBHttpClient;

  beforeAll(async () => {
    fx = await startHostFixture('wazuh-manager');
    client = WazuhDBClient.forInstall(fx.root);
    http = WazuhDBHttpClient.forInstall(fx.root);
  });
  afterAll(async () => {
    client.close();
    http.close();
    await fx.close();
  });

  it('creates global.db from Wazuh\'s schema with only the manager', async () => {
    const rows = await client.sql('global', 'select * from agent');
    expect(rows).toHaveLength(1);
    const manager = rows[0];
    expect(manager).toMatchObject({
      id: 0,
      name: 'wazuh-manager',
      ip: '127.0.0.1',
      register_ip: '127.0.0.1',
      last_keepalive: 253402300799,
      connection_status: 'active',
      version: 'Wazuh v4.14.4',
      manager_host: 'wazuh-manager',
      node_name: 'node01',
      group_config_status: 'synced',
    });
    // NULL columns are left out, not sent as null
    expect(manager).not.toHaveProperty('group');
    expect(manager).not.toHaveProperty('internal_key');
    expect(await client.sql('global', "select value from metadata where key = 'db_version'")).toEqual([{ value: '7' }]);
    expect(await client.sql('global', 'select count(*) from agent')).toEqual([{ 'count(*)': 1 }]);
  });

  it('answers err for bad SQL, unknown agents, unknown actors and a missing mitre.db', async () => {
    const bad = await wazuhErrorOf(client.sql('global', 'select nope from agent'));
    expect(bad.code).toBe(2003);
    expect(bad.message).toBe('Error in wazuhdb request: Cannot execute Global database query; no such column: nope');
    expect((await wazuhErrorOf(client.sql('agent 999', 'select 1'))).message).toContain('Agent not found');
    expect((await wazuhErrorOf(client.sql('mitre', 'select * from technique'))).message).toContain("Couldn't open DB mitre");
    expect(await client.send('foo bar')).toMatchObject({ status: 'err', payload: "Invalid DB query actor: 'foo'" });
    expect(await client.send('global')).toMatchObject({ status: 'err', payload: "Invalid DB query syntax, near 'global'" });
    expect(await client.send('agent 1x sql select 1')).toMatchObject({ status: 'err', payload: "Invalid agent ID '1x'" });
    expect(await client.send('agent 000 sql select nope')).toMatchObject({ status: 'err', payload: 'Cannot execute SQL query' });
    // the client refuses what Wazuh's framework refuses, before sending
    expect((await wazuhErrorOf(client.sql('global', 'insert into agent (id) values (5)'))).code).toBe(2004);
    expect((await wazuhErrorOf(client.sql('global', 'select 1; drop table agent'))).code).toBe(2004);
    expect((await wazuhErrorOf(client.sql('mitre', 'delete from technique'))).code).toBe(2004);
    expect(await client.sql('global', "select 'a;b' as v")).toEqual([{ v: 'a;b' }]);
  });

  it('renders ? placeholders with one quoting function', async () => {
    const rows = await client.sql('global', 'select ? as a, ? as b, ? as c', { params: ["it's", 7, null] });
    expect(rows).toEqual([{ a: "it's", b: 7 }]);
  });

  it('creates agent and task databases on demand', async () => {
    expect(await client.sql('agent 000', "select value from metadata where key = 'db_version'")).toEqual([{ value: '16' }]);
    expect(existsSync(fx.paths.agentDb('000'))).toBe(true);
    expect(await client.sql('task', 'select * from tasks')).toEqual([]);
    expect(existsSync(fx.paths.tasksDb)).toBe(true);
  });

  it('maps wazuh-db HTTP failures to 2012 and 2016', async () => {
    const notFound = await wazuhErrorOf(http.request('GET', '/v1/nothing/here'));
    expect(notFound.code).toBe(2012);
    const nowhere = new WazuhDBHttpClient({ path: join(fx.root, 'no-such.sock') });
    expect((await wazuhErrorOf(nowhere.agentIds())).code).toBe(2016);
    nowhere.close();
  });

  it('answers the JSON getstats and getconfig commands', async () => {
    const stats = await client.getStats();
    expect(stats).toMatchObject({ error: 0, message: 'ok', data: { name: 'wazuh-db' } });
    const metrics = (stats.data as { metrics: { queries: { received: number } } }).metrics;
    expect(metrics.queries.received).toBeGreaterThan(5);
    expect(await client.getConfig('wdb')).toEqual({
      error: 0,
      message: 'ok',
      data: { wdb: { backup: [{ database: 'global', enabled: true, interval: 86400, max_files: 3 }] } },
    });
    expect(await client.getConfig('nope')).toMatchObject({ error: 7 });
    expect(await client.jsonCommand('dance')).toMatchObject({ error: 4, message: 'Unrecognized command' });
  });
});

describe('embedded wazuh-db with thousands of agents', () => {
  let fx: HostFixture;
  let client: WazuhDBClient;
  let http: WazuhDBHttpClient;
  const AGENTS = 15000;

  beforeAll(async () => {
    fx = await startHostFixture();
    const db = fx.openGlobal();
    seedAgents(db, AGENTS, (i) => `agent-with-a-rather-long-name-to-fill-pages-${String(i).padStart(5, '0')}`);
    mkdirSync(join(fx.paths.shared, 'big'), { recursive: true });
    db.prepare("INSERT INTO `group` (name) VALUES ('big')").run();
    const bigId = db.prepare("SELECT id FROM `group` WHERE name = 'big'").pluck().get();
    const belong = db.prepare('INSERT INTO belongs (id_agent, id_group, priority) VALUES (?, ?, 0)');
    db.transaction(() => {
      for (let i = 1; i <= AGENTS; i++) belong.run(i, bigId);
    })();
    client = WazuhDBClient.forInstall(fx.root);
    http = WazuhDBHttpClient.forInstall(fx.root);
  });
  afterAll(async () => {
    client.close();
    http.close();
    await fx.close();
  });

  it('cuts a reply at 65536 bytes and the client refuses it with 2009', async () => {
    const raw = await client.send('global sql select id, name, internal_key from agent');
    expect(raw.status).toBe('ok');
    expect(raw.bytes).toBe(65536);
    expect((await wazuhErrorOf(client.sql('global', 'select id, name, internal_key from agent'))).code).toBe(2009);
  });

  it('pages past the cap and returns every row in order', async () => {
    const rows = await client.query<{ id: number; name: string }>('global', 'select id, name, internal_key from agent order by id');
    expect(rows).toHaveLength(AGENTS + 1);
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: AGENTS + 1 }, (_, i) => i));
    const slice = await client.query<{ id: number }>('global', 'select id from agent order by id desc', { limit: 1234, offset: 10 });
    expect(slice).toHaveLength(1234);
    expect(slice[0].id).toBe(AGENTS - 10);
    expect(slice[1233].id).toBe(AGENTS - 10 - 1233);
  });

  it('re-binds a trailing LIMIT ? OFFSET ? as compiled queries end', async () => {
    const sql = 'SELECT id FROM agent WHERE id > ? ORDER BY id LIMIT ? OFFSET ?';
    const page = await client.query<{ id: number }>('global', sql, { params: [100, 2000, 5] });
    expect(page).toHaveLength(2000);
    expect(page[0].id).toBe(106);
    const unlimited = await client.query<{ id: number }>('global', sql, { params: [AGENTS - 3, -1, 0] });
    expect(unlimited.map((r) => r.id)).toEqual([AGENTS - 2, AGENTS - 1, AGENTS]);
  });

  it('halves pages whose rows are large, down to what fits', async () => {
    const rows = await client.query<{ id: number; pad: string }>(
      'global',
      "select id, printf('%.3000c', 'x') as pad from agent where id <= 700 order by id",
    );
    expect(rows).toHaveLength(701);
    expect(rows.every((r, i) => r.id === i && r.pad.length === 3000)).toBe(true);
    const tooBig = await wazuhErrorOf(client.query('global', "select printf('%.70000c', 'x') as pad from agent"));
    expect(tooBig.code).toBe(2009);
  });

  it('serves concurrent paged queries without mixing replies', async () => {
    const ranges = Array.from({ length: 8 }, (_, i) => [i * 1800 + 1, i * 1800 + 700]);
    const results = await Promise.all(
      ranges.map(([from, to]) => client.query<{ id: number }>('global', `select id from agent where id between ${from} and ${to} order by id`)),
    );
    results.forEach((rows, i) => {
      expect(rows[0].id).toBe(ranges[i][0]);
      expect(rows).toHaveLength(700);
    });
  });

  it('returns a big group with due pages', async () => {
    const first = await client.send('global get-group-agents big last_id 0');
    expect(first.status).toBe('due');
    const ids = await client.getGroupAgents('big');
    expect(ids).toHaveLength(AGENTS);
    expect(ids[0]).toBe(1);
    expect(ids[AGENTS - 1]).toBe(AGENTS);
    expect(await client.getGroupAgents('nobody-here')).toEqual([]);
  });

  it('counts rows and reads a scalar', async () => {
    expect(await client.countRows('global', "select id from agent where connection_status = 'active' collate nocase")).toBe(
      1 + Math.floor(AGENTS / 4),
    );
    expect(await client.scalar('global', 'select max(id) from agent')).toBe(AGENTS);
  });

  it('sums agents over the HTTP socket', async () => {
    const summary = await http.agentsSummary([0, 1, 2, 3, 4, 5, 6]);
    expect(summary.agents_by_status).toEqual({ active: 1, disconnected: 2, never_connected: 2, pending: 1 });
    expect(summary.agents_by_groups).toEqual({ big: 6 });
    expect(summary.agents_by_os).toEqual({ centos: 2, ubuntu: 4 });
    const top = await http.agentsSummary();
    expect(Object.keys(top.agents_by_status ?? {})).toHaveLength(4);
    expect(await http.groupAgentIds('big')).toHaveLength(AGENTS);
    const restart = await http.restartInfo([0, 4], true);
    expect(restart.items.slice(0, 2)).toEqual([
      { id: 8, version: 'Wazuh v4.14.4' },
      { id: 12, version: 'Wazuh v4.14.4' },
    ]);
    expect((await http.restartInfo([3, 4, 8], false)).items).toEqual([
      { id: 4, version: 'Wazuh v4.14.4' },
      { id: 8, version: 'Wazuh v4.14.4' },
    ]);
  });
});

describe('embedded wazuh-db group assignment', () => {
  let fx: HostFixture;
  let client: WazuhDBClient;
  let http: WazuhDBHttpClient;

  beforeAll(async () => {
    fx = await startHostFixture();
    seedAgents(fx.openGlobal(), 3);
    for (const group of ['default', 'web', 'db']) mkdirSync(join(fx.paths.shared, group), { recursive: true });
    client = WazuhDBClient.forInstall(fx.root);
    http = WazuhDBHttpClient.forInstall(fx.root);
  });
  afterAll(async () => {
    client.close();
    http.close();
    await fx.close();
  });

  const agentGroups = async (id: number) =>
    (await client.sql('global', `select \`group\`, group_hash, group_sync_status from agent where id = ${id}`))[0];

  it('overrides, appends and removes groups, keeping the agent row in step', async () => {
    await client.setAgentGroups({ mode: 'override', syncStatus: 'synced', data: [{ id: 1, groups: ['default'] }] });
    await client.setAgentGroups({ mode: 'append', data: [{ id: '001', groups: ['web', 'db'] }] });
    expect(await http.agentGroups(1)).toEqual(['default', 'web', 'db']);
    expect(await agentGroups(1)).toEqual({ group: 'default,web,db', group_hash: groupHash('default,web,db'), group_sync_status: 'syncreq' });

    await client.setAgentGroups({ mode: 'remove', data: [{ id: 1, groups: ['web'] }] });
    expect(await http.agentGroups('001')).toEqual(['default', 'db']);

    await client.setAgentGroups({ mode: 'remove', data: [{ id: 1, groups: ['default', 'db'] }] });
    expect(await http.agentGroups(1)).toEqual(['default']);
    expect((await agentGroups(1)).group).toBe('default');
  });

  it('accepts the agent id with leading zeros as Wazuh\'s framework writes it', async () => {
    const reply = await client.send('global set-agent-groups {"mode":"append","sync_status":"syncreq","data":[{"id":002,"groups":["web"]}]}');
    expect(reply).toEqual({ status: 'ok', payload: '', bytes: 2 });
    expect(await http.agentGroups(2)).toEqual(['web']);
    expect(await client.getGroupAgents('web')).toEqual([2]);
    expect(await http.allAgentGroups()).toMatchObject({ '1': ['default'], '2': ['web'] });
  });

  it('only fills empty agents in empty_only mode', async () => {
    await client.setAgentGroups({ mode: 'empty_only', data: [{ id: 2, groups: ['db'] }, { id: 3, groups: ['db'] }] });
    expect(await http.agentGroups(2)).toEqual(['web']);
    expect(await http.agentGroups(3)).toEqual(['db']);
  });

  it('refuses bad commands with wazuh-db\'s messages', async () => {
    const unknownAgent = await wazuhErrorOf(client.setAgentGroups({ mode: 'append', data: [{ id: 99, groups: ['web'] }] }));
    expect(unknownAgent.message).toBe('Error in wazuhdb request: An error occurred during the set of the groups');
    const noGroup = await wazuhErrorOf(client.setAgentGroups({ mode: 'append', data: [{ id: 1, groups: ['ghost'] }] }));
    expect(noGroup.code).toBe(2003);
    expect(await client.send('global set-agent-groups {"mode":"sideways","data":[]}')).toMatchObject({
      status: 'err',
      payload: "Invalid mode 'sideways' in set_agent_groups command",
    });
    expect(await client.send('global set-agent-groups {"data":[]}')).toMatchObject({
      payload: 'Invalid JSON data, missing required fields',
    });
    expect((await client.send('global set-agent-groups {oops')).payload).toBe("Invalid JSON syntax, near '{oops'");
  });

  it('deletes rootcheck results of an agent', async () => {
    const insert = await client.send(
      "agent 001 sql insert into pm_event (date_first, date_last, log) values (1700000000, 1700000100, 'Starting rootcheck scan.')",
    );
    expect(insert.status).toBe('ok');
    expect(await client.scalar('agent 001', 'select count(*) from pm_event')).toBe(1);
    await client.rootcheckDelete('001');
    expect(await client.send('agent 1 rootcheck delete')).toMatchObject({ status: 'ok', payload: '0' });
    expect(await client.scalar('agent 001', 'select count(*) from pm_event')).toBe(0);
  });
});

describe('embedded wazuh-db over an existing global.db', () => {
  it('opens the file as it is and serves its rows', async () => {
    const tmp = shortTempDir();
    const paths = wazuhPaths(tmp.dir);
    mkdirSync(paths.queueDb, { recursive: true });
    const seeded = new Database(paths.globalDb);
    seeded.exec(readFileSync(join(__dirname, '..', '..', 'src', 'daemons', 'wazuh-db', 'schema', 'global.sql'), 'utf8'));
    seeded.prepare("INSERT INTO agent (id, name, register_ip, date_add, connection_status) VALUES (7, 'kept', 'any', 1, 'disconnected')").run();
    seeded.close();
    const host = await startDaemonHost(tmp.dir, { hostname: 'other-name' });
    const client = WazuhDBClient.forInstall(tmp.dir);
    try {
      const rows = await client.sql('global', 'select id, name, connection_status from agent order by id');
      // the manager row keeps what the file says: nothing is rewritten on an existing database
      expect(rows).toEqual([
        { id: 0, name: 'localhost', connection_status: 'active' },
        { id: 7, name: 'kept', connection_status: 'disconnected' },
      ]);
    } finally {
      client.close();
      await host.stop();
      tmp.cleanup();
    }
  });
});
