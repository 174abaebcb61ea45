/**
 * Agent operations over the embedded daemons' real sockets: registration through authd, keys, deletion,
 * group assignment through wazuh-db, restart and reconnect datagrams, upgrade tasks and the sync check.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addAgent,
  agentKeys,
  agentsSyncStatus,
  ALL,
  assignAgentsToGroup,
  deleteAgents,
  only,
  reconnectAgents,
  removeAgentFromGroup,
  removeAgentFromGroups,
  removeAgentsFromGroup,
  restartAgents,
  upgradeAgents,
  upgradeResults,
} from '../../src/core/agents';
import { WazuhError } from '../../src/core/errors';
import { startCoreFixture, type CoreFixture } from './fixture';
import { waitFor } from '../helpers/async';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture();
  mkdirSync(join(fx.deps.paths.shared, 'web'), { recursive: true });
  mkdirSync(join(fx.deps.paths.shared, 'db'), { recursive: true });
});
afterAll(() => fx.close());

const codes = (failed: Array<[string, WazuhError]>) => Object.fromEntries(failed.map(([id, error]) => [id, error.code]));

async function register(name: string, ip?: string): Promise<string> {
  const added = await addAgent(fx.deps, { name, ip, forceByDefault: false });
  return added.id;
}

function activate(id: string, version = 'Wazuh v4.14.4'): void {
  fx.exec(
    "UPDATE agent SET connection_status = 'active', version = ?, os_platform = 'ubuntu', last_keepalive = strftime('%s','now') WHERE id = ?",
    version,
    Number(id),
  );
}

describe('registration and keys', () => {
  it('registers through authd and answers the key built from the stored row', async () => {
    const added = await addAgent(fx.deps, { name: 'reg01', ip: '10.9.9.1', forceByDefault: false });
    const row = fx.sql<{ name: string; register_ip: string; internal_key: string }>(
      'SELECT name, register_ip, internal_key FROM agent WHERE id = ?',
      Number(added.id),
    )[0];
    expect(row.name).toBe('reg01');
    expect(Buffer.from(added.key, 'base64').toString()).toBe(`${added.id} reg01 10.9.9.1 ${row.internal_key}`);
    expect(readFileSync(fx.deps.paths.clientKeys, 'utf8')).toContain(`${added.id} reg01 10.9.9.1 ${row.internal_key}`);

    const keys = await agentKeys(fx.deps, [added.id, '000', '9999']);
    expect(keys.affected).toEqual([{ id: added.id, key: added.key }]);
    expect(codes(keys.failed)).toEqual({ '000': 1703, '9999': 1701 });
  });

  it('inserts with a given id and key, and refuses clashes with Wazuh codes', async () => {
    const key = 'a'.repeat(64);
    const inserted = await addAgent(fx.deps, { name: 'ins01', ip: 'any', id: '42', key, forceByDefault: true });
    expect(inserted.id).toBe('042');
    expect(Buffer.from(inserted.key, 'base64').toString()).toBe(`042 ins01 any ${key}`);
    await expect(addAgent(fx.deps, { name: 'ins01', forceByDefault: false })).rejects.toMatchObject({ code: 1705 });
    await expect(addAgent(fx.deps, { name: 'other', id: '42', key, forceByDefault: false })).rejects.toMatchObject({ code: 1708 });
    await expect(addAgent(fx.deps, { name: 'short', id: '43', key: 'abc', forceByDefault: false })).rejects.toMatchObject({ code: 1709 });
    await expect(addAgent(fx.deps, { name: 'badip', ip: '10.0.0.1/8', forceByDefault: false })).rejects.toMatchObject({ code: 1706 });
    await expect(addAgent(fx.deps, { name: 'x'.repeat(129), forceByDefault: false })).rejects.toMatchObject({ code: 1738 });
  });

  it('deletes eligible agents only and explains the others', async () => {
    const old = await register('del-old');
    const fresh = await register('del-fresh');
    fx.exec("UPDATE agent SET date_add = strftime('%s','now') - 30 * 86400 WHERE id = ?", Number(old));
    const outcome = await deleteAgents(fx.deps, {
      ids: [old, fresh, '000', '8888'],
      scope: ALL,
      purge: true,
      filters: { status: ['all'], older_than: '7d' },
    });
    expect(outcome.affected).toEqual([old]);
    expect(codes(outcome.failed)).toEqual({ [fresh]: 1731, '000': 1703, '8888': 1701 });
    const why = outcome.failed.find(([id]) => id === fresh)?.[1];
    expect(why?.message).toBe(
      "Agent is not eligible for the action to be performed: some of the requirements are not met -> status: ['all'], older_than: 7d",
    );
    expect(fx.sql('SELECT id FROM agent WHERE id = ?', Number(old))).toEqual([]);
    expect(readFileSync(fx.deps.paths.clientKeys, 'utf8')).not.toContain(' del-old ');
  });
});

describe('groups of an agent', () => {
  it('assigns, refuses duplicates and forces a single group', async () => {
    const id = await register('grp01');
    const first = await assignAgentsToGroup(fx.deps, { group: 'web', ids: [id, '000', '7777'], replace: false, mayReplace: () => true });
    expect(first.affected).toEqual([id]);
    expect(codes(first.failed)).toEqual({ '000': 1703, '7777': 1701 });
    expect(await fx.deps.wdbHttp.agentGroups(id)).toEqual(['default', 'web']);

    const again = await assignAgentsToGroup(fx.deps, { group: 'web', ids: [id], replace: false, mayReplace: () => true });
    expect(codes(again.failed)).toEqual({ [id]: 1751 });

    const denied = await assignAgentsToGroup(fx.deps, { group: 'db', ids: [id], replace: true, mayReplace: (g) => g !== 'web' });
    expect(codes(denied.failed)).toEqual({ [id]: 1752 });
    const forced = await assignAgentsToGroup(fx.deps, { group: 'db', ids: [id], replace: true, mayReplace: () => true });
    expect(forced.affected).toEqual([id]);
    expect(await fx.deps.wdbHttp.agentGroups(id)).toEqual(['db']);
    await expect(
      assignAgentsToGroup(fx.deps, { group: 'nope', ids: [id], replace: false, mayReplace: () => true }),
    ).rejects.toMatchObject({ code: 1710, httpStatus: 404 });
  });

  it('removes from one or several groups, falling back to default', async () => {
    const id = await register('grp02');
    await assignAgentsToGroup(fx.deps, { group: 'web', ids: [id], replace: false, mayReplace: () => true });
    expect(await removeAgentFromGroup(fx.deps, id, 'web')).toBe(`Agent '${id}' removed from 'web'.`);
    await expect(removeAgentFromGroup(fx.deps, id, 'web')).rejects.toMatchObject({ code: 1734 });
    await expect(removeAgentFromGroup(fx.deps, id, 'default')).rejects.toMatchObject({ code: 1745 });
    await expect(removeAgentFromGroup(fx.deps, '000', 'web')).rejects.toMatchObject({ code: 1703 });

    await assignAgentsToGroup(fx.deps, { group: 'db', ids: [id], replace: true, mayReplace: () => true });
    expect(await removeAgentFromGroup(fx.deps, id, 'db')).toBe(
      `Agent '${id}' removed from 'db'. Agent reassigned to group default.`,
    );
    expect(await fx.deps.wdbHttp.agentGroups(id)).toEqual(['default']);

    await assignAgentsToGroup(fx.deps, { group: 'web', ids: [id], replace: false, mayReplace: () => true });
    const several = await removeAgentFromGroups(fx.deps, id, ['default', 'web', 'ghost', 'db']);
    // `default` is tried last: by then it is the agent's only group, which cannot be left.
    expect(several.affected).toEqual(['web']);
    expect(codes(several.failed)).toEqual({ ghost: 1710, db: 1734, default: 1745 });

    const many = await removeAgentsFromGroup(fx.deps, 'web', [id, '000']);
    expect(codes(many.failed)).toEqual({ [id]: 1734, '000': 1703 });
  });
});

describe('commands sent to agents', () => {
  it('restarts active agents with the message their version understands', async () => {
    const modern = await register('rst-modern');
    const legacy = await register('rst-legacy');
    const idle = await register('rst-idle');
    activate(modern);
    activate(legacy, 'Wazuh v4.1.5');
    const outcome = await restartAgents(fx.deps, { ids: [modern, legacy, idle, '000', '6666'], scope: ALL });
    expect(outcome.affected).toEqual([modern, legacy]);
    expect(codes(outcome.failed)).toEqual({ [idle]: 1707, '000': 1703, '6666': 1701 });
    const sent = await waitFor(() => {
      const messages = fx.arMessages().filter((m) => m.kind === 'restart' && [modern, legacy].includes(m.agent ?? ''));
      return messages.length === 2 ? messages : undefined;
    });
    const byAgent = Object.fromEntries(sent.map((m) => [m.agent, m]));
    expect(byAgent[modern].message).toBe(
      `(msg_to_agent) [] NNS ${modern} {"version": 1, "origin": {"module": "framework"}, "command": "restart-wazuh0", "parameters": {"extra_args": [], "alert": {}}} - null (from_the_server) (no_rule_id)`,
    );
    expect(byAgent[legacy].message).toBe(`(msg_to_agent) [] NNS ${legacy} restart-ossec0 - null (from_the_server) (no_rule_id)`);
  });

  it('restarts every active agent of a scope without naming them', async () => {
    const inScope = await register('rst-scope-in');
    const outOfScope = await register('rst-scope-out');
    activate(inScope);
    activate(outOfScope);
    const outcome = await restartAgents(fx.deps, { scope: only([inScope]) });
    expect(outcome.affected).toEqual([inScope]);
    expect(outcome.failed).toEqual([]);
  });

  it('asks active agents to reconnect', async () => {
    const active = await register('rc-active');
    const idle = await register('rc-idle');
    activate(active);
    const outcome = await reconnectAgents(fx.deps, { ids: [active, idle, '000'], scope: ALL });
    expect(outcome.affected).toEqual([active]);
    expect(codes(outcome.failed)).toEqual({ [idle]: 1707, '000': 1703 });
    const message = await waitFor(() => fx.arMessages().find((m) => m.kind === 'reconnect' && m.agent === active));
    expect(message.message).toBe(`(msg_to_agent) [] N!S ${active} force_reconnect`);
  });
});

describe('upgrades', () => {
  it('creates tasks for eligible agents and reports their progress', async () => {
    const old = await register('upg-old');
    const current = await register('upg-current');
    const idle = await register('upg-idle');
    activate(old, 'Wazuh v4.7.5');
    activate(current, 'Wazuh v4.14.4');
    const created = await upgradeAgents(fx.deps, { ids: [old, current, idle, '000'], scope: ALL, filters: {} }, {});
    expect(created.affected).toEqual([{ agent: old, task_id: expect.any(Number) }]);
    expect(codes(created.failed)).toEqual({ [current]: 1822, [idle]: 1707, '000': 1703 });
    expect(created.failed.find(([id]) => id === current)?.[1].message).toBe('Current agent version is greater or equal');

    const busy = await upgradeAgents(fx.deps, { ids: [old], scope: ALL, filters: {} }, {});
    expect(codes(busy.failed)).toEqual({ [old]: 1820 });

    const first = await upgradeResults(fx.deps, { ids: [old, current], scope: ALL, filters: {} });
    expect(first.affected[0]).toMatchObject({ agent: old, status: 'Pending', command: 'upgrade', module: 'upgrade_module', node: 'node01' });
    expect(first.affected[0].create_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(codes(first.failed)).toEqual({ [current]: 1813 });

    const done = await waitFor(() => {
      const row = fx.sql<{ version: string }>('SELECT version FROM agent WHERE id = ?', Number(old))[0];
      return row.version === 'Wazuh v4.14.4' ? row : undefined;
    });
    expect(done.version).toBe('Wazuh v4.14.4');
    const last = await upgradeResults(fx.deps, { ids: [old], scope: ALL, filters: {} });
    expect(last.affected[0]).toMatchObject({ agent: old, status: 'Done' });
  });

  it('refuses a version above the manager without force, for the whole request', async () => {
    const id = await register('upg-force');
    activate(id, 'Wazuh v4.7.5');
    await expect(upgradeAgents(fx.deps, { ids: [id], scope: ALL, filters: {} }, { version: '5.0.0' })).rejects.toMatchObject({
      code: 1823,
      httpStatus: 400,
    });
  });
});

describe('configuration sync', () => {
  it('compares the merged.mg the agent reported with the one the manager would send', async () => {
    const synced = await register('sync-yes');
    const stale = await register('sync-no');
    const merged = '#default\n!10 agent.conf\n<a></a>\n';
    writeFileSync(join(fx.deps.paths.shared, 'default', 'merged.mg'), merged);
    const md5 = createHash('md5').update(merged).digest('hex');
    fx.exec('UPDATE agent SET merged_sum = ? WHERE id = ?', md5, Number(synced));
    fx.exec("UPDATE agent SET merged_sum = 'x' WHERE id = ?", Number(stale));
    const outcome = await agentsSyncStatus(fx.deps, [synced, stale, '000', '5555']);
    expect(outcome.affected).toEqual([
      { id: synced, synced: true },
      { id: stale, synced: false },
    ]);
    expect(codes(outcome.failed)).toEqual({ '000': 1703, '5555': 1701 });
  });
});
