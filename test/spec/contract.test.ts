import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { routes } from '../../generated/routes';

/**
 * The 134 in-scope operations of Wazuh 4.14.4 (method and path), as listed by the project's scope notes.
 * The spec must declare exactly these: no more, no fewer.
 */
const IN_SCOPE: readonly string[] = [
  'GET /',
  'DELETE /agents',
  'GET /agents',
  'POST /agents',
  'GET /agents/{agent_id}/config/{component}/{configuration}',
  'DELETE /agents/{agent_id}/group',
  'GET /agents/{agent_id}/group/is_sync',
  'DELETE /agents/{agent_id}/group/{group_id}',
  'PUT /agents/{agent_id}/group/{group_id}',
  'GET /agents/{agent_id}/key',
  'PUT /agents/{agent_id}/restart',
  'GET /agents/{agent_id}/daemons/stats',
  'GET /agents/{agent_id}/stats/{component}',
  'PUT /agents/upgrade',
  'PUT /agents/upgrade_custom',
  'GET /agents/upgrade_result',
  'GET /agents/uninstall',
  'DELETE /agents/group',
  'PUT /agents/group',
  'PUT /agents/group/{group_id}/restart',
  'POST /agents/insert',
  'POST /agents/insert/quick',
  'GET /agents/no_group',
  'PUT /agents/node/{node_id}/restart',
  'GET /agents/outdated',
  'PUT /agents/reconnect',
  'PUT /agents/restart',
  'GET /agents/stats/distinct',
  'GET /agents/summary',
  'GET /agents/summary/os',
  'GET /agents/summary/status',
  'DELETE /groups',
  'GET /groups',
  'POST /groups',
  'GET /groups/{group_id}/agents',
  'GET /groups/{group_id}/configuration',
  'PUT /groups/{group_id}/configuration',
  'GET /groups/{group_id}/files',
  'GET /groups/{group_id}/files/{file_name}',
  'GET /manager/status',
  'GET /manager/info',
  'GET /manager/configuration',
  'PUT /manager/configuration',
  'GET /manager/daemons/stats',
  'GET /manager/stats',
  'GET /manager/stats/hourly',
  'GET /manager/stats/weekly',
  'GET /manager/stats/analysisd',
  'GET /manager/stats/remoted',
  'GET /manager/logs',
  'GET /manager/logs/summary',
  'GET /manager/api/config',
  'PUT /manager/analysisd/reload',
  'PUT /manager/restart',
  'GET /manager/configuration/validation',
  'GET /manager/configuration/{component}/{configuration}',
  'GET /manager/version/check',
  'GET /cluster/local/info',
  'GET /cluster/local/config',
  'GET /cluster/nodes',
  'GET /cluster/healthcheck',
  'GET /cluster/ruleset/synchronization',
  'GET /cluster/status',
  'GET /cluster/api/config',
  'GET /cluster/{node_id}/status',
  'GET /cluster/{node_id}/info',
  'GET /cluster/{node_id}/configuration',
  'PUT /cluster/{node_id}/configuration',
  'GET /cluster/{node_id}/daemons/stats',
  'GET /cluster/{node_id}/stats',
  'GET /cluster/{node_id}/stats/hourly',
  'GET /cluster/{node_id}/stats/weekly',
  'GET /cluster/{node_id}/stats/analysisd',
  'GET /cluster/{node_id}/stats/remoted',
  'GET /cluster/{node_id}/logs',
  'GET /cluster/{node_id}/logs/summary',
  'PUT /cluster/restart',
  'PUT /cluster/analysisd/reload',
  'GET /cluster/configuration/validation',
  'GET /cluster/{node_id}/configuration/{component}/{configuration}',
  'PUT /syscheck',
  'GET /syscheck/{agent_id}',
  'DELETE /syscheck/{agent_id}',
  'GET /syscheck/{agent_id}/last_scan',
  'PUT /rootcheck',
  'GET /rootcheck/{agent_id}',
  'DELETE /rootcheck/{agent_id}',
  'GET /rootcheck/{agent_id}/last_scan',
  'PUT /active-response',
  'POST /security/user/authenticate',
  'GET /security/user/authenticate',
  'DELETE /security/user/authenticate',
  'POST /security/user/authenticate/run_as',
  'GET /security/users/me',
  'GET /security/users/me/policies',
  'PUT /security/user/revoke',
  'PUT /security/users/{user_id}/run_as',
  'GET /security/actions',
  'GET /security/resources',
  'GET /security/users',
  'POST /security/users',
  'DELETE /security/users',
  'PUT /security/users/{user_id}',
  'GET /security/roles',
  'POST /security/roles',
  'DELETE /security/roles',
  'PUT /security/roles/{role_id}',
  'GET /security/rules',
  'POST /security/rules',
  'DELETE /security/rules',
  'PUT /security/rules/{rule_id}',
  'GET /security/policies',
  'POST /security/policies',
  'DELETE /security/policies',
  'PUT /security/policies/{policy_id}',
  'POST /security/users/{user_id}/roles',
  'DELETE /security/users/{user_id}/roles',
  'POST /security/roles/{role_id}/policies',
  'DELETE /security/roles/{role_id}/policies',
  'POST /security/roles/{role_id}/rules',
  'DELETE /security/roles/{role_id}/rules',
  'GET /security/config',
  'PUT /security/config',
  'DELETE /security/config',
  'GET /mitre/groups',
  'GET /mitre/metadata',
  'GET /mitre/mitigations',
  'GET /mitre/references',
  'GET /mitre/software',
  'GET /mitre/tactics',
  'GET /mitre/techniques',
  'GET /tasks/status',
  'POST /events',
  'GET /overview/agents',
];

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Array<{ $ref?: string }>;
  responses?: Record<string, { $ref?: string; description?: string }>;
  'x-rbac-actions'?: unknown;
  'x-dapi'?: { mode?: unknown; broadcast?: unknown };
}
interface Parameter {
  name: string;
  in: string;
  description?: string;
  explode?: boolean;
  allowReserved?: boolean;
  schema: Json;
}
interface Spec {
  info: { description?: string };
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter>; schemas: Record<string, Json> };
  'x-rbac-catalog': {
    resources: Record<string, { description?: string }>;
    actions: Record<string, { description?: string; resources: string[] }>;
  };
}

const specText = readFileSync(join(__dirname, '..', '..', 'spec.yaml'), 'utf8');
const spec = load(specText) as Spec;
const METHODS = ['get', 'post', 'put', 'delete'];
const operations: Array<{ key: string; op: Operation }> = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of Object.keys(item)) {
    if (!METHODS.includes(method)) throw new Error(`unexpected key ${method} under ${path}`);
    operations.push({ key: `${method.toUpperCase()} ${path}`, op: item[method] });
  }
}

function deref<T>(node: Json, kind: 'parameters' | 'schemas'): T {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node as T;
  const name = ref.replace(`#/components/${kind}/`, '');
  return (spec.components[kind] as Record<string, unknown>)[name] as T;
}

describe('spec.yaml contract', () => {
  it('declares exactly the 134 in-scope operations', () => {
    expect(IN_SCOPE).toHaveLength(134);
    expect(operations.map((o) => o.key).sort()).toEqual([...IN_SCOPE].sort());
  });

  it('has no placeholder text left', () => {
    expect(specText).not.toMatch(/TODO/);
  });

  it('gives every operation a unique operationId, a declared tag, a summary and a description', () => {
    const tagNames = new Set(spec.tags.map((t) => t.name));
    const ids = new Set<string>();
    for (const { key, op } of operations) {
      expect({ key, operationId: typeof op.operationId }).toEqual({ key, operationId: 'string' });
      expect(ids.has(op.operationId!)).toBe(false);
      ids.add(op.operationId!);
      expect(op.tags?.length).toBe(1);
      expect(tagNames.has(op.tags![0])).toBe(true);
      expect(op.summary?.trim()).toBeTruthy();
      expect(op.description?.trim()).toBeTruthy();
    }
  });

  it('lists only catalogued RBAC actions, and describes the catalogue', () => {
    const catalog = spec['x-rbac-catalog'];
    for (const { key, op } of operations) {
      const actions = op['x-rbac-actions'];
      expect(Array.isArray(actions)).toBe(true);
      for (const action of actions as string[]) {
        if (!(action in catalog.actions)) throw new Error(`${key}: action ${action} is not in x-rbac-catalog`);
      }
    }
    for (const [name, action] of Object.entries(catalog.actions)) {
      expect({ name, described: Boolean(action.description?.trim()) }).toEqual({ name, described: true });
      for (const resource of action.resources) expect(Object.keys(catalog.resources)).toContain(resource);
    }
    for (const resource of Object.values(catalog.resources)) expect(resource.description?.trim()).toBeTruthy();
  });

  it('gives every operation a valid x-dapi', () => {
    for (const { key, op } of operations) {
      const dapi = op['x-dapi'];
      expect({ key, mode: dapi?.mode }).toEqual({
        key,
        mode: expect.stringMatching(/^(local_any|local_master|distributed_master)$/),
      });
      expect(typeof dapi?.broadcast).toBe('boolean');
      // Fanning out to every node only makes sense for requests that the master distributes.
      if (dapi?.broadcast) expect(dapi.mode).toBe('distributed_master');
    }
  });

  it('describes every parameter and lets query values carry reserved characters', () => {
    for (const [name, param] of Object.entries(spec.components.parameters)) {
      expect({ name, described: Boolean(param.description?.trim()) }).toEqual({ name, described: true });
      if (param.in !== 'query') continue;
      const schema = deref<Json>(param.schema, 'schemas');
      if (schema.type === 'array') {
        // Wazuh clients send lists as `a,b`; the repeated form `x=a&x=b` is accepted as well.
        expect({ name, explode: param.explode }).toEqual({ name, explode: false });
      }
      if (schema.type === 'array' || schema.type === 'string') {
        expect({ name, allowReserved: param.allowReserved }).toEqual({ name, allowReserved: true });
      }
    }
  });

  it('declares every success reply with the Wazuh envelope and every error as problem+json', () => {
    for (const { key, op } of operations) {
      for (const [code, response] of Object.entries(op.responses ?? {})) {
        if (code.startsWith('2')) {
          const content = (response as { content?: Record<string, { schema: Json }> }).content ?? {};
          const schema = content['application/json']?.schema;
          const parts = (schema?.allOf as Json[] | undefined) ?? [schema];
          expect({ key, code, envelope: parts[0]?.$ref }).toEqual({
            key,
            code,
            envelope: '#/components/schemas/ApiResponse',
          });
        } else {
          expect({ key, code, ref: response.$ref }).toEqual({
            key,
            code,
            ref: expect.stringMatching(/^#\/components\/responses\//),
          });
        }
      }
    }
    const responses = (spec.components as unknown as { responses: Record<string, { content: Json }> }).responses;
    for (const response of Object.values(responses)) {
      expect(Object.keys(response.content)).toEqual(['application/problem+json']);
    }
  });

  it('matches the generated route table', () => {
    expect(routes).toHaveLength(134);
    const byKey = new Map(operations.map((o) => [o.key, o.op]));
    for (const route of routes) {
      const op = byKey.get(`${route.method.toUpperCase()} ${route.path}`);
      expect(op?.operationId).toBe(route.operationId);
      expect(route.rbacActions).toEqual(op?.['x-rbac-actions']);
      expect(route.dapi).toEqual(op?.['x-dapi']);
    }
    const basic = routes.filter((r) => r.auth === 'basic').map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(basic.sort()).toEqual([
      'GET /security/user/authenticate',
      'POST /security/user/authenticate',
      'POST /security/user/authenticate/run_as',
    ]);
  });
});
