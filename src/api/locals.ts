/** What the middlewares leave for each other on `res.locals`, typed in one place. */
import type { Response } from 'express';
import type { RouteDef } from '../../generated/routes';
import type { AuthInfo, BasicCredentials } from './context';

export interface ApiLocals {
  requestId: string;
  startedAt: bigint;
  /** The query string as the client sent it (parsed, before coercion), for the access log. */
  rawQuery: Record<string, unknown>;
  route?: RouteDef;
  auth?: AuthInfo;
  credentials?: BasicCredentials;
  /** `pretty=true`: indent JSON bodies with 3 spaces. */
  pretty?: boolean;
}

export function locals(res: Response): ApiLocals {
  return res.locals as ApiLocals;
}

/** The client's address, IPv4 shown without the IPv6 mapping prefix. */
export function clientIp(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
