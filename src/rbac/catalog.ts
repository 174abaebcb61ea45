/**
 * The RBAC catalogue declared in `spec.yaml` (`x-rbac-catalog`): every action with the resource types it applies
 * to, and every resource type. Read once, on first use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { load } from 'js-yaml';

export interface CatalogAction {
  description: string;
  resources: string[];
  /** Extra keys of the spec's entry (e.g. `example`, `related_endpoints`), kept as written. */
  extra: Record<string, unknown>;
}

export interface RbacCatalog {
  actions: Map<string, CatalogAction>;
  resources: Map<string, { description: string }>;
}

function findSpec(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, 'spec.yaml');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('spec.yaml not found');
}

export function parseCatalog(specText: string): RbacCatalog {
  const spec = load(specText) as { 'x-rbac-catalog'?: Record<string, Record<string, Record<string, unknown>>> };
  const raw = spec['x-rbac-catalog'] ?? {};
  const actions = new Map<string, CatalogAction>();
  for (const [name, entry] of Object.entries(raw.actions ?? {})) {
    const { description, resources, ...extra } = entry as Record<string, unknown>;
    actions.set(name, {
      description: typeof description === 'string' ? description : '',
      resources: Array.isArray(resources) ? resources.map(String) : [],
      extra,
    });
  }
  const resources = new Map<string, { description: string }>();
  for (const [name, entry] of Object.entries(raw.resources ?? {})) {
    const description = (entry as Record<string, unknown>)?.description;
    resources.set(name, { description: typeof description === 'string' ? description : '' });
  }
  return { actions, resources };
}

let cached: RbacCatalog | undefined;

export function rbacCatalog(specPath?: string): RbacCatalog {
  if (specPath) return parseCatalog(readFileSync(specPath, 'utf8'));
  cached ??= parseCatalog(readFileSync(findSpec(), 'utf8'));
  return cached;
}

/** Resource types an action applies to; `*:*` (resourceless) for an action the catalogue does not know. */
export function resourceTypesOf(catalog: RbacCatalog, action: string): string[] {
  const types = catalog.actions.get(action)?.resources;
  return types && types.length ? types : ['*:*'];
}
