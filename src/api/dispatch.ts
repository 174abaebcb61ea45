/**
 * The last step of a request: build the handler's context, run the handler through DAPI (deadline, route-level
 * RBAC, dapi_errors) and write its result.
 *
 * Long lists (`GET /agents?limit=100000` is some 60 MB of JSON) are streamed: the envelope is serialised around
 * its `affected_items`, which are written a slice at a time as the client reads them, so the answer never exists
 * as one string or buffer. A listing whose items are still pending (read from wazuh-db page by page) is written
 * as its pages arrive, still under the request's deadline, and the next page is only taken once the client has
 * absorbed the previous ones, so only a few pages of items are alive at once. The bytes are those `JSON.stringify` gives for the whole body. When
 * responses are validated against the spec (tests), the items are all read and the body goes through `res.json`
 * whole, where the validator checks it.
 */
import type { Request, Response } from 'express';
import { findHandler } from '../../handlers';
import { AffectedItemsResult, RawResult, type OperationResult, type WazuhResult } from '../core/results';
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

/** Lists at least this long are streamed. */
const STREAM_MIN_ITEMS = 2000;
/** Items serialised per write: a few hundred KB, so each write is large but the pieces in memory stay small. */
const ITEMS_PER_WRITE = 500;
/** Stands for the items in the serialised envelope, where nothing else comes before it. */
const ITEMS_MARK = '\u0000affected_items\u0000';

export interface SendOptions {
  /** Stream long lists instead of handing them to `res.json` (off when responses are validated). */
  stream?: boolean;
}

/** Resolves when the response can take more data, or has been closed (the client went away). */
function writable(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function streamList(res: Response, status: number, result: AffectedItemsResult): Promise<void> {
  const pages = result.takePages();
  const body = result.render();
  const data = body.data as Record<string, unknown>;
  const envelope = JSON.stringify({ ...body, data: { ...data, affected_items: ITEMS_MARK } });
  const mark = JSON.stringify(ITEMS_MARK);
  const at = envelope.indexOf(mark);
  res.status(status).setHeader('Content-Type', 'application/json');
  let pending = `${envelope.slice(0, at)}[`;
  let first = true;
  let unwritten = 0;
  // A failure from here on (a page that cannot be read) reaches the error handler, which logs it and, the headers
  // being gone, cuts the answer short so the client sees it is incomplete.
  for await (const page of pages) {
    for (const item of page) {
      pending += `${first ? '' : ','}${JSON.stringify(item) ?? 'null'}`;
      first = false;
      if (++unwritten < ITEMS_PER_WRITE) continue;
      const more = res.write(pending);
      pending = '';
      unwritten = 0;
      if (!more) await writable(res);
      // Leaving the loop closes the pages: no more are asked for.
      if (res.destroyed) return;
    }
  }
  res.end(`${pending}]${envelope.slice(at + mark.length)}`);
}

/** A result may carry another success status (restart requests are answered 202 Accepted). */
function statusOf(result: WazuhResult | AffectedItemsResult): number {
  return (result as { httpStatus?: number }).httpStatus ?? 200;
}

async function send(res: Response, result: OperationResult, options: SendOptions): Promise<void> {
  if (result instanceof RawResult) {
    res.status(200).setHeader('Content-Type', result.contentType);
    res.setHeader('Content-Length', Buffer.byteLength(result.body));
    res.end(result.body);
    return;
  }
  const status = statusOf(result);
  const long = result instanceof AffectedItemsResult && result.affectedItems.length >= STREAM_MIN_ITEMS;
  if (options.stream && long && !locals(res).pretty) {
    await streamList(res, status, result);
    return;
  }
  res.status(status).json(result.render());
}

export function dispatch(services: Services, sending: SendOptions = {}) {
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
    const streaming = sending.stream === true && !state.pretty;
    const result = await services.dapi.execute(ctx, async (running): Promise<OperationResult | undefined> => {
      if (running.auth) services.security.authorizeRoute(running.auth, running.route);
      const answer = await handler(running);
      if (answer instanceof AffectedItemsResult && answer.unsettled) {
        // The rest of a listing is read under the request's deadline, with DAPI's errors: while it is written when
        // it is streamed, else before the body is built.
        if (streaming && answer.affectedItems.length >= STREAM_MIN_ITEMS) {
          await streamList(res, statusOf(answer), answer);
          return undefined;
        }
        await answer.settle();
      }
      return answer;
    });
    if (controller.signal.aborted || result === undefined) return;
    await send(res, result, sending);
  };
}
