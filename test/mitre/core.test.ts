/**
 * MITRE reading against the embedded wazuh-db's `mitre` actor: first without a database, then after importing the
 * sample ATT&CK bundle. Items must be exactly what `buildMitreItems` assembles from the same database.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  buildMitreItems,
  importMitreBundle,
  MITRE_MODELS,
  mitreItemsSql,
  mitreReferencesSql,
  mitreRelationSql,
  type MitreResource,
  type MitreRow,
} from '../../src/core/mitre';
import {
  listMitre,
  MITRE_IMPORT_HINT,
  MITRE_QUERY_MODELS,
  type MitreQuery,
  type MitreStore,
} from '../../src/core/mitre/queries';
import { compileQuery, shapeRows } from '../../src/core/query';
import { startMonitoringFixture, type MonitoringFixture } from '../syscheck/fixture';

const SAMPLE = join(__dirname, '..', 'fixtures', 'mitre-sample.json');
const VALID_ACCOUNTS = 'attack-pattern--46ed4326-632f-5551-98bd-af539f46e6bf';
const LOCAL_ACCOUNTS = 'attack-pattern--2fc0f84a-8335-54d1-b5f8-55ee16e3aab8';
const INITIAL_ACCESS = 'x-mitre-tactic--2f1eb93f-0c9d-5c63-96c8-a657f6693f83';
const APT29 = 'intrusion-set--0b0c545d-de72-5b84-9621-db46c29b6d77';

let fx: MonitoringFixture;
let store: MitreStore;

beforeAll(async () => {
  fx = await startMonitoringFixture();
  store = { wdb: fx.wdb, mitreDb: fx.host.paths.mitreDb };
});

afterAll(() => fx.close());

const list = (resource: MitreResource, query: MitreQuery = {}) => listMitre(store, resource, query);

describe('before the database is imported', () => {
  it('answers a 500 that says how to import it', async () => {
    const error = await list('tactics').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 2007, httpStatus: 500 });
    expect((error as Error).message).toMatch(/has not been imported yet/);
    expect((error as { remediation: string }).remediation).toContain(MITRE_IMPORT_HINT);
    expect(MITRE_IMPORT_HINT).toContain('npm run mitre:import -- <enterprise-attack.json>');
  });
});

describe('after importing the sample bundle', () => {
  beforeAll(() => {
    importMitreBundle(SAMPLE, fx.host.paths.mitreDb);
  });

  /** What buildMitreItems assembles from the whole tables, read directly. */
  function assembled(resource: MitreResource): MitreRow[] {
    const db = new Database(fx.host.paths.mitreDb, { readonly: true });
    try {
      const model = MITRE_MODELS[resource];
      const all = (sql: string) => db.prepare(sql).all() as MitreRow[];
      const relations = Object.fromEntries(model.relations.map((r) => [r.field, all(mitreRelationSql(r))]));
      const references = model.referenceType ? all(mitreReferencesSql(model.referenceType)) : [];
      return buildMitreItems(model, all(mitreItemsSql(model)), { relations, references });
    } finally {
      db.close();
    }
  }

  it.each(['metadata', 'tactics', 'techniques', 'groups', 'software', 'mitigations', 'references'] as MitreResource[])(
    '%s: every item as Wazuh shows it',
    async (resource) => {
      const expected = assembled(resource);
      const { total, items } = await list(resource);
      expect(total).toBe(expected.length);
      expect(total).toBeGreaterThan(0);
      if (resource === 'references') {
        // Several references share an object id: compare as sets.
        expect(items).toEqual(expect.arrayContaining(expected));
      } else {
        expect(items).toEqual(expected);
      }
    },
  );

  it.each(['tactics', 'techniques', 'groups', 'software', 'mitigations'] as MitreResource[])(
    '%s: the joined fields that q, sort and search look at hold the same values as the items',
    (resource) => {
      const model = MITRE_QUERY_MODELS[resource];
      const compiled = compileQuery(model, { limit: null });
      const db = new Database(fx.host.paths.mitreDb, { readonly: true });
      try {
        const rows = db.prepare(compiled.rowsSql).all(...compiled.rowsParams) as Record<string, unknown>[];
        expect(shapeRows(model, compiled, rows)).toEqual(assembled(resource));
      } finally {
        db.close();
      }
    },
  );

  it('distinct reads the joined fields', async () => {
    const { total, items } = await list('techniques', { select: ['tactics'], distinct: true });
    expect(total).toBe(items.length);
    expect(items).toContainEqual({ tactics: expect.arrayContaining([INITIAL_ACCESS]) });
    expect(new Set(items.map((item) => JSON.stringify(item))).size).toBe(items.length);
  });

  it('lifts the main reference and keeps the others', async () => {
    const { items } = await list('techniques', { ids: [VALID_ACCOUNTS] });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ external_id: 'T1078', source: 'mitre-attack', name: 'Valid Accounts' });
    expect((items[0].references as unknown[]).length).toBeGreaterThan(0);
    expect(items[0].references).not.toContainEqual(expect.objectContaining({ external_id: 'T1078' }));
    expect(items[0].tactics).toHaveLength(2);
  });

  it('filters on relation lists and lifted fields with q, and searches them', async () => {
    const ids = async (resource: MitreResource, query: MitreQuery) => (await list(resource, query)).items.map((i) => i.id);
    expect(await ids('techniques', { q: `groups=${APT29}` })).toEqual([VALID_ACCOUNTS]);
    expect(await ids('techniques', { q: `tactics=${INITIAL_ACCESS}`, sort: 'external_id' })).toEqual([
      VALID_ACCOUNTS,
      LOCAL_ACCOUNTS,
    ]);
    expect(await ids('techniques', { q: 'external_id=t1078.003' })).toEqual([LOCAL_ACCOUNTS]);
    expect(await ids('groups', { search: 'g0016' })).toEqual([APT29]);
    expect(await ids('tactics', { search: VALID_ACCOUNTS.slice(-12) })).toHaveLength(2);
  });

  it('selects (id always kept), sorts case-insensitively, pages and refuses unknown fields', async () => {
    const names = await list('techniques', { select: ['name'], sort: '-name', limit: 3, offset: 1 });
    expect(names.total).toBe(7);
    expect(names.items.map((item) => Object.keys(item).sort())).toEqual([['id', 'name'], ['id', 'name'], ['id', 'name']]);
    const all = (await list('techniques', { select: ['name'], sort: '-name' })).items.map((item) => item.name as string);
    expect(all).toEqual([...all].sort((a, b) => b.toLowerCase().localeCompare(a.toLowerCase())));
    expect(names.items.map((item) => item.name)).toEqual(all.slice(1, 4));
    await expect(list('tactics', { select: ['nope'] })).rejects.toMatchObject({ code: 1724 });
    await expect(list('tactics', { sort: 'nope' })).rejects.toMatchObject({ code: 1403 });
    await expect(list('tactics', { q: 'nope=1' })).rejects.toMatchObject({ code: 1408 });
  });

  it('returns the references of the given objects', async () => {
    const { items } = await list('references', { ids: [APT29] });
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((item) => item.id === APT29 && item.type === 'group')).toBe(true);
  });
});
