/** Other resource shapes: a grouped join (agent groups), a JSON field, framework-formatted dates, bad models. */
import Database from 'better-sqlite3';
import { defineQueryModel, shapeRows } from '../../src/core/query';
import { failure, run } from './fixture';

describe('an aggregate model: groups with their agent count', () => {
  const GROUPS = defineQueryModel({
    name: 'groups',
    from: '`group` LEFT JOIN belongs ON `group`.id = belongs.id_group',
    groupBy: '`group`.name',
    fields: {
      name: { sql: '`group`.name' },
      count: { sql: 'count(belongs.id_group)', type: 'number', aggregate: true },
    },
    defaultSort: { field: 'name', order: 'asc' },
  });
  const db = new Database(':memory:');
  db.exec(`
    CREATE TABLE \`group\` (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
    CREATE TABLE belongs (id_agent INTEGER, id_group INTEGER, priority INTEGER DEFAULT 0, PRIMARY KEY (id_agent, id_group));
    INSERT INTO \`group\` (name) VALUES ('default'), ('webservers'), ('empty');
    INSERT INTO belongs VALUES (1, 1, 0), (2, 1, 0), (1, 2, 1);
  `);
  afterAll(() => db.close());

  it('lists groups with counts, sorted by the aggregate, counting groups not rows', () => {
    const result = run(db, GROUPS, { sort: '-count' });
    expect(result.items).toEqual([
      { name: 'default', count: 2 },
      { name: 'webservers', count: 1 },
      { name: 'empty', count: 0 },
    ]);
    expect(result.total).toBe(3);
  });

  it('filters on plain fields; the aggregate is not queryable', () => {
    expect(run(db, GROUPS, { q: 'name~e', select: 'count' }).items).toEqual([
      { count: 2 }, { count: 0 }, { count: 1 },
    ]);
    expect(failure(() => run(db, GROUPS, { q: 'count>1' })).code).toBe(1408);
    expect(run(db, GROUPS, { search: 'web' }).items).toEqual([{ name: 'webservers', count: 1 }]);
  });

  it('restricts to permitted names', () => {
    expect(run(db, GROUPS, {}, { restrict: [{ field: 'name', values: ['DEFAULT', 'empty'] }] }).items).toEqual([
      { name: 'default', count: 2 },
      { name: 'empty', count: 0 },
    ]);
  });
});

describe('a model with JSON text and framework dates', () => {
  const TASKS = defineQueryModel({
    name: 'tasks',
    from: 'tasks',
    fields: {
      task_id: { sql: 'task_id', type: 'number' },
      agent_id: { sql: 'agent_id', type: 'number', format: 'pad3' },
      status: { sql: 'status' },
      detail: { sql: 'detail', type: 'json', format: 'json' },
      create_time: { sql: 'create_time', type: 'date', format: 'dateZ' },
    },
    alwaysSelect: ['task_id'],
    defaultSort: { field: 'task_id', order: 'asc' },
    key: 'task_id',
  });
  const db = new Database(':memory:');
  db.exec(`
    CREATE TABLE tasks (task_id INTEGER PRIMARY KEY, agent_id INTEGER, status TEXT, detail TEXT, create_time INTEGER);
    INSERT INTO tasks VALUES (1, 1, 'Done', '{"a":1}', 1700000000), (2, 12, 'Failed', 'not json', 1700000500),
                             (3, 3, 'In progress', NULL, NULL);
  `);
  afterAll(() => db.close());

  it('formats dates with Z, pads ids, parses JSON text when it is JSON', () => {
    expect(run(db, TASKS).items).toEqual([
      { task_id: 1, agent_id: '001', status: 'Done', detail: { a: 1 }, create_time: '2023-11-14T22:13:20Z' },
      { task_id: 2, agent_id: '012', status: 'Failed', detail: 'not json', create_time: '2023-11-14T22:21:40Z' },
      { task_id: 3, agent_id: '003', status: 'In progress' },
    ]);
  });

  it('compacts JSON values before comparing them', () => {
    expect(run(db, TASKS, { q: 'detail={"a": 1}' }).items.map((item) => item.task_id)).toEqual([1]);
  });

  it('has no date guard: dates compare on their own', () => {
    expect(run(db, TASKS, { q: 'create_time<2023-11-14 22:15:00' }).items.map((item) => item.task_id)).toEqual([1]);
  });

  it('matches a value holding a space', () => {
    expect(run(db, TASKS, { q: 'status=in progress' }).items.map((item) => item.task_id)).toEqual([3]);
  });
});

describe('shapeRows on its own', () => {
  const MODEL = defineQueryModel({
    name: 'shapes',
    from: 't',
    fields: {
      id: { sql: 'id', type: 'number', format: 'pad3' },
      'a.b.c': { sql: 'abc' },
      'a.d': { sql: 'ad' },
      stamp: { sql: 'stamp', format: 'date', omit: [0] },
      custom: { sql: 'custom', format: (value) => `<${String(value)}>` },
    },
    defaultSort: { field: 'id', order: 'asc' },
  });

  it('nests deeply, drops NULLs and omitted values, applies custom formats', () => {
    const compiled = { outputFields: ['id', 'a.b.c', 'a.d', 'stamp', 'custom'], groupFields: [] };
    expect(
      shapeRows(MODEL, compiled, [
        { id: 7, 'a.b.c': 'x', 'a.d': 'y', stamp: 0, custom: 'z' },
        { id: 1234, 'a.b.c': null, stamp: 1, custom: null },
      ]),
    ).toEqual([
      { id: '007', a: { b: { c: 'x' }, d: 'y' }, custom: '<z>' },
      { id: '1234', stamp: '1970-01-01T00:00:01+00:00' },
    ]);
  });
});

describe('model checks', () => {
  const base = { name: 'bad', from: 't', defaultSort: { field: 'a', order: 'asc' as const } };

  it.each([
    ['no fields', { ...base, fields: {} }, /no fields/],
    ['a bad API name', { ...base, fields: { a: { sql: 'a' }, 'b"c': { sql: 'b' } } }, /bad API name/],
    ['an unknown default sort', { ...base, defaultSort: { field: 'x', order: 'asc' as const }, fields: { a: { sql: 'a' } } }, /defaultSort/],
    ['an aggregate without groupBy', { ...base, fields: { a: { sql: 'a' }, n: { sql: 'count(*)', aggregate: true } } }, /groupBy/],
    ['a template on unknown fields', { ...base, fields: { a: { sql: 'a' } }, filters: { f: { template: 'x=$value' } } }, /unknown 'x'/],
    ['a filter on an unknown field', { ...base, fields: { a: { sql: 'a' } }, filters: { f: { field: 'x' } } }, /names bad 'x'/],
    ['a hidden default select', { ...base, fields: { a: { sql: 'a' }, k: { sql: 'k', hidden: true } }, defaultSelect: ['k'] }, /defaultSelect/],
  ])('refuses %s', (_name, spec, message) => {
    expect(() => defineQueryModel(spec)).toThrow(message);
  });
});
