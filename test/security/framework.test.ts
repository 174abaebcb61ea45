/* eslint-disable @typescript-eslint/no-explicit-any -- rendered envelopes are checked structurally */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthInfo } from '../../src/api/context';
import { WazuhError } from '../../src/core/errors';
import { wazuhPaths } from '../../src/core/paths';
import { routes } from '../../generated/routes';
import * as sec from '../../src/framework/security';
import { createSecurity, type SecurityService } from '../../src/rbac';

let dir: string;
let s: SecurityService;
const admin: AuthInfo = { username: 'wazuh', roleIds: [1], runAs: false, rbacMode: 'white' };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rbac-fw-'));
  s = createSecurity({ paths: wazuhPaths(dir), nodeName: 'node01' });
});
afterEach(() => {
  s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function codeOf(work: Promise<unknown> | (() => unknown)): Promise<number | string> {
  try {
    await (typeof work === 'function' ? work() : work);
    return 'ok';
  } catch (error) {
    return (error as WazuhError).code;
  }
}

const render = (result: { render(): Record<string, unknown> }) => result.render() as Record<string, any>;

/** A user with its own role made of the given policies. */
async function userWith(name: string, policies: { actions: string[]; resources: string[]; effect: 'allow' | 'deny' }[]) {
  const created = render(await sec.createUser(s, admin, name, 'Str0ng-pass!'));
  const userId = created.data.affected_items[0].id as number;
  const role = render(sec.addRole(s, admin, `${name}_role`)).data.affected_items[0].id as number;
  for (const [i, policy] of policies.entries()) {
    const id = render(sec.addPolicy(s, admin, `${name}_p${i}`, policy)).data.affected_items[0].id as number;
    await sec.setRolePolicy(s, admin, role, [id]);
  }
  await sec.setUserRole(s, admin, userId, [role]);
  const auth: AuthInfo = { username: name, roleIds: [role], runAs: false, rbacMode: 'white' };
  return { userId, role, auth };
}

describe('users', () => {
  it('creates users with Wazuh’s password rules and duplicate check', async () => {
    expect(await codeOf(sec.createUser(s, admin, 'bob', 'short'))).toBe(5009);
    expect(await codeOf(sec.createUser(s, admin, 'bob', 'longbutweak'))).toBe(5007);
    const first = render(await sec.createUser(s, admin, 'bob', 'B0b-password'));
    expect(first).toEqual({
      data: {
        affected_items: [{ id: 100, username: 'bob', allow_run_as: false, roles: [] }],
        total_affected_items: 1,
        total_failed_items: 0,
        failed_items: [],
      },
      message: 'User was successfully created',
      error: 0,
    });
    const again = render(await sec.createUser(s, admin, 'bob', 'B0b-password'));
    expect(again.error).toBe(1);
    expect(again.message).toBe('User could not be created');
    expect(again.data.failed_items[0]).toMatchObject({ error: { code: 5000 }, id: ['bob'] });
    await expect(s.login('bob', 'B0b-password')).resolves.toMatch(/\./);
  });

  it('protects default users and the caller', async () => {
    await sec.createUser(s, admin, 'carol', 'C4rol-pass!');
    const carol: AuthInfo = { username: 'carol', roleIds: [1], runAs: false, rbacMode: 'white' };
    s.store.linkUserRole(100, 1);
    const removed = render(await sec.deleteUsers(s, carol, [1, 100, 555]));
    expect(removed.data.failed_items.map((f: any) => [f.error.code, f.id])).toEqual([
      [5001, [555]],
      [5004, [1]],
      [5008, [100]],
    ]);
    expect(await codeOf(sec.updateUser(s, carol, 1, 'N3w-password!'))).toBe(5011);
    expect(await codeOf(sec.updateUser(s, admin, 100, undefined))).toBe(4001);
    // Listing everything hides those failures.
    const all = render(await sec.deleteUsers(s, admin, undefined));
    expect(all.data.failed_items).toEqual([]);
    expect(all.data.affected_items.map((u: any) => u.username)).toEqual(['carol']);
  });

  it('lists users through the query language, restricted by RBAC', async () => {
    const { auth } = await userWith('dave', [
      { actions: ['security:read'], resources: ['user:id:1', 'user:id:100'], effect: 'allow' },
    ]);
    const mine = render(await sec.getUsers(s, auth, undefined, { sort: '-username' }));
    expect(mine.data.affected_items.map((u: any) => u.username)).toEqual(['wazuh', 'dave']);
    expect(mine.data.total_affected_items).toBe(2);
    const explicit = render(await sec.getUsers(s, auth, [1, 2, 100]));
    expect(explicit.error).toBe(2);
    expect(explicit.data.failed_items[0]).toMatchObject({
      error: { code: 4000, message: 'Permission denied: Resource type: user:id' },
      id: [2],
    });
    expect(await codeOf(sec.getUsers(s, auth, [2]))).toBe(4000);
    const searched = render(await sec.getUsers(s, admin, undefined, { search: 'wui', select: ['username'] }));
    expect(searched.data.affected_items).toEqual([{ id: 2, username: 'wazuh-wui' }]);
    const q = render(await sec.getUsers(s, admin, undefined, { q: 'username=wazuh' }));
    expect(q.data.affected_items).toEqual([{ id: 1, username: 'wazuh', allow_run_as: true, roles: [1] }]);
  });
});

describe('roles, policies and rules', () => {
  it('refuses to change reserved objects and reports missing ones', async () => {
    expect(render(await sec.updateRole(s, admin, 1, 'x')).data.failed_items[0].error.code).toBe(4008);
    expect(render(await sec.updateRole(s, admin, 500, 'x')).data.failed_items[0].error.code).toBe(4002);
    expect(render(await sec.removeRoles(s, admin, [1, 500])).data.failed_items.map((f: any) => f.error.code)).toEqual([
      4002, 4008,
    ]);
    expect(render(await sec.removePolicies(s, admin, [3])).data.failed_items[0].error.code).toBe(4008);
    expect(render(await sec.removeRules(s, admin, [1])).data.failed_items[0].error.code).toBe(4008);
    expect(render(await sec.setRolePolicy(s, admin, 1, [2])).data.failed_items[0].error.code).toBe(4008);
    expect(await codeOf(sec.setRolePolicy(s, admin, 100, [1], -1))).toBe(4018);
  });

  it('validates and normalises policies; duplicates give 4009', () => {
    const bad = render(sec.addPolicy(s, admin, 'bad', { actions: ['agent:read'], resources: ['agent:id:1'] }));
    expect(bad.data.failed_items[0].error.code).toBe(4006);
    const good = render(
      sec.addPolicy(s, admin, 'p1', { actions: ['Agent:Read'], resources: ['AGENT:ID:Web1'], effect: 'Allow' }),
    );
    expect(good.data.affected_items[0]).toEqual({
      id: 100,
      name: 'p1',
      policy: { actions: ['agent:read'], resources: ['agent:id:Web1'], effect: 'allow' },
      roles: [],
    });
    const same = render(
      sec.addPolicy(s, admin, 'p2', { actions: ['agent:read'], resources: ['agent:id:Web1'], effect: 'allow' }),
    );
    expect(same.data.failed_items[0].error.code).toBe(4009);
  });

  it('links policies at positions; the merge follows that order', async () => {
    const { auth, role } = await userWith('erin', [
      { actions: ['agent:read'], resources: ['agent:id:*'], effect: 'allow' },
    ]);
    const denyId = render(
      sec.addPolicy(s, admin, 'deny_001', { actions: ['agent:read'], resources: ['agent:id:001'], effect: 'deny' }),
    ).data.affected_items[0].id;
    // Inserted first: the later wildcard allow erases it.
    await sec.setRolePolicy(s, admin, role, [denyId], 0);
    expect(render(sec.getUserMePolicies(s, auth)).data).toEqual({
      'agent:read': { 'agent:id:*': 'allow' },
      rbac_mode: 'white',
    });
    await sec.removeRolePolicy(s, admin, role, [denyId]);
    await sec.setRolePolicy(s, admin, role, [denyId]);
    expect(render(sec.getUserMePolicies(s, auth)).data['agent:read']).toEqual({
      'agent:id:*': 'allow',
      'agent:id:001': 'deny',
    });
    expect(s.store.policyIdsOfRole(role)).toEqual([100, denyId]);
  });

  it('rules: creation, linking invalidates run_as tokens, unlinking unknown links gives 4024', async () => {
    const rule = render(sec.addRule(s, admin, 'blue_team', { FIND: { team: 'blue' } })).data.affected_items[0];
    expect(rule).toEqual({ id: 100, name: 'blue_team', rule: { FIND: { team: 'blue' } }, roles: [] });
    expect(render(sec.addRule(s, admin, 'x', ['not', 'an', 'object'])).data.failed_items[0].error.code).toBe(4003);
    const role = render(sec.addRole(s, admin, 'blue')).data.affected_items[0].id;
    const token = await s.runAsLogin('wazuh', 'wazuh', { team: 'blue' });
    await s.authenticateBearer(token);
    await sec.setRoleRule(s, admin, role, [rule.id]);
    await expect(s.authenticateBearer(token)).rejects.toThrow('Invalid token');
    // A token issued in the same second as an invalidation is invalid too (nbf <= nbf_invalid_until).
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
    const fresh = await s.runAsLogin('wazuh', 'wazuh', { team: 'blue' });
    await expect(s.authenticateBearer(fresh)).resolves.toMatchObject({ roleIds: [role], runAs: true });
    expect(render(await sec.removeRoleRule(s, admin, role, [1])).data.failed_items[0].error.code).toBe(4024);
    expect(await codeOf(sec.removeRoleRule(s, admin, 999, [1]))).toBe(4002);
  });
});

describe('the caller, configuration and catalogue', () => {
  it('users/me lists the token roles with their policies and rules', () => {
    const me = render(sec.getUserMe(s, admin)).data.affected_items[0];
    expect(me.username).toBe('wazuh');
    expect(me.roles[0].name).toBe('administrator');
    expect(me.roles[0].users).toBeUndefined();
    expect(me.roles[0].policies[0]).toEqual({
      id: 1,
      name: 'agents_all_resourceless',
      policy: { actions: ['agent:create', 'group:create', 'agent:uninstall'], resources: ['*:*:*'], effect: 'allow' },
    });
    expect(me.roles[0].rules.map((r: any) => r.id)).toEqual([1, 2]);
  });

  it('run_as needs the flag; edit_run_as changes it', async () => {
    await sec.createUser(s, admin, 'frank', 'Fr4nk-pass!');
    expect(await codeOf(s.runAsLogin('frank', 'Fr4nk-pass!', { a: 1 }))).toBe(6004);
    expect(render(sec.editRunAs(s, admin, 100, true)).message).toBe('Parameter allow_run_as has been enabled for the user');
    await expect(s.runAsLogin('frank', 'Fr4nk-pass!', { a: 1 })).resolves.toMatch(/\./);
  });

  it('security config: read, replace, reset', () => {
    expect(render(sec.getSecurityConfig(s, admin)).data).toEqual({ auth_token_exp_timeout: 900, rbac_mode: 'white' });
    expect(render(sec.updateSecurityConfig(s, admin, { rbac_mode: 'black' })).message).toBe(
      'Configuration was successfully updated',
    );
    expect(s.config).toEqual({ auth_token_exp_timeout: 900, rbac_mode: 'black' });
    sec.updateSecurityConfig(s, admin, undefined);
    expect(s.config.rbac_mode).toBe('white');
  });

  it('actions and resources come from the spec catalogue', async () => {
    const actions = render(sec.getRbacActions(s, routes)).data;
    expect(actions['agent:read'].related_endpoints).toContain('GET /agents');
    expect(actions['agent:read'].resources).toEqual(['agent:id', 'agent:group']);
    expect(Object.keys(render(sec.getRbacActions(s, routes, 'POST /agents')).data)).toEqual(['agent:create']);
    expect(await codeOf(() => sec.getRbacActions(s, routes, 'GET /nope'))).toBe(4020);
    expect(Object.keys(render(sec.getRbacResources(s)).data)).toContain('agent:id');
    expect(await codeOf(() => sec.getRbacResources(s, 'nope:nope'))).toBe(4019);
  });
});
