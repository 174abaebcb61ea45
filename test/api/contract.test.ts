/**
 * Every operation of the route table, over HTTP with a real token: a request carrying one bad parameter gets
 * Wazuh's 400 body (title and detail only, problem+json) naming the bad value — whether or not the operation
 * has a handler yet, since validation comes first. Required parameters are filled with valid values so the bad
 * one is the only fault.
 */
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routes, type RouteDef } from '../../generated/routes';
import { startTestServer, type TestServer, type TestRequest } from '../helpers/server';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: Json;
}

const spec = load(readFileSync(join(__dirname, '..', '..', 'spec.yaml'), 'utf8')) as Json;

function deref<T = Json>(node: unknown): T {
  let current = node as Json;
  while (current && typeof current.$ref === 'string') {
    current = (current.$ref as string)
      .slice(2)
      .split('/')
      .reduce<unknown>((at, part) => (at as Json)[part], spec) as Json;
  }
  return current as T;
}

function parametersOf(route: RouteDef): Parameter[] {
  const item = (spec.paths as Json)[route.path] as Json;
  const operation = item[route.method] as Json;
  return [...((item.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])].map((p) => {
    const parameter = deref<Parameter>(p);
    return { ...parameter, schema: deref(parameter.schema) };
  });
}

/** A value the schema accepts, for the parameters that must be present. */
function validValue(name: string, schema: Json): string {
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  if (schema.type === 'array') return validValue(name, deref(schema.items));
  if (schema.type === 'boolean') return 'true';
  if (schema.type === 'integer' || schema.type === 'number') return String(schema.minimum ?? 1);
  const byName: Record<string, string> = { agent_id: '001', agents_list: '001', group_id: 'default', node_id: 'node01', file_name: 'agent.conf' };
  if (byName[name]) return byName[name];
  const byFormat: Record<string, string> = {
    numbers: '100',
    numbers_or_all: 'all',
    group_names: 'default',
    group_names_or_all: 'default',
    'date-time': '2025-01-01T00:00:00Z',
    date: '2025-01-01',
    timeframe: '1d',
    wazuh_version: 'v4.14.4',
    hash: '',
  };
  return byFormat[String(schema.format)] ?? 'abc';
}

interface Probe {
  path: string;
  query: Record<string, string>;
  detail: string;
}

/** The operation with its required parameters valid and one bad query parameter (or an unknown one). */
function badQueryProbe(route: RouteDef): Probe {
  const parameters = parametersOf(route);
  const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(validValue(name, parameter?.schema ?? {}));
  });
  const query: Record<string, string> = {};
  for (const p of parameters) if (p.in === 'query' && p.required) query[p.name] = validValue(p.name, p.schema);
  const typed = parameters.find((p) => p.in === 'query' && ['boolean', 'integer'].includes(String(p.schema.type)));
  if (!typed) return { path, query: { ...query, zzz: '1' }, detail: 'Extra query parameter(s) zzz not in spec' };
  return { path, query: { ...query, [typed.name]: 'wrong' }, detail: `'wrong' is not of type '${typed.schema.type}'` };
}

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = await server.login();
}, 30_000);
afterAll(() => server.close());

function credentials(route: RouteDef): Pick<TestRequest, 'token' | 'basic'> {
  return route.auth === 'basic' ? { basic: { username: 'wazuh', password: 'wazuh' } } : { token };
}

it('covers the whole route table', () => {
  expect(routes.length).toBeGreaterThan(100);
});

describe.each(routes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))('%s', (_name, route) => {
  it('answers a bad query parameter with Wazuh 400', async () => {
    const probe = badQueryProbe(route);
    const res = await server.request(route.method.toUpperCase(), probe.path, { ...credentials(route), query: probe.query });
    expect({ status: res.status, type: res.headers['content-type'], body: res.body }).toEqual({
      status: 400,
      type: 'application/problem+json; charset=utf-8',
      body: { title: 'Bad Request', detail: probe.detail },
    });
  });

  const pathParameters = parametersOf(route).filter((p) => p.in === 'path');
  if (pathParameters.length > 0) {
    it('answers a bad path parameter with Wazuh 400', async () => {
      const [bad] = pathParameters;
      const wrong = Array.isArray(bad.schema.enum) ? 'nope' : 'a;b';
      const path = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        if (name === bad.name) return encodeURIComponent(wrong);
        const parameter = pathParameters.find((p) => p.name === name);
        return encodeURIComponent(validValue(name, parameter?.schema ?? {}));
      });
      const query: Record<string, string> = {};
      for (const p of parametersOf(route)) if (p.in === 'query' && p.required) query[p.name] = validValue(p.name, p.schema);
      const detail = Array.isArray(bad.schema.enum)
        ? `'nope' is not one of [${(bad.schema.enum as string[]).map((v) => `'${v}'`).join(', ')}]`
        : `'a;b' is not a '${bad.schema.format}'`;
      const res = await server.request(route.method.toUpperCase(), path, { ...credentials(route), query });
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: { title: 'Bad Request', detail } });
    });
  }
});
