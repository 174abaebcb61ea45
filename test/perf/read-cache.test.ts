import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WazuhDBClient } from '../../src/ipc';
import { ReadCache } from '../../src/daemons/wazuh-db/read-cache';
import { seedAgents, shortTempDir, startHostFixture, type HostFixture } from '../daemons/helpers';

describe('wazuh-db read cache', () => {
  let tmp: ReturnType<typeof shortTempDir>;
  let db: Database.Database;
  let other: Database.Database;
  let cache: ReadCache;
  const SQL = 'SELECT COUNT(*) AS n FROM t';

  beforeEach(() => {
    tmp = shortTempDir();
    const file = join(tmp.dir, 'c.db');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x INTEGER)');
    other = new Database(file);
    cache = new ReadCache(db);
  });
  afterEach(() => {
    other.close();
    db.close();
    tmp.cleanup();
  });

  /** A lookup that must miss; returns its stamp. */
  const miss = (sql = SQL): string => {
    const found = cache.lookup(sql);
    if (!('stamp' in found)) throw new Error(`unexpected hit for ${sql}`);
    return found.stamp;
  };

  it('reuses a costly small reply until this connection writes', () => {
    cache.offer(SQL, miss(), 'ok [{"n":0}]', 5);
    expect(cache.lookup(SQL)).toEqual({ reply: 'ok [{"n":0}]' });
    db.prepare('INSERT INTO t VALUES (1)').run();
    miss();
  });

  it('forgets replies when another connection commits to the file', () => {
    cache.offer(SQL, miss(), 'ok [{"n":0}]', 5);
    other.prepare('INSERT INTO t VALUES (1)').run();
    miss();
  });

  it('counts a rolled back write of its own as a change', () => {
    cache.offer(SQL, miss(), 'ok [{"n":0}]', 5);
    db.exec('BEGIN; INSERT INTO t VALUES (1); ROLLBACK');
    miss();
  });

  it('does not keep a reply when the file changed while it was computed', () => {
    const stamp = miss();
    other.prepare('INSERT INTO t VALUES (1)').run();
    cache.offer(SQL, stamp, 'ok [{"n":0}]', 5);
    miss();
  });

  it('keeps only costly, small replies', () => {
    cache.offer(SQL, miss(), 'ok [{"n":0}]', 0.2);
    cache.offer('SELECT x FROM t', miss('SELECT x FROM t'), `ok [${'{"x":1},'.repeat(5000)}]`, 50);
    miss();
    miss('SELECT x FROM t');
  });

  it('takes only reads whose answer does not depend on the clock or the connection', () => {
    expect(ReadCache.eligible('  select count(*) from agent')).toBe(true);
    expect(ReadCache.eligible('WITH a AS (SELECT 1) SELECT * FROM a')).toBe(true);
    expect(ReadCache.eligible('SELECT date_add FROM agent')).toBe(true);
    for (const sql of [
      'UPDATE agent SET name = 1',
      'PRAGMA table_info(agent)',
      "SELECT COUNT(*) FROM agent WHERE last_keepalive > strftime('%s','now') - 60",
      'SELECT random()',
      'SELECT CURRENT_TIMESTAMP',
      'SELECT unixepoch()',
      'SELECT changes()',
    ]) {
      expect(ReadCache.eligible(sql)).toBe(false);
    }
  });
});

describe('wazuh-db answers after writes, with costly reads reused', () => {
  let fx: HostFixture;
  let client: WazuhDBClient;
  // Slow on purpose (each agent joined to 200 generated rows), so it takes more than the cache's minimum cost.
  const COSTLY =
    "SELECT COUNT(*) AS n FROM agent a, (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200) SELECT x FROM c) WHERE a.id != 0 AND a.connection_status = 'active'";
  const count = async () => Number((await client.sql('global', COSTLY))[0].n) / 200;

  beforeAll(async () => {
    fx = await startHostFixture();
    const db = fx.openGlobal();
    seedAgents(db, 4000);
    client = WazuhDBClient.forInstall(fx.root);
  });
  afterAll(async () => {
    client.close();
    await fx.close();
  });

  it('never answers from before the last write, whoever wrote', async () => {
    expect(await count()).toBe(1000);
    expect(await count()).toBe(1000);
    // Through the daemon's own connection, as the API writes.
    await client.sql('global', "UPDATE agent SET connection_status = 'active' WHERE id = 2");
    expect(await count()).toBe(1001);
    expect(await count()).toBe(1001);
    // Through wazuh-db's own commands.
    const reply = await client.send(
      'global insert-agent {"id":5000,"name":"late","date_add":1700000000,"register_ip":"any","internal_key":"k"}',
    );
    expect(reply.status).toBe('ok');
    await client.sql('global', "UPDATE agent SET connection_status = 'active' WHERE id = 5000");
    expect(await count()).toBe(1002);
    // Through another connection to the file (another process, a test, a real daemon beside this one).
    fx.openGlobal().prepare("UPDATE agent SET connection_status = 'pending' WHERE connection_status = 'active' AND id <= 400").run();
    expect(await count()).toBe(901);
    expect(await count()).toBe(901);
  });
});
