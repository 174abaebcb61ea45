/**
 * One access-log entry per request, written when the response is done (or the client went away): who, from
 * where, what, with which parameters and body (secrets masked), how long, and the status.
 */
import type { NextFunction, Request, Response } from 'express';
import { maskSecrets, type ApiLogger } from '../../core/logging';
import { clientIp, locals } from '../locals';
import { parseBasic } from './authenticate';

function userOf(req: Request, res: Response): string {
  const state = locals(res);
  if (state.auth) return state.auth.username;
  if (state.credentials) return state.credentials.username;
  const header = req.headers.authorization;
  if (header && /^basic\s/i.test(header)) {
    try {
      return parseBasic(header).username || 'unknown_user';
    } catch {
      return 'unknown_user';
    }
  }
  return 'unknown_user';
}

function bodyOf(req: Request, logger: ApiLogger): unknown {
  const body: unknown = req.body;
  if (body === undefined || body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return {};
  // At info level a batch of events is logged as its size: the events themselves can be large and sensitive.
  if (req.path === '/events' && !logger.enabled('debug')) {
    const events = (body as { events?: unknown }).events;
    return { events: Array.isArray(events) ? events.length : 0 };
  }
  return maskSecrets(body);
}

export function accessLog(logger: ApiLogger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      const state = locals(res);
      const seconds = Number(process.hrtime.bigint() - state.startedAt) / 1e9;
      logger.request({
        user: userOf(req, res),
        ip: clientIp(req.socket.remoteAddress),
        method: req.method,
        path: req.path,
        query: maskSecrets(state.rawQuery),
        body: bodyOf(req, logger),
        seconds,
        // 499 (as nginx logs it): the client closed the connection before any answer was sent.
        status: res.headersSent ? res.statusCode : 499,
        hashAuthContext: state.auth?.hashAuthContext,
      });
    };
    res.once('finish', write);
    res.once('close', write);
    next();
  };
}
