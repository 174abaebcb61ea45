import { AffectedItemsResult } from '../../src/core/results';
import { WazuhPermissionError } from '../../src/core/errors';
import {
  allowedFilter,
  applyFilter,
  exposeIds,
  exposeResources,
  reportDenied,
  mayReadSecrets,
  requireAllowed,
  type RbacScope,
} from '../../src/framework/rbac-filter';
import { CompiledPermissions } from '../../src/rbac/enforcer';
import { mergePolicies } from '../../src/rbac/permissions';
import type { PolicyBody } from '../../src/rbac/defaults';

const allow = (actions: string[], resources: string[]): PolicyBody => ({ actions, resources, effect: 'allow' });
const deny = (actions: string[], resources: string[]): PolicyBody => ({ actions, resources, effect: 'deny' });

const GROUPS: Record<string, string[]> = { web: ['001', '002'], db: ['003'] };
const AGENTS = ['000', '001', '002', '003', '004'];

function scope(policies: PolicyBody[], mode: 'white' | 'black' = 'white'): RbacScope {
  const resolved: string[] = [];
  return {
    permissions: new CompiledPermissions(mergePolicies(policies), mode),
    groupMembers: async (group) => {
      resolved.push(group);
      return GROUPS[group] ?? [];
    },
  };
}

async function denialOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(WazuhPermissionError);
    return (error as WazuhPermissionError).message;
  }
}

describe('expose resources', () => {
  it('splits an explicit list and reports denied ids as 4000 failed items', async () => {
    const s = scope([allow(['agent:read'], ['agent:id:001'])]);
    const { allowed, denied } = await exposeIds(s, 'agent:read', 'agent:id', ['001', '002']);
    expect(allowed).toEqual(['001']);
    expect(denied).toEqual(['002']);
    const result = new AffectedItemsResult({ all: 'all', some: 'some', none: 'none' });
    result.addAffected({ id: '001' });
    reportDenied(result, 'agent:id', denied);
    expect(result.render()).toMatchObject({
      data: {
        failed_items: [
          {
            error: { code: 4000, message: 'Permission denied: Resource type: agent:id' },
            id: ['002'],
          },
        ],
      },
      error: 2,
    });
  });

  it('refuses an explicit list that is entirely denied with 403 naming the type', async () => {
    const s = scope([allow(['agent:read'], ['agent:id:001'])]);
    expect(await denialOf(exposeIds(s, 'agent:read', 'agent:id', ['002']))).toBe(
      'Permission denied: Resource type: agent:id',
    );
    expect(await denialOf(exposeIds(s, 'security:read', 'user:id', [100]))).toBe(
      'Permission denied: Resource type: user:id',
    );
  });

  it('expands agent:group entries through the resolver, in policy order', async () => {
    const s = scope([allow(['agent:read'], ['agent:group:web']), deny(['agent:read'], ['agent:id:002'])]);
    expect((await exposeIds(s, 'agent:read', 'agent:id', ['001', '002', '003'])).allowed).toEqual(['001']);
    expect(await allowedFilter(s, 'agent:read', 'agent:id')).toEqual({ operator: 'in', ids: ['001'] });
  });

  it('without a list gives an IN or NOT IN filter, empty meaning nothing (white) or everything', async () => {
    expect(await allowedFilter(scope([]), 'agent:read', 'agent:id')).toEqual({ operator: 'in', ids: [] });
    const admin = scope([allow(['agent:read'], ['agent:id:*', 'agent:group:*'])]);
    expect(await allowedFilter(admin, 'agent:read', 'agent:id')).toEqual({ operator: 'not in', ids: [] });
    const mostly = scope([allow(['agent:read'], ['agent:id:*']), deny(['agent:read'], ['agent:group:db'])]);
    const filter = await allowedFilter(mostly, 'agent:read', 'agent:id');
    expect(filter).toEqual({ operator: 'not in', ids: ['003'] });
    expect(applyFilter(filter, AGENTS)).toEqual(['000', '001', '002', '004']);
    const black = scope([deny(['agent:read'], ['agent:id:004'])], 'black');
    expect(await allowedFilter(black, 'agent:read', 'agent:id')).toEqual({ operator: 'not in', ids: ['004'] });
  });

  it('exposeResources runs on the allowed subset of everything when no ids are given', async () => {
    const s = scope([allow(['security:read'], ['user:id:1', 'user:id:100'])]);
    const all = () => [1, 2, 100, 101];
    expect(await exposeResources(s, 'security:read', 'user:id', undefined, all)).toEqual({
      allowed: [1, 100],
      denied: [],
      explicit: false,
    });
    expect(await exposeResources(s, 'security:read', 'user:id', [2, 100], all)).toEqual({
      allowed: [100],
      denied: [2],
      explicit: true,
    });
    expect(await exposeResources(scope([]), 'security:read', 'user:id', undefined, all)).toEqual({
      allowed: [],
      denied: [],
      explicit: false,
    });
  });

  it('requireAllowed guards resourceless actions and fixed node resources', () => {
    const s = scope([allow(['manager:read'], ['*:*:*']), allow(['cluster:read'], ['node:id:master'])]);
    expect(() => requireAllowed(s, 'manager:read')).not.toThrow();
    expect(() => requireAllowed(s, 'manager:restart')).toThrow('Permission denied: Resource type: *:*');
    expect(() => requireAllowed(s, 'cluster:read', 'node:id:master')).not.toThrow();
    expect(() => requireAllowed(s, 'cluster:read', 'node:id:worker1')).toThrow(
      'Permission denied: Resource type: node:id',
    );
  });

  it('mayReadSecrets follows any update_config entry, as Wazuh masks authd.pass', () => {
    expect(mayReadSecrets(scope([allow(['manager:read'], ['*:*:*'])]))).toBe(false);
    expect(mayReadSecrets(scope([deny(['manager:update_config'], ['*:*:*'])]))).toBe(true);
    expect(mayReadSecrets(scope([allow(['cluster:update_config'], ['node:id:*'])]))).toBe(true);
  });
});
