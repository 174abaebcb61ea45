/** `/mitre/*` through the real API and the embedded wazuh-db: without a database, then with the sample imported. */
import { join } from 'node:path';
import { importMitreBundle } from '../../src/core/mitre';
import { dataOf, startApiFixture, type ApiFixture } from '../syscheck/api-fixture';

const SAMPLE = join(__dirname, '..', 'fixtures', 'mitre-sample.json');
const INITIAL_ACCESS = 'x-mitre-tactic--2f1eb93f-0c9d-5c63-96c8-a657f6693f83';
const VALID_ACCOUNTS = 'attack-pattern--46ed4326-632f-5551-98bd-af539f46e6bf';
const APT29 = 'intrusion-set--0b0c545d-de72-5b84-9621-db46c29b6d77';
const PATHS = ['metadata', 'tactics', 'techniques', 'groups', 'software', 'mitigations', 'references'];

let fx: ApiFixture;

beforeAll(async () => {
  fx = await startApiFixture();
});

afterAll(() => fx.close());

it('tells how to import the database while there is none', async () => {
  const res = await fx.call('GET', '/mitre/tactics');
  expect(res.status).toBe(500);
  expect(res.body).toMatchObject({
    title: 'Wazuh Internal Error',
    detail: 'Error retrieving data from Wazuh DB: The MITRE ATT&CK database (var/db/mitre.db) has not been imported yet',
    remediation: expect.stringContaining('npm run mitre:import -- <enterprise-attack.json>'),
    error: 2007,
  });
});

describe('with the sample bundle imported', () => {
  beforeAll(() => {
    importMitreBundle(SAMPLE, fx.paths.mitreDb);
  });

  it.each(PATHS)('GET /mitre/%s answers every item', async (path) => {
    const res = await fx.call('GET', `/mitre/${path}`);
    expect(res.status).toBe(200);
    expect((res.body as { error: number }).error).toBe(0);
    expect(dataOf(res).total_affected_items).toBeGreaterThan(0);
  });

  it('metadata and tactics look as in Wazuh', async () => {
    const metadata = await fx.call('GET', '/mitre/metadata');
    expect(res(metadata)).toMatchObject({ message: 'MITRE metadata information was returned' });
    expect(dataOf(metadata).affected_items).toContainEqual({ key: 'db_version', value: '1' });
    const tactics = await fx.call('GET', '/mitre/tactics', { query: { tactic_ids: [INITIAL_ACCESS] } });
    expect(res(tactics)).toMatchObject({ message: 'All tactics information was returned', error: 0 });
    expect(dataOf(tactics).affected_items).toEqual([
      expect.objectContaining({
        id: INITIAL_ACCESS,
        name: 'Initial Access',
        short_name: 'initial-access',
        external_id: 'TA0001',
        source: 'mitre-attack',
        url: 'https://attack.mitre.org/tactics/TA0001',
        created_time: '2018-10-17T00:14:20.652000Z',
        techniques: expect.arrayContaining([VALID_ACCOUNTS]),
        references: [],
      }),
    ]);
  });

  it('techniques, groups, software, mitigations and references take ids, q, search, select, sort and paging', async () => {
    const ids = async (path: string, query: Record<string, string | number | string[]>) =>
      dataOf(await fx.call('GET', `/mitre/${path}`, { query })).affected_items.map((item) => item.id);
    expect(await ids('techniques', { q: `groups=${APT29}`, select: ['name'] })).toEqual([VALID_ACCOUNTS]);
    expect(await ids('techniques', { technique_ids: [VALID_ACCOUNTS] })).toEqual([VALID_ACCOUNTS]);
    expect(await ids('groups', { search: 'G0016' })).toEqual([APT29]);
    expect((await ids('software', { sort: '-name', limit: 1 })).length).toBe(1);
    expect((await ids('mitigations', { q: 'deprecated=1' })).length).toBe(1);
    const refs = dataOf(await fx.call('GET', '/mitre/references', { query: { reference_ids: [APT29], limit: 1 } }));
    expect(refs.affected_items).toEqual([expect.objectContaining({ id: APT29, type: 'group' })]);
    expect(refs.total_affected_items).toBeGreaterThan(1);
    const selected = dataOf(await fx.call('GET', '/mitre/techniques', { query: { select: ['name', 'tactics'], limit: 1 } }));
    expect(Object.keys(selected.affected_items[0]).sort()).toEqual(['id', 'name', 'tactics']);
  });

  it('answers Wazuh errors for bad fields and 403 without mitre:read', async () => {
    const bad = await fx.call('GET', '/mitre/techniques', { query: { select: ['nope'] } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 1724 });
    const reader = await fx.userWith([{ actions: ['agent:read'], resources: ['agent:id:*'], effect: 'allow' }]);
    const denied = await fx.call('GET', '/mitre/metadata', { as: reader });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ detail: 'Permission denied: Resource type: *:*', error: 4000 });
  });
});

function res(response: { body: unknown }) {
  return response.body as Record<string, unknown>;
}
