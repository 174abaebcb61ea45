/** Agent listings and summaries over the real wazuh-db socket, checked against global.db itself. */
import {
  ALL,
  distinctAgentValues,
  except,
  listAgents,
  listAgentsWithoutGroup,
  listGroupAgents,
  listOutdatedAgents,
  only,
  summarizeOs,
  summarizeStatus,
} from '../../src/core/agents';
import { WazuhError } from '../../src/core/errors';
import { startCoreFixture, type CoreFixture } from './fixture';

let fx: CoreFixture;
beforeAll(async () => {
  fx = await startCoreFixture({ agents: 6000 });
});
afterAll(() => fx.close());

const ids = (items: Array<Record<string, unknown>>) => items.map((item) => item.id);
const pad = (n: number) => String(n).padStart(3, '0');

describe('listAgents', () => {
  it('pages in id order with the total of all matches, manager included', async () => {
    const page = await listAgents(fx.deps.wdb, { params: { offset: 10, limit: 700 }, scope: ALL });
    expect(page.total).toBe(6001);
    expect(ids(page.items)).toEqual(Array.from({ length: 700 }, (_, i) => pad(i + 10)));
    const first = page.items[0] as Record<string, unknown>;
    const row = fx.sql<Record<string, unknown>>('SELECT * FROM agent WHERE id = 10')[0];
    expect(first.name).toBe(row.name);
    expect((first.os as Record<string, unknown> | undefined)?.platform).toBe(row.os_platform ?? undefined);
    expect(first).not.toHaveProperty('internal_key');
    expect(first.dateAdd).toBe(new Date(Number(row.date_add) * 1000).toISOString().replace('.000Z', '+00:00'));
  });

  it('reads every row of a large page through many capped replies, in key order or any other', async () => {
    const all = await listAgents(fx.deps.wdb, { params: { limit: 100000 }, scope: ALL });
    expect(ids(all.items)).toEqual(Array.from({ length: 6001 }, (_, i) => pad(i)));

    const byName = await listAgents(fx.deps.wdb, { params: { limit: 100000, sort: '-name', select: ['name'] }, scope: ALL });
    const expected = fx.sql<{ id: number }>('SELECT id FROM agent ORDER BY name DESC, id');
    expect(ids(byName.items)).toEqual(expected.map((row) => pad(row.id)));
  });

  it('sorts versions by their numbers, not as text', async () => {
    const result = await listAgents(fx.deps.wdb, {
      params: { select: ['version'], sort: '-version', distinct: true, limit: 100 },
      scope: ALL,
    });
    const versions = result.items.map((item) => String(item.version));
    const numbers = versions.map((v) => v.replace('Wazuh v', '').split('.').map(Number));
    const sorted = [...numbers].sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
    expect(numbers).toEqual(sorted);
    expect(versions).toContain('Wazuh v4.14.4');
    expect(versions.indexOf('Wazuh v4.14.4')).toBeLessThan(versions.indexOf('Wazuh v4.9.2'));
  });

  it('pushes filters, q, sort and select into SQL', async () => {
    const result = await listAgents(fx.deps.wdb, {
      params: { q: 'os.platform=ubuntu', select: ['name', 'status'], sort: '-name', limit: 5 },
      filters: { status: ['active', 'disconnected'] },
      scope: ALL,
    });
    const expected = fx.sql<{ id: number; name: string }>(
      "SELECT id, name FROM agent WHERE os_platform = 'ubuntu' AND connection_status IN ('active','disconnected') ORDER BY name DESC, id LIMIT 5",
    );
    const total = fx.sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM agent WHERE os_platform = 'ubuntu' AND connection_status IN ('active','disconnected')",
    )[0].n;
    expect(result.total).toBe(total);
    expect(result.items).toEqual(
      expected.map((row) => ({ id: pad(row.id), name: row.name, status: expect.any(String) })),
    );
  });

  it('restricts to the RBAC scope in both directions', async () => {
    const onlySome = await listAgents(fx.deps.wdb, { params: { select: ['id'] }, scope: only(['001', '005', '999']) });
    expect(ids(onlySome.items)).toEqual(['001', '005', '999']);
    const allBut = await listAgents(fx.deps.wdb, { params: { select: ['id'], limit: 3 }, scope: except(['000', '001']) });
    expect(allBut.total).toBe(5999);
    expect(ids(allBut.items)).toEqual(['002', '003', '004']);
  });

  it('matches versions written without the "Wazuh v" prefix', async () => {
    const result = await listAgents(fx.deps.wdb, { params: { limit: 1 }, filters: { version: '4.14.4' }, scope: ALL });
    const total = fx.sql<{ n: number }>("SELECT COUNT(*) AS n FROM agent WHERE version = 'Wazuh v4.14.4'")[0].n;
    expect(result.total).toBe(total);
  });

  it('rejects a bad q with the query language error', async () => {
    await expect(listAgents(fx.deps.wdb, { params: { q: 'nosuchfield=1' }, scope: ALL })).rejects.toMatchObject({ code: 1408 });
    await expect(listAgents(fx.deps.wdb, { params: { q: 'name=' }, scope: ALL })).rejects.toBeInstanceOf(WazuhError);
  });
});

describe('views and summaries', () => {
  it('lists group members, agents without group and outdated agents', async () => {
    const web = await listGroupAgents(fx.deps.wdb, 'webservers', { params: { select: ['id'], limit: 100000 }, scope: ALL });
    const expectedWeb = fx.sql<{ id: number }>("SELECT id FROM agent WHERE (',' || `group` || ',') LIKE '%,webservers,%' ORDER BY id");
    expect(ids(web.items)).toEqual(expectedWeb.map((row) => pad(row.id)));

    const none = await listAgentsWithoutGroup(fx.deps.wdb, { params: {}, scope: ALL });
    expect(none.total).toBe(0);

    const outdated = await listOutdatedAgents(fx.deps.wdb, { params: { limit: 1 }, scope: ALL });
    const expectedOutdated = fx.sql<{ n: number }>("SELECT COUNT(*) AS n FROM agent WHERE version != 'Wazuh v4.14.4'")[0].n;
    expect(outdated.total).toBe(expectedOutdated);
  });

  it('summarizes status and configuration sync without the manager', async () => {
    const summary = await summarizeStatus(fx.deps.wdb, ALL);
    const rows = fx.sql<{ s: string; n: number }>('SELECT connection_status AS s, COUNT(*) AS n FROM agent WHERE id != 0 GROUP BY s');
    for (const row of rows) expect(summary.connection[row.s]).toBe(row.n);
    expect(summary.connection.total).toBe(6000);
    expect(summary.configuration.synced + summary.configuration.not_synced).toBe(6000);
  });

  it('lists OS platforms and distinct value combinations', async () => {
    const platforms = await summarizeOs(fx.deps.wdb, ALL);
    const expected = fx.sql<{ p: string }>("SELECT DISTINCT os_platform AS p FROM agent WHERE id != 0 AND os_platform IS NOT NULL AND os_platform != '' ORDER BY p");
    expect(platforms).toEqual(expected.map((row) => row.p));

    const distinct = await distinctAgentValues(fx.deps.wdb, ['os.platform'], { sort: '-count' }, ALL);
    const counts = fx.sql<{ p: string | null; n: number }>('SELECT os_platform AS p, COUNT(*) AS n FROM agent GROUP BY p ORDER BY n DESC');
    expect(distinct.total).toBe(counts.length);
    expect(distinct.items[0]).toEqual({ os: { platform: counts[0].p ?? 'N/A' }, count: counts[0].n });
  });
});
