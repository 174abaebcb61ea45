/**
 * Authentication, after routing and before validation. Bearer routes must carry a token the security gate
 * accepts; Basic routes (login) only get their credentials decoded here, the security handlers verify them.
 * The 401 texts are Wazuh's.
 */
import type { NextFunction, Request, Response } from 'express';
import { AuthenticationError } from '../../core/errors';
import type { BasicCredentials, SecurityGate } from '../context';
import { locals } from '../locals';

/** Decodes `Basic <base64(user:password)>`; throws the 401 Wazuh gives for an unreadable header. */
export function parseBasic(header: string): BasicCredentials {
  const [, value] = header.split(/\s+/, 2);
  const decoded = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (!value || colon < 0) throw new AuthenticationError('Invalid authorization header');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Splits `<scheme> <value>`; a header without both parts is unreadable. */
function schemeOf(header: string): { scheme: string; value: string } {
  const match = /^\s*(\S+)\s+(\S.*?)\s*$/.exec(header);
  if (!match) throw new AuthenticationError('Invalid authorization header');
  return { scheme: match[1].toLowerCase(), value: match[2] };
}

export function authenticate(security: SecurityGate) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const state = locals(res);
    const header = req.headers.authorization;
    if (!header) throw new AuthenticationError('No authorization token provided');
    const { scheme, value } = schemeOf(header);
    if (state.route?.auth === 'basic') {
      if (scheme !== 'basic') throw new AuthenticationError('No authorization token provided');
      state.credentials = parseBasic(header);
    } else {
      if (scheme !== 'bearer') throw new AuthenticationError('No authorization token provided');
      state.auth = await security.authenticateBearer(value);
    }
    next();
  };
}
