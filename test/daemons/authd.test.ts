import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AuthdClient,
  AuthdError,
  RequestSocketClient,
  WazuhDBClient,
  WazuhDBHttpClient,
  type AuthdForceOptions,
} from '../../src/ipc';
import { startHostFixture, type HostFixture } from './helpers';
import { wazuhErrorOf } from '../helpers/async';

const NO_FORCE: AuthdForceOptions = {
  enabled: false,
  disconnected_time: { enabled: true, value: '1h' },
  after_registration_time: '1h',
  key_mismatch: true,
};
const FORCE_NOW: AuthdForceOptions = {
  enabled: true,
  disconnected_time: { enabled: false, value: '0' },
  after_registration_time: '0',
  key_mismatch: true,
};

describe('embedded wazuh-authd', () => {
  let fx: HostFixture;
  let authd: AuthdClient;
  let wdb: WazuhDBClient;
  let http: WazuhDBHttpClient;

  const keyLines = () => readFileSync(fx.paths.clientKeys, 'utf8').split('\n').filter(Boolean);
  const agentRow = async (id: number) => (await wdb.sql('global', `select * from agent where id = ${id}`))[0];

  beforeAll(async () => {
    fx = await startHostFixture('wazuh-manager');
    mkdirSync(join(fx.paths.shared, 'web'), { recursive: true });
    authd = AuthdClient.forInstall(fx.root);
    wdb = WazuhDBClient.forInstall(fx.root);
    http = WazuhDBHttpClient.forInstall(fx.root);
  });
  afterAll(async () => {
    wdb.close();
    http.close();
    await fx.close();
  });

  it('registers an agent in client.keys and global.db at once', async () => {
    const added = await authd.add({ name: 'new01', ip: 'ANY', force: NO_FORCE });
    expect(added).toMatchObject({ id: '001', name: 'new01', ip: 'any' });
    expect(added.key).toMatch(/^[0-9a-f]{64}$/);
    expect(keyLines()).toEqual([`001 new01 any ${added.key}`]);
    expect(await agentRow(1)).toMatchObject({
      id: 1,
      name: 'new01',
      register_ip: 'any',
      internal_key: added.key,
      connection_status: 'never_connected',
      group: 'default',
    });
    expect(await http.agentGroups(1)).toEqual(['default']);
  });

  it('inserts an agent with the id, key and groups it is given', async () => {
    const key = 'a'.repeat(64);
    const added = await authd.add({ name: 'ins01', ip: '10.1.1.1', id: '10', key, groups: 'web', force: NO_FORCE });
    expect(added).toEqual({ id: '010', name: 'ins01', ip: '10.1.1.1', key });
    expect(keyLines()).toContain(`010 ins01 10.1.1.1 ${key}`);
    expect(await http.agentGroups(10)).toEqual(['web']);
    const next = await authd.add({ name: 'after-insert', ip: 'any', force: NO_FORCE });
    expect(next.id).toBe('011');
  });

  it('refuses duplicates the way the framework maps them', async () => {
    expect((await wazuhErrorOf(authd.add({ name: 'new01', ip: 'any', force: NO_FORCE }))).code).toBe(1705);
    expect((await wazuhErrorOf(authd.add({ name: 'other', ip: '10.1.1.1', force: NO_FORCE }))).code).toBe(1706);
    expect((await wazuhErrorOf(authd.add({ name: 'other', ip: 'any', id: '001', key: 'b'.repeat(64), force: NO_FORCE }))).code).toBe(1708);
    // the manager's own name is taken
    expect((await wazuhErrorOf(authd.add({ name: 'wazuh-manager', ip: 'any', force: FORCE_NOW }))).code).toBe(1705);
    // force is on but the agent registered less than an hour ago
    const young = { ...FORCE_NOW, after_registration_time: '1h' };
    expect((await wazuhErrorOf(authd.add({ name: 'new01', ip: 'any', force: young }))).code).toBe(1705);
  });

  it('reports other authd errors with authd\'s code and text', async () => {
    const badIp = await wazuhErrorOf(authd.add({ name: 'x1', ip: '300.1.1.1', force: NO_FORCE }));
    expect(badIp).toBeInstanceOf(AuthdError);
    expect(badIp.code).toBe(1000);
    expect((badIp as AuthdError).authdCode).toBe(9006);
    expect(((await wazuhErrorOf(authd.add({ name: 'bad name!', ip: 'any' }))) as AuthdError).authdCode).toBe(9005);
    expect(((await wazuhErrorOf(authd.add({ name: 'x2', ip: 'any', groups: 'ghost' }))) as AuthdError).authdCode).toBe(9014);
    const missing = (await wazuhErrorOf(authd.remove('404'))) as AuthdError;
    expect([missing.authdCode, missing.authdMessage]).toEqual([9011, 'Agent ID not found']);
  });

  it('replaces an agent when forced and the rules allow it', async () => {
    const before = keyLines().find((line) => line.startsWith('001 '));
    const replaced = await authd.add({ name: 'new01', ip: 'any', force: FORCE_NOW });
    expect(replaced.id).toBe('012');
    expect(keyLines()).toContain(before?.replace('001 new01', '001 !new01'));
    expect(await agentRow(1)).toBeUndefined();
    expect((await agentRow(12)).name).toBe('new01');
  });

  it('removes agents: marked in client.keys, or purged, and gone from the databases', async () => {
    const added = await authd.add({ name: 'gone01', ip: '10.9.9.9', force: NO_FORCE });
    await wdb.sql(`agent ${added.id}`, 'select count(*) from pm_event');
    expect(existsSync(fx.paths.agentDb(added.id))).toBe(true);
    expect(await authd.remove(added.id)).toBe('Agent deleted successfully.');
    expect(keyLines()).toContain(`${added.id} !gone01 10.9.9.9 ${added.key}`);
    expect(await agentRow(Number(added.id))).toBeUndefined();
    expect(existsSync(fx.paths.agentDb(added.id))).toBe(false);
    // the address is free again once its agent is removed
    const again = await authd.add({ name: 'gone02', ip: '10.9.9.9', force: NO_FORCE });
    await authd.remove(again.id, true);
    expect(keyLines().some((line) => line.startsWith(`${again.id} `))).toBe(false);
    expect(Number(again.id)).toBeGreaterThan(Number(added.id));
  });

  it('answers getconfig auth on the same socket', async () => {
    const client = new RequestSocketClient({ path: fx.paths.sockets.auth });
    const reply = await client.plain('getconfig auth');
    expect(reply.status).toBe('ok');
    expect(JSON.parse(reply.payload)).toMatchObject({ auth: { port: 1515 } });
  });
});
