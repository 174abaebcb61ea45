/** Syscheck core against the embedded wazuh-db and remoted's AR queue, over their real sockets. */
import { WazuhError } from '../../src/core/errors';
import {
  clearFimEntries,
  lastFimScan,
  listFimEntries,
  restartScans,
  type FimQuery,
} from '../../src/core/syscheck';
import type { MonitoringStore } from '../../src/core/monitoring';
import { DatagramQueue } from '../../src/ipc';
import { eventually } from '../helpers/async';
import { insertFim, startMonitoringFixture, type MonitoringFixture } from './fixture';

const PASSWD_SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const PASSWD_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const REG_PERM = '{"S-1-5-32-544":{"name":"Administrators","allowed":["read_control"]}}';
const KEY = 'HKEY_LOCAL_MACHINE\\Software\\Test';

let fx: MonitoringFixture;
let store: MonitoringStore;

beforeAll(async () => {
  fx = await startMonitoringFixture();
  store = { wdb: fx.wdb, agentDb: (id) => fx.host.paths.agentDb(id) };
  insertFim(await fx.agentDb(1), [
    {
      full_path: '/etc/passwd', file: '/etc/passwd', date: 1700000550, mtime: 1699999999, size: 1234, perm: 'rw-r--r--',
      uid: '0', gid: '0', uname: 'root', gname: 'root', md5: PASSWD_MD5, sha1: PASSWD_SHA1,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', inode: 1234567,
    },
    { full_path: '/etc/shadow', file: '/etc/shadow', mtime: 1699999000, size: 800, perm: 'rw-r-----', md5: 'a'.repeat(32) },
    { full_path: '/usr/bin/ls', file: '/usr/bin/ls', mtime: 1700000100, size: 140000, md5: 'b'.repeat(32) },
    { full_path: KEY, file: KEY, type: 'registry_key', arch: '[x64]', perm: REG_PERM, mtime: 1700000200 },
    {
      full_path: `${KEY}:Value1`, file: KEY, type: 'registry_value', arch: '[x64]', value_name: 'Value1',
      value_type: 'REG_SZ', mtime: 1700000300, md5: PASSWD_MD5,
    },
    { full_path: '/tmp/never', file: '/tmp/never', mtime: 0 },
  ]);
  const scans = await fx.agentDb(1);
  scans.prepare("INSERT OR REPLACE INTO scan_info (module, start_scan, end_scan) VALUES ('fim', 1700000500, 1700000600)").run();
  const running = await fx.agentDb(5);
  running.prepare("INSERT OR REPLACE INTO scan_info (module, start_scan, end_scan) VALUES ('fim', 1700000500, 1700000400)").run();
  insertFim(await fx.agentDb(2), [{ full_path: '/etc/hosts', file: '/etc/hosts', mtime: 1 }]);
});

afterAll(() => fx.close());

const list = (query: FimQuery) => listFimEntries(store, '001', query);
const files = async (query: FimQuery) => (await list(query)).items.map((item) => item.file);

describe('GET /syscheck/{agent_id}', () => {
  it('lists every entry by mtime, dates with an offset, registry values nested, JSON permissions parsed', async () => {
    const { total, items } = await list({});
    expect(total).toBe(6);
    expect(items.map((item) => item.file)).toEqual(['/tmp/never', '/etc/shadow', '/etc/passwd', '/usr/bin/ls', KEY, KEY]);
    expect(items[0].mtime).toBeNull();
    expect(items[2]).toMatchObject({
      file: '/etc/passwd',
      type: 'file',
      date: '2023-11-14T22:22:30+00:00',
      mtime: '2023-11-14T22:13:19+00:00',
      size: 1234,
      perm: 'rw-r--r--',
      inode: 1234567,
      md5: PASSWD_MD5,
      changes: 1,
    });
    expect(items[4].perm).toEqual(JSON.parse(REG_PERM));
    expect(items[5]).toMatchObject({ type: 'registry_value', value: { name: 'Value1', type: 'REG_SZ' }, arch: '[x64]' });
    expect(items[2]).not.toHaveProperty('value');
  });

  it('summary returns file, date and mtime only, and refuses other fields', async () => {
    const { items } = await list({ summary: true, limit: 1, offset: 2 });
    expect(items).toEqual([{ file: '/etc/passwd', date: '2023-11-14T22:22:30+00:00', mtime: '2023-11-14T22:13:19+00:00' }]);
    await expect(list({ summary: true, select: ['md5'] })).rejects.toMatchObject({ code: 1724 });
    await expect(list({ summary: true, q: 'md5=x' })).rejects.toMatchObject({ code: 1408 });
  });

  it('filters by type, checksum, any hash, file, arch and registry value fields', async () => {
    expect(await files({ filters: { type: 'registry_key' } })).toEqual([KEY]);
    expect(await files({ filters: { md5: PASSWD_MD5 } })).toEqual(['/etc/passwd', KEY]);
    expect(await files({ filters: { hash: PASSWD_SHA1 } })).toEqual(['/etc/passwd']);
    expect(await files({ filters: { hash: PASSWD_MD5, type: 'file' } })).toEqual(['/etc/passwd']);
    expect(await files({ filters: { file: '/etc/shadow' } })).toEqual(['/etc/shadow']);
    expect(await files({ filters: { arch: '[x64]' } })).toEqual([KEY, KEY]);
    expect(await files({ filters: { 'value.name': 'value1', 'value.type': 'REG_SZ' } })).toEqual([KEY]);
  });

  it('applies q, search, sort, select, distinct and paging', async () => {
    expect(await files({ q: 'size>1000;type=file' })).toEqual(['/etc/passwd', '/usr/bin/ls']);
    expect(await files({ q: 'uname=ROOT,size<900' })).toEqual(['/etc/shadow', '/etc/passwd']);
    expect(await files({ search: 'shad' })).toEqual(['/etc/shadow']);
    expect(await files({ sort: '-size', limit: 2 })).toEqual(['/usr/bin/ls', '/etc/passwd']);
    const selected = await list({ select: ['size'], sort: '+file', limit: 2 });
    expect(selected).toEqual({ total: 6, items: [{ file: '/etc/passwd', size: 1234 }, { file: '/etc/shadow', size: 800 }] });
    const distinct = await list({ select: ['type'], distinct: true, sort: 'type' });
    expect(distinct).toEqual({ total: 3, items: [{ type: 'file' }, { type: 'registry_key' }, { type: 'registry_value' }] });
    expect((await list({ limit: 2, offset: 4 })).items.map((item) => item.type)).toEqual(['registry_key', 'registry_value']);
  });

  it('rejects bad input with Wazuh codes', async () => {
    await expect(list({ sort: 'nope' })).rejects.toMatchObject({ code: 1403 });
    await expect(list({ select: ['nope'] })).rejects.toMatchObject({ code: 1724 });
    await expect(list({ q: 'nope=1' })).rejects.toMatchObject({ code: 1408 });
    await expect(list({ q: 'mtime>abc' })).rejects.toMatchObject({ code: 1412 });
  });

  it('an agent without a database is error 2007, a 400', async () => {
    const error = await listFimEntries(store, '003', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WazuhError);
    expect(error).toMatchObject({ code: 2007, httpStatus: 400 });
    expect((error as Error).message).toBe(
      'Error retrieving data from Wazuh DB: There is no database for agent 003. Please check if the agent has connected to the manager',
    );
  });
});

describe('GET /syscheck/{agent_id}/last_scan', () => {
  it('returns start and end of the last FIM scan', async () => {
    expect(await lastFimScan(store, '001')).toEqual({
      start: '2023-11-14T22:21:40+00:00',
      end: '2023-11-14T22:23:20+00:00',
    });
  });

  it('has no end while a scan runs, and nothing for agents that never connected', async () => {
    expect(await lastFimScan(store, '005')).toEqual({ start: '2023-11-14T22:21:40+00:00', end: null });
    expect(await lastFimScan(store, '004')).toEqual({ start: null, end: null });
  });

  it('an unknown agent is 1701 (404)', async () => {
    await expect(lastFimScan(store, '099')).rejects.toMatchObject({ code: 1701, httpStatus: 404 });
  });
});

describe('DELETE /syscheck/{agent_id}', () => {
  it('clears agents older than 3.12.0 only', async () => {
    const deps = { ...store, clientKeys: fx.host.paths.clientKeys };
    const outcome = await clearFimEntries(deps, ['001', '002', '004', '099']);
    expect(outcome.affected).toEqual(['002']);
    const byId = Object.fromEntries(outcome.failed.map(({ id, error }) => [id, [error.code, error.message]]));
    expect(byId).toEqual({
      '001': [1760, "Feature only available for older agent versions, it doesn't apply for more recent ones.: Agent version should be < v3.12.0."],
      '004': [1015, 'Agent version is null. Was the agent ever connected?'],
      '099': [1701, 'Agent does not exist'],
    });
    expect((await listFimEntries(store, '002', {})).total).toBe(0);
    expect((await listFimEntries(store, '001', {})).total).toBe(6);
  });
});

describe('PUT /syscheck', () => {
  it('sends one restart per active agent and reports the others', async () => {
    const deps = { wdb: fx.wdb, ar: fx.ar, clientKeys: fx.host.paths.clientKeys };
    const outcome = await restartScans(deps, ['005', '001', '003', '004', '099']);
    expect(outcome.affected).toEqual(['001', '005']);
    expect(outcome.failed.map(({ id, error }) => [id, error.code]).sort()).toEqual([
      ['003', 1707],
      ['004', 1707],
      ['099', 1701],
    ]);
    await eventually(() =>
      expect(fx.arMessages()).toEqual(
        expect.arrayContaining(['(msg_to_agent) [] N!S 001 syscheck restart', '(msg_to_agent) [] N!S 005 syscheck restart']),
      ),
    );
    expect(fx.arMessages().filter((message) => / 00[34] /.test(message))).toEqual([]);
  });

  it('a queue nobody reads fails the whole request with 1010', async () => {
    const deps = {
      wdb: fx.wdb,
      ar: new DatagramQueue({ path: `${fx.host.root}/queue/alerts/missing` }),
      clientKeys: fx.host.paths.clientKeys,
    };
    await expect(restartScans(deps, ['001'])).rejects.toMatchObject({ code: 1010, httpStatus: 500 });
  });
});
