/**
 * What a handler receives. Handlers are thin: they read `params`, call one framework function (through DAPI) and
 * return a result from `src/core/results`. They never see express objects.
 */
import type { OperationResult } from '../core/results';
import type { RouteDef } from '../../generated/routes';
import type { Services } from '../services';

/** Who is calling, as established by the authentication layer (JWT bearer or HTTP Basic on the login routes). */
export interface AuthInfo {
  username: string;
  /** Role ids the token carries, in priority order. */
  roleIds: number[];
  runAs: boolean;
  rbacMode: 'white' | 'black';
  /** Present for run_as tokens: the hash of the authorization context. */
  hashAuthContext?: string;
  /** The token's `nbf` and `exp` (seconds since the epoch), absent for Basic-authenticated requests. */
  notBefore?: number;
  expires?: number;
}

export interface RequestParams {
  /** Path parameters, already validated against the spec. */
  path: Record<string, string>;
  /** Query parameters, validated and coerced (numbers, booleans, arrays) with spec defaults filled in. */
  query: Record<string, unknown>;
  body: unknown;
  /** Request headers, lower-cased names. */
  headers: Record<string, string | string[] | undefined>;
}

/** The decoded HTTP Basic credentials of a login route (`auth: 'basic'`), not yet verified. */
export interface BasicCredentials {
  username: string;
  password: string;
}

export interface RequestContext {
  route: RouteDef;
  params: RequestParams;
  /** Set on bearer (`auth: 'jwt'`) routes once the token has been verified. */
  auth?: AuthInfo;
  /** Set on Basic (`auth: 'basic'`) routes: the security handlers verify them. */
  credentials?: BasicCredentials;
  services: Services;
  clientIp: string;
  requestId: string;
  /** Aborted when the request's deadline (`intervals.request_timeout`) passes or the client goes away. */
  signal: AbortSignal;
}

/**
 * What the HTTP layer needs from the security subsystem (implemented in `src/rbac`). Both methods throw: an
 * `AuthenticationError` (401) or a `WazuhPermissionError` with code 4000 (403).
 */
export interface SecurityGate {
  /** Verifies a bearer token (signature, ES512 only, audience, expiry, revocation, rbac_mode and lifetime). */
  authenticateBearer(token: string): Promise<AuthInfo>;
  /** Route-level RBAC: refuses when the caller may perform none of `route.rbacActions` on any resource. */
  authorizeRoute(auth: AuthInfo, route: RouteDef): void;
}

export type Handler = (ctx: RequestContext) => Promise<OperationResult>;

/** Each module of `handlers/` exports `handlers`, keyed by the spec's operationId. */
export type HandlerModule = { handlers: Record<string, Handler> };
