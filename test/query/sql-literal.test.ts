import Database from 'better-sqlite3';
import { renderSqlLiteral, sqlLiteral } from '../../src/core/query';
import { failure } from './fixture';

describe('renderSqlLiteral', () => {
  const db = new Database(':memory:');
  afterAll(() => db.close());
  const value = (sql: string, params: unknown[]) =>
    (db.prepare(renderSqlLiteral(sql, params)).get() as Record<string, unknown>).v;

  it('quotes strings, doubling quotes, and SQLite reads them back unchanged', () => {
    for (const text of ["it's", "''", "x' OR '1'='1", 'a\nb', 'tab\there', 'ünï©ødé 🎉', '\\', '%_', '"', '--', '/*']) {
      expect(value('SELECT ? AS v', [text])).toBe(text);
    }
    expect(sqlLiteral("it's")).toBe("'it''s'");
  });

  it('renders numbers, negative ones in parentheses so `- -1` never becomes a comment', () => {
    expect(value('SELECT 5 -? AS v', [-1])).toBe(6);
    expect(value('SELECT ? AS v', [1.5])).toBe(1.5);
    expect(value('SELECT ? AS v', [253402300799])).toBe(253402300799);
    expect(value('SELECT ? AS v', [10n ** 15n])).toBe(10 ** 15);
    expect(sqlLiteral(-3)).toBe('(-3)');
    expect(sqlLiteral(1e21)).toBe('1e+21');
    expect(value('SELECT ? AS v', [1e21])).toBe(1e21);
  });

  it('renders null as NULL', () => {
    expect(value('SELECT ? IS NULL AS v', [null])).toBe(1);
  });

  it('leaves ? inside strings, quoted identifiers and comments alone', () => {
    const sql = `SELECT '?' || "?x" || ? AS v /* ? */ -- ?\n`;
    db.exec('CREATE TABLE IF NOT EXISTS t ("?x" TEXT)');
    db.exec(`INSERT INTO t VALUES ('col')`);
    expect(renderSqlLiteral(sql.replace('AS v', 'AS v FROM t'), ['!'])).toBe(
      `SELECT '?' || "?x" || '!' AS v FROM t /* ? */ -- ?\n`,
    );
    expect(value(`SELECT 'it''s?' || ? AS v`, ['x'])).toBe("it's?x");
    expect(renderSqlLiteral('SELECT `a?b`, [c?d] FROM x WHERE y = ?', [1])).toBe('SELECT `a?b`, [c?d] FROM x WHERE y = 1');
  });

  it.each([
    ['a boolean', true],
    ['undefined', undefined],
    ['an object', { a: 1 }],
    ['an array', [1]],
    ['a buffer', Buffer.from('x')],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['a NUL byte', 'a\u0000b'],
    ['a lone surrogate', 'a\ud800b'],
  ])('refuses %s with 2004', (_name, bad) => {
    const error = failure(() => renderSqlLiteral('SELECT ?', [bad]));
    expect(error.code).toBe(2004);
    expect(error.message).toMatch(/^Database query not valid: /);
  });

  it('refuses a parameter count that does not match, and numbered placeholders', () => {
    expect(failure(() => renderSqlLiteral('SELECT ?, ?', [1])).code).toBe(2004);
    expect(failure(() => renderSqlLiteral('SELECT ?', [1, 2])).code).toBe(2004);
    expect(failure(() => renderSqlLiteral('SELECT ?1', [1])).code).toBe(2004);
    expect(failure(() => renderSqlLiteral("SELECT 'open", [])).code).toBe(2004);
  });
});
