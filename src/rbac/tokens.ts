/**
 * JWTs as the Wazuh API issues and accepts them: ES512 (ECDSA P-521 with SHA-512) only, audience
 * `Wazuh API REST`, `nbf`/`exp` enforced with no leeway, issuer written but not checked.
 *
 * Signing and signature checks go through node:crypto's asynchronous `sign`/`verify`, which run on libuv's thread
 * pool: a P-521 operation costs about 1 ms of CPU, and doing it on the event loop would let a flood of bogus
 * tokens stall every other request. Everything cheap (shape, header, claims) is checked before any crypto, and
 * the algorithm is pinned here rather than read from the token, so `alg: none`, HMAC with the public key as
 * secret, RSA or another curve can never be selected by a caller.
 */
import { KeyObject, createHash, sign as signAsync, verify as verifyAsync } from 'node:crypto';
import type { RbacMode } from './config';
import { pythonJsonDumps } from '../core/pyjson';

export const JWT_ISSUER = 'wazuh';
export const JWT_AUDIENCE = 'Wazuh API REST';
export const JWT_ALGORITHM = 'ES512';
/** A P-521 signature in JWS form is r || s, 66 bytes each. */
const ES512_SIGNATURE_BYTES = 132;
/** Far above any token we issue (about 420 characters); bounds the work spent on garbage. */
export const MAX_TOKEN_LENGTH = 8192;

export interface TokenClaims {
  iss: string;
  aud: string;
  nbf: number;
  exp: number;
  sub: string;
  run_as: boolean;
  rbac_roles: number[];
  rbac_mode: RbacMode;
  hash_auth_context?: string;
}

/** Why a token was refused; every one of these is answered 401 "Invalid token". */
export class TokenRejected extends Error {
  constructor(
    readonly reason: string,
    /** True when the token can never become valid under the current key (cacheable). */
    readonly permanent: boolean,
  ) {
    super(reason);
    this.name = 'TokenRejected';
  }
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodeJsonSegment(segment: string): unknown {
  if (!BASE64URL.test(segment)) throw new TokenRejected('segment is not base64url', true);
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new TokenRejected('segment is not JSON', true);
  }
}

/** The `hash_auth_context` claim: BLAKE2b with a 16-byte digest over Python's `json.dumps` of the context. */
export function hashAuthContext(context: unknown, blake2b: (data: Uint8Array) => Uint8Array): string {
  return Buffer.from(blake2b(Buffer.from(pythonJsonDumps(context), 'utf8'))).toString('hex');
}

/** Builds the claims for a new token, in the key order Wazuh writes them. */
export function buildClaims(input: {
  username: string;
  roleIds: number[];
  mode: RbacMode;
  lifetime: number;
  runAs: boolean;
  hashAuthContext?: string;
  nowSeconds?: number;
}): TokenClaims {
  const nbf = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const claims: TokenClaims = {
    iss: JWT_ISSUER,
    aud: JWT_AUDIENCE,
    nbf,
    exp: nbf + input.lifetime,
    sub: input.username,
    run_as: input.runAs,
    rbac_roles: [...input.roleIds],
    rbac_mode: input.mode,
  };
  if (input.hashAuthContext !== undefined) claims.hash_auth_context = input.hashAuthContext;
  return claims;
}

export async function signToken(claims: TokenClaims, privateKey: KeyObject): Promise<string> {
  // Same bytes as PyJWT: sorted compact header, compact payload in insertion order, ASCII-escaped.
  const header = base64url('{"alg":"ES512","typ":"JWT"}');
  const payload = base64url(pythonJsonDumps(claims, true));
  const input = `${header}.${payload}`;
  const signature = await new Promise<Buffer>((resolve, reject) =>
    signAsync('sha512', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }, (err, sig) =>
      err ? reject(err) : resolve(sig),
    ),
  );
  return `${input}.${base64url(signature)}`;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Claim checks (audience, expiry, not-before) with no leeway, as PyJWT applies them. */
function checkClaims(payload: Record<string, unknown>, nowSeconds: number): TokenClaims {
  const aud = payload.aud;
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : undefined;
  if (!audiences || !audiences.every((a) => typeof a === 'string') || !audiences.includes(JWT_AUDIENCE)) {
    throw new TokenRejected('bad audience', true);
  }
  if (!isInteger(payload.exp)) throw new TokenRejected('missing or malformed exp', true);
  if (payload.exp <= nowSeconds) throw new TokenRejected('expired', true);
  if (payload.nbf !== undefined) {
    if (!isInteger(payload.nbf)) throw new TokenRejected('malformed nbf', true);
    if (payload.nbf > nowSeconds) throw new TokenRejected('not yet valid', false);
  }
  if (payload.iat !== undefined && !isInteger(payload.iat)) throw new TokenRejected('malformed iat', true);
  const roles = payload.rbac_roles;
  if (
    typeof payload.sub !== 'string' ||
    !isInteger(payload.nbf) ||
    typeof payload.run_as !== 'boolean' ||
    !Array.isArray(roles) ||
    !roles.every((role) => Number.isInteger(role)) ||
    (payload.rbac_mode !== 'white' && payload.rbac_mode !== 'black') ||
    (payload.hash_auth_context !== undefined && typeof payload.hash_auth_context !== 'string')
  ) {
    throw new TokenRejected('claims missing or malformed', true);
  }
  return payload as unknown as TokenClaims;
}

/**
 * Checks shape, header, signature and claims. Resolves with the claims or rejects with `TokenRejected`.
 * `nowSeconds` may be fractional: a token is expired from the instant `exp` is reached.
 */
export async function verifyToken(
  token: string,
  publicKey: KeyObject,
  nowSeconds: number = Date.now() / 1000,
): Promise<TokenClaims> {
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenRejected('token too long', true);
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenRejected('not a JWS compact token', true);
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeJsonSegment(headerPart);
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new TokenRejected('header is not an object', true);
  }
  if ((header as Record<string, unknown>).alg !== JWT_ALGORITHM) throw new TokenRejected('algorithm not allowed', true);
  const payload = decodeJsonSegment(payloadPart);
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new TokenRejected('payload is not an object', true);
  }
  if (!BASE64URL.test(signaturePart)) throw new TokenRejected('signature is not base64url', true);
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== ES512_SIGNATURE_BYTES) throw new TokenRejected('signature has the wrong size', true);
  // Claims are checked before the costly signature check; the order does not change the answer.
  const claims = checkClaims(payload as Record<string, unknown>, nowSeconds);
  const valid = await new Promise<boolean>((resolve) =>
    verifyAsync(
      'sha512',
      Buffer.from(`${headerPart}.${payloadPart}`),
      { key: publicKey, dsaEncoding: 'ieee-p1363' },
      signature,
      (err, ok) => resolve(!err && ok),
    ),
  );
  if (!valid) throw new TokenRejected('bad signature', true);
  return claims;
}

/** SHA-256 of a token, for log lines and cache keys that must not hold the bearer secret itself. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}
