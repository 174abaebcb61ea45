import { CompiledPermissions, resourceMatch } from '../../src/rbac/enforcer';
import { mergePolicies, policyMapToJson } from '../../src/rbac/permissions';
import type { PolicyBody } from '../../src/rbac/defaults';
import { DEFAULT_POLICIES, DEFAULT_ROLES } from '../../src/rbac/defaults';
import { WazuhError } from '../../src/core/errors';

const allow = (actions: string[], resources: string[]): PolicyBody => ({ actions, resources, effect: 'allow' });
const deny = (actions: string[], resources: string[]): PolicyBody => ({ actions, resources, effect: 'deny' });

describe('policy merge (last writer wins)', () => {
  // The three cases rbac.md records as checked against Wazuh 4.14.
  it('a later wildcard erases earlier entries of its type and every agent:group entry', () => {
    const map = mergePolicies([
      deny(['agent:read'], ['agent:id:001']),
      allow(['agent:read'], ['agent:group:web']),
      allow(['agent:read'], ['agent:id:*']),
    ]);
    expect(policyMapToJson(map)).toEqual({ 'agent:read': { 'agent:id:*': 'allow' } });
  });

  it('a later specific deny stays after an earlier wildcard allow', () => {
    const map = mergePolicies([allow(['agent:read'], ['agent:id:*']), deny(['agent:read'], ['agent:id:001'])]);
    expect([...map.get('agent:read')!]).toEqual([
      ['agent:id:*', 'allow'],
      ['agent:id:001', 'deny'],
    ]);
  });

  it('an unrelated wildcard drops agent:group entries (Wazuh quirk)', () => {
    const map = mergePolicies([allow(['agent:read'], ['agent:group:web']), deny(['agent:read'], ['group:id:*'])]);
    expect(policyMapToJson(map)).toEqual({ 'agent:read': { 'group:id:*': 'deny' } });
  });

  it('re-stating a resource moves it to the end with the new effect; `*` means `*:*:*`', () => {
    const map = mergePolicies([
      allow(['x:y'], ['agent:id:001', 'agent:id:002']),
      deny(['x:y'], ['agent:id:001']),
      allow(['a:b'], ['*']),
    ]);
    expect([...map.get('x:y')!]).toEqual([
      ['agent:id:002', 'allow'],
      ['agent:id:001', 'deny'],
    ]);
    expect(policyMapToJson(map)['a:b']).toEqual({ '*:*:*': 'allow' });
  });

  it('combinations erase the combinations they cover and refuse more than two parts', () => {
    const map = mergePolicies([
      allow(['a:b'], ['agent:id:001&node:id:w1', 'agent:id:002&node:id:w2', 'agent:id:003']),
      deny(['a:b'], ['agent:id:*&node:id:w1']),
    ]);
    expect([...map.get('a:b')!.keys()]).toEqual(['agent:id:002&node:id:w2', 'agent:id:003', 'agent:id:*&node:id:w1']);
    expect(() => mergePolicies([allow(['a:b'], ['a:b:1&c:d:2&e:f:3'])])).toThrow(WazuhError);
    try {
      mergePolicies([allow(['a:b'], ['a:b:1&c:d:2&e:f:3'])]);
    } catch (error) {
      expect((error as WazuhError).code).toBe(4500);
      expect((error as WazuhError).remediation).toMatch(/maximum length for permission combinations is two/);
    }
  });

  it('the administrator role starts like Wazuh shows it', () => {
    const admin = DEFAULT_ROLES.find((role) => role.name === 'administrator')!;
    const policies = admin.policyIds.map((id) => DEFAULT_POLICIES.find((p) => p.id === id)!.policy);
    const json = policyMapToJson(mergePolicies(policies));
    expect(Object.keys(json).slice(0, 4)).toEqual(['agent:create', 'group:create', 'agent:uninstall', 'agent:read']);
    expect(json['agent:create']).toEqual({ '*:*:*': 'allow' });
    expect(json['agent:read']).toEqual({ 'agent:id:*': 'allow', 'agent:group:*': 'allow' });
  });
});

describe('Casbin decisions', () => {
  it('resourceMatch compares type, value, wildcard, groups and combinations', () => {
    expect(resourceMatch('agent:id:001', '', 'agent:id:*')).toBe(true);
    expect(resourceMatch('agent:id:001', '', 'agent:id:001')).toBe(true);
    expect(resourceMatch('agent:id:001', '', 'agent:id:002')).toBe(false);
    expect(resourceMatch('agent:id:001', '', 'group:id:*')).toBe(false);
    expect(resourceMatch('agent:id:001', 'db,web', 'agent:group:web')).toBe(true);
    expect(resourceMatch('agent:id:001', 'db', 'agent:group:web')).toBe(false);
    expect(resourceMatch('*:*:*', '', '*:*:*')).toBe(true);
    expect(resourceMatch('*:*:*', '', 'agent:id:*')).toBe(false);
    expect(resourceMatch('agent:id:001', '', '*:*:*')).toBe(false);
    expect(resourceMatch('agent:id:001&node:id:w1', '', 'agent:id:*&node:id:w1')).toBe(true);
    expect(resourceMatch('agent:id:001', '', 'agent:id:*&node:id:w1')).toBe(false);
  });

  it('the last matching entry decides (white mode: nothing matching = deny)', () => {
    const p = new CompiledPermissions(
      mergePolicies([allow(['agent:read'], ['agent:id:*']), deny(['agent:read'], ['agent:id:002'])]),
      'white',
    );
    expect(p.decide('agent:read', 'agent:id:001')).toBe(true);
    expect(p.decide('agent:read', 'agent:id:002')).toBe(false);
    expect(p.decide('agent:delete', 'agent:id:001')).toBe(false);
    expect(p.decide('agent:read', '*:*:*')).toBe(false);
  });

  it('a later specific allow beats an earlier wildcard deny', () => {
    const p = new CompiledPermissions(
      mergePolicies([deny(['agent:read'], ['agent:id:*']), allow(['agent:read'], ['agent:id:007'])]),
      'white',
    );
    expect(p.decide('agent:read', 'agent:id:007')).toBe(true);
    expect(p.decide('agent:read', 'agent:id:008')).toBe(false);
  });

  it('black mode allows whatever is not denied', () => {
    const p = new CompiledPermissions(mergePolicies([deny(['agent:read'], ['agent:id:002'])]), 'black');
    expect(p.decide('agent:read', 'agent:id:001')).toBe(true);
    expect(p.decide('agent:read', 'agent:id:002')).toBe(false);
    expect(p.decide('manager:read', '*:*:*')).toBe(true);
  });

  it('agent:group entries apply to the agents of the group', () => {
    const p = new CompiledPermissions(
      mergePolicies([allow(['agent:read'], ['agent:group:web']), deny(['agent:read'], ['agent:id:003'])]),
      'white',
    );
    expect(p.decide('agent:read', 'agent:id:001', ['web'])).toBe(true);
    expect(p.decide('agent:read', 'agent:id:001', ['db'])).toBe(false);
    expect(p.decide('agent:read', 'agent:id:003', ['web'])).toBe(false);
  });

  it('mayPerform tells whether any resource of the action types could be allowed', () => {
    const p = new CompiledPermissions(
      mergePolicies([
        allow(['agent:read'], ['agent:id:001']),
        allow(['group:read'], ['group:id:*']),
        deny(['group:read'], ['group:id:*']),
        allow(['manager:read'], ['*:*:*']),
        allow(['agent:delete'], ['agent:group:web']),
        allow(['syscheck:read'], ['*:*:*']),
      ]),
      'white',
    );
    expect(p.mayPerform('agent:read', ['agent:id', 'agent:group'])).toBe(true);
    expect(p.mayPerform('agent:delete', ['agent:id', 'agent:group'])).toBe(true);
    expect(p.mayPerform('group:read', ['group:id'])).toBe(false);
    expect(p.mayPerform('manager:read', ['*:*'])).toBe(true);
    // A grant on a type the catalogue does not list still counts as "maybe" (the resource check decides).
    expect(p.mayPerform('syscheck:read', ['agent:id', 'agent:group'])).toBe(true);
    expect(p.decide('syscheck:read', 'agent:id:001')).toBe(false);
    const black = new CompiledPermissions(mergePolicies([deny(['group:read'], ['group:id:*'])]), 'black');
    expect(black.mayPerform('group:read', ['group:id'])).toBe(false);
    expect(black.mayPerform('agent:read', ['agent:id'])).toBe(true);
  });
});
