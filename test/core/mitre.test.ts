import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  buildMitreItems,
  importMitreBundle,
  MITRE_MODELS,
  MITRE_TABLES,
  mitreAllowedFields,
  MitreBundleError,
  mitreItemsSql,
  mitreReferencesSql,
  mitreRelationSql,
  MitreResource,
  MitreRow,
} from '../../src/core/mitre';
import { TempWazuh, tempWazuh, thrown } from './temp-wazuh';

const ROOT = join(__dirname, '..', '..');
const SAMPLE = join(ROOT, 'test', 'fixtures', 'mitre-sample.json');

describe('MITRE import from a STIX bundle', () => {
  let wazuh: TempWazuh;
  let db: Database.Database;
  /** The STIX id of an object, found through its ATT&CK id in `reference`. */
  const idOf = (externalId: string) =>
    (db.prepare("select id from reference where source = 'mitre-attack' and external_id = ?").get(externalId) as { id: string }).id;
  const row = (table: string, id: string) => db.prepare(`select * from "${table}" where id = ?`).get(id) as Record<string, unknown>;

  beforeAll(() => {
    wazuh = tempWazuh();
    importMitreBundle(SAMPLE, wazuh.paths.mitreDb);
    db = new Database(wazuh.paths.mitreDb, { readonly: true });
  });
  afterAll(() => {
    db.close();
    wazuh.remove();
  });

  test('every table of the schema exists; metadata says which versions', () => {
    const tables = (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables.sort()).toEqual([...MITRE_TABLES].sort());
    expect(db.prepare('select key, value from metadata order by key').all()).toEqual([
      { key: 'db_version', value: '1' },
      { key: 'mitre_version', value: '2.0' },
    ]);
    expect(statSync(wazuh.paths.mitreDb).mode & 0o777).toBe(0o660);
  });

  test('objects land in their tables; other kinds are not stored', () => {
    const count = (table: string) => (db.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    expect([count('tactic'), count('technique'), count('group'), count('software'), count('mitigation')]).toEqual([3, 7, 2, 2, 3]);
    expect(db.prepare("select count(*) as n from reference where external_id = 'enterprise-attack'").get()).toEqual({ n: 0 });
  });

  test('a technique row: dates, booleans, optional text', () => {
    expect(row('technique', idOf('T1078'))).toEqual({
      id: idOf('T1078'),
      name: 'Valid Accounts',
      description: 'Adversaries log in with credentials of existing accounts.',
      created_time: '2017-05-31 21:31:00.645000',
      modified_time: '2023-03-30 21:01:51.631000',
      mitre_version: '1.4',
      mitre_detection: 'Watch for unusual use of this behaviour in process and authentication logs.',
      network_requirements: 0,
      remote_support: 1,
      revoked_by: null,
      deprecated: 0,
      subtechnique_of: null,
    });
    // An empty description is not stored for techniques.
    expect(row('technique', idOf('T1064'))).toMatchObject({ description: null, deprecated: 1 });
  });

  test('sub-techniques, revocations and deprecations', () => {
    expect(row('technique', idOf('T1078.003')).subtechnique_of).toBe(idOf('T1078'));
    expect(row('technique', idOf('T1059.004')).subtechnique_of).toBe(idOf('T1059'));
    expect(row('technique', idOf('T1086'))).toMatchObject({ name: 'PowerShell', revoked_by: idOf('T1059'), description: null });
    expect(row('mitigation', idOf('M9999'))).toMatchObject({ revoked_by: idOf('M1026'), deprecated: 1 });
    expect(row('software', idOf('S0002'))).toMatchObject({ deprecated: 0, mitre_version: '2.0' });
  });

  test('phases link techniques to tactics by short name; unknown phases are dropped', () => {
    const tactics = db.prepare(
      'select t.short_name as s from phase p join tactic t on t.id = p.tactic_id where p.tech_id = ? order by s',
    ).all(idOf('T1053')) as { s: string }[];
    expect(tactics.map((t) => t.s)).toEqual(['execution', 'persistence']);
    expect(db.prepare('select count(*) as n from phase').get()).toEqual({ n: 9 });
  });

  test('relationships: mitigates and uses rows with their kinds', () => {
    expect(db.prepare('select source_id, target_id, description from mitigate where target_id = ?').all(idOf('T1078'))).toEqual([
      { source_id: idOf('M1026'), target_id: idOf('T1078'), description: 'Limit which accounts may log in remotely.' },
    ]);
    const kinds = db.prepare('select source_type || \'>\' || target_type as k, count(*) as n from use group by k order by k').all();
    expect(kinds).toEqual([
      { k: 'group>software', n: 2 },
      { k: 'group>technique', n: 2 },
      { k: 'software>technique', n: 2 },
    ]);
  });

  test('side tables: aliases (repeats kept once), contributors, platforms, technique details', () => {
    expect(db.prepare('select alias, type from alias where id = ? order by alias').all(idOf('G0016'))).toEqual([
      { alias: 'APT29', type: 'group' },
      { alias: 'Cozy Bear', type: 'group' },
    ]);
    expect(db.prepare('select contributor, type from contributor order by type').all()).toEqual([
      { contributor: 'Sample Contributor', type: 'group' },
      { contributor: 'Sample Contributor', type: 'technique' },
    ]);
    expect(db.prepare('select platform from platform where id = ? order by platform').all(idOf('T1059.004'))).toEqual([
      { platform: 'Linux' }, { platform: 'macOS' },
    ]);
    expect(db.prepare('select source from data_source where id = ? order by source').all(idOf('T1078'))).toEqual([
      { source: 'Logon Session: Logon Session Creation' },
      { source: 'User Account: User Account Authentication' },
    ]);
    const detail = (table: string, column: string) =>
      (db.prepare(`select ${column} as v from ${table} where id = ? order by v`).all(idOf('T1078')) as { v: string }[]).map((r) => r.v);
    expect(detail('permission', 'permission')).toEqual(['Administrator', 'User']);
    expect(detail('defense_bypassed', 'defense')).toEqual(['Anti-virus', 'Firewall']);
    expect(detail('effective_permission', 'permission')).toEqual(['User']);
  });

  test('references: only those with a URL, external ids kept', () => {
    expect(db.prepare('select source, external_id, url, description, type from reference where id = ? order by source').all(idOf('T1078'))).toEqual([
      { source: 'Sample Accounts Report', external_id: null, url: 'https://example.org/reports/accounts', description: 'Sample report on account misuse. Retrieved January 1, 2020.', type: 'technique' },
      { source: 'capec', external_id: 'CAPEC-560', url: 'https://capec.mitre.org/data/definitions/560.html', description: null, type: 'technique' },
      { source: 'mitre-attack', external_id: 'T1078', url: 'https://attack.mitre.org/techniques/T1078', description: null, type: 'technique' },
    ]);
  });

  describe('items of GET /mitre/*', () => {
    /** Runs a model's queries on the database, as wazuh-db would, and assembles the items. */
    function items(resource: MitreResource): MitreRow[] {
      const model = MITRE_MODELS[resource];
      const rows = db.prepare(mitreItemsSql(model)).all() as MitreRow[];
      const relations = Object.fromEntries(
        model.relations.map((relation) => [relation.field, db.prepare(mitreRelationSql(relation)).all() as MitreRow[]]),
      );
      const references = model.referenceType ? (db.prepare(mitreReferencesSql(model.referenceType)).all() as MitreRow[]) : [];
      return buildMitreItems(model, rows, { relations, references });
    }
    const byName = (list: MitreRow[], name: string) => list.find((item) => item.name === name) as MitreRow;

    test('a technique with its relations and its ATT&CK id lifted from the references', () => {
      expect(byName(items('techniques'), 'Valid Accounts')).toEqual({
        id: idOf('T1078'),
        name: 'Valid Accounts',
        description: 'Adversaries log in with credentials of existing accounts.',
        created_time: '2017-05-31T21:31:00.645000Z',
        modified_time: '2023-03-30T21:01:51.631000Z',
        mitre_version: '1.4',
        mitre_detection: 'Watch for unusual use of this behaviour in process and authentication logs.',
        network_requirements: 0,
        remote_support: 1,
        deprecated: 0,
        tactics: [idOf('TA0001'), idOf('TA0003')].sort(),
        mitigations: [idOf('M1026')],
        software: [],
        groups: [idOf('G0016')],
        references: [
          { url: 'https://example.org/reports/accounts', description: 'Sample report on account misuse. Retrieved January 1, 2020.', source: 'Sample Accounts Report' },
          { url: 'https://capec.mitre.org/data/definitions/560.html', source: 'capec', external_id: 'CAPEC-560' },
        ],
        url: 'https://attack.mitre.org/techniques/T1078',
        source: 'mitre-attack',
        external_id: 'T1078',
      });
      expect(byName(items('techniques'), 'Unix Shell')).toMatchObject({
        subtechnique_of: idOf('T1059'), mitigations: [idOf('M1038')], groups: [idOf('G0032')], external_id: 'T1059.004',
      });
    });

    test('tactics, groups, software and mitigations carry their lists', () => {
      const execution = byName(items('tactics'), 'Execution');
      expect(execution).toMatchObject({ short_name: 'execution', external_id: 'TA0002', references: [] });
      expect(execution.techniques).toEqual([idOf('T1059'), idOf('T1059.004'), idOf('T1053'), idOf('T1064')].sort());

      expect(byName(items('groups'), 'APT29')).toMatchObject({
        software: [idOf('S0154')], techniques: [idOf('T1078')], external_id: 'G0016',
        references: [{ url: 'https://example.org/reports/apt29', source: 'Sample Group Report', description: 'Sample write-up on the group. Retrieved March 3, 2021.' }],
      });
      expect(byName(items('software'), 'Mimikatz')).toMatchObject({ groups: [idOf('G0032')], techniques: [idOf('T1078.003')] });
      expect(byName(items('mitigations'), 'Execution Prevention').techniques).toEqual([idOf('T1059'), idOf('T1059.004')].sort());
      expect(items('metadata')).toEqual([{ key: 'db_version', value: '1' }, { key: 'mitre_version', value: '2.0' }]);
      expect(items('references').length).toBe((db.prepare('select count(*) as n from reference').get() as { n: number }).n);
    });

    test('fields a client may select or sort by', () => {
      expect(mitreAllowedFields(MITRE_MODELS.tactics).sort()).toEqual([
        'created_time', 'description', 'external_id', 'id', 'modified_time', 'name', 'references', 'short_name', 'source',
        'techniques', 'url',
      ]);
      expect(mitreAllowedFields(MITRE_MODELS.references)).toEqual(['id', 'source', 'external_id', 'url', 'description', 'type']);
    });
  });
});

describe('bad bundles', () => {
  let wazuh: TempWazuh;
  beforeEach(() => {
    wazuh = tempWazuh();
    importMitreBundle(SAMPLE, wazuh.paths.mitreDb);
  });
  afterEach(() => wazuh.remove());

  test.each([
    ['not JSON', '{"objects": ['],
    ['no objects', '{"type": "bundle"}'],
    ['object without id', '{"spec_version": "2.0", "objects": [{"type": "attack-pattern", "name": "x"}]}'],
    ['bad timestamp', '{"spec_version": "2.0", "objects": [{"type": "x-mitre-tactic", "id": "x-mitre-tactic--1", "name": "t", "created": "yesterday"}]}'],
  ])('%s: a clear error and the previous database untouched', (_name, content) => {
    const before = readFileSync(wazuh.paths.mitreDb);
    const file = wazuh.write('bad.json', content);
    expect(thrown(() => importMitreBundle(file, wazuh.paths.mitreDb))).toBeInstanceOf(MitreBundleError);
    expect(readFileSync(wazuh.paths.mitreDb).equals(before)).toBe(true);
  });

  test('a STIX 2.1 bundle (no top-level spec_version) takes the objects\' version', () => {
    const file = wazuh.write('v21.json', JSON.stringify({
      type: 'bundle', id: 'bundle--1',
      objects: [{ type: 'x-mitre-tactic', spec_version: '2.1', id: 'x-mitre-tactic--1', name: 'T', x_mitre_shortname: 't' }],
    }));
    importMitreBundle(file, wazuh.paths.mitreDb);
    const db = new Database(wazuh.paths.mitreDb, { readonly: true });
    try {
      expect(db.prepare("select value from metadata where key = 'mitre_version'").get()).toEqual({ value: '2.1' });
      expect(db.prepare('select id, name, description, created_time, short_name from tactic').all()).toEqual([
        { id: 'x-mitre-tactic--1', name: 'T', description: null, created_time: null, short_name: 't' },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('npm run mitre:import', () => {
  const run = promisify(execFile);
  const cli = (...args: string[]) => run(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'mitre-import.ts'), ...args], {
    cwd: ROOT, env: { ...process.env, WAZUH_PATH: '/nonexistent-wazuh-path' },
  });
  let wazuh: TempWazuh;
  beforeEach(() => {
    wazuh = tempWazuh();
  });
  afterEach(() => wazuh.remove());

  test('writes $WAZUH_PATH/var/db/mitre.db', async () => {
    const { stdout } = await cli(SAMPLE, '--wazuh-path', wazuh.paths.root);
    expect(stdout).toContain(wazuh.paths.mitreDb);
    expect(stdout).toContain('technique=7');
    expect(existsSync(wazuh.paths.mitreDb)).toBe(true);
  });

  test('a bad bundle exits 1 with the reason', async () => {
    const file = wazuh.write('bad.json', '[]');
    const failure = await run(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'mitre-import.ts'), file, `--wazuh-path=${wazuh.paths.root}`], { cwd: ROOT })
      .then(() => null, (error: { code: number; stderr: string }) => error);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/left unchanged: not a STIX bundle/);
    expect(existsSync(wazuh.paths.mitreDb)).toBe(false);
  });
});
