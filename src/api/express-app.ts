/**
 * Assembles the express application. Order matters and follows Wazuh's: request id, security headers and the
 * access log wrap everything (errors included); then CORS, the rate limit, the declared body size and Expect;
 * then the unauthenticated docs; then routing (404/405), authentication, body reading, and strict validation
 * against spec.yaml; finally the handler through DAPI, and the one error handler.
 */
import { parse as parseQueryString } from 'node:querystring';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { routes as routeTable, type RouteDef } from '../../generated/routes';
import type { Services } from '../services';
import { docsRouter } from './docs';
import { dispatch } from './dispatch';
import { errorHandler } from './error-handler';
import { locals } from './locals';
import { accessLog } from './middlewares/access-log';
import { authenticate } from './middlewares/authenticate';
import { checkDeclaredBody, readBody } from './middlewares/body';
import { cors } from './middlewares/cors';
import { rateLimit } from './middlewares/rate-limit';
import { requestStart } from './middlewares/request-start';
import { badRequest, methodNotAllowed, notFound } from './problem';
import { RouteMatcher } from './routing';
import type { LoadedSpec } from './spec';
import { specValidator } from './validator';

export interface AppOptions {
  services: Services;
  spec: LoadedSpec;
  /** Check every JSON response against the spec (always on in the test suite). */
  validateResponses: boolean;
  /** Serve Swagger UI at `/ui`. */
  ui: boolean;
  /** The operations to serve; the generated route table by default. */
  routes?: readonly RouteDef[];
}

/** Wazuh lower-cases the values of these query and path parameters before validating them. */
const LOWER_CASED = new Set(['component', 'configuration', 'hash', 'requirement', 'status', 'type', 'section', 'tag', 'level', 'resource']);

function parseQuery(text: string): Record<string, unknown> {
  const parsed: Record<string, unknown> = { ...parseQueryString(text) };
  for (const name of LOWER_CASED) {
    const value = parsed[name];
    if (typeof value === 'string') parsed[name] = value.toLowerCase();
    else if (Array.isArray(value)) parsed[name] = value.map((v: string) => v.toLowerCase());
  }
  return parsed;
}

/** 404 / 405 before authentication; lower-cases the path parameters Wazuh lower-cases (by rewriting the URL). */
function routeRequests(matcher: RouteMatcher) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const match = matcher.match(req.method, req.path);
    if (match.kind === 'none') throw notFound();
    if (match.kind === 'wrong-method') throw methodNotAllowed(match.allow);
    locals(res).route = match.route;
    const needsLowering = Object.entries(match.params).some(([name, value]) => LOWER_CASED.has(name) && value !== value.toLowerCase());
    if (needsLowering) {
      const path = match.route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        const value = match.params[name];
        return encodeURIComponent(LOWER_CASED.has(name) ? value.toLowerCase() : value);
      });
      const query = req.url.indexOf('?');
      req.url = query >= 0 ? path + req.url.slice(query) : path;
    }
    next();
  };
}

/** Wazuh validates strictly: every unknown query parameter is named in one 400. */
function rejectUnknownQuery(spec: LoadedSpec) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const route = locals(res).route;
    const known = route && spec.queryParams.get(`${route.method} ${route.path}`);
    if (known) {
      const extra = Object.keys(req.query as Record<string, unknown>).filter((name) => !known.has(name));
      if (extra.length > 0) throw badRequest(`Extra query parameter(s) ${extra.join(',')} not in spec`);
    }
    next();
  };
}

export function buildApp(options: AppOptions): Express {
  const { services, spec } = options;
  const config = services.apiConfig;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('case sensitive routing', true);
  app.set('query parser', parseQuery);

  app.use(requestStart);
  app.use(accessLog(services.logger));
  if (config.cors.enabled) app.use(cors(config.cors));
  app.use(rateLimit(config.access.max_request_per_minute));
  app.use(checkDeclaredBody(config.max_upload_size));
  app.use(docsRouter(spec, { ui: options.ui }));

  app.use(routeRequests(new RouteMatcher(options.routes ?? routeTable)));
  app.use(authenticate(services.security));
  app.use(
    readBody(config.max_upload_size, (res) => {
      const route = locals(res).route;
      return route && spec.bodyTypes.get(`${route.method} ${route.path}`);
    }),
  );
  app.use(rejectUnknownQuery(spec));

  app.use(specValidator(spec, { wazuhPath: services.paths.root, validateResponses: options.validateResponses }));
  app.use(dispatch(services, { stream: !options.validateResponses }));
  app.use(errorHandler(services.logger));
  return app;
}
