/**
 * Brute-force protection for the login routes: per client IP, at most `max_login_attempts` failed logins within
 * `block_time` seconds of the first one; past that the IP gets 403 (code 6000) on the login routes until
 * `block_time` seconds after it was blocked.
 *
 * An attempt is reserved before the password is checked and refunded when the login succeeds (or fails for a
 * reason that is not a bad credential). Reserving first is what keeps a burst of parallel guesses from getting
 * more than the allowed number of password checks — the weakness behind CVE-2026-26206 in Wazuh. The table of
 * tracked IPs is bounded (least recently seen dropped first) so a spray of addresses cannot grow it forever.
 */
import { WazuhPermissionError } from '../core/errors';

export interface LoginGuardLimits {
  maxAttempts: number;
  /** Seconds. */
  blockTime: number;
}

interface Tracked {
  windowStart: number;
  /** Failed attempts in the window plus attempts in flight. */
  count: number;
  blockedUntil?: number;
}

export interface LoginAttempt {
  /** The credentials were right (or the failure was not a bad credential): the attempt does not count. */
  refund(): void;
  /** The credentials were wrong: the attempt counts, and may block the IP. */
  fail(): void;
}

export class LoginGuard {
  private readonly tracked = new Map<string, Tracked>();

  constructor(
    private readonly limits: () => LoginGuardLimits,
    private readonly options: { maxTrackedIps?: number; now?: () => number; onBlock?: (ip: string) => void } = {},
  ) {}

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /** Reserves an attempt for `ip`, or throws 403/6000 when the IP is blocked or has no attempts left. */
  reserve(ip: string): LoginAttempt {
    const { maxAttempts, blockTime } = this.limits();
    const now = this.now();
    const windowMs = blockTime * 1000;
    let entry = this.tracked.get(ip);
    if (entry) {
      this.tracked.delete(ip); // re-inserted below: the Map's order is the LRU order
      const blockOver = entry.blockedUntil !== undefined && now >= entry.blockedUntil;
      const windowOver = entry.blockedUntil === undefined && now - entry.windowStart >= windowMs;
      if (blockOver || windowOver || entry.count === 0) entry = undefined;
    }
    entry ??= { windowStart: now, count: 0 };
    this.remember(ip, entry);
    if (entry.blockedUntil !== undefined) throw new WazuhPermissionError(6000);
    if (entry.count >= maxAttempts) {
      this.block(ip, entry, now + windowMs);
      throw new WazuhPermissionError(6000);
    }
    entry.count += 1;
    let settled = false;
    const current = entry;
    return {
      refund: () => {
        if (settled) return;
        settled = true;
        current.count = Math.max(0, current.count - 1);
      },
      fail: () => {
        if (settled) return;
        settled = true;
        if (current.count >= maxAttempts && current.blockedUntil === undefined) {
          this.block(ip, current, this.now() + windowMs);
        }
      },
    };
  }

  /** Whether `ip` is blocked right now (for tests and diagnostics). */
  isBlocked(ip: string): boolean {
    const entry = this.tracked.get(ip);
    return entry?.blockedUntil !== undefined && this.now() < entry.blockedUntil;
  }

  private block(ip: string, entry: Tracked, until: number): void {
    entry.blockedUntil = until;
    this.options.onBlock?.(ip);
  }

  private remember(ip: string, entry: Tracked): void {
    const limit = this.options.maxTrackedIps ?? 100_000;
    while (this.tracked.size >= limit) {
      const oldest = this.tracked.keys().next().value as string;
      this.tracked.delete(oldest);
    }
    this.tracked.set(ip, entry);
  }
}
