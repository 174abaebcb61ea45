/**
 * The contract, served without authentication: `/spec.json`, `/spec.yaml`, and Swagger UI at `/ui` (assets
 * from the installed swagger-ui-dist, nothing fetched from a CDN). The UI can be switched off
 * (`WAZUH_API_UI=off`, see README).
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { LoadedSpec } from './spec';

/** Wazuh's `Content-Security-Policy: none` would blank the UI page; it gets a policy limited to its own assets. */
const UI_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'";

export function docsRouter(spec: LoadedSpec, options: { ui: boolean }): Router {
  const router = Router();
  router.get('/spec.json', (_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(spec.json);
  });
  router.get('/spec.yaml', (_req, res) => {
    res.setHeader('Content-Type', 'application/yaml; charset=utf-8');
    res.end(spec.yaml);
  });
  if (options.ui) {
    const relaxPolicy = (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('Content-Security-Policy', UI_POLICY);
      next();
    };
    router.use(
      '/ui',
      relaxPolicy,
      swaggerUi.serve,
      swaggerUi.setup(undefined, { swaggerOptions: { url: '/spec.json' }, customSiteTitle: spec.info.title }),
    );
  }
  return router;
}
