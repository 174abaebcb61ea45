/** Hostile input either fails with a Wazuh error or is matched as plain text; the table is never touched. */
import type Database from 'better-sqlite3';
import { compileQuery } from '../../src/core/query';
import { AGENT_MODEL } from '../../src/core/agents/model';
import { agentDatabase, failure, ids, run } from './fixture';

let db: Database.Database;
beforeEach(() => {
  db = agentDatabase();
});
afterEach(() => {
  expect((db.prepare('SELECT COUNT(*) AS n FROM agent').get() as { n: number }).n).toBe(6);
  db.close();
});

describe('injection attempts', () => {
  it('a quote-breaking q value is compared as text', () => {
    expect(ids(run(db, AGENT_MODEL, { q: "name=x' OR '1'='1" }))).toEqual([]);
    expect(ids(run(db, AGENT_MODEL, { q: "name~' OR 1=1 " }))).toEqual([]);
    expect(ids(run(db, AGENT_MODEL, { q: 'name=x" OR "1"="1' }))).toEqual([]);
  });

  it('SQL keywords and separators in q are bad syntax', () => {
    expect(failure(() => run(db, AGENT_MODEL, { q: "name=x';DROP TABLE agent;--" })).code).toBe(1407);
    expect(failure(() => run(db, AGENT_MODEL, { q: 'name=x) OR (1=1' })).code).toBe(1407);
  });

  it('a field name is never taken from the user', () => {
    expect(failure(() => run(db, AGENT_MODEL, { q: 'name--=x' })).code).toBe(1407);
    expect(failure(() => run(db, AGENT_MODEL, { q: '1=1' })).code).toBe(1408);
  });

  it('sort and select only take known names', () => {
    expect(failure(() => run(db, AGENT_MODEL, { sort: 'name;DROP TABLE agent' })).code).toBe(1403);
    expect(failure(() => run(db, AGENT_MODEL, { sort: 'name DESC, (SELECT 1)' })).code).toBe(1403);
    expect(failure(() => run(db, AGENT_MODEL, { select: ['name FROM agent --'] })).code).toBe(1724);
    expect(failure(() => run(db, AGENT_MODEL, { select: ['*'] })).code).toBe(1724);
  });

  it('search and filter values are plain text', () => {
    expect(ids(run(db, AGENT_MODEL, { search: "x') OR 1=1 --" }))).toEqual([]);
    expect(ids(run(db, AGENT_MODEL, { filters: { status: "active' OR '1'='1" } }))).toEqual([]);
    expect(ids(run(db, AGENT_MODEL, { filters: { group: "x%' OR 1=1; DROP TABLE agent; --" } }))).toEqual([]);
    expect(ids(run(db, AGENT_MODEL, { filters: { name: "'; DROP TABLE agent; --" } }))).toEqual([]);
  });

  it('the statements never contain user text', () => {
    const marker = 'Zq9Marker';
    const compiled = compileQuery(AGENT_MODEL, {
      q: `name=${marker};os.name~${marker}`,
      search: marker,
      filters: { status: marker, group: marker },
    });
    expect(compiled.rowsSql).not.toContain(marker);
    expect(compiled.countSql).not.toContain(marker);
    expect(compiled.rowsParams.filter((p) => String(p).includes(marker)).length).toBeGreaterThan(0);
  });
});
