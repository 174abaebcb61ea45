/**
 * CORS as `api.yaml`'s `cors` section describes it (Wazuh delegates to Starlette's middleware; this follows the
 * same rules): an allowed Origin is echoed (or `*` without credentials), exposed headers are listed, and
 * preflight requests are answered here.
 */
import type { NextFunction, Request, Response } from 'express';
import type { ApiConfig } from '../../core/config';

const METHODS = 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT';

const asList = (value: string | string[]) =>
  (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter(Boolean);

export function cors(config: ApiConfig['cors']) {
  const origins = asList(config.source_route);
  const anyOrigin = origins.includes('*');
  const exposed = asList(config.expose_headers);
  const allowed = asList(config.allow_headers);
  const anyHeader = allowed.includes('*');
  const allows = (origin: string) => anyOrigin || origins.includes(origin.toLowerCase());

  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (!origin) return next();
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!allows(origin)) {
      if (preflight) {
        res.status(400).setHeader('Content-Type', 'text/plain');
        res.end('Disallowed CORS origin');
        return;
      }
      return next();
    }
    const echo = !anyOrigin || config.allow_credentials;
    res.setHeader('Access-Control-Allow-Origin', echo ? origin : '*');
    if (echo) res.vary('Origin');
    if (config.allow_credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (!preflight) {
      if (exposed.length > 0) res.setHeader('Access-Control-Expose-Headers', exposed.join(', '));
      return next();
    }
    res.setHeader('Access-Control-Allow-Methods', METHODS);
    const requested = req.headers['access-control-request-headers'];
    const headers = anyHeader ? requested : allowed.join(', ');
    if (headers) res.setHeader('Access-Control-Allow-Headers', headers);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(200).end();
  };
}
