/**
 * The last step of a request: build the handler's context, run the handler through DAPI (deadline, route-level
 * RBAC, dapi_errors) and write its result.
 */
import type { Request, Response } from 'express';
import { findHandler } from '../../handlers';
import { RawResult, type OperationResult } from '../core/results';
import type { Services } from '../services';
import { RequestAborted } from '../cluster/dapi';
import type { RequestContext } from './context';
import { clientIp, locals } from './locals';
import { HttpProblem } from './problem';

/** The path parameters as express-openapi-validator matched and checked them. */
export function pathParamsOf(req: Request): Record<string, string> {
  return (req as Request & { openapi?: { pathParams?: Record<string, string> } }).openapi?.pathParams ?? {};
}

export function notImplemented(method: string, path: string): HttpProblem {
  return new HttpProblem(501, 'Not Implemented', `${method.toUpperCase()} ${path} is not implemented yet`);
}

function send(res: Response, result: OperationResult): void {
  if (result instanceof RawResult) {
    res.status(200).setHeader('Content-Type', result.contentType);
    res.setHeader('Content-Length', Buffer.byteLength(result.body));
    res.end(result.body);
    return;
  }
  // A result may carry another success status (restart requests are answered 202 Accepted).
  res.status((result as { httpStatus?: number }).httpStatus ?? 200).json(result.render());
}

export function dispatch(services: Services) {
  return async (req: Request, res: Response): Promise<void> => {
    const state = locals(res);
    const route = state.route;
    if (!route) throw new Error('dispatch reached without a matched route');
    state.pretty = (req.query as Record<string, unknown>).pretty === true;
    const handler = findHandler(route);
    if (!handler) throw notImplemented(route.method, route.path);
    if (route.deprecated) {
      res.setHeader('Deprecated', 'true');
      if (route.deprecated.link) res.setHeader('Link', `<${route.deprecated.link}>; rel="Deprecated"`);
    }

    // Aborted when the client goes away before the answer is written; DAPI adds the request deadline.
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort(new RequestAborted());
    };
    res.once('close', onClose);
    const ctx: RequestContext = {
      route,
      params: {
        // The validator's checked (and coerced) copy: express resets req.params between middlewares.
        path: pathParamsOf(req),
        query: req.query as Record<string, unknown>,
        body: req.body,
        headers: req.headers,
      },
      auth: state.auth,
      credentials: state.credentials,
      services,
      clientIp: clientIp(req.socket.remoteAddress),
      requestId: state.requestId,
      signal: controller.signal,
    };
    const result = await services.dapi.execute(ctx, async (running) => {
      if (running.auth) services.security.authorizeRoute(running.auth, running.route);
      return handler(running);
    });
    if (controller.signal.aborted) return;
    send(res, result);
  };
}
