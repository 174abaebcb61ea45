/**
 * Finds the operation of the route table a request is for, before anything else looks at it: unknown paths are
 * 404 and known paths with another method 405, without authentication (as Wazuh does), and the later steps
 * (authentication, rate of events, body reading) know which operation they serve.
 *
 * Matching follows express-openapi-validator's choice so both always agree: among the path templates that match,
 * the most specific wins (a literal segment beats a parameter at the first position where they differ), and if
 * that template lacks the method the answer is 405.
 */
import type { RouteDef } from '../../generated/routes';
import { badRequest } from './problem';

type Segment = { literal: string } | { param: string };

interface Template {
  path: string;
  segments: Segment[];
  byMethod: Map<string, RouteDef>;
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDef; params: Record<string, string> }
  | { kind: 'wrong-method'; allow: string[] }
  | { kind: 'none' };

function parseTemplate(path: string): Segment[] {
  if (path === '/') return [];
  return path
    .split('/')
    .slice(1)
    .map((part) => {
      const param = /^\{(.+)\}$/.exec(part);
      return param ? { param: param[1] } : { literal: part };
    });
}

/** Negative when `a` is more specific than `b`. */
function compareSpecificity(a: Template, b: Template): number {
  for (let i = 0; i < a.segments.length; i += 1) {
    const aLiteral = 'literal' in a.segments[i];
    const bLiteral = 'literal' in b.segments[i];
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}

export class RouteMatcher {
  /** Templates grouped by segment count, most specific first. */
  private readonly bySize = new Map<number, Template[]>();

  constructor(routes: readonly RouteDef[]) {
    const templates = new Map<string, Template>();
    for (const route of routes) {
      let template = templates.get(route.path);
      if (!template) {
        template = { path: route.path, segments: parseTemplate(route.path), byMethod: new Map() };
        templates.set(route.path, template);
      }
      template.byMethod.set(route.method.toUpperCase(), route);
    }
    for (const template of templates.values()) {
      const list = this.bySize.get(template.segments.length) ?? [];
      list.push(template);
      this.bySize.set(template.segments.length, list);
    }
    for (const list of this.bySize.values()) list.sort(compareSpecificity);
  }

  match(method: string, pathname: string): RouteMatch {
    const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
    const parts = trimmed === '/' ? [] : trimmed.split('/').slice(1);
    const candidates = this.bySize.get(parts.length) ?? [];
    for (const template of candidates) {
      const params: Record<string, string> = {};
      const fits = template.segments.every((segment, i) => {
        if ('literal' in segment) return segment.literal === parts[i];
        if (parts[i] === '') return false;
        params[segment.param] = parts[i];
        return true;
      });
      if (!fits) continue;
      const route = template.byMethod.get(method.toUpperCase());
      if (!route) return { kind: 'wrong-method', allow: [...template.byMethod.keys()] };
      for (const [name, raw] of Object.entries(params)) {
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          throw badRequest(`Malformed URI: path parameter '${name}' is not valid percent-encoding`);
        }
      }
      return { kind: 'found', route, params };
    }
    return { kind: 'none' };
  }
}
