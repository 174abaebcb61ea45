/**
 * Request rate limits. Wazuh counts every request of every client in one process-wide window, so one noisy
 * client locks everybody out; here each client address has its own window (same fixed 60 s window started by
 * its first request, same 429 bodies), plus a separate window for `POST /events`.
 */
import type { NextFunction, Request, Response } from 'express';
import { WazuhTooManyRequests } from '../../core/errors';
import { clientIp } from '../locals';

const WINDOW_MS = 60_000;
/** Wazuh's fixed limit of `POST /events` requests per minute. */
export const EVENTS_PER_MINUTE = 30;

interface Window {
  start: number;
  count: number;
}

/**
 * Fixed one-minute windows per key. Memory stays bounded: past `maxTracked` keys the least recently started
 * window is dropped (a Map iterates in insertion order, and a key is re-inserted when its window restarts).
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly maxTracked = 50_000,
    private readonly windowMs = WINDOW_MS,
  ) {}

  /** Counts a request; returns the seconds to wait when it is over the limit, or 0 when it may proceed. */
  hit(key: string, now = Date.now()): number {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.delete(key);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > this.maxTracked) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
    }
    window.count += 1;
    if (window.count <= this.limit) return 0;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  get tracked(): number {
    return this.windows.size;
  }
}

export function rateLimit(maxRequestPerMinute: number) {
  const general = maxRequestPerMinute > 0 ? new FixedWindowCounter(maxRequestPerMinute) : undefined;
  const events = new FixedWindowCounter(EVENTS_PER_MINUTE);
  return (req: Request, res: Response, next: NextFunction): void => {
    const ip = clientIp(req.socket.remoteAddress);
    const wait = general?.hit(ip) ?? 0;
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new WazuhTooManyRequests(6001);
    }
    if (req.method === 'POST' && req.path === '/events') {
      const eventsWait = events.hit(ip);
      if (eventsWait > 0) {
        res.setHeader('Retry-After', String(eventsWait));
        throw new WazuhTooManyRequests(6005);
      }
    }
    next();
  };
}
