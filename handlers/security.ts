/**
 * `/security` operations: map the request onto one framework function of `src/framework/security.ts`.
 * Login routes carry HTTP Basic credentials (decoded by the HTTP layer) and run under the brute-force guard.
 */
import type { Handler, RequestContext } from '../src/api/context';
import { AuthenticationError, WazuhInternalError } from '../src/core/errors';
import { list, listParams } from './params';
import { RawResult, WazuhResult } from '../src/core/results';
import * as framework from '../src/framework/security';
import { SecurityService } from '../src/rbac/security';
import type { SecurityConfig } from '../src/rbac/config';
import { routes } from '../generated/routes';

function securityOf(ctx: RequestContext): SecurityService {
  const security = (ctx.services as unknown as { security?: unknown }).security;
  if (!(security instanceof SecurityService)) throw new WazuhInternalError(1000);
  return security;
}

function authOf(ctx: RequestContext) {
  if (!ctx.auth) throw new AuthenticationError('No authorization token provided');
  return ctx.auth;
}

/** The Basic credentials the HTTP layer decoded on `auth: basic` routes. */
function credentialsOf(ctx: RequestContext): { username: string; password: string } {
  const credentials = (ctx as RequestContext & { credentials?: { username: string; password: string } }).credentials;
  if (!credentials) throw new AuthenticationError('Invalid credentials');
  return credentials;
}

const query = (ctx: RequestContext) => ctx.params.query;
const body = (ctx: RequestContext) => (ctx.params.body ?? {}) as Record<string, unknown>;

/** Ids from a query list; `all` (or nothing) means every object. */
function idsOf(value: unknown): number[] | undefined {
  const items = list(value);
  if (!items || items.length === 0 || items.includes('all')) return undefined;
  return items.map(Number);
}

const optionalNumber = (value: unknown) => (value === undefined || value === null ? undefined : Number(value));

function tokenAnswer(ctx: RequestContext, token: string) {
  return query(ctx).raw === true ? new RawResult(token, 'text/plain') : new WazuhResult({ data: { token } });
}

const login: Handler = async (ctx) => {
  const security = securityOf(ctx);
  const { username, password } = credentialsOf(ctx);
  const token = await security.guardedLogin(ctx.clientIp, () => security.login(username, password));
  return tokenAnswer(ctx, token);
};

const run_as_login: Handler = async (ctx) => {
  const security = securityOf(ctx);
  const { username, password } = credentialsOf(ctx);
  const context = ctx.params.body ?? undefined;
  const token = await security.guardedLogin(ctx.clientIp, () => security.runAsLogin(username, password, context));
  return tokenAnswer(ctx, token);
};

const configBody = (ctx: RequestContext) => body(ctx) as Partial<SecurityConfig>;

export const handlers: Record<string, Handler> = {
  login_user: login,
  deprecated_login_user: login,
  run_as_login,
  logout_user: async (ctx) => framework.logout(securityOf(ctx), authOf(ctx)),
  get_user_me: async (ctx) => framework.getUserMe(securityOf(ctx), authOf(ctx)),
  get_user_me_policies: async (ctx) => framework.getUserMePolicies(securityOf(ctx), authOf(ctx)),
  revoke_all_tokens: async (ctx) => framework.revokeAllTokens(securityOf(ctx), authOf(ctx)),
  edit_run_as: async (ctx) =>
    framework.editRunAs(securityOf(ctx), authOf(ctx), Number(ctx.params.path.user_id), query(ctx).allow_run_as === true),
  get_rbac_actions: async (ctx) =>
    framework.getRbacActions(securityOf(ctx), routes, query(ctx).endpoint as string | undefined),
  get_rbac_resources: async (ctx) => framework.getRbacResources(securityOf(ctx), query(ctx).resource as string | undefined),

  get_users: (ctx) => framework.getUsers(securityOf(ctx), authOf(ctx), idsOf(query(ctx).user_ids), listParams(query(ctx))),
  create_user: (ctx) =>
    framework.createUser(securityOf(ctx), authOf(ctx), String(body(ctx).username), String(body(ctx).password)),
  delete_users: (ctx) => framework.deleteUsers(securityOf(ctx), authOf(ctx), idsOf(query(ctx).user_ids)),
  update_user: (ctx) =>
    framework.updateUser(
      securityOf(ctx),
      authOf(ctx),
      Number(ctx.params.path.user_id),
      body(ctx).password as string | undefined,
    ),

  get_roles: (ctx) => framework.getRoles(securityOf(ctx), authOf(ctx), idsOf(query(ctx).role_ids), listParams(query(ctx))),
  add_role: async (ctx) => framework.addRole(securityOf(ctx), authOf(ctx), String(body(ctx).name)),
  remove_roles: (ctx) => framework.removeRoles(securityOf(ctx), authOf(ctx), idsOf(query(ctx).role_ids)),
  update_role: (ctx) =>
    framework.updateRole(securityOf(ctx), authOf(ctx), Number(ctx.params.path.role_id), body(ctx).name as string),

  get_rules: (ctx) => framework.getRules(securityOf(ctx), authOf(ctx), idsOf(query(ctx).rule_ids), listParams(query(ctx))),
  add_rule: async (ctx) => framework.addRule(securityOf(ctx), authOf(ctx), String(body(ctx).name), body(ctx).rule),
  remove_rules: (ctx) => framework.removeRules(securityOf(ctx), authOf(ctx), idsOf(query(ctx).rule_ids)),
  update_rule: (ctx) =>
    framework.updateRule(
      securityOf(ctx),
      authOf(ctx),
      Number(ctx.params.path.rule_id),
      body(ctx).name as string | undefined,
      body(ctx).rule,
    ),

  get_policies: (ctx) =>
    framework.getPolicies(securityOf(ctx), authOf(ctx), idsOf(query(ctx).policy_ids), listParams(query(ctx))),
  add_policy: async (ctx) =>
    framework.addPolicy(securityOf(ctx), authOf(ctx), String(body(ctx).name), body(ctx).policy),
  remove_policies: (ctx) => framework.removePolicies(securityOf(ctx), authOf(ctx), idsOf(query(ctx).policy_ids)),
  update_policy: (ctx) =>
    framework.updatePolicy(
      securityOf(ctx),
      authOf(ctx),
      Number(ctx.params.path.policy_id),
      body(ctx).name as string | undefined,
      body(ctx).policy,
    ),

  set_user_role: (ctx) =>
    framework.setUserRole(
      securityOf(ctx),
      authOf(ctx),
      Number(ctx.params.path.user_id),
      idsOf(query(ctx).role_ids) ?? [],
      optionalNumber(query(ctx).position),
    ),
  remove_user_role: (ctx) =>
    framework.removeUserRole(
      securityOf(ctx),
      authOf(ctx),
      Number(ctx.params.path.user_id),
      idsOf(query(ctx).role_ids),
    ),
  set_role_policy: (ctx) =>
    framework.setRolePolicy(
      securityOf(ctx),
      authOf(ctx),
      Number(ctx.params.path.role_id),
      idsOf(query(ctx).policy_ids) ?? [],
      optionalNumber(query(ctx).position),
    ),
  remove_role_policy: (ctx) =>
    framework.removeRolePolicy(
      securityOf(ctx),
      authOf(ctx),
      Number(ctx.params.path.role_id),
      idsOf(query(ctx).policy_ids),
    ),
  set_role_rule: (ctx) =>
    framework.setRoleRule(securityOf(ctx), authOf(ctx), Number(ctx.params.path.role_id), idsOf(query(ctx).rule_ids) ?? []),
  remove_role_rule: (ctx) =>
    framework.removeRoleRule(
      securityOf(ctx),
      authOf(ctx),
      Number(ctx.params.path.role_id),
      idsOf(query(ctx).rule_ids),
    ),

  get_security_config: async (ctx) => framework.getSecurityConfig(securityOf(ctx), authOf(ctx)),
  put_security_config: async (ctx) => framework.updateSecurityConfig(securityOf(ctx), authOf(ctx), configBody(ctx)),
  delete_security_config: async (ctx) => framework.updateSecurityConfig(securityOf(ctx), authOf(ctx), undefined),
};
