/**
 * `spec.yaml`, loaded once per process: the document for the validator, the texts served at `/spec.json` and
 * `/spec.yaml`, the API identity answered by `GET /`, and each operation's declared query parameters.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dump, load } from 'js-yaml';

export const DEFAULT_SPEC_PATH = resolve(__dirname, '..', '..', 'spec.yaml');

/** What `GET /` reports, read from the spec's `info` as Wazuh does. */
export interface ApiInfo {
  title: string;
  version: string;
  revision: string;
  licenseName: string;
  licenseUrl: string;
}

export interface LoadedSpec {
  document: Record<string, unknown>;
  json: string;
  yaml: string;
  info: ApiInfo;
  /** `"get /agents"` → the names of the query parameters that operation declares. */
  queryParams: Map<string, Set<string>>;
  /** `"post /agents"` → the media types its request body may have (operations with a body only). */
  bodyTypes: Map<string, string[]>;
}

type Json = Record<string, unknown>;

function deref(document: Json, node: unknown): Json {
  let current = node as Json;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 16; hops += 1) {
    const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
    current = pointer.reduce<unknown>((at, part) => (at as Json)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], document) as Json;
  }
  return current ?? {};
}

function declaredQueryParams(document: Json): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const paths = (document.paths ?? {}) as Record<string, Json>;
  for (const [path, item] of Object.entries(paths)) {
    const shared = (item.parameters as unknown[]) ?? [];
    for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const names = new Set<string>();
      for (const parameter of [...shared, ...((operation.parameters as unknown[]) ?? [])]) {
        const resolved = deref(document, parameter);
        if (resolved.in === 'query' && typeof resolved.name === 'string') names.add(resolved.name);
      }
      out.set(`${method} ${path}`, names);
    }
  }
  return out;
}

function declaredBodyTypes(document: Json): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const paths = (document.paths ?? {}) as Record<string, Json>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
      const operation = item[method] as Json | undefined;
      if (!operation?.requestBody) continue;
      const content = (deref(document, operation.requestBody).content ?? {}) as Json;
      out.set(`${method} ${path}`, Object.keys(content));
    }
  }
  return out;
}

const cache = new Map<string, LoadedSpec>();

export function loadSpec(file = DEFAULT_SPEC_PATH): LoadedSpec {
  const cached = cache.get(file);
  if (cached) return cached;
  const yaml = readFileSync(file, 'utf8');
  const document = load(yaml) as Json;
  const info = (document.info ?? {}) as Json;
  const license = (info.license ?? {}) as Json;
  const loaded: LoadedSpec = {
    document,
    json: JSON.stringify(document),
    yaml: yaml.startsWith('openapi') ? yaml : dump(document),
    info: {
      title: String(info.title ?? ''),
      version: String(info.version ?? ''),
      revision: String(info['x-revision'] ?? ''),
      licenseName: String(license.name ?? ''),
      licenseUrl: String(license.url ?? ''),
    },
    queryParams: declaredQueryParams(document),
    bodyTypes: declaredBodyTypes(document),
  };
  cache.set(file, loaded);
  return loaded;
}
