/** The compiler against a real SQLite `agent` table, through bound parameters and through rendered literals. */
import type Database from 'better-sqlite3';
import { and, cond, or } from '../../src/core/query';
import { AGENT_MODEL } from '../../src/core/agents/model';
import { agentDatabase, failure, ids, NOW, run } from './fixture';

let db: Database.Database;
beforeAll(() => {
  db = agentDatabase();
});
afterAll(() => db.close());

const q = (text: string) => ids(run(db, AGENT_MODEL, { q: text }));

describe('q operators', () => {
  it('= ignores case', () => {
    expect(q('name=WEB01')).toEqual([1]);
    expect(q('status=ACTIVE')).toEqual([0, 1, 4]);
  });

  it('!= keeps the other rows', () => {
    expect(q('status!=active')).toEqual([2, 3, 5]);
  });

  it('< and > compare numbers as numbers, whatever the padding', () => {
    expect(q('id<2')).toEqual([0, 1]);
    expect(q('id>3')).toEqual([4, 5]);
    expect(q('id=001')).toEqual([1]);
    expect(q('id<010')).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('~ is "contains", case-insensitive', () => {
    expect(q('name~WEB')).toEqual([1, 4]);
    expect(q('ip~10.0.0.1')).toEqual([1, 2, 4, 5]);
  });

  it('compares an expression field (ip falls back to the registration IP)', () => {
    expect(q('ip=any')).toEqual([3]);
  });

  it('AND binds tighter than OR; parentheses regroup', () => {
    expect(q('status=active;name~web,status=never_connected')).toEqual([1, 3, 4]);
    expect(q('status=active;(name~web,status=never_connected)')).toEqual([1, 4]);
    expect(q('(status=active,status=pending);node_name=node02')).toEqual([5]);
    expect(q('status=active,status=pending;node_name=node02')).toEqual([0, 1, 4, 5]);
  });

  it('filters on nested fields and values with spaces', () => {
    expect(q('os.platform=ubuntu')).toEqual([0, 2]);
    expect(q('os.name=Microsoft Windows 10 Pro')).toEqual([4]);
  });

  it('null tests for NULL, !=null for NOT NULL', () => {
    expect(q('group=null')).toEqual([0, 3]);
    expect(q('group!=null')).toEqual([1, 2, 4, 5]);
    expect(q('ip=null')).toEqual([]);
  });

  it('the value all means no condition', () => {
    expect(q('status=all')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(q('status=all;name=db01')).toEqual([2]);
  });

  it('a quote in a value is matched literally', () => {
    expect(q("name=o'brien-web")).toEqual([4]);
    expect(q("name!=o'brien-web")).toEqual([0, 1, 2, 3, 5]);
  });

  it('agent versions accept the glued form Wazuhv4.7.0', () => {
    expect(q('version=Wazuhv4.7.0')).toEqual([2]);
  });
});

describe('list fields (agent groups)', () => {
  it('= and != test membership, ~ looks inside the list', () => {
    expect(q('group=webservers')).toEqual([1, 4]);
    expect(q('group=web')).toEqual([]);
    expect(q('group!=webservers')).toEqual([2, 5]);
    expect(q('group~server')).toEqual([1, 4]);
  });

  it('< and > are refused with the operators that work', () => {
    const error = failure(() => run(db, AGENT_MODEL, { q: 'group<a' }));
    expect(error.code).toBe(1409);
    expect(error.message).toBe("Invalid query operator: Valid operators for 'group' field: =, !=, ~. Used operator: <");
  });
});

describe('date fields', () => {
  it('time frames: < means more recent, > means older; the manager never matches', () => {
    expect(q('lastKeepAlive<1h')).toEqual([1, 4]);
    expect(q('lastKeepAlive>1d')).toEqual([2, 3]);
    expect(q('lastKeepAlive>1d12h')).toEqual([2, 3]);
    expect(q('lastKeepAlive>4d')).toEqual([3]);
    expect(q('lastKeepAlive<90')).toEqual([1]);
    expect(q('dateAdd<3d')).toEqual([4, 5]);
    expect(q('dateAdd>30m;dateAdd<1d')).toEqual([5]);
  });

  it('dates in the three accepted forms', () => {
    expect(q('dateAdd<2023-11-15')).toEqual([1, 2]);
    expect(q('dateAdd>2023-11-14 22:15:00')).toEqual([2, 3, 4, 5]);
    expect(q('dateAdd=2023-11-14T22:15:00Z')).toEqual([1]);
  });

  it('rejects values that are neither with 1412', () => {
    for (const value of ['abc', '2023-02-30', '2023-1-1', '1x', '2023-11-14 25:00:00']) {
      const error = failure(() => run(db, AGENT_MODEL, { q: `dateAdd<${value}` }));
      expect(error.code).toBe(1412);
      expect(error.message).toBe(
        `Date filter not valid. Valid formats are YYYY-MM-DD HH:mm:ss, YYYY-MM-DDTHH:mm:ssZ or YYYY-MM-DD: ${value}`,
      );
    }
  });

  it('null on a date field tests for NULL', () => {
    expect(q('lastKeepAlive=null')).toEqual([5]);
  });
});

describe('q errors', () => {
  it('unknown field: 1408 with the valid fields', () => {
    const error = failure(() => run(db, AGENT_MODEL, { q: 'colour=red' }));
    expect(error.code).toBe(1408);
    expect(error.message).toMatch(/^Field does not exist: Available fields: configSum, dateAdd, .*\. Field: colour$/);
    expect(error.message).not.toContain('internal_key');
  });

  it('hidden fields cannot be queried', () => {
    expect(failure(() => run(db, AGENT_MODEL, { q: 'internal_key~A' })).code).toBe(1408);
  });

  it('bad operator: 1409, checked after the field, condition by condition', () => {
    const error = failure(() => run(db, AGENT_MODEL, { q: 'name==web01' }));
    expect(error.code).toBe(1409);
    expect(error.message).toBe('Invalid query operator: Valid operators: =, !=, <, >, ~. Used operator: ==');
    expect(failure(() => run(db, AGENT_MODEL, { q: 'colour==x' })).code).toBe(1408);
    expect(failure(() => run(db, AGENT_MODEL, { q: 'name<>x;colour=y' })).code).toBe(1409);
  });

  it('bad syntax: 1407', () => {
    expect(failure(() => run(db, AGENT_MODEL, { q: 'name=web01;' })).code).toBe(1407);
  });
});

describe('named filters', () => {
  const filtered = (filters: Record<string, unknown>) =>
    ids(run(db, AGENT_MODEL, { filters: filters as never }));

  it('several values are ORed, a comma-separated string too', () => {
    expect(filtered({ status: ['active', 'disconnected'] })).toEqual([0, 1, 2, 4]);
    expect(filtered({ status: 'active,disconnected' })).toEqual([0, 1, 2, 4]);
    expect(filtered({ status: 'DISCONNECTED' })).toEqual([2]);
  });

  it('different filters are ANDed, and with q', () => {
    expect(filtered({ status: 'active', 'os.platform': 'ubuntu' })).toEqual([0]);
    expect(ids(run(db, AGENT_MODEL, { filters: { status: 'active' }, q: 'name~web' }))).toEqual([1, 4]);
  });

  it('group filters test membership', () => {
    expect(filtered({ group: 'webservers' })).toEqual([1, 4]);
    expect(filtered({ group: 'dbservers,default' })).toEqual([1, 2, 4, 5]);
  });

  it('fields work as filters without a declaration; null and all behave as in q', () => {
    expect(filtered({ node_name: 'node02' })).toEqual([2, 5]);
    expect(filtered({ registerIP: ['any', 'null'] })).toEqual([1, 3, 4, 5]);
    expect(filtered({ status: 'all' })).toEqual([0, 1, 2, 3, 4, 5]);
    expect(filtered({ status: undefined })).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('older_than: keepalive for connected agents, registration date for never-connected ones', () => {
    expect(filtered({ older_than: '1d' })).toEqual([2, 3]);
    expect(filtered({ older_than: '5d' })).toEqual([3]);
    expect(filtered({ older_than: '11d' })).toEqual([]);
    expect(filtered({ older_than: '0s' })).toEqual([0, 1, 2, 3, 4, 5]);
    expect(filtered({ older_than: '1d', status: 'disconnected' })).toEqual([2]);
  });

  it('older_than with a bad time frame: 1411', () => {
    const error = failure(() => filtered({ older_than: '1d;name=x' }));
    expect(error.code).toBe(1411);
    expect(error.message).toBe('TimeFrame is not valid: 1d;name=x');
  });

  it('an undeclared, unknown filter is a programming error', () => {
    expect(() => filtered({ colour: 'red' })).toThrow(/unknown filter 'colour'/);
  });
});

describe('restrictions and code-built conditions', () => {
  it('restricts to permitted ids, or away from denied ones', () => {
    expect(ids(run(db, AGENT_MODEL, {}, { restrict: [{ field: 'id', values: ['001', '002'] }] }))).toEqual([1, 2]);
    expect(ids(run(db, AGENT_MODEL, {}, { restrict: [{ field: 'id', values: ['000', '003'], negate: true }] }))).toEqual([
      1, 2, 4, 5,
    ]);
    expect(ids(run(db, AGENT_MODEL, {}, { restrict: [{ field: 'id', values: [] }] }))).toEqual([]);
    expect(ids(run(db, AGENT_MODEL, {}, { restrict: [{ field: 'id', values: [], negate: true }] }))).toHaveLength(6);
  });

  it('takes a condition tree from code, which may use hidden fields', () => {
    const where = and(cond('id', '!=', '000'), or(cond('group', '=', null), cond('internal_key', '=', 'secretkeyBBB')));
    expect(ids(run(db, AGENT_MODEL, {}, { where }))).toEqual([2, 3]);
  });

  it('keeps thousands of permitted ids flat (one IN list)', () => {
    const values = Array.from({ length: 5000 }, (_, i) => String(i).padStart(3, '0'));
    const compiled = run(db, AGENT_MODEL, {}, { restrict: [{ field: 'id', values }] });
    expect(compiled.total).toBe(6);
  });
});

describe('select', () => {
  it('returns the selected fields plus the always-selected id', () => {
    const { items } = run(db, AGENT_MODEL, { select: ['name', 'status'], q: 'id=1' });
    expect(items).toEqual([{ id: '001', name: 'web01', status: 'active' }]);
  });

  it('nests dotted fields; a parent selects all its children', () => {
    expect(run(db, AGENT_MODEL, { select: 'os.platform', q: 'id=2' }).items).toEqual([
      { id: '002', os: { platform: 'ubuntu' } },
    ]);
    expect(run(db, AGENT_MODEL, { select: 'os', q: 'id=2' }).items).toEqual([
      { id: '002', os: { name: 'Ubuntu', version: '20.04.6 LTS', platform: 'ubuntu', major: '20', minor: '04' } },
    ]);
  });

  it('default select: every field but hidden ones, NULLs left out, values formatted', () => {
    const [manager, web01, db01] = run(db, AGENT_MODEL, { limit: 3 }).items;
    expect(manager).toMatchObject({ id: '000', lastKeepAlive: '9999-12-31T23:59:59+00:00' });
    expect(manager).not.toHaveProperty('group');
    expect(manager).not.toHaveProperty('disconnection_time');
    expect(web01).toMatchObject({ group: ['default', 'webservers'], dateAdd: '2023-11-14T22:15:00+00:00' });
    expect(web01).not.toHaveProperty('internal_key');
    expect(db01).toMatchObject({ disconnection_time: new Date((NOW - 3 * 86400 + 30) * 1000).toISOString().replace('.000Z', '+00:00') });
  });

  it('internal callers may select hidden fields', () => {
    const { items } = run(db, AGENT_MODEL, { select: ['name'], q: 'id=2' }, { internalSelect: ['internal_key'] });
    expect(items).toEqual([{ id: '002', name: 'db01', internal_key: 'secretkeyBBB' }]);
  });

  it('unknown and hidden fields: 1724 with the allowed fields', () => {
    const error = failure(() => run(db, AGENT_MODEL, { select: ['name', 'colour', 'internal_key'] }));
    expect(error.code).toBe(1724);
    expect(error.message).toMatch(/^Not a valid select field: Allowed select fields: configSum, .*\. Fields: colour, internal_key$/);
  });
});

describe('sort', () => {
  const sorted = (sort: string, extra: object = {}) => ids(run(db, AGENT_MODEL, { sort, ...extra }));

  it('defaults to the model order', () => {
    expect(ids(run(db, AGENT_MODEL))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('+, - and no sign; a space is a decoded +', () => {
    expect(sorted('name')).toEqual([2, 4, 3, 5, 0, 1]);
    expect(sorted('+name')).toEqual([2, 4, 3, 5, 0, 1]);
    expect(sorted(' name')).toEqual([2, 4, 3, 5, 0, 1]);
    expect(sorted('-name')).toEqual([1, 0, 5, 3, 4, 2]);
  });

  it('several fields: the leading sign applies to all, later signs to their field; ties fall back to the key', () => {
    expect(sorted('-node_name,status')).toEqual([3, 5, 2, 0, 1, 4]);
    expect(sorted('node_name,-status')).toEqual([0, 1, 4, 5, 2, 3]);
    expect(sorted('os.platform', { q: 'os.platform!=null' })).toEqual([5, 1, 0, 2, 4]);
  });

  it('os.version sorts by numeric major and minor', () => {
    expect(sorted('os.version', { q: 'os.major!=null' })).toEqual([1, 4, 2, 0]);
    expect(sorted('-os.version', { q: 'os.major!=null' })).toEqual([0, 2, 4, 1]);
  });

  it('unknown fields: 1403 with the allowed fields', () => {
    const error = failure(() => sorted('-name,colour'));
    expect(error.code).toBe(1403);
    expect(error.message).toMatch(/^Not a valid sort field: Allowed sort fields: configSum, .*\. Fields: colour$/);
    expect(failure(() => sorted('internal_key')).code).toBe(1403);
    expect(failure(() => sorted('os')).code).toBe(1403);
  });
});

describe('search', () => {
  const searched = (search: string) => ids(run(db, AGENT_MODEL, { search }));

  it('finds a substring in any searchable field, ignoring case', () => {
    expect(searched('WEB')).toEqual([1, 4]);
    expect(searched('windows')).toEqual([4]);
    expect(searched("o'brien")).toEqual([4]);
  });

  it('a leading - keeps the items without it', () => {
    expect(searched('-web')).toEqual([0, 2, 3, 5]);
  });

  it('matches ids exactly, not as substrings', () => {
    const small = agentDatabase([
      { id: 1, name: 'x', date_add: 7, connection_status: 'active' },
      { id: 15, name: 'y', date_add: 7, connection_status: 'active' },
    ]);
    expect(ids(run(small, AGENT_MODEL, { search: '1' }))).toEqual([1]);
    expect(ids(run(small, AGENT_MODEL, { search: '15' }))).toEqual([15]);
    expect(ids(run(small, AGENT_MODEL, { search: '-1' }))).toEqual([15]);
    small.close();
  });

  it('never looks into hidden fields', () => {
    expect(searched('secretkey')).toEqual([]);
  });
});

describe('distinct and grouping', () => {
  it('distinct rows over the selected fields, empty and NULL values left out', () => {
    const result = run(db, AGENT_MODEL, { select: ['os.platform'], distinct: true, sort: 'os.platform' });
    expect(result.items).toEqual([
      { os: { platform: 'centos' } },
      { os: { platform: 'ubuntu' } },
      { os: { platform: 'windows' } },
    ]);
    expect(result.total).toBe(3);
  });

  it('distinct over several fields', () => {
    const result = run(db, AGENT_MODEL, { select: 'status,node_name', distinct: true, sort: 'status,node_name' });
    expect(result.items).toEqual([
      { status: 'active', node_name: 'node01' },
      { status: 'disconnected', node_name: 'node02' },
      { status: 'never_connected', node_name: 'unknown' },
      { status: 'pending', node_name: 'node02' },
    ]);
    expect(result.total).toBe(4);
  });

  it('single-field distinct refuses several fields with 1410', () => {
    const error = failure(() =>
      run(db, AGENT_MODEL, { select: 'status,name', distinct: true }, { distinctSingleField: true }),
    );
    expect(error.code).toBe(1410);
    expect(failure(() => run(db, AGENT_MODEL, { select: 'os', distinct: true }, { distinctSingleField: true })).code).toBe(1410);
  });

  it('groups with a count per group; the NULL group is N/A', () => {
    const result = run(db, AGENT_MODEL, { sort: '-count' }, { groupBy: ['os.platform'] });
    expect(result.total).toBe(5);
    expect(result.items[0]).toEqual({ os: { platform: 'ubuntu' }, count: 2 });
    expect(result.items).toContainEqual({ os: { platform: 'N/A' }, count: 1 });
    expect(result.items).toContainEqual({ os: { platform: '' }, count: 1 });
    expect(failure(() => run(db, AGENT_MODEL, { sort: 'name' }, { groupBy: ['os.platform'] })).code).toBe(1403);
    expect(failure(() => run(db, AGENT_MODEL, {}, { groupBy: ['colour'] })).code).toBe(1724);
  });
});

describe('offset and limit', () => {
  it('pages in SQL while the total counts every match', () => {
    const result = run(db, AGENT_MODEL, { offset: 1, limit: 2 });
    expect(ids(result)).toEqual([1, 2]);
    expect(result.total).toBe(6);
    expect(ids(run(db, AGENT_MODEL, { offset: 5, limit: 10 }))).toEqual([5]);
    expect(ids(run(db, AGENT_MODEL, { offset: 9 }))).toEqual([]);
  });

  it('defaults to 500, null means no limit', () => {
    expect(run(db, AGENT_MODEL).compiled.limit).toBe(500);
    expect(run(db, AGENT_MODEL, { limit: null }).rows).toHaveLength(6);
  });

  it('limit errors: 1405 above 100000, 1406 for 0, 1401 for negatives; offset: 1400', () => {
    const tooHigh = failure(() => run(db, AGENT_MODEL, { limit: 100001 }));
    expect(tooHigh.code).toBe(1405);
    expect(tooHigh.message).toBe('Specified limit exceeds maximum allowed: 100001');
    expect(tooHigh.remediation).toBe('Please select a limit between 1 and 1000');
    expect(run(db, AGENT_MODEL, { limit: 100000 }).rows).toHaveLength(6);
    expect(failure(() => run(db, AGENT_MODEL, { limit: 0 })).code).toBe(1406);
    expect(failure(() => run(db, AGENT_MODEL, { limit: -1 })).code).toBe(1401);
    expect(failure(() => run(db, AGENT_MODEL, { offset: -1 })).code).toBe(1400);
    expect(failure(() => run(db, AGENT_MODEL, { offset: 1.5 })).code).toBe(1400);
  });
});

describe('query plans', () => {
  const plan = (sql: string, params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail).join('\n');

  it('an id lookup uses the primary key', () => {
    const { compiled } = run(db, AGENT_MODEL, { q: 'id=3' });
    expect(plan(compiled.rowsSql, compiled.rowsParams)).toMatch(/USING INTEGER PRIMARY KEY/);
  });

  it('sorting by name walks the name index instead of sorting every row', () => {
    const { compiled } = run(db, AGENT_MODEL, { sort: 'name', limit: 2 });
    const detail = plan(compiled.rowsSql, compiled.rowsParams);
    expect(detail).toMatch(/agent_name/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('the count has no sub-select and no ORDER BY', () => {
    const { compiled } = run(db, AGENT_MODEL, { q: 'status=active', sort: 'name' });
    expect(compiled.countSql).toBe(
      'SELECT COUNT(*) AS total FROM agent WHERE (connection_status = ? COLLATE NOCASE)',
    );
  });
});
