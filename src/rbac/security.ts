/**
 * The security subsystem as the rest of the server sees it: the `SecurityGate` the HTTP layer calls on every
 * request, plus login, logout, revocation and configuration helpers for the `/security` handlers.
 *
 * Costs are paid once and cached:
 * - the key pair is read once into KeyObjects and replaced only by a rotation;
 * - a verified token is remembered (keyed by its text, until its `exp`), so a client reusing a token pays no
 *   signature check; tokens refused for good are remembered too, so replaying garbage is cheap;
 * - a token's permissions are compiled once per (role list, rbac_mode) and shared by every token with them.
 * Every cache is dropped on any change to the security store, `security.yaml` or the keys.
 */
import { blake2b } from '@noble/hashes/blake2b';
import type { AuthInfo, SecurityGate } from '../api/context';
import { AuthenticationError, WazuhPermissionError } from '../core/errors';
import type { WazuhPaths } from '../core/paths';
import type { RouteDef } from '../../generated/routes';
import { pyTruthy, rolesMatchingContext } from './auth-context';
import { rbacCatalog, resourceTypesOf, type RbacCatalog } from './catalog';
import { SecurityConfigFile, type RbacMode, type SecurityConfig } from './config';
import { CompiledPermissions } from './enforcer';
import { loadOrCreateKeys, rotateKeys, type SigningKeys } from './keys';
import { LoginGuard, type LoginGuardLimits } from './login-guard';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import { mergePolicies } from './permissions';
import { SecurityStore, type UserRow } from './store';
import { buildClaims, hashAuthContext, signToken, TokenRejected, verifyToken, type TokenClaims } from './tokens';

export interface SecurityLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

export interface SecurityOptions {
  paths: WazuhPaths;
  nodeName: string;
  logger?: SecurityLogger;
  /** Defaults to the project's `spec.yaml`. */
  specPath?: string;
  /** `access.max_login_attempts` and `access.block_time` of api.yaml, read on each login (defaults 50 / 300). */
  loginLimits?: () => LoginGuardLimits;
}

/** Path parameters that name the resource a route acts on, with the resource type they carry. */
const PATH_RESOURCE_TYPES: Record<string, string> = {
  agent_id: 'agent:id',
  group_id: 'group:id',
  node_id: 'node:id',
  user_id: 'user:id',
  role_id: 'role:id',
  policy_id: 'policy:id',
  rule_id: 'rule:id',
};

const TOKEN_CACHE_LIMIT = 10_000;
const REJECTED_CACHE_LIMIT = 10_000;
const COMPILED_CACHE_LIMIT = 1_000;

interface CachedToken {
  auth: AuthInfo;
  exp: number;
}

function remember<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  if (map.size >= limit) {
    // Maps iterate in insertion order: drop the oldest tenth.
    let drop = Math.ceil(limit / 10);
    for (const oldest of map.keys()) {
      map.delete(oldest);
      if (--drop === 0) break;
    }
  }
  map.set(key, value);
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

export class SecurityService implements SecurityGate {
  readonly store: SecurityStore;
  readonly nodeName: string;
  /** Brute-force protection of the login routes. */
  readonly loginGuard: LoginGuard;
  private readonly configFile: SecurityConfigFile;
  private readonly paths: WazuhPaths;
  private readonly logger?: SecurityLogger;
  private readonly specPath?: string;
  private keys: SigningKeys;
  private catalogCache?: RbacCatalog;
  private readonly verified = new Map<string, CachedToken>();
  private readonly rejected = new Map<string, true>();
  private readonly inFlight = new Map<string, Promise<AuthInfo>>();
  private readonly compiled = new Map<string, CompiledPermissions>();
  /** Bumped on every change so that verifications started before it do not fill the cache with stale results. */
  private generation = 0;

  constructor(options: SecurityOptions) {
    this.paths = options.paths;
    this.nodeName = options.nodeName;
    this.logger = options.logger;
    this.specPath = options.specPath;
    this.configFile = new SecurityConfigFile(options.paths.api.securityYaml);
    this.keys = loadOrCreateKeys(options.paths.api.privateKey, options.paths.api.publicKey);
    this.store = new SecurityStore(options.paths.api.rbacDb);
    this.store.onChange(() => this.flush());
    const limits = options.loginLimits ?? (() => ({ maxAttempts: 50, blockTime: 300 }));
    this.loginGuard = new LoginGuard(limits, {
      onBlock: (ip) => this.logger?.warn(`IP blocked due to exceeded number of logins attempts: ${ip}`),
    });
  }

  close(): void {
    this.store.close();
  }

  get config(): SecurityConfig {
    return this.configFile.current;
  }

  get catalog(): RbacCatalog {
    this.catalogCache ??= rbacCatalog(this.specPath);
    return this.catalogCache;
  }

  /** Forgets every cached token and permission set. */
  flush(): void {
    this.generation += 1;
    this.verified.clear();
    this.rejected.clear();
    this.inFlight.clear();
    this.compiled.clear();
  }

  // ---- login -------------------------------------------------------------------------------------------------

  /** The user when the password matches; undefined otherwise (with the same work done for unknown names). */
  async checkCredentials(username: string, password: string): Promise<UserRow | undefined> {
    const user = this.store.userByName(username);
    if (!user) {
      await verifyAgainstDecoy(password);
      return undefined;
    }
    return (await verifyPassword(user.password, password)) ? user : undefined;
  }

  /** Basic-credential login: a token carrying the user's roles, or 401 "Invalid credentials". */
  async login(username: string, password: string): Promise<string> {
    const user = await this.checkCredentials(username, password);
    if (!user) throw new AuthenticationError('Invalid credentials');
    return this.issueToken(user, { roleIds: this.store.roleIdsOfUser(user.id) });
  }

  /**
   * run_as login: Basic credentials plus an authorization context. For a user allowed to use run_as, the token
   * carries the roles whose security rules match the context; a user without the flag gets 6004 (403). As in
   * Wazuh, an empty context (`{}`) falls back to the user's own roles but still yields a run_as token.
   */
  async runAsLogin(username: string, password: string, context: unknown): Promise<string> {
    const user = await this.checkCredentials(username, password);
    if (!user) throw new AuthenticationError('Invalid credentials');
    const hasContext = pyTruthy(context);
    if (hasContext && !user.allow_run_as) throw new WazuhPermissionError(6004);
    const roleIds =
      hasContext && user.allow_run_as ? rolesMatchingContext(this.store, context, user.id) : this.store.roleIdsOfUser(user.id);
    return this.issueToken(user, { roleIds, authContext: context ?? undefined });
  }

  /**
   * Runs a login under the brute-force guard of `ip`: the attempt is reserved first (403/6000 when none is left),
   * counted when the credentials are wrong, refunded otherwise.
   */
  async guardedLogin<T>(ip: string, login: () => Promise<T>): Promise<T> {
    const attempt = this.loginGuard.reserve(ip);
    try {
      const result = await login();
      attempt.refund();
      return result;
    } catch (error) {
      if (error instanceof AuthenticationError) attempt.fail();
      else attempt.refund();
      throw error;
    }
  }

  /**
   * Signs a token for `user` with the given roles. With `authContext` it is a run_as token carrying the hash of
   * that context.
   */
  async issueToken(user: UserRow, options: { roleIds: number[]; authContext?: unknown }): Promise<string> {
    const { auth_token_exp_timeout: lifetime, rbac_mode: mode } = this.config;
    const runAs = options.authContext !== undefined;
    const claims = buildClaims({
      username: user.username,
      roleIds: options.roleIds,
      mode,
      lifetime,
      runAs,
      hashAuthContext: runAs ? hashAuthContext(options.authContext, (d) => blake2b(d, { dkLen: 16 })) : undefined,
    });
    return signToken(claims, this.keys.privateKey);
  }

  // ---- the gate ----------------------------------------------------------------------------------------------

  authenticateBearer(token: string): Promise<AuthInfo> {
    const cached = this.verified.get(token);
    if (cached) {
      if (Date.now() / 1000 < cached.exp) return Promise.resolve(cached.auth);
      this.verified.delete(token);
    }
    if (this.rejected.has(token)) return Promise.reject(new AuthenticationError('Invalid token'));
    const pending = this.inFlight.get(token);
    if (pending) return pending;
    const generation = this.generation;
    const work = this.verifyUncached(token, generation).finally(() => {
      if (this.inFlight.get(token) === work) this.inFlight.delete(token);
    });
    this.inFlight.set(token, work);
    return work;
  }

  private async verifyUncached(token: string, generation: number): Promise<AuthInfo> {
    let claims: TokenClaims;
    const key = this.keys.publicKey;
    try {
      claims = await verifyToken(token, key);
    } catch (error) {
      if (error instanceof TokenRejected && error.permanent && generation === this.generation) {
        remember(this.rejected, token, true, REJECTED_CACHE_LIMIT);
      }
      this.logger?.debug(`Bearer token refused: ${error instanceof Error ? error.message : String(error)}`);
      throw new AuthenticationError('Invalid token');
    }
    // Keys and store may have changed while the signature was being checked: look again now.
    if (key !== this.keys.publicKey || !this.tokenStillValid(claims)) throw new AuthenticationError('Invalid token');
    const { rbac_mode: mode, auth_token_exp_timeout: lifetime } = this.config;
    if (claims.rbac_mode !== mode || claims.exp - claims.nbf !== lifetime) {
      throw new AuthenticationError('Token expired');
    }
    const auth: AuthInfo = {
      username: claims.sub,
      roleIds: claims.rbac_roles,
      runAs: claims.run_as,
      rbacMode: claims.rbac_mode,
      notBefore: claims.nbf,
      expires: claims.exp,
    };
    if (claims.hash_auth_context !== undefined) auth.hashAuthContext = claims.hash_auth_context;
    // Compile now, off the hot path of the first authorised request.
    this.permissionsOf(auth);
    if (generation === this.generation) remember(this.verified, token, { auth, exp: claims.exp }, TOKEN_CACHE_LIMIT);
    return auth;
  }

  /**
   * The checks against the store: the user exists; unless it may use run_as, its current roles are the token's;
   * no blacklist rule issued at or after the token's `nbf` covers the user, one of its roles (current or carried
   * by the token), or — for run_as tokens — all run_as tokens.
   *
   * (Wazuh checks the blacklists only once per role currently linked to the user, so a user without roles escapes
   * them; here the user's own rule always applies.)
   */
  private tokenStillValid(claims: TokenClaims): boolean {
    const user = this.store.userByName(claims.sub);
    if (!user) return false;
    const currentRoles = this.store.roleIdsOfUser(user.id);
    if (!user.allow_run_as && !sameSet(currentRoles, claims.rbac_roles)) return false;
    const rules = this.store.blacklists();
    const revoked = (until: number | undefined) => until !== undefined && claims.nbf <= until;
    if (revoked(rules.users.get(user.id))) return false;
    for (const roleId of new Set([...currentRoles, ...claims.rbac_roles])) {
      if (revoked(rules.roles.get(roleId))) return false;
    }
    if (claims.run_as && revoked(rules.runAs)) return false;
    return true;
  }

  /** The compiled permissions of a token (or of a role list under a mode). */
  permissionsOf(auth: Pick<AuthInfo, 'roleIds' | 'rbacMode'>): CompiledPermissions {
    return this.permissionsFor(auth.roleIds, auth.rbacMode);
  }

  permissionsFor(roleIds: readonly number[], mode: RbacMode): CompiledPermissions {
    const key = `${mode}|${roleIds.join(',')}`;
    let permissions = this.compiled.get(key);
    if (!permissions) {
      const policies = roleIds.flatMap((roleId) => this.store.policiesOfRole(roleId).map((row) => row.policy));
      permissions = new CompiledPermissions(mergePolicies(policies), mode);
      remember(this.compiled, key, permissions, COMPILED_CACHE_LIMIT);
    }
    return permissions;
  }

  /**
   * Route-level check, before any handler runs. It refuses only where Wazuh's own resource check would refuse
   * whatever the request holds:
   * - every action of the route is resourceless (`*:*`) and none is allowed;
   * - the path names the resource (`/agents/{agent_id}/...`) and no action of the route is allowed on any
   *   resource of its types.
   * List routes without a resource in the path pass: Wazuh answers them with the (possibly empty) allowed subset,
   * and 403 only for an explicit list that is entirely denied — that is the framework helper's job.
   */
  authorizeRoute(auth: AuthInfo, route: RouteDef): void {
    if (route.rbacActions.length === 0) return;
    const permissions = this.permissionsOf(auth);
    const typesByAction = route.rbacActions.map((action) => resourceTypesOf(this.catalog, action));
    if (route.rbacActions.some((action, i) => permissions.mayPerform(action, typesByAction[i]))) return;
    const allTypes = new Set(typesByAction.flat().map((type) => (type === 'agent:group' ? 'agent:id' : type)));
    if ([...allTypes].every((type) => type === '*:*')) {
      throw new WazuhPermissionError(4000, { extra: 'Resource type: *:*' });
    }
    for (const [param, type] of Object.entries(PATH_RESOURCE_TYPES)) {
      if (route.path.includes(`{${param}}`) && allTypes.has(type)) {
        throw new WazuhPermissionError(4000, { extra: `Resource type: ${type}` });
      }
    }
  }

  // ---- revocation and configuration --------------------------------------------------------------------------

  /** Logout: every token of this user issued up to now stops working. */
  revokeUserTokens(username: string): void {
    const user = this.store.userByName(username);
    if (!user) return;
    this.store.invalidateTokens({ users: [user.id] }, this.config.auth_token_exp_timeout);
  }

  /** Invalidates every token at once: a new key pair, and the blacklists (now pointless) emptied. */
  revokeAllTokens(): void {
    this.keys = rotateKeys(this.paths.api.privateKey, this.paths.api.publicKey);
    this.store.clearBlacklists();
    this.flush();
    this.logger?.info('All API tokens were revoked (new signing key pair)');
  }

  /** Replaces `security.yaml` with exactly the keys given, then revokes every token. */
  replaceConfig(partial: Partial<SecurityConfig>): SecurityConfig {
    const updated = this.configFile.replace(partial);
    this.revokeAllTokens();
    return updated;
  }

  resetConfig(): SecurityConfig {
    const updated = this.configFile.reset();
    this.revokeAllTokens();
    return updated;
  }
}

export function createSecurity(options: SecurityOptions): SecurityService {
  return new SecurityService(options);
}
