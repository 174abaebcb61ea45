/**
 * The outermost middleware: request id, Wazuh's security headers (so even errors carry them), and the JSON
 * writer every success body goes through.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ApiLocals } from '../locals';

const SECURITY_HEADERS: Array<[string, string]> = [
  ['Server', 'Wazuh'],
  ['X-Frame-Options', 'deny'],
  ['X-XSS-Protection', '0'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Content-Security-Policy', 'none'],
  ['Referrer-Policy', 'no-referrer, strict-origin-when-cross-origin'],
  ['Cache-Control', 'no-store'],
];
const HSTS = 'max-age=63072000; includeSubdomains';

/** An incoming X-Request-Id is echoed only if it is short and plain; otherwise a fresh one is made. */
const ACCEPTABLE_ID = /^[\w\-.:]{1,128}$/;

/**
 * Success bodies are written by this `res.json`, installed before the validator so its response check wraps it:
 * compact JSON, or indented by 3 spaces for `pretty=true`, as `application/json`.
 */
function jsonWriter(res: Response) {
  return function json(this: Response, body: unknown): Response {
    const text = JSON.stringify(body, null, (res.locals as ApiLocals).pretty ? 3 : undefined);
    if (!res.getHeader('Content-Type')) res.setHeader('Content-Type', 'application/json');
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
    return res;
  };
}

export function requestStart(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && ACCEPTABLE_ID.test(incoming) ? incoming : randomUUID();
  const state = res.locals as ApiLocals;
  state.requestId = requestId;
  state.startedAt = process.hrtime.bigint();
  state.rawQuery = { ...(req.query as Record<string, unknown>) };
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  if ((req.socket as { encrypted?: boolean }).encrypted) res.setHeader('Strict-Transport-Security', HSTS);
  res.setHeader('X-Request-Id', requestId);
  res.json = jsonWriter(res);
  next();
}
